/** GracefulWebService: what it synthesizes, the budget behind its grace period, and its prop errors. */
import { Duration, Testing, type Chart } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { GracefulWebService, type GracefulWebServiceProps } from '../../src/graceful-web-service';
import { LifecycleConfigError } from '../../src/errors';
import { LifecycleHook } from '../../src/hooks/lifecycle-hook';

type Json = Record<string, any>;

const BASE: GracefulWebServiceProps = {
  name: 'shop',
  image: 'nginxinc/nginx-unprivileged:1.27-alpine',
  port: 8080,
  securityContext: { user: 101, group: 101 },
};

function synth(props: Partial<GracefulWebServiceProps> = {}, chart: Chart = Testing.chart()): { deployment: Json; service: Json; pdb: Json; container: Json; pod: Json } {
  new GracefulWebService(chart, 'web', { ...BASE, ...props } as GracefulWebServiceProps);
  return pick(Testing.synth(chart) as Json[]);
}

function pick(objects: Json[], name = 'shop') {
  const find = (kind: string) => objects.find(o => o.kind === kind && o.metadata.name === name)!;
  const deployment = find('Deployment');
  return { deployment, service: find('Service'), pdb: find('PodDisruptionBudget'), pod: deployment.spec.template, container: deployment.spec.template.spec.containers[0] };
}

function errorOf(props: Partial<GracefulWebServiceProps>): LifecycleConfigError {
  const chart = Testing.chart();
  try {
    new GracefulWebService(chart, 'web', { ...BASE, ...props } as GracefulWebServiceProps);
  } catch (err) {
    expect(err).toBeInstanceOf(LifecycleConfigError);
    return err as LifecycleConfigError;
  }
  throw new Error('no error');
}

describe('selection', () => {
  test('Deployment, Service and PodDisruptionBudget select exactly the same pods', () => {
    const { deployment, service, pdb, pod } = synth({ podLabels: { team: 'web' } });
    const selector = deployment.spec.selector.matchLabels;
    expect(Object.keys(selector).length).toBeGreaterThan(0);
    expect(service.spec.selector).toEqual(selector);
    expect(pdb.spec.selector).toEqual({ matchLabels: selector });
    expect(pod.metadata.labels).toMatchObject(selector);
    // Extra pod labels do not widen or narrow the selector.
    expect(pod.metadata.labels.team).toBe('web');
    expect(selector.team).toBeUndefined();
  });

  test('two services in one namespace select disjoint pods', () => {
    const chart = Testing.chart();
    new GracefulWebService(chart, 'a', { ...BASE, name: 'a' });
    new GracefulWebService(chart, 'b', { ...BASE, name: 'b' });
    const objects = Testing.synth(chart) as Json[];
    const a = pick(objects, 'a');
    const b = pick(objects, 'b');
    const matches = (selector: Json, labels: Json) => Object.entries(selector).every(([k, v]) => labels[k] === v);
    expect(matches(a.service.spec.selector, a.pod.metadata.labels)).toBe(true);
    expect(matches(a.service.spec.selector, b.pod.metadata.labels)).toBe(false);
    expect(matches(b.pdb.spec.selector.matchLabels, a.pod.metadata.labels)).toBe(false);
  });

  test('the Service targets the container port by number and names it like the container port', () => {
    const { service, container } = synth({ servicePort: 8000 });
    expect(service.spec.ports).toEqual([{ name: 'http', port: 8000, targetPort: 8080 }]);
    expect(container.ports).toEqual([{ containerPort: 8080, name: 'http' }]);
  });
});

describe('rollout and disruption', () => {
  test('rolling update never takes a ready pod away first', () => {
    const { deployment } = synth();
    expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(deployment.spec.replicas).toBe(2);
  });

  test('the PodDisruptionBudget keeps one pod up, and lets unready pods be evicted', () => {
    const { pdb } = synth();
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.spec.minAvailable).toBe(1);
    // A crash-looping pod must not block node drains (it serves nothing anyway).
    expect(pdb.spec.unhealthyPodEvictionPolicy).toBe('AlwaysAllow');
  });
});

describe('termination budget', () => {
  test('the grace period is drain + shutdown + margin by default', () => {
    const web = new GracefulWebService(Testing.chart(), 'web', BASE);
    expect(web.termination.gracePeriodSeconds).toBe(5 + 30 + 5);
    expect(web.termination.parts.map(p => p.name)).toEqual(['drainDelay', 'shutdownTimeout', 'terminationMargin']);
  });

  test('a preStop command adds its timeout to the budget', () => {
    const { pod } = synth({ preStopCommand: ['nginx', '-s', 'quit'], preStopCommandTimeout: Duration.seconds(3), drainDelay: Duration.seconds(10), shutdownTimeout: Duration.seconds(20) });
    expect(pod.spec.terminationGracePeriodSeconds).toBe(10 + 3 + 20 + 5);
    expect(pod.metadata.annotations['lifecycle.cdk8s.io/prestop-seconds']).toBe('{"app":13}');
    expect(pod.metadata.annotations['lifecycle.cdk8s.io/shutdown-seconds']).toBe('{"app":20}');
  });

  test('an explicit grace period at or above the budget is kept', () => {
    const { pod } = synth({ terminationGracePeriod: Duration.minutes(1) });
    expect(pod.spec.terminationGracePeriodSeconds).toBe(60);
  });

  test('an explicit grace period below the budget names terminationGracePeriod, the parts and the fix', () => {
    const err = errorOf({ terminationGracePeriod: Duration.seconds(30) });
    expect(err.constructPath).toBe('test/web');
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0].prop).toBe('terminationGracePeriod');
    expect(err.message).toContain('invalid props for test/web');
    expect(err.message).toContain('terminationGracePeriod: 30 s is shorter than the termination budget (drainDelay 5 s + shutdownTimeout 30 s + terminationMargin 5 s = 40 s)');
    expect(err.message).toContain('SIGKILLed 10 s before');
    expect(err.message).toContain('fix: raise terminationGracePeriod to at least Duration.seconds(40)');
  });
});

describe('preStop', () => {
  test('drains with a plain sleep when there is no stop command (no shell needed)', () => {
    const { container } = synth();
    expect(container.lifecycle.preStop).toEqual({ exec: { command: ['sleep', '5'] } });
  });

  test('drains first, then runs the stop command, quoted for sh', () => {
    const { container } = synth({ preStopCommand: ['/app/stop', '--reason', "it's time"] });
    expect(container.lifecycle.preStop).toEqual({ exec: { command: ['sh', '-c', "sleep 5; exec /app/stop --reason 'it'\\''s time'"] } });
  });

  test('no drain and no command: no preStop at all', () => {
    const { container } = synth({ drainDelay: Duration.seconds(0) });
    expect(container.lifecycle).toBeUndefined();
  });

  test('no drain with a command: just the command', () => {
    const { container } = synth({ drainDelay: Duration.seconds(0), preStopCommand: ['nginx', '-s', 'quit'] });
    expect(container.lifecycle.preStop).toEqual({ exec: { command: ['sh', '-c', 'exec nginx -s quit'] } });
  });

  test('a postStart hook is passed through', () => {
    const { container } = synth({ postStart: LifecycleHook.exec(['touch', '/tmp/started']) });
    expect(container.lifecycle.postStart).toEqual({ exec: { command: ['touch', '/tmp/started'] } });
  });
});

describe('the container', () => {
  test('has readiness, liveness and startup probes on the named port', () => {
    const { container } = synth({ healthPath: '/healthz', readiness: { path: '/ready' } });
    expect(container.readinessProbe).toMatchObject({ httpGet: { path: '/ready', port: 'http' }, periodSeconds: 5, failureThreshold: 2 });
    expect(container.livenessProbe).toMatchObject({ httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10, failureThreshold: 3, successThreshold: 1 });
    expect(container.startupProbe).toMatchObject({ httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 2, failureThreshold: 30, successThreshold: 1 });
  });

  test('startup: false leaves no startup probe (cdk8s-plus adds none either)', () => {
    const { container } = synth({ startup: false });
    expect(container.startupProbe).toBeUndefined();
  });

  test('shows the last log lines when it fails without a termination message', () => {
    expect(synth().container.terminationMessagePolicy).toBe('FallbackToLogsOnError');
  });

  test('gets the downward-API env by default, merged with the user env', () => {
    const { container } = synth({ env: { LOG_LEVEL: plus.EnvValue.fromValue('info') } });
    expect(container.env.map((e: Json) => e.name)).toEqual(['POD_NAME', 'POD_NAMESPACE', 'POD_IP', 'NODE_NAME', 'LOG_LEVEL']);
    expect(container.env[2]).toEqual({ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } });
  });

  test('downwardApi: false sets none', () => {
    expect(synth({ downwardApi: false }).container.env).toBeUndefined();
  });

  test('runs non-root with a read-only root filesystem, writing to emptyDirs', () => {
    const { container, pod } = synth({ writablePaths: ['/tmp', '/var/cache/nginx'] });
    expect(container.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, runAsUser: 101, allowPrivilegeEscalation: false });
    expect(container.volumeMounts).toEqual([{ mountPath: '/tmp', name: 'writable-0' }, { mountPath: '/var/cache/nginx', name: 'writable-1' }]);
    expect(pod.spec.volumes).toEqual([{ name: 'writable-0', emptyDir: {} }, { name: 'writable-1', emptyDir: {} }]);
  });

  test('/tmp is writable by default', () => {
    expect(synth().container.volumeMounts).toEqual([{ mountPath: '/tmp', name: 'writable-0' }]);
  });
});

describe('bad props fail with the construct path, the prop and the fix', () => {
  test.each([
    [{ port: 0 }, 'port', '0 is not a port number'],
    [{ port: 70000 }, 'port', '70000 is not a port number'],
    [{ port: 80.5 }, 'port', '80.5 is not a port number'],
    [{ servicePort: -1 }, 'servicePort', '-1 is not a port number'],
    [{ name: 'Shop' }, 'name', 'not a valid DNS-1035 label'],
    [{ name: '1shop' }, 'name', 'not a valid DNS-1035 label'],
    [{ name: 'a'.repeat(64) }, 'name', 'not a valid DNS-1035 label'],
    [{ containerName: 'my_app' }, 'containerName', 'not a valid DNS-1123 label'],
    [{ portName: 'http-' }, 'portName', 'not an IANA service name'],
    [{ portName: 'abcdefghijklmnop' }, 'portName', 'not an IANA service name'],
    [{ replicas: -1 }, 'replicas', 'not an integer >= 0'],
    [{ image: 'nginx latest' }, 'image', 'not an image reference'],
    [{ preStopCommand: [] }, 'preStopCommand', 'the command is empty'],
    [{ drainDelay: Duration.millis(1500) }, 'drainDelay', 'not a whole number of seconds'],
    [{ shutdownTimeout: Duration.seconds(0.0001) }, 'shutdownTimeout', 'not a whole number of seconds'],
    [{ terminationMargin: Duration.seconds(NaN) }, 'terminationMargin', 'not a duration'],
    [{ readiness: { period: Duration.seconds(20) } }, 'readiness', 'no faster than liveness'],
  ] as [Partial<GracefulWebServiceProps>, string, string][])('%j → %s', (props, prop, message) => {
    const err = errorOf(props);
    const problem = err.problems.find(p => p.prop === prop);
    expect(problem).toBeDefined();
    expect(problem!.message).toContain(message);
    expect(problem!.fix.length).toBeGreaterThan(10);
    expect(err.message).toContain('invalid props for test/web');
    expect(err.message).toContain(`  - ${prop}: `);
  });

  test('a 15-character port name is a valid IANA name', () => {
    expect(synth({ portName: 'abcdefghijklmno' }).container.ports[0].name).toBe('abcdefghijklmno');
  });

  test('a preStop must leave the app the kubelet\'s 2 s: no shutdown time and no margin is refused', () => {
    // Found by the property test: with everything at 0 the grace period would be 0 and cut the hook off.
    const zero = Duration.seconds(0);
    for (const props of [
      { preStopCommand: ['nginx', '-s', 'quit'], drainDelay: zero, preStopCommandTimeout: zero, shutdownTimeout: zero, terminationMargin: zero },
      { drainDelay: Duration.seconds(5), shutdownTimeout: zero, terminationMargin: Duration.seconds(1) },
    ]) {
      const err = errorOf(props);
      expect(err.problems.map(p => p.prop)).toEqual(['terminationMargin']);
      expect(err.message).toContain('at least 2 s after the preStop');
    }
    expect(synth({ drainDelay: Duration.seconds(0), shutdownTimeout: Duration.seconds(0), terminationMargin: Duration.seconds(0) }).container.lifecycle).toBeUndefined();
  });

  test('writablePaths must be absolute and listed once', () => {
    expect(errorOf({ writablePaths: ['/tmp', '/tmp/'] }).problems.map(p => p.message)).toEqual(['"/tmp/" is listed twice: volumeMounts\' mountPath must be unique']);
    expect(errorOf({ writablePaths: ['tmp'] }).problems.map(p => p.prop)).toEqual(['writablePaths']);
  });

  test('every problem is reported at once', () => {
    const err = errorOf({ port: 0, name: 'Bad', terminationGracePeriod: Duration.seconds(1) });
    expect(err.problems.map(p => p.prop).sort()).toEqual(['name', 'port', 'terminationGracePeriod']);
  });

  test('cdk8s itself refuses a negative Duration where it is written, before any construct sees it', () => {
    // Documented limit: `Duration.seconds(-5)` throws in the user's own expression.
    expect(() => Duration.seconds(-5)).toThrow(/cannot be negative/);
  });
});
