/**
 * Probe timing on the startup clock, after the API server's defaulting (probe-timing.ts).
 *
 * The kubelet's prober (pkg/kubelet/prober/worker.go) skips a probe while the container is not
 * Running (a postStart still runs), while less than `initialDelaySeconds` has passed since the
 * container's StartedAt (its entrypoint start, not the end of postStart), and, for readiness and
 * liveness, until the startup probe has passed. Hence a probe's first check is at
 * `max(running, started + initialDelaySeconds, startup passed)`.
 */
import { defaultedTiming, type ProbeTimingFields } from '../timing/probe-timing';
import { isMap, num, type JsonMap } from '../validation/pod-template';
import { later, plus } from './time';
import type { TimePoint } from './model';

export type ProbeField = 'startupProbe' | 'readinessProbe' | 'livenessProbe';

export interface ProbeReading {
  readonly field: ProbeField;
  readonly probe: JsonMap;
  readonly timing: Required<ProbeTimingFields>;
}

export function readProbe(container: JsonMap, field: ProbeField): ProbeReading | undefined {
  const probe = container[field];
  if (!isMap(probe)) return undefined;
  // The API server rejects negative numbers (the lint rules say so); read them as unset here.
  const timing = (name: keyof ProbeTimingFields) => {
    const v = num(probe, name);
    return v !== undefined && Number.isFinite(v) && v >= 0 ? v : undefined;
  };
  const fields: ProbeTimingFields = {
    initialDelaySeconds: timing('initialDelaySeconds'),
    periodSeconds: timing('periodSeconds'),
    timeoutSeconds: timing('timeoutSeconds'),
    successThreshold: timing('successThreshold'),
    failureThreshold: timing('failureThreshold'),
  };
  return { field, probe, timing: defaultedTiming(fields) };
}

/** First check: after Running, after initialDelaySeconds from the container's start, after `gate`. */
export function firstCheck(p: ProbeReading, startedAt: TimePoint, running: TimePoint, gate: TimePoint = running): TimePoint {
  return later(later(running, gate), plus(startedAt, p.timing.initialDelaySeconds));
}

/** Earliest pass: successThreshold checks in a row, the first one at `first`. */
export function earliestPass(p: ProbeReading, first: TimePoint): TimePoint {
  return plus(first, p.timing.periodSeconds * (p.timing.successThreshold - 1));
}

/**
 * When a probe that never passes makes the kubelet act: `periodSeconds × failureThreshold` after
 * the first check, the same allowance `startupAllowanceSeconds` uses (± one period of jitter:
 * the prober's ticker starts at a random offset).
 */
export function givesUpAt(p: ProbeReading, first: TimePoint): TimePoint {
  return plus(first, p.timing.periodSeconds * p.timing.failureThreshold);
}
