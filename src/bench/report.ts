/** The benchmark's text table. */
import type { LintBenchResult } from './lint-bench';
import type { RepoBenchResult } from './repo-bench';
import type { SynthBenchResult, SynthMode, SynthModeResult } from './synth-bench';

/** Targets from the issues. Issue 11: every rule on, against the same service hand-written in plain cdk8s-plus-28. */
export const SYNTH_HAND_WRITTEN_TARGET = 1.10;
export const LINT_OBJECTS_PER_SECOND_TARGET = 20000;
/** Issue 11: real-repository-shaped content, in one process. */
export const REPO_MB_PER_SECOND_TARGET = 20;
/** Issue 11: many small files against the same objects in one file. */
export const FILES_RATIO_TARGET = 1.5;

const SYNTH_LABELS: Record<SynthMode, string> = {
  'floor': 'floor: same objects as raw ApiObjects',
  'hand-written': 'hand-written: plain cdk8s-plus-28, no validation',
  'ours': 'GracefulWebService, every rule',
  'ours-no-rules': 'GracefulWebService, validation, no rule',
  'ours-no-validation': 'GracefulWebService, no validation',
};

const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} ms` : '-');
const rate = (n: number) => (Number.isFinite(n) ? `${Math.round(n).toLocaleString('en-US')}/s` : '-');

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
  return rows.map(r => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd()).join('\n');
}

export function formatSynth(r: SynthBenchResult): string {
  const rows = [['synth (app.synth() to a temp dir)', 'wall', '/hand', '/floor', 'cpu', '/hand', '/floor', 'wall samples']];
  for (const m of r.modes) {
    const failed = m.error !== undefined;
    const x = (n: number) => (failed ? '-' : `${n.toFixed(2)}x`);
    rows.push([
      SYNTH_LABELS[m.mode],
      failed ? 'FAILED' : ms(m.medianMs),
      x(m.handRatio),
      x(m.ratio),
      failed ? '-' : ms(m.medianCpuMs),
      x(m.handCpuRatio),
      x(m.cpuRatio),
      m.samplesMs.map(s => s.toFixed(0)).join(' '),
    ]);
  }
  const ours = r.modes.find(m => m.mode === 'ours')!;
  const lines = [
    `${r.services} GracefulWebServices in ${r.charts} charts = ${r.apiObjects} ApiObjects; ${r.rules} rules; median of ${r.rounds} rounds, modes alternating`,
    table(rows),
    targetLine(r.target),
    ours.error ? 'floor ratio: not measured' : `floor ratio (ours / the same objects as raw ApiObjects, rounds above): ${ours.ratio.toFixed(2)}x wall, ${ours.cpuRatio.toFixed(2)}x cpu`,
    ...validationShare(r),
    `floor output byte-identical to ours: ${r.identicalOutput ? 'yes' : 'NO'}; warnings per synth: ${r.warnings}`,
  ];
  for (const m of r.modes.filter(x => x.error)) lines.push(`${m.mode} failed:\n${m.error}`);
  return lines.join('\n');
}

function targetLine(t: SynthBenchResult['target']): string {
  const head = `target: ours / hand-written <= ${SYNTH_HAND_WRITTEN_TARGET} with every rule`;
  if (!t) return `${head}: not measured`;
  const verdict = (x: number) => (x <= SYNTH_HAND_WRITTEN_TARGET ? 'meets' : 'MISSES');
  return `${head}, median over ${t.pairs} adjacent pairs (order alternating): ${t.pairedRatio.toFixed(2)}x wall (${verdict(t.pairedRatio)} it), `
    + `${t.pairedCpuRatio.toFixed(2)}x cpu (${verdict(t.pairedCpuRatio)} it); middle half of the pairs ${t.pairedQuartiles[0].toFixed(2)}-${t.pairedQuartiles[1].toFixed(2)}x; `
    + `ratio of the medians ${t.ratioOfMedians.toFixed(2)}x (${ms(t.oursMedianMs)} / ${ms(t.handMedianMs)})`;
}

/**
 * What validation adds on top of the constructs alone, and the rules' part of it: validation also
 * hands cdk8s a copy of the JSON that its YAML writer reads faster (shared-shapes.ts), so the
 * rules' own cost is measured against validation without rules.
 */
function validationShare(r: SynthBenchResult): string[] {
  const mode = (m: SynthMode) => r.modes.find(x => x.mode === m && !x.error);
  const ours = mode('ours');
  const share = (label: string, base: SynthModeResult | undefined) => (ours && base
    ? [`${label} = ${(ours.medianMs / base.medianMs).toFixed(2)}x wall, ${(ours.medianCpuMs / base.medianCpuMs).toFixed(2)}x cpu `
      + `(${signedMs(ours.medianMs - base.medianMs)} for ${r.apiObjects} objects)`]
    : []);
  return [
    ...share('the rules\' own cost: every rule / validation without rules', mode('ours-no-rules')),
    ...share('validation as a whole: every rule / no validation', mode('ours-no-validation')),
  ];
}

function signedMs(n: number): string {
  return `${n >= 0 ? '+' : '-'}${Math.abs(n).toFixed(0)} ms`;
}

export function formatLint(r: LintBenchResult): string {
  const rows = [['lint', 'wall', 'objects/s', 'cpu', 'wall samples']];
  for (const s of r.stages) {
    rows.push([
      s.stage,
      s.skipped ? 'skipped' : ms(s.medianMs),
      s.skipped ? '-' : rate(s.objectsPerSecond),
      s.skipped || Number.isNaN(s.medianCpuMs) ? '-' : ms(s.medianCpuMs),
      s.skipped ?? s.samplesMs.map(x => x.toFixed(0)).join(' '),
    ]);
  }
  const meets = (stage: string) => {
    const s = r.stages.find(x => x.stage.startsWith(stage));
    if (!s || s.skipped) return `${stage}: not measured`;
    return `${stage} ${s.objectsPerSecond >= LINT_OBJECTS_PER_SECOND_TARGET ? 'meets' : 'MISSES'} it`;
  };
  const kinds = Object.entries(r.byKind).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${k} ${n}`).join(', ');
  const findings = ['error', 'warning', 'info'].map(s => `${r.findings[s] ?? 0} ${s}`).join(', ');
  return [
    `${r.objects} objects, ${(r.bytes / 1e6).toFixed(1)} MB of YAML (${kinds})`,
    `${r.rules} rules; findings: ${findings}`,
    table(rows),
    `target >= ${LINT_OBJECTS_PER_SECOND_TARGET.toLocaleString('en-US')} objects/s: ${meets('lint')}, ${meets('parse (yaml) + lint')}, ${meets('cli')}`,
    ...(r.cliExitCode === undefined ? [] : [`cli exit code: ${r.cliExitCode}`]),
    ...(r.slowestRules.length ? [`slowest rules: ${r.slowestRules.map(x => `${x.rule} ${x.ms.toFixed(0)} ms`).join(', ')}`] : []),
  ].join('\n');
}

export function formatRepo(r: RepoBenchResult): string {
  const mbs = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} MB/s` : '-');
  const rows = [['lint, real-repository-shaped corpus', 'wall', 'MB/s', 'objects/s', 'cpu', 'MB/cpu-s', 'wall samples']];
  for (const s of r.stages) {
    rows.push([
      s.stage,
      s.skipped ? 'skipped' : ms(s.medianMs),
      s.skipped ? '-' : mbs(s.mbPerSecond),
      s.skipped ? '-' : rate(s.objectsPerSecond),
      s.skipped || Number.isNaN(s.medianCpuMs) ? '-' : ms(s.medianCpuMs),
      s.skipped ? '-' : mbs(s.mbPerCpuSecond).replace('/s', '/cpu-s'),
      s.skipped ?? s.samplesMs.map(x => x.toFixed(0)).join(' '),
    ]);
  }
  const shapes = Object.entries(r.byShape).map(([k, n]) => `${k} ${n}`).join(', ');
  const cli = r.stages.slice(0, 2);
  const verdict = (ok: boolean) => (ok ? 'meets it' : 'MISSES it');
  const wallMeets = cli.every(s => s.mbPerSecond >= REPO_MB_PER_SECOND_TARGET);
  const cpuMeets = cli.every(s => s.mbPerCpuSecond >= REPO_MB_PER_SECOND_TARGET);
  return [
    `${r.files} files (${shapes}), ${r.objects} objects, ${(r.bytes / 1e6).toFixed(1)} MB; documents read by the block reader ${r.readers.block}, `
      + `JSON.parse ${r.readers.json}, the yaml package ${r.readers.yaml}; ${r.findings} findings`,
    table(rows),
    `target >= ${REPO_MB_PER_SECOND_TARGET} MB/s in one process (both cli rows): `
      + `${cli.some(s => s.skipped) ? 'not measured' : `wall ${verdict(wallMeets)}, cpu ${verdict(cpuMeets)}`}`,
    `many files / one file: ${r.filesRatio.toFixed(2)}x wall, ${r.filesCpuRatio.toFixed(2)}x cpu (target <= ${FILES_RATIO_TARGET}x: `
      + `${r.filesRatio <= FILES_RATIO_TARGET ? 'meets' : 'MISSES'} it); same findings both ways: ${r.sameFindings ? 'yes' : 'NO'}`,
  ].join('\n');
}
