/**
 * Every shell script the example app generates (each `sh -c` body of a container command, init
 * container, hook or probe, and each script in a ConfigMap) passes `shellcheck -s sh`, parses
 * and runs under both dash and busybox sh, and the important ones do what they claim.
 */
import { spawnSync } from 'child_process';
import { FORTUNES } from '../../src/examples/fortune-site';
import { KILL_ROUNDS } from '../../src/examples/lifecycle-demo';
import { WARM_UP_ATTEMPTS } from '../../src/examples/cache-warm-up';
import { synthExampleApp } from '../examples/example-app';
import { extractScripts, type ExtractedScript } from './extract-scripts';
import { runScript, SHELLS, type Call, type RunOptions, type RunResult, type Shell } from './sandbox';

const { objects } = synthExampleApp();
const scripts = extractScripts(objects);

function script(id: string): ExtractedScript {
  const found = scripts.find(s => s.id === id);
  if (!found) throw new Error(`no script ${id}; found: ${scripts.map(s => s.id).join(', ')}`);
  return found;
}

function run(id: string, shell: Shell, options: Omit<RunOptions, 'shell' | 'objects'> = {}): RunResult {
  const result = runScript(script(id), { shell, objects, ...options });
  expect(result.hung).toBe(false);
  return result;
}

const named = (calls: readonly Call[], name: string) => calls.filter(c => c[0] === name);

/** A main container runs until the kubelet stops it: its first `sleep` gets the script SIGTERMed. */
const STOP_AT_FIRST_SLEEP = { sleep: 'kill -TERM "$PPID"' };

test('the extractor finds the scripts of every scenario', () => {
  const ids = scripts.map(s => s.id);
  expect(ids).toEqual(expect.arrayContaining([
    'Deployment/shop:app:preStop',
    'Deployment/fortune:app:postStart',
    'Deployment/fortune:app:preStop',
    'Pod/yunpan-poststart-fail:nginx:postStart',
    'Pod/cache-warmup-demo:demo:postStart',
    'Pod/liveness-exec:liveness:command',
    'Pod/liveness-exec-demo:demo:livenessProbe',
    'Pod/lifecycle-demo:demo:postStart',
    'Pod/lifecycle-demo:demo:preStop',
    'Deployment/nginx-server:copy-html:init',
    'Deployment/loap:init:init',
    'Deployment/loap:main:command',
    'Deployment/loap:main:postStart',
    'Deployment/loap:main:preStop',
    'Deployment/loap:main:livenessProbe',
    'Deployment/loap:main:readinessProbe',
    'Deployment/loap:main:startupProbe',
  ]));
  expect(new Set(ids).size).toBe(ids.length);
});

describe.each(scripts.map(s => [s.id, s] as const))('%s', (_id, extracted) => {
  test('passes shellcheck -s sh', () => {
    const result = spawnSync('shellcheck', ['-s', 'sh', '-'], { input: extracted.script, encoding: 'utf8' });
    expect(result.error).toBeUndefined();
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  test.each(SHELLS)('parses under %s', shell => {
    const argv = shell === 'dash' ? ['/usr/bin/dash', '-n', '-c'] : ['/usr/bin/busybox', 'sh', '-n', '-c'];
    const result = spawnSync(argv[0], [...argv.slice(1), extracted.script], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  test.each(SHELLS)('runs to its end under %s', shell => {
    const behaviours = extracted.role === 'command' ? STOP_AT_FIRST_SLEEP : {};
    const result = runScript(extracted, { shell, objects, behaviours });
    expect(result.hung).toBe(false);
    // Scripts must not reach for a command the sandbox (like a slim image) does not have.
    expect(result.stderr).not.toMatch(/: not found$/m);
  });
});

describe.each(SHELLS)('under %s', shell => {
  /** The PID of a process that has exited (and been reaped): an app that is gone. */
  const goneApp = () => String(spawnSync('true').pid);
  const NGINX_PRESTOPS: Array<[string, number]> = [['Deployment/shop', 20], ['Deployment/fortune', 10], ['Deployment/nginx-server', 10]];

  test.each(NGINX_PRESTOPS)("%s's preStop sleeps out the drain delay, runs nginx -s quit, and returns once nginx has exited", workload => {
    const extracted = script(`${workload}:app:preStop`);
    // In the pod the script waits for PID 1, the container's main process: nginx.
    expect(extracted.positional).toEqual(['prestop', '1']);
    const result = run(`${workload}:app:preStop`, shell, { positional: ['prestop', goneApp()] });
    expect(result.calls).toEqual([['sleep', '5'], ['nginx', '-s', 'quit']]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  test.each(NGINX_PRESTOPS)("%s's preStop waits for nginx's exit at most shutdownTimeout (%i s), then says so in the app's log", (workload, seconds) => {
    // This test's own process stands for an nginx that never exits.
    const pid = String(process.pid);
    const result = run(`${workload}:app:preStop`, shell, { positional: ['prestop', pid], files: { [`/proc/${pid}/fd/2`]: '' } });
    expect(result.calls).toEqual([['sleep', '5'], ['nginx', '-s', 'quit'], ...Array(seconds).fill(['sleep', '1'])]);
    expect(result.status).toBe(1);
    const message = `preStop: the app (PID ${pid}) still runs ${seconds} s after its stop command; the stop signal follows\n`;
    expect(result.stderr).toBe(message);
    expect(result.readFile(`/proc/${pid}/fd/2`)).toBe(message);
  });

  test("GracefulWebService's preStop reports the stop command's failure, and does not wait", () => {
    const result = run('Deployment/shop:app:preStop', shell, { positional: ['prestop', String(process.pid)], behaviours: { nginx: 'exit 3' } });
    expect(result.status).toBe(3);
    expect(result.calls).toEqual([['sleep', '5'], ['nginx', '-s', 'quit']]);
    expect(result.stderr).toBe('preStop: the stop command failed (status 3)\n');
  });

  test('the fortune postStart publishes one quote from the ConfigMap, and an index page', () => {
    const result = run('Deployment/fortune:app:postStart', shell);
    expect(result.status).toBe(0);
    const quote = result.readFile('/usr/share/nginx/html/quote');
    expect(FORTUNES.map(q => `${q}\n`)).toContain(quote);
    expect(result.readFile('/usr/share/nginx/html/index.html')).toContain('href="/quote"');
    expect(result.listDir('/usr/share/nginx/html')).toEqual(['index.html', 'quote']);
  });

  test('the fortune postStart fails without quotes instead of publishing an empty one', () => {
    const result = run('Deployment/fortune:app:postStart', shell, { files: { '/etc/fortune/fortunes': '' } });
    expect(result.status).not.toBe(0);
    expect(result.readFile('/usr/share/nginx/html/quote')).toBeUndefined();
  });

  test('the failing postStart demo exits 1 and says why', () => {
    const result = run('Pod/yunpan-poststart-fail:nginx:postStart', shell);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('Emulating a post-start hook failure\n');
  });

  test('the cache warm-up retries until the app answers', () => {
    const result = run('Pod/cache-warmup-demo:demo:postStart', shell, { behaviours: { wget: '[ "$n" -gt 3 ] || exit 1' } });
    expect(result.status).toBe(0);
    expect(named(result.calls, 'wget')).toEqual(Array(4).fill(['wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:80/']));
    expect(named(result.calls, 'sleep')).toEqual(Array(3).fill(['sleep', '1']));
    expect(result.stdout).toBe('cache warm-up: done after 3 failed attempts\n');
  });

  test('the cache warm-up gives up after a bounded number of attempts, and says why', () => {
    const result = run('Pod/cache-warmup-demo:demo:postStart', shell, { behaviours: { wget: 'exit 1' } });
    expect(result.status).toBe(1);
    expect(named(result.calls, 'wget')).toHaveLength(WARM_UP_ATTEMPTS);
    expect(named(result.calls, 'sleep')).toHaveLength(WARM_UP_ATTEMPTS - 1);
    expect(result.stderr).toContain(`after ${WARM_UP_ATTEMPTS} attempts`);
  });

  test.each([
    ['OK', 'printf OK', 0],
    ['another answer', 'printf FAIL', 1],
    ['an HTTP error', 'exit 22', 1],
  ])('the exec liveness probe (POSIX =, not ==) on %s', (_case, behaviour, status) => {
    const result = run('Pod/liveness-exec-demo:demo:livenessProbe', shell, { behaviours: { curl: behaviour } });
    expect(result.status).toBe(status);
    expect(result.calls).toEqual([['curl', '-fsS', '-m', '1', 'http://127.0.0.1:80/livez']]);
  });

  test('the busybox liveness demo is healthy while it sleeps 30 s, then removes the file', () => {
    const result = run('Pod/liveness-exec:liveness:command', shell, {
      // The first sleep records whether the health file exists at that point.
      behaviours: { sleep: '[ -f "$HOME/healthy" ] && printf "healthy during sleep %s\\n" "$1"' },
    });
    expect(result.status).toBe(0);
    expect(result.calls).toEqual([['sleep', '30'], ['sleep', '600']]);
    expect(result.stdout).toBe('healthy during sleep 30\n');
    expect(result.readFile('/tmp/healthy')).toBeUndefined();
  });

  test('the lifecycle postStart adds the iptables redirect once', () => {
    const rule = ['PREROUTING', '-p', 'tcp', '--dport', '8080', '-j', 'REDIRECT', '--to-ports', '80'];
    const missing = run('Pod/lifecycle-demo:demo:postStart', shell, { behaviours: { iptables: '[ "$3" != -C ] || exit 1' } });
    expect(missing.status).toBe(0);
    expect(missing.calls).toEqual([['iptables', '-t', 'nat', '-C', ...rule], ['iptables', '-t', 'nat', '-A', ...rule]]);
    const present = run('Pod/lifecycle-demo:demo:postStart', shell);
    expect(present.status).toBe(0);
    expect(present.calls).toEqual([['iptables', '-t', 'nat', '-C', ...rule]]);
  });

  test('the lifecycle preStop stops when python3 is gone', () => {
    const result = run('Pod/lifecycle-demo:demo:preStop', shell, { behaviours: { killall: '[ "$n" -lt 3 ] || exit 1' } });
    expect(result.status).toBe(0);
    expect(named(result.calls, 'killall')).toEqual(Array(3).fill(['killall', 'python3']));
    expect(named(result.calls, 'sleep')).toHaveLength(2);
  });

  test('the lifecycle preStop loop is bounded when python3 never dies', () => {
    const result = run('Pod/lifecycle-demo:demo:preStop', shell);
    expect(result.status).toBe(0);
    expect(named(result.calls, 'killall')).toHaveLength(KILL_ROUNDS);
    expect(named(result.calls, 'sleep')).toHaveLength(KILL_ROUNDS);
  });

  test('the readiness demo init container copies the image pages, dot files included', () => {
    const result = run('Deployment/nginx-server:copy-html:init', shell, {
      files: { '/usr/share/nginx/html/index.html': '<h1>nginx</h1>', '/usr/share/nginx/html/.well-known/x': 'x' },
    });
    expect(result.status).toBe(0);
    expect(result.readFile('/html-copy/index.html')).toBe('<h1>nginx</h1>');
    expect(result.readFile('/html-copy/.well-known/x')).toBe('x');
  });

  describe('the pod-life timing scripts', () => {
    const line = (event: string) => new RegExp(`^\\d{9,}: ${event}\\n$`);

    test.each([
      ['init:init', 'INIT'],
      ['main:postStart', 'POST-START'],
      ['main:preStop', 'PRE-STOP'],
      ['main:livenessProbe', 'LIVENESS'],
      ['main:readinessProbe', 'READINESS'],
      ['main:startupProbe', 'STARTUP'],
    ])('%s appends a %s line to /loap/timing', (role, event) => {
      const result = run(`Deployment/loap:${role}`, shell);
      expect(result.status).toBe(0);
      expect(result.readFile('/loap/timing')).toMatch(line(event));
    });

    test('the main container records START, waits, then records SIGTERM and prints the timeline', () => {
      const result = run('Deployment/loap:main:command', shell, {
        behaviours: STOP_AT_FIRST_SLEEP,
        files: { '/loap/timing': '1700000000: INIT\n' },
      });
      expect(result.status).toBe(0);
      expect(result.calls).toEqual([['sleep', '3600']]);
      const timing = result.readFile('/loap/timing')!;
      expect(timing).toMatch(/^1700000000: INIT\n\d+: START\n\d+: SIGTERM\n$/);
      expect(result.stdout).toBe(timing);
    });
  });
});

test("the seed's `==` liveness probe fails under dash even when the app answers OK; ours passes", () => {
  const seed = '[ "$(curl -s 127.0.0.1/livez)" == "OK" ]';
  const [extracted] = extractScripts([{ kind: 'Pod', metadata: { name: 'seed' }, spec: { containers: [{ name: 'demo', image: 'x', command: ['/bin/sh', '-c', seed] }] } }]);
  const seedRun = runScript(extracted, { shell: 'dash', objects: [], behaviours: { curl: 'printf OK' } });
  expect(seedRun.status).not.toBe(0);
  expect(seedRun.stderr).toContain('unexpected operator');
  expect(run('Pod/liveness-exec-demo:demo:livenessProbe', 'dash', { behaviours: { curl: 'printf OK' } }).status).toBe(0);
});
