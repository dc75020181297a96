/** api-server/lifecycle-handler: postStart and preStop handlers as validation.go checks them. */
import type { Violation } from '../../finding';
import { child } from '../../field-path';
import { isMap } from '../../pod-template';
import type { Rule } from '../../rule';
import { container, deployment, pod } from './fixtures';
import { checkHandler, LIFECYCLE_ACTIONS_128, LIFECYCLE_ACTIONS_130 } from './handlers';
import { k8sMinor, mayHaveProbes, podView } from './pod-view';

const HOOKS = ['postStart', 'preStop'] as const;

export const lifecycleHandlerRule: Rule = {
  id: 'api-server/lifecycle-handler',
  category: 'api-server',
  severity: 'error',
  summary: 'postStart and preStop have exactly one handler, a non-empty exec command and valid ports.',
  docs: 'kube-apiserver 1.28 validates each lifecycle handler with validateLifecycle/validateHandler (validation.go): exactly one of exec, httpGet or tcpSocket ("must specify a handler type", "may not specify more than 1 handler type"), a non-empty exec.command, an httpGet or tcpSocket port that is 1-65535 or an IANA port name, an httpGet scheme of HTTP or HTTPS and valid header names. httpGet.path and scheme are defaulted ("/", HTTP) before validation, so leaving them out is fine. A tcpSocket handler passes API validation even though the kubelet never runs it ("TCPSocket is NOT supported as a LifecycleHandler", types.go): that is the lifecycle/tcp-socket-hook rule\'s finding, not an API error. The sleep action only exists from 1.29 (on by default from 1.30); on 1.28 it is an unknown field and a handler with only `sleep` has no handler at all.',
  fix: 'Give postStart/preStop exactly one of exec (with a non-empty command) or httpGet (with a valid port).',
  fixtures: {
    good: [
      deployment({ containers: [container({ lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 5'] } }, postStart: { httpGet: { port: 'http' } } } })] }),
      // The API server accepts a tcpSocket handler (the kubelet never runs it: a lifecycle rule says so).
      pod({ containers: [container({ lifecycle: { preStop: { tcpSocket: { port: 8080 } } } })] }),
    ],
    bad: [
      deployment({ containers: [container({ lifecycle: { preStop: { exec: { command: [] } } } })] }),
      pod({ containers: [container({ lifecycle: { preStop: {} } })] }),
      pod({ containers: [container({ lifecycle: { postStart: { exec: { command: ['true'] }, httpGet: { port: 8080 } } } })] }),
      pod({ containers: [container({ lifecycle: { preStop: { httpGet: { port: 70000 } } } })] }),
      pod({ containers: [container({ lifecycle: { preStop: { sleep: { seconds: 5 } } } })] }),
    ],
  },
  check(object, context) {
    const view = podView(object);
    if (!view) return [];
    const actions = k8sMinor(context) >= 30 ? LIFECYCLE_ACTIONS_130 : LIFECYCLE_ACTIONS_128;
    const out: Violation[] = [];
    for (const c of view.containers) {
      if (!mayHaveProbes(c, context)) continue;
      const lifecycle = c.container.lifecycle;
      if (!isMap(lifecycle)) continue;
      const at = child(c.path, 'lifecycle');
      for (const hook of HOOKS) {
        const handler = lifecycle[hook];
        if (isMap(handler)) checkHandler(handler, child(at, hook), actions, out, view.note);
      }
    }
    return out;
  },
};
