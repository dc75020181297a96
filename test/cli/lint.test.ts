import { runCli, tempFiles } from './cli-harness';
import { TEST_RULES } from './test-rules';

// Line numbers in the expectations below are counted in these texts.
const DEPLOY = `# a comment on line 1
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx
          ports:
            - containerPort: 70000
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports: [{port: 80}]
`;

const GOOD = `apiVersion: v1
kind: Pod
metadata:
  name: ok
spec:
  containers:
    - name: app
      image: nginx
      readinessProbe:
        httpGet: {port: 80}
`;

const LIST = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata:
      name: first
    spec:
      containers:
        - name: a
          image: nginx
          readinessProbe: {tcpSocket: {port: 1}}
  - apiVersion: v1
    kind: Pod
    metadata:
      name: second
    spec:
      containers:
        - name: b
          image: nginx
          readinessProbe: {tcpSocket: {port: 1}}
          ports:
            - containerPort: 0
`;

const JSON_POD = `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "j"},
  "spec": {
    "containers": [
      {"name": "c", "image": "nginx", "readinessProbe": {"exec": {"command": ["true"]}},
       "ports": [{"containerPort": -1}]}
    ]
  }
}
`;

let files: ReturnType<typeof tempFiles>;
beforeAll(() => {
  files = tempFiles({
    'deploy.yaml': DEPLOY,
    'good.yaml': GOOD,
    'list.yaml': LIST,
    'pod.json': JSON_POD,
    'bad.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\nspec: {}\n',
    'scalar.yaml': 'apiVersion: v1\nkind: Pod\n---\njust a string\n',
    'empty.yaml': '# nothing\n---\n',
    'dir/a.yaml': GOOD,
    'dir/nested/b.yml': DEPLOY,
    'dir/ignored.txt': 'not yaml: [',
    'crd.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n',
  });
});
afterAll(() => files.cleanup());

const lint = (args: string[], stdin?: string) => runCli(['lint', ...args], { rules: TEST_RULES, cwd: files.dir, stdin });

describe('lint exit status', () => {
  test('0 when there is no error finding, even with warnings and infos', async () => {
    const r = await lint(['good.yaml', 'crd.yaml']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('crd.yaml:1: info test/unknown-kind Widget/w: kind Widget is not checked');
    expect(r.status).toBe(0);
  });

  test('1 when there is an error finding', async () => {
    const r = await lint(['deploy.yaml']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
  });

  test('2 for an unknown option, naming it, with nothing on stdout', async () => {
    const r = await lint(['--formt', 'json', 'deploy.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option '--formt'");
    expect(r.stderr).toContain('--format');
    expect(r.stdout).toBe('');
  });

  test('2 when no file is given', async () => {
    const r = await lint([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("missing required argument 'files'");
  });

  test('2 for a missing file, named as an input/unreadable finding; the other files are still reported', async () => {
    const r = await lint(['good.yaml', 'nope.yaml', 'deploy.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('nope.yaml: error input/unreadable: cannot read: no such file or directory\n');
    expect(r.stdout).toContain('deploy.yaml:18: error test/bad-port Deployment/web');
  });

  test('2 for bad YAML, with file, line, column and the offending line', async () => {
    const r = await lint(['bad.yaml']);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^bad\.yaml:5: error input\/unreadable: cannot parse YAML: /);
    expect(r.stdout).toContain('\n    spec: {}\n    ^\n');
    expect(r.stdout).not.toMatch(/\bat .*\.(js|ts):\d+/); // no stack trace
    const json = JSON.parse((await lint(['-f', 'json', 'bad.yaml'])).stdout);
    expect(json.findings).toEqual([expect.objectContaining({ rule: 'input/unreadable', file: 'bad.yaml', line: 5, column: 1, document: 1 })]);
  });

  test('2 for a document that is not an object, with its line; the file\'s other document is linted', async () => {
    const r = await lint(['-f', 'json', 'scalar.yaml']);
    expect(r.status).toBe(2);
    const { findings, summary } = JSON.parse(r.stdout);
    expect(findings).toContainEqual(expect.objectContaining({
      rule: 'input/unreadable', line: 4, column: 1, document: 2,
      message: 'document 2 is a string, not a Kubernetes object (a mapping with apiVersion and kind)',
    }));
    expect(summary).toMatchObject({ objects: 1, unreadable: 1 });
  });

  test('2 for an unsupported --k8s-version, naming the supported ones', async () => {
    const r = await lint(['--k8s-version', '1.36', 'good.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("argument '1.36' is invalid");
    expect(r.stderr).toContain('use one from 1.28 to 1.35');
  });

  test.each(['1.28', 'v1.28', '1.28.4', '1.29', '1.35', 'v1.35.1'])('--k8s-version %s is accepted', async version => {
    expect((await lint(['--k8s-version', version, 'good.yaml'])).status).toBe(0);
  });

  test('2 for an unknown --format', async () => {
    const r = await lint(['--format', 'xml', 'good.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Allowed choices are text, json, sarif');
  });

  test('2 when the input holds no object at all (e.g. an empty pipe)', async () => {
    const file = await lint(['empty.yaml']);
    expect(file.status).toBe(2);
    expect(file.stdout).toContain('empty.yaml: error input/unreadable: no Kubernetes objects found in the input');
    const r = await lint(['-'], '');
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^<stdin>: error input\/unreadable: no Kubernetes objects found in the input\n/);
  });

  test('2 for an empty pipe even when the files beside it have objects; an empty file beside others is fine', async () => {
    const r = await lint(['good.yaml', '-'], '');
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('<stdin>: error input/unreadable: no Kubernetes objects found in the input');
    expect((await lint(['good.yaml', 'empty.yaml'])).status).toBe(0);
  });

  test('2 when stdin is named twice', async () => {
    const r = await lint(['-', '-'], GOOD);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('standard input (-) can be read only once');
  });

  test('2 and usage when no command is given; 0 for --help and --version', async () => {
    const none = await runCli([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('Usage: cdk8s-lifecycle');
    const help = await runCli(['lint', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--k8s-version <version>');
    const version = await runCli(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('lint text format', () => {
  test('file:line, severity, rule, kind/name, path, message and fix, then a summary', async () => {
    const r = await lint(['deploy.yaml']);
    expect(r.stdout).toBe([
      // readinessProbe is absent: the line is its container's.
      'deploy.yaml:15: warning test/no-readiness Deployment/web spec.template.spec.containers[0].readinessProbe: container web has no readinessProbe',
      '  fix: add a readinessProbe',
      'deploy.yaml:18: error test/bad-port Deployment/web spec.template.spec.containers[0].ports[0].containerPort: must be between 1 and 65535, inclusive (got 70000)',
      '  fix: use a port between 1 and 65535',
      '1 error, 1 warning, 0 infos in 2 objects in 1 file',
      '',
    ].join('\n'));
  });

  test('a clean run prints only the summary', async () => {
    const r = await lint(['good.yaml']);
    expect(r.stdout).toBe('no findings in 1 object in 1 file\n');
  });
});

describe('lint inputs', () => {
  test('reads standard input with -', async () => {
    const r = await lint(['-'], DEPLOY);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('<stdin>:18: error test/bad-port');
  });

  test('multi-document YAML: every document is linted', async () => {
    const r = await lint(['--format', 'json', 'deploy.yaml']);
    const { findings } = JSON.parse(r.stdout);
    expect(findings.map((f: { kind: string }) => f.kind)).toEqual(['Deployment', 'Deployment']);
    const all = await lint(['deploy.yaml', 'crd.yaml']);
    expect(all.stdout).toContain('in 3 objects in 2 files');
  });

  test('List: items are linted with paths from the item root and lines inside the item', async () => {
    const r = await lint(['--format', 'json', 'list.yaml']);
    expect(r.status).toBe(1);
    const { findings } = JSON.parse(r.stdout);
    expect(findings).toEqual([expect.objectContaining({
      rule: 'test/bad-port', kind: 'Pod', name: 'second', file: 'list.yaml', line: 23,
      path: 'spec.containers[0].ports[0].containerPort',
    })]);
  });

  test('JSON input, with line numbers', async () => {
    const r = await lint(['pod.json']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('pod.json:8: error test/bad-port Pod/j spec.containers[0].ports[0].containerPort: must be between 1 and 65535, inclusive (got -1)');
  });

  test('a directory: its .yaml, .yml and .json files, recursively, in sorted order', async () => {
    const r = await lint(['dir']);
    expect(r.stdout).toContain('in 3 objects in 2 files');
    expect(r.stdout).toContain('dir/nested/b.yml:18: error test/bad-port');
  });

  test('objects of all files are linted together, in argument order', async () => {
    const r = await lint(['--format', 'json', 'pod.json', 'deploy.yaml']);
    const files = JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file);
    expect(files).toEqual(['pod.json', 'deploy.yaml', 'deploy.yaml']);
  });
});

describe('lint --format json', () => {
  test('prints {"findings": [...], "suppressed": [...], "summary": {...}} with rule, severity, file, kind, name, path, message (and more)', async () => {
    const r = await lint(['--format', 'json', 'deploy.yaml', 'crd.yaml']);
    const parsed = JSON.parse(r.stdout);
    expect(Object.keys(parsed)).toEqual(['findings', 'suppressed', 'summary']);
    expect(parsed.summary).toEqual({ errors: 1, warnings: 1, infos: 1, suppressed: 0, unreadable: 0, objects: 3, files: 2 });
    expect(parsed.findings[1]).toEqual({
      rule: 'test/bad-port',
      severity: 'error',
      file: 'deploy.yaml',
      line: 18,
      column: 15,
      document: 1,
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'web',
      namespace: 'shop',
      path: 'spec.template.spec.containers[0].ports[0].containerPort',
      message: 'must be between 1 and 65535, inclusive (got 70000)',
      fix: 'use a port between 1 and 65535',
    });
    const crd = parsed.findings[2];
    expect(crd).toMatchObject({ rule: 'test/unknown-kind', severity: 'info', file: 'crd.yaml', kind: 'Widget', name: 'w', namespace: null, path: '', line: 1 });
  });

  test('no findings is an empty list', async () => {
    const r = await lint(['-f', 'json', 'good.yaml']);
    expect(JSON.parse(r.stdout)).toEqual({
      findings: [], suppressed: [], summary: { errors: 0, warnings: 0, infos: 0, suppressed: 0, unreadable: 0, objects: 1, files: 1 },
    });
  });
});

describe('lint with the rule registry', () => {
  test('flags a bad container port at its line; no rule crashes on these inputs', async () => {
    const r = await runCli(['lint', '--format', 'json', 'deploy.yaml', 'good.yaml', 'list.yaml', 'pod.json', 'crd.yaml'], { cwd: files.dir });
    expect(r.status).toBe(1);
    const findings = JSON.parse(r.stdout).findings as Array<{ rule: string; file: string; line: number; path: string }>;
    expect(findings).toContainEqual(expect.objectContaining({
      rule: 'api-server/container-port', file: 'deploy.yaml', line: 18, path: 'spec.template.spec.containers[0].ports[0].containerPort',
    }));
    expect(findings.filter(f => f.rule === 'internal/rule-crashed')).toEqual([]);
  });
});
