import type { Rule } from '../../rule';
import { deployment, pod } from './fixtures';
import { KUBELET_SOURCE, POD_WORKERS_SOURCE } from './sources';
import { verdictViolations } from './timeline-verdicts';

/**
 * `terminationGracePeriodSeconds: 0` with a preStop: the pod leaves the API at once, and on the
 * node the hook starts but is cut off after about 1 s. `explain`'s `pre-stop-cut-off` verdict.
 */
export const preStopWithZeroGracePeriod: Rule = {
  id: 'lifecycle/prestop-with-zero-grace-period',
  category: 'lifecycle',
  severity: 'error',
  summary: 'A preStop hook in a pod whose grace period is 0.',
  docs: 'A grace period of 0 reads as "stop immediately via the kill signal (no opportunity to shut down)" (the PodSpec API '
    + 'reference), but that is not what happens to a preStop. The API server deletes such a pod from the API at once '
    + '(`CheckGracefulDelete` in pkg/registry/core/pod/strategy.go: "use the default value if set, or deletes the pod immediately (0)"), '
    + `so its endpoints go and its name may be reused while it still runs. On the node the kubelet never uses a grace period under 1 s: \`calculateEffectiveGracePeriod\` in ${POD_WORKERS_SOURCE} `
    + '("no matter what, we always supply a grace period of 1"), and `killContainer` applies that override before its check '
    + `\`if ... Lifecycle.PreStop != nil && gracePeriod > 0\` (${KUBELET_SOURCE}). So the preStop starts, `
    + '`executePreStopHook` waits for it at most 1 s, and the kubelet then sends SIGTERM and SIGKILLs 2 s later '
    + '(`minimumGracePeriodInSeconds`): a drain, `nginx -s quit` followed by a wait, or a Nacos deregistration is cut off after about 1 s '
    + '(kubernetes.io: "Pods that are set to terminate immediately will still be given a small grace period before being force killed", '
    + 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination-forced). The same judgement as `explain`\'s '
    + '`pre-stop-cut-off` verdict. Error: the manifest contradicts itself.',
  fix: 'remove terminationGracePeriodSeconds (30 s default) or set it above the preStop\'s duration plus the app\'s shutdown time; or remove the preStop',
  fixtures: {
    good: [
      pod('fortune', {
        terminationGracePeriodSeconds: 0,
        containers: [{ name: 'nginx', image: 'nginx:alpine' }],
      }),
      pod('fortune', {
        containers: [{ name: 'nginx', image: 'nginx:alpine', lifecycle: { preStop: { exec: { command: ['nginx', '-s', 'quit'] } } } }],
      }),
    ],
    bad: [
      deployment('fortune', {
        terminationGracePeriodSeconds: 0,
        containers: [{ name: 'nginx', image: 'nginx:alpine', lifecycle: { preStop: { exec: { command: ['nginx', '-s', 'quit'] } } } }],
      }),
    ],
  },
  check(object, context) {
    return verdictViolations(object, context, 'lifecycle/prestop-with-zero-grace-period');
  },
};
