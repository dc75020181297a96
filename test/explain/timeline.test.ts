import { explainObjects, explainWorkload, ExplainInputError } from '../../src/explain/timeline';
import type { Explanation, Verdict } from '../../src/explain/model';
import { POSTSTART_SECONDS_ANNOTATION } from '../../src/analysis/annotations';
import { startupAllowanceSeconds } from '../../src/timing/probe-timing';
import { annotations, container, deployment, service, sleep, type Json } from './fixtures';

const start = (e: Explanation, i = 0) => e.startup.containers[i];
const stop = (e: Explanation, i = 0) => e.termination.containers[i];
const verdict = (e: Explanation, rule: Verdict['rule']) => e.verdicts.filter(v => v.rule === rule);
const withService = (d: Json) => explainObjects([d, service({ app: 'web' })])[0];

describe('startup: probe defaulting and gating', () => {
  test('a probe with every field 0 or unset uses the defaults: liveness gives up at 10 s × 3', () => {
    const e = explainWorkload(deployment([container({
      livenessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 0, failureThreshold: 0 },
    })]));
    expect(start(e).killedIfNeverHealthyAt).toEqual({ seconds: 30, lowerBound: false });
    expect(start(e).killedBy).toBe('livenessProbe');
    expect(start(e).readyAt).toEqual({ seconds: 0, lowerBound: false });
  });

  test('a startup probe holds readiness and liveness back; it gives up after its allowance', () => {
    const startupProbe = { httpGet: { path: '/', port: 8080 }, initialDelaySeconds: 5, periodSeconds: 10, failureThreshold: 6 };
    const e = explainWorkload(deployment([container({
      startupProbe,
      readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 5, successThreshold: 2 },
      livenessProbe: { httpGet: { path: '/', port: 8080 } },
    })]));
    const s = start(e);
    expect(s.startedAt.seconds).toBe(5);
    // readiness: first check when startup passes (5 s), passes twice 5 s apart.
    expect(s.readyAt.seconds).toBe(10);
    // never healthy: the startup probe, not liveness, gives up: initialDelay + period × failureThreshold.
    expect(s.killedIfNeverHealthyAt?.seconds).toBe(65);
    expect(s.killedIfNeverHealthyAt?.seconds).toBe(startupAllowanceSeconds(startupProbe));
    expect(s.killedBy).toBe('startupProbe');
    expect(e.startup.podReadyAt).toEqual({ seconds: 10, lowerBound: false });
  });

  test('initialDelaySeconds counts from the container start, not from the end of postStart', () => {
    const e = explainWorkload(deployment([
      container({
        lifecycle: { postStart: sleep(3) },
        readinessProbe: { exec: { command: ['true'] }, initialDelaySeconds: 2 },
      }, 'a'),
      container({ readinessProbe: { exec: { command: ['true'] }, initialDelaySeconds: 10 } }, 'b'),
    ]));
    // a: Running at 3 (postStart), readiness may check at max(3, 0 + 2) = 3.
    expect(start(e, 0).runningAt.seconds).toBe(3);
    expect(start(e, 0).readyAt.seconds).toBe(3);
    // b starts only when a's postStart has returned (the kubelet starts containers in order).
    expect(start(e, 1).startsAt.seconds).toBe(3);
    expect(start(e, 1).readyAt.seconds).toBe(13);
    expect(e.startup.podReadyAt?.seconds).toBe(13);
  });

  test('an unknown postStart makes every later time a lower bound', () => {
    const e = explainWorkload(deployment([
      container({ lifecycle: { postStart: { exec: { command: ['sh', '-c', 'fortune > /usr/share/nginx/html/quote'] } } } }, 'a'),
      container({}, 'b'),
    ]));
    expect(start(e, 0).postStart).toBe('unknown');
    expect(start(e, 0).runningAt).toEqual({ seconds: 0, lowerBound: true });
    expect(start(e, 1).startsAt.lowerBound).toBe(true);
    expect(e.startup.podReadyAt?.lowerBound).toBe(true);
    const bar = e.panels[0].lanes.find(l => l.id === 'container:a')!.bars.find(b => b.kind === 'post-start')!;
    expect(bar.unknown).toBe(true);
    expect(bar.to - bar.from).toBe(e.assumptions.nominalUnknownSeconds);
  });

  test('the poststart-seconds annotation gives a script in a file its duration', () => {
    const script = { exec: { command: ['sh', '/scripts/start.sh', 'poststart'] } };
    const declared = (seconds: Record<string, number>) => explainWorkload(deployment([container({ lifecycle: { postStart: script } }, 'a'), container({}, 'b')], {},
      annotations({ [POSTSTART_SECONDS_ANNOTATION]: seconds })));
    const e = declared({ a: 4 });
    expect(start(e, 0).postStart).toBe('known');
    expect(start(e, 0).runningAt).toEqual({ seconds: 4, lowerBound: false });
    expect(start(e, 1).startsAt).toEqual({ seconds: 4, lowerBound: false });
    // Another container's entry does not apply.
    expect(start(declared({ b: 4 }), 0).postStart).toBe('unknown');
  });

  test('init containers run before t = 0, in order, with unknown durations', () => {
    const d = deployment([container()], {
      initContainers: [{ name: 'migrate', image: 'x' }, { name: 'warm', image: 'y' }],
    });
    const e = explainWorkload(d);
    expect(e.startup.initContainers).toEqual(['migrate', 'warm']);
    const lanes = e.panels[0].lanes.filter(l => l.kind === 'init');
    expect(lanes.map(l => l.id)).toEqual(['init:migrate', 'init:warm']);
    expect(lanes[0].bars[0].to).toBeLessThanOrEqual(lanes[1].bars[0].from);
    expect(lanes[1].bars[0].to).toBe(0);
    expect(lanes.every(l => l.bars[0].unknown && l.bars[0].from < 0)).toBe(true);
    expect(e.panels[0].start).toBeLessThan(0);
  });
});

describe('termination: grace period, preStop, 2 s minimum', () => {
  test('preStop sleep then shutdown inside the default 30 s grace period', () => {
    const e = withService(deployment([container({ lifecycle: { preStop: sleep(10) } })], {},
      annotations({ 'lifecycle.cdk8s.io/shutdown-seconds': { app: 15 } })));
    expect(e.termination.gracePeriodSeconds).toBe(30);
    expect(e.termination.gracePeriodSource).toBe('default');
    const s = stop(e);
    expect(s.preStopSeconds).toBe(10);
    expect(s.acceptsUntil.seconds).toBe(10);
    expect(s.sigtermAt.seconds).toBe(10);
    expect(s.shutdownEndsAt?.seconds).toBe(25);
    expect(s.sigkillAt.seconds).toBe(30);
    expect(s.serviceBacked).toBe(true);
    expect(e.verdicts).toEqual([]);
  });

  test('seeds/001: a 45 s preStop under the default grace period is cut off; the fix is 60', () => {
    const e = withService(deployment([container({ lifecycle: { preStop: sleep(45) } })], {},
      annotations({ 'lifecycle.cdk8s.io/shutdown-seconds': { app: 10 } })));
    const s = stop(e);
    expect(s.sigtermAt.seconds).toBe(30);
    // the kubelet still grants 2 s after a preStop that used the whole grace period
    expect(s.sigkillAt.seconds).toBe(32);
    const [cut] = verdict(e, 'pre-stop-cut-off');
    expect(cut.field).toBe('spec.template.spec.terminationGracePeriodSeconds');
    expect(cut.value).toBe(60); // 45 preStop + 10 shutdown + 5 margin
    expect(cut.from).toBe(30);
    expect(cut.to).toBe(45);
    // one grace-period verdict per container, not two
    expect(verdict(e, 'sigkill-before-shutdown')).toEqual([]);
    const lane = e.panels[1].lanes.find(l => l.id === 'container:app')!;
    expect(lane.bars.find(b => b.kind === 'cut')).toMatchObject({ from: 30, to: 45 });
  });

  test('a preStop ending 1 s before the grace period leaves the app the 2 s minimum', () => {
    const e = explainWorkload(deployment([container({ lifecycle: { preStop: sleep(29) } })]));
    expect(stop(e).sigtermAt.seconds).toBe(29);
    expect(stop(e).sigkillAt.seconds).toBe(31);
    expect(verdict(e, 'pre-stop-cut-off')).toEqual([]);
  });

  test('issue 10, point 8: grace period 0 is raised to 1 s: the preStop starts and is cut off after 1 s', () => {
    // pod_workers.go calculateEffectiveGracePeriod floors the grace period at 1 s, and killContainer
    // applies that override before its `gracePeriod > 0` check: the hook runs, waited for at most 1 s.
    const e = explainWorkload(deployment([container({ lifecycle: { preStop: sleep(5) } })], { terminationGracePeriodSeconds: 0 }));
    expect(e.termination.gracePeriodSeconds).toBe(0);
    expect(e.termination.effectiveGracePeriodSeconds).toBe(1);
    expect(stop(e).sigtermAt.seconds).toBe(1);
    expect(stop(e).sigkillAt.seconds).toBe(3);
    const [cut] = verdict(e, 'pre-stop-cut-off');
    expect(cut.lintRule).toBe('lifecycle/prestop-with-zero-grace-period');
    expect(cut.message).toContain('raises the grace period to 1 s');
    expect(cut.message).toContain('starts, but the kubelet waits for it at most 1 s');
    expect(cut.message).not.toContain('skips');
    expect(cut.value).toBe(10);
    expect(verdict(e, 'traffic-after-stop')).toEqual([]);
    // The picture: the hook drawn up to 1 s, the rest cut off.
    const lane = e.panels[1].lanes.find(l => l.id === 'container:app')!;
    expect(lane.bars.find(b => b.kind === 'pre-stop')).toMatchObject({ from: 0, to: 1 });
    expect(lane.bars.find(b => b.kind === 'cut')).toMatchObject({ from: 1, to: 5 });
    expect(e.notes.join('\n')).toContain('raises the grace period to 1 s');
    // An instant hook completes: SIGTERM when it returns, SIGKILL 2 s later at the earliest.
    const quit = explainWorkload(deployment([container({ lifecycle: { preStop: { exec: { command: ['nginx', '-s', 'quit'] } } } })], { terminationGracePeriodSeconds: 0 }));
    expect(stop(quit).stopCommand).toBe('nginx -s quit');
    expect(stop(quit).sigkillAt.seconds).toBe(2);
  });

  test('SIGKILL before the shutdown ends names the grace period and the value that fits', () => {
    const e = withService(deployment([container({ lifecycle: { preStop: sleep(5) } })], { terminationGracePeriodSeconds: 30 },
      annotations({ 'lifecycle.cdk8s.io/shutdown-seconds': { app: 30 } })));
    const [v] = verdict(e, 'sigkill-before-shutdown');
    // A warning, as lint's shutdown-exceeds-grace-period: the declared shutdown time is an upper bound.
    expect(v).toMatchObject({
      field: 'spec.template.spec.terminationGracePeriodSeconds', value: 40, from: 30, to: 35, severity: 'warning',
      lintRule: 'lifecycle/shutdown-exceeds-grace-period',
    });
    expect(e.termination.gracePeriodSource).toBe('spec');
  });

  test('the prestop-seconds annotation gives a script\'s duration', () => {
    const e = explainWorkload(deployment([container({ lifecycle: { preStop: { exec: { command: ['sh', '/hooks/drain.sh'] } } } })], {},
      annotations({ 'lifecycle.cdk8s.io/prestop-seconds': { app: 12 } })));
    expect(stop(e).preStop).toBe('known');
    expect(stop(e).sigtermAt.seconds).toBe(12);
    expect(stop(e).acceptsUntil.seconds).toBe(12);
  });
});

describe('verdicts: traffic after the app stops accepting', () => {
  test('no preStop on a Service-backed serving container: a warning (it rests on how the app meets SIGTERM), add a sleep', () => {
    const [v] = verdict(withService(deployment([container()])), 'traffic-after-stop');
    expect(v).toMatchObject({
      severity: 'warning', panel: 'termination', lane: 'container:app', from: 0, to: 5,
      field: 'spec.template.spec.containers[0].lifecycle.preStop',
      value: { exec: { command: ['sleep', '5'] } },
    });
  });

  test('without any Service in the input it is only a warning; with a Service that selects others, nothing', () => {
    expect(verdict(explainWorkload(deployment([container()])), 'traffic-after-stop')[0].severity).toBe('warning');
    const other = explainObjects([deployment([container()]), service({ app: 'other' })])[0];
    expect(verdict(other, 'traffic-after-stop')).toEqual([]);
    expect(stop(other).serviceBacked).toBe(false);
  });

  test('only containers a Service port targets are Service-backed (by number or by name)', () => {
    const d = deployment([
      container({ ports: [{ name: 'http', containerPort: 8080 }] }, 'app'),
      container({ ports: [{ name: 'metrics', containerPort: 9090 }] }, 'exporter'),
    ]);
    const svc = (targetPort: unknown) => ({ ...service({ app: 'web' }), spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort }] } });
    for (const target of ['http', 8080, '8080']) {
      const e = explainObjects([d, svc(target)])[0];
      expect(e.termination.containers.map(c => c.serviceBacked)).toEqual([true, false]);
      expect(verdict(e, 'traffic-after-stop').map(v => v.container)).toEqual(['app']);
    }
  });

  test('a container without ports is not a serving container', () => {
    const e = withService(deployment([{ name: 'worker', image: 'x' }]));
    expect(verdict(e, 'traffic-after-stop')).toEqual([]);
  });

  test('a sleep shorter than the propagation window is lengthened in place', () => {
    const [v] = verdict(withService(deployment([container({ lifecycle: { preStop: sleep(2) } })])), 'traffic-after-stop');
    expect(v.field).toBe('spec.template.spec.containers[0].lifecycle.preStop.exec.command');
    expect(v.value).toEqual(['sleep', '5']);
    expect([v.from, v.to]).toEqual([2, 5]);
  });

  test('seeds/000: `nginx -s quit` as the whole preStop stops nginx at once: an error, sleep first', () => {
    const [v] = verdict(withService(deployment([container({ lifecycle: { preStop: { exec: { command: ['/usr/sbin/nginx', '-s', 'quit'] } } } })])), 'traffic-after-stop');
    expect(v.severity).toBe('error');
    // The drain first, then the stop command, then a wait for nginx (PID 1) to exit: `nginx -s quit`
    // returns at once, and the stop signal after the preStop (SIGTERM, on an image that declares no
    // STOPSIGNAL) would cut its in-flight requests (issue 10, point 6).
    expect(v.value).toEqual(['sh', '-c', 'sleep 5; /usr/sbin/nginx -s quit; while kill -0 1 2>/dev/null; do sleep 1; done']);
    expect(v.message).toContain('nginx -s quit');
    expect(v.fix).toContain('and then wait for the app to exit: `/usr/sbin/nginx -s quit` returns at once');
  });

  test('a sleep before the stop command counts; the propagation window is an option', () => {
    const d = deployment([container({ lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 5; exec nginx -s quit'] } } } })]);
    expect(verdict(withService(d), 'traffic-after-stop')).toEqual([]);
    const e = explainObjects([d, service({ app: 'web' })], { endpointPropagationSeconds: 8 })[0];
    const [v] = verdict(e, 'traffic-after-stop');
    expect(v.value).toEqual(['sh', '-c', 'sleep 3; sleep 5; nginx -s quit; while kill -0 1 2>/dev/null; do sleep 1; done']);
    expect(e.assumptions.endpointPropagationSeconds).toBe(8);
  });

  test('a stop command after the drain, then a wait for the app\'s exit: serving ends at the command, not at the end of the wait', () => {
    // GracefulWebService's preStop with preStopCommand: the loop after the command is only the wait.
    // shutdown-seconds is the app's whole shutdown, counted from the stop command.
    const script = 'sleep 5\nnginx -s quit || exit\nwhile kill -0 "$1" 2>/dev/null; do sleep 1; done';
    const e = withService(deployment([container({ lifecycle: { preStop: { exec: { command: ['sh', '-c', script, 'prestop', '1'] } } } })],
      { terminationGracePeriodSeconds: 45 }, annotations({ 'lifecycle.cdk8s.io/prestop-seconds': { app: 40 }, 'lifecycle.cdk8s.io/shutdown-seconds': { app: 20 } })));
    expect(stop(e).acceptsUntil.seconds).toBe(5);
    expect(stop(e).shutdownStartsAt.seconds).toBe(5);
    expect(stop(e).shutdownEndsAt!.seconds).toBe(25);
    // The app (PID 1) has exited by then; the kubelet signals only containers still running.
    expect(stop(e).sigkill).toBe('not-needed');
    expect(verdict(e, 'traffic-after-stop')).toEqual([]);
    expect(verdict(e, 'sigkill-before-shutdown')).toEqual([]);
  });

  test('field paths follow the kind: a CronJob\'s container', () => {
    const cron = {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' },
      spec: { schedule: '0 0 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [container({ lifecycle: { preStop: sleep(60) } })] } } } } },
    };
    const e = explainWorkload(cron);
    expect(verdict(e, 'pre-stop-cut-off')[0].field).toBe('spec.jobTemplate.spec.template.spec.terminationGracePeriodSeconds');
    expect(e.workload.podSpecPath).toBe('spec.jobTemplate.spec.template.spec');
    expect(e.notes.join(' ')).toContain('never runs preStop');
  });
});

describe('verdicts: liveness kills a slow starter', () => {
  test('liveness gives up before readiness can first pass; the fix is a startup probe', () => {
    const check = { httpGet: { path: '/health', port: 8080 } };
    const e = explainWorkload(deployment([container({
      readinessProbe: { ...check, initialDelaySeconds: 60 },
      livenessProbe: { ...check, periodSeconds: 10, failureThreshold: 3 },
    })]));
    const [v] = verdict(e, 'liveness-kills-slow-start');
    expect(v).toMatchObject({ panel: 'startup', severity: 'error', from: 30, to: 60, field: 'spec.template.spec.containers[0].startupProbe' });
    // 60 s to Ready + 30 s headroom at a 5 s period
    expect(v.value).toEqual({ ...check, periodSeconds: 5, failureThreshold: 18 });
  });

  test('no verdict with a startup probe, or when liveness waits long enough', () => {
    const check = { httpGet: { path: '/health', port: 8080 } };
    const gated = explainWorkload(deployment([container({
      startupProbe: { ...check, failureThreshold: 30 }, readinessProbe: { ...check, initialDelaySeconds: 60 }, livenessProbe: check,
    })]));
    expect(verdict(gated, 'liveness-kills-slow-start')).toEqual([]);
    const patient = explainWorkload(deployment([container({
      readinessProbe: { ...check, initialDelaySeconds: 20 }, livenessProbe: { ...check, initialDelaySeconds: 30 },
    })]));
    expect(verdict(patient, 'liveness-kills-slow-start')).toEqual([]);
    // Five successes in a row slow Ready (40 s), not the app's start: liveness passes on an app that is up.
    const strict = explainWorkload(deployment([container({
      readinessProbe: { ...check, periodSeconds: 10, successThreshold: 5 }, livenessProbe: { ...check, periodSeconds: 10, failureThreshold: 3 },
    })]));
    expect(verdict(strict, 'liveness-kills-slow-start')).toEqual([]);
  });
});

describe('Nacos windows', () => {
  const nacos = (extra: Record<string, unknown> = {}) => ({
    'lifecycle.cdk8s.io/nacos': { container: 'app', drainSeconds: 5, deregisterWaitSeconds: 40, consumerCacheSeconds: 35, serverVersion: '2.x', ...extra },
  });

  test('disable at 0, push 0.5 s, consumers until 35.5 s; a 45 s hook outlasts them', () => {
    const e = withService(deployment([container({ lifecycle: { preStop: { exec: { command: ['sh', '/etc/nacos/prestop.sh'] } } } })],
      { terminationGracePeriodSeconds: 60 },
      annotations({ ...nacos(), 'lifecycle.cdk8s.io/prestop-seconds': { app: 45 }, 'lifecycle.cdk8s.io/shutdown-seconds': { app: 10 } })));
    const n = e.termination.nacos!;
    expect(n.disabledAt).toBe(0);
    expect(n.lastConsumerCallAt).toEqual({ seconds: 35.5, lowerBound: false });
    expect(stop(e).acceptsUntil.seconds).toBe(45);
    expect(stop(e).sigkillAt.seconds).toBe(60);
    const lane = e.panels[1].lanes.find(l => l.id === 'nacos')!;
    expect(lane.bars.map(b => [b.kind, b.from, b.to])).toEqual([['nacos-push', 0, 0.5], ['nacos-consumer-cache', 0.5, 35.5]]);
    // gRPC clients (2.x): the instance goes when the app exits at 45 + 10
    expect(lane.marks.find(m => m.kind === 'nacos-removed')!.at.seconds).toBe(55);
    expect(e.verdicts).toEqual([]);
  });

  test('without the prestop-seconds annotation the Nacos waits give the hook\'s length', () => {
    const e = withService(deployment([container({ lifecycle: { preStop: { exec: { command: ['sh', '/etc/nacos/prestop.sh'] } } } })],
      { terminationGracePeriodSeconds: 60 }, annotations(nacos())));
    expect(stop(e).preStopSeconds).toBe(45);
  });

  test('a wait shorter than the consumers\' caches: consumers call a stopped app', () => {
    const e = withService(deployment([container({ lifecycle: { preStop: { exec: { command: ['sh', '-c', 'curl -X PATCH "$NACOS/nacos/v1/ns/instance?enabled=false"; sleep 20'] } } } })],
      {}, annotations(nacos())));
    const [v] = verdict(e, 'nacos-consumers-after-stop');
    expect(v).toMatchObject({ lane: 'nacos', from: 20, to: 35.5, field: 'spec.template.spec.containers[0].lifecycle.preStop.exec.command' });
    expect(v.value).toEqual(['sh', '-c', 'sleep 16; curl -X PATCH "$NACOS/nacos/v1/ns/instance?enabled=false"; sleep 20']);
    expect(v.fix).toContain('Duration.seconds(36)');
  });

  test('no preStop: nothing disables the instance; 1.x heartbeat clients linger 15 s more', () => {
    const e = withService(deployment([container()], {}, annotations({ ...nacos({ serverVersion: '1.x' }), 'lifecycle.cdk8s.io/shutdown-seconds': { app: 10 } })));
    const n = e.termination.nacos!;
    expect(n.disabledAt).toBeNull();
    // exits at 10, unhealthy 15 s later, push, 35 s cache
    expect(n.lastConsumerCallAt.seconds).toBe(60.5);
    const [v] = verdict(e, 'nacos-consumers-after-stop');
    expect(v.field).toBe('spec.template.spec.containers[0].lifecycle.preStop');
    expect(typeof v.value).toBe('string');
  });

  test('a malformed annotation is a note, not a crash', () => {
    const d = deployment([container()], {}, { annotations: { 'lifecycle.cdk8s.io/nacos': '{oops' } });
    const e = explainWorkload(d);
    expect(e.termination.nacos).toBeNull();
    expect(e.notes.join(' ')).toContain('lifecycle.cdk8s.io/nacos');
  });
});

describe('input', () => {
  test('a kind without pods is an ExplainInputError naming what is expected', () => {
    expect(() => explainWorkload({ kind: 'ConfigMap', metadata: { name: 'x' } })).toThrow(ExplainInputError);
    expect(() => explainWorkload('nope')).toThrow(/Kubernetes object/);
    expect(() => explainWorkload({ kind: 'Deployment', spec: {} })).toThrow(/no pod spec/);
  });

  test('explainObjects skips other kinds and malformed containers', () => {
    const d = deployment([container(), 'junk' as unknown as Json, { image: 'no-name' }]);
    const es = explainObjects([{ kind: 'ConfigMap' }, d, null, 42]);
    expect(es).toHaveLength(1);
    expect(es[0].startup.containers.map(c => c.name)).toEqual(['app', '#2']);
  });

  test('repeated container names (rejected by the API server) still give unique lanes', () => {
    const e = explainWorkload(deployment([container({}, 'f'), container({}, 'f')], { initContainers: [{ name: 'f', image: 'x' }] }));
    for (const panel of e.panels) {
      const ids = panel.lanes.map(l => l.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(e.startup.containers.map(c => c.name)).toEqual(['f#0', 'f#1']);
  });

  test('every workload kind is explained at the right path', () => {
    const spec = { containers: [container()] };
    const tpl = { template: { spec } };
    const kinds: [string, Json, string][] = [
      ['Pod', spec, 'spec'], ['StatefulSet', tpl, 'spec.template.spec'], ['DaemonSet', tpl, 'spec.template.spec'],
      ['ReplicaSet', tpl, 'spec.template.spec'], ['Job', tpl, 'spec.template.spec'],
    ];
    for (const [kind, s, path] of kinds) {
      const e = explainWorkload({ kind, metadata: { name: 'x' }, spec: s });
      expect(e.workload.podSpecPath).toBe(path);
      expect(e.panels[1].lanes.find(l => l.kind === 'container')!.path).toBe(`${path}.containers[0]`);
    }
  });
});
