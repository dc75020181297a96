import { lintObjects } from '../../../src/validation/engine';
import { API_SERVER_RULES } from '../../../src/validation/rules/api-server';

describe('api-server rules: registry entries', () => {
  it('are distinct, error-severity, documented api-server rules with fixtures', () => {
    const ids = API_SERVER_RULES.map(r => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of API_SERVER_RULES) {
      expect(rule.id).toMatch(/^api-server\/[a-z0-9-]+$/);
      expect(rule.category).toBe('api-server');
      expect(rule.severity).toBe('error');
      expect(rule.summary.length).toBeGreaterThan(20);
      expect(rule.docs).toMatch(/validation\.go/);
      expect(rule.fix.length).toBeGreaterThan(10);
      expect(rule.fixtures.good.length).toBeGreaterThan(0);
      expect(rule.fixtures.bad.length).toBeGreaterThan(0);
    }
  });
});

describe.each(API_SERVER_RULES.map(r => [r.id, r] as const))('%s fixtures', (_id, rule) => {
  it.each(rule.fixtures.good.map((o, i) => [i, o] as const))('good #%i: no finding from this rule', (_i, object) => {
    const findings = lintObjects([object], { rules: [rule] });
    expect(findings).toEqual([]);
  });

  it.each(rule.fixtures.bad.map((o, i) => [i, o] as const))('bad #%i: flagged with a field path, message and fix', (_i, object) => {
    const findings = lintObjects([object], { rules: [rule] });
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.rule).toBe(rule.id);
      expect(f.severity).toBe('error');
      expect(f.path).toMatch(/^spec\./);
      expect(f.message.length).toBeGreaterThan(5);
      expect(f.fix.length).toBeGreaterThan(5);
    }
  });

  it('good fixtures pass every api-server rule (they are valid objects)', () => {
    const findings = lintObjects(rule.fixtures.good, { rules: API_SERVER_RULES });
    expect(findings).toEqual([]);
  });

  it('bad fixtures break only this rule (each fixture isolates its mistake)', () => {
    const findings = lintObjects(rule.fixtures.bad, { rules: API_SERVER_RULES });
    expect(findings.filter(f => f.rule !== rule.id)).toEqual([]);
  });
});
