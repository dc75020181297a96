/**
 * The lifecycle rules trust nothing in a manifest: any field replaced by any JSON value, at any
 * depth of any fixture, must not make a rule throw (called directly, without the engine's guard).
 */
import fc from 'fast-check';
import { scriptSleepSeconds } from '../../../src/analysis/hook-duration';
import type { KubeObject } from '../../../src/validation/rule';
import { LIFECYCLE_RULES } from '../../../src/validation/rules/lifecycle';
import { bashisms } from '../../../src/validation/rules/lifecycle/shell-bashism';

const FIXTURES: KubeObject[] = LIFECYCLE_RULES.flatMap(r => [...r.fixtures.good, ...r.fixtures.bad]);

/** Every path (list of keys) into a JSON value. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  copy[path[0]] = replaceAt(copy[path[0]], path.slice(1), replacement);
  return copy;
}

function checkAll(objects: KubeObject[]): void {
  for (const rule of LIFECYCLE_RULES) {
    for (const o of objects) rule.check(o, { objects, k8sVersion: '1.28' });
  }
}

describe('robustness', () => {
  it('survives any field of any fixture replaced by any JSON value', () => {
    fc.assert(fc.property(
      fc.nat(FIXTURES.length - 1),
      fc.nat(),
      fc.jsonValue({ maxDepth: 3 }),
      (which, where, replacement) => {
        const fixture = FIXTURES[which];
        const all = paths(fixture);
        const mutated = replaceAt(fixture, all[where % all.length], replacement) as KubeObject;
        checkAll([mutated, fixture]);
      },
    ), { numRuns: 3000 });
  });

  it('survives objects that are not objects at all', () => {
    checkAll([null, 1, 'x', [], {}, { kind: 'Deployment' }, { kind: 'Pod', spec: [] }, { kind: 'Service', spec: { selector: { a: 1 } } }] as unknown as KubeObject[]);
  });

  it('reads any string as a shell script without throwing', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'sleep 5;&|()\'"`$\\{}<>#\n[]=ifthenfidowhile '.split('')), maxLength: 60 }), script => {
      const s = scriptSleepSeconds(script);
      expect(s === undefined || (Number.isFinite(s) && s >= 0)).toBe(true);
      expect(Array.isArray(bashisms(script))).toBe(true);
    }), { numRuns: 3000 });
  });
});
