import * as plus from 'cdk8s-plus-28';

/** Which downward-API variables to set. The four defaults are what hooks and registries need. */
export interface DownwardApiEnvOptions {
  /** `POD_NAME` from `metadata.name`. @default true */
  readonly podName?: boolean;
  /** `POD_NAMESPACE` from `metadata.namespace`. @default true */
  readonly podNamespace?: boolean;
  /** `POD_IP` from `status.podIP`: what a preStop script registers or deregisters. @default true */
  readonly podIp?: boolean;
  /** `NODE_NAME` from `spec.nodeName`. @default true */
  readonly nodeName?: boolean;
  /** `POD_UID` from `metadata.uid`. @default false */
  readonly podUid?: boolean;
  /** `SERVICE_ACCOUNT` from `spec.serviceAccountName`. @default false */
  readonly serviceAccount?: boolean;
  /** `HOST_IP` from `status.hostIP`. @default false */
  readonly hostIp?: boolean;
  /**
   * `CPU_LIMIT` (millicores, divisor 1m) and `MEMORY_LIMIT` (MiB, divisor 1Mi), e.g. to size a
   * JVM heap. The container needs limits set, or the node's allocatable is reported.
   * @default false
   */
  readonly resourceLimits?: boolean;
}

const FIELDS: ReadonlyArray<[keyof DownwardApiEnvOptions, string, plus.EnvFieldPaths, boolean]> = [
  ['podName', 'POD_NAME', plus.EnvFieldPaths.POD_NAME, true],
  ['podNamespace', 'POD_NAMESPACE', plus.EnvFieldPaths.POD_NAMESPACE, true],
  ['podIp', 'POD_IP', plus.EnvFieldPaths.POD_IP, true],
  ['nodeName', 'NODE_NAME', plus.EnvFieldPaths.NODE_NAME, true],
  ['podUid', 'POD_UID', plus.EnvFieldPaths.POD_UID, false],
  ['serviceAccount', 'SERVICE_ACCOUNT', plus.EnvFieldPaths.SERVICE_ACCOUNT_NAME, false],
  ['hostIp', 'HOST_IP', plus.EnvFieldPaths.NODE_IP, false],
];

/**
 * Downward-API environment variables, wired from `fieldRef`/`resourceFieldRef`.
 *
 * An exec hook runs with the container's environment, so a preStop script sees `POD_IP`:
 * nothing needs to be baked into the image (seeds/001 believed otherwise).
 */
export function downwardApiEnv(options: DownwardApiEnvOptions = {}): Record<string, plus.EnvValue> {
  const env: Record<string, plus.EnvValue> = {};
  for (const [option, name, fieldPath, byDefault] of FIELDS) {
    if (options[option] ?? byDefault) {
      env[name] = plus.EnvValue.fromFieldRef(fieldPath);
    }
  }
  if (options.resourceLimits) {
    env.CPU_LIMIT = plus.EnvValue.fromResource(plus.ResourceFieldPaths.CPU_LIMIT, { divisor: '1m' });
    env.MEMORY_LIMIT = plus.EnvValue.fromResource(plus.ResourceFieldPaths.MEMORY_LIMIT, { divisor: '1Mi' });
  }
  return env;
}
