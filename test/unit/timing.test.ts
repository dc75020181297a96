/** The pure timing arithmetic: probe defaults and windows, and the termination budget. */
import {
  defaultedTiming, failureWindowSeconds, firstCheckSeconds, PROBE_DEFAULTS, startupAllowanceSeconds, startupFailureThreshold,
} from '../../src/timing/probe-timing';
import {
  budgetSeconds, DEFAULT_GRACE_PERIOD_SECONDS, describeBudget, gracePeriodShortfall, KUBELET_MIN_SECONDS_AFTER_PRESTOP, type BudgetPart,
} from '../../src/timing/termination-budget';

describe('probe timing', () => {
  test('unset and 0 mean the API server default, as after defaulting', () => {
    const defaults = { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 };
    expect(defaultedTiming({})).toEqual(defaults);
    expect(defaultedTiming({ periodSeconds: 0, timeoutSeconds: 0, successThreshold: 0, failureThreshold: 0 })).toEqual(defaults);
    expect(PROBE_DEFAULTS).toEqual({ ...defaults });
  });

  test('explicit values are kept', () => {
    expect(defaultedTiming({ initialDelaySeconds: 7, periodSeconds: 3, timeoutSeconds: 2, successThreshold: 2, failureThreshold: 5 }))
      .toEqual({ initialDelaySeconds: 7, periodSeconds: 3, timeoutSeconds: 2, successThreshold: 2, failureThreshold: 5 });
  });

  test('the failure window is period × failureThreshold, with defaults', () => {
    expect(failureWindowSeconds({})).toBe(30);
    expect(failureWindowSeconds({ periodSeconds: 5, failureThreshold: 2 })).toBe(10);
    expect(failureWindowSeconds({ periodSeconds: 0, failureThreshold: 4 })).toBe(40);
  });

  test('the startup allowance adds the initial delay', () => {
    expect(startupAllowanceSeconds({ initialDelaySeconds: 15, periodSeconds: 5, failureThreshold: 3 })).toBe(30);
    expect(startupAllowanceSeconds({})).toBe(30);
  });

  test.each([
    [60, 2, 30], [61, 2, 31], [1, 10, 1], [0, 5, 1], [300, 10, 30],
  ])('a startup probe of period %#: max %i s every %i s needs failureThreshold %i', (max, period, threshold) => {
    expect(startupFailureThreshold(max, period)).toBe(threshold);
    // It always covers the whole allowance.
    expect(threshold * period).toBeGreaterThanOrEqual(max);
  });

  test('the first check comes after the initial delay', () => {
    expect(firstCheckSeconds({})).toBe(0);
    expect(firstCheckSeconds({ initialDelaySeconds: 5 })).toBe(5);
  });
});

describe('termination budget', () => {
  const parts: BudgetPart[] = [
    { name: 'drainDelay', seconds: 5, why: 'endpoints' },
    { name: 'shutdownTimeout', seconds: 30, why: 'in-flight requests' },
    { name: 'terminationMargin', seconds: 5, why: 'jitter' },
  ];

  test('the budget is the sum of its parts', () => {
    expect(budgetSeconds(parts)).toBe(40);
    expect(budgetSeconds([])).toBe(0);
  });

  test('it describes itself part by part', () => {
    expect(describeBudget(parts)).toBe('drainDelay 5 s + shutdownTimeout 30 s + terminationMargin 5 s = 40 s');
  });

  test('a grace period that covers the budget has no shortfall', () => {
    expect(gracePeriodShortfall(40, parts)).toBeUndefined();
    expect(gracePeriodShortfall(41, parts)).toBeUndefined();
  });

  test('a short grace period names the parts and how early the SIGKILL comes', () => {
    expect(gracePeriodShortfall(DEFAULT_GRACE_PERIOD_SECONDS, parts)).toBe(
      '30 s is shorter than the termination budget (drainDelay 5 s + shutdownTimeout 30 s + terminationMargin 5 s = 40 s); '
      + 'the pod would be SIGKILLed 10 s before it finishes');
  });

  test('the kubelet constants match Kubernetes', () => {
    expect(DEFAULT_GRACE_PERIOD_SECONDS).toBe(30);
    expect(KUBELET_MIN_SECONDS_AFTER_PRESTOP).toBe(2);
  });
});
