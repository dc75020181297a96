import type { Violation } from '../../finding';
import type { Rule } from '../../rule';
import { canonicalCheck, describeCheck, timingOf } from './handlers';
import { deployment, httpProbe } from './fixtures';
import { containerLabel, podViewOf, type ContainerView } from './pod-view';

/** Liveness and readiness with the same check and the same timing (initialDelaySeconds aside). */
export function sameProbe(c: ContainerView): boolean {
  const { readiness, liveness } = c.probes;
  if (!readiness || !liveness) return false;
  const r = timingOf(readiness.probe);
  const l = timingOf(liveness.probe);
  if (r.periodSeconds !== l.periodSeconds || r.timeoutSeconds !== l.timeoutSeconds || r.failureThreshold !== l.failureThreshold) return false;
  const a = canonicalCheck(readiness.probe, readiness.path, c);
  return a !== undefined && a === canonicalCheck(liveness.probe, liveness.path, c);
}

/** Liveness identical to readiness: whatever fails readiness restarts every pod at once. */
export const livenessSameAsReadiness: Rule = {
  id: 'lifecycle/liveness-same-as-readiness',
  category: 'lifecycle',
  severity: 'warning',
  summary: 'Liveness and readiness run the same check with the same timing.',
  docs: 'Readiness answers "can this pod take traffic now?", liveness "is this process beyond recovery?" '
    + '(https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-probes). With the same check '
    + 'and timing (after defaulting; initialDelaySeconds aside), every readiness failure is also a restart: a pod '
    + 'cannot be held out of traffic while it recovers, and when the check fails for a shared reason (a database or '
    + 'downstream service the health endpoint calls) every pod fails it at once and is restarted at once, turning a '
    + 'dependency\'s blip into a full outage. Kubernetes\' probes guide '
    + '(https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/) '
    + 'keeps liveness for a process that cannot make progress, such as a deadlock, and, where both probes share an '
    + 'endpoint, gives liveness the higher failureThreshold so that the pod is seen not-ready before it is killed. '
    + 'Warning.',
  fix: 'point liveness at a check of the process alone (e.g. /livez that touches no dependency) and make readiness react faster',
  fixtures: {
    good: [
      deployment('web', {
        containers: [{
          name: 'web', image: 'nginx:alpine', ports: [{ name: 'http', containerPort: 80 }],
          readinessProbe: httpProbe('/health', 'http', { periodSeconds: 5, failureThreshold: 2 }),
          livenessProbe: httpProbe('/health', 'http'),
        }],
      }),
    ],
    bad: [
      deployment('web', {
        containers: [{
          name: 'web', image: 'nginx:alpine', ports: [{ name: 'http', containerPort: 80 }],
          readinessProbe: httpProbe('/health', 'http', { initialDelaySeconds: 5 }),
          // Same check written differently: port by number, default path spelled out, default period.
          livenessProbe: { httpGet: { path: '/health', port: 80, scheme: 'HTTP' }, periodSeconds: 10, failureThreshold: 3, initialDelaySeconds: 15 },
        }],
      }),
    ],
  },
  check(object) {
    const view = podViewOf(object);
    if (!view) return [];
    const out: Violation[] = [];
    for (const c of view.containers) {
      if (!sameProbe(c)) continue;
      const l = c.probes.liveness!;
      const t = timingOf(l.probe);
      out.push({
        path: l.path,
        message: `livenessProbe of ${containerLabel(c)} is the same check as its readinessProbe (${describeCheck(l.probe, l.path)}, `
          + `every ${t.periodSeconds} s, ${t.failureThreshold} failures): whenever the pod is unready it is also restarted, and a `
          + 'failing dependency restarts every pod at once',
        fix: `make ${l.path} check only the process itself (e.g. a /livez that calls no dependency) and give `
          + `${c.probes.readiness!.path} a smaller periodSeconds × failureThreshold`,
      });
    }
    return out;
  },
};
