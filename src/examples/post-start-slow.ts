/**
 * seeds/000, figure 1.3: a postStart hook that takes 60 s. Until it returns the container stays
 * `Waiting` (reason `ContainerCreating`): `kubectl logs` and `kubectl port-forward` refuse, yet
 * `kubectl exec yunpan-poststart-slow -- ps` shows nginx already running, and no probe runs.
 * A demo of what not to do; labelled `slow-on-purpose`.
 */
import { App, Chart, Duration } from 'cdk8s';
import { LifecycleHook } from '../hooks/lifecycle-hook';
import { DemoOutcome, nginxPostStartDemoPod } from './support';

export function postStartSlow(app: App): Chart {
  const chart = new Chart(app, 'post-start-slow');
  // No shell needed for a plain sleep. The 60 s are the point of the demo.
  nginxPostStartDemoPod(chart, 'yunpan-poststart-slow', LifecycleHook.exec(['sleep', '60'], { expectedDuration: Duration.seconds(60) }),
    DemoOutcome.SLOW_ON_PURPOSE,
    'postStart sleeps 60 s: the container stays ContainerCreating, kubectl logs refuses, kubectl exec ... ps shows nginx running');
  return chart;
}
