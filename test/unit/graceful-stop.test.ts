/**
 * The graceful-stop preStop script in all its variants: shellcheck-clean, parsed by dash and
 * busybox sh, and run by both with recording shims for `sleep` and the stop command. The real
 * nginx run is test/scripts/nginx-graceful-stop.test.ts.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gracefulStopCommand, type GracefulStopOptions } from '../../src/hooks/graceful-stop';
import { runWithShims, type ShellName } from '../property/recording-shims';

const SHELLS: readonly ShellName[] = ['dash', 'busybox'];
const NASTY_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'graceful stop "$x" it\'s '));
const NASTY_PID_FILE = path.join(NASTY_DIR, 'app $(id).pid');
afterAll(() => fs.rmSync(NASTY_DIR, { recursive: true, force: true }));

const base: GracefulStopOptions = { drainSeconds: 5, command: ['nginx', '-s', 'quit'], awaitExit: 'main-process', waitSeconds: 3 };
const VARIANTS: Record<string, GracefulStopOptions> = {
  'main process': base,
  'pid file': { ...base, awaitExit: { pidFile: NASTY_PID_FILE } },
  'no drain': { ...base, drainSeconds: 0 },
  'no wait': { ...base, awaitExit: false },
};

/** The PID of a process that has exited and been reaped. */
const gone = () => String(spawnSync('true').pid);

describe.each(Object.entries(VARIANTS))('%s', (_name, options) => {
  const [, , script] = gracefulStopCommand(options);

  test('passes shellcheck -s sh', () => {
    const result = spawnSync('shellcheck', ['-s', 'sh', '-'], { input: script, encoding: 'utf8' });
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  test.each(SHELLS)('parses under %s', shell => {
    const argv = shell === 'dash' ? ['/usr/bin/dash', '-n', '-c'] : ['/usr/bin/busybox', 'sh', '-n', '-c'];
    const result = spawnSync(argv[0], [...argv.slice(1), script], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe.each(SHELLS)('under %s', shell => {
  test('main process: $1 is the PID it waits for; the app exited at once', () => {
    const [, , script, ...positional] = gracefulStopCommand(base);
    expect(positional).toEqual(['prestop', '1']);
    const run = runWithShims(shell, script, 'nginx', ['prestop', gone()]);
    expect(run).toMatchObject({ status: 0, stderr: '', argv: [expect.stringMatching(/\/nginx$/), '-s', 'quit'], sleeps: ['5'] });
  });

  test('an app that never exits: one poll a second, then it gives up with a message', () => {
    const [, , script] = gracefulStopCommand(base);
    const run = runWithShims(shell, script, 'nginx', ['prestop', String(process.pid)]);
    expect(run.status).toBe(1);
    expect(run.sleeps).toEqual(['5', '1', '1', '1']);
    expect(run.stderr).toBe(`preStop: the app (PID ${process.pid}) still runs 3 s after its stop command; the stop signal follows\n`);
  });

  test('a pid file at a path full of shell characters is read, not interpreted', () => {
    fs.writeFileSync(NASTY_PID_FILE, `${gone()}\n`);
    const [, , script, ...positional] = gracefulStopCommand(VARIANTS['pid file']);
    expect(positional).toEqual(['prestop']);
    const run = runWithShims(shell, script, 'nginx', positional);
    expect(run).toMatchObject({ status: 0, stderr: '', sleeps: ['5'] });
    expect(run.argv!.slice(1)).toEqual(['-s', 'quit']);
  });

  test('a missing pid file: it says so and exits 1 before the stop command', () => {
    fs.rmSync(NASTY_PID_FILE, { force: true });
    const [, , script, ...positional] = gracefulStopCommand(VARIANTS['pid file']);
    const run = runWithShims(shell, script, 'nginx', positional);
    expect(run.status).toBe(1);
    expect(run.argv).toBeUndefined();
    expect(run.stderr).toContain(`preStop: cannot read the app's PID from ${NASTY_PID_FILE}\n`);
  });

  test.each(['', '0', '00', 'abc', '12 34', '-1'])('a pid file holding %j is not a PID: no wait on the process group', content => {
    // busybox's `kill -0 ""` succeeds: without the check it would wait out the whole timeout.
    fs.writeFileSync(NASTY_PID_FILE, `${content}\n`);
    const [, , script, ...positional] = gracefulStopCommand(VARIANTS['pid file']);
    const run = runWithShims(shell, script, 'nginx', positional);
    expect(run.status).toBe(1);
    expect(run.sleeps).toEqual(['5']);
    expect(run.stderr).toBe(`preStop: not a PID: '${content}'\n`);
  });

  test('no wait: drain, then exec the command, as before', () => {
    const command = gracefulStopCommand(VARIANTS['no wait']);
    expect(command).toEqual(['sh', '-c', 'sleep 5; exec nginx -s quit']);
    const run = runWithShims(shell, command[2], 'nginx');
    expect(run).toMatchObject({ status: 0, stderr: '', sleeps: ['5'] });
  });
});
