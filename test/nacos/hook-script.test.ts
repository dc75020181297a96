/**
 * The Nacos hook script, run for real under dash and busybox sh against a local Nacos server.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import { nacosHookScript } from '../../src/nacos/hook-script';
import { MockNacosServer, refusedAddress, startSilentServer, TOKEN, type NacosVersion } from '../support/mock-nacos-server';
import { API_OF, hookEnv as env, INSTANCE, NAMESPACE } from '../support/nacos-hook-fixture';
import { HookSandbox, MATRIX, type HookRun } from '../support/run-hook';

/** The parameters the real controller of each API reads, for INSTANCE and `enabled`. */
function expectedUpdate(version: NacosVersion, enabled: boolean): { method: string; path: string; query: Record<string, string> } {
  const common = { ip: '172.16.246.32', port: '8093', groupName: 'PARKING', clusterName: 'SH', namespaceId: NAMESPACE, enabled: String(enabled) };
  switch (version) {
    case '1.x':
      return { method: 'PATCH', path: '/nacos/v1/ns/instance', query: { ...common, serviceName: 'jdd-parking-cloud-admin' } };
    case '2.x':
      return {
        method: 'PATCH',
        path: '/nacos/v2/ns/instance',
        query: { ...common, serviceName: 'PARKING@@jdd-parking-cloud-admin', cluster: 'SH', weight: '2.5', metadata: '' },
      };
    case '3.x':
      return { method: 'PUT', path: '/nacos/v3/admin/ns/instance/partial', query: { ...common, serviceName: 'jdd-parking-cloud-admin', weight: '2.5' } };
  }
}

let sandbox: HookSandbox;
const mocks: MockNacosServer[] = [];

async function mock(options: Parameters<typeof MockNacosServer.start>[0]): Promise<MockNacosServer> {
  const m = await MockNacosServer.start(options);
  mocks.push(m);
  return m;
}

beforeAll(() => {
  sandbox = new HookSandbox(nacosHookScript());
});
afterAll(() => sandbox.cleanup());
afterEach(async () => {
  await Promise.all(mocks.splice(0).map(m => m.close()));
});

test('passes shellcheck -s sh', () => {
  expect(() => execFileSync('shellcheck', ['-s', 'sh', sandbox.scriptPath], { encoding: 'utf8' })).not.toThrow();
});

test('is the same text whatever the props: values only reach it through env vars', () => {
  expect(nacosHookScript()).toBe(nacosHookScript());
  expect(nacosHookScript()).not.toMatch(/`/);
});

describe.each(MATRIX)('%s with %s', (shell, client) => {
  const run = (mode: string, e: Record<string, string>): Promise<HookRun> => sandbox.run({ shell, client, mode, env: e });

  test.each(['1.x', '2.x', '3.x'] as const)('prestop disables the instance on a %s server, then waits', async version => {
    const nacos = await mock({ version, instances: [INSTANCE] });
    nacos.register(INSTANCE, { enabled: true, weight: 2.5 });
    const r = await run('prestop', env(API_OF[version], nacos.address));

    expect(r.code).toBe(0);
    expect(nacos.instanceRequests).toHaveLength(1);
    const req = nacos.instanceRequests[0];
    const want = expectedUpdate(version, false);
    expect(req.method).toBe(want.method);
    expect(req.path).toBe(want.path);
    expect(req.query).toEqual(want.query);
    expect(req.status).toBe(200);
    expect(req.method).not.toBe('DELETE');
    expect(nacos.state(INSTANCE)).toEqual({ enabled: false, weight: 2.5 });
    expect(r.sleeps).toEqual(['40']);
    expect(r.log).toMatch(/disabled jdd-parking-cloud-admin 172\.16\.246\.32:8093 .*serving 40s more/);
    if (client === 'nc') expect(req.httpVersion).toBe('1.0');
  });

  test('prestop waits the drain delay when it is longer than the deregister wait', async () => {
    const nacos = await mock({ version: '2.x', instances: [INSTANCE] });
    const r = await run('prestop', env('v2', nacos.address, { NACOS_HOOK_DEREGISTER_WAIT: '3', NACOS_HOOK_DRAIN: '9' }));
    expect(r.code).toBe(0);
    expect(r.sleeps).toEqual(['9']);
  });

  test('prestop: HTTP 500 is reported, the deregister wait is still waited, the exit is non-zero', async () => {
    const nacos = await mock({ version: '2.x', instances: [INSTANCE], failWith: { status: 500, body: 'caused: raft leader not found;' } });
    const r = await run('prestop', env('v2', nacos.address));
    expect(r.code).toBe(1);
    expect(r.sleeps).toEqual(['40']);
    expect(r.log).toContain('could not disable jdd-parking-cloud-admin');
    expect(r.log).toContain('answered HTTP 500: caused: raft leader not found;');
    expect(r.stderr).toContain('answered HTTP 500');
  });

  test('prestop: a failed disable serves the longer of the drain delay and the deregister wait, then exits 1', async () => {
    // Consumers still hold the instance: the grace period reserves the wait for this case too.
    const down = await refusedAddress();
    const longWait = await run('prestop', env('v2', down, { NACOS_HOOK_DEREGISTER_WAIT: '40', NACOS_HOOK_DRAIN: '5' }));
    expect([longWait.code, longWait.sleeps]).toEqual([1, ['40']]);
    expect(longWait.log).toMatch(/could not disable .*serving 40s more/);
    const longDrain = await run('prestop', env('v2', down, { NACOS_HOOK_DEREGISTER_WAIT: '3', NACOS_HOOK_DRAIN: '9' }));
    expect([longDrain.code, longDrain.sleeps]).toEqual([1, ['9']]);
    const badSettings = await run('prestop', env('v2', down, { SPRING_CLOUD_NACOS_DISCOVERY_IP: '' }));
    expect([badSettings.code, badSettings.sleeps]).toEqual([1, ['40']]);
  });

  test('prestop: an instance Nacos does not know (wrong service or namespace) fails loudly', async () => {
    const nacos = await mock({ version: '2.x' });
    const r = await run('prestop', env('v2', nacos.address));
    expect(r.code).toBe(1);
    expect(r.log).toContain('answered HTTP 404');
    expect(r.log).toContain('no matched ip found!');
    expect(r.sleeps).toEqual(['40']);
  });

  test('prestop: a 200 whose Result code is not 0 is a failure', async () => {
    const nacos = await mock({ version: '3.x', instances: [INSTANCE], failWith: { status: 200, body: '{"code":21003,"message":"instance not found","data":null}' } });
    const r = await run('prestop', env('v3', nacos.address));
    expect(r.code).toBe(1);
    expect(r.log).toContain('"code":21003');
    expect(r.sleeps).toEqual(['40']);
  });

  test('prestop: connection refused is reported, the deregister wait is still waited, the exit is non-zero', async () => {
    const r = await run('prestop', env('v2', await refusedAddress()));
    expect(r.code).toBe(1);
    expect(r.sleeps).toEqual(['40']);
    expect(r.log).toMatch(/could not disable .*failed: /);
  });

  test('prestop: a server that never answers times out', async () => {
    const silent = await startSilentServer();
    try {
      const r = await run('prestop', env('v2', silent.address));
      expect(r.code).toBe(1);
      expect(r.sleeps).toEqual(['40']);
      expect(r.log).toMatch(/could not disable .*failed: /);
    } finally {
      await silent.close();
    }
  });

  test('prestop tries each server until one answers', async () => {
    const silent = await startSilentServer();
    try {
      const nacos = await mock({ version: '2.x', instances: [INSTANCE] });
      const r = await run('prestop', env('v2', `${await refusedAddress()},${silent.address},${nacos.address}`));
      expect(r.code).toBe(0);
      expect(nacos.instanceRequests).toHaveLength(1);
      expect(nacos.state(INSTANCE)?.enabled).toBe(false);
      expect(r.sleeps).toEqual(['40']);
    } finally {
      await silent.close();
    }
  });

  test.each(['2.x', '3.x'] as const)('with auth on %s: logs in, passes the token, never logs the password', async version => {
    const password = 'p@ss w&rd\'"$;`密';
    const nacos = await mock({ version, instances: [INSTANCE], auth: { username: 'deployer', password } });
    const r = await run('prestop', env(API_OF[version], nacos.address, {
      SPRING_CLOUD_NACOS_DISCOVERY_USERNAME: 'deployer',
      SPRING_CLOUD_NACOS_DISCOVERY_PASSWORD: password,
    }));
    expect(r.code).toBe(0);
    const [login, update] = nacos.requests;
    expect(login.method).toBe('POST');
    expect(login.path).toBe(version === '3.x' ? '/nacos/v3/auth/user/login' : '/nacos/v1/auth/login');
    expect(login.form).toEqual({ username: 'deployer', password });
    expect(login.query).toEqual({});
    expect(update.query.accessToken).toBe(TOKEN);
    expect(update.status).toBe(200);
    expect(nacos.state(INSTANCE)?.enabled).toBe(false);
    expect(r.log + r.stderr + r.stdout).not.toContain('w&rd');
    expect(r.log).not.toContain(TOKEN);
  });

  test('with auth: a refused login fails the hook', async () => {
    const nacos = await mock({ version: '2.x', instances: [INSTANCE], auth: { username: 'deployer', password: 'right' } });
    const r = await run('prestop', env('v2', nacos.address, { SPRING_CLOUD_NACOS_DISCOVERY_USERNAME: 'deployer', SPRING_CLOUD_NACOS_DISCOVERY_PASSWORD: 'wrong' }));
    expect(r.code).toBe(1);
    expect(r.log).toContain('login at http://');
    expect(r.log).toContain('answered HTTP 403: unknown user!');
    expect(nacos.instanceRequests).toHaveLength(0);
    expect(r.sleeps).toEqual(['40']);
  });

  test.each(['1.x', '2.x', '3.x'] as const)('enable waits until the app registered on %s, then enables it', async version => {
    // A pod that reused the ip:port of one stopped moments ago: it registers disabled.
    const nacos = await mock({ version, registerAfterUpdates: { count: 2, instance: INSTANCE } });
    const r = await run('enable', env(API_OF[version], nacos.address));
    expect(r.code).toBe(0);
    expect(nacos.instanceRequests).toHaveLength(3);
    const notFound = version === '1.x' ? 400 : 404;
    expect(nacos.instanceRequests.map(q => q.status)).toEqual([notFound, notFound, 200]);
    const last = nacos.instanceRequests[2];
    const want = expectedUpdate(version, true);
    expect(last.method).toBe(want.method);
    expect(last.path).toBe(want.path);
    expect(last.query).toEqual(want.query);
    expect(nacos.state(INSTANCE)?.enabled).toBe(true);
    expect(r.sleeps).toEqual(['7', '7']);
    expect(r.log).toContain('enabled jdd-parking-cloud-admin 172.16.246.32:8093');
  });

  test('enable gives up after its attempts without failing', async () => {
    const nacos = await mock({ version: '2.x' });
    const r = await run('enable', env('v2', nacos.address));
    expect(r.code).toBe(0);
    expect(nacos.instanceRequests).toHaveLength(3);
    expect(r.sleeps).toEqual(['7', '7']);
    expect(r.log).toContain('gave up enabling');
  });

  test('an IPv6 server in brackets', async () => {
    const nacos = await mock({ version: '2.x', instances: [INSTANCE], host: '::1' });
    expect(nacos.address).toMatch(/^\[::1\]:\d+$/);
    const r = await run('prestop', env('v2', nacos.address));
    expect(r.code).toBe(0);
    expect(nacos.state(INSTANCE)?.enabled).toBe(false);
    expect(nacos.instanceRequests[0].headers.host).toBe(nacos.address);
  });

  test('without a writable state dir the preStop still disables, and says what it cannot stop', async () => {
    const nacos = await mock({ version: '2.x', instances: [INSTANCE] });
    const stop = await run('prestop', env('v2', nacos.address, { NACOS_HOOK_STATE: '/nonexistent/state' }));
    expect(stop.code).toBe(0);
    expect(nacos.state(INSTANCE)?.enabled).toBe(false);
    expect(stop.log).toContain('cannot write /nonexistent/state/disabling');
    // The enable job does not run where a stop could not stop it.
    const start = await run('enable', env('v2', nacos.address, { NACOS_HOOK_STATE: '/nonexistent/state' }));
    expect(start.log).toContain('cannot enable the instance: /nonexistent/state is not a writable directory');
    expect(nacos.instanceRequests.filter(q => q.query.enabled === 'true')).toEqual([]);
  });

  test('disable (the sidecar preStop) disables without waiting', async () => {
    const nacos = await mock({ version: '2.x', instances: [INSTANCE] });
    const ok = await run('disable', env('v2', nacos.address));
    expect(ok.code).toBe(0);
    expect(ok.sleeps).toEqual([]);
    expect(nacos.state(INSTANCE)?.enabled).toBe(false);
    const failed = await run('disable', env('v2', await refusedAddress()));
    expect(failed.code).toBe(1);
    expect(failed.sleeps).toEqual([]);
  });

  test('bad settings are refused before any request', async () => {
    const nacos = await mock({ version: '2.x', instances: [INSTANCE] });
    for (const extra of [
      { SPRING_CLOUD_NACOS_DISCOVERY_IP: '' },
      { SPRING_CLOUD_NACOS_DISCOVERY_SERVERADDR: `${nacos.address};touch /tmp/pwned` },
      { SPRING_CLOUD_NACOS_DISCOVERY_SERVICE: 'a b' },
      { NACOS_HOOK_API: 'v9' },
    ]) {
      const r = await run('prestop', env('v2', nacos.address, extra));
      expect(r.code).toBe(1);
      expect(r.log).toContain('bad settings');
      expect(r.sleeps).toEqual(['40']);
    }
    const e = await run('enable', env('v2', nacos.address, { SPRING_CLOUD_NACOS_DISCOVERY_IP: '' }));
    expect(e.code).toBe(0);
    expect(nacos.requests).toHaveLength(0);
  });
});

describe('around the HTTP calls', () => {
  test('without curl, wget or nc the hook says so and fails', async () => {
    const r = await sandbox.run({ shell: 'busybox', client: 'none', mode: 'prestop', env: env('v2', '127.0.0.1:1') });
    expect(r.code).toBe(1);
    expect(r.log).toContain('no HTTP client in this image');
    expect(r.sleeps).toEqual(['40']);
  });

  describe.each(['dash', 'busybox'] as const)('nc under %s', shell => {
    // A slim image: no `true` binary (the shells have it as a builtin only), maybe no `timeout`.
    test.each([
      ['true', ['true']],
      ['true and timeout', ['true', 'timeout']],
    ])('without %s on PATH, a server that accepts and never answers cannot hold the hook', async (_what, without) => {
      const silent = await startSilentServer();
      try {
        const started = performance.now();
        const r = await sandbox.run({
          shell, client: 'nc', mode: 'prestop', realSleep: true, without, hangGuardMs: 20_000,
          env: env('v2', silent.address, { NACOS_HOOK_TIMEOUT: '1', NACOS_HOOK_DEREGISTER_WAIT: '0', NACOS_HOOK_DRAIN: '0' }),
        });
        expect(r.hung).toBe(false);
        expect(r.code).toBe(1);
        expect(r.log).toMatch(/could not disable .*no reply within 1s/);
        // It did wait for the reply, up to the timeout (a lower bound; no claim on how fast it ended).
        expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
      } finally {
        await silent.close();
      }
    });

    test('without timeout, a normal exchange is not cut short by the watchdog', async () => {
      const nacos = await mock({ version: '2.x', instances: [INSTANCE] });
      const r = await sandbox.run({
        shell, client: 'nc', mode: 'prestop', realSleep: true, without: ['true', 'timeout'], hangGuardMs: 20_000,
        env: env('v2', nacos.address, { NACOS_HOOK_TIMEOUT: '5', NACOS_HOOK_DEREGISTER_WAIT: '0', NACOS_HOOK_DRAIN: '0' }),
      });
      expect(r.code).toBe(0);
      expect(nacos.state(INSTANCE)?.enabled).toBe(false);
    });
  });

  test('an unwritable log target falls back to stderr', async () => {
    const nacos = await mock({ version: '2.x', instances: [INSTANCE] });
    const r = await sandbox.run({ shell: 'dash', client: 'nc', mode: 'prestop', env: env('v2', nacos.address, { NACOS_HOOK_LOG: '/nonexistent/dir/log' }) });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('disabled jdd-parking-cloud-admin');
  });

  test('poststart returns at once and enables in the background', async () => {
    const nacos = await mock({ version: '2.x', instances: [INSTANCE] });
    nacos.register(INSTANCE, { enabled: false, weight: 2.5 });
    const r = await sandbox.run({ shell: 'busybox', client: 'nc', mode: 'poststart', env: env('v2', nacos.address) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    await eventually(() => nacos.state(INSTANCE)?.enabled === true);
    expect(nacos.instanceRequests[0].query.enabled).toBe('true');
  });

  test('sidecar enables, then idles until SIGTERM and exits 0', async () => {
    const nacos = await mock({ version: '2.x', instances: [INSTANCE] });
    nacos.register(INSTANCE, { enabled: false, weight: 2.5 });
    let guard: NodeJS.Timeout | undefined;
    const r = await sandbox.run({
      shell: 'busybox', client: 'nc', mode: 'sidecar', realSleep: true, env: env('v2', nacos.address),
      onSpawn: pid => {
        // If SIGTERM did not end it, SIGKILL does, and the exit code shows it.
        guard = setTimeout(() => process.kill(pid, 'SIGKILL'), 30000);
        void eventually(() => nacos.state(INSTANCE)?.enabled === true).then(() => process.kill(pid, 'SIGTERM'));
      },
    });
    clearTimeout(guard);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
    expect(nacos.state(INSTANCE)?.enabled).toBe(true);
  });

  test('the sleep shim really stands in for sleep', () => {
    const bin = sandbox.binDir('nc');
    expect(fs.readFileSync(`${bin}/sleep`, 'utf8')).toContain('SLEEP_RECORD');
    expect(fs.existsSync(`${bin}/curl`)).toBe(false);
  });
});

/** Polls a condition (a background process acts); fails after 20 s. Asserts nothing about time. */
async function eventually(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error('condition not met');
}
