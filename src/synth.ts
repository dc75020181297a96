/**
 * Defines and synthesizes an app for the command line: a configuration or validation error is
 * printed as the message it is (construct path, field path, fix), never as a stack trace, and
 * the process exits 1 before anything is written (cdk8s validates before it writes).
 */
import { App, type AppProps } from 'cdk8s';

export function synthOrExit(define: (app: App) => void, props: AppProps = {}): void {
  try {
    const app = new App(props);
    define(app);
    app.synth();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`cdk8s-lifecycle: synth failed\n${message}\n`);
    process.exitCode = 1;
  }
}
