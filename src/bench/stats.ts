/** Timing helpers for the benchmark: wall-clock milliseconds, medians, a GC between samples. */
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

/**
 * Wall-clock and CPU milliseconds `fn` takes, and what it returned. CPU time (user + system, all
 * of this process's threads) is what to compare on a shared machine: other processes stretch the
 * wall clock of whichever variant they happen to overlap.
 */
export function timed<T>(fn: () => T): { ms: number; cpuMs: number; value: T } {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, value };
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

/** The q-quantile (0 <= q <= 1), interpolating linearly between the two nearest samples; NaN for none. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  return below === at ? sorted[below] : sorted[below] + (sorted[below + 1] - sorted[below]) * (at - below);
}

let collector: ((options?: { type: 'minor' | 'major' }) => void) | undefined;

/**
 * Empties the young generation, so that the short-lived garbage one sample leaves behind is not
 * charged to the next one. Not a full collection: after a forced major GC V8 starts the next run
 * with a shrunk heap and spends it growing again, which inflated every sample (here by a third)
 * and the construct side more than the floor. `npm run bench` starts node without `--expose-gc`;
 * the flag can still be turned on at run time and `gc` read from a fresh context.
 */
export function collectGarbage(): void {
  if (!collector) {
    const existing = (globalThis as { gc?: typeof collector }).gc;
    if (existing) {
      collector = existing;
    } else {
      setFlagsFromString('--expose-gc');
      collector = runInNewContext('gc') as typeof collector;
    }
  }
  collector!({ type: 'minor' });
}
