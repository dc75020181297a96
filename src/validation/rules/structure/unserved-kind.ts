/**
 * `structure/unserved-kind`: an apiVersion/kind in one of Kubernetes' own API groups that 1.28 does
 * not serve: a removed beta (`batch/v1beta1 CronJob`, `policy/v1beta1 PodDisruptionBudget`), a kind
 * in the wrong group (`v1 Deployment`), or a misspelt kind (`apps/v1 deployment`).
 */
import { apiVersionsServingKind, kindsOfGroup } from '../../k8s-schema';
import type { Rule } from '../../rule';
import { closestName } from './closest-name';
import { deployment } from './fixtures';
import { identityOf } from './identity';

function suggestion(group: string, kind: string): string {
  const served = apiVersionsServingKind(kind);
  if (served.length > 0) return `use apiVersion: ${served.join(' or ')}`;
  const close = closestName(kind, kindsOfGroup(group));
  if (close !== undefined) {
    return `did you mean kind: ${close}? (apiVersion: ${apiVersionsServingKind(close).join(' or ')})`;
  }
  return '`kubectl api-resources` lists the kinds and versions a cluster serves';
}

export const unservedKind: Rule = {
  id: 'structure/unserved-kind',
  category: 'structure',
  severity: 'error',
  summary: 'An apiVersion in a Kubernetes API group names a kind and version that Kubernetes 1.28 serves.',
  docs: 'kube-apiserver serves its own groups (the core group, apps, batch, policy, autoscaling, the *.k8s.io groups) '
    + 'itself, and a kind or version it does not serve there cannot come from a CRD: `kubectl apply` fails with '
    + '`no matches for kind "CronJob" in version "batch/v1beta1"`. Betas removed by 1.28 are the usual cause: '
    + 'batch/v1beta1 CronJob, policy/v1beta1 PodDisruptionBudget and PodSecurityPolicy (1.25), autoscaling/v2beta2 '
    + 'HorizontalPodAutoscaler (1.26), extensions and apps betas (1.16), networking.k8s.io/v1beta1 Ingress (1.22). '
    + 'Kinds are case-sensitive (`deployment` is not `Deployment`).',
  fix: 'use the apiVersion that serves the kind in Kubernetes 1.28 (the finding names it), and adapt the fields to that version',
  appliesToUnknownKinds: true,
  fixtures: {
    good: [deployment(), { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'r' }, spec: {} }],
    bad: [
      { apiVersion: 'batch/v1beta1', kind: 'CronJob', metadata: { name: 'c' }, spec: {} },
      { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: {} },
      { ...deployment(), apiVersion: 'v1' },
      { ...deployment(), kind: 'deployment' },
    ],
  },
  check(object) {
    const id = identityOf(object);
    if (id.state !== 'unserved') return [];
    return [{
      path: 'apiVersion',
      message: `${id.apiVersion} ${id.kind} is not served by Kubernetes 1.28 (the ${id.group === '' ? 'core' : id.group} API group has no such kind in that version)`,
      fix: suggestion(id.group, id.kind),
    }];
  },
};
