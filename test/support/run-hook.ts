/**
 * Runs a generated hook script for real, under dash or busybox sh, with a PATH that holds only
 * busybox applets (as in an alpine image) plus, on request, curl or GNU wget; `sleep` is a shim
 * that records its argument and returns at once, so a 45 s wait takes no time (or the real busybox
 * sleep, for tests of concurrent runs). `sh` on that PATH is the shell under test, so a script
 * that starts `sh "$0" …` stays in it.
 */
import { spawn, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export type Shell = 'dash' | 'busybox';
/** `none`: no curl, wget or nc at all. */
export type HttpClient = 'nc' | 'curl' | 'wget' | 'none';

export interface HookRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** What went to NACOS_HOOK_LOG (standing in for /proc/1/fd/2). */
  readonly log: string;
  /** The arguments `sleep` was called with, in order. */
  readonly sleeps: string[];
  /** The file NACOS_HOOK_LOG pointed at: background jobs the run started keep writing to it. */
  readonly logFile: string;
  /** True when the run was killed by the hang guard: it did not end by itself. */
  readonly hung: boolean;
}

export interface HookRunOptions {
  readonly shell: Shell;
  readonly client: HttpClient;
  readonly mode: string;
  /** Words after the mode (a user postStart command after `poststart`). */
  readonly args?: readonly string[];
  readonly env: Record<string, string>;
  /** Use the real busybox sleep instead of the recording shim. */
  readonly realSleep?: boolean;
  /** Called once the process runs, e.g. to signal it. */
  readonly onSpawn?: (pid: number) => void;
  /** Applets left off PATH, e.g. `['true', 'timeout']` for a slim image. */
  readonly without?: readonly string[];
  /**
   * Milliseconds after which the run is killed and reported as `hung`: not an assertion on speed,
   * a guard so that an unbounded wait fails the test instead of hanging it.
   * @default - none
   */
  readonly hangGuardMs?: number;
}

const BUSYBOX = '/usr/bin/busybox';
const applets = execFileSync(BUSYBOX, ['--list'], { encoding: 'utf8' }).split('\n').filter(a => /^[a-z0-9_.[-]+$/.test(a));

/** A temp dir with the script and a bin dir for one client; removed by `cleanup`. */
export class HookSandbox {
  public readonly dir: string;
  public readonly scriptPath: string;
  private readonly bins = new Map<string, string>();

  constructor(script: string) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nacos-hook-'));
    this.scriptPath = path.join(this.dir, 'nacos-lifecycle.sh');
    fs.writeFileSync(this.scriptPath, script, { mode: 0o444 });
  }

  /**
   * PATH dir: every busybox applet except sleep (a recording shim) and the ones left `without`,
   * plus the client's binary; `sh` is the shell under test.
   */
  public binDir(client: HttpClient, realSleep = false, shell: Shell = 'busybox', without: readonly string[] = []): string {
    const key = [client, realSleep, shell, ...without].join('-');
    const existing = this.bins.get(key);
    if (existing) return existing;
    const bin = path.join(this.dir, `bin-${key}`);
    fs.mkdirSync(bin);
    for (const applet of applets) {
      if (applet === 'sleep' && !realSleep) continue;
      if (without.includes(applet)) continue;
      if (applet === 'sh' && shell === 'dash') {
        fs.symlinkSync('/usr/bin/dash', path.join(bin, 'sh'));
        continue;
      }
      if (applet === 'wget' && client !== 'nc' && client !== 'curl') continue;
      if (applet === 'nc' && client === 'none') continue;
      fs.symlinkSync(BUSYBOX, path.join(bin, applet));
    }
    if (!realSleep) {
      fs.writeFileSync(path.join(bin, 'sleep'), '#!/bin/sh\nprintf \'%s\\n\' "$*" >> "$SLEEP_RECORD"\n', { mode: 0o755 });
    }
    if (client === 'curl') fs.symlinkSync('/usr/bin/curl', path.join(bin, 'curl'));
    if (client === 'wget') fs.symlinkSync('/usr/bin/wget', path.join(bin, 'wget'));
    this.bins.set(key, bin);
    return bin;
  }

  public async run(options: HookRunOptions): Promise<HookRun> {
    const id = Math.random().toString(36).slice(2);
    const sleepRecord = path.join(this.dir, `sleeps-${id}`);
    const logFile = path.join(this.dir, `log-${id}`);
    fs.writeFileSync(sleepRecord, '');
    fs.writeFileSync(logFile, '');
    // A clean environment: no proxies, nothing from the test runner. Each run gets a state dir of
    // its own (a pod of its own) unless the test shares one between runs.
    const env = {
      PATH: this.binDir(options.client, options.realSleep, options.shell, options.without),
      SLEEP_RECORD: sleepRecord,
      NACOS_HOOK_LOG: logFile,
      NACOS_HOOK_STATE: options.env.NACOS_HOOK_STATE ?? this.stateDir(),
      ...options.env,
    };
    const [cmd, args] = options.shell === 'dash'
      ? ['/usr/bin/dash', [this.scriptPath, options.mode, ...options.args ?? []]]
      : [BUSYBOX, ['sh', this.scriptPath, options.mode, ...options.args ?? []]];
    // Its own process group, so that the hang guard also ends what it started (an nc holding stdout).
    const child = spawn(cmd, args, { env, cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString('utf8'); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString('utf8'); });
    if (options.onSpawn && child.pid !== undefined) options.onSpawn(child.pid);
    let hung = false;
    const guard = options.hangGuardMs === undefined ? undefined : setTimeout(() => {
      hung = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, options.hangGuardMs);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(resolve => child.on('close', (c, s) => resolve([c, s])));
    clearTimeout(guard);
    const sleeps = fs.readFileSync(sleepRecord, 'utf8').split('\n').filter(Boolean);
    const usedLog = env.NACOS_HOOK_LOG;
    const log = fs.existsSync(usedLog) ? fs.readFileSync(usedLog, 'utf8') : '';
    return { code, signal, stdout, stderr, log, sleeps, logFile: usedLog, hung };
  }

  /** A fresh, empty file for NACOS_HOOK_LOG, shared by runs that pass it in their env. */
  public logFile(): string {
    const file = path.join(this.dir, `log-${Math.random().toString(36).slice(2)}`);
    fs.writeFileSync(file, '');
    return file;
  }

  /** A fresh directory for the script's state (NACOS_HOOK_STATE), as the emptyDir of one pod. */
  public stateDir(): string {
    return fs.mkdtempSync(path.join(this.dir, 'state-'));
  }

  public cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Every shell × client combination the tests cover. */
export const MATRIX: ReadonlyArray<readonly [Shell, HttpClient]> = [
  ['dash', 'nc'], ['busybox', 'nc'],
  ['dash', 'curl'], ['busybox', 'curl'],
  ['dash', 'wget'], ['busybox', 'wget'],
];
