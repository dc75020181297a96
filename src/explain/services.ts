/**
 * Whether a Service sends traffic to a container: a Service in the same namespace whose
 * `spec.selector` is non-empty and matched by the pod template's labels, and one of whose ports
 * targets the container (its `targetPort`, which defaults to `port`, is one of the container's
 * port numbers or names). A Service without ports counts for every serving container.
 */
import type { KubeObject } from '../validation/rule';
import { isMap, kindOf, type JsonMap, type PodSpecAt } from '../validation/pod-template';

/** true: a Service routes to it; false: no Service does; null: no Service to judge by. */
export type ServiceRouting = (container: JsonMap) => boolean | null;

function namespaceOf(object: KubeObject): string | undefined {
  return isMap(object.metadata) && typeof object.metadata.namespace === 'string' ? object.metadata.namespace : undefined;
}

/** The targets of a Service's ports; undefined when it lists none. */
function targets(service: JsonMap): (string | number)[] | undefined {
  const ports = isMap(service.spec) && Array.isArray(service.spec.ports) ? service.spec.ports.filter(isMap) : [];
  if (ports.length === 0) return undefined;
  return ports.map(p => (typeof p.targetPort === 'number' || typeof p.targetPort === 'string' ? p.targetPort : p.port))
    .filter((t): t is string | number => typeof t === 'number' || typeof t === 'string');
}

function containerPorts(container: JsonMap): (string | number)[] {
  const ports = Array.isArray(container.ports) ? container.ports.filter(isMap) : [];
  return ports.flatMap(p => [p.containerPort, p.name]).filter((t): t is string | number => typeof t === 'number' || typeof t === 'string');
}

/**
 * How Services route to the workload's containers. With no Service among `objects` at all (one
 * manifest on its own, or a file of workloads only: their Services may live elsewhere), null.
 */
export function serviceRouting(workload: KubeObject, pod: PodSpecAt, objects: readonly KubeObject[] | undefined): ServiceRouting {
  if (objects === undefined || !objects.some(o => kindOf(o) === 'Service')) return () => null;
  const labels = isMap(pod.metadata.labels) ? pod.metadata.labels : {};
  const ns = namespaceOf(workload);
  const selecting = objects.filter(o => {
    if (kindOf(o) !== 'Service' || namespaceOf(o) !== ns || !isMap(o.spec) || !isMap(o.spec.selector)) return false;
    const selector = Object.entries(o.spec.selector);
    return selector.length > 0 && selector.every(([k, v]) => labels[k] === v);
  });
  return container => {
    const own = containerPorts(container);
    return selecting.some(s => {
      const t = targets(s as JsonMap);
      return t === undefined || t.some(x => own.includes(typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : x));
    });
  };
}
