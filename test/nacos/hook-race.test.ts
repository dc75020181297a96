/**
 * The start-up enable loop against a stopping pod: the real script, under dash and under busybox
 * sh with only busybox applets on PATH (real `sleep`), against the local Nacos server, with the
 * server's request log asserted. Once a disable began, no `enabled=true` may reach the server,
 * whatever the interleaving: the loop asleep, between attempts, or with a request in flight.
 *
 * Wall clock only orders events here (the server numbers every arrival and answer); no assertion
 * bounds how fast anything runs.
 */
import * as fs from 'fs';
import { nacosHookScript } from '../../src/nacos/hook-script';
import { MockNacosServer, type MockNacosOptions, type RecordedRequest } from '../support/mock-nacos-server';
import { hookEnv, INSTANCE } from '../support/nacos-hook-fixture';
import { HookSandbox, type HookRun, type Shell } from '../support/run-hook';

const SHELLS: readonly Shell[] = ['dash', 'busybox'];

jest.setTimeout(120_000);

let sandbox: HookSandbox;
const mocks: MockNacosServer[] = [];

beforeAll(() => {
  sandbox = new HookSandbox(nacosHookScript());
});
afterAll(() => sandbox.cleanup());
afterEach(async () => {
  await Promise.all(mocks.splice(0).map(m => m.close()));
});

async function mock(options: Partial<MockNacosOptions> = {}): Promise<MockNacosServer> {
  const m = await MockNacosServer.start({ version: '2.x', instances: [INSTANCE], ...options });
  // A pod that reused the ip:port of one stopped moments ago registers disabled.
  m.register(INSTANCE, { enabled: false, weight: 2.5 });
  mocks.push(m);
  return m;
}

/** Short waits so that a run takes seconds: the loop tries every `interval` s. */
function raceEnv(nacos: MockNacosServer, state: string, interval: number, extra: Record<string, string> = {}): Record<string, string> {
  return hookEnv('v2', nacos.address, {
    NACOS_HOOK_STATE: state,
    NACOS_HOOK_TIMEOUT: '3',
    NACOS_HOOK_DEREGISTER_WAIT: '1',
    NACOS_HOOK_DRAIN: '0',
    NACOS_HOOK_ENABLE_ATTEMPTS: '8',
    NACOS_HOOK_ENABLE_INTERVAL: String(interval),
    ...extra,
  });
}

function run(shell: Shell, mode: string, env: Record<string, string>, extra: { args?: string[] } = {}): Promise<HookRun> {
  return sandbox.run({ shell, client: 'nc', mode, env, realSleep: true, hangGuardMs: 45_000, ...extra });
}

const delay = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** The loop's last word: it enabled, gave up, or stopped because a disable began. */
const LOOP_DONE = /nacos-lifecycle (enable|sidecar): (enabled |gave up|stopped|cannot enable)/;

/** Waits (without asserting on time) until the background loop has said its last word in `logFile`. */
async function loopDone(logFile: string): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const log = fs.readFileSync(logFile, 'utf8');
    if (LOOP_DONE.test(log)) return log;
    await delay(100);
  }
  throw new Error(`the enable loop did not finish: ${fs.readFileSync(logFile, 'utf8')}`);
}

function describeRequests(requests: readonly RecordedRequest[]): string[] {
  return [...requests].sort((a, b) => a.receivedSeq - b.receivedSeq)
    .map(r => `enabled=${r.enabled} received ${Math.round(r.receivedMs)} ms, answered ${Math.round(r.answeredMs)} ms: ${r.status}`);
}

/**
 * The invariant: every `enabled=true` the server applied was applied before the first
 * `enabled=false` arrived. Returns the request log, for the failure message.
 */
function expectNoEnableAfterDisable(nacos: MockNacosServer): void {
  const updates = nacos.instanceRequests;
  const disables = updates.filter(r => r.enabled === 'false');
  expect(disables.length).toBeGreaterThan(0);
  const firstDisable = Math.min(...disables.map(r => r.receivedSeq));
  const late = updates.filter(r => r.enabled === 'true' && r.answeredSeq > firstDisable);
  expect({ late: describeRequests(late), log: describeRequests(updates) }).toEqual({ late: [], log: describeRequests(updates) });
  expect(nacos.state(INSTANCE)?.enabled).toBe(false);
}

describe.each(SHELLS)('under %s', shell => {
  test('the issue\'s repro: 404 to the first two enabled=true every 2 s, preStop at 3 s: never enabled again', async () => {
    const nacos = await mock({ notRegisteredForFirstEnables: 2 });
    const env = raceEnv(nacos, sandbox.stateDir(), 2);
    const start = await run(shell, 'poststart', env);
    expect(start.code).toBe(0);
    await delay(3000);
    const stop = await run(shell, 'prestop', env);
    expect(stop.code).toBe(0);
    const log = await loopDone(start.logFile);
    expectNoEnableAfterDisable(nacos);
    // The loop tried (twice, unless the machine is slow) before the disable, then stopped instead
    // of trying again. (On a machine so loaded that the third attempt came first, it enabled before
    // the disable, which is no race: the ordering above still holds.)
    const enables = nacos.instanceRequests.filter(r => r.enabled === 'true').map(r => r.status);
    expect(enables.length).toBeGreaterThan(0);
    if (enables.every(status => status === 404)) expect(log).toMatch(/stopped: a disable began/);
  });

  test('many interleavings: the disable at any point of the loop, with each enable held 700 ms by the server', async () => {
    // Attempts every ~1.7 s (1 s interval + 0.7 s in flight); disables at offsets across three attempts.
    const offsets = [0, 250, 600, 900, 1300, 1700, 2100, 2600, 3000, 3500, 4200];
    await Promise.all(offsets.map(async offset => {
      const nacos = await mock({ notRegisteredForFirstEnables: 3, enableDelayMs: 700 });
      const env = raceEnv(nacos, sandbox.stateDir(), 1);
      const start = await run(shell, 'poststart', env);
      expect(start.code).toBe(0);
      await delay(offset);
      const stop = await run(shell, 'prestop', env);
      expect(stop.code).toBe(0);
      await loopDone(start.logFile);
      expectNoEnableAfterDisable(nacos);
    }));
  });

  test('an enable in flight when the disable begins: the disable waits for its answer, then goes out', async () => {
    // The server holds every enabled=true 2 s; the first one would succeed.
    const nacos = await mock({ enableDelayMs: 2000 });
    const env = raceEnv(nacos, sandbox.stateDir(), 1);
    const start = await run(shell, 'poststart', env);
    expect(start.code).toBe(0);
    await until(() => nacos.arrivals.some(a => a.enabled === 'true'));
    const stop = await run(shell, 'prestop', env);
    expect(stop.code).toBe(0);
    await loopDone(start.logFile);
    expectNoEnableAfterDisable(nacos);
    const [enable, disable] = [...nacos.instanceRequests].sort((a, b) => a.receivedSeq - b.receivedSeq);
    expect([enable.enabled, disable.enabled]).toEqual(['true', 'false']);
    // The disable arrived while the enable was still held, then only after its answer: in order.
    expect(enable.answeredSeq).toBeLessThan(disable.receivedSeq);
  });

  test('disable (the sidecar\'s preStop) stops the sidecar\'s own loop for good', async () => {
    const nacos = await mock({ notRegisteredForFirstEnables: 2 });
    const log = sandbox.logFile();
    const env = raceEnv(nacos, sandbox.stateDir(), 2, { NACOS_HOOK_LOG: log });
    let sidecarPid = 0;
    const sidecar = sandbox.run({
      shell, client: 'nc', mode: 'sidecar', env, realSleep: true, hangGuardMs: 45_000,
      onSpawn: pid => { sidecarPid = pid; },
    });
    await delay(3000);
    const stop = await run(shell, 'disable', env);
    expect(stop.code).toBe(0);
    await loopDone(log);
    process.kill(sidecarPid, 'SIGTERM');
    expect((await sidecar).code).toBe(0);
    expectNoEnableAfterDisable(nacos);
  });

  test.each(['poststart', 'sidecar'])('a restarted container enables again: the emptyDir kept the stop mark, %s clears it', async mode => {
    const nacos = await mock();
    const state = sandbox.stateDir();
    const env = raceEnv(nacos, state, 1);
    // The previous container instance stopped (its liveness probe failed): its preStop disabled.
    expect((await run(shell, 'prestop', env)).code).toBe(0);
    expect(fs.existsSync(`${state}/disabling`)).toBe(true);
    // In that container nothing enables any more, whoever asks.
    const late = await run(shell, 'enable', env);
    expect(late.log).toMatch(/stopped: a disable began/);
    expect(nacos.instanceRequests.filter(r => r.enabled === 'true')).toEqual([]);
    // The next container instance of the same pod starts over on the same emptyDir.
    const log = sandbox.logFile();
    let pid = 0;
    const next = sandbox.run({
      shell, client: 'nc', mode, env: { ...env, NACOS_HOOK_LOG: log }, realSleep: true, hangGuardMs: 45_000,
      onSpawn: p => { pid = p; },
    });
    expect(await loopDone(log)).toMatch(/enabled jdd-parking-cloud-admin/);
    if (mode === 'sidecar') process.kill(pid, 'SIGTERM');
    expect((await next).code).toBe(0);
    expect(nacos.state(INSTANCE)?.enabled).toBe(true);
  });

  test('poststart with the user\'s own postStart: the loop starts, then the command is the hook', async () => {
    const nacos = await mock();
    const log = sandbox.logFile();
    const env = raceEnv(nacos, sandbox.stateDir(), 1, { NACOS_HOOK_LOG: log });
    const ok = await run(shell, 'poststart', env, { args: ['sh', '-c', 'echo warmed; echo "$0 $1" >&2', 'a', 'b'] });
    expect([ok.code, ok.stdout, ok.stderr]).toEqual([0, 'warmed\n', 'a b\n']);
    await loopDone(log);
    expect(nacos.state(INSTANCE)?.enabled).toBe(true);

    // A failing user postStart fails the hook with its own status and message (the kubelet then
    // kills the container); a missing command fails it as the kubelet's own exec would.
    const failed = await run(shell, 'poststart', raceEnv(nacos, sandbox.stateDir(), 1), { args: ['sh', '-c', 'echo warm-up failed >&2; exit 3'] });
    expect([failed.code, failed.stderr]).toEqual([3, 'warm-up failed\n']);
    const missing = await run(shell, 'poststart', raceEnv(nacos, sandbox.stateDir(), 1), { args: ['/no/such/warm-up'] });
    expect(missing.code).toBe(127);
  });
});

/** Polls a condition (a background process acts); fails after 30 s. Asserts nothing about time. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (condition()) return;
    await delay(100);
  }
  throw new Error('condition not met');
}
