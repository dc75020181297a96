/**
 * Throw-away cdk8s projects for tests that run `cdk8s-lifecycle synth` as a user does: a folder
 * with cdk8s.yaml, an app, and node_modules (this repository's, linked, so cdk8s-cli and cdk8s
 * resolve from the project as in a real one), and the compiled binary run in it.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compiledPackage, NODE_MODULES } from '../plugin/compiled-package';

export interface Project {
  readonly dir: string;
  write(file: string, text: string): void;
  read(file: string): string;
  /** Every file under `folder`, relative path → content; undefined when the folder is absent. */
  snapshot(folder?: string): Record<string, string> | undefined;
  /** `cdk8s-lifecycle <args>` in the project. */
  run(...args: string[]): SpawnSyncReturns<string>;
  /** `cdk8s-lifecycle <args>` in the project, running: its process, and its exit status and output when done. */
  start(...args: string[]): { process: ChildProcess; done: Promise<{ status: number | null; stdout: string; stderr: string }> };
  /** Folder names in the project (staging folders show up here). */
  entries(): string[];
}

const made: string[] = [];

// No colours to match; no upgrade check (it asks the npm registry on every run).
const ENV: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', CDK8S_CHECK_UPGRADE: 'false' };

/** A project with `files` (cdk8s.yaml, app.js, ...); removed by `removeProjects`. */
export function project(files: Record<string, string>): Project {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-lifecycle-app-'));
  made.push(dir);
  fs.symlinkSync(NODE_MODULES, path.join(dir, 'node_modules'), 'dir');
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  for (const [file, text] of Object.entries(files)) write(file, text);
  return {
    dir,
    write,
    read: (file: string) => fs.readFileSync(path.join(dir, file), 'utf8'),
    snapshot: (folder = 'dist') => {
      const root = path.join(dir, folder);
      if (!fs.existsSync(root)) return undefined;
      const out: Record<string, string> = {};
      const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach(e => {
        const full = path.join(d, e.name);
        if (e.isDirectory()) walk(full);
        else out[path.relative(root, full)] = fs.readFileSync(full, 'utf8');
      });
      walk(root);
      return out;
    },
    run: (...args: string[]) => spawnSync(process.execPath, [path.join(compiledPackage(), 'cli.js'), ...args], {
      cwd: dir, encoding: 'utf8', env: ENV, timeout: 120_000,
    }),
    start: (...args: string[]) => {
      const child = spawn(process.execPath, [path.join(compiledPackage(), 'cli.js'), ...args], { cwd: dir, env: ENV });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', chunk => void (stdout += chunk));
      child.stderr.on('data', chunk => void (stderr += chunk));
      return { process: child, done: new Promise(resolve => child.on('close', status => resolve({ status, stdout, stderr }))) };
    },
    entries: () => fs.readdirSync(dir).sort(),
  };
}

export function removeProjects(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** The compiled package, as an app requires it (absolute path). */
export function packageRequire(): string {
  return JSON.stringify(compiledPackage());
}

/** A V8 stack frame anywhere in the text. */
export const STACK_FRAME = /^\s+at .+/m;
