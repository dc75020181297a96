/** api-server/init-container: what only restartable (sidecar) init containers may have. */
import type { Violation } from '../../finding';
import { child } from '../../field-path';
import type { Rule } from '../../rule';
import { container, deployment, pod } from './fixtures';
import { forbidden, notSupported } from './field-error';
import { podView, sidecarsEnabled } from './pod-view';

const SIDECAR_ONLY = ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const MESSAGE = 'may not be set for init containers without restartPolicy=Always';
const DROPPED = '(kube-apiserver 1.28 drops restartPolicy from init containers: the SidecarContainers feature gate is alpha and off by default)';

const init = { name: 'migrate', image: 'busybox:1.36', command: ['sh', '-c', 'true'] };

export const initContainerRule: Rule = {
  id: 'api-server/init-container',
  category: 'api-server',
  severity: 'error',
  summary: 'Init containers have no lifecycle, livenessProbe, readinessProbe or startupProbe unless they are restartable (restartPolicy: Always, 1.29+).',
  docs: 'validateInitContainers (validation.go) forbids lifecycle, livenessProbe, readinessProbe and startupProbe on an init container "without restartPolicy=Always", and allows only "Always" as its restartPolicy. On kube-apiserver 1.28 with default feature gates the SidecarContainers gate is alpha and off, and pkg/api/pod/util.go (dropDisabledFields) silently drops restartPolicy from every init container before validation: so on 1.28 a sidecar-style init container with probes or hooks is rejected with this very message, and restartPolicy on an init container is ignored (accepted, never an error here). From 1.29 (gate beta, on) restartPolicy: Always makes the init container a sidecar whose probes and hooks are then validated like an app container\'s, and any other restartPolicy value is "Unsupported". Pass --k8s-version 1.29 or later to lint for a cluster with sidecars.',
  fix: 'Move probes and hooks to an app container; on 1.29+ make the init container a sidecar with restartPolicy: Always.',
  fixtures: {
    good: [
      deployment({ initContainers: [init], containers: [container()] }),
    ],
    bad: [
      deployment({ initContainers: [{ ...init, lifecycle: { postStart: { exec: { command: ['true'] } } } }], containers: [container()] }),
      pod({ initContainers: [{ ...init, restartPolicy: 'Always', readinessProbe: { tcpSocket: { port: 8080 } } }], containers: [container()] }),
    ],
  },
  check(object, context) {
    const view = podView(object);
    if (!view) return [];
    const sidecars = sidecarsEnabled(context);
    const out: Violation[] = [];
    for (const c of view.containers) {
      if (c.list !== 'initContainers') continue;
      const policy = c.container.restartPolicy;
      const hasPolicy = policy !== undefined && policy !== null;
      if (sidecars && hasPolicy && policy !== 'Always') {
        out.push(notSupported(child(c.path, 'restartPolicy'), policy, ['Always'], 'the only restartPolicy an init container takes is Always (a sidecar); remove it for a plain init container', view.note));
      }
      if (sidecars && policy === 'Always') continue;
      const note = !sidecars && policy === 'Always' ? (view.note ? `${DROPPED} ${view.note}` : DROPPED) : view.note;
      for (const field of SIDECAR_ONLY) {
        const v = c.container[field];
        if (v !== undefined && v !== null) {
          out.push(forbidden(child(c.path, field), MESSAGE,
            sidecars ? `remove ${field}, or add restartPolicy: Always to make this init container a sidecar` : `remove ${field} (move it to an app container); sidecar init containers need Kubernetes 1.29+`,
            note));
        }
      }
    }
    return out;
  },
};
