/**
 * Lints the objects of several files together (cross-object rules, such as a Service selecting a
 * workload's pods, see every file) and ties each finding back to its file and line.
 */
import { lintObjects } from '../validation/engine';
import type { Finding } from '../validation/finding';
import type { Rule } from '../validation/rule';
import { InputError, type Position } from './input-error';
import type { K8sVersionSetting } from './k8s-version';
import { loadObjects, type LoadedObject, type SourceText } from './load-objects';

/** A finding with the file and line it points at. */
export interface LocatedFinding extends Finding {
  readonly file: string;
  /** 1-based index of the YAML document in the file. */
  readonly document: number;
  readonly line: number;
  readonly column: number;
}

export interface LintReport {
  readonly findings: readonly LocatedFinding[];
  readonly objectCount: number;
  readonly fileCount: number;
}

export interface LintSourcesOptions {
  /** @default '1.28' */
  readonly k8sVersion?: string;
  /** Where the version was chosen, for advice such as "pass --k8s-version 1.30". @default 'api' */
  readonly k8sVersionSetting?: K8sVersionSetting;
  /** @default - every rule of the registry */
  readonly rules?: readonly Rule[];
}

/** Parses every source first: any unparsable one is an InputError (all of them are collected), and nothing is linted. */
export function loadAll(sources: readonly SourceText[]): { objects: LoadedObject[]; errors: InputError[] } {
  const objects: LoadedObject[] = [];
  const errors: InputError[] = [];
  for (const source of sources) {
    try {
      objects.push(...loadObjects(source));
    } catch (err) {
      if (err instanceof InputError) errors.push(err);
      else throw err;
    }
  }
  return { objects, errors };
}

export function lintLoaded(objects: readonly LoadedObject[], fileCount: number, options: LintSourcesOptions = {}): LintReport {
  const findings = lintObjects(objects.map(o => o.object), options);
  const located = findings.map((f): LocatedFinding => {
    const source = objects[f.objectIndex];
    const position: Position = source.locate(f.path);
    // Not `{ ...f, file, ... }`: Node 20's V8 adds properties after a spread through a slow path (~2.5 µs a finding).
    return Object.assign({}, f, { file: source.file, document: source.document, line: position.line, column: position.column });
  });
  return { findings: located, objectCount: objects.length, fileCount };
}
