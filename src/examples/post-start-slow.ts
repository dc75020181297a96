/**
 * seeds/000, figure 1.3: a postStart hook that takes 60 s. Until it returns the container stays
 * `Waiting` (reason `ContainerCreating`): `kubectl logs` and `kubectl port-forward` refuse, yet
 * `kubectl exec yunpan-poststart-slow -- ps` shows nginx already running, and no probe runs.
 * A demo of what not to do; labelled `slow-on-purpose`.
 */
import { App, Chart, Duration } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { LifecycleHook } from '../hooks/lifecycle-hook';
import { ProbeCheck } from '../probes/probe-check';
import { demoResources, describeDemo, DemoOutcome, fallbackToLogsOnError, IMAGES, NGINX_SECURITY, probesFor } from './support';

export function postStartSlow(app: App): Chart {
  const chart = new Chart(app, 'post-start-slow');
  const pod = new plus.Pod(chart, 'pod', { metadata: { name: 'yunpan-poststart-slow' } });
  const probes = probesFor(pod, { check: ProbeCheck.httpGet('/', { port: 'http' }) });
  const nginx = pod.addContainer({
    name: 'nginx',
    image: IMAGES.nginx,
    ports: [{ number: 8080, name: 'http' }],
    securityContext: NGINX_SECURITY,
    resources: demoResources(64),
    ...probes,
    lifecycle: {
      // No shell needed for a plain sleep. The 60 s are the point of the demo.
      postStart: LifecycleHook.exec(['sleep', '60'], { expectedDuration: Duration.seconds(60) }).toCdk8sPlus(),
    },
  });
  nginx.mount('/tmp', plus.Volume.fromEmptyDir(chart, 'tmp', 'tmp'));
  fallbackToLogsOnError(pod);
  describeDemo(pod, '000', DemoOutcome.SLOW_ON_PURPOSE,
    'postStart sleeps 60 s: the container stays ContainerCreating, kubectl logs refuses, kubectl exec ... ps shows nginx running');
  return chart;
}
