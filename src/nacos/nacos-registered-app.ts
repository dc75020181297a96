import { Duration, Size } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { NACOS_ANNOTATION, POSTSTART_SECONDS_ANNOTATION, PRESTOP_SECONDS_ANNOTATION, SHUTDOWN_SECONDS_ANNOTATION } from '../analysis/annotations';
import { handlerSleepSeconds } from '../analysis/hook-duration';
import { ProblemList, type ConfigProblem } from '../errors';
import { GracefulWebService, type GracefulWebServiceProps, type HttpPathOption } from '../graceful-web-service';
import { LifecycleHook } from '../hooks/lifecycle-hook';
import type { StartupOptions } from '../probes/probe-presets';
import { NACOS_SCRIPT_DIR, NACOS_SCRIPT_FILE, NACOS_SCRIPT_PATH, NACOS_STATE_DIR, nacosHookScript, type NacosHookMode } from './hook-script';
import { DEFAULT_SPRING_MAX_STARTUP_SECONDS, type NacosOptions } from './nacos-options';
import { hookEnv, planNacos, sharedNacosEnv, springBootEnv, type NacosPlan } from './nacos-plan';

/** Spring Boot's actuator health groups, served when `management.endpoint.health.probes.enabled`. */
export const ACTUATOR_READINESS_PATH = '/actuator/health/readiness';
export const ACTUATOR_LIVENESS_PATH = '/actuator/health/liveness';

/** Name of the sidecar (and, with `-install`, of its init container) in `deregisterFrom: 'sidecar'`. */
export const NACOS_SIDECAR_NAME = 'nacos-lifecycle';
/** Where the init container puts the static busybox the app container's preStop runs as `sleep`. */
export const NACOS_BIN_DIR = '/nacos-lifecycle/bin';

/** Props of a NacosRegisteredApp: GracefulWebService's, without the preStop it builds itself. */
export interface NacosRegisteredAppProps extends Omit<GracefulWebServiceProps,
'healthPath' | 'postStart' | 'preStopCommand' | 'preStopCommandTimeout' | 'preStopOverride' | 'extraShutdownParts' | 'additionalProblems'
| 'drain' | 'awaitExit'> {
  /** Where and how the app registers in Nacos. */
  readonly nacos: NacosOptions;
  /**
   * Your own postStart (cache warm-up, ...). A container has one postStart, and in app-container
   * mode the construct's start-up step runs in it: `sh nacos-lifecycle.sh poststart <your
   * command>` clears the previous container's state and starts the enable-on-start job in the
   * background (never failing), then `exec`s your command. So your command's exit status (non-zero
   * fails the hook and the kubelet kills the container), output (the FailedPostStartHook event) and
   * duration are the hook's, as if it stood alone. It must be an exec hook (`LifecycleHook.exec` or
   * `LifecycleHook.shell`). With `deregisterFrom: 'sidecar'` it is the app container's postStart
   * as given (any kind). Its `expectedDuration`, or the sleeps of its command, become the
   * `lifecycle.cdk8s.io/poststart-seconds` annotation.
   * @default - none
   */
  readonly postStart?: LifecycleHook;
  /** @default - GET /actuator/health/readiness every 5 s, unready after 2 failures */
  readonly readiness?: GracefulWebServiceProps['readiness'];
  /** @default - GET /actuator/health/liveness every 10 s, restarted after 3 failures */
  readonly liveness?: GracefulWebServiceProps['liveness'];
  /** @default - GET /actuator/health/liveness every 2 s for up to 120 s */
  readonly startup?: (StartupOptions & HttpPathOption) | false;
}

/**
 * A Spring Cloud service registered in Nacos that rolls out and scales down without sending a
 * request to a stopped pod. Everything GracefulWebService gives, plus:
 *
 * - a preStop that **disables** this pod's instance (never DELETE: heartbeats undo it, and a 2.x
 *   gRPC client's instance ignores it), then keeps the app serving for `nacos.deregisterWait`
 *   while the push and the consumers' load-balancer caches drop it, then lets the app stop. On
 *   failure it says why in the container log, serves as long all the same (consumers still hold
 *   the instance) and exits non-zero (a `FailedPreStopHook` event);
 * - enable-on-start: the disabled flag outlives a pod on the server for ~60 s, and a new pod may
 *   reuse the ip:port; a background job waits until the app registered, then enables it, and never
 *   once the preStop began disabling (a stop mark in an emptyDir, which each new container clears);
 * - the script in a ConfigMap (no image rebuild), POSIX sh, with curl, GNU wget or busybox nc;
 *   values reach it only through env vars (the pod IP from the downward API);
 * - `deregisterFrom: 'sidecar'` for shell-less images: a sidecar calls Nacos, and the app
 *   container's preStop is a static `sleep` copied into the pod by an init container;
 * - a grace period of what the preStop really runs (an enable request still in flight, the Nacos
 *   calls, then the longer of the deregister wait and the drain delay) + shutdownTimeout + Spring
 *   Cloud Alibaba's shutdown wait + margin; an explicit shorter `terminationGracePeriod` is an
 *   error;
 * - Spring Boot wiring: discovery settings by relaxed binding, graceful shutdown with
 *   `timeout-per-shutdown-phase` = shutdownTimeout, probes on the actuator health groups.
 *
 * See docs/nacos.md.
 */
export class NacosRegisteredApp extends GracefulWebService {
  /** The resolved Nacos settings and timing. */
  public readonly nacos: NacosPlan;
  /** The ConfigMap holding the hook script. */
  public readonly hookScript: plus.ConfigMap;
  /** The sidecar that calls Nacos, with `deregisterFrom: 'sidecar'`. */
  public readonly sidecar?: plus.Container;

  constructor(scope: Construct, id: string, props: NacosRegisteredAppProps) {
    const problems = new CollectedProblems();
    const plan = planNacos(props, id, problems);
    const sidecarMode = plan.deregisterFrom === 'sidecar';
    const liveness = props.liveness?.path ?? ACTUATOR_LIVENESS_PATH;
    const postStart = composePostStart(plan, props.postStart, problems);
    super(scope, id, {
      ...props,
      env: {
        ...props.env,
        ...sharedNacosEnv(plan, props.port, props.nacos?.auth),
        ...springBootEnv(plan),
        ...(sidecarMode ? {} : hookEnv(plan)),
      },
      readiness: { ...props.readiness, path: props.readiness?.path ?? ACTUATOR_READINESS_PATH },
      liveness: { ...props.liveness, path: liveness },
      startup: props.startup === false ? false : {
        maxStartupTime: Duration.seconds(DEFAULT_SPRING_MAX_STARTUP_SECONDS),
        ...props.startup,
        path: props.startup?.path ?? liveness,
      },
      preStopOverride: { hook: appPreStop(plan), parts: plan.preStopParts },
      extraShutdownParts: plan.extraShutdownParts,
      postStart: postStart.hook,
      additionalProblems: problems.items,
    });
    this.nacos = plan;

    this.hookScript = new plus.ConfigMap(this, 'nacos-script', { data: { [NACOS_SCRIPT_FILE]: nacosHookScript() } });
    const scriptVolume = plus.Volume.fromConfigMap(this, 'nacos-script-volume', this.hookScript, {
      name: 'nacos-lifecycle-script',
      defaultMode: 0o444,
    });
    // The stop mark and the enable lock: an emptyDir, so that the preStop and the enable job (two
    // processes of the container running the script) see the same files on a read-only root.
    const stateVolume = plus.Volume.fromEmptyDir(this, 'nacos-state', 'nacos-lifecycle-state', {
      medium: plus.EmptyDirMedium.MEMORY,
      sizeLimit: Size.mebibytes(1),
    });
    const preStopSeconds: Record<string, number> = { [this.container.name]: this.termination.preStopSeconds };
    const shutdownSeconds: Record<string, number> = { [this.container.name]: this.termination.appShutdownSeconds };
    if (sidecarMode) {
      this.sidecar = this.addSidecar(plan, props, scriptVolume, stateVolume);
      preStopSeconds[this.sidecar.name] = plan.disableSeconds;
      // Its idle loop exits on SIGTERM at once.
      shutdownSeconds[this.sidecar.name] = 0;
    } else {
      this.container.mount(NACOS_SCRIPT_DIR, scriptVolume, { readOnly: true });
      this.container.mount(NACOS_STATE_DIR, stateVolume);
    }

    const pod = this.deployment.podMetadata;
    // The postStart script starts the enable loop in the background and returns at once, or runs
    // the user's command: nothing in the manifest shows how long, so the linter and explain are told.
    if (postStart.seconds !== undefined) pod.addAnnotation(POSTSTART_SECONDS_ANNOTATION, sortedJson({ [this.container.name]: postStart.seconds }));
    pod.addAnnotation(PRESTOP_SECONDS_ANNOTATION, sortedJson(preStopSeconds));
    pod.addAnnotation(SHUTDOWN_SECONDS_ANNOTATION, sortedJson(shutdownSeconds));
    pod.addAnnotation(NACOS_ANNOTATION, sortedJson({
      container: this.container.name,
      drainSeconds: plan.drainSeconds,
      deregisterWaitSeconds: plan.deregisterWaitSeconds,
      consumerCacheSeconds: plan.consumerCacheSeconds,
      serverVersion: plan.serverVersion,
    }));
  }

  /**
   * The sidecar runs the enable-on-start loop and, as its preStop, disables the instance; an init
   * container copies the sidecar image's static busybox into an emptyDir as the app container's
   * `sleep`, so the app container waits in its own preStop without a shell. The kubelet runs all
   * preStops at once and stops each container after its own: the app's sleep lasts as long as the
   * sidecar's calls may take plus the deregister wait.
   */
  private addSidecar(plan: NacosPlan, props: NacosRegisteredAppProps, scriptVolume: plus.Volume, stateVolume: plus.Volume): plus.Container {
    const resources = props.nacos.sidecar?.resources ?? {
      cpu: { request: plus.Cpu.millis(10), limit: plus.Cpu.millis(100) },
      memory: { request: Size.mebibytes(16), limit: Size.mebibytes(32) },
    };
    const securityContext: plus.ContainerSecurityContextProps = {
      user: 65534,
      group: 65534,
      ensureNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    };
    const bin = plus.Volume.fromEmptyDir(this, 'nacos-bin', 'nacos-lifecycle-bin', { sizeLimit: Size.mebibytes(8) });
    const install = this.addInitContainer({
      name: `${NACOS_SIDECAR_NAME}-install`,
      image: plan.sidecarImage,
      command: ['cp', '/bin/busybox', `${NACOS_BIN_DIR}/sleep`],
      resources,
      securityContext,
    });
    install.mount(NACOS_BIN_DIR, bin);
    this.container.mount(NACOS_BIN_DIR, bin, { readOnly: true });

    const sidecar = this.addContainer({
      name: NACOS_SIDECAR_NAME,
      image: plan.sidecarImage,
      command: ['sh', NACOS_SCRIPT_PATH, 'sidecar'],
      envVariables: {
        ...sharedNacosEnv(plan, props.port, props.nacos.auth),
        ...hookEnv(plan),
      },
      resources,
      securityContext,
      lifecycle: { preStop: scriptHook('disable', plan.disableSeconds).toCdk8sPlus() },
    });
    sidecar.mount(NACOS_SCRIPT_DIR, scriptVolume, { readOnly: true });
    sidecar.mount(NACOS_STATE_DIR, stateVolume);
    return sidecar;
  }
}

/**
 * `sh <script> <mode> [args]`: the script is a file, so no `sh -c` and nothing interpolated. Its
 * duration is declared only when known (a user command of unknown duration declares none).
 */
function scriptHook(mode: NacosHookMode, expectedSeconds: number | undefined, args: readonly string[] = []): LifecycleHook {
  const expectedDuration = expectedSeconds === undefined ? undefined : Duration.seconds(expectedSeconds);
  return LifecycleHook.exec(['sh', NACOS_SCRIPT_PATH, mode, ...args], { expectedDuration });
}

/**
 * The app container's postStart and how long it runs (undefined: unknown). In app-container mode
 * the construct's step (instant: it backgrounds the enable job) wraps the user's exec command; in
 * sidecar mode the sidecar's main process enables, and the user's hook stands as given.
 */
function composePostStart(plan: NacosPlan, user: LifecycleHook | undefined, problems: ProblemList): { hook?: LifecycleHook; seconds?: number } {
  const inferred = user ? handlerSleepSeconds(user.handler)?.seconds : undefined;
  const userSeconds = user && (user.expectedSeconds > 0 || inferred !== undefined)
    ? Math.max(user.expectedSeconds, Math.ceil(inferred ?? 0))
    : undefined;
  if (plan.deregisterFrom === 'sidecar') return { hook: user, seconds: userSeconds };
  if (!user) return { hook: scriptHook('poststart', 0), seconds: 0 };
  const command = user.handler.exec?.command;
  if (!command || command.length === 0) {
    problems.add('postStart', 'is not an exec hook: the app container has one postStart, and it must also start the Nacos enable-on-start job',
      'give LifecycleHook.exec([...]) or LifecycleHook.shell(\'...\') (e.g. wget -q -O /dev/null http://127.0.0.1:<port>/warm-up), or use nacos.deregisterFrom: \'sidecar\'');
    return {};
  }
  return { hook: scriptHook('poststart', userSeconds, command), seconds: userSeconds };
}

/** The app container's preStop: the script itself, or in sidecar mode a shell-less static sleep. */
function appPreStop(plan: NacosPlan): LifecycleHook {
  const expectedDuration = Duration.seconds(plan.preStopSeconds);
  if (plan.deregisterFrom === 'sidecar') {
    return LifecycleHook.exec([`${NACOS_BIN_DIR}/sleep`, String(plan.preStopSeconds)], { expectedDuration });
  }
  return scriptHook('prestop', plan.preStopSeconds);
}

function sortedJson(record: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.keys(record).sort().map(k => [k, record[k]])));
}

/** A ProblemList whose problems can be handed to GracefulWebService and reported with its own. */
class CollectedProblems extends ProblemList {
  public readonly items: ConfigProblem[] = [];

  public add(prop: string, message: string, fix: string): void {
    super.add(prop, message, fix);
    this.items.push({ prop, message, fix });
  }
}
