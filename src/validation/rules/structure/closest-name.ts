/**
 * "Did you mean livenessProbe?": the known name closest to a misspelt one, by edit distance with
 * transpositions (optimal string alignment), ignoring case, `_` and `-` so that `LivenessProbe`,
 * `liveness_probe` and `livenesProbe` all find `livenessProbe`.
 */

/** Edit distance with adjacent transpositions (OSA): `initialDelaySecond` → `initialDelaySeconds` is 1. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

/**
 * The candidate closest to `name`, or undefined when none is close enough to be a plausible typo
 * (at most one edit per four characters, at least one, at most three). Ties go to the
 * alphabetically first candidate, so the answer is deterministic.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const target = normalize(name);
  const limit = Math.min(3, Math.max(1, Math.floor(target.length / 4)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const normalized = normalize(candidate);
    // The distance is at least the difference in length: skip the matrix when that already exceeds the limit.
    if (Math.abs(normalized.length - target.length) > limit) continue;
    const d = editDistance(target, normalized);
    if (d > limit) continue;
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
