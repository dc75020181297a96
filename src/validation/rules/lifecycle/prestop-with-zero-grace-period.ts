import type { Violation } from '../../finding';
import type { Rule } from '../../rule';
import { deployment, pod } from './fixtures';
import { containerLabel, podViewOf } from './pod-view';

/** `terminationGracePeriodSeconds: 0` with a preStop: the kubelet skips the hook. */
export const preStopWithZeroGracePeriod: Rule = {
  id: 'lifecycle/prestop-with-zero-grace-period',
  category: 'lifecycle',
  severity: 'error',
  summary: 'A preStop hook in a pod whose grace period is 0.',
  docs: 'A grace period of 0 means "stop immediately via the kill signal (no opportunity to shut down)" (PodSpec API docs). '
    + 'The kubelet runs preStop only "if there is enough time to run it": `if ... Lifecycle.PreStop != nil && gracePeriod > 0` '
    + 'in killContainer (kuberuntime_container.go), so with 0 the hook is skipped and the container is stopped with the '
    + 'kubelet\'s minimal window. The preStop (a drain, `nginx -s quit`, a Nacos deregistration as in seeds/001) never '
    + 'runs. Error: the manifest contradicts itself.',
  fix: 'remove terminationGracePeriodSeconds (30 s default) or set it above the preStop\'s duration plus the app\'s shutdown time',
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
  check(object) {
    const view = podViewOf(object);
    if (!view?.grace || view.grace.seconds !== 0) return [];
    const out: Violation[] = [];
    for (const c of view.containers) {
      if (!c.hooks.preStop) continue;
      out.push({
        path: c.hooks.preStop.path,
        message: `${containerLabel(c)} has a preStop hook but ${view.grace.path} is 0: the kubelet skips preStop when there is no grace period, so it never runs`,
        fix: `remove ${view.grace.path} (the default is 30 s) or set it above the preStop's duration plus the app's shutdown time; or remove the preStop`,
      });
    }
    return out;
  },
};
