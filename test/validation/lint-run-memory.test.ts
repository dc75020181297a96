/**
 * A finished lint run keeps nothing of its objects alive: the per-object memos of the rules
 * (pod views, strict decoding, the timeline's verdicts) forget their last object when the run
 * ends. Before, the last object and, through the run's context, every object of the run stayed
 * reachable until the next run: 5 MB after a synth of 500 services.
 */
import * as v8 from 'v8';
import { runInNewContext } from 'vm';
import { runRules } from '../../src/validation/engine';
import type { KubeObject } from '../../src/validation/rule';

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function workloadAndService(): KubeObject[] {
  const labels = { app: 'web' };
  return [
    {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            terminationGracePeriodSeconds: 30,
            containers: [{
              name: 'app', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }],
              readinessProbe: { httpGet: { path: '/', port: 'http' } },
              lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
              // A typo, so strict decoding has an issue to remember.
              livenesProbe: {},
            }],
          },
        },
      },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: labels, ports: [{ port: 80, targetPort: 'http' }] } },
    { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
  ];
}

/** WeakRefs to a run's objects and their array, made in a function so no local keeps them. */
function lintAndWatch(order: (objects: KubeObject[]) => KubeObject[]): { refs: WeakRef<object>[]; findings: number } {
  const objects = order(workloadAndService());
  const { findings } = runRules(objects);
  return { refs: [objects, ...objects].map(o => new WeakRef(o)), findings: findings.length };
}

/** WeakRef targets stay alive until the current job ends: collect after a turn of the event loop. */
async function collected(refs: readonly WeakRef<object>[]): Promise<boolean[]> {
  await new Promise(resolve => setImmediate(resolve));
  gc();
  return refs.map(r => r.deref() === undefined);
}

describe('a finished lint run', () => {
  // The last object is what the memos held: try each kind of object last.
  test.each([
    ['the workload last', (o: KubeObject[]) => [o[1], o[2], o[0]]],
    ['the Service last', (o: KubeObject[]) => [o[0], o[2], o[1]]],
    ['a custom resource last', (o: KubeObject[]) => o],
  ])('keeps none of its objects reachable (%s)', async (_name, order) => {
    const { refs, findings } = lintAndWatch(order);
    // The rules did run: the typo was found.
    expect(findings).toBeGreaterThan(0);
    expect(await collected(refs)).toEqual(refs.map(() => true));
  });

  test('the next run on the same objects finds the same again (the memos really were reset, not stale)', () => {
    const objects = workloadAndService();
    const first = runRules(objects).findings;
    expect(runRules(objects).findings).toEqual(first);
  });
});
