/** The benchmark's text table. */
import type { LintBenchResult } from './lint-bench';
import type { SynthBenchResult, SynthMode } from './synth-bench';

/** Targets from the issues. */
export const SYNTH_RATIO_TARGET = 1.25;
export const LINT_OBJECTS_PER_SECOND_TARGET = 20000;

const SYNTH_LABELS: Record<SynthMode, string> = {
  'floor': 'floor: same objects as raw ApiObjects',
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
  const rows = [['synth (app.synth() to a temp dir)', 'wall', 'ratio', 'cpu', 'ratio', 'wall samples']];
  for (const m of r.modes) {
    const failed = m.error !== undefined;
    rows.push([
      SYNTH_LABELS[m.mode],
      failed ? 'FAILED' : ms(m.medianMs),
      failed ? '-' : `${m.ratio.toFixed(2)}x`,
      failed ? '-' : ms(m.medianCpuMs),
      failed ? '-' : `${m.cpuRatio.toFixed(2)}x`,
      m.samplesMs.map(s => s.toFixed(0)).join(' '),
    ]);
  }
  const ours = r.modes.find(m => m.mode === 'ours')!;
  const verdict = (x: number) => (x <= SYNTH_RATIO_TARGET ? 'meets' : 'MISSES');
  const lines = [
    `${r.services} GracefulWebServices in ${r.charts} charts = ${r.apiObjects} ApiObjects; ${r.rules} rules; median of ${r.rounds} rounds`,
    table(rows),
    ours.error
      ? `target: ours / floor <= ${SYNTH_RATIO_TARGET} with every rule: not measured`
      : `target: ours / floor <= ${SYNTH_RATIO_TARGET} with every rule: cpu ${verdict(ours.cpuRatio)} it, wall ${verdict(ours.ratio)} it`,
    ...validationShare(r),
    `floor output byte-identical to ours: ${r.identicalOutput ? 'yes' : 'NO'}; warnings per synth: ${r.warnings}`,
  ];
  for (const m of r.modes.filter(x => x.error)) lines.push(`${m.mode} failed:\n${m.error}`);
  return lines.join('\n');
}

/** What the rules add on top of the constructs alone: the part of the ratio validation owns. */
function validationShare(r: SynthBenchResult): string[] {
  const ours = r.modes.find(m => m.mode === 'ours');
  const bare = r.modes.find(m => m.mode === 'ours-no-validation');
  if (!ours || !bare || ours.error || bare.error) return [];
  return [`validation's own cost: every rule / no validation = ${(ours.medianMs / bare.medianMs).toFixed(2)}x wall, `
    + `${(ours.medianCpuMs / bare.medianCpuMs).toFixed(2)}x cpu (+${(ours.medianMs - bare.medianMs).toFixed(0)} ms for ${r.apiObjects} objects)`];
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
