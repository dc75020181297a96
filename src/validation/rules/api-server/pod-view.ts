/**
 * What every api-server rule needs from one object: its pod spec, its containers and the
 * version-dependent behaviour of the API server. Computed once per object and shared by all the
 * rules of this folder.
 */
import { kindOf, podTemplateOf, type ContainerAt, type JsonMap, type PodSpecAt } from '../../pod-template';
import { k8sMinorOf } from '../../../lint/k8s-version';
import { gateOnByDefault, SIDECAR_CONTAINERS, type FeatureGate } from '../../feature-gates';
import { memoizePerObject } from '../../per-object';
import type { KubeObject, RuleContext } from '../../rule';

export interface PodView {
  readonly kind: string;
  readonly pod: PodSpecAt;
  /** Init containers first, then app containers, each with its path. */
  readonly containers: readonly ContainerAt[];
  /**
   * Appended to messages about the pod template. A StatefulSet's template is not validated
   * when the StatefulSet is created (apps validation.go, ValidatePodTemplateSpecForStatefulSet:
   * "TODO: Add validation for PodSpec"): the API server accepts the StatefulSet, then rejects
   * every Pod its controller creates.
   */
  readonly note: string | undefined;
}

const STATEFULSET_NOTE = '(the API server accepts the StatefulSet, then rejects every Pod the StatefulSet controller creates from this template)';

export const podView = memoizePerObject((object: KubeObject): PodView | undefined => {
  const template = podTemplateOf(object);
  if (!template) return undefined;
  const kind = kindOf(object) ?? '';
  return { kind, pod: template.pod, containers: template.containers, note: kind === 'StatefulSet' ? STATEFULSET_NOTE : undefined };
});

/** The minor version the rules target: `1.28` → 28. */
export function k8sMinor(context: RuleContext): number {
  return k8sMinorOf(context.k8sVersion);
}

/** Whether a feature gate is on by default in the target version. */
export function gateOn(gate: FeatureGate, context: RuleContext): boolean {
  return gateOnByDefault(gate, k8sMinor(context));
}

/**
 * SidecarContainers (init containers with `restartPolicy: Always`) is alpha and off by default in
 * 1.28, beta and on from 1.29, GA in 1.33. With the gate off the API server silently drops an init
 * container's `restartPolicy` before validating (pkg/api/pod/util.go, dropDisabledFields).
 */
export function sidecarsEnabled(context: RuleContext): boolean {
  return gateOn(SIDECAR_CONTAINERS, context);
}

/** An init container the API server treats as a sidecar (restartable) one. */
export function isRestartableInit(c: ContainerAt, context: RuleContext): boolean {
  return c.list === 'initContainers' && c.container.restartPolicy === 'Always' && sidecarsEnabled(context);
}

/** Probes and lifecycle hooks are validated on app containers and on sidecar init containers only. */
export function mayHaveProbes(c: ContainerAt, context: RuleContext): boolean {
  return c.list === 'containers' || isRestartableInit(c, context);
}

/** Each element of an array field that is a JSON object, with its index. */
export function eachMap(value: unknown, visit: (item: JsonMap, index: number) => void): void {
  if (!Array.isArray(value)) return;
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    if (typeof item === 'object' && item !== null && !Array.isArray(item)) visit(item as JsonMap, i);
  }
}
