import type { Violation } from '../../finding';
import type { Rule } from '../../rule';
import { timingOf } from './handlers';
import { deployment, httpProbe } from './fixtures';
import { containerLabel, podViewOf, secs } from './pod-view';
import { sameProbe } from './liveness-same-as-readiness';

/** Readiness should take a failing pod out of traffic before liveness restarts it. */
export const readinessNotFasterThanLiveness: Rule = {
  id: 'lifecycle/readiness-not-faster-than-liveness',
  category: 'lifecycle',
  severity: 'warning',
  summary: 'Readiness reacts no faster than liveness (periodSeconds × failureThreshold).',
  docs: 'A failing readiness probe removes the pod from its Services; a failing liveness probe restarts the container. '
    + 'Readiness should react first, so that a struggling pod stops receiving traffic and is restarted only if it does not '
    + 'recover (seeds/003, 2.2 point 4: "set the readiness check time shorter than the liveness one ... so the faulty '
    + 'service goes offline first"; lifecycle-facts.md, Probes). How fast a probe reacts is `periodSeconds × '
    + 'failureThreshold` after defaulting (10 s and 3). When readiness is as slow as liveness or slower, the container is '
    + 'killed while endpoints still send it requests, which then fail. Probes identical in check and timing are reported '
    + 'by lifecycle/liveness-same-as-readiness instead. Warning.',
  fix: 'make readinessProbe.periodSeconds × failureThreshold smaller than the liveness probe\'s',
  fixtures: {
    good: [
      deployment('web', {
        containers: [{
          name: 'web', image: 'nginx:alpine', ports: [{ name: 'http', containerPort: 80 }],
          readinessProbe: httpProbe('/readyz', 'http', { periodSeconds: 5, failureThreshold: 2 }),
          livenessProbe: httpProbe('/livez', 'http'),
        }],
      }),
    ],
    bad: [
      // seeds/003 httpget-liveness-readiness-probe: both 10 s × 3.
      deployment('nginx-server', {
        containers: [{
          name: 'nginx', image: 'nginx:latest', ports: [{ containerPort: 80 }],
          livenessProbe: { httpGet: { port: 80, path: '/index.html', scheme: 'HTTP' }, initialDelaySeconds: 3, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 3, failureThreshold: 3 },
          readinessProbe: { httpGet: { port: 80, path: '/test.html', scheme: 'HTTP' }, initialDelaySeconds: 3, periodSeconds: 10, timeoutSeconds: 3 },
        }],
      }),
    ],
  },
  check(object) {
    const view = podViewOf(object);
    if (!view) return [];
    const out: Violation[] = [];
    for (const c of view.containers) {
      const { readiness, liveness } = c.probes;
      if (!readiness || !liveness || sameProbe(c)) continue;
      const r = timingOf(readiness.probe);
      const l = timingOf(liveness.probe);
      const rw = r.periodSeconds * r.failureThreshold;
      const lw = l.periodSeconds * l.failureThreshold;
      if (rw < lw) continue;
      out.push({
        path: readiness.path,
        message: `readiness of ${containerLabel(c)} reacts in ${secs(rw)} (periodSeconds ${r.periodSeconds} × failureThreshold ${r.failureThreshold}), `
          + `no faster than liveness (${secs(lw)}: ${l.periodSeconds} × ${l.failureThreshold}): a failing container is restarted while its Services still send it requests`,
        fix: fasterReadiness(readiness.path, lw),
      });
    }
    return out;
  },
};

/** A concrete readiness timing that reacts faster than `livenessWindow`, when one exists. */
function fasterReadiness(path: string, livenessWindow: number): string {
  if (livenessWindow <= 1) return `liveness reacts within ${secs(livenessWindow)}: raise the liveness probe's periodSeconds or failureThreshold, then make ${path} faster`;
  const period = Math.max(1, Math.ceil(livenessWindow / 6));
  const failures = period * 2 < livenessWindow ? 2 : 1;
  return `set ${path}.periodSeconds to ${period} and ${path}.failureThreshold to ${failures} (${secs(period * failures)}, under liveness' ${secs(livenessWindow)})`;
}
