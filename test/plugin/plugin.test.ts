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
    report: { success: boolean; toJson(): { violations: Array<Record<string, unknown>>; summary: { status: string; metadata?: Record<string, string> } }; toString(): string };
  };
};

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

async function validate(properties: object, files = manifests) {
  const context = new ValidationContext(files, 'cdk8s-lifecycle', '0.1.0', { web: { path: 'shop/web' }, solo: { path: 'shop/solo' } }, false);
  await new LifecycleValidationPlugin(properties, TEST_RULES).validate(context as never);
  return context.report;
}

test('one violation per rule, resources with field paths, construct paths; failure on an error finding', async () => {
  const report = await validate({});
  expect(report.success).toBe(false);
  const json = report.toJson();
  expect(json.summary.status).toBe('failure');
  expect(json.summary.metadata).toMatchObject({ objects: '3', errors: '3', warnings: '1', infos: '1', rules: '3' });
  expect(json.violations).toEqual([
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
    {
      ruleName: 'test/no-readiness',
      recommendation: 'warning: container a has no readinessProbe',
      fix: 'add a readinessProbe',
      violatingConstructs: [{ resourceName: 'web', constructPath: 'shop/web', manifestPath: manifests[0], locations: ['spec.template.spec.containers[0].readinessProbe'] }],
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
  expect(all).toEqual(['test/bad-port', 'test/no-readiness', 'test/unknown-kind']);
  const errors = (await validate({ minSeverity: 'error' })).toJson().violations.map(v => v.ruleName);
  expect(errors).toEqual(['test/bad-port']);
});

test('disable: a disabled rule does not run, and without errors the report succeeds', async () => {
  const report = await validate({ disable: ['test/bad-port'] });
  expect(report.success).toBe(true);
  expect(report.toJson().violations.map(v => v.ruleName)).toEqual(['test/no-readiness']);
  expect(report.toJson().summary.metadata).toMatchObject({ rules: '2', errors: '0' });
});

test('invalid properties fail at load with every problem, the property and the fix', () => {
  expect(() => new LifecycleValidationPlugin({ minSeverity: 'fatal', disable: ['test/nope'], k8sVersion: '1.36', colour: 1 } as never, TEST_RULES))
    .toThrow([
      'invalid properties for LifecycleValidationPlugin in cdk8s.yaml:',
      '  - colour: unknown property; fix: use one of minSeverity, disable, k8sVersion',
      '  - minSeverity: "fatal" is not a severity; fix: use error, warning or info',
      '  - disable: "test/nope" is not a rule id; fix: see docs/rules.md for the ids',
      '  - k8sVersion: "1.36" is not supported; fix: use a version from 1.28 to 1.35, e.g. "1.30"',
    ].join('\n'));
});

test('an unparsable manifest is reported as a failed validation, not thrown', async () => {
  const bad = path.join(dir, 'bad.k8s.yaml');
  fs.writeFileSync(bad, 'a: [\n');
  const report = await validate({}, [bad]);
  expect(report.success).toBe(false);
  expect(report.toJson().violations[0]).toMatchObject({ ruleName: 'input/unreadable-manifest' });
});
