/**
 * Finds the pod spec inside a workload and walks its containers, so rules are written once for
 * Pods and every kind with a pod template.
 */
import { child, index } from './field-path';
import { memoizePerObject } from './per-object';
import type { KubeObject } from './rule';

/**
 * Where the pod spec lives in each built-in kind that has one. A Map, not an object literal: the
 * kind comes from the manifest, and `kind: constructor` must not find Object's constructor.
 */
const POD_SPEC_PATHS: ReadonlyMap<string, readonly string[]> = new Map([
  ['Pod', ['spec']],
  ['PodTemplate', ['template', 'spec']],
  ['Deployment', ['spec', 'template', 'spec']],
  ['StatefulSet', ['spec', 'template', 'spec']],
  ['DaemonSet', ['spec', 'template', 'spec']],
  ['ReplicaSet', ['spec', 'template', 'spec']],
  ['ReplicationController', ['spec', 'template', 'spec']],
  ['Job', ['spec', 'template', 'spec']],
  ['CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec']],
]);

export type JsonMap = Record<string, unknown>;

export function isMap(value: unknown): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function kindOf(object: KubeObject): string | undefined {
  return typeof object.kind === 'string' ? object.kind : undefined;
}

export function hasPodSpec(kind: string | undefined): boolean {
  return kind !== undefined && POD_SPEC_PATHS.has(kind);
}

/** A pod spec and where it sits in its object. */
export interface PodSpecAt {
  readonly spec: JsonMap;
  /** e.g. `spec.template.spec` */
  readonly path: string;
  /** The pod template's (or Pod's) metadata, e.g. for annotations. */
  readonly metadata: JsonMap;
}

/** The pod spec of a Pod or workload, or undefined when the kind has none or it is malformed. */
export function podSpecOf(object: KubeObject): PodSpecAt | undefined {
  const segments = POD_SPEC_PATHS.get(kindOf(object) ?? '');
  if (!segments) return undefined;
  let node: unknown = object;
  let parent: unknown = undefined;
  let path = '';
  for (const segment of segments) {
    if (!isMap(node)) return undefined;
    parent = node;
    node = node[segment];
    path = child(path, segment);
  }
  if (!isMap(node) || !isMap(parent)) return undefined;
  const metadata = isMap(parent.metadata) ? parent.metadata : {};
  return { spec: node, path, metadata };
}

export type ContainerListName = 'initContainers' | 'containers' | 'ephemeralContainers';

/** One container of a pod spec and where it sits. */
export interface ContainerAt {
  readonly container: JsonMap;
  readonly path: string;
  readonly list: ContainerListName;
  readonly index: number;
  readonly name: string | undefined;
}

/** Every container (init first, then app, then ephemeral) that is a JSON object. */
export function containersOf(pod: PodSpecAt, lists: readonly ContainerListName[] = ['initContainers', 'containers']): ContainerAt[] {
  const out: ContainerAt[] = [];
  for (const list of lists) {
    const items = pod.spec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((container, i) => {
      if (!isMap(container)) return;
      out.push({
        container,
        path: index(child(pod.path, list), i),
        list,
        index: i,
        name: typeof container.name === 'string' ? container.name : undefined,
      });
    });
  }
  return out;
}

/** An object's pod spec and its init and app containers, as every pod rule reads them. */
export interface PodTemplateAt {
  readonly pod: PodSpecAt;
  /** Init containers first, then app containers, each with its path. */
  readonly containers: readonly ContainerAt[];
}

const podTemplate = memoizePerObject((object: KubeObject): PodTemplateAt | undefined => {
  const pod = podSpecOf(object);
  return pod ? { pod, containers: containersOf(pod) } : undefined;
});

/**
 * The pod spec and containers of a Pod or workload, found once per object and shared by the
 * api-server and lifecycle views.
 */
export function podTemplateOf(object: KubeObject): PodTemplateAt | undefined {
  return typeof object === 'object' && object !== null ? podTemplate(object) : undefined;
}

/** A numeric field, or undefined when missing or not a number. */
export function num(map: JsonMap, field: string): number | undefined {
  const v = map[field];
  return typeof v === 'number' ? v : undefined;
}

/** A string field, or undefined. */
export function str(map: JsonMap, field: string): string | undefined {
  const v = map[field];
  return typeof v === 'string' ? v : undefined;
}

/** A map field, or undefined. */
export function map(parent: JsonMap, field: string): JsonMap | undefined {
  const v = parent[field];
  return isMap(v) ? v : undefined;
}
