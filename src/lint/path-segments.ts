/**
 * Splits a Kubernetes field path (`spec.containers[0].ports[1].name`,
 * `metadata.annotations[app.kubernetes.io/name]`) back into the segments that lead to the node:
 * strings for map keys, numbers for list indexes. The inverse of `validation/field-path.ts`.
 */

export type PathSegment = string | number;

export function pathSegments(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      i++;
      continue;
    }
    if (c === '[') {
      // A bracket holds an index or a map key; keys may contain dots and slashes.
      const end = path.indexOf(']', i + 1);
      const inner = end === -1 ? path.slice(i + 1) : path.slice(i + 1, end);
      segments.push(/^\d+$/.test(inner) ? Number(inner) : inner);
      i = end === -1 ? path.length : end + 1;
      continue;
    }
    let end = i;
    while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
    segments.push(path.slice(i, end));
    i = end;
  }
  return segments;
}
