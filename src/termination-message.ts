/**
 * `terminationMessagePolicy: FallbackToLogsOnError`, which cdk8s-plus-28 cannot set: a container
 * that fails without writing /dev/termination-log then shows its last log lines in `kubectl
 * describe pod` (the reason for a crash, a failed init step, a failed hook's side effects).
 */
import { ApiObject, JsonPatch } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';

export type ContainerList = 'containers' | 'initContainers';

/** The JSON pointer of the pod spec inside the workload's manifest. */
function podSpecPointer(workload: plus.AbstractPod): string {
  return workload instanceof plus.Pod ? '/spec' : '/spec/template/spec';
}

/** Sets the policy on the container at `index` of `list`. */
export function fallbackToLogsOnErrorAt(workload: plus.AbstractPod, list: ContainerList, index: number): void {
  ApiObject.of(workload).addJsonPatch(
    JsonPatch.add(`${podSpecPointer(workload)}/${list}/${index}/terminationMessagePolicy`, 'FallbackToLogsOnError'));
}

/** Sets the policy on every container and init container the workload has now: call it after the last one is added. */
export function fallbackToLogsOnError(workload: plus.AbstractPod): void {
  workload.initContainers.forEach((_, i) => fallbackToLogsOnErrorAt(workload, 'initContainers', i));
  workload.containers.forEach((_, i) => fallbackToLogsOnErrorAt(workload, 'containers', i));
}
