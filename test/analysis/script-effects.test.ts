/**
 * What a hook's command does besides waiting: the commands that stop the app, when they run, and
 * whether the command fails on every path. The failing scripts are run under dash and busybox sh
 * to check that they do fail, and the stop commands' timing is checked against the sleeps.
 */
import { spawnSync } from 'child_process';
import { execSleepSeconds } from '../../src/analysis/hook-duration';
import { execEffects } from '../../src/analysis/script-effects';
import { gracefulStopCommand } from '../../src/hooks/graceful-stop';

const sh = (script: string) => ['sh', '-c', script];

describe('stop commands', () => {
  it.each([
    [['nginx', '-s', 'quit'], 0, 'QUIT', { kind: 'server', name: 'nginx' }, true],
    [['/usr/sbin/nginx', '-s', 'stop'], 0, 'TERM', { kind: 'server', name: 'nginx' }, false],
    [sh('sleep 5; exec nginx -s quit'), 5, 'QUIT', { kind: 'server', name: 'nginx' }, true],
    [sh('sleep 5 && nginx -s quit'), 5, 'QUIT', { kind: 'server', name: 'nginx' }, true],
    [sh('kill 1'), 0, 'TERM', { kind: 'pid1' }, true],
    [sh('sleep 2; kill -QUIT 1'), 2, 'QUIT', { kind: 'pid1' }, true],
    [sh('kill -s INT 1'), 0, 'INT', { kind: 'pid1' }, true],
    [sh('kill -9 1'), 0, 'KILL', { kind: 'pid1' }, false],
    [sh('kill -TERM "$(cat /run/app.pid)"'), 0, 'TERM', { kind: 'pid' }, true],
    [sh('while killall python3; do sleep 1; done'), 0, 'TERM', { kind: 'process', name: 'python3' }, true],
    [sh('i=0\nwhile [ "$i" -lt 10 ] && killall python3 2>/dev/null; do\n  sleep 1\n  i=$((i + 1))\ndone'), 0, 'TERM', { kind: 'process', name: 'python3' }, true],
    [sh('pkill -f gunicorn'), 0, 'TERM', { kind: 'process', name: 'gunicorn' }, true],
    [sh('killall -s QUIT nginx'), 0, 'QUIT', { kind: 'process', name: 'nginx' }, true],
    [sh('sleep 3; curl -fsS -X POST http://127.0.0.1:8080/actuator/shutdown'), 3, undefined, { kind: 'http', url: 'http://127.0.0.1:8080/actuator/shutdown' }, true],
    [sh('apachectl -k graceful-stop'), 0, 'WINCH', { kind: 'server', name: 'apachectl' }, true],
    [sh('if [ -f /tmp/drain ]; then sleep 10; fi; nginx -s quit'), 0, 'QUIT', { kind: 'server', name: 'nginx' }, true],
    [sh('sleep 5; sh -c "nginx -s quit"'), 5, 'QUIT', { kind: 'server', name: 'nginx' }, true],
    [sh('sleep 5; nginx -s quit; i=0; while [ "$i" -lt 20 ] && kill -0 1 2>/dev/null; do sleep 1; i=$((i + 1)); done'), 5, 'QUIT', { kind: 'server', name: 'nginx' }, true],
  ])('%j stops the app at %d s (%s)', (command, at, signal, target, graceful) => {
    expect(execEffects(command).stop).toMatchObject({ at, signal, target, graceful });
  });

  it('a command followed by a wait for a process\'s exit is the stop command, whatever it is', () => {
    // GracefulWebService's preStop with a preStopCommand of the user's: the wait says what the command does.
    const wait = '\nwhile kill -0 "$pid" 2>/dev/null; do sleep 1; done';
    expect(execEffects([...sh(`sleep 15; (exec /app/bin/stop --graceful) || exit 1\npid=$1${wait}`), 'prestop', '1']).stop)
      .toEqual({ at: 15, command: '/app/bin/stop --graceful', signal: undefined, target: { kind: 'pid' }, graceful: true });
    expect(execEffects(sh('app-ctl drain\nwhile kill -0 1; do sleep 1; done')).stop).toMatchObject({ at: 0, command: 'app-ctl drain', target: { kind: 'pid1' } });
    // Without the wait, an unknown command may act on the app but is not known to stop it.
    expect(execEffects(sh('sleep 15; /app/bin/stop --graceful')).stop).toBeUndefined();
    // A wait with nothing before it that acts (only a sleep) names no stop.
    expect(execEffects(sh(`sleep 5${wait}`)).stop).toBeUndefined();
  });

  it.each([
    [['sleep', '5']],
    [sh('sleep 5')],
    [sh('kill -0 1')], // a liveness check of PID 1, not a signal
    [sh('kill -HUP 1')], // a reload
    [sh('nginx -s reload')],
    [sh('curl -fsS -X PUT "$NACOS/nacos/v1/ns/instance?enabled=false"; sleep 40')],
    [sh('echo killall python3')],
    [['/hooks/drain.sh']],
  ])('%j does not stop the app', command => {
    expect(execEffects(command).stop).toBeUndefined();
  });

  it('kubernetes.io\'s nginx example stops nginx at once, then waits for it without a bound', () => {
    // "Attach Handlers to Container Lifecycle Events": `killall -0` only checks that nginx still runs.
    const command = sh('nginx -s quit; while killall -0 nginx; do sleep 1; done');
    expect(execEffects(command).stop).toMatchObject({ at: 0, command: 'nginx -s quit' });
    expect(execSleepSeconds(command)).toBeUndefined();
  });

  it('names the command as written', () => {
    expect(execEffects(sh('sleep 5; exec /usr/sbin/nginx -s quit')).stop?.command).toBe('/usr/sbin/nginx -s quit');
  });
});

describe('commands that fail on every path', () => {
  const failing = [
    "echo 'Emulating a post-start hook failure'; exit 1",
    'exit 3',
    'false',
    'set -e; false; echo unreachable',
    'if [ -f /x ]; then exit 1; else exit 2; fi',
    'echo start && false',
    '! true',
    // a failing test is the status of the whole line
    'test -f /nonexistent-file && exit 1',
  ];
  const notFailing = [
    'fortune > /usr/share/nginx/html/quote',
    'warm-cache || exit 1',
    'exit 0',
    'false; true',
    'test -f /x && exit 1; echo checked',
    'if [ -f /x ]; then exit 1; fi',
    'while :; do sleep 1; done',
    'false &',
    'exit $CODE',
  ];

  it.each(failing)('%j always fails, under dash and busybox sh', script => {
    expect(execEffects(sh(script)).fails).toBeDefined();
    for (const shell of [['dash'], ['busybox', 'sh']]) {
      expect(spawnSync(shell[0], [...shell.slice(1), '-c', script], { timeout: 5000 }).status).not.toBe(0);
    }
  });

  it.each(notFailing)('%j does not always fail', script => {
    expect(execEffects(sh(script)).fails).toBeUndefined();
  });

  it('names the failing command', () => {
    expect(execEffects(sh("echo 'x'; exit 1")).fails).toBe('exit 1');
    expect(execEffects(['false']).fails).toBe('false');
    expect(execEffects(['/bin/sh', '-ec', 'false; echo never']).fails).toBe('false');
  });
});

describe('the shape GracefulWebService writes (drain, stop command, bounded wait for the app)', () => {
  // A function, a case, a wait loop bounded by a guard in its body.
  const command = gracefulStopCommand({ drainSeconds: 5, command: ['nginx', '-s', 'quit'], awaitExit: 'main-process', waitSeconds: 20 });

  it('stops nginx after the 5 s drain and lasts at most 25 s', () => {
    expect(execEffects(command).stop).toMatchObject({ at: 5, command: 'nginx -s quit', graceful: true });
    expect(execEffects(command).actsAt).toBe(5);
    expect(execSleepSeconds(command)?.seconds).toBe(25);
  });

  it('is a script dash and busybox sh parse', () => {
    for (const shell of [['dash'], ['busybox', 'sh']]) {
      expect(spawnSync(shell[0], [...shell.slice(1), '-n', '-c', command[2]]).status).toBe(0);
    }
  });
});
