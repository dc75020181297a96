/**
 * A `metav1.LabelSelector` (matchLabels and matchExpressions), read from an untrusted manifest and
 * matched against a pod template's labels as `metav1.LabelSelectorAsSelector` does.
 */
import { isMap } from './pod-template';

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface SelectorRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly matchExpressions: readonly SelectorRequirement[];
}

const OPERATORS: ReadonlySet<string> = new Set<SelectorOperator>(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/**
 * The selector, or undefined when the API server would reject it (a non-string label value, an
 * unknown operator, In/NotIn without values, Exists/DoesNotExist with values): a rule then has
 * nothing reliable to match. A missing selector is the caller's case (it selects nothing).
 */
export function parseLabelSelector(value: unknown): LabelSelector | undefined {
  if (!isMap(value)) return undefined;
  // No prototype: a label key such as `__proto__` is a key like any other.
  const matchLabels: Record<string, string> = Object.create(null);
  if (value.matchLabels !== undefined && value.matchLabels !== null) {
    if (!isMap(value.matchLabels)) return undefined;
    for (const [k, v] of Object.entries(value.matchLabels)) {
      if (typeof v !== 'string') return undefined;
      matchLabels[k] = v;
    }
  }
  const matchExpressions: SelectorRequirement[] = [];
  if (value.matchExpressions !== undefined && value.matchExpressions !== null) {
    if (!Array.isArray(value.matchExpressions)) return undefined;
    for (const e of value.matchExpressions) {
      const requirement = requirementOf(e);
      if (!requirement) return undefined;
      matchExpressions.push(requirement);
    }
  }
  return { matchLabels, matchExpressions };
}

function requirementOf(e: unknown): SelectorRequirement | undefined {
  if (!isMap(e) || typeof e.key !== 'string' || typeof e.operator !== 'string' || !OPERATORS.has(e.operator)) return undefined;
  const raw = e.values === undefined || e.values === null ? [] : e.values;
  if (!Array.isArray(raw) || !raw.every((v): v is string => typeof v === 'string')) return undefined;
  const operator = e.operator as SelectorOperator;
  const needsValues = operator === 'In' || operator === 'NotIn';
  if (needsValues !== (raw.length > 0)) return undefined;
  return { key: e.key, operator, values: raw };
}

/** True when the selector has no term: in policy/v1 a PodDisruptionBudget's `{}` selects every pod of its namespace. */
export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/**
 * Whether `labels` (a pod template's, read from the manifest: values may be anything) satisfy
 * every term; an empty selector matches everything.
 */
export function selectorMatches(selector: LabelSelector, labels: Readonly<Record<string, unknown>>): boolean {
  // for...in, not Object.entries: no array per term (one match runs per PDB and candidate workload).
  for (const k in selector.matchLabels) {
    if (!Object.hasOwn(selector.matchLabels, k)) continue;
    if (!Object.hasOwn(labels, k) || labels[k] !== selector.matchLabels[k]) return false;
  }
  for (const r of selector.matchExpressions) {
    const has = Object.hasOwn(labels, r.key);
    const value = labels[r.key];
    const listed = typeof value === 'string' && r.values.includes(value);
    switch (r.operator) {
      case 'In':
        if (!has || !listed) return false;
        break;
      case 'NotIn':
        if (has && listed) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}
