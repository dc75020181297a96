/**
 * seeds/003, section 3.4: an httpGet liveness probe. Any status from 200 to 399 is a success.
 * The seed's `initialDelaySeconds: 5` becomes a startup probe; readiness (`/readyz`) is added
 * and reacts faster than liveness (`/livez`), so a failing pod leaves the Service before it is
 * restarted.
 */
import { App, Chart } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { ProbeCheck } from '../probes/probe-check';
import { DEMOAPP_POD_SECURITY, demoappContainer, DemoOutcome, describeDemo, fallbackToLogsOnError, probesFor } from './support';

export function livenessHttp(app: App): Chart {
  const chart = new Chart(app, 'liveness-http');
  const pod = new plus.Pod(chart, 'pod', { metadata: { name: 'liveness-httpget-demo' }, securityContext: DEMOAPP_POD_SECURITY });
  pod.addContainer({
    ...demoappContainer(),
    ...probesFor(pod, {
      check: ProbeCheck.httpGet('/livez', { port: 'http' }),
      readiness: { check: ProbeCheck.httpGet('/readyz', { port: 'http' }) },
    }),
  });
  fallbackToLogsOnError(pod);
  describeDemo(pod, '003', DemoOutcome.RUNS,
    'httpGet liveness on /livez; make it fail with: curl -X POST -d livez=FAIL http://<pod-ip>/livez');
  return chart;
}
