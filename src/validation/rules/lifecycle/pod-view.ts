/**
 * What the lifecycle rules read from one object, computed once per object and shared by every
 * rule (the registry runs ~17 lifecycle rules over each object; a 10,000-object lint must stay fast).
 */
import { declaredSeconds, preStopSeconds, type KnownDuration } from '../../../analysis/hook-duration';
import { SHUTDOWN_SECONDS_ANNOTATION } from '../../../analysis/annotations';
import { DEFAULT_GRACE_PERIOD_SECONDS } from '../../../timing/termination-budget';
import { child } from '../../field-path';
import { isMap, map, podTemplateOf, type ContainerAt, type JsonMap, type PodSpecAt } from '../../pod-template';
import { memoizePerObject } from '../../per-object';
import type { KubeObject } from '../../rule';
import { actionOf, type ActionAt } from './handlers';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';
export const PROBE_FIELDS: Readonly<Record<ProbeKind, string>> = {
  liveness: 'livenessProbe',
  readiness: 'readinessProbe',
  startup: 'startupProbe',
};

export type HookKind = 'postStart' | 'preStop';
const PROBE_KINDS: readonly ProbeKind[] = ['liveness', 'readiness', 'startup'];
const HOOK_KINDS: readonly HookKind[] = ['postStart', 'preStop'];
const PROBE_WHAT: Readonly<Record<ProbeKind, string>> = { liveness: 'liveness probe', readiness: 'readiness probe', startup: 'startup probe' };
const HOOK_WHAT: Readonly<Record<HookKind, string>> = { postStart: 'postStart hook', preStop: 'preStop hook' };

export interface ProbeAt {
  readonly kind: ProbeKind;
  readonly probe: JsonMap;
  /** e.g. `spec.template.spec.containers[0].livenessProbe` */
  readonly path: string;
}

/** A probe or a hook, with its action, for rules that look at both alike. */
export interface HandlerAt {
  /** `liveness probe`, `preStop hook`, for messages. */
  readonly what: string;
  readonly isProbe: boolean;
  readonly handler: JsonMap;
  readonly path: string;
  /** The handler's action (exec, httpGet, ...), when it has one. */
  readonly action: ActionAt | undefined;
}

export interface HookAt {
  readonly kind: HookKind;
  readonly handler: JsonMap;
  /** e.g. `spec.template.spec.containers[0].lifecycle.preStop` */
  readonly path: string;
}

/** A declared container port. */
export interface PortAt {
  readonly name: string | undefined;
  readonly number: number | undefined;
}

export interface ContainerView {
  readonly at: ContainerAt;
  /** An app container, or an init container with `restartPolicy: Always` (a sidecar): it runs alongside the app. */
  readonly running: boolean;
  readonly ports: readonly PortAt[];
  readonly probes: Partial<Record<ProbeKind, ProbeAt>>;
  readonly hooks: Partial<Record<HookKind, HookAt>>;
  /** The probes, then the hooks. */
  readonly handlers: readonly HandlerAt[];
  /** Known preStop duration (annotation, else sleeps); undefined when there is no preStop or it is unknown. */
  readonly preStop: KnownDuration | undefined;
  /** Seconds the app needs after SIGTERM, from the shutdown-seconds annotation. */
  readonly shutdownSeconds: number | undefined;
}

/** The pod's grace period as the kubelet will use it. */
export interface GracePeriod {
  readonly seconds: number;
  /** false: unset, so Kubernetes' default of 30 s applies. */
  readonly explicit: boolean;
  /** e.g. `spec.template.spec.terminationGracePeriodSeconds` */
  readonly path: string;
}

export interface PodView {
  readonly kind: string;
  readonly pod: PodSpecAt;
  readonly containers: readonly ContainerView[];
  /** undefined when the field holds something the API server rejects (negative, not a number). */
  readonly grace: GracePeriod | undefined;
  readonly hostNetwork: boolean;
}

const viewOf = memoizePerObject(build);

/** The lifecycle view of a Pod or workload, or undefined when it has no (well-formed) pod spec. */
export function podViewOf(object: KubeObject): PodView | undefined {
  return isMap(object) ? viewOf(object) : undefined;
}

function build(object: KubeObject): PodView | undefined {
  const template = podTemplateOf(object);
  if (!template) return undefined;
  const pod = template.pod;
  const annotations = pod.metadata.annotations;
  const shutdown = declaredSeconds(annotations, SHUTDOWN_SECONDS_ANNOTATION);
  const containers = template.containers.map(at => containerView(at, annotations, shutdown));
  return {
    kind: object.kind as string,
    pod,
    containers,
    grace: gracePeriodOf(pod),
    hostNetwork: pod.spec.hostNetwork === true,
  };
}

function gracePeriodOf(pod: PodSpecAt): GracePeriod | undefined {
  const path = child(pod.path, 'terminationGracePeriodSeconds');
  const raw = pod.spec.terminationGracePeriodSeconds;
  if (raw === undefined || raw === null) return { seconds: DEFAULT_GRACE_PERIOD_SECONDS, explicit: false, path };
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0) return undefined;
  return { seconds: raw, explicit: true, path };
}

function containerView(at: ContainerAt, annotations: unknown, shutdown: Readonly<Record<string, number>>): ContainerView {
  const c = at.container;
  const running = at.list === 'containers' || (at.list === 'initContainers' && c.restartPolicy === 'Always');
  const ports: PortAt[] = [];
  if (Array.isArray(c.ports)) {
    for (const p of c.ports) {
      if (!isMap(p)) continue;
      ports.push({
        name: typeof p.name === 'string' && p.name !== '' ? p.name : undefined,
        number: typeof p.containerPort === 'number' ? p.containerPort : undefined,
      });
    }
  }
  const probes: Partial<Record<ProbeKind, ProbeAt>> = {};
  const handlers: HandlerAt[] = [];
  for (const kind of PROBE_KINDS) {
    const probe = map(c, PROBE_FIELDS[kind]);
    if (!probe) continue;
    const path = child(at.path, PROBE_FIELDS[kind]);
    probes[kind] = { kind, probe, path };
    handlers.push({ what: PROBE_WHAT[kind], isProbe: true, handler: probe, path, action: actionOf(probe, path) });
  }
  const hooks: Partial<Record<HookKind, HookAt>> = {};
  const lifecycle = map(c, 'lifecycle');
  if (lifecycle) {
    for (const kind of HOOK_KINDS) {
      const handler = map(lifecycle, kind);
      if (!handler) continue;
      const path = child(child(at.path, 'lifecycle'), kind);
      hooks[kind] = { kind, handler, path };
      handlers.push({ what: HOOK_WHAT[kind], isProbe: false, handler, path, action: actionOf(handler, path) });
    }
  }
  return {
    at,
    running,
    ports,
    probes,
    hooks,
    handlers,
    preStop: hooks.preStop ? preStopSeconds(at.name, hooks.preStop.handler, annotations) : undefined,
    shutdownSeconds: at.name === undefined ? undefined : shutdown[at.name],
  };
}

/** `container "app"` or `containers[1]` when it has no name, for messages. */
export function containerLabel(c: ContainerView): string {
  return c.at.name !== undefined ? `container ${JSON.stringify(c.at.name)}` : `${c.at.list}[${c.at.index}]`;
}

/** Whole seconds for messages: `45 s`, `0.5 s`. */
export function secs(n: number): string {
  return `${Number.isInteger(n) ? n : Number(n.toFixed(3))} s`;
}

/** The pod's grace period for messages: `30 s (terminationGracePeriodSeconds unset: the default)`. */
export function graceLabel(g: GracePeriod): string {
  return g.explicit ? `${secs(g.seconds)} (terminationGracePeriodSeconds)` : `${secs(g.seconds)} (terminationGracePeriodSeconds unset: Kubernetes' default)`;
}
