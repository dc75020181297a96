/**
 * `explain`: a workload's startup and termination as a timeline, computed from its manifest alone
 * (plus, when given, the objects around it: a Service that selects its pods).
 */
import { isMap, kindOf, podSpecOf, type PodSpecAt } from '../validation/pod-template';
import type { KubeObject } from '../validation/rule';
import { DEFAULT_ASSUMPTIONS } from './assumptions';
import type { Assumptions, Explanation, Panel } from './model';
import { readNacosAnnotation } from './nacos';
import { serviceRouting } from './services';
import { startupTimeline } from './startup';
import { terminationTimeline } from './termination';
import { containerNames } from './names';
import { findVerdicts } from './verdicts';

/** The kinds `explain` draws: every built-in kind that runs pods. */
export const EXPLAINED_KINDS: readonly string[] = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'];

export interface ExplainOptions {
  /**
   * The objects deployed with the workload, to tell whether a Service selects its pods.
   * @default - unknown: a serving container is assumed to be behind a Service, and verdicts that
   * rest on it are warnings
   */
  readonly objects?: readonly KubeObject[];
  /**
   * How long endpoint removal takes to reach kube-proxy, ingress controllers and clients.
   * @default 5 (ENDPOINT_PROPAGATION_SECONDS)
   */
  readonly endpointPropagationSeconds?: number;
  /** @default 0.5 (NACOS_PUSH_SECONDS) */
  readonly nacosPushSeconds?: number;
}

/** Input that is not a workload `explain` can draw. */
export class ExplainInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExplainInputError';
  }
}

export function isExplainable(object: unknown): object is KubeObject {
  return isMap(object) && EXPLAINED_KINDS.includes(kindOf(object as KubeObject) ?? '') && podSpecOf(object as KubeObject) !== undefined;
}

function assumptionsOf(options: ExplainOptions): Assumptions {
  // The lint rules analyze every workload with the defaults.
  if (options.endpointPropagationSeconds === undefined && options.nacosPushSeconds === undefined) return DEFAULT_ASSUMPTIONS;
  const check = (name: string, v: number | undefined, fallback: number) => {
    if (v === undefined) return fallback;
    if (!Number.isFinite(v) || v < 0) throw new ExplainInputError(`${name} must be a number ≥ 0, got ${v}`);
    return v;
  };
  return {
    ...DEFAULT_ASSUMPTIONS,
    endpointPropagationSeconds: check('endpointPropagationSeconds', options.endpointPropagationSeconds, DEFAULT_ASSUMPTIONS.endpointPropagationSeconds),
    nacosPushSeconds: check('nacosPushSeconds', options.nacosPushSeconds, DEFAULT_ASSUMPTIONS.nacosPushSeconds),
  };
}

/** The timeline of one workload manifest (a parsed Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob). */
export function explainWorkload(manifest: unknown, options: ExplainOptions = {}): Explanation {
  if (!isMap(manifest)) throw new ExplainInputError('expected a Kubernetes object (a JSON/YAML map)');
  const object = manifest as KubeObject;
  const kind = kindOf(object);
  if (!EXPLAINED_KINDS.includes(kind ?? '')) {
    throw new ExplainInputError(`kind ${JSON.stringify(kind ?? null)} has no pod to explain; expected one of ${EXPLAINED_KINDS.join(', ')}`);
  }
  const pod = podSpecOf(object);
  if (!pod) throw new ExplainInputError(`${kind} has no pod spec where Kubernetes expects it`);
  return explainPod(object, pod, options, true);
}

/**
 * The numbers and verdicts of any object with a pod spec, without the picture (its panels have no
 * lanes) and without the notes: what the lint rules read, so that `lint` and `explain` judge
 * alike. Undefined for an object without a pod spec.
 */
export function analyzeWorkload(object: KubeObject, options: ExplainOptions = {}): Explanation | undefined {
  const pod = isMap(object) ? podSpecOf(object) : undefined;
  return pod ? explainPod(object, pod, options, false) : undefined;
}

function explainPod(object: KubeObject, pod: PodSpecAt, options: ExplainOptions, draw: boolean): Explanation {
  const kind = kindOf(object) ?? '(unknown)';
  const a = assumptionsOf(options);
  const metadata = isMap(object.metadata) ? object.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '(unnamed)';
  const notes: string[] = [];

  const apps = (Array.isArray(pod.spec.containers) ? pod.spec.containers : [])
    .map(c => (isMap(c) && typeof c.name === 'string' ? c.name : undefined)).filter((n): n is string => n !== undefined);
  const nacosRead = readNacosAnnotation(pod.metadata.annotations, apps);
  if (typeof nacosRead === 'string') notes.push(nacosRead);
  const nacos = typeof nacosRead === 'string' ? undefined : nacosRead;

  const routing = serviceRouting(object, options.objects);
  // Both panels name the containers alike.
  const names = containerNames(pod);
  const startup = startupTimeline(pod, a, routing, draw, names);
  const termination = terminationTimeline(pod, a, routing, nacos, draw, names);
  if (kind === 'Job' || kind === 'CronJob') {
    notes.push('A Job\'s pod that completes on its own never runs preStop; the termination panel shows a deletion while it runs.');
  }
  if (termination.facts.some(f => f.serving && f.summary.serviceBacked === null)) {
    notes.push('No Service came with this workload: serving containers (those declaring ports) are assumed to be behind one.');
  }

  const panels: [Panel, Panel] = [
    {
      id: 'startup', title: 'Startup',
      origin: 't = 0: the first app container starts (after init containers and image pulls); times are the earliest possible',
      start: startup.start, end: startup.end, lanes: startup.lanes,
    },
    {
      id: 'termination', title: 'Termination',
      origin: 't = 0: the pod is marked Terminating (delete, scale-down, rollout, eviction)',
      start: 0, end: termination.end, lanes: termination.lanes,
    },
  ];
  return {
    workload: {
      apiVersion: typeof object.apiVersion === 'string' ? object.apiVersion : null,
      kind, name,
      namespace: typeof metadata.namespace === 'string' ? metadata.namespace : null,
      podSpecPath: pod.path,
    },
    assumptions: a,
    startup: startup.summary,
    termination: termination.summary,
    panels,
    verdicts: findVerdicts(startup.facts, termination, a),
    notes: [...startup.notes, ...termination.notes, ...notes],
  };
}

/** Every workload among `objects`, each seeing the others (for Services); other kinds are skipped. */
export function explainObjects(objects: readonly unknown[], options: ExplainOptions = {}): Explanation[] {
  const all = objects.filter(isMap) as KubeObject[];
  return all.filter(isExplainable).map(o => explainWorkload(o, { ...options, objects: options.objects ?? all }));
}
