/** api-server/lifecycle-handler: postStart and preStop handlers as validation.go of the target version checks them. */
import { POD_LIFECYCLE_SLEEP_ACTION, POD_LIFECYCLE_SLEEP_ACTION_ALLOW_ZERO } from '../../feature-gates';
import type { Violation } from '../../finding';
import { child } from '../../field-path';
import { isMap, type JsonMap } from '../../pod-template';
import type { Rule, RuleContext } from '../../rule';
import { invalid } from './field-error';
import { container, deployment, pod } from './fixtures';
import { checkHandler, LIFECYCLE_ACTIONS_128, LIFECYCLE_ACTIONS_130 } from './handlers';
import { gateOn, k8sMinor, mayHaveProbes, podView } from './pod-view';

const HOOKS = ['postStart', 'preStop'] as const;

/** SetDefaults_PodSpec: terminationGracePeriodSeconds defaults to 30. */
const DEFAULT_GRACE_PERIOD = 30;

/**
 * validateSleepAction: 1 second up to the pod's terminationGracePeriodSeconds (1.30-1.32); 0 too
 * from 1.33, where PodLifecycleSleepActionAllowZero is on by default.
 */
function sleepChecker(spec: JsonMap, context: RuleContext, out: Violation[], note?: string): (sleep: JsonMap, path: string) => void {
  const raw = spec.terminationGracePeriodSeconds;
  const grace = raw === undefined || raw === null ? DEFAULT_GRACE_PERIOD : raw;
  const allowZero = gateOn(POD_LIFECYCLE_SLEEP_ACTION_ALLOW_ZERO, context);
  const minor = k8sMinor(context);
  return (sleep, path) => {
    // A non-number grace period or seconds is a decoding error: the structure rules report it.
    if (typeof grace !== 'number') return;
    const seconds = sleep.seconds === undefined || sleep.seconds === null ? 0 : sleep.seconds;
    if (typeof seconds !== 'number') return;
    if (allowZero ? seconds >= 0 && seconds <= grace : seconds > 0 && seconds <= grace) return;
    const detail = allowZero
      ? `must be non-negative and less than terminationGracePeriodSeconds (${grace})`
      : `must be greater than 0 and less than terminationGracePeriodSeconds (${grace})${minor === 32 ? '. Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.' : ''}`;
    const fix = seconds > grace
      ? `sleep at most ${grace} s, or raise spec.terminationGracePeriodSeconds above ${seconds} (the grace period also has to cover the shutdown after the sleep)`
      : seconds === 0 && !allowZero
        ? 'sleep at least 1 second, or remove the hook; seconds: 0 is allowed from Kubernetes 1.33 (PodLifecycleSleepActionAllowZero on by default)'
        : 'use a number of seconds between 0 and the pod\'s terminationGracePeriodSeconds';
    out.push(invalid(path, seconds, detail, fix, note));
  };
}

export const lifecycleHandlerRule: Rule = {
  id: 'api-server/lifecycle-handler',
  category: 'api-server',
  severity: 'error',
  summary: 'postStart and preStop have exactly one handler, a non-empty exec command, valid ports, and a sleep within the grace period (1.30+).',
  docs: 'kube-apiserver validates each lifecycle handler with validateLifecycle/validateHandler (validation.go): exactly one action ("must specify a handler type", "may not specify more than 1 handler type"), a non-empty exec.command, an httpGet or tcpSocket port that is 1-65535 or an IANA port name, an httpGet scheme of HTTP or HTTPS and valid header names. httpGet.path and scheme are defaulted ("/", HTTP) before validation, so leaving them out is fine. A tcpSocket handler passes API validation even though the kubelet never runs it ("TCPSocket is NOT supported as a LifecycleHandler", types.go): that is the lifecycle/tcp-socket-hook rule\'s finding, not an API error. The actions follow the target version. 1.28: exec, httpGet or tcpSocket; `sleep` is an unknown field (structure/unknown-field), and a client that drops it leaves a handler with no action. 1.29: the sleep action exists but PodLifecycleSleepAction is alpha and off, so dropPodLifecycleSleepAction (pkg/api/pod/util.go) removes it, and a hook with only `sleep` disappears without an error (api-server/gated-field reports it; https://github.com/kubernetes/kubernetes/blob/v1.29.0/pkg/api/pod/util.go). 1.30 to 1.32: the gate is on (beta) and validateSleepAction requires 0 < seconds <= the pod\'s terminationGracePeriodSeconds, 30 when unset (https://github.com/kubernetes/kubernetes/blob/v1.30.0/pkg/apis/core/validation/validation.go). 1.33 on: PodLifecycleSleepActionAllowZero is on (beta, GA in 1.34) and seconds: 0 is valid too (https://github.com/kubernetes/kubernetes/blob/v1.33.0/pkg/apis/core/validation/validation.go).',
  fix: 'Give postStart/preStop exactly one of exec (with a non-empty command), httpGet (with a valid port) or, from 1.30, sleep (within the grace period).',
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
    const sleepOn = gateOn(POD_LIFECYCLE_SLEEP_ACTION, context);
    // 1.29: the gate is off and the API server drops the sleep action before validating.
    const sleepDropped = !sleepOn && k8sMinor(context) >= 29;
    const actions = sleepOn ? LIFECYCLE_ACTIONS_130 : LIFECYCLE_ACTIONS_128;
    const out: Violation[] = [];
    const checkSleep = sleepOn ? sleepChecker(view.pod.spec, context, out, view.note) : undefined;
    for (const c of view.containers) {
      if (!mayHaveProbes(c, context)) continue;
      const lifecycle = c.container.lifecycle;
      if (!isMap(lifecycle)) continue;
      const at = child(c.path, 'lifecycle');
      for (const hook of HOOKS) {
        const handler = lifecycle[hook];
        if (!isMap(handler)) continue;
        if (sleepDropped && isMap(handler.sleep) && !LIFECYCLE_ACTIONS_128.some(a => isMap(handler[a]))) continue;
        checkHandler(handler, child(at, hook), actions, out, view.note, checkSleep);
      }
    }
    return out;
  },
};
