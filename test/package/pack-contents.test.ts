/**
 * What `npm pack` ships: the library, its type declarations, the CLI, the schemas it loads, and
 * the docs a user reads (with every file they link to); not the example app, the tools, the
 * benchmark or the PNG renderings. Lists the files of lib/ as built (`npm test` builds first).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO } from '../plugin/compiled-package';

const lib = path.join(REPO, 'lib');
const built = fs.existsSync(path.join(lib, 'index.js'));
if (!built) console.warn('skipping the package contents test: lib/ is not built (run npm run build, or npm test)');
const maybe = built ? test : test.skip;

function packedFiles(): Map<string, number> {
  const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  const [pack] = JSON.parse(result.stdout) as Array<{ files: Array<{ path: string; size: number }> }>;
  return new Map(pack.files.map(f => [f.path, f.size]));
}

maybe('ships the library, the CLI, the schemas and the docs, and nothing of the example app, tools, benchmark or PNGs', () => {
  const files = packedFiles();
  const names = [...files.keys()];
  for (const required of [
    'package.json', 'README.md', 'LICENSE',
    'lib/index.js', 'lib/index.d.ts', 'lib/cli.js', 'lib/synth.js', 'lib/synth.d.ts',
    'lib/synth-cli/app-preload.js', 'lib/validation/cdk8s-plugin.js', 'lib/graceful-web-service.d.ts',
    'docs/rules.md', 'docs/nacos.md', 'docs/explain/README.md', 'docs/explain/explain-output.schema.json',
  ]) expect(names).toContain(required);
  expect(names.filter(n => /^lib\/validation\/schema\/.*\.json$/.test(n)).length).toBeGreaterThan(0);
  // Every compiled module of what is shipped comes with its declarations.
  for (const js of names.filter(n => n.startsWith('lib/') && n.endsWith('.js'))) expect(names).toContain(js.replace(/\.js$/, '.d.ts'));

  expect(names.filter(n => /^lib\/(examples|tools|bench)\/|^lib\/main\.|\.png$|^(src|test|dist|scripts)\//.test(n))).toEqual([]);
  // The binary starts with its shebang.
  expect(fs.readFileSync(path.join(lib, 'cli.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
});

maybe('every relative link of the shipped Markdown points to a shipped file', () => {
  const files = packedFiles();
  const broken: string[] = [];
  for (const doc of [...files.keys()].filter(n => n.endsWith('.md'))) {
    // Code (fenced blocks, inline spans) holds regexes and shell, not links.
    const text = fs.readFileSync(path.join(REPO, doc), 'utf8').replace(/^```[\s\S]*?^```$/gm, '').replace(/`[^`\n]*`/g, '');
    for (const m of text.matchAll(/\]\(([\w./-]+)(?:#[^)]*)?\)/g)) {
      const target = m[1];
      if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(doc), target));
      if (!files.has(resolved) && ![...files.keys()].some(f => f.startsWith(`${resolved}/`))) broken.push(`${doc}: ${target}`);
    }
  }
  expect(broken).toEqual([]);
});
