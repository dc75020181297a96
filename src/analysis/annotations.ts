/**
 * Pod-template annotations through which our constructs tell the linter and `explain` what the
 * manifest alone cannot: how long a hook script waits, how long the app takes to shut down.
 * Hand-written manifests may set them too. Values are JSON objects keyed by container name.
 */

/** `{"<container>": seconds}`: the longest the container's preStop runs (e.g. a script in a ConfigMap). */
export const PRESTOP_SECONDS_ANNOTATION = 'lifecycle.cdk8s.io/prestop-seconds';

/**
 * `{"<container>": seconds}`: the longest the container's postStart runs (e.g. a script in a
 * ConfigMap that starts its work in the background and returns at once).
 */
export const POSTSTART_SECONDS_ANNOTATION = 'lifecycle.cdk8s.io/poststart-seconds';

/**
 * `{"<container>": seconds}`: how long the app needs to finish its in-flight work and exit once it
 * is told to stop: by SIGTERM, or earlier by its preStop's stop command (`nginx -s quit`), which
 * `explain` and the lint rules then count it from. A preStop that waits for the app's exit after
 * its stop command spends this time inside the hook: declare the app's whole shutdown here, not
 * what is left after SIGTERM.
 */
export const SHUTDOWN_SECONDS_ANNOTATION = 'lifecycle.cdk8s.io/shutdown-seconds';

/**
 * Set by NacosRegisteredApp: `{"container": "app", "drainSeconds": 5, "deregisterWaitSeconds": 40,
 * "consumerCacheSeconds": 35, "serverVersion": "2.x"}`, for `explain`'s Nacos windows.
 */
export const NACOS_ANNOTATION = 'lifecycle.cdk8s.io/nacos';

/** Reads a `{"name": number}` annotation; anything malformed reads as empty. */
export function secondsByContainer(annotations: unknown, key: string): Record<string, number> {
  if (typeof annotations !== 'object' || annotations === null) return Object.create(null);
  const raw = (annotations as Record<string, unknown>)[key];
  if (typeof raw !== 'string') return Object.create(null);
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return Object.create(null);
    // No prototype: a container named `toString` or `constructor` must not find Object's methods.
    const out: Record<string, number> = Object.create(null);
    for (const [name, value] of Object.entries(parsed)) {
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) out[name] = value;
    }
    return out;
  } catch {
    return Object.create(null);
  }
}
