/**
 * seeds/003, section 5: both hooks on one container.
 *
 * - postStart adds an iptables rule that redirects port 8080 to the app's port 80 (NET_ADMIN).
 *   The pod's network namespace outlives a container restart, and postStart runs again on every
 *   restart: the seed's `iptables -A` would stack a duplicate rule each time. Check (`-C`) first.
 *   Privileged setup like this is better done once in an init container, leaving the app
 *   container without NET_ADMIN (the seed says so itself); it stays here because hooks are the
 *   subject of the demo.
 * - preStop: the seed's `while killall python3; do sleep 1; done` never ends if python3 ignores
 *   the signal, and holds the pod in Terminating until the grace period runs out. The loop is
 *   bounded, and the grace period is computed from it.
 */
import { App, Chart, Duration } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { PRESTOP_SECONDS_ANNOTATION, SHUTDOWN_SECONDS_ANNOTATION } from '../analysis/annotations';
import { LifecycleHook } from '../hooks/lifecycle-hook';
import { ProbeCheck } from '../probes/probe-check';
import { budgetSeconds, DEFAULT_MARGIN_SECONDS, type BudgetPart } from '../timing/termination-budget';
import {
  DEMOAPP_POD_SECURITY, DEMOAPP_SECURITY, demoResources, describeDemo, DemoOutcome, fallbackToLogsOnError, IMAGES, probesFor, script,
} from './support';

const REDIRECT_RULE = 'PREROUTING -p tcp --dport 8080 -j REDIRECT --to-ports 80';

/** Idempotent: adds the rule only when it is not there yet. */
export const IPTABLES_REDIRECT_SCRIPT = `iptables -t nat -C ${REDIRECT_RULE} 2>/dev/null || iptables -t nat -A ${REDIRECT_RULE}`;

/** At most this many rounds of `killall python3` one second apart. */
export const KILL_ROUNDS = 10;

export const BOUNDED_KILL_SCRIPT = script(
  'i=0',
  `while [ "$i" -lt ${KILL_ROUNDS} ] && killall python3 2>/dev/null; do`,
  '  sleep 1',
  '  i=$((i + 1))',
  'done',
);

export function lifecycleDemo(app: App): Chart {
  const chart = new Chart(app, 'lifecycle-demo');
  const budget: BudgetPart[] = [
    { name: 'preStop', seconds: KILL_ROUNDS, why: `at most ${KILL_ROUNDS} rounds of killall, 1 s apart` },
    { name: 'shutdown', seconds: 2, why: 'python3 exits on SIGTERM' },
    { name: 'margin', seconds: DEFAULT_MARGIN_SECONDS, why: 'hook start-up and jitter' },
  ];
  const pod = new plus.Pod(chart, 'pod', {
    metadata: { name: 'lifecycle-demo' },
    securityContext: DEMOAPP_POD_SECURITY,
    terminationGracePeriod: Duration.seconds(budgetSeconds(budget)),
  });
  pod.addContainer({
    name: 'demo',
    image: IMAGES.demoapp,
    ports: [{ number: 80, name: 'http' }, { number: 8080, name: 'redirected' }],
    // iptables needs root and NET_ADMIN; demoapp runs as root anyway (see DEMOAPP_SECURITY).
    securityContext: { ...DEMOAPP_SECURITY, capabilities: { add: [plus.Capability.NET_ADMIN] } },
    resources: demoResources(128),
    ...probesFor(pod, {
      check: ProbeCheck.httpGet('/livez', { port: 'http' }),
      readiness: { check: ProbeCheck.httpGet('/readyz', { port: 'http' }) },
    }),
    lifecycle: {
      postStart: LifecycleHook.shell(IPTABLES_REDIRECT_SCRIPT).toCdk8sPlus(),
      preStop: LifecycleHook.shell(BOUNDED_KILL_SCRIPT, { expectedDuration: Duration.seconds(KILL_ROUNDS) }).toCdk8sPlus(),
    },
  });
  // A loop's duration cannot be read from the script; tell the linter and `explain`.
  pod.metadata.addAnnotation(PRESTOP_SECONDS_ANNOTATION, JSON.stringify({ demo: KILL_ROUNDS }));
  pod.metadata.addAnnotation(SHUTDOWN_SECONDS_ANNOTATION, JSON.stringify({ demo: 2 }));
  fallbackToLogsOnError(pod);
  describeDemo(pod, '003', DemoOutcome.RUNS,
    'postStart redirects 8080 to 80 (kubectl exec lifecycle-demo -- iptables -vnL -t nat); preStop kills python3 in a bounded loop');
  return chart;
}
