/**
 * cdk8s-cli's `cdk8s synth`, run by `cdk8s-lifecycle synth` so that everything the project's
 * cdk8s.yaml configures (the app, validation plugins, plugin directory, Helm output) behaves as
 * it does under `cdk8s synth`. What it prints is passed on line by line, with two changes: the
 * staging folder is named as the output folder it becomes, and cdk8s-cli's own stack traces are
 * left out (the error message above them stays; so does every line the app printed).
 */
import * as path from 'path';

/** How to start cdk8s-cli: `node <bin>` for the project's copy, or `cdk8s` from PATH. */
export interface Cdk8sCli {
  readonly command: string;
  readonly args: readonly string[];
  /** For messages: where it was found. */
  readonly origin: string;
}

/** The project's cdk8s-cli (its devDependency), else the one beside this package, else `cdk8s` on PATH (a global install). */
export function findCdk8sCli(projectDir: string): Cdk8sCli {
  for (const paths of [[projectDir], [__dirname]]) {
    try {
      const pkgJson = require.resolve('cdk8s-cli/package.json', { paths });
      const pkg = require(pkgJson) as { bin?: string | Record<string, string> };
      const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.cdk8s;
      if (bin) return { command: process.execPath, args: [path.join(path.dirname(pkgJson), bin)], origin: path.dirname(pkgJson) };
    } catch {
      // not installed there
    }
  }
  return { command: 'cdk8s', args: [], origin: 'PATH' };
}

/** A stack frame line of a V8 stack trace. */
const STACK_FRAME = /^\s+at .+/;

/**
 * cdk8s-cli's error for an app that exited non-zero (util.ts `shell`):
 * `Error: command "node main.js " at /project returned a non-zero exit code 1`.
 */
const APP_FAILED = /^Error: command "(.*)" at .* returned a non-zero exit code (\S+)$/;

/** What the filter learned from cdk8s-cli's stderr. */
export interface StderrVerdict {
  /** The app's exit status, when cdk8s-cli reported that the app failed. */
  readonly appExitStatus?: string;
  /** cdk8s-cli reported that a validation plugin failed the synth. */
  readonly validationFailed: boolean;
}

/**
 * Passes cdk8s-cli's stderr on, line by line, without cdk8s-cli's trailing error trace: stack
 * frames are held back until a line that is not a frame shows they belonged to the app's own
 * output (an unexpected error's stack is kept), and frames still held when cdk8s-cli exits with a
 * failure are its own trace, as is its "command ... returned a non-zero exit code" line, which the
 * verdict reports instead.
 */
export class StderrFilter {
  private held: string[] = [];
  private appExitStatus?: string;
  private validationFailed = false;

  constructor(private readonly emit: (line: string) => void) {}

  public line(text: string): void {
    const failure = APP_FAILED.exec(text);
    if (failure) {
      this.flush();
      this.held.push(text);
      this.appExitStatus = failure[2];
      return;
    }
    if (STACK_FRAME.test(text)) {
      this.held.push(text);
      return;
    }
    if (text.startsWith('Validation failed. See above reports')) this.validationFailed = true;
    this.flush();
    this.emit(text);
  }

  /** cdk8s-cli has exited; `failed` when with a non-zero status. */
  public end(failed: boolean): StderrVerdict {
    if (failed) {
      this.held = [];
    } else {
      this.appExitStatus = undefined;
      this.flush();
    }
    return { ...(this.appExitStatus !== undefined ? { appExitStatus: this.appExitStatus } : {}), validationFailed: this.validationFailed };
  }

  private flush(): void {
    // A held app-failure line followed by more output was not cdk8s-cli's last word: pass it on.
    for (const held of this.held) this.emit(held);
    if (this.held.some(h => APP_FAILED.test(h))) this.appExitStatus = undefined;
    this.held = [];
  }
}

/** Replaces every mention of the staging folder's unique name with the output folder's name. */
export function renameStaging(text: string, stagingName: string, outputName: string): string {
  return text.split(stagingName).join(outputName);
}
