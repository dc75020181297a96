/** api-server/probe: readiness, liveness and startup probes as validation.go checks them. */
import type { Violation } from '../../finding';
import { child } from '../../field-path';
import { isMap, type JsonMap } from '../../pod-template';
import type { Rule } from '../../rule';
import { container, deployment, pod } from './fixtures';
import { IS_NEGATIVE, invalid } from './field-error';
import { checkHandler, PROBE_ACTIONS } from './handlers';
import { mayHaveProbes, podView } from './pod-view';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
type ProbeField = typeof PROBES[number];
const COUNTERS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const;

function checkProbe(probe: JsonMap, kind: ProbeField, path: string, out: Violation[], note?: string): void {
  checkHandler(probe, path, PROBE_ACTIONS, out, note);
  // A 0 (or missing) counter means "use the default": only negative numbers are errors.
  for (const field of COUNTERS) {
    const v = probe[field];
    if (typeof v === 'number' && v < 0) out.push(invalid(child(path, field), v, IS_NEGATIVE, `use 0 for the default or a positive number of ${field.endsWith('Seconds') ? 'seconds' : 'probes'}`, note));
  }
  const grace = probe.terminationGracePeriodSeconds;
  if (typeof grace === 'number' && grace <= 0) {
    out.push(invalid(child(path, 'terminationGracePeriodSeconds'), grace, 'must be greater than 0', 'remove it to use the pod\'s terminationGracePeriodSeconds, or give a positive number', note));
  }
  if (kind === 'readinessProbe') {
    if (grace !== undefined && grace !== null) {
      out.push(invalid(child(path, 'terminationGracePeriodSeconds'), grace, 'must not be set for readinessProbes', 'remove it: a failing readiness probe never kills the container', note));
    }
  } else {
    // successThreshold defaults to 1 when 0 or missing.
    const s = probe.successThreshold;
    const effective = typeof s === 'number' && s !== 0 ? s : 1;
    if (typeof s === 'number' && effective !== 1) {
      out.push(invalid(child(path, 'successThreshold'), s, 'must be 1', `remove successThreshold from the ${kind} (it can only be 1)`, note));
    }
  }
}

const tcp = { tcpSocket: { port: 8080 } };

export const probeRule: Rule = {
  id: 'api-server/probe',
  category: 'api-server',
  severity: 'error',
  summary: 'Probes have exactly one handler, no negative counters, successThreshold 1 on liveness/startup, and a valid probe-level grace period.',
  docs: 'kube-apiserver (1.28 to 1.35 alike) rejects a Pod or pod template whose probe has no handler ("must specify a handler type") or more than one ("may not specify more than 1 handler type"), a negative initialDelaySeconds, timeoutSeconds, periodSeconds, successThreshold or failureThreshold, a liveness or startup successThreshold other than 1 ("must be 1"), a probe-level terminationGracePeriodSeconds that is not > 0, or one on a readiness probe ("must not be set for readinessProbes"); httpGet ports must be 1-65535 or an IANA port name, the scheme HTTP or HTTPS, header names letters, digits and "-"; grpc ports 1-65535 (validation.go: validateProbe, validateLivenessProbe, validateReadinessProbe, validateStartupProbe, validateHandler, validateHTTPGetAction). It checks after defaulting as the server does: a 0 or missing counter means the default, an httpGet without path gets "/", without scheme HTTP. Probes on plain init containers are the init-container rule\'s business; from 1.29 (SidecarContainers on by default) a sidecar init container\'s probes are checked here like an app container\'s (https://github.com/kubernetes/kubernetes/blob/v1.29.0/pkg/apis/core/validation/validation.go, validateInitContainers). Probe-level terminationGracePeriodSeconds is checked on every supported version: its gate, ProbeTerminationGracePeriod, is on by default since 1.25 and GA (locked on) in 1.28.',
  fix: 'Give each probe exactly one of exec, httpGet, tcpSocket or grpc; use 0 or positive numbers; leave successThreshold at 1 on liveness and startup probes; put terminationGracePeriodSeconds (> 0) only on liveness or startup probes.',
  fixtures: {
    good: [
      deployment({ containers: [container({ readinessProbe: { httpGet: { port: 'http' }, periodSeconds: 0 }, livenessProbe: { ...tcp, successThreshold: 0, terminationGracePeriodSeconds: 10 }, startupProbe: { grpc: { port: 9090 } } })] }),
    ],
    bad: [
      deployment({ containers: [container({ livenessProbe: { ...tcp, successThreshold: 2 } })] }),
      pod({ containers: [container({ readinessProbe: { ...tcp, exec: { command: ['true'] } } })] }),
      pod({ containers: [container({ readinessProbe: { periodSeconds: 5 } })] }),
      pod({ containers: [container({ readinessProbe: { ...tcp, terminationGracePeriodSeconds: 5 } })] }),
      pod({ containers: [container({ startupProbe: { httpGet: { port: 8080, scheme: 'http' } } })] }),
    ],
  },
  check(object, context) {
    const view = podView(object);
    if (!view) return [];
    const out: Violation[] = [];
    for (const c of view.containers) {
      if (!mayHaveProbes(c, context)) continue;
      for (const kind of PROBES) {
        const probe = c.container[kind];
        if (isMap(probe)) checkProbe(probe, kind, child(c.path, kind), out, view.note);
      }
    }
    return out;
  },
};
