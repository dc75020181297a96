/**
 * The Kubernetes feature gates that decide, release by release, whether kube-apiserver keeps or
 * silently drops a field of a manifest, with their defaults in each minor version 1.28-1.35.
 *
 * Source of the defaults: the versioned specs of pkg/features/kube_features.go
 * (https://github.com/kubernetes/kubernetes/blob/v1.35.0/pkg/features/kube_features.go,
 * defaultVersionedKubernetesFeatureGates: each gate lists the version of each stage and its
 * default), and of staging/src/k8s.io/apiextensions-apiserver/pkg/features/kube_features.go for
 * CustomResourceFieldSelectors. Where a gate is off, the registry strategy drops the field on
 * create: pkg/api/pod/util.go dropDisabledFields for pod specs and templates (every workload kind),
 * pkg/registry/batch/job/strategy.go PrepareForCreate for Jobs, pkg/registry/core/service/strategy.go
 * dropServiceDisabledFields, pkg/registry/apps/statefulset/strategy.go dropStatefulSetDisabledFields,
 * apiextensions-apiserver pkg/registry/customresourcedefinition/strategy.go dropDisabledFields.
 */
import type { JsonMap } from './pod-template';

export type GateStage = 'alpha' | 'beta-off' | 'beta' | 'ga';

/** One gate's history: the minor version in which each stage began. */
export interface FeatureGate {
  readonly name: string;
  readonly stages: ReadonlyArray<readonly [minor: number, stage: GateStage]>;
}

function gate(name: string, ...stages: Array<readonly [number, GateStage]>): FeatureGate {
  return { name, stages };
}

export const SIDECAR_CONTAINERS = gate('SidecarContainers', [28, 'alpha'], [29, 'beta'], [33, 'ga']);
export const POD_LIFECYCLE_SLEEP_ACTION = gate('PodLifecycleSleepAction', [29, 'alpha'], [30, 'beta'], [34, 'ga']);
export const POD_LIFECYCLE_SLEEP_ACTION_ALLOW_ZERO = gate('PodLifecycleSleepActionAllowZero', [32, 'alpha'], [33, 'beta'], [34, 'ga']);
export const POD_HOST_IPS = gate('PodHostIPs', [28, 'alpha'], [29, 'beta'], [30, 'ga']);
export const RELAXED_ENVIRONMENT_VARIABLE_VALIDATION = gate('RelaxedEnvironmentVariableValidation', [30, 'alpha'], [32, 'beta'], [34, 'ga']);
export const CONTAINER_RESTART_RULES = gate('ContainerRestartRules', [34, 'alpha'], [35, 'beta']);
export const ENV_FILES = gate('EnvFiles', [34, 'alpha'], [35, 'beta']);
const CONTAINER_STOP_SIGNALS = gate('ContainerStopSignals', [33, 'alpha']);
const IN_PLACE_POD_VERTICAL_SCALING = gate('InPlacePodVerticalScaling', [27, 'alpha'], [33, 'beta'], [35, 'ga']);
const USER_NAMESPACES_SUPPORT = gate('UserNamespacesSupport', [25, 'alpha'], [30, 'beta-off'], [33, 'beta']);
const SUPPLEMENTAL_GROUPS_POLICY = gate('SupplementalGroupsPolicy', [31, 'alpha'], [33, 'beta'], [35, 'ga']);
const POD_LEVEL_RESOURCES = gate('PodLevelResources', [32, 'alpha'], [34, 'beta']);
const PROC_MOUNT_TYPE = gate('ProcMountType', [12, 'alpha'], [31, 'beta-off'], [33, 'beta']);
const MATCH_LABEL_KEYS_IN_POD_AFFINITY = gate('MatchLabelKeysInPodAffinity', [29, 'alpha'], [31, 'beta'], [33, 'ga']);
const DYNAMIC_RESOURCE_ALLOCATION = gate('DynamicResourceAllocation', [26, 'alpha'], [32, 'beta-off'], [34, 'ga']);
const CLUSTER_TRUST_BUNDLE_PROJECTION = gate('ClusterTrustBundleProjection', [29, 'alpha'], [33, 'beta-off']);
const POD_CERTIFICATE_REQUEST = gate('PodCertificateRequest', [34, 'alpha'], [35, 'beta-off']);
const GENERIC_WORKLOAD = gate('GenericWorkload', [35, 'alpha']);
const RECURSIVE_READ_ONLY_MOUNTS = gate('RecursiveReadOnlyMounts', [30, 'alpha'], [31, 'beta'], [33, 'ga']);
const HOSTNAME_OVERRIDE = gate('HostnameOverride', [34, 'alpha'], [35, 'beta']);
const IMAGE_VOLUME = gate('ImageVolume', [31, 'alpha'], [33, 'beta-off'], [35, 'beta']);
const SELINUX_CHANGE_POLICY = gate('SELinuxChangePolicy', [32, 'alpha'], [33, 'beta']);
const JOB_BACKOFF_LIMIT_PER_INDEX = gate('JobBackoffLimitPerIndex', [28, 'alpha'], [29, 'beta'], [33, 'ga']);
const JOB_POD_REPLACEMENT_POLICY = gate('JobPodReplacementPolicy', [28, 'alpha'], [29, 'beta'], [34, 'ga']);
const JOB_SUCCESS_POLICY = gate('JobSuccessPolicy', [30, 'alpha'], [31, 'beta'], [33, 'ga']);
const JOB_MANAGED_BY = gate('JobManagedBy', [30, 'alpha'], [32, 'beta'], [35, 'ga']);
const CUSTOM_RESOURCE_FIELD_SELECTORS = gate('CustomResourceFieldSelectors', [30, 'alpha'], [31, 'beta'], [32, 'ga']);
const SERVICE_TRAFFIC_DISTRIBUTION = gate('ServiceTrafficDistribution', [30, 'alpha'], [31, 'beta'], [33, 'ga']);
const MAX_UNAVAILABLE_STATEFUL_SET = gate('MaxUnavailableStatefulSet', [24, 'alpha'], [35, 'beta']);

/** The gate's stage in a minor version; undefined before the gate existed. */
export function gateStage(g: FeatureGate, minor: number): GateStage | undefined {
  let stage: GateStage | undefined;
  for (const [from, s] of g.stages) if (minor >= from) stage = s;
  return stage;
}

/** Whether kube-apiserver of that minor version has the gate on when nobody sets it. */
export function gateOnByDefault(g: FeatureGate, minor: number): boolean {
  const stage = gateStage(g, minor);
  return stage === 'beta' || stage === 'ga';
}

/** The first minor version with the gate on by default; undefined when none is known yet. */
export function firstOnByDefault(g: FeatureGate): number | undefined {
  return g.stages.find(([, s]) => s === 'beta' || s === 'ga')?.[0];
}

/** "alpha, off by default" / "beta, off by default". */
export function describeOffStage(g: FeatureGate, minor: number): string {
  return gateStage(g, minor) === 'beta-off' ? 'beta, off by default' : 'alpha, off by default';
}

/** Where a gated field was met: its value, the object holding it, and the list that object is an item of. */
export interface GatedFieldPlace {
  readonly value: unknown;
  readonly parent: JsonMap;
  /** `initContainers` for a field of `spec.initContainers[0]`; undefined when the parent is not a list item. */
  readonly list: string | undefined;
  /** The parent's own field name (`resources` for `containers[0].resources.claims`). */
  readonly parentField: string | undefined;
  /** Where the grandparent sits, e.g. `containers` for `containers[0].resources`. */
  readonly grandparentList: string | undefined;
}

const CONTAINER_LISTS: ReadonlySet<string> = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** A field that the API server of some supported versions drops because its gate is off by default there. */
export interface GatedField {
  /** Full OpenAPI definition name, e.g. `io.k8s.api.core.v1.Container`. */
  readonly definition: string;
  readonly field: string;
  readonly gate: FeatureGate;
  /** The function that drops the field (cited in the finding). */
  readonly droppedBy: string;
  /** Whether the API server drops this occurrence. @default - always */
  readonly applies?: (place: GatedFieldPlace) => boolean;
  /** What the drop does to the workload, when more than "the field is ignored". */
  readonly consequence?: (place: GatedFieldPlace, minor: number) => string | undefined;
  /** The API server resets the field to this value instead of dropping it. */
  readonly resetTo?: string;
}

const POD_UTIL = 'dropDisabledFields, pkg/api/pod/util.go';
const JOB_STRATEGY = 'PrepareForCreate, pkg/registry/batch/job/strategy.go';
const CORE = 'io.k8s.api.core.v1.';

const inContainer = (p: GatedFieldPlace) => p.list !== undefined && CONTAINER_LISTS.has(p.list);

function sidecarConsequence(place: GatedFieldPlace, minor: number): string | undefined {
  if (place.value !== 'Always') return undefined;
  const name = typeof place.parent.name === 'string' ? `"${place.parent.name}"` : 'this container';
  return `${name} then runs as a plain init container, and the pod's app containers start only after it exits: `
    + `a long-running sidecar (a proxy, a log shipper such as tail -F) keeps every pod in Init forever on 1.${minor}`;
}

function sleepConsequence(place: GatedFieldPlace): string | undefined {
  const others = ['exec', 'httpGet', 'tcpSocket'].filter(a => place.parent[a] !== undefined && place.parent[a] !== null);
  return others.length === 0
    ? 'the hook has no other action, so the whole hook is dropped and never runs (no drain delay before SIGTERM)'
    : `the hook runs only its ${others.join(' and ')} action`;
}

export const GATED_FIELDS: readonly GatedField[] = [
  {
    definition: `${CORE}Container`, field: 'restartPolicy', gate: SIDECAR_CONTAINERS, droppedBy: POD_UTIL,
    applies: p => p.list === 'initContainers', consequence: sidecarConsequence,
  },
  {
    definition: `${CORE}Container`, field: 'restartPolicy', gate: CONTAINER_RESTART_RULES, droppedBy: 'dropContainerRestartRules, pkg/api/pod/util.go',
    // Sidecars (Always on an init container) are SidecarContainers', on since 1.29.
    applies: p => inContainer(p) && !(p.list === 'initContainers' && p.value === 'Always'),
  },
  { definition: `${CORE}Container`, field: 'restartPolicyRules', gate: CONTAINER_RESTART_RULES, droppedBy: 'dropContainerRestartRules, pkg/api/pod/util.go' },
  { definition: `${CORE}Container`, field: 'resizePolicy', gate: IN_PLACE_POD_VERTICAL_SCALING, droppedBy: POD_UTIL },
  { definition: `${CORE}Lifecycle`, field: 'stopSignal', gate: CONTAINER_STOP_SIGNALS, droppedBy: 'dropContainerStopSignals, pkg/api/pod/util.go' },
  {
    definition: `${CORE}LifecycleHandler`, field: 'sleep', gate: POD_LIFECYCLE_SLEEP_ACTION, droppedBy: 'dropPodLifecycleSleepAction, pkg/api/pod/util.go',
    consequence: sleepConsequence,
  },
  {
    definition: `${CORE}EnvVarSource`, field: 'fileKeyRef', gate: ENV_FILES, droppedBy: 'dropFileKeyRefInUse, pkg/api/pod/util.go',
    consequence: () => 'valueFrom is then left without a source, which the API server rejects',
  },
  { definition: `${CORE}VolumeMount`, field: 'recursiveReadOnly', gate: RECURSIVE_READ_ONLY_MOUNTS, droppedBy: POD_UTIL },
  { definition: `${CORE}PodSpec`, field: 'hostnameOverride', gate: HOSTNAME_OVERRIDE, droppedBy: POD_UTIL },
  {
    definition: `${CORE}PodSpec`, field: 'resources', gate: POD_LEVEL_RESOURCES, droppedBy: 'dropDisabledPodLevelResources, pkg/api/pod/util.go',
    consequence: () => 'the pod runs without its pod-level requests and limits',
  },
  { definition: `${CORE}PodSpec`, field: 'resourceClaims', gate: DYNAMIC_RESOURCE_ALLOCATION, droppedBy: 'dropDisabledDynamicResourceAllocationFields, pkg/api/pod/util.go' },
  {
    definition: `${CORE}ResourceRequirements`, field: 'claims', gate: DYNAMIC_RESOURCE_ALLOCATION, droppedBy: 'dropDisabledDynamicResourceAllocationFields, pkg/api/pod/util.go',
    applies: p => p.parentField === 'resources' && p.grandparentList !== undefined && CONTAINER_LISTS.has(p.grandparentList),
  },
  { definition: `${CORE}PodSpec`, field: 'workloadRef', gate: GENERIC_WORKLOAD, droppedBy: 'dropDisabledWorkloadRef, pkg/api/pod/util.go' },
  { definition: `${CORE}PodSpec`, field: 'hostUsers', gate: USER_NAMESPACES_SUPPORT, droppedBy: POD_UTIL },
  { definition: `${CORE}PodSecurityContext`, field: 'supplementalGroupsPolicy', gate: SUPPLEMENTAL_GROUPS_POLICY, droppedBy: POD_UTIL },
  { definition: `${CORE}PodSecurityContext`, field: 'seLinuxChangePolicy', gate: SELINUX_CHANGE_POLICY, droppedBy: 'dropSELinuxChangePolicy, pkg/api/pod/util.go' },
  {
    definition: `${CORE}SecurityContext`, field: 'procMount', gate: PROC_MOUNT_TYPE, droppedBy: 'dropDisabledProcMountField, pkg/api/pod/util.go',
    applies: p => p.value !== 'Default', resetTo: 'Default',
  },
  { definition: `${CORE}PodAffinityTerm`, field: 'matchLabelKeys', gate: MATCH_LABEL_KEYS_IN_POD_AFFINITY, droppedBy: 'dropDisabledMatchLabelKeysFieldInPodAffinity, pkg/api/pod/util.go' },
  { definition: `${CORE}PodAffinityTerm`, field: 'mismatchLabelKeys', gate: MATCH_LABEL_KEYS_IN_POD_AFFINITY, droppedBy: 'dropDisabledMatchLabelKeysFieldInPodAffinity, pkg/api/pod/util.go' },
  { definition: `${CORE}VolumeProjection`, field: 'clusterTrustBundle', gate: CLUSTER_TRUST_BUNDLE_PROJECTION, droppedBy: 'dropDisabledClusterTrustBundleProjection, pkg/api/pod/util.go' },
  { definition: `${CORE}VolumeProjection`, field: 'podCertificate', gate: POD_CERTIFICATE_REQUEST, droppedBy: 'dropDisabledPodCertificateProjection, pkg/api/pod/util.go' },
  {
    definition: `${CORE}Volume`, field: 'image', gate: IMAGE_VOLUME, droppedBy: 'dropImageVolumes, pkg/api/pod/util.go',
    consequence: () => 'the whole volume is dropped, and with it every volumeMount of it',
  },
  { definition: 'io.k8s.api.batch.v1.JobSpec', field: 'backoffLimitPerIndex', gate: JOB_BACKOFF_LIMIT_PER_INDEX, droppedBy: JOB_STRATEGY },
  { definition: 'io.k8s.api.batch.v1.JobSpec', field: 'maxFailedIndexes', gate: JOB_BACKOFF_LIMIT_PER_INDEX, droppedBy: JOB_STRATEGY },
  { definition: 'io.k8s.api.batch.v1.JobSpec', field: 'podReplacementPolicy', gate: JOB_POD_REPLACEMENT_POLICY, droppedBy: JOB_STRATEGY },
  {
    definition: 'io.k8s.api.batch.v1.JobSpec', field: 'successPolicy', gate: JOB_SUCCESS_POLICY, droppedBy: JOB_STRATEGY,
    consequence: () => 'the Job succeeds only when all its completions succeed',
  },
  { definition: 'io.k8s.api.batch.v1.JobSpec', field: 'managedBy', gate: JOB_MANAGED_BY, droppedBy: JOB_STRATEGY },
  {
    definition: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionVersion', field: 'selectableFields',
    gate: CUSTOM_RESOURCE_FIELD_SELECTORS, droppedBy: 'dropDisabledFields, apiextensions-apiserver pkg/registry/customresourcedefinition/strategy.go',
  },
  { definition: `${CORE}ServiceSpec`, field: 'trafficDistribution', gate: SERVICE_TRAFFIC_DISTRIBUTION, droppedBy: 'dropServiceDisabledFields, pkg/registry/core/service/strategy.go' },
  {
    definition: 'io.k8s.api.apps.v1.RollingUpdateStatefulSetStrategy', field: 'maxUnavailable', gate: MAX_UNAVAILABLE_STATEFUL_SET,
    droppedBy: 'dropStatefulSetDisabledFields, pkg/registry/apps/statefulset/strategy.go',
    consequence: () => 'the rolling update replaces one pod at a time',
  },
];

/** Whether the gate of this entry is off by default (and the field therefore dropped) in a minor version. */
export function droppedIn(entry: GatedField, minor: number): boolean {
  return gateStage(entry.gate, minor) !== undefined && !gateOnByDefault(entry.gate, minor);
}
