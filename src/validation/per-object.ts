/**
 * Per-object memoization for the views rules share (pod template, api-server view, lifecycle
 * view): each is computed once per object and read by a dozen rules or more.
 */

const forgetters: (() => void)[] = [];

/**
 * `compute`, remembered for the last object (and lint run context, when given) it was asked about.
 * The engine runs every rule on one object before the next, so that is every call but the first
 * for each object. Unlike a WeakMap keyed by every object, it keeps no view alive past its
 * object's turn: on a 10,000-object lint the views were tens of megabytes that each young-generation
 * GC copied until lint ended. The context is part of the key: each lint run has its own, so an
 * object mutated and linted again is read again.
 *
 * When a run ends, every memo forgets its object (`endLintRun`). Otherwise the last object of a
 * run, and through its context every object of the run, stayed reachable until the next run:
 * after a synth of 500 services, 5 MB of the app's JSON, which every major collection of the next
 * synth (or test) then marked again. Make memos at module level: each one is kept (to be told
 * when runs end) for the life of the process.
 */
export function memoizePerObject<K extends object, V, C = void>(compute: (key: K, context: C) => V | undefined): (key: K, context: C) => V | undefined {
  let lastKey: K | undefined;
  let lastContext: C | undefined;
  let lastValue: V | undefined;
  forgetters.push(() => {
    lastKey = undefined;
    lastContext = undefined;
    lastValue = undefined;
  });
  return (key, context) => {
    if (key !== lastKey || context !== lastContext) {
      lastValue = compute(key, context);
      lastKey = key;
      lastContext = context;
    }
    return lastValue;
  };
}

/** Called by the engine once a run has checked every object. */
export function endLintRun(): void {
  for (const forget of forgetters) forget();
}
