/**
 * Runs a generated shell script for real, under dash or busybox sh, in a throw-away directory
 * that stands in for the container:
 * - a file tree with the container's mounts (emptyDirs empty, ConfigMaps with their files) and
 *   the usual /tmp, /proc/1/fd, /dev, /etc, /run; every absolute path in the script is rewritten
 *   into that tree, so nothing is written outside the sandbox;
 * - PATH holds only recording shims for the commands with effects outside the script (nginx,
 *   sleep, curl, wget, iptables, killall, ...) and a short list of plain utilities (from the host
 *   for dash, busybox applets for busybox sh, as in an alpine image);
 * - the environment is the container's: literal values, and made-up values for the downward API.
 *
 * A shim appends its argv to a log and, when the test gives it a behaviour (a sh snippet that
 * sees `$n`, the shim's call count, and `"$@"`), runs it: print an answer, exit non-zero on the
 * third call, send SIGTERM to the script (`kill -TERM "$PPID"`), ...
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ExtractedScript, Json } from './extract-scripts';

export type Shell = 'dash' | 'busybox';
export const SHELLS: readonly Shell[] = ['dash', 'busybox'];

/** Commands that reach outside the script: always shims, never the real thing. */
export const SHIMMED = ['curl', 'envoy', 'fortune', 'iptables', 'java', 'killall', 'nc', 'nginx', 'python3', 'sleep', 'wget'];

/** Plain utilities a script may use; present in busybox and in the host's coreutils. */
const UTILITIES = [
  '[', 'awk', 'base64', 'basename', 'cat', 'chmod', 'cp', 'cut', 'date', 'dirname', 'env', 'expr', 'false', 'find', 'grep',
  'head', 'hostname', 'id', 'ln', 'ls', 'md5sum', 'mkdir', 'mktemp', 'mv', 'od', 'printf', 'readlink', 'realpath', 'rm',
  'rmdir', 'sed', 'seq', 'sha256sum', 'sort', 'stat', 'tail', 'tee', 'test', 'timeout', 'touch', 'tr', 'true', 'uname',
  'uniq', 'wc', 'xargs',
];

/** Made-up values for downward-API env vars. */
const FIELD_VALUES: Record<string, string> = {
  'metadata.name': 'demo-7c9f8d6b5-x2x4q',
  'metadata.namespace': 'default',
  'metadata.uid': '0b3c1f0e-6f4e-4a53-9a55-2f7d1c1e9a01',
  'spec.nodeName': 'node-1',
  'spec.serviceAccountName': 'default',
  'status.hostIP': '192.0.2.10',
  'status.podIP': '10.244.1.23',
  'status.podIPs': '10.244.1.23',
};

/** Paths a script may use as they are. */
const KEEP_PATHS = /^\/dev\/(null|stdout|stderr|fd\/\d+)$/;

/** One recorded shim call: the command name and its arguments. */
export type Call = readonly string[];

export interface RunOptions {
  readonly shell: Shell;
  /** All objects of the app, to find the ConfigMaps the container mounts. */
  readonly objects: readonly Json[];
  /** Shim name → sh snippet run by the shim after recording the call (default: exit 0, no output). */
  readonly behaviours?: Record<string, string>;
  /** Files to create in the container's file tree before the run, by absolute path. */
  readonly files?: Record<string, string>;
  /** Extra env vars. */
  readonly env?: Record<string, string>;
  /** `$0`, `$1`, ... instead of the words after the script in the manifest. */
  readonly positional?: readonly string[];
  /** Milliseconds after which a run counts as hung and is killed. @default 20000 */
  readonly hangGuardMs?: number;
}

export interface RunResult {
  /** Exit status, or null when killed by a signal. */
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Shim calls in order. */
  readonly calls: readonly Call[];
  /** True when the run had to be killed: the script did not end by itself. */
  readonly hung: boolean;
  /** Reads a file of the container's tree after the run; undefined when it does not exist. */
  readonly readFile: (absolutePath: string) => string | undefined;
  /** Lists a directory of the container's tree after the run. */
  readonly listDir: (absolutePath: string) => string[];
  /** The script as run, with its paths rewritten. */
  readonly rewritten: string;
}

/**
 * Kills a run that has not ended after this long. Not an assertion on timing: a guard so that an
 * unbounded loop fails the test (`hung`) instead of hanging it.
 */
const HANG_GUARD_MS = 20_000;

/**
 * Rewrites every absolute path of `script` (and a bare `/`) to live under `root`, so nothing the
 * script touches can be the host's. Words that only look like paths (`</a>` in an HTML string)
 * are rewritten too; `unrewrite` maps them back in everything the run produced. Only the path of
 * a URL (after `host:port`) and /dev/null, /dev/stdout, /dev/stderr stay as they are.
 */
export function rewritePaths(script: string, root: string): string {
  return script.replace(/(^|[\s"'=<>(|;&`])(\/[A-Za-z0-9._@%+-][A-Za-z0-9._@%+/-]*|\/(?=[\s;|&)"']|$))/gm,
    (match, before: string, p: string) => (KEEP_PATHS.test(p) ? match : `${before}${root}${p}`));
}

/** The inverse of `rewritePaths` on output: the sandbox root disappears. */
export function unrewrite(text: string, root: string): string {
  return text.split(root).join('');
}

/** Runs `script` in a fresh sandbox built from its container context. */
export function runScript(extracted: ExtractedScript, options: RunOptions): RunResult {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'script-sandbox-'));
  try {
    return runIn(base, extracted, options);
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

function runIn(base: string, extracted: ExtractedScript, options: RunOptions): RunResult {
  const root = path.join(base, 'fs');
  const state = path.join(base, 'state');
  const shims = path.join(base, 'shims');
  const utils = path.join(base, 'utils');
  for (const dir of [root, state, shims, utils]) fs.mkdirSync(dir);
  for (const dir of ['/tmp', '/proc/1/fd', '/dev', '/etc', '/run', '/var/run']) fs.mkdirSync(path.join(root, dir), { recursive: true });
  populateMounts(root, extracted, options.objects);
  if (extracted.mountedAt) writeFile(root, extracted.mountedAt, extracted.script);
  for (const [file, content] of Object.entries(options.files ?? {})) writeFile(root, file, content);

  fs.writeFileSync(path.join(state, 'calls'), '');
  for (const name of SHIMMED) {
    const behaviour = options.behaviours?.[name];
    if (behaviour !== undefined) fs.writeFileSync(path.join(state, `${name}.behaviour`), `${behaviour}\n`);
    fs.writeFileSync(path.join(shims, name), shimSource(name, state), { mode: 0o755 });
  }
  for (const name of UTILITIES) {
    const target = options.shell === 'busybox' ? '/usr/bin/busybox' : hostBinary(name);
    if (target) fs.symlinkSync(target, path.join(utils, name));
  }

  const rewritten = rewritePaths(extracted.script, root);
  const positional = options.positional ?? extracted.positional;
  const env: Record<string, string> = {
    PATH: `${shims}:${utils}`,
    HOME: path.join(root, 'tmp'),
    LANG: 'C',
    HOSTNAME: FIELD_VALUES['metadata.name'],
    ...containerEnv(extracted.context.container),
    ...options.env,
  };
  const argv = options.shell === 'dash'
    ? ['/usr/bin/dash', ['-c', rewritten, ...positional]] as const
    : ['/usr/bin/busybox', ['sh', '-c', rewritten, ...positional]] as const;
  const result = spawnSync(argv[0], [...argv[1]], {
    cwd: root, env, encoding: 'utf8', timeout: options.hangGuardMs ?? HANG_GUARD_MS, killSignal: 'SIGKILL',
  });
  const hung = result.error !== undefined && (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
  const calls = unrewrite(fs.readFileSync(path.join(state, 'calls'), 'utf8'), root)
    .split('\u001e').filter(r => r.length > 0).map(r => r.split('\u001f'));
  const snapshot = snapshotTree(root);
  return {
    status: result.status,
    signal: result.signal,
    stdout: unrewrite(result.stdout ?? '', root),
    stderr: unrewrite(result.stderr ?? '', root),
    calls,
    hung,
    readFile: p => snapshot.files.get(p),
    listDir: p => [...snapshot.files.keys(), ...snapshot.dirs].filter(f => path.posix.dirname(f) === p).map(f => path.posix.basename(f)).sort(),
    rewritten,
  };
}

/** The shim: records argv (fields split by US, calls by RS), then runs its behaviour if any. Builtins only. */
function shimSource(name: string, state: string): string {
  return [
    '#!/bin/sh',
    `state='${state}'`,
    `name='${name}'`,
    'n=0',
    'if [ -f "$state/$name.count" ]; then read -r n < "$state/$name.count"; fi',
    'n=$((n + 1))',
    'echo "$n" > "$state/$name.count"',
    "{ printf '%s' \"$name\"; for a in \"$@\"; do printf '\\037%s' \"$a\"; done; printf '\\036'; } >> \"$state/calls\"",
    'if [ -f "$state/$name.behaviour" ]; then . "$state/$name.behaviour"; fi',
    'exit 0',
    '',
  ].join('\n');
}

const hostBinaries = new Map<string, string | undefined>();
function hostBinary(name: string): string | undefined {
  if (!hostBinaries.has(name)) {
    const found = ['/usr/bin', '/bin'].map(d => path.join(d, name)).find(p => fs.existsSync(p));
    hostBinaries.set(name, found);
  }
  return hostBinaries.get(name);
}

function writeFile(root: string, absolutePath: string, content: string): void {
  const target = path.join(root, absolutePath);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, content);
}

const isMap = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Creates the container's mounts: every mount path as a directory, ConfigMap files in place. */
function populateMounts(root: string, extracted: ExtractedScript, objects: readonly Json[]): void {
  const container = extracted.context.container;
  const podSpec = extracted.context.podSpec;
  if (!isMap(container)) return;
  const volumes = isMap(podSpec) && Array.isArray(podSpec.volumes) ? podSpec.volumes.filter(isMap) : [];
  const mounts = Array.isArray(container.volumeMounts) ? container.volumeMounts.filter(isMap) : [];
  for (const mount of mounts) {
    const mountPath = String(mount.mountPath);
    const volume = volumes.find(v => v.name === mount.name);
    const source = volume && isMap(volume.configMap) ? volume.configMap : undefined;
    const configMap = source && objects.find(o => o.kind === 'ConfigMap' && isMap(o.metadata) && o.metadata.name === source.name);
    if (!source || !configMap || !isMap(configMap.data)) {
      fs.mkdirSync(path.join(root, mountPath), { recursive: true });
      continue;
    }
    // The files the volume holds: every key, or only the listed items under their paths.
    const items = Array.isArray(source.items) ? source.items.filter(isMap) : undefined;
    const files = new Map<string, string>();
    for (const [key, value] of Object.entries(configMap.data)) {
      const item = items?.find(i => i.key === key);
      if (items && !item) continue;
      files.set(item ? String(item.path) : key, String(value));
    }
    if (typeof mount.subPath === 'string') {
      const content = files.get(mount.subPath);
      if (content !== undefined) writeFile(root, mountPath, content);
    } else {
      fs.mkdirSync(path.join(root, mountPath), { recursive: true });
      for (const [file, content] of files) writeFile(root, `${mountPath}/${file}`, content);
    }
  }
}

/** The container's env as the script sees it: values, and made-up downward-API values. */
function containerEnv(container: Json | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  if (!isMap(container) || !Array.isArray(container.env)) return env;
  for (const entry of container.env.filter(isMap)) {
    const name = String(entry.name);
    if (typeof entry.value === 'string') {
      env[name] = entry.value;
    } else if (isMap(entry.valueFrom) && isMap(entry.valueFrom.fieldRef)) {
      env[name] = FIELD_VALUES[String(entry.valueFrom.fieldRef.fieldPath)] ?? 'field-value';
    } else if (isMap(entry.valueFrom) && isMap(entry.valueFrom.resourceFieldRef)) {
      env[name] = '512';
    } else if (isMap(entry.valueFrom)) {
      const ref = (entry.valueFrom.configMapKeyRef ?? entry.valueFrom.secretKeyRef) as Json | undefined;
      env[name] = isMap(ref) ? `value-of-${String(ref.key)}` : 'value';
    }
  }
  return env;
}

function snapshotTree(root: string): { files: Map<string, string>; dirs: string[] } {
  const files = new Map<string, string>();
  const dirs: string[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const inside = `/${path.relative(root, full).split(path.sep).join('/')}`;
      if (entry.isDirectory()) {
        dirs.push(inside);
        visit(full);
      } else if (entry.isFile()) {
        files.set(inside, unrewrite(fs.readFileSync(full, 'utf8'), root));
      }
    }
  };
  visit(root);
  return { files, dirs };
}
