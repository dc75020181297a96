/** What a rule reports, and where. */

export type Severity = 'error' | 'warning' | 'info';

/** Every severity, most severe first. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** One violation found by a rule, before the engine stamps it with the rule and object. */
export interface Violation {
  /** Field path from the object root in Kubernetes' notation: `spec.template.spec.containers[0].lifecycle.preStop.exec.command`. */
  readonly path: string;
  /** What is wrong, with the offending value. */
  readonly message: string;
  /** What to change; falls back to the rule's fix. */
  readonly fix?: string;
  /**
   * Lower than the rule's severity when this violation rests on an assumption (e.g. no Service
   * in the set, so one is assumed); falls back to the rule's. Never higher than the rule's.
   */
  readonly severity?: Severity;
}

/** A violation tied to its rule and object. */
export interface Finding extends Violation {
  readonly rule: string;
  readonly severity: Severity;
  readonly fix: string;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  /** Index of the object in the list that was linted; -1 for a finding about the input itself (an unreadable file). */
  readonly objectIndex: number;
}

/** Why a finding is not reported: the object's ignore annotation names its rule. */
export interface Suppression {
  /** The annotation that suppressed it, e.g. `lifecycle.cdk8s.io/ignore`. */
  readonly annotation: string;
  /** The object's `lifecycle.cdk8s.io/ignore-reason`, when it gives one. */
  readonly reason?: string;
}

/** A finding an ignore annotation suppressed: counted and listed as suppressed, never failing a run. */
export interface SuppressedFinding extends Finding {
  readonly suppression: Suppression;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Whether `severity` is `threshold` or more severe (`--min-severity`, `--fail-on`). */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return ORDER[severity] <= ORDER[threshold];
}

/** Own keys only: `constructor` is not a severity. */
export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && Object.hasOwn(ORDER, value);
}

export function compareSeverity(a: Severity, b: Severity): number {
  return ORDER[a] - ORDER[b];
}

/** Stable order for output: by object, then severity, then path, then rule. */
export function compareFindings(a: Finding, b: Finding): number {
  return a.objectIndex - b.objectIndex
    || ORDER[a.severity] - ORDER[b.severity]
    || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
    || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}
