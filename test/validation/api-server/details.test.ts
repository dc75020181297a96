/** Details of the api-server rules that the fixture and verdict tables do not pin down. */
import fc from 'fast-check';
import { lintObjects } from '../../../src/validation/engine';
import type { JsonMap } from '../../../src/validation/pod-template';
import type { KubeObject } from '../../../src/validation/rule';
import { API_SERVER_RULES } from '../../../src/validation/rules/api-server';
import { container, cronJob, deployment, job, pod, workload } from '../../../src/validation/rules/api-server/fixtures';
import { canonicalQuantity } from '../../../src/validation/rules/api-server/quantity';

const lint = (objects: KubeObject[], k8sVersion = '1.28') => lintObjects(objects, { rules: API_SERVER_RULES, k8sVersion });

describe('canonicalQuantity (resource.Quantity.String() after parsing)', () => {
  it.each([
    ['1', '1'], ['1000m', '1'], ['0.001', '1m'], ['1000u', '1m'], ['1m', '1m'], ['2m', '2m'],
    ['1000', '1k'], ['1024', '1024'], ['1e3', '1e3'], ['1e0', '1'], ['1E6', '1e6'],
    ['1Ki', '1Ki'], ['1024Ki', '1Mi'], ['1536Ki', '1536Ki'], ['0.5Ki', '512'], ['1048576', '1048576'],
    ['1M', '1M'], ['1000k', '1M'], ['1.5', '1500m'], ['0', '0'], ['0Mi', '0'], ['-1', '-1'], [1, '1'], [0.001, '1m'],
    ['100n', '100n'], ['1.5n', '2n'],
  ] as const)('%s → %s', (input, canonical) => {
    expect(canonicalQuantity(input)).toBe(canonical);
  });

  it.each(['', 'abc', '1K', '1 Mi', 'Mi', '.'])('%j does not parse', input => {
    expect(canonicalQuantity(input)).toBeUndefined();
  });
});

describe('where the findings point', () => {
  it('a CronJob reports under spec.jobTemplate.spec.template.spec', () => {
    const findings = lint([cronJob({ restartPolicy: 'Never', containers: [container({ livenessProbe: {} })] })]);
    expect(findings.map(f => f.path)).toEqual(['spec.jobTemplate.spec.template.spec.containers[0].livenessProbe']);
  });

  it('a Job with podFailurePolicy needs restartPolicy Never', () => {
    const bad = job({ restartPolicy: 'OnFailure', containers: [container()] }, { podFailurePolicy: { rules: [] } });
    const good = job({ restartPolicy: 'Never', containers: [container()] }, { podFailurePolicy: { rules: [] } });
    expect(lint([bad]).map(f => f.path)).toEqual(['spec.template.spec.restartPolicy']);
    expect(lint([good])).toEqual([]);
  });

  it('a StatefulSet template error says the Pods, not the StatefulSet, are rejected', () => {
    const findings = lint([workload('StatefulSet', { containers: [container({ name: 'Bad_Name' })] })]);
    expect(findings).toHaveLength(1);
    expect(findings[0].path).toBe('spec.template.spec.containers[0].name');
    expect(findings[0].message).toMatch(/accepts the StatefulSet, then rejects every Pod/);
  });

  it('an init container duplicate host port is reported at its own index', () => {
    const dup = { name: 'b', image: 'busybox', ports: [{ containerPort: 1, hostPort: 9000 }, { containerPort: 2, hostPort: 9000 }] };
    const findings = lint([pod({ initContainers: [{ name: 'a', image: 'busybox' }, dup], containers: [container()] })]);
    expect(findings.map(f => f.path)).toEqual(['spec.initContainers[1].ports[1].hostPort']);
  });

  it('kinds without a pod template, and CRDs, are left alone', () => {
    const objects: KubeObject[] = [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } },
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { containers: [{}] } },
    ];
    expect(lint(objects)).toEqual([]);
  });
});

describe('version-dependent behaviour', () => {
  const sidecar = { name: 'proxy', image: 'envoyproxy/envoy:v1.28.0', restartPolicy: 'Always', readinessProbe: { tcpSocket: { port: 9901 } } };

  it('1.28 forbids a sidecar\'s probe, and explains that restartPolicy was dropped', () => {
    const findings = lint([deployment({ initContainers: [sidecar], containers: [container()] })]);
    expect(findings.map(f => [f.rule, f.path])).toEqual([
      ['api-server/init-container', 'spec.template.spec.initContainers[0].readinessProbe'],
      ['api-server/gated-field', 'spec.template.spec.initContainers[0].restartPolicy'],
    ]);
    expect(findings[0].message).toMatch(/may not be set for init containers without restartPolicy=Always/);
    expect(findings[0].message).toMatch(/SidecarContainers/);
    expect(findings[1].message).toMatch(/SidecarContainers is alpha, off by default in 1\.28/);
  });

  it('1.29 accepts the sidecar and validates its probe like an app container\'s', () => {
    expect(lint([deployment({ initContainers: [sidecar], containers: [container()] })], '1.29')).toEqual([]);
    const broken = { ...sidecar, readinessProbe: { tcpSocket: { port: 0 } } };
    expect(lint([deployment({ initContainers: [broken], containers: [container()] })], '1.29').map(f => f.path))
      .toEqual(['spec.template.spec.initContainers[0].readinessProbe.tcpSocket.port']);
  });

  it('a sleep preStop is no handler on 1.28 and a handler from 1.30', () => {
    const obj = pod({ containers: [container({ lifecycle: { preStop: { sleep: { seconds: 5 } } } })] });
    expect(lint([obj]).map(f => f.message)).toEqual(['Required value: must specify a handler type']);
    expect(lint([obj], '1.30')).toEqual([]);
  });
});

describe('robustness', () => {
  /** Any JSON value, including the wrong types in the right places. */
  const junk = fc.jsonValue({ maxDepth: 3 });
  const fields = ['name', 'image', 'ports', 'env', 'envFrom', 'lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe', 'restartPolicy', 'terminationMessagePolicy'];

  it('never throws on containers with junk in any field', () => {
    fc.assert(fc.property(fc.constantFrom(...fields), junk, fc.constantFrom('1.28', '1.29', '1.30'), (field, value, version) => {
      const c: JsonMap = { ...container(), [field]: value };
      const objects = [pod({ initContainers: [c], containers: [c] }), deployment({ containers: [c] }, { strategy: value, selector: value })];
      const findings = lint(objects, version);
      expect(findings.filter(f => f.rule === 'internal/rule-crashed')).toEqual([]);
    }), { numRuns: 300 });
  });

  it('never throws when a probe, hook or env entry holds junk', () => {
    fc.assert(fc.property(junk, junk, value => {
      const c = container({
        readinessProbe: { httpGet: value, exec: value, grpc: value, successThreshold: value },
        lifecycle: { preStop: value, postStart: { httpGet: { port: value, httpHeaders: value } } },
        env: [value, { name: 'X', valueFrom: { fieldRef: value, resourceFieldRef: { resource: 'limits.cpu', divisor: value } } }],
        envFrom: [value],
        ports: [value, { containerPort: value, hostPort: value, protocol: value }],
      });
      const findings = lint([pod({ hostNetwork: true, containers: [c] })]);
      expect(findings.filter(f => f.rule === 'internal/rule-crashed')).toEqual([]);
    }), { numRuns: 300 });
  });
});
