import { ApiObject, Duration } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { POSTSTART_SECONDS_ANNOTATION, PRESTOP_SECONDS_ANNOTATION, SHUTDOWN_SECONDS_ANNOTATION } from './analysis/annotations';
import { addConstructFix, addPropWarning } from './construct-notes';
import { downwardApiEnv, type DownwardApiEnvOptions } from './downward-api';
import { ENDPOINT_PROPAGATION_SECONDS } from './explain/assumptions';
import { explainConstruct } from './explain/construct';
import type { Explanation } from './explain/model';
import type { ExplainOptions } from './explain/timeline';
import { ProblemList, type ConfigProblem } from './errors';
import { gracefulStopCommand, type AwaitExit } from './hooks/graceful-stop';
import { LifecycleHook } from './hooks/lifecycle-hook';
import { checkDnsLabel, checkPort, checkPositiveInt, describeDuration, durationSeconds } from './prop-checks';
import { ProbeCheck } from './probes/probe-check';
import { toCdk8sPlusProbe } from './probes/cdk8s-plus-interop';
import { buildProbeSet, type LivenessOptions, type ProbeSet, type ReadinessOptions, type StartupOptions } from './probes/probe-presets';
import { budgetSeconds, DEFAULT_MARGIN_SECONDS, gracePeriodShortfall, KUBELET_MIN_SECONDS_AFTER_PRESTOP, type BudgetPart } from './timing/termination-budget';
import { fallbackToLogsOnErrorAt } from './termination-message';
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
  /**
   * The Service in front of the pods; `false` for none (the pods are reached some other way, e.g.
   * a headless Service or a mesh of your own).
   * @default - ClusterIP on port 80, to the container port
   */
  readonly service?: ServiceOptions | false;
  /**
   * Port of the Service.
   * @deprecated use `service: { port }`
   * @default 80
   */
  readonly servicePort?: number;
  /**
   * Type of the Service.
   * @deprecated use `service: { type }`
   * @default plus.ServiceType.CLUSTER_IP
   */
  readonly serviceType?: plus.ServiceType;
  /**
   * The PodDisruptionBudget that keeps voluntary evictions (node drains, upgrades, the cluster
   * autoscaler) from taking too many pods at once; `false` for none. One of `minAvailable` or
   * `maxUnavailable`. With `replicas: 1`, `minAvailable: 1` allows no eviction at all and blocks
   * every drain of the node: use `{ maxUnavailable: 1 }` there, or more replicas.
   * @default { minAvailable: 1 }
   */
  readonly podDisruptionBudget?: DisruptionBudgetOptions | false;
  /**
   * How the Deployment replaces pods on a rollout, e.g. `plus.DeploymentStrategy.recreate()` for
   * an app that must never run twice (a ReadWriteOnce volume).
   * @default - rolling update with maxSurge 1, maxUnavailable 0: a ready pod goes only once its replacement is ready
   */
  readonly strategy?: plus.DeploymentStrategy;
  /** @default plus.ImagePullPolicy.ALWAYS (cdk8s-plus-28's default) */
  readonly imagePullPolicy?: plus.ImagePullPolicy;
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
   * app is told to stop, waited out in preStop as `drain` says (0 to skip it).
   * @default Duration.seconds(5)
   */
  readonly drainDelay?: Duration;
  /**
   * How the preStop waits out `drainDelay`, and so what it needs from the image:
   * - `'exec-sleep'`: runs the image's `sleep` (`exec: [sleep, 5]`; inside the `sh -c` script when
   *   `preStopCommand` is set): needs a `sleep` executable on the PATH, and `/bin/sh` with a command;
   * - `'sleep-action'`: the kubelet sleeps (the `sleep` lifecycle action): needs nothing from the
   *   image, but Kubernetes 1.30 or later (beta and on by default; alpha behind the
   *   PodLifecycleSleepAction gate in 1.29, an unknown field before), and cannot run a `preStopCommand`;
   * - `'none'`: no drain. Requests still routed to the pod for a few seconds after it starts
   *   stopping fail unless the app delays its own shutdown; `drainDelay` must then be unset or 0.
   * A distroless (shell-less, sleep-less) image: `'sleep-action'` on 1.30+, else `'none'`.
   * @default 'exec-sleep'
   */
  readonly drain?: DrainMode;
  /**
   * Command that stops the app gracefully, run after the drain, e.g. `['nginx', '-s', 'quit']`.
   * The image then needs `/bin/sh`. The preStop then waits until the app has exited (see
   * `awaitExit`), so that the stop signal the kubelet sends next finds nothing in flight, whatever
   * that signal is (SIGTERM stops nginx fast, cutting every response).
   * @default - none: the app's stop signal (SIGTERM, or the image's STOPSIGNAL) does it
   */
  readonly preStopCommand?: string[];
  /**
   * Longest the preStop command itself runs before it returns (`nginx -s quit`: at once); counted
   * in the budget before `shutdownTimeout`.
   * @default Duration.seconds(5) when preStopCommand is set
   */
  readonly preStopCommandTimeout?: Duration;
  /**
   * After `preStopCommand`, the preStop waits until this process has exited, polling `kill -0`
   * once a second for at most `shutdownTimeout`; it exits 1 with a message in the app's log when
   * the app outlives that. `'main-process'` is PID 1: when it exits the container stops and ends
   * the waiting preStop, so the kubelet records a `FailedPreStopHook` event (exit 137) on every
   * stop; that is the success case. With `shareProcessNamespace` PID 1 is the pause process,
   * which never exits: give `{ pidFile }` (nginx's `pid` path). `false` when the command does not
   * stop the app (it only starts something): the stop signal then follows the command at once,
   * and `shutdownTimeout` is counted after it.
   * @default 'main-process' when preStopCommand is set
   */
  readonly awaitExit?: AwaitExit;
  /**
   * Longest the app needs, once told to stop, to finish in-flight requests and exit (e.g. Spring
   * Boot's `spring.lifecycle.timeout-per-shutdown-phase`). Told by its stop signal, or by
   * `preStopCommand`: then this time is spent inside the preStop, waiting for the app's exit.
   * @default Duration.seconds(30)
   */
  readonly shutdownTimeout?: Duration;
  /** Added to the budget for hook start-up and scheduling jitter. @default Duration.seconds(5) */
  readonly terminationMargin?: Duration;
  /**
   * Explicit grace period; a synth error when shorter than the termination budget
   * (drainDelay + preStopCommandTimeout + shutdownTimeout + terminationMargin), each part counted
   * once whether it is spent inside the preStop or after the stop signal.
   * @default - the budget
   */
  readonly terminationGracePeriod?: Duration;
  /**
   * postStart hook. Keep it fast: the container is not Running until it returns. Its
   * `expectedDuration`, when given, is written as the poststart-seconds annotation that the linter
   * and `explain` read (a script that waits in a way they cannot read, or returns at once after
   * starting work in the background).
   * @default - none
   */
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
   * start. Set `user` to the image's numeric non-root UID (synth warns when it is missing while
   * `ensureNonRoot` is on), or relax these deliberately.
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
   * built from `drainDelay`, `drain`, `preStopCommand` and `awaitExit` (which must then be unset). Its `parts` replace `drainDelay` and
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

/** See GracefulWebServiceProps.drain. */
export type DrainMode = 'exec-sleep' | 'sleep-action' | 'none';

/** The Service a GracefulWebService puts in front of its pods. */
export interface ServiceOptions {
  /** ExternalName is refused: this Service selects the pods. @default plus.ServiceType.CLUSTER_IP */
  readonly type?: plus.ServiceType;
  /** Port of the Service (1–65535); it targets the container port. @default 80 */
  readonly port?: number;
  /**
   * Node port, for NodePort and LoadBalancer Services only (the cluster's node-port range,
   * 30000–32767 unless changed).
   * @default - the cluster picks one
   */
  readonly nodePort?: number;
}

/**
 * A PodDisruptionBudget's limit: one of the two, each a count (an integer >= 0) or a percentage
 * of the pods (`'50%'`). `unhealthyPodEvictionPolicy: AlwaysAllow` is always set.
 */
export interface DisruptionBudgetOptions {
  /** Pods that must stay available during voluntary evictions. @default - unset */
  readonly minAvailable?: number | string;
  /** Pods that may be unavailable during voluntary evictions. @default - unset */
  readonly maxUnavailable?: number | string;
}

/** A preStop built by a construct on top of GracefulWebService, and what it spends of the budget. */
export interface PreStopOverride {
  readonly hook: LifecycleHook;
  /** What the hook spends before the app gets its stop signal, by name, e.g. `nacos.deregisterWait`. */
  readonly parts: readonly BudgetPart[];
}

const DEFAULT_DRAIN_SECONDS = 5;
const DEFAULT_SERVICE_PORT = 80;
const DEFAULT_BUDGET: DisruptionBudgetOptions = { minAvailable: 1 };
const DEFAULT_SHUTDOWN_SECONDS = 30;
const DEFAULT_PRESTOP_COMMAND_SECONDS = 5;

/** The termination budget of a GracefulWebService, in seconds, part by part. */
export interface GracefulTermination {
  readonly drainSeconds: number;
  readonly preStopCommandSeconds: number;
  /**
   * True when the preStop runs `preStopCommand` and then waits for the app's exit: the app's
   * `shutdownSeconds` are then spent inside the preStop.
   */
  readonly waitsForExit: boolean;
  /** How long the preStop runs at most (drain, command and the wait for the app's exit, or the override's expected duration). */
  readonly preStopSeconds: number;
  readonly shutdownSeconds: number;
  /**
   * The app's whole shutdown once it is told to stop (by its preStop's stop command or by SIGTERM):
   * shutdownSeconds plus the extra shutdown parts. The shutdown-seconds annotation declares it.
   */
  readonly appShutdownSeconds: number;
  /** The app's time after the stop signal: appShutdownSeconds, less shutdownSeconds when the preStop waited for the app's exit. */
  readonly afterStopSeconds: number;
  readonly marginSeconds: number;
  readonly parts: readonly BudgetPart[];
  readonly gracePeriodSeconds: number;
}

/**
 * A web workload that rolls out and scales down without dropping requests: a Deployment
 * (readiness, liveness and startup probes; a preStop that drains before the app stops and, with a
 * stop command, waits until the app has exited; a grace period computed from what termination
 * needs; `maxUnavailable: 0`), a Service and a PodDisruptionBudget that select exactly its pods.
 */
export class GracefulWebService extends Construct {
  /** The Deployment (escape hatch: any cdk8s-plus-28 Deployment method). */
  public readonly deployment: plus.Deployment;
  /** The serving container. */
  public readonly container: plus.Container;
  /** The Service in front of the pods; undefined with `service: false`. */
  public readonly service?: plus.Service;
  /** The PodDisruptionBudget (cdk8s-plus-28 has no construct for it); undefined with `podDisruptionBudget: false`. */
  public readonly podDisruptionBudget?: ApiObject;
  /** The probes as rendered. */
  public readonly probes: ProbeSet;
  /** The termination budget and the grace period chosen from it. */
  public readonly termination: GracefulTermination;
  /** Props that synthesize but will likely fail at run time; also printed at synth. */
  public readonly warnings: readonly ConfigProblem[];

  constructor(scope: Construct, id: string, props: GracefulWebServiceProps) {
    super(scope, id);
    const problems = new ProblemList();
    const containerName = props.containerName ?? 'app';
    const portName = props.portName ?? 'http';
    checkPort(problems, 'port', props.port);
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
    checkSecurityContext(problems, props.securityContext);
    const service = serviceOf(props, problems);
    const budget = disruptionBudgetOf(props.podDisruptionBudget, problems);
    checkStrategy(problems, props.strategy);

    for (const p of props.additionalProblems ?? []) problems.add(p.prop, p.message, p.fix);
    this.termination = terminationOf(props, problems);
    this.probes = buildProbeSet({
      check: ProbeCheck.httpGet(props.healthPath ?? '/', { port: portName }),
      readiness: withPath(props.readiness, portName),
      liveness: withPath(props.liveness, portName),
      startup: props.startup === false ? false : withPath(props.startup, portName),
    }, problems);
    problems.throwIfAny(this.node.path);
    this.warnings = problems.warnings;
    for (const w of this.warnings) addPropWarning(this, w);

    this.deployment = new plus.Deployment(this, 'deployment', {
      metadata: props.name ? { name: props.name } : undefined,
      replicas: props.replicas ?? 2,
      strategy: props.strategy ?? plus.DeploymentStrategy.rollingUpdate({
        maxSurge: plus.PercentOrAbsolute.absolute(1),
        maxUnavailable: plus.PercentOrAbsolute.absolute(0),
      }),
      terminationGracePeriod: Duration.seconds(this.termination.gracePeriodSeconds),
    });
    const drainMode = props.drain ?? 'exec-sleep';
    const sleepAction = !props.preStopOverride && drainMode === 'sleep-action' && this.termination.drainSeconds > 0;
    const preStop = props.preStopOverride?.hook ?? (sleepAction ? undefined : preStopHook(this.termination, props));
    this.container = this.deployment.addContainer({
      name: containerName,
      image: props.image,
      imagePullPolicy: props.imagePullPolicy,
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
    if (sleepAction) {
      const seconds = this.termination.drainSeconds;
      const deployment = ApiObject.of(this.deployment);
      editAfterApiMapping(deployment, json => {
        const container = json.spec.template.spec.containers[0];
        container.lifecycle = { ...container.lifecycle, preStop: { sleep: { seconds } } };
      });
      // What the rules of an older target version say about the field, in this construct's props.
      const fix = "drain: 'sleep-action' writes the kubelet's sleep action, added in Kubernetes 1.30 (1.29 has it only behind the "
        + "PodLifecycleSleepAction gate, off by default): if your cluster runs 1.30 or later, call "
        + "LifecycleValidation.enable(app, { k8sVersion: '1.30' }) before defining constructs; else use drain: 'exec-sleep' "
        + "(the image's sleep) or drain: 'none'";
      for (const rule of ['structure/unknown-field', 'api-server/lifecycle-handler', 'api-server/gated-field']) addConstructFix(deployment, rule, fix, 'spec.template.spec.containers[0].lifecycle.preStop');
    }
    // The rule sees a preStop that stops the app (or none) while a Service routes to the pod; the
    // props that wrote it are the drain's.
    addConstructFix(ApiObject.of(this.deployment), 'lifecycle/traffic-after-stop',
      `in the props of ${this.node.path}: keep a drain before the app stops (drainDelay, default Duration.seconds(5), with drain: `
      + "'exec-sleep' or 'sleep-action'), so endpoint removal reaches kube-proxy and ingress first; or service: false if no Service routes to these pods",
      'spec.template.spec.containers[0]');
    (props.writablePaths ?? ['/tmp']).forEach((path, i) => {
      const volume = plus.Volume.fromEmptyDir(this, `writable-${i}`, `writable-${i}`);
      this.container.mount(path, volume);
    });
    for (const [k, v] of Object.entries(props.podLabels ?? {})) this.deployment.podMetadata.addLabel(k, v);
    for (const [k, v] of Object.entries(props.podAnnotations ?? {})) this.deployment.podMetadata.addAnnotation(k, v);
    // What the manifest cannot show (a wait loop, a script that returns at once), for the linter and explain.
    if (preStop || sleepAction) {
      this.deployment.podMetadata.addAnnotation(PRESTOP_SECONDS_ANNOTATION, JSON.stringify({ [containerName]: this.termination.preStopSeconds }));
    }
    if (props.postStart?.declaredSeconds !== undefined) {
      this.deployment.podMetadata.addAnnotation(POSTSTART_SECONDS_ANNOTATION, JSON.stringify({ [containerName]: props.postStart.declaredSeconds }));
    }
    this.deployment.podMetadata.addAnnotation(SHUTDOWN_SECONDS_ANNOTATION, JSON.stringify({ [containerName]: this.termination.appShutdownSeconds }));
    fallbackToLogsOnErrorAt(this.deployment, 'containers', 0);

    if (service) {
      this.service = new plus.Service(this, 'service', {
        metadata: props.name ? { name: props.name } : undefined,
        selector: this.deployment,
        type: service.type,
        ports: [{ name: portName, port: service.port, targetPort: props.port, nodePort: service.nodePort }],
      });
    }

    if (budget) {
      this.podDisruptionBudget = new ApiObject(this, 'pdb', {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: props.name ? { name: props.name } : undefined,
        spec: {
          ...budget,
          selector: { matchLabels: this.deployment.matchLabels },
          // A pod that is not Ready serves nothing: let evictions take it, or one crash-looping
          // pod blocks every node drain (the default, IfHealthyBudget, protects it). Beta and on by
          // default since Kubernetes 1.27.
          unhealthyPodEvictionPolicy: 'AlwaysAllow',
        },
      });
      addConstructFix(this.podDisruptionBudget, 'lifecycle/pdb-blocks-eviction',
        `in the props of ${this.node.path}: raise replicas above what the budget keeps available, or set `
        + 'podDisruptionBudget: { maxUnavailable: 1 } (drains then take one pod at a time) or podDisruptionBudget: false (no budget)');
    }

    LifecycleValidation.enable(this);
  }

  /**
   * Adds an init container (any cdk8s-plus-28 `ContainerProps`) to the pods, with
   * `terminationMessagePolicy: FallbackToLogsOnError` like the app container, so a failing init
   * step shows its last log lines in `kubectl describe pod`. Prefer it to
   * `deployment.addInitContainer`, which cannot set that policy.
   */
  public addInitContainer(props: plus.ContainerProps): plus.Container {
    const container = this.deployment.addInitContainer(props);
    fallbackToLogsOnErrorAt(this.deployment, 'initContainers', this.deployment.initContainers.indexOf(container));
    return container;
  }

  /**
   * Adds a container (a sidecar) to the pods, with `terminationMessagePolicy:
   * FallbackToLogsOnError`. Prefer it to `deployment.addContainer`.
   */
  public addContainer(props: plus.ContainerProps): plus.Container {
    const container = this.deployment.addContainer(props);
    fallbackToLogsOnErrorAt(this.deployment, 'containers', this.deployment.containers.indexOf(container));
    return container;
  }

  /**
   * The Deployment's startup and termination timeline, with verdicts: what
   * `cdk8s-lifecycle explain` prints for the synthesized manifest.
   */
  public explain(options: ExplainOptions = {}): Explanation {
    return explainConstruct(this, options)[0];
  }
}

/**
 * Edits an imported object's JSON after its own serializer. cdk8s-plus-28's Handler cannot express
 * the sleep action (Kubernetes 1.29+), and a JsonPatch cannot add it either: KubeDeployment maps
 * its JSON through the 1.28 API types after applying patches, which drops fields 1.28 does not
 * know. The override sits on a prototype of the object's own, so the `toJson` that synth-time
 * validation sets on the object for the length of one synth, and then deletes, comes and goes
 * above it.
 */
function editAfterApiMapping(object: ApiObject, edit: (json: any) => void): void {
  const serializer = Object.getPrototypeOf(object) as ApiObject;
  const own = Object.create(serializer, {
    toJson: {
      value(this: ApiObject) {
        const json = serializer.toJson.call(this);
        edit(json);
        return json;
      },
    },
  }) as ApiObject;
  Object.setPrototypeOf(object, own);
}

function withPath<T extends HttpPathOption & { check?: ProbeCheck }>(options: T | undefined, port: string): T | undefined {
  if (options?.path === undefined) return options;
  return { ...options, check: options.check ?? ProbeCheck.httpGet(options.path, { port }) };
}

/**
 * The budget: drain, then the preStop command, then the app's shutdown (inside the preStop when
 * it waits for the app's exit, else after the stop signal), plus a margin. Each part once.
 */
function terminationOf(props: GracefulWebServiceProps, problems: ProblemList): GracefulTermination {
  const override = props.preStopOverride;
  const drainMode = props.drain ?? 'exec-sleep';
  checkDrain(problems, props);
  const drainSeconds = drainMode === 'none' ? 0 : durationSeconds(problems, 'drainDelay', props.drainDelay, DEFAULT_DRAIN_SECONDS);
  const hasCommand = (props.preStopCommand?.length ?? 0) > 0;
  if (!override && hasCommand && props.service !== false && drainSeconds < ENDPOINT_PROPAGATION_SECONDS) {
    // What lifecycle/traffic-after-stop would fail at synth, said in this construct's props.
    const prop = drainMode === 'none' ? 'drain' : 'drainDelay';
    problems.add(prop,
      `${drainMode === 'none' ? "'none'" : `${drainSeconds} s`} before preStopCommand stops the app, while endpoint removal takes ≈${ENDPOINT_PROPAGATION_SECONDS} s: `
      + `its Service still routes requests to the pod for ${ENDPOINT_PROPAGATION_SECONDS - drainSeconds} s after the app stops accepting them`,
      `keep drainDelay at least Duration.seconds(${ENDPOINT_PROPAGATION_SECONDS}) (the default) with drain: 'exec-sleep', or set service: false if nothing routes to these pods`);
  }
  const preStopCommandSeconds = hasCommand
    ? durationSeconds(problems, 'preStopCommandTimeout', props.preStopCommandTimeout, DEFAULT_PRESTOP_COMMAND_SECONDS)
    : 0;
  const waitsForExit = !override && hasCommand && props.awaitExit !== false;
  const shutdownSeconds = durationSeconds(problems, 'shutdownTimeout', props.shutdownTimeout, DEFAULT_SHUTDOWN_SECONDS);
  const marginSeconds = durationSeconds(problems, 'terminationMargin', props.terminationMargin, DEFAULT_MARGIN_SECONDS);
  const preStopParts: readonly BudgetPart[] = override?.parts ?? [
    { name: 'drainDelay', seconds: drainSeconds, why: 'endpoint removal reaches kube-proxy and ingress' },
    ...(hasCommand ? [{ name: 'preStopCommandTimeout', seconds: preStopCommandSeconds, why: 'the preStop command runs' }] : []),
  ];
  const extraShutdownParts = props.extraShutdownParts ?? [];
  const parts: BudgetPart[] = [
    ...preStopParts,
    {
      name: 'shutdownTimeout',
      seconds: shutdownSeconds,
      why: waitsForExit
        ? 'the app finishes in-flight requests and exits after the preStop command, while the preStop waits for it'
        : 'the app finishes in-flight requests after the stop signal',
    },
    ...extraShutdownParts,
    { name: 'terminationMargin', seconds: marginSeconds, why: 'hook start-up and jitter' },
  ];
  const preStopSeconds = override ? override.hook.expectedSeconds : drainSeconds + preStopCommandSeconds + (waitsForExit ? shutdownSeconds : 0);
  const appShutdownSeconds = shutdownSeconds + budgetSeconds(extraShutdownParts);
  const afterStopSeconds = appShutdownSeconds - (waitsForExit ? shutdownSeconds : 0);
  const hasPreStop = override !== undefined || hasCommand || drainSeconds > 0;
  if (hasPreStop && afterStopSeconds + marginSeconds < KUBELET_MIN_SECONDS_AFTER_PRESTOP) {
    const left = waitsForExit ? 'terminationMargin' : 'shutdownTimeout + terminationMargin';
    problems.add('terminationMargin',
      `${left} is ${afterStopSeconds + marginSeconds} s: the grace period would end with the preStop and cut it off`,
      `leave the app at least ${KUBELET_MIN_SECONDS_AFTER_PRESTOP} s after the preStop (the kubelet's own floor): raise terminationMargin${waitsForExit ? '' : ' or shutdownTimeout'}`);
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
  return {
    drainSeconds, preStopCommandSeconds, waitsForExit, preStopSeconds, shutdownSeconds, appShutdownSeconds, afterStopSeconds, marginSeconds, parts,
    gracePeriodSeconds,
  };
}

/** The combinations of drain, preStopCommand and awaitExit that cannot work as written. */
function checkDrain(problems: ProblemList, props: GracefulWebServiceProps): void {
  const modes: readonly DrainMode[] = ['exec-sleep', 'sleep-action', 'none'];
  if (props.drain !== undefined && !modes.includes(props.drain)) {
    problems.add('drain', `${JSON.stringify(props.drain)} is not a drain mode`, `use one of ${modes.map(m => `'${m}'`).join(', ')}`);
  }
  if (props.preStopOverride) {
    for (const prop of ['drain', 'awaitExit'] as const) {
      if (props[prop] !== undefined) {
        problems.add(prop, 'has no effect: the construct on top of GracefulWebService builds its own preStop', `leave ${prop} unset`);
      }
    }
    return;
  }
  const hasCommand = (props.preStopCommand?.length ?? 0) > 0;
  if (props.drain === 'sleep-action' && hasCommand) {
    problems.add('drain', 'the sleep action cannot also run preStopCommand: a lifecycle handler has exactly one action',
      "use drain: 'exec-sleep' (the image needs /bin/sh and sleep), or drop preStopCommand and let the stop signal stop the app");
  }
  if (props.drain === 'none' && props.drainDelay !== undefined && safeMillis(props.drainDelay) !== 0) {
    problems.add('drainDelay', `${describeDuration(props.drainDelay)} is set but drain is 'none', so nothing waits it out`,
      "leave drainDelay unset with drain: 'none', or choose a drain mode that waits");
  }
  if (props.awaitExit !== undefined && props.awaitExit !== false) {
    if (!hasCommand) {
      problems.add('awaitExit', 'has no effect without preStopCommand: the app then stops at its stop signal, which the kubelet sends after the preStop',
        'set preStopCommand to the command that stops the app, or leave awaitExit unset');
    } else if (props.awaitExit !== 'main-process' && !props.awaitExit.pidFile?.startsWith('/')) {
      problems.add('awaitExit.pidFile', `${JSON.stringify(props.awaitExit.pidFile)} is not an absolute path`,
        "give the app's pid file as the container sees it, e.g. '/tmp/nginx.pid' (nginx's pid directive)");
    }
  }
}

function safeMillis(d: Duration): number {
  try {
    return d.toMilliseconds({ integral: false });
  } catch {
    return Number.NaN;
  }
}

/**
 * preStop: wait out the drain, then run the stop command and wait for the app's exit. No shell is
 * needed without a command.
 */
function preStopHook(t: GracefulTermination, props: GracefulWebServiceProps): LifecycleHook | undefined {
  const expectedDuration = Duration.seconds(t.preStopSeconds);
  const command = props.preStopCommand;
  if (command && command.length > 0) {
    return LifecycleHook.exec(gracefulStopCommand({
      drainSeconds: t.drainSeconds,
      command,
      awaitExit: t.waitsForExit ? props.awaitExit ?? 'main-process' : false,
      waitSeconds: t.shutdownSeconds,
    }), { expectedDuration });
  }
  if (t.drainSeconds > 0) return LifecycleHook.exec(['sleep', String(t.drainSeconds)], { expectedDuration });
  return undefined;
}

/**
 * `ensureNonRoot` (cdk8s-plus-28's default) makes the kubelet check the user before it starts the
 * container: with no numeric `user` it reads the image's USER and refuses root or a name
 * ("container has runAsNonRoot and image has non-numeric user", kuberuntime_container.go's
 * verifyRunAsNonRoot). Most public images run as root or a named user.
 */
function checkSecurityContext(problems: ProblemList, context: plus.ContainerSecurityContextProps | undefined): void {
  const ensureNonRoot = context?.ensureNonRoot ?? true;
  if (!ensureNonRoot) return;
  if (context?.user === 0) {
    problems.add('securityContext.user', '0 is root, and ensureNonRoot is on: the kubelet refuses to start the container',
      "give the image's non-root UID, or ensureNonRoot: false if it must run as root");
  } else if (context?.user === undefined) {
    problems.warn('securityContext.user',
      'is not set while ensureNonRoot is on: the kubelet then checks the image\'s USER and refuses to start the container '
      + 'when it is root or a name instead of a number (CreateContainerConfigError), which most public images are',
      "set securityContext: { user: <the image's numeric non-root UID> } (e.g. 101 for nginxinc/nginx-unprivileged), "
      + 'or ensureNonRoot: false if the image must run as root');
  }
}

/** The Service to make, with its defaults; undefined with `service: false`. */
function serviceOf(props: GracefulWebServiceProps, problems: ProblemList): { type: plus.ServiceType; port: number; nodePort?: number } | undefined {
  const options = props.service;
  if (options !== undefined && (props.servicePort !== undefined || props.serviceType !== undefined)) {
    problems.add(props.servicePort !== undefined ? 'servicePort' : 'serviceType', 'is given next to service',
      'set the Service in one place: service: { port, type }');
  }
  if (options === false) return undefined;
  const type = options?.type ?? props.serviceType ?? plus.ServiceType.CLUSTER_IP;
  const port = options?.port ?? props.servicePort ?? DEFAULT_SERVICE_PORT;
  checkPort(problems, options?.port !== undefined ? 'service.port' : 'servicePort', options?.port ?? props.servicePort);
  checkPort(problems, 'service.nodePort', options?.nodePort);
  if (type === plus.ServiceType.EXTERNAL_NAME) {
    problems.add(options?.type !== undefined ? 'service.type' : 'serviceType', 'ExternalName names a host outside the cluster and selects no pods', 'use ClusterIP, NodePort or LoadBalancer, or service: false and an ExternalName Service of your own');
  }
  if (options?.nodePort !== undefined && type !== plus.ServiceType.NODE_PORT && type !== plus.ServiceType.LOAD_BALANCER) {
    problems.add('service.nodePort', `is set on a ${type} Service, which the API server refuses ("may not be used when type is 'ClusterIP'")`,
      'use type NodePort or LoadBalancer, or drop nodePort');
  }
  return { type, port, nodePort: options?.nodePort };
}

/** The budget's spec fields; undefined with `podDisruptionBudget: false`. */
function disruptionBudgetOf(options: DisruptionBudgetOptions | false | undefined, problems: ProblemList): DisruptionBudgetOptions | undefined {
  if (options === false) return undefined;
  const budget = options ?? DEFAULT_BUDGET;
  const given = (['minAvailable', 'maxUnavailable'] as const).filter(k => budget[k] !== undefined);
  if (given.length !== 1) {
    problems.add('podDisruptionBudget', given.length === 0 ? 'sets neither minAvailable nor maxUnavailable' : 'sets both minAvailable and maxUnavailable, which the API server refuses',
      'give one of them, e.g. { maxUnavailable: 1 }, or podDisruptionBudget: false for no budget');
  }
  for (const key of given) checkIntOrPercent(problems, `podDisruptionBudget.${key}`, budget[key]!);
  return given.length === 1 ? { [given[0]]: budget[given[0]] } : budget;
}

/** A count (integer >= 0) or a percentage `'0%'`–`'100%'`, as policy/v1 validates them. */
function checkIntOrPercent(problems: ProblemList, prop: string, value: number | string): void {
  const ok = typeof value === 'number'
    ? Number.isInteger(value) && value >= 0
    : /^\d{1,3}%$/.test(value) && Number(value.slice(0, -1)) <= 100;
  if (!ok) {
    problems.add(prop, `${JSON.stringify(value)} is neither a count nor a percentage`, "use an integer >= 0 (e.g. 1) or a percentage of the pods from '0%' to '100%' (e.g. '50%')");
  }
}

/** A rolling update's maxSurge and maxUnavailable, as validation.go checks them. */
function checkStrategy(problems: ProblemList, strategy: plus.DeploymentStrategy | undefined): void {
  if (!strategy) return;
  // The rendered strategy: cdk8s-plus-28 keeps it behind `_toKube()`.
  const kube = (strategy as unknown as { _toKube(): { rollingUpdate?: Record<string, { value?: unknown } | undefined> } })._toKube();
  for (const key of ['maxSurge', 'maxUnavailable']) {
    const value = kube.rollingUpdate?.[key]?.value;
    if (value === undefined) continue;
    const ok = typeof value === 'number'
      ? Number.isInteger(value) && value >= 0
      : typeof value === 'string' && /^\d+%$/.test(value) && (key === 'maxSurge' || Number(value.slice(0, -1)) <= 100);
    if (!ok) {
      problems.add(`strategy.${key}`, `${JSON.stringify(value)} is not a valid ${key}`,
        `use PercentOrAbsolute.absolute(n) with an integer n >= 0, or PercentOrAbsolute.percent(p) with an integer p${key === 'maxUnavailable' ? ' up to 100' : ''}`);
    }
  }
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
