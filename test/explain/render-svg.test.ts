import { spawnSync } from 'child_process';
import fc from 'fast-check';
import { renderSvg, svgFileName, xml } from '../../src/explain/render-svg';
import { placeLabels, textWidth } from '../../src/explain/svg-layout';
import { explainObjects, explainWorkload } from '../../src/explain/timeline';
import { workload } from './arbitrary';
import { annotations, container, deployment, service, sleep } from './fixtures';
import { all, parseXml, textOf, type XmlElement } from './xml';

const HAS_RSVG = spawnSync('rsvg-convert', ['--version']).status === 0;

const byClass = (root: XmlElement, cls: string) => all(root).filter(el => (el.attrs.class ?? '').split(' ').includes(cls));

describe('SVG rendering', () => {
  const e = explainObjects([
    deployment([
      container({ lifecycle: { postStart: sleep(3), preStop: sleep(45) }, readinessProbe: { httpGet: { path: '/', port: 8080 } } }, 'app'),
      container({ livenessProbe: { exec: { command: ['true'] } } }, 'metrics'),
    ], { initContainers: [{ name: 'migrate', image: 'x' }, { name: 'seed-data', image: 'y' }] },
    annotations({ 'lifecycle.cdk8s.io/shutdown-seconds': { app: 10 } })),
    service({ app: 'web' }),
  ])[0];
  const svg = renderSvg(e);
  const root = parseXml(svg);

  test('is well-formed XML with an svg root and a size', () => {
    expect(root.name).toBe('svg');
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(Number(root.attrs.height)).toBeGreaterThan(300);
  });

  test('two panels; one lane per container, init containers included', () => {
    const panels = byClass(root, 'panel');
    expect(panels.map(p => p.attrs['data-panel'])).toEqual(['startup', 'termination']);
    const lanes = (p: XmlElement) => byClass(p, 'lane').map(l => l.attrs['data-lane']);
    expect(lanes(panels[0])).toEqual(['init:migrate', 'init:seed-data', 'container:app', 'container:metrics', 'pod']);
    expect(lanes(panels[1])).toEqual(['pod', 'endpoints', 'container:app', 'container:metrics']);
    // each lane is labelled with its container's name
    const startupApp = byClass(panels[0], 'lane').find(l => l.attrs['data-lane'] === 'container:app')!;
    expect(all(startupApp).some(el => el.name === 'text' && el.text === 'app')).toBe(true);
  });

  test('phases are bars and events are marks with labels', () => {
    const term = byClass(root, 'panel')[1];
    const app = byClass(term, 'lane').find(l => l.attrs['data-lane'] === 'container:app')!;
    const bars = byClass(app, 'bar').map(b => b.attrs['data-kind']);
    expect(bars).toEqual(expect.arrayContaining(['pre-stop', 'cut', 'shutdown']));
    const marks = byClass(app, 'mark');
    // Marks at one spot share a group: its data-kind lists them all.
    expect(marks.flatMap(m => m.attrs['data-kind'].split(' '))).toEqual(expect.arrayContaining(['sigterm', 'sigkill']));
    expect(marks.map(textOf).join('\n')).toContain('SIGKILL');
    // startup: the postStart bar, and a time axis in seconds
    const start = byClass(root, 'panel')[0];
    expect(byClass(start, 'bar').some(b => b.attrs['data-kind'] === 'post-start' && b.attrs['data-unknown'] === 'false')).toBe(true);
    expect(all(byClass(start, 'axis')[0]).some(el => el.name === 'text' && /^\d+(\.\d+)? s$/.test(el.text))).toBe(true);
  });

  test('every verdict is a red band in its lane and a numbered legend entry', () => {
    expect(e.verdicts.length).toBeGreaterThan(0);
    const bands = byClass(root, 'verdict-band');
    const legend = byClass(root, 'legend-verdict');
    expect(bands.map(b => b.attrs['data-verdict']).sort()).toEqual(e.verdicts.map(v => String(v.number)).sort());
    expect(legend.map(b => b.attrs['data-verdict'])).toEqual(e.verdicts.map(v => String(v.number)));
    for (const v of e.verdicts) {
      const lane = byClass(root, 'lane').find(l => l.attrs['data-lane'] === v.lane && byClass(l, 'verdict-band').length > 0)!;
      expect(byClass(lane, 'verdict-band').map(b => b.attrs['data-rule'])).toContain(v.rule);
      const entry = legend.find(l => l.attrs['data-verdict'] === String(v.number))!;
      expect(textOf(entry)).toContain(v.field);
    }
  });

  test('the same input gives byte-identical output', () => {
    expect(renderSvg(explainObjects([deployment([container()]), service({ app: 'web' })])[0]))
      .toBe(renderSvg(explainObjects([deployment([container()]), service({ app: 'web' })])[0]));
  });

  test('text is escaped', () => {
    const hostile = deployment([container({ lifecycle: { preStop: { exec: { command: ['sh', '-c', 'echo "<b>&</b>" \'x\''] } } } })], {}, {}, 'a<b>&"c\'');
    const out = renderSvg(explainWorkload(hostile));
    const parsed = parseXml(out);
    expect(textOf(parsed)).toContain('a<b>&"c\'');
    expect(out).not.toContain('<b>');
    expect(xml('<&>"\'')).toBe('&lt;&amp;&gt;&quot;&apos;');
  });

  test('file names are <kind>-<name>.svg and safe', () => {
    expect(svgFileName(e)).toBe('deployment-web.svg');
    expect(svgFileName(explainWorkload(deployment([container()], {}, {}, '../../etc/Passwd')))).toBe('deployment-etc-passwd.svg');
  });

  (HAS_RSVG ? test : test.skip)('rsvg-convert renders it', () => {
    const r = spawnSync('rsvg-convert', ['--format', 'png'], { input: svg });
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.subarray(1, 4).toString()).toBe('PNG');
  });

  test('any workload renders to well-formed SVG with a lane per container', () => {
    fc.assert(fc.property(workload, ({ objects }) => {
      for (const x of explainObjects(objects)) {
        const r = parseXml(renderSvg(x));
        const ids = byClass(r, 'lane').map(l => l.attrs['data-lane']);
        for (const c of x.startup.containers) expect(ids).toContain(`container:${c.name}`);
        expect(byClass(r, 'verdict-band')).toHaveLength(x.verdicts.length);
      }
    }), { numRuns: 100 });
  });
});

/** Estimated boxes of every <text>: no two overlap, none leaves the picture. */
function expectNoOverlappingText(svg: XmlElement): void {
  const width = Number(svg.attrs.width);
  const boxes = all(svg).filter(el => el.name === 'text').map(el => {
    const size = Number(el.attrs['font-size'] ?? 12);
    const w = textWidth(textOf(el), size * (el.attrs['font-weight'] === 'bold' ? 1.1 : 1));
    const x = Number(el.attrs.x);
    const x0 = el.attrs['text-anchor'] === 'middle' ? x - w / 2 : el.attrs['text-anchor'] === 'end' ? x - w : x;
    const y = Number(el.attrs.y);
    return { text: textOf(el), x0, x1: x0 + w, y0: y - size * 0.75, y1: y + size * 0.2 };
  }).filter(b => b.text.trim() !== '');
  for (const b of boxes) {
    expect(b.x0).toBeGreaterThanOrEqual(0);
    expect(b.x1).toBeLessThanOrEqual(width);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
      if (overlap) throw new Error(`text overlaps: ${JSON.stringify(a)} and ${JSON.stringify(b)}`);
    }
  }
}

describe('no overlapping text', () => {
  test('the check itself catches overlapping text', () => {
    const svg = '<svg width="300"><text x="10" y="10" font-size="10">abcdef</text><text x="20" y="12" font-size="10">ghi</text></svg>';
    expect(() => expectNoOverlappingText(parseXml(svg))).toThrow(/overlaps/);
  });

  test('in the examples with init containers, verdicts and a cut-off preStop', () => {
    expectNoOverlappingText(parseXml(renderSvg(explainObjects([
      deployment([
        container({ lifecycle: { postStart: sleep(3), preStop: sleep(45) }, readinessProbe: { httpGet: { path: '/', port: 8080 }, initialDelaySeconds: 40 }, livenessProbe: { httpGet: { path: '/', port: 8080 } } }, 'app'),
        container({ livenessProbe: { exec: { command: ['true'] } } }, 'metrics'),
      ], { initContainers: [{ name: 'migrate', image: 'x' }, { name: 'seed-data', image: 'y' }] },
      annotations({ 'lifecycle.cdk8s.io/shutdown-seconds': { app: 10 } })),
      service({ app: 'web' }),
    ])[0])));
  });

  test('in any workload', () => {
    fc.assert(fc.property(workload, ({ objects }) => {
      for (const x of explainObjects(objects)) expectNoOverlappingText(parseXml(renderSvg(x)));
    }), { numRuns: 100 });
  });
});

describe('label layout', () => {
  test('labels in one row never overlap and stay right of the left edge', () => {
    const request = fc.record({ anchor: fc.integer({ min: 100, max: 1000 }), width: fc.integer({ min: 5, max: 600 }), leader: fc.boolean() });
    fc.assert(fc.property(fc.array(request, { maxLength: 30 }), requests => {
      const placed = placeLabels(requests, 80, 1020);
      expect(placed).toHaveLength(requests.length);
      for (let i = 0; i < placed.length; i++) {
        expect(placed[i].x).toBeGreaterThanOrEqual(80);
        for (let j = i + 1; j < placed.length; j++) {
          if (placed[i].row !== placed[j].row) continue;
          const [a, b] = [placed[i], placed[j]];
          const apart = a.x + requests[i].width <= b.x || b.x + requests[j].width <= a.x;
          expect(apart).toBe(true);
        }
      }
    }));
  });

  test('a label is placed next to its anchor when it fits there', () => {
    const [p] = placeLabels([{ anchor: 300, width: 100, leader: true }], 80, 1020);
    expect(p).toEqual({ row: 0, x: 304 });
    const [q] = placeLabels([{ anchor: 1000, width: 100, leader: true }], 80, 1020);
    expect(q.x + 100).toBeLessThanOrEqual(1000);
  });

  test('text width grows with the text', () => {
    expect(textWidth('SIGKILL', 11)).toBeGreaterThan(textWidth('SIG', 11));
  });
});
