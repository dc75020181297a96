/**
 * The termination budget: how long a pod needs from `Terminating` to its last in-flight request,
 * and so the smallest `terminationGracePeriodSeconds` that does not SIGKILL it early.
 *
 * The kubelet runs preStop first, then sends SIGTERM, all inside one grace-period clock
 * (lifecycle-facts.md, "Termination"). Every part below is spent on that clock in sequence.
 */

/** One named slice of the termination budget, in whole seconds. */
export interface BudgetPart {
  /** Short name used in messages, e.g. `drainDelay`. */
  readonly name: string;
  readonly seconds: number;
  /** Why this time is needed, for error messages and `explain`. */
  readonly why: string;
}

/** The kubelet grants the app at least this long after a preStop that used the whole grace period. */
export const KUBELET_MIN_SECONDS_AFTER_PRESTOP = 2;

/** Kubernetes' grace period when none is set. */
export const DEFAULT_GRACE_PERIOD_SECONDS = 30;

/** Sum of the parts: the smallest grace period that lets every part finish. */
export function budgetSeconds(parts: readonly BudgetPart[]): number {
  return parts.reduce((sum, part) => sum + part.seconds, 0);
}

/** `drainDelay 5 s + shutdownTimeout 30 s + margin 5 s = 40 s` */
export function describeBudget(parts: readonly BudgetPart[]): string {
  const terms = parts.map(p => `${p.name} ${p.seconds} s`).join(' + ');
  return `${terms} = ${budgetSeconds(parts)} s`;
}

/**
 * Checks an explicit grace period against the budget; returns a message naming the parts when
 * it is too short, undefined when it fits.
 */
export function gracePeriodShortfall(gracePeriodSeconds: number, parts: readonly BudgetPart[]): string | undefined {
  const needed = budgetSeconds(parts);
  if (gracePeriodSeconds >= needed) return undefined;
  return `${gracePeriodSeconds} s is shorter than the termination budget (${describeBudget(parts)}); `
    + `the pod would be SIGKILLed ${needed - gracePeriodSeconds} s before it finishes`;
}

/** The default safety margin: covers hook exec start-up and clock skew between the parts. */
export const DEFAULT_MARGIN_SECONDS = 5;

/**
 * The kubelet never stops a pod with a grace period under 1 s: a pod with
 * `terminationGracePeriodSeconds: 0` still runs its preStop, for at most 1 s, then gets SIGTERM
 * and, `KUBELET_MIN_SECONDS_AFTER_PRESTOP` later, SIGKILL (pkg/kubelet/pod_workers.go
 * calculateEffectiveGracePeriod: "no matter what, we always supply a grace period of 1").
 */
export const KUBELET_MIN_GRACE_PERIOD_SECONDS = 1;
