/**
 * Moments that may be lower bounds: a duration the manifest does not tell is counted as 0, and
 * everything after it carries `lowerBound` so no renderer prints it as exact.
 */
import type { TimePoint } from './model';

export function at(seconds: number, lowerBound = false): TimePoint {
  return { seconds: round(seconds), lowerBound };
}

/** The later of two moments; a lower bound on either side makes the result one. */
export function later(a: TimePoint, b: TimePoint): TimePoint {
  return { seconds: Math.max(a.seconds, b.seconds), lowerBound: a.lowerBound || b.lowerBound };
}

export function plus(t: TimePoint, seconds: number, unknown = false): TimePoint {
  return { seconds: round(t.seconds + seconds), lowerBound: t.lowerBound || unknown };
}

/** Milliseconds are the finest grain any input has; rounding keeps output byte-stable. */
export function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/** `5 s`, `0.5 s`, `≥ 12 s`. */
export function formatSeconds(seconds: number): string {
  return `${formatNumber(seconds)} s`;
}

export function formatTime(t: TimePoint): string {
  return `${t.lowerBound ? '≥ ' : ''}${formatSeconds(t.seconds)}`;
}

/** Up to two decimals, no trailing zeros, no exponent. */
export function formatNumber(n: number): string {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}
