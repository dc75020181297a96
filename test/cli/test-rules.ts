/**
 * Small deterministic rules for the CLI, plugin and synth tests, so they do not depend on the
 * registry's rules (which evolve). Each rule reports at a precise field path.
 */
import { containersOf, isMap, num, podSpecOf } from '../../src/validation/pod-template';
import type { KubeObject, Rule } from '../../src/validation/rule';

const fixtures = { good: [], bad: [] };

/** error: a container port outside 1-65535, at `...containers[i].ports[j].containerPort`. */
export const badPortRule: Rule = {
  id: 'test/bad-port',
  category: 'api-server',
  severity: 'error',
  summary: 'Container ports are 1-65535.',
  docs: 'The API server rejects a containerPort outside 1-65535.',
  fix: 'use a port between 1 and 65535',
  fixtures,
  check(object: KubeObject) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const out = [];
    for (const c of containersOf(pod)) {
      const ports = c.container.ports;
      if (!Array.isArray(ports)) continue;
      for (let j = 0; j < ports.length; j++) {
        const p = ports[j];
        const port = isMap(p) ? num(p, 'containerPort') : undefined;
        if (port !== undefined && (port < 1 || port > 65535)) {
          out.push({ path: `${c.path}.ports[${j}].containerPort`, message: `must be between 1 and 65535, inclusive (got ${port})` });
        }
      }
    }
    return out;
  },
};

/** warning: a container without readinessProbe, at `...containers[i]` (a field that is absent). */
export const noReadinessRule: Rule = {
  id: 'test/no-readiness',
  category: 'lifecycle',
  severity: 'warning',
  summary: 'Serving containers have a readiness probe.',
  docs: 'Without readiness a pod receives traffic before it can serve.',
  fix: 'add a readinessProbe',
  fixtures,
  check(object: KubeObject) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    return containersOf(pod, ['containers'])
      .filter(c => c.container.readinessProbe === undefined)
      .map(c => ({ path: `${c.path}.readinessProbe`, message: `container ${c.name ?? '?'} has no readinessProbe` }));
  },
};

/** info: kinds this test set does not know, at the object root (empty path). */
export const unknownKindRule: Rule = {
  id: 'test/unknown-kind',
  category: 'structure',
  severity: 'info',
  summary: 'Unknown kinds are skipped.',
  docs: 'Objects of kinds without a pod template are not checked.',
  fix: 'nothing to do',
  fixtures,
  appliesToUnknownKinds: true,
  check(object: KubeObject) {
    return podSpecOf(object) || object.kind === 'Service' ? [] : [{ path: '', message: `kind ${String(object.kind)} is not checked` }];
  },
};

export const TEST_RULES: readonly Rule[] = [badPortRule, noReadinessRule, unknownKindRule];
