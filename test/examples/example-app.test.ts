/**
 * The example app (src/main.ts → dist/): every seed scenario is there, done the way the seeds'
 * own advice says, the pods can start under cdk8s-plus-28's secure defaults, the output is
 * deterministic, and the committed dist/ is what the source synthesizes.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { lintObjects } from '../../src/validation/engine';
import { DEMO_NOTE_ANNOTATION, DEMO_OUTCOME_LABEL } from '../../src/examples/support';
import { readOutput, synthExampleApp } from './example-app';

type Json = Record<string, any>;

/** One file per scenario, besides the Nacos scenario (another test owns it). */
const SCENARIO_FILES = [
  'cache-warm-up.k8s.yaml',
  'fortune-site.k8s.yaml',
  'graceful-web.k8s.yaml',
  'lifecycle-demo.k8s.yaml',
  'liveness-exec.k8s.yaml',
  'liveness-http.k8s.yaml',
  'liveness-tcp.k8s.yaml',
  'pod-life-timing.k8s.yaml',
  'post-start-failing.k8s.yaml',
  'post-start-slow.k8s.yaml',
  'readiness.k8s.yaml',
  'sidecar-ambassador.k8s.yaml',
];

const app = synthExampleApp();
/** The scenarios' objects; the Nacos scenario has its own tests. */
const objects = SCENARIO_FILES.flatMap(f => (app.objectsByFile.get(f) ?? []) as Json[]);
const byName = (kind: string, name: string) => {
  const found = objects.find(o => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
const workloads = objects.filter(o => o.kind === 'Pod' || o.kind === 'Deployment');
const podSpecOf = (o: Json): Json => (o.kind === 'Pod' ? o.spec : o.spec.template.spec);
const podLabelsOf = (o: Json): Json => (o.kind === 'Pod' ? o.metadata.labels : o.spec.template.metadata.labels) ?? {};
const containersOf = (o: Json): Json[] => podSpecOf(o).containers;
const everyContainer = workloads.flatMap(w => [...containersOf(w), ...(podSpecOf(w).initContainers ?? [])].map(c => ({ w, c, spec: podSpecOf(w) })));

test('every scenario has its own file', () => {
  expect([...app.files.keys()]).toEqual(expect.arrayContaining(SCENARIO_FILES));
});

test.each([
  ['Deployment', 'fortune'], ['Pod', 'yunpan-poststart-slow'], ['Pod', 'yunpan-poststart-fail'], ['Pod', 'cache-warmup-demo'],
  ['Pod', 'liveness-exec'], ['Pod', 'liveness-exec-demo'], ['Pod', 'liveness-tcpsocket-demo'], ['Pod', 'nginx-tcp-liveness-probe'],
  ['Pod', 'liveness-httpget-demo'], ['Pod', 'readiness-httpget-demo'], ['Deployment', 'nginx-server'], ['Service', 'nginx-server'],
  ['Pod', 'lifecycle-demo'], ['Pod', 'sidecar-container-demo'], ['Service', 'sidecar-container-demo'], ['Deployment', 'loap'],
  ['Deployment', 'shop'], ['PodDisruptionBudget', 'shop'],
])('has the seeds\' %s %s', (kind, name) => {
  expect(byName(kind, name)).toBeDefined();
});

test('synthesizes without an error finding', () => {
  const errors = lintObjects(app.objects).filter(f => f.severity === 'error');
  expect(errors.map(f => `${f.kind}/${f.name} ${f.path}: ${f.message}`)).toEqual([]);
});

describe('the seeds\' bad practices are not reproduced', () => {
  test('no hostPath volume and no removed API version', () => {
    for (const w of workloads) expect((podSpecOf(w).volumes ?? []).filter((v: Json) => v.hostPath)).toEqual([]);
    expect(objects.filter(o => /v1beta1$/.test(o.apiVersion))).toEqual([]);
    expect(byName('Deployment', 'loap').apiVersion).toBe('apps/v1');
    expect(byName('Deployment', 'loap').spec.template.spec.volumes).toEqual([{ name: 'timing', emptyDir: {} }]);
  });

  test('no probe waits with initialDelaySeconds: serving containers get a startup probe', () => {
    for (const { c } of everyContainer) {
      for (const probe of [c.readinessProbe, c.livenessProbe, c.startupProbe]) expect(probe?.initialDelaySeconds ?? 0).toBe(0);
      if (c.ports) {
        expect(c.readinessProbe).toBeDefined();
        expect(c.livenessProbe).toBeDefined();
        expect(c.startupProbe).toBeDefined();
      }
    }
  });

  test('no httpGet postStart (it races the app) and no tcpSocket or host in any hook', () => {
    for (const { c } of everyContainer) {
      expect(c.lifecycle?.postStart?.httpGet).toBeUndefined();
      for (const handler of Object.values(c.lifecycle ?? {}) as Json[]) {
        expect(handler.tcpSocket).toBeUndefined();
        expect(handler.httpGet?.host).toBeUndefined();
      }
    }
  });

  test('the sidecar demo ships its envoy config in a ConfigMap, with no sleep and no download', () => {
    const pod = byName('Pod', 'sidecar-container-demo');
    const proxy = pod.spec.containers.find((c: Json) => c.name === 'proxy');
    expect(proxy.command).toBeUndefined();
    expect(proxy.lifecycle.postStart).toBeUndefined();
    const envoy = YAML.parse(byName('ConfigMap', 'sidecar-envoy-config').data['envoy.yaml']);
    const listener = envoy.static_resources.listeners[0];
    expect(listener.address.socket_address).toEqual({ address: '0.0.0.0', port_value: 8000 });
    expect(listener.filter_chains[0].filters[0].typed_config['@type']).toMatch(/http_connection_manager\.v3\.HttpConnectionManager$/);
    expect(envoy.static_resources.clusters[0].load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address)
      .toEqual({ address: '127.0.0.1', port_value: 8080 });
    expect(proxy.ports).toEqual([{ containerPort: 8000, name: 'http' }]);
    expect(byName('Service', 'sidecar-container-demo').spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8000 }]);
    // The app listens on 127.0.0.1 only: the kubelet can reach it through exec probes alone.
    const demo = pod.spec.containers.find((c: Json) => c.name === 'demo');
    for (const probe of [demo.readinessProbe, demo.livenessProbe, demo.startupProbe]) expect(probe.exec).toBeDefined();
  });
});

describe('the pods can start on a real cluster', () => {
  test('a container that must run as non-root has a numeric user the kubelet can verify', () => {
    for (const { w, c, spec } of everyContainer) {
      const nonRoot = c.securityContext?.runAsNonRoot ?? spec.securityContext?.runAsNonRoot ?? false;
      const user = c.securityContext?.runAsUser ?? spec.securityContext?.runAsUser;
      if (nonRoot) expect([w.metadata.name, c.name, typeof user === 'number' && user > 0]).toEqual([w.metadata.name, c.name, true]);
    }
  });

  test('root is an explicit choice, made for the root-only demo image only', () => {
    const root = everyContainer.filter(({ c }) => c.securityContext?.runAsNonRoot === false);
    expect(new Set(root.map(({ c }) => c.image))).toEqual(new Set(['ikubernetes/demoapp:v1.0']));
    for (const { c, spec } of root) {
      expect(c.securityContext.runAsUser).toBe(0);
      expect(spec.securityContext.runAsNonRoot).toBe(false);
      expect(c.securityContext.allowPrivilegeEscalation).toBe(false);
    }
  });

  test('nginx gets a writable /tmp on its read-only root filesystem', () => {
    const nginx = everyContainer.filter(({ c }) => c.image.startsWith('nginxinc/nginx-unprivileged') && !c.command);
    expect(nginx.length).toBeGreaterThan(0);
    for (const { c, spec } of nginx) {
      expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
      const tmp = c.volumeMounts.find((m: Json) => m.mountPath === '/tmp');
      expect(spec.volumes.find((v: Json) => v.name === tmp.name).emptyDir).toEqual({});
    }
  });

  test('every container and init container shows its last log lines when it fails (FallbackToLogsOnError)', () => {
    const missing = everyContainer.filter(({ c }) => c.terminationMessagePolicy !== 'FallbackToLogsOnError').map(({ w, c }) => `${w.kind}/${w.metadata.name}:${c.name}`);
    expect(missing).toEqual([]);
  });

  test('requests are small enough for a laptop cluster', () => {
    for (const { c } of everyContainer) expect(c.resources.requests.cpu).toBe('10m');
  });

  test('every Service selects exactly one workload\'s pods', () => {
    for (const service of objects.filter(o => o.kind === 'Service')) {
      const selector = Object.entries(service.spec.selector as Json);
      const selected = workloads.filter(w => selector.every(([k, v]) => podLabelsOf(w)[k] === v));
      expect([service.metadata.name, selected.length]).toEqual([service.metadata.name, 1]);
    }
  });
});

describe('demos say what they do', () => {
  test('the failing postStart demo is labelled as failing on purpose', () => {
    const pod = byName('Pod', 'yunpan-poststart-fail');
    expect(pod.metadata.labels[DEMO_OUTCOME_LABEL]).toBe('fails-on-purpose');
    expect(pod.metadata.annotations[DEMO_NOTE_ANNOTATION]).toMatch(/exits 1 on purpose/);
    expect(pod.spec.containers[0].lifecycle.postStart.exec.command[2]).toMatch(/exit 1$/);
  });

  test.each([
    ['Pod', 'yunpan-poststart-slow', 'slow-on-purpose'],
    ['Pod', 'liveness-exec', 'restarts-on-purpose'],
    ['Deployment', 'nginx-server', 'unready-until-you-act'],
    ['Pod', 'lifecycle-demo', 'runs'],
  ])('%s %s is labelled %s', (kind, name, outcome) => {
    expect(byName(kind, name).metadata.labels[DEMO_OUTCOME_LABEL]).toBe(outcome);
  });

  test('the readiness demo\'s note makes every replica ready, not one pod', () => {
    const site = byName('Deployment', 'nginx-server');
    const note: string = site.metadata.annotations[DEMO_NOTE_ANNOTATION];
    expect(site.spec.replicas).toBe(2);
    const [, key, value] = /for pod in \$\(kubectl get pods -l ([\w./-]+)=([\w.-]+) -o name\); do kubectl exec "\$pod" /.exec(note)!;
    // The label selects this Deployment's pods, and no other workload's.
    expect(site.spec.template.metadata.labels[key]).toBe(value);
    expect(workloads.filter(w => podLabelsOf(w)[key] === value)).toEqual([site]);
    expect(note).toContain("sh -c 'echo ready > /usr/share/nginx/html/test.html'");
  });

  test('the pod-life timing note starts following the log before the scale-down that ends the pod and its log', () => {
    const note: string = byName('Deployment', 'loap').metadata.annotations[DEMO_NOTE_ANNOTATION];
    const follow = note.indexOf('kubectl logs -f deploy/loap -c main');
    const scale = note.indexOf('kubectl scale deploy/loap --replicas=0');
    expect(follow).toBeGreaterThanOrEqual(0);
    expect(scale).toBeGreaterThan(follow);
  });

  test('every labelled demo carries a note', () => {
    for (const w of workloads.filter(o => o.metadata.labels?.[DEMO_OUTCOME_LABEL])) {
      expect(typeof w.metadata.annotations?.[DEMO_NOTE_ANNOTATION]).toBe('string');
    }
  });
});

describe('timing', () => {
  test('grace periods cover the hooks that wait', () => {
    expect(byName('Pod', 'lifecycle-demo').spec.terminationGracePeriodSeconds).toBe(10 + 2 + 5);
    expect(byName('Pod', 'sidecar-container-demo').spec.terminationGracePeriodSeconds).toBe(5 + 5 + 5);
    expect(byName('Deployment', 'shop').spec.template.spec.terminationGracePeriodSeconds).toBe(5 + 5 + 20 + 5);
  });

  test('the nginx preStops wait for nginx\'s exit: the shutdown is spent in the preStop, counted once', () => {
    for (const [name, shutdown] of [['shop', 20], ['fortune', 10], ['nginx-server', 10]] as const) {
      const template = byName('Deployment', name).spec.template;
      expect([name, template.metadata.annotations['lifecycle.cdk8s.io/prestop-seconds']]).toEqual([name, JSON.stringify({ app: 5 + 5 + shutdown })]);
      expect([name, template.metadata.annotations['lifecycle.cdk8s.io/shutdown-seconds']]).toEqual([name, JSON.stringify({ app: shutdown })]);
      expect([name, template.spec.terminationGracePeriodSeconds]).toEqual([name, 5 + 5 + shutdown + 5]);
    }
  });

  test('the bounded preStop loop declares its duration for the linter and explain', () => {
    expect(byName('Pod', 'lifecycle-demo').metadata.annotations['lifecycle.cdk8s.io/prestop-seconds']).toBe('{"demo":10}');
  });
});

describe('output', () => {
  test('is deterministic: two synths give byte-identical files', () => {
    const again = synthExampleApp();
    expect([...again.files.keys()]).toEqual([...app.files.keys()]);
    for (const [name, text] of app.files) expect(again.files.get(name)).toBe(text);
  });

  test('the committed dist/ is what the source synthesizes (run `npm run synth` after a change)', () => {
    const committed = readOutput(path.join(__dirname, '..', '..', 'dist'));
    expect([...committed.files.keys()]).toEqual([...app.files.keys()]);
    for (const [name, text] of app.files) expect([name, committed.files.get(name) === text]).toEqual([name, true]);
  });

  test('dist/ holds nothing but synthesized YAML', () => {
    const entries = fs.readdirSync(path.join(__dirname, '..', '..', 'dist'));
    expect(entries.filter(e => !e.endsWith('.k8s.yaml'))).toEqual([]);
  });

  test.each(SCENARIO_FILES)('%s matches its snapshot', name => {
    expect(app.files.get(name)).toMatchSnapshot();
  });
});
