/**
 * Synthesizing from the command line: a props, usage or validation error is printed as the
 * message it is (construct path, prop or field path, fix), without a stack trace (any other error,
 * a bug, with its stack), and the process exits 1 before anything is written (cdk8s validates
 * before it writes).
 *
 * `synthOrExit` is for an app's `main.ts`; `cdk8s-lifecycle synth` gets the same output from an
 * unchanged `main.ts` that calls `app.synth()` (see `synth-cli/app-preload.ts`).
 */
import { App, type AppProps } from 'cdk8s';
import { describeSynthError } from './synth-error';

/**
 * Synthesizes `app`, or prints why it cannot and sets the exit status to 1.
 *
 * Pass a function that defines the app's charts rather than a defined app when the props of the
 * constructs may be wrong: our constructs check their props when they are created, before an
 * already-defined app could be handed over, so only the function form reports those errors
 * without a stack.
 *
 *     synthOrExit(app => new ShopChart(app, 'shop'));
 */
export function synthOrExit(app: App): void;
/**
 * @param define adds the charts to the app
 * @param props for the `App`; `outdir` comes from `CDK8S_OUTDIR` (as set by `cdk8s synth`)
 * when not given
 */
export function synthOrExit(define: (app: App) => void, props?: AppProps): void;
export function synthOrExit(appOrDefine: App | ((app: App) => void), props: AppProps = {}): void {
  try {
    if (typeof appOrDefine === 'function') {
      const app = new App(props);
      appOrDefine(app);
      app.synth();
    } else {
      appOrDefine.synth();
    }
  } catch (err) {
    process.stderr.write(`${describeSynthError(err)}\n`);
    process.exitCode = 1;
  }
}
