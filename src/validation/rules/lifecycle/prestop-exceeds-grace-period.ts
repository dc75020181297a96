import { PRESTOP_SECONDS_ANNOTATION } from '../../../analysis/annotations';
import type { Rule } from '../../rule';
import { deployment } from './fixtures';
import { KUBELET_SOURCE } from './sources';
import { verdictViolations } from './timeline-verdicts';

const NACOS_PRESTOP = {
  name: 'admin',
  image: 'registry.example.com/jdd-parking-cloud-admin:1.4.2',
  ports: [{ name: 'http', containerPort: 8093 }],
  lifecycle: { preStop: { exec: { command: ['sh', '-c', 'curl -fsS -X PUT "$NACOS_DISABLE_URL" || exit 1; sleep 45'] } } },
};

/**
 * A preStop whose known duration uses up the grace period: the kubelet abandons the hook when the
 * grace period runs out and gives the app the 2 s floor before SIGKILL. `explain`'s
 * `pre-stop-cut-off` verdict; both read timeline-verdicts.ts.
 */
export const preStopExceedsGracePeriod: Rule = {
  id: 'lifecycle/prestop-exceeds-grace-period',
  category: 'lifecycle',
  severity: 'error',
  summary: 'A preStop hook known to run as long as the grace period, or longer.',
  docs: 'The grace period clock (`terminationGracePeriodSeconds`, default 30 s) runs from the moment the pod is deleted, '
    + 'through the preStop hook, to SIGKILL ("Termination of Pods", https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination). '
    + `The kubelet runs preStop and waits for it at most the grace period (\`executePreStopHook\` in ${KUBELET_SOURCE}: "PreStop hook not completed in grace period"), `
    + 'then sends SIGTERM with what is left, at least 2 s (`minimumGracePeriodInSeconds` in `killContainer`). A preStop whose sleeps, bounded loops '
    + `(or the \`${PRESTOP_SECONDS_ANNOTATION}\` annotation, which wins over them) reach the grace period is cut short and the `
    + 'app is SIGKILLed 2 s after SIGTERM, in the middle of its shutdown: a Nacos preStop that sleeps 45 s needs a grace period of '
    + 'about 60 s, not the default 30. The same judgement as `explain`\'s `pre-stop-cut-off` verdict. Error: with the values in the '
    + 'manifest, termination cannot go as written. Pods with a grace period of 0 are reported by lifecycle/prestop-with-zero-grace-period instead.',
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
  check(object, context) {
    return verdictViolations(object, context, 'lifecycle/prestop-exceeds-grace-period');
  },
};
