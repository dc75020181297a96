/**
 * Held-out verdicts that depend on the Kubernetes version: objects that are valid from one release
 * on and invalid (rejected, or silently cut down) in the release before. None of them is a rule's
 * own fixture. Each row is linted with every rule of the registry on every supported version:
 * from `validFrom` on, no error at all; on the version before, an error of `before.rule` at
 * `before.path`; on every older version, an error at that path from some rule (`older` names the
 * rule where it changes, e.g. unknown-field before the field exists).
 *
 * Sources: the OpenAPI definitions of each release (the package's copy), pkg/features/kube_features.go
 * (defaults per release), pkg/api/pod/util.go dropDisabledFields and validation.go at each tag.
 */
import { k8sMinorOf, SUPPORTED_K8S_VERSIONS } from '../../../src/lint/k8s-version';
import { lintObjects } from '../../../src/validation/engine';
import type { JsonMap } from '../../../src/validation/pod-template';
import type { KubeObject } from '../../../src/validation/rule';
import { container, deployment, job, pod, workload } from '../../../src/validation/rules/api-server/fixtures';

interface Verdict {
  readonly name: string;
  readonly object: KubeObject;
  /** First version that accepts it as written; undefined: none up to 1.35 (an alpha or off-by-default beta gate). */
  readonly validFrom?: string;
  /** What the version before `validFrom` (or every version, without it) reports. */
  readonly before: { readonly rule: string; readonly path: string };
  /** Older versions in which another rule reports the same path (e.g. unknown-field before the field exists): each rule applies up to its version. */
  readonly older?: ReadonlyArray<{ readonly through: string; readonly rule: string }>;
}

const sidecar = (extra: JsonMap = {}): JsonMap => ({ name: 'log-shipper', image: 'busybox:1.36', command: ['tail', '-F', '/var/log/app/app.log'], restartPolicy: 'Always', ...extra });
const withHook = (preStop: JsonMap, spec: JsonMap = {}) => deployment({ ...spec, containers: [container({ lifecycle: { preStop } })] });
const job1 = (spec: JsonMap) => job({ restartPolicy: 'Never', containers: [container()] }, spec);
const pvcSelector = { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' };

const VERDICTS: Verdict[] = [
  // Point 5 of the issue: a sidecar init container without probes.
  {
    name: 'sidecar init container (restartPolicy: Always), no probes',
    object: deployment({ initContainers: [sidecar()], containers: [container()] }),
    validFrom: '1.29',
    before: { rule: 'api-server/gated-field', path: 'spec.template.spec.initContainers[0].restartPolicy' },
  },
  {
    name: 'sidecar init container with a readiness probe',
    object: deployment({ initContainers: [sidecar({ readinessProbe: { exec: { command: ['true'] } } })], containers: [container()] }),
    validFrom: '1.29',
    before: { rule: 'api-server/init-container', path: 'spec.template.spec.initContainers[0].readinessProbe' },
  },
  {
    name: 'preStop sleep action',
    object: withHook({ sleep: { seconds: 10 } }),
    validFrom: '1.30',
    before: { rule: 'api-server/gated-field', path: 'spec.template.spec.containers[0].lifecycle.preStop.sleep' },
    older: [{ through: '1.28', rule: 'structure/unknown-field' }],
  },
  {
    name: 'preStop sleep of 0 seconds',
    object: withHook({ sleep: { seconds: 0 } }),
    validFrom: '1.33',
    before: { rule: 'api-server/lifecycle-handler', path: 'spec.template.spec.containers[0].lifecycle.preStop.sleep' },
    older: [{ through: '1.29', rule: 'api-server/gated-field' }, { through: '1.28', rule: 'structure/unknown-field' }],
  },
  {
    name: 'env var name with ":" (relaxed names)',
    object: deployment({ containers: [container({ env: [{ name: 'app:port', value: '8080' }] })] }),
    validFrom: '1.32',
    before: { rule: 'api-server/env', path: 'spec.template.spec.containers[0].env[0].name' },
  },
  {
    name: 'downward API status.hostIPs',
    object: deployment({ containers: [container({ env: [{ name: 'HOST_IPS', valueFrom: { fieldRef: { fieldPath: 'status.hostIPs' } } }] })] }),
    validFrom: '1.29',
    before: { rule: 'api-server/env', path: 'spec.template.spec.containers[0].env[0].valueFrom.fieldRef' },
  },
  {
    name: 'app container restartPolicy',
    object: pod({ restartPolicy: 'Never', containers: [container({ restartPolicy: 'OnFailure' })] }),
    validFrom: '1.35',
    before: { rule: 'api-server/gated-field', path: 'spec.containers[0].restartPolicy' },
    older: [{ through: '1.33', rule: 'api-server/container' }],
  },
  {
    name: 'init container restartPolicy: Never',
    object: pod({ initContainers: [{ name: 'seed', image: 'busybox:1.36', restartPolicy: 'Never' }], containers: [container()] }),
    validFrom: '1.35',
    before: { rule: 'api-server/gated-field', path: 'spec.initContainers[0].restartPolicy' },
    // 1.29-1.33: "Unsupported value" (only Always); 1.28 drops every init container's restartPolicy.
    older: [{ through: '1.33', rule: 'api-server/init-container' }, { through: '1.28', rule: 'api-server/gated-field' }],
  },
  {
    name: 'container restartPolicyRules',
    object: pod({ restartPolicy: 'Never', containers: [container({ restartPolicy: 'Never', restartPolicyRules: [{ action: 'Restart', exitCodes: { operator: 'In', values: [42] } }] })] }),
    validFrom: '1.35',
    before: { rule: 'api-server/gated-field', path: 'spec.containers[0].restartPolicy' },
    older: [{ through: '1.33', rule: 'api-server/container' }],
  },
  {
    name: 'env from a file (fileKeyRef)',
    object: pod({ containers: [container({ env: [{ name: 'TOKEN', valueFrom: { fileKeyRef: { path: 'env', volumeName: 'config', key: 'TOKEN' } } }] })], volumes: [{ name: 'config', emptyDir: {} }] }),
    validFrom: '1.35',
    before: { rule: 'api-server/gated-field', path: 'spec.containers[0].env[0].valueFrom.fileKeyRef' },
    older: [{ through: '1.33', rule: 'structure/unknown-field' }],
  },
  {
    name: 'Job successPolicy',
    object: job1({ completionMode: 'Indexed', completions: 3, parallelism: 3, successPolicy: { rules: [{ succeededIndexes: '0' }] } }),
    validFrom: '1.31',
    before: { rule: 'api-server/gated-field', path: 'spec.successPolicy' },
    older: [{ through: '1.29', rule: 'structure/unknown-field' }],
  },
  {
    name: 'Job backoffLimitPerIndex',
    object: job1({ completionMode: 'Indexed', completions: 3, backoffLimitPerIndex: 1 }),
    validFrom: '1.29',
    before: { rule: 'api-server/gated-field', path: 'spec.backoffLimitPerIndex' },
  },
  {
    name: 'Job managedBy',
    object: job1({ managedBy: 'kueue.x-k8s.io/multikueue' }),
    validFrom: '1.32',
    before: { rule: 'api-server/gated-field', path: 'spec.managedBy' },
    older: [{ through: '1.29', rule: 'structure/unknown-field' }],
  },
  {
    name: 'CRD selectableFields',
    object: {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets', kind: 'Widget' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } }, selectableFields: [{ jsonPath: '.spec.color' }] }],
      },
    },
    validFrom: '1.31',
    before: { rule: 'api-server/gated-field', path: 'spec.versions[0].selectableFields' },
    older: [{ through: '1.29', rule: 'structure/unknown-field' }],
  },
  {
    name: 'Service trafficDistribution',
    object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }], trafficDistribution: 'PreferClose' } },
    validFrom: '1.31',
    before: { rule: 'api-server/gated-field', path: 'spec.trafficDistribution' },
    older: [{ through: '1.29', rule: 'structure/unknown-field' }],
  },
  {
    name: 'pod securityContext.supplementalGroupsPolicy',
    object: deployment({ securityContext: { supplementalGroupsPolicy: 'Strict' }, containers: [container()] }),
    validFrom: '1.33',
    before: { rule: 'api-server/gated-field', path: 'spec.template.spec.securityContext.supplementalGroupsPolicy' },
    older: [{ through: '1.30', rule: 'structure/unknown-field' }],
  },
  {
    name: 'image volume',
    object: deployment({ containers: [container({ volumeMounts: [{ name: 'model', mountPath: '/model' }] })], volumes: [{ name: 'model', image: { reference: 'registry.example.com/model:1', pullPolicy: 'IfNotPresent' } }] }),
    validFrom: '1.35',
    before: { rule: 'api-server/gated-field', path: 'spec.template.spec.volumes[0].image' },
    older: [{ through: '1.30', rule: 'structure/unknown-field' }],
  },
  {
    name: 'pod-level resources',
    object: deployment({ resources: { limits: { cpu: '1', memory: '512Mi' } }, containers: [container()] }),
    validFrom: '1.34',
    before: { rule: 'api-server/gated-field', path: 'spec.template.spec.resources' },
    older: [{ through: '1.31', rule: 'structure/unknown-field' }],
  },
  {
    name: 'in-place resize policy',
    object: deployment({ containers: [container({ resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }] })] }),
    validFrom: '1.33',
    before: { rule: 'api-server/gated-field', path: 'spec.template.spec.containers[0].resizePolicy' },
  },
  {
    name: 'pod affinity matchLabelKeys',
    object: deployment({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ ...pvcSelector, matchLabelKeys: ['pod-template-hash'] }] } }, containers: [container()] }),
    validFrom: '1.31',
    before: { rule: 'api-server/gated-field', path: 'spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].matchLabelKeys' },
    older: [{ through: '1.28', rule: 'structure/unknown-field' }],
  },
  {
    name: 'StatefulSet rollingUpdate.maxUnavailable',
    object: workload('StatefulSet', { containers: [container()] }, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } } }),
    validFrom: '1.35',
    before: { rule: 'api-server/gated-field', path: 'spec.updateStrategy.rollingUpdate.maxUnavailable' },
  },
  {
    name: 'projected clusterTrustBundle (beta, still off by default in 1.35)',
    object: deployment({ containers: [container()], volumes: [{ name: 'ca', projected: { sources: [{ clusterTrustBundle: { signerName: 'example.com/ca', labelSelector: {}, path: 'ca.pem' } }] } }] }),
    before: { rule: 'api-server/gated-field', path: 'spec.template.spec.volumes[0].projected.sources[0].clusterTrustBundle' },
    older: [{ through: '1.28', rule: 'structure/unknown-field' }],
  },
  {
    name: 'resource.k8s.io/v1 ResourceClaim',
    object: { apiVersion: 'resource.k8s.io/v1', kind: 'ResourceClaim', metadata: { name: 'gpu' }, spec: { devices: { requests: [{ name: 'gpu', exactly: { deviceClassName: 'gpu.example.com' } }] } } },
    validFrom: '1.34',
    before: { rule: 'structure/unserved-kind', path: 'apiVersion' },
  },
];

const minor = k8sMinorOf;
const errorsOf = (object: KubeObject, k8sVersion: string) => lintObjects([object], { k8sVersion }).filter(f => f.severity === 'error');

describe.each(VERDICTS.map(v => [v.name, v] as const))('%s', (_name, verdict) => {
  const from = verdict.validFrom === undefined ? Infinity : minor(verdict.validFrom);
  const valid = SUPPORTED_K8S_VERSIONS.filter(v => minor(v) >= from);
  const invalid = SUPPORTED_K8S_VERSIONS.filter(v => minor(v) < from);

  if (valid.length > 0) {
    test.each(valid)('valid on %s', version => {
      expect(errorsOf(verdict.object, version)).toEqual([]);
    });
  }

  test.each(invalid)('invalid on %s', version => {
    const errors = errorsOf(verdict.object, version);
    const applying = (verdict.older ?? []).filter(o => minor(o.through) >= minor(version)).sort((a, b) => minor(a.through) - minor(b.through));
    const rule = applying.length > 0 ? applying[0].rule : verdict.before.rule;
    expect(errors.map(e => [e.rule, e.path])).toContainEqual([rule, verdict.before.path]);
  });
});

describe('the version named in an unknown-field finding, in the words of each setting', () => {
  const sleep = withHook({ sleep: { seconds: 10 } });
  const fixOf = (setting: 'cli' | 'plugin' | 'api') =>
    lintObjects([sleep], { k8sVersion: '1.28', k8sVersionSetting: setting }).find(f => f.rule === 'structure/unknown-field')!.fix;

  test('CLI: pass --k8s-version', () => {
    expect(fixOf('cli')).toContain('added in Kubernetes 1.30; pass --k8s-version 1.30 if your cluster runs it');
  });
  test('plugin: the k8sVersion property in cdk8s.yaml', () => {
    expect(fixOf('plugin')).toContain('added in Kubernetes 1.30; set k8sVersion: "1.30" in the plugin\'s properties in cdk8s.yaml if your cluster runs it');
  });
  test('library and synth: LifecycleValidation.enable', () => {
    expect(fixOf('api')).toContain('added in Kubernetes 1.30; call LifecycleValidation.enable(app, { k8sVersion: \'1.30\' }) before adding constructs if your cluster runs it');
  });

  test('a field added without a gate names the version that adds it', () => {
    const o = job1({ completionMode: 'Indexed', completions: 3, parallelism: 3, successPolicy: { rules: [{ succeededIndexes: '0' }] } });
    const fix = lintObjects([o], { k8sVersion: '1.29', k8sVersionSetting: 'cli' }).find(f => f.rule === 'structure/unknown-field')!.fix;
    // Added as alpha in 1.30 (dropped there), on by default from 1.31.
    expect(fix).toMatch(/^JobSpec\.successPolicy was added in Kubernetes 1\.31; pass --k8s-version 1\.31 if your cluster runs it \(in 1\.30 it exists only behind the feature gate JobSuccessPolicy/);
  });

  test('a field removed in a later version says when', () => {
    const o = pod({ containers: [container()], resourceClaims: [{ name: 'gpu', source: { resourceClaimName: 'gpu' } }] });
    const fix = lintObjects([o], { k8sVersion: '1.31' }).find(f => f.rule === 'structure/unknown-field' && f.path === 'spec.resourceClaims[0].source')!.fix;
    expect(fix).toBe('PodResourceClaim.source was removed in Kubernetes 1.31 (it exists in 1.28 to 1.30); remove it');
    expect(lintObjects([o], { k8sVersion: '1.30' }).filter(f => f.rule === 'structure/unknown-field')).toEqual([]);
  });

  test('a typo is still a typo on every version', () => {
    const o = deployment({ containers: [container({ livenesProbe: { tcpSocket: { port: 8080 } } })] });
    for (const version of SUPPORTED_K8S_VERSIONS) {
      const f = lintObjects([o], { k8sVersion: version }).find(x => x.rule === 'structure/unknown-field')!;
      expect(f.fix).toMatch(/^did you mean "livenessProbe"\?/);
    }
  });

  test('point 5: the sidecar finding on 1.28 says the pod blocks and how to fix it', () => {
    const o = deployment({ initContainers: [sidecar()], containers: [container()] });
    const f = lintObjects([o], { k8sVersion: '1.28', k8sVersionSetting: 'cli' }).find(x => x.rule === 'api-server/gated-field')!;
    expect(f.message).toContain('SidecarContainers is alpha, off by default in 1.28 (on by default from 1.29)');
    expect(f.message).toContain('"log-shipper" then runs as a plain init container');
    expect(f.message).toContain('keeps every pod in Init forever');
    expect(f.fix).toContain('move it to spec.containers');
    expect(f.fix).toContain('pass --k8s-version 1.29');
  });
});

describe('unsupported versions', () => {
  test.each(['1.27', '1.36', 'latest', ''])('%j is refused with the supported range', version => {
    expect(() => lintObjects([pod({ containers: [container()] })], { k8sVersion: version }))
      .toThrow(/is not supported; fix: use a version from 1\.28 to 1\.35/);
  });
  test.each([['v1.30', '1.30'], ['1.30.2', '1.30']])('%s means %s', (given, meant) => {
    const o = withHook({ sleep: { seconds: 10 } });
    expect(errorsOf(o, given)).toEqual(errorsOf(o, meant));
  });
});
