/**
 * The few Kubernetes JSON shapes this library writes itself (the `k8s.*` structs of the
 * Kubernetes API, trimmed to the fields we set). Validation never trusts these types: it reads
 * manifests as unknown JSON.
 */

export interface KubeExecAction { readonly command: string[] }

export interface KubeHttpHeader { readonly name: string; readonly value: string }

export interface KubeHttpGetAction {
  readonly path?: string;
  readonly port: number | string;
  readonly host?: string;
  readonly scheme?: 'HTTP' | 'HTTPS';
  readonly httpHeaders?: KubeHttpHeader[];
}

export interface KubeTcpSocketAction { readonly port: number | string; readonly host?: string }

export interface KubeGrpcAction { readonly port: number; readonly service?: string }

export interface KubeProbe {
  readonly exec?: KubeExecAction;
  readonly httpGet?: KubeHttpGetAction;
  readonly tcpSocket?: KubeTcpSocketAction;
  readonly grpc?: KubeGrpcAction;
  readonly initialDelaySeconds?: number;
  readonly periodSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly successThreshold?: number;
  readonly failureThreshold?: number;
  readonly terminationGracePeriodSeconds?: number;
}

/** A lifecycle handler: Kubernetes runs only exec and httpGet, so nothing else is expressible here. */
export interface KubeLifecycleHandler {
  readonly exec?: KubeExecAction;
  readonly httpGet?: KubeHttpGetAction;
}
