/**
 * Builders for the rules' fixtures: plain objects shaped like the seeds' manifests, so that each
 * rule's good and bad examples stay short and readable in its own file.
 */
import type { JsonMap } from '../../pod-template';
import type { KubeObject } from '../../rule';

export interface TemplateOptions {
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly namespace?: string;
}

/** A Deployment whose pod template has `spec` and the given labels (default `app: <name>`). */
export function deployment(name: string, spec: JsonMap, options: TemplateOptions = {}): KubeObject {
  const labels = options.labels ?? { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...(options.namespace ? { namespace: options.namespace } : {}) },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels, ...(options.annotations ? { annotations: options.annotations } : {}) },
        spec,
      },
    },
  };
}

/** A bare Pod, as most seed examples are. */
export function pod(name: string, spec: JsonMap, options: TemplateOptions = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      ...(options.namespace ? { namespace: options.namespace } : {}),
      ...(options.labels ? { labels: options.labels } : {}),
      ...(options.annotations ? { annotations: options.annotations } : {}),
    },
    spec,
  };
}

/** A ClusterIP Service. */
export function service(name: string, selector: Record<string, string>, ports: JsonMap[], namespace?: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: { selector, ports, type: 'ClusterIP' },
  };
}

/** An HTTP probe. */
export function httpProbe(path: string, port: number | string, timing: JsonMap = {}): JsonMap {
  return { httpGet: { path, port }, ...timing };
}

/** A policy/v1 PodDisruptionBudget selecting `matchLabels`, with its minAvailable or maxUnavailable. */
export function podDisruptionBudget(
  name: string,
  matchLabels: Record<string, string>,
  budget: { minAvailable?: number | string; maxUnavailable?: number | string },
  namespace?: string,
): KubeObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: { ...budget, selector: { matchLabels } },
  };
}
