/**
 * `cdk8s-lifecycle synth`: `cdk8s synth` into a staging folder beside the output folder, which
 * replaces the output folder only when the synth (app and validation plugins) succeeds. On
 * failure the output folder is left byte-identical and the user reads only the problems: the
 * app runs with `app-preload.js`, which prints a construct's bad props or a failed validation
 * without a stack, and cdk8s-cli's own trace is left out.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createInterface } from 'readline';
import type { CliIo } from '../cli';
import { findCdk8sCli, renameStaging, StderrFilter, type Cdk8sCli } from './cdk8s-cli';
import { Cdk8sConfigError, readCdk8sConfig, type Cdk8sConfig } from './cdk8s-config';
import { discardStaging, replaceOutput, stageOutput, type StagedOutput } from './output-dir';

export interface SynthCommandOptions {
  /** Overrides `app` of cdk8s.yaml. */
  readonly app?: string;
  /** Overrides `output` of cdk8s.yaml. */
  readonly output?: string;
}

/** The exit status of `cdk8s-lifecycle synth` in `cwd`. */
export async function runSynth(options: SynthCommandOptions, passThrough: readonly string[], io: CliIo, cwd: string): Promise<number> {
  let config: Cdk8sConfig;
  try {
    config = readCdk8sConfig(cwd);
  } catch (err) {
    if (!(err instanceof Cdk8sConfigError)) throw err;
    io.stderr.write(`cdk8s-lifecycle synth: ${err.message}\n`);
    return 2;
  }
  const app = options.app ?? config.app;
  if (app === undefined) {
    io.stderr.write('cdk8s-lifecycle synth: cdk8s.yaml has no app: the command that runs your app\n'
      + '    fix: add it to cdk8s.yaml, e.g. app: node main.js (or pass --app)\n');
    return 2;
  }
  const outputName = options.output ?? config.output;
  const outputPath = path.resolve(cwd, outputName);
  if (!path.relative(outputPath, cwd).startsWith('..')) {
    // The swap would move the project itself aside (and cdk8s synth would delete it).
    io.stderr.write(`cdk8s-lifecycle synth: output ${JSON.stringify(outputName)} is the project folder or contains it\n`
      + '    fix: name a folder inside the project for the manifests, e.g. output: dist\n');
    return 2;
  }
  const staged = stageOutput(outputPath);
  const hadOutput = fs.existsSync(staged.output);
  const cli = findCdk8sCli(cwd);
  const untouched = hadOutput ? `${outputName}/ is unchanged` : `nothing was written to ${outputName}/`;

  let result: ChildResult;
  try {
    result = await runCdk8sCli(cli, [
      'synth',
      '--app', app,
      '--output', path.relative(cwd, staged.staging) || staged.staging,
      ...passThrough,
    ], { cwd, io, staged, outputName: path.basename(staged.output) });
  } catch (err) {
    discardStaging(staged);
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      io.stderr.write('cdk8s-lifecycle synth: cdk8s-cli is not installed: this command runs its `cdk8s synth`\n'
        + '    fix: npm install --save-dev cdk8s-cli\n');
      return 2;
    }
    throw err;
  }

  if (result.status === 0 && result.signal === undefined) {
    try {
      replaceOutput(staged);
    } catch (err) {
      discardStaging(staged);
      io.stderr.write(`cdk8s-lifecycle synth: cannot replace ${outputName}/ with the new manifests: ${(err as Error).message}; ${untouched}\n`);
      return 1;
    }
    return 0;
  }
  discardStaging(staged);
  if (result.signal !== undefined) {
    io.stderr.write(`cdk8s-lifecycle synth: interrupted (${result.signal}); ${untouched}\n`);
    return 128 + (os.constants.signals[result.signal] ?? 0);
  }
  if (result.appExitStatus !== undefined) {
    io.stderr.write(`cdk8s-lifecycle synth: the app (${app}) failed with exit status ${result.appExitStatus}; ${untouched}\n`);
  } else if (result.validationFailed) {
    io.stderr.write(`cdk8s-lifecycle synth: validation failed (see the reports above); ${untouched}\n`);
  } else {
    io.stderr.write(`cdk8s-lifecycle synth: cdk8s synth (${cli.origin}) failed with exit status ${result.status}; ${untouched}\n`);
    const bare = config.validationPackages.findIndex(p => p === 'cdk8s-lifecycle');
    if (bare >= 0) {
      io.stderr.write(`    hint: validations[${bare}].package \`cdk8s-lifecycle\` makes cdk8s-cli install the package from the npm registry into its plugins folder;\n`
        + '          to use the copy your app depends on, write package: ./node_modules/cdk8s-lifecycle\n');
    }
  }
  return 1;
}

interface ChildResult {
  readonly status: number | null;
  readonly signal?: NodeJS.Signals;
  readonly appExitStatus?: string;
  readonly validationFailed: boolean;
}

interface RunContext {
  readonly cwd: string;
  readonly io: CliIo;
  readonly staged: StagedOutput;
  readonly outputName: string;
}

const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** How long cdk8s-cli's output may still arrive after it exited. */
const OUTPUT_GRACE_MS = 2000;

/** Runs cdk8s-cli to completion; rejects only when it cannot be started. */
function runCdk8sCli(cli: Cdk8sCli, args: readonly string[], ctx: RunContext): Promise<ChildResult> {
  const preload = path.join(__dirname, 'app-preload.js');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require ${nodeOptionsQuote(preload)}`].filter(Boolean).join(' '),
  };
  // cdk8s-cli writes to pipes here: keep its report's colours when our output is a terminal.
  if ((ctx.io.stdout as { isTTY?: boolean }).isTTY && env.FORCE_COLOR === undefined) env.FORCE_COLOR = '1';

  return new Promise((resolve, reject) => {
    // Its own process group, so that a signal reaches cdk8s-cli and the app it runs alike.
    const child = spawn(cli.command, [...cli.args, ...args], { cwd: ctx.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const rename = (line: string) => renameStaging(line, ctx.staged.stagingName, ctx.outputName);
    const filter = new StderrFilter(line => ctx.io.stderr.write(`${rename(line)}\n`));
    createInterface({ input: child.stdout }).on('line', line => ctx.io.stdout.write(`${rename(line)}\n`));
    const stderrDone = new Promise<void>(done => createInterface({ input: child.stderr }).on('line', line => filter.line(line)).on('close', done));
    const stdoutDone = new Promise<void>(done => child.stdout.on('close', done));

    // Ctrl-C or a kill stops cdk8s-cli and the app, and we stay to remove the staging folder.
    // Should this process exit first anyway (an error of ours), it stops them and removes it too.
    let received: NodeJS.Signals | undefined;
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    const forward = (signal: NodeJS.Signals) => {
      received ??= signal;
      killGroup(signal);
    };
    const abandon = () => {
      killGroup('SIGKILL');
      discardStaging(ctx.staged);
    };
    for (const s of FORWARDED_SIGNALS) process.on(s, forward);
    process.once('exit', abandon);
    const stopForwarding = () => {
      FORWARDED_SIGNALS.forEach(s => process.off(s, forward));
      process.off('exit', abandon);
    };

    child.once('error', err => {
      stopForwarding();
      reject(err);
    });
    child.once('exit', (status, signal) => {
      stopForwarding();
      // The output ends when every process holding the pipes has: a process the app left behind
      // (a daemon) would keep them open for ever, so after a moment the rest is not waited for.
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>(r => { timer = setTimeout(r, OUTPUT_GRACE_MS); });
      void Promise.race([Promise.all([stderrDone, stdoutDone]), grace]).then(() => {
        clearTimeout(timer);
        child.stdout.destroy();
        child.stderr.destroy();
        const verdict = filter.end(status !== 0 || signal !== null);
        const stoppedBy = received ?? signal ?? undefined;
        resolve({ status, ...(stoppedBy !== undefined ? { signal: stoppedBy } : {}), ...verdict });
      });
    });
  });
}

/** A path as one NODE_OPTIONS word: node splits NODE_OPTIONS at spaces outside double quotes. */
function nodeOptionsQuote(p: string): string {
  return /[\s"\\]/.test(p) ? `"${p.replace(/(["\\])/g, '\\$1')}"` : p;
}
