import { Duration } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import { httpGetAction, type HttpGetOptions } from '../http-get-action';
import type { KubeLifecycleHandler } from '../kube-types';
import { toCdk8sPlusHandler } from '../probes/cdk8s-plus-interop';

/** Options for an HTTP GET hook. */
export type HttpGetHookOptions = HttpGetOptions;

/** Options shared by every hook. */
export interface HookTimingOptions {
  /**
   * How long the hook runs at most. Counted in the termination budget for a preStop, and shown by
   * `explain`. The kubelet cannot know it, so say it when the hook waits for something.
   * @default - 0 s
   */
  readonly expectedDuration?: Duration;
}

/**
 * A container lifecycle hook (postStart or preStop).
 *
 * Only `exec` and `httpGet` exist here: Kubernetes accepts a `tcpSocket` lifecycle handler but
 * never runs it ("TCPSocket is NOT supported as a LifecycleHandler"), so it cannot be expressed.
 * An httpGet hook counts any response, even 404, as success, and can only send GET.
 */
export class LifecycleHook {
  /** Run `command` in the container (no shell). */
  public static exec(command: string[], options: HookTimingOptions = {}): LifecycleHook {
    if (command.length === 0) {
      throw new Error('LifecycleHook.exec: the command is empty; give at least the executable, e.g. [\'nginx\', \'-s\', \'quit\']');
    }
    return new LifecycleHook({ exec: { command: [...command] } }, options);
  }

  /** Run a POSIX sh script: `sh -c script`. The image needs `/bin/sh`. */
  public static shell(script: string, options: HookTimingOptions = {}): LifecycleHook {
    return LifecycleHook.exec(['sh', '-c', script], options);
  }

  /** GET `path` on the pod IP. */
  public static httpGet(path: string, options: HttpGetHookOptions, timing: HookTimingOptions = {}): LifecycleHook {
    return new LifecycleHook({ httpGet: httpGetAction(path, options) }, timing);
  }

  /** Seconds the hook is expected to run (0 when no `expectedDuration` was given). */
  public readonly expectedSeconds: number;
  /**
   * Seconds given as `expectedDuration`, undefined when none was: a construct then declares the
   * hook's duration in its prestop-seconds or poststart-seconds annotation only when it is known,
   * so the linter still reads the sleeps of a hook that declares nothing.
   */
  public readonly declaredSeconds: number | undefined;

  private constructor(public readonly handler: KubeLifecycleHandler, options: HookTimingOptions) {
    const millis = options.expectedDuration?.toMilliseconds({ integral: false }) ?? 0;
    if (!Number.isFinite(millis) || millis < 0) {
      throw new Error(`LifecycleHook: expectedDuration ${options.expectedDuration?.toHumanString()} is not a duration; use e.g. Duration.seconds(45)`);
    }
    this.expectedSeconds = Math.ceil(millis / 1000);
    this.declaredSeconds = options.expectedDuration === undefined ? undefined : this.expectedSeconds;
  }

  /** This hook as a cdk8s-plus-28 `Handler`, for any cdk8s-plus container's `lifecycle`. */
  public toCdk8sPlus(): plus.Handler {
    return toCdk8sPlusHandler(this.handler);
  }
}
