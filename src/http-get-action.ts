import type { KubeHttpGetAction, KubeHttpHeader } from './kube-types';

/** Options of an HTTP GET, shared by probes and lifecycle hooks. */
export interface HttpGetOptions {
  /** Container port number or name. */
  readonly port: number | string;
  /** @default 'HTTP' */
  readonly scheme?: 'HTTP' | 'HTTPS';
  /**
   * Request headers, e.g. `Host` for a name-based virtual host. Never set the action's `host`
   * field to `localhost` instead: that is the node, not the pod (seeds/000).
   * @default - none
   */
  readonly headers?: Record<string, string>;
}

/** The Kubernetes `httpGet` action; headers sorted by name so the output is deterministic. */
export function httpGetAction(path: string, options: HttpGetOptions): KubeHttpGetAction {
  const headers: KubeHttpHeader[] | undefined = options.headers
    ? Object.keys(options.headers).sort().map(name => ({ name, value: options.headers![name] }))
    : undefined;
  return {
    path,
    port: options.port,
    ...(options.scheme ? { scheme: options.scheme } : {}),
    ...(headers ? { httpHeaders: headers } : {}),
  };
}
