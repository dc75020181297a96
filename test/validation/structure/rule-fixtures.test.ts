import { lintObjects } from '../../../src/validation/engine';
import { STRUCTURE_RULES } from '../../../src/validation/rules/structure';

describe.each(STRUCTURE_RULES.map(r => [r.id, r] as const))('%s', (_id, rule) => {
  test('is documented and well-formed', () => {
    expect(rule.id).toMatch(/^structure\/[a-z-]+$/);
    expect(rule.category).toBe('structure');
    expect(rule.docs.length).toBeGreaterThan(200);
    expect(rule.fixtures.good.length).toBeGreaterThan(0);
    expect(rule.fixtures.bad.length).toBeGreaterThan(0);
  });

  // Through the engine, so that appliesToUnknownKinds is exercised as in production.
  test.each(rule.fixtures.bad.map((o, i) => [i, o] as const))('flags bad fixture %i', (_i, object) => {
    const findings = lintObjects([object], { rules: [rule] });
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f).toMatchObject({ rule: rule.id, severity: rule.severity });
      expect(f.message).not.toBe('');
      expect(f.fix).not.toBe('');
    }
  });

  test.each(rule.fixtures.good.map((o, i) => [i, o] as const))('passes good fixture %i', (_i, object) => {
    expect(lintObjects([object], { rules: [rule] })).toEqual([]);
  });
});

test('the identity rules run on unknown kinds, the schema rules do not need to', () => {
  const flags = Object.fromEntries(STRUCTURE_RULES.map(r => [r.id, r.appliesToUnknownKinds === true]));
  expect(flags).toEqual({
    'structure/missing-identity': true,
    'structure/unserved-kind': true,
    'structure/unknown-kind': true,
    'structure/unknown-field': false,
    'structure/wrong-type': false,
  });
});
