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
 * The grace period that lets every container finish: its preStop (or the drain a verdict asks
 * for), then its shutdown, plus GracefulWebService's margin.
 */
function neededGrace(stops: readonly ContainerStopFacts[], drains: ReadonlyMap<string, number>): number {
  let need = 0;
  for (const f of stops) {
    const pre = Math.max(f.preStop.seconds ?? 0, drains.get(f.summary.name) ?? 0);
    need = Math.max(need, pre + (f.summary.shutdownSeconds ?? 0));
  }
  return Math.ceil(need) + GRACE_MARGIN_SECONDS;
}

function trafficAfterStop(f: ContainerStopFacts, a: Assumptions, grace: number, needGrace: number, gracePath: string): Draft | undefined {
  const p = a.endpointPropagationSeconds;
  const s = f.summary;
  if (!f.serving || s.serviceBacked === false || s.acceptsUntil.seconds >= p) return undefined;
  if (f.preStop.present && !f.preStopRuns) return undefined; // grace 0: the cut-off verdict says it
  const name = s.name;
  const path = f.at.path;
  const accepts = s.acceptsUntil.seconds;
  const extra = Math.ceil(p - accepts);
  const ifService = s.serviceBacked === null ? ' (if a Service selects this pod)' : '';
  const graceNote = needGrace > grace ? `, and raise ${gracePath} to ${needGrace}` : '';
  const base = {
    rule: 'traffic-after-stop' as const, severity: s.serviceBacked ? 'error' as const : 'warning' as const,
    panel: 'termination' as const, lane: `container:${name}`, container: name, from: accepts, to: p,
  };
  const pre = f.preStop;
  if (!pre.present || pre.handler === 'tcpSocket') {
    return {
      ...base,
      message: `${name} has no preStop${pre.handler === 'tcpSocket' ? ' that runs' : ''}: it gets SIGTERM at 0 s while endpoint removal takes ≈${formatSeconds(p)}${ifService}; requests routed to it meanwhile meet an app that is shutting down`,
      field: child(path, 'lifecycle.preStop'),
      value: { exec: { command: ['sleep', String(Math.ceil(p))] } },
      fix: `add a preStop that sleeps ${formatSeconds(Math.ceil(p))} so the app keeps serving until no new requests arrive (the image needs a sleep binary)${graceNote}`,
    };
  }
  if (pre.handler === 'exec' && pre.command) {
    const command = withLeadingSleep(pre.command, extra);
    const what = pre.onlyWaits
      ? `${name}'s preStop waits only ${formatSeconds(accepts)}`
      : `${name}'s preStop runs \`${pre.describe}\` ${accepts > 0 ? `after ${formatSeconds(accepts)}` : 'at once'}, which may stop the app`;
    return {
      ...base,
      message: `${what} while endpoint removal takes ≈${formatSeconds(p)}${ifService}: requests still arrive for ${formatSeconds(p - accepts)} after the app may stop accepting them`,
      field: child(path, 'lifecycle.preStop.exec.command'),
      value: command,
      fix: `wait ${formatSeconds(extra)} more before the app stops (${pre.onlyWaits ? 'a longer sleep' : 'a sleep before the command; the image needs /bin/sh'})${graceNote}`,
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

function preStopCutOff(f: ContainerStopFacts, grace: number, minAfter: number, needGrace: number, gracePath: string): Draft | undefined {
  const pre = f.preStop;
  if (!pre.present || pre.handler === 'tcpSocket') return undefined;
  const name = f.summary.name;
  const base = {
    rule: 'pre-stop-cut-off' as const, severity: 'error' as const, panel: 'termination' as const,
    lane: `container:${name}`, container: name, field: gracePath, value: needGrace,
  };
  if (grace === 0) {
    return {
      ...base, from: 0, to: pre.seconds ?? minAfter,
      message: `${gracePath} is 0: the kubelet skips ${name}'s preStop (${pre.describe}) and SIGKILLs ${formatSeconds(minAfter)} after SIGTERM`,
      fix: `set ${gracePath} to ${needGrace}: the preStop${pre.seconds !== undefined ? ` (${formatSeconds(pre.seconds)})` : ''} and the app's shutdown must fit in it`,
    };
  }
  if (pre.seconds === undefined || pre.seconds < grace) return undefined;
  const shutdown = f.summary.shutdownSeconds;
  return {
    ...base, from: grace, to: Math.max(pre.seconds, f.summary.sigkillAt.seconds),
    message: `${name}'s preStop runs ${formatSeconds(pre.seconds)} (${pre.source}) but the grace period is ${formatSeconds(grace)}: `
      + `the kubelet abandons it at ${formatSeconds(grace)}, sends SIGTERM and SIGKILLs ${formatSeconds(minAfter)} later`
      + (shutdown !== null && shutdown > minAfter ? `, ${formatSeconds(shutdown - minAfter)} before the app's ${formatSeconds(shutdown)} shutdown ends` : ''),
    fix: `raise ${gracePath} to ${needGrace} (preStop + shutdown + ${formatSeconds(GRACE_MARGIN_SECONDS)} margin), or shorten the preStop`,
  };
}

function sigkillBeforeShutdown(f: ContainerStopFacts, needGrace: number, gracePath: string): Draft | undefined {
  const s = f.summary;
  if (s.shutdownSeconds === null || s.shutdownEndsAt === null || s.shutdownEndsAt.seconds <= s.sigkillAt.seconds) return undefined;
  return {
    rule: 'sigkill-before-shutdown', severity: 'error', panel: 'termination', lane: `container:${s.name}`, container: s.name,
    from: s.sigkillAt.seconds, to: s.shutdownEndsAt.seconds,
    message: `${s.name} needs ${formatSeconds(s.shutdownSeconds)} after SIGTERM (${SHUTDOWN_SECONDS_ANNOTATION}) but gets SIGTERM at ${formatTime(s.sigtermAt)} `
      + `and SIGKILL at ${formatTime(s.sigkillAt)}: killed ${formatSeconds(s.shutdownEndsAt.seconds - s.sigkillAt.seconds)} before its shutdown ends, in-flight requests fail`,
    field: gracePath, value: needGrace,
    fix: `raise ${gracePath} to ${needGrace} (preStop + shutdown + ${formatSeconds(GRACE_MARGIN_SECONDS)} margin), or make the app stop faster`,
  };
}

function livenessKillsSlowStart(x: ContainerStartupFacts): Draft | undefined {
  const s = x.summary;
  if (!x.liveness || x.startup || !x.readiness || !x.livenessGivesUpAt) return undefined;
  if (x.livenessGivesUpAt.seconds > s.readyAt.seconds) return undefined;
  const t = x.liveness.timing;
  const handler: Record<string, unknown> = {};
  for (const k of ['exec', 'httpGet', 'tcpSocket', 'grpc']) if (isMap(x.liveness.probe[k])) handler[k] = x.liveness.probe[k];
  const maxStart = Math.ceil(s.readyAt.seconds) + STARTUP_HEADROOM_SECONDS;
  const failureThreshold = startupFailureThreshold(maxStart, SUGGESTED_STARTUP_PERIOD_SECONDS);
  return {
    rule: 'liveness-kills-slow-start', panel: 'startup',
    // Lower bounds (an unknown postStart) move both ends: then it is only possible.
    severity: x.livenessGivesUpAt.lowerBound || s.readyAt.lowerBound ? 'warning' : 'error', lane: `container:${s.name}`, container: s.name,
    from: x.livenessGivesUpAt.seconds, to: s.readyAt.seconds,
    message: `${s.name}: liveness gives up at ${formatTime(x.livenessGivesUpAt)} (initialDelaySeconds ${t.initialDelaySeconds} + ${t.periodSeconds} s × ${t.failureThreshold} failures) `
      + `but readiness cannot pass before ${formatTime(s.readyAt)}: an app that needs that long to start is restarted before it is ever Ready, over and over`,
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
    rule: 'nacos-consumers-after-stop' as const, severity: 'error' as const, panel: 'termination' as const,
    lane: 'nacos', container: n.container, from: accepts, to: last,
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
  const grace = t.summary.gracePeriodSeconds;
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
    const v = livenessKillsSlowStart(x);
    if (v) drafts.push(v);
  }
  for (const f of t.facts) {
    const traffic = trafficAfterStop(f, a, grace, need, t.gracePeriodPath);
    if (traffic) drafts.push(traffic);
    const cut = preStopCutOff(f, grace, a.kubeletMinSecondsAfterPreStop, need, t.gracePeriodPath);
    if (cut) drafts.push(cut);
    else {
      const killed = sigkillBeforeShutdown(f, need, t.gracePeriodPath);
      if (killed) drafts.push(killed);
    }
  }
  const nacos = nacosAfterStop(t, a);
  if (nacos) drafts.push(nacos);
  return drafts.sort(order).map((d, i) => ({ number: i + 1, ...d }));
}
