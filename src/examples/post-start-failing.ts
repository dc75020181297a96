/**
 * seeds/000, figure 1.4: a postStart hook that exits 1. The kubelet kills the container and
 * restarts it, over and over (CrashLoopBackOff); `kubectl get pods -w` shows
 * `PostStartHookError`, and the `FailedPostStartHook` event carries the command, its exit code
 * and its output. FAILS ON PURPOSE: labelled `fails-on-purpose`; delete it when you have seen it.
 */
import { App, Chart } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { LifecycleHook } from '../hooks/lifecycle-hook';
import { ProbeCheck } from '../probes/probe-check';
import { demoResources, describeDemo, DemoOutcome, fallbackToLogsOnError, IMAGES, NGINX_SECURITY, probesFor } from './support';

/** The hook's output lands in the FailedPostStartHook event's message. */
export const FAILING_POST_START_SCRIPT = "echo 'Emulating a post-start hook failure'; exit 1";

export function postStartFailing(app: App): Chart {
  const chart = new Chart(app, 'post-start-failing');
  const pod = new plus.Pod(chart, 'pod', { metadata: { name: 'yunpan-poststart-fail' } });
  const probes = probesFor(pod, { check: ProbeCheck.httpGet('/', { port: 'http' }) });
  const nginx = pod.addContainer({
    name: 'nginx',
    image: IMAGES.nginx,
    ports: [{ number: 8080, name: 'http' }],
    securityContext: NGINX_SECURITY,
    resources: demoResources(64),
    ...probes,
    lifecycle: { postStart: LifecycleHook.shell(FAILING_POST_START_SCRIPT).toCdk8sPlus() },
  });
  nginx.mount('/tmp', plus.Volume.fromEmptyDir(chart, 'tmp', 'tmp'));
  fallbackToLogsOnError(pod);
  describeDemo(pod, '000', DemoOutcome.FAILS_ON_PURPOSE,
    'postStart exits 1 on purpose: watch PostStartHookError and the FailedPostStartHook event, then delete the pod');
  return chart;
}
