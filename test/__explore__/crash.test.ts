import { ApiObject, App, Chart } from 'cdk8s';
import fc from 'fast-check';
import { corpusObjects } from '../../src/bench/lint-corpus';
import { benchServiceProps } from '../../src/bench/service-props';
import { GracefulWebService } from '../../src/graceful-web-service';
import { lintObjects } from '../../src/validation/engine';
import { RULES } from '../../src/validation/registry';
import type { KubeObject } from '../../src/validation/rule';
import { LifecycleValidation } from '../../src/validation/synth-validation';
import { mutate, mutation } from '../property/json-mutations';

it('explore crashes', () => {
  const app = new App(); LifecycleValidation.enable(app, { onWarning: () => undefined });
  const chart = new Chart(app, 'chart');
  for (let i = 0; i < 4; i++) new GracefulWebService(chart, `svc-${i}`, benchServiceProps(i));
  const seeds = [...chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject).map(o => o.toJson() as KubeObject), ...corpusObjects(40, 7) as KubeObject[], ...RULES.flatMap(r => [...r.fixtures.good, ...r.fixtures.bad])];
  const classes = new Map<string, { n: number; ex: string }>();
  const samples = fc.sample(fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 })), { numRuns: 20000, seed: Number(process.env.SEED ?? 1) });
  for (const [i, ms] of samples) {
    const broken = mutate(seeds[i], ms);
    let fs;
    try { fs = lintObjects([seeds[(i + 1) % seeds.length], broken]); } catch (e) { const k = `ENGINE THROW ${(e as Error).message}`; const c = classes.get(k); if (c) c.n++; else classes.set(k, { n: 1, ex: '' }); continue; }
    for (const f of fs.filter(f => f.rule === 'internal/rule-crashed')) {
      const k = f.message.replace(/\d+/g, 'N');
      const c = classes.get(k);
      const ex = JSON.stringify(broken, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
      if (c) { c.n++; if (ex.length < c.ex.length) c.ex = ex; } else classes.set(k, { n: 1, ex });
    }
  }
  for (const [k, v] of classes) console.log(v.n, k, '\n   ', v.ex.slice(0, 1500));
  console.log('rules', RULES.length);
});
