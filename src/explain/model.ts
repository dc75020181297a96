/**
 * The timeline model `explain` computes from a manifest. It is plain JSON (no class, no
 * undefined values) so `--format json` prints it as is and the text and SVG renderers only draw
 * it. The shape is documented in docs/explain/README.md and versioned by `EXPLAIN_SCHEMA_VERSION`.
 *
 * Two clocks, in seconds:
 * - startup: t = 0 when the kubelet starts the first app container, i.e. after every init
 *   container has completed (image pulls are not counted). Init containers sit before 0, each
 *   drawn with a nominal width and marked `unknown`, because a manifest does not say how long
 *   they run.
 * - termination: t = 0 when the pod is marked Terminating (deletion, eviction, scale-down).
 */

/** Bumped on any change that is not a pure addition. */
export const EXPLAIN_SCHEMA_VERSION = 1;

/** A moment on a panel's clock. */
export interface TimePoint {
  readonly seconds: number;
  /**
   * True when a duration the manifest does not tell (a postStart script, a preStop command)
   * was counted as 0 on the way: the real moment is this or later.
   */
  readonly lowerBound: boolean;
}

export type BarKind =
  | 'init' | 'sidecar' | 'waiting' | 'post-start' | 'running' | 'ready' | 'startup-window'
  | 'grace-period' | 'endpoint-propagation' | 'pre-stop' | 'shutdown' | 'cut'
  | 'nacos-push' | 'nacos-consumer-cache';

/** A phase: something that lasts. */
export interface Bar {
  readonly kind: BarKind;
  readonly label: string;
  readonly from: number;
  readonly to: number;
  /** The length is not known from the manifest; `to - from` is a nominal width for drawing. */
  readonly unknown: boolean;
  /** 0 = the lane's main row; 1 = a thinner row under it (the startup probe window). */
  readonly track: 0 | 1;
}

export type MarkKind =
  | 'start' | 'running' | 'first-check' | 'ready' | 'probe-kill' | 'pod-ready'
  | 'terminating' | 'endpoints-gone' | 'stops-accepting' | 'sigterm' | 'exit' | 'sigkill'
  | 'grace-end' | 'nacos-disable' | 'nacos-last-call' | 'nacos-removed';

/** An event: something that happens at one moment. */
export interface Mark {
  readonly kind: MarkKind;
  readonly label: string;
  readonly at: TimePoint;
  /**
   * Where the renderers draw it: `at.seconds`, except after an unknown duration, which the
   * picture shows with its nominal width while `at` counts it as 0.
   */
  readonly drawAt: number;
}

export type LaneKind = 'init' | 'container' | 'pod' | 'endpoints' | 'nacos';

/** One row of the picture. */
export interface Lane {
  /** Unique in its panel: `init:<name>`, `container:<name>`, `pod`, `endpoints`, `nacos`. */
  readonly id: string;
  readonly kind: LaneKind;
  readonly label: string;
  /** Container name for container and init lanes, else null. */
  readonly container: string | null;
  /** Field path of the container from the object root, else null. */
  readonly path: string | null;
  readonly bars: readonly Bar[];
  readonly marks: readonly Mark[];
}

export interface Panel {
  readonly id: 'startup' | 'termination';
  readonly title: string;
  /** What t = 0 means on this clock. */
  readonly origin: string;
  /** First second of the axis: negative when init containers run before 0. */
  readonly start: number;
  /** Last second worth drawing. */
  readonly end: number;
  readonly lanes: readonly Lane[];
}

export type VerdictRule =
  | 'traffic-after-stop' | 'pre-stop-cut-off' | 'sigkill-before-shutdown'
  | 'liveness-kills-slow-start' | 'nacos-consumers-after-stop';

/** A problem on the timeline and the one field change that removes it. */
export interface Verdict {
  /** 1-based, in the order the renderers number them. */
  readonly number: number;
  readonly rule: VerdictRule;
  /** `error` when the timeline proves it; `warning` when it rests on an assumption (e.g. a Service may select the pod). */
  readonly severity: 'error' | 'warning';
  readonly panel: 'startup' | 'termination';
  /** Lane the problem sits on. */
  readonly lane: string;
  readonly container: string | null;
  /** The band to highlight, in the panel's seconds. */
  readonly from: number;
  readonly to: number;
  readonly message: string;
  /** Full field path from the object root, e.g. `spec.template.spec.terminationGracePeriodSeconds`. */
  readonly field: string;
  /** The value to set at `field` (JSON). */
  readonly value: unknown;
  /** The same fix in words, with anything else it needs. */
  readonly fix: string;
}

export interface StartupContainerSummary {
  readonly name: string;
  readonly startsAt: TimePoint;
  /** postStart duration, or null when unknown or absent (see `postStart`). */
  readonly postStartSeconds: number | null;
  readonly postStart: 'none' | 'known' | 'unknown';
  /** Leaves Waiting/ContainerCreating: postStart returned. */
  readonly runningAt: TimePoint;
  /** Startup probe passes at the earliest (null without one). */
  readonly startedAt: TimePoint;
  readonly readyAt: TimePoint;
  /** When a container that never becomes healthy is killed, and by which probe; null without liveness/startup. */
  readonly killedIfNeverHealthyAt: TimePoint | null;
  readonly killedBy: 'startupProbe' | 'livenessProbe' | null;
}

export interface StartupSummary {
  readonly initContainers: readonly string[];
  readonly containers: readonly StartupContainerSummary[];
  /** All app containers Ready at the earliest; null for a pod without app containers. */
  readonly podReadyAt: TimePoint | null;
}

export interface TerminationContainerSummary {
  readonly name: string;
  readonly preStop: 'none' | 'known' | 'unknown';
  /** The preStop's own duration when known (it may exceed the grace period). */
  readonly preStopSeconds: number | null;
  /** Until when the app surely keeps accepting requests. */
  readonly acceptsUntil: TimePoint;
  readonly sigtermAt: TimePoint;
  /** App's shutdown time after SIGTERM (shutdown-seconds annotation), or null when unknown. */
  readonly shutdownSeconds: number | null;
  /** Where the app's shutdown ends (it may lie after SIGKILL); null when its shutdown time is unknown. */
  readonly shutdownEndsAt: TimePoint | null;
  readonly sigkillAt: TimePoint;
  /** Serving container (declares ports) whose pod a Service selects: true, false, or null when not known. */
  readonly serviceBacked: boolean | null;
}

export interface NacosSummary {
  readonly container: string;
  readonly serverVersion: string;
  /** The preStop disables the instance; null when nothing disables it (no preStop). */
  readonly disabledAt: number | null;
  /** Consumers have seen the change and their load-balancer caches have expired. */
  readonly lastConsumerCallAt: TimePoint;
  readonly drainSeconds: number | null;
  readonly deregisterWaitSeconds: number | null;
  readonly consumerCacheSeconds: number;
}

export interface TerminationSummary {
  readonly gracePeriodSeconds: number;
  readonly gracePeriodSource: 'spec' | 'default';
  readonly containers: readonly TerminationContainerSummary[];
  readonly nacos: NacosSummary | null;
}

/** The numbers `explain` rests on; each one can be changed through ExplainOptions. */
export interface Assumptions {
  readonly endpointPropagationSeconds: number;
  readonly kubeletMinSecondsAfterPreStop: number;
  readonly nacosPushSeconds: number;
  readonly nominalUnknownSeconds: number;
}

export interface WorkloadIdentity {
  readonly apiVersion: string | null;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | null;
  /** Where the pod spec sits, e.g. `spec.template.spec`. */
  readonly podSpecPath: string;
}

/** Everything `explain` knows about one workload. */
export interface Explanation {
  readonly workload: WorkloadIdentity;
  readonly assumptions: Assumptions;
  readonly startup: StartupSummary;
  readonly termination: TerminationSummary;
  readonly panels: readonly [Panel, Panel];
  readonly verdicts: readonly Verdict[];
  /** What the manifest does not tell and how it was read. */
  readonly notes: readonly string[];
}
