/**
 * Synth-time validation through cdk8s's own validation: what fails `app.synth()`, what is only
 * printed, what is written, and which objects are covered.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import { LifecycleUsageError } from '../../src/errors';
import { GracefulWebService } from '../../src/graceful-web-service';
import type { Finding } from '../../src/validation/finding';
import { RULES } from '../../src/validation/registry';
import { LifecycleValidation, VALIDATION_ID } from '../../src/validation/synth-validation';
import { TEST_RULES } from '../cli/test-rules';

const pod = (name: string, containerPort: number, readiness = true) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: {
    containers: [{
      name: 'c',
      image: 'nginx',
      ports: [{ containerPort }],
      ...(readiness ? { readinessProbe: { tcpSocket: { port: containerPort } } } : {}),
    }],
  },
});

const dirs: string[] = [];
function tempOutdir(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-lifecycle-synth-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach(d => fs.rmSync(d, { recursive: true, force: true })));

function listing(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map(f => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

function synthError(app: App): string {
  try {
    app.synth();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('synth did not fail');
}

describe('errors', () => {
  test('fail app.synth() with construct path, kind/name, field path, message, rule and fix of each finding', () => {
    const app = new App({ outdir: tempOutdir() });
    const chart = new Chart(app, 'shop');
    new ApiObject(chart, 'web', pod('p', 70000));
    new ApiObject(chart, 'db', pod('q', 0));
    LifecycleValidation.enable(chart, { rules: TEST_RULES, onWarning: () => undefined });
    expect(synthError(app)).toBe([
      'Validation failed with the following errors:',
      `  [${VALIDATION_ID}] shop/web (Pod p): spec.containers[0].ports[0].containerPort: must be between 1 and 65535, inclusive (got 70000) [test/bad-port]`,
      '    fix: use a port between 1 and 65535',
      `  [${VALIDATION_ID}] shop/db (Pod q): spec.containers[0].ports[0].containerPort: must be between 1 and 65535, inclusive (got 0) [test/bad-port]`,
      '    fix: use a port between 1 and 65535',
    ].join('\n'));
  });

  test('a failed synth writes nothing: files already in the outdir stay as they were', () => {
    const outdir = tempOutdir({ 'shop.k8s.yaml': 'previous: output\n', 'README': 'kept\n' });
    const before = listing(outdir);
    const app = new App({ outdir });
    const chart = new Chart(app, 'shop');
    new ApiObject(chart, 'ok', pod('fine', 8080));
    new ApiObject(chart, 'bad', pod('broken', 0));
    LifecycleValidation.enable(app, { rules: TEST_RULES, onWarning: () => undefined });
    expect(synthError(app)).toContain('shop/bad (Pod broken)');
    expect(listing(outdir)).toEqual(before);
  });

  test('any ApiObject of the app is covered, not only ours: a raw object in another chart fails a GracefulWebService app', () => {
    const app = new App({ outdir: tempOutdir() });
    new GracefulWebService(new Chart(app, 'ours'), 'web', { name: 'web', image: 'nginx', port: 8080 });
    new ApiObject(new Chart(app, 'theirs'), 'legacy', pod('legacy', 99999));
    // GracefulWebService enabled validation with the registry; the registry's port rule catches it.
    const message = synthError(app);
    expect(message).toContain('theirs/legacy (Pod legacy): spec.containers[0].ports[0].containerPort');
    expect(message).toContain('99999');
    expect(message).not.toContain('ours/web');
  });
});

describe('warnings', () => {
  test('are passed to onWarning, do not fail the synth, and the manifests are written', () => {
    const outdir = tempOutdir();
    const app = new App({ outdir });
    new ApiObject(new Chart(app, 'shop'), 'web', pod('p', 8080, false));
    const seen: Array<[string, Finding]> = [];
    LifecycleValidation.enable(app, { rules: TEST_RULES, onWarning: (message, finding) => seen.push([message, finding]) });
    app.synth();
    expect(seen).toEqual([[
      'warning: shop/web (Pod p): spec.containers[0].readinessProbe: container c has no readinessProbe [test/no-readiness]\n    fix: add a readinessProbe',
      expect.objectContaining({ rule: 'test/no-readiness', severity: 'warning', name: 'p' }),
    ]]);
    expect(fs.readFileSync(path.join(outdir, 'shop.k8s.yaml'), 'utf8')).toContain('name: p');
  });

  test('go to stderr by default, once per synth however many charts there are', () => {
    const app = new App({ outdir: tempOutdir() });
    new ApiObject(new Chart(app, 'a'), 'web', pod('p', 8080, false));
    new ApiObject(new Chart(app, 'b'), 'ok', pod('q', 8080));
    new ApiObject(new Chart(app, 'c'), 'ok', pod('r', 8080));
    LifecycleValidation.enable(app, { rules: TEST_RULES });
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      written.push(String(chunk));
      return true;
    });
    try {
      app.synth();
    } finally {
      spy.mockRestore();
    }
    expect(written.filter(w => w.includes('test/no-readiness'))).toHaveLength(1);
  });
});

describe('enable', () => {
  test('is idempotent: one validation per app however often it is called', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'shop');
    const seen: string[] = [];
    const options = { rules: TEST_RULES, onWarning: (m: string) => seen.push(m) };
    LifecycleValidation.enable(chart, options);
    LifecycleValidation.enable(app, options);
    LifecycleValidation.enable(app, { ...options });
    LifecycleValidation.enable(chart);
    new ApiObject(chart, 'web', pod('p', 8080, false));
    app.synth();
    expect(seen).toHaveLength(1);
  });

  test('options after validation is enabled throw, naming who enabled it and what to do, instead of being ignored', () => {
    const app = Testing.app();
    new GracefulWebService(new Chart(app, 'dev'), 'web', { image: 'nginxinc/nginx-unprivileged:1.27', port: 8080 });
    let error: unknown;
    try {
      LifecycleValidation.enable(app, { rules: RULES.filter(r => r.id !== 'lifecycle/pdb-blocks-eviction') });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(LifecycleUsageError);
    expect((error as Error).message).toBe([
      'LifecycleValidation.enable(app, options): validation of this app was already enabled by dev/web (a cdk8s-lifecycle construct or an earlier LifecycleValidation.enable call), with other options; these would be ignored',
      '    fix: call LifecycleValidation.enable(app, options) once, right after `new App()`, before defining any construct',
    ].join('\n'));
    // A call without options (as every construct makes) stays harmless.
    expect(() => LifecycleValidation.enable(app)).not.toThrow();
  });

  test('a second call with other options throws too: the first call\'s options would stand', () => {
    const app = Testing.app();
    LifecycleValidation.enable(app, { rules: TEST_RULES });
    expect(() => LifecycleValidation.enable(app, { rules: TEST_RULES, onWarning: () => undefined }))
      .toThrow(/already enabled by an earlier LifecycleValidation.enable call on the app/);
    expect(() => LifecycleValidation.enable(app, { rules: TEST_RULES })).not.toThrow();
  });

  test('the first call\'s options stand: an app can leave out a rule before our constructs enable validation', () => {
    const warningsOf = (rules?: typeof RULES) => {
      const app = Testing.app();
      const seen: Finding[] = [];
      LifecycleValidation.enable(app, { ...(rules ? { rules } : {}), onWarning: (_m, f) => seen.push(f) });
      new GracefulWebService(new Chart(app, 'dev'), 'web', { image: 'nginxinc/nginx-unprivileged:1.27', port: 8080, replicas: 1 });
      app.synth();
      return seen.map(f => f.rule);
    };
    expect(warningsOf()).toContain('lifecycle/pdb-blocks-eviction');
    expect(warningsOf(RULES.filter(r => r.id !== 'lifecycle/pdb-blocks-eviction'))).not.toContain('lifecycle/pdb-blocks-eviction');
  });

  test('objects serialize fresh in every synth: a change after one synth shows in the next', () => {
    const outdir = tempOutdir();
    const app = new App({ outdir });
    const obj = new ApiObject(new Chart(app, 'shop'), 'web', pod('p', 8080));
    LifecycleValidation.enable(app, { rules: TEST_RULES });
    app.synth();
    obj.addJsonPatch(JsonPatch.replace('/spec/containers/0/ports/0/containerPort', 0));
    expect(synthError(app)).toContain('(got 0)');
    expect(obj.toJson()).toMatchObject({ spec: { containers: [{ ports: [{ containerPort: 0 }] }] } });
  });

  test('chart.toJson() outside a synth (as in unit tests) still validates', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'shop');
    new ApiObject(chart, 'web', pod('p', 0));
    LifecycleValidation.enable(chart, { rules: TEST_RULES });
    expect(() => Testing.synth(chart)).toThrow(/shop\/web \(Pod p\): spec\.containers\[0\]\.ports\[0\]\.containerPort/);
  });
});
