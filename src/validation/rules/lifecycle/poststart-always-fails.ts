import type { Rule } from '../../rule';
import { pod } from './fixtures';
import { HOOKS_DOCS, KUBELET_SOURCE } from './sources';
import { verdictViolations } from './timeline-verdicts';

const nginx = (script: string) => ({
  name: 'nginx', image: 'nginx:alpine', lifecycle: { postStart: { exec: { command: ['sh', '-c', script] } } },
});

/**
 * A postStart that fails on every path: the container never starts. `explain`'s
 * `post-start-fails` verdict; both read timeline-verdicts.ts.
 */
export const postStartAlwaysFails: Rule = {
  id: 'lifecycle/poststart-always-fails',
  category: 'lifecycle',
  severity: 'warning',
  summary: 'A postStart hook that fails on every path (e.g. ends in `exit 1`).',
  docs: `"If a PostStart hook fails, the container is killed" (${HOOKS_DOCS}): the kubelet's \`startContainer\` records `
    + `FailedPostStartHook, kills the container and returns PostStartHookError (${KUBELET_SOURCE}), and the container is `
    + 'restarted with back-off (CrashLoopBackOff). A hook whose every path ends in a literal failure (`exit 1`, `false`, a `set -e` '
    + 'script reaching `false`; read from its `sh -c` script without running it) fails on every start, so the container is never '
    + 'Running or Ready and its pod never receives traffic. The same judgement as `explain`\'s `post-start-fails` verdict, which '
    + 'draws the restart loop. Warning rather than error: it is certain, but only a demonstration of PostStartHookError writes it '
    + 'on purpose (the example app has one), and the first deploy shows it.',
  fix: 'make the hook succeed (drop the failing `exit`) or remove it; setup that may fail belongs in an init container',
  fixtures: {
    good: [
      pod('fortune', { containers: [nginx('fortune > /usr/share/nginx/html/quote || exit 1')] }),
    ],
    bad: [
      // The seed's yunpan-poststart-fail.
      pod('yunpan-poststart-fail', { containers: [nginx("echo 'Emulating a post-start hook failure'; exit 1")] }),
    ],
  },
  check(object, context) {
    return verdictViolations(object, context, 'lifecycle/poststart-always-fails');
  },
};
