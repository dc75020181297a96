/**
 * seeds/003, sections 2.3 and 3.1: exec liveness probes.
 *
 * - `liveness-exec` (busybox): the container deletes /tmp/healthy after 30 s, liveness
 *   (`cat /tmp/healthy`) starts failing and the kubelet restarts the container. RESTARTS ON
 *   PURPOSE. Readiness uses the same file but reacts first (5 s instead of 15 s), so a real
 *   service would stop getting traffic before it is restarted.
 * - `liveness-exec-demo` (demoapp): the seed's `[ "$(curl -s 127.0.0.1/livez)" == "OK" ]` uses
 *   `==`, a bashism: busybox ash (alpine) tolerates it, but dash, /bin/sh of Debian and Ubuntu
 *   images, fails with "unexpected operator", the probe then always fails and the container
 *   restart-loops. POSIX `test` compares with `=`.
 *   curl also gets `-f` (HTTP errors fail) and `-m` (a hung app fails the probe instead of
 *   hanging it).
 *
 * Both replace `initialDelaySeconds: 5` with a startup probe: it stops waiting as soon as the
 * app is up, and does not delay liveness after every restart by a fixed guess.
 */
import { App, Chart, Duration } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { ProbeCheck } from '../probes/probe-check';
import { BUSYBOX_SECURITY, DEMOAPP_POD_SECURITY, demoappContainer, DemoOutcome, demoResources, describeDemo, fallbackToLogsOnError, IMAGES, probesFor } from './support';

/** busybox's main process: healthy for 30 s, then not. */
export const HEALTHY_FOR_30S_SCRIPT = 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600';

/** demoapp's `/livez` answers `OK` while live. */
export const CURL_LIVEZ_SCRIPT = '[ "$(curl -fsS -m 1 http://127.0.0.1:80/livez)" = OK ]';

export function livenessExec(app: App): Chart {
  const chart = new Chart(app, 'liveness-exec');

  const busybox = new plus.Pod(chart, 'busybox', { metadata: { name: 'liveness-exec' } });
  const healthy = ProbeCheck.exec(['cat', '/tmp/healthy']);
  const busyboxProbes = probesFor(busybox, {
    check: healthy,
    readiness: { period: Duration.seconds(5), failureThreshold: 1 },
    liveness: { period: Duration.seconds(5), failureThreshold: 3 },
    startup: { period: Duration.seconds(1), maxStartupTime: Duration.seconds(10) },
  });
  const main = busybox.addContainer({
    name: 'liveness',
    image: IMAGES.busybox,
    command: ['sh', '-c', HEALTHY_FOR_30S_SCRIPT],
    securityContext: BUSYBOX_SECURITY,
    resources: demoResources(16),
    ...busyboxProbes,
  });
  // The root filesystem is read-only; /tmp is a writable emptyDir (world-writable, so UID 65534 may write).
  main.mount('/tmp', plus.Volume.fromEmptyDir(chart, 'tmp', 'tmp'));
  fallbackToLogsOnError(busybox);
  describeDemo(busybox, '003', DemoOutcome.RESTARTS_ON_PURPOSE,
    '/tmp/healthy disappears after 30 s: watch readiness fail first, then liveness restart the container');

  const demo = new plus.Pod(chart, 'demoapp', { metadata: { name: 'liveness-exec-demo' }, securityContext: DEMOAPP_POD_SECURITY });
  const demoProbes = probesFor(demo, {
    check: ProbeCheck.exec(['sh', '-c', CURL_LIVEZ_SCRIPT]),
    readiness: { check: ProbeCheck.httpGet('/readyz', { port: 'http' }) },
    startup: { check: ProbeCheck.httpGet('/livez', { port: 'http' }) },
  });
  demo.addContainer({
    ...demoappContainer(),
    ...demoProbes,
  });
  fallbackToLogsOnError(demo);
  describeDemo(demo, '003', DemoOutcome.RUNS,
    'exec liveness with POSIX test; make it fail with: curl -X POST -d livez=FAIL http://<pod-ip>/livez');
  return chart;
}
