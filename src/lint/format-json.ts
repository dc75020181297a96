/**
 * The machine format:
 *
 *     {
 *       "findings":   [{rule, severity, file, line, column, document, apiVersion, kind, name, namespace, path, message, fix}],
 *       "suppressed": [{...the same keys, suppression: {annotation, reason}}],
 *       "summary":    {errors, warnings, infos, suppressed, unreadable, objects, files}
 *     }
 *
 * Both lists are in the text format's order: by file (in the order given on the command line, a
 * directory's files sorted), then line, column, severity, rule and field path. Every key is always
 * present (null when unknown: the line of a file that does not exist, the kind of an unreadable
 * document), so consumers need no existence checks. Unreadable input is a finding of rule
 * `input/unreadable`.
 */
import type { LintReport, LocatedFinding, LocatedSuppressedFinding } from './lint-sources';

export interface JsonFinding {
  readonly rule: string;
  readonly severity: string;
  readonly file: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly document: number | null;
  readonly apiVersion: string | null;
  readonly kind: string | null;
  readonly name: string | null;
  readonly namespace: string | null;
  readonly path: string;
  readonly message: string;
  readonly fix: string;
}

export interface JsonSuppressedFinding extends JsonFinding {
  readonly suppression: { readonly annotation: string; readonly reason: string | null };
}

export interface JsonReport {
  readonly findings: JsonFinding[];
  readonly suppressed: JsonSuppressedFinding[];
  readonly summary: {
    readonly errors: number;
    readonly warnings: number;
    readonly infos: number;
    readonly suppressed: number;
    readonly unreadable: number;
    readonly objects: number;
    readonly files: number;
  };
}

export interface JsonOptions {
  /** Leave the suppressed findings out of the list (the summary still counts them). @default false */
  readonly omitSuppressed?: boolean;
}

export function formatJson(report: LintReport, options: JsonOptions = {}): string {
  const count = (severity: string) => report.findings.filter(f => f.severity === severity).length;
  const json: JsonReport = {
    findings: report.findings.map(toJson),
    suppressed: options.omitSuppressed ? [] : report.suppressed.map((f: LocatedSuppressedFinding) => ({
      ...toJson(f),
      suppression: { annotation: f.suppression.annotation, reason: f.suppression.reason ?? null },
    })),
    summary: {
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
      suppressed: report.suppressed.length,
      unreadable: report.unreadableCount,
      objects: report.objectCount,
      files: report.fileCount,
    },
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function toJson(f: LocatedFinding): JsonFinding {
  return {
    rule: f.rule,
    severity: f.severity,
    file: f.file,
    line: f.line ?? null,
    column: f.column ?? null,
    document: f.document ?? null,
    apiVersion: f.apiVersion ?? null,
    kind: f.kind ?? null,
    name: f.name ?? null,
    namespace: f.namespace ?? null,
    path: f.path,
    message: f.message,
    fix: f.fix,
  };
}
