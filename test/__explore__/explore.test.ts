import { ApiObject, App, Chart } from 'cdk8s';
import fc from 'fast-check';
import { LifecycleConfigError } from '../../src/errors';
import { GracefulWebService } from '../../src/graceful-web-service';
import { LifecycleValidation } from '../../src/validation/synth-validation';
import { invalidPassThroughProps, invalidProps } from '../property/prop-oracle';
import { serviceProps } from '../property/service-props-arbitrary';

it('explore', () => {
  const classes = new Map<string, { n: number; example: unknown }>();
  const add = (k: string, ex: unknown) => { const c = classes.get(k); if (c) c.n++; else classes.set(k, { n: 1, example: ex }); };
  const samples = fc.sample(serviceProps, { numRuns: 3000, seed: 7 });
  for (const props of samples) {
    const bad = invalidProps(props); const pt = invalidPassThroughProps(props).map(x => x.prop);
    const app = new App(); LifecycleValidation.enable(app, { onWarning: () => undefined });
    const chart = new Chart(app, 'chart');
    try { new GracefulWebService(chart, 'svc', props); } catch (e) {
      if (e instanceof LifecycleConfigError) {
        const reported = new Set(e.problems.map(p => p.prop));
        const missing = bad.filter(b => !reported.has(b));
        add(missing.length ? `config-error MISSING ${missing.join(',')}` : 'config-error ok', props); continue;
      }
      add(`OTHER ERROR in ctor: ${(e as Error).constructor.name}: ${(e as Error).message.slice(0, 120)}`, props); continue;
    }
    try { app.synthYaml(); add(bad.length || pt.length ? `ok BUT oracle says bad ${[...bad, ...pt]}` : 'ok', props); } catch (e) {
      const m = (e as Error).message;
      const rules = [...m.matchAll(/\[([a-z-]+\/[a-z0-9-]+)\]\n/g)].map(x => x[1]);
      add(`synth-fail rules=${[...new Set(rules)].sort()} oracle=${bad}|${pt}`, { props, m: m.slice(0, 600) });
    }
  }
  for (const [k, v] of [...classes].sort((a, b) => b[1].n - a[1].n)) console.log(v.n, k, '\n   ', JSON.stringify(v.example).slice(0, 900));
});
