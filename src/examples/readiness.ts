/**
 * seeds/003, section 4: readiness probes and the Service they gate.
 *
 * - `readiness-httpget-demo` (demoapp): the seed holds readiness back with
 *   `initialDelaySeconds: 15`. A startup probe does it better: the pod is routed to as soon as
 *   the app is up, not after a fixed guess, and liveness is covered too.
 * - `nginx-server` (the seed's Example 2, a Deployment and its Service): readiness GETs
 *   /test.html, which does not exist, so the Service has no endpoints until you create it, in
 *   every pod (each of the 2 replicas has its own document root, and so does every pod that
 *   replaces one): see READINESS_NOTE. UNREADY UNTIL YOU ACT. The seed named the Deployment `nginx-tcp-liveness-probe` (it has no
 *   tcp probe) and labelled the Service `app: nginx` while selecting `app: nginx-server`; here
 *   one name serves the Deployment, Service and PodDisruptionBudget, and the Service selects
 *   exactly the Deployment's pods.
 *
 * The document root must be writable for that `kubectl exec` to work, while the root filesystem
 * stays read-only: an init container copies the image's pages into an emptyDir that nginx then
 * serves. This is the general recipe for an image directory you need to write to.
 */
import { App, Chart, Duration } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { GracefulWebService } from '../graceful-web-service';
import { ProbeCheck } from '../probes/probe-check';
import { DEMOAPP_POD_SECURITY, demoappContainer, DemoOutcome, demoResources, describeDemo, fallbackToLogsOnError, IMAGES, NGINX_SECURITY, probesFor } from './support';

const HTML_ROOT = '/usr/share/nginx/html';
const HTML_COPY = '/html-copy';

/** Copies the image's document root into the emptyDir (trailing `/.` copies dot files too). */
export const COPY_HTML_SCRIPT = `cp -R ${HTML_ROOT}/. ${HTML_COPY}/`;

/** A pod label of the nginx-server pods, for kubectl: the Service selects them by cdk8s's own label. */
export const NGINX_SERVER_LABEL = { app: 'nginx-server' } as const;

/** What to run to make every nginx-server pod ready: the file goes into each pod's own emptyDir. */
export const READINESS_NOTE = 'readiness GETs /test.html, which does not exist; create it in every pod (2 replicas, and again in any pod that replaces one): '
  + `for pod in $(kubectl get pods -l app=${NGINX_SERVER_LABEL.app} -o name); do kubectl exec "$pod" -c app -- sh -c 'echo ready > ${HTML_ROOT}/test.html'; done`;

export function readiness(app: App): Chart {
  const chart = new Chart(app, 'readiness');

  const demo = new plus.Pod(chart, 'demoapp', { metadata: { name: 'readiness-httpget-demo' }, securityContext: DEMOAPP_POD_SECURITY });
  demo.addContainer({
    ...demoappContainer(),
    ...probesFor(demo, {
      check: ProbeCheck.httpGet('/livez', { port: 'http' }),
      readiness: { check: ProbeCheck.httpGet('/readyz', { port: 'http' }), timeout: Duration.seconds(2) },
      startup: { maxStartupTime: Duration.seconds(30) },
    }),
  });
  fallbackToLogsOnError(demo);
  describeDemo(demo, '003', DemoOutcome.RUNS, 'readiness on /readyz, held back by a startup probe instead of initialDelaySeconds: 15');

  const site = new GracefulWebService(chart, 'nginx', {
    name: 'nginx-server',
    image: IMAGES.nginx,
    port: 8080,
    replicas: 2,
    healthPath: '/index.html',
    readiness: { path: '/test.html' },
    podLabels: NGINX_SERVER_LABEL,
    preStopCommand: ['nginx', '-s', 'quit'],
    shutdownTimeout: Duration.seconds(10),
    securityContext: NGINX_SECURITY,
    writablePaths: ['/tmp'],
    resources: demoResources(64),
  });
  const html = plus.Volume.fromEmptyDir(chart, 'html', 'html');
  site.container.mount(HTML_ROOT, html);
  // Through the construct, so the init container also shows its last log lines when it fails.
  site.addInitContainer({
    name: 'copy-html',
    image: IMAGES.nginx,
    command: ['sh', '-c', COPY_HTML_SCRIPT],
    securityContext: NGINX_SECURITY,
    resources: demoResources(16),
    volumeMounts: [{ path: HTML_COPY, volume: html }],
  });
  describeDemo(site.deployment, '003', DemoOutcome.UNREADY_UNTIL_YOU_ACT, READINESS_NOTE);
  return chart;
}
