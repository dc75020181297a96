/**
 * How many voluntary disruptions a policy/v1 PodDisruptionBudget allows once its pods are all
 * healthy, computed as the disruption controller does (kubernetes pkg/controller/disruption/
 * disruption.go, `getExpectedPodCount` and `updatePdbStatus`, unchanged through 1.28):
 *
 * - minAvailable integer n: desiredHealthy = n, expectedCount = the pods selected;
 * - minAvailable percent p: desiredHealthy = ceil(p × scale), scale = the selected controllers' replicas;
 * - maxUnavailable n or p: desiredHealthy = max(0, scale − n) or max(0, scale − ceil(p × scale));
 * - neither: both stay 0, and `expectedCount <= 0` makes disruptionsAllowed 0;
 * - disruptionsAllowed = currentHealthy − desiredHealthy, 0 when that or expectedCount is ≤ 0.
 *
 * Percentages round up (`intstr.GetScaledValueFromIntOrPercent(v, total, true)`: math.Ceil of
 * value × total / 100). The eviction API refuses every eviction while disruptionsAllowed is 0.
 */
import { isMap } from '../../pod-template';

export type IntOrPercent = { readonly int: number } | { readonly percent: number };

export type BudgetField = 'minAvailable' | 'maxUnavailable';

export interface Budget {
  /** The field that is set; undefined when neither is. */
  readonly field: BudgetField | undefined;
  readonly value: IntOrPercent | undefined;
}

const INT32_MAX = 2147483647;

/**
 * A value the API server accepts for minAvailable / maxUnavailable (apps validation's
 * ValidatePositiveIntOrPercent and IsNotMoreThan100Percent): an integer ≥ 0, or `"<n>%"` with n ≤ 100.
 */
export function parseIntOrPercent(value: unknown): IntOrPercent | undefined {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 && value <= INT32_MAX ? { int: value } : undefined;
  }
  if (typeof value === 'string' && /^[0-9]+%$/.test(value)) {
    const percent = Number(value.slice(0, -1));
    return percent <= 100 ? { percent } : undefined;
  }
  return undefined;
}

/**
 * The budget of a PodDisruptionBudget spec, or undefined when it is one the API server rejects
 * (both fields set, or a value out of range): nothing to compute then.
 */
export function budgetOf(spec: unknown): Budget | undefined {
  if (!isMap(spec)) return undefined;
  const min = spec.minAvailable ?? undefined;
  const max = spec.maxUnavailable ?? undefined;
  if (min !== undefined && max !== undefined) return undefined;
  if (min === undefined && max === undefined) return { field: undefined, value: undefined };
  const field: BudgetField = min !== undefined ? 'minAvailable' : 'maxUnavailable';
  const value = parseIntOrPercent(min ?? max);
  return value ? { field, value } : undefined;
}

/** `intstr.GetScaledValueFromIntOrPercent(value, total, roundUp=true)`. */
export function scaledValue(value: IntOrPercent, total: number): number {
  return 'int' in value ? value.int : Math.ceil(value.percent * total / 100);
}

export interface BudgetStatus {
  /** status.expectedPods */
  readonly expectedPods: number;
  /** status.desiredHealthy */
  readonly desiredHealthy: number;
  /** status.disruptionsAllowed with every expected pod healthy. */
  readonly disruptionsAllowed: number;
}

/**
 * The status the disruption controller writes when `pods` pods (the selected controllers'
 * replicas, all of them running and Ready) are selected.
 */
export function steadyStatus(budget: Budget, pods: number): BudgetStatus {
  let expectedPods = 0;
  let desiredHealthy = 0;
  if (budget.value && budget.field === 'maxUnavailable') {
    expectedPods = pods;
    desiredHealthy = Math.max(0, pods - scaledValue(budget.value, pods));
  } else if (budget.value && budget.field === 'minAvailable') {
    expectedPods = pods;
    desiredHealthy = scaledValue(budget.value, pods);
  }
  const currentHealthy = pods;
  const allowed = currentHealthy - desiredHealthy;
  return { expectedPods, desiredHealthy, disruptionsAllowed: expectedPods <= 0 || allowed <= 0 ? 0 : allowed };
}
