/** api-server/workload-selector: a controller's selector exists, is valid and selects its own pods. */
import type { Violation } from '../../finding';
import { child, index } from '../../field-path';
import { parseLabelSelector, selectorMatches } from '../../label-selector';
import { isMap, type JsonMap } from '../../pod-template';
import type { KubeObject, Rule } from '../../rule';
import { container, deployment, workload } from './fixtures';
import { forbidden, invalid, required } from './field-error';
import { isQualifiedName, isValidLabelValue } from './k8s-formats';
import { eachMap, podView } from './pod-view';

/** How apps validation.go names each kind in "empty selector is invalid for ..." (a Map: kinds come from the manifest). */
const APPS_KINDS: ReadonlyMap<string, string> = new Map([['Deployment', 'deployment'], ['ReplicaSet', 'deployment'], ['StatefulSet', 'statefulset'], ['DaemonSet', 'daemonset']]);
const MISMATCH = '`selector` does not match template `labels`';

function stringMap(v: unknown): Record<string, unknown> {
  return isMap(v) ? v : {};
}

/** ValidateLabelSelector; true when the selector is usable (LabelSelectorAsSelector would not fail). */
function checkSelector(selector: JsonMap, path: string, out: Violation[]): boolean {
  let usable = true;
  const ml = child(path, 'matchLabels');
  for (const [k, v] of Object.entries(stringMap(selector.matchLabels))) {
    for (const msg of isQualifiedName(k)) out.push(invalid(ml, k, msg));
    if (typeof v === 'string') for (const msg of isValidLabelValue(v)) out.push(invalid(ml, v, msg));
  }
  eachMap(selector.matchExpressions, (req, i) => {
    const at = index(child(path, 'matchExpressions'), i);
    const values = Array.isArray(req.values) ? req.values : [];
    switch (req.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) {
          out.push(required(child(at, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
          usable = false;
        }
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) {
          out.push(forbidden(child(at, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
          usable = false;
        }
        break;
      default:
        out.push(invalid(child(at, 'operator'), req.operator ?? '', 'not a valid selector operator', 'use In, NotIn, Exists or DoesNotExist'));
        usable = false;
    }
    const k = typeof req.key === 'string' ? req.key : '';
    const keyErrors = isQualifiedName(k);
    for (const msg of keyErrors) out.push(invalid(child(at, 'key'), k, msg));
    if (keyErrors.length > 0) usable = false;
  });
  return usable;
}

/** labels.Selector.Matches; a selector that cannot be parsed (non-string values) matches nothing. */
function matches(selector: JsonMap, labels: Record<string, unknown>): boolean {
  const parsed = parseLabelSelector(selector);
  return parsed !== undefined && selectorMatches(parsed, labels);
}

function describe(labels: Record<string, unknown>): string {
  const keys = Object.keys(labels).sort();
  return keys.length === 0 ? 'none' : keys.map(k => `${k}=${typeof labels[k] === 'string' ? labels[k] : JSON.stringify(labels[k])}`).join(', ');
}

function checkApps(object: KubeObject, kind: string, noun: string, templateLabels: Record<string, unknown>, out: Violation[]): void {
  const spec = stringMap(object.spec);
  const selector = spec.selector;
  if (!isMap(selector)) {
    out.push(required('spec.selector', undefined, `apps/v1 ${kind}s need spec.selector.matchLabels equal to (a subset of) spec.template.metadata.labels`));
    return;
  }
  const usable = checkSelector(selector, 'spec.selector', out);
  const ml = stringMap(selector.matchLabels);
  const me = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  if (Object.keys(ml).length + me.length === 0) {
    out.push(invalid('spec.selector', selector, `empty selector is invalid for ${noun}`, 'select the pods by at least one label of spec.template.metadata.labels'));
    return;
  }
  if (usable && !matches(selector, templateLabels)) {
    out.push(invalid('spec.template.metadata.labels', templateLabels, MISMATCH,
      `the template's labels (${describe(templateLabels)}) must satisfy spec.selector: add the selected labels to spec.template.metadata.labels`));
  }
}

function checkReplicationController(object: KubeObject, templateLabels: Record<string, unknown>, out: Violation[]): void {
  const spec = stringMap(object.spec);
  // SetDefaults_ReplicationController: an empty selector becomes the template's labels.
  const given = stringMap(spec.selector);
  const selector = Object.keys(given).length > 0 ? given : templateLabels;
  if (Object.keys(selector).length === 0) {
    out.push(required('spec.selector', undefined, 'set spec.selector or labels on spec.template.metadata'));
    return;
  }
  if (!matches({ matchLabels: selector }, templateLabels)) {
    out.push(invalid('spec.template.metadata.labels', templateLabels, MISMATCH, `add ${describe(selector)} to spec.template.metadata.labels`));
  }
}

export const workloadSelectorRule: Rule = {
  id: 'api-server/workload-selector',
  category: 'api-server',
  severity: 'error',
  summary: 'Deployments, ReplicaSets, StatefulSets and DaemonSets have a non-empty, valid selector that matches their pod template labels.',
  docs: 'apps/v1 ValidateDeploymentSpec, ValidateReplicaSetSpec, ValidateStatefulSetSpec and ValidateDaemonSetSpec (apps validation.go) require spec.selector ("Required value"), refuse an empty one ("empty selector is invalid for deployment"), validate matchLabels and matchExpressions (operator In/NotIn with values, Exists/DoesNotExist without), and reject a template whose labels the selector does not select ("`selector` does not match template `labels`", reported at spec.template.metadata.labels). A ReplicationController\'s selector defaults to its template labels and must match them when given. A controller whose selector misses its own pods would create pods forever; the API server refuses it.',
  fix: 'Set spec.selector.matchLabels to labels that spec.template.metadata.labels carries.',
  fixtures: {
    good: [
      deployment({ containers: [container()] }),
      workload('StatefulSet', { containers: [container()] }, { selector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['web'] }] } }),
    ],
    bad: [
      deployment({ containers: [container()] }, { selector: { matchLabels: { app: 'other' } } }),
      deployment({ containers: [container()] }, { selector: undefined }),
      workload('DaemonSet', { containers: [container()] }, { selector: {} }),
      workload('ReplicaSet', { containers: [container()] }, { selector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In' }] } }),
    ],
  },
  check(object) {
    const view = podView(object);
    if (!view) return [];
    const noun = APPS_KINDS.get(view.kind);
    const isRc = view.kind === 'ReplicationController';
    if (noun === undefined && !isRc) return [];
    const labels = stringMap(view.pod.metadata.labels);
    const out: Violation[] = [];
    if (isRc) checkReplicationController(object, labels, out);
    else if (noun !== undefined) checkApps(object, view.kind, noun, labels, out);
    return out;
  },
};
