/**
 * Per-object memoization for the views rules share (pod template, api-server view, lifecycle
 * view): each is computed once per object and read by a dozen rules or more.
 */

/**
 * `compute`, remembered for the last object it was asked about. The engine runs every rule on one
 * object before the next, so that is every call but the first for each object. Unlike a WeakMap
 * keyed by every object, it keeps no view alive past its object's turn: on a 10,000-object lint
 * the views were tens of megabytes that each young-generation GC copied until lint ended.
 */
export function memoizePerObject<K extends object, V>(compute: (key: K) => V | undefined): (key: K) => V | undefined {
  let lastKey: K | undefined;
  let lastValue: V | undefined;
  return key => {
    if (key !== lastKey) {
      lastValue = compute(key);
      lastKey = key;
    }
    return lastValue;
  };
}
