/**
 * The package's merged schema copy against the shared Kubernetes 1.28-1.35 definitions it was
 * derived from (skipped, saying why, where ../shared is absent, e.g. in an installed package):
 * for each version, the projection rebuilt from the merged file has the same definitions for every
 * kind, no field lost or added, and every kept keyword equal to the source's value; and the
 * generator, run again, writes the very same file. Then, without ../shared: every version's
 * definitions load and every kind of every version compiles.
 */
import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SUPPORTED_K8S_VERSIONS } from '../../../src/lint/k8s-version';
import {
  builtinKinds, isBuiltinKind, schemaOfKind, schemaVersions, versionsServing, versionsWithField,
  type ObjectNode, type SchemaNode,
} from '../../../src/validation/k8s-schema';

const ROOT = path.resolve(__dirname, '../../..');
// K8S_SCHEMAS_DIR: another copy of shared/k8s-schemas (or a missing one, to see the skip).
const SHARED = process.env.K8S_SCHEMAS_DIR ?? path.resolve(ROOT, '../shared/k8s-schemas');
const COPY = path.resolve(ROOT, 'src/validation/schema/k8s-definitions.json');
const GENERATOR = path.resolve(ROOT, 'scripts/gen-k8s-schema.js');
const sourceOf = (version: string) => path.join(SHARED, `v${version}.0`, '_definitions.json');

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = { [k: string]: Json };

const copyFile = JSON.parse(fs.readFileSync(COPY, 'utf8')) as {
  'x-provenance': { license: string; sources: Record<string, { file: string; sha256: string }> };
  versions: string[];
  definitions: Record<string, Schema>;
};

const missing = SUPPORTED_K8S_VERSIONS.filter(v => !fs.existsSync(sourceOf(v)));
if (missing.length > 0) {
  console.warn(`schema-copy: skipping the comparison with the sources of ${missing.join(', ')}: ${SHARED} has no v${missing[0]}.0/_definitions.json (the package carries its own copy; the comparison needs the workspace's ../shared)`);
}

/** Whether a merged-file item (definition, property, gvk entry) exists in a version, given that its parent does. */
function existsIn(item: Schema, version: string): boolean {
  const versions = item['x-versions'];
  if (versions === undefined) return true;
  const i = copyFile.versions.indexOf(version);
  return String(versions).split(',').some(part => {
    const [from, to = from] = part.split('-');
    return copyFile.versions.indexOf(from) <= i && i <= copyFile.versions.indexOf(to);
  });
}

/**
 * One version's projection, rebuilt from the merged file the long way (independently of the
 * loader): variants resolved, items of other versions left out, x-versions removed, "#/definitions/"
 * put back in $ref values.
 */
function rebuild(schema: Json, version: string, inProperties = false): Json {
  if (Array.isArray(schema)) return schema.map(s => rebuild(s, version));
  if (schema === null || typeof schema !== 'object') return schema;
  if (!inProperties && Array.isArray(schema['x-variants'])) {
    const form = (schema['x-variants'] as Schema[]).find(v => existsIn(v, version));
    if (!form) throw new Error(`no variant for ${version}`);
    return rebuild(form, version);
  }
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (inProperties) {
      if (existsIn(v as Schema, version)) out[k] = rebuild(v, version);
    } else if (k === 'x-versions') {
      continue;
    } else if (k === '$ref') {
      out[k] = `#/definitions/${String(v)}`;
    } else if (k === 'x-kubernetes-group-version-kind') {
      out[k] = (v as Schema[]).filter(g => existsIn(g, version)).map(({ 'x-versions': _, ...g }) => g);
    } else {
      out[k] = rebuild(v, version, k === 'properties');
    }
  }
  return out;
}

function rebuiltDefinitions(version: string): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  for (const [name, def] of Object.entries(copyFile.definitions)) {
    if (existsIn(def, version)) out[name] = rebuild(def, version) as Schema;
  }
  return out;
}

// Walks copy and source together: each key of the copy exists in the source with the same value
// (recursively), and each property name of the source survives in the copy.
function compare(kept: Json, original: Json, where: string, problems: string[], inProperties = false): void {
  if (kept === null || typeof kept !== 'object' || Array.isArray(kept)) {
    if (JSON.stringify(kept) !== JSON.stringify(original)) problems.push(`${where}: ${JSON.stringify(kept)} != ${JSON.stringify(original)}`);
    return;
  }
  if (original === null || typeof original !== 'object' || Array.isArray(original)) {
    problems.push(`${where}: object in copy, not in source`);
    return;
  }
  if (inProperties) {
    for (const name of Object.keys(original)) if (!(name in kept)) problems.push(`${where}: property ${name} lost`);
  }
  for (const [k, v] of Object.entries(kept)) {
    if (!(k in original)) {
      problems.push(`${where}.${k}: not in source`);
      continue;
    }
    if (!inProperties && k === 'x-kubernetes-group-version-kind') {
      const strip = (list: Json) => JSON.stringify((list as Schema[]).map(g => ({ group: g.group, kind: g.kind, version: g.version })));
      if (strip(v) !== strip(original[k])) problems.push(`${where}: group-version-kind differs`);
      continue;
    }
    compare(v, original[k], `${where}.${k}`, problems, !inProperties && k === 'properties');
  }
}

describe.each(SUPPORTED_K8S_VERSIONS.map(v => [v] as const))('the packaged definitions of Kubernetes %s', version => {
  const available = fs.existsSync(sourceOf(version));
  const withSource = available ? test : test.skip;
  const raw = available ? fs.readFileSync(sourceOf(version)) : Buffer.from('{"definitions":{}}');
  const source = (JSON.parse(raw.toString('utf8')) as { definitions: Record<string, Schema> }).definitions;
  const copy = rebuiltDefinitions(version);

  withSource('were derived from this very file (provenance hash)', () => {
    expect(copyFile['x-provenance'].sources[version].sha256).toBe(crypto.createHash('sha256').update(raw).digest('hex'));
    expect(copyFile['x-provenance'].license).toMatch(/Apache-2\.0/);
  });

  withSource('keep every definition that has a kind, and only source definitions', () => {
    const withKind = Object.keys(source).filter(n => source[n]['x-kubernetes-group-version-kind']);
    expect(withKind.length).toBeGreaterThan(100);
    expect(withKind.filter(n => !copy[n])).toEqual([]);
    expect(Object.keys(copy).filter(n => !source[n])).toEqual([]);
  });

  test('every $ref resolves inside the same version', () => {
    const dangling: string[] = [];
    const visit = (node: Json, inProperties = false): void => {
      if (Array.isArray(node)) return node.forEach(n => visit(n));
      if (node === null || typeof node !== 'object') return;
      for (const [k, v] of Object.entries(node)) {
        if (!inProperties && k === '$ref' && typeof v === 'string') {
          if (!copy[v.replace('#/definitions/', '')]) dangling.push(v);
        } else {
          visit(v, k === 'properties' && !inProperties);
        }
      }
    };
    for (const def of Object.values(copy)) visit(def);
    expect(dangling).toEqual([]);
  });

  withSource('every kept keyword equals the source, and no field is lost or added', () => {
    const problems: string[] = [];
    for (const [name, def] of Object.entries(copy)) compare(def, source[name], name, problems);
    expect(problems).toEqual([]);
  });

  withSource('keep every keyword that decides what decoding accepts', () => {
    const decisive = ['type', 'format', '$ref', 'items', 'additionalProperties', 'oneOf', 'x-kubernetes-preserve-unknown-fields'];
    const lost: string[] = [];
    const visit = (orig: Json, kept: Json, where: string): void => {
      if (orig === null || typeof orig !== 'object' || Array.isArray(orig) || kept === null || typeof kept !== 'object' || Array.isArray(kept)) return;
      for (const k of decisive) if (k in orig && !(k in kept)) lost.push(`${where}.${k}`);
      for (const k of ['items', 'additionalProperties']) if (k in orig) visit(orig[k], kept[k], `${where}.${k}`);
      const props = orig.properties;
      if (props && typeof props === 'object' && !Array.isArray(props)) {
        for (const [p, s] of Object.entries(props)) visit(s, (kept.properties as Schema)[p], `${where}.properties.${p}`);
      }
    };
    for (const name of Object.keys(copy)) visit(source[name], copy[name], name);
    expect(lost).toEqual([]);
  });

  test('load, and every kind compiles into a schema tree', () => {
    const kinds = builtinKinds(version);
    expect(kinds.length).toBeGreaterThan(200);
    for (const { apiVersion, kind } of kinds) {
      const node = schemaOfKind(apiVersion, kind, version);
      expect(node?.type).toBe('object');
      // Walk the whole tree once: every $ref of the version resolves while compiling.
      const seen = new Set<SchemaNode>();
      const walk = (n: SchemaNode): void => {
        if (seen.has(n)) return;
        seen.add(n);
        if (n.type === 'object') n.fields.forEach(walk);
        else if (n.type === 'array') walk(n.items);
        else if (n.type === 'map') walk(n.values);
      };
      walk(node as ObjectNode);
    }
  });
});

describe('the merged file', () => {
  test('covers exactly the supported versions, in order', () => {
    expect(copyFile.versions).toEqual([...SUPPORTED_K8S_VERSIONS]);
    expect(schemaVersions()).toEqual([...SUPPORTED_K8S_VERSIONS]);
  });

  (missing.length === 0 ? test : test.skip)('is what the generator writes, byte for byte (deterministic, up to date)', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-schema-')), 'k8s-definitions.json');
    const run = spawnSync(process.execPath, [GENERATOR, SHARED, out], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toBe(fs.readFileSync(COPY, 'utf8'));
  });

  test('says which versions have a field or serve a kind', () => {
    expect(versionsWithField('io.k8s.api.core.v1.LifecycleHandler', 'sleep')).toEqual(['1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35']);
    expect(versionsWithField('io.k8s.api.batch.v1.JobSpec', 'successPolicy')).toEqual(['1.30', '1.31', '1.32', '1.33', '1.34', '1.35']);
    expect(versionsWithField('io.k8s.api.core.v1.Container', 'livenessProbe')).toEqual([...SUPPORTED_K8S_VERSIONS]);
    expect(versionsWithField('io.k8s.api.core.v1.Container', 'livenesProbe')).toEqual([]);
    expect(versionsServing('flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema')).toEqual(['1.28']);
    expect(versionsServing('resource.k8s.io/v1', 'ResourceClaim')).toEqual(['1.34', '1.35']);
  });

  test('stays small: shared parts are stored once (well under twice the size of one version)', () => {
    const size = fs.statSync(COPY).size;
    expect(size).toBeLessThan(400_000);
    const multiVersion = Object.values(copyFile.definitions).filter(d => d['x-versions'] === undefined).length;
    expect(multiVersion).toBeGreaterThan(400);
  });
});

describe('the schema as the rules see it', () => {
  test('maps apiVersion/kind to definitions through x-kubernetes-group-version-kind', () => {
    expect(isBuiltinKind('apps/v1', 'Deployment')).toBe(true);
    expect(isBuiltinKind('v1', 'ConfigMap')).toBe(true);
    expect(isBuiltinKind('policy/v1', 'PodDisruptionBudget')).toBe(true);
    expect(isBuiltinKind('batch/v1', 'CronJob')).toBe(true);
    expect(isBuiltinKind('batch/v1beta1', 'CronJob')).toBe(false);
    expect(isBuiltinKind('argoproj.io/v1alpha1', 'Rollout')).toBe(false);
    expect(isBuiltinKind('apps/v1', 'deployment')).toBe(false);
    expect(isBuiltinKind(undefined, 'Deployment')).toBe(false);
    expect(schemaOfKind('apps/v1', 'Deployment')?.definition).toBe('io.k8s.api.apps.v1.Deployment');
  });

  test('follows the version: kinds added and removed', () => {
    expect(isBuiltinKind('flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema', '1.28')).toBe(true);
    expect(isBuiltinKind('flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema', '1.29')).toBe(false);
    expect(isBuiltinKind('resource.k8s.io/v1', 'ResourceClaim', '1.33')).toBe(false);
    expect(isBuiltinKind('resource.k8s.io/v1', 'ResourceClaim', '1.34')).toBe(true);
    expect(() => schemaOfKind('apps/v1', 'Deployment', '1.99')).toThrow(/no definitions for Kubernetes 1\.99/);
  });

  function lifecycleHandler(version: string): ObjectNode {
    const pod = schemaOfKind('v1', 'Pod', version)!;
    const spec = pod.fields.get('spec') as ObjectNode;
    const containers = spec.fields.get('containers');
    if (containers?.type !== 'array' || containers.items.type !== 'object') throw new Error('containers is not a list of objects');
    const lifecycle = containers.items.fields.get('lifecycle') as ObjectNode;
    return lifecycle.fields.get('preStop') as ObjectNode;
  }

  test('1.28 facts: no sleep lifecycle action, intOrString probe ports, quantity resources', () => {
    expect([...lifecycleHandler('1.28').fields.keys()].sort()).toEqual(['exec', 'httpGet', 'tcpSocket']);
    const pod = schemaOfKind('v1', 'Pod')!;
    const container = ((pod.fields.get('spec') as ObjectNode).fields.get('containers') as { items: ObjectNode }).items;
    const probe = container.fields.get('livenessProbe') as ObjectNode;
    expect((probe.fields.get('httpGet') as ObjectNode).fields.get('port')).toEqual({ type: 'int-or-string' });
    const resources = container.fields.get('resources') as ObjectNode;
    expect(resources.fields.get('limits')).toEqual({ type: 'map', values: { type: 'quantity' } });
  });

  test('the sleep action from 1.29; a property whose type changed (PVC spec.resources) per version', () => {
    expect([...lifecycleHandler('1.29').fields.keys()].sort()).toEqual(['exec', 'httpGet', 'sleep', 'tcpSocket']);
    const resources = (v: string) => ((schemaOfKind('v1', 'PersistentVolumeClaim', v)!.fields.get('spec') as ObjectNode).fields.get('resources') as ObjectNode).definition;
    expect(resources('1.28')).toBe('io.k8s.api.core.v1.ResourceRequirements');
    expect(resources('1.29')).toBe('io.k8s.api.core.v1.VolumeResourceRequirements');
  });
});
