/**
 * Reads the `lifecycle.cdk8s.io/nacos` pod annotation (annotations.ts) that NacosRegisteredApp
 * sets, or a hand-written manifest imitates, for the Nacos windows of the termination panel.
 */
import { NACOS_ANNOTATION } from '../analysis/annotations';
import { isMap } from '../validation/pod-template';
import { DEFAULT_CONSUMER_CACHE_SECONDS } from './assumptions';

export interface NacosReading {
  /** The registered app container. */
  readonly container: string;
  readonly drainSeconds: number | undefined;
  readonly deregisterWaitSeconds: number | undefined;
  readonly consumerCacheSeconds: number;
  /** `1.x` (heartbeat clients), `2.x`, `3.x` (gRPC clients). */
  readonly serverVersion: string;
}

function seconds(raw: Record<string, unknown>, key: string): number | undefined {
  const v = raw[key];
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/** The annotation, or undefined when absent or malformed (a note says which). */
export function readNacosAnnotation(podAnnotations: unknown, appContainers: readonly string[]): NacosReading | string | undefined {
  if (!isMap(podAnnotations)) return undefined;
  const raw = podAnnotations[NACOS_ANNOTATION];
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = typeof raw === 'string' ? JSON.parse(raw) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!isMap(parsed)) return `the ${NACOS_ANNOTATION} annotation is not a JSON object; Nacos windows are not shown`;
  const container = typeof parsed.container === 'string' ? parsed.container : appContainers[0];
  if (container === undefined || !appContainers.includes(container)) {
    return `the ${NACOS_ANNOTATION} annotation names container ${JSON.stringify(parsed.container)}, which the pod does not have`;
  }
  return {
    container,
    drainSeconds: seconds(parsed, 'drainSeconds'),
    deregisterWaitSeconds: seconds(parsed, 'deregisterWaitSeconds'),
    consumerCacheSeconds: seconds(parsed, 'consumerCacheSeconds') ?? DEFAULT_CONSUMER_CACHE_SECONDS,
    serverVersion: typeof parsed.serverVersion === 'string' ? parsed.serverVersion : '2.x',
  };
}
