/**
 * Probe timing arithmetic, after the API server's defaulting (lifecycle-facts.md, "Probes"):
 * 0 or unset means the default, so `periodSeconds: 0` is 10 s.
 */

export const PROBE_DEFAULTS = {
  timeoutSeconds: 1,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
  initialDelaySeconds: 0,
} as const;

/** The timing fields of a Kubernetes Probe. */
export interface ProbeTimingFields {
  readonly initialDelaySeconds?: number;
  readonly periodSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly successThreshold?: number;
  readonly failureThreshold?: number;
}

/** The fields with the API server's defaults applied. */
export function defaultedTiming(probe: ProbeTimingFields): Required<ProbeTimingFields> {
  const pick = (v: number | undefined, d: number) => (v === undefined || v === 0 ? d : v);
  return {
    initialDelaySeconds: probe.initialDelaySeconds ?? 0,
    periodSeconds: pick(probe.periodSeconds, PROBE_DEFAULTS.periodSeconds),
    timeoutSeconds: pick(probe.timeoutSeconds, PROBE_DEFAULTS.timeoutSeconds),
    successThreshold: pick(probe.successThreshold, PROBE_DEFAULTS.successThreshold),
    failureThreshold: pick(probe.failureThreshold, PROBE_DEFAULTS.failureThreshold),
  };
}

/**
 * How long a probe must keep failing before the kubelet acts (marks unready, restarts):
 * `periodSeconds × failureThreshold`. This is what "reacts faster" compares.
 */
export function failureWindowSeconds(probe: ProbeTimingFields): number {
  const t = defaultedTiming(probe);
  return t.periodSeconds * t.failureThreshold;
}

/**
 * The longest a container may take to start before the probe gives up on it:
 * `initialDelaySeconds + periodSeconds × failureThreshold`.
 */
export function startupAllowanceSeconds(probe: ProbeTimingFields): number {
  const t = defaultedTiming(probe);
  return t.initialDelaySeconds + t.periodSeconds * t.failureThreshold;
}

/** The failureThreshold that lets a startup probe with this period wait `maxStartupSeconds`. */
export function startupFailureThreshold(maxStartupSeconds: number, periodSeconds: number): number {
  return Math.max(1, Math.ceil(maxStartupSeconds / periodSeconds));
}

/** Earliest time after container start at which the probe can first succeed. */
export function firstCheckSeconds(probe: ProbeTimingFields): number {
  return defaultedTiming(probe).initialDelaySeconds;
}
