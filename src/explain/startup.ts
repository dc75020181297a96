/**
 * The startup panel: init containers one after another, then the app containers, each with its
 * postStart, probe gating and earliest Ready (lifecycle-facts.md, "Startup" and "Probes").
 *
 * The kubelet starts app containers one at a time in `spec.containers` order and runs each
 * postStart before it starts the next container (kuberuntime_manager SyncPod → startContainer),
 * so a slow postStart delays every container after it.
 */
import { containersOf, type ContainerAt, type PodSpecAt, str } from '../validation/pod-template';
import type { Assumptions, Bar, Lane, Mark, StartupContainerSummary, StartupSummary, TimePoint } from './model';
import { readPostStart, type HookReading } from './hooks';
import { containerNames } from './names';
import { earliestPass, firstCheck, givesUpAt, readProbe, type ProbeReading } from './probes';
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

function mark(kind: Mark['kind'], label: string, t: TimePoint, drawAt: TimePoint | number): Mark {
  return { kind, label, at: t, drawAt: round(typeof drawAt === 'number' ? drawAt : drawAt.seconds) };
}

interface Computed {
  readonly at: ContainerAt;
  readonly post: HookReading;
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
  const runningAt = plus(startsAt, post.seconds ?? (postUnknown ? unknownAs : 0), postUnknown);
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
    runningAt,
    startedAt,
    readyAt,
    killedIfNeverHealthyAt,
    killedBy: startup ? 'startupProbe' : liveness ? 'livenessProbe' : null,
  };
  return { at: c, post, summary, startup, readiness, liveness, startupFirst, startupGivesUp, readinessFirst, livenessFirst, livenessGivesUp };
}

/** All app containers in order: each starts when the previous one's postStart has returned. */
function computeAll(apps: readonly ContainerAt[], names: ReadonlyMap<string, string>, unknownAs: number, podAnnotations: unknown): Computed[] {
  let startsAt = at(0);
  return apps.map(c => {
    const x = computeContainer(c, names.get(c.path)!, startsAt, unknownAs, podAnnotations);
    startsAt = x.summary.runningAt;
    return x;
  });
}

/** Lane of one app container: bars where `d` (the drawing run) puts them, labels from `x` (the numbers). */
function containerLane(x: Computed, d: Computed, previous: string | undefined, end: number): Lane {
  const s = x.summary;
  const ds = d.summary;
  const bars: Bar[] = [];
  const marks: Mark[] = [];
  if (ds.startsAt.seconds > 0) {
    bars.push(bar('waiting', `waits for ${previous}'s postStart (containers start in order)`, 0, ds.startsAt.seconds));
  }
  if (x.post.present) {
    const unknown = x.post.seconds === undefined;
    const what = unknown ? `postStart ${x.post.describe}: duration unknown` : `postStart ${x.post.describe}`;
    bars.push(bar('post-start', `${what}; Waiting (ContainerCreating) until it returns`, ds.startsAt.seconds, ds.runningAt.seconds, unknown));
    marks.push(mark('start', 'started; postStart runs', s.startsAt, ds.startsAt));
    marks.push(mark('running', 'Running (postStart returned)', s.runningAt, ds.runningAt));
  } else {
    marks.push(mark('start', 'started, Running', s.startsAt, ds.startsAt));
  }
  if (ds.readyAt.seconds > ds.runningAt.seconds) {
    bars.push(bar('running', x.startup ? 'Running, not Ready: startup probe holds the other probes' : 'Running, not Ready',
      ds.runningAt.seconds, ds.readyAt.seconds));
  }
  bars.push(bar('ready', 'Ready: receives Service traffic', ds.readyAt.seconds, end));
  if (x.startup) {
    const t = x.startup.timing;
    bars.push(bar('startup-window',
      `startup probe: every ${formatSeconds(t.periodSeconds)}, gives up after ${t.failureThreshold} failures`,
      d.startupFirst!.seconds, d.startupGivesUp!.seconds, false, 1));
    marks.push(mark('first-check', 'startup probe: first check', x.startupFirst!, d.startupFirst!));
  }
  if (x.readinessFirst) marks.push(mark('first-check', 'readiness: first check', x.readinessFirst, d.readinessFirst!));
  if (x.livenessFirst) marks.push(mark('first-check', 'liveness: first check', x.livenessFirst, d.livenessFirst!));
  marks.push(mark('ready', x.readiness ? 'Ready (readiness passed)' : 'Ready (no readiness probe)', s.readyAt, ds.readyAt));
  if (s.killedIfNeverHealthyAt) {
    const by = s.killedBy === 'startupProbe' ? 'startup probe' : 'liveness';
    marks.push(mark('probe-kill', `${by} kills it if it never becomes healthy`, s.killedIfNeverHealthyAt, ds.killedIfNeverHealthyAt!));
  }
  return {
    id: `container:${s.name}`, kind: 'container', label: s.name, container: s.name, path: x.at.path, bars, marks,
  };
}

/** The startup panel's lanes and summary for one pod spec. */
export function startupTimeline(pod: PodSpecAt, assumptions: Assumptions): StartupTimeline {
  const nominal = assumptions.nominalUnknownSeconds;
  const inits = containersOf(pod, ['initContainers']);
  const apps = containersOf(pod, ['containers']);
  const notes: string[] = [];

  const names = containerNames(pod);
  const computed = computeAll(apps, names, 0, pod.metadata.annotations);
  const drawn = computeAll(apps, names, nominal, pod.metadata.annotations);
  for (const x of computed) {
    if (x.post.present && x.post.seconds === undefined) {
      notes.push(`${x.summary.name}: the postStart's duration is unknown (${x.post.describe}); times after it are lower bounds (≥).`);
    }
  }

  const readies = computed.map(x => x.summary.readyAt);
  const podReadyAt = readies.length === 0 ? null : readies.reduce(later);
  const times = drawn.flatMap(x => [
    x.summary.readyAt, x.summary.runningAt, x.summary.killedIfNeverHealthyAt, x.startupGivesUp, x.livenessGivesUp,
    x.readinessFirst, x.livenessFirst,
  ]).filter((t): t is TimePoint => t !== undefined && t !== null).map(t => t.seconds);
  const last = Math.max(nominal * 2, ...times);
  const end = round(last + Math.max(1, last * 0.08));
  const start = -nominal * inits.length;

  const lanes: Lane[] = inits.map((c, i) => {
    const name = names.get(c.path)!;
    const from = start + i * nominal;
    const sidecar = str(c.container, 'restartPolicy') === 'Always';
    const bars: Bar[] = sidecar
      ? [bar('sidecar', 'sidecar (restartPolicy: Always): keeps running', from, end, true)]
      : [bar('init', `init #${i + 1}: runs to completion (duration unknown)`, from, from + nominal, true)];
    return { id: `init:${name}`, kind: 'init', label: name, container: name, path: c.path, bars, marks: [] };
  });
  if (inits.length > 0) {
    notes.push(`Init containers (${inits.map(c => names.get(c.path)!).join(', ')}) run one after another before t = 0; their durations are unknown and drawn with a nominal width.`);
  }
  computed.forEach((x, i) => lanes.push(containerLane(x, drawn[i], computed[i - 1]?.summary.name, end)));
  if (podReadyAt) {
    lanes.push({
      id: 'pod', kind: 'pod', label: 'pod', container: null, path: null, bars: [],
      marks: [mark('pod-ready', `pod Ready at ${formatTime(podReadyAt)}: Services may route to it`, podReadyAt,
        drawn.map(x => x.summary.readyAt.seconds).reduce((a, b) => Math.max(a, b), 0))],
    });
  }

  const facts: ContainerStartupFacts[] = computed.map(x => ({
    at: x.at, summary: x.summary, startup: x.startup, readiness: x.readiness, liveness: x.liveness,
    livenessGivesUpAt: x.livenessGivesUp,
  }));
  return {
    summary: { initContainers: inits.map(c => names.get(c.path)!), containers: computed.map(x => x.summary), podReadyAt },
    lanes, start: round(start), end, facts, notes,
  };
}
