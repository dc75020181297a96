/**
 * The plugin as a cdk8s project uses it: a cdk8s.yaml with `validations:` pointing at the package,
 * an app of raw ApiObjects (none of our constructs), and the real `cdk8s synth` of cdk8s-cli.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cleanupCompiled, compiledPackage, NODE_MODULES } from './compiled-package';

jest.setTimeout(180_000);

function project(objects: object[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-lifecycle-project-'));
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), [
    'language: typescript',
    'app: node app.js',
    'output: dist',
    'validations:',
    `  - package: ${compiledPackage()}`,
    '    class: LifecycleValidationPlugin',
    '    version: 0.1.0',
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'app.js'), [
    "const { App, Chart, ApiObject } = require('cdk8s');",
    'const app = new App();',
    "const chart = new Chart(app, 'shop');",
    `for (const [id, props] of ${JSON.stringify(objects.map((o, i) => [`o${i}`, o]))}) new ApiObject(chart, id, props);`,
    'app.synth();',
    '',
  ].join('\n'));
  return dir;
}

function synth(dir: string) {
  return spawnSync(process.execPath, [path.join(NODE_MODULES, 'cdk8s-cli', 'bin', 'cdk8s'), 'synth', '--no-check-upgrade'], {
    cwd: dir,
    encoding: 'utf8',
    // The app and the plugin find cdk8s, yaml, ... in this repository's node_modules.
    env: { ...process.env, NODE_PATH: NODE_MODULES, FORCE_COLOR: '0' },
    timeout: 120_000,
  });
}

const deployment = (containerPort: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort }] }] },
    },
  },
});

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  cleanupCompiled();
});

test('a bad Deployment fails `cdk8s synth` with a report naming rule, construct, manifest and field', () => {
  const dir = project([deployment(70000)]);
  dirs.push(dir);
  const result = synth(dir);
  const out = `${result.stdout}\n${result.stderr}`;
  expect(result.status).not.toBe(0);
  expect(out).toContain('Validation failed');
  expect(out).toMatch(/Status\s*│ failure/);
  expect(out).toContain('api-server/container-port (1 occurrences)');
  expect(out).toContain('- Construct Path: shop/o0');
  expect(out).toContain('- Manifest Path: dist/shop.k8s.yaml');
  expect(out).toContain('- Resource Name: web');
  expect(out).toContain('> spec.template.spec.containers[0].ports[0].containerPort');
  expect(out).toContain('Recommendation: error: ');
  expect(out).toContain('70000');
  expect(out).not.toMatch(/\n\s+at .*\(.*\.js:\d+:\d+\)/); // no stack trace
});

test('the same app with a valid port passes validation', () => {
  const dir = project([deployment(8080)]);
  dirs.push(dir);
  const result = synth(dir);
  expect(`${result.stdout}\n${result.stderr}`).toMatch(/Status\s*│ success/);
  expect(result.status).toBe(0);
});
