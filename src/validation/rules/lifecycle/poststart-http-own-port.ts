import { child } from '../../field-path';
import type { Violation } from '../../finding';
import type { Rule } from '../../rule';
import { actionOf, resolvePort } from './handlers';
import { pod } from './fixtures';
import { containerLabel, podViewOf } from './pod-view';

/**
 * A postStart httpGet to the port the container itself serves: postStart starts with the app, not
 * after it, so the request races the app's listen.
 */
export const postStartHttpOwnPort: Rule = {
  id: 'lifecycle/poststart-http-own-port',
  category: 'lifecycle',
  severity: 'warning',
  summary: 'A postStart httpGet calls the container\'s own serving port, racing the app\'s start.',
  docs: 'postStart runs at the same time as the container\'s entrypoint, not after it is ready: "there is no guarantee '
    + 'that the hook will execute before the container ENTRYPOINT" '
    + '(https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/). An httpGet postStart to the '
    + 'app\'s own port (a cache warm-up, say) is sent while the app may not listen yet; the connection is refused, '
    + 'the hook fails, the kubelet kills the container (FailedPostStartHook) and starts it again, where the same '
    + 'race waits, possibly for ever. The port is the container\'s own when it is one of its declared ports, or, in '
    + 'a pod with a single app container, any port on the pod IP. Warning, not error: a fast app may win the race, '
    + 'but nothing guarantees it.',
  fix: 'warm up from the app itself once it listens, or use an exec postStart that waits for the port first (a bounded retry loop)',
  fixtures: {
    good: [
      pod('cache-warmup', {
        containers: [{
          name: 'app', image: 'shop:1', ports: [{ name: 'http', containerPort: 8080 }],
          lifecycle: {
            postStart: { exec: { command: ['sh', '-c', 'i=0; until wget -qO /dev/null http://127.0.0.1:8080/warmup; do i=$((i+1)); [ "$i" -ge 30 ] && exit 1; sleep 1; done'] } },
          },
        }],
      }),
    ],
    bad: [
      // seeds/000 figure 1.5: warm the cache through an httpGet postStart.
      pod('cache-warmup', {
        containers: [{
          name: 'app', image: 'shop:1', ports: [{ name: 'http', containerPort: 8080 }],
          lifecycle: { postStart: { httpGet: { path: '/warmup', port: 'http' } } },
        }],
      }),
    ],
  },
  check(object) {
    const view = podViewOf(object);
    if (!view) return [];
    const apps = view.containers.filter(c => c.at.list === 'containers');
    const out: Violation[] = [];
    for (const c of view.containers) {
      const hook = c.hooks.postStart;
      const action = hook && actionOf(hook.handler, hook.path);
      if (!action || action.kind !== 'httpGet') continue;
      const host = action.action.host;
      if (typeof host === 'string' && host !== '') continue;
      const port = resolvePort(action.action.port, c) ?? (action.action.port === '' ? 80 : undefined);
      if (port === undefined) continue;
      const own = c.ports.some(p => p.number === port);
      const onlyApp = apps.length === 1 && apps[0] === c && !view.containers.some(o => o !== c && o.ports.some(p => p.number === port));
      if (!own && !onlyApp) continue;
      out.push({
        path: child(action.path, 'port'),
        message: `the postStart hook of ${containerLabel(c)} GETs ${typeof action.action.path === 'string' ? action.action.path : '/'} on port ${port}, `
          + 'the container\'s own: postStart starts together with the app, so the request races the app\'s listen; when it loses, '
          + 'the hook fails and the kubelet kills and restarts the container, possibly in a loop',
        fix: `remove ${hook!.path} and do the call from the app once it listens, or replace it with an exec hook that retries `
          + `until 127.0.0.1:${port} answers (bounded, e.g. 30 tries 1 s apart)`,
      });
    }
    return out;
  },
};
