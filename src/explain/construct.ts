/**
 * `explain` from code: the workloads a construct synthesizes, read through the same `toJson()`
 * cdk8s writes to YAML, so the timeline is the one the cluster will see.
 */
import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import type { Explanation } from './model';
import { explainObjects, type ExplainOptions } from './timeline';

/** Every ApiObject under `scope` (itself included), resolved as cdk8s synthesizes it. */
export function synthesizedObjects(scope: IConstruct): unknown[] {
  return scope.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject).map(o => o.toJson());
}

/**
 * The timelines of the workloads under a construct (a GracefulWebService, a Chart, an App's
 * chart). Services among the same objects decide whether a pod is Service-backed.
 */
export function explainConstruct(scope: IConstruct, options: ExplainOptions = {}): Explanation[] {
  return explainObjects(synthesizedObjects(scope), options);
}
