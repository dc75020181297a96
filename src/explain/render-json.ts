/**
 * `--format json`: the timeline numbers for other tools. Shape (documented in
 * docs/explain/README.md, versioned by `schemaVersion`):
 * `{"schemaVersion": 1, "workloads": [{"file", "document", ...Explanation}]}`; `file` and
 * `document` are null for workloads that did not come from a file (explained from code).
 */
import { EXPLAIN_SCHEMA_VERSION, type Explanation } from './model';

/** One explained workload and where it was read from. */
export interface ExplainedWorkload {
  readonly file: string | null;
  /** 1-based YAML document index in `file`. */
  readonly document: number | null;
  readonly explanation: Explanation;
}

export function renderJson(items: readonly (ExplainedWorkload | Explanation)[]): string {
  const workloads = items.map(i => ('explanation' in i
    ? { file: i.file, document: i.document, ...i.explanation }
    : { file: null, document: null, ...i }));
  return `${JSON.stringify({ schemaVersion: EXPLAIN_SCHEMA_VERSION, workloads }, null, 2)}\n`;
}
