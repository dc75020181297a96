import { child } from '../../field-path';
import { isMap, type JsonMap } from '../../pod-template';
import type { KubeObject, Rule } from '../../rule';
import { budgetOf, steadyStatus, type Budget, type IntOrPercent } from './disruption-budget';
import { deployment, httpProbe, podDisruptionBudget } from './fixtures';
import { parseLabelSelector } from '../../label-selector';
import { podSourcesSelected, type PodSource } from './pdb-selection';
import { namespaceOf } from './services';

const WEB = { name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], readinessProbe: httpProbe('/', 80, { periodSeconds: 5 }) };

function withReplicas(object: KubeObject, replicas: number): KubeObject {
  return { ...object, spec: { ...(object.spec as JsonMap), replicas } };
}

const EVICTION_REFUSED = '"Cannot evict pod as it would violate the pod\'s disruption budget"';

/**
 * A PodDisruptionBudget that allows no disruption of the pods it selects, once they are all
 * healthy. Cross-object: the budget is reported, the workloads of the same set are read.
 */
export const pdbBlocksEviction: Rule = {
  id: 'lifecycle/pdb-blocks-eviction',
  category: 'lifecycle',
  severity: 'warning',
  summary: 'A PodDisruptionBudget allows zero disruptions of the pods it selects.',
  docs: 'The eviction API, which kubectl drain, node pool and cluster upgrades and the cluster autoscaler use (unlike '
    + 'the kubelet\'s own node-pressure eviction, which ignores budgets), refuses every eviction of a pod while its '
    + 'budget\'s status.disruptionsAllowed is 0: "Cannot evict pod as it would violate the pod\'s disruption budget". '
    + 'A drain then retries forever and an upgrade stalls, until managed Kubernetes force-drains after its timeout and '
    + 'drops the pods anyway. Kubernetes docs, "Specifying a Disruption Budget for your Application" '
    + '(https://kubernetes.io/docs/tasks/run-application/configure-pdb/): with maxUnavailable 0 or 0%, or '
    + 'minAvailable 100% or the number of replicas, "you are requiring zero voluntary evictions" and "the drain '
    + 'never completes"; the classic case is minAvailable: 1 with replicas: 1. The rule computes the status as the '
    + 'disruption controller does (getExpectedPodCount and updatePdbStatus in '
    + 'https://github.com/kubernetes/kubernetes/blob/v1.28.0/pkg/controller/disruption/disruption.go): the expected '
    + 'pods are the spec.replicas (default 1) of '
    + 'the Deployments, StatefulSets, ReplicaSets and ReplicationControllers of the same set (same namespace, or either '
    + 'unset) whose pod template the policy/v1 selector matches (matchLabels and matchExpressions; {} selects every pod '
    + 'of the namespace, no selector none); minAvailable n needs n healthy pods, minAvailable p% needs ceil(p% × '
    + 'replicas), maxUnavailable n or p% needs replicas − n or replicas − ceil(p% × replicas); with neither set the '
    + 'controller counts 0 expected pods and allows nothing. It reports when that leaves 0 allowed disruptions. It does '
    + 'not judge a budget whose replicas it cannot know: one that selects the target of a HorizontalPodAutoscaler of the '
    + 'set, a workload whose replicas are not an integer, or Pods, DaemonSets, Jobs or CronJobs. Warning: the manifest '
    + 'applies and runs, but no node hosting these pods can be drained.',
  fix: 'allow one disruption: raise the replicas above minAvailable, or use maxUnavailable: 1',
  fixtures: {
    good: [
      // One replica, and it may go: maxUnavailable counts down from the replicas.
      podDisruptionBudget('web', { app: 'web' }, { maxUnavailable: 1 }),
      withReplicas(deployment('web', { containers: [WEB] }), 1),
      // Two replicas, one of which may go.
      deployment('api', { containers: [WEB] }),
      podDisruptionBudget('api', { app: 'api' }, { minAvailable: 1 }),
      // 50% of 4 is 2: two may go.
      withReplicas(deployment('search', { containers: [WEB] }), 4),
      podDisruptionBudget('search', { app: 'search' }, { minAvailable: '50%' }),
      // Its workload is elsewhere: it selects nothing here.
      podDisruptionBudget('billing', { app: 'billing' }, { minAvailable: 1 }),
    ],
    bad: [
      withReplicas(deployment('web', { containers: [WEB] }), 1),
      podDisruptionBudget('web', { app: 'web' }, { minAvailable: 1 }),
    ],
  },
  check(object, context) {
    if (!isMap(object) || object.kind !== 'PodDisruptionBudget' || object.apiVersion !== 'policy/v1') return [];
    const spec = object.spec;
    const budget = budgetOf(spec);
    if (!budget || !isMap(spec)) return [];
    // No selector selects no pod; an invalid one is the API server's to reject.
    if (spec.selector === undefined || spec.selector === null) return [];
    const selector = parseLabelSelector(spec.selector);
    if (!selector) return [];
    const sources = podSourcesSelected(selector, namespaceOf(object), context);
    if (sources.length === 0 || sources.some(s => !s.replicated || s.replicas === undefined || s.autoscaled)) return [];
    const pods = sources.reduce((sum, s) => sum + (s.replicas ?? 0), 0);
    if (pods <= 0) return [];
    const status = steadyStatus(budget, pods);
    if (status.disruptionsAllowed > 0) return [];
    return [{
      path: budget.field ? child('spec', budget.field) : 'spec',
      message: `selects ${plural(pods, 'pod')} (${sources.map(sourceLabel).join(', ')}); ${needs(budget, pods, status.desiredHealthy)}, `
        + `so it allows 0 disruptions: every voluntary eviction (kubectl drain, node upgrades, cluster-autoscaler scale-down) fails with ${EVICTION_REFUSED}`,
      fix: fixFor(budget, sources, pods),
    }];
  },
};

function sourceLabel(s: PodSource): string {
  return `${s.kind}/${s.name}: replicas ${String(s.replicas)}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function show(value: IntOrPercent): string {
  return 'int' in value ? String(value.int) : `${value.percent}%`;
}

function needs(budget: Budget, pods: number, desired: number): string {
  if (!budget.field || !budget.value) {
    return 'neither minAvailable nor maxUnavailable is set, so the disruption controller counts 0 expected pods';
  }
  const rounded = 'percent' in budget.value ? ` (${budget.value.percent}% of ${pods}, rounded up)` : '';
  if (budget.field === 'minAvailable') return `minAvailable: ${show(budget.value)} needs ${desired} healthy${rounded}`;
  return `maxUnavailable: ${show(budget.value)} needs all ${desired} healthy`;
}

/** The smallest total of replicas above `pods` that leaves one disruption, if any does (100% never does). */
function replicasNeeded(budget: Budget, pods: number): number | undefined {
  if (budget.field !== 'minAvailable' || !budget.value) return undefined;
  if ('int' in budget.value) return budget.value.int + 1;
  // Below 100%, 100 replicas always leave one: ceil(p × 100 / 100) = p < 100.
  for (let total = pods + 1; total <= Math.max(pods + 1, 100); total++) {
    if (steadyStatus(budget, total).disruptionsAllowed > 0) return total;
  }
  return undefined;
}

function fixFor(budget: Budget, sources: readonly PodSource[], pods: number): string {
  if (!budget.field || !budget.value) {
    return 'set spec.maxUnavailable: 1 (or a minAvailable below the replicas): without either the budget allows no eviction';
  }
  if (budget.field === 'maxUnavailable') {
    return `set spec.maxUnavailable to 1 (or a percentage above 0%): ${show(budget.value)} refuses every eviction, whatever the replicas`;
  }
  const instead = `use maxUnavailable: 1 instead of minAvailable: ${show(budget.value)}`;
  const total = replicasNeeded(budget, pods);
  if (total === undefined) return `${instead} (${show(budget.value)} refuses every eviction, whatever the replicas)`;
  const raise = sources.length === 1
    ? `raise spec.replicas of ${sources[0].kind}/${sources[0].name} to at least ${total}`
    : `raise the replicas of ${sources.map(s => `${s.kind}/${s.name}`).join(', ')} to at least ${total} in total`;
  return `${raise}, or ${instead}`;
}
