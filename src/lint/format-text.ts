/**
 * The human format, ordered by file (in the order given), line and column; grep- and
 * editor-friendly (`file:line:` first), each finding with its fix:
 *
 *     deploy.yaml:13: error api-server/probe Deployment/web spec.template.spec.containers[0].livenessProbe: Required value: must specify a handler type
 *       fix: give exactly one of exec, httpGet, tcpSocket, grpc
 *     broken.yaml:5: error input/unreadable: cannot parse YAML: Map keys must be unique
 *         name: web
 *         ^
 *       fix: fix the YAML at this line (or the command that generated it); the file's other documents were linted
 *
 * and a summary line: the counts of what is shown, suppressed findings and unreadable inputs.
 */
import { SEVERITIES, isAtLeast, type Severity } from '../validation/finding';
import type { LintReport, LocatedFinding } from './lint-sources';

export function formatText(report: LintReport): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    const where = f.line === undefined ? f.file : `${f.file}:${f.line}`;
    const what = f.objectIndex < 0 ? '' : ` ${objectName(f)}${f.path ? ` ${f.path}` : ''}`;
    lines.push(`${where}: ${f.severity} ${f.rule}${what}: ${f.message}`);
    if (f.sourceLine !== undefined && f.column !== undefined) lines.push(...caret(f.sourceLine, f.column));
    lines.push(`  fix: ${f.fix}`);
  }
  lines.push(summary(report));
  return `${lines.join('\n')}\n`;
}

export function objectName(f: Pick<LocatedFinding, 'kind' | 'name'>): string {
  return `${f.kind ?? '<no kind>'}/${f.name ?? '<no name>'}`;
}

/** The offending line and a caret under the column; tabs kept so the caret lines up in a terminal. */
function caret(sourceLine: string, column: number): string[] {
  const pad = sourceLine.slice(0, column - 1).replace(/[^\t]/g, ' ');
  return [`    ${sourceLine}`, `    ${pad}^`];
}

/** `1 error, 2 warnings, 0 infos, 3 suppressed in 5 objects in 2 files; 1 input could not be read`. */
function summary(report: LintReport): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) counts[f.severity]++;
  const scope = `${plural(report.objectCount, 'object')} in ${plural(report.fileCount, 'file')}`;
  const unreadable = report.unreadableCount > 0
    ? `; ${plural(report.unreadableCount, 'input')} could not be read`
    : '';
  const suppressed = report.suppressed.length > 0 ? `, ${report.suppressed.length} suppressed` : '';
  if (report.findings.length === 0 && suppressed === '') return `no findings in ${scope}`;
  // Only the severities the run shows: `--min-severity error` prints no "0 warnings".
  const shown = SEVERITIES.filter(s => isAtLeast(s, report.minSeverity)).map(s => plural(counts[s], s === 'info' ? 'info' : s));
  return `${shown.join(', ')}${suppressed} in ${scope}${unreadable}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
