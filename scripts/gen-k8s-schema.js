#!/usr/bin/env node
/*
 * Derives the compact Kubernetes 1.28 schema that the strict-structure rules carry in the package
 * (src/validation/schema/k8s-1.28-definitions.json) from the shared OpenAPI definitions.
 *
 *   node scripts/gen-k8s-schema.js [SOURCE] [OUTPUT]
 *   SOURCE defaults to ../shared/k8s-schemas/v1.28.0/_definitions.json
 *
 * Why a derived copy: the source is 1 MB, mostly descriptions. Strict decoding (unknown fields,
 * JSON types) needs only each schema's type, format, $ref, properties, items, additionalProperties,
 * oneOf and the group-version-kind list, for the definitions reachable from a kind. Everything kept
 * is byte-for-byte the source's value (test/validation/structure/schema-copy.test.ts checks that).
 * Output is deterministic: sorted keys, one definition per line for readable diffs.
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const SOURCE = process.argv[2] ?? path.resolve(ROOT, '../shared/k8s-schemas/v1.28.0/_definitions.json');
const OUTPUT = process.argv[3] ?? path.resolve(ROOT, 'src/validation/schema/k8s-1.28-definitions.json');

/** Schema keywords that decide what strict decoding accepts; everything else (descriptions, enums, required, patch strategies) is validation or documentation. */
const KEEP = new Set([
  '$ref', 'type', 'format', 'properties', 'items', 'additionalProperties', 'oneOf',
  'x-kubernetes-group-version-kind', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-int-or-string',
]);

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
    } else if (k === 'x-kubernetes-group-version-kind') {
      out[k] = v.map(gvk => ({ group: gvk.group, kind: gvk.kind, version: gvk.version }));
    } else {
      out[k] = v;
    }
  }
  return out;
}

function refsOf(schema, found) {
  if (Array.isArray(schema)) {
    schema.forEach(s => refsOf(s, found));
  } else if (typeof schema === 'object' && schema !== null) {
    for (const [k, v] of Object.entries(schema)) {
      if (k === '$ref' && typeof v === 'string') found.push(v.replace('#/definitions/', ''));
      else refsOf(v, found);
    }
  }
  return found;
}

function main() {
  const raw = fs.readFileSync(SOURCE);
  const source = JSON.parse(raw.toString('utf8')).definitions;
  // Keep what a kind can reach: the two unreachable definitions (meta Patch, version Info) are never decoded from a manifest.
  const keep = new Set();
  const todo = Object.keys(source).filter(n => source[n]['x-kubernetes-group-version-kind']);
  while (todo.length > 0) {
    const name = todo.pop();
    if (keep.has(name)) continue;
    if (!source[name]) throw new Error(`dangling $ref to ${name}`);
    keep.add(name);
    todo.push(...refsOf(source[name], []));
  }
  const names = [...keep].sort();
  const provenance = {
    source: 'Kubernetes v1.28.0 OpenAPI definitions, as published for cdk8s imports (shared/k8s-schemas/v1.28.0/_definitions.json)',
    license: 'Apache-2.0, Copyright The Kubernetes Authors',
    sourceSha256: crypto.createHash('sha256').update(raw).digest('hex'),
    generator: 'scripts/gen-k8s-schema.js',
    derivation: `${names.length} of ${Object.keys(source).length} definitions (those reachable from a kind); keywords kept: ${[...KEEP].join(', ')}`,
  };
  const lines = names.map(n => `    ${JSON.stringify(n)}: ${JSON.stringify(project(source[n]))}`);
  const text = `{\n  "x-provenance": ${JSON.stringify(provenance)},\n  "definitions": {\n${lines.join(',\n')}\n  }\n}\n`;
  JSON.parse(text); // never write a file the package cannot load
  fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
  fs.writeFileSync(OUTPUT, text);
  process.stdout.write(`wrote ${path.relative(process.cwd(), OUTPUT)}: ${names.length} definitions, ${text.length} bytes\n`);
}

main();
