/**
 * Rule ids given by users (`--disable`, the plugin's `disable`, ignore annotations): checked
 * against the known ids, with the closest one suggested on a typo, as commander does for options.
 */

/** The known id closest to `id`, if it is close enough to be a typo of it. */
export function closestId(id: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    // Comparing the part after the category too finds a name with a reworded middle
    // (`liveness-same-as-readiness` for `liveness-equals-readiness`) and a right name in the wrong category.
    const d = Math.min(distance(id, candidate), distance(lastPart(id), lastPart(candidate)) + 1);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  if (best === undefined) return undefined;
  // Up to about a third of the name may differ.
  return bestDistance <= Math.max(2, Math.floor(lastPart(best).length / 3)) ? best : undefined;
}

/** `"x" is not a rule id; did you mean "y"?` or, with nothing close, where to find the ids. */
export function unknownIdMessage(id: string, known: Iterable<string>): string {
  const close = closestId(id, known);
  return close ? `${JSON.stringify(id)} is not a rule id; did you mean ${JSON.stringify(close)}?` : `${JSON.stringify(id)} is not a rule id (see docs/rules.md for the ids)`;
}

function lastPart(id: string): string {
  const slash = id.lastIndexOf('/');
  return slash === -1 ? id : id.slice(slash + 1);
}

/** Levenshtein distance, two rows. */
function distance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
