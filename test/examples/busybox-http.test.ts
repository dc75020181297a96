/**
 * The HTTP calls the example scenarios make from inside a container, run for real with Debian's
 * busybox (1.35, built without FEATURE_WGET_TIMEOUT: `wget -T` segfaults there) and only busybox
 * applets on PATH: they must not crash, must tell success from failure, and must end by themselves
 * against an app that accepts a connection and never answers.
 */
import { spawn } from 'child_process';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { Testing } from 'cdk8s';
import { cacheWarmUp, WARM_UP_SCRIPT } from '../../src/examples/cache-warm-up';
import { sidecarAmbassador } from '../../src/examples/sidecar-ambassador';
import { startSilentServer } from '../support/mock-nacos-server';
import { HookSandbox } from '../support/run-hook';

type Json = Record<string, any>;

let sandbox: HookSandbox;
let bin: string;
beforeAll(() => {
  sandbox = new HookSandbox('');
  // Every busybox applet (wget, timeout, the real sleep), nothing else.
  bin = sandbox.binDir('nc', true);
});
afterAll(() => sandbox.cleanup());

interface Run { readonly code: number | null; readonly signal: NodeJS.Signals | null; readonly stdout: string; readonly stderr: string; readonly hung: boolean; readonly ms: number }

/** Runs argv with PATH = busybox applets; kills it (and reports `hung`) after 20 s: a guard, not a speed claim. */
function run(argv: readonly string[]): Promise<Run> {
  return new Promise(resolve => {
    const started = performance.now();
    const child = spawn(argv[0], argv.slice(1), { env: { PATH: bin }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let hung = false;
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString('utf8'); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString('utf8'); });
    const guard = setTimeout(() => {
      hung = true;
      process.kill(-child.pid!, 'SIGKILL');
    }, 20_000);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr, hung, ms: performance.now() - started });
    });
  });
}

/** A local app: answers each GET with the next status of `statuses` (the last one repeats). */
async function app(statuses: number[]): Promise<{ port: number; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    const status = statuses[Math.min(hits, statuses.length - 1)];
    hits += 1;
    res.writeHead(status, { 'Content-Type': 'text/plain' });
    res.end(`${status}\n`);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hits: () => hits,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

const CRASHED = 139; // 128 + SIGSEGV, as sh reports it
const pointAt = (text: string, port: number) => text.replace(/127\.0\.0\.1:(80|8080)\b/g, `127.0.0.1:${port}`);

describe('the cache warm-up postStart (seeds/000)', () => {
  test('the script is the one in the manifest', () => {
    const pod = (Testing.synth(cacheWarmUp(Testing.app())) as Json[]).find(o => o.kind === 'Pod')!;
    expect(pod.spec.containers[0].lifecycle.postStart.exec.command).toEqual(['sh', '-c', WARM_UP_SCRIPT]);
  });

  test('retries until the app answers 2xx, then succeeds', async () => {
    const target = await app([503, 503, 200]);
    try {
      const r = await run(['/usr/bin/busybox', 'sh', '-c', pointAt(WARM_UP_SCRIPT, target.port)]);
      expect(r.hung).toBe(false);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('cache warm-up: done after 2 failed attempts\n');
      expect(target.hits()).toBe(3);
    } finally {
      await target.close();
    }
  });

  test('each call does not crash and ends by itself when the app accepts and never answers', async () => {
    const call = /^until (.*); do$/m.exec(WARM_UP_SCRIPT)![1];
    const silent = await startSilentServer();
    try {
      const port = Number(silent.address.split(':')[1]);
      const r = await run(['/usr/bin/busybox', 'sh', '-c', pointAt(call, port)]);
      expect(r.hung).toBe(false);
      // Failed, ended by busybox timeout's SIGTERM (it execs wget in its own process), not a crash.
      expect(r.code).not.toBe(0);
      expect(r.code).not.toBe(CRASHED);
      expect(r.signal).not.toBe('SIGSEGV');
      // It waited for an answer, up to its 2 s bound (a lower bound; no claim on speed).
      expect(r.ms).toBeGreaterThanOrEqual(2000);
    } finally {
      await silent.close();
    }
  });
});

describe('the sidecar ambassador\'s exec probes of the app on 127.0.0.1 (seeds/003)', () => {
  const pod = (Testing.synth(sidecarAmbassador(Testing.app())) as Json[]).find(o => o.kind === 'Pod')!;
  const demo = pod.spec.containers.find((c: Json) => c.name === 'demo');
  const probes: Array<[string, string[]]> = ['livenessProbe', 'readinessProbe', 'startupProbe']
    .filter(p => demo[p]?.exec)
    .map(p => [p, demo[p].exec.command]);

  test('there are exec probes to check', () => {
    expect(probes.map(p => p[0])).toEqual(expect.arrayContaining(['livenessProbe', 'readinessProbe']));
  });

  test.each(probes)('%s passes on 200 and fails on 503, without crashing', async (_name, command) => {
    for (const [status, ok] of [[200, true], [503, false]] as const) {
      const target = await app([status]);
      try {
        const r = await run(command.map(w => pointAt(w, target.port)));
        expect(r.hung).toBe(false);
        expect(r.code === 0).toBe(ok);
        expect(r.code).not.toBe(CRASHED);
        expect(r.signal).toBeNull();
      } finally {
        await target.close();
      }
    }
  });

  test.each(probes)('%s ends by itself when the app accepts and never answers', async (_name, command) => {
    const silent = await startSilentServer();
    try {
      const port = Number(silent.address.split(':')[1]);
      const r = await run(command.map(w => pointAt(w, port)));
      expect(r.hung).toBe(false);
      expect(r.code).not.toBe(0);
      expect(r.code).not.toBe(CRASHED);
      expect(r.signal).not.toBe('SIGSEGV');
    } finally {
      await silent.close();
    }
  });
});
