/**
 * Items (Services, pod sources) listed under label pairs, for the cross-object rules that look up
 * which of them a set of labels or a selector can concern. Two levels, key then value, rather
 * than one map of `key=value` strings: a lookup builds no string, and label keys are property
 * names (interned, their hash kept), so a lookup of a linted object's labels hashes little.
 */
export class LabelIndex<T> {
  private readonly byKey = new Map<string, Map<string, T[]>>();
  private readonly withKey = new Map<string, T[]>();

  /** Lists `item` under `key=value`. */
  public addPair(key: string, value: string, item: T): void {
    let values = this.byKey.get(key);
    if (values === undefined) this.byKey.set(key, values = new Map());
    listUnder(values, value, item);
  }

  /** Lists `item` under `key`, whatever its value (for `Exists`). */
  public addKey(key: string, item: T): void {
    listUnder(this.withKey, key, item);
  }

  /** The items listed under `key=value`; empty when none. */
  public pair(key: string, value: string): readonly T[] {
    return this.byKey.get(key)?.get(value) ?? NONE;
  }

  /** The items listed under `key`; empty when none. */
  public key(key: string): readonly T[] {
    return this.withKey.get(key) ?? NONE;
  }

  /** Whether no pair was listed. */
  public get empty(): boolean {
    return this.byKey.size === 0;
  }
}

const NONE: readonly never[] = Object.freeze([]);

/** Appends `item` to the list under `key`, starting the list when there is none. */
export function listUnder<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item); else map.set(key, [item]);
}
