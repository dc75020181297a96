import { SHUTDOWN_SECONDS_ANNOTATION } from '../../../analysis/annotations';
import type { Rule } from '../../rule';
import { deployment } from './fixtures';
import { KUBELET_SOURCE } from './sources';
import { verdictViolations } from './timeline-verdicts';

const SPRING = {
  name: 'app',
  image: 'registry.example.com/orders:2.3.0',
  ports: [{ name: 'http', containerPort: 8080 }],
  lifecycle: { preStop: { exec: { command: ['sleep', '10'] } } },
};

/**
 * The app's declared shutdown time does not fit in what the grace period leaves after preStop.
 * `explain`'s `sigkill-before-shutdown` verdict; both read timeline-verdicts.ts.
 */
export const shutdownExceedsGracePeriod: Rule = {
  id: 'lifecycle/shutdown-exceeds-grace-period',
  category: 'lifecycle',
  severity: 'warning',
  summary: 'preStop plus the app\'s declared shutdown time is longer than the grace period.',
  docs: 'After preStop returns the kubelet sends SIGTERM and waits what is left of the grace period (at least 2 s), then '
    + `SIGKILL (\`killContainer\` in ${KUBELET_SOURCE}; https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination). `
    + `The \`${SHUTDOWN_SECONDS_ANNOTATION}\` annotation states how long the app needs once told to stop (e.g. Spring Boot's `
    + '`spring.lifecycle.timeout-per-shutdown-phase`, 30 s by default); our constructs set it, and hand-written manifests may. '
    + 'The app starts to stop at SIGTERM, or earlier when the preStop itself stops it (`nginx -s quit`, `kill 1`). When that '
    + 'start plus the shutdown time lies after SIGKILL (a preStop of unknown length counts as 0 s, so the finding is certain), an app '
    + 'that uses its full shutdown time is SIGKILLed mid-shutdown and drops its in-flight work. The kubelet never uses a grace period '
    + 'under 1 s, so a grace period of 0 leaves the app 2 s. The same judgement as `explain`\'s `sigkill-before-shutdown` verdict. '
    + 'Warning rather than error: the annotation is an upper bound and most shutdowns finish sooner. A preStop that alone '
    + 'reaches the grace period, or a grace period of 0 with a preStop, is reported by lifecycle/prestop-exceeds-grace-period '
    + 'or lifecycle/prestop-with-zero-grace-period instead.',
  fix: 'raise terminationGracePeriodSeconds to at least the preStop\'s duration plus the app\'s shutdown time',
  fixtures: {
    good: [
      deployment('orders', { terminationGracePeriodSeconds: 45, containers: [SPRING] }, {
        annotations: { [SHUTDOWN_SECONDS_ANNOTATION]: '{"app": 30}' },
      }),
    ],
    bad: [
      // 10 s of preStop + 30 s of Spring Boot graceful shutdown under the default 30 s.
      deployment('orders', { containers: [SPRING] }, { annotations: { [SHUTDOWN_SECONDS_ANNOTATION]: '{"app": 30}' } }),
    ],
  },
  check(object, context) {
    return verdictViolations(object, context, 'lifecycle/shutdown-exceeds-grace-period');
  },
};
