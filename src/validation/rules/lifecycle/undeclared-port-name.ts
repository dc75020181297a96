import { child } from '../../field-path';
import type { Violation } from '../../finding';
import type { Rule } from '../../rule';
import { portName } from './handlers';
import { deployment, httpProbe, pod } from './fixtures';
import { containerLabel, podViewOf, type ContainerView, type HandlerAt } from './pod-view';

/**
 * A probe or hook that names a port its container does not declare. The API server accepts any
 * IANA name; the kubelet looks the name up in the same container's `ports` at run time.
 */
export const undeclaredPortName: Rule = {
  id: 'lifecycle/undeclared-port-name',
  category: 'lifecycle',
  severity: 'error',
  summary: 'A probe or hook targets a port name that its container does not declare.',
  docs: 'A probe\'s or hook\'s `port` may be a name instead of a number. The API server checks only that it is a valid '
    + 'IANA service name; the kubelet resolves it against the same container\'s `ports` when it runs the check and '
    + 'fails when it is missing (`findPortByName` in '
    + 'https://github.com/kubernetes/kubernetes/blob/v1.28.0/pkg/kubelet/prober/prober.go for probes: "port ... not '
    + 'found"; `resolvePort` in '
    + 'https://github.com/kubernetes/kubernetes/blob/v1.28.0/pkg/kubelet/lifecycle/handlers.go for hooks: "couldn\'t '
    + 'find port"). A port declared by another container of the pod does not count. The probe then never succeeds: '
    + 'liveness restarts the container forever, readiness keeps it out of its Services, a startup probe never lets '
    + 'it start, a postStart hook kills the container on every start. Error: it cannot work.',
  fix: 'declare the port under the container\'s ports with that name, or use the port number',
  fixtures: {
    good: [
      // seeds/003 liveness-tcpsocket-demo: port "http" is declared.
      pod('liveness-tcpsocket-demo', {
        containers: [{
          name: 'demo', image: 'ikubernetes/demoapp:v1.0', ports: [{ name: 'http', containerPort: 80 }],
          livenessProbe: { tcpSocket: { port: 'http' }, periodSeconds: 5, initialDelaySeconds: 5 },
        }],
      }),
    ],
    bad: [
      // seeds/003 nginx-tcp-liveness names its port "http-80-port", so "http" is not declared.
      deployment('nginx', {
        containers: [{
          name: 'nginx', image: 'nginx:latest', ports: [{ name: 'http-80-port', containerPort: 80, protocol: 'TCP' }],
          readinessProbe: httpProbe('/index.html', 'http'),
        }],
      }),
      pod('warmup', {
        containers: [{ name: 'app', image: 'shop:1', lifecycle: { postStart: { httpGet: { path: '/warmup', port: 'web' } } } }],
      }),
    ],
  },
  check(object) {
    const view = podViewOf(object);
    if (!view) return [];
    const out: Violation[] = [];
    for (const c of view.containers) {
      for (const h of c.handlers) checkHandler(h, c, view.containers, out);
    }
    return out;
  },
};

function checkHandler({ action, what, isProbe }: HandlerAt, c: ContainerView, all: readonly ContainerView[], out: Violation[]): void {
  // tcpSocket hooks never run at all (lifecycle/tcp-socket-hook); grpc ports are numbers only.
  if (!action || (action.kind === 'tcpSocket' && !isProbe) || (action.kind !== 'httpGet' && action.kind !== 'tcpSocket')) return;
  const name = portName(action.action.port);
  if (name === undefined || c.ports.some(p => p.name === name)) return;
  const declaredBy = all.find(o => o !== c && o.ports.some(p => p.name === name));
  const declared = c.ports.map(p => p.name).filter((n): n is string => n !== undefined);
  const elsewhere = declaredBy ? `; ${containerLabel(declaredBy)} declares it, but the kubelet looks only in this container's ports` : '';
  out.push({
    path: child(action.path, 'port'),
    message: `the ${what} of ${containerLabel(c)} targets port ${JSON.stringify(name)}, which the container does not declare `
      + `(its port names: ${declared.length ? declared.map(n => JSON.stringify(n)).join(', ') : 'none'})${elsewhere}: the kubelet fails it at run time`,
    fix: declared.length === 1
      ? `set ${child(action.path, 'port')} to ${JSON.stringify(declared[0])}, or add a port named ${JSON.stringify(name)} to ${child(c.at.path, 'ports')}`
      : `add {name: ${JSON.stringify(name)}, containerPort: <port>} to ${child(c.at.path, 'ports')}, or use the port number in ${child(action.path, 'port')}`,
  });
}
