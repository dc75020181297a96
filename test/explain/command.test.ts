/** `cdk8s-lifecycle explain`, run in-process through the CLI's `main`. */
import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { EXPLAIN_SCHEMA_VERSION } from '../../src/explain/model';
import { runCli, tempFiles } from '../cli/cli-harness';
import { parseXml } from './xml';
import { container, deployment, service, sleep } from './fixtures';

const manifests = [
  deployment([container({ lifecycle: { preStop: sleep(45) } })], {}, {}, 'web'),
  service({ app: 'web' }),
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: {} },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'tools' }, spec: { containers: [{ name: 'sh', image: 'busybox' }] } },
];
const yaml = manifests.map(m => stringify(m)).join('---\n');

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempFiles({ 'app.yaml': yaml, 'empty/notes.txt': 'not yaml', 'bad.yaml': 'kind: [unclosed' })));
afterEach(() => cleanup());

test('text for every workload in the files, exit 0 even with verdicts', async () => {
  const r = await runCli(['explain', 'app.yaml'], { cwd: dir });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('═══ Deployment/web');
  expect(r.stdout).toContain('═══ Pod/debug (namespace tools)');
  expect(r.stdout).not.toContain('ConfigMap');
  expect(r.stdout).toContain('set spec.template.spec.terminationGracePeriodSeconds = 50');
  expect(Math.max(...r.stdout.split('\n').map(l => [...l].length))).toBeLessThanOrEqual(100);
});

test('--format json: the documented shape, with where each workload came from', async () => {
  const r = await runCli(['explain', '--format', 'json', path.join(dir, 'app.yaml')]);
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.schemaVersion).toBe(EXPLAIN_SCHEMA_VERSION);
  expect(out.workloads).toHaveLength(2);
  const [web, debug] = out.workloads;
  expect(Object.keys(web)).toEqual(['file', 'document', 'workload', 'assumptions', 'startup', 'termination', 'panels', 'verdicts', 'notes']);
  expect(web).toMatchObject({ file: path.join(dir, 'app.yaml'), document: 1, workload: { kind: 'Deployment', name: 'web', podSpecPath: 'spec.template.spec' } });
  expect(debug.document).toBe(4);
  expect(web.termination.containers[0]).toMatchObject({ name: 'app', preStopSeconds: 45, sigtermAt: { seconds: 30, lowerBound: false }, sigkillAt: { seconds: 32, lowerBound: false }, serviceBacked: true });
  expect(web.verdicts[0]).toMatchObject({ number: 1, rule: 'pre-stop-cut-off', field: 'spec.template.spec.terminationGracePeriodSeconds', value: 50 });
  expect(web.panels.map((p: { id: string }) => p.id)).toEqual(['startup', 'termination']);
});

test('--svg DIR writes one <kind>-<name>.svg per workload and says so on stderr', async () => {
  const r = await runCli(['explain', 'app.yaml', '--svg', 'out/pictures', '-f', 'json'], { cwd: dir });
  expect(r.status).toBe(0);
  JSON.parse(r.stdout); // stdout stays pure JSON
  const files = fs.readdirSync(path.join(dir, 'out/pictures')).sort();
  expect(files).toEqual(['deployment-web.svg', 'pod-debug.svg']);
  expect(parseXml(fs.readFileSync(path.join(dir, 'out/pictures/deployment-web.svg'), 'utf8')).name).toBe('svg');
  expect(r.stderr).toContain(`wrote ${path.join('out/pictures', 'deployment-web.svg')}`);
});

test('standard input, and the propagation option', async () => {
  const r = await runCli(['explain', '-', '--propagation', '10', '-f', 'json'], { stdin: stringify(deployment([container()])) + '---\n' + stringify(service({ app: 'web' })) });
  expect(r.status).toBe(0);
  const [w] = JSON.parse(r.stdout).workloads;
  expect(w.file).toBe('<stdin>');
  expect(w.assumptions.endpointPropagationSeconds).toBe(10);
  expect(w.verdicts[0].value).toEqual({ exec: { command: ['sleep', '10'] } });
});

test.each([
  [['explain', 'missing.yaml'], /missing\.yaml: cannot read: no such file or directory/],
  [['explain', 'bad.yaml'], /bad\.yaml:\d+:\d+: /],
  [['explain', 'empty'], /directory holds no \.yaml/],
  [['explain', '-'], /no workload to explain/],
  [['explain', 'app.yaml', '--format', 'svg'], /argument 'svg' is invalid/],
  [['explain', 'app.yaml', '--propagation', 'soon'], /expected a number of seconds/],
  [['explain'], /missing required argument/],
])('%j is a usage or input error: exit 2, a message, no stack trace', async (argv, message) => {
  const r = await runCli(argv as string[], { cwd: dir, stdin: 'kind: ConfigMap\nmetadata: {name: x}\n' });
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).toBe('');
});

test('an --svg directory that cannot be created is an input error, and nothing is printed', async () => {
  const r = await runCli(['explain', 'app.yaml', '--svg', 'app.yaml/sub'], { cwd: dir });
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/--svg app\.yaml\/sub: cannot write/);
  expect(r.stdout).toBe('');
});

test('explain is listed in the program help', async () => {
  const r = await runCli(['--help']);
  expect(r.stdout).toMatch(/explain \[options\] <files\.\.\.>/);
});
