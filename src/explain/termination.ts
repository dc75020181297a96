/**
 * The termination panel (lifecycle-facts.md, "Termination"; kubelet killContainer):
 * t = 0 the pod is Terminating and endpoint removal starts propagating; every container runs its
 * preStop at once, on the grace-period clock; SIGTERM when the preStop returns (or when the grace
 * period is used up); SIGKILL when the grace period ends, but never sooner than
 * `KUBELET_MIN_SECONDS_AFTER_PRESTOP` after SIGTERM. With a grace period of 0 the kubelet skips
 * the preStop (it runs it only while `gracePeriod > 0`).
 */
import { SHUTDOWN_SECONDS_ANNOTATION, secondsByContainer } from '../analysis/annotations';
import { DEFAULT_GRACE_PERIOD_SECONDS } from '../timing/termination-budget';
import { child } from '../validation/field-path';
import { containersOf, num, type ContainerAt, type PodSpecAt } from '../validation/pod-template';
import {
  NACOS_HEARTBEAT_REMOVE_SECONDS, NACOS_HEARTBEAT_UNHEALTHY_SECONDS,
} from './assumptions';
import { readPreStop, type HookReading } from './hooks';
import { containerNames } from './names';
import type { Assumptions, Bar, Lane, Mark, NacosSummary, TerminationContainerSummary, TerminationSummary, TimePoint } from './model';
import type { NacosReading } from './nacos';
import type { ServiceRouting } from './services';
import { at, formatSeconds, plus, round } from './time';

/** What the verdicts need about one container's stop. */
export interface ContainerStopFacts {
  readonly at: ContainerAt;
  readonly preStop: HookReading;
  /** The kubelet runs the preStop (it has one and the grace period is > 0). */
  readonly preStopRuns: boolean;
  /** Declares container ports: something may send it requests. */
  readonly serving: boolean;
  readonly summary: TerminationContainerSummary;
}

export interface TerminationTimeline {
  readonly summary: TerminationSummary;
  readonly gracePeriodPath: string;
  readonly lanes: Lane[];
  readonly end: number;
  readonly facts: ContainerStopFacts[];
  readonly nacosLastCall: TimePoint | undefined;
  readonly notes: string[];
}

function bar(kind: Bar['kind'], label: string, from: number, to: number, unknown = false): Bar {
  return { kind, label, from: round(from), to: round(to), unknown, track: 0 };
}

function mark(kind: Mark['kind'], label: string, t: TimePoint, drawAt: number = t.seconds): Mark {
  return { kind, label, at: t, drawAt: round(drawAt) };
}

interface StopTimes {
  readonly sigterm: TimePoint;
  readonly sigkill: TimePoint;
  readonly acceptsUntil: TimePoint;
  readonly shutdownEnds: TimePoint | null;
}

/**
 * One container's stop on the grace-period clock; `unknownAs` is what a preStop of unknown
 * duration counts as (0 for the numbers, the nominal width for the picture).
 */
function stopTimes(pre: HookReading, runs: boolean, grace: number, shutdown: number | undefined, minAfter: number, unknownAs: number): StopTimes {
  const unknown = runs && pre.seconds === undefined;
  const hookEnds = !runs ? 0 : Math.min(pre.seconds ?? unknownAs, grace);
  const sigterm = at(hookEnds, unknown);
  // The grace period left after the preStop, never less than the kubelet's minimum.
  const sigkill = plus(sigterm, Math.max(grace - hookEnds, minAfter), unknown && grace > hookEnds);
  let acceptsUntil: TimePoint;
  if (!runs) acceptsUntil = at(0);
  else if (pre.onlyWaits && pre.seconds !== undefined) acceptsUntil = sigterm;
  else if (pre.servesFor !== undefined) acceptsUntil = at(Math.min(pre.servesFor, hookEnds), unknown);
  else acceptsUntil = at(0, true);
  return { sigterm, sigkill, acceptsUntil, shutdownEnds: shutdown === undefined ? null : plus(sigterm, shutdown) };
}

/**
 * The Nacos hook's container: its preStop disables the instance and then waits with the app
 * still serving (what NacosRegisteredApp's script does; its HTTP calls go to Nacos, not the app).
 * When neither the hook nor the prestop-seconds annotation tells its length, the Nacos
 * annotation's drainSeconds + deregisterWaitSeconds does.
 */
function withNacosWait(pre: HookReading, name: string, nacos: NacosReading | undefined): HookReading {
  if (!nacos || nacos.container !== name || !pre.present || pre.handler === 'tcpSocket') return pre;
  if (pre.seconds !== undefined) return { ...pre, servesFor: pre.seconds, onlyWaits: true };
  if (nacos.deregisterWaitSeconds === undefined) return pre;
  const seconds = (nacos.drainSeconds ?? 0) + nacos.deregisterWaitSeconds;
  return { ...pre, seconds, servesFor: seconds, onlyWaits: true, source: 'the lifecycle.cdk8s.io/nacos annotation (drainSeconds + deregisterWaitSeconds)' };
}

function containerLane(f: ContainerStopFacts, d: StopTimes, grace: number): Lane {
  const s = f.summary;
  const pre = f.preStop;
  const bars: Bar[] = [];
  const marks: Mark[] = [];
  if (f.preStopRuns) {
    const unknown = pre.seconds === undefined;
    const label = unknown ? `preStop ${pre.describe}: duration unknown` : `preStop ${pre.describe} (${formatSeconds(pre.seconds!)})`;
    bars.push(bar('pre-stop', label, 0, d.sigterm.seconds, unknown));
    if (pre.seconds !== undefined && pre.seconds > grace) {
      bars.push({ ...bar('cut', `preStop cut off: ${formatSeconds(pre.seconds - grace)} never run`, grace, pre.seconds), track: 1 });
    }
  } else if (pre.present && pre.handler !== 'tcpSocket') {
    bars.push(bar('cut', 'preStop skipped: grace period 0', 0, Math.min(pre.seconds ?? 1, 1)));
  }
  if (s.acceptsUntil.seconds < s.sigtermAt.seconds || (f.preStopRuns && !pre.onlyWaits)) {
    marks.push(mark('stops-accepting', `may stop accepting: the preStop runs \`${pre.describe}\``, s.acceptsUntil, Math.min(d.acceptsUntil.seconds, d.sigterm.seconds)));
  }
  marks.push(mark('sigterm', f.preStopRuns ? 'SIGTERM (preStop returned)' : 'SIGTERM', s.sigtermAt, d.sigterm.seconds));
  if (s.shutdownSeconds === null) {
    bars.push(bar('shutdown', 'shutdown after SIGTERM: duration unknown', d.sigterm.seconds, d.sigkill.seconds, true));
  } else {
    const ends = d.shutdownEnds!.seconds;
    bars.push(bar('shutdown', `shutdown (${formatSeconds(s.shutdownSeconds)})`, d.sigterm.seconds, Math.min(ends, d.sigkill.seconds)));
    if (ends > d.sigkill.seconds) {
      bars.push(bar('cut', `shutdown killed: ${formatSeconds(ends - d.sigkill.seconds)} short`, d.sigkill.seconds, ends));
    } else {
      marks.push(mark('exit', 'exits: shutdown done', s.shutdownEndsAt!, ends));
    }
  }
  const extra = s.sigkillAt.seconds > grace && f.preStopRuns ? ' (kubelet\'s 2 s minimum after preStop)' : '';
  marks.push(mark('sigkill', `SIGKILL${extra}`, s.sigkillAt, d.sigkill.seconds));
  return { id: `container:${s.name}`, kind: 'container', label: s.name, container: s.name, path: f.at.path, bars, marks };
}

interface NacosWindows {
  readonly summary: NacosSummary;
  readonly lane: Lane;
  readonly lastCall: TimePoint;
}

/**
 * Nacos: the preStop disables the instance at once (NacosRegisteredApp's hook does so first);
 * subscribers get the push after ≈ nacosPushSeconds and drop it when their load-balancer cache
 * expires. Without a preStop nothing disables it: it disappears when the app's gRPC connection
 * closes (2.x, 3.x), or heartbeats stop and it turns unhealthy 15 s later (1.x).
 */
function nacosWindows(n: NacosReading, f: ContainerStopFacts, a: Assumptions, drawnExit: number): NacosWindows {
  const s = f.summary;
  const exit = s.shutdownEndsAt && s.shutdownEndsAt.seconds <= s.sigkillAt.seconds ? s.shutdownEndsAt : s.sigkillAt;
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

/** The termination panel's lanes and summary for one pod spec. */
export function terminationTimeline(
  pod: PodSpecAt, a: Assumptions, routing: ServiceRouting, nacos: NacosReading | undefined,
): TerminationTimeline {
  const specGrace = num(pod.spec, 'terminationGracePeriodSeconds');
  const grace = specGrace !== undefined && specGrace >= 0 ? specGrace : DEFAULT_GRACE_PERIOD_SECONDS;
  const annotations = pod.metadata.annotations;
  const shutdowns = secondsByContainer(annotations, SHUTDOWN_SECONDS_ANNOTATION);
  const notes: string[] = [];
  const drawn: StopTimes[] = [];
  const names = containerNames(pod);

  const facts: ContainerStopFacts[] = containersOf(pod, ['containers']).map(c => {
    const name = names.get(c.path)!;
    const preStop = withNacosWait(readPreStop(c.name, c.container.lifecycle, annotations), name, nacos);
    const runs = preStop.present && preStop.handler !== 'tcpSocket' && grace > 0;
    const shutdown = c.name === undefined ? undefined : shutdowns[c.name];
    const real = stopTimes(preStop, runs, grace, shutdown, a.kubeletMinSecondsAfterPreStop, 0);
    drawn.push(stopTimes(preStop, runs, grace, shutdown, a.kubeletMinSecondsAfterPreStop, Math.min(a.nominalUnknownSeconds, grace)));
    const serving = Array.isArray(c.container.ports) && c.container.ports.length > 0;
    if (runs && preStop.seconds === undefined) {
      notes.push(`${name}: the preStop's duration is unknown (${preStop.describe}); declare it with the lifecycle.cdk8s.io/prestop-seconds annotation if it waits.`);
    }
    if (preStop.handler === 'tcpSocket') notes.push(`${name}: a tcpSocket preStop is accepted by the API but never run.`);
    if (shutdown === undefined && serving) {
      notes.push(`${name}: the app's shutdown time after SIGTERM is unknown; declare it with the ${SHUTDOWN_SECONDS_ANNOTATION} annotation to check the grace period against it.`);
    }
    const summary: TerminationContainerSummary = {
      name,
      preStop: !preStop.present ? 'none' : preStop.seconds === undefined ? 'unknown' : 'known',
      preStopSeconds: preStop.seconds ?? null,
      acceptsUntil: real.acceptsUntil,
      sigtermAt: real.sigterm,
      shutdownSeconds: shutdown ?? null,
      shutdownEndsAt: real.shutdownEnds,
      sigkillAt: real.sigkill,
      serviceBacked: serving ? routing(c.container) : false,
    };
    return { at: c, preStop, preStopRuns: runs, serving, summary };
  });

  const lanes: Lane[] = [{
    id: 'pod', kind: 'pod', label: 'pod', container: null, path: null,
    bars: [bar('grace-period', `grace period ${formatSeconds(grace)}${specGrace === undefined ? ' (default)' : ''}`, 0, grace)],
    marks: [mark('terminating', 'Terminating', at(0)), mark('grace-end', 'grace period ends', at(grace))],
  }];
  if (facts.some(f => f.serving && f.summary.serviceBacked !== false)) {
    const p = a.endpointPropagationSeconds;
    lanes.push({
      id: 'endpoints', kind: 'endpoints', label: 'Service endpoints', container: null, path: null,
      bars: [bar('endpoint-propagation', `removal reaches kube-proxy, ingress, clients (≈${formatSeconds(p)}, assumed)`, 0, p)],
      marks: [mark('endpoints-gone', 'no new requests routed here', at(p))],
    });
  }
  facts.forEach((f, i) => lanes.push(containerLane(f, drawn[i], grace)));

  let nacosSummary: NacosSummary | null = null;
  let nacosLastCall: TimePoint | undefined;
  const nacosIndex = nacos ? facts.findIndex(f => f.summary.name === nacos.container) : -1;
  if (nacos && nacosIndex >= 0) {
    const d = drawn[nacosIndex];
    const drawnExit = d.shutdownEnds && d.shutdownEnds.seconds <= d.sigkill.seconds ? d.shutdownEnds.seconds : d.sigkill.seconds;
    const w = nacosWindows(nacos, facts[nacosIndex], a, drawnExit);
    nacosSummary = w.summary;
    nacosLastCall = w.lastCall;
    lanes.push(w.lane);
  }

  const extents = lanes.flatMap(l => [...l.bars.map(b => b.to), ...l.marks.map(m => m.drawAt)]);
  const last = Math.max(grace, a.endpointPropagationSeconds, 1, ...extents);
  return {
    summary: { gracePeriodSeconds: grace, gracePeriodSource: specGrace === undefined ? 'default' : 'spec', containers: facts.map(f => f.summary), nacos: nacosSummary },
    gracePeriodPath: child(pod.path, 'terminationGracePeriodSeconds'),
    lanes,
    end: round(last + Math.max(1, last * 0.06)),
    facts,
    nacosLastCall,
    notes,
  };
}
