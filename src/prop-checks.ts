/** Checks for construct props, shared by every construct. Each adds to a ProblemList. */
import { Duration } from 'cdk8s';
import { ProblemList } from './errors';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL.test(value);
}

export function isDns1035Label(value: string): boolean {
  return value.length <= 63 && DNS1035_LABEL.test(value);
}

export function checkPort(problems: ProblemList, prop: string, value: number | undefined): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    problems.add(prop, `${value} is not a port number`, 'use an integer between 1 and 65535');
  }
}

export function checkDnsLabel(problems: ProblemList, prop: string, value: string | undefined, kind: '1123' | '1035' = '1123'): void {
  if (value === undefined) return;
  const ok = kind === '1123' ? isDns1123Label(value) : isDns1035Label(value);
  if (!ok) {
    const rule = kind === '1123'
      ? 'lowercase letters, digits and "-", starting and ending with a letter or digit'
      : 'lowercase letters, digits and "-", starting with a letter and ending with a letter or digit';
    problems.add(prop, `${JSON.stringify(value)} is not a valid DNS-${kind} label`, `use at most 63 characters of ${rule}`);
  }
}

export function checkPositiveInt(problems: ProblemList, prop: string, value: number | undefined, min = 1): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min) {
    problems.add(prop, `${value} is not an integer >= ${min}`, `use a whole number of at least ${min}`);
  }
}

/**
 * Reads a Duration as whole seconds, the unit every Kubernetes timing field takes.
 * cdk8s already refuses negative durations where they are written (`Duration.seconds(-1)` throws
 * in the caller's own expression); fractions of a second cannot be expressed. A duration cdk8s
 * cannot convert (`Duration.seconds(NaN)`, less than a millisecond) becomes a problem naming the
 * prop, instead of cdk8s's own error from deep inside the construct.
 */
export function durationSeconds(problems: ProblemList, prop: string, value: Duration | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  let millis: number;
  try {
    millis = value.toMilliseconds({ integral: false });
  } catch (err) {
    problems.add(prop, `${describeDuration(value)} is not a duration cdk8s can convert (${(err as Error).message})`, 'use a whole number of seconds, e.g. Duration.seconds(5)');
    return fallback;
  }
  if (!Number.isFinite(millis)) {
    problems.add(prop, `${describeDuration(value)} is not a duration`, 'use a whole number of seconds, e.g. Duration.seconds(5)');
    return fallback;
  }
  if (millis < 0) {
    problems.add(prop, `${millis} ms is negative`, 'use a duration of zero or more, e.g. Duration.seconds(5)');
    return fallback;
  }
  if (millis % 1000 !== 0) {
    problems.add(prop, `${millis} ms is not a whole number of seconds`, 'Kubernetes counts these timings in whole seconds: round to Duration.seconds(n)');
    return Math.ceil(millis / 1000);
  }
  return millis / 1000;
}

/** A duration for a message: its human form, or what it is when cdk8s cannot convert it. */
export function describeDuration(value: Duration): string {
  try {
    return value.toHumanString();
  } catch {
    return String(value);
  }
}
