/**
 * Runs the rule registry over parsed objects. Never throws on bad input: a rule that trips over
 * a malformed object reports it as an `internal/rule-crashed` error instead of crashing the
 * linter or the synth.
 *
 * Findings on an object whose `lifecycle.cdk8s.io/ignore` annotation names their rule are
 * returned apart, as suppressed (see ignore-annotation.ts); synth-time validation, the plugin
 * and the CLI share this, so an annotation works the same in all three.
 */
import { DEFAULT_K8S_VERSION, normalizeK8sVersion, supportedK8sVersionsText, type K8sVersionSetting } from '../lint/k8s-version';
import { IGNORE_ANNOTATION_RULE, RULE_CRASHED } from './engine-rules';
import { compareFindings, type Finding, type Severity, type SuppressedFinding } from './finding';
import { IGNORE_ANNOTATION, ignoreAnnotationOf, misplacedIgnorePath, type IgnoreAnnotation } from './ignore-annotation';
import { isBuiltinKind } from './k8s-schema';
import { endLintRun } from './per-object';
import { isMap } from './pod-template';
import { RULES } from './registry';
import type { KubeObject, Rule, RuleContext } from './rule';
import { unknownIdMessage } from './rule-ids';

export interface LintOptions {
  /**
   * Kubernetes version the objects target: `1.28` to `1.35` (`v1.30` and `1.30.2` mean 1.30).
   * @default '1.28' (the constructs target cdk8s-plus-28)
   */
  readonly k8sVersion?: string;
  /**
   * Where the version was chosen, for advice such as "pass --k8s-version 1.30".
   * @default 'api'
   */
  readonly k8sVersionSetting?: K8sVersionSetting;
  /** @default - every rule of the registry */
  readonly rules?: readonly Rule[];
}

/** Findings that stand, and those an ignore annotation suppressed; each list in a stable order. */
export interface LintResult {
  readonly findings: Finding[];
  readonly suppressed: SuppressedFinding[];
}

/** Lints objects together (cross-object rules see all of them); findings in a stable order. Suppressed findings are left out. */
export function lintObjects(objects: readonly KubeObject[], options: LintOptions = {}): Finding[] {
  return runRules(objects, options).findings;
}

/** Lints objects together, keeping the findings ignore annotations suppressed apart. */
export function runRules(objects: readonly KubeObject[], options: LintOptions = {}): LintResult {
  const rules = options.rules ?? RULES;
  const unknownKindRules = rules.filter(r => r.appliesToUnknownKinds);
  const k8sVersion = checkedK8sVersion(options.k8sVersion);
  const context: RuleContext = { objects, k8sVersion, k8sVersionSetting: options.k8sVersionSetting };
  // An ignore may name any rule of the registry, even one left out of this run.
  let knownIds: Set<string> | undefined;
  const known = () => (knownIds ??= new Set([...RULES, ...rules].map(r => r.id)));
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const run: Run = { rules, unknownKindRules, context, known, findings, suppressed };
  for (let objectIndex = 0; objectIndex < objects.length; objectIndex++) {
    // A hole of a sparse array is skipped, as forEach would.
    if (objectIndex in objects) lintObject(objects[objectIndex], objectIndex, run);
  }
  endLintRun();
  return { findings: findings.sort(compareFindings), suppressed: suppressed.sort(compareFindings) };
}

/** What every object of one lint run shares. */
interface Run {
  readonly rules: readonly Rule[];
  readonly unknownKindRules: readonly Rule[];
  readonly context: RuleContext;
  /** Ids of the registry and of the run's rules, for ignore annotations. */
  readonly known: () => ReadonlySet<string>;
  readonly findings: Finding[];
  readonly suppressed: SuppressedFinding[];
}

/**
 * Every rule on one object. A function of its own, not the body of runRules' loop: with the body
 * inline, V8 recompiled the whole of runRules in 6 of 13 synths of the synth benchmark (about
 * 20 ms of compiler time each), after deoptimizing it at sites the first objects had not reached;
 * now this function is compiled once or twice per process.
 */
function lintObject(value: KubeObject | undefined, objectIndex: number, run: Run): void {
  // Rules read fields of the object; null or undefined (e.g. from a library caller's parse of an
  // empty document) has none and is linted like any other non-object: as one without fields.
  const object: KubeObject = value ?? {};
  const { findings, suppressed } = run;
  // Built on the first finding: most objects have none.
  let identity: Identity | undefined;
  const who = () => (identity ??= identify(object, objectIndex));
  const ignore = ignoreAnnotationOf(object);
  // `by`: the rule whose id an ignore annotation names to suppress the finding.
  const report = (by: Rule, ruleId: string, severity: Severity, path: string, message: string, fix: string) => {
    const f = finding(who(), ruleId, severity, path, message, fix);
    if (ignore?.rules.has(by.id)) suppressed.push(Object.assign(f, { suppression: { annotation: IGNORE_ANNOTATION, ...(ignore.reason ? { reason: ignore.reason } : {}) } }));
    else findings.push(f);
  };
  // Custom resources (and objects of no usable kind) only meet the rules made for them.
  const applicable = isBuiltinKind(object.apiVersion, object.kind, run.context.k8sVersion) ? run.rules : run.unknownKindRules;
  // Indexed loops, not for...of: this body runs once per object and rule (tens of thousands of times a synth).
  for (let r = 0; r < applicable.length; r++) {
    const rule = applicable[r];
    let violations;
    try {
      violations = rule.check(object, run.context);
    } catch (err) {
      report(rule, RULE_CRASHED, 'error', '', `rule ${rule.id} could not check this object: ${(err as Error)?.message ?? String(err)}`,
        'this is a bug in cdk8s-lifecycle; please report it with the object');
      continue;
    }
    for (let i = 0; i < violations.length; i++) {
      const v = violations[i];
      report(rule, rule.id, v.severity ?? rule.severity, v.path, v.message, v.fix ?? rule.fix);
    }
  }
  if (ignore) findings.push(...ignoreProblems(who(), ignore, run.known()));
  const misplaced = misplacedIgnorePath(object);
  if (misplaced) {
    const kind = who().kind ?? 'object';
    findings.push(finding(who(), IGNORE_ANNOTATION_RULE, 'warning', misplaced,
      `${IGNORE_ANNOTATION} on the pod template has no effect: only the ${kind}'s own metadata.annotations are read`,
      `move the annotation (and any ignore-reason) to metadata.annotations of the ${kind}`));
  }
}

function ignoreProblems(identity: Identity, ignore: IgnoreAnnotation, known: ReadonlySet<string>): Finding[] {
  if (ignore.problem) {
    return [finding(identity, IGNORE_ANNOTATION_RULE, 'warning', ignore.path, ignore.problem, 'write the rule ids as one string: "rule-a,rule-b"')];
  }
  const out: Finding[] = [];
  for (const id of ignore.rules) {
    if (known.has(id)) continue;
    out.push(finding(identity, IGNORE_ANNOTATION_RULE, 'warning', ignore.path, `suppresses nothing: ${unknownIdMessage(id, known)}`,
      'use a rule id of docs/rules.md'));
  }
  return out;
}

/**
 * The supported minor version `k8sVersion` names. An unsupported one is the caller's mistake, not
 * the manifests': it throws, naming the option and the versions there are.
 */
export function checkedK8sVersion(k8sVersion: unknown): string {
  if (k8sVersion === undefined) return DEFAULT_K8S_VERSION;
  const version = typeof k8sVersion === 'string' ? normalizeK8sVersion(k8sVersion) : undefined;
  if (version === undefined) {
    throw new Error(`k8sVersion ${JSON.stringify(k8sVersion)} is not supported; fix: use a version from ${supportedK8sVersionsText()}, e.g. '1.30'`);
  }
  return version;
}

type Identity = Pick<Finding, 'objectIndex' | 'apiVersion' | 'kind' | 'name' | 'namespace'>;

function identify(object: KubeObject, objectIndex: number): Identity {
  const metadata = isMap(object.metadata) ? object.metadata : {};
  return {
    objectIndex,
    apiVersion: stringOrUndefined(object.apiVersion),
    kind: stringOrUndefined(object.kind),
    name: stringOrUndefined(metadata.name),
    namespace: stringOrUndefined(metadata.namespace),
  };
}

function stringOrUndefined(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * Field by field rather than `{ ...identity, rule, ... }`: Node 20's V8 defines each property
 * written after a spread through a slow runtime path, about 2.5 µs a finding (10 ms for the
 * 3,900 findings of the lint benchmark).
 */
function finding(identity: Identity, rule: string, severity: Severity, path: string, message: string, fix: string): Finding {
  return {
    objectIndex: identity.objectIndex,
    apiVersion: identity.apiVersion,
    kind: identity.kind,
    name: identity.name,
    namespace: identity.namespace,
    rule,
    severity,
    path,
    message,
    fix,
  };
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some(f => f.severity === 'error');
}
