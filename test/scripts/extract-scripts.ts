/**
 * Finds every shell script in synthesized Kubernetes objects, generically: any `command` (plus
 * a container's `args`) whose argv runs a shell with `-c`, wherever it sits (containers, init
 * containers, hooks, probes, in any kind), and every ConfigMap entry that is a script (a key
 * ending in `.sh`, or a value starting with `#!`). Each comes with the container it runs in, so
 * a sandbox can give it that container's env and mounts.
 */

export type Json = Record<string, unknown>;

export interface ScriptContext {
  /** The pod spec the script runs in (its `volumes`). */
  readonly podSpec?: Json;
  /** The container the script runs in (its `env` and `volumeMounts`). */
  readonly container?: Json;
}

export interface ExtractedScript {
  /** `Kind/name:container:role`, e.g. `Deployment/shop:app:preStop` or `ConfigMap/hooks:prestop.sh`. */
  readonly id: string;
  /** `command` (a container's main process), `init`, a hook or probe name, or `configmap`. */
  readonly role: string;
  readonly script: string;
  /** The words after the script: `$0`, `$1`, ... */
  readonly positional: readonly string[];
  readonly object: Json;
  readonly context: ScriptContext;
  /** For a ConfigMap script: where the container sees it, when some container mounts it. */
  readonly mountedAt?: string;
}

const SHELLS = new Set(['sh', 'ash', 'dash', 'bash', 'busybox']);
const HOOKS_AND_PROBES = new Set(['postStart', 'preStop', 'livenessProbe', 'readinessProbe', 'startupProbe']);

const isMap = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every(w => typeof w === 'string') ? v as string[] : undefined);

/** `[sh, -c, script, $0...]` → script and positional words; undefined when argv is no `sh -c`. */
export function shellScriptOf(argv: readonly string[]): { script: string; positional: string[] } | undefined {
  if (argv.length < 3) return undefined;
  const base = argv[0].split('/').pop()!;
  let i = 1;
  if (base === 'busybox') {
    if (argv[1] !== 'sh' && argv[1] !== 'ash') return undefined;
    i = 2;
  } else if (!SHELLS.has(base)) {
    return undefined;
  }
  for (; i < argv.length && argv[i].startsWith('-'); i++) {
    if (/^-[a-z]*c[a-z]*$/.test(argv[i])) {
      return i + 1 < argv.length ? { script: argv[i + 1], positional: argv.slice(i + 2) } : undefined;
    }
  }
  return undefined;
}

function identity(object: Json): string {
  const metadata = isMap(object.metadata) ? object.metadata : {};
  return `${String(object.kind)}/${String(metadata.name)}`;
}

/** All scripts of all objects, in a stable order. */
export function extractScripts(objects: readonly Json[]): ExtractedScript[] {
  const found: ExtractedScript[] = [];
  for (const object of objects) {
    walk(object, [], {}, (node, keys, context) => {
      const inContainerList = keys.length >= 2 && typeof keys[keys.length - 1] === 'number'
        && ['containers', 'initContainers', 'ephemeralContainers'].includes(String(keys[keys.length - 2]));
      const command = strings(node.command);
      const args = strings(node.args);
      const argv = inContainerList ? (command ? [...command, ...(args ?? [])] : args) : command;
      const parsed = argv && shellScriptOf(argv);
      if (!parsed) return;
      const containerName = isMap(context.container) ? String(context.container.name) : '?';
      const hook = [...keys].reverse().find(k => typeof k === 'string' && HOOKS_AND_PROBES.has(k));
      const role = hook ? String(hook) : keys.includes('initContainers') ? 'init' : 'command';
      found.push({ id: `${identity(object)}:${containerName}:${role}`, role, ...parsed, object, context });
    });
  }
  for (const object of objects) {
    if (object.kind !== 'ConfigMap' || !isMap(object.data)) continue;
    const name = isMap(object.metadata) ? String(object.metadata.name) : '?';
    for (const key of Object.keys(object.data).sort()) {
      const value = object.data[key];
      if (typeof value !== 'string' || !(key.endsWith('.sh') || value.startsWith('#!'))) continue;
      const mount = findConfigMapMount(objects, name, key);
      found.push({
        id: `ConfigMap/${name}:${key}`, role: 'configmap', script: value, positional: [], object,
        context: mount?.context ?? {}, mountedAt: mount?.path,
      });
    }
  }
  return found;
}

/** Visits every map in `node`, tracking the innermost pod spec and container. */
function walk(node: unknown, keys: (string | number)[], context: ScriptContext, visit: (node: Json, keys: (string | number)[], context: ScriptContext) => void): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, [...keys, i], context, visit));
    return;
  }
  if (!isMap(node)) return;
  let inner = context;
  if (Array.isArray(node.containers)) inner = { ...inner, podSpec: node };
  const parentKey = keys[keys.length - 2];
  if (typeof keys[keys.length - 1] === 'number' && (parentKey === 'containers' || parentKey === 'initContainers' || parentKey === 'ephemeralContainers')) {
    inner = { ...inner, container: node };
  }
  visit(node, keys, inner);
  for (const key of Object.keys(node)) walk(node[key], [...keys, key], inner, visit);
}

/** The first container (of any object) that mounts ConfigMap `name`, and the path of `key` in it. */
function findConfigMapMount(objects: readonly Json[], name: string, key: string): { context: ScriptContext; path: string } | undefined {
  let result: { context: ScriptContext; path: string } | undefined;
  for (const object of objects) {
    walk(object, [], {}, (node, _keys, context) => {
      if (result || node !== context.container || !isMap(context.podSpec)) return;
      const volumes = Array.isArray(context.podSpec.volumes) ? context.podSpec.volumes.filter(isMap) : [];
      const mounts = Array.isArray(node.volumeMounts) ? node.volumeMounts.filter(isMap) : [];
      for (const mount of mounts) {
        const volume = volumes.find(v => v.name === mount.name);
        const configMap = volume && isMap(volume.configMap) ? volume.configMap : undefined;
        if (!configMap || configMap.name !== name) continue;
        const items = Array.isArray(configMap.items) ? configMap.items.filter(isMap) : undefined;
        const item = items?.find(i => i.key === key);
        if (items && !item) continue;
        const file = item ? String(item.path) : key;
        const subPath = typeof mount.subPath === 'string' ? mount.subPath : undefined;
        if (subPath !== undefined && subPath !== file) continue;
        result = { context, path: subPath !== undefined ? String(mount.mountPath) : `${String(mount.mountPath).replace(/\/$/, '')}/${file}` };
        return;
      }
    });
    if (result) break;
  }
  return result;
}
