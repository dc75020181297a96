/**
 * A compiled copy of the package for tests that run real processes (`cdk8s synth`, the binary).
 * `lib/` when it is up to date with `src/` (as after `npm run build`); otherwise the sources are
 * compiled with tsc into a temporary directory, never into `lib/`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const REPO = path.resolve(__dirname, '..', '..');
export const NODE_MODULES = path.join(REPO, 'node_modules');

let compiled: { dir: string; cleanup: () => void } | undefined;

/** A directory holding the compiled `index.js`, `cli.js`, ... (like lib/). */
export function compiledPackage(): string {
  const lib = path.join(REPO, 'lib');
  if (isFresh(path.join(REPO, 'src'), lib)) return lib;
  if (!compiled) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-lifecycle-lib-'));
    // tsc emits even when files it does not own have type errors; what matters is the output.
    spawnSync(process.execPath, [path.join(NODE_MODULES, 'typescript', 'bin', 'tsc'), '-p', REPO, '--outDir', dir], { encoding: 'utf8' });
    if (!fs.existsSync(path.join(dir, 'index.js'))) throw new Error(`tsc produced no ${dir}/index.js`);
    // Outside the repository, the copy finds its dependencies (commander, yaml, ...) only through this link.
    fs.symlinkSync(NODE_MODULES, path.join(dir, 'node_modules'), 'dir');
    compiled = { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  return compiled.dir;
}

export function cleanupCompiled(): void {
  compiled?.cleanup();
  compiled = undefined;
}

/** Every .ts under src has a .js under lib at least as new. */
function isFresh(src: string, lib: string): boolean {
  const walk = (dir: string): boolean => fs.readdirSync(dir, { withFileTypes: true }).every(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    if (!entry.name.endsWith('.ts')) return true;
    const out = path.join(lib, path.relative(src, full)).replace(/\.ts$/, '.js');
    return fs.existsSync(out) && fs.statSync(out).mtimeMs >= fs.statSync(full).mtimeMs;
  });
  return fs.existsSync(lib) && walk(src);
}
