/**
 * The Kubernetes API as strict decoding sees it, for each supported minor version (1.28-1.35):
 * which apiVersion/kind pairs are built in, and for each kind a tree of schema nodes (object fields,
 * maps, lists, scalars) that the strict-structure rules walk. Built from the package's own compact
 * copy of the OpenAPI definitions (`schema/k8s-definitions.json`, derived by
 * `scripts/gen-k8s-schema.js`), in which every definition, field and group-version-kind entry names
 * the versions it exists in. Loaded on first use and compiled one definition at a time for the
 * version asked for, so a synth that never asks pays nothing.
 */
import { DEFAULT_K8S_VERSION, k8sMinorOf } from '../lint/k8s-version';
import { droppedIn, GATED_FIELDS, type GatedField } from './feature-gates';

/** What a JSON value must be for kube-apiserver's decoder to accept it. */
export type SchemaNode =
  | AnyNode | StringNode | IntegerNode | NumberNode | BooleanNode
  | IntOrStringNode | QuantityNode | ArrayNode | MapNode | ObjectNode;

/** Anything goes: RawExtension, FieldsV1, JSON, `x-kubernetes-preserve-unknown-fields`. */
export interface AnyNode { readonly type: 'any' }
export interface StringNode {
  readonly type: 'string';
  /** `byte`: base64 (Go's []byte); `date-time`: RFC 3339 (metav1.Time); `date-time-micro`: with six fraction digits (metav1.MicroTime). */
  readonly format?: 'byte' | 'date-time' | 'date-time-micro';
}
export interface IntegerNode { readonly type: 'integer'; readonly format: 'int32' | 'int64' }
export interface NumberNode { readonly type: 'number' }
export interface BooleanNode { readonly type: 'boolean' }
/** intstr.IntOrString: a string, or an int32. */
export interface IntOrStringNode { readonly type: 'int-or-string' }
/** resource.Quantity: a number, or a string in the quantity grammar (`500m`, `1Gi`). */
export interface QuantityNode { readonly type: 'quantity' }
export interface ArrayNode { readonly type: 'array'; readonly items: SchemaNode }
/** A JSON object with free keys (`additionalProperties`): labels, ConfigMap data, resource lists. */
export interface MapNode { readonly type: 'map'; readonly values: SchemaNode }
/** A Go struct: only the listed fields are known. */
export interface ObjectNode {
  readonly type: 'object';
  /** Full definition name, e.g. `io.k8s.api.core.v1.Container`. */
  readonly definition: string;
  readonly fields: ReadonlyMap<string, SchemaNode>;
  /**
   * Fields of this struct that the API server of this version drops because their feature gate is
   * off by default (see ./feature-gates.ts); undefined for the many structs without any.
   */
  readonly gated?: ReadonlyMap<string, readonly GatedField[]>;
}

interface RawSchema {
  readonly $ref?: string;
  readonly type?: string;
  readonly format?: string;
  readonly properties?: Readonly<Record<string, RawSchema>>;
  readonly items?: RawSchema;
  readonly additionalProperties?: RawSchema | boolean;
  readonly oneOf?: readonly RawSchema[];
  readonly 'x-kubernetes-group-version-kind'?: readonly RawGvk[];
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  readonly 'x-kubernetes-int-or-string'?: boolean;
  /** The versions this schema (definition, property, gvk entry) exists in; absent: all of its parent's. */
  readonly 'x-versions'?: string;
  /** One schema per set of versions, for a schema that changed between versions. */
  readonly 'x-variants'?: readonly RawSchema[];
}

interface RawGvk {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly 'x-versions'?: string;
}

interface SchemaFile {
  readonly versions: readonly string[];
  readonly definitions: Readonly<Record<string, RawSchema>>;
}

/** One version's view of the definitions. */
interface VersionSchema {
  readonly version: string;
  readonly minor: number;
  /** The version's bit in the masks of `x-versions`. */
  readonly bit: number;
  /** apiVersion → kind → definition name. */
  readonly byApiVersion: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** group → kind → versions served, for "use apps/v1" hints. */
  readonly byGroup: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  readonly compiled: Map<string, SchemaNode>;
  /** Gated fields dropped in this version, by definition and field. */
  readonly gated: ReadonlyMap<string, ReadonlyMap<string, readonly GatedField[]>>;
}

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const MICRO_TIME = 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime';
type AnyShape = { -readonly [K in 'format' | 'items' | 'values' | 'definition' | 'fields' | 'gated']?: unknown };

/**
 * The node with every property of every kind of node, in one order (undefined where it has none):
 * all nodes then share one hidden class, and the walker's reads of `type`, `format`, `fields` stay
 * monomorphic instead of going through V8's megamorphic lookup for each field of each object.
 */
function shaped<N extends SchemaNode>(node: N): N {
  const n = node as N & AnyShape;
  return { type: n.type, format: n.format, items: n.items, values: n.values, definition: n.definition, fields: n.fields, gated: n.gated } as unknown as N;
}

const ANY: SchemaNode = shaped({ type: 'any' });

let file: SchemaFile | undefined;
const views = new Map<string, VersionSchema>();
/** `x-versions` strings parsed into bit masks (a few dozen distinct strings). */
const masks = new Map<string, number>();

function schemaFile(): SchemaFile {
  // require, not import: a 300 kB JSON module typed by tsc would slow every compile, and loading
  // it lazily keeps it off the start-up path of code that never validates.
  return file ??= require('./schema/k8s-definitions.json') as SchemaFile;
}

/** The minor versions the packaged definitions describe, oldest first. */
export function schemaVersions(): readonly string[] {
  return schemaFile().versions;
}

function maskOf(versions: string): number {
  let mask = masks.get(versions);
  if (mask === undefined) {
    mask = 0;
    const all = schemaFile().versions;
    for (const part of versions.split(',')) {
      const [from, to = from] = part.split('-');
      const lo = all.indexOf(from);
      const hi = all.indexOf(to);
      if (lo < 0 || hi < lo) throw new Error(`k8s-schema: bad x-versions "${versions}"`);
      for (let i = lo; i <= hi; i++) mask |= 1 << i;
    }
    masks.set(versions, mask);
  }
  return mask;
}

/** Whether a schema, property or gvk entry exists in the version of `bit` (given that its parent does). */
function existsIn(raw: { readonly 'x-versions'?: string }, bit: number): boolean {
  const versions = raw['x-versions'];
  return versions === undefined || (maskOf(versions) & bit) !== 0;
}

/** The form a schema takes in a version: itself, or its variant for that version. */
function formIn(raw: RawSchema, bit: number): RawSchema {
  const variants = raw['x-variants'];
  if (variants === undefined) return raw;
  const form = variants.find(v => existsIn(v, bit));
  if (!form) throw new Error('k8s-schema: no variant for the version');
  return form;
}

/** The last view asked for: a lint run asks for one version, several times per object. */
let lastView: VersionSchema | undefined;

function view(version: string = DEFAULT_K8S_VERSION): VersionSchema {
  if (lastView !== undefined && lastView.version === version) return lastView;
  const known = views.get(version);
  if (known) return (lastView = known);
  const { versions, definitions } = schemaFile();
  const index = versions.indexOf(version);
  if (index < 0) throw new Error(`k8s-schema: no definitions for Kubernetes ${version} (the package has ${versions.join(', ')})`);
  const bit = 1 << index;
  const byApiVersion = new Map<string, Map<string, string>>();
  const byGroup = new Map<string, Map<string, string[]>>();
  // for...in, and the cheap test first: three definitions in four have no kind (and no variants).
  for (const name in definitions) {
    const schema = definitions[name];
    if (schema['x-kubernetes-group-version-kind'] === undefined && schema['x-variants'] === undefined) continue;
    if (!existsIn(schema, bit)) continue;
    for (const gvk of formIn(schema, bit)['x-kubernetes-group-version-kind'] ?? []) {
      if (!existsIn(gvk, bit)) continue;
      const apiVersion = gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`;
      getOrCreate(byApiVersion, apiVersion, () => new Map()).set(gvk.kind, name);
      getOrCreate(getOrCreate(byGroup, gvk.group, () => new Map()), gvk.kind, () => []).push(gvk.version);
    }
  }
  const minor = k8sMinorOf(version);
  const gated = new Map<string, Map<string, GatedField[]>>();
  for (const entry of GATED_FIELDS) {
    if (!droppedIn(entry, minor)) continue;
    getOrCreate(getOrCreate(gated, entry.definition, () => new Map()), entry.field, () => []).push(entry);
  }
  const created: VersionSchema = { version, minor, bit, byApiVersion, byGroup, compiled: new Map(), gated };
  views.set(version, created);
  return (lastView = created);
}

function getOrCreate<K, V>(m: Map<K, V>, k: K, make: () => V): V {
  let v = m.get(k);
  if (v === undefined) {
    v = make();
    m.set(k, v);
  }
  return v;
}

/** A parsed apiVersion, e.g. `{ group: 'apps', version: 'v1' }` (group `''` for the core group). */
export interface GroupVersion {
  readonly group: string;
  readonly version: string;
}

/** Parsed apiVersions: three identity rules parse each object's, and a file has only a few distinct ones. */
const groupVersions = new Map<string, GroupVersion | null>();

/** Splits an apiVersion as Kubernetes' ParseGroupVersion does; undefined when malformed (two slashes, empty parts). */
export function parseApiVersion(apiVersion: string): GroupVersion | undefined {
  let gv = groupVersions.get(apiVersion);
  if (gv === undefined) {
    gv = splitApiVersion(apiVersion) ?? null;
    if (groupVersions.size >= 1000) groupVersions.clear();
    groupVersions.set(apiVersion, gv);
  }
  return gv ?? undefined;
}

function splitApiVersion(apiVersion: string): GroupVersion | undefined {
  const parts = apiVersion.split('/');
  if (parts.length === 1) return parts[0] === '' ? undefined : { group: '', version: parts[0] };
  if (parts.length === 2 && parts[0] !== '' && parts[1] !== '') return { group: parts[0], version: parts[1] };
  return undefined;
}

/** True when kube-apiserver of that version serves this apiVersion/kind itself (not through a CRD or an aggregated API). */
export function isBuiltinKind(apiVersion: unknown, kind: unknown, version?: string): boolean {
  return definitionNameOf(apiVersion, kind, version) !== undefined;
}

/** Name of the OpenAPI definition of a built-in kind, e.g. `io.k8s.api.apps.v1.Deployment`. */
export function definitionNameOf(apiVersion: unknown, kind: unknown, version?: string): string | undefined {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  return view(version).byApiVersion.get(apiVersion)?.get(kind);
}

/**
 * True when the API group is one of Kubernetes' own (`''` for core, `apps`, `networking.k8s.io`,
 * ...) in any supported version: a group added later (`storagemigration.k8s.io`) or removed is no
 * more a custom resource's for that.
 */
export function isBuiltinGroup(group: string): boolean {
  return (allGroups ??= groupsOfAllVersions()).has(group);
}

let allGroups: ReadonlySet<string> | undefined;

function groupsOfAllVersions(): ReadonlySet<string> {
  const groups = new Set<string>();
  for (const raw of Object.values(schemaFile().definitions)) {
    for (const form of raw['x-variants'] ?? [raw]) {
      for (const gvk of form['x-kubernetes-group-version-kind'] ?? []) groups.add(gvk.group);
    }
  }
  return groups;
}

/** Every apiVersion under which that version serves a kind of this name, sorted (e.g. Ingress → `networking.k8s.io/v1`). */
export function apiVersionsServingKind(kind: string, version?: string): string[] {
  const out: string[] = [];
  for (const [group, kinds] of view(version).byGroup) {
    for (const v of kinds.get(kind) ?? []) out.push(group === '' ? v : `${group}/${v}`);
  }
  return out.sort();
}

/** Every kind name served in a group in that version (for "did you mean Deployment?" on `kind: deployment`). */
export function kindsOfGroup(group: string, version?: string): string[] {
  return [...(view(version).byGroup.get(group)?.keys() ?? [])].sort();
}

/** Every apiVersion/kind that version serves itself, sorted. */
export function builtinKinds(version?: string): Array<{ apiVersion: string; kind: string }> {
  const out: Array<{ apiVersion: string; kind: string }> = [];
  for (const [apiVersion, kinds] of view(version).byApiVersion) {
    for (const kind of kinds.keys()) out.push({ apiVersion, kind });
  }
  return out.sort((a, b) => (a.apiVersion === b.apiVersion ? a.kind.localeCompare(b.kind) : a.apiVersion.localeCompare(b.apiVersion)));
}

/** The supported versions that serve this apiVersion/kind, oldest first (for "added in" and "removed in" hints). */
export function versionsServing(apiVersion: string, kind: string): string[] {
  return schemaFile().versions.filter(v => view(v).byApiVersion.get(apiVersion)?.has(kind));
}

/** The schema tree of a built-in kind in that version, or undefined for anything else. */
export function schemaOfKind(apiVersion: unknown, kind: unknown, version?: string): ObjectNode | undefined {
  const name = definitionNameOf(apiVersion, kind, version);
  if (name === undefined) return undefined;
  const node = definitionNode(view(version), name);
  return node.type === 'object' ? node : undefined;
}

/** The supported versions in which a definition has a field, oldest first (for "added in Kubernetes 1.NN" hints). */
export function versionsWithField(definition: string, field: string): string[] {
  const raw = schemaFile().definitions[definition];
  if (!raw) return [];
  return schemaFile().versions.filter((_, i) => {
    const bit = 1 << i;
    if (!existsIn(raw, bit)) return false;
    const properties = formIn(raw, bit).properties;
    return properties !== undefined && Object.hasOwn(properties, field) && existsIn(properties[field], bit);
  });
}

/** Definitions (short names, e.g. `Container`) that have a field of this name in that version: for "it belongs to Container" hints. */
export function definitionsWithField(field: string, version?: string): string[] {
  const v = view(version);
  let index = fieldIndexes.get(v.version);
  if (!index) {
    index = buildFieldIndex(v);
    fieldIndexes.set(v.version, index);
  }
  return index.get(field) ?? [];
}

const fieldIndexes = new Map<string, Map<string, string[]>>();

function buildFieldIndex(v: VersionSchema): Map<string, string[]> {
  const index = new Map<string, Set<string>>();
  for (const [name, raw] of Object.entries(schemaFile().definitions)) {
    if (!existsIn(raw, v.bit)) continue;
    const properties = formIn(raw, v.bit).properties ?? {};
    for (const field of Object.keys(properties)) {
      if (existsIn(properties[field], v.bit)) getOrCreate(index, field, () => new Set()).add(shortName(name));
    }
  }
  return new Map([...index].map(([k, names]) => [k, [...names].sort()]));
}

/** `io.k8s.api.core.v1.Container` → `Container`. */
export function shortName(definition: string): string {
  return definition.slice(definition.lastIndexOf('.') + 1);
}

/** The compiled node of one definition, compiled on first use; cycles (JSONSchemaProps) resolve through the cache. */
function definitionNode(v: VersionSchema, name: string): SchemaNode {
  const cached = v.compiled.get(name);
  if (cached) return cached;
  const stored = schemaFile().definitions[name];
  if (!stored || !existsIn(stored, v.bit)) throw new Error(`k8s-schema: no definition ${name} in Kubernetes ${v.version}`);
  const raw = formIn(stored, v.bit);
  if (name === QUANTITY) return remember(v.compiled, name, shaped({ type: 'quantity' }));
  // Same OpenAPI as Time, stricter decoder: RFC3339Micro.
  if (name === MICRO_TIME) return remember(v.compiled, name, shaped({ type: 'string', format: 'date-time-micro' }));
  if (raw.properties && Object.keys(raw.properties).length > 0 && !raw['x-kubernetes-preserve-unknown-fields']) {
    const fields = new Map<string, SchemaNode>();
    const gated = v.gated.get(name);
    // Registered before its fields compile, so a field referring back to this definition finds it.
    const node = shaped({ type: 'object', definition: name, fields, gated }) as ObjectNode;
    v.compiled.set(name, node);
    for (const field of Object.keys(raw.properties)) {
      const property = raw.properties[field];
      if (existsIn(property, v.bit)) fields.set(field, compile(v, formIn(property, v.bit)));
    }
    return node;
  }
  return remember(v.compiled, name, compile(v, raw));
}

function remember(cache: Map<string, SchemaNode>, name: string, node: SchemaNode): SchemaNode {
  cache.set(name, node);
  return node;
}

function compile(v: VersionSchema, raw: RawSchema): SchemaNode {
  if (raw.$ref !== undefined) return definitionNode(v, raw.$ref);
  const node = compileInline(v, raw);
  return node === ANY ? node : shaped(node);
}

function compileInline(v: VersionSchema, raw: RawSchema): SchemaNode {
  if (raw['x-kubernetes-preserve-unknown-fields']) return ANY;
  if (raw['x-kubernetes-int-or-string'] || isIntOrStringUnion(raw.oneOf)) return { type: 'int-or-string' };
  if (raw.oneOf) return ANY; // no other union in 1.28-1.35 but Quantity, which is handled by name
  switch (raw.type) {
    case 'string':
      return raw.format === 'byte' || raw.format === 'date-time' ? { type: 'string', format: raw.format } : { type: 'string' };
    case 'integer':
      return { type: 'integer', format: raw.format === 'int32' ? 'int32' : 'int64' };
    case 'number':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'array':
      return { type: 'array', items: raw.items ? compile(v, formIn(raw.items, v.bit)) : ANY };
    case 'object':
      if (typeof raw.additionalProperties === 'object') return { type: 'map', values: compile(v, formIn(raw.additionalProperties, v.bit)) };
      // An object without properties (RawExtension, FieldsV1) is decoded as raw JSON: anything goes.
      return ANY;
    default:
      return ANY; // JSON, JSONSchemaPropsOr*: arbitrary JSON
  }
}

function isIntOrStringUnion(oneOf: readonly RawSchema[] | undefined): boolean {
  if (!oneOf || oneOf.length !== 2) return false;
  const types = oneOf.map(s => s.type).sort();
  return types[0] === 'integer' && types[1] === 'string';
}
