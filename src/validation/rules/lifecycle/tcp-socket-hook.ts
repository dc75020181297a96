import { child } from '../../field-path';
import { isMap } from '../../pod-template';
import type { Violation } from '../../finding';
import type { Rule } from '../../rule';
import { deployment, pod } from './fixtures';
import { containerLabel, podViewOf } from './pod-view';

/**
 * A `tcpSocket` lifecycle handler: the API server accepts it (the field exists for backward
 * compatibility) but the kubelet's handler runner has no case for it.
 */
export const tcpSocketHook: Rule = {
  id: 'lifecycle/tcp-socket-hook',
  category: 'lifecycle',
  severity: 'error',
  summary: 'A postStart or preStop hook uses tcpSocket, which the kubelet never runs.',
  docs: 'Kubernetes accepts a `tcpSocket` lifecycle handler but does not run it. The 1.28 API says: "Deprecated. '
    + 'TCPSocket is NOT supported as a LifecycleHandler ... lifecycle hooks will fail in runtime when tcp handler '
    + 'is specified" (LifecycleHandler in '
    + 'https://github.com/kubernetes/kubernetes/blob/v1.28.0/staging/src/k8s.io/api/core/v1/types.go), and the '
    + 'kubelet\'s handler runner '
    + '(https://github.com/kubernetes/kubernetes/blob/v1.28.0/pkg/kubelet/lifecycle/handlers.go) has cases for exec '
    + 'and httpGet only and fails anything else with "Cannot run handler: invalid handler". A failing hook kills '
    + 'the container '
    + '(https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#hook-handler-execution): a '
    + 'tcpSocket postStart therefore fails every time, the kubelet kills the container (FailedPostStartHook) and it '
    + 'restarts in a loop. A tcpSocket preStop fails with only a FailedPreStopHook event, so whatever it was meant '
    + 'to do before SIGTERM never happens. Error: the hook can never work.',
  fix: 'replace tcpSocket with an exec command (e.g. a short `sleep` or the app\'s own stop command) or an httpGet',
  fixtures: {
    good: [
      pod('prestop-exec', {
        containers: [{ name: 'nginx', image: 'nginx:alpine', lifecycle: { preStop: { exec: { command: ['nginx', '-s', 'quit'] } } } }],
      }),
    ],
    bad: [
      pod('prestop-tcp', {
        containers: [{ name: 'nginx', image: 'nginx:alpine', ports: [{ containerPort: 80 }], lifecycle: { preStop: { tcpSocket: { port: 80 } } } }],
      }),
      deployment('poststart-tcp', {
        containers: [{ name: 'app', image: 'demoapp:v1.0', lifecycle: { postStart: { tcpSocket: { port: 'http' } } } }],
      }),
    ],
  },
  check(object) {
    const view = podViewOf(object);
    if (!view) return [];
    const out: Violation[] = [];
    for (const c of view.containers) {
      for (const hook of Object.values(c.hooks)) {
        if (!isMap(hook.handler.tcpSocket)) continue;
        const effect = hook.kind === 'postStart'
          ? 'the hook fails every time, so the kubelet kills the container and it restarts in a loop'
          : 'the hook fails with a FailedPreStopHook event and does nothing before SIGTERM';
        out.push({
          path: child(hook.path, 'tcpSocket'),
          message: `${containerLabel(c)} has a tcpSocket ${hook.kind} hook (port ${JSON.stringify(hook.handler.tcpSocket.port)}): `
            + `the kubelet does not run tcpSocket lifecycle handlers; ${effect}`,
          fix: `replace ${child(hook.path, 'tcpSocket')} with exec (a command) or httpGet`,
        });
      }
    }
    return out;
  },
};
