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

describe('an app of our constructs with the plugin: each finding once, on the right construct', () => {
  // GracefulWebService makes a Deployment, a Service and a PodDisruptionBudget all named "cache".
  // Without its readinessProbe the Deployment gets lifecycle/service-without-readiness; with
  // replicas 1 the PDB gets lifecycle/pdb-blocks-eviction. A second service's PDB ignores that rule.
  const APP = (pkg: string) => [
    "const { App, Chart, ApiObject, JsonPatch } = require('cdk8s');",
    `const { GracefulWebService, IGNORE_ANNOTATION, IGNORE_REASON_ANNOTATION } = require(${JSON.stringify(pkg)});`,
    'const app = new App();',
    "const chart = new Chart(app, 'warm');",
    "const web = new GracefulWebService(chart, 'cache', { name: 'cache', image: 'nginx:1.27', port: 8080, replicas: 1 });",
    "ApiObject.of(web.deployment).addJsonPatch(JsonPatch.remove('/spec/template/spec/containers/0/readinessProbe'));",
    "const other = new GracefulWebService(chart, 'other', { name: 'other', image: 'nginx:1.27', port: 8080, replicas: 1 });",
    "other.podDisruptionBudget.metadata.addAnnotation(IGNORE_ANNOTATION, 'lifecycle/pdb-blocks-eviction');",
    "other.podDisruptionBudget.metadata.addAnnotation(IGNORE_REASON_ANNOTATION, 'single replica on purpose');",
    'app.synth();',
    '',
  ].join('\n');

  function gwsProject(withPlugin: boolean): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-lifecycle-gws-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), [
      'language: typescript',
      'app: node app.js',
      'output: dist',
      ...(withPlugin ? ['validations:', `  - package: ${compiledPackage()}`, '    class: LifecycleValidationPlugin', '    version: 0.1.0'] : []),
      '',
    ].join('\n'));
    fs.writeFileSync(path.join(dir, 'app.js'), APP(compiledPackage()));
    return dir;
  }

  const count = (text: string, part: string) => text.split(part).length - 1;
  /** The lines of the report's block for one rule, up to its "How to fix". */
  const block = (out: string, rule: string) => {
    const start = out.indexOf(`${rule} (`);
    expect(start).toBeGreaterThan(-1);
    return out.slice(start, out.indexOf('How to fix:', start));
  };

  test('the plugin reports both findings once, each on its own construct; the app prints none of them', () => {
    const result = synth(gwsProject(true));
    const out = `${result.stdout}\n${result.stderr}`;
    expect(result.status).toBe(0);
    expect(out).toMatch(/Status\s*│ success/);
    // Once each: in the plugin's report, not also as the app's synth-time warnings.
    expect(count(out, 'has no readinessProbe')).toBe(1);
    expect(count(out, 'allows 0 disruptions')).toBe(1);
    expect(result.stderr).not.toContain('warning: warm/');
    const readiness = block(out, 'lifecycle/service-without-readiness');
    expect(readiness).toContain('- Construct Path: warm/cache/deployment/Resource');
    expect(readiness).toContain('- Resource Name: Deployment/cache');
    expect(readiness).toContain('> spec.template.spec.containers[0]');
    const pdb = block(out, 'lifecycle/pdb-blocks-eviction');
    expect(pdb).toContain('- Construct Path: warm/cache/pdb');
    expect(pdb).toContain('- Resource Name: PodDisruptionBudget/cache');
    // The other service's PDB ignores the rule: counted, not listed.
    expect(pdb).not.toContain('other');
    expect(out).toMatch(/suppressed\s*│ 1/);
  });

  test('without the plugin (or with --no-validate), the app prints the warnings itself, once', () => {
    const plain = synth(gwsProject(false));
    expect(plain.status).toBe(0);
    expect(count(plain.stderr, 'warning: warm/cache/deployment/Resource (Deployment cache): spec.template.spec.containers[0]: ')).toBe(1);
    expect(count(plain.stderr, 'warning: warm/cache/pdb (PodDisruptionBudget cache): spec.minAvailable: ')).toBe(1);
    expect(plain.stderr).not.toContain('warm/other/pdb');
    expect(plain.stdout).not.toContain('Validation Report');

    const dir = gwsProject(true);
    const noValidate = spawnSync(process.execPath, [path.join(NODE_MODULES, 'cdk8s-cli', 'bin', 'cdk8s'), 'synth', '--no-check-upgrade', '--no-validate'], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_PATH: NODE_MODULES, FORCE_COLOR: '0' }, timeout: 120_000,
    });
    expect(noValidate.status).toBe(0);
    expect(count(noValidate.stderr, 'has no readinessProbe')).toBe(1);
    expect(noValidate.stdout).not.toContain('Validation Report');
  });
});
