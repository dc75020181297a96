/**
 * The startup panel: init containers one after another, then the app containers, each with its
 * postStart, probe gating and earliest Ready.
 *
 * The kubelet starts app containers one at a time in `spec.containers` order and runs each
 * postStart before it starts the next container (kuberuntime_manager SyncPod → startContainer),
 * so a slow postStart delays every container after it. A postStart that fails makes
 * startContainer kill the container ("FailedPostStartHook") and return PostStartHookError; SyncPod
 * goes on with the next container, and the failed one is restarted with back-off, forever when
 * the hook always fails (kuberuntime_container.go startContainer).
 */
import { containersOf, type ContainerAt, type PodSpecAt, str } from '../validation/pod-template';
import type { Assumptions, Bar, Lane, Mark, StartupContainerSummary, StartupSummary, TimePoint } from './model';
import { readPostStart, type HookReading } from './hooks';
import { containerNames } from './names';
import { earliestPass, firstCheck, givesUpAt, readProbe, type ProbeReading } from './probes';
import type { ServiceRouting } from './services';
import { at, formatSeconds, formatTime, later, plus, round } from './time';

/** What the verdicts need to know about one app container's start. */
export interface ContainerStartupFacts {
  readonly at: ContainerAt;
  readonly summary: StartupContainerSummary;
  readonly startup: ProbeReading | undefined;
  readonly readiness: ProbeReading | undefined;
  readonly liveness: ProbeReading | undefined;
  /** Where liveness alone would give up on a container that never becomes healthy. */
  readonly livenessGivesUpAt: TimePoint | undefined;
  /**
   * The readiness probe's first check: when the manifest expects the app may be up. (Its earliest
   * pass adds `successThreshold - 1` periods, which say nothing about how long the app starts.)
   */
  readonly readinessFirstAt: TimePoint | undefined;
  /** The command on which the postStart fails on every path (`exit 1`), when it does. */
  readonly postStartFails: string | undefined;
}

export interface StartupTimeline {
  readonly summary: StartupSummary;
  readonly lanes: Lane[];
  readonly start: number;
  readonly end: number;
  readonly facts: ContainerStartupFacts[];
  readonly notes: string[];
}

function bar(kind: Bar['kind'], label: string, from: number, to: number, unknown = false, track: 0 | 1 = 0): Bar {
  return { kind, label, from: round(from), to: round(to), unknown, track };
}

function mark(kind: Mark['kind'], label: string, t: TimePoint, drawAt: TimePoint | number, track: 0 | 1 = 0): Mark {
  return { kind, label, at: t, drawAt: round(typeof drawAt === 'number' ? drawAt : drawAt.seconds), track };
}

interface Computed {
  readonly at: ContainerAt;
  readonly post: HookReading;
  /** The postStart returns (or fails): the next container starts then. */
  readonly returnsAt: TimePoint;
  readonly summary: StartupContainerSummary;
  readonly startup?: ProbeReading;
  readonly readiness?: ProbeReading;
  readonly liveness?: ProbeReading;
  readonly startupFirst?: TimePoint;
  readonly startupGivesUp?: TimePoint;
  readonly readinessFirst?: TimePoint;
  readonly livenessFirst?: TimePoint;
  readonly livenessGivesUp?: TimePoint;
}

/**
 * One app container's start. `unknownAs` is what an unknown postStart counts as: 0 for the
 * numbers (which become lower bounds), the nominal width for the picture.
 */
function computeContainer(c: ContainerAt, name: string, startsAt: TimePoint, unknownAs: number, podAnnotations: unknown): Computed {
  const post = readPostStart(c.name, c.container.lifecycle, podAnnotations);
  const postUnknown = post.present && post.seconds === undefined;
  const returnsAt = plus(startsAt, post.seconds ?? (postUnknown ? unknownAs : 0), postUnknown);
  if (post.fails !== undefined) {
    const summary: StartupContainerSummary = {
      name, startsAt, postStartSeconds: post.seconds ?? null, postStart: post.seconds === undefined ? 'unknown' : 'known',
      failsAt: returnsAt, runningAt: null, startedAt: null, readyAt: null, killedIfNeverHealthyAt: null, killedBy: null,
    };
    return { at: c, post, returnsAt, summary };
  }
  const runningAt = returnsAt;
  const startup = readProbe(c.container, 'startupProbe');
  const readiness = readProbe(c.container, 'readinessProbe');
  const liveness = readProbe(c.container, 'livenessProbe');

  const startupFirst = startup && firstCheck(startup, startsAt, runningAt);
  const startedAt = startup ? earliestPass(startup, startupFirst!) : runningAt;
  const startupGivesUp = startup && givesUpAt(startup, startupFirst!);
  const readinessFirst = readiness && firstCheck(readiness, startsAt, runningAt, startedAt);
  const readyAt = readiness ? earliestPass(readiness, readinessFirst!) : startedAt;
  const livenessFirst = liveness && firstCheck(liveness, startsAt, runningAt, startedAt);
  const livenessGivesUp = liveness && givesUpAt(liveness, livenessFirst!);
  const killedIfNeverHealthyAt = startupGivesUp ?? livenessGivesUp ?? null;
  const summary: StartupContainerSummary = {
    name,
    startsAt,
    postStartSeconds: post.seconds ?? null,
    postStart: !post.present ? 'none' : post.seconds === undefined ? 'unknown' : 'known',
    failsAt: null,
    runningAt,
    startedAt,
    readyAt,
    killedIfNeverHealthyAt,
    killedBy: startup ? 'startupProbe' : liveness ? 'livenessProbe' : null,
  };
  return { at: c, post, returnsAt, summary, startup, readiness, liveness, startupFirst, startupGivesUp, readinessFirst, livenessFirst, livenessGivesUp };
}

/** All app containers in order: each starts when the previous one's postStart has returned. */
function computeAll(apps: readonly ContainerAt[], names: ReadonlyMap<string, string>, unknownAs: number, podAnnotations: unknown): Computed[] {
  let startsAt = at(0);
  return apps.map(c => {
    const x = computeContainer(c, names.get(c.path)!, startsAt, unknownAs, podAnnotations);
    startsAt = x.returnsAt;
    return x;
  });
}

/** What a Ready container is to traffic: its ports, and whether a Service routes to them. */
function readyLabel(container: ContainerAt, routing: ServiceRouting): string {
  const ports = Array.isArray(container.container.ports) && container.container.ports.length > 0;
  if (!ports) return 'Ready (no ports: serves no traffic)';
  const routed = routing(container.container);
  if (routed === true) return 'Ready: receives Service traffic';
  if (routed === false) return 'Ready (no Service routes to it)';
  return 'Ready: receives traffic if a Service selects it';
}

/** Lane of a container whose postStart always fails: it never gets past it. */
function failingLane(x: Computed, d: Computed, previous: string | undefined, end: number): Lane {
  const s = x.summary;
  const ds = d.summary;
  const bars: Bar[] = [];
  if (ds.startsAt.seconds > 0) {
    bars.push(bar('waiting', `waits for ${previous}'s postStart (containers start in order)`, 0, ds.startsAt.seconds));
  }
  const failsAt = d.returnsAt.seconds;
  bars.push(bar('post-start', `postStart ${x.post.describe}: fails (\`${x.post.fails}\`)`, ds.startsAt.seconds, failsAt, x.post.seconds === undefined));
  bars.push(bar('crash-loop', 'killed and restarted with back-off (10 s, 20 s, … 5 min): never Running or Ready', failsAt, Math.max(end, failsAt)));
  const marks: Mark[] = [
    mark('start', 'started; postStart runs', s.startsAt, ds.startsAt),
    mark('post-start-fails', `postStart fails (\`${x.post.fails}\`): killed, PostStartHookError, restarted (CrashLoopBackOff)`, s.failsAt!, failsAt),
  ];
  return { id: `container:${s.name}`, kind: 'container', label: s.name, container: s.name, path: x.at.path, bars, marks };
}

/** Lane of one app container: bars where `d` (the drawing run) puts them, labels from `x` (the numbers). */
function containerLane(x: Computed, d: Computed, previous: string | undefined, end: number, routing: ServiceRouting): Lane {
  if (x.summary.failsAt) return failingLane(x, d, previous, end);
  const s = x.summary;
  const ds = d.summary;
  const running = s.runningAt!;
  const ready = s.readyAt!;
  const bars: Bar[] = [];
  const marks: Mark[] = [];
  if (ds.startsAt.seconds > 0) {
    bars.push(bar('waiting', `waits for ${previous}'s postStart (containers start in order)`, 0, ds.startsAt.seconds));
  }
  if (x.post.present) {
    const unknown = x.post.seconds === undefined;
    const what = unknown ? `postStart ${x.post.describe}: duration unknown` : `postStart ${x.post.describe}`;
    bars.push(bar('post-start', `${what}; Waiting (ContainerCreating) until it returns`, ds.startsAt.seconds, ds.runningAt!.seconds, unknown));
    marks.push(mark('start', 'started; postStart runs', s.startsAt, ds.startsAt));
    marks.push(mark('running', 'Running (postStart returned)', running, ds.runningAt!));
  } else {
    marks.push(mark('start', 'started, Running', s.startsAt, ds.startsAt));
  }
  if (ds.readyAt!.seconds > ds.runningAt!.seconds) {
    bars.push(bar('running', x.startup ? 'Running, not Ready: startup probe holds the other probes' : 'Running, not Ready',
      ds.runningAt!.seconds, ds.readyAt!.seconds));
  }
  bars.push(bar('ready', readyLabel(x.at, routing), ds.readyAt!.seconds, end));
  if (x.startup) {
    const t = x.startup.timing;
    bars.push(bar('startup-window',
      `startup probe: every ${formatSeconds(t.periodSeconds)}, gives up after ${t.failureThreshold} failures`,
      d.startupFirst!.seconds, d.startupGivesUp!.seconds, false, 1));
    marks.push(mark('first-check', 'startup probe: first check', x.startupFirst!, d.startupFirst!));
  } else if (x.liveness && d.livenessFirst && d.livenessGivesUp) {
    const t = x.liveness.timing;
    bars.push(bar('liveness-window',
      `liveness: every ${formatSeconds(t.periodSeconds)}, restarts it after ${t.failureThreshold} failures in a row`,
      d.livenessFirst.seconds, d.livenessGivesUp.seconds, false, 1));
  }
  if (x.readinessFirst) marks.push(mark('first-check', 'readiness: first check', x.readinessFirst, d.readinessFirst!));
  if (x.livenessFirst) marks.push(mark('first-check', 'liveness: first check', x.livenessFirst, d.livenessFirst!));
  marks.push(mark('ready', x.readiness ? 'Ready (readiness passed)' : 'Ready (no readiness probe)', ready, ds.readyAt!));
  if (s.killedIfNeverHealthyAt) {
    // On the probe's own row: the deadline matters only to an app that never answers, not to the Ready one drawn above.
    const label = s.killedBy === 'startupProbe'
      ? 'startup probe deadline: restarted only if no check has passed by now'
      : 'liveness deadline: restarted only if no check has passed by now';
    marks.push(mark('probe-deadline', label, s.killedIfNeverHealthyAt, ds.killedIfNeverHealthyAt!, 1));
  }
  return {
    id: `container:${s.name}`, kind: 'container', label: s.name, container: s.name, path: x.at.path, bars, marks,
  };
}

/** What the pod lane says of a Ready pod: whether Services route to it. */
function podReadyLabel(apps: readonly ContainerAt[], routing: ServiceRouting, readyAt: TimePoint): string {
  const routes = apps.filter(c => Array.isArray(c.container.ports) && c.container.ports.length > 0).map(c => routing(c.container));
  const head = `pod Ready at ${formatTime(readyAt)}`;
  if (routes.includes(true)) return `${head}: the Service routes to it`;
  if (routes.includes(null)) return `${head}: Services may route to it`;
  return head;
}

/**
 * The startup panel's summary and, when `draw`, its lanes, for one pod spec. Without `draw`
 * (the lint rules) only the numbers and facts are computed.
 */
export function startupTimeline(
  pod: PodSpecAt, assumptions: Assumptions, routing: ServiceRouting, draw = true, names: ReadonlyMap<string, string> = containerNames(pod),
): StartupTimeline {
  const nominal = assumptions.nominalUnknownSeconds;
  const inits = containersOf(pod, ['initContainers']);
  const apps = containersOf(pod, ['containers']);
  const notes: string[] = [];

  const computed = computeAll(apps, names, 0, pod.metadata.annotations);
  for (const x of draw ? computed : []) {
    if (x.post.present && x.post.seconds === undefined && x.post.fails === undefined) {
      notes.push(`${x.summary.name}: the postStart's duration is unknown (${x.post.describe}); times after it are lower bounds (≥).`);
    }
    if (x.post.fails !== undefined) {
      notes.push(`${x.summary.name}: its postStart fails on every path (\`${x.post.fails}\`): the kubelet kills the container each time `
        + '(event FailedPostStartHook, status PostStartHookError) and restarts it with back-off (CrashLoopBackOff); it is never Running or Ready, '
        + 'so the pod never becomes Ready and no Service routes to it.');
    }
  }
  const neverReady = computed.filter(x => x.summary.failsAt !== null).map(x => x.summary.name);
  const readies = computed.map(x => x.summary.readyAt).filter((t): t is TimePoint => t !== null);
  const podReadyAt = readies.length === 0 || neverReady.length > 0 ? null : readies.reduce(later);
  const facts: ContainerStartupFacts[] = computed.map(x => ({
    at: x.at, summary: x.summary, startup: x.startup, readiness: x.readiness, liveness: x.liveness,
    livenessGivesUpAt: x.livenessGivesUp, readinessFirstAt: x.readinessFirst, postStartFails: x.post.fails,
  }));
  const summary: StartupSummary = { initContainers: inits.map(c => names.get(c.path)!), containers: computed.map(x => x.summary), podReadyAt, neverReady };
  if (draw && inits.length > 0) {
    notes.push(`Init containers (${inits.map(c => names.get(c.path)!).join(', ')}) run one after another before t = 0; their durations are unknown and drawn with a nominal width.`);
  }
  const start = round(-nominal * inits.length);
  if (!draw) return { summary, lanes: [], start, end: 0, facts, notes };

  const drawn = computeAll(apps, names, nominal, pod.metadata.annotations);
  const times = drawn.flatMap(x => [
    x.summary.readyAt, x.summary.runningAt, x.summary.failsAt, x.summary.killedIfNeverHealthyAt, x.startupGivesUp, x.livenessGivesUp,
    x.readinessFirst, x.livenessFirst,
  ]).filter((t): t is TimePoint => t !== undefined && t !== null).map(t => t.seconds);
  const last = Math.max(nominal * 2, ...times);
  const end = round(last + Math.max(1, last * 0.08));

  const lanes: Lane[] = inits.map((c, i) => {
    const name = names.get(c.path)!;
    const from = start + i * nominal;
    const sidecar = str(c.container, 'restartPolicy') === 'Always';
    const bars: Bar[] = sidecar
      ? [bar('sidecar', 'sidecar (restartPolicy: Always): keeps running', from, end, true)]
      : [bar('init', `init #${i + 1}: runs to completion (duration unknown)`, from, from + nominal, true)];
    return { id: `init:${name}`, kind: 'init', label: name, container: name, path: c.path, bars, marks: [] };
  });
  computed.forEach((x, i) => lanes.push(containerLane(x, drawn[i], computed[i - 1]?.summary.name, end, routing)));
  if (neverReady.length > 0) {
    const first = computed.find(x => x.summary.failsAt)!;
    const d = drawn[computed.indexOf(first)];
    lanes.push({
      id: 'pod', kind: 'pod', label: 'pod', container: null, path: null, bars: [],
      marks: [mark('pod-never-ready', `pod never Ready: ${neverReady.join(', ')} never start${neverReady.length > 1 ? '' : 's'}, no Service routes to it`,
        first.summary.failsAt!, d.returnsAt)],
    });
  } else if (podReadyAt) {
    lanes.push({
      id: 'pod', kind: 'pod', label: 'pod', container: null, path: null, bars: [],
      marks: [mark('pod-ready', podReadyLabel(apps, routing, podReadyAt), podReadyAt,
        drawn.map(x => x.summary.readyAt!.seconds).reduce((a, b) => Math.max(a, b), 0))],
    });
  }
  return { summary, lanes, start, end, facts, notes };
}
