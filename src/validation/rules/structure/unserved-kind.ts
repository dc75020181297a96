/**
 * `structure/unserved-kind`: an apiVersion/kind in one of Kubernetes' own API groups that the
 * target version does not serve: a removed beta (`batch/v1beta1 CronJob`, `policy/v1beta1
 * PodDisruptionBudget`), a version added later (`resource.k8s.io/v1` on 1.28), a kind in the wrong
 * group (`v1 Deployment`), or a misspelt kind (`apps/v1 deployment`).
 */
import { k8sMinorOf, targetVersionAdvice } from '../../../lint/k8s-version';
import { apiVersionsServingKind, kindsOfGroup, versionsServing } from '../../k8s-schema';
import type { Rule, RuleContext } from '../../rule';
import { closestName } from './closest-name';
import { deployment } from './fixtures';
import { identityOf } from './identity';

/** `resource.k8s.io/v1alpha2` → ` (an alpha API, off unless kube-apiserver enables it with --runtime-config)`. */
function alphaNote(apiVersion: string): string {
  return /\/v\d+alpha\d+$/.test(apiVersion) ? ' (an alpha API, served only when kube-apiserver enables it with --runtime-config)' : '';
}

function servedNow(kind: string, version: string): string | undefined {
  const served = apiVersionsServingKind(kind, version);
  return served.length > 0 ? served.map(v => `${v}${alphaNote(v)}`).join(' or ') : undefined;
}

/** Why the target version does not serve it, when another supported version does. */
function otherVersions(apiVersion: string, kind: string, context: RuleContext): { message: string; fix: string } | undefined {
  const serving = versionsServing(apiVersion, kind).map(k8sMinorOf);
  if (serving.length === 0) return undefined;
  const minor = k8sMinorOf(context.k8sVersion);
  const now = servedNow(kind, context.k8sVersion);
  const instead = now ? `, or use apiVersion: ${now}` : '';
  const later = serving.filter(m => m > minor);
  if (later.length > 0) {
    const v = `1.${later[0]}`;
    return {
      message: `${apiVersion} ${kind} is not served by Kubernetes ${context.k8sVersion}: it was added in Kubernetes ${v}`,
      fix: `${targetVersionAdvice(v, context.k8sVersionSetting)} if your cluster runs it${instead}`,
    };
  }
  const last = serving[serving.length - 1];
  return {
    message: `${apiVersion} ${kind} is not served by Kubernetes ${context.k8sVersion}: it was removed in Kubernetes 1.${last + 1} (served up to 1.${last})`,
    fix: now ? `use apiVersion: ${now}, and adapt the fields to that version` : '`kubectl api-resources` lists the kinds and versions a cluster serves',
  };
}

function suggestion(group: string, kind: string, version: string): string {
  const now = servedNow(kind, version);
  if (now) return `use apiVersion: ${now}`;
  const close = closestName(kind, kindsOfGroup(group, version));
  if (close !== undefined) {
    return `did you mean kind: ${close}? (apiVersion: ${apiVersionsServingKind(close, version).join(' or ')})`;
  }
  return '`kubectl api-resources` lists the kinds and versions a cluster serves';
}

export const unservedKind: Rule = {
  id: 'structure/unserved-kind',
  category: 'structure',
  severity: 'error',
  summary: 'An apiVersion in a Kubernetes API group names a kind and version that the target Kubernetes version serves.',
  docs: 'kube-apiserver serves its own groups (the core group, apps, batch, policy, autoscaling, the *.k8s.io groups) '
    + 'itself, and a kind or version it does not serve there cannot come from a CRD: `kubectl apply` fails with '
    + '`no matches for kind "CronJob" in version "batch/v1beta1"`. Betas removed by 1.28 are the usual cause: '
    + 'batch/v1beta1 CronJob, policy/v1beta1 PodDisruptionBudget and PodSecurityPolicy (1.25), autoscaling/v2beta2 '
    + 'HorizontalPodAutoscaler (1.26), extensions and apps betas (1.16), networking.k8s.io/v1beta1 Ingress (1.22); '
    + 'later ones follow the target version (flowcontrol.apiserver.k8s.io/v1beta2 is gone from 1.29, v1beta3 from 1.32), '
    + 'as do versions added later (resource.k8s.io/v1 from 1.34): the finding names the version that added or removed it, '
    + 'from the OpenAPI definitions of each release the package carries. '
    + 'Kinds are case-sensitive (`deployment` is not `Deployment`).',
  fix: 'use the apiVersion that serves the kind in the target Kubernetes version (the finding names it), and adapt the fields to that version',
  appliesToUnknownKinds: true,
  fixtures: {
    good: [deployment(), { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'r' }, spec: {} }],
    bad: [
      { apiVersion: 'batch/v1beta1', kind: 'CronJob', metadata: { name: 'c' }, spec: {} },
      { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: {} },
      { ...deployment(), apiVersion: 'v1' },
      { ...deployment(), kind: 'deployment' },
      { apiVersion: 'resource.k8s.io/v1', kind: 'ResourceClaim', metadata: { name: 'gpu' }, spec: {} },
    ],
  },
  check(object, context) {
    const id = identityOf(object, context.k8sVersion);
    if (id.state !== 'unserved') return [];
    const other = otherVersions(id.apiVersion, id.kind, context);
    if (other) return [{ path: 'apiVersion', message: other.message, fix: other.fix }];
    return [{
      path: 'apiVersion',
      message: `${id.apiVersion} ${id.kind} is not served by Kubernetes ${context.k8sVersion} (the ${id.group === '' ? 'core' : id.group} API group has no such kind in that version)`,
      fix: suggestion(id.group, id.kind, context.k8sVersion),
    }];
  },
};
