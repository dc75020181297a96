/**
 * Loaded into the app's node processes by `cdk8s-lifecycle synth` (`NODE_OPTIONS=--require ...`),
 * so that an unchanged `main.ts` ending in `app.synth()` reports a construct's bad props or a
 * failed validation as `synthOrExit` does: the message (construct path, prop, fix) and exit
 * status 1, instead of node's source excerpt, stack, the error object again and cdk8s-cli's own
 * trace. Other errors keep their stack.
 *
 * Active only where cdk8s-cli runs the app (it sets `CDK8S_OUTDIR`), not in cdk8s-cli itself.
 */
import { describeSynthError } from '../synth-error';

if (process.env.CDK8S_OUTDIR !== undefined) {
  // An unhandled rejection (an async main) reaches this too: node raises it as an uncaught exception.
  process.on('uncaughtException', err => {
    // stderr is a pipe or a terminal: writes are synchronous on Linux and macOS, so exit loses nothing.
    process.stderr.write(`${describeSynthError(err)}\n`);
    process.exit(1);
  });
}
