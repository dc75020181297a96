import type { Violation } from '../../finding';
import type { Rule } from '../../rule';
import { deployment, httpProbe, pod } from './fixtures';
import { containerLabel, podViewOf } from './pod-view';
import { servedContainers } from './services';

/** Kinds whose pods run to completion: their ports are rarely a serving endpoint. */
const BATCH = new Set(['Job', 'CronJob']);

/**
 * A long-running container that declares ports but has no readiness probe, when no Service in the
 * set points at it (those are lifecycle/service-without-readiness).
 */
export const servingContainerWithoutReadiness: Rule = {
  id: 'lifecycle/serving-container-without-readiness',
  category: 'lifecycle',
  severity: 'info',
  summary: 'A container that declares ports has no readiness probe.',
  docs: 'A serving container should have a readiness probe: without one the pod is Ready as soon as its containers '
    + 'run ("If a container does not provide a readiness probe, the default state is Success", '
    + 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-probes), so any Service, Ingress '
    + 'or rollout that relies on readiness treats a starting or broken pod as able to serve, and a Deployment\'s '
    + 'rolling update moves on before the new pods can take traffic '
    + '(https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-update-deployment). A '
    + 'declared containerPort is the sign that the container serves. Pods of Jobs and CronJobs are skipped, and '
    + 'containers a Service of the same set targets are reported by lifecycle/service-without-readiness. Info: the '
    + 'Service may live in another file, or the port may be for metrics only.',
  fix: 'add a readinessProbe on the serving port',
  fixtures: {
    good: [
      pod('readiness-httpget-demo', {
        containers: [{
          name: 'demo', image: 'ikubernetes/demoapp:v1.0', ports: [{ name: 'http', containerPort: 80 }],
          readinessProbe: httpProbe('/readyz', 80, { initialDelaySeconds: 15, timeoutSeconds: 2, periodSeconds: 5, failureThreshold: 3 }),
        }],
      }),
      // seeds/003 sidecar demo: the envoy proxy declares no port.
      pod('sidecar-container-demo', { containers: [{ name: 'proxy', image: 'envoyproxy/envoy-alpine:v1.14.1' }] }),
    ],
    bad: [
      // seeds/003 liveness-tcpsocket-demo.
      pod('liveness-tcpsocket-demo', {
        containers: [{
          name: 'demo', image: 'ikubernetes/demoapp:v1.0', ports: [{ name: 'http', containerPort: 80 }],
          livenessProbe: { tcpSocket: { port: 'http' }, periodSeconds: 5, initialDelaySeconds: 5 },
        }],
      }),
      deployment('api', { containers: [{ name: 'api', image: 'api:1', ports: [{ containerPort: 8080 }] }] }),
    ],
  },
  check(object, context) {
    const view = podViewOf(object);
    if (!view || BATCH.has(view.kind)) return [];
    const candidates = view.containers.filter(c => c.running && !c.probes.readiness && c.ports.some(p => p.number !== undefined));
    if (candidates.length === 0) return [];
    const served = new Set(servedContainers(object, view, context).map(s => s.container));
    const out: Violation[] = [];
    for (const c of candidates) {
      if (served.has(c)) continue;
      const ports = c.ports.map(p => p.number).filter((n): n is number => n !== undefined);
      out.push({
        path: c.at.path,
        message: `${containerLabel(c)} declares port${ports.length > 1 ? 's' : ''} ${ports.join(', ')} but has no readinessProbe: `
          + 'it counts as ready as soon as it runs, while starting and while failing',
        fix: `add ${c.at.path}.readinessProbe (e.g. httpGet or tcpSocket on port ${ports[0]}, periodSeconds: 5, failureThreshold: 2)`,
      });
    }
    return out;
  },
};
