/**
 * The shell facts behind lifecycle/shell-bashism, checked against the real shells: what the rule
 * flags fails under dash and passes under busybox sh; what it does not flag passes under both.
 * And every `sh -c` script in the lifecycle rules' good fixtures is POSIX sh by shellcheck.
 */
import { spawnSync } from 'child_process';
import { execShellScript } from '../../../src/analysis/hook-duration';
import { LIFECYCLE_RULES } from '../../../src/validation/rules/lifecycle';
import { bashisms } from '../../../src/validation/rules/lifecycle/shell-bashism';

function run(shell: string[], script: string): number | null {
  return spawnSync(shell[0], [...shell.slice(1), '-c', script], { encoding: 'utf8', timeout: 10_000 }).status;
}

const DASH = ['dash'];
const BUSYBOX = ['busybox', 'sh'];

describe('bashisms, by the real shells', () => {
  // Every script is true where it is understood (bash, busybox sh).
  const flagged = [
    '[ "$(echo OK)" == "OK" ]',
    'result=ok; if [ ${result} == "ok" ]; then exit 0; else exit 1; fi',
    'test ok == ok',
    '[[ -f /etc/passwd ]]',
    'x=1; [[ $x = 1 ]] && exit 0 || exit 1',
  ];
  const clean = [
    '[ "$(echo OK)" = "OK" ]',
    'x=""; [ "$x" = "==" ] || [ "$x" != "==" ]',
    'echo "a == b" >/dev/null',
    'echo [[ >/dev/null',
    'test ok = ok && [ -f /etc/passwd ]',
  ];

  it.each(flagged)('flags %j, which dash rejects and busybox sh runs', script => {
    expect(bashisms(script)).not.toEqual([]);
    expect(run(DASH, script)).not.toBe(0);
    expect(run(BUSYBOX, script)).toBe(0);
  });

  it.each(clean)('does not flag %j, which both shells run', script => {
    expect(bashisms(script)).toEqual([]);
    expect(run(DASH, script)).toBe(0);
    expect(run(BUSYBOX, script)).toBe(0);
  });

  it('names what it found', () => {
    expect(bashisms('[[ a == b ]] || [ a == b ]')).toEqual([
      '`==` in `[ ... ]` (dash: "unexpected operator"; POSIX uses `=`)',
      '`[[ ... ]]` (dash: "[[: not found")',
    ]);
  });
});

/** Every exec command in a JSON value. */
function commands(value: unknown, out: unknown[][] = []): unknown[][] {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(v => typeof v === 'string')) out.push(value);
    else value.forEach(v => commands(v, out));
  } else if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(v => commands(v, out));
  }
  return out;
}

describe('the good fixtures\' shell scripts', () => {
  const scripts = LIFECYCLE_RULES.flatMap(rule => commands(rule.fixtures.good)
    .map(c => execShellScript(c))
    .filter((s): s is NonNullable<typeof s> => s !== undefined && s.shell === 'sh')
    .map(s => [rule.id, s.script] as const));

  it('exist', () => {
    expect(scripts.length).toBeGreaterThan(3);
  });

  it.each(scripts)('%s: %j passes shellcheck -s sh and parses under dash and busybox sh', (_rule, script) => {
    const check = spawnSync('shellcheck', ['-s', 'sh', '-'], { input: `${script}\n`, encoding: 'utf8' });
    expect(check.stdout).toBe('');
    expect(check.status).toBe(0);
    expect(spawnSync('dash', ['-n', '-c', script]).status).toBe(0);
    expect(spawnSync('busybox', ['sh', '-n', '-c', script]).status).toBe(0);
  });
});
