/**
 * `api-server/gated-field`: a field the target version's API server silently drops, because the
 * feature gate behind it is off by default there: a sidecar init container on 1.28, the sleep
 * action on 1.29, pod-level resources before 1.34. Found by the strict-decoding walk of the
 * structure rules (../structure/strict-decode.ts), which knows every field's definition; the
 * gates, their defaults per release and the functions that drop each field are in
 * ../../feature-gates.ts.
 */
import type { Rule } from '../../rule';
import { decodeIssues } from '../structure/strict-decode';
import { container, deployment, job, pod } from './fixtures';

const proxy = { name: 'proxy', image: 'envoyproxy/envoy:v1.28.0', restartPolicy: 'Always' };

export const gatedFieldRule: Rule = {
  id: 'api-server/gated-field',
  category: 'api-server',
  severity: 'error',
  summary: 'No field that the target version\'s API server drops because its feature gate is off by default (sidecar init containers on 1.28, the sleep action on 1.29, ...).',
  docs: 'A field that a release adds as alpha is in that release\'s OpenAPI, so kubectl apply accepts it, but while its feature '
    + 'gate is off (the default for alpha, and for some betas) the registry strategy drops it on create before validation.go '
    + 'ever sees it (pkg/api/pod/util.go dropDisabledFields for every pod spec and template; pkg/registry/batch/job/strategy.go '
    + 'for Jobs; the Service, StatefulSet and CustomResourceDefinition strategies): the object is stored without it and behaves '
    + 'as if it had never been written. The consequences can be worse than an error. On 1.28 (SidecarContainers alpha, '
    + 'on by default from 1.29) restartPolicy: Always is dropped from an init container, which then runs as a plain init '
    + 'container: the app containers start only after it exits, so a long-running sidecar (a proxy, a `tail -F` log '
    + 'shipper) keeps every pod in Init forever, with no error anywhere '
    + '(https://github.com/kubernetes/kubernetes/blob/v1.28.0/pkg/api/pod/util.go). On 1.29 (PodLifecycleSleepAction alpha, '
    + 'beta and on from 1.30) a preStop `sleep` is dropped, and a hook with no other action disappears, so the drain delay '
    + 'before SIGTERM is gone (https://github.com/kubernetes/kubernetes/blob/v1.29.0/pkg/api/pod/util.go, '
    + 'dropPodLifecycleSleepAction). Each finding names the gate, its stage and default in the target version (from the versioned specs of '
    + 'pkg/features/kube_features.go, https://github.com/kubernetes/kubernetes/blob/v1.35.0/pkg/features/kube_features.go), the '
    + 'first version with the gate on by default, and the function that drops the field; a field of an older object that '
    + 'already uses it is kept on update, which a manifest linter cannot see, so the rule judges creation. Fields not yet in '
    + 'the target version at all are structure/unknown-field\'s.',
  fix: 'target the Kubernetes version that turns the gate on by default if your cluster runs it (the finding names the option), or do without the field on this version',
  fixtures: {
    good: [
      deployment({ containers: [container({ lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } })] }),
      deployment({ initContainers: [{ name: 'migrate', image: 'busybox:1.36', command: ['sh', '-c', 'true'] }], containers: [container()] }),
    ],
    bad: [
      // Point of the rule: a sidecar whose restartPolicy 1.28 drops, blocking every pod in Init.
      deployment({ initContainers: [{ ...proxy, command: ['tail', '-F', '/var/log/app.log'] }], containers: [container()] }),
      pod({ containers: [container({ resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }] })] }),
      job({ restartPolicy: 'Never', containers: [container()] }, { completionMode: 'Indexed', completions: 3, backoffLimitPerIndex: 1 }),
    ],
  },
  check(object, context) {
    return decodeIssues(object, context)
      .filter(i => i.problem === 'gated-field')
      .map(({ path, message, fix }) => ({ path, message, fix }));
  },
};
