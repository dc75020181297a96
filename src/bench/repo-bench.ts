/**
 * Lint throughput on content shaped like real repositories (repo-corpus.ts): the CLI in-process
 * on the corpus as a tree of many files and on the same files concatenated into one, alternating,
 * in MB/s and objects/s; then the reading and the rules timed apart on the one file, and the CLI
 * once as a cold process of its own.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintObjects } from '../validation/engine';
import { loadObjects, type ReaderStats } from '../lint/load-objects';
import { loadCliMain, runColdCli } from './cli-run';
import { generateRepoCorpus, type CorpusFile } from './repo-corpus';
import { collectGarbage, median, timed } from './stats';

export interface RepoBenchOptions {
  /** Repository-like groups of files (12: about 1,000 files, 2,000 objects, 30 MB). @default 12 */
  readonly repos?: number;
  /** Timed rounds; each lints the tree and the one file once, in alternating order. @default 5 */
  readonly rounds?: number;
  /** @default 2 */
  readonly warmupRounds?: number;
}

export interface RepoStage {
  readonly stage: string;
  readonly medianMs: number;
  readonly samplesMs: readonly number[];
  readonly medianCpuMs: number;
  /** MB (10^6 bytes) of the corpus per second of wall clock, and per second of CPU time (steadier on a busy machine). */
  readonly mbPerSecond: number;
  readonly mbPerCpuSecond: number;
  readonly objectsPerSecond: number;
  readonly skipped?: string;
}

export interface RepoBenchResult {
  readonly files: number;
  readonly objects: number;
  readonly bytes: number;
  readonly byShape: Readonly<Record<string, number>>;
  /** Documents of the one file by reader: nearly all should be `block` or `json`. */
  readonly readers: Readonly<ReaderStats>;
  readonly findings: number;
  readonly stages: readonly RepoStage[];
  /** median(tree) / median(one file), wall clock and CPU: the cost of many small files. */
  readonly filesRatio: number;
  readonly filesCpuRatio: number;
  /** Both inputs gave the same findings (files aside): they really hold the same objects. */
  readonly sameFindings: boolean;
}

export async function runRepoBench(options: RepoBenchOptions = {}): Promise<RepoBenchResult> {
  const rounds = options.rounds ?? 5;
  const warmup = options.warmupRounds ?? 2;
  const corpus = generateRepoCorpus({ repos: options.repos });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-lifecycle-repo-bench-'));
  const tree = path.join(tmp, 'repos');
  const single = path.join(tmp, 'all.yaml');
  try {
    for (const f of corpus.files) {
      const file = path.join(tree, f.path);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, f.text);
    }
    const oneText = concatenate(corpus.files);
    fs.writeFileSync(single, oneText);
    const bytes = Buffer.byteLength(oneText);
    // Counted before the timed runs, and not kept: retained objects would slow every GC in them.
    const readers: ReaderStats = { block: 0, json: 0, yaml: 0 };
    const objects = loadObjects({ file: single, text: oneText }, { stats: readers }).length;

    const loaded = loadCliMain();
    const cli = 'skipped' in loaded ? undefined : loaded;
    const runs = new Map<string, { wall: number[]; cpu: number[]; output: string }>([['tree', { wall: [], cpu: [], output: '' }], ['one', { wall: [], cpu: [], output: '' }]]);
    if (cli) {
      for (let round = 0; round < warmup + rounds; round++) {
        const order = round % 2 === 0 ? ['tree', 'one'] : ['one', 'tree'];
        for (const which of order) {
          const run = runs.get(which)!;
          let output = '';
          const io = { stdout: { write: (t: string) => { output += t; return true; } }, stderr: { write: () => true }, stdin: process.stdin };
          collectGarbage();
          const cpu = process.cpuUsage();
          const start = process.hrtime.bigint();
          await cli(['lint', '--format', 'json', which === 'tree' ? tree : single], io);
          const ms = Number(process.hrtime.bigint() - start) / 1e6;
          const used = process.cpuUsage(cpu);
          if (round >= warmup) {
            run.wall.push(ms);
            run.cpu.push((used.user + used.system) / 1000);
          }
          run.output = output;
        }
      }
    }
    const stage = (name: string, wall: number[], cpu: number[], skipped?: string): RepoStage => {
      const m = median(wall);
      const c = median(cpu);
      return {
        stage: name, medianMs: m, samplesMs: wall, medianCpuMs: c,
        mbPerSecond: bytes / 1e6 / (m / 1000), mbPerCpuSecond: bytes / 1e6 / (c / 1000), objectsPerSecond: objects / (m / 1000),
        ...(skipped ? { skipped } : {}),
      };
    };
    const treeRun = runs.get('tree')!;
    const oneRun = runs.get('one')!;
    const noCli = 'skipped' in loaded ? loaded.skipped : undefined;
    const stages: RepoStage[] = [
      stage(`cli lint --format json DIR (${corpus.files.length} files)`, treeRun.wall, treeRun.cpu, noCli),
      stage('cli lint --format json FILE (the same, concatenated)', oneRun.wall, oneRun.cpu, noCli),
    ];

    // Reading and rules apart, on the one file.
    const values = loadObjects({ file: single, text: oneText }).map(o => o.object);
    const read = { wall: [] as number[], cpu: [] as number[] };
    const lint = { wall: [] as number[], cpu: [] as number[] };
    for (let round = 0; round < warmup + rounds; round++) {
      collectGarbage();
      const r = timed(() => loadObjects({ file: single, text: oneText }));
      collectGarbage();
      const l = timed(() => lintObjects(values));
      if (round >= warmup) {
        read.wall.push(r.ms);
        read.cpu.push(r.cpuMs);
        lint.wall.push(l.ms);
        lint.cpu.push(l.cpuMs);
      }
    }
    stages.push(stage('read (loadObjects, the one file)', read.wall, read.cpu), stage('lint (all rules)', lint.wall, lint.cpu));
    stages.push(coldStage(tree, bytes, objects));

    return {
      files: corpus.files.length,
      objects,
      bytes,
      byShape: corpus.byShape,
      readers,
      findings: lintObjects(values).length,
      stages,
      filesRatio: median(treeRun.wall) / median(oneRun.wall),
      filesCpuRatio: median(treeRun.cpu) / median(oneRun.cpu),
      sameFindings: cli !== undefined && sameFindings(treeRun.output, oneRun.output),
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The files as one multi-document stream, as `cat` and `---` between them would make it. */
function concatenate(files: readonly CorpusFile[]): string {
  return files.map(f => (f.text.endsWith('\n') ? f.text : `${f.text}\n`)).join('---\n');
}

/** Both JSON reports hold the same findings, by rule, object and path (files and lines differ). */
function sameFindings(a: string, b: string): boolean {
  const key = (text: string) => {
    const report = JSON.parse(text) as { findings: Array<Record<string, unknown>> };
    return report.findings.map(f => `${f.rule} ${f.kind} ${f.namespace} ${f.name} ${f.path}`).sort().join('\n');
  };
  try {
    return key(a) === key(b) && a.length > 0;
  } catch {
    return false;
  }
}

/** `node lib/cli.js lint DIR` as a process of its own, once: node's start-up and the JIT's warm-up included. */
function coldStage(dir: string, bytes: number, objects: number): RepoStage {
  const name = 'cli process, cold, DIR (node start-up and JIT warm-up included)';
  const run = runColdCli(dir);
  if ('skipped' in run) {
    return { stage: name, medianMs: NaN, samplesMs: [], medianCpuMs: NaN, mbPerSecond: NaN, mbPerCpuSecond: NaN, objectsPerSecond: NaN, skipped: run.skipped };
  }
  return { stage: name, medianMs: run.ms, samplesMs: [run.ms], medianCpuMs: NaN, mbPerSecond: bytes / 1e6 / (run.ms / 1000), mbPerCpuSecond: NaN, objectsPerSecond: objects / (run.ms / 1000) };
}
