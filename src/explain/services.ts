/**
 * Whether a Service sends traffic to a container, read the way the lint rules read it
 * (rules/lifecycle/services.ts): a Service of the same namespace whose non-empty selector the
 * pod template's labels match, one of whose ports targets the container (by port name or number;
 * a number nobody declares reaches the only app container). ExternalName Services route nowhere.
 */
import { kindOf, type JsonMap } from '../validation/pod-template';
import type { KubeObject } from '../validation/rule';
import { podViewOf } from '../validation/rules/lifecycle/pod-view';
import { servedContainers } from '../validation/rules/lifecycle/services';

/** true: a Service routes to it; false: no Service does; null: no Service to judge by. */
export type ServiceRouting = (container: JsonMap) => boolean | null;

const hasService = new WeakMap<readonly KubeObject[], boolean>();

/** Whether any object of the set is a Service; once per set, as lint asks for every object of it. */
function anyService(objects: readonly KubeObject[]): boolean {
  let found = hasService.get(objects);
  if (found === undefined) {
    found = objects.some(o => o !== null && typeof o === 'object' && kindOf(o) === 'Service');
    hasService.set(objects, found);
  }
  return found;
}

/**
 * How Services route to the workload's containers. With no Service among `objects` at all (one
 * manifest on its own, or a file of workloads only: their Services may live elsewhere), null.
 */
export function serviceRouting(workload: KubeObject, objects: readonly KubeObject[] | undefined): ServiceRouting {
  if (objects === undefined || !anyService(objects)) return () => null;
  const view = podViewOf(workload);
  if (!view) return () => false;
  const served = new Set(servedContainers(workload, view, { objects }).map(s => s.container.at.container));
  return container => served.has(container);
}
