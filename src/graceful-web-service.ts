import { ApiObject, Duration, JsonPatch } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PRESTOP_SECONDS_ANNOTATION, SHUTDOWN_SECONDS_ANNOTATION } from './analysis/annotations';
import { downwardApiEnv, type DownwardApiEnvOptions } from './downward-api';
import { explainConstruct } from './explain/construct';
import type { Explanation } from './explain/model';
import type { ExplainOptions } from './explain/timeline';
import { ProblemList, type ConfigProblem } from './errors';
import { LifecycleHook } from './hooks/lifecycle-hook';
import { shellCommand } from './hooks/shell';
import { checkDnsLabel, checkPort, checkPositiveInt, durationSeconds } from './prop-checks';
import { ProbeCheck } from './probes/probe-check';
import { toCdk8sPlusProbe } from './probes/cdk8s-plus-interop';
import { buildProbeSet, type LivenessOptions, type ProbeSet, type ReadinessOptions, type StartupOptions } from './probes/probe-presets';
import { budgetSeconds, DEFAULT_MARGIN_SECONDS, gracePeriodShortfall, KUBELET_MIN_SECONDS_AFTER_PRESTOP, type BudgetPart } from './timing/termination-budget';
import { LifecycleValidation } from './validation/synth-validation';

/** An HTTP path shorthand on top of the probe options. */
export interface HttpPathOption {
  /**
   * Path to GET on the container port.
   * @default - `healthPath`
   */
  readonly path?: string;
}

/** Props of a GracefulWebService. */
export interface GracefulWebServiceProps {
  /** Container image. It must run as a non-root user: see `securityContext`. */
  readonly image: string;
  /** Container port the app serves on (1–65535). */
  readonly port: number;
  /**
   * `metadata.name` of the Deployment, Service and PodDisruptionBudget (a DNS-1035 label, as the
   * Service requires).
   * @default - generated from the construct path
   */
  readonly name?: string;
  /** @default 2 */
  readonly replicas?: number;
  /** @default 'app' */
  readonly containerName?: string;
  /** Name of the container port (an IANA service name). @default 'http' */
  readonly portName?: string;
  /** Port of the Service. @default 80 */
  readonly servicePort?: number;
  /** @default plus.ServiceType.CLUSTER_IP */
  readonly serviceType?: plus.ServiceType;
  /** Entrypoint override. @default - the image's */
  readonly command?: string[];
  /** @default - the image's */
  readonly args?: string[];

  /** Default path for all three probes. @default '/' */
  readonly healthPath?: string;
  /** @default - GET healthPath every 5 s, unready after 2 failures */
  readonly readiness?: ReadinessOptions & HttpPathOption;
  /** @default - GET healthPath every 10 s, restarted after 3 failures */
  readonly liveness?: LivenessOptions & HttpPathOption;
  /** `false` to go without. @default - GET healthPath every 2 s for up to 60 s */
  readonly startup?: (StartupOptions & HttpPathOption) | false;

  /**
   * Time to let endpoint removal reach kube-proxy, ingress controllers and client caches before the
   * app is told to stop. Spent in preStop as `sleep` (the image needs a `sleep` binary; set 0 to
   * skip it).
   * @default Duration.seconds(5)
   */
  readonly drainDelay?: Duration;
  /**
   * Command that starts the app's graceful stop, run after the drain, e.g. `['nginx', '-s', 'quit']`.
   * The image then needs `/bin/sh`.
   * @default - none: the app's stop signal (SIGTERM, or the image's STOPSIGNAL) does it
   */
  readonly preStopCommand?: string[];
  /**
   * Longest the preStop command runs.
   * @default Duration.seconds(5) when preStopCommand is set
   */
  readonly preStopCommandTimeout?: Duration;
  /**
   * Longest the app needs after the stop signal to finish in-flight requests (e.g. Spring Boot's
   * `spring.lifecycle.timeout-per-shutdown-phase`).
   * @default Duration.seconds(30)
   */
  readonly shutdownTimeout?: Duration;
  /** Added to the budget for hook start-up and scheduling jitter. @default Duration.seconds(5) */
  readonly terminationMargin?: Duration;
  /**
   * Explicit grace period; a synth error when shorter than the termination budget
   * (drainDelay + preStopCommandTimeout + shutdownTimeout + terminationMargin).
   * @default - the budget
   */
  readonly terminationGracePeriod?: Duration;
  /** postStart hook. Keep it fast: the container is not Running until it returns. @default - none */
  readonly postStart?: LifecycleHook;

  /** Extra environment. @default - none */
  readonly env?: Record<string, plus.EnvValue>;
  /** Downward-API env vars; `false` for none. @default - POD_NAME, POD_NAMESPACE, POD_IP, NODE_NAME */
  readonly downwardApi?: DownwardApiEnvOptions | false;
  /** @default - cdk8s-plus defaults (cpu request 1000m limit 1500m, memory 512Mi/2048Mi) */
  readonly resources?: plus.ContainerResources;
  /**
   * Container security context. cdk8s-plus-28 defaults to `runAsNonRoot: true` and
   * `readOnlyRootFilesystem: true`: an image whose USER is root (or a name, not a number) does not
   * start. Set `user` to the image's numeric non-root UID, or relax these deliberately.
   * @default - non-root, read-only root filesystem, no privilege escalation
   */
  readonly securityContext?: plus.ContainerSecurityContextProps;
  /**
   * Paths the app writes to, mounted as emptyDir volumes because the root filesystem is read-only
   * (e.g. `/tmp`, `/var/cache/nginx`).
   * @default ['/tmp']
   */
  readonly writablePaths?: string[];
  /** Extra labels on the pods (not used by the selector). @default - none */
  readonly podLabels?: Record<string, string>;
  /** Extra pod-template annotations. @default - none */
  readonly podAnnotations?: Record<string, string>;

  /**
   * For constructs built on this one (e.g. NacosRegisteredApp): a preStop that replaces the one
   * built from `drainDelay` and `preStopCommand`. Its `parts` replace `drainDelay` and
   * `preStopCommandTimeout` in the termination budget; its `expectedDuration` is the
   * prestop-seconds annotation.
   * @default - sleep `drainDelay`, then run `preStopCommand`
   */
  readonly preStopOverride?: PreStopOverride;
  /**
   * For constructs built on this one: budget parts spent after the stop signal besides
   * `shutdownTimeout` (e.g. a client library's own shutdown wait).
   * @default - none
   */
  readonly extraShutdownParts?: readonly BudgetPart[];
  /**
   * For constructs built on this one: problems they found in their own props, reported in the same
   * error as this construct's.
   * @default - none
   */
  readonly additionalProblems?: readonly ConfigProblem[];
}

/** A preStop built by a construct on top of GracefulWebService, and what it spends of the budget. */
export interface PreStopOverride {
  readonly hook: LifecycleHook;
  /** What the hook spends before the app gets its stop signal, by name, e.g. `nacos.deregisterWait`. */
  readonly parts: readonly BudgetPart[];
}

const DEFAULT_DRAIN_SECONDS = 5;
const DEFAULT_SHUTDOWN_SECONDS = 30;
const DEFAULT_PRESTOP_COMMAND_SECONDS = 5;

/** The termination budget of a GracefulWebService, in seconds, part by part. */
export interface GracefulTermination {
  readonly drainSeconds: number;
  readonly preStopCommandSeconds: number;
  /** How long the preStop runs at most (drain and command, or the override's expected duration). */
  readonly preStopSeconds: number;
  readonly shutdownSeconds: number;
  /** shutdownSeconds plus the extra shutdown parts: the app's time after the stop signal. */
  readonly afterStopSeconds: number;
  readonly marginSeconds: number;
  readonly parts: readonly BudgetPart[];
  readonly gracePeriodSeconds: number;
}

/**
 * A web workload that rolls out and scales down without dropping requests: a Deployment
 * (readiness, liveness and startup probes; a preStop that drains before the app stops; a grace
 * period computed from what termination needs; `maxUnavailable: 0`), a Service and a
 * PodDisruptionBudget that select exactly its pods.
 */
export class GracefulWebService extends Construct {
  /** The Deployment (escape hatch: any cdk8s-plus-28 Deployment method). */
  public readonly deployment: plus.Deployment;
  /** The serving container. */
  public readonly container: plus.Container;
  /** The Service in front of the pods. */
  public readonly service: plus.Service;
  /** The PodDisruptionBudget (cdk8s-plus-28 has no construct for it). */
  public readonly podDisruptionBudget: ApiObject;
  /** The probes as rendered. */
  public readonly probes: ProbeSet;
  /** The termination budget and the grace period chosen from it. */
  public readonly termination: GracefulTermination;

  constructor(scope: Construct, id: string, props: GracefulWebServiceProps) {
    super(scope, id);
    const problems = new ProblemList();
    const containerName = props.containerName ?? 'app';
    const portName = props.portName ?? 'http';
    checkPort(problems, 'port', props.port);
    checkPort(problems, 'servicePort', props.servicePort);
    checkDnsLabel(problems, 'name', props.name, '1035');
    checkDnsLabel(problems, 'containerName', containerName);
    checkPositiveInt(problems, 'replicas', props.replicas, 0);
    checkWritablePaths(problems, props.writablePaths);
    if (!/^[a-z0-9][a-z0-9-]{0,14}$/.test(portName) || !/[a-z]/.test(portName) || portName.includes('--') || portName.endsWith('-')) {
      problems.add('portName', `${JSON.stringify(portName)} is not an IANA service name`, 'use at most 15 lowercase letters, digits and single "-", with at least one letter, e.g. "http"');
    }
    if (!props.image || /\s/.test(props.image)) {
      problems.add('image', `${JSON.stringify(props.image)} is not an image reference`, 'give an image such as "nginxinc/nginx-unprivileged:1.27-alpine"');
    }
    if (props.preStopCommand !== undefined && props.preStopCommand.length === 0) {
      problems.add('preStopCommand', 'the command is empty', 'give the executable and its arguments, e.g. [\'nginx\', \'-s\', \'quit\'], or leave preStopCommand unset');
    }

    for (const p of props.additionalProblems ?? []) problems.add(p.prop, p.message, p.fix);
    this.termination = terminationOf(props, problems);
    this.probes = buildProbeSet({
      check: ProbeCheck.httpGet(props.healthPath ?? '/', { port: portName }),
      readiness: withPath(props.readiness, portName),
      liveness: withPath(props.liveness, portName),
      startup: props.startup === false ? false : withPath(props.startup, portName),
    }, problems);
    problems.throwIfAny(this.node.path);

    this.deployment = new plus.Deployment(this, 'deployment', {
      metadata: props.name ? { name: props.name } : undefined,
      replicas: props.replicas ?? 2,
      strategy: plus.DeploymentStrategy.rollingUpdate({
        maxSurge: plus.PercentOrAbsolute.absolute(1),
        maxUnavailable: plus.PercentOrAbsolute.absolute(0),
      }),
      terminationGracePeriod: Duration.seconds(this.termination.gracePeriodSeconds),
    });
    const preStop = props.preStopOverride?.hook ?? preStopHook(this.termination, props.preStopCommand);
    this.container = this.deployment.addContainer({
      name: containerName,
      image: props.image,
      command: props.command,
      args: props.args,
      ports: [{ number: props.port, name: portName }],
      envVariables: { ...(props.downwardApi === false ? {} : downwardApiEnv(props.downwardApi)), ...props.env },
      resources: props.resources,
      securityContext: props.securityContext,
      readiness: toCdk8sPlusProbe(this.probes.readiness),
      liveness: toCdk8sPlusProbe(this.probes.liveness),
      startup: this.probes.startup ? toCdk8sPlusProbe(this.probes.startup) : undefined,
      // No hook, no `lifecycle: {}` in the manifest.
      lifecycle: props.postStart || preStop ? {
        postStart: props.postStart?.toCdk8sPlus(),
        preStop: preStop?.toCdk8sPlus(),
      } : undefined,
    });
    (props.writablePaths ?? ['/tmp']).forEach((path, i) => {
      const volume = plus.Volume.fromEmptyDir(this, `writable-${i}`, `writable-${i}`);
      this.container.mount(path, volume);
    });
    for (const [k, v] of Object.entries(props.podLabels ?? {})) this.deployment.podMetadata.addLabel(k, v);
    for (const [k, v] of Object.entries(props.podAnnotations ?? {})) this.deployment.podMetadata.addAnnotation(k, v);
    this.deployment.podMetadata.addAnnotation(PRESTOP_SECONDS_ANNOTATION,
      JSON.stringify({ [containerName]: this.termination.preStopSeconds }));
    this.deployment.podMetadata.addAnnotation(SHUTDOWN_SECONDS_ANNOTATION, JSON.stringify({ [containerName]: this.termination.afterStopSeconds }));
    // cdk8s-plus-28 cannot set terminationMessagePolicy; the reason for a stop then shows in `kubectl describe pod`.
    ApiObject.of(this.deployment).addJsonPatch(
      JsonPatch.add('/spec/template/spec/containers/0/terminationMessagePolicy', 'FallbackToLogsOnError'));

    this.service = new plus.Service(this, 'service', {
      metadata: props.name ? { name: props.name } : undefined,
      selector: this.deployment,
      type: props.serviceType ?? plus.ServiceType.CLUSTER_IP,
      ports: [{ name: portName, port: props.servicePort ?? 80, targetPort: props.port }],
    });

    this.podDisruptionBudget = new ApiObject(this, 'pdb', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: props.name ? { name: props.name } : undefined,
      spec: {
        minAvailable: 1,
        selector: { matchLabels: this.deployment.matchLabels },
        // A pod that is not Ready serves nothing: let evictions take it, or one crash-looping
        // pod blocks every node drain (the default, IfHealthyBudget, protects it). Beta and on by
        // default since Kubernetes 1.27.
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
      },
    });

    LifecycleValidation.enable(this);
  }

  /**
   * The Deployment's startup and termination timeline, with verdicts: what
   * `cdk8s-lifecycle explain` prints for the synthesized manifest.
   */
  public explain(options: ExplainOptions = {}): Explanation {
    return explainConstruct(this, options)[0];
  }
}

function withPath<T extends HttpPathOption & { check?: ProbeCheck }>(options: T | undefined, port: string): T | undefined {
  if (options?.path === undefined) return options;
  return { ...options, check: options.check ?? ProbeCheck.httpGet(options.path, { port }) };
}

/** The budget: drain, then the preStop command, then the app's shutdown, plus a margin. */
function terminationOf(props: GracefulWebServiceProps, problems: ProblemList): GracefulTermination {
  const drainSeconds = durationSeconds(problems, 'drainDelay', props.drainDelay, DEFAULT_DRAIN_SECONDS);
  const preStopCommandSeconds = props.preStopCommand
    ? durationSeconds(problems, 'preStopCommandTimeout', props.preStopCommandTimeout, DEFAULT_PRESTOP_COMMAND_SECONDS)
    : 0;
  const shutdownSeconds = durationSeconds(problems, 'shutdownTimeout', props.shutdownTimeout, DEFAULT_SHUTDOWN_SECONDS);
  const marginSeconds = durationSeconds(problems, 'terminationMargin', props.terminationMargin, DEFAULT_MARGIN_SECONDS);
  const preStopParts: readonly BudgetPart[] = props.preStopOverride?.parts ?? [
    { name: 'drainDelay', seconds: drainSeconds, why: 'endpoint removal reaches kube-proxy and ingress' },
    ...(props.preStopCommand ? [{ name: 'preStopCommandTimeout', seconds: preStopCommandSeconds, why: 'the preStop command runs' }] : []),
  ];
  const extraShutdownParts = props.extraShutdownParts ?? [];
  const parts: BudgetPart[] = [
    ...preStopParts,
    { name: 'shutdownTimeout', seconds: shutdownSeconds, why: 'the app finishes in-flight requests after the stop signal' },
    ...extraShutdownParts,
    { name: 'terminationMargin', seconds: marginSeconds, why: 'hook start-up and jitter' },
  ];
  const preStopSeconds = props.preStopOverride ? props.preStopOverride.hook.expectedSeconds : drainSeconds + preStopCommandSeconds;
  const afterStopSeconds = shutdownSeconds + budgetSeconds(extraShutdownParts);
  const hasPreStop = props.preStopOverride !== undefined || (props.preStopCommand?.length ?? 0) > 0 || drainSeconds > 0;
  if (hasPreStop && afterStopSeconds + marginSeconds < KUBELET_MIN_SECONDS_AFTER_PRESTOP) {
    problems.add('terminationMargin',
      `shutdownTimeout + terminationMargin is ${afterStopSeconds + marginSeconds} s: the grace period would end with the preStop and cut it off`,
      `leave the app at least ${KUBELET_MIN_SECONDS_AFTER_PRESTOP} s after the preStop (the kubelet's own floor): raise terminationMargin or shutdownTimeout`);
  }
  let gracePeriodSeconds = budgetSeconds(parts);
  if (props.terminationGracePeriod !== undefined) {
    const explicit = durationSeconds(problems, 'terminationGracePeriod', props.terminationGracePeriod, gracePeriodSeconds);
    const shortfall = gracePeriodShortfall(explicit, parts);
    if (shortfall) {
      problems.add('terminationGracePeriod', shortfall,
        `raise terminationGracePeriod to at least Duration.seconds(${budgetSeconds(parts)}) or leave it unset, or shorten the parts of the budget`);
    }
    gracePeriodSeconds = explicit;
  }
  return { drainSeconds, preStopCommandSeconds, preStopSeconds, shutdownSeconds, afterStopSeconds, marginSeconds, parts, gracePeriodSeconds };
}

/** preStop: sleep out the drain, then run the command. No shell is needed without a command. */
function preStopHook(t: GracefulTermination, command: string[] | undefined): LifecycleHook | undefined {
  const expectedDuration = Duration.seconds(t.drainSeconds + t.preStopCommandSeconds);
  if (command && command.length > 0) {
    const drain = t.drainSeconds > 0 ? `sleep ${t.drainSeconds}; ` : '';
    return LifecycleHook.shell(`${drain}exec ${shellCommand(command)}`, { expectedDuration });
  }
  if (t.drainSeconds > 0) return LifecycleHook.exec(['sleep', String(t.drainSeconds)], { expectedDuration });
  return undefined;
}

/** Mount paths must be absolute and unique, or the API server rejects the pod. */
function checkWritablePaths(problems: ProblemList, paths: readonly string[] | undefined): void {
  const seen = new Set<string>();
  for (const path of paths ?? []) {
    const normalized = path.replace(/\/+$/, '') || '/';
    if (!path.startsWith('/')) {
      problems.add('writablePaths', `${JSON.stringify(path)} is not an absolute path`, 'give an absolute directory, e.g. "/tmp"');
    } else if (seen.has(normalized)) {
      problems.add('writablePaths', `${JSON.stringify(path)} is listed twice: volumeMounts' mountPath must be unique`, 'list each directory once');
    }
    seen.add(normalized);
  }
}
