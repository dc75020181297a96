/**
 * What to run, what to show and what fails, shared by `cdk8s-lifecycle lint` (`--disable`,
 * `--min-severity`, `--fail-on`) and the cdk8s-cli plugin (`disable`, `minSeverity`, `failOn`).
 */
import { ENGINE_RULES } from './engine-rules';
import { isAtLeast, type Finding, type Severity } from './finding';
import type { Rule } from './rule';
import { unknownIdMessage } from './rule-ids';

export interface RuleSelection {
  /** Rule ids not to run (and disableable engine findings not to report). */
  readonly disable: readonly string[];
  /** Findings below this severity are not shown, and cannot fail the run. */
  readonly minSeverity: Severity;
  /** The least severe finding that fails the run. */
  readonly failOn: Severity;
}

/** How the caller spells each setting in its messages: `--fail-on` or `failOn`. */
export interface SelectionNames {
  readonly disable: string;
  readonly minSeverity: string;
  readonly failOn: string;
}

/** Problems with a selection, each naming the setting, what is wrong and what to do; empty when it is fine. */
export function checkSelection(selection: RuleSelection, rules: readonly Rule[], names: SelectionNames): string[] {
  const problems: string[] = [];
  const disableable = [...rules.map(r => r.id), ...ENGINE_RULES.filter(e => e.canDisable).map(e => e.id)];
  for (const id of selection.disable) {
    if (disableable.includes(id)) continue;
    const engine = ENGINE_RULES.find(e => e.id === id);
    problems.push(engine
      ? `${names.disable}: ${id} cannot be disabled: it reports input or objects that were not checked; fix: ${engine.fix}`
      : `${names.disable}: ${unknownIdMessage(id, disableable)}`);
  }
  if (!isAtLeast(selection.failOn, selection.minSeverity)) {
    problems.push(`${names.failOn} ${selection.failOn} would fail on ${selection.failOn} findings that ${names.minSeverity} ${selection.minSeverity} does not show; fix: set ${names.minSeverity} ${selection.failOn}, or ${names.failOn} ${selection.minSeverity} or higher`);
  }
  return problems;
}

/** Whether the shown findings fail the run. */
export function failsOn(findings: readonly Finding[], failOn: Severity): boolean {
  return findings.some(f => isAtLeast(f.severity, failOn));
}
