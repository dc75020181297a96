/**
 * The Kubernetes 1.28 API as strict decoding sees it: which apiVersion/kind pairs are built in, and
 * for each kind a tree of schema nodes (object fields, maps, lists, scalars) that the strict-structure
 * rules walk. Built from the package's own compact copy of the OpenAPI definitions
 * (`schema/k8s-1.28-definitions.json`, derived by `scripts/gen-k8s-schema.js`), loaded on first use
 * and compiled one definition at a time, so a synth that never asks pays nothing.
 */

/** The Kubernetes minor version the packaged definitions describe. */
export const SCHEMA_K8S_VERSION = '1.28';

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
}

interface RawSchema {
  readonly $ref?: string;
  readonly type?: string;
  readonly format?: string;
  readonly properties?: Readonly<Record<string, RawSchema>>;
  readonly items?: RawSchema;
  readonly additionalProperties?: RawSchema | boolean;
  readonly oneOf?: readonly RawSchema[];
  readonly 'x-kubernetes-group-version-kind'?: readonly { group: string; version: string; kind: string }[];
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  readonly 'x-kubernetes-int-or-string'?: boolean;
}

interface Loaded {
  readonly definitions: Readonly<Record<string, RawSchema>>;
  /** apiVersion → kind → definition name. */
  readonly byApiVersion: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** group → kind → versions served, for "use apps/v1" hints. */
  readonly byGroup: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  readonly compiled: Map<string, SchemaNode>;
}

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const MICRO_TIME = 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime';
const REF_PREFIX = '#/definitions/';
const ANY: AnyNode = { type: 'any' };

let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  // require, not import: a 200 kB JSON module typed by tsc would slow every compile, and loading
  // it lazily keeps it off the start-up path of code that never validates.
  const file = require('./schema/k8s-1.28-definitions.json') as { definitions: Record<string, RawSchema> };
  const byApiVersion = new Map<string, Map<string, string>>();
  const byGroup = new Map<string, Map<string, string[]>>();
  for (const [name, schema] of Object.entries(file.definitions)) {
    for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) {
      const apiVersion = gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`;
      getOrCreate(byApiVersion, apiVersion, () => new Map()).set(gvk.kind, name);
      getOrCreate(getOrCreate(byGroup, gvk.group, () => new Map()), gvk.kind, () => []).push(gvk.version);
    }
  }
  loaded = { definitions: file.definitions, byApiVersion, byGroup, compiled: new Map() };
  return loaded;
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

/** True when kube-apiserver 1.28 serves this apiVersion/kind itself (not through a CRD or an aggregated API). */
export function isBuiltinKind(apiVersion: unknown, kind: unknown): boolean {
  return definitionNameOf(apiVersion, kind) !== undefined;
}

/** Name of the OpenAPI definition of a built-in kind, e.g. `io.k8s.api.apps.v1.Deployment`. */
export function definitionNameOf(apiVersion: unknown, kind: unknown): string | undefined {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  return load().byApiVersion.get(apiVersion)?.get(kind);
}

/** True when the API group is one of Kubernetes' own (`''` for core, `apps`, `networking.k8s.io`, ...). */
export function isBuiltinGroup(group: string): boolean {
  return load().byGroup.has(group);
}

/** Every apiVersion under which 1.28 serves a kind of this name, sorted (e.g. Ingress → `networking.k8s.io/v1`). */
export function apiVersionsServingKind(kind: string): string[] {
  const out: string[] = [];
  for (const [group, kinds] of load().byGroup) {
    for (const version of kinds.get(kind) ?? []) out.push(group === '' ? version : `${group}/${version}`);
  }
  return out.sort();
}

/** Every kind name served in a group (for "did you mean Deployment?" on `kind: deployment`). */
export function kindsOfGroup(group: string): string[] {
  return [...(load().byGroup.get(group)?.keys() ?? [])].sort();
}

/** The schema tree of a built-in kind, or undefined for anything else. */
export function schemaOfKind(apiVersion: unknown, kind: unknown): ObjectNode | undefined {
  const name = definitionNameOf(apiVersion, kind);
  if (name === undefined) return undefined;
  const node = definitionNode(name);
  return node.type === 'object' ? node : undefined;
}

/** Definitions (short names, e.g. `Container`) that have a field of this name: for "it belongs to Container" hints. */
export function definitionsWithField(field: string): string[] {
  const index = fieldIndex ??= buildFieldIndex();
  return index.get(field) ?? [];
}

let fieldIndex: Map<string, string[]> | undefined;

function buildFieldIndex(): Map<string, string[]> {
  const index = new Map<string, Set<string>>();
  for (const [name, schema] of Object.entries(load().definitions)) {
    for (const field of Object.keys(schema.properties ?? {})) getOrCreate(index, field, () => new Set()).add(shortName(name));
  }
  return new Map([...index].map(([k, v]) => [k, [...v].sort()]));
}

/** `io.k8s.api.core.v1.Container` → `Container`. */
export function shortName(definition: string): string {
  return definition.slice(definition.lastIndexOf('.') + 1);
}

/** The compiled node of one definition, compiled on first use; cycles (JSONSchemaProps) resolve through the cache. */
function definitionNode(name: string): SchemaNode {
  const { compiled, definitions } = load();
  const cached = compiled.get(name);
  if (cached) return cached;
  const raw = definitions[name];
  if (!raw) throw new Error(`k8s-schema: no definition ${name}`);
  if (name === QUANTITY) return remember(compiled, name, { type: 'quantity' });
  // Same OpenAPI as Time, stricter decoder: RFC3339Micro.
  if (name === MICRO_TIME) return remember(compiled, name, { type: 'string', format: 'date-time-micro' });
  if (raw.properties && Object.keys(raw.properties).length > 0 && !raw['x-kubernetes-preserve-unknown-fields']) {
    const fields = new Map<string, SchemaNode>();
    // Registered before its fields compile, so a field referring back to this definition finds it.
    const node: ObjectNode = { type: 'object', definition: name, fields };
    compiled.set(name, node);
    for (const field of Object.keys(raw.properties)) fields.set(field, compile(raw.properties[field]));
    return node;
  }
  return remember(compiled, name, compile(raw));
}

function remember(cache: Map<string, SchemaNode>, name: string, node: SchemaNode): SchemaNode {
  cache.set(name, node);
  return node;
}

function compile(raw: RawSchema): SchemaNode {
  if (raw.$ref !== undefined) return definitionNode(raw.$ref.startsWith(REF_PREFIX) ? raw.$ref.slice(REF_PREFIX.length) : raw.$ref);
  if (raw['x-kubernetes-preserve-unknown-fields']) return ANY;
  if (raw['x-kubernetes-int-or-string'] || isIntOrStringUnion(raw.oneOf)) return { type: 'int-or-string' };
  if (raw.oneOf) return ANY; // no other union in 1.28 but Quantity, which is handled by name
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
      return { type: 'array', items: raw.items ? compile(raw.items) : ANY };
    case 'object':
      if (typeof raw.additionalProperties === 'object') return { type: 'map', values: compile(raw.additionalProperties) };
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
