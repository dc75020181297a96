import { InputError } from '../../src/lint/input-error';
import { loadObjects } from '../../src/lint/load-objects';
import { pathSegments } from '../../src/lint/path-segments';

const load = (text: string) => loadObjects({ file: 'f.yaml', text });

describe('scalars resolve as kubectl (sigs.k8s.io/yaml, go-yaml v2) resolves them', () => {
  const [obj] = load([
    'apiVersion: v1',
    'kind: ConfigMap',
    'data:',
    '  yes: on',            // YAML 1.1 booleans, keys included
    '  mode: 0644',         // YAML 1.1 octal
    '  o12: 0o644',         // not an octal in 1.1: a string
    '  date: 2024-01-01',   // no timestamps: a string
    '  time: 1:30',         // no base-60: a string
    '  quoted: "on"',
    '  nothing: ~',
    '  n: 1',               // `n` is a 1.1 boolean too: the key becomes "false"
  ].join('\n'));
  test.each([
    ['true', true], ['mode', 420], ['o12', '0o644'], ['date', '2024-01-01'], ['time', '1:30'], ['quoted', 'on'], ['nothing', null], ['false', 1],
  ])('%s', (key, value) => {
    expect((obj.object.data as Record<string, unknown>)[key]).toEqual(value);
  });
});

test('empty documents are skipped; document numbers count every document', () => {
  const objs = load('---\n# only a comment\n---\napiVersion: v1\nkind: Pod\n---\n---\napiVersion: v1\nkind: Service\n');
  expect(objs.map(o => [o.object.kind, o.document])).toEqual([['Pod', 2], ['Service', 4]]);
});

test('typed lists (DeploymentList) are unwrapped too, and so are nested lists', () => {
  const objs = load('kind: DeploymentList\nitems:\n- kind: Deployment\n- kind: List\n  items:\n  - kind: Pod\n');
  expect(objs.map(o => o.object.kind)).toEqual(['Deployment', 'Pod']);
  expect(objs[1].locate('').line).toBe(6);
});

test('a List whose items is not a list is an input error', () => {
  expect(() => load('kind: List\nitems: {a: 1}\n')).toThrow(/document 1 is a List whose items is not a list/);
});

test('aliases and merge keys are read; a path through an alias locates the anchor', () => {
  const [obj] = load('kind: Pod\nbase: &base\n  a: 1\nmerged:\n  <<: *base\n  b: 2\nalias: *base\n');
  expect(obj.object.merged).toEqual({ a: 1, b: 2 });
  expect(obj.locate('alias.a').line).toBe(3);
  expect(obj.locate('merged.b').line).toBe(6);
});

test('locate: map keys, list items, bracketed keys with dots, absent fields fall back to the nearest ancestor', () => {
  const [obj] = load([
    'apiVersion: v1',                        // 1
    'kind: Pod',                             // 2
    'metadata:',                             // 3
    '  annotations:',                        // 4
    '    app.kubernetes.io/name: web',       // 5
    'spec:',                                 // 6
    '  containers:',                         // 7
    '  - name: a',                           // 8
    '  - name: b',                           // 9
    '    ports: [{containerPort: 1}, {containerPort: 2}]', // 10
  ].join('\n'));
  expect(obj.locate('')).toEqual({ line: 1, column: 1 });
  expect(obj.locate('metadata.annotations[app.kubernetes.io/name]')).toEqual({ line: 5, column: 5 });
  expect(obj.locate('spec.containers[1]')).toEqual({ line: 9, column: 5 });
  expect(obj.locate('spec.containers[1].ports[1].containerPort')).toEqual({ line: 10, column: 34 });
  expect(obj.locate('spec.containers[0].livenessProbe.httpGet')).toEqual({ line: 8, column: 5 });
  expect(obj.locate('spec.containers[7]').line).toBe(7);
  expect(obj.locate('spec.nope[0].x').line).toBe(6);
});

test('an unparsable document is an InputError with its position', () => {
  let error: unknown;
  try {
    load('kind: Pod\nmetadata:\n  name: "unterminated\n');
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).position?.line).toBeGreaterThanOrEqual(3);
  expect((error as InputError).message).toMatch(/^f\.yaml:\d+:\d+: cannot parse YAML: /);
});

test('alias bombs are refused, not expanded', () => {
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`);
  expect(() => load(bomb.join('\n'))).toThrow(InputError);
});

test('pathSegments splits Kubernetes field paths', () => {
  expect(pathSegments('spec.template.spec.containers[0].lifecycle.preStop.exec.command')).toEqual(
    ['spec', 'template', 'spec', 'containers', 0, 'lifecycle', 'preStop', 'exec', 'command']);
  expect(pathSegments('metadata.labels[app.kubernetes.io/name]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
  expect(pathSegments('')).toEqual([]);
  expect(pathSegments('a[1][2].b')).toEqual(['a', 1, 2, 'b']);
});
