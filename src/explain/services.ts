/**
 * Whether a Service sends traffic to a workload's pods: a Service in the same namespace whose
 * `spec.selector` is non-empty and matched by the pod template's labels.
 */
import type { KubeObject } from '../validation/rule';
import { isMap, kindOf, type PodSpecAt } from '../validation/pod-template';

function namespaceOf(object: KubeObject): string | undefined {
  return isMap(object.metadata) && typeof object.metadata.namespace === 'string' ? object.metadata.namespace : undefined;
}

/**
 * true when a Service among `objects` selects the pods, false when none does, null when no
 * objects are known besides the workload (explaining one manifest on its own).
 */
export function serviceBacked(workload: KubeObject, pod: PodSpecAt, objects: readonly KubeObject[] | undefined): boolean | null {
  if (objects === undefined) return null;
  const labels = isMap(pod.metadata.labels) ? pod.metadata.labels : {};
  const ns = namespaceOf(workload);
  return objects.some(o => {
    if (kindOf(o) !== 'Service' || namespaceOf(o) !== ns || !isMap(o.spec) || !isMap(o.spec.selector)) return false;
    const selector = Object.entries(o.spec.selector);
    return selector.length > 0 && selector.every(([k, v]) => labels[k] === v);
  });
}
