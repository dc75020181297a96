/**
 * Hands our Kubernetes JSON to cdk8s-plus-28 containers. cdk8s-plus-28's own Probe and Handler
 * factories cannot express gRPC checks, HTTP headers, a scheme or a probe-level grace period, so
 * the wrapped objects render the JSON we built; ports become the `IntOrString` its serializer
 * expects (a plain value would be dropped).
 */
import * as plus from 'cdk8s-plus-28';
import { IntOrString } from 'cdk8s-plus-28/lib/imports/k8s';
import type { KubeLifecycleHandler, KubeProbe } from '../kube-types';

function intOrString(port: number | string): IntOrString {
  return typeof port === 'number' ? IntOrString.fromNumber(port) : IntOrString.fromString(port);
}

function withTypedPorts<T extends KubeProbe | KubeLifecycleHandler>(json: T): T {
  const out: Record<string, unknown> = { ...json };
  if (json.httpGet) out.httpGet = { ...json.httpGet, port: intOrString(json.httpGet.port) };
  const tcp = (json as KubeProbe).tcpSocket;
  if (tcp) out.tcpSocket = { ...tcp, port: intOrString(tcp.port) };
  return out as T;
}

/** A Kubernetes probe as a cdk8s-plus-28 `Probe`, usable in any cdk8s-plus container. */
export function toCdk8sPlusProbe(probe: KubeProbe): plus.Probe {
  const wrapped = plus.Probe.fromCommand(['true']);
  return Object.assign(wrapped, { _toKube: () => withTypedPorts(probe) });
}

/** A Kubernetes lifecycle handler as a cdk8s-plus-28 `Handler`. */
export function toCdk8sPlusHandler(handler: KubeLifecycleHandler): plus.Handler {
  const wrapped = plus.Handler.fromCommand(['true']);
  return Object.assign(wrapped, { _toKube: () => withTypedPorts(handler) });
}
