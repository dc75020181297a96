/**
 * Synth cost of GracefulWebService against two baselines: what a user would write instead (the
 * same service in plain cdk8s-plus-28, hand-written-service.ts: the issue-11 target) and the
 * floor (the very same objects handed to cdk8s as raw ApiObjects). Every mode defines an App and
 * runs `app.synth()` into a temporary outdir, which is exactly what `npm run synth` does in
 * `node lib/main.js` (cdk8s-cli only sets the outdir and runs it): construct definition,
 * validation, dependency resolution, YAML and file writes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { GracefulWebService } from '../graceful-web-service';
import type { Rule } from '../validation/rule';
import { RULES } from '../validation/registry';
import { LifecycleValidation } from '../validation/synth-validation';
import { defineHandWritten, handWrittenSpec, type HandWrittenSpec } from './hand-written-service';
import { benchServiceProps } from './service-props';
import { collectGarbage, median, quantile, timed } from './stats';

/** What one synth variant does. */
export type SynthMode = 'floor' | 'hand-written' | 'ours' | 'ours-no-rules' | 'ours-no-validation';

export interface SynthBenchOptions {
  /** @default 500 */
  readonly services?: number;
  /** Services per chart. @default 50 */
  readonly servicesPerChart?: number;
  /** Timed rounds; each runs every mode once, in rotating order. @default 9 */
  readonly rounds?: number;
  /** Untimed rounds first, for the JIT. @default 2 */
  readonly warmupRounds?: number;
  /**
   * Pairs of adjacent hand-written and `ours` synths for the target, after the rounds (and, like
   * them, after `warmupRounds` untimed pairs).
   * @default 30
   */
  readonly pairs?: number;
}

export interface SynthModeResult {
  readonly mode: SynthMode;
  /** Wall clock. */
  readonly medianMs: number;
  readonly samplesMs: readonly number[];
  /** median(mode) / median(floor), wall clock. */
  readonly ratio: number;
  /** CPU time of the process (user + system). */
  readonly medianCpuMs: number;
  readonly samplesCpuMs: readonly number[];
  /** median(mode) / median(floor), CPU time: the number to read on a busy machine. */
  readonly cpuRatio: number;
  /** median(mode) / median(hand-written), wall clock and CPU time. */
  readonly handRatio: number;
  readonly handCpuRatio: number;
  /** Set when the synth threw (e.g. a rule reported an error on our own objects). */
  readonly error?: string;
}

/**
 * The issue-11 target, `ours` against `hand-written`, measured apart from the other modes: each
 * pair runs the two one right after the other, in alternating order (hand first, then ours first),
 * so both meet the same load on the machine and neither always runs second. Per-pair ratios are
 * what the verdict reads: the ratio of two medians taken over minutes mixes in every change of
 * load between them.
 */
export interface HandWrittenTarget {
  readonly pairs: number;
  /** Median of ours / hand-written within each pair: wall clock and CPU time. */
  readonly pairedRatio: number;
  readonly pairedCpuRatio: number;
  /** First and third quartiles of the per-pair wall-clock ratios: how much the pairs spread. */
  readonly pairedQuartiles: readonly [number, number];
  /** median(ours) / median(hand-written) over the same pairs, for comparison. */
  readonly ratioOfMedians: number;
  readonly handMedianMs: number;
  readonly oursMedianMs: number;
}

export interface SynthBenchResult {
  readonly services: number;
  readonly charts: number;
  readonly apiObjects: number;
  readonly rules: number;
  readonly rounds: number;
  readonly modes: readonly SynthModeResult[];
  /** Undefined when either synth failed in the rounds. */
  readonly target?: HandWrittenTarget;
  /** Warnings and infos the rules printed for our 500 services in one synth. */
  readonly warnings: number;
  /** ours and floor wrote byte-identical files: the floor really is the same objects. */
  readonly identicalOutput: boolean;
}

/** Set by LifecycleValidation.enable on the root; pre-setting it turns validation off. */
const VALIDATION_ENABLED = Symbol.for('cdk8s-lifecycle.validation');

const MODES: readonly SynthMode[] = ['floor', 'hand-written', 'ours', 'ours-no-rules', 'ours-no-validation'];

export function runSynthBench(options: SynthBenchOptions = {}): SynthBenchResult {
  const services = options.services ?? 500;
  const perChart = options.servicesPerChart ?? 50;
  const rounds = options.rounds ?? 9;
  const warmup = options.warmupRounds ?? 2;
  const pairs = options.pairs ?? 30;
  const charts = Math.ceil(services / perChart);
  const chartOf = (i: number) => `team-${Math.floor(i / perChart)}`;

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-lifecycle-bench-'));
  try {
    const floorJson = captureObjects(services, chartOf, path.join(tmp, 'capture'));
    const apiObjects = floorJson.reduce((n, c) => n + c.objects.length, 0);
    const handSpecs = handWrittenSpecs(floorJson, services);
    let warnings = 0;

    const synthOnce = (mode: SynthMode): void => {
      const app = new App({ outdir: path.join(tmp, mode) });
      if (mode === 'floor') {
        for (const chart of floorJson) {
          const scope = new Chart(app, chart.id);
          chart.objects.forEach((json, k) => new ApiObject(scope, `o${k}`, json as never));
        }
      } else if (mode === 'hand-written') {
        defineServices(app, services, chartOf, (chart, i) => defineHandWritten(chart, `svc-${i}`, handSpecs[i]));
      } else {
        configureValidation(app, mode, () => { warnings++; });
        defineServices(app, services, chartOf, defineOurs);
      }
      app.synth();
    };

    const samples = new Map<SynthMode, number[]>(MODES.map(m => [m, []]));
    const cpuSamples = new Map<SynthMode, number[]>(MODES.map(m => [m, []]));
    const errors = new Map<SynthMode, string>();
    for (let round = 0; round < warmup + rounds; round++) {
      // Rotate the order so no mode always runs right after the same other one.
      const order = MODES.map((_, k) => MODES[(k + round) % MODES.length]);
      for (const mode of order) {
        if (errors.has(mode)) continue;
        collectGarbage();
        warnings = 0;
        try {
          const { ms, cpuMs } = timed(() => synthOnce(mode));
          if (round >= warmup) {
            samples.get(mode)!.push(ms);
            cpuSamples.get(mode)!.push(cpuMs);
          }
        } catch (err) {
          errors.set(mode, firstLines(err instanceof Error ? err.message : String(err), 6));
        }
      }
    }
    const target = errors.has('ours') || errors.has('hand-written')
      ? undefined
      : measureTarget(pairs, warmup, mode => { collectGarbage(); return timed(() => synthOnce(mode)); });
    // One more synth of `ours` so the warning count is for exactly one synth.
    warnings = 0;
    if (!errors.has('ours')) synthOnce('ours');
    const ourWarnings = warnings;

    const floorMedian = median(samples.get('floor')!);
    const floorCpuMedian = median(cpuSamples.get('floor')!);
    const handMedian = median(samples.get('hand-written')!);
    const handCpuMedian = median(cpuSamples.get('hand-written')!);
    const modes = MODES.map((mode): SynthModeResult => {
      const s = samples.get(mode)!;
      const c = cpuSamples.get(mode)!;
      return {
        mode,
        medianMs: median(s),
        samplesMs: s,
        ratio: median(s) / floorMedian,
        medianCpuMs: median(c),
        samplesCpuMs: c,
        cpuRatio: median(c) / floorCpuMedian,
        handRatio: median(s) / handMedian,
        handCpuRatio: median(c) / handCpuMedian,
        ...(errors.has(mode) ? { error: errors.get(mode) } : {}),
      };
    });
    return {
      services,
      charts,
      apiObjects,
      rules: RULES.length,
      rounds,
      modes,
      target,
      warnings: ourWarnings,
      identicalOutput: sameFiles(path.join(tmp, 'floor'), path.join(tmp, errors.has('ours') ? 'ours-no-validation' : 'ours')),
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function measureTarget(pairs: number, warmup: number, synth: (mode: SynthMode) => { ms: number; cpuMs: number }): HandWrittenTarget {
  const wall = { 'hand-written': [] as number[], 'ours': [] as number[] };
  const cpu = { 'hand-written': [] as number[], 'ours': [] as number[] };
  for (let p = 0; p < warmup + pairs; p++) {
    const order = p % 2 === 0 ? ['hand-written', 'ours'] as const : ['ours', 'hand-written'] as const;
    for (const mode of order) {
      const { ms, cpuMs } = synth(mode);
      if (p < warmup) continue;
      wall[mode].push(ms);
      cpu[mode].push(cpuMs);
    }
  }
  const ratios = (of: typeof wall) => of.ours.map((x, k) => x / of['hand-written'][k]);
  const wallRatios = ratios(wall);
  return {
    pairs,
    pairedRatio: median(wallRatios),
    pairedCpuRatio: median(ratios(cpu)),
    pairedQuartiles: [quantile(wallRatios, 0.25), quantile(wallRatios, 0.75)],
    ratioOfMedians: median(wall.ours) / median(wall['hand-written']),
    handMedianMs: median(wall['hand-written']),
    oursMedianMs: median(wall.ours),
  };
}

/** Defines the i-th service of each chart with `define`. */
function defineServices(app: App, services: number, chartOf: (i: number) => string, define: (chart: Chart, i: number) => void): void {
  const charts = new Map<string, Chart>();
  for (let i = 0; i < services; i++) {
    const id = chartOf(i);
    let chart = charts.get(id);
    if (!chart) {
      chart = new Chart(app, id);
      charts.set(id, chart);
    }
    define(chart, i);
  }
}

function defineOurs(chart: Chart, i: number): void {
  new GracefulWebService(chart, `svc-${i}`, benchServiceProps(i));
}

/**
 * `ours`: every rule, warnings counted instead of printed (500 services would flood the
 * terminal). `ours-no-rules`: the validation walk, `toJson()` of every object and the copy that
 * cdk8s then writes (shared-shapes.ts), with no rule: the rules' own cost is `ours` against it.
 * `ours-no-validation`: nothing.
 */
function configureValidation(app: App, mode: SynthMode, onWarning: () => void): void {
  if (mode === 'ours') LifecycleValidation.enable(app, { onWarning });
  else if (mode === 'ours-no-rules') LifecycleValidation.enable(app, { rules: [] as Rule[], onWarning });
  else (app as unknown as Record<symbol, boolean>)[VALIDATION_ENABLED] = true;
}

/** The hand-written literals of each service, from what GracefulWebService rendered (untimed). */
function handWrittenSpecs(charts: readonly CapturedChart[], services: number): HandWrittenSpec[] {
  const byKindAndName = new Map<string, Record<string, any>>(); // eslint-disable-line @typescript-eslint/no-explicit-any
  for (const chart of charts) {
    for (const o of chart.objects as Array<Record<string, any>>) byKindAndName.set(`${o.kind}/${o.metadata.name}`, o); // eslint-disable-line @typescript-eslint/no-explicit-any
  }
  return Array.from({ length: services }, (_, i) => handWrittenSpec(byKindAndName.get(`Deployment/svc-${i}`)!, byKindAndName.get(`Service/svc-${i}`)!));
}

interface CapturedChart {
  readonly id: string;
  readonly objects: readonly unknown[];
}

/** Each chart's objects as JSON, in the order cdk8s writes them. */
function captureObjects(services: number, chartOf: (i: number) => string, outdir: string): CapturedChart[] {
  const app = new App({ outdir });
  configureValidation(app, 'ours-no-validation', () => undefined);
  defineServices(app, services, chartOf, defineOurs);
  // synth() first: it adds the dependencies that decide the order chart.toJson() returns.
  app.synth();
  return app.charts.map(chart => ({ id: chart.node.id, objects: chart.toJson() }));
}

function sameFiles(a: string, b: string): boolean {
  if (!fs.existsSync(a) || !fs.existsSync(b)) return false;
  const names = fs.readdirSync(a).sort();
  if (names.join('\n') !== fs.readdirSync(b).sort().join('\n')) return false;
  return names.every(n => fs.readFileSync(path.join(a, n)).equals(fs.readFileSync(path.join(b, n))));
}

function firstLines(text: string, n: number): string {
  const lines = text.split('\n');
  return lines.slice(0, n).join('\n') + (lines.length > n ? `\n  ... (${lines.length - n} more lines)` : '');
}
