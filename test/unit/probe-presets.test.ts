/** Probe presets: the timing rules users get wrong, enforced; and the cdk8s-plus interop. */
import { Duration, Testing } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { ProblemList, LifecycleConfigError } from '../../src/errors';
import { toCdk8sPlusProbe } from '../../src/probes/cdk8s-plus-interop';
import { ProbeCheck } from '../../src/probes/probe-check';
import { buildProbeSet, ProbePresets, type ProbeSetOptions } from '../../src/probes/probe-presets';
import { failureWindowSeconds } from '../../src/timing/probe-timing';

function build(options: ProbeSetOptions) {
  const problems = new ProblemList();
  const set = buildProbeSet(options, problems, 'probes.');
  let error: LifecycleConfigError | undefined;
  try {
    problems.throwIfAny('test/app');
  } catch (err) {
    error = err as LifecycleConfigError;
  }
  return { set, error, props: error?.problems.map(p => p.prop) ?? [] };
}

const HTTP = ProbeCheck.httpGet('/healthz', { port: 'http' });

describe('defaults', () => {
  const { set, error } = build({ check: HTTP });

  test('are valid', () => expect(error).toBeUndefined());

  test('readiness: every 5 s, out after 2 failures (10 s)', () => {
    expect(set.readiness).toEqual({ httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5, timeoutSeconds: 1, failureThreshold: 2, successThreshold: 1 });
  });

  test('liveness: every 10 s, restarted after 3 failures (30 s)', () => {
    expect(set.liveness).toEqual({ httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3, successThreshold: 1 });
  });

  test('readiness reacts faster than liveness', () => {
    expect(failureWindowSeconds(set.readiness)).toBeLessThan(failureWindowSeconds(set.liveness));
  });

  test('startup: every 2 s for up to 60 s, instead of an initial delay', () => {
    expect(set.startup).toEqual({ httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 2, timeoutSeconds: 1, failureThreshold: 30, successThreshold: 1 });
    for (const probe of [set.readiness, set.liveness, set.startup!]) expect(probe.initialDelaySeconds).toBeUndefined();
  });
});

describe('rules', () => {
  test('readiness no faster than liveness is refused', () => {
    const { error, props } = build({ check: HTTP, readiness: { period: Duration.seconds(10), failureThreshold: 3 } });
    expect(props).toEqual(['probes.readiness']);
    expect(error!.message).toContain('readiness reacts in 30 s (period × failureThreshold), no faster than liveness (30 s)');
    expect(error!.problems[0].fix).toContain('smaller than liveness.period × liveness.failureThreshold');
  });

  test('faster readiness through a slower liveness is fine', () => {
    const { error } = build({ check: HTTP, readiness: { period: Duration.seconds(10), failureThreshold: 3 }, liveness: { period: Duration.seconds(20) } });
    expect(error).toBeUndefined();
  });

  test('liveness and startup successThreshold is always 1; readiness may ask for more', () => {
    const { set } = build({ check: HTTP, readiness: { successThreshold: 3 } });
    expect(set.readiness.successThreshold).toBe(3);
    expect(set.liveness.successThreshold).toBe(1);
    expect(set.startup!.successThreshold).toBe(1);
  });

  test.each([
    [{ maxStartupTime: Duration.minutes(5), period: Duration.seconds(10) }, 30, 10],
    [{ maxStartupTime: Duration.seconds(7), period: Duration.seconds(2) }, 4, 2],
    [{ maxStartupTime: Duration.seconds(1) }, 1, 2],
  ])('the startup probe is sized from maxStartupTime (%#)', (startup, threshold, period) => {
    const { set, error } = build({ check: HTTP, startup });
    expect(error).toBeUndefined();
    expect(set.startup).toMatchObject({ failureThreshold: threshold, periodSeconds: period });
  });

  test('startup: false builds none', () => {
    expect(build({ check: HTTP, startup: false }).set.startup).toBeUndefined();
  });

  test('a timeout longer than the period is refused', () => {
    expect(build({ check: HTTP, liveness: { timeout: Duration.seconds(15) } }).props).toEqual(['probes.liveness.timeout']);
  });

  test.each([
    [{ readiness: { failureThreshold: 0 } }, 'probes.readiness.failureThreshold'],
    [{ readiness: { successThreshold: 0 } }, 'probes.readiness.successThreshold'],
    [{ liveness: { failureThreshold: 1.5 } }, 'probes.liveness.failureThreshold'],
    [{ readiness: { period: Duration.seconds(0) } }, 'probes.readiness.period'],
    [{ liveness: { timeout: Duration.millis(500) } }, 'probes.liveness.timeout'],
    [{ startup: { period: Duration.seconds(0) } }, 'probes.startup.period'],
    [{ startup: { maxStartupTime: Duration.seconds(0) } }, 'probes.startup.maxStartupTime'],
    [{ liveness: { terminationGracePeriod: Duration.seconds(0) } }, 'probes.liveness.terminationGracePeriod'],
  ] as [Partial<ProbeSetOptions>, string][])('bad timing %j is reported under %s', (options, prop) => {
    expect(build({ check: HTTP, ...options }).props).toContain(prop);
  });

  test('a liveness-only grace period is rendered on liveness', () => {
    expect(build({ check: HTTP, liveness: { terminationGracePeriod: Duration.seconds(10) } }).set.liveness.terminationGracePeriodSeconds).toBe(10);
  });

  test('each probe may use its own check', () => {
    const { set } = build({ check: HTTP, readiness: { check: ProbeCheck.exec(['cat', '/tmp/ready']) }, startup: { check: ProbeCheck.tcpSocket(8080) } });
    expect(set.readiness.exec).toEqual({ command: ['cat', '/tmp/ready'] });
    expect(set.liveness.httpGet).toBeDefined();
    expect(set.startup!.tcpSocket).toEqual({ port: 8080 });
  });
});

describe('checks and presets', () => {
  test('each check sets exactly one handler', () => {
    const checks = [
      ProbeCheck.httpGet('/', { port: 80, scheme: 'HTTPS', headers: { 'X-B': '2', 'Host': 'example.com' } }),
      ProbeCheck.exec(['true']),
      ProbeCheck.tcpSocket('http'),
      ProbeCheck.grpc(9090, 'health'),
    ];
    for (const check of checks) expect(Object.keys(check.action)).toHaveLength(1);
    expect(checks[0].action.httpGet).toEqual({
      path: '/', port: 80, scheme: 'HTTPS', httpHeaders: [{ name: 'Host', value: 'example.com' }, { name: 'X-B', value: '2' }],
    });
    expect(checks[3].action.grpc).toEqual({ port: 9090, service: 'health' });
    expect(ProbeCheck.grpc(9090).action.grpc).toEqual({ port: 9090 });
  });

  test('the exec check copies its command', () => {
    const command = ['cat', '/tmp/x'];
    const check = ProbeCheck.exec(command);
    command.push('mutated');
    expect(check.action.exec!.command).toEqual(['cat', '/tmp/x']);
  });

  test.each([
    ['http', ProbePresets.http('/healthz', 'http'), 'httpGet'],
    ['exec', ProbePresets.exec(['pg_isready']), 'exec'],
    ['tcp', ProbePresets.tcp(5432), 'tcpSocket'],
    ['grpc', ProbePresets.grpc(9090), 'grpc'],
  ] as const)('the %s preset builds a valid set with that handler', (_name, preset, handler) => {
    const { set, error } = build(preset);
    expect(error).toBeUndefined();
    for (const probe of [set.readiness, set.liveness, set.startup!]) expect(probe[handler]).toBeDefined();
  });

  test('presets pass options through', () => {
    expect(build(ProbePresets.http('/', 80, { startup: false })).set.startup).toBeUndefined();
  });
});

describe('toCdk8sPlusProbe', () => {
  test('renders our JSON in a cdk8s-plus container, ports included', () => {
    const chart = Testing.chart();
    const pod = new plus.Pod(chart, 'pod');
    pod.addContainer({
      image: 'x',
      readiness: toCdk8sPlusProbe({ httpGet: { path: '/r', port: 'http', httpHeaders: [{ name: 'Host', value: 'a' }] }, periodSeconds: 5 }),
      liveness: toCdk8sPlusProbe({ tcpSocket: { port: 8080 }, periodSeconds: 10, terminationGracePeriodSeconds: 3 }),
      startup: toCdk8sPlusProbe({ grpc: { port: 9090 }, failureThreshold: 30 }),
    });
    const container = (Testing.synth(chart)[0] as any).spec.containers[0];
    expect(container.readinessProbe).toEqual({ httpGet: { path: '/r', port: 'http', httpHeaders: [{ name: 'Host', value: 'a' }] }, periodSeconds: 5 });
    expect(container.livenessProbe).toEqual({ tcpSocket: { port: 8080 }, periodSeconds: 10, terminationGracePeriodSeconds: 3 });
    expect(container.startupProbe).toEqual({ grpc: { port: 9090 }, failureThreshold: 30 });
  });
});
