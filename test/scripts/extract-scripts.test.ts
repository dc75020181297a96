/** The script extractor and the sandbox, on hand-written objects: every place a script can hide. */
import { extractScripts, shellScriptOf, type Json } from './extract-scripts';
import { rewritePaths, runScript, SHELLS, unrewrite } from './sandbox';

const pod = (spec: Json): Json => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });

describe('shellScriptOf', () => {
  test.each([
    [['sh', '-c', 'echo hi'], 'echo hi', []],
    [['/bin/sh', '-ec', 'echo hi', 'zero', 'one'], 'echo hi', ['zero', 'one']],
    [['/bin/busybox', 'sh', '-c', 'echo hi'], 'echo hi', []],
    [['bash', '-x', '-c', 'echo hi'], 'echo hi', []],
  ])('%j runs a script', (argv, script, positional) => {
    expect(shellScriptOf(argv)).toEqual({ script, positional });
  });

  test.each([
    [['sh', '/etc/hooks/prestop.sh']],
    [['nginx', '-s', 'quit']],
    [['sh', '-c']],
    [['python3', '-c', 'print(1)']],
    [['busybox', 'wget', '-c', 'x']],
  ])('%j is not a shell script', argv => {
    expect(shellScriptOf(argv)).toBeUndefined();
  });
});

describe('extractScripts', () => {
  const objects: Json[] = [
    {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' },
      spec: { jobTemplate: { spec: { template: { spec: {
        initContainers: [{ name: 'prep', image: 'busybox', args: ['/bin/sh', '-c', 'echo prep'] }],
        containers: [{
          name: 'job', image: 'busybox', command: ['sh'], args: ['-c', 'echo job'],
          lifecycle: { preStop: { exec: { command: ['sh', '-c', 'echo bye'] } } },
          readinessProbe: { exec: { command: ['cat', '/tmp/ready'] } },
          volumeMounts: [{ name: 'hooks', mountPath: '/hooks' }],
          env: [{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }, { name: 'GREETING', value: 'hello' }],
        }],
        volumes: [{ name: 'hooks', configMap: { name: 'hooks' } }],
      } } } } },
    },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'hooks' }, data: {
      'prestop.sh': 'echo "$GREETING from $POD_IP" > /hooks-out\n',
      'helper': '#!/bin/sh\necho helper\n',
      'config.yaml': 'a: 1\n',
    } },
  ];
  const scripts = extractScripts(objects);

  test('finds container, init container, hook and ConfigMap scripts, and nothing else', () => {
    expect(scripts.map(s => [s.id, s.script])).toEqual([
      ['CronJob/nightly:prep:init', 'echo prep'],
      ['CronJob/nightly:job:command', 'echo job'],
      ['CronJob/nightly:job:preStop', 'echo bye'],
      ['ConfigMap/hooks:helper', '#!/bin/sh\necho helper\n'],
      ['ConfigMap/hooks:prestop.sh', objects[1].data && (objects[1].data as Json)['prestop.sh']],
    ]);
  });

  test('a ConfigMap script knows where it is mounted and runs with that container\'s env', () => {
    const prestop = scripts.find(s => s.id === 'ConfigMap/hooks:prestop.sh')!;
    expect(prestop.mountedAt).toBe('/hooks/prestop.sh');
    for (const shell of SHELLS) {
      const result = runScript(prestop, { shell, objects });
      expect(result.status).toBe(0);
      expect(result.readFile('/hooks-out')).toBe('hello from 10.244.1.23\n');
      expect(result.readFile('/hooks/prestop.sh')).toContain('GREETING');
    }
  });

  test('a pod with no scripts yields none', () => {
    expect(extractScripts([pod({ containers: [{ name: 'a', image: 'nginx', command: ['nginx', '-g', 'daemon off;'] }] })])).toEqual([]);
  });
});

describe('rewritePaths', () => {
  test('moves every path under the sandbox root but /dev/null and URL paths, and back', () => {
    const script = 'cd /; echo "<p>x</p>" > /usr/share/x; wget -O /dev/null http://127.0.0.1:80/livez; cat /loap/timing';
    const rewritten = rewritePaths(script, '/SB');
    expect(rewritten).toBe('cd /SB/; echo "<p>x</SB/p>" > /SB/usr/share/x; wget -O /dev/null http://127.0.0.1:80/livez; cat /SB/loap/timing');
    expect(unrewrite(rewritten, '/SB')).toBe(script);
  });
});

describe('the sandbox', () => {
  test.each(SHELLS)('under %s, PATH has shims and plain utilities only', shell => {
    const [extracted] = extractScripts([pod({ containers: [{ name: 'a', image: 'x', command: ['sh', '-c', 'killall python3; bash -c true; sleep 1'] }] })]);
    const result = runScript(extracted, { shell, objects: [] });
    expect(result.calls).toEqual([['killall', 'python3'], ['sleep', '1']]);
    expect(result.stderr).toMatch(/bash: not found/);
  });

  test('an unbounded loop is reported as hung, not waited for', () => {
    const [extracted] = extractScripts([pod({ containers: [{ name: 'a', image: 'x', command: ['sh', '-c', 'while killall python3; do sleep 1; done'] }] })]);
    const result = runScript(extracted, { shell: 'dash', objects: [], hangGuardMs: 2000 });
    expect(result.hung).toBe(true);
  });
});
