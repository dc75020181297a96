/**
 * Issue 10, points 10 to 14: where `explain` drew something other than what the kubelet does. Each
 * point is checked in the model and in all three renderers (text, SVG, JSON against its schema).
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv2020 from 'ajv/dist/2020';
import type { Explanation, Lane } from '../../src/explain/model';
import { renderJson } from '../../src/explain/render-json';
import { renderSvg } from '../../src/explain/render-svg';
import { renderText } from '../../src/explain/render-text';
import { explainObjects, explainWorkload } from '../../src/explain/timeline';
import { annotations, container, deployment, service, sleep, type Json } from './fixtures';
import { all, parseXml, textOf, type XmlElement } from './xml';

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'explain', 'explain-output.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const json = (e: Explanation) => {
  const out = JSON.parse(renderJson([e]));
  if (!validate(out)) throw new Error(JSON.stringify(validate.errors, null, 2));
  return out.workloads[0];
};

const lane = (e: Explanation, panel: 0 | 1, id: string): Lane => e.panels[panel].lanes.find(l => l.id === id)!;
const byClass = (root: XmlElement, cls: string) => all(root).filter(el => (el.attrs.class ?? '').split(' ').includes(cls));
const svgLane = (e: Explanation, panel: 'startup' | 'termination', id: string) => {
  const p = byClass(parseXml(renderSvg(e)), 'panel').find(x => x.attrs['data-panel'] === panel)!;
  return byClass(p, 'lane').find(l => l.attrs['data-lane'] === id)!;
};
/** The text renderer's rows for one lane of one panel (the lane's own row and its second row). */
function textRows(e: Explanation, panel: 'STARTUP' | 'TERMINATION', label: string): string[] {
  const lines = renderText(e).split('\n');
  const start = lines.findIndex(l => l.startsWith(panel));
  const end = lines.findIndex((l, i) => i > start && l.trim() === 'Events');
  const rows = lines.slice(start, end);
  const i = rows.findIndex(l => l.startsWith(`  ${label} `) && l.includes('│'));
  return rows[i + 1]?.startsWith(' '.repeat(22)) ? [rows[i], rows[i + 1]] : [rows[i]];
}
const pod = (spec: Json, metadata: Json = {}): Json => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'demo', ...metadata }, spec });

describe('point 10: a postStart that always fails', () => {
  // dist/post-start-failing, as the example app writes it.
  const failing = pod({
    containers: [{
      name: 'nginx', image: 'nginxinc/nginx-unprivileged:1.27-alpine', ports: [{ name: 'http', containerPort: 8080 }],
      lifecycle: { postStart: { exec: { command: ['sh', '-c', "echo 'Emulating a post-start hook failure'; exit 1"] } } },
      startupProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 2, failureThreshold: 30 },
      readinessProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 5, failureThreshold: 2 },
      livenessProbe: { httpGet: { path: '/', port: 'http' } },
    }],
  }, { name: 'yunpan-poststart-fail' });
  const e = explainWorkload(failing);

  test('the model: never Running, never Ready, a restart loop, and a verdict', () => {
    const c = e.startup.containers[0];
    expect(c.failsAt).toEqual({ seconds: 0, lowerBound: true });
    expect([c.runningAt, c.startedAt, c.readyAt, c.killedIfNeverHealthyAt]).toEqual([null, null, null, null]);
    expect(e.startup.podReadyAt).toBeNull();
    expect(e.startup.neverReady).toEqual(['nginx']);
    const l = lane(e, 0, 'container:nginx');
    expect(l.bars.map(b => b.kind)).toEqual(['post-start', 'crash-loop']);
    expect(l.marks.map(m => m.kind)).toEqual(['start', 'post-start-fails']);
    expect(lane(e, 0, 'pod').marks.map(m => m.kind)).toEqual(['pod-never-ready']);
    const [v] = e.verdicts.filter(x => x.rule === 'post-start-fails');
    expect(v).toMatchObject({
      severity: 'warning', lintRule: 'lifecycle/poststart-always-fails', panel: 'startup',
      path: 'spec.containers[0].lifecycle.postStart', field: 'spec.containers[0].lifecycle.postStart', value: null,
    });
    expect(v.message).toContain('`exit 1`');
    expect(v.message).toContain('PostStartHookError');
    expect(json(e).startup.containers[0].readyAt).toBeNull();
  });

  test('text: no Ready, no "Services may route to it", the failure and the verdict', () => {
    const t = renderText(e);
    expect(t).not.toContain('Services may route to it');
    expect(t).not.toMatch(/Ready \(readiness passed\)/);
    expect(t).toContain('pod never Ready');
    expect(t).toContain('remove spec.containers[0].lifecycle.postStart');
    expect(textRows(e, 'STARTUP', 'nginx')[0]).toContain('╳');
    expect(textRows(e, 'STARTUP', 'nginx')[0]).not.toContain('█');
  });

  test('SVG: a restart-loop bar, no Ready bar', () => {
    const kinds = byClass(svgLane(e, 'startup', 'container:nginx'), 'bar').map(b => b.attrs['data-kind']);
    expect(kinds).toContain('crash-loop');
    expect(kinds).not.toContain('ready');
    expect(textOf(svgLane(e, 'startup', 'pod'))).toContain('never Ready');
  });

  test('a postStart that may succeed is drawn as before', () => {
    const ok = explainWorkload(pod({ containers: [container({ lifecycle: { postStart: { exec: { command: ['sh', '-c', 'warm-cache || exit 1'] } } } })] }));
    expect(ok.startup.containers[0].failsAt).toBeNull();
    expect(ok.startup.podReadyAt).not.toBeNull();
  });
});

describe('point 11: SIGKILL only reaches a container that still runs', () => {
  // preStop 43 s, shutdown 30 s: the app exits at 73 s, the grace period ends at 83 s.
  const d = deployment([container({ lifecycle: { preStop: { exec: { command: ['sh', '/etc/nacos/prestop.sh'] } } } })],
    { terminationGracePeriodSeconds: 83 },
    annotations({ 'lifecycle.cdk8s.io/prestop-seconds': { app: 43 }, 'lifecycle.cdk8s.io/shutdown-seconds': { app: 30 } }));
  const e = explainObjects([d, service({ app: 'web' })])[0];

  test('the model: exits at 73 s, no SIGKILL', () => {
    const s = e.termination.containers[0];
    expect(s.shutdownEndsAt?.seconds).toBe(73);
    expect(s.sigterm).toBe('sent');
    expect(s.sigkill).toBe('not-needed');
    expect(lane(e, 1, 'container:app').marks.map(m => m.kind)).not.toContain('sigkill');
    expect(json(e).termination.containers[0].sigkill).toBe('not-needed');
  });

  test('text and SVG draw no SIGKILL for it', () => {
    expect(renderText(e)).not.toMatch(/\d+ s {2}app +SIGKILL/);
    expect(textRows(e, 'TERMINATION', 'app')[0]).not.toContain('✕');
    expect(byClass(svgLane(e, 'termination', 'container:app'), 'mark').map(m => m.attrs['data-kind']).join(' ')).not.toContain('sigkill');
  });

  test('an unknown shutdown: "SIGKILL, if it still runs"; a longer one: SIGKILL', () => {
    const unknown = explainWorkload(deployment([container({ lifecycle: { preStop: sleep(5) } })]));
    expect(unknown.termination.containers[0].sigkill).toBe('if-running');
    expect(renderText(unknown)).toContain('SIGKILL, if it still runs');
    const longer = explainWorkload(deployment([container({ lifecycle: { preStop: sleep(5) } })], {}, annotations({ 'lifecycle.cdk8s.io/shutdown-seconds': { app: 40 } })));
    expect(longer.termination.containers[0].sigkill).toBe('sent');
  });
});

describe('point 12: the startup-probe deadline is not a kill of a Ready container', () => {
  const probe = { httpGet: { path: '/', port: 8080 } };
  const e = explainObjects([deployment([
    container({ startupProbe: { ...probe, periodSeconds: 2, failureThreshold: 30 }, readinessProbe: probe, livenessProbe: probe }, 'app'),
    // A port-less sidecar with probes: it receives no traffic.
    { name: 'log-shipper', image: 'fluent-bit:3', livenessProbe: { exec: { command: ['true'] } } },
  ]), service({ app: 'web' })])[0];

  test('the model: a probe-deadline mark on the probe\'s row, not a kill on the container\'s', () => {
    const app = lane(e, 0, 'container:app');
    const deadline = app.marks.find(m => m.kind === 'probe-deadline')!;
    expect(deadline).toMatchObject({ track: 1, drawAt: 60 });
    expect(deadline.label).toContain('only if no check has passed');
    expect(app.bars.find(b => b.kind === 'startup-window')!.track).toBe(1);
    expect(app.marks.filter(m => m.track === 0).map(m => m.kind)).not.toContain('probe-deadline');
    // Liveness alone: its window and deadline on the second row too.
    const sidecar = lane(e, 0, 'container:log-shipper');
    expect(sidecar.bars.find(b => b.kind === 'liveness-window')!.track).toBe(1);
    expect(sidecar.marks.find(m => m.kind === 'probe-deadline')!.track).toBe(1);
  });

  test('a port-less container is not labelled as receiving Service traffic', () => {
    expect(lane(e, 0, 'container:log-shipper').bars.find(b => b.kind === 'ready')!.label).toBe('Ready (no ports: serves no traffic)');
    expect(lane(e, 0, 'container:app').bars.find(b => b.kind === 'ready')!.label).toBe('Ready: receives Service traffic');
    const svg = textOf(svgLane(e, 'startup', 'container:log-shipper'));
    expect(svg).not.toContain('receives Service traffic');
  });

  test('text: no ✕ on the Ready row; the deadline glyph sits on the window row', () => {
    const [main, window] = textRows(e, 'STARTUP', 'app');
    expect(main).toContain('█');
    expect(main).not.toMatch(/[✕┤]/);
    expect(window).toContain('┤');
  });

  test('SVG: the deadline is not a red cross and sits below the Ready bar', () => {
    const l = svgLane(e, 'startup', 'container:app');
    const group = byClass(l, 'mark').find(m => m.attrs['data-kind'].split(' ').includes('probe-deadline'))!;
    const readyBar = byClass(l, 'bar').find(b => b.attrs['data-kind'] === 'ready')!;
    const symbol = all(group).find(el => el.name === 'path')!;
    expect(symbol.attrs.stroke).not.toBe('#c1121f');
    const y = Number(/M[\d.]+ ([\d.]+)/.exec(symbol.attrs.d)![1]);
    expect(y).toBeGreaterThan(Number(readyBar.attrs.y) + Number(readyBar.attrs.height));
  });
});

describe('point 13: commands that stop the app', () => {
  // dist/lifecycle-demo: a bounded `killall python3` loop, declared 10 s, shutdown 2 s, grace 17 s.
  const demo = pod({
    terminationGracePeriodSeconds: 17,
    containers: [{
      name: 'demo', image: 'ikubernetes/demoapp:v1.0', ports: [{ name: 'http', containerPort: 80 }],
      lifecycle: {
        preStop: {
          exec: {
            command: ['sh', '-c', 'i=0\nwhile [ "$i" -lt 10 ] && killall python3 2>/dev/null; do\n  sleep 1\n  i=$((i + 1))\ndone'],
          },
        },
      },
    }],
  }, { name: 'lifecycle-demo', annotations: { 'lifecycle.cdk8s.io/prestop-seconds': '{"demo":10}', 'lifecycle.cdk8s.io/shutdown-seconds': '{"demo":2}' } });
  const e = explainWorkload(demo);
  const s = e.termination.containers[0];

  test('the app stops at once, not after the 10 s the hook may last', () => {
    expect(s.stopCommand).toBe('killall python3');
    expect(s.acceptsUntil).toEqual({ seconds: 0, lowerBound: false });
    expect(s.shutdownStartsAt.seconds).toBe(0);
    expect(s.shutdownEndsAt?.seconds).toBe(2);
    // The container has exited before the hook would return: the kubelet signals nothing.
    expect([s.sigterm, s.sigkill]).toEqual(['not-needed', 'not-needed']);
    const [v] = e.verdicts.filter(x => x.rule === 'traffic-after-stop');
    expect(v.message).toContain('runs `killall python3` at once, which stops the app');
    expect(v.from).toBe(0);
  });

  test('PID 1: the signal may be ignored, and the note says what then happens', () => {
    const note = e.notes.find(n => n.includes('PID 1'))!;
    expect(note).toContain('if python3 is the container\'s main process (PID 1)');
    expect(note).toContain('the preStop runs until 10 s');
    expect(note).toContain('SIGKILL at 17 s');
    // `kill 1` always targets PID 1.
    const kill1 = explainWorkload(deployment([container({ lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 5; kill 1'] } } } })]));
    expect(kill1.termination.containers[0].acceptsUntil.seconds).toBe(5);
    expect(kill1.notes.join('\n')).toContain('signals the container\'s main process (PID 1)');
    // A container whose command names another main process: killall python3 stops a child.
    const child = explainWorkload(pod({ ...(demo.spec as Json), containers: [{ ...((demo.spec as Json).containers as Json[])[0], command: ['tini', '--', 'python3', 'app.py'] }] }, demo.metadata as Json));
    expect(child.notes.join('\n')).not.toContain('PID 1');
  });

  test('text and SVG: "stops accepting" at 0 s, no SIGTERM or SIGKILL mark', () => {
    const t = renderText(e);
    expect(t).toMatch(/0 s {2}demo +stops accepting: the preStop runs `killall python3`/);
    expect(t).not.toMatch(/demo +SIG(TERM|KILL)/);
    const kinds = byClass(svgLane(e, 'termination', 'container:demo'), 'mark').flatMap(m => m.attrs['data-kind'].split(' '));
    expect(kinds).toContain('stops-accepting');
    expect(kinds).not.toContain('sigterm');
    expect(kinds).not.toContain('sigkill');
    expect(json(e).termination.containers[0].stopCommand).toBe('killall python3');
  });

  test('a graceful stop followed by a bounded wait for the app (the shape GracefulWebService moves to)', () => {
    const script = 'sleep 5; nginx -s quit; i=0; while [ "$i" -lt 20 ] && kill -0 1 2>/dev/null; do sleep 1; i=$((i + 1)); done';
    const x = explainObjects([deployment([container({ lifecycle: { preStop: { exec: { command: ['sh', '-c', script] } } } })],
      { terminationGracePeriodSeconds: 40 }, annotations({ 'lifecycle.cdk8s.io/shutdown-seconds': { app: 10 } })), service({ app: 'web' })])[0];
    const c = x.termination.containers[0];
    expect(c.preStopSeconds).toBe(25);
    expect(c.acceptsUntil.seconds).toBe(5);
    expect(c.shutdownEndsAt?.seconds).toBe(15);
    expect([c.sigterm, c.sigkill]).toEqual(['not-needed', 'not-needed']);
    expect(x.verdicts).toEqual([]);
  });
});

describe('point 14: keep-alive connections', () => {
  const quit = (extra: Json = {}) => container({ lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 5; exec nginx -s quit'] } } }, ...extra });
  const withSvc = (c: Json, ann: Json = {}) => explainObjects([deployment([c], {}, ann), service({ app: 'web' })])[0];

  test('said where a graceful stop closes them, with the moment, in every renderer', () => {
    const e = withSvc(quit());
    expect(e.termination.containers[0].closesConnectionsAt).toEqual({ seconds: 5, lowerBound: false });
    const note = e.notes.find(n => n.includes('keep-alive'))!;
    expect(note).toContain('endpoint removal stops new connections, not established ones');
    expect(note).toContain('`nginx -s quit` closes them at 5 s');
    expect(renderText(e)).toMatch(/5 s {2}app +closes its keep-alive connections/);
    expect(byClass(svgLane(e, 'termination', 'container:app'), 'mark').flatMap(m => m.attrs['data-kind'].split(' '))).toContain('connections-closed');
    expect(json(e).termination.containers[0].closesConnectionsAt.seconds).toBe(5);
    // A declared graceful shutdown after SIGTERM closes them too.
    const spring = withSvc(container({ lifecycle: { preStop: sleep(5) } }), annotations({ 'lifecycle.cdk8s.io/shutdown-seconds': { app: 20 } }));
    expect(spring.termination.containers[0].closesConnectionsAt?.seconds).toBe(5);
  });

  test('and in the verdict when the app stops before endpoint removal has propagated', () => {
    const e = withSvc(container({ lifecycle: { preStop: { exec: { command: ['nginx', '-s', 'quit'] } } } }));
    expect(e.verdicts.find(v => v.rule === 'traffic-after-stop')!.message).toContain('keep-alive clients also lose the request');
  });

  test('not as noise: no ports, no Service routing to it, or nothing known about the stop', () => {
    const noPorts = explainObjects([deployment([{ ...quit(), ports: undefined }]), service({ app: 'web' })])[0];
    const otherService = explainObjects([deployment([quit()]), service({ app: 'other' })])[0];
    const unknownStop = withSvc(container({ lifecycle: { preStop: sleep(5) } }));
    for (const e of [noPorts, otherService, unknownStop]) {
      expect(e.termination.containers[0].closesConnectionsAt).toBeNull();
      expect(e.notes.join('\n')).not.toContain('keep-alive');
    }
  });
});
