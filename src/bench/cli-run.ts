/** The built CLI (lib/cli.js next to lib/bench/) for the lint benchmarks: in-process, or as a cold process of its own. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** What `main` of src/cli.ts looks like. */
export type CliMain = (argv: string[], io: CliIo) => number | Promise<number>;

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly stdin: NodeJS.ReadableStream;
}

const CLI_PATH = path.join(__dirname, '..', 'cli.js');

/** The CLI's `main`, or why it cannot be run (not built, no export). */
export function loadCliMain(): CliMain | { skipped: string } {
  if (!fs.existsSync(CLI_PATH)) return { skipped: 'no lib/cli.js' };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const main = (require(CLI_PATH) as { main?: CliMain }).main;
  return typeof main === 'function' ? main : { skipped: 'lib/cli.js exports no main' };
}

/**
 * `node lib/cli.js lint --format json TARGET` as a process of its own, once: what a user waits
 * for, node's start-up, module loading and the JIT's warm-up included. Its wall-clock time, or why
 * it failed (exit codes 0 and 1, findings, are success).
 */
export function runColdCli(target: string): { ms: number } | { skipped: string } {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [CLI_PATH, 'lint', '--format', 'json', target], { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.error || (run.status !== 0 && run.status !== 1)) {
    return { skipped: run.error?.message ?? `exit ${run.status}: ${String(run.stderr).split('\n')[0]}` };
  }
  return { ms };
}
