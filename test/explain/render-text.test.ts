import fc from 'fast-check';
import { renderText, TEXT_WIDTH, wrap } from '../../src/explain/render-text';
import { explainObjects, explainWorkload } from '../../src/explain/timeline';
import { workload } from './arbitrary';
import { annotations, container, deployment, service, sleep } from './fixtures';

const widest = (text: string) => Math.max(...text.split('\n').map(l => [...l].length));

describe('text rendering', () => {
  const e = explainObjects([
    deployment([container({ lifecycle: { preStop: sleep(45) } }, 'app'), container({}, 'sidecar-with-a-rather-long-name-indeed')],
      { initContainers: [{ name: 'migrate', image: 'x' }] },
      annotations({ 'lifecycle.cdk8s.io/shutdown-seconds': { app: 10 } })),
    service({ app: 'web' }),
  ])[0];
  const text = renderText(e);

  test('fits a 100-column terminal', () => {
    expect(widest(text)).toBeLessThanOrEqual(TEXT_WIDTH);
  });

  test('a header, both panels, a lane per container, events and numbered verdicts with their fix', () => {
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^═══ Deployment\/web /);
    expect(lines.some(l => l.startsWith('STARTUP'))).toBe(true);
    expect(lines.some(l => l.startsWith('TERMINATION'))).toBe(true);
    // init lane, both app lanes (startup and termination), the pod and endpoints lanes
    expect(lines.filter(l => /^ {2}migrate +[▒?]+│/.test(l))).toHaveLength(1);
    expect(lines.filter(l => /^ {2}app +│/.test(l))).toHaveLength(2);
    expect(lines.filter(l => /^ {2}sidecar-with-a-rat… *│/.test(l))).toHaveLength(2);
    expect(lines.some(l => /^ {2}Service endpoints +│≈+/.test(l))).toBe(true);
    // the cut-off preStop: hook bar up to the grace period, then × for the part never run
    expect(lines.find(l => /^ {2}app +│▓/.test(l))).toMatch(/▓+.*×/);
    for (const v of e.verdicts) {
      expect(text).toContain(`${v.number}. [${v.severity}]`);
      expect(lines.some(l => l.startsWith(`  ✗ verdict ${v.number}`) && l.includes('━'))).toBe(true);
    }
    expect(text).toContain('set spec.template.spec.terminationGracePeriodSeconds = 60');
    expect(text).toContain('Events');
  });

  test('lower bounds are printed as such', () => {
    const t = renderText(explainWorkload(deployment([container({ lifecycle: { postStart: { exec: { command: ['sh', '-c', 'warm-cache'] } } } })])));
    expect(t).toMatch(/≥ 0 s +app +Running \(postStart returned\)/);
  });

  test('any workload, however long its names, fits 100 columns', () => {
    fc.assert(fc.property(workload, ({ objects }) => {
      for (const x of explainObjects(objects)) expect(widest(renderText(x))).toBeLessThanOrEqual(TEXT_WIDTH);
    }), { numRuns: 150 });
  });

  test('wrap never exceeds the width, even for a word longer than it', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 10, max: 100 }), (s, width) => {
      for (const line of wrap(s, width, '  ')) expect([...line].length).toBeLessThanOrEqual(width);
    }));
  });
});
