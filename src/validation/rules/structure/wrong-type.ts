/**
 * `structure/wrong-type`: a value its Go field cannot hold (a quoted number, a bare number where a
 * string belongs, a quantity or base64 value the decoder cannot parse). Shares the walk of
 * ./strict-decode.ts with `structure/unknown-field`.
 */
import type { Rule } from '../../rule';
import { editedDeployment, firstContainer } from './fixtures';
import { decodeIssues } from './strict-decode';

export const wrongType: Rule = {
  id: 'structure/wrong-type',
  category: 'structure',
  severity: 'error',
  summary: 'Every value has the JSON type its field takes in the target Kubernetes version (integer, string, boolean, object, list, quantity).',
  docs: 'kube-apiserver decodes a request into Go structs before any validation, and a value of the wrong JSON type fails '
    + 'the whole request whatever the field-validation setting: `json: cannot unmarshal string into Go struct field '
    + 'DeploymentSpec.spec.replicas of type int32`. Typical causes are YAML quoting (`replicas: "3"`, `containerPort: "80"`, '
    + 'an env `value: 8080` that must be a string, an annotation `true` that must be quoted), int32 overflow, and resource '
    + 'quantities such as `512MB` (the decoder only knows n u m k M G T P E and Ki Mi Gi Ti Pi Ei). Fields typed '
    + 'int-or-string (httpGet.port, maxSurge, targetPort) take both; quantities take numbers and strings; null is accepted '
    + 'everywhere, as Go leaves the field unset. Secret data and other byte fields must be base64, and timestamps RFC 3339.',
  fix: 'write the value with the type the field takes: numbers without quotes, strings (env values, labels, annotations) quoted',
  fixtures: {
    good: [
      editedDeployment(() => undefined),
      // int-or-string: a named port and a numeric one are both fine.
      editedDeployment(d => {
        firstContainer(d).livenessProbe.httpGet.port = 'http';
        d.spec.strategy.rollingUpdate.maxSurge = 1;
      }),
    ],
    bad: [
      editedDeployment(d => {
        d.spec.replicas = '3';
      }),
      editedDeployment(d => {
        firstContainer(d).ports[0].containerPort = '80';
      }),
      editedDeployment(d => {
        firstContainer(d).env = [{ name: 'PORT', value: 8080 }];
      }),
      editedDeployment(d => {
        firstContainer(d).resources.limits.memory = '512MB';
      }),
    ],
  },
  check(object, context) {
    const issues = decodeIssues(object, context);
    // Valid objects, nearly all of them, allocate nothing here.
    if (issues.length === 0) return [];
    return issues.filter(i => i.problem === 'wrong-type').map(({ path, message, fix }) => ({ path, message, fix }));
  },
};
