/**
 * Public sources the rules' docs cite, at a release tag, so a reader can open the exact code the
 * judgement rests on.
 */

/** The kubelet's container lifecycle: startContainer (postStart), killContainer, executePreStopHook. */
export const KUBELET_SOURCE = 'https://github.com/kubernetes/kubernetes/blob/v1.33.0/pkg/kubelet/kuberuntime/kuberuntime_container.go';

/** The kubelet's pod workers: calculateEffectiveGracePeriod. */
export const POD_WORKERS_SOURCE = 'https://github.com/kubernetes/kubernetes/blob/v1.33.0/pkg/kubelet/pod_workers.go';

/** The kubelet's prober: when probes start, how failures count. */
export const PROBER_SOURCE = 'https://github.com/kubernetes/kubernetes/blob/v1.33.0/pkg/kubelet/prober/worker.go';

/** kubernetes.io: Pod termination. */
export const POD_TERMINATION_DOCS = 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination';

/** kubernetes.io: Container lifecycle hooks. */
export const HOOKS_DOCS = 'https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/';

/** kubernetes.io: Configure liveness, readiness and startup probes. */
export const PROBES_DOCS = 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/';
