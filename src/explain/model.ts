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

/**
 * Bumped on any change that is not a pure addition. 2: startup deadlines are `probe-deadline`
 * marks on the probe's own row (no longer `probe-kill`), a container whose postStart always fails
 * has no Running or Ready time, SIGTERM and SIGKILL say whether they reach a running container.
 */
export const EXPLAIN_SCHEMA_VERSION = 2;

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
  | 'init' | 'sidecar' | 'waiting' | 'post-start' | 'running' | 'ready' | 'startup-window' | 'liveness-window'
  | 'crash-loop' | 'grace-period' | 'endpoint-propagation' | 'pre-stop' | 'shutdown' | 'cut'
  | 'nacos-push' | 'nacos-consumer-cache';

/** A phase: something that lasts. */
export interface Bar {
  readonly kind: BarKind;
  readonly label: string;
  readonly from: number;
  readonly to: number;
  /** The length is not known from the manifest; `to - from` is a nominal width for drawing. */
  readonly unknown: boolean;
  /**
   * 0 = the lane's main row (the container's state); 1 = a thinner row under it (a probe's
   * window, the part of a hook that runs on after the app was told to stop, a cut-off part).
   */
  readonly track: 0 | 1;
}

export type MarkKind =
  | 'start' | 'running' | 'first-check' | 'ready' | 'probe-deadline' | 'post-start-fails' | 'pod-ready' | 'pod-never-ready'
  | 'terminating' | 'endpoints-gone' | 'stops-accepting' | 'connections-closed' | 'sigterm' | 'exit' | 'sigkill'
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
  /**
   * The row it sits on, as for bars: a probe's deadline sits on the probe's row, not on the
   * container's state, so it never reads as something that happens to a Ready container.
   */
  readonly track: 0 | 1;
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
  | 'post-start-fails' | 'liveness-kills-slow-start' | 'nacos-consumers-after-stop';

/**
 * Every verdict kind with the `lint` rules that report the same problem with the same judgement
 * and severity (both read the verdicts of analysis.ts). A new kind does not compile without an
 * entry here, and a test fails until its rules are in the registry and fire where it does.
 */
export const VERDICT_LINT_RULES: Readonly<Record<VerdictRule, readonly string[]>> = {
  'traffic-after-stop': ['lifecycle/traffic-after-stop'],
  'pre-stop-cut-off': ['lifecycle/prestop-exceeds-grace-period', 'lifecycle/prestop-with-zero-grace-period'],
  'sigkill-before-shutdown': ['lifecycle/shutdown-exceeds-grace-period'],
  'post-start-fails': ['lifecycle/poststart-always-fails'],
  'liveness-kills-slow-start': ['lifecycle/liveness-kills-slow-start'],
  'nacos-consumers-after-stop': ['lifecycle/nacos-consumers-after-stop'],
};

/** A problem on the timeline and the one field change that removes it. */
export interface Verdict {
  /** 1-based, in the order the renderers number them. */
  readonly number: number;
  readonly rule: VerdictRule;
  /** The `cdk8s-lifecycle lint` rule that reports the same problem (docs/rules.md). */
  readonly lintRule: string;
  /**
   * `error` when the timeline proves it; `warning` when it rests on an assumption (a Service may
   * select the pod, an unknown postStart) or on an upper bound (a declared shutdown time), or
   * when only a deliberate demonstration would write it. The lint rule reports the same severity.
   */
  readonly severity: 'error' | 'warning';
  readonly panel: 'startup' | 'termination';
  /** Lane the problem sits on. */
  readonly lane: string;
  readonly container: string | null;
  /** The band to highlight, in the panel's seconds. */
  readonly from: number;
  readonly to: number;
  readonly message: string;
  /** Field path of what is wrong, from the object root: where `lint` reports it. */
  readonly path: string;
  /** Full field path from the object root, e.g. `spec.template.spec.terminationGracePeriodSeconds`. */
  readonly field: string;
  /** The value to set at `field` (JSON); null: remove the field. */
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
  /**
   * The postStart fails on every path (its script ends in `exit 1`): at this moment, on every
   * start, the kubelet kills the container (FailedPostStartHook, PostStartHookError) and
   * restarts it with back-off, so it is never Running or Ready. Null when it can succeed.
   */
  readonly failsAt: TimePoint | null;
  /** Leaves Waiting/ContainerCreating: postStart returned. Null when the postStart always fails. */
  readonly runningAt: TimePoint | null;
  /** Startup probe passes at the earliest (without one, when Running). Null when never Running. */
  readonly startedAt: TimePoint | null;
  /** Null when never Running. */
  readonly readyAt: TimePoint | null;
  /** When a container that never becomes healthy is killed, and by which probe; null without liveness/startup. */
  readonly killedIfNeverHealthyAt: TimePoint | null;
  readonly killedBy: 'startupProbe' | 'livenessProbe' | null;
}

export interface StartupSummary {
  readonly initContainers: readonly string[];
  readonly containers: readonly StartupContainerSummary[];
  /** All app containers Ready at the earliest; null for a pod without app containers or one never Ready. */
  readonly podReadyAt: TimePoint | null;
  /** App containers that never become Ready (their postStart always fails): the pod is never Ready. */
  readonly neverReady: readonly string[];
}

/**
 * Whether a signal reaches a running container: `sent`; `not-needed` when the app has already
 * exited (the kubelet signals only containers still running); `if-running` when the manifest
 * does not tell whether the app has exited by then.
 */
export type Delivery = 'sent' | 'not-needed' | 'if-running';

export interface TerminationContainerSummary {
  readonly name: string;
  /** An init container with `restartPolicy: Always`: stopped in the same grace period. */
  readonly sidecar: boolean;
  readonly preStop: 'none' | 'known' | 'unknown';
  /** The preStop's own duration when known (it may exceed the grace period). */
  readonly preStopSeconds: number | null;
  /** The preStop's command that stops the app (`nginx -s quit`, `kill 1`), null when it runs none. */
  readonly stopCommand: string | null;
  /** Until when the app surely keeps accepting requests. */
  readonly acceptsUntil: TimePoint;
  /** When the app starts to stop: the preStop's stop command, else SIGTERM. */
  readonly shutdownStartsAt: TimePoint;
  /** When the kubelet sends SIGTERM, if the container still runs: the preStop returned or the grace period ran out. */
  readonly sigtermAt: TimePoint;
  readonly sigterm: Delivery;
  /** App's shutdown time once told to stop (shutdown-seconds annotation), or null when unknown. */
  readonly shutdownSeconds: number | null;
  /** Where the app's shutdown ends (it may lie after SIGKILL); null when its shutdown time is unknown. */
  readonly shutdownEndsAt: TimePoint | null;
  /** When the runtime SIGKILLs the container if it still runs. */
  readonly sigkillAt: TimePoint;
  readonly sigkill: Delivery;
  /**
   * A serving container behind a Service whose app closes its keep-alive connections at this
   * moment (a graceful stop does): endpoint removal does not close established connections, so
   * a request a client sends on one as it closes fails. Null when not known to apply.
   */
  readonly closesConnectionsAt: TimePoint | null;
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
  /**
   * The grace period the kubelet uses: never under 1 s (pod_workers.go
   * calculateEffectiveGracePeriod: "we always supply a grace period of 1").
   */
  readonly effectiveGracePeriodSeconds: number;
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
