import type { Violation } from '../../finding';
import type { Rule } from '../../rule';
import { deployment, httpProbe, service } from './fixtures';
import { text } from './handlers';
import { containerLabel, podViewOf } from './pod-view';
import { servedContainers } from './services';

const NGINX = {
  name: 'nginx', image: 'nginx:latest', ports: [{ containerPort: 80 }], livenessProbe: httpProbe('/index.html', 80),
  // Serves until endpoint removal has propagated (lifecycle/traffic-after-stop).
  lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 5; exec nginx -s quit'] } } },
};

/**
 * A container that a Service of the same set sends traffic to, without a readiness probe. Cross-object:
 * the fixtures are linted together, the Service being a companion of the workload.
 */
export const serviceWithoutReadiness: Rule = {
  id: 'lifecycle/service-without-readiness',
  category: 'lifecycle',
  severity: 'warning',
  summary: 'A container behind a Service has no readiness probe.',
  docs: 'A Service sends traffic to every pod it selects that is Ready '
    + '(https://kubernetes.io/docs/concepts/services-networking/service/), and a container without a readiness '
    + 'probe counts as ready as soon as it runs ("If a container does not provide a readiness probe, the default '
    + 'state is Success", https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-probes): it '
    + 'receives traffic while it is still starting, and keeps receiving it while it is broken but alive, where a '
    + 'failing readiness probe would take it out of the Service\'s endpoints. Every rollout and restart then drops '
    + 'requests. The rule looks for a Service in the same set of objects (same namespace, or either unset) whose '
    + 'selector matches the pod template\'s labels, and follows each of its ports to the container that declares the '
    + 'target port (a numeric target nobody declares goes to the only app container). Warning.',
  fix: 'add a readinessProbe to the container the Service targets (e.g. httpGet on its serving port, every 5 s)',
  fixtures: {
    good: [
      deployment('nginx-server', { containers: [{ ...NGINX, readinessProbe: httpProbe('/index.html', 80, { periodSeconds: 5, failureThreshold: 2 }) }] }),
      service('nginx-service', { app: 'nginx-server' }, [{ name: 'http', port: 80, targetPort: 80 }]),
      // Not selected by the Service: different labels.
      deployment('batch-ui', { containers: [NGINX] }, { labels: { app: 'batch-ui' } }),
    ],
    bad: [
      // seeds/003's nginx-service in front of a Deployment with liveness only.
      deployment('nginx-server', { containers: [NGINX] }),
      service('nginx-service', { app: 'nginx-server' }, [{ name: 'http', port: 80, targetPort: 80 }]),
    ],
  },
  check(object, context) {
    const view = podViewOf(object);
    if (!view) return [];
    const out: Violation[] = [];
    for (const s of servedContainers(object, view, context)) {
      if (s.container.probes.readiness) continue;
      out.push({
        path: s.container.at.path,
        message: `Service ${JSON.stringify(s.service.name)} sends port ${text(s.port)} (targetPort ${text(s.targetPort)}) to ${containerLabel(s.container)}, `
          + 'which has no readinessProbe: it gets requests as soon as it starts, before the app listens, and while it is failing',
        fix: `add ${s.container.at.path}.readinessProbe (e.g. httpGet on port ${text(s.targetPort)}, periodSeconds: 5, failureThreshold: 2)`,
      });
    }
    return out;
  },
};
