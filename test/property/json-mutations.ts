/**
 * Random mutations of JSON documents, as a broken manifest or a YAML parser could produce them:
 * fields deleted, values of the wrong type, junk keys (including `__proto__` and other names that
 * collide with Object.prototype), negative and huge numbers, NaN and Infinity (YAML's `.nan` and
 * `.inf`), nulls, deep nesting, unicode, duplicated list items.
 */
import fc from 'fast-check';

export type Json = unknown;
type Segment = string | number;

const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', 'length'];

/** Keys: Kubernetes field names (right and misspelt), prototype names, anything. */
export const junkKey = fc.oneof(
  fc.constantFrom(...PROTO_NAMES),
  fc.constantFrom('name', 'kind', 'apiVersion', 'metadata', 'spec', 'template', 'containers', 'initContainers', 'ports',
    'livenessProbe', 'livenesProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'preStop', 'postStart', 'exec', 'command',
    'httpGet', 'tcpSocket', 'grpc', 'sleep', 'port', 'containerPort', 'periodSeconds', 'initialDelaySecond', 'env', 'valueFrom',
    'fieldRef', 'restartPolicy', 'selector', 'matchLabels', 'labels', 'annotations', 'terminationGracePeriodSeconds'),
  fc.constantFrom('', ' ', '🙂', 'é', '\u0000', 'a.b', '[0]', 'a/b'),
  fc.string({ maxLength: 12 }),
);

/** Scalars that break naive code. */
const nastyScalar = fc.oneof(
  fc.constantFrom(null, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, -1, 0, 1, 2 ** 31, -(2 ** 31) - 1,
    2 ** 53 + 2, 1e308, 5e-324, 0.5, true, false),
  fc.constantFrom('', ' ', '0', '-1', '1.5', 'true', 'null', '65536', 'http', 'HTTP', 'TCP', 'Always', '/', 'sh', '-c',
    'sleep 5', '🙂', '\u0000', 'é'.repeat(100), 'x'.repeat(10000), ...PROTO_NAMES),
  fc.integer(),
  fc.double(),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** Any JSON-ish value, small, with nasty scalars at the leaves. */
export const junkValue: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>(tie => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyScalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(junkKey, tie('value'), { maxKeys: 4, noNullPrototype: true }),
  ),
})).value;

export type MutationOp = 'delete' | 'replace' | 'insert' | 'wrap' | 'unwrap' | 'stringify' | 'deepen' | 'duplicate' | 'empty'
  | 'protoName' | 'unprintable';

export interface Mutation {
  /** Picks the node: an index into every node's path, modulo their number. */
  readonly at: number;
  readonly op: MutationOp;
  readonly key: string;
  readonly value: Json;
  readonly depth: number;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom<MutationOp>('delete', 'replace', 'insert', 'wrap', 'unwrap', 'stringify', 'deepen', 'duplicate', 'empty',
    'protoName', 'unprintable'),
  key: junkKey,
  value: junkValue,
  depth: fc.integer({ min: 1, max: 300 }),
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Sets an own property even for `__proto__`, as JSON.parse and YAML parsers do. */
function setOwn(target: Record<string, unknown> | unknown[], key: Segment, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function paths(root: Json): Segment[][] {
  const out: Segment[][] = [];
  const walk = (node: Json, at: Segment[]) => {
    out.push(at);
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...at, i]));
    else if (isObject(node)) for (const k of Object.keys(node)) walk(node[k], [...at, k]);
  };
  walk(root, []);
  return out;
}

function get(root: Json, at: readonly Segment[]): Json {
  let node = root;
  for (const s of at) node = (node as Record<Segment, unknown>)[s];
  return node;
}

function nest(value: Json, depth: number, asArray: boolean): Json {
  let out = value;
  for (let i = 0; i < depth; i++) out = asArray ? [out] : { spec: out };
  return out;
}

/** Applies the mutations in order to a deep copy of `root`; returns the new root. */
export function mutate(root: Json, mutations: readonly Mutation[]): Json {
  let doc: Json = structuredClone(root);
  for (const m of mutations) {
    const all = paths(doc);
    const at = all[m.at % all.length];
    const node = get(doc, at);
    const replace = (value: Json) => {
      if (at.length === 0) {
        doc = value;
        return;
      }
      setOwn(get(doc, at.slice(0, -1)) as Record<string, unknown>, at[at.length - 1], value);
    };
    switch (m.op) {
      case 'delete':
        if (at.length === 0) break;
        {
          const parent = get(doc, at.slice(0, -1));
          const last = at[at.length - 1];
          if (Array.isArray(parent)) parent.splice(last as number, 1);
          else delete (parent as Record<string, unknown>)[last];
        }
        break;
      case 'replace': replace(m.value); break;
      case 'insert':
        if (Array.isArray(node)) node.splice(m.at % (node.length + 1), 0, m.value);
        else if (isObject(node)) setOwn(node, m.key, m.value);
        else replace(m.value);
        break;
      case 'wrap': replace([node]); break;
      case 'unwrap': replace(Array.isArray(node) ? node[0] ?? null : isObject(node) ? Object.values(node)[0] ?? null : node); break;
      case 'stringify': replace(node === undefined ? 'undefined' : JSON.stringify(node) ?? String(node)); break;
      case 'deepen': replace(nest(node, m.depth, m.depth % 2 === 0)); break;
      case 'duplicate':
        if (Array.isArray(node) && node.length > 0) node.push(structuredClone(node[m.at % node.length]));
        else replace([node, node]);
        break;
      case 'empty': replace(Array.isArray(node) ? [] : isObject(node) ? {} : ''); break;
      // A name such as `toString` finds Object.prototype's member in a map keyed by names.
      case 'protoName': replace(PROTO_NAMES[m.at % PROTO_NAMES.length]); break;
      // Valid YAML (`app: {toString: 1}`), but String(value) and `${value}` throw on it.
      case 'unprintable': replace({ toString: 1, valueOf: 1 }); break;
    }
  }
  return doc;
}
