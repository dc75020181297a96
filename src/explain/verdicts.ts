/**
 * Reads the problems off the timeline. Each verdict is a band on the picture plus the one field
 * to change and the value to set, computed so that applying it removes the verdict.
 */
import { SHUTDOWN_SECONDS_ANNOTATION } from '../analysis/annotations';
import { execShellScript } from '../analysis/hook-duration';
import { shellCommand } from '../hooks/shell';
import { startupFailureThreshold } from '../timing/probe-timing';
import { child } from '../validation/field-path';
import { isMap } from '../validation/pod-template';
import { GRACE_MARGIN_SECONDS, STARTUP_HEADROOM_SECONDS } from './assumptions';
import type { Assumptions, Verdict } from './model';
import type { ContainerStartupFacts } from './startup';
import type { ContainerStopFacts, TerminationTimeline } from './termination';
import { formatNumber, formatSeconds, formatTime } from './time';

type Draft = Omit<Verdict, 'number'>;

/** Suggested probe period for a startup probe: often enough that a started app is let in quickly. */
const SUGGESTED_STARTUP_PERIOD_SECONDS = 5;

/** The exec command with `extra` more seconds of waiting before whatever it does. */
export function withLeadingSleep(words: readonly string[], extra: number): string[] {
  const base = words[0].replace(/^(?:\/usr)?\/bin\//, '');
  if (base === 'sleep' && words.length === 2) {
    const current = Number.parseFloat(words[1]);
    if (Number.isFinite(current) && /^\d+(\.\d+)?s?$/.test(words[1])) return [words[0], formatNumber(current + extra)];
  }
  const shell = execShellScript(words);
  if (shell !== undefined) {
    return [...words.slice(0, shell.index), `sleep ${formatNumber(extra)}; ${shell.script}`, ...words.slice(shell.index + 1)];
  }
  return ['sh', '-c', `sleep ${formatNumber(extra)}; exec ${shellCommand(words)}`];
}

/**
 * `command` (a `sh -c` script, as withLeadingSleep writes it), then a wait while PID 1, the app,
 * still runs: its stop command must not `exec`, so the wait runs after it. The grace period bounds
 * the wait.
 */
function withExitWait(command: readonly string[], stop: string): string[] {
  const shell = execShellScript(command);
  if (shell === undefined) return [...command];
  const script = shell.script.replace(`exec ${stop}`, stop);
  return [...command.slice(0, shell.index), `${script}; while kill -0 1 2>/dev/null; do sleep 1; done`, ...command.slice(shell.index + 1)];
}

/**
 * The grace period that lets every container finish: its preStop (lengthened by the drain a
 * verdict asks for), and the app's shutdown from the moment it is told to stop, plus
 * GracefulWebService's margin.
 */
function neededGrace(stops: readonly ContainerStopFacts[], drains: ReadonlyMap<string, number>): number {
  let need = 0;
  for (const f of stops) {
    const s = f.summary;
    // How long the hook itself keeps the app serving, had it all the time it asks for.
    const pre = f.preStop;
    const serves = !f.preStopRuns ? 0 : f.stop ? f.stop.at : pre.onlyWaits ? pre.seconds ?? 0 : pre.servesFor ?? 0;
    const delay = Math.max(0, (drains.get(s.name) ?? 0) - serves);
    const length = (f.preStop.seconds ?? 0) + delay;
    const stopsAt = (f.stop ? f.stop.at : f.preStop.seconds ?? 0) + delay;
    need = Math.max(need, length, stopsAt + (s.shutdownSeconds ?? 0));
  }
  return Math.ceil(need) + GRACE_MARGIN_SECONDS;
}

/** The grace period as messages name it: `30 s (terminationGracePeriodSeconds unset: Kubernetes' default)`. */
function graceText(t: TerminationTimeline): string {
  const g = formatSeconds(t.summary.gracePeriodSeconds);
  return t.summary.gracePeriodSource === 'spec' ? `${g} (terminationGracePeriodSeconds)` : `${g} (terminationGracePeriodSeconds unset: Kubernetes' default)`;
}

/** Where lint reports a container's preStop problem: the hook, or the container that lacks one. */
function preStopPath(f: ContainerStopFacts): string {
  return f.preStop.present || f.preStop.handler === 'tcpSocket' ? child(f.at.path, 'lifecycle.preStop') : f.at.path;
}

function trafficAfterStop(f: ContainerStopFacts, a: Assumptions, t: TerminationTimeline, needGrace: number): Draft | undefined {
  const p = a.endpointPropagationSeconds;
  const s = f.summary;
  if (!f.serving || s.serviceBacked === false || s.acceptsUntil.seconds >= p) return undefined;
  // Grace period 0: the pod leaves the API at once and the preStop is cut off; that verdict says it.
  if (f.preStopRuns && t.summary.gracePeriodSeconds === 0 && !t.gracePeriodInvalid) return undefined;
  const name = s.name;
  const path = f.at.path;
  const accepts = s.acceptsUntil.seconds;
  const extra = Math.ceil(p - accepts);
  const grace = t.summary.gracePeriodSeconds;
  const gracePath = t.gracePeriodPath;
  const ifService = s.serviceBacked === null ? ' (if a Service selects this pod)' : '';
  const graceNote = needGrace > grace && !t.gracePeriodInvalid ? `, and raise ${gracePath} to ${needGrace}` : '';
  // Proven when a Service routes to it and the preStop itself stops the app; resting on how the
  // app meets SIGTERM (or on an assumed Service) otherwise.
  const certain = s.serviceBacked === true && f.stop !== undefined && s.stopCommand !== null;
  const base = {
    rule: 'traffic-after-stop' as const, lintRule: 'lifecycle/traffic-after-stop', severity: certain ? 'error' as const : 'warning' as const,
    panel: 'termination' as const, lane: `container:${name}`, container: name, from: accepts, to: p, path: preStopPath(f),
  };
  const pre = f.preStop;
  if (!pre.present || pre.handler === 'tcpSocket') {
    return {
      ...base,
      message: `${name} has no preStop${pre.handler === 'tcpSocket' ? ' that runs' : ''}: it gets SIGTERM at 0 s while endpoint removal takes ≈${formatSeconds(p)}${ifService}; requests routed to it meanwhile meet an app that is shutting down (most stop accepting at SIGTERM)`,
      field: child(path, 'lifecycle.preStop'),
      value: { exec: { command: ['sleep', String(Math.ceil(p))] } },
      fix: `add a preStop that sleeps ${formatSeconds(Math.ceil(p))} so the app keeps serving until no new requests arrive (the image needs a sleep binary)${graceNote}`,
    };
  }
  if (pre.handler === 'exec' && pre.command) {
    // A server's own stop command (`nginx -s quit`) returns at once, and the stop signal the kubelet
    // sends next (SIGTERM unless the image declares another) would cut what it is finishing: the
    // suggested preStop also waits for the app (PID 1) to exit, unless it already waits.
    const awaitExit = f.stop?.target.kind === 'server' && !/\bkill\s+-0\b/.test(pre.command.join(' '));
    const command = awaitExit ? withExitWait(withLeadingSleep(pre.command, extra), f.stop!.command) : withLeadingSleep(pre.command, extra);
    const when = accepts > 0 ? `after ${formatSeconds(accepts)}` : 'at once';
    const keepAlive = s.closesConnectionsAt ? '; keep-alive clients also lose the request they send as it closes their connections' : '';
    const what = f.stop && s.stopCommand
      ? `${name}'s preStop runs \`${f.stop.command}\` ${when}, which stops the app,`
      : pre.onlyWaits
        ? `${name}'s preStop waits only ${formatSeconds(accepts)}`
        : `${name}'s preStop runs \`${pre.describe}\` ${when}, which may stop the app,`;
    return {
      ...base,
      message: `${what} while endpoint removal takes ≈${formatSeconds(p)}${ifService}: requests still arrive for ${formatSeconds(p - accepts)} after the app ${f.stop ? 'stops' : 'may stop'} accepting them${keepAlive}`,
      field: child(path, 'lifecycle.preStop.exec.command'),
      value: command,
      fix: `wait ${formatSeconds(extra)} more before the app stops (${pre.onlyWaits ? 'a longer sleep' : 'a sleep before the command; the image needs /bin/sh'})`
        + `${awaitExit ? `, and then wait for the app to exit: \`${f.stop!.command}\` returns at once and the stop signal that follows (SIGTERM unless the image declares another) would cut its in-flight requests` : ''}${graceNote}`,
    };
  }
  return {
    ...base,
    message: `${name}'s preStop (${pre.describe}) is not known to wait: the app may stop accepting while endpoint removal takes ≈${formatSeconds(p)}${ifService}`,
    field: child(path, 'lifecycle.preStop'),
    value: { exec: { command: ['sleep', String(Math.ceil(p))] } },
    fix: `an ${pre.handler} hook cannot be given a wait: replace it with a sleep and let SIGTERM start the shutdown; if the endpoint itself waits, declare how long in the lifecycle.cdk8s.io/prestop-seconds annotation${graceNote}`,
  };
}

/** What a suggested grace period covers for this container: `the preStop (45 s) and the app's 20 s shutdown, plus 5 s margin`. */
function covers(f: ContainerStopFacts): string {
  const pre = f.preStop.seconds !== undefined ? ` (${formatSeconds(f.preStop.seconds)})` : '';
  const shutdown = f.summary.shutdownSeconds !== null ? `the app's ${formatSeconds(f.summary.shutdownSeconds)} shutdown` : 'the app\'s shutdown';
  return `covers the preStop${pre} and ${shutdown}, plus ${formatSeconds(GRACE_MARGIN_SECONDS)} margin`;
}

/** ", 8 s before the app's 10 s shutdown ends", when SIGKILL comes first. */
function shutdownClause(f: ContainerStopFacts): string {
  const s = f.summary;
  if (s.sigkill !== 'sent' || s.shutdownEndsAt === null || s.shutdownSeconds === null) return '';
  return `, ${formatSeconds(s.shutdownEndsAt.seconds - s.sigkillAt.seconds)} before the app's ${formatSeconds(s.shutdownSeconds)} shutdown ends`;
}

function preStopCutOff(f: ContainerStopFacts, t: TerminationTimeline, minAfter: number, needGrace: number): Draft | undefined {
  const pre = f.preStop;
  if (!f.preStopRuns || t.gracePeriodInvalid) return undefined;
  const name = f.summary.name;
  const gracePath = t.gracePeriodPath;
  const grace = t.summary.gracePeriodSeconds;
  const effective = t.summary.effectiveGracePeriodSeconds;
  const base = {
    rule: 'pre-stop-cut-off' as const, severity: 'error' as const, panel: 'termination' as const,
    lane: `container:${name}`, container: name, field: gracePath, value: needGrace, path: preStopPath(f),
  };
  if (grace === 0) {
    const length = pre.seconds !== undefined ? ` (${formatSeconds(pre.seconds)})` : '';
    return {
      ...base, lintRule: 'lifecycle/prestop-with-zero-grace-period',
      from: Math.min(effective, pre.seconds ?? effective), to: Math.max(pre.seconds ?? effective, f.summary.sigkillAt.seconds),
      message: `${gracePath} is 0: the API server deletes the pod at once, and the kubelet raises the grace period to ${formatSeconds(effective)} `
        + `(calculateEffectiveGracePeriod): ${name}'s preStop (${pre.describe})${length} starts, but the kubelet waits for it at most ${formatSeconds(effective)}, `
        + `then sends SIGTERM and SIGKILLs ${formatSeconds(minAfter)} later${shutdownClause(f)}`,
      fix: `${needGrace} ${covers(f)}; or remove the preStop`,
    };
  }
  if (pre.seconds === undefined || pre.seconds < grace) return undefined;
  return {
    ...base, lintRule: 'lifecycle/prestop-exceeds-grace-period',
    from: grace, to: Math.max(pre.seconds, f.summary.sigkillAt.seconds),
    message: `${name}'s preStop runs ${formatSeconds(pre.seconds)} (${pre.source}), which ${pre.seconds === grace ? 'uses up' : 'exceeds'} the pod's grace period of ${graceText(t)}: `
      + `the kubelet stops waiting for it at ${formatSeconds(grace)}, sends SIGTERM and SIGKILLs the app ${formatSeconds(minAfter)} later${shutdownClause(f)}`,
    fix: `${needGrace} ${covers(f)}; or shorten the preStop`,
  };
}

function sigkillBeforeShutdown(f: ContainerStopFacts, t: TerminationTimeline, needGrace: number): Draft | undefined {
  const s = f.summary;
  if (t.gracePeriodInvalid || s.sigkill !== 'sent' || s.shutdownSeconds === null || s.shutdownEndsAt === null) return undefined;
  const gracePath = t.gracePeriodPath;
  const left = s.sigkillAt.seconds - s.shutdownStartsAt.seconds;
  const pre = f.preStop;
  const told = f.stop && s.stopCommand
    ? `the preStop stops it with \`${f.stop.command}\` at ${formatTime(s.shutdownStartsAt)}`
    : !pre.present ? 'there is no preStop'
      : pre.seconds !== undefined ? `the preStop runs ${formatSeconds(pre.seconds)} (${pre.source}), SIGTERM at ${formatTime(s.sigtermAt)}`
        : 'the preStop runs for an unknown time, counted as 0 s';
  return {
    rule: 'sigkill-before-shutdown', lintRule: 'lifecycle/shutdown-exceeds-grace-period',
    // The declared shutdown time is an upper bound: most shutdowns finish sooner.
    severity: 'warning', panel: 'termination', lane: `container:${s.name}`, container: s.name,
    from: s.sigkillAt.seconds, to: s.shutdownEndsAt.seconds,
    message: `${s.name} needs ${formatSeconds(s.shutdownSeconds)} to shut down (${SHUTDOWN_SECONDS_ANNOTATION}) and ${told}, `
      + `so the grace period of ${graceText(t)} leaves it ${formatSeconds(left)}: it is SIGKILLed at ${formatTime(s.sigkillAt)}, `
      + `${formatSeconds(s.shutdownEndsAt.seconds - s.sigkillAt.seconds)} before it can finish, and its in-flight requests fail`,
    path: gracePath, field: gracePath, value: needGrace,
    fix: `${needGrace} ${covers(f)}; or make the app stop faster`,
  };
}

function postStartFails(x: ContainerStartupFacts): Draft | undefined {
  const s = x.summary;
  if (!s.failsAt) return undefined;
  const hook = child(x.at.path, 'lifecycle.postStart');
  const failing = x.postStartFails ?? 'a failing command';
  return {
    rule: 'post-start-fails', lintRule: 'lifecycle/poststart-always-fails',
    // Certain, but only a demonstration writes it (seeds/000's PostStartHookError): a warning.
    severity: 'warning', panel: 'startup', lane: `container:${s.name}`, container: s.name,
    from: s.startsAt.seconds, to: s.failsAt.seconds,
    message: `${s.name}'s postStart fails on every path (\`${failing}\`): the kubelet kills the container each time it starts `
      + '(FailedPostStartHook, PostStartHookError) and restarts it with back-off, so it is never Running or Ready and the pod never receives traffic',
    path: hook, field: hook, value: null,
    fix: `make the hook succeed (drop \`${failing}\`) or remove it; setup that may fail belongs in an init container, whose failure blocks the pod visibly`,
  };
}

function livenessKillsSlowStart(x: ContainerStartupFacts): Draft | undefined {
  const s = x.summary;
  if (!x.liveness || x.startup || !x.readiness || !x.livenessGivesUpAt || !x.readinessFirstAt || !s.readyAt) return undefined;
  // Against readiness's first check (its initialDelaySeconds: how long the manifest expects the
  // start to take), not its earliest pass: a successThreshold of 5 slows Ready, not the app's
  // start, and liveness passes on an app that is up.
  const expectedUpAt = x.readinessFirstAt;
  if (x.livenessGivesUpAt.seconds > expectedUpAt.seconds) return undefined;
  const t = x.liveness.timing;
  const handler: Record<string, unknown> = {};
  for (const k of ['exec', 'httpGet', 'tcpSocket', 'grpc']) if (isMap(x.liveness.probe[k])) handler[k] = x.liveness.probe[k];
  const maxStart = Math.ceil(s.readyAt.seconds) + STARTUP_HEADROOM_SECONDS;
  const failureThreshold = startupFailureThreshold(maxStart, SUGGESTED_STARTUP_PERIOD_SECONDS);
  return {
    rule: 'liveness-kills-slow-start', lintRule: 'lifecycle/liveness-kills-slow-start', panel: 'startup',
    // Lower bounds (an unknown postStart) move both ends: then it is only possible.
    severity: x.livenessGivesUpAt.lowerBound || expectedUpAt.lowerBound ? 'warning' : 'error', lane: `container:${s.name}`, container: s.name,
    from: x.livenessGivesUpAt.seconds, to: expectedUpAt.seconds,
    message: `${s.name}: liveness gives up at ${formatTime(x.livenessGivesUpAt)} (initialDelaySeconds ${t.initialDelaySeconds} + ${t.periodSeconds} s × ${t.failureThreshold} failures) `
      + `but readiness does not check before ${formatTime(expectedUpAt)}: an app that needs that long to start is restarted before it is ever Ready, over and over`,
    path: child(x.at.path, 'livenessProbe'),
    field: child(x.at.path, 'startupProbe'),
    value: { ...handler, periodSeconds: SUGGESTED_STARTUP_PERIOD_SECONDS, failureThreshold },
    fix: `add a startup probe (same check as liveness) allowing ${formatSeconds(SUGGESTED_STARTUP_PERIOD_SECONDS * failureThreshold)} to start: it holds liveness and readiness back until the app is up`,
  };
}

function nacosAfterStop(t: TerminationTimeline, a: Assumptions): Draft | undefined {
  const n = t.summary.nacos;
  if (!n || !t.nacosLastCall) return undefined;
  const f = t.facts.find(x => x.summary.name === n.container);
  if (!f) return undefined;
  const accepts = f.summary.acceptsUntil.seconds;
  const last = t.nacosLastCall.seconds;
  if (accepts >= last) return undefined;
  const wait = Math.ceil(last);
  const base = {
    rule: 'nacos-consumers-after-stop' as const, lintRule: 'lifecycle/nacos-consumers-after-stop', severity: 'error' as const, panel: 'termination' as const,
    lane: 'nacos', container: n.container, from: accepts, to: last, path: preStopPath(f),
  };
  const tail = `consumers keep calling until ≈${formatTime(t.nacosLastCall)} `
    + `(Nacos push ≈${formatSeconds(a.nacosPushSeconds)} + load-balancer cache ${formatSeconds(n.consumerCacheSeconds)})`;
  if (n.disabledAt === null) {
    return {
      ...base,
      message: `nothing takes ${n.container} out of Nacos before it stops (no preStop): ${tail}, and every call after ${formatTime(f.summary.acceptsUntil)} fails`,
      field: child(f.at.path, 'lifecycle.preStop'),
      value: `a hook that disables the instance (enabled=false), then keeps the app serving ${wait} s`,
      fix: `use NacosRegisteredApp (it writes this hook), or a preStop that PATCHes enabled=false and sleeps ${wait} s; then raise ${t.gracePeriodPath} to cover it plus the shutdown`,
    };
  }
  // A wait read from the hook's own sleeps can be lengthened in place; a script in a file cannot.
  const fromSleeps = f.preStop.command !== undefined && !(f.preStop.source ?? '').includes('annotation');
  return {
    ...base,
    message: `${n.container} may stop accepting at ${formatTime(f.summary.acceptsUntil)} but ${tail}: those calls fail`,
    field: fromSleeps ? child(f.at.path, 'lifecycle.preStop.exec.command') : child(f.at.path, 'lifecycle.preStop'),
    value: fromSleeps ? withLeadingSleep(f.preStop.command!, wait - Math.floor(accepts)) : `keep the app serving ${wait} s after disabling the instance`,
    fix: `wait ${formatSeconds(wait)} after disabling (NacosRegisteredApp: nacos.deregisterWait = Duration.seconds(${wait})) and raise ${t.gracePeriodPath} to cover it plus the shutdown`,
  };
}

function order(a: Draft, b: Draft): number {
  if (a.panel !== b.panel) return a.panel === 'startup' ? -1 : 1;
  return a.from - b.from || a.to - b.to || a.lane.localeCompare(b.lane) || a.rule.localeCompare(b.rule);
}

/** Every verdict of one workload, numbered in drawing order. */
export function findVerdicts(starts: readonly ContainerStartupFacts[], t: TerminationTimeline, a: Assumptions): Verdict[] {
  const drains = new Map<string, number>();
  for (const f of t.facts) {
    if (f.serving && f.summary.serviceBacked !== false && f.summary.acceptsUntil.seconds < a.endpointPropagationSeconds) {
      drains.set(f.summary.name, a.endpointPropagationSeconds);
    }
  }
  if (t.summary.nacos && t.nacosLastCall) drains.set(t.summary.nacos.container, Math.ceil(t.nacosLastCall.seconds));
  const need = neededGrace(t.facts, drains);
  const drafts: Draft[] = [];
  for (const x of starts) {
    const v = postStartFails(x) ?? livenessKillsSlowStart(x);
    if (v) drafts.push(v);
  }
  for (const f of t.facts) {
    const traffic = trafficAfterStop(f, a, t, need);
    if (traffic) drafts.push(traffic);
    // One grace-period verdict per container: a cut-off preStop already says SIGKILL comes early.
    const cut = preStopCutOff(f, t, a.kubeletMinSecondsAfterPreStop, need);
    if (cut) drafts.push(cut);
    else {
      const killed = sigkillBeforeShutdown(f, t, need);
      if (killed) drafts.push(killed);
    }
  }
  const nacos = nacosAfterStop(t, a);
  if (nacos) drafts.push(nacos);
  return drafts.sort(order).map((d, i) => ({ number: i + 1, ...d }));
}
