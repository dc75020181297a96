/**
 * Per-object memoization for the views rules share (pod template, api-server view, lifecycle
 * view): each is computed once per object and read by a dozen rules or more.
 */

/**
 * `compute`, remembered for the last object it was asked about. The engine runs every rule on one
 * object before the next, so that is every call but the first for each object. Unlike a WeakMap
 * keyed by every object, it keeps no view alive past its object's turn: on a 10,000-object lint
 * the views were tens of megabytes that each young-generation GC copied until lint ended. It
 * forgets that object when the lint run ends. Make memos at module level: each one is kept (to be
 * told when runs end) for the life of the process.
 */
export function memoizePerObject<K extends object, V>(compute: (key: K) => V | undefined): (key: K) => V | undefined {
  let lastKey: K | undefined;
  let lastValue: V | undefined;
  onLintRunEnd(() => {
    lastKey = undefined;
    lastValue = undefined;
  });
  return key => {
    if (key !== lastKey) {
      lastValue = compute(key);
      lastKey = key;
    }
    return lastValue;
  };
}

const forgetters: (() => void)[] = [];

/**
 * Registers what a "last object" memo does to forget its object when a lint run ends. Otherwise
 * the last object of a run, and through its context every object of the run, stayed reachable
 * until the next run: after a synth of 500 services, 5 MB of the app's JSON, which every
 * major collection of the next synth (or test) then marked again.
 */
export function onLintRunEnd(forget: () => void): void {
  forgetters.push(forget);
}

/** Called by the engine once a run has checked every object. */
export function endLintRun(): void {
  for (const forget of forgetters) forget();
}
