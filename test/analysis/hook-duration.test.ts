import {
  execSleepSeconds,
  handlerSleepSeconds,
  postStartSeconds,
  preStopSeconds,
  scriptSleepSeconds,
  execShellScript,
  sleepArgSeconds,
} from '../../src/analysis/hook-duration';
import { POSTSTART_SECONDS_ANNOTATION, PRESTOP_SECONDS_ANNOTATION } from '../../src/analysis/annotations';

describe('sleepArgSeconds', () => {
  it.each([
    ['5', 5], ['5s', 5], ['1m', 60], ['2h', 7200], ['1d', 86400], ['0.5', 0.5], ['.5', 0.5], ['0', 0],
  ])('%s is %d s', (arg, seconds) => {
    expect(sleepArgSeconds(arg)).toBe(seconds);
  });

  it.each(['infinity', '$DELAY', '5x', '', '-1', '1m30s', 'five'])('%s is unknown', arg => {
    expect(sleepArgSeconds(arg)).toBeUndefined();
  });
});

describe('execSleepSeconds', () => {
  it.each([
    [['sleep', '5'], 5],
    [['sleep', '5s'], 5],
    [['sleep', '1m'], 60],
    [['/bin/sleep', '3'], 3],
    [['/usr/bin/sleep', '1m', '30s'], 90],
    [['busybox', 'sleep', '4'], 4],
    [['sh', '-c', 'sleep 5 && nginx -s quit'], 5],
    [['/bin/sh', '-c', 'sleep 5; exec nginx -s quit'], 5],
    [['/bin/sh', '-ec', 'sleep 7'], 7],
    [['bash', '-lc', 'sleep 2; sleep 3'], 5],
    [['busybox', 'sh', '-c', 'sleep 6'], 6],
    // Loops the script bounds: a counter, literal words, seq.
    [['sh', '-c', 'for i in 1 2 3; do sleep 1; done'], 3],
    [['sh', '-c', 'for i in $(seq 1 10); do sleep 2; done'], 20],
    [['sh', '-c', 'i=0\nwhile [ "$i" -lt 10 ] && killall python3 2>/dev/null; do\n  sleep 1\n  i=$((i + 1))\ndone'], 10],
    [['sh', '-c', 'sleep 5; nginx -s quit; i=0; while [ $i -lt 20 ] && kill -0 1; do sleep 1; i=$((i+1)); done'], 25],
    [['sh', '-c', 'n=3; until [ "$n" -ge 10 ] || ! pidof java; do sleep 2; n=$(expr $n + 1); done'], 14],
    [['sh', '-c', 'i=0; while [ "$i" -le 4 ]; do sleep 1; : $((i += 1)); done'], 5],
    // A guard at the top of the body bounds a wait for the app: GracefulWebService's preStop shape.
    [['sh', '-c', 'sleep 5; (exec nginx -s quit) || exit 1; i=0; while kill -0 1; do if [ "$i" -ge 20 ]; then exit 1; fi; sleep 1; i=$((i + 1)); done'], 25],
    // case: the longest branch; a function: its body where it is called.
    [['sh', '-c', 'case $x in a) sleep 1;; b|c) sleep 3;; esac'], 3],
    [['sh', '-c', 'f() { sleep 1; }; f; f'], 2],
  ])('%j waits %d s', (command, seconds) => {
    expect(execSleepSeconds(command)?.seconds).toBe(seconds);
  });

  it('names its source', () => {
    expect(execSleepSeconds(['sleep', '5'])?.source).toBe('`sleep 5`');
    expect(execSleepSeconds(['/bin/sh', '-c', 'sleep 5'])?.source).toBe('the sleeps in its sh -c script');
  });

  it.each([
    [['sh', '-c', 'while killall python3; do sleep 1; done']],
    [['/bin/sh', '-c', 'while killall python3; do sleep 1; done']],
    [['sh', '-c', 'sleep $DELAY']],
    [['sh', '-c', 'sleep "${DELAY}"']],
    [['sleep', 'infinity']],
    [['nginx', '-s', 'quit']],
    [['sh', '-c', 'nginx -s quit']],
    [['/tmp/preStop.sh']],
    [['sh', '/tmp/preStop.sh']],
    [['sh', '-c', 'sleep 5 & wait']],
    // Loops without a bound the script sets: the counter is not counted up, or starts unknown.
    [['sh', '-c', 'i=0; while [ "$i" -lt 10 ]; do sleep 1; done']],
    [['sh', '-c', 'while [ "$i" -lt 10 ]; do sleep 1; i=$((i + 1)); done']],
    [['sh', '-c', 'i=0; while [ "$i" -lt 10 ] || killall x; do sleep 1; i=$((i + 1)); done']],
    [['sh', '-c', 'i=0; while [ "$i" -lt 10 ]; do sleep 1; i=$((i + 1)); i=0; done']],
    [['sh', '-c', 'for f in $FILES; do sleep 1; done']],
    // A guard that does not leave the loop, and a function that calls itself.
    [['sh', '-c', 'i=0; while :; do if [ "$i" -ge 20 ]; then echo late; fi; sleep 1; i=$((i + 1)); done']],
    [['sh', '-c', 'f() { sleep 1; f; }; f']],
    [['sh', '-c', 'sleep 5 \'unterminated']],
    [['sleep', 5]],
    [[]],
  ])('%j is unknown', command => {
    expect(execSleepSeconds(command as unknown[])).toBeUndefined();
  });
});

describe('scriptSleepSeconds', () => {
  it.each([
    ['sleep 5 && nginx -s quit', 5],
    ['sleep 2; sleep 3', 5],
    ['sleep 2\nsleep 3\n', 5],
    ['echo $(date +%s): PRE-HOOK >> /loap/timing; sleep 10', 10],
    // An if counts its longest branch.
    ['if [ -f /ready ]; then sleep 10; else sleep 20; fi', 20],
    ['if a; then sleep 1; elif b; then sleep 30; fi; sleep 2', 32],
    // Nothing after exit or exec runs.
    ['sleep 4; exit 0; sleep 100', 4],
    ['sleep 4; exec nginx -s quit; sleep 100', 4],
    ['curl -X PUT http://nacos/x || exit 1; sleep 40', 40],
    // A background sleep does not hold the script.
    ['sleep 30 & echo started', 0],
    // Pipelines run side by side; subshells and groups count.
    ['sleep 3 | sleep 5', 5],
    ['(sleep 2; exit 1); sleep 3', 5],
    ['{ sleep 2; sleep 1; }', 3],
    // Quoted text and comments are not commands.
    ['echo "sleep 100"; sleep 1', 1],
    ['# sleep 100\nsleep 1', 1],
    ['FOO=1 sleep 2', 2],
    ['sleep 3 >/dev/null 2>&1', 3],
    ['sh -c "sleep 3"; sleep 1', 4],
    ['[ "$(curl -s 127.0.0.1/livez)" = "OK" ] && sleep 1', 1],
  ])('%j waits %d s', (script, seconds) => {
    expect(scriptSleepSeconds(script)).toBe(seconds);
  });

  it('reads the seeds/001 Nacos preStop script: 45 s on the success path', () => {
    const script = [
      '#!/bin/sh',
      'result=$(curl -X PUT "http://${NACOS_SERVER_ADDR}/nacos/v1/ns/instance?serviceName=${PODNAME}&ip=${PODIP}&port=8093&enabled=false")',
      'echo "result:${result}"',
      'if [ ${result} == "ok" ]; then',
      '  echo "ok"',
      '  sleep 45',
      '  exit 0',
      'else',
      '  echo "failed"',
      '  exit 1',
      'fi',
    ].join('\n');
    expect(scriptSleepSeconds(script)).toBe(45);
  });

  it.each([
    'while killall python3; do sleep 1; done',
    'until curl -fs localhost; do sleep 1; done; sleep 5',
    'sleep $((1 + 2))',
    'cat <<EOF\nsleep 5\nEOF',
    'echo no sleeping here',
    'fi',
  ])('%j is unknown', script => {
    expect(scriptSleepSeconds(script)).toBeUndefined();
  });
});

describe('execShellScript', () => {
  it('finds the script after the options', () => {
    expect(execShellScript(['/bin/sh', '-ec', 'x'])).toEqual({ shell: 'sh', script: 'x', index: 2 });
    expect(execShellScript(['bash', '-l', '-c', 'x'])).toEqual({ shell: 'bash', script: 'x', index: 3 });
    expect(execShellScript(['/bin/busybox', 'sh', '-c', 'x'])).toEqual({ shell: 'busybox sh', script: 'x', index: 3 });
  });

  it('is undefined for a script file or a non-shell', () => {
    expect(execShellScript(['sh', '/tmp/preStop.sh'])).toBeUndefined();
    expect(execShellScript(['python3', '-c', 'x'])).toBeUndefined();
    expect(execShellScript(['sh', '-c'])).toBeUndefined();
  });
});

describe('preStopSeconds', () => {
  const sleeping = { exec: { command: ['sh', '-c', 'sleep 5 && nginx -s quit'] } };

  it('reads the sleeps of the exec command', () => {
    expect(preStopSeconds('app', sleeping, {})).toEqual({ seconds: 5, source: 'the sleeps in its sh -c script' });
  });

  it('lets the annotation win over the sleeps', () => {
    const annotations = { [PRESTOP_SECONDS_ANNOTATION]: '{"app": 40}' };
    expect(preStopSeconds('app', sleeping, annotations)).toEqual({ seconds: 40, source: `the ${PRESTOP_SECONDS_ANNOTATION} annotation` });
    // Another container's entry does not apply.
    expect(preStopSeconds('sidecar', sleeping, annotations)?.seconds).toBe(5);
  });

  it('falls back to the sleeps when the annotation is malformed', () => {
    expect(preStopSeconds('app', sleeping, { [PRESTOP_SECONDS_ANNOTATION]: '{app: 40' })?.seconds).toBe(5);
    expect(preStopSeconds('app', sleeping, { [PRESTOP_SECONDS_ANNOTATION]: '{"app": -1}' })?.seconds).toBe(5);
  });

  it('is unknown for a loop, an httpGet hook, or garbage', () => {
    expect(preStopSeconds('demo', { exec: { command: ['/bin/sh', '-c', 'while killall python3; do sleep 1; done'] } }, {})).toBeUndefined();
    expect(preStopSeconds('app', { httpGet: { port: 80, path: '/shutdown' } }, {})).toBeUndefined();
    expect(preStopSeconds('app', 'sleep 5', {})).toBeUndefined();
    expect(preStopSeconds('app', { exec: { command: 'sleep 5' } }, null)).toBeUndefined();
    expect(preStopSeconds(undefined, null, undefined)).toBeUndefined();
  });

  it('handlerSleepSeconds reads exec commands and the sleep action', () => {
    expect(handlerSleepSeconds({ exec: { command: ['sh', '-c', 'sleep 60'] } })?.seconds).toBe(60);
    expect(handlerSleepSeconds({ sleep: { seconds: 7 } })).toEqual({ seconds: 7, source: 'its sleep action' });
    expect(handlerSleepSeconds({ sleep: { seconds: '7' } })).toBeUndefined();
    expect(handlerSleepSeconds({ httpGet: { port: 80 } })).toBeUndefined();
    expect(preStopSeconds('app', { sleep: { seconds: 12 } }, {})?.seconds).toBe(12);
  });
});

describe('postStartSeconds', () => {
  it('lets its own annotation win over the sleeps, and only its own', () => {
    const hook = { exec: { command: ['sh', '-c', 'sleep 3; touch /tmp/ready'] } };
    expect(postStartSeconds('app', hook, {})).toEqual({ seconds: 3, source: 'the sleeps in its sh -c script' });
    expect(postStartSeconds('app', hook, { [POSTSTART_SECONDS_ANNOTATION]: '{"app": 0}' }))
      .toEqual({ seconds: 0, source: `the ${POSTSTART_SECONDS_ANNOTATION} annotation` });
    // The preStop's annotation says nothing about the postStart.
    expect(postStartSeconds('app', hook, { [PRESTOP_SECONDS_ANNOTATION]: '{"app": 40}' })?.seconds).toBe(3);
    expect(postStartSeconds('app', { exec: { command: ['sh', '/scripts/start.sh'] } }, {})).toBeUndefined();
  });
});
