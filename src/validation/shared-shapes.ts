/**
 * The JSON that synth-time validation lints and that cdk8s then writes, copied so that objects
 * alike share one hidden class.
 *
 * cdk8s-plus-28's generated serializers (`toJson_Container`, `toJson_EnvVar`, ...) build each
 * object by spreading it one field at a time (`{ ...r, [k]: v }`), and V8 gives many of the
 * objects built that way a hidden class of their own: the containers (and each env var, probe
 * action, ...) of two Deployments with the same fields do not share one. Whatever reads them then
 * misses V8's per-class caches on every object. On the synth benchmark's 1,500 objects, the
 * strict-decoding walk took 9-13 ms over cdk8s's objects against 4 ms over a copy, and the YAML
 * writer (the `yaml` library, through cdk8s's `Yaml.stringify`) about 3 % of the synth more. A
 * copy built field by field in the same order gives objects alike one hidden class, for about
 * 11 ms.
 *
 * The copy is the same JSON to every reader: the same own enumerable string keys in the same
 * order, the same values (undefined included), holes left as holes, and an object met twice
 * copied once (the YAML writer writes a repeat as an alias). Only plain objects and plain arrays
 * are copied; anything else (a Date, a class instance or a null-prototype map put there by an
 * escape hatch) is kept as it is.
 */

/** A copy of `json` with shared hidden classes (see above); `json` itself is not changed. */
export function withSharedShapes<T>(json: T): T {
  return copy(json, new Map()) as T;
}

function copy(value: unknown, copies: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const done = copies.get(value);
  if (done !== undefined) return done;
  const proto: unknown = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    if (proto !== Array.prototype) return value;
    const out: unknown[] = new Array(value.length);
    copies.set(value, out);
    for (let i = 0; i < value.length; i++) if (i in value) out[i] = copy(value[i], copies);
    return out;
  }
  // Class instances and null-prototype maps (rare) are kept: a copy could read differently.
  if (proto !== Object.prototype) return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  copies.set(value, out);
  for (const k in source) {
    if (!Object.hasOwn(source, k)) continue;
    const v = copy(source[k], copies);
    // An own `__proto__` key (JSON.parse makes those) must stay a key, not become the prototype.
    if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  return out;
}
