import { POSTSTART_SECONDS_ANNOTATION } from '../../../analysis/annotations';
import { postStartSeconds } from '../../../analysis/hook-duration';
import type { Violation } from '../../finding';
import type { Rule } from '../../rule';
import { pod } from './fixtures';
import { containerLabel, podViewOf, secs } from './pod-view';

/** From here on, a postStart's own waiting noticeably delays the container (one default probe period). */
export const SLOW_POSTSTART_SECONDS = 10;

/** A postStart hook that is known to wait: the container is not Running until it returns. */
export const slowPostStart: Rule = {
  id: 'lifecycle/slow-poststart',
  category: 'lifecycle',
  severity: 'info',
  summary: `A postStart hook known to run ${SLOW_POSTSTART_SECONDS} s or more.`,
  docs: 'Until postStart returns the container stays Waiting with reason ContainerCreating: `kubectl logs` and '
    + '`port-forward` refuse it, and its probes do not start, so the pod is not Ready either (a postStart that runs '
    + 'long or hangs keeps the container from reaching Running: '
    + 'https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#hook-handler-execution; the '
    + 'kubelet runs the hook before it is done starting the container: startContainer in '
    + 'https://github.com/kubernetes/kubernetes/blob/v1.28.0/pkg/kubelet/kuberuntime/kuberuntime_container.go). The '
    + 'kubelet gives postStart no timeout. A hook whose sleeps (or the `lifecycle.cdk8s.io/poststart-seconds` '
    + 'annotation, which wins over them: our constructs declare scripts delivered as files with it) add up to 10 s '
    + '(one default probe period) or more delays every start and restart by that much; a wait for the app usually '
    + 'belongs in a startup probe, and setup work in an init container. Info: it may be deliberate.',
  fix: 'move the waiting out of postStart: setup work into an init container, waiting for the app into a startupProbe',
  fixtures: {
    good: [
      pod('fortune', {
        containers: [{ name: 'nginx', image: 'nginx:alpine', lifecycle: { postStart: { exec: { command: ['sh', '-c', 'fortune > /usr/share/nginx/html/quote'] } } } }],
      }),
    ],
    bad: [
      // seeds/000 figure 1.3: yunpan-poststart-slow.
      pod('yunpan-poststart-slow', {
        containers: [{ name: 'nginx', image: 'nginx:alpine', lifecycle: { postStart: { exec: { command: ['sh', '-c', 'sleep 60'] } } } }],
      }),
      // A script from a file, declared to run 30 s.
      pod('warm-up', {
        containers: [{ name: 'app', image: 'shop/api:2', lifecycle: { postStart: { exec: { command: ['sh', '/scripts/warm-up.sh'] } } } }],
      }, { annotations: { [POSTSTART_SECONDS_ANNOTATION]: '{"app": 30}' } }),
    ],
  },
  check(object) {
    const view = podViewOf(object);
    if (!view) return [];
    const out: Violation[] = [];
    for (const c of view.containers) {
      const hook = c.hooks.postStart;
      const known = hook && postStartSeconds(c.at.name, hook.handler, view.pod.metadata.annotations);
      if (!known || known.seconds < SLOW_POSTSTART_SECONDS) continue;
      out.push({
        path: hook.path,
        message: `the postStart hook of ${containerLabel(c)} waits ${secs(known.seconds)} (${known.source}): the container stays `
          + 'ContainerCreating that long, with no logs and no probes, on every start',
        fix: `remove the wait from ${hook.path}: do setup in an init container, and wait for the app with a startupProbe`,
      });
    }
    return out;
  },
};
