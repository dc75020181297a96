/**
 * Runs the rule registry over parsed objects. Never throws on bad input: a rule that trips over
 * a malformed object reports it as an `internal/rule-crashed` error instead of crashing the
 * linter or the synth.
 */
import { compareFindings, type Finding } from './finding';
import { isBuiltinKind } from './k8s-schema';
import { isMap } from './pod-template';
import { RULES } from './registry';
import type { KubeObject, Rule, RuleContext } from './rule';

export interface LintOptions {
  /** @default '1.28' */
  readonly k8sVersion?: string;
  /** @default - every rule of the registry */
  readonly rules?: readonly Rule[];
}

/** Lints objects together (cross-object rules see all of them); findings in a stable order. */
export function lintObjects(objects: readonly KubeObject[], options: LintOptions = {}): Finding[] {
  const rules = options.rules ?? RULES;
  const context: RuleContext = { objects, k8sVersion: options.k8sVersion ?? '1.28' };
  const findings: Finding[] = [];
  objects.forEach((value, objectIndex) => {
    // Rules read fields of the object; null or undefined (e.g. from a library caller's parse of an
    // empty document) has none and is linted like any other non-object: as one without fields.
    const object: KubeObject = value ?? {};
    const identity = identify(object, objectIndex);
    // Custom resources (and objects of no usable kind) only meet the rules made for them.
    const builtin = isBuiltinKind(object.apiVersion, object.kind);
    for (const rule of rules) {
      if (!builtin && !rule.appliesToUnknownKinds) continue;
      let violations;
      try {
        violations = rule.check(object, context);
      } catch (err) {
        findings.push({
          ...identity,
          rule: 'internal/rule-crashed',
          severity: 'error',
          path: '',
          message: `rule ${rule.id} could not check this object: ${(err as Error)?.message ?? String(err)}`,
          fix: 'this is a bug in cdk8s-lifecycle; please report it with the object',
        });
        continue;
      }
      for (const v of violations) {
        findings.push({ ...identity, rule: rule.id, severity: rule.severity, path: v.path, message: v.message, fix: v.fix ?? rule.fix });
      }
    }
  });
  return findings.sort(compareFindings);
}

function identify(object: KubeObject, objectIndex: number) {
  const metadata = isMap(object.metadata) ? object.metadata : {};
  const s = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    objectIndex,
    apiVersion: s(object.apiVersion),
    kind: s(object.kind),
    name: s(metadata.name),
    namespace: s(metadata.namespace),
  };
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some(f => f.severity === 'error');
}
