import { SHUTDOWN_SECONDS_ANNOTATION } from '../../../analysis/annotations';
import { KUBELET_MIN_SECONDS_AFTER_PRESTOP } from '../../../timing/termination-budget';
import type { Violation } from '../../finding';
import type { Rule } from '../../rule';
import { deployment } from './fixtures';
import { containerLabel, graceLabel, podViewOf, secs } from './pod-view';

const SPRING = {
  name: 'app',
  image: 'registry.example.com/orders:2.3.0',
  ports: [{ name: 'http', containerPort: 8080 }],
  lifecycle: { preStop: { exec: { command: ['sleep', '10'] } } },
};

/**
 * The app's declared shutdown time does not fit in what the grace period leaves after preStop.
 */
export const shutdownExceedsGracePeriod: Rule = {
  id: 'lifecycle/shutdown-exceeds-grace-period',
  category: 'lifecycle',
  severity: 'warning',
  summary: 'preStop plus the app\'s declared shutdown time is longer than the grace period.',
  docs: 'After preStop returns the kubelet sends SIGTERM and waits what is left of the grace period (at least 2 s), '
    + 'then sends SIGKILL (killContainer in '
    + 'https://github.com/kubernetes/kubernetes/blob/v1.28.0/pkg/kubelet/kuberuntime/kuberuntime_container.go; '
    + 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination): the grace period must '
    + 'cover the preStop\'s own duration plus the time the app needs after SIGTERM. The '
    + '`lifecycle.cdk8s.io/shutdown-seconds` annotation states how long the app needs after SIGTERM (e.g. Spring '
    + 'Boot\'s `spring.lifecycle.timeout-per-shutdown-phase`, 30 s by default: '
    + 'https://docs.spring.io/spring-boot/reference/web/graceful-shutdown.html); our constructs set it, and '
    + 'hand-written manifests may. When the preStop\'s known duration (0 when there is none; a preStop of unknown '
    + 'length counts as 0, so the finding is certain) plus that time exceeds the grace period, an app that uses its '
    + 'full shutdown time is SIGKILLed mid-shutdown and drops its in-flight work (a grace period of 0 leaves it no '
    + 'time at all). Warning rather than error: the annotation is an upper bound and most shutdowns finish sooner. '
    + 'A preStop that alone reaches the grace period is reported by lifecycle/prestop-exceeds-grace-period.',
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
  check(object) {
    const view = podViewOf(object);
    if (!view?.grace) return [];
    const grace = view.grace;
    const out: Violation[] = [];
    for (const c of view.containers) {
      if (c.shutdownSeconds === undefined) continue;
      // With a grace period of 0 the kubelet skips preStop and stops the container at once.
      const preStop = c.hooks.preStop && grace.seconds > 0 ? c.preStop?.seconds ?? 0 : 0;
      if (grace.seconds > 0 && preStop >= grace.seconds) continue;
      const left = grace.seconds === 0 ? 0 : Math.max(grace.seconds - preStop, KUBELET_MIN_SECONDS_AFTER_PRESTOP);
      if (c.shutdownSeconds <= left) continue;
      const before = grace.seconds === 0 ? 'the grace period is 0, which skips preStop and stops it at once'
        : !c.hooks.preStop ? 'there is no preStop'
          : c.preStop ? `the preStop runs ${secs(preStop)} (${c.preStop.source})`
            : 'the preStop runs for an unknown time, counted as 0 s';
      const planned = c.hooks.preStop ? c.preStop?.seconds ?? 0 : 0;
      out.push({
        path: grace.path,
        message: `${containerLabel(c)} needs ${secs(c.shutdownSeconds)} after SIGTERM (${SHUTDOWN_SECONDS_ANNOTATION}) and ${before}, `
          + `so the grace period of ${graceLabel(grace)} leaves it ${secs(left)}: it is SIGKILLed ${secs(c.shutdownSeconds - left)} before it can finish`,
        fix: `raise ${grace.path} to at least ${Math.ceil(planned + c.shutdownSeconds)} (preStop ${secs(planned)} + shutdown ${secs(c.shutdownSeconds)})`,
      });
    }
    return out;
  },
};
