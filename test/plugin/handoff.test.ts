/**
 * What synth-time validation hands to the plugin (plugin-handoff.ts): kind-qualified construct
 * metadata, the decision to leave warnings to the plugin, and suppression at synth.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { GracefulWebService } from '../../src/graceful-web-service';
import type { Finding } from '../../src/validation/finding';
import { CONSTRUCT_METADATA_FILE, lifecyclePluginWillReport, recordResourceKeys, resourceKey } from '../../src/validation/plugin-handoff';
import { LifecycleValidation } from '../../src/validation/synth-validation';
import { TEST_RULES } from '../cli/test-rules';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-lifecycle-handoff-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach(d => fs.rmSync(d, { recursive: true, force: true })));

const readMetadata = (outdir: string) => JSON.parse(fs.readFileSync(path.join(outdir, CONSTRUCT_METADATA_FILE), 'utf8'));

test('resourceKey: kind/name, with the namespace when there is one; nothing without kind or name', () => {
  expect(resourceKey('Deployment', 'cache', undefined)).toBe('Deployment/cache');
  expect(resourceKey('Deployment', 'cache', 'shop')).toBe('Deployment/cache (namespace shop)');
  expect(resourceKey(undefined, 'cache', undefined)).toBeUndefined();
  expect(resourceKey('Pod', '', undefined)).toBeUndefined();
});

describe('construct metadata', () => {
  test('an app of our constructs records every object under its kind-qualified key beside cdk8s\'s name-keyed entries', () => {
    const outdir = tempDir();
    const app = new App({ outdir, recordConstructMetadata: true });
    const chart = new Chart(app, 'warm', { namespace: 'shop' });
    new GracefulWebService(chart, 'cache', { name: 'cache', image: 'nginx:1.27', port: 8080 });
    app.synth();
    expect(readMetadata(outdir)).toEqual({
      version: '1.0.0',
      resources: {
        // cdk8s's own entry: one per metadata.name, the last object's.
        'cache': { path: 'warm/cache/pdb' },
        'Deployment/cache (namespace shop)': { path: 'warm/cache/deployment/Resource' },
        'Service/cache (namespace shop)': { path: 'warm/cache/service/Resource' },
        'PodDisruptionBudget/cache (namespace shop)': { path: 'warm/cache/pdb' },
      },
    });
  });

  test('a key two objects share is left out: neither gets the other\'s path', () => {
    const outdir = tempDir();
    const app = new App({ outdir, recordConstructMetadata: true });
    const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    new ApiObject(new Chart(app, 'a'), 'p', pod('twin'));
    new ApiObject(new Chart(app, 'b'), 'p', pod('twin'));
    new ApiObject(new Chart(app, 'c'), 'p', pod('single'));
    LifecycleValidation.enable(app, { rules: TEST_RULES, onWarning: () => undefined });
    app.synth();
    expect(readMetadata(outdir).resources).toEqual({ 'twin': { path: 'b/p' }, 'single': { path: 'c/p' }, 'Pod/single': { path: 'c/p' } });
  });

  test('nothing is written when the synth records no construct metadata, even if an old file is there', () => {
    const outdir = tempDir();
    const stale = JSON.stringify({ version: '1.0.0', resources: { old: { path: 'x' } } });
    fs.writeFileSync(path.join(outdir, CONSTRUCT_METADATA_FILE), stale);
    const app = new App({ outdir, recordConstructMetadata: false });
    new GracefulWebService(new Chart(app, 'warm'), 'cache', { name: 'cache', image: 'nginx:1.27', port: 8080 });
    app.synth();
    expect(fs.readFileSync(path.join(outdir, CONSTRUCT_METADATA_FILE), 'utf8')).toBe(stale);
    // And recordResourceKeys on its own leaves a directory without the file alone.
    const empty = tempDir();
    recordResourceKeys(new App({ outdir: empty, recordConstructMetadata: true }));
    expect(fs.readdirSync(empty)).toEqual([]);
  });
});

describe('lifecyclePluginWillReport', () => {
  const project = (config: string | undefined) => {
    const dir = tempDir();
    if (config !== undefined) fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), config);
    return dir;
  };
  const WITH_PLUGIN = 'app: node app.js\nvalidations:\n  - package: cdk8s-lifecycle\n    version: 0.1.0\n    class: LifecycleValidationPlugin\n';
  const RECORDING = { CDK8S_RECORD_CONSTRUCT_METADATA: 'true' };

  test('true when cdk8s synth will run validation plugins and cdk8s.yaml lists ours', () => {
    expect(lifecyclePluginWillReport(project(WITH_PLUGIN), RECORDING)).toBe(true);
  });

  test('false when cdk8s synth will not run plugins (--no-validate, or not run by cdk8s synth)', () => {
    expect(lifecyclePluginWillReport(project(WITH_PLUGIN), { CDK8S_RECORD_CONSTRUCT_METADATA: 'false' })).toBe(false);
    expect(lifecyclePluginWillReport(project(WITH_PLUGIN), {})).toBe(false);
  });

  test('false when cdk8s.yaml lists other plugins only, none, a URL, or is missing or not YAML', () => {
    expect(lifecyclePluginWillReport(project('validations:\n  - package: other\n    version: 1.0.0\n    class: OtherPlugin\n'), RECORDING)).toBe(false);
    expect(lifecyclePluginWillReport(project('app: node app.js\n'), RECORDING)).toBe(false);
    expect(lifecyclePluginWillReport(project('validations: https://example.com/validations.yaml\n'), RECORDING)).toBe(false);
    expect(lifecyclePluginWillReport(project(undefined), RECORDING)).toBe(false);
    expect(lifecyclePluginWillReport(project('validations: [\n'), RECORDING)).toBe(false);
  });
});

describe('suppression at synth', () => {
  const pod = (annotations: Record<string, string>) => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', annotations },
    spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 0 }] }] },
  });

  test('an error the object ignores does not fail the synth, nor is a warning it ignores printed', () => {
    const app = new App({ outdir: tempDir() });
    new ApiObject(new Chart(app, 'shop'), 'p', pod({ 'lifecycle.cdk8s.io/ignore': 'test/bad-port,test/no-readiness' }));
    const warnings: Finding[] = [];
    LifecycleValidation.enable(app, { rules: TEST_RULES, onWarning: (_, f) => warnings.push(f) });
    expect(() => app.synth()).not.toThrow();
    expect(warnings).toEqual([]);
  });

  test('an ignore naming no rule is a warning at synth, and suppresses nothing', () => {
    const app = new App({ outdir: tempDir() });
    new ApiObject(new Chart(app, 'shop'), 'p', pod({ 'lifecycle.cdk8s.io/ignore': 'test/bad-prot' }));
    const warnings: string[] = [];
    LifecycleValidation.enable(app, { rules: TEST_RULES, onWarning: m => warnings.push(m) });
    expect(() => app.synth()).toThrow('[test/bad-port]');
    expect(warnings).toContainEqual(expect.stringContaining('metadata.annotations[lifecycle.cdk8s.io/ignore]: suppresses nothing: "test/bad-prot" is not a rule id; did you mean "test/bad-port"? [input/ignore-annotation]'));
  });
});
