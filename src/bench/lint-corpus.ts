/**
 * A generated multi-document YAML file for the lint benchmark, shaped like a real cluster's
 * manifests: web Deployments with probes and hooks, Services, ConfigMaps, StatefulSets, CronJobs,
 * some Jobs, DaemonSets and PodDisruptionBudgets, and a few custom resources. About one workload
 * in ten carries a mistake the rules exist for, so the linter also does its reporting work.
 */
import { stringify } from 'yaml';

/** A small deterministic PRNG (mulberry32): the same corpus on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = Record<string, unknown>;

/** Share of each kind, in order; the rest are custom resources. */
const MIX: ReadonlyArray<[string, number]> = [
  ['Deployment', 0.28],
  ['Service', 0.24],
  ['ConfigMap', 0.2],
  ['StatefulSet', 0.08],
  ['CronJob', 0.07],
  ['Job', 0.03],
  ['DaemonSet', 0.02],
  ['PodDisruptionBudget', 0.05],
];

export interface LintCorpus {
  readonly yaml: string;
  readonly objects: number;
  readonly byKind: Readonly<Record<string, number>>;
}

export function generateLintCorpus(count: number, seed = 42): LintCorpus {
  const byKind: Record<string, number> = {};
  const docs: string[] = [];
  for (const object of corpusObjects(count, seed)) {
    const kind = String(object.kind);
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    docs.push(stringify(object, { lineWidth: 0 }));
  }
  return { yaml: docs.join('---\n'), objects: count, byKind };
}

/** The corpus's objects as JSON (also the property tests' seeds for mutation). */
export function corpusObjects(count: number, seed = 42): Array<Record<string, unknown>> {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const out: Array<Record<string, unknown>> = [];
  for (let i = 0; i < count; i++) out.push(objectFor(i, kindAt(random()), random, pick));
  return out;
}

function kindAt(r: number): string {
  let acc = 0;
  for (const [kind, share] of MIX) {
    acc += share;
    if (r < acc) return kind;
  }
  return 'custom';
}

function objectFor(i: number, kind: string, random: () => number, pick: <T>(xs: readonly T[]) => T): Json {
  const name = `app-${i}`;
  const metadata = { name, namespace: pick(['default', 'shop', 'payments', 'search']), labels: { 'app.kubernetes.io/name': name, 'team': pick(['a', 'b', 'c']) } };
  const flawed = random() < 0.1;
  switch (kind) {
    case 'Deployment':
      return {
        apiVersion: 'apps/v1', kind, metadata,
        spec: {
          replicas: 1 + Math.floor(random() * 5),
          selector: { matchLabels: { app: name } },
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
          template: podTemplate(name, webPod(name, random, pick, flawed)),
        },
      };
    case 'StatefulSet':
      return {
        apiVersion: 'apps/v1', kind, metadata,
        spec: {
          serviceName: name,
          replicas: 3,
          selector: { matchLabels: { app: name } },
          template: podTemplate(name, databasePod(name, flawed)),
          volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } }],
        },
      };
    case 'DaemonSet':
      return {
        apiVersion: 'apps/v1', kind, metadata,
        spec: { selector: { matchLabels: { app: name } }, template: podTemplate(name, webPod(name, random, pick, flawed)) },
      };
    case 'CronJob':
      return {
        apiVersion: 'batch/v1', kind, metadata,
        spec: {
          schedule: `${Math.floor(random() * 60)} * * * *`,
          concurrencyPolicy: 'Forbid',
          jobTemplate: { spec: { backoffLimit: 2, template: { metadata: { labels: { app: name } }, spec: jobPod(name, flawed) } } },
        },
      };
    case 'Job':
      return { apiVersion: 'batch/v1', kind, metadata, spec: { backoffLimit: 4, template: { spec: jobPod(name, flawed) } } };
    case 'Service':
      return {
        apiVersion: 'v1', kind, metadata,
        spec: { type: 'ClusterIP', selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
      };
    case 'ConfigMap':
      return {
        apiVersion: 'v1', kind, metadata,
        data: {
          'application.yaml': `server:\n  port: 8080\n  shutdown: graceful\nspring:\n  lifecycle:\n    timeout-per-shutdown-phase: 20s\n`,
          'LOG_LEVEL': pick(['info', 'debug', 'warn']),
          'prestop.sh': '#!/bin/sh\nset -eu\nsleep 5\nkill -TERM 1\n',
        },
      };
    case 'PodDisruptionBudget':
      return { apiVersion: 'policy/v1', kind, metadata, spec: { minAvailable: 1, selector: { matchLabels: { app: name } } } };
    default:
      return pick([
        { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata, spec: { selector: { matchLabels: { app: name } }, endpoints: [{ port: 'http', interval: '30s' }] } },
        { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata, spec: { secretName: `${name}-tls`, dnsNames: [`${name}.example.com`], issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } } },
        { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata, spec: { replicas: 2, strategy: { canary: { steps: [{ setWeight: 20 }, { pause: {} }] } } } },
      ]);
  }
}

function podTemplate(name: string, spec: Json): Json {
  return { metadata: { labels: { app: name }, annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '8080' } }, spec };
}

function webPod(name: string, random: () => number, pick: <T>(xs: readonly T[]) => T, flawed: boolean): Json {
  const port = pick([8080, 8000, 3000, 9090]);
  const httpGet = (path: string) => ({ path, port: 'http', scheme: 'HTTP' });
  const readiness: Json = { httpGet: httpGet('/ready'), periodSeconds: 5, failureThreshold: 2, timeoutSeconds: 1 };
  const liveness: Json = { httpGet: httpGet('/live'), periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 2 };
  const container: Json = {
    name: 'app',
    image: `registry.example.com/${name}:1.${Math.floor(random() * 40)}`,
    ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
    env: [
      { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'JAVA_OPTS', value: '-XX:MaxRAMPercentage=75' },
      { name: 'MEMORY_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
    ],
    resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    readinessProbe: readiness,
    livenessProbe: liveness,
    startupProbe: { httpGet: httpGet('/live'), periodSeconds: 2, failureThreshold: 30 },
    lifecycle: {
      postStart: { exec: { command: ['sh', '-c', 'date > /tmp/started'] } },
      preStop: { exec: { command: ['sh', '-c', 'sleep 5; nginx -s quit'] } },
    },
    securityContext: { runAsNonRoot: true, runAsUser: 1000, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
    terminationMessagePolicy: 'FallbackToLogsOnError',
  };
  if (flawed) applyFlaw(container, random);
  return {
    terminationGracePeriodSeconds: 45,
    containers: [container, { name: 'envoy', image: 'envoyproxy/envoy:v1.30.1', ports: [{ name: 'admin', containerPort: 9901 }] }],
    volumes: [{ name: 'tmp', emptyDir: {} }],
  };
}

/** The mistakes lifecycle-facts.md and the seeds describe, one per flawed container. */
function applyFlaw(container: Json, random: () => number): void {
  const flaws: Array<() => void> = [
    () => { (container.lifecycle as Json).preStop = { tcpSocket: { port: 8080 } }; },
    () => { container.livenesProbe = container.livenessProbe; delete container.livenessProbe; },
    () => { (container.readinessProbe as Json).periodSeconds = 30; },
    () => { (container.livenessProbe as Json).successThreshold = 2; },
    () => { (container.lifecycle as Json).preStop = { exec: { command: ['sh', '-c', 'sleep 120'] } }; },
    () => { (container.readinessProbe as Json).httpGet = { path: '/ready', port: 'metrics' }; },
    () => { (container.lifecycle as Json).postStart = { httpGet: { host: 'localhost', path: '/warm', port: 8080 } }; },
    () => { (container.readinessProbe as Json).initialDelaySecond = 10; },
  ];
  flaws[Math.floor(random() * flaws.length)]();
}

function databasePod(name: string, flawed: boolean): Json {
  return {
    terminationGracePeriodSeconds: 60,
    containers: [{
      name: 'db',
      image: 'postgres:16',
      ports: [{ name: 'pg', containerPort: 5432 }],
      env: [{ name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' }, { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: `${name}-pg`, key: 'password' } } }],
      readinessProbe: { exec: { command: ['pg_isready', '-U', 'postgres'] }, periodSeconds: 5, failureThreshold: 2 },
      livenessProbe: flawed ? { exec: { command: ['pg_isready', '-U', 'postgres'] }, periodSeconds: 5, failureThreshold: 2 } : { tcpSocket: { port: 'pg' }, periodSeconds: 10, failureThreshold: 6 },
      lifecycle: { preStop: { exec: { command: ['sh', '-c', 'pg_ctl stop -m fast'] } } },
      volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
    }],
  };
}

function jobPod(name: string, flawed: boolean): Json {
  return {
    restartPolicy: 'OnFailure',
    initContainers: [{ name: 'wait-db', image: 'busybox:1.36', command: ['sh', '-c', 'until nc -z db 5432; do sleep 1; done'], ...(flawed ? { livenessProbe: { exec: { command: ['true'] } } } : {}) }],
    containers: [{ name: 'job', image: `registry.example.com/${name}-job:1.0`, args: ['--once'], resources: { limits: { cpu: '500m', memory: '128Mi' } } }],
  };
}
