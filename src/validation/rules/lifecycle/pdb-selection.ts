/**
 * Which pod-creating objects of the linted set a PodDisruptionBudget selects, and how many pods
 * they keep. The index is built once per lint run (keyed by the objects array) and selections
 * are looked up by label pair, so a cross-object rule stays linear in the number of objects.
 */
import { isBuiltinKind } from '../../k8s-schema';
import { isMap, podSpecOf } from '../../pod-template';
import type { KubeObject, RuleContext } from '../../rule';
import { LabelIndex, listUnder } from '../../label-index';
import { isEmptySelector, selectorMatches, type LabelSelector } from '../../label-selector';
import { namespaceOf, sameNamespace } from './services';

/** Kinds whose pods the disruption controller counts by `spec.replicas` (its scale finders). */
const REPLICATED_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/** Kinds that create pods whose number is not `spec.replicas`. */
const OTHER_POD_KINDS: ReadonlySet<string> = new Set(['Pod', 'DaemonSet', 'Job', 'CronJob']);

const HPA_API_VERSIONS: ReadonlySet<string> = new Set(['autoscaling/v2', 'autoscaling/v1']);

const INT32_MAX = 2147483647;

export interface PodSource {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | undefined;
  /** The pod template's labels, as written (values of any type). */
  readonly labels: Readonly<Record<string, unknown>>;
  /** `spec.replicas` (1 when unset), undefined when it is not an integer; always undefined for other pod kinds. */
  readonly replicas: number | undefined;
  readonly replicated: boolean;
  /** A HorizontalPodAutoscaler of the set targets it: its replicas change at run time. */
  readonly autoscaled: boolean;
}

interface SelectionIndex {
  readonly all: readonly PodSource[];
  /** Sources by each label of their pod template (pairs of string values, and keys). */
  readonly labels: LabelIndex<PodSource>;
  /** Selections among many candidates already computed, by namespace and selector (copies of a budget cost one lookup). */
  readonly selections: Map<string, readonly PodSource[]>;
}

/** Below this many candidates, filtering them costs less than a selection's cache key. */
const CACHED_FROM_CANDIDATES = 16;

const indexes = new WeakMap<readonly KubeObject[], SelectionIndex>();

function indexOf(objects: readonly KubeObject[]): SelectionIndex {
  let index = indexes.get(objects);
  if (index) return index;
  const targets = autoscalerTargets(objects);
  const all: PodSource[] = [];
  const labels = new LabelIndex<PodSource>();
  for (const o of objects) {
    const source = sourceOf(o, targets);
    if (!source) continue;
    all.push(source);
    for (const k in source.labels) {
      if (!Object.hasOwn(source.labels, k)) continue;
      const v = source.labels[k];
      if (typeof v === 'string') labels.addPair(k, v, source);
      labels.addKey(k, source);
    }
  }
  index = { all, labels, selections: new Map() };
  indexes.set(objects, index);
  return index;
}

function nameOf(o: KubeObject): string {
  const metadata = isMap(o.metadata) ? o.metadata : {};
  return typeof metadata.name === 'string' ? metadata.name : '?';
}

/** `kind/name` of every HPA's scaleTargetRef, with the HPA's namespace. */
function autoscalerTargets(objects: readonly KubeObject[]): Map<string, (string | undefined)[]> {
  const out = new Map<string, (string | undefined)[]>();
  for (const o of objects) {
    if (!isMap(o) || o.kind !== 'HorizontalPodAutoscaler' || typeof o.apiVersion !== 'string' || !HPA_API_VERSIONS.has(o.apiVersion)) continue;
    const ref = isMap(o.spec) ? o.spec.scaleTargetRef : undefined;
    if (!isMap(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') continue;
    listUnder(out, `${ref.kind}/${ref.name}`, namespaceOf(o));
  }
  return out;
}

function sourceOf(o: KubeObject, targets: Map<string, (string | undefined)[]>): PodSource | undefined {
  if (!isMap(o) || typeof o.kind !== 'string') return undefined;
  const replicated = REPLICATED_KINDS.has(o.kind);
  if (!replicated && !OTHER_POD_KINDS.has(o.kind)) return undefined;
  // A custom resource that happens to be called Deployment is not counted by the controller.
  if (!isBuiltinKind(o.apiVersion, o.kind)) return undefined;
  const pod = podSpecOf(o);
  if (!pod) return undefined;
  const labels = isMap(pod.metadata.labels) ? pod.metadata.labels : {};
  const name = nameOf(o);
  const namespace = namespaceOf(o);
  return {
    kind: o.kind,
    name,
    namespace,
    labels,
    replicas: replicated ? replicasOf(o) : undefined,
    replicated,
    autoscaled: targets.size > 0 && (targets.get(`${o.kind}/${name}`) ?? []).some(ns => sameNamespace(ns, namespace)),
  };
}

/** `spec.replicas`, defaulted to 1 when unset (all four kinds default it so); undefined when unreadable. */
function replicasOf(o: KubeObject): number | undefined {
  const spec = isMap(o.spec) ? o.spec : {};
  const r = spec.replicas ?? 1;
  return typeof r === 'number' && Number.isInteger(r) && r >= 0 && r <= INT32_MAX ? r : undefined;
}

/** Candidates that can match: those carrying one of the selector's required labels, else all. */
function candidatesOf(index: SelectionIndex, selector: LabelSelector): readonly PodSource[] {
  let best: readonly PodSource[] | undefined;
  const consider = (list: readonly PodSource[]) => {
    if (!best || list.length < best.length) best = list;
  };
  for (const k in selector.matchLabels) consider(index.labels.pair(k, selector.matchLabels[k]));
  for (const r of selector.matchExpressions) {
    // A workload has one value per key: the lists of an In's values are disjoint.
    if (r.operator === 'In') consider([...new Set(r.values)].flatMap(v => index.labels.pair(r.key, v)));
    else if (r.operator === 'Exists') consider(index.labels.key(r.key));
  }
  return best ?? index.all;
}

/**
 * The pod sources in `context` whose pod template labels the selector matches, in the budget's
 * namespace, sorted by kind, name and namespace.
 */
export function podSourcesSelected(selector: LabelSelector, namespace: string | undefined, context: RuleContext): readonly PodSource[] {
  if (!Array.isArray(context.objects)) return [];
  const index = indexOf(context.objects);
  const candidates = isEmptySelector(selector) ? index.all : candidatesOf(index, selector);
  const select = () => candidates
    .filter(s => sameNamespace(s.namespace, namespace) && selectorMatches(selector, s.labels))
    .sort(compareSources);
  if (candidates.length < CACHED_FROM_CANDIDATES) return select();
  const key = selectionKey(selector, namespace);
  let selected = index.selections.get(key);
  if (!selected) index.selections.set(key, selected = select());
  return selected;
}

function selectionKey(selector: LabelSelector, namespace: string | undefined): string {
  const labels = Object.keys(selector.matchLabels).sort().map(k => [k, selector.matchLabels[k]]);
  return JSON.stringify([namespace ?? null, labels, selector.matchExpressions.map(r => [r.key, r.operator, r.values])]);
}

function compareSources(a: PodSource, b: PodSource): number {
  return cmp(a.kind, b.kind) || cmp(a.name, b.name) || cmp(a.namespace ?? '', b.namespace ?? '');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
