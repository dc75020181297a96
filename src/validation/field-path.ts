/** Field paths in Kubernetes' notation (`a.b[0].c`), as `field.Path` prints them in validation.go. */

export function child(path: string, field: string): string {
  return path === '' ? field : `${path}.${field}`;
}

export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

/** Map key, quoted as field.Path.Key does: `metadata.annotations[foo]`. */
export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}
