/** api-server/init-container: what only restartable (sidecar) init containers may have. */
import type { Violation } from '../../finding';
import { child } from '../../field-path';
import type { Rule } from '../../rule';
import { container, deployment, pod } from './fixtures';
import { forbidden, notSupported } from './field-error';
import { CONTAINER_RESTART_RULES, gateStage } from '../../feature-gates';
import { gateOn, k8sMinor, podView, sidecarsEnabled } from './pod-view';

const SIDECAR_ONLY = ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const;
/** Container restart policies once ContainerRestartRules is on (1.35). */
export const CONTAINER_RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const MESSAGE = 'may not be set for init containers without restartPolicy=Always';
const DROPPED = '(kube-apiserver 1.28 drops restartPolicy from init containers: the SidecarContainers feature gate is alpha and off by default)';

const init = { name: 'migrate', image: 'busybox:1.36', command: ['sh', '-c', 'true'] };

export const initContainerRule: Rule = {
  id: 'api-server/init-container',
  category: 'api-server',
  severity: 'error',
  summary: 'Init containers have no lifecycle, livenessProbe, readinessProbe or startupProbe unless they are sidecars (restartPolicy: Always, 1.29+), and only the restartPolicy values the target version takes.',
  docs: 'validateInitContainers (validation.go) forbids lifecycle, livenessProbe, readinessProbe and startupProbe on an init container '
    + '"without restartPolicy=Always", and validates them like an app container\'s on one with it (a sidecar). What restartPolicy '
    + 'an init container may have follows the release and its default feature gates. 1.28: SidecarContainers is alpha and off, '
    + 'and pkg/api/pod/util.go (dropDisabledFields) drops restartPolicy from every init container before validation, so a '
    + 'sidecar-style init container with probes or hooks is rejected with this very message (and api-server/gated-field reports '
    + 'the drop itself; https://github.com/kubernetes/kubernetes/blob/v1.28.0/pkg/api/pod/util.go). 1.29 to 1.33: the gate is on '
    + '(beta, GA in 1.33) and validateInitContainerRestartPolicy takes only "Always" '
    + '(https://github.com/kubernetes/kubernetes/blob/v1.29.0/pkg/apis/core/validation/validation.go). 1.34: ContainerRestartRules '
    + 'is alpha and off, and dropContainerRestartRules drops any other value (reported by api-server/gated-field) '
    + '(https://github.com/kubernetes/kubernetes/blob/v1.34.0/pkg/api/pod/util.go). 1.35: ContainerRestartRules is beta and on, '
    + 'and an init container may also be OnFailure or Never (a plain init container that overrides the pod\'s restartPolicy) '
    + '(https://github.com/kubernetes/kubernetes/blob/v1.35.0/pkg/apis/core/validation/validation.go). Pass --k8s-version 1.29 or '
    + 'later to lint for a cluster with sidecars.',
  fix: 'Move probes and hooks to an app container; on 1.29+ make the init container a sidecar with restartPolicy: Always.',
  fixtures: {
    good: [
      deployment({ initContainers: [init], containers: [container()] }),
    ],
    bad: [
      deployment({ initContainers: [{ ...init, lifecycle: { postStart: { exec: { command: ['true'] } } } }], containers: [container()] }),
      pod({ initContainers: [{ ...init, readinessProbe: { tcpSocket: { port: 8080 } } }], containers: [container()] }),
    ],
  },
  check(object, context) {
    const view = podView(object);
    if (!view) return [];
    const sidecars = sidecarsEnabled(context);
    // 1.35+: OnFailure and Never too. 1.34: any other value is dropped (api-server/gated-field says so).
    const allowed = gateOn(CONTAINER_RESTART_RULES, context) ? CONTAINER_RESTART_POLICIES : ['Always'];
    const otherValuesDropped = gateStage(CONTAINER_RESTART_RULES, k8sMinor(context)) === 'alpha';
    const out: Violation[] = [];
    for (const c of view.containers) {
      if (c.list !== 'initContainers') continue;
      const policy = c.container.restartPolicy;
      const hasPolicy = policy !== undefined && policy !== null;
      if (sidecars && hasPolicy && !otherValuesDropped && !(typeof policy === 'string' && allowed.includes(policy))) {
        out.push(notSupported(child(c.path, 'restartPolicy'), policy, allowed,
          allowed.length === 1
            ? 'the only restartPolicy an init container takes is Always (a sidecar); remove it for a plain init container'
            : 'use Always for a sidecar, OnFailure or Never for a plain init container, or remove it to follow the pod\'s restartPolicy',
          view.note));
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
