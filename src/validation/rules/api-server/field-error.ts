/**
 * Violations worded as kube-apiserver words its `field.Error`s (`field.Error.ErrorBody()` in
 * apimachinery), so a user who has seen `kubectl apply` fail recognises them.
 */
import type { Violation } from '../../finding';

/** A bad value as Go's `%v`/`%q` show it: strings quoted, numbers bare. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined) return '""';
  return JSON.stringify(value);
}

/** Extra text after the API server's message (e.g. what defaulting did, or a StatefulSet note). */
function tail(note: string | undefined): string {
  return note ? ` ${note}` : '';
}

export function invalid(path: string, value: unknown, detail: string, fix?: string, note?: string): Violation {
  return { path, message: `Invalid value: ${showValue(value)}: ${detail}${tail(note)}`, fix };
}

export function required(path: string, detail?: string, fix?: string, note?: string): Violation {
  return { path, message: `Required value${detail ? `: ${detail}` : ''}${tail(note)}`, fix };
}

export function forbidden(path: string, detail: string, fix?: string, note?: string): Violation {
  return { path, message: `Forbidden: ${detail}${tail(note)}`, fix };
}

export function notSupported(path: string, value: unknown, supported: readonly string[], fix?: string, note?: string): Violation {
  const list = supported.map(s => JSON.stringify(s)).join(', ');
  return { path, message: `Unsupported value: ${showValue(value)}: supported values: ${list}${tail(note)}`, fix };
}

export function duplicate(path: string, value: unknown, fix?: string, note?: string): Violation {
  return { path, message: `Duplicate value: ${showValue(value)}${tail(note)}`, fix };
}

/** The Go validators' "must be greater than or equal to 0". */
export const IS_NEGATIVE = 'must be greater than or equal to 0';
