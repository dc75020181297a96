/**
 * seeds/000, figure 1.4: a postStart hook that exits 1. The kubelet kills the container and
 * restarts it, over and over (CrashLoopBackOff); `kubectl get pods -w` shows
 * `PostStartHookError`, and the `FailedPostStartHook` event carries the command, its exit code
 * and its output. FAILS ON PURPOSE: labelled `fails-on-purpose`; delete it when you have seen it.
 */
import { App, Chart } from 'cdk8s';
import { LifecycleHook } from '../hooks/lifecycle-hook';
import { DemoOutcome, nginxPostStartDemoPod } from './support';

/** The hook's output lands in the FailedPostStartHook event's message. */
export const FAILING_POST_START_SCRIPT = "echo 'Emulating a post-start hook failure'; exit 1";

export function postStartFailing(app: App): Chart {
  const chart = new Chart(app, 'post-start-failing');
  nginxPostStartDemoPod(chart, 'yunpan-poststart-fail', LifecycleHook.shell(FAILING_POST_START_SCRIPT), DemoOutcome.FAILS_ON_PURPOSE,
    'postStart exits 1 on purpose: watch PostStartHookError and the FailedPostStartHook event, then delete the pod');
  return chart;
}
