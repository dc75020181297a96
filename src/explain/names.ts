/**
 * Display names of a pod's containers, unique within the pod: the container's name, `#<index>`
 * when it has none, and `<name>#<index>` for a repeated name (which the API server rejects, but
 * a lane id must stay unique).
 */
import { containersOf, type PodSpecAt } from '../validation/pod-template';

/** Container field path → display name, for init and app containers. */
export function containerNames(pod: PodSpecAt): ReadonlyMap<string, string> {
  const seen = new Set<string>();
  const out = new Map<string, string>();
  for (const c of containersOf(pod, ['initContainers', 'containers'])) {
    let name = c.name ?? `#${c.index}`;
    if (seen.has(name)) name = `${name}#${c.index}`;
    for (let i = 2; seen.has(name); i++) name = `${c.name ?? ''}#${c.index}-${i}`;
    seen.add(name);
    out.set(c.path, name);
  }
  return out;
}
