/**
 * What a construct tells synth-time validation besides the objects it makes, kept as construct
 * metadata (`node.addMetadata`) and printed by LifecycleValidation with the rules' findings:
 *
 * - warnings about its props: what synthesizes fine but will likely fail at run time (a non-root
 *   pod without a numeric user), in terms of the prop to change;
 * - for a rule's findings on an object it made, the fix in terms of its props: the rule knows the
 *   manifest (`minAvailable: 1`), the construct knows which prop wrote it (`podDisruptionBudget`).
 */
import type { IConstruct } from 'constructs';
import type { ConfigProblem } from './errors';

const PROP_WARNING = 'cdk8s-lifecycle:prop-warning';
const CONSTRUCT_FIX = 'cdk8s-lifecycle:construct-fix';

/** Rule id under which prop warnings are reported. */
export const PROP_WARNING_RULE = 'construct/props';

/** Records a warning about one of `scope`'s props. */
export function addPropWarning(scope: IConstruct, warning: ConfigProblem): void {
  scope.node.addMetadata(PROP_WARNING, { ...warning });
}

/** Every prop warning recorded on `constructs` (e.g. `root.node.findAll()`), in their order. */
export function propWarningsIn(constructs: readonly IConstruct[]): Array<{ readonly scope: IConstruct; readonly warning: ConfigProblem }> {
  return constructs.flatMap(scope => scope.node.metadata
    .filter(m => m.type === PROP_WARNING)
    .map(m => ({ scope, warning: m.data as ConfigProblem })));
}

interface ConstructFix {
  readonly rule: string;
  readonly fix: string;
  readonly under?: string;
}

/**
 * Records the fix, in the construct's props, for findings of `rule` on `apiObject`; with `under`,
 * only for findings at that field path or below it (`spec.template.spec.containers[0].lifecycle`).
 */
export function addConstructFix(apiObject: IConstruct, rule: string, fix: string, under?: string): void {
  apiObject.node.addMetadata(CONSTRUCT_FIX, { rule, fix, under } satisfies ConstructFix);
}

/** The construct's fix for a finding of `rule` at `path` on `apiObject`, if it recorded one. */
export function constructFixOf(apiObject: IConstruct, rule: string, path: string): string | undefined {
  const entry = apiObject.node.metadata.map(m => (m.type === CONSTRUCT_FIX ? m.data as ConstructFix : undefined))
    .find(f => f !== undefined && f.rule === rule && (f.under === undefined || path === f.under || path.startsWith(`${f.under}.`)));
  return entry?.fix;
}
