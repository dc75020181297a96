/**
 * validateHandler of validation.go, shared by probes and lifecycle hooks: exactly one action, and
 * each action's own checks, after the defaults the API server applies first (httpGet `path` "/",
 * `scheme` HTTP).
 */
import type { Violation } from '../../finding';
import { child } from '../../field-path';
import { isMap, type JsonMap } from '../../pod-template';
import { forbidden, invalid, notSupported, required } from './field-error';
import { isHttpHeaderName, isValidPortName, isValidPortNum } from './k8s-formats';

/** Probe actions, in the order validation.go counts them. */
export const PROBE_ACTIONS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
/** Lifecycle actions up to 1.29 (`sleep` is unknown on 1.28, and dropped on 1.29 where its gate is off). */
export const LIFECYCLE_ACTIONS_128 = ['exec', 'httpGet', 'tcpSocket'] as const;
/** Lifecycle actions once PodLifecycleSleepAction is on by default (beta, 1.30). */
export const LIFECYCLE_ACTIONS_130 = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;

const SCHEMES = ['HTTP', 'HTTPS'];

export type Action = 'exec' | 'httpGet' | 'tcpSocket' | 'grpc' | 'sleep';

/** ValidatePortNumOrName on an IntOrString; a missing port is the zero int. */
export function checkPortNumOrName(port: unknown, path: string, out: Violation[], note?: string): void {
  if (typeof port === 'string') {
    for (const msg of isValidPortName(port)) out.push(invalid(path, port, msg, 'use a port number (1-65535) or the name of a port declared in the container\'s ports', note));
  } else if (typeof port === 'number' || port === undefined || port === null) {
    const n = typeof port === 'number' ? port : 0;
    for (const msg of isValidPortNum(n)) out.push(invalid(path, n, msg, 'use a port number between 1 and 65535 or a named container port', note));
  }
}

function checkExec(exec: JsonMap, path: string, out: Violation[], note?: string): void {
  const command = exec.command;
  if (!Array.isArray(command) || command.length === 0) {
    out.push(required(child(path, 'command'), undefined, 'give the command as a non-empty list, e.g. ["sh", "-c", "..."]', note));
  }
}

function checkHttpGet(http: JsonMap, path: string, out: Violation[], note?: string): void {
  // `path` defaults to "/" and `scheme` to HTTP before validation: neither is an error when missing.
  checkPortNumOrName(http.port, child(path, 'port'), out, note);
  const scheme = http.scheme;
  if (typeof scheme === 'string' && scheme !== '' && !SCHEMES.includes(scheme)) {
    out.push(notSupported(child(path, 'scheme'), scheme, SCHEMES, 'use HTTP or HTTPS (upper case)', note));
  }
  const headers = http.httpHeaders;
  if (Array.isArray(headers)) {
    for (const header of headers) {
      if (!isMap(header)) continue;
      const name = typeof header.name === 'string' ? header.name : '';
      for (const msg of isHttpHeaderName(name)) {
        out.push(invalid(child(path, 'httpHeaders'), name, msg, 'header names are letters, digits and "-" only (no ":" or "_")', note));
      }
    }
  }
}

function checkGrpc(grpc: JsonMap, path: string, out: Violation[], note?: string): void {
  // A non-numeric port fails decoding (int32): the structure rules report that.
  if (grpc.port !== undefined && grpc.port !== null && typeof grpc.port !== 'number') return;
  const port = typeof grpc.port === 'number' ? grpc.port : 0;
  for (const msg of isValidPortNum(port)) out.push(invalid(child(path, 'port'), port, msg, 'grpc.port is a number between 1 and 65535 (names are not allowed)', note));
}

/**
 * Checks one handler (a probe, or a postStart/preStop) at `path`: exactly one of `actions`, then
 * that action (`checkSleep` checks a sleep action). Returns the action used, if any.
 */
export function checkHandler(
  handler: JsonMap, path: string, actions: readonly Action[], out: Violation[], note?: string,
  checkSleep?: (sleep: JsonMap, path: string) => void,
): Action | undefined {
  let used: Action | undefined;
  for (const action of actions) {
    const body = handler[action];
    if (!isMap(body)) continue;
    const at = child(path, action);
    if (used !== undefined) {
      out.push(forbidden(at, 'may not specify more than 1 handler type', `keep only one of ${actions.join(', ')}`, note));
      continue;
    }
    used = action;
    if (action === 'exec') checkExec(body, at, out, note);
    else if (action === 'httpGet') checkHttpGet(body, at, out, note);
    else if (action === 'tcpSocket') checkPortNumOrName(body.port, child(at, 'port'), out, note);
    else if (action === 'grpc') checkGrpc(body, at, out, note);
    else if (action === 'sleep') checkSleep?.(body, at);
  }
  if (used === undefined) {
    out.push(required(path, 'must specify a handler type', `give exactly one of ${actions.join(', ')}`, note));
  }
  return used;
}
