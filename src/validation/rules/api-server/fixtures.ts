/** Builders for the rules' fixtures: full, otherwise valid objects around the part a rule checks. */
import type { JsonMap } from '../../pod-template';
import type { KubeObject } from '../../rule';

export const LABELS = { 'app.kubernetes.io/name': 'web' };

/** An app container the API server accepts. */
export function container(extra: JsonMap = {}): JsonMap {
  return { name: 'web', image: 'nginx:1.25', ports: [{ name: 'http', containerPort: 8080 }], ...extra };
}

export function pod(spec: JsonMap, metadata: JsonMap = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', labels: LABELS, ...metadata }, spec };
}

/** A Deployment whose template carries `podSpec`; `spec` overrides Deployment-level fields. */
export function deployment(podSpec: JsonMap, spec: JsonMap = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 2,
      selector: { matchLabels: LABELS },
      template: { metadata: { labels: LABELS }, spec: podSpec },
      ...spec,
    },
  };
}

/** A workload of another kind with a pod template (StatefulSet, DaemonSet, ReplicaSet). */
export function workload(kind: 'StatefulSet' | 'DaemonSet' | 'ReplicaSet', podSpec: JsonMap, spec: JsonMap = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      selector: { matchLabels: LABELS },
      ...(kind === 'StatefulSet' ? { serviceName: 'web' } : {}),
      template: { metadata: { labels: LABELS }, spec: podSpec },
      ...spec,
    },
  };
}

export function job(podSpec: JsonMap, spec: JsonMap = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'migrate', namespace: 'default' },
    spec: { template: { spec: podSpec }, ...spec },
  };
}

export function cronJob(podSpec: JsonMap): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly', namespace: 'default' },
    spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: podSpec } } } },
  };
}
