/**
 * The feature-gate table against the schema data and the release history it was taken from
 * (pkg/features/kube_features.go, versioned specs): every gated field is a field of the OpenAPI
 * of each version that drops it, and the gates' defaults are the releases'.
 */
import { k8sMinorOf, SUPPORTED_K8S_VERSIONS } from '../../../src/lint/k8s-version';
import {
  CONTAINER_RESTART_RULES, droppedIn, gateOnByDefault, gateStage, GATED_FIELDS, POD_LIFECYCLE_SLEEP_ACTION,
  POD_LIFECYCLE_SLEEP_ACTION_ALLOW_ZERO, RELAXED_ENVIRONMENT_VARIABLE_VALIDATION, SIDECAR_CONTAINERS,
} from '../../../src/validation/feature-gates';
import { versionsWithField } from '../../../src/validation/k8s-schema';

const on = (gate: Parameters<typeof gateOnByDefault>[0]) => SUPPORTED_K8S_VERSIONS.filter(v => gateOnByDefault(gate, k8sMinorOf(v)));

describe('feature gates', () => {
  test('defaults per release, as in kube_features.go', () => {
    expect(on(SIDECAR_CONTAINERS)).toEqual(['1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35']);
    expect(on(POD_LIFECYCLE_SLEEP_ACTION)).toEqual(['1.30', '1.31', '1.32', '1.33', '1.34', '1.35']);
    expect(gateStage(POD_LIFECYCLE_SLEEP_ACTION, 29)).toBe('alpha');
    expect(gateStage(POD_LIFECYCLE_SLEEP_ACTION, 28)).toBeUndefined();
    expect(on(POD_LIFECYCLE_SLEEP_ACTION_ALLOW_ZERO)).toEqual(['1.33', '1.34', '1.35']);
    expect(on(RELAXED_ENVIRONMENT_VARIABLE_VALIDATION)).toEqual(['1.32', '1.33', '1.34', '1.35']);
    expect(on(CONTAINER_RESTART_RULES)).toEqual(['1.35']);
  });

  test('stages are in release order', () => {
    for (const entry of GATED_FIELDS) {
      const minors = entry.gate.stages.map(([m]) => m);
      expect(minors).toEqual([...minors].sort((a, b) => a - b));
    }
  });

  test.each(GATED_FIELDS.map(e => [`${e.definition.split('.').pop()}.${e.field} (${e.gate.name})`, e] as const))(
    '%s is in the OpenAPI of every version that drops it, and dropped in at least one',
    (_name, entry) => {
      const dropped = SUPPORTED_K8S_VERSIONS.filter(v => droppedIn(entry, k8sMinorOf(v)));
      expect(dropped.length).toBeGreaterThan(0);
      const present = versionsWithField(entry.definition, entry.field);
      expect(dropped.filter(v => !present.includes(v))).toEqual([]);
    },
  );
});
