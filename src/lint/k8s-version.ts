/** Kubernetes versions the rules are written for (the API server's validation and OpenAPI of that minor). */
export const SUPPORTED_K8S_VERSIONS: readonly string[] = ['1.28'];

/** `1.28`, `v1.28` and `1.28.3` all mean minor 1.28; undefined when unsupported. */
export function normalizeK8sVersion(value: string): string | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(value.trim());
  if (!m) return undefined;
  const minor = `${Number(m[1])}.${Number(m[2])}`;
  return SUPPORTED_K8S_VERSIONS.includes(minor) ? minor : undefined;
}
