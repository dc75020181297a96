/**
 * The plugin against cdk8s-cli's own ValidationContext and ValidationReport (the classes
 * `cdk8s synth` hands to plugins), with the deterministic test rules.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LifecycleValidationPlugin } from '../../src';
import { TEST_RULES } from '../cli/test-rules';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ValidationContext } = require('cdk8s-cli/plugins') as {
  ValidationContext: new (manifests: string[], pkg: string, version: string, metadata: Record<string, { path: string }>, stdout: boolean) => {
    report: { success: boolean; toJson(): { violations: Violation[]; summary: { status: string; metadata?: Record<string, string> } }; toString(): string };
  };
};

interface Violation {
  ruleName: string;
  recommendation: string;
  fix: string;
  violatingConstructs: Array<{ resourceName: string; constructPath?: string; manifestPath: string; locations: string[] }>;
}

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: a
          image: nginx
          ports: [{containerPort: 0}, {containerPort: 99999}]
        - name: b
          image: nginx
          readinessProbe: {tcpSocket: {port: 1}}
---
apiVersion: v1
kind: Pod
metadata:
  name: solo
spec:
  containers:
    - name: c
      image: nginx
      readinessProbe: {tcpSocket: {port: 1}}
      ports: [{containerPort: 70000}]
`;

const WIDGET = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n';

let dir: string;
let manifests: string[];
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-lifecycle-plugin-'));
  manifests = [path.join(dir, 'shop.k8s.yaml'), path.join(dir, 'crd.k8s.yaml')];
  fs.writeFileSync(manifests[0], DEPLOY);
  fs.writeFileSync(manifests[1], WIDGET);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function validate(properties: object, files = manifests, metadata: Record<string, { path: string }> = { web: { path: 'shop/web' }, solo: { path: 'shop/solo' } }) {
  const context = new ValidationContext(files, 'cdk8s-lifecycle', '0.1.0', metadata, false);
  await new LifecycleValidationPlugin(properties, TEST_RULES).validate(context as never);
  return context.report;
}

test('one violation per rule, resources with field paths, construct paths; failure on an error finding', async () => {
  const report = await validate({});
  expect(report.success).toBe(false);
  const json = report.toJson();
  expect(json.summary.status).toBe('failure');
  expect(json.summary.metadata).toEqual({
    'objects': '3', 'rules': '3', 'errors': '3', 'warnings': '1', 'suppressed': '0', 'min severity': 'warning', 'fail on': 'error',
  });
  // In report order: the first finding of test/no-readiness (container a, line 9) comes before test/bad-port's (line 11).
  expect(json.violations).toEqual([
    {
      ruleName: 'test/no-readiness',
      recommendation: 'warning: container a has no readinessProbe',
      fix: 'add a readinessProbe',
      violatingConstructs: [{ resourceName: 'web', constructPath: 'shop/web', manifestPath: manifests[0], locations: ['spec.template.spec.containers[0].readinessProbe'] }],
    },
    {
      ruleName: 'test/bad-port',
      recommendation: 'error: ' + [
        '\n    - Deployment/web spec.template.spec.containers[0].ports[0].containerPort: must be between 1 and 65535, inclusive (got 0)',
        '\n    - Deployment/web spec.template.spec.containers[0].ports[1].containerPort: must be between 1 and 65535, inclusive (got 99999)',
        '\n    - Pod/solo spec.containers[0].ports[0].containerPort: must be between 1 and 65535, inclusive (got 70000)',
      ].join(''),
      fix: 'use a port between 1 and 65535',
      violatingConstructs: [
        {
          resourceName: 'web',
          constructPath: 'shop/web',
          manifestPath: manifests[0],
          locations: ['spec.template.spec.containers[0].ports[0].containerPort', 'spec.template.spec.containers[0].ports[1].containerPort'],
        },
        { resourceName: 'solo', constructPath: 'shop/solo', manifestPath: manifests[0], locations: ['spec.containers[0].ports[0].containerPort'] },
      ],
    },
  ]);
  // The report cdk8s prints names the rule, the construct and the field.
  const text = report.toString();
  expect(text).toContain('test/bad-port (3 occurrences)');
  expect(text).toContain('Construct Path: shop/web');
  expect(text).toContain('> spec.template.spec.containers[0].ports[1].containerPort');
});

test('minSeverity: info adds infos; error keeps only errors', async () => {
  const all = (await validate({ minSeverity: 'info' })).toJson().violations.map(v => v.ruleName);
  expect(all).toEqual(['test/no-readiness', 'test/bad-port', 'test/unknown-kind']);
  const errors = (await validate({ minSeverity: 'error' })).toJson().violations.map(v => v.ruleName);
  expect(errors).toEqual(['test/bad-port']);
});

test('disable: a disabled rule does not run, and without errors the report succeeds', async () => {
  const report = await validate({ disable: ['test/bad-port'] });
  expect(report.success).toBe(true);
  expect(report.toJson().violations.map(v => v.ruleName)).toEqual(['test/no-readiness']);
  expect(report.toJson().summary.metadata).toMatchObject({ rules: '2', errors: '0' });
});

test('failOn: what fails the report; warning fails on a warning, info on an info', async () => {
  const warningsOnly = { disable: ['test/bad-port'] };
  expect((await validate(warningsOnly)).success).toBe(true);
  expect((await validate({ ...warningsOnly, failOn: 'warning' })).success).toBe(false);
  expect((await validate({ failOn: 'info', minSeverity: 'info' }, [manifests[1]])).success).toBe(false);
  expect((await validate({ minSeverity: 'info' }, [manifests[1]])).success).toBe(true);
});

test('invalid properties fail at load with every problem, the property and the fix', () => {
  expect(() => new LifecycleValidationPlugin({ minSeverity: 'fatal', failOn: 'never', disable: ['test/bad-prot', 'nothing-like-it'], k8sVersion: '1.36', colour: 1 } as never, TEST_RULES))
    .toThrow([
      'invalid properties for LifecycleValidationPlugin in cdk8s.yaml:',
      '  - colour: unknown property; fix: use one of minSeverity, failOn, disable, k8sVersion',
      '  - minSeverity: "fatal" is not a severity; fix: use error, warning or info',
      '  - failOn: "never" is not a severity; fix: use error, warning or info',
      '  - k8sVersion: "1.36" is not supported; fix: use a version from 1.28 to 1.35, e.g. "1.30"',
      '  - disable: "test/bad-prot" is not a rule id; did you mean "test/bad-port"?',
      '  - disable: "nothing-like-it" is not a rule id (see docs/rules.md for the ids)',
    ].join('\n'));
  expect(() => new LifecycleValidationPlugin({ disable: 'test/bad-port' } as never, TEST_RULES))
    .toThrow('disable: must be a list of rule ids; fix: e.g. disable: [lifecycle/tcp-socket-hook]');
  expect(() => new LifecycleValidationPlugin({ disable: ['input/unreadable'] }, TEST_RULES))
    .toThrow('disable: input/unreadable cannot be disabled');
  expect(() => new LifecycleValidationPlugin({ minSeverity: 'error', failOn: 'warning' }, TEST_RULES))
    .toThrow('failOn warning would fail on warning findings that minSeverity error does not show; fix: set minSeverity warning, or failOn error or higher');
  expect(() => new LifecycleValidationPlugin({ minSeverity: 'info', failOn: 'warning', disable: ['input/ignore-annotation'] }, TEST_RULES)).not.toThrow();
});

describe('unreadable manifests', () => {
  test('a manifest with an unparsable document: an input/unreadable violation at its line; the other documents and manifests are still checked', async () => {
    const bad = path.join(dir, 'bad.k8s.yaml');
    fs.writeFileSync(bad, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  name: y\n---\n' + DEPLOY.split('---\n')[1]);
    const report = await validate({}, [bad, manifests[0]]);
    expect(report.success).toBe(false);
    const json = report.toJson();
    expect(json.violations[0]).toEqual({
      ruleName: 'input/unreadable',
      recommendation: 'error: cannot parse YAML: Map keys must be unique',
      fix: 'fix the YAML at this line (or the command that generated it); the file\'s other documents were linted',
      violatingConstructs: [{ resourceName: bad, constructPath: undefined, manifestPath: bad, locations: ['line 5, column 3'] }],
    });
    // The Pod of the bad manifest's second document, and both objects of the good manifest. Two Pods
    // are named solo now: which construct metadata.name "solo" stands for is unknown, so none is named.
    expect(json.violations.find(v => v.ruleName === 'test/bad-port')?.violatingConstructs.map(c => [c.manifestPath, c.resourceName, c.constructPath])).toEqual([
      [bad, 'Pod/solo', undefined], [manifests[0], 'web', 'shop/web'], [manifests[0], 'Pod/solo', undefined],
    ]);
    expect(json.summary.metadata).toMatchObject({ 'unreadable inputs': '1', 'objects': '3' });
  });

  test('a manifest that cannot be read at all', async () => {
    const report = await validate({}, [path.join(dir, 'gone.k8s.yaml'), manifests[0]]);
    expect(report.success).toBe(false);
    expect(report.toJson().violations[0]).toMatchObject({
      ruleName: 'input/unreadable',
      recommendation: 'error: cannot read: no such file or directory',
      violatingConstructs: [{ resourceName: path.join(dir, 'gone.k8s.yaml'), locations: [] }],
    });
  });
});

test('an object\'s ignore annotation suppresses rules in the plugin too; the summary counts them', async () => {
  const annotated = path.join(dir, 'annotated.k8s.yaml');
  fs.writeFileSync(annotated, DEPLOY.replace('  name: web\n', '  name: web\n  annotations:\n    lifecycle.cdk8s.io/ignore: test/bad-port,test/no-readiness\n'));
  const report = await validate({}, [annotated]);
  const json = report.toJson();
  expect(json.violations.map(v => [v.ruleName, v.violatingConstructs.map(c => c.resourceName)])).toEqual([['test/bad-port', ['solo']]]);
  expect(json.summary.metadata).toMatchObject({ suppressed: '3' });
});

describe('construct paths when objects share a name', () => {
  // A Deployment, Service and PodDisruptionBudget named "cache", as GracefulWebService makes them.
  const SHARED = [
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cache\nspec:\n  selector: {matchLabels: {app: cache}}\n  template:\n    metadata: {labels: {app: cache}}\n    spec:\n      containers: [{name: a, image: nginx, ports: [{containerPort: 0}], readinessProbe: {tcpSocket: {port: 1}}}]\n',
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: cache\nspec:\n  selector: {app: cache}\n  ports: [{port: 80}]\n',
    'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: cache\nspec:\n  minAvailable: 1\n  selector: {matchLabels: {app: cache}}\n',
  ].join('---\n');
  // cdk8s keys construct metadata by metadata.name: the last object with the name wins.
  const CDK8S_METADATA = { cache: { path: 'warm/cache/pdb' } };

  test('with the kind-qualified keys the app records, the finding on the Deployment names the Deployment\'s construct', async () => {
    const file = path.join(dir, 'warm.k8s.yaml');
    fs.writeFileSync(file, SHARED);
    const report = await validate({}, [file], {
      ...CDK8S_METADATA,
      'Deployment/cache': { path: 'warm/cache/deployment/Resource' },
      'Service/cache': { path: 'warm/cache/service/Resource' },
      'PodDisruptionBudget/cache': { path: 'warm/cache/pdb' },
    });
    const [violation] = report.toJson().violations;
    expect(violation.ruleName).toBe('test/bad-port');
    expect(violation.violatingConstructs).toEqual([{
      resourceName: 'Deployment/cache', constructPath: 'warm/cache/deployment/Resource', manifestPath: file,
      locations: ['spec.template.spec.containers[0].ports[0].containerPort'],
    }]);
    expect(report.toString()).not.toContain('Construct Path: warm/cache/pdb');
  });

  test('without them, no construct path rather than another object\'s; a unique name keeps cdk8s\'s own entry', async () => {
    const file = path.join(dir, 'warm2.k8s.yaml');
    fs.writeFileSync(file, `${SHARED}---\n${DEPLOY.split('---\n')[1]}`);
    const report = await validate({}, [file], { ...CDK8S_METADATA, solo: { path: 'warm/solo' } });
    const constructs = report.toJson().violations.find(v => v.ruleName === 'test/bad-port')?.violatingConstructs;
    expect(constructs?.map(c => [c.resourceName, c.constructPath])).toEqual([['Deployment/cache', undefined], ['solo', 'warm/solo']]);
  });
});
