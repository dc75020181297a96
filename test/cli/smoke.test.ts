/**
 * The binary as users run it: `node lib/cli.js`, as a separate process. Skipped until lib/cli.js
 * exists (`npm test` builds it first); a stale lib/ is replaced by a fresh compile in a temp dir.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cleanupCompiled, compiledPackage, NODE_MODULES, REPO } from '../plugin/compiled-package';

const hasLib = fs.existsSync(path.join(REPO, 'lib', 'cli.js'));
const maybe = hasLib ? test : test.skip;
jest.setTimeout(120_000);
afterAll(() => cleanupCompiled());

function cli(args: string[], input?: string) {
  return spawnSync(process.execPath, [path.join(compiledPackage(), 'cli.js'), ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, NODE_PATH: NODE_MODULES },
  });
}

const BAD_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    ports: [{containerPort: 70000}]\n';

maybe('the binary has a shebang and lints stdin: exit 1 and JSON findings with file and line', () => {
  expect(fs.readFileSync(path.join(compiledPackage(), 'cli.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  const r = cli(['lint', '--format', 'json', '-'], BAD_POD);
  expect(r.status).toBe(1);
  const findings = JSON.parse(r.stdout).findings;
  expect(findings).toContainEqual(expect.objectContaining({
    rule: 'api-server/container-port', severity: 'error', file: '<stdin>', line: 9, kind: 'Pod', name: 'p',
    path: 'spec.containers[0].ports[0].containerPort',
  }));
});

maybe('usage and input errors exit 2 with a message and no stack trace', () => {
  const missing = cli(['lint', 'no-such-file.yaml']);
  expect(missing.status).toBe(2);
  expect(missing.stdout).toContain('no-such-file.yaml: error input/unreadable: cannot read: no such file or directory\n');
  expect(missing.stderr).toBe('');
  const unknown = cli(['lint', '--bogus', 'x.yaml']);
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).not.toMatch(/\n\s+at /);
});

maybe('start-up is lean: loading the CLI loads neither the YAML parser nor the rules', () => {
  const probe = `require(${JSON.stringify(path.join(compiledPackage(), 'cli.js'))});
    const loaded = Object.keys(require.cache);
    process.stdout.write(JSON.stringify(loaded.filter(k => /node_modules[\\\\/]yaml[\\\\/]|validation[\\\\/]registry/.test(k))));`;
  const r = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', env: { ...process.env, NODE_PATH: NODE_MODULES } });
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout)).toEqual([]);
});
