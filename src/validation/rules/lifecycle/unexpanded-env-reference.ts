import { child, index } from '../../field-path';
import { isMap } from '../../pod-template';
import type { Violation } from '../../finding';
import type { Rule } from '../../rule';
import { deployment } from './fixtures';
import { containerLabel, podViewOf, type ContainerView } from './pod-view';

const DOWNWARD_ENV = [
  { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
  { name: 'NACOS_SERVER_ADDR', value: 'nacos.infra:8848' },
];

/**
 * `$(VAR)` in a hook's exec command (never expanded) or in a probe's exec command naming a
 * `valueFrom` variable (expanded to the empty string).
 */
export const unexpandedEnvReference: Rule = {
  id: 'lifecycle/unexpanded-env-reference',
  category: 'lifecycle',
  severity: 'error',
  summary: 'A hook or probe exec command uses $(VAR), which the kubelet does not expand there.',
  docs: 'Kubernetes expands `$(VAR)` references in a container\'s `command` and `args` '
    + '(https://kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables/), but '
    + 'the kubelet runs a lifecycle hook\'s exec command as written (`RunInContainer(..., handler.Exec.Command, '
    + '...)` in https://github.com/kubernetes/kubernetes/blob/v1.28.0/pkg/kubelet/lifecycle/handlers.go), and '
    + 'expands a probe\'s exec command with the static `value`s only (`ExpandContainerCommandOnlyStatic` in '
    + 'https://github.com/kubernetes/kubernetes/blob/v1.28.0/pkg/kubelet/container/helpers.go: a `valueFrom` '
    + 'variable such as the downward API\'s pod IP becomes the empty string). Without a shell the hook gets the '
    + 'literal text `$(POD_IP)`; inside `sh -c` `$(POD_IP)` is a command substitution that runs a command named '
    + 'POD_IP, prints "not found" and yields nothing. A preStop that deregisters `ip=$(POD_IP)` from a registry '
    + 'such as Nacos then silently deregisters nothing. The variables are in the hook\'s environment all the same: '
    + 'read them with the shell\'s `$POD_IP`. Only names the container declares in `env` are reported. Error: the '
    + 'command cannot get the value it names.',
  fix: 'run the command through sh -c and write the variable as $VAR or ${VAR}',
  fixtures: {
    good: [
      deployment('admin', {
        containers: [{
          name: 'admin', image: 'admin:1', env: DOWNWARD_ENV,
          lifecycle: { preStop: { exec: { command: ['sh', '-c', 'curl -fsS -X PUT "http://${NACOS_SERVER_ADDR}/nacos/v1/ns/instance?serviceName=admin&ip=${POD_IP}&port=8093&enabled=false"; sleep 40'] } } },
          // A static value is expanded in probes.
          livenessProbe: { exec: { command: ['wget', '-qO-', 'http://127.0.0.1:8093/livez?from=$(NACOS_SERVER_ADDR)'] } },
        }],
        terminationGracePeriodSeconds: 60,
      }),
    ],
    bad: [
      deployment('admin', {
        containers: [{
          name: 'admin', image: 'admin:1', env: DOWNWARD_ENV,
          lifecycle: { preStop: { exec: { command: ['curl', '-X', 'PUT', 'http://$(NACOS_SERVER_ADDR)/nacos/v1/ns/instance?serviceName=admin&ip=$(POD_IP)&port=8093&enabled=false'] } } },
        }],
      }),
      deployment('admin-probe', {
        containers: [{ name: 'admin', image: 'admin:1', env: DOWNWARD_ENV, readinessProbe: { exec: { command: ['sh', '-c', 'wget -qO- http://$(POD_IP):8093/ready'] } } }],
      }),
    ],
  },
  check(object) {
    const view = podViewOf(object);
    if (!view) return [];
    const out: Violation[] = [];
    for (const c of view.containers) {
      if (!c.handlers.some(h => h.action?.kind === 'exec' && Array.isArray(h.action.action.command)
        && h.action.action.command.some(w => typeof w === 'string' && w.includes('$(')))) continue;
      const env = envKinds(c);
      if (env.size === 0) continue;
      for (const { action, what, isProbe } of c.handlers) {
        if (action?.kind !== 'exec' || !Array.isArray(action.action.command)) continue;
        action.action.command.forEach((word, i) => {
          if (typeof word !== 'string') return;
          const names = references(word).filter(n => env.has(n) && (!isProbe || env.get(n) === 'valueFrom'));
          if (names.length === 0) return;
          const refs = names.map(n => `$(${n})`).join(', ');
          const effect = isProbe
            ? `the kubelet expands only env vars with a static value in probes, so ${names.length > 1 ? 'they become' : 'it becomes'} an empty string`
            : 'the kubelet does not expand $(VAR) in lifecycle hooks: the command gets the literal text, or in sh -c a command substitution that fails';
          out.push({
            path: index(child(action.path, 'command'), i),
            message: `the ${what} of ${containerLabel(c)} uses ${refs}: ${effect}`,
            fix: `use ${names.map(n => `\${${n}}`).join(', ')} inside an sh -c script (the variables are in the command's environment)`,
          });
        });
      }
    }
    return out;
  },
};

/** The container's env names, and whether each has a static value or a valueFrom. */
function envKinds(c: ContainerView): Map<string, 'value' | 'valueFrom'> {
  const out = new Map<string, 'value' | 'valueFrom'>();
  const env = c.at.container.env;
  if (!Array.isArray(env)) return out;
  for (const e of env) {
    if (isMap(e) && typeof e.name === 'string') out.set(e.name, isMap(e.valueFrom) ? 'valueFrom' : 'value');
  }
  return out;
}

/** Names referenced as `$(NAME)`, skipping the `$$(NAME)` escape. */
function references(word: string): string[] {
  const out: string[] = [];
  for (const m of word.matchAll(/(\$*)\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)) {
    if (m[1].length % 2 === 0) out.push(m[2]);
  }
  return out;
}
