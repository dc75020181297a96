/**
 * What a user writes instead of GracefulWebService: the same service with plain cdk8s-plus-28 (a
 * Deployment with the same probes, preStop, postStart, downward-API env, strategy and grace
 * period; `exposeViaService`; a PodDisruptionBudget as an ApiObject), and no validation. The
 * synth benchmark's `hand-written` mode, the baseline of the issue-11 target.
 *
 * The literal values such a user would type (probe periods, the grace period they worked out, the
 * preStop command line) are taken, before any timing, from what GracefulWebService rendered for
 * the same props: `handWrittenSpec`. Only `defineHandWritten`, plain cdk8s-plus-28 code, is timed.
 * The manifests are the same but for what cdk8s-plus-28 cannot express (probes on a named port: it
 * takes a port number) and the two annotations `explain` reads, which a hand-written service has
 * not; test/bench/hand-written-service.test.ts checks exactly that.
 */
import { ApiObject, Duration, JsonPatch, Size } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import type { Construct } from 'constructs';

/** A probe as the user writes it: an HTTP GET on the container's port number. */
export interface HandWrittenProbe {
  readonly path: string;
  readonly periodSeconds: number;
  readonly failureThreshold: number;
  readonly successThreshold: number;
  readonly timeoutSeconds: number;
}

/** One environment variable: a value, a downward-API field or a resource limit. */
export type HandWrittenEnv =
  | { readonly value: string }
  | { readonly fieldPath: string }
  | { readonly resource: string; readonly divisor?: string };

/** Everything the hand-written service is made of, as literals. */
export interface HandWrittenSpec {
  readonly name: string;
  readonly image: string;
  readonly replicas: number;
  readonly port: number;
  readonly portName: string;
  readonly servicePort: number;
  readonly terminationGracePeriodSeconds: number;
  readonly readiness: HandWrittenProbe;
  readonly liveness: HandWrittenProbe;
  readonly startup?: HandWrittenProbe;
  readonly preStop?: readonly string[];
  readonly postStart?: readonly string[];
  readonly env: ReadonlyArray<readonly [string, HandWrittenEnv]>;
  /** `{ cpu: { request: '250m', limit: '1000m' }, memory: { request: '256Mi', limit: '512Mi' } }` */
  readonly resources: { readonly cpu: { readonly request: string; readonly limit: string }; readonly memory: { readonly request: string; readonly limit: string } };
  readonly user: number;
  readonly group: number;
  readonly writablePaths: readonly string[];
  readonly podLabels: Readonly<Record<string, string>>;
  readonly podAnnotations: Readonly<Record<string, string>>;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Annotations GracefulWebService adds for `explain`; a hand-written service has none. */
export const OUR_ANNOTATIONS: readonly string[] = ['lifecycle.cdk8s.io/prestop-seconds', 'lifecycle.cdk8s.io/shutdown-seconds'];

/** The hand-written literals for a service GracefulWebService rendered as these objects (Deployment, Service, PDB). */
export function handWrittenSpec(deployment: Json, service: Json): HandWrittenSpec {
  const pod = deployment.spec.template;
  const c = pod.spec.containers[0];
  const port = c.ports[0].containerPort as number;
  const probe = (p: Json | undefined): HandWrittenProbe | undefined => p && {
    path: p.httpGet.path,
    periodSeconds: p.periodSeconds,
    failureThreshold: p.failureThreshold,
    successThreshold: p.successThreshold,
    timeoutSeconds: p.timeoutSeconds,
  };
  const mounts = new Map<string, string>((c.volumeMounts as Json[]).map(m => [m.name, m.mountPath]));
  const annotations: Record<string, string> = { ...pod.metadata.annotations };
  for (const a of OUR_ANNOTATIONS) delete annotations[a];
  const labels: Record<string, string> = { ...pod.metadata.labels };
  delete labels['cdk8s.io/metadata.addr'];
  return {
    name: deployment.metadata.name,
    image: c.image,
    replicas: deployment.spec.replicas,
    port,
    portName: c.ports[0].name,
    servicePort: service.spec.ports[0].port,
    terminationGracePeriodSeconds: pod.spec.terminationGracePeriodSeconds,
    readiness: probe(c.readinessProbe)!,
    liveness: probe(c.livenessProbe)!,
    startup: probe(c.startupProbe),
    preStop: c.lifecycle?.preStop?.exec.command,
    postStart: c.lifecycle?.postStart?.exec.command,
    env: (c.env as Json[] ?? []).map((e): [string, HandWrittenEnv] => [e.name, e.valueFrom?.fieldRef
      ? { fieldPath: e.valueFrom.fieldRef.fieldPath }
      : e.valueFrom?.resourceFieldRef
        ? { resource: e.valueFrom.resourceFieldRef.resource, divisor: e.valueFrom.resourceFieldRef.divisor }
        : { value: e.value }]),
    resources: {
      cpu: { request: c.resources.requests.cpu, limit: c.resources.limits.cpu },
      memory: { request: c.resources.requests.memory, limit: c.resources.limits.memory },
    },
    user: c.securityContext.runAsUser,
    group: c.securityContext.runAsGroup,
    writablePaths: (pod.spec.volumes as Json[]).map(v => mounts.get(v.name)!),
    podLabels: labels,
    podAnnotations: annotations,
  };
}

/** The service, written with plain cdk8s-plus-28 as a user would. */
export function defineHandWritten(scope: Construct, id: string, spec: HandWrittenSpec): void {
  const deployment = new plus.Deployment(scope, id, {
    metadata: { name: spec.name },
    replicas: spec.replicas,
    strategy: plus.DeploymentStrategy.rollingUpdate({
      maxSurge: plus.PercentOrAbsolute.absolute(1),
      maxUnavailable: plus.PercentOrAbsolute.absolute(0),
    }),
    terminationGracePeriod: Duration.seconds(spec.terminationGracePeriodSeconds),
  });
  const envVariables: Record<string, plus.EnvValue> = {};
  for (const [name, e] of spec.env) {
    envVariables[name] = 'value' in e ? plus.EnvValue.fromValue(e.value)
      : 'fieldPath' in e ? plus.EnvValue.fromFieldRef(e.fieldPath as plus.EnvFieldPaths)
        : plus.EnvValue.fromResource(e.resource as plus.ResourceFieldPaths, { divisor: e.divisor });
  }
  const probe = (p: HandWrittenProbe) => plus.Probe.fromHttpGet(p.path, {
    port: spec.port,
    periodSeconds: Duration.seconds(p.periodSeconds),
    failureThreshold: p.failureThreshold,
    successThreshold: p.successThreshold,
    timeoutSeconds: Duration.seconds(p.timeoutSeconds),
  });
  const container = deployment.addContainer({
    name: 'app',
    image: spec.image,
    ports: [{ number: spec.port, name: spec.portName }],
    envVariables,
    resources: {
      cpu: { request: plus.Cpu.millis(millis(spec.resources.cpu.request)), limit: plus.Cpu.millis(millis(spec.resources.cpu.limit)) },
      memory: { request: Size.mebibytes(mebibytes(spec.resources.memory.request)), limit: Size.mebibytes(mebibytes(spec.resources.memory.limit)) },
    },
    securityContext: { user: spec.user, group: spec.group },
    readiness: probe(spec.readiness),
    liveness: probe(spec.liveness),
    startup: spec.startup && probe(spec.startup),
    lifecycle: spec.preStop || spec.postStart ? {
      preStop: spec.preStop && plus.Handler.fromCommand([...spec.preStop]),
      postStart: spec.postStart && plus.Handler.fromCommand([...spec.postStart]),
    } : undefined,
  });
  spec.writablePaths.forEach((path, k) => container.mount(path, plus.Volume.fromEmptyDir(deployment, `writable-${k}`, `writable-${k}`)));
  for (const [k, v] of Object.entries(spec.podLabels)) deployment.podMetadata.addLabel(k, v);
  for (const [k, v] of Object.entries(spec.podAnnotations)) deployment.podMetadata.addAnnotation(k, v);
  ApiObject.of(deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/terminationMessagePolicy', 'FallbackToLogsOnError'));
  deployment.exposeViaService({
    name: spec.name,
    serviceType: plus.ServiceType.CLUSTER_IP,
    ports: [{ name: spec.portName, port: spec.servicePort, targetPort: spec.port }],
  });
  new ApiObject(scope, `${id}-pdb`, {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: spec.name },
    spec: { minAvailable: 1, selector: { matchLabels: deployment.matchLabels }, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
  });
}

function millis(cpu: string): number {
  return cpu.endsWith('m') ? Number(cpu.slice(0, -1)) : Number(cpu) * 1000;
}

function mebibytes(memory: string): number {
  if (memory.endsWith('Mi')) return Number(memory.slice(0, -2));
  if (memory.endsWith('Gi')) return Number(memory.slice(0, -2)) * 1024;
  throw new Error(`unexpected memory quantity ${memory}`);
}
