/**
 * The lint rules that report what `explain` draws as a verdict read the verdicts themselves:
 * one analysis (explain's timeline, without the picture) judges both, so `lint` and `explain`
 * cannot disagree on whether a manifest drops requests, nor on how bad it is.
 */
import { analyzeWorkload } from '../../../explain/timeline';
import type { Verdict } from '../../../explain/model';
import type { Violation } from '../../finding';
import { memoizePerObject } from '../../per-object';
import type { KubeObject, RuleContext } from '../../rule';

const verdictsOf = memoizePerObject((object: KubeObject, context: RuleContext) => analyzeWorkload(object, { objects: context.objects })?.verdicts);

/**
 * The verdicts of one object, as `explain` with the same objects around it finds them. Kept for
 * the last object asked about: the engine runs every rule on one object before the next.
 */
export function timelineVerdicts(object: KubeObject, context: RuleContext): readonly Verdict[] {
  return verdictsOf(object, context) ?? [];
}

function valueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The verdicts that `ruleId` reports, as violations at the field they are about. */
export function verdictViolations(object: KubeObject, context: RuleContext, ruleId: string): Violation[] {
  // A loop, not filter/map: seven rules ask for every object, and most objects have no verdict.
  const verdicts = timelineVerdicts(object, context);
  const out: Violation[] = [];
  for (let i = 0; i < verdicts.length; i++) {
    const v = verdicts[i];
    if (v.lintRule !== ruleId) continue;
    out.push({
      path: v.path,
      message: v.message,
      fix: `${v.value === null ? `remove ${v.field}` : `set ${v.field} = ${valueText(v.value)}`}: ${v.fix}`,
      severity: v.severity,
    });
  }
  return out;
}
