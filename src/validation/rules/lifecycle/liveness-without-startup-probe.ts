import type { Violation } from '../../finding';
import type { Rule } from '../../rule';
import { timingOf } from './handlers';
import { deployment, httpProbe, pod } from './fixtures';
import { containerLabel, podViewOf, secs } from './pod-view';

/**
 * Below this, a liveness probe without a startup probe is likely to kill a slow start: it is the
 * failure budget of a liveness probe left at Kubernetes' defaults (0 + 10 s × 3).
 */
export const PLAUSIBLE_STARTUP_SECONDS = 30;

/** Liveness with a short failure budget and no startup probe to hold it back while the app starts. */
export const livenessWithoutStartupProbe: Rule = {
  id: 'lifecycle/liveness-without-startup-probe',
  category: 'lifecycle',
  severity: 'warning',
  summary: `Liveness without a startup probe gives the app less than ${PLAUSIBLE_STARTUP_SECONDS} s to start.`,
  docs: 'Without a startup probe, liveness starts checking `initialDelaySeconds` after the container starts and '
    + 'restarts it after `failureThreshold` failures `periodSeconds` apart; an app slower to start than '
    + '`initialDelaySeconds + periodSeconds × failureThreshold` (after defaulting: 0 s, 10 s, 3) is killed before '
    + 'it is up, and again after every restart, a restart loop. A startup probe holds liveness back until the app '
    + 'has started once (1.16+; '
    + 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-startup-probes), '
    + 'and is the right tool rather than a long initialDelaySeconds. The threshold, 30 s, is the budget of a '
    + 'liveness probe left at Kubernetes\' defaults: a manifest tighter than the defaults with no startup probe is '
    + 'reported. Warning: whether the app starts in time depends on the app and the node.',
  fix: 'add a startupProbe with the same check whose periodSeconds × failureThreshold covers the slowest start (e.g. 2 s × 30 = 60 s)',
  fixtures: {
    good: [
      deployment('web', {
        containers: [{
          name: 'web', image: 'nginx:alpine', ports: [{ name: 'http', containerPort: 80 }],
          livenessProbe: httpProbe('/livez', 'http', { periodSeconds: 5 }),
          startupProbe: httpProbe('/livez', 'http', { periodSeconds: 2, failureThreshold: 30 }),
        }],
      }),
      // The defaults: 0 + 10 × 3 = 30 s.
      pod('liveness-httpget-demo', {
        containers: [{ name: 'demo', image: 'ikubernetes/demoapp:v1.0', livenessProbe: httpProbe('/livez', 80) }],
      }),
    ],
    bad: [
      // seeds/003 liveness-exec-demo: 5 + 5 × 3 = 20 s.
      pod('liveness-exec-demo', {
        containers: [{
          name: 'demo', image: 'ikubernetes/demoapp:v1.0',
          livenessProbe: { exec: { command: ['/bin/sh', '-c', '[ "$(curl -s 127.0.0.1/livez)" = "OK" ]'] }, initialDelaySeconds: 5, timeoutSeconds: 1, periodSeconds: 5 },
        }],
      }),
    ],
  },
  check(object) {
    const view = podViewOf(object);
    if (!view) return [];
    const out: Violation[] = [];
    for (const c of view.containers) {
      const liveness = c.probes.liveness;
      if (!c.running || !liveness || c.probes.startup) continue;
      const t = timingOf(liveness.probe);
      const budget = t.initialDelaySeconds + t.periodSeconds * t.failureThreshold;
      if (budget >= PLAUSIBLE_STARTUP_SECONDS) continue;
      out.push({
        path: liveness.path,
        message: `liveness restarts ${containerLabel(c)} unless it answers within ${secs(budget)} of starting `
          + `(initialDelaySeconds ${t.initialDelaySeconds} + periodSeconds ${t.periodSeconds} × failureThreshold ${t.failureThreshold}), `
          + 'and there is no startupProbe: an app slower to start is killed before it is up, after every restart',
        fix: `add ${c.at.path}.startupProbe with the same check as the liveness probe and periodSeconds × failureThreshold covering `
          + `the slowest start (e.g. periodSeconds: 2, failureThreshold: ${Math.ceil(60 / 2)} for 60 s)`,
      });
    }
    return out;
  },
};
