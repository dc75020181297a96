import { httpGetAction, type HttpGetOptions } from '../http-get-action';
import type { KubeGrpcAction, KubeProbe } from '../kube-types';

/** Options for an HTTP GET check. */
export type HttpCheckOptions = HttpGetOptions;

type CheckAction = Pick<KubeProbe, 'exec' | 'httpGet' | 'tcpSocket' | 'grpc'>;

/**
 * What a probe checks: exactly one of the four handlers Kubernetes knows.
 *
 * Prefer `httpGet` or `exec`: a `tcpSocket` check only proves the port is open, and a hung
 * app with an open port passes it (seeds/003).
 */
export class ProbeCheck {
  /** GET `path` on the pod IP; 200–399 counts as success. */
  public static httpGet(path: string, options: HttpCheckOptions): ProbeCheck {
    return new ProbeCheck({ httpGet: httpGetAction(path, options) });
  }

  /** Run `command` in the container (no shell: use `['sh', '-c', script]` for one); exit 0 is healthy. */
  public static exec(command: string[]): ProbeCheck {
    return new ProbeCheck({ exec: { command: [...command] } });
  }

  /** Open a TCP connection to the port. Only proves the port is open. */
  public static tcpSocket(port: number | string): ProbeCheck {
    return new ProbeCheck({ tcpSocket: { port } });
  }

  /** Call the gRPC Health Checking Protocol on `port` (numbers only, as the API requires). */
  public static grpc(port: number, service?: string): ProbeCheck {
    const grpc: KubeGrpcAction = service === undefined ? { port } : { port, service };
    return new ProbeCheck({ grpc });
  }

  private constructor(public readonly action: CheckAction) {}
}
