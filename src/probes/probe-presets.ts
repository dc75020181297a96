import { Duration } from 'cdk8s';
import { ProblemList } from '../errors';
import type { KubeProbe } from '../kube-types';
import { checkPositiveInt, durationSeconds } from '../prop-checks';
import { failureWindowSeconds, startupFailureThreshold } from '../timing/probe-timing';
import { ProbeCheck } from './probe-check';

/** Timing shared by readiness and liveness. */
export interface ProbeTimingOptions {
  /**
   * How often to check.
   * @default - 5 s for readiness, 10 s for liveness
   */
  readonly period?: Duration;
  /**
   * Consecutive failures before the kubelet acts.
   * @default - 2 for readiness, 3 for liveness
   */
  readonly failureThreshold?: number;
  /**
   * How long one check may take.
   * @default Duration.seconds(1) for readiness, Duration.seconds(2) for liveness
   */
  readonly timeout?: Duration;
  /**
   * What to check, when it differs from the preset's check.
   * @default - the preset's check
   */
  readonly check?: ProbeCheck;
}

/** Readiness: a failing pod is taken out of Service endpoints, not restarted. */
export interface ReadinessOptions extends ProbeTimingOptions {
  /**
   * Consecutive successes before a pod that failed is routed to again.
   * @default 1
   */
  readonly successThreshold?: number;
}

/** Liveness: a failing container is killed and restarted. */
export interface LivenessOptions extends ProbeTimingOptions {
  /**
   * Grace period when liveness kills the container, instead of the pod's.
   * @default - the pod's terminationGracePeriodSeconds
   */
  readonly terminationGracePeriod?: Duration;
}

/**
 * Startup: holds readiness and liveness back until the app has started once. This is the tool
 * for slow starters; a long `initialDelaySeconds` delays every restart as well.
 */
export interface StartupOptions {
  /**
   * The longest the app may take to start. The probe's failureThreshold is sized from it.
   * @default Duration.seconds(60)
   */
  readonly maxStartupTime?: Duration;
  /**
   * How often to check while starting: small, so a fast start is noticed quickly.
   * @default Duration.seconds(2)
   */
  readonly period?: Duration;
  /** @default Duration.seconds(1) */
  readonly timeout?: Duration;
  /** @default - the preset's check */
  readonly check?: ProbeCheck;
}

/** Options for a full probe set. */
export interface ProbeSetOptions {
  /** The check all three probes use unless one overrides it. */
  readonly check: ProbeCheck;
  /** @default - see ReadinessOptions */
  readonly readiness?: ReadinessOptions;
  /** @default - see LivenessOptions */
  readonly liveness?: LivenessOptions;
  /**
   * `false` for an app that is ready within the liveness failure window.
   * @default - see StartupOptions
   */
  readonly startup?: StartupOptions | false;
}

/** Kubernetes probes for one container. */
export interface ProbeSet {
  readonly readiness: KubeProbe;
  readonly liveness: KubeProbe;
  readonly startup?: KubeProbe;
}

/**
 * Builds readiness, liveness and startup probes that follow the timing rules users otherwise
 * get wrong:
 * - readiness reacts faster than liveness (a smaller `periodSeconds × failureThreshold`), so a
 *   struggling pod leaves the load balancer before it is restarted (seeds/003);
 * - liveness and startup `successThreshold` is 1 (the API server rejects anything else);
 * - the startup probe is sized from the expected maximum startup time instead of a long
 *   `initialDelaySeconds`.
 *
 * Problems are added to `problems` under `propPrefix` (e.g. `readiness.period`).
 */
export function buildProbeSet(options: ProbeSetOptions, problems: ProblemList, propPrefix = ''): ProbeSet {
  const prop = (name: string) => `${propPrefix}${name}`;
  const r = options.readiness ?? {};
  const l = options.liveness ?? {};

  const readiness = probeOf(r.check ?? options.check, {
    periodSeconds: durationSeconds(problems, prop('readiness.period'), r.period, 5),
    timeoutSeconds: durationSeconds(problems, prop('readiness.timeout'), r.timeout, 1),
    failureThreshold: r.failureThreshold ?? 2,
    successThreshold: r.successThreshold ?? 1,
  });
  checkPositiveInt(problems, prop('readiness.failureThreshold'), readiness.failureThreshold);
  checkPositiveInt(problems, prop('readiness.successThreshold'), readiness.successThreshold);

  const livenessGrace = l.terminationGracePeriod === undefined
    ? undefined
    : durationSeconds(problems, prop('liveness.terminationGracePeriod'), l.terminationGracePeriod, 1);
  const livenessTiming: Mutable<KubeProbe> = {
    periodSeconds: durationSeconds(problems, prop('liveness.period'), l.period, 10),
    timeoutSeconds: durationSeconds(problems, prop('liveness.timeout'), l.timeout, 2),
    failureThreshold: l.failureThreshold ?? 3,
    successThreshold: 1,
  };
  if (livenessGrace !== undefined) livenessTiming.terminationGracePeriodSeconds = livenessGrace;
  const liveness = probeOf(l.check ?? options.check, livenessTiming);
  checkPositiveInt(problems, prop('liveness.failureThreshold'), liveness.failureThreshold);
  if (livenessGrace !== undefined && livenessGrace < 1) {
    problems.add(prop('liveness.terminationGracePeriod'), `${livenessGrace} s is not allowed`, 'use at least 1 second, or leave it unset to use the pod\'s grace period');
  }

  for (const [name, probe] of [['readiness', readiness], ['liveness', liveness]] as const) {
    if ((probe.periodSeconds ?? 0) < 1) {
      problems.add(prop(`${name}.period`), `${probe.periodSeconds} s is too short`, 'use at least Duration.seconds(1)');
    }
    if ((probe.timeoutSeconds ?? 0) < 1) {
      problems.add(prop(`${name}.timeout`), `${probe.timeoutSeconds} s is too short`, 'use at least Duration.seconds(1)');
    } else if ((probe.timeoutSeconds ?? 0) > (probe.periodSeconds ?? 0)) {
      problems.add(prop(`${name}.timeout`), `${probe.timeoutSeconds} s is longer than the period (${probe.periodSeconds} s): checks would overlap`, `use a timeout of at most ${probe.periodSeconds} s`);
    }
  }

  const readinessWindow = failureWindowSeconds(readiness);
  const livenessWindow = failureWindowSeconds(liveness);
  if (readinessWindow >= livenessWindow) {
    problems.add(prop('readiness'),
      `readiness reacts in ${readinessWindow} s (period × failureThreshold), no faster than liveness (${livenessWindow} s): a struggling pod is restarted while still receiving traffic`,
      'make readiness.period × readiness.failureThreshold smaller than liveness.period × liveness.failureThreshold');
  }

  if (options.startup === false) {
    return { readiness, liveness };
  }
  const s = options.startup ?? {};
  const startupPeriod = durationSeconds(problems, prop('startup.period'), s.period, 2);
  const maxStartup = durationSeconds(problems, prop('startup.maxStartupTime'), s.maxStartupTime, 60);
  if (startupPeriod < 1) {
    problems.add(prop('startup.period'), `${startupPeriod} s is too short`, 'use at least Duration.seconds(1)');
  }
  if (maxStartup < 1) {
    problems.add(prop('startup.maxStartupTime'), `${maxStartup} s is too short`, 'use the longest time the app takes to start, at least 1 second');
  }
  const startup = probeOf(s.check ?? options.check, {
    periodSeconds: startupPeriod,
    timeoutSeconds: durationSeconds(problems, prop('startup.timeout'), s.timeout, 1),
    failureThreshold: startupFailureThreshold(maxStartup, Math.max(1, startupPeriod)),
    successThreshold: 1,
  });
  return { readiness, liveness, startup };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The check's action field, then the timing fields. Object.assign rather than
 * `{ ...action, periodSeconds, ... }`: Node 20's V8 defines every property written after a spread
 * through a slow runtime path (about 2 µs a probe, most of this builder's time).
 */
function probeOf(check: ProbeCheck, timing: KubeProbe): KubeProbe {
  return Object.assign({}, check.action, timing);
}

/**
 * Presets for the common case: the same check for all three probes.
 */
export class ProbePresets {
  /** HTTP GET probes on one path (e.g. `/healthz`). */
  public static http(path: string, port: number | string, options: Omit<ProbeSetOptions, 'check'> = {}): ProbeSetOptions {
    return { ...options, check: ProbeCheck.httpGet(path, { port }) };
  }

  /** Command probes, e.g. `['pg_isready']`. */
  public static exec(command: string[], options: Omit<ProbeSetOptions, 'check'> = {}): ProbeSetOptions {
    return { ...options, check: ProbeCheck.exec(command) };
  }

  /** TCP probes: only proves the port accepts connections. */
  public static tcp(port: number | string, options: Omit<ProbeSetOptions, 'check'> = {}): ProbeSetOptions {
    return { ...options, check: ProbeCheck.tcpSocket(port) };
  }

  /** gRPC health-checking probes. */
  public static grpc(port: number, service?: string, options: Omit<ProbeSetOptions, 'check'> = {}): ProbeSetOptions {
    return { ...options, check: ProbeCheck.grpc(port, service) };
  }
}
