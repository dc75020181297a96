/**
 * What kube-apiserver's strict decoding (`kubectl apply`'s default `--validate=strict`) would say
 * about an object of a built-in kind, in the Kubernetes version the rules target: every unknown
 * field and every value its Go type cannot hold, and, in the same pass, every field that version
 * drops because its feature gate is off by default. One walk per object, shared by the
 * `structure/unknown-field`, `structure/wrong-type` and `api-server/gated-field` rules through a
 * cache.
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
import { DEFAULT_K8S_VERSION, k8sMinorOf, targetVersionAdvice, type K8sVersionSetting } from '../../../lint/k8s-version';
import { child, index, key } from '../../field-path';
import {
  definitionsWithField, schemaOfKind, shortName, versionsWithField,
  type ObjectNode, type SchemaNode,
} from '../../k8s-schema';
import { describeOffStage, firstOnByDefault, GATED_FIELDS, type GatedField, type GatedFieldPlace } from '../../feature-gates';
import { memoizePerObject } from '../../per-object';
import { isMap, type JsonMap } from '../../pod-template';
import type { KubeObject, RuleContext } from '../../rule';
import { closestName } from './closest-name';
import { isBase64, isQuantityString, isRfc3339, quantityFix } from './scalar-formats';

/** One problem strict decoding would reject the object for. */
export interface DecodeIssue {
  readonly problem: 'unknown-field' | 'wrong-type' | 'gated-field';
  /** `spec.template.spec.containers[0].livenesProbe` */
  readonly path: string;
  readonly message: string;
  readonly fix: string;
}

/** What a fix for a field of a later version adds beyond "pass --k8s-version", keyed by `<definition short name>.<field>`. */
const LATER_FIELD_TIPS: Readonly<Record<string, string>> = {
  'LifecycleHandler.sleep': 'exec: {command: ["sleep", "5"]} does the same on any version '
    + '(or ["sh", "-c", "sleep 5"] when the image has no sleep binary on its PATH)',
};

/** The version the walk checks against, and how the user would choose another. */
interface Target {
  readonly version: string;
  readonly minor: number;
  readonly setting: K8sVersionSetting;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_LIMIT = 2 ** 63;
/** Path segments (fields, indexes, map keys) below which the walk stops. */
const MAX_DEPTH = 1000;

/** Every strict-decoding problem of the object; [] for unknown kinds (they are not checked). */
export function decodeIssues(object: KubeObject, context?: RuleContext): readonly DecodeIssue[] {
  // Without a run's context nothing tells the object from a mutated one walked before: walk again.
  return (context === undefined ? walk(object, DEFAULT_TARGET) : walkedInRun(object, context)) ?? [];
}

// Remembered for the last object: the three rules that read the walk (unknown-field, wrong-type,
// gated-field) share it.
const walkedInRun = memoizePerObject((object: KubeObject, context: RuleContext) => walk(object, targetOf(context)));

function walk(object: KubeObject, target: Target): readonly DecodeIssue[] {
  const schema = schemaOfKind(object.apiVersion, object.kind, target.version);
  return schema ? WALKER.run(object, target, schema) : [];
}

const DEFAULT_TARGET: Target = { version: DEFAULT_K8S_VERSION, minor: k8sMinorOf(DEFAULT_K8S_VERSION), setting: 'api' };
const targets = new WeakMap<RuleContext, Target>();

/** The target of a lint run, computed once per context (each run has its own). */
function targetOf(context: RuleContext): Target {
  let target = targets.get(context);
  if (target === undefined) {
    const version = context.k8sVersion ?? DEFAULT_K8S_VERSION;
    target = { version, minor: k8sMinorOf(version), setting: context.k8sVersionSetting ?? 'api' };
    targets.set(context, target);
  }
  return target;
}

/**
 * Most leaves (fields, label and annotation values, command words) are strings where any string
 * goes, int32 numbers or booleans: the walker accepts those without a call to `visit` and a
 * segment pushed and popped. The same checks `visit` makes, for those cases only.
 */
function isPlainLeaf(v: unknown, node: SchemaNode): boolean {
  const t = node.type;
  return typeof v === 'string' ? (t === 'string' && node.format === undefined) || t === 'int-or-string'
    : typeof v === 'number' ? t === 'integer' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX
      : typeof v === 'boolean' && t === 'boolean';
}

/** What the walker holds as its root between walks. */
const NO_OBJECT: KubeObject = Object.freeze({});

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
  private issues: DecodeIssue[] = [];
  private root!: KubeObject;
  private target!: Target;

  run(root: KubeObject, target: Target, schema: ObjectNode): DecodeIssue[] {
    this.root = root;
    this.target = target;
    this.segments.length = 0;
    const issues: DecodeIssue[] = this.issues = [];
    try {
      this.visit(root, schema);
    } finally {
      // Not kept past the walk: the walker lives as long as the process.
      this.root = NO_OBJECT;
    }
    return issues;
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
      case 'object': {
        if (!isMap(value)) return this.wrongType(value, node);
        const gated = node.gated;
        for (const field in value) {
          if (!Object.hasOwn(value, field)) continue;
          const fieldNode = node.fields.get(field);
          if (fieldNode === undefined) {
            this.unknownField(field, node);
            continue;
          }
          const v = value[field];
          if (v === null) continue;
          if (gated !== undefined) {
            const entries = gated.get(field);
            if (entries !== undefined) this.gatedField(field, v, value, entries);
          }
          if (isPlainLeaf(v, fieldNode)) continue;
          this.segments.push(field);
          this.visit(v, fieldNode);
          this.segments.pop();
        }
        return;
      }
      case 'map':
        if (!isMap(value)) return this.wrongType(value, node);
        if (node.values.type === 'any') return;
        for (const k in value) {
          if (!Object.hasOwn(value, k)) continue;
          if (isPlainLeaf(value[k], node.values)) continue;
          this.segments.push(MAP_KEY, k);
          this.visit(value[k], node.values);
          this.segments.length -= 2;
        }
        return;
      case 'array':
        if (!Array.isArray(value)) return this.wrongType(value, node);
        if (node.items.type === 'any') return;
        for (let i = 0; i < value.length; i++) {
          if (isPlainLeaf(value[i], node.items)) continue;
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
      fix: unknownFieldFix(field, node, this.target),
    });
  }

  /** A field the target version drops (its gate is off by default): reported once per field, by the first entry that applies. */
  private gatedField(field: string, value: unknown, parent: JsonMap, entries: readonly GatedField[]): void {
    const n = this.segments.length;
    const last = this.segments[n - 1];
    const itemOf = (at: number) => (typeof this.segments[at] === 'number' && typeof this.segments[at - 1] === 'string' ? this.segments[at - 1] as string : undefined);
    const place: GatedFieldPlace = {
      value,
      parent,
      list: itemOf(n - 1),
      parentField: typeof last === 'string' ? last : undefined,
      grandparentList: itemOf(n - 2),
    };
    const entry = entries.find(e => e.applies === undefined || e.applies(place));
    if (entry === undefined) return;
    const path = child(this.path(), field);
    const { minor, version } = this.target;
    const gate = entry.gate;
    const on = firstOnByDefault(gate);
    const what = entry.resetTo === undefined ? 'drops' : `resets to ${entry.resetTo}`;
    const when = on === undefined ? 'not on by default in any version up to 1.35' : `on by default from 1.${on}`;
    const consequence = entry.consequence?.(place, minor);
    this.issues.push({
      problem: 'gated-field',
      path,
      message: `kube-apiserver ${version} ${what} ${path} (${entry.droppedBy}): its feature gate ${gate.name} is ${describeOffStage(gate, minor)} in ${version} (${when})`
        + (consequence ? `; ${consequence}` : ''),
      fix: gatedFieldFix(entry, place, this.target, on),
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

/**
 * One walker for every object. Not only for the allocation: V8 discards a method's optimized code
 * when the last object of the shape it was optimized for is collected, so with a walker per object
 * every synth after a full GC ran `visit` unoptimized until it was recompiled (a 500-service synth:
 * strict decoding 20-26 ms, 14-19 ms with one walker). The walk never re-enters itself.
 */
const WALKER = new Walker();

function gatedFieldFix(entry: GatedField, place: GatedFieldPlace, target: Target, on: number | undefined): string {
  const retarget = on === undefined
    ? `or enable the feature gate ${entry.gate.name} on kube-apiserver (not on by default: not for production)`
    : `or, if your cluster runs Kubernetes 1.${on} or later, ${targetVersionAdvice(`1.${on}`, target.setting)}`;
  if (entry.gate.name === 'SidecarContainers' && place.value === 'Always') {
    return `on ${target.version}, run it as a regular container (move it to spec.containers, where it runs beside the app), `
      + `or remove restartPolicy if it is meant to run to completion; ${retarget}`;
  }
  const tip = LATER_FIELD_TIPS[`${shortName(entry.definition)}.${entry.field}`];
  return `remove ${entry.field} (the cluster ignores it)${tip ? `; ${tip}` : ''}; ${retarget}`;
}

/** Fixes by version, setting, definition and field: a typo repeated across thousands of objects is looked up once. */
const fixCache = new Map<string, string>();
const FIX_CACHE_LIMIT = 1000;

function unknownFieldFix(field: string, node: ObjectNode, target: Target): string {
  const cacheKey = `${target.version}\0${target.setting}\0${node.definition}\0${field}`;
  let fix = fixCache.get(cacheKey);
  if (fix === undefined) {
    if (fixCache.size >= FIX_CACHE_LIMIT) fixCache.clear();
    fix = computeUnknownFieldFix(field, node, target);
    fixCache.set(cacheKey, fix);
  }
  return fix;
}

function computeUnknownFieldFix(field: string, node: ObjectNode, target: Target): string {
  const owner = shortName(node.definition);
  const other = otherVersionsFix(field, node, target);
  if (other) return other;
  const close = closestName(field, node.fields.keys());
  if (close !== undefined) return `did you mean "${close}"? ${owner} has no field "${field}"; kubectl apply rejects it and a lax client drops it silently`;
  const elsewhere = definitionsWithField(field, target.version).filter(d => d !== owner);
  if (elsewhere.length > 0) {
    const where = elsewhere.length > 3 ? `${elsewhere.slice(0, 3).join(', ')}, ...` : elsewhere.join(', ');
    return `"${field}" is a field of ${where}, not of ${owner}: check the indentation (it may belong one level up or down)`;
  }
  const known = [...node.fields.keys()].sort();
  const list = known.length > 12 ? `${known.slice(0, 12).join(', ')}, ...` : known.join(', ');
  return `remove "${field}": ${owner} has no such field (its fields: ${list})`;
}

/**
 * For a field the target version lacks but another supported version has: the version that adds it
 * (on by default, when a feature gate guards it at first) or the one that removed it.
 */
function otherVersionsFix(field: string, node: ObjectNode, target: Target): string | undefined {
  const versions = versionsWithField(node.definition, field);
  if (versions.length === 0) return undefined;
  const owner = shortName(node.definition);
  const later = versions.map(k8sMinorOf).filter(m => m > target.minor);
  if (later.length === 0) {
    const last = k8sMinorOf(versions[versions.length - 1]);
    return `${owner}.${field} was removed in Kubernetes 1.${last + 1} (it exists in ${versions[0]}${versions.length > 1 ? ` to 1.${last}` : ''}); remove it`;
  }
  const added = later[0];
  const entry = GATED_FIELDS.find(e => e.definition === node.definition && e.field === field);
  const on = entry ? firstOnByDefault(entry.gate) : added;
  const tip = LATER_FIELD_TIPS[`${owner}.${field}`];
  const tail = tip ? `; ${tip}` : '';
  if (on === undefined) {
    return `${owner}.${field} exists from Kubernetes 1.${added} only behind the feature gate ${entry!.gate.name}, not on by default in any version up to 1.35; remove it${tail}`;
  }
  const usable = Math.max(added, on);
  const gated = usable > added
    ? ` (in 1.${added}${usable - 1 > added ? `-1.${usable - 1}` : ''} it exists only behind the feature gate ${entry!.gate.name}, off by default, and the API server drops it)`
    : '';
  return `${owner}.${field} was added in Kubernetes 1.${usable}; ${targetVersionAdvice(`1.${usable}`, target.setting)} if your cluster runs it${gated}${tail}`;
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
