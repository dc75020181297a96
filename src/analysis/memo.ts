/**
 * Manifests repeat the same few hook scripts and annotations across many objects: each distinct
 * text is read once. The cache is bounded, so a lint of many distinct texts stays flat in memory.
 */

const LIMIT = 4096;

/** `compute`, remembered by its string key (at most 4096 keys; the results are shared: do not modify them). */
export function memoizeByText<V>(compute: (text: string) => V): (text: string) => V {
  const cache = new Map<string, V>();
  return text => {
    const cached = cache.get(text);
    if (cached !== undefined || cache.has(text)) return cached as V;
    const value = compute(text);
    if (cache.size >= LIMIT) cache.clear();
    cache.set(text, value);
    return value;
  };
}
