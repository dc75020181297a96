/**
 * `lint` in CI on real repositories: unreadable inputs are findings and never hide the rest,
 * rules can be left out (--disable), shown (--min-severity) and made to fail (--fail-on), objects
 * can suppress rules by annotation, and the report is ordered by file and line.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runCli, tempFiles } from './cli-harness';
import { TEST_RULES } from './test-rules';

/**
 * A Pod, line by line: metadata.name on line 4, then its annotations (from line 6), then the spec
 * with one container (`- name: c` two lines after `spec:`), its readinessProbe and one port.
 */
function pod(name: string, { annotations = [], readiness = true, port }: { annotations?: string[]; readiness?: boolean; port?: number } = {}): string {
  return [
    'apiVersion: v1', 'kind: Pod', 'metadata:', `  name: ${name}`,
    ...(annotations.length > 0 ? ['  annotations:', ...annotations.map(a => `    ${a}`)] : []),
    'spec:', '  containers:', '    - name: c', '      image: nginx',
    ...(readiness ? ['      readinessProbe: {tcpSocket: {port: 1}}'] : []),
    ...(port === undefined ? [] : [`      ports: [{containerPort: ${port}}]`]),
    '',
  ].join('\n');
}

// Line numbers below are counted in these texts.
const DUPLICATE_KEY = `apiVersion: v1
kind: Pod
metadata:
  name: dup
  name: dup-again
spec:
  containers: [{name: c, image: nginx, readinessProbe: {tcpSocket: {port: 1}}}]
`;

/** test/bad-port at line 10. */
const GOOD_WITH_FINDING = pod('good', { port: 0 });

/** Document 1 is broken (duplicate key at line 5), document 2 is fine and has a finding at line 18. */
const PARTLY_BAD = `${DUPLICATE_KEY}---\n${pod('second', { port: 99999 })}`;

/** Both rules suppressed: test/no-readiness at line 10, test/bad-port at line 12. */
const ANNOTATED = pod('quiet', {
  annotations: ['lifecycle.cdk8s.io/ignore: "test/bad-port, test/no-readiness"', 'lifecycle.cdk8s.io/ignore-reason: "load-test fixture, never deployed"'],
  readiness: false,
  port: 0,
});

/** The ignore (line 6) names no rule; test/bad-port at line 12. */
const TYPO_IN_IGNORE = pod('typo', { annotations: ['lifecycle.cdk8s.io/ignore: test/bad-prot'], port: 0 });

const IGNORE_ON_TEMPLATE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web}
      annotations:
        lifecycle.cdk8s.io/ignore: test/bad-port
    spec:
      containers: [{name: c, image: nginx, readinessProbe: {tcpSocket: {port: 1}}, ports: [{containerPort: 0}]}]
`;

/** test/no-readiness at line 7. */
const WARNINGS_ONLY = pod('w', { readiness: false });

const WIDGET = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n';

let files: ReturnType<typeof tempFiles>;
beforeAll(() => {
  files = tempFiles({
    'repo/a-dup.yaml': DUPLICATE_KEY,
    'repo/b-good.yaml': GOOD_WITH_FINDING,
    'partly-bad.yaml': PARTLY_BAD,
    'good.yaml': GOOD_WITH_FINDING,
    'annotated.yaml': ANNOTATED,
    'typo.yaml': TYPO_IN_IGNORE,
    'template.yaml': IGNORE_ON_TEMPLATE,
    'warnings.yaml': WARNINGS_ONLY,
    'widget.yaml': WIDGET,
  });
});
afterAll(() => files.cleanup());

const lint = (args: string[], stdin?: string) => runCli(['lint', ...args], { rules: TEST_RULES, cwd: files.dir, stdin });
const json = async (args: string[]) => {
  const r = await lint(['--format', 'json', ...args]);
  return { ...r, report: JSON.parse(r.stdout) };
};

describe('an unreadable input is a finding; the rest is still linted', () => {
  test('a folder with one duplicate-key file and one good file reports both: exit 2, JSON with the good file\'s findings and the input finding', async () => {
    const { status, report } = await json(['repo']);
    expect(status).toBe(2);
    expect(report.findings).toEqual([
      {
        rule: 'input/unreadable', severity: 'error', file: 'repo/a-dup.yaml', line: 5, column: 3, document: 1,
        apiVersion: null, kind: null, name: null, namespace: null, path: '',
        message: 'cannot parse YAML: Map keys must be unique',
        fix: 'fix the YAML at this line (or the command that generated it); the file\'s other documents were linted',
      },
      expect.objectContaining({
        rule: 'test/bad-port', severity: 'error', file: 'repo/b-good.yaml', line: 10, kind: 'Pod', name: 'good',
        path: 'spec.containers[0].ports[0].containerPort',
      }),
    ]);
    expect(report.summary).toEqual({ errors: 2, warnings: 0, infos: 0, suppressed: 0, unreadable: 1, objects: 1, files: 2 });
  });

  test('the same run in text and SARIF: both files reported, exit 2', async () => {
    const text = await lint(['repo']);
    expect(text.status).toBe(2);
    expect(text.stdout).toBe([
      'repo/a-dup.yaml:5: error input/unreadable: cannot parse YAML: Map keys must be unique',
      '      name: dup-again',
      '      ^',
      '  fix: fix the YAML at this line (or the command that generated it); the file\'s other documents were linted',
      'repo/b-good.yaml:10: error test/bad-port Pod/good spec.containers[0].ports[0].containerPort: must be between 1 and 65535, inclusive (got 0)',
      '  fix: use a port between 1 and 65535',
      '2 errors, 0 warnings, 0 infos in 1 object in 2 files; 1 input could not be read',
      '',
    ].join('\n'));
    const sarif = await lint(['--format', 'sarif', 'repo']);
    expect(sarif.status).toBe(2);
    const results = JSON.parse(sarif.stdout).runs[0].results;
    expect(results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['input/unreadable', 'test/bad-port']);
  });

  test('JSON and SARIF also name the unreadable input on stderr, for the CI log', async () => {
    const r = await json(['repo']);
    expect(r.stderr).toBe('cdk8s-lifecycle lint: repo/a-dup.yaml:5:3: cannot parse YAML: Map keys must be unique\n');
    expect((await lint(['repo'])).stderr).toBe('');
  });

  test('the readable documents of a partly bad file are linted', async () => {
    const { status, report } = await json(['partly-bad.yaml']);
    expect(status).toBe(2);
    expect(report.findings.map((f: { rule: string; line: number; name: string | null }) => [f.rule, f.line, f.name])).toEqual([
      ['input/unreadable', 5, null],
      ['test/bad-port', 18, 'second'],
    ]);
  });

  test('a missing path: a finding without a line, in argument order among the files', async () => {
    const { status, report } = await json(['good.yaml', 'missing.yaml', 'widget.yaml']);
    expect(status).toBe(2);
    expect(report.findings.map((f: { file: string; rule: string; line: number | null }) => [f.file, f.rule, f.line])).toEqual([
      ['good.yaml', 'test/bad-port', 10],
      ['missing.yaml', 'input/unreadable', null],
      ['widget.yaml', 'test/unknown-kind', 1],
    ]);
    expect(report.findings[1]).toMatchObject({ message: 'cannot read: no such file or directory', column: null, document: null });
  });

  test('a file of a directory that cannot be read costs only that file', async () => {
    const dir = tempFiles({ 'manifests/good.yaml': GOOD_WITH_FINDING });
    try {
      fs.symlinkSync(path.join(dir.dir, 'nowhere.yaml'), path.join(dir.dir, 'manifests', 'broken-link.yaml'));
      const r = await runCli(['lint', '--format', 'json', 'manifests'], { rules: TEST_RULES, cwd: dir.dir });
      expect(r.status).toBe(2);
      expect(JSON.parse(r.stdout).findings.map((f: { file: string; rule: string; message: string }) => [f.file, f.rule, f.message])).toEqual([
        ['manifests/broken-link.yaml', 'input/unreadable', 'cannot read: no such file or directory'],
        ['manifests/good.yaml', 'test/bad-port', 'must be between 1 and 65535, inclusive (got 0)'],
      ]);
    } finally {
      dir.cleanup();
    }
  });

  test('unreadable input takes precedence over findings: exit 2, not 1, and not 0 when the rest is clean', async () => {
    expect((await lint(['good.yaml'])).status).toBe(1);
    expect((await lint(['good.yaml', 'missing.yaml'])).status).toBe(2);
    expect((await lint(['widget.yaml', 'missing.yaml'])).status).toBe(2);
  });

  test('cross-object rules still see every readable object: a Service in one file, its workload in a partly bad one', async () => {
    const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n';
    const workload = [
      'apiVersion: v1', 'kind: ConfigMap', 'data: {a: 1', // document 1: unclosed flow map
      '---',
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  selector: {matchLabels: {app: web}}',
      '  template:', '    metadata:', '      labels: {app: web}', '    spec:',
      '      containers: [{name: web, image: "nginx:1.27", ports: [{containerPort: 8080}]}]', '',
    ].join('\n');
    const cross = tempFiles({ 'svc.yaml': service, 'deploy.yaml': workload });
    try {
      const r = await runCli(['lint', '--format', 'json', 'svc.yaml', 'deploy.yaml'], { cwd: cross.dir });
      expect(r.status).toBe(2);
      const findings = JSON.parse(r.stdout).findings as Array<{ rule: string; file: string; name: string | null }>;
      expect(findings).toContainEqual(expect.objectContaining({ rule: 'input/unreadable', file: 'deploy.yaml' }));
      expect(findings).toContainEqual(expect.objectContaining({ rule: 'lifecycle/service-without-readiness', file: 'deploy.yaml', name: 'web' }));
    } finally {
      cross.cleanup();
    }
  });
});

describe('--disable, --min-severity, --fail-on', () => {
  test('--disable leaves a rule out; repeatable and comma-separated', async () => {
    const one = await json(['--disable', 'test/bad-port', 'good.yaml', 'warnings.yaml', 'widget.yaml']);
    expect(one.status).toBe(0);
    expect(one.report.findings.map((f: { rule: string }) => f.rule)).toEqual(['test/no-readiness', 'test/unknown-kind']);
    const two = await json(['--disable', 'test/bad-port', '--disable', 'test/no-readiness,test/unknown-kind', 'good.yaml', 'warnings.yaml', 'widget.yaml']);
    expect(two.report.findings).toEqual([]);
  });

  test('--disable with an unknown id is a usage error naming the closest id; nothing is linted', async () => {
    const r = await lint(['--disable', 'test/bad-prot', 'good.yaml']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error: --disable: "test/bad-prot" is not a rule id; did you mean "test/bad-port"?');
    const far = await lint(['--disable', 'nothing-like-it', 'good.yaml']);
    expect(far.stderr).toContain('error: --disable: "nothing-like-it" is not a rule id (see docs/rules.md for the ids)');
  });

  test('--disable cannot hide unreadable input or crashed rules, but can the ignore-annotation warnings', async () => {
    const r = await lint(['--disable', 'input/unreadable', 'good.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error: --disable: input/unreadable cannot be disabled');
    expect((await lint(['--disable', 'internal/rule-crashed', 'good.yaml'])).stderr).toContain('internal/rule-crashed cannot be disabled');
    const typo = await json(['--disable', 'input/ignore-annotation', 'typo.yaml']);
    expect(typo.report.findings.map((f: { rule: string }) => f.rule)).toEqual(['test/bad-port']);
  });

  test('--min-severity leaves out what is below it, in findings and in the summary', async () => {
    const all = await lint(['warnings.yaml', 'widget.yaml']);
    expect(all.stdout).toContain('test/unknown-kind');
    expect(all.stdout).toContain('0 errors, 1 warning, 1 info in 2 objects in 2 files');
    const warnings = await lint(['--min-severity', 'warning', 'warnings.yaml', 'widget.yaml']);
    expect(warnings.stdout).not.toContain('test/unknown-kind');
    expect(warnings.stdout).toContain('0 errors, 1 warning in 2 objects in 2 files');
    const errors = await json(['--min-severity', 'error', 'warnings.yaml', 'widget.yaml']);
    expect(errors.report.findings).toEqual([]);
  });

  test('--fail-on: error by default; warning and info make lesser findings fail the run', async () => {
    expect((await lint(['warnings.yaml', 'widget.yaml'])).status).toBe(0);
    expect((await lint(['--fail-on', 'warning', 'warnings.yaml'])).status).toBe(1);
    expect((await lint(['--fail-on', 'warning', 'widget.yaml'])).status).toBe(0);
    expect((await lint(['--fail-on', 'info', 'widget.yaml'])).status).toBe(1);
    expect((await lint(['--fail-on', 'error', 'good.yaml'])).status).toBe(1);
  });

  test('--fail-on below --min-severity would fail on findings not shown: a usage error with the fix', async () => {
    const r = await lint(['--min-severity', 'error', '--fail-on', 'warning', 'warnings.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error: --fail-on warning would fail on warning findings that --min-severity error does not show; fix: set --min-severity warning, or --fail-on error or higher');
  });

  test('bad severities are rejected by name', async () => {
    const r = await lint(['--fail-on', 'fatal', 'good.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Allowed choices are error, warning, info');
  });

  test('--help documents the options and every exit status', async () => {
    const help = (await runCli(['lint', '--help'])).stdout.replace(/\s+/g, ' ');
    for (const option of ['--disable <rule>', '--min-severity <severity>', '--fail-on <severity>', '--omit-suppressed']) expect(help).toContain(option);
    expect(help).toContain('Exit status: 0 no finding at or above --fail-on; 1 at least one; 2 usage error, or an input could not be read');
    expect(help).toContain('lifecycle.cdk8s.io/ignore');
  });
});

describe('suppression by annotation', () => {
  test('the rules an object ignores are not reported; the summary counts them as suppressed; they do not fail the run', async () => {
    const r = await lint(['annotated.yaml']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('0 errors, 0 warnings, 0 infos, 2 suppressed in 1 object in 1 file\n');
  });

  test('JSON lists them as suppressed, with the annotation and the reason', async () => {
    const { report } = await json(['annotated.yaml']);
    expect(report.findings).toEqual([]);
    expect(report.summary.suppressed).toBe(2);
    expect(report.suppressed.map((f: { rule: string; line: number }) => [f.rule, f.line])).toEqual([['test/no-readiness', 10], ['test/bad-port', 12]]);
    expect(report.suppressed[0].suppression).toEqual({ annotation: 'lifecycle.cdk8s.io/ignore', reason: 'load-test fixture, never deployed' });
    const omitted = await json(['--omit-suppressed', 'annotated.yaml']);
    expect(omitted.report.suppressed).toEqual([]);
    expect(omitted.report.summary.suppressed).toBe(2);
  });

  test('an unknown rule id in the annotation is a warning at the annotation, naming the closest id; the rule still reports', async () => {
    const { status, report } = await json(['typo.yaml']);
    expect(status).toBe(1);
    expect(report.findings.map((f: { rule: string; line: number; message: string }) => [f.rule, f.line, f.message])).toEqual([
      ['input/ignore-annotation', 6, 'suppresses nothing: "test/bad-prot" is not a rule id; did you mean "test/bad-port"?'],
      ['test/bad-port', 12, 'must be between 1 and 65535, inclusive (got 0)'],
    ]);
    expect(report.findings[0]).toMatchObject({ severity: 'warning', path: 'metadata.annotations[lifecycle.cdk8s.io/ignore]' });
  });

  test('on a pod template the annotation has no effect, and says so', async () => {
    const { report } = await json(['template.yaml']);
    expect(report.findings.map((f: { rule: string; line: number; path: string }) => [f.rule, f.line, f.path])).toEqual([
      ['input/ignore-annotation', 11, 'spec.template.metadata.annotations[lifecycle.cdk8s.io/ignore]'],
      ['test/bad-port', 13, 'spec.template.spec.containers[0].ports[0].containerPort'],
    ]);
    expect(report.findings[0].message).toBe('lifecycle.cdk8s.io/ignore on the pod template has no effect: only the Deployment\'s own metadata.annotations are read');
  });
});

describe('order', () => {
  test('by file in argument order, then line and column; the same bytes every run', async () => {
    const args = ['--format', 'json', 'widget.yaml', 'partly-bad.yaml', 'typo.yaml', 'good.yaml'];
    const first = await lint(args);
    const keys = JSON.parse(first.stdout).findings.map((f: { file: string; line: number }) => `${f.file}:${f.line}`);
    expect(keys).toEqual(['widget.yaml:1', 'partly-bad.yaml:5', 'partly-bad.yaml:18', 'typo.yaml:6', 'typo.yaml:12', 'good.yaml:10']);
    expect((await lint(args)).stdout).toBe(first.stdout);
  });

  test('text output follows the lines of each file, whatever the severities', async () => {
    const r = await lint(['typo.yaml', 'warnings.yaml']);
    const lines = r.stdout.split('\n').filter(l => /^\S+:\d+:/.test(l)).map(l => l.split(' ')[0]);
    expect(lines).toEqual(['typo.yaml:6:', 'typo.yaml:12:', 'warnings.yaml:7:']);
  });
});
