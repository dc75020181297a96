/**
 * `structure/unknown-kind`: a kind that is not Kubernetes' own (a custom resource, an aggregated
 * API). Reported once, as information, and otherwise left alone: no other rule runs on it (see
 * `Rule.appliesToUnknownKinds`), since its schema is the CRD's, which the linter does not have.
 */
import type { Rule } from '../../rule';
import { deployment } from './fixtures';
import { identityOf } from './identity';

const ROLLOUT = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'web' },
  spec: { replicas: '3', strategy: { canary: { steps: [{ setWeight: 20 }] } }, livenesProbe: {} },
};

export const unknownKind: Rule = {
  id: 'structure/unknown-kind',
  category: 'structure',
  severity: 'info',
  summary: 'Custom resources and other kinds Kubernetes does not define are reported once and not checked.',
  docs: 'The rules check Kubernetes\' own kinds against the OpenAPI definitions of the target version (1.28 to 1.35) and the API server\'s validation. '
    + 'A custom resource (argoproj.io Rollout, cert-manager Certificate, a Prometheus ServiceMonitor) has the schema '
    + 'of its CustomResourceDefinition, which the linter does not have, so it is skipped rather than guessed at: no '
    + 'rule runs on it, even one whose kind name matches (a `Deployment` in group example.com gets no pod rules). '
    + 'The finding is information only, so that a typo in a group name (which would make a built-in kind look custom) '
    + 'does not go unnoticed.',
  fix: 'nothing to do if this is a custom resource whose CRD the cluster has; check apiVersion and kind otherwise',
  appliesToUnknownKinds: true,
  fixtures: {
    good: [deployment(), { apiVersion: 'batch/v1beta1', kind: 'CronJob', metadata: { name: 'c' }, spec: {} }],
    bad: [ROLLOUT, { ...deployment(), apiVersion: 'example.com/v1' }],
  },
  check(object, context) {
    const id = identityOf(object, context.k8sVersion);
    if (id.state === 'list') {
      return [{ path: 'items', message: `${id.apiVersion} ${id.kind} is a list: its items are checked only when the loader unpacks it (the CLI does)` }];
    }
    if (id.state !== 'custom') return [];
    return [{
      path: '',
      message: `${id.apiVersion} ${id.kind} is not a built-in Kubernetes kind (a custom resource?): not checked`,
    }];
  },
};
