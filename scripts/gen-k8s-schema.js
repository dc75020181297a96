#!/usr/bin/env node
/*
 * Derives the compact, multi-version Kubernetes schema that the strict-structure rules carry in the
 * package (src/validation/schema/k8s-definitions.json) from the shared OpenAPI definitions of every
 * supported minor version (../shared/k8s-schemas/v1.NN.0/_definitions.json).
 *
 *   node scripts/gen-k8s-schema.js [SHARED_DIR] [OUTPUT]
 *   SHARED_DIR defaults to ../shared/k8s-schemas
 *
 * Why a derived copy: each source is 1-1.4 MB, mostly descriptions, and the eight of them say
 * nearly the same thing. Strict decoding (unknown fields, JSON types) needs only each schema's type,
 * format, $ref, properties, items, additionalProperties, oneOf and the group-version-kind list, for
 * the definitions reachable from a kind. The eight projections are then merged into one file in
 * which every definition, property and group-version-kind entry says which versions have it:
 *
 *   - "x-versions": "1.29-1.35" (or "1.28", or "1.28-1.30,1.33-1.35"): the minor versions in which
 *     this definition, property or group-version-kind entry exists. Absent: every version in which
 *     its parent exists. So "added in Kubernetes 1.NN" falls out of the data.
 *   - {"x-variants": [schema, ...]}: a schema that changed between versions, one variant per set of
 *     versions (each with its "x-versions"). Used only where a property's or a definition's own
 *     keywords differ, which happens once in 1.28-1.35 (PersistentVolumeClaimSpec.resources).
 *   - "$ref" values are definition names without the "#/definitions/" prefix (the one rewrite of a
 *     source value; test/validation/structure/schema-copy.test.ts puts it back before comparing).
 *
 * Everything else kept is byte-for-byte the source's value: the copy test rebuilds each version's
 * projection from this file and compares it with the source. Output is deterministic: sorted keys,
 * one definition per line for readable diffs.
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const SHARED = process.argv[2] ?? path.resolve(ROOT, '../shared/k8s-schemas');
const OUTPUT = process.argv[3] ?? path.resolve(ROOT, 'src/validation/schema/k8s-definitions.json');

/** The minor versions the package supports; keep in step with src/lint/k8s-version.ts. */
const VERSIONS = ['1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35'];

/** Schema keywords that decide what strict decoding accepts; everything else (descriptions, enums, required, patch strategies) is validation or documentation. */
const KEEP = new Set([
  '$ref', 'type', 'format', 'properties', 'items', 'additionalProperties', 'oneOf',
  'x-kubernetes-group-version-kind', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-int-or-string',
]);
const REF_PREFIX = '#/definitions/';
const GVK = 'x-kubernetes-group-version-kind';

function project(schema) {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const out = {};
  for (const k of Object.keys(schema).sort()) {
    if (!KEEP.has(k)) continue;
    const v = schema[k];
    if (k === 'properties') {
      // Property names are data, not keywords: JSONSchemaProps has a property called "$ref".
      out[k] = Object.fromEntries(Object.keys(v).sort().map(name => [name, project(v[name])]));
    } else if (k === 'items' || k === 'additionalProperties') {
      out[k] = project(v);
    } else if (k === 'oneOf') {
      out[k] = v.map(project);
    } else if (k === GVK) {
      out[k] = v.map(gvk => ({ group: gvk.group, kind: gvk.kind, version: gvk.version }));
    } else if (k === '$ref') {
      if (!v.startsWith(REF_PREFIX)) throw new Error(`unexpected $ref ${v}`);
      out[k] = v.slice(REF_PREFIX.length);
    } else {
      out[k] = v;
    }
  }
  return out;
}

function refsOf(schema, found, inProperties = false) {
  if (Array.isArray(schema)) {
    schema.forEach(s => refsOf(s, found));
  } else if (typeof schema === 'object' && schema !== null) {
    for (const [k, v] of Object.entries(schema)) {
      if (!inProperties && k === '$ref' && typeof v === 'string') found.push(v.replace(REF_PREFIX, ''));
      else refsOf(v, found, !inProperties && k === 'properties');
    }
  }
  return found;
}

/** One version: the projection of every definition reachable from a kind. */
function loadVersion(version) {
  const file = path.join(SHARED, `v${version}.0`, '_definitions.json');
  const raw = fs.readFileSync(file);
  const source = JSON.parse(raw.toString('utf8')).definitions;
  // Keep what a kind can reach: the unreachable definitions (meta Patch, version Info) are never decoded from a manifest.
  const keep = new Set();
  const todo = Object.keys(source).filter(n => source[n][GVK]);
  while (todo.length > 0) {
    const name = todo.pop();
    if (keep.has(name)) continue;
    if (!source[name]) throw new Error(`${file}: dangling $ref to ${name}`);
    keep.add(name);
    todo.push(...refsOf(source[name], []));
  }
  const definitions = new Map([...keep].sort().map(n => [n, project(source[n])]));
  return {
    version,
    definitions,
    provenance: {
      file: `shared/k8s-schemas/v${version}.0/_definitions.json`,
      sha256: crypto.createHash('sha256').update(raw).digest('hex'),
      definitions: `${keep.size} of ${Object.keys(source).length}`,
    },
  };
}

/** `['1.28', '1.29', '1.31']` → `1.28-1.29,1.31`. */
function ranges(present) {
  const index = present.map(v => VERSIONS.indexOf(v));
  const out = [];
  for (let i = 0; i < index.length; i++) {
    let j = i;
    while (j + 1 < index.length && index[j + 1] === index[j] + 1) j++;
    out.push(i === j ? VERSIONS[index[i]] : `${VERSIONS[index[i]]}-${VERSIONS[index[j]]}`);
    i = j;
  }
  return out.join(',');
}

/** The versions as ranges; undefined when they are every version of `within` (the parent's). */
function versionSet(present, within) {
  return present.length === within.length ? undefined : ranges(present);
}

const key = value => JSON.stringify(value);

/**
 * Merges one schema as it is in several versions (`byVersion`: version → schema, only where it
 * exists). Properties and group-version-kind entries are merged one by one, each with the versions
 * it exists in; any other difference makes the whole schema a set of variants.
 */
function merge(byVersion) {
  const present = [...byVersion.keys()];
  const schemas = [...byVersion.values()];
  const shell = s => key({ ...s, properties: undefined, [GVK]: undefined });
  if (!schemas.every(s => shell(s) === shell(schemas[0]))) return variants(byVersion);
  const out = { ...schemas[0] };
  delete out.properties;
  delete out[GVK];
  const propertyNames = new Set(schemas.flatMap(s => Object.keys(s.properties ?? {})));
  if (propertyNames.size > 0) {
    out.properties = {};
    for (const name of [...propertyNames].sort()) {
      const forms = new Map(present
        .filter(v => byVersion.get(v).properties && name in byVersion.get(v).properties)
        .map(v => [v, byVersion.get(v).properties[name]]));
      const distinct = new Set([...forms.values()].map(key));
      const value = distinct.size === 1 ? forms.values().next().value : variants(forms);
      const versions = versionSet([...forms.keys()], present);
      out.properties[name] = versions === undefined ? value : sortKeys({ ...value, 'x-versions': versions });
    }
  }
  if (schemas.some(s => s[GVK])) {
    const entries = new Map();
    for (const [version, s] of byVersion) {
      for (const gvk of s[GVK] ?? []) {
        const k = key(gvk);
        if (!entries.has(k)) entries.set(k, { gvk, versions: [] });
        entries.get(k).versions.push(version);
      }
    }
    out[GVK] = [...entries.values()]
      .sort((a, b) => key(a.gvk).localeCompare(key(b.gvk)))
      .map(({ gvk, versions }) => {
        const set = versionSet(versions, present);
        return set === undefined ? gvk : { ...gvk, 'x-versions': set };
      });
  }
  return sortKeys(out);
}

/** A schema that differs between versions: one variant per distinct form, in version order, each naming its versions. */
function variants(byVersion) {
  const groups = new Map();
  for (const [version, s] of byVersion) {
    const k = key(s);
    if (!groups.has(k)) groups.set(k, { schema: s, versions: [] });
    groups.get(k).versions.push(version);
  }
  return { 'x-variants': [...groups.values()].map(g => sortKeys({ ...g.schema, 'x-versions': ranges(g.versions) })) };
}

function sortKeys(o) {
  return Object.fromEntries(Object.keys(o).sort().map(k => [k, o[k]]));
}

function main() {
  const loaded = VERSIONS.map(loadVersion);
  const names = [...new Set(loaded.flatMap(l => [...l.definitions.keys()]))].sort();
  const lines = [];
  for (const name of names) {
    const byVersion = new Map(loaded.filter(l => l.definitions.has(name)).map(l => [l.version, l.definitions.get(name)]));
    const merged = merge(byVersion);
    const versions = versionSet([...byVersion.keys()], VERSIONS);
    const def = versions === undefined ? merged : sortKeys({ ...merged, 'x-versions': versions });
    lines.push(`    ${JSON.stringify(name)}: ${JSON.stringify(def)}`);
  }
  const provenance = {
    source: 'Kubernetes OpenAPI definitions, as published for cdk8s imports (shared/k8s-schemas/v1.NN.0/_definitions.json)',
    license: 'Apache-2.0, Copyright The Kubernetes Authors',
    generator: 'scripts/gen-k8s-schema.js',
    derivation: `the definitions reachable from a kind, keywords ${[...KEEP].join(', ')}; merged across versions with x-versions and x-variants; $ref without "${REF_PREFIX}"`,
    sources: Object.fromEntries(loaded.map(l => [l.version, l.provenance])),
  };
  const text = `{\n  "x-provenance": ${JSON.stringify(provenance)},\n  "versions": ${JSON.stringify(VERSIONS)},\n  "definitions": {\n${lines.join(',\n')}\n  }\n}\n`;
  JSON.parse(text); // never write a file the package cannot load
  fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
  fs.writeFileSync(OUTPUT, text);
  process.stdout.write(`wrote ${path.relative(process.cwd(), OUTPUT)}: ${names.length} definitions over ${VERSIONS.join(', ')}, ${text.length} bytes\n`);
}

main();
