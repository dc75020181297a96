/**
 * The machine format: `{"findings": [{rule, severity, file, kind, name, path, message, ...}]}`.
 * Every key is always present (null when unknown), so consumers need no existence checks.
 */
import type { LintReport } from './lint-sources';

export interface JsonFinding {
  readonly rule: string;
  readonly severity: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly document: number;
  readonly apiVersion: string | null;
  readonly kind: string | null;
  readonly name: string | null;
  readonly namespace: string | null;
  readonly path: string;
  readonly message: string;
  readonly fix: string;
}

export function formatJson(report: LintReport): string {
  const findings: JsonFinding[] = report.findings.map(f => ({
    rule: f.rule,
    severity: f.severity,
    file: f.file,
    line: f.line,
    column: f.column,
    document: f.document,
    apiVersion: f.apiVersion ?? null,
    kind: f.kind ?? null,
    name: f.name ?? null,
    namespace: f.namespace ?? null,
    path: f.path,
    message: f.message,
    fix: f.fix,
  }));
  return `${JSON.stringify({ findings }, null, 2)}\n`;
}
