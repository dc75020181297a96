import { KUBELET_MIN_SECONDS_AFTER_PRESTOP } from '../../../timing/termination-budget';
import { child } from '../../field-path';
import type { Violation } from '../../finding';
import type { Rule } from '../../rule';
import { deployment, httpProbe } from './fixtures';
import { containerLabel, podViewOf, secs, type ProbeKind } from './pod-view';

const APP = {
  name: 'app',
  image: 'nginx:alpine',
  ports: [{ name: 'http', containerPort: 80 }],
  lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 15; nginx -s quit'] } } },
};

/**
 * A liveness or startup probe's own grace period, which replaces the pod's when that probe kills
 * the container, leaves no room for the preStop.
 */
export const probeGracePeriodBelowPreStop: Rule = {
  id: 'lifecycle/probe-grace-period-below-prestop',
  category: 'lifecycle',
  severity: 'warning',
  summary: 'A liveness or startup probe\'s terminationGracePeriodSeconds is no longer than the preStop hook.',
  docs: 'When a liveness or startup probe kills a container, the kubelet uses the probe\'s own '
    + '`terminationGracePeriodSeconds` instead of the pod\'s (setTerminationGracePeriod in '
    + 'https://github.com/kubernetes/kubernetes/blob/v1.28.0/pkg/kubelet/kuberuntime/kuberuntime_container.go; '
    + 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#probe-level-terminationgraceperiodseconds), '
    + 'and the preStop hook runs inside that shorter clock. A probe grace period that is no longer than the '
    + 'preStop\'s known duration (its sleeps, or the prestop-seconds annotation) cuts the hook off and leaves the '
    + 'app the kubelet\'s 2 s floor, the same failure lifecycle/prestop-exceeds-grace-period reports for deletion, '
    + 'and "no longer than" for the same reason: at equal values the hook uses the whole clock. Warning, not error: '
    + 'it happens only on a probe-triggered restart, where a short grace period may be deliberate.',
  fix: 'raise the probe\'s terminationGracePeriodSeconds above the preStop\'s duration, or remove it to use the pod\'s',
  fixtures: {
    good: [
      deployment('web', {
        containers: [{ ...APP, livenessProbe: httpProbe('/livez', 'http', { terminationGracePeriodSeconds: 20 }) }],
      }),
    ],
    bad: [
      deployment('web', {
        containers: [{ ...APP, livenessProbe: httpProbe('/livez', 'http', { terminationGracePeriodSeconds: 10 }) }],
      }),
    ],
  },
  check(object) {
    const view = podViewOf(object);
    if (!view) return [];
    const out: Violation[] = [];
    for (const c of view.containers) {
      if (!c.hooks.preStop || !c.preStop) continue;
      for (const kind of ['liveness', 'startup'] as ProbeKind[]) {
        const probe = c.probes[kind];
        const g = probe?.probe.terminationGracePeriodSeconds;
        if (!probe || typeof g !== 'number' || g <= 0 || g > c.preStop.seconds) continue;
        const field = child(probe.path, 'terminationGracePeriodSeconds');
        out.push({
          path: field,
          message: `when its ${kind} probe restarts ${containerLabel(c)}, the grace period is ${secs(g)} (${field}), but its preStop `
            + `runs ${secs(c.preStop.seconds)} (${c.preStop.source}): the hook is cut off and the app SIGKILLed ${secs(KUBELET_MIN_SECONDS_AFTER_PRESTOP)} after SIGTERM`,
          fix: `raise ${field} to at least ${Math.ceil(c.preStop.seconds + KUBELET_MIN_SECONDS_AFTER_PRESTOP)} (more if the app needs longer to shut down), or remove it to use the pod's grace period`,
        });
      }
    }
    return out;
  },
};
