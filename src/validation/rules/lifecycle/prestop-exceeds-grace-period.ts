import { PRESTOP_SECONDS_ANNOTATION } from '../../../analysis/annotations';
import { KUBELET_MIN_SECONDS_AFTER_PRESTOP } from '../../../timing/termination-budget';
import type { Violation } from '../../finding';
import type { Rule } from '../../rule';
import { deployment } from './fixtures';
import { containerLabel, graceLabel, podViewOf, secs } from './pod-view';

const NACOS_PRESTOP = {
  name: 'admin',
  image: 'registry.example.com/jdd-parking-cloud-admin:1.4.2',
  ports: [{ name: 'http', containerPort: 8093 }],
  lifecycle: { preStop: { exec: { command: ['sh', '-c', 'curl -fsS -X PUT "$NACOS_DISABLE_URL" || exit 1; sleep 45'] } } },
};

/**
 * A preStop whose known duration uses up the grace period: the kubelet abandons the hook when the
 * grace period runs out and gives the app the 2 s floor before SIGKILL.
 */
export const preStopExceedsGracePeriod: Rule = {
  id: 'lifecycle/prestop-exceeds-grace-period',
  category: 'lifecycle',
  severity: 'error',
  summary: 'A preStop hook known to run as long as the grace period, or longer.',
  docs: 'The grace period clock (`terminationGracePeriodSeconds`, default 30 s) runs from the moment the pod is '
    + 'deleted, through the preStop hook, to SIGKILL '
    + '(https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination). The kubelet runs '
    + 'preStop with the grace period as its timeout and abandons it ("PreStop hook not completed in grace period"), '
    + 'then sends SIGTERM with what is left, at least 2 s (`minimumGracePeriodInSeconds` in '
    + 'https://github.com/kubernetes/kubernetes/blob/v1.28.0/pkg/kubelet/kuberuntime/kuberuntime_container.go). A '
    + 'preStop whose sleeps (or the `lifecycle.cdk8s.io/prestop-seconds` annotation, which wins over the sleeps) '
    + 'reach the grace period is cut short and the app is SIGKILLed 2 s after SIGTERM, in the middle of its '
    + 'shutdown: a Nacos preStop that sleeps 45 s, for instance, needs the grace period raised from 30 s to well '
    + 'over 45 s. Error: with the values in the manifest, termination cannot go as written. Pods with a grace '
    + 'period of 0 are reported by lifecycle/prestop-with-zero-grace-period instead.',
  fix: 'raise terminationGracePeriodSeconds above the preStop\'s duration plus the app\'s shutdown time, or shorten the preStop',
  fixtures: {
    good: [
      deployment('nacos-admin', { terminationGracePeriodSeconds: 60, containers: [NACOS_PRESTOP] }),
      deployment('drain', {
        containers: [{ name: 'app', image: 'nginx:alpine', lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 5 && nginx -s quit'] } } } }],
      }),
    ],
    bad: [
      // seeds/001 before its fix: sleep 45 under the default 30 s.
      deployment('nacos-admin', { containers: [NACOS_PRESTOP] }),
      deployment('drain-annotated', {
        terminationGracePeriodSeconds: 40,
        containers: [{ name: 'app', image: 'app:1', lifecycle: { preStop: { exec: { command: ['/scripts/drain.sh'] } } } }],
      }, { annotations: { [PRESTOP_SECONDS_ANNOTATION]: '{"app": 40}' } }),
    ],
  },
  check(object) {
    const view = podViewOf(object);
    if (!view?.grace || view.grace.seconds === 0) return [];
    const grace = view.grace;
    const out: Violation[] = [];
    for (const c of view.containers) {
      if (!c.hooks.preStop || !c.preStop || c.preStop.seconds < grace.seconds) continue;
      // The app gets at least the kubelet's floor after the hook, whatever it declares.
      const needed = Math.ceil(c.preStop.seconds + Math.max(c.shutdownSeconds ?? 0, KUBELET_MIN_SECONDS_AFTER_PRESTOP));
      const parts = c.shutdownSeconds !== undefined && c.shutdownSeconds >= KUBELET_MIN_SECONDS_AFTER_PRESTOP
        ? `preStop ${secs(c.preStop.seconds)} + the app's shutdown ${secs(c.shutdownSeconds)}`
        : `preStop ${secs(c.preStop.seconds)} + the kubelet's ${secs(KUBELET_MIN_SECONDS_AFTER_PRESTOP)} floor for the app; add what the app needs after SIGTERM`;
      out.push({
        path: c.hooks.preStop.path,
        message: `the preStop of ${containerLabel(c)} runs ${secs(c.preStop.seconds)} (${c.preStop.source}), which `
          + `${c.preStop.seconds === grace.seconds ? 'uses up' : 'exceeds'} the pod's grace period of ${graceLabel(grace)}: `
          + `the kubelet abandons the hook when the grace period ends and SIGKILLs the app ${secs(KUBELET_MIN_SECONDS_AFTER_PRESTOP)} after SIGTERM`,
        fix: `raise ${grace.path} to at least ${needed} (${parts}), or shorten the preStop`,
      });
    }
    return out;
  },
};
