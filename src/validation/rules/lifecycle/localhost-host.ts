import { child } from '../../field-path';
import type { Violation } from '../../finding';
import type { Rule } from '../../rule';
import { isLoopbackHost } from './handlers';
import { deployment, pod } from './fixtures';
import { containerLabel, podViewOf } from './pod-view';

/**
 * An httpGet (or tcpSocket probe) `host` of localhost: the kubelet makes the request from the node,
 * so that is the node's loopback, not the pod's.
 */
export const localhostHost: Rule = {
  id: 'lifecycle/localhost-host',
  category: 'lifecycle',
  severity: 'error',
  summary: 'A probe or hook sets host to localhost or 127.0.0.1, which is the node, not the pod.',
  docs: 'httpGet hooks and httpGet/tcpSocket probes are sent by the kubelet from the node\'s network namespace. Their '
    + '`host` defaults to the pod IP; "localhost" or 127.0.0.1 there reaches the node itself, never the pod (the '
    + 'API doc of `host`: "defaults to the pod IP. You probably want to set \\"Host\\" in httpHeaders instead", '
    + 'HTTPGetAction in '
    + 'https://github.com/kubernetes/kubernetes/blob/v1.28.0/staging/src/k8s.io/api/core/v1/types.go; the kubelet '
    + 'connects to `host` as given: '
    + 'https://github.com/kubernetes/kubernetes/blob/v1.28.0/pkg/kubelet/prober/prober.go, '
    + 'https://github.com/kubernetes/kubernetes/blob/v1.28.0/pkg/kubelet/lifecycle/handlers.go). The check then '
    + 'tests whatever listens on the node (often nothing: a postStart that kills the container, a liveness that '
    + 'restarts it forever; sometimes another daemon that always answers, so the check is meaningless). Pods with '
    + '`hostNetwork: true` share the node\'s network and are not reported. An exec probe that runs `curl 127.0.0.1` '
    + 'is fine: it runs inside the container. Error.',
  fix: 'remove host (the pod IP is the default); to reach a name-based virtual host, set a Host header in httpHeaders',
  fixtures: {
    good: [
      pod('warmup', {
        containers: [{
          name: 'app', image: 'shop:1', ports: [{ name: 'http', containerPort: 8080 }],
          lifecycle: { preStop: { httpGet: { path: '/drain', port: 'http', httpHeaders: [{ name: 'Host', value: 'localhost' }] } } },
        }],
      }),
      pod('node-agent', {
        hostNetwork: true,
        containers: [{ name: 'agent', image: 'agent:1', livenessProbe: { httpGet: { host: '127.0.0.1', path: '/healthz', port: 9100 } } }],
      }),
    ],
    bad: [
      // seeds/000's cache warm-up, with the mistake the seed warns about.
      pod('cache-warmup', {
        containers: [{
          name: 'app', image: 'shop:1', ports: [{ containerPort: 8080 }],
          lifecycle: { postStart: { httpGet: { host: 'localhost', path: '/warmup', port: 8080 } } },
        }],
      }),
      deployment('api', {
        containers: [{ name: 'api', image: 'api:1', livenessProbe: { tcpSocket: { host: '127.0.0.1', port: 8080 } } }],
      }),
    ],
  },
  check(object) {
    const view = podViewOf(object);
    if (!view || view.hostNetwork) return [];
    const out: Violation[] = [];
    for (const c of view.containers) {
      for (const { action, what } of c.handlers) {
        if (!action || (action.kind !== 'httpGet' && action.kind !== 'tcpSocket')) continue;
        const host = action.action.host;
        if (typeof host !== 'string' || !isLoopbackHost(host)) continue;
        const field = child(action.path, 'host');
        out.push({
          path: field,
          message: `the ${what} of ${containerLabel(c)} connects to host ${JSON.stringify(host)}: the kubelet sends it from the node, `
            + 'so that is the node\'s loopback, not the pod',
          fix: action.kind === 'httpGet'
            ? `remove ${field} (it defaults to the pod IP); to send a Host header, add {name: Host, value: ${JSON.stringify(host)}} to ${child(action.path, 'httpHeaders')}`
            : `remove ${field}; it defaults to the pod IP`,
        });
      }
    }
    return out;
  },
};
