/**
 * seeds/003, section 3.3: tcpSocket liveness probes.
 *
 * A tcpSocket check only proves that the port accepts connections: a hung app with an open port
 * passes it. That is why readiness here is an HTTP check of the app, and tcpSocket stays only on
 * liveness, the subject of the demo.
 *
 * - `liveness-tcpsocket-demo` (demoapp) keeps NET_ADMIN so you can break it:
 *   `kubectl exec liveness-tcpsocket-demo -- iptables -A INPUT -p tcp --dport 80 -j REJECT`
 *   and watch the restart. NET_ADMIN in an app container is for this demo only.
 * - `nginx-tcp-liveness-probe`: kill nginx (`kubectl exec nginx-tcp-liveness-probe -- kill 1`)
 *   and watch the restart.
 *
 * The seed's `initialDelaySeconds: 3`/`5` become startup probes.
 */
import { App, Chart } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { ProbeCheck } from '../probes/probe-check';
import { DEMOAPP_POD_SECURITY, DEMOAPP_SECURITY, DemoOutcome, demoResources, describeDemo, fallbackToLogsOnError, IMAGES, nginxContainer, probesFor } from './support';

export function livenessTcp(app: App): Chart {
  const chart = new Chart(app, 'liveness-tcp');

  const demo = new plus.Pod(chart, 'demoapp', { metadata: { name: 'liveness-tcpsocket-demo' }, securityContext: DEMOAPP_POD_SECURITY });
  demo.addContainer({
    name: 'demo',
    image: IMAGES.demoapp,
    ports: [{ number: 80, name: 'http' }],
    securityContext: { ...DEMOAPP_SECURITY, capabilities: { add: [plus.Capability.NET_ADMIN] } },
    resources: demoResources(128),
    ...probesFor(demo, {
      check: ProbeCheck.tcpSocket('http'),
      readiness: { check: ProbeCheck.httpGet('/readyz', { port: 'http' }) },
    }),
  });
  fallbackToLogsOnError(demo);
  describeDemo(demo, '003', DemoOutcome.RUNS,
    'tcpSocket liveness; break it with: kubectl exec liveness-tcpsocket-demo -- iptables -A INPUT -p tcp --dport 80 -j REJECT');

  const nginx = new plus.Pod(chart, 'nginx', { metadata: { name: 'nginx-tcp-liveness-probe' } });
  const container = nginx.addContainer({
    ...nginxContainer(),
    ...probesFor(nginx, {
      check: ProbeCheck.tcpSocket('http'),
      readiness: { check: ProbeCheck.httpGet('/', { port: 'http' }) },
    }),
  });
  container.mount('/tmp', plus.Volume.fromEmptyDir(chart, 'tmp', 'tmp'));
  fallbackToLogsOnError(nginx);
  describeDemo(nginx, '003', DemoOutcome.RUNS,
    'tcpSocket liveness on nginx; kill it with: kubectl exec nginx-tcp-liveness-probe -- kill 1');
  return chart;
}
