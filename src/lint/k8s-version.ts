/**
 * The Kubernetes minor versions the rules can target: the OpenAPI definitions the structure rules
 * check against and the API server's validation and default feature gates the api-server rules
 * follow, one set per minor version.
 */

/** Kubernetes versions the rules are written for, oldest first. */
export const SUPPORTED_K8S_VERSIONS: readonly string[] = ['1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35'];

/**
 * The version targeted when none is given: the constructs build on cdk8s-plus-28, whose API is
 * Kubernetes 1.28's, so what they synthesize is meant for 1.28 clusters and later.
 */
export const DEFAULT_K8S_VERSION = '1.28';

/** Why the default is what it is, for help texts. */
export const DEFAULT_K8S_VERSION_REASON = 'the constructs target cdk8s-plus-28';

/** `1.28`, `v1.28` and `1.28.3` all mean minor 1.28; undefined when unsupported. */
export function normalizeK8sVersion(value: string): string | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(value.trim());
  if (!m) return undefined;
  const minor = `${Number(m[1])}.${Number(m[2])}`;
  return SUPPORTED_K8S_VERSIONS.includes(minor) ? minor : undefined;
}

/** `1.28, 1.29, ..., 1.35` for error messages and help. */
export function supportedK8sVersionsText(): string {
  return `${SUPPORTED_K8S_VERSIONS[0]} to ${SUPPORTED_K8S_VERSIONS[SUPPORTED_K8S_VERSIONS.length - 1]}`;
}

const minors = new Map<string, number>();

/** The minor number of a version: `1.30` → 30. */
export function k8sMinorOf(version: string): number {
  let minor = minors.get(version);
  if (minor === undefined) {
    const m = /^v?1\.(\d+)/.exec(version);
    minor = m ? Number(m[1]) : Number(DEFAULT_K8S_VERSION.slice(2));
    minors.set(version, minor);
  }
  return minor;
}

/**
 * Where the user chose the target version: the CLI (`--k8s-version`), the cdk8s-cli plugin
 * (`k8sVersion` in cdk8s.yaml) or the library (`LifecycleValidation.enable(app, { k8sVersion })`,
 * `lintObjects`). Advice to target another version names the option of that place.
 */
export type K8sVersionSetting = 'cli' | 'plugin' | 'api';

/** "pass --k8s-version 1.30", or the same for the plugin or the library. */
export function targetVersionAdvice(version: string, setting: K8sVersionSetting = 'api'): string {
  switch (setting) {
    case 'cli': return `pass --k8s-version ${version}`;
    case 'plugin': return `set k8sVersion: "${version}" in the plugin's properties in cdk8s.yaml`;
    case 'api': return `call LifecycleValidation.enable(app, { k8sVersion: '${version}' }) before adding constructs`;
  }
}
