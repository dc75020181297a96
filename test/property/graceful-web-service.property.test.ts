/**
 * Property: random GracefulWebService props either synthesize objects with no error finding, or
 * fail with our validation error naming the prop; never with a TypeError or any other error.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import fc from 'fast-check';
import { LifecycleConfigError } from '../../src/errors';
import { GracefulWebService, type GracefulWebServiceProps } from '../../src/graceful-web-service';
import { lintObjects } from '../../src/validation/engine';
import type { KubeObject } from '../../src/validation/rule';
import { LifecycleValidation } from '../../src/validation/synth-validation';
import { invalidPassThroughProps, invalidProps, KNOWN_PROPS } from './prop-oracle';
import { serviceProps } from './service-props-arbitrary';

type Outcome =
  | { readonly kind: 'ok'; readonly objects: KubeObject[] }
  | { readonly kind: 'config-error'; readonly error: LifecycleConfigError }
  | { readonly kind: 'synth-validation'; readonly message: string };

/** Defines the service in a fresh app and synthesizes it; any other exception escapes. */
function synthesize(props: GracefulWebServiceProps): Outcome {
  const app = new App();
  // Warnings are not what this property is about; keep the test output clean.
  LifecycleValidation.enable(app, { onWarning: () => undefined });
  const chart = new Chart(app, 'chart');
  try {
    new GracefulWebService(chart, 'svc', props);
  } catch (err) {
    if (err instanceof LifecycleConfigError) return { kind: 'config-error', error: err };
    throw err;
  }
  const objects = chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject).map(o => o.toJson() as KubeObject);
  try {
    app.synthYaml();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // Only cdk8s's validation failure carrying our findings' format counts as our error.
    if (err instanceof Error && err.constructor === Error && message.startsWith('Validation failed') && /\[[a-z-]+\/[a-z0-9-]+\]\n\s+fix: /.test(message)) {
      return { kind: 'synth-validation', message };
    }
    throw err;
  }
  return { kind: 'ok', objects };
}

describe('GracefulWebService with random props', () => {
  it('synthesizes clean objects or fails with our validation error naming the prop', () => {
    fc.assert(fc.property(serviceProps, props => {
      const expectedBad = invalidProps(props);
      const passedThrough = invalidPassThroughProps(props);
      const outcome = synthesize(props);
      switch (outcome.kind) {
        case 'ok': {
          // It synthesized: then no prop was invalid, and no rule finds an error in what it made.
          expect([...expectedBad, ...passedThrough.map(x => x.prop)]).toEqual([]);
          const errors = lintObjects(outcome.objects).filter(f => f.severity === 'error');
          expect(errors).toEqual([]);
          return;
        }
        case 'config-error': {
          const { error } = outcome;
          expect(error.message).toContain('chart/svc');
          for (const p of error.problems) {
            expect(KNOWN_PROPS.has(p.prop.split('.')[0])).toBe(true);
            expect(error.message).toContain(`${p.prop}: `);
            expect(p.fix.length).toBeGreaterThan(0);
          }
          const reported = new Set(error.problems.map(p => p.prop));
          for (const prop of expectedBad) expect(reported).toContain(prop);
          return;
        }
        case 'synth-validation':
          // Our rules caught what the construct let through: only props it passes through
          // unchecked may get here, and the message must still point at them.
          expect(expectedBad).toEqual([]);
          expect(passedThrough.length).toBeGreaterThan(0);
          expect(passedThrough.some(x => outcome.message.includes(x.field))).toBe(true);
          // Every error is about one of those fields.
          for (const line of outcome.message.split('\n').filter(l => /^\s+\[/.test(l))) {
            expect(passedThrough.some(x => line.includes(x.field))).toBe(true);
          }
          return;
      }
    }), { numRuns: 800 });
  });
});
