/**
 * Which Services of the linted set send traffic to a workload's pods, and to which container:
 * the index is built once per lint run (keyed by the objects array) so that a cross-object rule
 * stays linear in the number of objects.
 */
import { LabelIndex } from '../../label-index';
import { isMap, type JsonMap } from '../../pod-template';
import type { KubeObject, RuleContext } from '../../rule';
import type { ContainerView, PodView } from './pod-view';

export interface ServiceAt {
  readonly name: string;
  readonly namespace: string | undefined;
  readonly selector: Readonly<Record<string, string>>;
  readonly ports: readonly { readonly port: unknown; readonly targetPort: unknown }[];
}

/** Services by one pair of their selector (the first key in order, so each Service is listed once). */
const indexes = new WeakMap<readonly KubeObject[], LabelIndex<ServiceAt>>();

function indexOf(objects: readonly KubeObject[]): LabelIndex<ServiceAt> {
  let index = indexes.get(objects);
  if (index) return index;
  index = new LabelIndex();
  // Services alike in namespace, selector and ports route the same way: one stands for all, so a
  // file of many copies stays linear. Copies share the pair they are listed under, so a Service's
  // signature is built only once another is listed there (most Services have a pair of their own).
  const seen = new Set<string>();
  for (const o of objects) {
    const svc = serviceOf(o);
    if (!svc) continue;
    const first = Object.keys(svc.selector).sort()[0];
    const listed = index.pair(first, svc.selector[first]);
    if (listed.length > 0) {
      if (listed.length === 1) seen.add(signatureOf(listed[0]));
      const signature = signatureOf(svc);
      if (seen.has(signature)) continue;
      seen.add(signature);
    }
    index.addPair(first, svc.selector[first], svc);
  }
  indexes.set(objects, index);
  return index;
}

/** What decides where a Service routes: namespace, selector (in key order) and ports. */
function signatureOf(svc: ServiceAt): string {
  const keys = Object.keys(svc.selector).sort();
  return JSON.stringify([svc.namespace ?? '', keys.map(k => [k, svc.selector[k]]), svc.ports.map(p => [p.port, p.targetPort])]);
}

function serviceOf(o: KubeObject): ServiceAt | undefined {
  if (!isMap(o) || o.kind !== 'Service' || !isMap(o.spec) || !isMap(o.spec.selector)) return undefined;
  if (o.spec.type === 'ExternalName') return undefined;
  // No prototype: a selector key `__proto__` stays a key.
  const selector: Record<string, string> = Object.create(null);
  const written = o.spec.selector;
  let empty = true;
  for (const k in written) {
    if (!Object.hasOwn(written, k)) continue;
    const v = written[k];
    if (typeof v !== 'string') return undefined;
    selector[k] = v;
    empty = false;
  }
  // An empty selector selects nothing automatically (endpoints are managed by hand).
  if (empty) return undefined;
  const metadata = isMap(o.metadata) ? o.metadata : {};
  const ports: { port: unknown; targetPort: unknown }[] = [];
  if (Array.isArray(o.spec.ports)) {
    for (const p of o.spec.ports) if (isMap(p)) ports.push({ port: p.port, targetPort: p.targetPort ?? p.port });
  }
  return {
    name: typeof metadata.name === 'string' ? metadata.name : '?',
    namespace: namespaceOf(o),
    selector,
    ports,
  };
}

/** `metadata.namespace`, undefined when unset or empty (the object goes to the current namespace). */
export function namespaceOf(object: KubeObject): string | undefined {
  const metadata = isMap(object.metadata) ? object.metadata : {};
  return typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
}

/** Namespaces match when equal, or when either is unset (applied to whatever namespace is current). */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** Services in `context` whose selector matches the pod template's labels, in the object's namespace. */
export function servicesSelecting(object: KubeObject, view: PodView, context: Pick<RuleContext, 'objects'>): ServiceAt[] {
  const labels = view.pod.metadata.labels;
  if (!isMap(labels) || !Array.isArray(context.objects)) return [];
  const index = indexOf(context.objects);
  if (index.empty) return [];
  const namespace = namespaceOf(object);
  const out: ServiceAt[] = [];
  for (const k in labels) {
    const v = labels[k];
    // A label value that is not a string cannot match a selector (and is an API error elsewhere).
    if (!Object.hasOwn(labels, k) || typeof v !== 'string') continue;
    for (const svc of index.pair(k, v)) {
      if (sameNamespace(svc.namespace, namespace) && matches(svc.selector, labels)) out.push(svc);
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function matches(selector: Readonly<Record<string, string>>, labels: JsonMap): boolean {
  for (const k of Object.keys(selector)) if (labels[k] !== selector[k]) return false;
  return true;
}

/** A Service port's target: the container that declares it, or undefined when no container does. */
export function targetContainer(targetPort: unknown, containers: readonly ContainerView[]): ContainerView | undefined {
  if (typeof targetPort === 'string' && !/^\d+$/.test(targetPort)) {
    return containers.find(c => c.ports.some(p => p.name === targetPort));
  }
  const n = typeof targetPort === 'number' ? targetPort : typeof targetPort === 'string' ? Number(targetPort) : NaN;
  return containers.find(c => c.ports.some(p => p.number === n));
}

export interface ServedContainer {
  readonly container: ContainerView;
  readonly service: ServiceAt;
  readonly port: unknown;
  readonly targetPort: unknown;
}

/**
 * The running containers that Services send traffic to. A numeric target port that no container
 * declares goes to the only app container when there is one; with several, it cannot be told.
 */
export function servedContainers(object: KubeObject, view: PodView, context: Pick<RuleContext, 'objects'>): readonly ServedContainer[] {
  // Two rules ask for each object in the same lint run.
  const cached = served.get(view);
  if (cached && cached.objects === context.objects) return cached.result;
  const result = computeServed(object, view, context);
  served.set(view, { objects: context.objects, result });
  return result;
}

const served = new WeakMap<PodView, { objects: readonly KubeObject[]; result: readonly ServedContainer[] }>();

function computeServed(object: KubeObject, view: PodView, context: Pick<RuleContext, 'objects'>): ServedContainer[] {
  const services = servicesSelecting(object, view, context);
  if (services.length === 0) return [];
  const running = view.containers.filter(c => c.running);
  const apps = view.containers.filter(c => c.at.list === 'containers');
  const out: ServedContainer[] = [];
  const seen = new Set<ContainerView>();
  for (const service of services) {
    for (const { port, targetPort } of service.ports) {
      // A named target port that no container declares gets no endpoint at all; a number reaches the pod IP.
      const named = typeof targetPort === 'string' && !/^\d+$/.test(targetPort);
      const c = targetContainer(targetPort, running) ?? (!named && apps.length === 1 ? apps[0] : undefined);
      if (!c || seen.has(c)) continue;
      seen.add(c);
      out.push({ container: c, service, port, targetPort });
    }
  }
  return out;
}
