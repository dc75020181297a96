/**
 * Runs an `sh -c` script under a real shell with a PATH of recording shims only: each shim writes
 * its `$0` and arguments, NUL-separated, so any byte but NUL survives the round trip; `sleep`
 * records its argument and returns at once.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const SHELL_COMMANDS = {
  dash: ['/usr/bin/dash', '-c'],
  busybox: ['/usr/bin/busybox', 'sh', '-c'],
} as const;
export type ShellName = keyof typeof SHELL_COMMANDS;

const ARGV_SHIM = '#!/bin/sh\n{ printf \'%s\\0\' "$0"; for a in "$@"; do printf \'%s\\0\' "$a"; done; } > "$ARGV_LOG"\n';
const SLEEP_SHIM = '#!/bin/sh\nprintf \'%s\\n\' "$*" >> "$SLEEP_LOG"\n';

export interface ShimRun {
  readonly status: number | null;
  readonly stderr: string;
  /** `$0` and the arguments the command shim received; undefined when it never ran. */
  readonly argv?: readonly string[];
  /** One line per `sleep` call: its arguments. */
  readonly sleeps: readonly string[];
}

/**
 * Runs `script` with shims for `sleep` and for `command` (a file name: no `/`, no NUL), and
 * `positional` as `$0`, `$1`, ...
 */
export function runWithShims(shell: ShellName, script: string, command: string, positional: readonly string[] = []): ShimRun {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prestop-shims-'));
  try {
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'sleep'), SLEEP_SHIM, { mode: 0o755 });
    if (command !== 'sleep') fs.writeFileSync(path.join(bin, command), ARGV_SHIM, { mode: 0o755 });
    const argvLog = path.join(dir, 'argv');
    const sleepLog = path.join(dir, 'sleeps');
    const [exe, ...args] = SHELL_COMMANDS[shell];
    const result = spawnSync(exe, [...args, script, ...positional], {
      env: { PATH: bin, ARGV_LOG: argvLog, SLEEP_LOG: sleepLog, LANG: 'C.UTF-8' },
      encoding: 'utf8',
      timeout: 10000,
    });
    const argv = fs.existsSync(argvLog) ? fs.readFileSync(argvLog, 'utf8').split('\0').slice(0, -1) : undefined;
    const sleeps = fs.existsSync(sleepLog) ? fs.readFileSync(sleepLog, 'utf8').split('\n').slice(0, -1) : [];
    return { status: result.status, stderr: result.stderr, argv, sleeps };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
