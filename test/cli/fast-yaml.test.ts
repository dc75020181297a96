/**
 * The fast reader never disagrees with the `yaml` package: on generated manifests in many YAML
 * styles, and on random mutations of them, both give the same objects, document numbers and
 * positions, or the same error.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { generateLintCorpus } from '../../src/bench/lint-corpus';
import { generateRepoCorpus } from '../../src/bench/repo-corpus';
import { parseJsonDocument } from '../../src/lint/fast-json';
import { parseBlockDocument, UNSUPPORTED } from '../../src/lint/fast-yaml';
import { CUSTOM_TAGS, loadObjects } from '../../src/lint/load-objects';

/** More runs for a deeper search: FAST_YAML_RUNS=20000 npx jest test/cli/fast-yaml.test.ts */
const RUNS = Number(process.env.FAST_YAML_RUNS ?? 400);

type Read = { objects: Array<{ object: unknown; document: number; positions: unknown[] }> } | { error: string };

/** Every field path of an object, in the notation the rules use. */
function fieldPaths(value: unknown, prefix = ''): string[] {
  const out = [prefix];
  if (Array.isArray(value)) {
    value.forEach((v, i) => out.push(...fieldPaths(v, `${prefix}[${i}]`)));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes(']') || k.includes('[')) continue; // not expressible as a field path
      const p = /^[A-Za-z0-9_-]+$/.test(k) ? (prefix ? `${prefix}.${k}` : k) : `${prefix}[${k}]`;
      out.push(...fieldPaths(v, p));
    }
  }
  return out;
}

function read(text: string, engine: 'auto' | 'yaml'): Read {
  try {
    const objects = loadObjects({ file: 'f.yaml', text }, { engine });
    return {
      objects: objects.map(o => ({
        object: o.object,
        document: o.document,
        positions: fieldPaths(o.object).map(p => [p, o.locate(p)]),
      })),
    };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** How many documents of the text the fast reader takes (the rest go to `yaml`). */
function fastShare(text: string): { fast: number; all: number } {
  const docs = text.replace(/\r\n/g, '\n').split(/^---$/m);
  let fast = 0;
  for (const doc of docs) {
    const lines = doc.split('\n');
    try {
      parseBlockDocument(lines, 0, lines.length, CUSTOM_TAGS);
      fast++;
    } catch (err) {
      if (err !== UNSUPPORTED) throw err;
    }
  }
  return { fast, all: docs.length };
}

const TRICKY_STRINGS = [
  'yes', 'No', 'on', 'OFF', 'y', 'n', 'true', 'False', '0644', '0o12', '0x1F', '0b101', '1e3', '.5', '-.5', '+1', '-0',
  '1_000', '.inf', '.NaN', '1:30', '2024-01-01', '2024-01-01T10:00:00Z', '~', 'null', '', ' ', '-', '- a', '? x', ': y',
  '#x', 'a #b', 'a#b', 'a: b', 'a:b', 'http://x:80/y', ' lead', 'trail ', 'multi\nline', 'multi\nline\n', 'end\n\n',
  '\nstart', 'with\ttab', "it's", 'quote"d', 'back\\slash', '[x]', '{y}', 'a, b', '&anchor', '*alias', '!tag', '|', '>',
  '%', '@at', '`tick`', 'ünïcödé', 'x\u2028y', '---', '...', 'sleep 10; nginx -s quit', 'a  b', '  indented\n  more\n',
];
const KEYS = ['name', 'image', 'a', 'b.c', 'app.kubernetes.io/name', 'x y', 'k:v', '-k', 'on', 'yes', '1', 'null', '"q"', "'s'", 'k#h', '<<'];

const REALISTIC_STRINGS = [
  'web', 'nginx:1.27', 'registry.example.com/team/app@sha256:0123abcd', '/healthz', 'http', 'TCP', '8080', '100m', '64Mi',
  'IfNotPresent', 'RollingUpdate', '25%', 'status.podIP', 'metadata.name', 'sh', '-c', '--port=8080', 'app.kubernetes.io/name',
  'echo "hello" > /tmp/x && sleep 5', "printf '%s' ok", 'KEY=value', 'a b c', 'Always', '/usr/share/nginx/html',
  '#!/bin/sh\nset -e\nif [ -f /tmp/x ]; then\n\techo "yes: no"\nfi\n',
  'server {\n  listen 8080;\n  location / { root /x; }\n}\n', 'items:\n- a\n- b: c\n# not a comment\n',
];

const scalar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...REALISTIC_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY_STRINGS) },
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -100000, max: 100000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(d => Math.round(d * 1000) / 1000),
  fc.boolean(),
  fc.constant(null),
);

const value: fc.Arbitrary<unknown> = fc.letrec(tie => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('name', 'image', 'ports', 'containerPort', 'env', 'value', 'command', 'args', 'labels') },
    { weight: 2, arbitrary: fc.constantFrom(...KEYS) },
    fc.string({ minLength: 1, maxLength: 6 }),
  ), tie('node'), { maxKeys: 5 }),
})).node;

const manifest = fc.record({
  apiVersion: fc.constant('v1'),
  kind: fc.constantFrom('ConfigMap', 'Pod', 'List', 'Widget'),
  metadata: fc.record({ name: fc.string({ minLength: 1, maxLength: 8 }) }),
  data: fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 6 }),
  items: fc.array(fc.record({ kind: fc.constantFrom('Pod', 'Service'), spec: value }), { maxLength: 3 }),
});

const style = fc.record({
  indentSeq: fc.boolean(),
  indent: fc.constantFrom(2, 4),
  defaultStringType: fc.constantFrom('PLAIN', 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
  defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE'),
  lineWidth: fc.constantFrom(0, 24, 80),
  minContentWidth: fc.constantFrom(0, 10),
  version: fc.constantFrom('1.1', '1.2'),
  collectionStyle: fc.constantFrom('block', 'block', 'block', 'any', 'flow'),
});

function render(docs: unknown[], opts: Record<string, unknown>): string {
  return docs.map(d => stringify(d, opts as never)).join('---\n');
}

/** Random edits: comments, blank lines, changed indentation, stray characters. */
const mutation = fc.array(fc.record({
  at: fc.nat(),
  op: fc.constantFrom('comment', 'blank', 'indent', 'dedent', 'char', 'delete', 'docsep', 'tab', 'trailing-comment', 'crlf'),
  char: fc.constantFrom(':', '#', '-', ' ', '"', "'", '|', '>', '[', '{', '&', '*', '!', '\t', 'x', ']', '}', ',', '\r'),
}), { maxLength: 3 });

function mutate(text: string, edits: Array<{ at: number; op: string; char: string }>): string {
  const lines = text.split('\n');
  for (const e of edits) {
    const i = e.at % lines.length;
    const line = lines[i];
    switch (e.op) {
      case 'comment': lines.splice(i, 0, `${' '.repeat(e.at % 6)}# note`); break;
      case 'blank': lines.splice(i, 0, ' '.repeat(e.at % 5)); break;
      case 'indent': lines[i] = ` ${line}`; break;
      case 'dedent': lines[i] = line.replace(/^ /, ''); break;
      case 'char': { const k = e.at % (line.length + 1); lines[i] = line.slice(0, k) + e.char + line.slice(k); break; }
      case 'delete': { const k = e.at % Math.max(1, line.length); lines[i] = line.slice(0, k) + line.slice(k + 1); break; }
      case 'docsep': lines.splice(i, 0, '---'); break;
      case 'tab': lines[i] = `\t${line}`; break;
      case 'trailing-comment': lines[i] = `${line} # c`; break;
      case 'crlf': lines[i] = `${line}\r`; break;
    }
  }
  return lines.join('\n');
}

test('on generated manifests in many styles, the fast reader agrees with yaml (values, documents, positions)', () => {
  let fast = 0;
  let all = 0;
  fc.assert(fc.property(fc.array(manifest, { minLength: 1, maxLength: 3 }), style, fc.boolean(), (docs, opts, crlf) => {
    // Files written on Windows: every line break CRLF.
    const text = crlf ? render(docs, opts).replace(/\n/g, '\r\n') : render(docs, opts);
    const share = fastShare(text);
    fast += share.fast;
    all += share.all;
    expect(read(text, 'auto')).toEqual(read(text, 'yaml'));
  }), { numRuns: RUNS });
  // The comparison is not vacuous: many documents (those free of the generator's oddities: `<<`
  // keys, flow collections, multi-line quoted strings) really go through the fast reader. The share
  // varies with the random styles around 0.3-0.4; the bound is set well under it so that it proves
  // non-vacuity without failing on an unlucky draw.
  expect(fast / all).toBeGreaterThan(0.15);
});

test('on random mutations, the fast reader accepts nothing yaml rejects and reads nothing differently', () => {
  fc.assert(fc.property(fc.array(manifest, { minLength: 1, maxLength: 2 }), style, mutation, (docs, opts, edits) => {
    const text = mutate(render(docs, opts), edits);
    expect(read(text, 'auto')).toEqual(read(text, 'yaml'));
  }), { numRuns: RUNS * 1.5 });
});

test('hand-written edge cases agree with yaml', () => {
  const cases = [
    'a: |\n  x\n  y\n', 'a: |\n  x', 'a: |-\n  x\n\n', 'a: >\n  x\n  y\n\n  z\n', 'a: >-\n  x\n\n\n  y\n', 'a: |\n\n  x\n',
    'a: |\n   \n  x\n', 'a: |\n  x\n   \n  y\n', 'a: |\n  # not a comment\n  x\n# a comment\nb: 1\n',
    'a:\n- 1\n- 2\nb: 3\n', 'a:\n  - 1\n  -   x: 1\n      y: 2\n', '- a\n- b: 1\n  c: 2\n', 'a: b: c\n', 'a: "x"y\n',
    "a: 'it''s'\n", 'a: "\\u00e9\\x41\\t\\"\\\\"\n', 'a: "\\q"\n', 'a: [ ]\nb: { }\nc: []  # x\n', 'a: [1]\n', 'key:\n  value\n',
    'a: 1\n  b: 2\n', 'a:\n  b: 1\n c: 2\n', '  a: 1\n  b: 2\n', 'a: 1 # c\nb: x#y\nc: x #y\n', '"a b": 1\n\'c\': 2\n',
    'a: 1\na: 2\n', 'yes: 1\n', '1: x\n', '? a\n: b\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', '- \n- a\n', '---\n---\na: 1\n...\n',
    '%YAML 1.1\n---\na: 1\n', '--- # c\na: 1\n', '--- {a: 1}\n', '--- |\n  x\n', '# c\n---\na: 1\n---\n# only\n',
    'a: 1\r\nb: 2\r\n', '\ufeffa: 1\n', 'a:\tb\n', 'a: b\t\n', '- - x\n', 'a: -\n', 'a: - x\n', 'a: :x\n', 'a: -1\n', 'a: ?x\n',
    'kind: List\nitems:\n- kind: Pod\n- kind: List\n  items:\n  - kind: Service\n', 'kind: List\nitems: 3\n', '- 1\n', 'just text\n',
    'a: x\n  # comment\nb: 1\n', 'a:\n  # only a comment\nb: 1\n', 'a: |\n  x\n\n\nb: 1\n', 'a: >\n  x\n   more\n  y\n',
    '__proto__: 1\n', 'a: {}\n---\n', 'a: 0644\nb: 0o644\nc: 1_0\nd: 1:20\ne: 2001-12-14\nf: +.5\ng: 0x_1\n',
  ];
  for (const text of cases) expect({ text, read: read(text, 'auto') }).toEqual({ text, read: read(text, 'yaml') });
});

test('real-world styles agree with yaml: folded plain and quoted scalars, folded blocks, flow collections, CRLF', () => {
  const cases = [
    // go-yaml folds long plain and quoted scalars over several lines
    'a: one two\n  three\nb: 1\n', 'a: one\n\n  two\n\n\n  three\n', 'a: one\n  two: x\n', 'a: one\n  two #c\n', 'a: one # c\n  two\n',
    'a: one\n  - two\n', 'a: one\n  -two\n', 'a: one\n  "two"\n  `three`\n', 'a: one\n  # two\n', 'a: 1\n  2\n', 'a: yes\n  no\n',
    'a: one\n two\n', '- one\n  two\n- three\n', '- a: one\n    two\n  b: 1\n', '- a: one\n  two\n', 'a:\n  one\n  two\nb: 1\n', 'a:\n  one\n two\n',
    'a: one\n  two:\n', 'a: one\n  [two]\n', 'a: one\n  ? two\n', 'a: one\n  :two\n', 'a: one   \n  two   \n',
    "a: 'one two\n  three'\nb: 1\n", "a: 'one\n\n  two'\n", "a: 'it''s\n  it''s'\n", "a: 'one\n  two' # c\n", "a: 'one\n  two' x\n", "a: 'one\ntwo'\n",
    'a: "one\n  two"\n', 'a: "one\\\n  two"\n', 'a: "one\\\n\n  two"\n', 'a: "one \\\n  two"\n', 'a: "one\\ \n  two"\n', 'a: "\\t\n  \\u00e9"\n',
    'a: "one  \n   two  "\n', 'a: "\n  one"\n', 'a: "one\n  "\n', 'a: "one\n  \n  two"\n', 'a: "one\n  two\n', '- "one\n  two"\n', 'a: "x\n  # y"\n',
    'x:\n  a: "b\n  c"\n', 'a: "one\n  two"\n  b: 1\n', "a: 'one\\\n  two'\n",
    // folded block scalars with more-indented lines
    'a: >\n  one\n    two\n  three\n', 'a: >\n  one\n\n    two\n\n  three\n', 'a: >-\n    one\n  two\n', 'a: >\n  one\n  \n   \n  two\n', 'a: >\n  one\n  \ttwo\n',
    // flow collections
    'a: [1, "b", \'c\', d e, true, null, ~, 0644]\n', 'a: {x: 1, "y": 2, \'z\': [3]}\n', 'a: {"x":1,"y":[2,{"z":3}]}\n', 'a: [a, b, ]\n', 'a: [a, , b]\n',
    'a: {x, y}\n', 'a: {x: }\n', 'a: {x: 1, x: 2}\n', 'a: [x: 1]\n', 'a: {x:1}\n', 'a: {x:[1]}\n', 'a: {"x": [1], y: {z: w}} # c\n', 'a: [1]#c\n', 'a: [1] x\n',
    'a: [http://x:80/y, a:b, -1, -x, --port=80]\n', 'a: [- x]\n', 'a: [&x 1, *x]\n', 'a: [!!str 1]\n', 'a: [a # c\n  ]\n', 'a: [a\n  b]\n', 'a: [a,\n  b]\n',
    'a: [\n  a,\n  b\n]\n', 'a: [\n  a\n  ]\n', 'x:\n  a: [\n    1\n  ]\n  b: 1\n', 'x:\n  a: [\n  1\n  ]\n', 'x:\n  a: [1,\n  2]\n', 'x:\n  a: {\n    k: 1\n  }\n',
    '- [\n  1\n]\n', '- [a, b]\n- {c: d}\n', 'a:\n  [1, 2]\nb: 1\n', 'a:\n  {x: 1}\n', 'a: [1, [2, [3, {b: [4]}]]]\n', 'a: [{}, [], {x: []}]\n',
    'a: {__proto__: 1}\n', 'a: {<<: {b: 1}}\n', 'a: {yes: 1, 1: 2, ~: 3}\n', 'a: ["x\\"y", \'it\'\'s\']\n', 'a: [a\tb]\n', 'a: [1,\n\n  2]\n', 'a: ["a\n  b"]\n',
    'a: [a]]\n', 'a: [[a]\n', 'a: {b: c}}\n', 'a: [a, {b: c]\n', 'a: [a b: c]\n', 'a: [a, b]\n  c: d\n', 'a: [a]\n  - b\n', 'a: [?x]\n', 'a: [:x, x:]\n',
    // Windows line endings
    'a: 1\r\nb:\r\n  - x\r\n  - "y\r\n    z"\r\nc: |\r\n  l1\r\n  l2\r\n', 'a: 1\r\n---\r\nb: 2\r\n', 'a: 1\rb: 2\n', 'a: 1\r\nb: 2\r', 'a: "x\r\n  y"\n', '{"a": 1}\r\n---\r\nb: [1,\r\n  2]\r\n',
    'a: 1\r\nb: 2\n', 'a: 1\r\na: 2\r\n', 'a: >\r\n  x\r\n   y\r\n',
  ];
  for (const text of cases) expect({ text, read: read(text, 'auto') }).toEqual({ text, read: read(text, 'yaml') });
});

test('the lint benchmark corpus is read entirely by the fast reader, identically to yaml', () => {
  const text = generateLintCorpus(300).yaml;
  const share = fastShare(text);
  expect(share.fast).toBe(share.all);
  expect(read(text, 'auto')).toEqual(read(text, 'yaml'));
});

test('the real-repository-shaped bench corpus is read by the fast reader but for anchors, identically to yaml', () => {
  // CRDs folded by go-yaml, Helm output, dashboards in block scalars, flow style, CRLF files, Lists:
  // every document but those with an anchor goes through the fast reader (JSON files through JSON.parse).
  const corpus = generateRepoCorpus({ repos: 2 });
  let fast = 0;
  let all = 0;
  let anchored = 0;
  for (const file of corpus.files) {
    if (file.path.endsWith('.json')) continue;
    const share = fastShare(file.text);
    fast += share.fast;
    all += share.all;
    anchored += (file.text.match(/ &\w+ /g) ?? []).length;
  }
  expect(anchored).toBeGreaterThan(0);
  expect(all - fast).toBe(anchored);
  // Values and documents of every file; positions of a sample of each object's paths (every path of a
  // 300 KB CRD through `yaml` would take minutes).
  const sampled = (text: string, engine: 'auto' | 'yaml') => {
    try {
      return loadObjects({ file: 'f.yaml', text }, { engine }).map(o => ({
        object: o.object,
        document: o.document,
        positions: fieldPaths(o.object).filter((_, k) => k % 97 === 0).map(p => [p, o.locate(p)]),
      }));
    } catch (err) {
      return { error: (err as Error).message };
    }
  };
  for (const file of corpus.files) expect({ file: file.path, read: sampled(file.text, 'auto') }).toEqual({ file: file.path, read: sampled(file.text, 'yaml') });
}, 120_000);

test('cdk8s output (the committed dist/) is read entirely by the fast reader, identically to yaml', () => {
  const dist = path.join(__dirname, '..', '..', 'dist');
  const files = fs.existsSync(dist) ? fs.readdirSync(dist).filter(f => f.endsWith('.yaml')) : [];
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const text = fs.readFileSync(path.join(dist, file), 'utf8');
    const share = fastShare(text);
    expect({ file, ...share }).toEqual({ file, fast: share.all, all: share.all });
    expect(read(text, 'auto')).toEqual(read(text, 'yaml'));
  }
});

describe('JSON documents', () => {
  const jsonStyle = fc.constantFrom<string | number | undefined>(undefined, 0, 2, 4, '\t');

  test('read by JSON.parse, identically to yaml (values, documents, positions)', () => {
    let fast = 0;
    let all = 0;
    fc.assert(fc.property(fc.array(manifest, { minLength: 1, maxLength: 3 }), jsonStyle, fc.boolean(), (docs, indent, separated) => {
      const texts = docs.map(d => JSON.stringify(d, null, indent));
      for (const t of texts) {
        all++;
        try {
          parseJsonDocument(t);
          fast++;
        } catch (err) {
          if (err !== UNSUPPORTED) throw err;
        }
      }
      const text = texts.join(separated ? '\n---\n' : '\n---\n# between\n');
      expect(read(text, 'auto')).toEqual(read(text, 'yaml'));
    }), { numRuns: RUNS / 2 });
    // Not vacuous: many go through JSON.parse (about half, varying with the random draw).
    expect(fast / all).toBeGreaterThan(0.25);
  });

  test('random mutations of JSON agree with yaml', () => {
    fc.assert(fc.property(fc.array(manifest, { minLength: 1, maxLength: 2 }), jsonStyle, mutation, (docs, indent, edits) => {
      const text = mutate(docs.map(d => JSON.stringify(d, null, indent)).join('\n---\n'), edits);
      expect(read(text, 'auto')).toEqual(read(text, 'yaml'));
    }), { numRuns: RUNS });
  });

  test('edge cases: duplicate and escaped keys, __proto__, long integers, a List, JSON after YAML', () => {
    const cases = [
      '{"a": 1, "a": 2}', '{"\\u0061": 1, "a": 2}', '{"__proto__": {"x": 1}}', '{"n": 12345678901234567890}', '{"n": 123456789012345}',
      '{"n": -0, "f": 1.0, "e": 1E+5, "s": "\\u00e9\\/\\n\\t"}', '{"kind": "List", "items": [{"kind": "Pod", "a": [1, 2]}, {"kind": "Service"}]}',
      'kind: Pod\n---\n{"kind": "Service", "spec": {"ports": [{"port": 80}]}}\n', '{"a": 1}\n{"b": 2}\n', '[1, 2]', '{"a": 1} # c\n',
      '  {\n  "kind": "Pod"\n  }\n', '{"a": "x\\"y", "b\\\\": 1}', '{"yes": "on", "1": 0644}',
    ];
    for (const text of cases) expect({ text, read: read(text, 'auto') }).toEqual({ text, read: read(text, 'yaml') });
  });
});
