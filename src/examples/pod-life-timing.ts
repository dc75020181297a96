/**
 * seeds/002: the pod-life timing Deployment ("loap"). An init container, the main container,
 * its postStart and preStop hooks and its probes each append a timestamped line to a shared
 * file, so the order and timing of a pod's life can be read back:
 *
 *   kubectl exec deploy/loap -c main -- cat /loap/timing
 *   kubectl logs -f deploy/loap -c main          # first, and leave it running
 *   kubectl scale deploy/loap --replicas=0        # then, in another terminal
 *
 * The timeline is printed as the pod stops; once it has stopped, the pod and its log are gone, so
 * `kubectl logs` after the scale-down finds nothing.
 *
 * What changes from the seed, and why:
 * - `apps/v1` (cdk8s-plus-28's Deployment); `apps/v1beta1` was removed in Kubernetes 1.16.
 * - An emptyDir instead of `hostPath: /tmp/loap`: hostPath writes to the node, needs root there,
 *   mixes the files of every pod on the node and is forbidden by the baseline Pod Security
 *   Standard. emptyDir is shared by the pod's containers and lives as long as the pod, so the
 *   main container prints the whole timeline to its log when it gets SIGTERM.
 * - The main container waits for SIGTERM and records it, instead of `sleep 10` and exiting
 *   (which, in a Deployment, restarts the container every 10 s); preStop and SIGTERM then show
 *   up in the timeline in the order the kubelet runs them.
 * - A startup probe is added, so its gating shows in the timeline too.
 */
import { App, Chart, Duration } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { LifecycleHook } from '../hooks/lifecycle-hook';
import { ProbeCheck } from '../probes/probe-check';
import { budgetSeconds, DEFAULT_MARGIN_SECONDS, type BudgetPart } from '../timing/termination-budget';
import { BUSYBOX_SECURITY, demoResources, describeDemo, DemoOutcome, fallbackToLogsOnError, IMAGES, probesFor, script } from './support';

const TIMING_FILE = '/loap/timing';

/** `echo "<epoch seconds>: <EVENT>" >> /loap/timing` */
export function recordScript(event: string): string {
  return `echo "$(date +%s): ${event}" >> ${TIMING_FILE}`;
}

/**
 * Records START, then waits; on SIGTERM records it, prints the timeline and exits 0. `sleep &`
 * plus `wait` lets the trap run as soon as the signal arrives, not after the sleep.
 */
export const MAIN_SCRIPT = script(
  `trap '${recordScript('SIGTERM')}; cat ${TIMING_FILE}; exit 0' TERM`,
  recordScript('START'),
  'while :; do',
  '  sleep 3600 &',
  '  wait "$!"',
  'done',
);

function recordCheck(event: string): ProbeCheck {
  return ProbeCheck.exec(['sh', '-c', recordScript(event)]);
}

export function podLifeTiming(app: App): Chart {
  const chart = new Chart(app, 'pod-life-timing');
  const budget: BudgetPart[] = [
    { name: 'preStop', seconds: 1, why: 'one echo' },
    { name: 'shutdown', seconds: 1, why: 'the SIGTERM trap records, prints and exits' },
    { name: 'margin', seconds: DEFAULT_MARGIN_SECONDS, why: 'hook start-up and jitter' },
  ];
  const deployment = new plus.Deployment(chart, 'loap', {
    metadata: { name: 'loap' },
    replicas: 1,
    terminationGracePeriod: Duration.seconds(budgetSeconds(budget)),
  });
  const timing = plus.Volume.fromEmptyDir(chart, 'timing', 'timing');

  deployment.addInitContainer({
    name: 'init',
    image: IMAGES.busybox,
    command: ['sh', '-c', recordScript('INIT')],
    securityContext: BUSYBOX_SECURITY,
    resources: demoResources(16),
    volumeMounts: [{ path: '/loap', volume: timing }],
  });

  const probes = probesFor(deployment, {
    check: recordCheck('LIVENESS'),
    readiness: { check: recordCheck('READINESS') },
    startup: { check: recordCheck('STARTUP'), maxStartupTime: Duration.seconds(10) },
  });
  deployment.addContainer({
    name: 'main',
    image: IMAGES.busybox,
    command: ['sh', '-c', MAIN_SCRIPT],
    securityContext: BUSYBOX_SECURITY,
    resources: demoResources(16),
    volumeMounts: [{ path: '/loap', volume: timing }],
    ...probes,
    lifecycle: {
      postStart: LifecycleHook.shell(recordScript('POST-START')).toCdk8sPlus(),
      preStop: LifecycleHook.shell(recordScript('PRE-STOP'), { expectedDuration: Duration.seconds(1) }).toCdk8sPlus(),
    },
  });
  fallbackToLogsOnError(deployment);
  describeDemo(deployment, '002', DemoOutcome.RUNS,
    'hooks and probes append timestamps to /loap/timing; start `kubectl logs -f deploy/loap -c main` first, then `kubectl scale deploy/loap --replicas=0` '
    + 'in another terminal: the main container prints the timeline as it stops, and the pod and its log are gone afterwards');
  return chart;
}
