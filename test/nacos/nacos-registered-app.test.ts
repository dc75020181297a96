/**
 * NacosRegisteredApp at synth: what it renders, its termination budget, its errors, and the
 * rendered hook script run with the rendered env against a local Nacos server.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Duration, Testing } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import {
  LifecycleConfigError, NACOS_ANNOTATION, NacosRegisteredApp, nacosHookScript, POSTSTART_SECONDS_ANNOTATION, PRESTOP_SECONDS_ANNOTATION, SHUTDOWN_SECONDS_ANNOTATION,
  type NacosRegisteredAppProps,
} from '../../src';
import { LifecycleHook } from '../../src/hooks/lifecycle-hook';
import { NACOS_HOOK_ENV, NACOS_STATE_DIR, nacosHookScript as script, SPRING_NACOS_ENV } from '../../src/nacos/hook-script';
import { MockNacosServer, refusedAddress, type InstanceKey } from '../support/mock-nacos-server';
import { HookSandbox } from '../support/run-hook';

type Json = Record<string, any>;
const NAMESPACE = 'a9076f8c-a1c7-474c-9ea4-1112677d9af7';

function baseProps(nacos: Partial<NacosRegisteredAppProps['nacos']> = {}, extra: Partial<NacosRegisteredAppProps> = {}): NacosRegisteredAppProps {
  return {
    name: 'jdd-parking-cloud-admin',
    image: 'registry.example.com/jdd-parking-cloud-admin:1.0.0',
    port: 8093,
    ...extra,
    nacos: { serverAddr: 'nacos-0.nacos.infra:8848,nacos-1.nacos.infra:8848', namespace: NAMESPACE, ...nacos },
  };
}

function synth(props: NacosRegisteredAppProps, id = 'admin'): { objects: Json[]; app: NacosRegisteredApp } {
  const chart = new Chart(Testing.app(), 'nacos');
  const app = new NacosRegisteredApp(chart, id, props);
  return { objects: Testing.synth(chart) as Json[], app };
}

function build(props: NacosRegisteredAppProps, id = 'admin'): () => NacosRegisteredApp {
  return () => new NacosRegisteredApp(new Chart(Testing.app(), 'nacos'), id, props);
}

function errorOf(fn: () => unknown): LifecycleConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LifecycleConfigError) return e;
    throw e;
  }
  throw new Error('no error');
}

const kind = (objects: Json[], k: string): Json => objects.find(o => o.kind === k)!;
const podSpec = (objects: Json[]): Json => kind(objects, 'Deployment').spec.template.spec;
const container = (objects: Json[], name: string): Json => podSpec(objects).containers.find((c: Json) => c.name === name);
const envNames = (c: Json): string[] => (c.env ?? []).map((e: Json) => e.name);
const envValue = (c: Json, name: string): Json | undefined => (c.env ?? []).find((e: Json) => e.name === name);

/** The variables the script reads, found by reading the script. */
const SCRIPT_VARS = [...new Set([...nacosHookScript().matchAll(/\$\{((?:SPRING_CLOUD_NACOS_DISCOVERY|NACOS_HOOK)_[A-Z_]+):-/g)].map(m => m[1]))].sort();

describe('app-container mode (the default)', () => {
  const { objects, app } = synth(baseProps({ auth: { secret: plus.Secret.fromSecretName(new Chart(Testing.app(), 'x'), 's', 'nacos-creds') } }));
  const pod = podSpec(objects);
  const appC = container(objects, 'app');

  test('the preStop runs the ConfigMap script; a postStart starts the enable-on-start job', () => {
    expect(appC.lifecycle.preStop).toEqual({ exec: { command: ['sh', '/nacos-lifecycle/script/nacos-lifecycle.sh', 'prestop'] } });
    expect(appC.lifecycle.postStart).toEqual({ exec: { command: ['sh', '/nacos-lifecycle/script/nacos-lifecycle.sh', 'poststart'] } });
    const cm = kind(objects, 'ConfigMap');
    expect(cm.data['nacos-lifecycle.sh']).toBe(nacosHookScript());
    const volume = pod.volumes.find((v: Json) => v.configMap?.name === cm.metadata.name);
    expect(volume).toBeDefined();
    expect(appC.volumeMounts).toContainEqual({ mountPath: '/nacos-lifecycle/script', name: volume.name, readOnly: true });
  });

  test('the script\'s state (stop mark, enable lock) lives in a small emptyDir of the container that runs it', () => {
    const mount = appC.volumeMounts.find((m: Json) => m.mountPath === NACOS_STATE_DIR);
    expect(mount.readOnly).toBeUndefined();
    expect(pod.volumes.find((v: Json) => v.name === mount.name)).toEqual({ name: mount.name, emptyDir: { medium: 'Memory', sizeLimit: '1Mi' } });
    expect(envValue(appC, NACOS_HOOK_ENV.state)?.value).toBe(NACOS_STATE_DIR);
    // The script's own default is the same place.
    expect(script()).toContain(`STATE_DIR=\${NACOS_HOOK_STATE:-${NACOS_STATE_DIR}}`);
  });

  test('every variable the script reads is set on the container that runs it', () => {
    expect(SCRIPT_VARS.length).toBeGreaterThan(10);
    for (const v of SCRIPT_VARS) {
      if (v === NACOS_HOOK_ENV.log) continue;
      expect(envNames(appC)).toContain(v);
    }
  });

  test('Spring Boot wiring: discovery by relaxed binding, pod IP from the downward API, credentials from the Secret', () => {
    expect(envValue(appC, SPRING_NACOS_ENV.serverAddr)?.value).toBe('nacos-0.nacos.infra:8848,nacos-1.nacos.infra:8848');
    expect(envValue(appC, SPRING_NACOS_ENV.namespace)?.value).toBe(NAMESPACE);
    expect(envValue(appC, SPRING_NACOS_ENV.group)?.value).toBe('DEFAULT_GROUP');
    expect(envValue(appC, SPRING_NACOS_ENV.cluster)?.value).toBe('DEFAULT');
    expect(envValue(appC, SPRING_NACOS_ENV.service)?.value).toBe('jdd-parking-cloud-admin');
    expect(envValue(appC, SPRING_NACOS_ENV.port)?.value).toBe('8093');
    expect(envValue(appC, SPRING_NACOS_ENV.ip)?.valueFrom).toEqual({ fieldRef: { fieldPath: 'status.podIP' } });
    expect(envValue(appC, SPRING_NACOS_ENV.username)?.valueFrom).toEqual({ secretKeyRef: { name: 'nacos-creds', key: 'username' } });
    expect(envValue(appC, SPRING_NACOS_ENV.password)?.valueFrom).toEqual({ secretKeyRef: { name: 'nacos-creds', key: 'password' } });
    expect(envValue(appC, 'SERVER_SHUTDOWN')?.value).toBe('graceful');
    expect(envValue(appC, 'SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE')?.value).toBe('30s');
    expect(envValue(appC, 'MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED')?.value).toBe('true');
    expect(envValue(appC, 'SPRING_CLOUD_NACOS_DISCOVERY_GRACEFULSHUTDOWNWAITTIME')?.value).toBe('0');
    expect(JSON.stringify(objects)).not.toMatch(/"value":"[^"]*password/i);
  });

  test('probes on the actuator health groups, with a startup probe; no port for gRPC (clients dial out to 9848)', () => {
    expect(appC.readinessProbe.httpGet).toEqual({ path: '/actuator/health/readiness', port: 'http' });
    expect(appC.livenessProbe.httpGet).toEqual({ path: '/actuator/health/liveness', port: 'http' });
    expect(appC.startupProbe.httpGet).toEqual({ path: '/actuator/health/liveness', port: 'http' });
    expect(appC.startupProbe.periodSeconds * appC.startupProbe.failureThreshold).toBeGreaterThanOrEqual(120);
    expect(appC.ports).toEqual([{ containerPort: 8093, name: 'http' }]);
  });

  test('grace period = the preStop as the script runs it + shutdown + client wait + margin; the drain is not counted twice', () => {
    // An enable in flight (3 s), then 2 servers × 2 calls (login, update) × 3 s = 12 s of calls at
    // worst, then the longer of the deregister wait (40 s) and the drain (5 s, within it).
    expect(app.termination.parts.map(p => [p.name, p.seconds])).toEqual([
      ['nacos.enableInFlight', 3], ['nacos.requests', 12], ['nacos.deregisterWait', 40], ['shutdownTimeout', 30], ['nacos.clientShutdownWait', 0], ['terminationMargin', 5],
    ]);
    expect(app.termination.parts.find(p => p.name === 'nacos.deregisterWait')!.why).toContain('drainDelay 5 s');
    expect(pod.terminationGracePeriodSeconds).toBe(90);
    expect(app.termination.preStopSeconds).toBe(3 + 12 + 40);
  });

  test('annotations tell lint and explain about the waits', () => {
    const annotations = kind(objects, 'Deployment').spec.template.metadata.annotations;
    expect(JSON.parse(annotations[NACOS_ANNOTATION])).toEqual({
      container: 'app', drainSeconds: 5, deregisterWaitSeconds: 40, consumerCacheSeconds: 35, serverVersion: '2.x',
    });
    expect(JSON.parse(annotations[PRESTOP_SECONDS_ANNOTATION])).toEqual({ app: 55 });
    expect(JSON.parse(annotations[SHUTDOWN_SECONDS_ANNOTATION])).toEqual({ app: 30 });
    // The postStart script backgrounds the enable loop and returns at once.
    expect(JSON.parse(annotations[POSTSTART_SECONDS_ANNOTATION])).toEqual({ app: 0 });
  });

  test('synth is deterministic', () => {
    const again = synth(baseProps({ auth: { secret: plus.Secret.fromSecretName(new Chart(Testing.app(), 'x'), 's', 'nacos-creds') } })).objects;
    expect(JSON.stringify(again)).toBe(JSON.stringify(objects));
  });
});

describe('defaults and options', () => {
  test('serviceName: explicit, else the name prop, else the construct id', () => {
    const service = (p: NacosRegisteredAppProps, id?: string) => envValue(container(synth(p, id).objects, 'app'), SPRING_NACOS_ENV.service)?.value;
    expect(service(baseProps({ serviceName: 'parking-admin' }))).toBe('parking-admin');
    expect(service(baseProps())).toBe('jdd-parking-cloud-admin');
    expect(service({ ...baseProps(), name: undefined }, 'billing')).toBe('billing');
  });

  test.each([['1.x', 'v1'], ['2.x', 'v2'], ['3.x', 'v3']] as const)('serverVersion %s uses the %s API', (serverVersion, api) => {
    const c = container(synth(baseProps({ serverVersion })).objects, 'app');
    expect(envValue(c, NACOS_HOOK_ENV.api)?.value).toBe(api);
  });

  test('timings reach the script and the budget', () => {
    const { objects, app } = synth(baseProps(
      { serverAddr: 'nacos:8848', deregisterWait: Duration.seconds(50), consumerCacheTtl: Duration.seconds(30), requestTimeout: Duration.seconds(2), clientShutdownWait: Duration.seconds(10), weight: 3 },
      { drainDelay: Duration.seconds(8), shutdownTimeout: Duration.seconds(20), startup: { maxStartupTime: Duration.seconds(90) } },
    ));
    const c = container(objects, 'app');
    expect(envValue(c, NACOS_HOOK_ENV.deregisterWait)?.value).toBe('50');
    expect(envValue(c, NACOS_HOOK_ENV.drain)?.value).toBe('8');
    expect(envValue(c, NACOS_HOOK_ENV.timeout)?.value).toBe('2');
    expect(envValue(c, NACOS_HOOK_ENV.enableAttempts)?.value).toBe('30');
    expect(envValue(c, SPRING_NACOS_ENV.weight)?.value).toBe('3');
    expect(envValue(c, 'SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE')?.value).toBe('20s');
    expect(envValue(c, 'SPRING_CLOUD_NACOS_DISCOVERY_GRACEFULSHUTDOWNWAITTIME')?.value).toBe('10000');
    // The 8 s drain runs within the 50 s wait.
    expect(app.termination.gracePeriodSeconds).toBe(2 + 2 + 50 + 20 + 10 + 5);
    expect(podSpec(objects).terminationGracePeriodSeconds).toBe(89);
    expect(JSON.parse(kind(objects, 'Deployment').spec.template.metadata.annotations[PRESTOP_SECONDS_ANNOTATION])).toEqual({ app: 54 });
  });

  test('the user\'s own env stays', () => {
    const c = container(synth(baseProps({}, { env: { JAVA_TOOL_OPTIONS: plus.EnvValue.fromValue('-XX:MaxRAMPercentage=75') } })).objects, 'app');
    expect(envValue(c, 'JAVA_TOOL_OPTIONS')?.value).toBe('-XX:MaxRAMPercentage=75');
  });
});

describe('the termination budget', () => {
  test('an explicit grace period below the budget is a synth error naming it and every part', () => {
    // The seed's 60 s does not cover a 45 s wait plus Spring Boot's 30 s graceful shutdown.
    const e = errorOf(build(baseProps({ serverAddr: 'nacos:8848' }, { terminationGracePeriod: Duration.seconds(60) })));
    expect(e.message).toContain('nacos/admin');
    const p = e.problems.find(x => x.prop === 'terminationGracePeriod')!;
    expect(p.message).toContain('60 s is shorter than the termination budget');
    for (const part of ['nacos.enableInFlight 3 s', 'nacos.requests 3 s', 'nacos.deregisterWait 40 s', 'shutdownTimeout 30 s', 'nacos.clientShutdownWait 0 s', 'terminationMargin 5 s', '= 81 s']) {
      expect(p.message).toContain(part);
    }
    expect(p.message).not.toContain('drainDelay');
    expect(p.fix).toContain('Duration.seconds(81)');
  });

  test('a grace period that covers the budget is kept', () => {
    const { objects } = synth(baseProps({ serverAddr: 'nacos:8848' }, { terminationGracePeriod: Duration.seconds(81) }));
    expect(podSpec(objects).terminationGracePeriodSeconds).toBe(81);
  });

  test('a drain longer than the deregister wait is the part that counts, once', () => {
    const { app } = synth(baseProps({ serverAddr: 'nacos:8848', consumerCacheTtl: Duration.seconds(10), deregisterWait: Duration.seconds(15) }, { drainDelay: Duration.seconds(20) }));
    expect(app.termination.parts.map(p => [p.name, p.seconds])).toEqual([
      ['nacos.enableInFlight', 3], ['nacos.requests', 3], ['drainDelay', 20], ['shutdownTimeout', 30], ['nacos.clientShutdownWait', 0], ['terminationMargin', 5],
    ]);
    expect(app.termination.preStopSeconds).toBe(26);
  });
});

describe('bad input is a synth error naming the prop and the fix', () => {
  test.each([
    'nacos:8848; rm -rf /', 'nacos :8848', '"nacos":8848', '$(id):8848', '`id`:8848', 'nacos:8848|nc evil 1',
    'nacos:99999', 'nacos:0', 'a:1,,b:2', '', '   ', 'nacos_1:8848',
  ])('serverAddr %j is refused, naming the entry', serverAddr => {
    const e = errorOf(build(baseProps({ serverAddr })));
    const p = e.problems.find(x => x.prop === 'nacos.serverAddr');
    expect(p).toBeDefined();
    expect(p!.fix.length).toBeGreaterThan(20);
    expect(e.message).toContain('invalid props for nacos/admin');
  });

  // Issue 9.6: what the Nacos client would take, or what cannot reach the server from a pod.
  test.each([
    ['192.168.0.2188:8848', '"192.168.0.2188:8848" has "192.168.0.2188", not an IPv4 address: 2188 is over 255'],
    ['999.999.999.999:8848', 'not an IPv4 address: 999 is over 255'],
    ['192.168.0:8848', '"192.168.0:8848" has "192.168.0", not an IPv4 address: an IPv4 address is 4 numbers'],
    ['10.0.0.012:8848', '012 has a leading zero'],
    ['localhost:8848', '"localhost:8848" is "localhost": from a pod that is the pod itself'],
    ['nacos.localhost:8848', 'from a pod that is the pod itself'],
    ['127.0.0.1:8848', 'is the loopback or unspecified address 127.0.0.1: from a pod that is the pod itself'],
    ['127.3.2.1', 'the loopback or unspecified address 127.3.2.1'],
    ['0.0.0.0:8848', 'the loopback or unspecified address 0.0.0.0'],
    ['[::1]:8848', 'the loopback or unspecified address [::1]'],
    ['[::ffff:127.0.0.1]:8848', 'the loopback or unspecified address'],
    ['nacos-0.nacos:8848,', 'entry 2 "" is empty: a stray or trailing comma'],
    ['https://nacos:8848', 'uses https://: the hook script speaks plain HTTP'],
    ['http://nacos:8848/nacos', 'has the path "/nacos": the Nacos client adds the context path (/nacos) itself'],
    ['fd00::10:8848', 'looks like an IPv6 address without brackets'],
    ['[fd00::zz]:8848', '[fd00::zz], not an IPv6 address'],
    ['[fe80::1%eth0]:8848', 'contains "%"'],
    ['nacos:65536', 'has the port "65536", not a port number 1-65535'],
    ['nacos:', 'has the port "", not a port number'],
    ['nacos.1:8848', 'its last label is all digits'],
    ['-nacos.infra:8848', 'not a host name (RFC 1123'],
    [`${'a'.repeat(64)}.infra:8848`, 'not a host name (RFC 1123'],
    ['nacos_1:8848', 'contains "_" (not allowed in a host name)'],
    ['nacos-0:8848, nacos 1:8848', 'entry 2 " nacos 1:8848" contains a space'],
    ['nacos:8848,nacos', 'entry 2 "nacos" is nacos:8848 again (entry 1)'],
    ['user@nacos:8848', 'contains "@"'],
  ])('serverAddr %j: %s', (serverAddr, message) => {
    const e = errorOf(build(baseProps({ serverAddr })));
    const messages = e.problems.filter(x => x.prop === 'nacos.serverAddr').map(x => x.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(message);
  });

  test('serverAddr: every bad entry is named, each with its own fix', () => {
    const e = errorOf(build(baseProps({ serverAddr: 'localhost:8848,nacos-1.nacos:8848,192.168.0.2188:8848' })));
    const problems = e.problems.filter(x => x.prop === 'nacos.serverAddr');
    expect(problems.map(x => x.message.slice(0, 34))).toEqual(['entry 1 "localhost:8848" is "local', 'entry 3 "192.168.0.2188:8848" has ']);
    expect(problems[0].fix).toContain('Nacos Service\'s DNS name');
    expect(problems[1].fix).toContain('four numbers 0-255');
  });

  test.each([
    ['nacos-0.nacos:8848,nacos-1.nacos:8848', 'nacos-0.nacos:8848,nacos-1.nacos:8848'],
    [' nacos-0.nacos:8848 , nacos-1.nacos:8848 ', 'nacos-0.nacos:8848,nacos-1.nacos:8848'],
    ['nacos-0.nacos:8848;nacos-1.nacos:8848', 'nacos-0.nacos:8848,nacos-1.nacos:8848'],
    ['http://nacos.infra:8848/', 'nacos.infra:8848'],
    ['HTTP://Nacos.Infra:8848', 'Nacos.Infra:8848'],
    ['nacos.infra', 'nacos.infra:8848'],
    ['nacos.infra.svc.cluster.local.:8848', 'nacos.infra.svc.cluster.local.:8848'],
    ['10.0.0.12', '10.0.0.12:8848'],
    ['[fd00::10]:8848,[fd00::11]', '[fd00::10]:8848,[fd00::11]:8848'],
  ])('serverAddr %j is accepted as %j, for the app and the hook alike', (serverAddr, canonical) => {
    const { objects, app } = synth(baseProps({ serverAddr }));
    expect(app.nacos.serverAddr).toBe(canonical);
    expect(envValue(container(objects, 'app'), SPRING_NACOS_ENV.serverAddr)?.value).toBe(canonical);
  });

  test.each([
    ['namespace', 'my namespace'], ['namespace', 'ns/1'], ['namespace', 'x'.repeat(65)],
    ['group', 'A@@B'], ['group', 'a group'], ['cluster', 'a,b'], ['cluster', 'c&d'],
    ['serviceName', 'a b'], ['serviceName', 'a&b=c'], ['serviceName', '@svc'], ['serviceName', 'svc#1'], ['serviceName', '服务'],
  ] as const)('%s %j', (prop, value) => {
    const e = errorOf(build(baseProps({ [prop]: value })));
    expect(e.problems.map(p => p.prop)).toContain(`nacos.${prop}`);
  });

  test('a construct id that is no service name asks for nacos.serviceName', () => {
    const e = errorOf(build({ ...baseProps(), name: undefined }, 'Admin Service'));
    const p = e.problems.find(x => x.prop === 'nacos.serviceName')!;
    expect(p.fix).toContain('spring.application.name');
    expect(p.fix).toContain('construct id');
  });

  test.each([
    ['deregisterWait', { deregisterWait: Duration.minutes(10) }, /longer than any sane grace period/],
    ['deregisterWait', { deregisterWait: Duration.seconds(10) }, /shorter than the consumers' cache/],
    ['requestTimeout', { requestTimeout: Duration.seconds(0) }, /outside 1-30 s/],
    ['requestTimeout', { requestTimeout: Duration.minutes(2) }, /outside 1-30 s/],
    ['requestTimeout', { requestTimeout: Duration.millis(1500) }, /whole number of seconds/],
    ['weight', { weight: 0 }, /not a Nacos weight/],
    ['weight', { weight: Number.NaN }, /not a Nacos weight/],
    ['weight', { weight: 1e-9 }, /not a Nacos weight/],
    ['serverVersion', { serverVersion: '4.x' as never }, /not a Nacos version/],
    ['deregisterFrom', { deregisterFrom: 'init' as never }, /not a known mode/],
    ['sidecar.image', { sidecar: { image: 'busybox latest' } }, /not an image/],
    ['auth.passwordKey', { auth: { secret: plus.Secret.fromSecretName(new Chart(Testing.app(), 'y'), 's', 'c'), passwordKey: 'pass word' } }, /not a Secret key/],
  ] as const)('nacos.%s', (prop, nacos, message) => {
    const e = errorOf(build(baseProps(nacos as never)));
    const p = e.problems.find(x => x.prop === `nacos.${prop}`);
    expect(p?.message).toMatch(message);
    expect(p?.fix.length).toBeGreaterThan(10);
  });

  test('env vars the construct owns cannot be set through env', () => {
    const e = errorOf(build(baseProps({}, { env: { SPRING_CLOUD_NACOS_DISCOVERY_SERVICE: plus.EnvValue.fromValue('other') } })));
    expect(e.problems.map(p => p.prop)).toContain('env.SPRING_CLOUD_NACOS_DISCOVERY_SERVICE');
  });

  test('all problems come in one error, with GracefulWebService\'s own', () => {
    const e = errorOf(build(baseProps({ serverAddr: 'bad addr', namespace: 'bad ns' }, { port: 70000 })));
    expect(e.problems.map(p => p.prop).sort()).toEqual(['nacos.namespace', 'nacos.serverAddr', 'port']);
  });
});

describe('the user\'s own postStart (issue 9.5)', () => {
  const annotationsOf = (objects: Json[]): Json => kind(objects, 'Deployment').spec.template.metadata.annotations;

  test('app-container: wrapped by the start-up step, which starts the enable job and then execs it', () => {
    const warmUp = LifecycleHook.exec(['/app/bin/warm-up', '--cache', 'all'], { expectedDuration: Duration.seconds(20) });
    const { objects } = synth(baseProps({}, { postStart: warmUp }));
    expect(container(objects, 'app').lifecycle.postStart).toEqual({
      exec: { command: ['sh', '/nacos-lifecycle/script/nacos-lifecycle.sh', 'poststart', '/app/bin/warm-up', '--cache', 'all'] },
    });
    // Its declared duration is the hook's: the start-up step itself returns at once.
    expect(JSON.parse(annotationsOf(objects)[POSTSTART_SECONDS_ANNOTATION])).toEqual({ app: 20 });
  });

  test('app-container: the sleeps of a shell postStart count; an unknown duration is left unknown', () => {
    const slept = synth(baseProps({}, { postStart: LifecycleHook.shell('sleep 3; wget -q -O /dev/null http://127.0.0.1:8093/warm') })).objects;
    expect(JSON.parse(annotationsOf(slept)[POSTSTART_SECONDS_ANNOTATION])).toEqual({ app: 3 });
    const unknown = synth(baseProps({}, { postStart: LifecycleHook.exec(['/app/bin/warm-up']) })).objects;
    expect(annotationsOf(unknown)[POSTSTART_SECONDS_ANNOTATION]).toBeUndefined();
    const none = synth(baseProps()).objects;
    expect(JSON.parse(annotationsOf(none)[POSTSTART_SECONDS_ANNOTATION])).toEqual({ app: 0 });
  });

  test('app-container: an httpGet postStart cannot share the container\'s one postStart: a synth error with the fix', () => {
    const e = errorOf(build(baseProps({}, { postStart: LifecycleHook.httpGet('/warm-up', { port: 8093 }) })));
    const p = e.problems.find(x => x.prop === 'postStart')!;
    expect(p.message).toContain('is not an exec hook');
    expect(p.fix).toContain('LifecycleHook.shell');
    expect(p.fix).toContain('deregisterFrom: \'sidecar\'');
  });

  test('sidecar: the app container\'s postStart is the user\'s, as given (the sidecar enables)', () => {
    const hook = LifecycleHook.httpGet('/warm-up', { port: 8093 }, { expectedDuration: Duration.seconds(2) });
    const { objects } = synth(baseProps({ deregisterFrom: 'sidecar' }, { postStart: hook }));
    expect(container(objects, 'app').lifecycle.postStart).toEqual({ httpGet: { path: '/warm-up', port: 8093 } });
    expect(container(objects, 'nacos-lifecycle').lifecycle.postStart).toBeUndefined();
    expect(JSON.parse(annotationsOf(objects)[POSTSTART_SECONDS_ANNOTATION])).toEqual({ app: 2 });
  });
});

describe('sidecar mode (app images without a shell)', () => {
  const { objects } = synth(baseProps({ deregisterFrom: 'sidecar', serverAddr: 'nacos:8848' }));
  const pod = podSpec(objects);
  const appC = container(objects, 'app');
  const side = container(objects, 'nacos-lifecycle');
  const SHELLS = /^(\/bin\/|\/usr\/bin\/)?(sh|bash|ash|dash|busybox)$/;

  test('nothing in the app container needs a shell', () => {
    const commands = [appC.command, appC.args, appC.lifecycle?.preStop?.exec?.command, appC.lifecycle?.postStart?.exec?.command,
      appC.readinessProbe?.exec?.command, appC.livenessProbe?.exec?.command, appC.startupProbe?.exec?.command].filter(Boolean) as string[][];
    for (const words of commands) {
      expect(words.some(w => SHELLS.test(w) || w === '-c')).toBe(false);
    }
    expect(appC.lifecycle.postStart).toBeUndefined();
    expect(JSON.stringify(appC.lifecycle)).not.toMatch(/"sh"|-c"|nacos-lifecycle\.sh/);
    expect(envNames(appC).filter(n => n.startsWith('NACOS_HOOK_'))).toEqual([]);
  });

  test('the app container waits in its preStop with a static sleep copied in by an init container', () => {
    // 1 server × 1 call × 3 s, then the 40 s wait: as long as the sidecar may take to disable, plus the wait.
    // An enable in flight (3 s), 1 server × 1 call × 3 s, then the 40 s wait.
    expect(appC.lifecycle.preStop).toEqual({ exec: { command: ['/nacos-lifecycle/bin/sleep', '46'] } });
    const init = pod.initContainers.find((c: Json) => c.name === 'nacos-lifecycle-install');
    expect(init.command).toEqual(['cp', '/bin/busybox', '/nacos-lifecycle/bin/sleep']);
    expect(init.image).toBe('busybox:1.36.1-musl');
    const binVolume = pod.volumes.find((v: Json) => v.name === 'nacos-lifecycle-bin');
    expect(binVolume.emptyDir).toBeDefined();
    expect(init.volumeMounts).toEqual([{ mountPath: '/nacos-lifecycle/bin', name: 'nacos-lifecycle-bin' }]);
    expect(appC.volumeMounts).toContainEqual({ mountPath: '/nacos-lifecycle/bin', name: 'nacos-lifecycle-bin', readOnly: true });
  });

  test('the sidecar disables in its preStop and enables on start, reading every variable the script needs', () => {
    expect(side.command).toEqual(['sh', '/nacos-lifecycle/script/nacos-lifecycle.sh', 'sidecar']);
    expect(side.lifecycle.preStop).toEqual({ exec: { command: ['sh', '/nacos-lifecycle/script/nacos-lifecycle.sh', 'disable'] } });
    for (const v of SCRIPT_VARS) {
      if (v === NACOS_HOOK_ENV.log || v.endsWith('_USERNAME') || v.endsWith('_PASSWORD')) continue;
      expect(envNames(side)).toContain(v);
    }
    expect(side.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65534, readOnlyRootFilesystem: true });
    expect(side.resources.requests).toEqual({ cpu: '10m', memory: '16Mi' });
    expect(side.ports).toBeUndefined();
    const annotations = kind(objects, 'Deployment').spec.template.metadata.annotations;
    expect(JSON.parse(annotations[PRESTOP_SECONDS_ANNOTATION])).toEqual({ app: 46, 'nacos-lifecycle': 6 });
    expect(JSON.parse(annotations[SHUTDOWN_SECONDS_ANNOTATION])).toEqual({ app: 30, 'nacos-lifecycle': 0 });
    // No postStart in sidecar mode: the sidecar's main process runs the enable loop.
    expect(annotations[POSTSTART_SECONDS_ANNOTATION]).toBeUndefined();
    expect(pod.terminationGracePeriodSeconds).toBe(3 + 3 + 40 + 30 + 0 + 5);
  });

  test('the init container and the sidecar show their last log lines when they fail; the sidecar keeps the state', () => {
    const init = pod.initContainers.find((c: Json) => c.name === 'nacos-lifecycle-install');
    expect(init.terminationMessagePolicy).toBe('FallbackToLogsOnError');
    expect(side.terminationMessagePolicy).toBe('FallbackToLogsOnError');
    expect(appC.terminationMessagePolicy).toBe('FallbackToLogsOnError');
    const mount = side.volumeMounts.find((m: Json) => m.mountPath === NACOS_STATE_DIR);
    expect(pod.volumes.find((v: Json) => v.name === mount.name).emptyDir).toEqual({ medium: 'Memory', sizeLimit: '1Mi' });
    expect(appC.volumeMounts.some((m: Json) => m.mountPath === NACOS_STATE_DIR)).toBe(false);
  });

  test('a busybox copied under the name sleep runs as sleep with no shell and no PATH', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nacos-bin-'));
    try {
      fs.copyFileSync('/usr/bin/busybox', path.join(dir, 'sleep'));
      fs.chmodSync(path.join(dir, 'sleep'), 0o755);
      expect(() => execFileSync(path.join(dir, 'sleep'), ['0'], { env: {} })).not.toThrow();
      expect(() => execFileSync(path.join(dir, 'sleep'), ['not-a-number'], { env: {}, stdio: 'pipe' })).toThrow();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Env of a rendered container as the kubelet would give it, with the downward API and Secret filled in. */
function renderedEnv(c: Json, filled: { podIp: string; username?: string; password?: string }): Record<string, string> {
  const env: Record<string, string> = {};
  for (const e of c.env as Json[]) {
    if (e.value !== undefined) env[e.name] = e.value;
    else if (e.valueFrom?.fieldRef?.fieldPath === 'status.podIP') env[e.name] = filled.podIp;
    else if (e.valueFrom?.secretKeyRef?.key === 'username' && filled.username) env[e.name] = filled.username;
    else if (e.valueFrom?.secretKeyRef?.key === 'password' && filled.password) env[e.name] = filled.password;
  }
  return env;
}

describe('the rendered script with the rendered env, against a local Nacos', () => {
  let sandbox: HookSandbox;
  let nacos: MockNacosServer;
  const instance: InstanceKey = { namespaceId: NAMESPACE, serviceName: 'jdd-parking-cloud-admin', ip: '10.1.2.3', port: 8093 };
  const SERVER = 'nacos-0.nacos.infra:8848';
  beforeEach(async () => {
    nacos = await MockNacosServer.start({ version: '3.x', instances: [instance], auth: { username: 'deployer', password: 's3cret!' } });
  });
  afterEach(async () => {
    await nacos.close();
    sandbox?.cleanup();
  });

  function render(props: Partial<NacosRegisteredAppProps>, nacosProps: Partial<NacosRegisteredAppProps['nacos']> = {}): Json[] {
    const chart = new Chart(Testing.app(), 'nacos');
    const secret = plus.Secret.fromSecretName(chart, 'creds', 'nacos-creds');
    new NacosRegisteredApp(chart, 'admin', baseProps({ serverAddr: SERVER, serverVersion: '3.x', auth: { secret }, ...nacosProps }, props));
    const objects = Testing.synth(chart) as Json[];
    sandbox = new HookSandbox(kind(objects, 'ConfigMap').data['nacos-lifecycle.sh']);
    return objects;
  }

  /**
   * The container's env as the kubelet gives it, except where the pod would reach its Nacos server
   * and mount its state emptyDir: there the test's local server and a fresh directory stand in.
   */
  function podEnv(objects: Json[], runner: Json, state = sandbox.stateDir()): Record<string, string> {
    const env = renderedEnv(runner, { podIp: '10.1.2.3', username: 'deployer', password: 's3cret!' });
    expect(env[SPRING_NACOS_ENV.serverAddr]).toBe(SERVER);
    expect(env[NACOS_HOOK_ENV.state]).toBe('/nacos-lifecycle/run');
    const mount = (runner.volumeMounts as Json[]).find(m => m.mountPath === env[NACOS_HOOK_ENV.state])!;
    expect(podSpec(objects).volumes.find((v: Json) => v.name === mount.name).emptyDir).toEqual({ medium: 'Memory', sizeLimit: '1Mi' });
    return { ...env, [SPRING_NACOS_ENV.serverAddr]: nacos.address, [NACOS_HOOK_ENV.state]: state };
  }

  test.each(['app-container', 'sidecar'] as const)('%s: the preStop command disables the pod\'s instance', async deregisterFrom => {
    const objects = render({}, { deregisterFrom });
    const runner = container(objects, deregisterFrom === 'sidecar' ? 'nacos-lifecycle' : 'app');
    const command: string[] = runner.lifecycle.preStop.exec.command;
    expect(command.slice(0, 2)).toEqual(['sh', '/nacos-lifecycle/script/nacos-lifecycle.sh']);
    const r = await sandbox.run({ shell: 'busybox', client: 'nc', mode: command[2], env: podEnv(objects, runner) });
    expect(r.code).toBe(0);
    expect(nacos.state(instance)?.enabled).toBe(false);
    const update = nacos.instanceRequests[0];
    expect(update.method).toBe('PUT');
    expect(update.path).toBe('/nacos/v3/admin/ns/instance/partial');
    expect(update.query).toMatchObject({ serviceName: 'jdd-parking-cloud-admin', ip: '10.1.2.3', port: '8093', namespaceId: NAMESPACE, enabled: 'false', weight: '1' });
    expect(r.sleeps).toEqual(deregisterFrom === 'sidecar' ? [] : ['40']);
  });

  test('the preStop\'s waits are its budget parts: an enable in flight, then the longer of the deregister wait and the drain', async () => {
    // Worst case: a start-up enable request that never ends (its lock stays), and Nacos refusing.
    const objects = render({ drainDelay: Duration.seconds(5) });
    const app = container(objects, 'app');
    const state = sandbox.stateDir();
    fs.writeFileSync(path.join(state, 'enabling'), '1\n');
    const env = { ...podEnv(objects, app, state), [SPRING_NACOS_ENV.serverAddr]: await refusedAddress() };
    const r = await sandbox.run({ shell: 'busybox', client: 'nc', mode: 'prestop', env });
    expect(r.code).toBe(1);
    const deployment = kind(objects, 'Deployment');
    const declared = JSON.parse(deployment.spec.template.metadata.annotations[PRESTOP_SECONDS_ANNOTATION]).app;
    // What the script sleeps is what the budget reserves besides the HTTP calls.
    const requests = 2 * 3; // 1 server × (login + update) × 3 s
    expect(r.sleeps.map(Number).reduce((a, b) => a + b, 0)).toBe(declared - requests);
    expect(r.sleeps).toEqual(['1', '1', '1', '40']);
  });

  test('app-container: the user\'s postStart runs inside the construct\'s: the enable job starts, then the command is the hook', async () => {
    nacos.register(instance, { enabled: false, weight: 1 });
    const objects = render({ postStart: LifecycleHook.shell('echo warmed; exit 3') });
    const app = container(objects, 'app');
    const command: string[] = app.lifecycle.postStart.exec.command;
    expect(command).toEqual(['sh', '/nacos-lifecycle/script/nacos-lifecycle.sh', 'poststart', 'sh', '-c', 'echo warmed; exit 3']);
    const log = sandbox.logFile();
    const r = await sandbox.run({
      shell: 'busybox', client: 'nc', mode: command[2], args: command.slice(3), realSleep: true,
      env: { ...podEnv(objects, app), NACOS_HOOK_LOG: log },
    });
    // The user's status and output are the hook's: the kubelet kills the container on exit 3.
    expect([r.code, r.stdout]).toEqual([3, 'warmed\n']);
    // The enable job was started first and is not the user's command's business.
    for (let i = 0; i < 200 && !fs.readFileSync(log, 'utf8').includes('enabled jdd'); i++) await new Promise(res => setTimeout(res, 100));
    expect(nacos.state(instance)?.enabled).toBe(true);
  });
});
