/**
 * Reading probe and hook handlers the way the kubelet does: which action a handler has, what
 * port it targets (names resolved against the container's own `ports`, as `resolvePort` and
 * `findPortByName` do), and a canonical form for comparing two checks.
 */
import { PROBE_DEFAULTS } from '../../../timing/probe-timing';
import { child } from '../../field-path';
import { isMap, type JsonMap } from '../../pod-template';
import type { ContainerView } from './pod-view';

export type ActionKind = 'exec' | 'httpGet' | 'tcpSocket' | 'grpc' | 'sleep';
const ACTIONS: readonly ActionKind[] = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'];

export interface ActionAt {
  readonly kind: ActionKind;
  readonly action: JsonMap;
  /** e.g. `...livenessProbe.httpGet` */
  readonly path: string;
}

/** The first action the handler sets (the API server rejects more than one; another rule says so). */
export function actionOf(handler: JsonMap, handlerPath: string): ActionAt | undefined {
  for (const kind of ACTIONS) {
    const action = handler[kind];
    if (isMap(action)) return { kind, action, path: child(handlerPath, kind) };
  }
  return undefined;
}

/** A port written as a name (`http`), not a number or a numeric string. */
export function portName(port: unknown): string | undefined {
  return typeof port === 'string' && port !== '' && !/^\d+$/.test(port) ? port : undefined;
}

/** The port number a reference resolves to in this container, or undefined when it does not resolve. */
export function resolvePort(port: unknown, c: ContainerView): number | undefined {
  if (typeof port === 'number') return port;
  if (typeof port !== 'string' || port === '') return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return c.ports.find(p => p.name === port)?.number;
}

/** The probe's timing fields after the API server's defaulting (0 or unset means the default). */
export interface Timing {
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
}

export function timingOf(probe: JsonMap): Timing {
  const pick = (field: string, d: number) => {
    const v = probe[field];
    return typeof v === 'number' && v > 0 ? v : d;
  };
  return {
    initialDelaySeconds: pick('initialDelaySeconds', PROBE_DEFAULTS.initialDelaySeconds),
    periodSeconds: pick('periodSeconds', PROBE_DEFAULTS.periodSeconds),
    timeoutSeconds: pick('timeoutSeconds', PROBE_DEFAULTS.timeoutSeconds),
    failureThreshold: pick('failureThreshold', PROBE_DEFAULTS.failureThreshold),
  };
}

/**
 * What the check does, canonical (defaults applied, named ports resolved, header order ignored),
 * so that two probes written differently but checking the same thing compare equal.
 */
export function canonicalCheck(probe: JsonMap, path: string, c: ContainerView): string | undefined {
  const a = actionOf(probe, path);
  if (!a) return undefined;
  const x = a.action;
  const port = (p: unknown) => resolvePort(p, c) ?? p;
  switch (a.kind) {
    case 'exec':
      return JSON.stringify(['exec', x.command]);
    case 'httpGet': {
      const headers = Array.isArray(x.httpHeaders)
        ? x.httpHeaders.filter(isMap).map(h => `${text(h.name).toLowerCase()}:${text(h.value)}`).sort()
        : [];
      return JSON.stringify(['httpGet', x.host ?? '', port(x.port), x.path || '/', text(x.scheme ?? 'HTTP').toUpperCase(), headers]);
    }
    case 'tcpSocket':
      return JSON.stringify(['tcpSocket', x.host ?? '', port(x.port)]);
    case 'grpc':
      return JSON.stringify(['grpc', x.port, x.service ?? '']);
    case 'sleep':
      return JSON.stringify(['sleep', x.seconds]);
  }
}

/** `httpGet :8080/livez`, `exec [cat /tmp/healthy]`, for messages. */
export function describeCheck(probe: JsonMap, path: string): string {
  const a = actionOf(probe, path);
  if (!a) return 'no handler';
  const x = a.action;
  switch (a.kind) {
    case 'exec':
      return Array.isArray(x.command) ? `exec \`${x.command.map(text).join(' ')}\`` : 'exec';
    case 'httpGet':
      return `httpGet ${typeof x.host === 'string' && x.host ? x.host : ''}:${text(x.port)}${typeof x.path === 'string' && x.path ? x.path : '/'}`;
    case 'tcpSocket':
      return `tcpSocket :${text(x.port)}`;
    case 'grpc':
      return `grpc :${text(x.port)}`;
    case 'sleep':
      return 'sleep';
  }
}

/**
 * A field as text for comparison and messages. Not `String(v)` or `${v}`: parsed YAML may hold an
 * object whose `toString` key is not a function, and String() throws on it.
 */
export function text(v: unknown): string {
  return typeof v === 'string' ? v : String(JSON.stringify(v));
}

/** Loopback names: from the kubelet (which sends hooks and probes), these are the node. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(h) || h === '::1' || h === '0:0:0:0:0:0:0:1';
}
