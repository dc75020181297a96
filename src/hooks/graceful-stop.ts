/**
 * The preStop script that stops an app gracefully by a command (`nginx -s quit`) instead of by
 * its stop signal, and waits until the app has exited.
 *
 * Why the wait: the kubelet sends the container's stop signal as soon as the preStop returns
 * (kubelet `killContainer`: preStop, then `StopContainer`). `nginx -s quit` only signals the
 * master and returns at once, so without the wait the stop signal follows within milliseconds;
 * with SIGTERM (no STOPSIGNAL in the image, e.g. any image built on Debian's nginx package) nginx
 * then stops fast and cuts every in-flight response. The official and the unprivileged nginx
 * images set `STOPSIGNAL SIGQUIT`, which hides the problem there only. Kubernetes' own docs
 * changed their nginx example to wait for the same reason (kubernetes/website#12563).
 *
 * What the wait looks like in a pod: the app is usually PID 1; when it exits, the container stops
 * and the runtime kills the preStop still waiting inside it, so the kubelet records a
 * `FailedPreStopHook` event (exit 137) on every such stop. That event is the success case here;
 * the script exits non-zero by itself only when the stop command fails or the app outlives the
 * wait. With `shareProcessNamespace`, PID 1 is the pod's pause process, which never exits: wait
 * for a pid file instead.
 */
import { shellCommand } from './shell';

/**
 * Which process the preStop waits for after the stop command:
 * - `'main-process'`: PID 1, the container's main process (passed to the script as `$1`, so the
 *   script can be pointed at another PID to test it);
 * - `{ pidFile }`: the PID read from this file just before the command runs (nginx's `pid`
 *   directive: `/tmp/nginx.pid` in nginxinc/nginx-unprivileged, `/var/run/nginx.pid` in nginx);
 * - `false`: none; the command only starts something, and the app stops at its stop signal.
 */
export type AwaitExit = 'main-process' | { readonly pidFile: string } | false;

/** What the preStop does, in whole seconds. */
export interface GracefulStopOptions {
  /** Slept first, so that endpoint removal reaches every proxy before the app stops accepting. */
  readonly drainSeconds: number;
  /** The app's stop command, e.g. `['nginx', '-s', 'quit']`. */
  readonly command: readonly string[];
  readonly awaitExit: AwaitExit;
  /** Longest the wait for the app's exit lasts, counted in one-second polls. */
  readonly waitSeconds: number;
}

/** `$0` of the script: what the shell names in its own error messages. */
export const GRACEFUL_STOP_NAME = 'prestop';

/**
 * The preStop exec command: `sh -c <script> prestop [1]`. POSIX sh (dash, busybox); besides the
 * command it needs `sleep` only, and `kill -0` (a builtin) to watch the app.
 */
export function gracefulStopCommand(options: GracefulStopOptions): string[] {
  const drain = options.drainSeconds > 0 ? [`sleep ${options.drainSeconds}`] : [];
  if (options.awaitExit === false) {
    return ['sh', '-c', [...drain, `exec ${shellCommand(options.command)}`].join('; ')];
  }
  const readPidFile = options.awaitExit === 'main-process' ? [] : [
    `read -r pid < "${escapeForDoubleQuotes(options.awaitExit.pidFile)}" || { echo "preStop: cannot read the app's PID from ${escapeForDoubleQuotes(options.awaitExit.pidFile)}" >&2; exit 1; }`,
  ];
  const n = options.waitSeconds;
  const script = [
    // The drain, then the command: what `explain` reads as the time the app keeps serving.
    ...drain,
    ...readPidFile,
    // `exec` in a subshell: the argv runs as a program, never as a shell builtin of the same name.
    `(exec ${shellCommand(options.command)}) || { status=$?; echo "preStop: the stop command failed (status $status)" >&2; exit "$status"; }`,
    ...(options.awaitExit === 'main-process' ? ['pid=$1 # the app: PID 1 in the container, its main process'] : []),
    // To the hook's output (the kubelet's log) and to the app's stderr, which `kubectl logs` shows.
    'say() { echo "preStop: $*" >&2; { echo "preStop: $*" > "/proc/$pid/fd/2"; } 2>/dev/null; }',
    // busybox's `kill -0 ""` and any shell's `kill -0 0` succeed (the process group): only a PID will do.
    'case $pid in \'\' | 0* | *[!0-9]*) say "not a PID: \'$pid\'"; exit 1 ;; esac',
    // Until the app has exited: the stop signal that follows must find nothing left to cut.
    'i=0',
    'while kill -0 "$pid" 2>/dev/null; do',
    `  if [ "$i" -ge ${n} ]; then`,
    `    say "the app (PID $pid) still runs ${n} s after its stop command; the stop signal follows"`,
    '    exit 1',
    '  fi',
    '  sleep 1',
    '  i=$((i + 1))',
    'done',
  ].join('\n');
  return ['sh', '-c', script, GRACEFUL_STOP_NAME, ...(options.awaitExit === 'main-process' ? ['1'] : [])];
}

/** Makes `text` literal inside a double-quoted sh string. */
function escapeForDoubleQuotes(text: string): string {
  return text.replace(/[\\"$`]/g, c => `\\${c}`);
}
