/**
 * Lint throughput on a generated 10,000-object file: the CLI end to end (read, parse, lint, JSON
 * report), in-process once warm and once as a cold process of its own; then YAML parsing and the
 * rules timed apart, so the hot part is visible.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { lintObjects } from '../validation/engine';
import { RULES } from '../validation/registry';
import type { KubeObject } from '../validation/rule';
import { loadCliMain, runColdCli, type CliIo } from './cli-run';
import { generateLintCorpus } from './lint-corpus';
import { collectGarbage, median, timed } from './stats';

export interface LintBenchOptions {
  /** @default 10000 */
  readonly objects?: number;
  /** Timed rounds of each measurement. @default 5 */
  readonly rounds?: number;
  /** @default 1 */
  readonly warmupRounds?: number;
}

export interface LintStage {
  /** `parse (yaml)`, `parse (js-yaml)`, `lint`, `parse (yaml) + lint`, `cli` */
  readonly stage: string;
  readonly medianMs: number;
  readonly samplesMs: readonly number[];
  readonly medianCpuMs: number;
  readonly objectsPerSecond: number;
  /** Why the stage was not measured (e.g. no CLI yet). */
  readonly skipped?: string;
}

export interface LintBenchResult {
  readonly objects: number;
  readonly bytes: number;
  readonly byKind: Readonly<Record<string, number>>;
  readonly rules: number;
  readonly findings: Readonly<Record<string, number>>;
  readonly stages: readonly LintStage[];
  /** CLI exit code on the corpus (1: it has error findings, as it should). */
  readonly cliExitCode?: number;
  /** Rules by total time, slowest first: where lint time goes. */
  readonly slowestRules: ReadonlyArray<{ readonly rule: string; readonly ms: number }>;
}

interface Samples {
  readonly wall: number[];
  readonly cpu: number[];
}

export async function runLintBench(options: LintBenchOptions = {}): Promise<LintBenchResult> {
  const count = options.objects ?? 10000;
  const rounds = options.rounds ?? 5;
  const warmup = options.warmupRounds ?? 1;
  const corpus = generateLintCorpus(count);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-lifecycle-lint-bench-'));
  const file = path.join(tmp, 'manifests.yaml');
  fs.writeFileSync(file, corpus.yaml);
  try {
    // The CLI first, on a heap that holds only the corpus text: what a `cdk8s-lifecycle lint` process
    // has. Measured after the parse stages, it ran beside their 10,000 retained objects and paid
    // for them in every major GC (about a quarter of its time).
    const cli = await cliStage(file, count, rounds, warmup);
    const cold = coldCliStage(file, count);

    // The `yaml` package (the project's parser) takes seconds here: fewer rounds keep the run short.
    const parseRounds = Math.min(rounds, 2);
    const toObjects = () => parseAllDocuments(corpus.yaml).map(d => d.toJS() as KubeObject);
    const objects = toObjects();
    // No warm-up for a stage of seconds: the JIT has long settled by the end of the first run.
    const parse = sample(parseRounds, 0, toObjects);
    const lint = sample(rounds, warmup, () => lintObjects(objects));

    const findings: Record<string, number> = {};
    for (const f of lintObjects(objects)) findings[f.severity] = (findings[f.severity] ?? 0) + 1;

    const stages: LintStage[] = [stage('parse (yaml)', parse, count)];
    const cliLoader = optionalCliLoader();
    if (cliLoader) {
      stages.push(stage('parse (the CLI\'s loadObjects)', sample(rounds, warmup, () => cliLoader({ file, text: corpus.yaml })), count));
    }
    const jsYaml = optionalJsYaml();
    if (jsYaml) stages.push(stage(`parse (js-yaml ${jsYaml.version}, for comparison)`, sample(rounds, warmup, () => jsYaml.loadAll(corpus.yaml)), count));
    stages.push(stage('lint (all rules)', lint, count));
    stages.push(stage('parse (yaml) + lint', { wall: [median(parse.wall) + median(lint.wall)], cpu: [median(parse.cpu) + median(lint.cpu)] }, count));
    stages.push(cli.stage, cold);

    return {
      objects: count,
      bytes: Buffer.byteLength(corpus.yaml),
      byKind: corpus.byKind,
      rules: RULES.length,
      findings,
      stages,
      ...(cli.exitCode === undefined ? {} : { cliExitCode: cli.exitCode }),
      slowestRules: ruleTimes(objects).slice(0, 5),
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function sample(rounds: number, warmup: number, fn: () => unknown): Samples {
  const out: Samples = { wall: [], cpu: [] };
  for (let i = 0; i < warmup + rounds; i++) {
    collectGarbage();
    const { ms, cpuMs } = timed(fn);
    if (i >= warmup) {
      out.wall.push(ms);
      out.cpu.push(cpuMs);
    }
  }
  return out;
}

function stage(name: string, samples: Samples, objects: number): LintStage {
  const m = median(samples.wall);
  return { stage: name, medianMs: m, samplesMs: samples.wall, medianCpuMs: median(samples.cpu), objectsPerSecond: objects / (m / 1000) };
}

/** The CLI's own reader (lib/lint/load-objects.js), when built: its parse time apart from the rules'. */
function optionalCliLoader(): ((source: { file: string; text: string }) => unknown) | undefined {
  const loaderPath = path.join(__dirname, '..', 'lint', 'load-objects.js');
  if (!fs.existsSync(loaderPath)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loadObjects = (require(loaderPath) as { loadObjects?: unknown }).loadObjects;
  return typeof loadObjects === 'function' ? loadObjects as (source: { file: string; text: string }) => unknown : undefined;
}

/** js-yaml, when some package brought it along: only to show what a faster parser would give. */
function optionalJsYaml(): { version: string; loadAll(text: string): unknown } | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('js-yaml') as { loadAll(text: string): unknown };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const version = (require('js-yaml/package.json') as { version: string }).version;
    return { version, loadAll: text => mod.loadAll(text) };
  } catch {
    return undefined;
  }
}

/** The CLI in-process, if it is built: lib/cli.js next to lib/bench/. */
async function cliStage(file: string, objects: number, rounds: number, warmup: number): Promise<{ stage: LintStage; exitCode?: number }> {
  const skipped = (why: string) => ({ stage: { stage: 'cli lint --format json', medianMs: NaN, samplesMs: [], medianCpuMs: NaN, objectsPerSecond: NaN, skipped: why } });
  const main = loadCliMain();
  if ('skipped' in main) return skipped(main.skipped);
  let exitCode: number | undefined;
  const samples: Samples = { wall: [], cpu: [] };
  // Two warm-up runs at least: the parser and the rules are optimized over the first run or two.
  const warmupRounds = Math.max(warmup, 2);
  for (let i = 0; i < warmupRounds + rounds; i++) {
    let bytes = 0;
    const io: CliIo = {
      stdout: { write: (text: string) => { bytes += text.length; return true; } },
      stderr: { write: () => true },
      stdin: process.stdin,
    };
    collectGarbage();
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    try {
      exitCode = await main(['lint', '--format', 'json', file], io);
    } catch (err) {
      return skipped(`main threw: ${err instanceof Error ? err.message : String(err)}`);
    }
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const used = process.cpuUsage(cpu);
    if (i >= warmupRounds) {
      samples.wall.push(ms);
      samples.cpu.push((used.user + used.system) / 1000);
    }
    if (bytes === 0) return skipped(`main wrote nothing to io.stdout (exit ${exitCode})`);
  }
  return { stage: stage('cli lint --format json', samples, objects), exitCode };
}

/**
 * `node lib/cli.js lint --format json FILE` as its own process, once: what a user waits for,
 * node's start-up, module loading and the JIT's warm-up included. Reported beside the in-process
 * stage; the target is a throughput, which that stage measures once the code is optimized.
 */
function coldCliStage(file: string, objects: number): LintStage {
  const name = 'cli process, cold (node start-up and JIT warm-up included)';
  const run = runColdCli(file);
  if ('skipped' in run) return { stage: name, medianMs: NaN, samplesMs: [], medianCpuMs: NaN, objectsPerSecond: NaN, skipped: run.skipped };
  return { stage: name, medianMs: run.ms, samplesMs: [run.ms], medianCpuMs: NaN, objectsPerSecond: objects / (run.ms / 1000) };
}

/** Each rule's time over the whole corpus (one pass, rule by rule, no engine). */
function ruleTimes(objects: readonly KubeObject[]): Array<{ rule: string; ms: number }> {
  const context = { objects, k8sVersion: '1.28' };
  return RULES.map(rule => {
    const { ms } = timed(() => {
      for (const o of objects) {
        try { rule.check(o, context); } catch { /* the engine reports crashes; here only time counts */ }
      }
    });
    return { rule: rule.id, ms };
  }).sort((a, b) => b.ms - a.ms);
}
