/**
 * GracefulWebService's preStop against a real nginx (Debian's package, as `.ci/run` installs it):
 * nginx on loopback serves a large file slowly to a few clients; while the downloads are in flight
 * the generated preStop script runs under a real shell, then nginx gets SIGTERM, as the kubelet
 * sends it after the preStop to an image without STOPSIGNAL (Debian's nginx package has none).
 *
 * - The preStop as generated (drain, `nginx -s quit`, wait for the app's exit): every download
 *   completes, byte for byte.
 * - The preStop as it was (`sleep 1; exec nginx -s quit`, no wait): SIGTERM follows the quit at
 *   once and nginx's fast shutdown cuts every download: the failure the wait exists for.
 *
 * The script waits for `$1` (PID 1 in a container); here `$1` is the nginx master's PID, the one
 * word that differs from what the pod runs. The same for the pid-file variant, with nginx's own
 * pid file. Skipped, with the reason printed, where nginx is not installed (outside CI).
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Duration, Testing } from 'cdk8s';
import { GracefulWebService, type GracefulWebServiceProps } from '../../src/graceful-web-service';
import type { Shell } from './sandbox';

const NGINX = '/usr/sbin/nginx';
const SHELL_ARGV: Record<Shell, string[]> = { dash: ['/usr/bin/dash', '-c'], busybox: ['/usr/bin/busybox', 'sh', '-c'] };

/** A bounded local load: a few downloads, each slowed by nginx's limit_rate to about 2.5 s. */
const DOWNLOADS = 5;
const FILE_BYTES = 1024 * 1024;
const RATE = '400k';

const haveNginx = fs.existsSync(NGINX);
if (!haveNginx && !process.env.CI) {
  process.stderr.write(`SKIPPED test/scripts/nginx-graceful-stop.test.ts: ${NGINX} is absent (apt-get install -y nginx, as .ci/run does)\n`);
}

interface Nginx {
  readonly dir: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** The command line prefix that addresses this nginx: `nginx -p <dir> -c <conf> [-e <log>]`. */
  readonly argv: string[];
  readonly exited: Promise<void>;
  readonly file: Buffer;
}

interface Download {
  readonly bytes: number;
  readonly complete: boolean;
  readonly sha256: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startNginx(): Promise<Nginx> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nginx-graceful-'));
  // A master started as root runs its workers as `nobody`, who cannot read a document root under
  // a private temporary folder (jest's per-run TMPDIR is 0700): run them as the test's own user.
  const asUser = process.getuid?.() === 0 ? [`user ${os.userInfo().username};`] : [];
  fs.mkdirSync(path.join(dir, 'html'));
  fs.mkdirSync(path.join(dir, 'tmp'));
  const file = crypto.randomBytes(FILE_BYTES);
  fs.writeFileSync(path.join(dir, 'html', 'big.bin'), file, { mode: 0o644 });
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, [
    'daemon off;',
    ...asUser,
    'master_process on;',
    'worker_processes 2;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log notice;`,
    'events { worker_connections 64; }',
    'http {',
    '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(t => `  ${t}_temp_path ${dir}/tmp/${t};`),
    '  server {',
    `    listen 127.0.0.1:${port};`,
    `    root ${dir}/html;`,
    `    limit_rate ${RATE};`,
    '  }',
    '}',
    '',
  ].join('\n'));
  // `-e` (nginx 1.19.5+) keeps the start-up error log out of /var/log/nginx.
  const help = spawnSync(NGINX, ['-h'], { encoding: 'utf8' });
  const errorLog = `${help.stderr}${help.stdout}`.includes('-e filename') ? ['-e', path.join(dir, 'error.log')] : [];
  const argv = [NGINX, '-p', dir, '-c', conf, ...errorLog];
  const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.resume();
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
  for (let attempt = 0; ; attempt++) {
    if (await get(port, '/', () => undefined).then(() => true, () => false)) break;
    if (attempt >= 100 || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not start: ${fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : ''}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
  return { dir, port, process: child, argv, exited, file };
}

/** GETs `urlPath`; calls `onData` on each chunk; resolves when the response ends or is cut. */
function get(port: number, urlPath: string, onData: (chunk: Buffer) => void): Promise<Download> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: false }, res => {
      const hash = crypto.createHash('sha256');
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        hash.update(chunk);
        onData(chunk);
      });
      res.on('error', () => undefined);
      res.on('close', () => resolve({ bytes, complete: res.complete && res.statusCode === 200, sha256: hash.digest('hex') }));
    });
    req.on('error', reject);
  });
}

/** Starts the downloads and resolves once each has received its first bytes: all in flight. */
async function startDownloads(nginx: Nginx): Promise<Array<Promise<Download>>> {
  let started = 0;
  let allStarted: () => void = () => undefined;
  const inFlight = new Promise<void>(resolve => { allStarted = resolve; });
  const downloads = Array.from({ length: DOWNLOADS }, () => {
    let first = true;
    return get(nginx.port, '/big.bin', () => {
      if (first && ++started === DOWNLOADS) allStarted();
      first = false;
    }).catch(() => ({ bytes: 0, complete: false, sha256: '' }));
  });
  await inFlight;
  return downloads;
}

/** The preStop exec command GracefulWebService renders for this nginx. */
function preStopOf(nginx: Nginx, props: Partial<GracefulWebServiceProps>): string[] {
  const web = new GracefulWebService(Testing.chart(), 'web', {
    image: 'registry.example.com/debian-nginx:12',
    port: 8080,
    securityContext: { user: 101 },
    // A 1 s drain keeps the test short; behind a Service the construct would refuse it (endpoint
    // removal takes ≈5 s), and no Service is what this test is about.
    drainDelay: Duration.seconds(1),
    service: false,
    preStopCommand: [...nginx.argv, '-s', 'quit'],
    shutdownTimeout: Duration.seconds(20),
    ...props,
  });
  const json = ApiObject.of(web.deployment).toJson() as { spec: { template: { spec: { containers: Array<{ lifecycle: { preStop: { exec: { command: string[] } } } }> } } } };
  return json.spec.template.spec.containers[0].lifecycle.preStop.exec.command;
}

function runShell(shell: Shell, script: string, positional: readonly string[]): Promise<{ status: number | null; stderr: string }> {
  const [exe, ...args] = SHELL_ARGV[shell];
  const child = spawn(exe, [...args, script, ...positional], { env: { PATH: '/usr/bin:/bin', LANG: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => { stderr += c.toString(); });
  return new Promise(resolve => child.once('close', status => resolve({ status, stderr })));
}

/**
 * The kubelet's stop, with `command` as the preStop: the hook, then SIGTERM to the container's
 * main process (here the nginx master), then the downloads' outcome.
 */
async function stopWith(nginx: Nginx, shell: Shell, command: string[], pointAtMaster: boolean) {
  const downloads = await startDownloads(nginx);
  const [, , script, ...positional] = command;
  const pid = String(nginx.process.pid);
  // `$1` is PID 1 in the container; here the same script waits for the nginx master.
  const hook = await runShell(shell, script, pointAtMaster ? positional.map((w, i) => (i === 1 ? pid : w)) : positional);
  const exitedBeforeSigterm = nginx.process.exitCode !== null || nginx.process.signalCode !== null;
  if (!exitedBeforeSigterm) nginx.process.kill('SIGTERM');
  await nginx.exited;
  return { hook, exitedBeforeSigterm, downloads: await Promise.all(downloads) };
}

const describeWithNginx = haveNginx || process.env.CI ? describe : describe.skip;

describeWithNginx('a real nginx stopped by the generated preStop, then SIGTERM', () => {
  let nginx: Nginx | undefined;
  beforeEach(async () => {
    if (!haveNginx) throw new Error(`${NGINX} is missing: CI must install it (.ci/run: apt-get install -y nginx)`);
    nginx = await startNginx();
  });
  afterEach(async () => {
    if (!nginx) return;
    if (nginx.process.exitCode === null && nginx.process.signalCode === null) nginx.process.kill('SIGKILL');
    await nginx.exited;
    fs.rmSync(nginx.dir, { recursive: true, force: true });
    nginx = undefined;
  });

  const expectAllComplete = (downloads: readonly Download[], file: Buffer) => {
    const sha256 = crypto.createHash('sha256').update(file).digest('hex');
    expect(downloads).toEqual(Array(DOWNLOADS).fill({ bytes: FILE_BYTES, complete: true, sha256 }));
  };

  test.each(['dash', 'busybox'] as const)('under %s: the preStop waits for the master to exit; every in-flight download completes', async shell => {
    const command = preStopOf(nginx!, {});
    expect(command.slice(3)).toEqual(['prestop', '1']);
    const { hook, exitedBeforeSigterm, downloads } = await stopWith(nginx!, shell, command, true);
    expect(hook).toEqual({ status: 0, stderr: '' });
    expect(exitedBeforeSigterm).toBe(true);
    expectAllComplete(downloads, nginx!.file);
  });

  test('awaitExit: { pidFile }: the same, with the PID read from nginx\'s own pid file', async () => {
    const command = preStopOf(nginx!, { awaitExit: { pidFile: path.join(nginx!.dir, 'nginx.pid') } });
    const { hook, exitedBeforeSigterm, downloads } = await stopWith(nginx!, 'dash', command, false);
    expect(hook).toEqual({ status: 0, stderr: '' });
    expect(exitedBeforeSigterm).toBe(true);
    expectAllComplete(downloads, nginx!.file);
  });

  test('the failure mode: `sleep 1; exec nginx -s quit` returns at once, and SIGTERM cuts every download', async () => {
    const command = preStopOf(nginx!, { awaitExit: false });
    expect(command[2]).toBe(`sleep 1; exec ${nginx!.argv.join(' ')} -s quit`);
    const { hook, exitedBeforeSigterm, downloads } = await stopWith(nginx!, 'dash', command, false);
    expect(hook.status).toBe(0);
    expect(exitedBeforeSigterm).toBe(false);
    for (const d of downloads) expect([d.complete, d.bytes < FILE_BYTES]).toEqual([false, true]);
  });
});
