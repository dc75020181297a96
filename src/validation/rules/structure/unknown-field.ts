/**
 * `structure/unknown-field`: a field the type does not have in the target Kubernetes version, as
 * kube-apiserver's strict field validation reports it. The walk (and why it is a hand-written walker rather than
 * ajv, with the measurements) is in ./strict-decode.ts.
 */
import type { Rule } from '../../rule';
import { editedDeployment, firstContainer } from './fixtures';
import { decodeIssues } from './strict-decode';

export const unknownField: Rule = {
  id: 'structure/unknown-field',
  category: 'structure',
  severity: 'error',
  summary: 'Every field exists in the target Kubernetes version\'s schema of its kind (no typos such as livenesProbe or initialDelaySecond, no field of a later version).',
  docs: 'Since Kubernetes 1.25 (KEP-2885, GA in 1.27) `kubectl apply` and `kubectl create` send fieldValidation=Strict by '
    + 'default, and kube-apiserver rejects an object with a field its Go type does not have: '
    + '`unknown field "spec.template.spec.containers[0].livenesProbe"`. Clients that send Ignore or Warn (older kubectl, '
    + '`--validate=false`, many GitOps and client libraries) silently drop the field instead, so a misspelt probe or grace '
    + 'period is simply missing from the running pod, which is worse. Field names are case-sensitive. Checked against the '
    + 'OpenAPI definitions of the target version (1.28 by default, any of 1.28 to 1.35), which the package carries. A field '
    + 'that a later version adds (the `sleep` lifecycle action, Job successPolicy, CRD selectableFields, '
    + 'supplementalGroupsPolicy, image volumes, pod-level resources, clusterTrustBundle projections, restartPolicyRules) is '
    + 'not a typo: the finding says "added in Kubernetes 1.NN" and how to target that version, taking the feature gate into '
    + 'account (the version named is the first where the field is on by default; before it, api-server/gated-field reports '
    + 'that the API server drops it).',
  fix: 'rename the field to the one the schema has (the finding suggests the closest), move it to the object it belongs to, or remove it',
  fixtures: {
    good: [editedDeployment(() => undefined)],
    bad: [
      editedDeployment(d => {
        const c = firstContainer(d);
        c.livenesProbe = c.livenessProbe;
        delete c.livenessProbe;
      }),
      editedDeployment(d => {
        firstContainer(d).readinessProbe.initialDelaySecond = 5;
      }),
      editedDeployment(d => {
        firstContainer(d).lifecycle.preStop = { sleep: { seconds: 10 } };
      }),
      editedDeployment(d => {
        d.spec.template.spec.terminationGracePeriodSecond = 60;
      }),
    ],
  },
  check(object, context) {
    const issues = decodeIssues(object, context);
    // Valid objects, nearly all of them, allocate nothing here.
    if (issues.length === 0) return [];
    return issues.filter(i => i.problem === 'unknown-field').map(({ path, message, fix }) => ({ path, message, fix }));
  },
};
