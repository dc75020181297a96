/**
 * The package's schema copy against the shared Kubernetes 1.28 definitions it was derived from
 * (skipped where ../shared is absent, e.g. in an installed package): same definitions for every
 * kind, no field lost, and every kept keyword equal to the source's value.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { isBuiltinKind, schemaOfKind } from '../../../src/validation/k8s-schema';
import { describeWithShared, sharedPath } from '../../support/shared';

const SHARED_DEFINITIONS = 'k8s-schemas/v1.28.0/_definitions.json';
const SHARED = sharedPath(SHARED_DEFINITIONS);
const COPY = path.resolve(__dirname, '../../../src/validation/schema/k8s-1.28-definitions.json');

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = { [k: string]: Json };

const copyFile = JSON.parse(fs.readFileSync(COPY, 'utf8')) as { 'x-provenance': Record<string, string>; definitions: Record<string, Schema> };
const copy = copyFile.definitions;
describeWithShared(SHARED_DEFINITIONS, 'the packaged copy of the 1.28 definitions', () => {
  const raw = fs.existsSync(SHARED) ? fs.readFileSync(SHARED) : Buffer.from('{"definitions":{}}');
  const source = (JSON.parse(raw.toString('utf8')) as { definitions: Record<string, Schema> }).definitions;

  test('was derived from this very file (provenance hash)', () => {
    expect(copyFile['x-provenance'].sourceSha256).toBe(crypto.createHash('sha256').update(raw).digest('hex'));
    expect(copyFile['x-provenance'].license).toMatch(/Apache-2\.0/);
  });

  test('keeps every definition that has a kind, and only source definitions', () => {
    const withKind = Object.keys(source).filter(n => source[n]['x-kubernetes-group-version-kind']);
    expect(withKind.length).toBeGreaterThan(100);
    for (const name of withKind) expect(copy[name]).toBeDefined();
    for (const name of Object.keys(copy)) expect(source[name]).toBeDefined();
  });

  test('every $ref of the copy resolves inside the copy', () => {
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
        if (JSON.stringify(v) !== JSON.stringify(original[k])) problems.push(`${where}: group-version-kind differs`);
        continue;
      }
      compare(v, original[k], `${where}.${k}`, problems, !inProperties && k === 'properties');
    }
  }

  test('every kept keyword equals the source, and no field is lost', () => {
    const problems: string[] = [];
    for (const [name, def] of Object.entries(copy)) compare(def, source[name], name, problems);
    expect(problems).toEqual([]);
  });

  test('keeps every keyword that decides what decoding accepts', () => {
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

  test('1.28 facts: no sleep lifecycle action, intOrString probe ports, quantity resources', () => {
    const pod = schemaOfKind('v1', 'Pod')!;
    const spec = pod.fields.get('spec');
    if (spec?.type !== 'object') throw new Error('Pod.spec is not an object');
    const containers = spec.fields.get('containers');
    if (containers?.type !== 'array' || containers.items.type !== 'object') throw new Error('containers is not a list of objects');
    const container = containers.items;
    const lifecycle = container.fields.get('lifecycle');
    if (lifecycle?.type !== 'object') throw new Error('no lifecycle');
    const preStop = lifecycle.fields.get('preStop');
    if (preStop?.type !== 'object') throw new Error('no preStop');
    expect([...preStop.fields.keys()].sort()).toEqual(['exec', 'httpGet', 'tcpSocket']);
    const probe = container.fields.get('livenessProbe');
    if (probe?.type !== 'object') throw new Error('no probe');
    const httpGet = probe.fields.get('httpGet');
    if (httpGet?.type !== 'object') throw new Error('no httpGet');
    expect(httpGet.fields.get('port')).toEqual({ type: 'int-or-string' });
    const resources = container.fields.get('resources');
    if (resources?.type !== 'object') throw new Error('no resources');
    expect(resources.fields.get('limits')).toEqual({ type: 'map', values: { type: 'quantity' } });
  });
});
