/** api-server/restart-policy: the pod restartPolicy each kind of workload allows. */
import type { Violation } from '../../finding';
import { child } from '../../field-path';
import { isMap } from '../../pod-template';
import type { Rule } from '../../rule';
import { container, cronJob, deployment, job, pod, workload } from './fixtures';
import { forbidden, invalid, notSupported, required } from './field-error';
import { podView } from './pod-view';

const POLICIES = ['Always', 'OnFailure', 'Never'];
/** Kinds whose pods must run forever, and how their error names the controller (a Map: kinds come from the manifest). */
const ALWAYS_KINDS: ReadonlyMap<string, string> = new Map([
  ['Deployment', 'ReplicaSet'], ['ReplicaSet', 'ReplicaSet'], ['ReplicationController', 'ReplicationController'], ['StatefulSet', 'StatefulSet'], ['DaemonSet', 'DaemonSet'],
]);

export const restartPolicyRule: Rule = {
  id: 'api-server/restart-policy',
  category: 'api-server',
  severity: 'error',
  summary: 'spec.restartPolicy is Always for Deployments, ReplicaSets, StatefulSets and DaemonSets, OnFailure or Never for Jobs and CronJobs.',
  docs: 'restartPolicy defaults to Always (SetDefaults_PodSpec) and must be Always, OnFailure or Never (validateRestartPolicy). Long-running controllers accept only Always: ValidatePodTemplateSpecForReplicaSet (Deployment, ReplicaSet), ValidateStatefulSetSpec and ValidateDaemonSetSpec (apps validation.go) answer "Unsupported value ... supported values: \\"Always\\"", and they forbid activeDeadlineSeconds in the template. Jobs are the opposite (batch validation.go, validateJobSpec): since the default is Always, a Job or CronJob template without restartPolicy is rejected with "Required value: valid values: \\"OnFailure\\", \\"Never\\"", and a Job with podFailurePolicy accepts only Never.',
  fix: 'Use restartPolicy: Always (or leave it out) in Deployments, ReplicaSets, StatefulSets and DaemonSets; set OnFailure or Never in Jobs and CronJobs.',
  fixtures: {
    good: [
      deployment({ containers: [container()] }),
      job({ restartPolicy: 'Never', containers: [container()] }),
      cronJob({ restartPolicy: 'OnFailure', containers: [container()] }),
    ],
    bad: [
      deployment({ restartPolicy: 'OnFailure', containers: [container()] }),
      workload('DaemonSet', { restartPolicy: 'Never', containers: [container()] }),
      job({ containers: [container()] }),
      cronJob({ restartPolicy: 'Always', containers: [container()] }),
      pod({ restartPolicy: 'Sometimes', containers: [container()] }),
    ],
  },
  check(object) {
    const view = podView(object);
    if (!view) return [];
    const { spec, path } = view.pod;
    const raw = spec.restartPolicy;
    const policy = typeof raw === 'string' && raw !== '' ? raw : 'Always';
    const at = child(path, 'restartPolicy');
    const out: Violation[] = [];
    if (!POLICIES.includes(policy)) out.push(notSupported(at, policy, POLICIES));

    const controller = ALWAYS_KINDS.get(view.kind);
    if (controller !== undefined) {
      if (policy !== 'Always') out.push(notSupported(at, policy, ['Always'], `remove restartPolicy: a ${view.kind}'s pods always restart`));
      if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
        out.push(forbidden(child(path, 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${controller} is not Supported`, 'remove activeDeadlineSeconds from the template'));
      }
    } else if (view.kind === 'Job' || view.kind === 'CronJob') {
      if (policy === 'Always') {
        out.push(required(at, 'valid values: "OnFailure", "Never"', 'set restartPolicy: OnFailure (retry in the same pod) or Never (a new pod per retry)'));
      } else if (policy !== 'OnFailure' && policy !== 'Never') {
        out.push(notSupported(at, policy, ['OnFailure', 'Never']));
      } else {
        // The Job spec is two levels above the pod spec: `<job spec>.template.spec`.
        const jobSpecPath = path.slice(0, -'.template.spec'.length);
        const jobSpec = view.kind === 'Job' ? object.spec : (isMap(object.spec) && isMap(object.spec.jobTemplate) ? object.spec.jobTemplate.spec : undefined);
        if (isMap(jobSpec) && jobSpec.podFailurePolicy !== undefined && jobSpec.podFailurePolicy !== null && policy !== 'Never') {
          out.push(invalid(at, policy, 'only "Never" is supported when podFailurePolicy is specified', `set restartPolicy: Never or remove ${child(jobSpecPath, 'podFailurePolicy')}`));
        }
      }
    }
    return out;
  },
};
