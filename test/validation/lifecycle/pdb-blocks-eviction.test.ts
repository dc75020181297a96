/**
 * lifecycle/pdb-blocks-eviction: the disruption controller's arithmetic, which workloads a budget
 * selects, when the rule abstains, what it says, and that it reaches a GracefulWebService at synth.
 */
import { Chart, Testing } from 'cdk8s';
import { GracefulWebService } from '../../../src/graceful-web-service';
import { lintObjects } from '../../../src/validation/engine';
import type { Finding } from '../../../src/validation/finding';
import type { JsonMap } from '../../../src/validation/pod-template';
import type { KubeObject } from '../../../src/validation/rule';
import { budgetOf, steadyStatus } from '../../../src/validation/rules/lifecycle/disruption-budget';
import { deployment, podDisruptionBudget } from '../../../src/validation/rules/lifecycle/fixtures';
import { pdbBlocksEviction } from '../../../src/validation/rules/lifecycle/pdb-blocks-eviction';
import { LifecycleValidation } from '../../../src/validation/synth-validation';

const RULE = pdbBlocksEviction.id;
const CONTAINERS = { containers: [{ name: 'web', image: 'nginx:1.27' }] };

function workload(name: string, replicas: unknown, options: { kind?: string; labels?: Record<string, string>; namespace?: string } = {}): KubeObject {
  const base = deployment(name, CONTAINERS, { labels: options.labels, namespace: options.namespace });
  const spec: JsonMap = { ...(base.spec as JsonMap) };
  if (replicas === undefined) delete spec.replicas; else spec.replicas = replicas;
  if (options.kind === 'StatefulSet') spec.serviceName = name;
  const kind = options.kind ?? 'Deployment';
  return { ...base, apiVersion: kind === 'ReplicationController' ? 'v1' : 'apps/v1', kind, spec };
}

function pdb(spec: JsonMap, namespace?: string, name = 'budget'): KubeObject {
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, ...(namespace ? { namespace } : {}) }, spec };
}

function findings(objects: KubeObject[]): Finding[] {
  return lintObjects(objects, { rules: [pdbBlocksEviction] });
}

function flagged(objects: KubeObject[]): boolean {
  const all = findings(objects);
  expect(all.filter(f => f.rule !== RULE)).toEqual([]);
  return all.length > 0;
}

describe('the disruption controller\'s arithmetic', () => {
  // disruptionsAllowed with 1..5 replicas, all healthy.
  const TABLE: ReadonlyArray<[string, JsonMap, readonly number[]]> = [
    ['minAvailable 1', { minAvailable: 1 }, [0, 1, 2, 3, 4]],
    ['minAvailable 2', { minAvailable: 2 }, [0, 0, 1, 2, 3]],
    ['minAvailable 0', { minAvailable: 0 }, [1, 2, 3, 4, 5]],
    ['minAvailable 50% (rounds up: 50% of 3 is 2)', { minAvailable: '50%' }, [0, 1, 1, 2, 2]],
    ['minAvailable 60% (60% of 2 is 2)', { minAvailable: '60%' }, [0, 0, 1, 1, 2]],
    ['minAvailable 100%', { minAvailable: '100%' }, [0, 0, 0, 0, 0]],
    ['minAvailable 0%', { minAvailable: '0%' }, [1, 2, 3, 4, 5]],
    ['maxUnavailable 0', { maxUnavailable: 0 }, [0, 0, 0, 0, 0]],
    ['maxUnavailable 1', { maxUnavailable: 1 }, [1, 1, 1, 1, 1]],
    ['maxUnavailable 2', { maxUnavailable: 2 }, [1, 2, 2, 2, 2]],
    ['maxUnavailable 0%', { maxUnavailable: '0%' }, [0, 0, 0, 0, 0]],
    ['maxUnavailable 50% (rounds up: 50% of 3 is 2)', { maxUnavailable: '50%' }, [1, 1, 2, 2, 3]],
    ['maxUnavailable 100%', { maxUnavailable: '100%' }, [1, 2, 3, 4, 5]],
    ['neither (expectedPods stays 0)', {}, [0, 0, 0, 0, 0]],
  ];

  describe.each(TABLE)('%s', (_name, budgetSpec, allowed) => {
    it.each([1, 2, 3, 4, 5])('with %i replicas', replicas => {
      const budget = budgetOf(budgetSpec)!;
      expect(steadyStatus(budget, replicas).disruptionsAllowed).toBe(allowed[replicas - 1]);
      const objects = [workload('web', replicas), pdb({ ...budgetSpec, selector: { matchLabels: { app: 'web' } } })];
      expect(flagged(objects)).toBe(allowed[replicas - 1] === 0);
    });
  });

  it('computes desiredHealthy and expectedPods as updatePdbStatus writes them', () => {
    expect(steadyStatus(budgetOf({ minAvailable: '50%' })!, 3)).toEqual({ expectedPods: 3, desiredHealthy: 2, disruptionsAllowed: 1 });
    expect(steadyStatus(budgetOf({ maxUnavailable: '50%' })!, 3)).toEqual({ expectedPods: 3, desiredHealthy: 1, disruptionsAllowed: 2 });
    expect(steadyStatus(budgetOf({ minAvailable: 5 })!, 2)).toEqual({ expectedPods: 2, desiredHealthy: 5, disruptionsAllowed: 0 });
    expect(steadyStatus(budgetOf({ maxUnavailable: 9 })!, 2)).toEqual({ expectedPods: 2, desiredHealthy: 0, disruptionsAllowed: 2 });
    expect(steadyStatus(budgetOf({})!, 4)).toEqual({ expectedPods: 0, desiredHealthy: 0, disruptionsAllowed: 0 });
  });

  it('does not judge budgets the API server rejects', () => {
    for (const spec of [
      { minAvailable: 1, maxUnavailable: 0 }, { minAvailable: '1' }, { minAvailable: '101%' }, { minAvailable: -1 },
      { minAvailable: 1.5 }, { maxUnavailable: 'one' }, { maxUnavailable: true }, { minAvailable: '50 %' },
    ]) {
      expect(budgetOf(spec)).toBeUndefined();
      expect(flagged([workload('web', 1), pdb({ ...spec, selector: { matchLabels: { app: 'web' } } })])).toBe(false);
    }
  });

  it('reads null as unset, as the API server decodes it', () => {
    expect(budgetOf({ minAvailable: null, maxUnavailable: 0 })).toEqual({ field: 'maxUnavailable', value: { int: 0 } });
  });
});

describe('selection', () => {
  const budget = (selector: unknown, namespace?: string) => pdb({ minAvailable: 1, ...(selector === undefined ? {} : { selector }) }, namespace);

  it('matches matchLabels against the pod template labels, not the workload\'s', () => {
    const w = workload('web', 1, { labels: { app: 'web', tier: 'front' } });
    expect(flagged([w, budget({ matchLabels: { app: 'web' } })])).toBe(true);
    expect(flagged([w, budget({ matchLabels: { app: 'web', tier: 'back' } })])).toBe(false);
    const relabelled = { ...w, metadata: { name: 'web', labels: { app: 'other' } } };
    expect(flagged([relabelled, budget({ matchLabels: { app: 'other' } })])).toBe(false);
  });

  it.each([
    [{ key: 'tier', operator: 'In', values: ['front', 'edge'] }, true],
    [{ key: 'tier', operator: 'In', values: ['back'] }, false],
    [{ key: 'tier', operator: 'NotIn', values: ['back'] }, true],
    [{ key: 'tier', operator: 'NotIn', values: ['front'] }, false],
    [{ key: 'absent', operator: 'NotIn', values: ['x'] }, true],
    [{ key: 'tier', operator: 'Exists' }, true],
    [{ key: 'absent', operator: 'Exists' }, false],
    [{ key: 'absent', operator: 'DoesNotExist' }, true],
    [{ key: 'tier', operator: 'DoesNotExist' }, false],
  ])('matchExpressions %j selects: %s', (expression, selects) => {
    const w = workload('web', 1, { labels: { app: 'web', tier: 'front' } });
    expect(flagged([w, budget({ matchLabels: { app: 'web' }, matchExpressions: [expression] })])).toBe(selects);
    expect(flagged([w, budget({ matchExpressions: [expression] })])).toBe(selects);
  });

  it('needs every term: matchLabels AND each expression', () => {
    const w = workload('web', 1, { labels: { app: 'web', tier: 'front' } });
    expect(flagged([w, budget({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }, { key: 'tier', operator: 'DoesNotExist' }] })])).toBe(false);
  });

  it('ignores a selector the API server rejects', () => {
    const w = workload('web', 1);
    for (const selector of [
      { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] },
      { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['web'] }] },
      { matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] },
      { matchLabels: { app: 1 } },
      { matchLabels: 'app=web' },
      'app=web',
    ]) expect(flagged([w, budget(selector)])).toBe(false);
  });

  it('an empty selector selects every pod of the namespace (policy/v1); a missing one selects none', () => {
    const objects = (selector: unknown) => [workload('web', 1, { namespace: 'shop' }), workload('api', 0, { namespace: 'shop' }), budget(selector, 'shop')];
    expect(findings(objects({}))[0].message).toContain('selects 1 pod (Deployment/api: replicas 0, Deployment/web: replicas 1)');
    expect(flagged(objects(undefined))).toBe(false);
    expect(flagged(objects(null))).toBe(false);
    // Another namespace is not selected.
    expect(flagged([workload('web', 1, { namespace: 'other' }), budget({}, 'shop')])).toBe(false);
  });

  it('follows namespaces: equal, or either unset', () => {
    const sel = { matchLabels: { app: 'web' } };
    expect(flagged([workload('web', 1, { namespace: 'shop' }), budget(sel, 'shop')])).toBe(true);
    expect(flagged([workload('web', 1, { namespace: 'shop' }), budget(sel, 'payments')])).toBe(false);
    expect(flagged([workload('web', 1), budget(sel, 'shop')])).toBe(true);
    expect(flagged([workload('web', 1, { namespace: 'shop' }), budget(sel)])).toBe(true);
  });

  it('sums the replicas of every selected workload', () => {
    const labels = { app: 'db' };
    const objects = (minAvailable: number) => [
      workload('primary', 1, { kind: 'StatefulSet', labels }),
      workload('replica', 1, { kind: 'ReplicaSet', labels }),
      workload('legacy', undefined, { kind: 'ReplicationController', labels }),
      pdb({ minAvailable, selector: { matchLabels: labels } }),
    ];
    expect(flagged(objects(2))).toBe(false);
    const [f] = findings(objects(3));
    expect(f.message).toContain('selects 3 pods (ReplicaSet/replica: replicas 1, ReplicationController/legacy: replicas 1, StatefulSet/primary: replicas 1)');
    expect(f.fix).toBe('raise the replicas of ReplicaSet/replica, ReplicationController/legacy, StatefulSet/primary to at least 4 in total, '
      + 'or use maxUnavailable: 1 instead of minAvailable: 3');
  });

  it('counts unset replicas as 1, and abstains when replicas are not an integer', () => {
    const sel = { minAvailable: 1, selector: { matchLabels: { app: 'web' } } };
    expect(flagged([workload('web', undefined), pdb(sel)])).toBe(true);
    expect(flagged([workload('web', null), pdb(sel)])).toBe(true);
    for (const replicas of ['1', 1.5, -1, {}, true]) {
      expect(flagged([workload('web', replicas), pdb(sel)])).toBe(false);
      // Even next to a workload it could count.
      expect(flagged([workload('web', replicas), workload('web2', 1, { labels: { app: 'web' } }), pdb(sel)])).toBe(false);
    }
  });

  it('does not count 0 replicas as pods: nothing to evict, nothing to report', () => {
    expect(flagged([workload('web', 0), pdb({ maxUnavailable: 0, selector: { matchLabels: { app: 'web' } } })])).toBe(false);
  });

  it('abstains when the budget also selects Pods, DaemonSets, Jobs or CronJobs (their pods are not replicas)', () => {
    const sel = { minAvailable: 1, selector: { matchLabels: { app: 'web' } } };
    const bare: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'web' } }, spec: CONTAINERS };
    const daemon: KubeObject = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: CONTAINERS } } };
    expect(flagged([workload('web', 1), bare, pdb(sel)])).toBe(false);
    expect(flagged([workload('web', 1), daemon, pdb(sel)])).toBe(false);
  });

  it('ignores custom resources named like workloads, and policy/v1beta1 budgets', () => {
    const sel = { minAvailable: 1, selector: { matchLabels: { app: 'web' } } };
    expect(flagged([{ ...workload('web', 1), apiVersion: 'example.com/v1' }, pdb(sel)])).toBe(false);
    expect(pdbBlocksEviction.check({ ...pdb(sel), apiVersion: 'policy/v1beta1' }, { objects: [workload('web', 1)], k8sVersion: '1.28' })).toEqual([]);
  });
});

describe('autoscaled workloads', () => {
  const hpa = (apiVersion: string, name: string, namespace?: string): KubeObject => ({
    apiVersion,
    kind: 'HorizontalPodAutoscaler',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name }, minReplicas: 1, maxReplicas: 5 },
  });
  const objects = (...extra: KubeObject[]) => [
    workload('web', 1, { namespace: 'shop' }),
    workload('web-canary', 1, { namespace: 'shop', labels: { app: 'web' } }),
    pdb({ minAvailable: 2, selector: { matchLabels: { app: 'web' } } }, 'shop'),
    ...extra,
  ];

  it('abstains when an HPA (autoscaling/v2 or v1) targets a selected workload: its replicas change at run time', () => {
    expect(flagged(objects())).toBe(true);
    expect(flagged(objects(hpa('autoscaling/v2', 'web', 'shop')))).toBe(false);
    expect(flagged(objects(hpa('autoscaling/v1', 'web-canary')))).toBe(false);
  });

  it('still judges when the HPA targets something else', () => {
    expect(flagged(objects(hpa('autoscaling/v2', 'web', 'payments')))).toBe(true);
    expect(flagged(objects(hpa('autoscaling/v2', 'other', 'shop')))).toBe(true);
    expect(flagged(objects({ ...hpa('autoscaling/v2', 'web', 'shop'), kind: 'VerticalPodAutoscaler' }))).toBe(true);
  });
});

describe('the finding', () => {
  it('names the workload, the pods, the zero allowed disruptions and a specific fix, at spec.minAvailable', () => {
    const [f, ...rest] = findings([workload('web', 1), podDisruptionBudget('web', { app: 'web' }, { minAvailable: 1 })]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: RULE, severity: 'warning', kind: 'PodDisruptionBudget', name: 'web', objectIndex: 1, path: 'spec.minAvailable' });
    expect(f.message).toBe('selects 1 pod (Deployment/web: replicas 1); minAvailable: 1 needs 1 healthy, so it allows 0 disruptions: '
      + 'every voluntary eviction (kubectl drain, node upgrades, cluster-autoscaler scale-down) fails with '
      + '"Cannot evict pod as it would violate the pod\'s disruption budget"');
    expect(f.fix).toBe('raise spec.replicas of Deployment/web to at least 2, or use maxUnavailable: 1 instead of minAvailable: 1');
  });

  it('explains percent rounding and finds the smallest replicas that leave one disruption', () => {
    const [f] = findings([workload('web', 2), podDisruptionBudget('web', { app: 'web' }, { minAvailable: '60%' })]);
    expect(f.message).toContain('minAvailable: 60% needs 2 healthy (60% of 2, rounded up)');
    expect(f.fix).toBe('raise spec.replicas of Deployment/web to at least 3, or use maxUnavailable: 1 instead of minAvailable: 60%');
    const [all] = findings([workload('web', 5), podDisruptionBudget('web', { app: 'web' }, { minAvailable: '100%' })]);
    expect(all.fix).toBe('use maxUnavailable: 1 instead of minAvailable: 100% (100% refuses every eviction, whatever the replicas)');
  });

  it('reports maxUnavailable: 0 at spec.maxUnavailable, and a budget with neither field at spec', () => {
    const [zero] = findings([workload('web', 3), podDisruptionBudget('web', { app: 'web' }, { maxUnavailable: 0 })]);
    expect(zero.path).toBe('spec.maxUnavailable');
    expect(zero.message).toContain('selects 3 pods (Deployment/web: replicas 3); maxUnavailable: 0 needs all 3 healthy');
    expect(zero.fix).toBe('set spec.maxUnavailable to 1 (or a percentage above 0%): 0 refuses every eviction, whatever the replicas');
    const [neither] = findings([workload('web', 3), podDisruptionBudget('web', { app: 'web' }, {})]);
    expect(neither.path).toBe('spec');
    expect(neither.message).toContain('neither minAvailable nor maxUnavailable is set, so the disruption controller counts 0 expected pods');
  });

  it('is reported once per budget however many copies of it there are', () => {
    const objects = [workload('web', 1), ...Array.from({ length: 50 }, (_, i) => podDisruptionBudget(`b${i}`, { app: 'web' }, { minAvailable: 1 }))];
    expect(findings(objects).map(f => f.objectIndex)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('keeps apart the selections of budgets that share many candidates but not their selector', () => {
    // 20 workloads labelled tier=web: enough candidates for the selection to be remembered by selector.
    const web = Array.from({ length: 20 }, (_, i) => workload(`w${i}`, 1, { labels: { 'app.kubernetes.io/name': `w${i}`, tier: 'web' } }));
    const all = pdb({ minAvailable: 19, selector: { matchLabels: { tier: 'web' } } }, undefined, 'all');
    const allButOne = pdb({
      minAvailable: 19,
      selector: { matchLabels: { tier: 'web' }, matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'NotIn', values: ['w0'] }] },
    }, undefined, 'all-but-one');
    // 20 pods leave one disruption under minAvailable 19; 19 pods leave none.
    for (const budgets of [[all, allButOne], [allButOne, all], [all, all, allButOne, allButOne]]) {
      const found = findings([...web, ...budgets]);
      expect(found.map(f => f.name)).toEqual(budgets.filter(b => b === allButOne).map(() => 'all-but-one'));
      expect(found[0].message).toContain('selects 19 pods');
    }
  });
});

describe('malformed input', () => {
  it('never throws, whatever a field holds', () => {
    const weird: unknown[] = [null, undefined, 0, 'x', true, [], {}, [1, 2], { a: null }];
    const objects: KubeObject[] = [];
    for (const w of weird) {
      objects.push(pdb({ minAvailable: w, selector: { matchLabels: { app: 'web' } } }));
      objects.push(pdb({ minAvailable: 1, selector: w }));
      objects.push(pdb({ minAvailable: 1, selector: { matchLabels: w, matchExpressions: w } }));
      objects.push(pdb({ minAvailable: 1, selector: { matchExpressions: [w, { key: w, operator: 'In', values: w }] } }));
      objects.push({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: w, spec: w });
      objects.push({ ...workload('web', w), metadata: w });
      objects.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1, template: w } });
      objects.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1, template: { metadata: { labels: w } } } });
      objects.push({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: w, spec: { scaleTargetRef: w } });
      objects.push(w as KubeObject);
    }
    const context = { objects, k8sVersion: '1.28' };
    for (const o of objects) expect(() => pdbBlocksEviction.check(o, context)).not.toThrow();
    expect(() => pdbBlocksEviction.check(pdb({ minAvailable: 1, selector: {} }), { objects: 'nope' as unknown as KubeObject[], k8sVersion: '1.28' })).not.toThrow();
    expect(findings(objects).filter(f => f.rule === 'internal/rule-crashed')).toEqual([]);
  });

  it('treats a label key named __proto__ as a label like any other', () => {
    const w = workload('web', 1, { labels: JSON.parse('{"__proto__": "x", "app": "web"}') });
    expect(flagged([w, pdb({ minAvailable: 1, selector: { matchLabels: JSON.parse('{"__proto__": "x"}') } })])).toBe(true);
    expect(flagged([w, pdb({ minAvailable: 1, selector: { matchLabels: JSON.parse('{"__proto__": "y"}') } })])).toBe(false);
  });
});

describe('at synth, on a GracefulWebService', () => {
  function warnings(replicas: number | undefined): Finding[] {
    const app = Testing.app();
    const seen: Finding[] = [];
    // Before the construct, which enables validation with the default options itself.
    LifecycleValidation.enable(app, { onWarning: (_message, finding) => seen.push(finding) });
    new GracefulWebService(new Chart(app, 'shop'), 'web', { name: 'web', image: 'nginx', port: 8080, replicas });
    app.synthYaml();
    return seen.filter(f => f.rule === RULE);
  }

  it('warns with replicas: 1 (its budget keeps minAvailable: 1)', () => {
    const [f, ...rest] = warnings(1);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ kind: 'PodDisruptionBudget', name: 'web', path: 'spec.minAvailable', severity: 'warning' });
    // At synth the construct names its own props (test/unit/graceful-web-service.test.ts); lint gives the rule's fix.
    expect(f.fix).toContain('podDisruptionBudget: { maxUnavailable: 1 }');
  });

  it('does not warn with the default 2 replicas', () => {
    expect(warnings(undefined)).toEqual([]);
  });
});
