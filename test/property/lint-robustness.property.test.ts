/**
 * Property: no input crashes the linter. Random mutations of valid pods and workloads, objects of
 * real kinds with junk inside, and arbitrary JSON at the top level all make `lintObjects` return
 * findings (never throw), and no rule throws (`internal/rule-crashed` is the engine's report of a
 * rule that did).
 */
import { ApiObject, App, Chart } from 'cdk8s';
import fc from 'fast-check';
import { corpusObjects } from '../../src/bench/lint-corpus';
import { benchServiceProps } from '../../src/bench/service-props';
import { GracefulWebService } from '../../src/graceful-web-service';
import { lintObjects } from '../../src/validation/engine';
import type { Finding } from '../../src/validation/finding';
import { RULES } from '../../src/validation/registry';
import type { KubeObject } from '../../src/validation/rule';
import { LifecycleValidation } from '../../src/validation/synth-validation';
import { junkKey, junkValue, mutate, mutation } from './json-mutations';

/** Valid objects to start from: GracefulWebService output, the bench corpus, every rule's fixtures. */
function seedObjects(): KubeObject[] {
  const app = new App();
  LifecycleValidation.enable(app, { onWarning: () => undefined });
  const chart = new Chart(app, 'chart');
  for (let i = 0; i < 4; i++) new GracefulWebService(chart, `svc-${i}`, benchServiceProps(i));
  const ours = chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject).map(o => o.toJson() as KubeObject);
  const fixtures = RULES.flatMap(r => [...r.fixtures.good, ...r.fixtures.bad]);
  return [...ours, ...corpusObjects(40, 7) as KubeObject[], ...fixtures];
}

/** JSON that also shows NaN, Infinity and -0, cut to a readable length. */
function show(value: unknown): string {
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? `<${v === 0 ? '-0' : v}>` : v));
  return text === undefined ? String(value) : text.length > 3000 ? `${text.slice(0, 3000)}...` : text;
}

/** Lints and returns the findings; fails the property on a throw or a crashed rule, showing the input. */
function lintsCleanly(objects: unknown[]): Finding[] {
  const findings = lintObjects(objects as KubeObject[]);
  expect(Array.isArray(findings)).toBe(true);
  const crashed = findings.filter(f => f.rule === 'internal/rule-crashed');
  if (crashed.length > 0) {
    throw new Error(`${crashed.map(f => f.message).join('\n')}\non object #${crashed[0].objectIndex}: ${show(objects[crashed[0].objectIndex])}`);
  }
  return findings;
}

const KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob',
  'PodTemplate', 'Service', 'ConfigMap', 'PodDisruptionBudget', 'List', 'Widget'];
const API_VERSIONS = ['v1', 'apps/v1', 'batch/v1', 'policy/v1', 'example.com/v1', '', 'v2'];

describe('the linter on broken input', () => {
  const seeds = seedObjects();

  it('starts from objects it lints without crashing', () => {
    expect(seeds.length).toBeGreaterThan(40);
    lintsCleanly(seeds);
  });

  it('never crashes on mutations of valid pods and workloads', () => {
    fc.assert(fc.property(
      fc.nat({ max: seeds.length - 1 }),
      fc.array(mutation, { minLength: 1, maxLength: 6 }),
      (i, mutations) => {
        const broken = mutate(seeds[i], mutations);
        lintsCleanly([broken]);
        // Cross-object rules (a Service and its workload) see the broken object next to good ones.
        lintsCleanly([seeds[(i + 1) % seeds.length], broken, seeds[i]]);
      },
    ), { numRuns: 1500 });
  });

  it('never crashes on objects of real kinds with junk inside', () => {
    const junkObject = fc.record({
      apiVersion: fc.constantFrom(...API_VERSIONS),
      kind: fc.constantFrom(...KINDS),
      metadata: fc.oneof(junkValue, fc.record({ name: junkValue, labels: junkValue, annotations: junkValue }, { noNullPrototype: true })),
      spec: junkValue,
      items: junkValue,
    }, { requiredKeys: ['apiVersion', 'kind'], noNullPrototype: true });
    fc.assert(fc.property(junkObject, fc.array(fc.tuple(junkKey, junkValue), { maxLength: 3 }), (object, extra) => {
      const withExtra: Record<string, unknown> = { ...object };
      for (const [k, v] of extra) Object.defineProperty(withExtra, k, { value: v, enumerable: true, writable: true, configurable: true });
      lintsCleanly([withExtra]);
    }), { numRuns: 1000 });
  });

  it('never crashes on arbitrary JSON values at the top level', () => {
    const topLevel = fc.oneof(
      fc.constantFrom(null, 0, -1, Number.NaN, '', 'kind: Pod', [], [null], {}, true),
      fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }),
      junkValue,
    );
    fc.assert(fc.property(fc.array(topLevel, { minLength: 1, maxLength: 4 }), values => {
      lintsCleanly(values);
    }), { numRuns: 500 });
  });
});
