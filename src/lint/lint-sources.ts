/**
 * Lints the objects of several files together (cross-object rules, such as a Service selecting a
 * workload's pods, see every file) and ties each finding back to its file and line. Input that
 * could not be read becomes `input/unreadable` findings in the same report, so one bad file never
 * hides the findings of the others.
 */
import { INPUT_UNREADABLE } from '../validation/engine-rules';
import { runRules } from '../validation/engine';
import { compareSeverity, isAtLeast, type Finding, type Severity, type Suppression } from '../validation/finding';
import { RULES } from '../validation/registry';
import type { Rule } from '../validation/rule';
import type { InputError } from './input-error';
import type { K8sVersionSetting } from './k8s-version';
import { loadReadableObjects, type LoadedObject, type SourceText } from './load-objects';

/** A finding with the file and line it points at. */
export interface LocatedFinding extends Finding {
  readonly file: string;
  /** 1-based index of the YAML document in the file; undefined when the whole file is concerned. */
  readonly document: number | undefined;
  /** 1-based; undefined for an input that has no lines (a path that does not exist). */
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** For unreadable input: the offending line of the file, shown with a caret in text output. */
  readonly sourceLine?: string;
}

export interface LocatedSuppressedFinding extends LocatedFinding {
  readonly suppression: Suppression;
}

export interface LintReport {
  /** What the report shows, in report order: by file (in the order given), line, column. */
  readonly findings: readonly LocatedFinding[];
  /** Findings ignore annotations suppressed (at or above the minimum severity), in the same order. */
  readonly suppressed: readonly LocatedSuppressedFinding[];
  readonly objectCount: number;
  readonly fileCount: number;
  /** How many inputs (files or documents) could not be read: each is an `input/unreadable` finding. */
  readonly unreadableCount: number;
  /** Findings below it are left out of `findings` and `suppressed`. */
  readonly minSeverity: Severity;
}

export interface LintSourcesOptions {
  /** @default '1.28' */
  readonly k8sVersion?: string;
  /** Where the version was chosen, for advice such as "pass --k8s-version 1.30". @default 'api' */
  readonly k8sVersionSetting?: K8sVersionSetting;
  /** @default - every rule of the registry */
  readonly rules?: readonly Rule[];
  /** Ids of rules (or of disableable engine findings) to leave out; checked by the caller. @default - none */
  readonly disable?: readonly string[];
  /** @default 'info' (everything) */
  readonly minSeverity?: Severity;
  /** Inputs that could not be read, reported as `input/unreadable` findings. @default - none */
  readonly inputErrors?: readonly InputError[];
  /** The order files are reported in. @default - the order they first appear in */
  readonly files?: readonly string[];
}

/** Parses every source: the objects of every readable document, and an InputError for each unreadable one. */
export function loadAll(sources: readonly SourceText[]): { objects: LoadedObject[]; errors: InputError[] } {
  const objects: LoadedObject[] = [];
  const errors: InputError[] = [];
  for (const source of sources) {
    const loaded = loadReadableObjects(source);
    for (const o of loaded.objects) objects.push(o);
    errors.push(...loaded.errors);
  }
  return { objects, errors };
}

export function lintLoaded(objects: readonly LoadedObject[], fileCount: number, options: LintSourcesOptions = {}): LintReport {
  const disabled = new Set(options.disable ?? []);
  const rules = (options.rules ?? RULES).filter(r => !disabled.has(r.id));
  const { findings, suppressed } = runRules(objects.map(o => o.object), { k8sVersion: options.k8sVersion, k8sVersionSetting: options.k8sVersionSetting, rules });
  const minSeverity = options.minSeverity ?? 'info';
  const keep = (f: Finding) => isAtLeast(f.severity, minSeverity) && !disabled.has(f.rule);
  const locate = (f: Finding): LocatedFinding => {
    const source = objects[f.objectIndex];
    const position = source.locate(f.path);
    // Not `{ ...f, file, ... }`: Node 20's V8 adds properties after a spread through a slow path (~2.5 µs a finding).
    return Object.assign({}, f, { file: source.file, document: source.document, line: position.line, column: position.column });
  };
  const inputFindings = (options.inputErrors ?? []).map(inputFinding);
  const compare = reportOrder(options.files ?? [...objects.map(o => o.file), ...inputFindings.map(f => f.file)]);
  return {
    findings: [...inputFindings, ...findings.filter(keep).map(locate)].sort(compare),
    suppressed: suppressed.filter(keep).map(f => locate(f) as LocatedSuppressedFinding).sort(compare),
    objectCount: objects.length,
    fileCount,
    unreadableCount: inputFindings.length,
    minSeverity,
  };
}

/** An unreadable input as a finding of its own, in every format. */
export function inputFinding(error: InputError): LocatedFinding {
  return {
    objectIndex: -1,
    rule: INPUT_UNREADABLE,
    severity: 'error',
    path: '',
    message: error.reason,
    fix: error.position
      ? 'fix the YAML at this line (or the command that generated it); the file\'s other documents were linted'
      : 'check the path and that the file is readable; the other files were linted',
    file: error.file,
    document: error.document,
    line: error.position?.line,
    column: error.position?.column,
    ...(error.sourceLine !== undefined ? { sourceLine: error.sourceLine } : {}),
  };
}

/**
 * By file in the given order, then line and column (a finding about a whole file first), then
 * severity, rule, field path and message; the sort is stable, so the order is the same every run.
 */
function reportOrder(files: readonly string[]): (a: LocatedFinding, b: LocatedFinding) => number {
  const rank = new Map<string, number>();
  for (const f of files) if (!rank.has(f)) rank.set(f, rank.size);
  const fileRank = (f: LocatedFinding) => rank.get(f.file) ?? rank.size;
  return (a, b) => fileRank(a) - fileRank(b)
    || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)
    || (a.line ?? 0) - (b.line ?? 0)
    || (a.column ?? 0) - (b.column ?? 0)
    || compareSeverity(a.severity, b.severity)
    || compareStrings(a.rule, b.rule)
    || compareStrings(a.path, b.path)
    || compareStrings(a.message, b.message);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
