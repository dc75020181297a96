/**
 * The engine's suppression by `lifecycle.cdk8s.io/ignore` (ignore-annotation.ts), which synth-time
 * validation, the plugin and the CLI share.
 */
import { runRules } from '../../src/validation/engine';
import type { KubeObject, Rule } from '../../src/validation/rule';
import { TEST_RULES } from './test-rules';

const pod = (annotations: Record<string, unknown>, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', annotations },
  spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 0 }] }] },
  ...extra,
});
const ids = (findings: ReadonlyArray<{ rule: string }>) => findings.map(f => f.rule);

test('the findings of ignored rules are kept apart, with the annotation and the reason; the others stand', () => {
  const { findings, suppressed } = runRules([pod({ 'lifecycle.cdk8s.io/ignore': ' test/bad-port ,, ', 'lifecycle.cdk8s.io/ignore-reason': '  fixture  ' })], { rules: TEST_RULES });
  expect(ids(findings)).toEqual(['test/no-readiness']);
  expect(suppressed).toEqual([expect.objectContaining({
    rule: 'test/bad-port', path: 'spec.containers[0].ports[0].containerPort',
    suppression: { annotation: 'lifecycle.cdk8s.io/ignore', reason: 'fixture' },
  })]);
});

test('without a reason the suppression has none; other objects are not affected', () => {
  const other = pod({});
  const { findings, suppressed } = runRules([pod({ 'lifecycle.cdk8s.io/ignore': 'test/bad-port' }), other], { rules: TEST_RULES });
  expect(suppressed[0].suppression).toEqual({ annotation: 'lifecycle.cdk8s.io/ignore' });
  expect(findings.filter(f => f.objectIndex === 1).map(f => f.rule)).toEqual(['test/bad-port', 'test/no-readiness']);
});

test('a rule that crashes on an object that ignores it: the crash is suppressed too', () => {
  const crashing: Rule = { ...TEST_RULES[0], id: 'test/crashes', check: () => { throw new Error('boom'); } };
  const ignoring = runRules([pod({ 'lifecycle.cdk8s.io/ignore': 'test/crashes' })], { rules: [crashing] });
  expect(ignoring.findings).toEqual([]);
  expect(ids(ignoring.suppressed)).toEqual(['internal/rule-crashed']);
  expect(ignoring.suppressed[0].message).toBe('rule test/crashes could not check this object: boom');
  expect(ids(runRules([pod({})], { rules: [crashing] }).findings)).toEqual(['internal/rule-crashed']);
});

test('an ignore that is not a string is a warning, and suppresses nothing', () => {
  const { findings } = runRules([pod({ 'lifecycle.cdk8s.io/ignore': ['test/bad-port'] })], { rules: TEST_RULES });
  expect(findings).toContainEqual(expect.objectContaining({
    rule: 'input/ignore-annotation', severity: 'warning', path: 'metadata.annotations[lifecycle.cdk8s.io/ignore]',
    message: 'must be a string of comma-separated rule ids (got a list)',
  }));
  expect(ids(findings)).toContain('test/bad-port');
});

test('any rule of the registry may be named, even one this run leaves out', () => {
  const { findings } = runRules([pod({ 'lifecycle.cdk8s.io/ignore': 'lifecycle/tcp-socket-hook' })], { rules: TEST_RULES });
  expect(ids(findings)).not.toContain('input/ignore-annotation');
});

test('a pod template\'s ignore has no effect and is reported at its path, for every kind with a template', () => {
  const cronJob: KubeObject = {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' },
    spec: {
      schedule: '0 3 * * *',
      jobTemplate: { spec: { template: {
        metadata: { annotations: { 'lifecycle.cdk8s.io/ignore': 'test/bad-port' } },
        spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 0 }] }] },
      } } },
    },
  };
  const { findings, suppressed } = runRules([cronJob], { rules: TEST_RULES });
  expect(suppressed).toEqual([]);
  expect(findings).toContainEqual(expect.objectContaining({
    rule: 'input/ignore-annotation', path: 'spec.jobTemplate.spec.template.metadata.annotations[lifecycle.cdk8s.io/ignore]',
    message: 'lifecycle.cdk8s.io/ignore on the pod template has no effect: only the CronJob\'s own metadata.annotations are read',
  }));
  // A Pod's own metadata is the right place: no warning.
  expect(ids(runRules([pod({ 'lifecycle.cdk8s.io/ignore': 'test/bad-port' })], { rules: TEST_RULES }).findings)).toEqual(['test/no-readiness']);
});

test('custom resources can ignore the rules that apply to them', () => {
  const widget: KubeObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', annotations: { 'lifecycle.cdk8s.io/ignore': 'test/unknown-kind' } } };
  const { findings, suppressed } = runRules([widget], { rules: TEST_RULES });
  expect(findings).toEqual([]);
  expect(ids(suppressed)).toEqual(['test/unknown-kind']);
});
