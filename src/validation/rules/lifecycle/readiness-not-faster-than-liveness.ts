import type { Violation } from '../../finding';
import type { Rule } from '../../rule';
import { canonicalCheck, describeCheck, timingOf } from './handlers';
import { deployment, httpProbe } from './fixtures';
import { containerLabel, podViewOf, secs } from './pod-view';
import { sameProbe } from './liveness-same-as-readiness';
import { PROBES_DOCS } from './sources';

/**
 * Readiness should take a failing pod out of traffic before liveness restarts it: where both run
 * the same check, or where readiness is slower. Different checks at equal timing answer different
 * questions and are not reported (they were 73 findings of noise on real manifests).
 */
export const readinessNotFasterThanLiveness: Rule = {
  id: 'lifecycle/readiness-not-faster-than-liveness',
  category: 'lifecycle',
  severity: 'warning',
  summary: 'Readiness reacts no faster than liveness to the same check, or slower than liveness at all.',
  docs: 'A failing readiness probe removes the pod from its Services; a failing liveness probe restarts the container '
    + `(${PROBES_DOCS}). How fast a probe reacts to a failure is \`periodSeconds × failureThreshold\` after the API server's `
    + 'defaulting (10 s and 3). Two cases matter. When both probes run the same check, readiness must react first: the failure '
    + 'that fails liveness fails readiness too, and if readiness is not faster the kubelet restarts the container while its '
    + 'Services still send it requests, which then fail; readiness faster lets a pod that recovers by itself stay alive out of '
    + 'traffic. And when readiness is slower than liveness at all, a container dying for any reason is killed before its '
    + 'readiness can take it out. When the two checks differ and their timing is equal (the defaults on both, `/readyz` and '
    + '`/livez`), they answer different questions: `/livez` fails for a process beyond recovery and restarting it is the point, '
    + 'while `/readyz` reflects the app\'s ability to take traffic (dependencies, warm-up), on its own schedule; neither races '
    + 'the other, and reporting them was noise (73 findings on real manifests, none a problem). Probes identical in check and timing '
    + 'are reported by lifecycle/liveness-same-as-readiness instead. Warning.',
  fix: 'make readinessProbe.periodSeconds × failureThreshold smaller than the liveness probe\'s',
  fixtures: {
    good: [
      // Different checks at the default timing: each answers its own question (the seed's /test.html and /index.html).
      deployment('nginx-server', {
        containers: [{
          name: 'nginx', image: 'nginx:latest', ports: [{ containerPort: 80 }],
          livenessProbe: httpProbe('/index.html', 80, { timeoutSeconds: 3 }),
          readinessProbe: httpProbe('/test.html', 80, { timeoutSeconds: 3 }),
        }],
      }),
      deployment('web', {
        containers: [{
          name: 'web', image: 'nginx:alpine', ports: [{ name: 'http', containerPort: 80 }],
          readinessProbe: httpProbe('/readyz', 'http', { periodSeconds: 5, failureThreshold: 2 }),
          livenessProbe: httpProbe('/livez', 'http'),
        }],
      }),
    ],
    bad: [
      // The same check: readiness 10 s × 3 no faster than liveness 10 s × 3 (timeouts differ, so not identical).
      deployment('nginx-server', {
        containers: [{
          name: 'nginx', image: 'nginx:latest', ports: [{ containerPort: 80 }],
          livenessProbe: { httpGet: { port: 80, path: '/index.html', scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
          readinessProbe: { httpGet: { port: 80, path: '/index.html', scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 1 },
        }],
      }),
      // Different checks, readiness slower: 10 s × 6 against 10 s × 3.
      deployment('api', {
        containers: [{
          name: 'api', image: 'registry.example.com/api:1', ports: [{ name: 'http', containerPort: 8080 }],
          readinessProbe: httpProbe('/readyz', 'http', { failureThreshold: 6 }),
          livenessProbe: httpProbe('/livez', 'http'),
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
      if (!readiness || !liveness) continue;
      const r = timingOf(readiness.probe);
      const l = timingOf(liveness.probe);
      const rw = r.periodSeconds * r.failureThreshold;
      const lw = l.periodSeconds * l.failureThreshold;
      // Faster readiness is right whatever the checks (compared only when it is not).
      if (rw < lw || sameProbe(c)) continue;
      const check = canonicalCheck(readiness.probe, readiness.path, c);
      const same = check !== undefined && check === canonicalCheck(liveness.probe, liveness.path, c);
      // The same check must let readiness react first; different checks only matter when readiness is slower.
      if (same ? rw < lw : rw <= lw) continue;
      const timing = `readiness of ${containerLabel(c)} reacts in ${secs(rw)} (periodSeconds ${r.periodSeconds} × failureThreshold ${r.failureThreshold})`;
      out.push({
        path: readiness.path,
        message: same
          ? `${timing}, no faster than liveness (${secs(lw)}: ${l.periodSeconds} × ${l.failureThreshold}) on the same check `
            + `(${describeCheck(readiness.probe, readiness.path)}): the failure that restarts the container does so while its Services still send it requests`
          : `${timing}, slower than liveness (${secs(lw)}: ${l.periodSeconds} × ${l.failureThreshold}): a container that stops answering is `
            + 'restarted before readiness takes it out of its Services, which send it requests until then',
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
