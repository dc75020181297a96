/**
 * Every lifecycle rule against its own fixtures. A fixtures list is linted together (so a
 * cross-object rule sees the Service next to its Deployment); every bad object that has a pod
 * spec must be flagged by the rule, and no good object may be.
 */
import { lintObjects } from '../../../src/validation/engine';
import { podSpecOf } from '../../../src/validation/pod-template';
import { RULES } from '../../../src/validation/registry';
import type { KubeObject } from '../../../src/validation/rule';
import { LIFECYCLE_RULES } from '../../../src/validation/rules/lifecycle';

describe.each(LIFECYCLE_RULES.map(r => [r.id, r] as const))('%s', (_id, rule) => {
  it('flags each bad fixture', () => {
    const findings = lintObjects(rule.fixtures.bad, { rules: [rule] });
    expect(findings.filter(f => f.rule === 'internal/rule-crashed')).toEqual([]);
    // A rule reports on objects with a pod spec, or on another kind (a PodDisruptionBudget): then
    // the objects of that kind must be flagged, and the workloads are its companions.
    const otherKinds = new Set(findings.filter(f => f.rule === rule.id && !podSpecOf(rule.fixtures.bad[f.objectIndex])).map(f => f.kind));
    const isSubject = (o: KubeObject) => (otherKinds.size > 0 ? !podSpecOf(o) && otherKinds.has(o.kind as string) : !!podSpecOf(o));
    rule.fixtures.bad.forEach((object, i) => {
      if (!isSubject(object)) return; // a companion object, e.g. the Service of a workload
      const own = findings.filter(f => f.objectIndex === i && f.rule === rule.id);
      expect({ fixture: i, flagged: own.length > 0 }).toEqual({ fixture: i, flagged: true });
      for (const f of own) {
        expect(f.severity).toBe(rule.severity);
        expect(f.path).toMatch(/^(spec|metadata)(\.|\[|$)/);
        expect(f.message.length).toBeGreaterThan(20);
        expect(f.fix.length).toBeGreaterThan(10);
      }
    });
    expect(rule.fixtures.bad.some(o => podSpecOf(o))).toBe(true);
  });

  it('does not flag the good fixtures', () => {
    expect(rule.fixtures.good.length).toBeGreaterThan(0);
    expect(lintObjects(rule.fixtures.good, { rules: [rule] })).toEqual([]);
  });

  it('is documented', () => {
    expect(rule.id).toMatch(/^lifecycle\/[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(rule.category).toBe('lifecycle');
    expect(rule.summary).toMatch(/\.$/);
    // Each doc names its source and justifies its severity.
    expect(rule.docs).toMatch(/https:\/\/|seeds\/00\d|lifecycle-facts\.md|kubelet|kuberuntime|handlers\.go/);
    expect(rule.docs).toMatch(/Error|Warning|Info/);
  });
});

describe('the lifecycle rule set', () => {
  it('has unique ids and is in the registry', () => {
    const ids = LIFECYCLE_RULES.map(r => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of LIFECYCLE_RULES) expect(RULES).toContain(rule);
  });

  it('covers the rules of issue 4', () => {
    expect(LIFECYCLE_RULES.map(r => r.id)).toEqual(expect.arrayContaining([
      'lifecycle/tcp-socket-hook',
      'lifecycle/prestop-exceeds-grace-period',
      'lifecycle/prestop-with-zero-grace-period',
      'lifecycle/probe-grace-period-below-prestop',
      'lifecycle/undeclared-port-name',
      'lifecycle/localhost-host',
      'lifecycle/poststart-http-own-port',
      'lifecycle/liveness-without-startup-probe',
      'lifecycle/readiness-not-faster-than-liveness',
      'lifecycle/service-without-readiness',
      'lifecycle/liveness-same-as-readiness',
    ]));
  });

  it('uses fixtures the API server would accept (no error from the other categories)', () => {
    for (const rule of LIFECYCLE_RULES) {
      for (const list of [rule.fixtures.good, rule.fixtures.bad]) {
        const errors = lintObjects(list).filter(f => !f.rule.startsWith('lifecycle/') && f.severity === 'error');
        expect({ rule: rule.id, errors }).toEqual({ rule: rule.id, errors: [] });
      }
    }
  });

  it('does not flag one rule\'s good fixtures with another rule\'s error', () => {
    // Good examples are meant to be copied: none may carry an error from any lifecycle rule.
    for (const rule of LIFECYCLE_RULES) {
      const errors = lintObjects(rule.fixtures.good, { rules: LIFECYCLE_RULES }).filter(f => f.severity === 'error');
      expect({ rule: rule.id, errors }).toEqual({ rule: rule.id, errors: [] });
    }
  });
});
