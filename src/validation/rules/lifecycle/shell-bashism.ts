import { execShellScript } from '../../../analysis/hook-duration';
import { memoizeByText } from '../../../analysis/memo';
import { parseShellScript, simpleCommands } from '../../../analysis/shell-script';
import { child, index } from '../../field-path';
import type { Violation } from '../../finding';
import type { Rule } from '../../rule';
import { pod } from './fixtures';
import { containerLabel, podViewOf } from './pod-view';

/** Shells that are, or may be, dash: `sh` is dash on Debian and Ubuntu images. */
const POSIX_SH = new Set(['sh', 'dash']);

/** The bashisms found in a script, described for a message (each distinct script read once). */
export const bashisms: (script: string) => readonly string[] = memoizeByText(script => findBashisms(script));

function findBashisms(script: string): string[] {
  const list = parseShellScript(script);
  if (!list) return [];
  const found = new Set<string>();
  for (const cmd of simpleCommands(list)) {
    const words = cmd.words.filter(w => !(w.text.includes('=') && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text)));
    const name = words[0];
    if (!name || name.quoted) continue;
    if (name.text === '[[') found.add('`[[ ... ]]` (dash: "[[: not found")');
    if ((name.text === '[' || name.text === 'test') && words.slice(1).some(w => w.text === '==' && !w.quoted)) {
      found.add(`\`==\` in \`${name.text === '[' ? '[ ... ]' : 'test'}\` (dash: "unexpected operator"; POSIX uses \`=\`)`);
    }
  }
  return [...found].sort();
}

/** bash-only syntax in an `sh -c` script of a hook or probe. */
export const shellBashism: Rule = {
  id: 'lifecycle/shell-bashism',
  category: 'lifecycle',
  severity: 'warning',
  summary: 'An sh -c script in a hook or probe uses bash-only syntax (== in [ ], [[ ]]).',
  docs: 'Hooks and exec probes often run `sh -c \'...\'`. On Debian and Ubuntu images `sh` is dash, which knows only '
    + 'POSIX `test` (https://pubs.opengroup.org/onlinepubs/9699919799/utilities/test.html, '
    + 'https://manpages.debian.org/bookworm/dash/dash.1.en.html): `[ "$a" == "b" ]` fails with "unexpected '
    + 'operator" (exit 2) and `[[ ... ]]` with "[[: not found" (exit 127), whatever the values. busybox sh (Alpine) '
    + 'and bash accept both, so the script works on one base image and always fails on another: a liveness probe '
    + 'that restarts forever, a preStop that never deregisters. A liveness probe such as `[ "$(curl -s '
    + '127.0.0.1/livez)" == "OK" ]` under /bin/sh, or a preStop script testing `[ ${result} == "ok" ]`, is that '
    + 'bug. Scripts run by bash (`bash -c`) are not reported. Warning: it depends on the image.',
  fix: 'use POSIX sh: `=` instead of `==` inside [ ], and [ ] instead of [[ ]]; or run the script with bash -c if the image has bash',
  fixtures: {
    good: [
      pod('liveness-exec-demo', {
        containers: [{ name: 'demo', image: 'ikubernetes/demoapp:v1.0', livenessProbe: { exec: { command: ['/bin/sh', '-c', '[ "$(curl -s 127.0.0.1/livez)" = "OK" ]'] } } }],
      }),
      pod('bash-probe', {
        containers: [{ name: 'demo', image: 'debian:12', livenessProbe: { exec: { command: ['bash', '-c', '[[ -f /tmp/healthy ]]'] } } }],
      }),
    ],
    bad: [
      // seeds/003 liveness-exec-demo, verbatim.
      pod('liveness-exec-demo', {
        containers: [{ name: 'demo', image: 'ikubernetes/demoapp:v1.0', livenessProbe: { exec: { command: ['/bin/sh', '-c', '[ "$(curl -s 127.0.0.1/livez)" == "OK" ]'] }, initialDelaySeconds: 5, timeoutSeconds: 1, periodSeconds: 5 } }],
      }),
    ],
  },
  check(object) {
    const view = podViewOf(object);
    if (!view) return [];
    const out: Violation[] = [];
    for (const c of view.containers) {
      for (const { action, what } of c.handlers) {
        if (action?.kind !== 'exec' || !Array.isArray(action.action.command)) continue;
        const script = execShellScript(action.action.command);
        if (!script || !POSIX_SH.has(script.shell)) continue;
        const found = bashisms(script.script);
        if (found.length === 0) continue;
        const at = index(child(action.path, 'command'), script.index);
        out.push({
          path: at,
          message: `the ${what} of ${containerLabel(c)} runs a ${script.shell} -c script that uses ${found.join(' and ')}: `
            + 'it fails every time on images whose sh is dash (Debian, Ubuntu)',
          fix: `rewrite ${at} in POSIX sh (\`=\` for string comparison, [ ] instead of [[ ]]), or run it with bash -c if the image has bash`,
        });
      }
    }
    return out;
  },
};
