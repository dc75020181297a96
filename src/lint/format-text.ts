/**
 * The human format, one finding per group, grep- and editor-friendly (`file:line:` first):
 *
 *     deploy.yaml:14: error api-server/probe-handler Deployment/web spec.template.spec.containers[0].livenessProbe: must specify a handler type
 *       fix: set exactly one of exec, httpGet, tcpSocket or grpc
 *
 * and a summary line.
 */
import type { Severity } from '../validation/finding';
import type { LintReport, LocatedFinding } from './lint-sources';

export function formatText(report: LintReport): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    lines.push(`${f.file}:${f.line}: ${f.severity} ${f.rule} ${objectName(f)}${f.path ? ` ${f.path}` : ''}: ${f.message}`);
    lines.push(`  fix: ${f.fix}`);
  }
  lines.push(summary(report));
  return `${lines.join('\n')}\n`;
}

export function objectName(f: Pick<LocatedFinding, 'kind' | 'name'>): string {
  return `${f.kind ?? '<no kind>'}/${f.name ?? '<no name>'}`;
}

function summary(report: LintReport): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) counts[f.severity]++;
  const scope = `${plural(report.objectCount, 'object')} in ${plural(report.fileCount, 'file')}`;
  if (report.findings.length === 0) return `no findings in ${scope}`;
  return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'info')} in ${scope}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
