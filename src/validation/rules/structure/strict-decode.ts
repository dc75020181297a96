/**
 * What kube-apiserver 1.28's strict decoding (`kubectl apply`'s default `--validate=strict`) would
 * say about an object of a built-in kind: every unknown field and every value its Go type cannot
 * hold. One walk per object, shared by the `structure/unknown-field` and `structure/wrong-type`
 * rules through a cache.
 *
 * Why a hand-written walker over the definitions and not ajv (the project's preferred JSON-schema
 * library), measured on 10,000 objects (1/3 each: Deployments with three probes, a preStop, env,
 * resources and volumes; Services; ConfigMaps), node 20, both in one process and interleaved on
 * the shared 2-core machine (load ~6), best of 15 runs (median in brackets):
 *
 * |                                          | this walker           | ajv 8 (allErrors, transformed schema)  |
 * |------------------------------------------|-----------------------|----------------------------------------|
 * | first use: load + compile 3 kinds        | 10-20 ms              | 350-740 ms                             |
 * | compile every kind (262 apiVersion/kind) | 12 ms                 | 830 ms (standalone code: 2.5 MB)       |
 * | 10,000 valid objects                     | 38 ms (78), ~260k/s   | 17 ms (44), ~570k/s                    |
 * | 10,000 objects with one typo each        | 43 ms (48)            | 31 ms (44), before paths and fixes     |
 * | lint, all 32 rules of the registry       | 98 ms (181): 55k-100k objects/s, of which structure ~50 ms       |
 *
 * Once compiled, ajv validates about twice as fast, but both are far above the lint target
 * (>= 20,000 objects/s with every rule), so throughput does not decide; start-up does. ajv's
 * compile adds 0.3-0.7 s to every synth and every lint run, while a raw cdk8s synth of a small app
 * takes 150-300 ms in all (loading cdk8s and cdk8s-plus-28 included), so the <= 1.25x synth budget
 * is 40-75 ms; pre-compiling ajv (standalone) instead ships 2.5 MB of generated code. The walker
 * also does, in the same pass, what ajv would need custom keywords and a second pass for: null
 * accepted for every field (Go's encoding/json), int32/int64 ranges, the quantity, base64 and
 * RFC 3339 grammars the decoder enforces, Kubernetes field paths, "did you mean" fixes.
 */
import { child, index, key } from '../../field-path';
import {
  definitionsWithField, schemaOfKind, shortName,
  type ObjectNode, type SchemaNode,
} from '../../k8s-schema';
import { isMap } from '../../pod-template';
import type { KubeObject, RuleContext } from '../../rule';
import { closestName } from './closest-name';
import { isBase64, isQuantityString, isRfc3339, quantityFix } from './scalar-formats';

/** One problem strict decoding would reject the object for. */
export interface DecodeIssue {
  readonly problem: 'unknown-field' | 'wrong-type';
  /** `spec.template.spec.containers[0].livenesProbe` */
  readonly path: string;
  readonly message: string;
  readonly fix: string;
}

/**
 * Fields that 1.28 lacks but later versions add: a bare "unknown field" would leave the reader
 * wondering why the docs they read show it. Keyed by `<definition short name>.<field>`.
 */
const LATER_FIELDS: Readonly<Record<string, string>> = {
  'LifecycleHandler.sleep': 'the sleep action exists only from Kubernetes 1.29 (alpha, feature gate PodLifecycleSleepAction; '
    + 'beta in 1.30); on 1.28 run sleep through exec: exec: {command: ["sleep", "5"]} '
    + '(or ["sh", "-c", "sleep 5"] when the image has no sleep binary on its PATH)',
};

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_LIMIT = 2 ** 63;
/** Path segments (fields, indexes, map keys) below which the walk stops. */
const MAX_DEPTH = 1000;

// The engine runs every rule on one object before the next, so remembering the last object is
// enough for both rules to share one walk (and, unlike a WeakMap, costs nothing per object). The
// context is part of the key: each lint run has its own, so an object mutated and linted again is
// walked again.
let lastObject: KubeObject | undefined;
let lastContext: RuleContext | undefined;
let lastIssues: readonly DecodeIssue[] = [];

/** Every strict-decoding problem of the object; [] for unknown kinds (they are not checked). */
export function decodeIssues(object: KubeObject, context?: RuleContext): readonly DecodeIssue[] {
  if (context === undefined || object !== lastObject || context !== lastContext) {
    const schema = schemaOfKind(object.apiVersion, object.kind);
    lastIssues = schema ? new Walker(object).run(schema) : [];
    lastObject = object;
    lastContext = context;
  }
  return lastIssues;
}

/** In the segment stack, marks the segment after it as a map key (`[key]`), not a field name. */
const MAP_KEY = Symbol('map key');

/**
 * Walks value and schema together. The path is kept as a stack of segments (field name, list
 * index, or MAP_KEY and a map key) and turned into a string only for a finding: valid objects,
 * the common case, build no path strings at all.
 *
 * Fields are enumerated with `for...in` and an own-property test rather than `Object.keys`: the
 * same keys in the same order, without a fresh array per object (13 MB per 10,000 manifests).
 */
class Walker {
  private readonly segments: (string | number | typeof MAP_KEY)[] = [];
  private readonly issues: DecodeIssue[] = [];

  constructor(private readonly root: KubeObject) {}

  run(schema: ObjectNode): DecodeIssue[] {
    this.visit(this.root, schema);
    return this.issues;
  }

  private visit(value: unknown, node: SchemaNode): void {
    // Go's encoding/json leaves a field at its zero value for null, whatever its type.
    if (value === null || value === undefined) return;
    // Only a CRD's openAPIV3Schema (JSONSchemaProps) nests without bound; nothing real is this deep,
    // and recursing further would overflow the stack.
    if (this.segments.length > MAX_DEPTH) return;
    switch (node.type) {
      case 'any':
        return;
      case 'object':
        if (!isMap(value)) return this.wrongType(value, node);
        for (const field in value) {
          if (!Object.hasOwn(value, field)) continue;
          const fieldNode = node.fields.get(field);
          if (fieldNode === undefined) {
            this.unknownField(field, node);
            continue;
          }
          const v = value[field];
          if (v === null) continue;
          // Most leaves are strings where any string goes, int32 numbers or booleans: accepted here,
          // without the call (the call's checks, inlined).
          const t = fieldNode.type;
          if (typeof v === 'string' ? (t === 'string' && fieldNode.format === undefined) || t === 'int-or-string'
            : typeof v === 'number' ? t === 'integer' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX
              : typeof v === 'boolean' && t === 'boolean') continue;
          this.segments.push(field);
          this.visit(v, fieldNode);
          this.segments.pop();
        }
        return;
      case 'map':
        if (!isMap(value)) return this.wrongType(value, node);
        if (node.values.type === 'any') return;
        for (const k in value) {
          if (!Object.hasOwn(value, k)) continue;
          this.segments.push(MAP_KEY, k);
          this.visit(value[k], node.values);
          this.segments.length -= 2;
        }
        return;
      case 'array':
        if (!Array.isArray(value)) return this.wrongType(value, node);
        if (node.items.type === 'any') return;
        for (let i = 0; i < value.length; i++) {
          this.segments.push(i);
          this.visit(value[i], node.items);
          this.segments.pop();
        }
        return;
      case 'string':
        if (typeof value !== 'string') return this.wrongType(value, node);
        if (node.format === 'byte' && !isBase64(value)) return this.wrongType(value, node);
        if (node.format === 'date-time' && !isRfc3339(value)) return this.wrongType(value, node);
        if (node.format === 'date-time-micro' && !isRfc3339(value, true)) return this.wrongType(value, node);
        return;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) return this.wrongType(value, node);
        if (node.format === 'int32' ? value < INT32_MIN || value > INT32_MAX : value < -INT64_LIMIT || value >= INT64_LIMIT) {
          return this.wrongType(value, node);
        }
        return;
      case 'number':
        if (typeof value !== 'number') return this.wrongType(value, node);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') return this.wrongType(value, node);
        return;
      case 'int-or-string':
        // intstr.IntOrString.UnmarshalJSON: a JSON string, else an int32.
        if (typeof value === 'string') return;
        if (typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX) return;
        return this.wrongType(value, node);
      case 'quantity':
        if (typeof value === 'number' || (typeof value === 'string' && isQuantityString(value))) return;
        return this.wrongType(value, node);
    }
  }

  private path(): string {
    let p = '';
    for (let i = 0; i < this.segments.length; i++) {
      const s = this.segments[i];
      if (typeof s === 'number') p = index(p, s);
      else if (s === MAP_KEY) p = key(p, String(this.segments[++i]));
      else p = child(p, s);
    }
    return p;
  }

  private unknownField(field: string, node: ObjectNode): void {
    const path = child(this.path(), field);
    this.issues.push({
      problem: 'unknown-field',
      path,
      message: `unknown field "${path}"`,
      fix: unknownFieldFix(field, node),
    });
  }

  private wrongType(value: unknown, node: SchemaNode): void {
    const path = this.path();
    const last = this.segments[this.segments.length - 1];
    // The field name (or map key) the fix can quote: `replicas: 3`, `prometheus.io/scrape: "true"`.
    const fieldName = typeof last === 'string' ? last : undefined;
    this.issues.push({
      problem: 'wrong-type',
      path,
      message: `invalid value for "${path}": expected ${expected(node)}, got ${describe(value)}`,
      fix: wrongTypeFix(value, node, fieldName, this.root, path),
    });
  }
}

/** Fixes by `<definition>\0<field>`: a typo repeated across thousands of objects is looked up once. */
const fixCache = new Map<string, string>();
const FIX_CACHE_LIMIT = 1000;

function unknownFieldFix(field: string, node: ObjectNode): string {
  const cacheKey = `${node.definition}\0${field}`;
  let fix = fixCache.get(cacheKey);
  if (fix === undefined) {
    if (fixCache.size >= FIX_CACHE_LIMIT) fixCache.clear();
    fix = computeUnknownFieldFix(field, node);
    fixCache.set(cacheKey, fix);
  }
  return fix;
}

function computeUnknownFieldFix(field: string, node: ObjectNode): string {
  const owner = shortName(node.definition);
  const later = LATER_FIELDS[`${owner}.${field}`];
  if (later) return later;
  const close = closestName(field, node.fields.keys());
  if (close !== undefined) return `did you mean "${close}"? ${owner} has no field "${field}"; kubectl apply rejects it and a lax client drops it silently`;
  const elsewhere = definitionsWithField(field).filter(d => d !== owner);
  if (elsewhere.length > 0) {
    const where = elsewhere.length > 3 ? `${elsewhere.slice(0, 3).join(', ')}, ...` : elsewhere.join(', ');
    return `"${field}" is a field of ${where}, not of ${owner}: check the indentation (it may belong one level up or down)`;
  }
  const known = [...node.fields.keys()].sort();
  const list = known.length > 12 ? `${known.slice(0, 12).join(', ')}, ...` : known.join(', ');
  return `remove "${field}": ${owner} has no such field (its fields: ${list})`;
}

function expected(node: SchemaNode): string {
  switch (node.type) {
    case 'object': return `an object (${shortName(node.definition)})`;
    case 'map': return `a map whose values are each ${expected(node.values)}`;
    case 'array': return 'a list';
    case 'string':
      if (node.format === 'byte') return 'a base64-encoded string';
      if (node.format === 'date-time') return 'an RFC 3339 timestamp such as "2024-01-02T15:04:05Z"';
      if (node.format === 'date-time-micro') return 'an RFC 3339 timestamp with microseconds such as "2024-01-02T15:04:05.000000Z"';
      return 'a string';
    case 'integer': return `an integer (${node.format})`;
    case 'number': return 'a number';
    case 'boolean': return 'a boolean (true or false)';
    case 'int-or-string': return 'an integer (int32) or a string';
    case 'quantity': return 'a quantity (a number, or a string such as "500m" or "128Mi")';
    case 'any': return 'any value';
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isMap(value)) return 'an object';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  return `${typeof value} ${String(value)}`;
}

function wrongTypeFix(value: unknown, node: SchemaNode, field: string | undefined, root: KubeObject, path: string): string {
  const label = field ?? 'the value';
  /** `replicas: 3`, or just `3` inside a list. */
  const written = (v: string) => (field === undefined ? v : `${field}: ${v}`);
  const numeric = typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
  switch (node.type) {
    case 'integer':
    case 'number':
      if (numeric) return `remove the quotes: ${written(value.trim())}`;
      if (typeof value === 'number' && !Number.isInteger(value)) return `use a whole number for ${label}`;
      if (typeof value === 'number') {
        return node.type === 'integer' && node.format === 'int32'
          ? `use a value between ${INT32_MIN} and ${INT32_MAX}`
          : 'use a value that fits in a 64-bit integer';
      }
      return `write ${label} as a number without quotes`;
    case 'boolean':
      if (value === 'true' || value === 'false') return `remove the quotes: ${written(value)}`;
      return `write ${label} as true or false, without quotes`;
    case 'string':
      if (node.format === 'byte' && typeof value === 'string') {
        const secret = root.kind === 'Secret' && path.startsWith('data[');
        return secret
          ? 'base64-encode the value (printf %s "$value" | base64 -w0), or move it, in plain text, to stringData'
          : 'base64-encode the value (printf %s "$value" | base64 -w0)';
      }
      if (node.format === 'date-time' && typeof value === 'string') return 'write an RFC 3339 timestamp such as "2024-01-02T15:04:05Z", or remove the field';
      if (node.format === 'date-time-micro' && typeof value === 'string') return 'write an RFC 3339 timestamp with six fraction digits such as "2024-01-02T15:04:05.000000Z", or remove the field';
      if (typeof value === 'number' || typeof value === 'boolean') return `quote the value: ${written(`"${String(value)}"`)}`;
      return `write ${label} as a string`;
    case 'int-or-string':
      if (typeof value === 'number') return `use a whole number between ${INT32_MIN} and ${INT32_MAX}, or a string`;
      return `write ${label} as a number or a string`;
    case 'quantity':
      if (typeof value === 'string') return quantityFix(value);
      return `write ${label} as a quantity such as 500m or 128Mi`;
    case 'array':
      return `write ${label} as a list (each item on its own "- " line in YAML)`;
    case 'map':
      return `write ${label} as a map of keys to values`;
    case 'object':
      return `write ${label} as an object with the fields of ${shortName(node.definition)}`;
    case 'any':
      return '';
  }
}
