/**
 * Per-object suppression, as kube-linter's `ignore-check.kube-linter.io/<check>` and Polaris'
 * `polaris.fairwinds.com/<check>-exempt` do it, with one annotation listing rule ids:
 *
 *     metadata:
 *       annotations:
 *         lifecycle.cdk8s.io/ignore: "lifecycle/liveness-without-startup-probe,lifecycle/pdb-blocks-eviction"
 *         lifecycle.cdk8s.io/ignore-reason: "batch worker: slow start is fine, drains are scheduled"
 *
 * Only the object's own `metadata.annotations` count. A pod template's annotations are copied
 * into every Pod it creates, where they would mean something else (and a workload and its Pods
 * linted together would disagree), so an ignore there is reported, not honoured.
 */
import { key } from './field-path';
import { isMap, podTemplateOf } from './pod-template';
import type { KubeObject } from './rule';

export const IGNORE_ANNOTATION = 'lifecycle.cdk8s.io/ignore';
export const IGNORE_REASON_ANNOTATION = 'lifecycle.cdk8s.io/ignore-reason';

/** An object's ignore annotation, read. */
export interface IgnoreAnnotation {
  /** The rule ids listed, in order, without blanks. */
  readonly rules: ReadonlySet<string>;
  /** The ignore-reason annotation, when set to a non-empty string. */
  readonly reason?: string;
  /** Field path of the annotation, for findings about it. */
  readonly path: string;
  /** What is wrong with the value itself (not a string). */
  readonly problem?: string;
}

const OBJECT_ANNOTATIONS = 'metadata.annotations';

/** The object's ignore annotation, or undefined when it has none (the common case, read in O(1)). */
export function ignoreAnnotationOf(object: KubeObject): IgnoreAnnotation | undefined {
  const annotations = annotationsOf(object.metadata);
  if (!annotations || !Object.hasOwn(annotations, IGNORE_ANNOTATION)) return undefined;
  const value = annotations[IGNORE_ANNOTATION];
  const path = key(OBJECT_ANNOTATIONS, IGNORE_ANNOTATION);
  const reasonValue = annotations[IGNORE_REASON_ANNOTATION];
  const reason = typeof reasonValue === 'string' && reasonValue.trim() !== '' ? reasonValue.trim() : undefined;
  if (typeof value !== 'string') {
    return { rules: new Set(), reason, path, problem: `must be a string of comma-separated rule ids (got ${describe(value)})` };
  }
  return { rules: new Set(splitIds(value)), reason, path };
}

/** `a, b,,c` → a, b, c */
export function splitIds(value: string): string[] {
  return value.split(',').map(s => s.trim()).filter(s => s !== '');
}

/** Field path of an ignore annotation on the object's pod template (where it has no effect), if any. */
export function misplacedIgnorePath(object: KubeObject): string | undefined {
  // Memoized per object: the rules that ran on this object have usually found it already.
  const pod = podTemplateOf(object)?.pod;
  // A Pod's "template metadata" is its own metadata: there the annotation is in the right place.
  if (!pod || pod.path === 'spec') return undefined;
  const annotations = annotationsOf(pod.metadata);
  if (!annotations || !Object.hasOwn(annotations, IGNORE_ANNOTATION)) return undefined;
  return key(`${pod.path.replace(/\.spec$/, '')}.metadata.annotations`, IGNORE_ANNOTATION);
}

function annotationsOf(metadata: unknown): Record<string, unknown> | undefined {
  if (!isMap(metadata)) return undefined;
  const annotations = metadata.annotations;
  return isMap(annotations) ? annotations : undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `${typeof value === 'object' ? 'a map' : `${typeof value} ${JSON.stringify(value)}`}`;
}
