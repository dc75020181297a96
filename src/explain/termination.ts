/**
 * The termination panel (kubelet pkg/kubelet/pod_workers.go and
 * pkg/kubelet/kuberuntime/kuberuntime_container.go killContainer, executePreStopHook):
 *
 * - t = 0 the pod is Terminating and endpoint removal starts propagating;
 * - the kubelet uses the pod's grace period, but never less than 1 s
 *   (`calculateEffectiveGracePeriod`), so a grace period of 0 still runs the preStop;
 * - every container (app containers and sidecars) runs its preStop at once and the kubelet waits
 *   for it at most the grace period (`executePreStopHook`); a preStop may itself stop the app
 *   (`nginx -s quit`, `kill 1`), which then shuts down from that moment;
 * - SIGTERM when the preStop returns or the kubelet stops waiting, and SIGKILL when what is left
 *   of the grace period (the hook's time truncated to whole seconds) has passed, but never sooner
 *   than `KUBELET_MIN_SECONDS_AFTER_PRESTOP` after SIGTERM; both only reach a container that still
 *   runs: an app that has exited gets neither (the runtime's StopContainer has nothing to stop).
 */
import { SHUTDOWN_SECONDS_ANNOTATION } from '../analysis/annotations';
import { declaredSeconds } from '../analysis/hook-duration';
import type { StopCommand } from '../analysis/script-effects';
import { DEFAULT_GRACE_PERIOD_SECONDS, KUBELET_MIN_GRACE_PERIOD_SECONDS } from '../timing/termination-budget';
import { child } from '../validation/field-path';
import { containersOf, num, str, type ContainerAt, type JsonMap, type PodSpecAt } from '../validation/pod-template';
import {
  NACOS_HEARTBEAT_REMOVE_SECONDS, NACOS_HEARTBEAT_UNHEALTHY_SECONDS,
} from './assumptions';
import { readPreStop, type HookReading } from './hooks';
import { containerNames } from './names';
import type {
  Assumptions, Bar, Delivery, Lane, Mark, NacosSummary, TerminationContainerSummary, TerminationSummary, TimePoint,
} from './model';
import type { NacosReading } from './nacos';
import type { ServiceRouting } from './services';
import { at, formatSeconds, formatTime, plus, round } from './time';

/** What the verdicts need about one container's stop. */
export interface ContainerStopFacts {
  readonly at: ContainerAt;
  readonly preStop: HookReading;
  /** The kubelet runs the preStop: it has one it can run (not tcpSocket). */
  readonly preStopRuns: boolean;
  /** The preStop's stop command, when it runs before SIGTERM would. */
  readonly stop: StopCommand | undefined;
  /** Declares container ports: something may send it requests. */
  readonly serving: boolean;
  readonly summary: TerminationContainerSummary;
}

export interface TerminationTimeline {
  readonly summary: TerminationSummary;
  readonly gracePeriodPath: string;
  /** The grace period field holds something the API server rejects (read as the default here). */
  readonly gracePeriodInvalid: boolean;
  readonly lanes: Lane[];
  readonly end: number;
  readonly facts: ContainerStopFacts[];
  readonly nacosLastCall: TimePoint | undefined;
  readonly notes: string[];
}

function bar(kind: Bar['kind'], label: string, from: number, to: number, unknown = false, track: 0 | 1 = 0): Bar {
  return { kind, label, from: round(from), to: round(to), unknown, track };
}

function mark(kind: Mark['kind'], label: string, t: TimePoint, drawAt: number = t.seconds): Mark {
  return { kind, label, at: t, drawAt: round(drawAt), track: 0 };
}

interface StopTimes {
  /** When the kubelet is done with the preStop: it returned, was cut off, or the container exited. */
  readonly hookEnds: TimePoint;
  /** The preStop's stop command, when it runs before the kubelet's SIGTERM. */
  readonly stopAt: TimePoint | undefined;
  readonly sigterm: TimePoint;
  readonly sigtermDelivery: Delivery;
  readonly sigkill: TimePoint;
  readonly sigkillDelivery: Delivery;
  readonly acceptsUntil: TimePoint;
  readonly shutdownStarts: TimePoint;
  readonly shutdownEnds: TimePoint | null;
}

/**
 * One container's stop on the grace-period clock; `unknownAs` is what a preStop of unknown
 * duration counts as (0 for the numbers, the nominal width for the picture).
 */
function stopTimes(pre: HookReading, runs: boolean, grace: number, shutdown: number | undefined, minAfter: number, unknownAs: number): StopTimes {
  const unknown = runs && pre.seconds === undefined;
  const stop = runs ? pre.stop : undefined;
  // A hook of unknown length runs at least until its stop command.
  const length = pre.seconds ?? Math.max(unknownAs, stop?.at ?? 0);
  // executePreStopHook waits for the hook at most the grace period.
  const waited = !runs ? 0 : Math.min(length, grace);
  const stopAt = stop && stop.at <= waited ? at(stop.at) : undefined;
  const shutdownStarts = stopAt ?? at(waited, unknown);
  const shutdownEnds = shutdown === undefined ? null : plus(shutdownStarts, shutdown);
  // An app that exits during its preStop ends the container, and the hook with it.
  const exitedFirst = stopAt !== undefined && shutdownEnds !== null && shutdownEnds.seconds <= waited;
  const hookEnds = exitedFirst ? shutdownEnds : at(waited, unknown);
  const sigterm = hookEnds;
  const sigtermDelivery: Delivery = exitedFirst ? 'not-needed' : stopAt !== undefined && shutdownEnds === null ? 'if-running' : 'sent';
  // killContainer: what is left of the grace period, the hook's time truncated to whole seconds, at least the minimum.
  const sigkill = plus(sigterm, Math.max(grace - Math.floor(waited), minAfter), unknown && grace > waited);
  const sigkillDelivery: Delivery = sigtermDelivery === 'not-needed' ? 'not-needed'
    : shutdownEnds === null ? 'if-running' : shutdownEnds.seconds <= sigkill.seconds ? 'not-needed' : 'sent';
  let acceptsUntil: TimePoint;
  if (!runs) acceptsUntil = at(0);
  else if (stopAt) acceptsUntil = stopAt;
  else if (pre.onlyWaits && pre.seconds !== undefined) acceptsUntil = at(waited);
  else if (pre.servesFor !== undefined) acceptsUntil = at(Math.min(pre.servesFor, waited), unknown);
  else acceptsUntil = at(0, true);
  return { hookEnds, stopAt, sigterm, sigtermDelivery, sigkill, sigkillDelivery, acceptsUntil, shutdownStarts, shutdownEnds };
}

/**
 * The Nacos hook's container: its preStop disables the instance and then waits with the app
 * still serving (what NacosRegisteredApp's script does; its HTTP calls go to Nacos, not the app).
 * When neither the hook nor the prestop-seconds annotation tells its length, the Nacos
 * annotation's drainSeconds + deregisterWaitSeconds does.
 */
function withNacosWait(pre: HookReading, name: string, nacos: NacosReading | undefined): HookReading {
  if (!nacos || nacos.container !== name || !pre.present || pre.handler === 'tcpSocket' || pre.stop) return pre;
  if (pre.seconds !== undefined) return { ...pre, servesFor: pre.seconds, onlyWaits: true };
  if (nacos.deregisterWaitSeconds === undefined) return pre;
  const seconds = (nacos.drainSeconds ?? 0) + nacos.deregisterWaitSeconds;
  return { ...pre, seconds, servesFor: seconds, onlyWaits: true, source: 'the lifecycle.cdk8s.io/nacos annotation (drainSeconds + deregisterWaitSeconds)' };
}

/** The name of the container's main process (PID 1) when its `command` says it. */
function mainProcessOf(container: JsonMap): string | undefined {
  const command = Array.isArray(container.command) ? container.command : undefined;
  const first = command?.[0];
  return typeof first === 'string' ? first.slice(first.lastIndexOf('/') + 1) : undefined;
}

/**
 * A signal sent from inside the container to its PID 1 is dropped unless PID 1 handles it
 * (pid_namespaces(7): "the only signals that can be sent to the init process are those for which
 * the init process has established a signal handler"), and so is SIGKILL. The kubelet's SIGTERM
 * from outside is dropped too when there is no handler; only the final SIGKILL ends it.
 */
function pid1Note(name: string, stop: StopCommand, container: JsonMap, ignored: StopTimes, pre: HookReading): string | undefined {
  if (stop.signal === undefined || stop.target.kind === 'server' || stop.target.kind === 'http' || stop.target.kind === 'pid') return undefined;
  const main = mainProcessOf(container);
  const sig = `SIG${stop.signal}`;
  const hook = pre.seconds !== undefined ? `the preStop runs until ${formatTime(ignored.hookEnds)}, ` : '';
  const tail = `${hook}the kubelet's SIGTERM at ${formatTime(ignored.sigterm)} is ignored too, and the app serves until SIGKILL at ${formatTime(ignored.sigkill)}`;
  if (stop.target.kind === 'pid1') {
    return `${name}: \`${stop.command}\` signals the container's main process (PID 1), which ignores ${sig} unless it installs a handler for it `
      + `(Linux drops other signals sent to a PID namespace's init): if it has none, ${tail}.`;
  }
  const target = stop.target.name;
  const isMain = main !== undefined && main === target;
  if (main !== undefined && !isMain) return undefined;
  return `${name}: \`${stop.command}\` stops the app when ${target} is a child process; ${isMain ? `${target} is` : `if ${target} is`} the container's main process (PID 1), `
    + `it ignores ${sig} unless it installs a handler for it (Linux drops other signals sent to a PID namespace's init; Python installs none for SIGTERM): then ${tail}.`;
}

function keepAliveNote(name: string, f: ContainerStopFacts): string {
  const s = f.summary;
  const how = f.stop ? `\`${f.stop.command}\`` : 'its graceful shutdown after SIGTERM';
  return `${name}: endpoint removal stops new connections, not established ones: clients with keep-alive connections keep sending on them, `
    + `and ${how} closes them at ${formatTime(s.closesConnectionsAt!)}; a request a client sends on one as it closes fails (about one per keep-alive client). `
    + 'Clients that retry idempotent requests on a closed connection hide it; otherwise have the app close idle connections during the drain (a short keep-alive timeout).';
}

function containerLane(f: ContainerStopFacts, d: StopTimes, grace: number, specGrace: number): Lane {
  const s = f.summary;
  const pre = f.preStop;
  const bars: Bar[] = [];
  const marks: Mark[] = [];
  if (f.preStopRuns) {
    const unknown = pre.seconds === undefined;
    const label = unknown ? `preStop ${pre.describe}: duration unknown` : `preStop ${pre.describe} (${formatSeconds(pre.seconds!)})`;
    if (d.stopAt && d.stopAt.seconds < d.hookEnds.seconds) {
      // The hook goes on after it told the app to stop: that part on the row below the shutdown.
      const goesOn = `preStop goes on after \`${f.stop!.command}\``;
      if (d.stopAt.seconds > 0) bars.push(bar('pre-stop', label, 0, d.stopAt.seconds));
      bars.push(bar('pre-stop', d.stopAt.seconds > 0 ? goesOn : `${label}; goes on after \`${f.stop!.command}\``, d.stopAt.seconds, d.hookEnds.seconds, unknown, 1));
    } else {
      bars.push(bar('pre-stop', label, 0, d.hookEnds.seconds, unknown));
    }
    const length = pre.seconds;
    if (length !== undefined && length > grace && d.hookEnds.seconds >= grace) {
      const why = specGrace < grace ? `the kubelet waits at most ${formatSeconds(grace)} (grace period ${formatSeconds(specGrace)} is raised to ${formatSeconds(grace)})` : 'grace period used up';
      bars.push(bar('cut', `preStop cut off: ${formatSeconds(length - grace)} never waited for (${why})`, grace, length, false, 1));
    }
  }
  if (f.stop && s.stopCommand) {
    marks.push(mark('stops-accepting', `stops accepting: the preStop runs \`${f.stop.command}\``, s.acceptsUntil, d.acceptsUntil.seconds));
  } else if (s.acceptsUntil.seconds < s.sigtermAt.seconds || (f.preStopRuns && !pre.onlyWaits)) {
    marks.push(mark('stops-accepting', `may stop accepting: the preStop runs \`${pre.describe}\``, s.acceptsUntil, Math.min(d.acceptsUntil.seconds, d.sigterm.seconds)));
  }
  if (s.closesConnectionsAt) {
    marks.push(mark('connections-closed', 'closes its keep-alive connections: a request a client sends on one now fails', s.closesConnectionsAt, d.shutdownStarts.seconds));
  }
  if (s.sigterm !== 'not-needed') {
    const why = !f.preStopRuns ? '' : d.hookEnds.seconds >= grace && (pre.seconds ?? 0) > grace ? ' (the kubelet stopped waiting for the preStop)' : ' (preStop returned)';
    marks.push(mark('sigterm', s.sigterm === 'if-running' ? `SIGTERM, if it still runs${why}` : `SIGTERM${why}`, s.sigtermAt, d.sigterm.seconds));
  }
  const started = d.shutdownStarts.seconds;
  const startedBy = f.stop && s.stopCommand ? `after \`${f.stop.command}\`` : 'after SIGTERM';
  if (s.shutdownSeconds === null) {
    bars.push(bar('shutdown', `shutdown ${startedBy}: duration unknown`, started, Math.max(started, d.sigkill.seconds), true));
  } else {
    const ends = d.shutdownEnds!.seconds;
    bars.push(bar('shutdown', `shutdown ${startedBy} (${formatSeconds(s.shutdownSeconds)})`, started, Math.min(ends, d.sigkill.seconds)));
    if (s.sigkill === 'sent') {
      bars.push(bar('cut', `shutdown killed: ${formatSeconds(ends - d.sigkill.seconds)} short`, d.sigkill.seconds, ends));
    } else {
      marks.push(mark('exit', s.sigterm === 'not-needed' ? 'exits: shutdown done, before the kubelet\'s SIGTERM' : 'exits: shutdown done', s.shutdownEndsAt!, ends));
    }
  }
  if (s.sigkill !== 'not-needed') {
    const extra = s.sigkillAt.seconds > grace && f.preStopRuns ? ' (kubelet\'s 2 s minimum after preStop)' : '';
    marks.push(mark('sigkill', s.sigkill === 'if-running' ? `SIGKILL, if it still runs${extra}` : `SIGKILL${extra}`, s.sigkillAt, d.sigkill.seconds));
  }
  const label = s.sidecar ? `${s.name} (sidecar)` : s.name;
  return { id: `container:${s.name}`, kind: 'container', label, container: s.name, path: f.at.path, bars, marks };
}

interface NacosWindows {
  readonly summary: NacosSummary;
  readonly lane: Lane;
  readonly lastCall: TimePoint;
}

/** When the app is gone: its shutdown's end when it comes before SIGKILL, else SIGKILL. */
function exitOf(t: { shutdownEnds: TimePoint | null; sigkill: TimePoint; sigkillDelivery: Delivery }): TimePoint {
  return t.shutdownEnds && t.sigkillDelivery !== 'sent' ? t.shutdownEnds : t.sigkill;
}

/**
 * Nacos: the preStop disables the instance at once (NacosRegisteredApp's hook does so first);
 * subscribers get the push after ≈ nacosPushSeconds and drop it when their load-balancer cache
 * expires. Without a preStop nothing disables it: it disappears when the app's gRPC connection
 * closes (2.x, 3.x), or heartbeats stop and it turns unhealthy 15 s later (1.x).
 */
function nacosWindows(n: NacosReading, f: ContainerStopFacts, real: StopTimes, a: Assumptions, drawnExit: number): NacosWindows {
  const exit = exitOf(real);
  const heartbeat = n.serverVersion.startsWith('1');
  const disabledAt = f.preStopRuns ? 0 : null;
  const seenGone = disabledAt !== null ? at(0) : plus(exit, heartbeat ? NACOS_HEARTBEAT_UNHEALTHY_SECONDS : 0);
  const lastCall = plus(seenGone, a.nacosPushSeconds + n.consumerCacheSeconds);
  const removed = plus(exit, heartbeat ? NACOS_HEARTBEAT_REMOVE_SECONDS : 0);
  const drawnSeen = disabledAt !== null ? 0 : drawnExit + (heartbeat ? NACOS_HEARTBEAT_UNHEALTHY_SECONDS : 0);
  const bars: Bar[] = [
    bar('nacos-push', 'push', drawnSeen, drawnSeen + a.nacosPushSeconds),
    bar('nacos-consumer-cache', `consumers' load-balancer caches still hold it (${formatSeconds(n.consumerCacheSeconds)})`,
      drawnSeen + a.nacosPushSeconds, drawnSeen + a.nacosPushSeconds + n.consumerCacheSeconds),
  ];
  const marks: Mark[] = [];
  if (disabledAt !== null) marks.push(mark('nacos-disable', 'preStop disables the instance (enabled=false)', at(0)));
  else marks.push(mark('nacos-disable', heartbeat ? 'heartbeats stopped 15 s ago: unhealthy' : 'app exits: gRPC connection closes', seenGone, drawnSeen));
  marks.push(mark('nacos-last-call', 'last calls from cached consumers', lastCall, drawnSeen + a.nacosPushSeconds + n.consumerCacheSeconds));
  const removedLabel = heartbeat ? `instance removed: no heartbeat for ${NACOS_HEARTBEAT_REMOVE_SECONDS} s` : 'instance removed: gRPC connection closed';
  marks.push(mark('nacos-removed', removedLabel, removed, drawnExit + (heartbeat ? NACOS_HEARTBEAT_REMOVE_SECONDS : 0)));
  return {
    summary: {
      container: n.container, serverVersion: n.serverVersion, disabledAt, lastConsumerCallAt: lastCall,
      drainSeconds: n.drainSeconds ?? null, deregisterWaitSeconds: n.deregisterWaitSeconds ?? null, consumerCacheSeconds: n.consumerCacheSeconds,
    },
    lane: { id: 'nacos', kind: 'nacos', label: `Nacos (${n.serverVersion})`, container: n.container, path: null, bars, marks },
    lastCall,
  };
}

/** The grace period as written: a valid value, unset (the default), or something the API server rejects. */
function gracePeriodOf(pod: PodSpecAt): { seconds: number; source: 'spec' | 'default'; invalid: boolean } {
  const raw = pod.spec.terminationGracePeriodSeconds;
  if (raw === undefined || raw === null) return { seconds: DEFAULT_GRACE_PERIOD_SECONDS, source: 'default', invalid: false };
  const v = num(pod.spec, 'terminationGracePeriodSeconds');
  if (v === undefined || !Number.isInteger(v) || v < 0) return { seconds: DEFAULT_GRACE_PERIOD_SECONDS, source: 'default', invalid: true };
  return { seconds: v, source: 'spec', invalid: false };
}

/** App containers, and init containers with `restartPolicy: Always` (sidecars), which the kubelet stops too. */
function stoppedContainers(pod: PodSpecAt): { c: ContainerAt; sidecar: boolean }[] {
  const sidecars = containersOf(pod, ['initContainers']).filter(c => str(c.container, 'restartPolicy') === 'Always');
  return [...containersOf(pod, ['containers']).map(c => ({ c, sidecar: false })), ...sidecars.map(c => ({ c, sidecar: true }))];
}

/**
 * The termination panel's summary and, when `draw`, its lanes, for one pod spec. Without `draw`
 * (the lint rules) only the numbers and facts are computed.
 */
export function terminationTimeline(
  pod: PodSpecAt, a: Assumptions, routing: ServiceRouting, nacos: NacosReading | undefined, draw = true,
  names: ReadonlyMap<string, string> = containerNames(pod),
): TerminationTimeline {
  const g = gracePeriodOf(pod);
  const specGrace = g.seconds;
  // calculateEffectiveGracePeriod: never under 1 s, so a preStop runs even with 0.
  const grace = Math.max(specGrace, KUBELET_MIN_GRACE_PERIOD_SECONDS);
  const annotations = pod.metadata.annotations;
  const shutdowns = declaredSeconds(annotations, SHUTDOWN_SECONDS_ANNOTATION);
  const notes: string[] = [];
  const drawn: StopTimes[] = [];
  const real: StopTimes[] = [];
  const gracePeriodPath = child(pod.path, 'terminationGracePeriodSeconds');
  if (draw && g.invalid) {
    notes.push(`${gracePeriodPath} holds ${JSON.stringify(pod.spec.terminationGracePeriodSeconds)}, which the API server rejects; the default ${formatSeconds(DEFAULT_GRACE_PERIOD_SECONDS)} is drawn and the grace period is not judged.`);
  }
  if (draw && specGrace === 0) {
    notes.push(`${gracePeriodPath} is 0: the API server deletes the pod object at once (a pod's delete takes its grace period from it), `
      + `and on the node the kubelet raises the grace period to ${formatSeconds(grace)}: each preStop starts and is waited for at most ${formatSeconds(grace)}, `
      + `then SIGTERM, and SIGKILL ${formatSeconds(a.kubeletMinSecondsAfterPreStop)} later.`);
  }

  const facts: ContainerStopFacts[] = stoppedContainers(pod).map(({ c, sidecar }) => {
    const name = names.get(c.path)!;
    const preStop = withNacosWait(readPreStop(c.name, c.container.lifecycle, annotations), name, nacos);
    const runs = preStop.present && preStop.handler !== 'tcpSocket';
    const shutdown = c.name === undefined ? undefined : shutdowns[c.name];
    const r = stopTimes(preStop, runs, grace, shutdown, a.kubeletMinSecondsAfterPreStop, 0);
    real.push(r);
    if (draw) drawn.push(stopTimes(preStop, runs, grace, shutdown, a.kubeletMinSecondsAfterPreStop, Math.min(a.nominalUnknownSeconds, grace)));
    const serving = Array.isArray(c.container.ports) && c.container.ports.length > 0;
    const serviceBacked = serving ? routing(c.container) : false;
    const stop = r.stopAt ? preStop.stop : undefined;
    // A graceful stop closes the app's idle keep-alive connections; say so where clients hold them.
    const closes = serving && serviceBacked !== false && (stop !== undefined || shutdown !== undefined);
    const summary: TerminationContainerSummary = {
      name,
      sidecar,
      preStop: !preStop.present ? 'none' : preStop.seconds === undefined ? 'unknown' : 'known',
      preStopSeconds: preStop.seconds ?? null,
      stopCommand: stop?.command ?? null,
      acceptsUntil: r.acceptsUntil,
      shutdownStartsAt: r.shutdownStarts,
      sigtermAt: r.sigterm,
      sigterm: r.sigtermDelivery,
      shutdownSeconds: shutdown ?? null,
      shutdownEndsAt: r.shutdownEnds,
      sigkillAt: r.sigkill,
      sigkill: r.sigkillDelivery,
      closesConnectionsAt: closes ? r.shutdownStarts : null,
      serviceBacked,
    };
    const f: ContainerStopFacts = { at: c, preStop, preStopRuns: runs, stop, serving, summary };
    if (!draw) return f;
    if (runs && preStop.seconds === undefined) {
      notes.push(`${name}: the preStop's duration is unknown (${preStop.describe}); declare it with the lifecycle.cdk8s.io/prestop-seconds annotation if it waits.`);
    }
    if (preStop.handler === 'tcpSocket') notes.push(`${name}: a tcpSocket preStop is accepted by the API but never run.`);
    if (shutdown === undefined && serving) {
      notes.push(`${name}: the app's shutdown time after SIGTERM is unknown; declare it with the ${SHUTDOWN_SECONDS_ANNOTATION} annotation to check the grace period against it.`);
    }
    if (r.stopAt && preStop.stop) {
      // The same stop with the signal dropped: the hook runs its course and SIGTERM is dropped too.
      const ignored = stopTimes({ ...preStop, stop: undefined, onlyWaits: true }, runs, grace, undefined, a.kubeletMinSecondsAfterPreStop, 0);
      const pid1 = pid1Note(name, preStop.stop, c.container, ignored, preStop);
      if (pid1) notes.push(pid1);
    }
    if (closes) notes.push(keepAliveNote(name, f));
    if (sidecar) {
      notes.push(`${name} is a sidecar: from Kubernetes 1.29 the kubelet sends it SIGTERM only after the app containers have exited (or the grace period is used up); its times are the earliest.`);
    }
    return f;
  });

  let nacosSummary: NacosSummary | null = null;
  let nacosLastCall: TimePoint | undefined;
  let nacosLane: Lane | undefined;
  const nacosIndex = nacos ? facts.findIndex(f => f.summary.name === nacos.container && !f.summary.sidecar) : -1;
  if (nacos && nacosIndex >= 0) {
    const drawnExit = draw ? exitOf(drawn[nacosIndex]).seconds : 0;
    const w = nacosWindows(nacos, facts[nacosIndex], real[nacosIndex], a, drawnExit);
    nacosSummary = w.summary;
    nacosLastCall = w.lastCall;
    nacosLane = w.lane;
  }

  const lanes: Lane[] = [];
  if (draw) {
    const graceLabel = specGrace < grace
      ? `grace period ${formatSeconds(specGrace)}: the kubelet uses ${formatSeconds(grace)}`
      : `grace period ${formatSeconds(grace)}${g.source === 'default' ? ' (default)' : ''}`;
    lanes.push({
      id: 'pod', kind: 'pod', label: 'pod', container: null, path: null,
      bars: [bar('grace-period', graceLabel, 0, grace)],
      marks: [mark('terminating', 'Terminating', at(0)), mark('grace-end', 'grace period ends', at(grace))],
    });
    if (facts.some(f => f.serving && f.summary.serviceBacked !== false)) {
      const p = a.endpointPropagationSeconds;
      lanes.push({
        id: 'endpoints', kind: 'endpoints', label: 'Service endpoints', container: null, path: null,
        bars: [bar('endpoint-propagation', `removal reaches kube-proxy, ingress, clients (≈${formatSeconds(p)}, assumed)`, 0, p)],
        marks: [mark('endpoints-gone', 'no new requests routed here', at(p))],
      });
    }
    facts.forEach((f, i) => lanes.push(containerLane(f, drawn[i], grace, specGrace)));
    if (nacosLane) lanes.push(nacosLane);
  }

  const extents = lanes.flatMap(l => [...l.bars.map(b => b.to), ...l.marks.map(m => m.drawAt)]);
  const last = Math.max(grace, a.endpointPropagationSeconds, 1, ...extents);
  return {
    summary: {
      gracePeriodSeconds: specGrace, gracePeriodSource: g.source, effectiveGracePeriodSeconds: grace,
      containers: facts.map(f => f.summary), nacos: nacosSummary,
    },
    gracePeriodPath,
    gracePeriodInvalid: g.invalid,
    lanes,
    end: round(last + Math.max(1, last * 0.06)),
    facts,
    nacosLastCall,
    notes,
  };
}

