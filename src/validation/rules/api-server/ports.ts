/** api-server/container-port: each container's `ports` as validateContainerPorts checks them. */
import type { Violation } from '../../finding';
import { child, index } from '../../field-path';
import type { Rule } from '../../rule';
import { container, deployment, pod } from './fixtures';
import { duplicate, invalid, notSupported, required } from './field-error';
import { isValidPortName, isValidPortNum } from './k8s-formats';
import { eachMap, podView } from './pod-view';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const NAME_FIX = 'port names are IANA service names: at most 15 lowercase letters, digits and "-", with at least one letter and no leading, trailing or double "-"';

export const containerPortRule: Rule = {
  id: 'api-server/container-port',
  category: 'api-server',
  severity: 'error',
  summary: 'Container ports are 1-65535 (hostPort 0-65535), named with unique IANA service names, with protocol TCP, UDP or SCTP.',
  docs: 'validateContainerPorts (validation.go) requires containerPort (1-65535), a hostPort of 0 (none) or 1-65535, a protocol of TCP, UDP or SCTP in upper case (defaulted to TCP when missing), and a name, when given, that is an IANA_SVC_NAME (IsValidPortName: at most 15 characters, only a-z, 0-9 and "-", at least one letter, no leading, trailing or consecutive hyphens) and unique within the container. Probes and hooks refer to ports by these names, so a name the API server rejects cannot be used anywhere.',
  fix: 'Use containerPort 1-65535, a short unique lowercase port name such as "http", and protocol TCP, UDP or SCTP.',
  fixtures: {
    good: [
      deployment({ containers: [container({ ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090, protocol: 'TCP' }, { containerPort: 5353, protocol: 'UDP' }] })] }),
    ],
    bad: [
      deployment({ containers: [container({ ports: [{ name: 'http_api', containerPort: 8080 }] })] }),
      pod({ containers: [container({ ports: [{ name: 'http', containerPort: 8080 }, { name: 'http', containerPort: 8081 }] })] }),
      pod({ containers: [container({ ports: [{ containerPort: 70000 }] })] }),
      pod({ containers: [container({ ports: [{ containerPort: 53, protocol: 'udp' }] })] }),
      pod({ containers: [container({ ports: [{ name: 'http' }] })] }),
    ],
  },
  check(object) {
    const view = podView(object);
    if (!view) return [];
    const note = view.note;
    const out: Violation[] = [];
    for (const c of view.containers) {
      const at = child(c.path, 'ports');
      let names: Set<string> | undefined;
      eachMap(c.container.ports, (port, i) => {
        const p = index(at, i);
        const name = port.name;
        if (typeof name === 'string' && name.length > 0) {
          const msgs = isValidPortName(name);
          if (msgs.length > 0) {
            for (const msg of msgs) out.push(invalid(child(p, 'name'), name, msg, NAME_FIX, note));
          } else if (names?.has(name)) {
            out.push(duplicate(child(p, 'name'), name, 'port names must be unique within a container', note));
          } else {
            (names ??= new Set()).add(name);
          }
        }
        const cp = port.containerPort;
        if (cp === undefined || cp === null || cp === 0) {
          out.push(required(child(p, 'containerPort'), undefined, 'give the port number the container listens on', note));
        } else if (typeof cp === 'number') {
          for (const msg of isValidPortNum(cp)) out.push(invalid(child(p, 'containerPort'), cp, msg, 'use a port number between 1 and 65535', note));
        }
        const hp = port.hostPort;
        if (typeof hp === 'number' && hp !== 0) {
          for (const msg of isValidPortNum(hp)) out.push(invalid(child(p, 'hostPort'), hp, msg, 'use a host port between 1 and 65535, or leave hostPort out', note));
        }
        const protocol = port.protocol;
        if (typeof protocol === 'string' && protocol !== '' && !PROTOCOLS.includes(protocol)) {
          out.push(notSupported(child(p, 'protocol'), protocol, PROTOCOLS, 'use TCP, UDP or SCTP in upper case', note));
        }
      });
    }
    return out;
  },
};
