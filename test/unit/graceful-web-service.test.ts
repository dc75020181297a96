/** GracefulWebService: what it synthesizes, the budget behind its grace period, and its prop errors. */
import { ApiObject, Chart, Duration, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import * as plus from 'cdk8s-plus-28';
import { GracefulWebService, type GracefulWebServiceProps } from '../../src/graceful-web-service';
import { LifecycleConfigError } from '../../src/errors';
import { LifecycleHook } from '../../src/hooks/lifecycle-hook';
import type { Finding } from '../../src/validation/finding';
import { LifecycleValidation } from '../../src/validation/synth-validation';

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

  test('strategy and imagePullPolicy are props', () => {
    const { deployment, container } = synth({ strategy: plus.DeploymentStrategy.recreate(), imagePullPolicy: plus.ImagePullPolicy.IF_NOT_PRESENT });
    expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
    expect(container.imagePullPolicy).toBe('IfNotPresent');
    const rolling = synth({ strategy: plus.DeploymentStrategy.rollingUpdate({ maxSurge: plus.PercentOrAbsolute.percent(50), maxUnavailable: plus.PercentOrAbsolute.absolute(1) }) });
    expect(rolling.deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '50%', maxUnavailable: 1 } });
    expect(synth().container.imagePullPolicy).toBe('Always');
  });

  test('the PodDisruptionBudget keeps one pod up, and lets unready pods be evicted', () => {
    const { pdb } = synth();
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.spec.minAvailable).toBe(1);
    // A crash-looping pod must not block node drains (it serves nothing anyway).
    expect(pdb.spec.unhealthyPodEvictionPolicy).toBe('AlwaysAllow');
  });
});

describe('PodDisruptionBudget and Service props', () => {
  test.each([
    [{ maxUnavailable: 1 }],
    [{ minAvailable: '50%' }],
    [{ maxUnavailable: '25%' }],
  ])('podDisruptionBudget %j', budget => {
    const { pdb } = synth({ podDisruptionBudget: budget });
    expect(pdb.spec).toEqual({ ...budget, selector: pdb.spec.selector, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
  });

  test('podDisruptionBudget: false makes none; service: false makes no Service', () => {
    const chart = Testing.chart();
    const web = new GracefulWebService(chart, 'web', { ...BASE, podDisruptionBudget: false, service: false });
    expect(web.podDisruptionBudget).toBeUndefined();
    expect(web.service).toBeUndefined();
    expect((Testing.synth(chart) as Json[]).map(o => o.kind)).toEqual(['Deployment']);
  });

  test('service: { type, port, nodePort }', () => {
    const { service } = synth({ service: { type: plus.ServiceType.NODE_PORT, port: 8000, nodePort: 30080 } });
    expect(service.spec.type).toBe('NodePort');
    expect(service.spec.ports).toEqual([{ name: 'http', port: 8000, targetPort: 8080, nodePort: 30080 }]);
  });

  test('the deprecated servicePort and serviceType still work', () => {
    const { service } = synth({ servicePort: 8000, serviceType: plus.ServiceType.LOAD_BALANCER });
    expect(service.spec.type).toBe('LoadBalancer');
    expect(service.spec.ports).toEqual([{ name: 'http', port: 8000, targetPort: 8080 }]);
  });
});

describe('termination budget', () => {
  test('the grace period is drain + shutdown + margin by default', () => {
    const web = new GracefulWebService(Testing.chart(), 'web', BASE);
    expect(web.termination.gracePeriodSeconds).toBe(5 + 30 + 5);
    expect(web.termination.parts.map(p => p.name)).toEqual(['drainDelay', 'shutdownTimeout', 'terminationMargin']);
  });

  test('a preStop command adds its timeout to the budget; the app\'s shutdown is spent inside the preStop, counted once', () => {
    const chart = Testing.chart();
    const web = new GracefulWebService(chart, 'web', {
      ...BASE, preStopCommand: ['nginx', '-s', 'quit'], preStopCommandTimeout: Duration.seconds(3), drainDelay: Duration.seconds(10), shutdownTimeout: Duration.seconds(20),
    });
    const { pod } = pick(Testing.synth(chart) as Json[]);
    expect(pod.spec.terminationGracePeriodSeconds).toBe(10 + 3 + 20 + 5);
    expect(web.termination.parts.map(p => [p.name, p.seconds])).toEqual([['drainDelay', 10], ['preStopCommandTimeout', 3], ['shutdownTimeout', 20], ['terminationMargin', 5]]);
    expect(web.termination.waitsForExit).toBe(true);
    expect(web.termination.afterStopSeconds).toBe(0);
    // The preStop lasts until the app has exited; the app's shutdown (counted from the stop command)
    // is spent inside it, so nothing is left for the stop signal.
    expect(pod.metadata.annotations['lifecycle.cdk8s.io/prestop-seconds']).toBe('{"app":33}');
    expect(pod.metadata.annotations['lifecycle.cdk8s.io/shutdown-seconds']).toBe('{"app":20}');
  });

  test('awaitExit: false: the command returns at once, and the shutdown is counted after the stop signal', () => {
    const { pod, container } = synth({ preStopCommand: ['app-ctl', 'drain'], awaitExit: false, preStopCommandTimeout: Duration.seconds(3), drainDelay: Duration.seconds(10), shutdownTimeout: Duration.seconds(20) });
    expect(container.lifecycle.preStop).toEqual({ exec: { command: ['sh', '-c', 'sleep 10; exec app-ctl drain'] } });
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

  test('drains first, runs the stop command quoted for sh, then waits for PID 1 (the script\'s $1) for at most shutdownTimeout', () => {
    const { container } = synth({ preStopCommand: ['/app/stop', '--reason', "it's time"], shutdownTimeout: Duration.seconds(12) });
    const [sh, c, script, ...positional] = container.lifecycle.preStop.exec.command;
    expect([sh, c, positional]).toEqual(['sh', '-c', ['prestop', '1']]);
    expect(script.split('\n')[0]).toBe('sleep 5');
    expect(script).toMatch(/^sleep 5\n\(exec \/app\/stop --reason 'it'\\''s time'\) \|\| \{[^\n]*\npid=\$1 #/);
    expect(script).toContain('while kill -0 "$pid" 2>/dev/null; do\n  if [ "$i" -ge 12 ]; then');
  });

  test('awaitExit: { pidFile } reads the PID from the file just before the command, for a shared process namespace', () => {
    const { container } = synth({ preStopCommand: ['nginx', '-s', 'quit'], awaitExit: { pidFile: '/tmp/nginx.pid' } });
    const [, , script, ...positional] = container.lifecycle.preStop.exec.command;
    expect(positional).toEqual(['prestop']);
    expect(script).toMatch(/^sleep 5\nread -r pid < "\/tmp\/nginx\.pid" \|\| \{[^\n]*exit 1; \}\n\(exec nginx -s quit\) \|\|/);
  });

  test('no drain and no command: no preStop at all, and no prestop-seconds annotation', () => {
    const { container, pod } = synth({ drainDelay: Duration.seconds(0) });
    expect(container.lifecycle).toBeUndefined();
    expect(pod.metadata.annotations['lifecycle.cdk8s.io/prestop-seconds']).toBeUndefined();
  });

  test('no drain with a command: the command and the wait; behind its Service that loses requests, refused in its props', () => {
    const props: Partial<GracefulWebServiceProps> = { drainDelay: Duration.seconds(0), preStopCommand: ['nginx', '-s', 'quit'] };
    const err = errorOf(props);
    expect(err.problems.map(p => p.prop)).toEqual(['drainDelay']);
    expect(err.message).toMatch(/drainDelay: 0 s before preStopCommand stops the app, while endpoint removal takes ≈5 s: its Service still routes requests to the pod for 5 s/);
    // 3 s leaves 2 s of requests to a stopped app; 5 s (the default) is enough.
    expect(errorOf({ ...props, drainDelay: Duration.seconds(3) }).message).toContain('for 2 s after the app stops accepting them');
    expect(() => synth({ ...props, drainDelay: Duration.seconds(5) })).not.toThrow();
    // Where no Service routes to the pods, nothing is lost.
    const script: string = synth({ ...props, service: false }).container.lifecycle.preStop.exec.command[2];
    expect(script).not.toMatch(/^sleep/m);
    expect(script).toMatch(/^\(exec nginx -s quit\) \|\| \{/);
  });

  test('no preStopCommand and no drain behind a Service: the rule warns, with the fix in the props', () => {
    const chart = Testing.chart();
    const warnings: string[] = [];
    LifecycleValidation.enable(chart, { onWarning: m => warnings.push(m) });
    new GracefulWebService(chart, 'web', { ...BASE, drainDelay: Duration.seconds(0) });
    Testing.synth(chart);
    expect(warnings.join('\n')).toMatch(/\[lifecycle\/traffic-after-stop\]\n\s+fix: in the props of test\/web: keep a drain before the app stops \(drainDelay/);
  });

  test("drain: 'sleep-action' lets the kubelet sleep: nothing needed from the image (Kubernetes 1.30+)", () => {
    // Rendered without synth validation, which targets Kubernetes 1.28 here, where `sleep` is an
    // unknown field: the synth fails there (checked below), as it must.
    const render = (props: Partial<GracefulWebServiceProps>) => {
      const web = new GracefulWebService(Testing.chart(), 'web', { ...BASE, ...props });
      const pod = (ApiObject.of(web.deployment).toJson() as Json).spec.template;
      return { pod, container: pod.spec.containers[0] };
    };
    const { container, pod } = render({ drain: 'sleep-action', drainDelay: Duration.seconds(7) });
    expect(container.lifecycle).toEqual({ preStop: { sleep: { seconds: 7 } } });
    expect(pod.metadata.annotations['lifecycle.cdk8s.io/prestop-seconds']).toBe('{"app":7}');
    expect(pod.spec.terminationGracePeriodSeconds).toBe(7 + 30 + 5);
    // Next to a postStart, too.
    const both = render({ drain: 'sleep-action', postStart: LifecycleHook.exec(['touch', '/tmp/started']) }).container;
    expect(both.lifecycle).toEqual({ postStart: { exec: { command: ['touch', '/tmp/started'] } }, preStop: { sleep: { seconds: 5 } } });
    expect(() => synth({ drain: 'sleep-action' })).toThrow(/lifecycle\.preStop: Required value: must specify a handler type.*\n\s+fix: drain: 'sleep-action' writes the kubelet's sleep action, added in Kubernetes 1\.30/);
  });

  test('the sleep action is in every synth of the app, with synth-time validation around it', () => {
    const app = Testing.app();
    // No rules: the 1.28 structure rules would refuse the field (Kubernetes 1.29+).
    LifecycleValidation.enable(app, { rules: [], onWarning: () => undefined });
    new GracefulWebService(new Chart(app, 'shop'), 'web', { ...BASE, drain: 'sleep-action' });
    for (let i = 0; i < 2; i++) {
      const [deployment] = YAML.parseAllDocuments(app.synthYaml()).map(d => d.toJS());
      expect([i, deployment.spec.template.spec.containers[0].lifecycle]).toEqual([i, { preStop: { sleep: { seconds: 5 } } }]);
    }
  });

  test("drain: 'sleep-action' synthesizes with every rule on Kubernetes 1.30+, and fails before, naming the version", () => {
    const synthFor = (k8sVersion: string) => {
      const app = Testing.app();
      const warnings: string[] = [];
      LifecycleValidation.enable(app, { k8sVersion, onWarning: m => warnings.push(m) });
      new GracefulWebService(new Chart(app, 'shop'), 'web', { ...BASE, drain: 'sleep-action' });
      return { yaml: () => app.synthYaml(), warnings };
    };
    for (const version of ['1.30', '1.33', '1.35']) {
      const { yaml, warnings } = synthFor(version);
      const deployment = YAML.parseAllDocuments(yaml()).map(d => d.toJS()).find(o => o.kind === 'Deployment');
      expect([version, deployment.spec.template.spec.containers[0].lifecycle]).toEqual([version, { preStop: { sleep: { seconds: 5 } } }]);
      expect([version, warnings]).toEqual([version, []]);
    }
    // 1.29: the field exists behind PodLifecycleSleepAction, alpha and off by default: the API server drops it.
    // Either way the fix is in the construct's terms: the version to validate for, or another drain.
    const fix = /fix: drain: 'sleep-action' writes the kubelet's sleep action, added in Kubernetes 1\.30 .*call LifecycleValidation\.enable\(app, \{ k8sVersion: '1\.30' \}\)/;
    expect(() => synthFor('1.29').yaml()).toThrow(/preStop\.sleep: [^\n]*PodLifecycleSleepAction[^\n]*\[api-server\/gated-field\]/);
    expect(() => synthFor('1.29').yaml()).toThrow(fix);
    // 1.28: the field does not exist yet.
    expect(() => synthFor('1.28').yaml()).toThrow(/preStop\.sleep: unknown field[^\n]*\[structure\/unknown-field\]/);
    expect(() => synthFor('1.28').yaml()).toThrow(fix);
  });

  test("drain: 'none': no drain, none in the budget", () => {
    const { container, pod } = synth({ drain: 'none' });
    expect(container.lifecycle).toBeUndefined();
    expect(pod.spec.terminationGracePeriodSeconds).toBe(30 + 5);
    // With a command that stops the app, only where no Service routes to it.
    const withCommand = synth({ drain: 'none', preStopCommand: ['nginx', '-s', 'quit'], service: false }).container;
    expect(withCommand.lifecycle.preStop.exec.command[2]).not.toMatch(/^sleep/m);
    expect(errorOf({ drain: 'none', preStopCommand: ['nginx', '-s', 'quit'] }).problems.map(p => p.prop)).toEqual(['drain']);
  });

  test('a postStart hook is passed through; it declares no duration unless it has an expectedDuration', () => {
    const { container, pod } = synth({ postStart: LifecycleHook.exec(['touch', '/tmp/started']) });
    expect(container.lifecycle.postStart).toEqual({ exec: { command: ['touch', '/tmp/started'] } });
    // Nothing declared: the linter and explain read the hook's own sleeps.
    expect(pod.metadata.annotations['lifecycle.cdk8s.io/poststart-seconds']).toBeUndefined();
  });

  test('a postStart with an expectedDuration declares it in the poststart-seconds annotation', () => {
    const started = synth({ postStart: LifecycleHook.shell('/app/warm-up.sh', { expectedDuration: Duration.seconds(12) }) }).pod;
    expect(started.metadata.annotations['lifecycle.cdk8s.io/poststart-seconds']).toBe('{"app":12}');
    const background = synth({ containerName: 'web', postStart: LifecycleHook.shell('/app/warm-up.sh &', { expectedDuration: Duration.seconds(0) }) }).pod;
    expect(background.metadata.annotations['lifecycle.cdk8s.io/poststart-seconds']).toBe('{"web":0}');
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

describe('warnings at synth', () => {
  function synthWarnings(props: Partial<GracefulWebServiceProps>): { web: GracefulWebService; seen: Array<[string, Finding]> } {
    const app = Testing.app();
    const seen: Array<[string, Finding]> = [];
    LifecycleValidation.enable(app, { onWarning: (message, finding) => seen.push([message, finding]) });
    const web = new GracefulWebService(new Chart(app, 'shop'), 'web', { ...BASE, ...props });
    app.synthYaml();
    return { web, seen };
  }

  test('ensureNonRoot without a numeric user: the pod will likely not start; the warning names the prop and the fix', () => {
    const { web, seen } = synthWarnings({ securityContext: undefined });
    expect(web.warnings.map(w => w.prop)).toEqual(['securityContext.user']);
    const [message, finding] = seen.find(([, f]) => f.rule === 'construct/props')!;
    expect(message).toMatch(/^warning: shop\/web: securityContext\.user: is not set while ensureNonRoot is on: .* refuses to start the container .* \[construct\/props\]\n {4}fix: set securityContext: \{ user: <the image's numeric non-root UID> \}/);
    expect(finding).toMatchObject({ severity: 'warning', path: 'securityContext.user', kind: 'Deployment', name: 'shop' });
    expect(seen.filter(([, f]) => f.rule === 'construct/props')).toHaveLength(1);
  });

  test('no such warning with a user, or with ensureNonRoot: false', () => {
    for (const securityContext of [{ user: 1000 }, { ensureNonRoot: false, readOnlyRootFilesystem: false }]) {
      const { web, seen } = synthWarnings({ securityContext });
      expect(web.warnings).toEqual([]);
      expect(seen.filter(([, f]) => f.rule === 'construct/props')).toEqual([]);
    }
  });

  test('replicas: 1 keeps the PodDisruptionBudget warning, whose fix now names the props that change it', () => {
    const pdbWarnings = (props: Partial<GracefulWebServiceProps>) => synthWarnings(props).seen.filter(([, f]) => f.rule === 'lifecycle/pdb-blocks-eviction');
    const [[message, finding]] = pdbWarnings({ replicas: 1 });
    expect(finding.fix).toContain('podDisruptionBudget: { maxUnavailable: 1 }');
    expect(finding.fix).toContain('podDisruptionBudget: false');
    expect(message).toContain(`fix: ${finding.fix}`);
    expect(pdbWarnings({ replicas: 1, podDisruptionBudget: { maxUnavailable: 1 } })).toEqual([]);
    expect(pdbWarnings({ replicas: 1, podDisruptionBudget: false })).toEqual([]);
  });
});

describe('containers added later', () => {
  test('addInitContainer and addContainer set FallbackToLogsOnError like the app container', () => {
    const chart = Testing.chart();
    const web = new GracefulWebService(chart, 'web', BASE);
    web.addInitContainer({ name: 'copy', image: 'busybox:1.36', command: ['true'], securityContext: { user: 65534 } });
    web.addInitContainer({ name: 'migrate', image: 'busybox:1.36', command: ['true'], securityContext: { user: 65534 } });
    web.addContainer({ name: 'sidecar', image: 'busybox:1.36', command: ['sleep', '3600'], securityContext: { user: 65534 } });
    const { pod } = pick(Testing.synth(chart) as Json[]);
    expect(pod.spec.initContainers.map((c: Json) => [c.name, c.terminationMessagePolicy])).toEqual([['copy', 'FallbackToLogsOnError'], ['migrate', 'FallbackToLogsOnError']]);
    expect(pod.spec.containers.map((c: Json) => [c.name, c.terminationMessagePolicy])).toEqual([['app', 'FallbackToLogsOnError'], ['sidecar', 'FallbackToLogsOnError']]);
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
    [{ drain: 'sleep' as never }, 'drain', 'not a drain mode'],
    [{ drain: 'sleep-action', preStopCommand: ['nginx', '-s', 'quit'] }, 'drain', 'cannot also run preStopCommand'],
    [{ drain: 'none', drainDelay: Duration.seconds(5) }, 'drainDelay', "drain is 'none'"],
    [{ awaitExit: 'main-process' }, 'awaitExit', 'no effect without preStopCommand'],
    [{ preStopCommand: ['nginx', '-s', 'quit'], awaitExit: { pidFile: 'nginx.pid' } }, 'awaitExit.pidFile', 'not an absolute path'],
    [{ securityContext: { user: 0 } }, 'securityContext.user', 'refuses to start the container'],
    [{ podDisruptionBudget: {} }, 'podDisruptionBudget', 'neither minAvailable nor maxUnavailable'],
    [{ podDisruptionBudget: { minAvailable: 1, maxUnavailable: 1 } }, 'podDisruptionBudget', 'both'],
    [{ podDisruptionBudget: { maxUnavailable: -1 } }, 'podDisruptionBudget.maxUnavailable', 'neither a count nor a percentage'],
    [{ podDisruptionBudget: { maxUnavailable: 1.5 } }, 'podDisruptionBudget.maxUnavailable', 'neither a count nor a percentage'],
    [{ podDisruptionBudget: { minAvailable: '150%' } }, 'podDisruptionBudget.minAvailable', 'neither a count nor a percentage'],
    [{ podDisruptionBudget: { minAvailable: 'half' } }, 'podDisruptionBudget.minAvailable', 'neither a count nor a percentage'],
    [{ service: { port: 0 } }, 'service.port', '0 is not a port number'],
    [{ service: { nodePort: 30080 } }, 'service.nodePort', 'ClusterIP'],
    [{ service: { type: plus.ServiceType.EXTERNAL_NAME } }, 'service.type', 'selects no pods'],
    [{ service: {}, servicePort: 8000 }, 'servicePort', 'next to service'],
    [{ serviceType: plus.ServiceType.EXTERNAL_NAME }, 'serviceType', 'selects no pods'],
    [{ strategy: plus.DeploymentStrategy.rollingUpdate({ maxSurge: plus.PercentOrAbsolute.absolute(-1) }) }, 'strategy.maxSurge', 'not a valid maxSurge'],
    [{ strategy: plus.DeploymentStrategy.rollingUpdate({ maxUnavailable: plus.PercentOrAbsolute.percent(150) }) }, 'strategy.maxUnavailable', 'not a valid maxUnavailable'],
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

  test('props that only a construct on top may set are refused next to its preStop', () => {
    const err = errorOf({ drain: 'none', awaitExit: false, preStopOverride: { hook: LifecycleHook.exec(['sleep', '9']), parts: [] } });
    expect(err.problems.map(p => p.prop)).toEqual(['drain', 'awaitExit']);
  });

  test('a preStop must leave the app the kubelet\'s 2 s: no shutdown time and no margin is refused', () => {
    // Found by the property test: with everything at 0 the grace period would be 0 and cut the hook off.
    const zero = Duration.seconds(0);
    for (const props of [
      { preStopCommand: ['nginx', '-s', 'quit'], drainDelay: zero, preStopCommandTimeout: zero, shutdownTimeout: zero, terminationMargin: zero, service: false as const },
      { drainDelay: Duration.seconds(5), shutdownTimeout: zero, terminationMargin: Duration.seconds(1) },
      // The preStop waits out the shutdown: only the margin is left after it.
      { preStopCommand: ['nginx', '-s', 'quit'], shutdownTimeout: Duration.seconds(30), terminationMargin: Duration.seconds(1) },
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
