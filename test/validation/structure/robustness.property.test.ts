import * as fc from 'fast-check';
import { lintObjects } from '../../../src/validation/engine';
import type { KubeObject } from '../../../src/validation/rule';
import { deployment } from '../../../src/validation/rules/structure/fixtures';
import { STRUCTURE_RULES } from '../../../src/validation/rules/structure';

/** Every (path, parent) of a JSON tree, so a mutation can land anywhere. */
function slots(node: unknown, out: Array<[Record<string, unknown> | unknown[], string | number]> = []) {
  if (Array.isArray(node)) {
    node.forEach((v, i) => {
      out.push([node, i]);
      slots(v, out);
    });
  } else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      out.push([node as Record<string, unknown>, k]);
      slots(v, out);
    }
  }
  return out;
}

test('any JSON value anywhere in a Deployment, or under a new key: findings with paths and messages, never a crash', () => {
  fc.assert(fc.property(fc.nat(), fc.jsonValue(), fc.string(), (at, value, name) => {
    const d = deployment();
    const all = slots(d);
    const [parent, key] = all[at % all.length];
    if (Array.isArray(parent)) parent[key as number] = value;
    else if (at % 2 === 0) parent[key as string] = value;
    else parent[name] = value;
    const findings = lintObjects([d as KubeObject], { rules: STRUCTURE_RULES });
    expect(findings.filter(f => f.rule === 'internal/rule-crashed')).toEqual([]);
    for (const f of findings) {
      expect(typeof f.path).toBe('string');
      expect(f.message.length).toBeGreaterThan(0);
    }
  }), { numRuns: 500, seed: 42 });
});
