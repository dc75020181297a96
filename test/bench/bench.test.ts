/**
 * The benchmark measures what it says: the floor synthesizes byte-identical files from the very
 * same objects, our services are warning-free, and every lint stage runs (the CLI exits 1 on the
 * corpus's deliberate errors). No timing is asserted. Run from lib/, as `npm run bench` does, so
 * the CLI stages find lib/cli.js next to them (`npm test` builds first).
 */
import type { LintBenchResult } from '../../src/bench/lint-bench';
import type { RepoBenchResult } from '../../src/bench/repo-bench';
import type { SynthBenchResult } from '../../src/bench/synth-bench';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runSynthBench } = require('../../lib/bench/synth-bench') as { runSynthBench: (o: object) => SynthBenchResult };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { median, quantile } = require('../../lib/bench/stats') as typeof import('../../src/bench/stats');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runLintBench } = require('../../lib/bench/lint-bench') as { runLintBench: (o: object) => Promise<LintBenchResult> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runRepoBench } = require('../../lib/bench/repo-bench') as { runRepoBench: (o: object) => Promise<RepoBenchResult> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateRepoCorpus } = require('../../lib/bench/repo-corpus') as typeof import('../../src/bench/repo-corpus');

describe('npm run bench', () => {
  it('synthesizes the floor and our services to the same files, without warnings', () => {
    const r = runSynthBench({ services: 12, servicesPerChart: 5, rounds: 1, warmupRounds: 0, pairs: 3 });
    expect(r.charts).toBe(3);
    expect(r.apiObjects).toBe(36);
    expect(r.identicalOutput).toBe(true);
    expect(r.warnings).toBe(0);
    expect(r.modes.map(m => m.mode).sort()).toEqual(['floor', 'hand-written', 'ours', 'ours-no-rules', 'ours-no-validation']);
    for (const m of r.modes) {
      expect(m.error).toBeUndefined();
      expect(m.medianMs).toBeGreaterThan(0);
      expect(m.handRatio).toBeGreaterThan(0);
    }
    expect(r.modes.find(m => m.mode === 'hand-written')!.handRatio).toBe(1);
    // The target's own pairs, apart from the rounds.
    const t = r.target!;
    expect(t.pairs).toBe(3);
    for (const x of [t.pairedRatio, t.pairedCpuRatio, t.ratioOfMedians, t.handMedianMs, t.oursMedianMs]) expect(x).toBeGreaterThan(0);
    expect(t.pairedQuartiles[0]).toBeLessThanOrEqual(t.pairedRatio);
    expect(t.pairedRatio).toBeLessThanOrEqual(t.pairedQuartiles[1]);
  });

  it('takes quantiles between samples, the median as the middle one or the mean of the two', () => {
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50], 0.25)).toBe(20);
    expect(quantile([1, 2], 0.25)).toBe(1.25);
    expect(quantile([7], 0.75)).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('runs every lint stage, the CLI in-process and as a process of its own', async () => {
    const r = await runLintBench({ objects: 60, rounds: 1, warmupRounds: 0 });
    expect(r.objects).toBe(60);
    expect(r.cliExitCode).toBe(1);
    expect(r.findings.error).toBeGreaterThan(0);
    expect(r.stages.map(s => s.stage)).toEqual(expect.arrayContaining(['lint (all rules)', 'cli lint --format json']));
    expect(r.stages.some(s => s.stage.startsWith('cli process, cold'))).toBe(true);
    for (const s of r.stages) {
      expect({ stage: s.stage, skipped: s.skipped }).toEqual({ stage: s.stage, skipped: undefined });
      expect(s.objectsPerSecond).toBeGreaterThan(0);
    }
  }, 60_000);

  it('lints the real-repository-shaped corpus as a tree of files and as one file, with the same objects and findings', async () => {
    const corpus = generateRepoCorpus({ repos: 1 });
    const r = await runRepoBench({ repos: 1, rounds: 1, warmupRounds: 0 });
    expect(r.files).toBe(corpus.files.length);
    // Every generated object is read (List items one by one), from the tree and from the one file alike.
    expect(r.objects).toBe(corpus.objects);
    expect(r.sameFindings).toBe(true);
    // The yaml package reads only the documents with anchors.
    expect(r.readers.yaml).toBe(corpus.files.reduce((n, f) => n + (f.text.match(/ &\w+ /g) ?? []).length, 0));
    expect(r.readers.block).toBeGreaterThan(r.readers.json);
    for (const s of r.stages) {
      expect({ stage: s.stage, skipped: s.skipped }).toEqual({ stage: s.stage, skipped: undefined });
      expect(s.mbPerSecond).toBeGreaterThan(0);
      expect(s.objectsPerSecond).toBeGreaterThan(0);
    }
    expect(r.filesRatio).toBeGreaterThan(0);
  }, 120_000);
});
