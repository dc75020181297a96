/** api-server/host-port: host ports do not collide, and match containerPort under hostNetwork. */
import type { Violation } from '../../finding';
import { child, index } from '../../field-path';
import type { ContainerAt } from '../../pod-template';
import type { Rule } from '../../rule';
import { container, deployment, pod } from './fixtures';
import { duplicate, invalid } from './field-error';
import { eachMap, podView } from './pod-view';

function numberOr0(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

/**
 * AccumulateUniqueHostPorts: `protocol/hostIP/hostPort` must be unique. In a Pod with hostNetwork
 * a missing hostPort is defaulted to containerPort first (since 1.28 for Pods only, not for pod
 * templates: DefaultHostNetworkHostPortsInPodTemplates is off, and stays off in later releases).
 */
function accumulate(containers: readonly ContainerAt[], seen: Set<string>, defaultFromContainerPort: boolean, out: Violation[], note?: string): void {
  for (const c of containers) {
    const at = child(c.path, 'ports');
    eachMap(c.container.ports, (port, i) => {
      let hostPort = numberOr0(port.hostPort);
      if (hostPort === 0 && defaultFromContainerPort) hostPort = numberOr0(port.containerPort);
      if (hostPort === 0) return;
      const protocol = typeof port.protocol === 'string' && port.protocol !== '' ? port.protocol : 'TCP';
      const hostIP = typeof port.hostIP === 'string' ? port.hostIP : '';
      const key = `${protocol}/${hostIP}/${hostPort}`;
      if (seen.has(key)) {
        out.push(duplicate(child(index(at, i), 'hostPort'), key, 'two ports of the pod claim the same host port, protocol and host IP: change or remove one hostPort', note));
      } else {
        seen.add(key);
      }
    });
  }
}

export const hostPortRule: Rule = {
  id: 'api-server/host-port',
  category: 'api-server',
  severity: 'error',
  summary: 'No two app-container ports claim the same hostPort/protocol/hostIP, and under hostNetwork hostPort equals containerPort.',
  docs: 'validateContainers and validateInitContainers (validation.go, checkHostPortConflicts/AccumulateUniqueHostPorts) reject two ports with the same protocol, hostIP and hostPort across the app containers of a pod ("Duplicate value: \\"TCP//8080\\""), and within any single init container (init containers run one at a time, so they may reuse an app container\'s host port). With hostNetwork: true, validatePodHostNetworkDeps requires an app container\'s hostPort to equal its containerPort ("must match `containerPort` when `hostNetwork` is true"); in a Pod a missing hostPort is defaulted to containerPort before that, in a pod template it may stay 0. The API server reports an init container\'s duplicate under index 0 whatever its index; this rule names the real container.',
  fix: 'Give each host port one owner per protocol and host IP; under hostNetwork set hostPort equal to containerPort or leave it out.',
  fixtures: {
    good: [
      deployment({ containers: [container({ ports: [{ containerPort: 80, hostPort: 80 }, { containerPort: 80, hostPort: 80, protocol: 'UDP' }] })] }),
      pod({ hostNetwork: true, containers: [container({ ports: [{ containerPort: 8080 }] })] }),
    ],
    bad: [
      deployment({ containers: [container({ ports: [{ containerPort: 80, hostPort: 8080 }] }), { name: 'b', image: 'nginx', ports: [{ containerPort: 81, hostPort: 8080 }] }] }),
      pod({ hostNetwork: true, containers: [container({ ports: [{ containerPort: 8080, hostPort: 80 }] })] }),
      pod({ hostNetwork: true, containers: [container({ ports: [{ containerPort: 8080 }] }), { name: 'b', image: 'nginx', ports: [{ containerPort: 8080 }] }] }),
    ],
  },
  check(object) {
    const view = podView(object);
    if (!view) return [];
    const note = view.note;
    const hostNetwork = view.pod.spec.hostNetwork === true;
    const isPod = view.kind === 'Pod';
    const defaulted = hostNetwork && isPod;
    const out: Violation[] = [];
    const apps: ContainerAt[] = [];
    for (const c of view.containers) {
      if (c.list === 'initContainers') accumulate([c], new Set(), defaulted, out, note);
      else apps.push(c);
    }
    accumulate(apps, new Set(), defaulted, out, note);
    if (hostNetwork) {
      for (const c of apps) {
        const at = child(c.path, 'ports');
        eachMap(c.container.ports, (port, i) => {
          const cp = numberOr0(port.containerPort);
          const hp = numberOr0(port.hostPort);
          const effective = isPod && hp === 0 ? cp : hp;
          if ((isPod || hp !== 0) && effective !== cp) {
            out.push(invalid(child(index(at, i), 'hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true', `set hostPort to ${cp} or leave it out: with hostNetwork the container listens on the node's port directly`, note));
          }
        });
      }
    }
    return out;
  },
};
