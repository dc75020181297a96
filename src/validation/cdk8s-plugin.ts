/**
 * The rules as a cdk8s-cli validation plugin, for any cdk8s project (no need to use our
 * constructs). In the project's `cdk8s.yaml`:
 *
 *     validations:
 *       - package: cdk8s-lifecycle        # or a local path: ./node_modules/cdk8s-lifecycle
 *         version: 0.1.0                  # pinned: cdk8s-cli refuses ranges
 *         class: LifecycleValidationPlugin
 *         properties:                     # all optional
 *           minSeverity: warning          # error | warning | info: what the report lists
 *           failOn: error                 # error | warning | info: what fails the synth
 *           disable: [lifecycle/liveness-without-startup-probe]
 *
 * `cdk8s synth` then runs the rules on every synthesized manifest, prints the report and exits
 * non-zero when a finding at or above `failOn` is reported, or a manifest cannot be read (rule
 * `input/unreadable`; the other manifests are still checked). Each rule with findings is one
 * violation; its resources carry the field paths of the findings as locations. Objects
 * suppress rules with the `lifecycle.cdk8s.io/ignore` annotation, as for the CLI; suppressed
 * findings are counted in the summary.
 *
 * The construct path of each resource is right even when a Deployment, Service and PDB share a
 * name, and an app using our constructs prints no warning the plugin reports: see
 * plugin-handoff.ts.
 *
 * The cdk8s-cli types are repeated here structurally: plugins are loaded by the CLI and must not
 * require it at run time.
 */
import * as fs from 'fs';
import { INPUT_UNREADABLE } from './engine-rules';
import { InputError } from '../lint/input-error';
import { normalizeK8sVersion, supportedK8sVersionsText } from '../lint/k8s-version';
import { lintLoaded, type LocatedFinding } from '../lint/lint-sources';
import { loadReadableObjects, type LoadedObject } from '../lint/load-objects';
import { describeFsError } from '../lint/read-sources';
import { isAtLeast, isSeverity, SEVERITIES, type Severity } from './finding';
import { resourceKey } from './plugin-handoff';
import { isMap } from './pod-template';
import { RULES } from './registry';
import type { Rule } from './rule';
import { checkSelection, failsOn, type RuleSelection } from './rule-selection';

/** Properties of the plugin (`properties:` in cdk8s.yaml). */
export interface LifecycleValidationPluginProperties {
  /**
   * Findings below this severity are left out of the report (and cannot fail the synth).
   * @default 'warning'
   */
  readonly minSeverity?: Severity;
  /**
   * The least severe finding that fails the synth; not below `minSeverity`.
   * @default 'error'
   */
  readonly failOn?: Severity;
  /**
   * Rule ids not to run, e.g. `lifecycle/liveness-without-startup-probe` (see docs/rules.md).
   * @default - every rule runs
   */
  readonly disable?: readonly string[];
  /**
   * Kubernetes version the manifests target, `1.28` to `1.35`.
   * @default '1.28' (the constructs target cdk8s-plus-28)
   */
  readonly k8sVersion?: string;
}

/** The part of cdk8s-cli's `ValidationViolation` the plugin produces. */
export interface PluginViolation {
  readonly ruleName: string;
  readonly recommendation: string;
  readonly fix: string;
  readonly violatingResources: ReadonlyArray<{ readonly resourceName: string; readonly locations: readonly string[]; readonly manifestPath: string }>;
}

/** The part of cdk8s-cli's `ValidationContext` the plugin uses. */
export interface PluginValidationContext {
  readonly manifests: readonly string[];
  /** Construct metadata of the app's resources, by resource name (`construct-metadata.json`). */
  readonly metadata?: { readonly [resourceName: string]: { readonly path: string } };
  readonly report: {
    addViolation(violation: PluginViolation): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
  readonly logger?: { log(message: string): void };
}

const PROPERTIES = ['minSeverity', 'failOn', 'disable', 'k8sVersion'];
const PROPERTY_NAMES = { disable: 'disable', minSeverity: 'minSeverity', failOn: 'failOn' };

/** A cdk8s-cli validation plugin running the cdk8s-lifecycle rules. */
export class LifecycleValidationPlugin {
  private readonly selection: RuleSelection;
  private readonly k8sVersion: string;
  private readonly rules: readonly Rule[];

  /**
   * @param properties from `properties:` in cdk8s.yaml
   * @param rules the rule set; for tests and embedding. @default - the registry
   */
  constructor(properties: LifecycleValidationPluginProperties = {}, rules: readonly Rule[] = RULES) {
    const problems = checkProperties(properties, rules);
    if (problems.length > 0) {
      throw new Error(`invalid properties for LifecycleValidationPlugin in cdk8s.yaml:\n${problems.map(p => `  - ${p}`).join('\n')}`);
    }
    this.selection = selectionOf(properties);
    this.k8sVersion = normalizeK8sVersion(properties.k8sVersion ?? '1.28') ?? '1.28';
    this.rules = rules;
  }

  public async validate(context: PluginValidationContext): Promise<void> {
    const objects: LoadedObject[] = [];
    const inputErrors: InputError[] = [];
    for (const manifest of context.manifests) {
      let text: string;
      try {
        text = fs.readFileSync(manifest, 'utf8');
      } catch (err) {
        inputErrors.push(new InputError(manifest, `cannot read: ${describeFsError(err)}`));
        continue;
      }
      // An unreadable document is reported, not thrown, and the rest is still checked.
      const loaded = loadReadableObjects({ file: manifest, text });
      for (const o of loaded.objects) objects.push(o);
      inputErrors.push(...loaded.errors);
    }

    const report = lintLoaded(objects, context.manifests.length, {
      rules: this.rules, k8sVersion: this.k8sVersion, k8sVersionSetting: 'plugin', disable: this.selection.disable, minSeverity: this.selection.minSeverity,
      inputErrors, files: context.manifests,
    });
    const nameOf = resourceNamer(objects, context.metadata ?? {});
    for (const violation of toViolations(report.findings, nameOf)) context.report.addViolation(violation);

    // Counts of what the report lists: no "infos: 0" when infos are below minSeverity.
    const counts = SEVERITIES.filter(s => isAtLeast(s, this.selection.minSeverity))
      .map(s => [`${s}s`, String(report.findings.filter(f => f.severity === s).length)]);
    const failed = report.unreadableCount > 0 || failsOn(report.findings, this.selection.failOn);
    context.report.submit(failed ? 'failure' : 'success', {
      'objects': String(report.objectCount),
      'rules': String(this.rules.filter(r => !this.selection.disable.includes(r.id)).length),
      ...Object.fromEntries(counts),
      'suppressed': String(report.suppressed.length),
      ...(report.unreadableCount > 0 ? { 'unreadable inputs': String(report.unreadableCount) } : {}),
      'min severity': this.selection.minSeverity,
      'fail on': this.selection.failOn,
    });
  }
}

/**
 * The resource name each object is reported under, chosen so that cdk8s-cli's look-up in the
 * construct metadata finds the object's own construct (plugin-handoff.ts): the kind-qualified
 * key the app recorded, else the plain name when no other object has it, else the key, for
 * which cdk8s-cli prints no construct path rather than another object's.
 */
function resourceNamer(objects: readonly LoadedObject[], metadata: { readonly [name: string]: unknown }): (f: LocatedFinding) => string {
  const nameCount = new Map<string, number>();
  for (const o of objects) {
    const name = nameOf(o.object.metadata);
    if (name !== undefined) nameCount.set(name, (nameCount.get(name) ?? 0) + 1);
  }
  return f => {
    if (f.objectIndex < 0) return f.file;
    const key = resourceKey(f.kind, f.name, f.namespace);
    if (key !== undefined && Object.hasOwn(metadata, key)) return key;
    if (f.name !== undefined && nameCount.get(f.name) === 1) return f.name;
    return key ?? `<unnamed ${f.kind ?? 'object'}>`;
  };
}

function nameOf(metadata: unknown): string | undefined {
  return isMap(metadata) && typeof metadata.name === 'string' ? metadata.name : undefined;
}

/** One violation per rule, in report order of their first findings; one resource per object (or unreadable manifest). */
function toViolations(findings: readonly LocatedFinding[], resourceName: (f: LocatedFinding) => string): PluginViolation[] {
  const byRule = new Map<string, LocatedFinding[]>();
  for (const f of findings) {
    const list = byRule.get(f.rule) ?? [];
    list.push(f);
    byRule.set(f.rule, list);
  }
  return [...byRule.entries()].map(([rule, list]) => {
    const resources = new Map<string, { resourceName: string; locations: string[]; manifestPath: string }>();
    for (const f of list) {
      const id = f.objectIndex < 0 ? `file:${f.file}` : `object:${f.objectIndex}`;
      const r = resources.get(id) ?? { resourceName: resourceName(f), locations: [], manifestPath: f.file };
      const location = locationOf(f);
      if (location !== undefined && !r.locations.includes(location)) r.locations.push(location);
      resources.set(id, r);
    }
    return {
      ruleName: rule,
      recommendation: `${list[0].severity}: ${describeAll(list, f => f.message)}`,
      fix: describeAll(list, f => f.fix),
      violatingResources: [...resources.values()],
    };
  });
}

/** The field path of an object's finding; the line of an unreadable document. */
function locationOf(f: LocatedFinding): string | undefined {
  if (f.rule === INPUT_UNREADABLE) return f.line === undefined ? undefined : `line ${f.line}, column ${f.column ?? 1}`;
  return f.path || '(object)';
}

/** The text when every finding says the same; else one line per finding, naming object (or file) and field. */
function describeAll(list: readonly LocatedFinding[], text: (f: LocatedFinding) => string): string {
  const distinct = [...new Set(list.map(text))];
  if (distinct.length === 1) return distinct[0];
  return list.map(f => {
    const about = f.objectIndex < 0 ? `${f.file}${f.line === undefined ? '' : `:${f.line}`}` : `${f.kind ?? '?'}/${f.name ?? '?'} ${f.path || '(object)'}`;
    return `\n    - ${about}: ${text(f)}`;
  }).join('');
}

function selectionOf(properties: LifecycleValidationPluginProperties): RuleSelection {
  return { disable: properties.disable ?? [], minSeverity: properties.minSeverity ?? 'warning', failOn: properties.failOn ?? 'error' };
}

function checkProperties(properties: LifecycleValidationPluginProperties, rules: readonly Rule[]): string[] {
  const problems: string[] = [];
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
    return ['properties must be a map; fix: give properties as key: value pairs, or leave them out'];
  }
  for (const key of Object.keys(properties)) {
    if (!PROPERTIES.includes(key)) problems.push(`${key}: unknown property; fix: use one of ${PROPERTIES.join(', ')}`);
  }
  const { minSeverity, failOn, disable, k8sVersion } = properties;
  for (const [name, value] of [['minSeverity', minSeverity], ['failOn', failOn]] as const) {
    if (value !== undefined && !isSeverity(value)) problems.push(`${name}: ${JSON.stringify(value)} is not a severity; fix: use error, warning or info`);
  }
  const disableIsList = disable === undefined || (Array.isArray(disable) && disable.every(id => typeof id === 'string'));
  if (!disableIsList) problems.push('disable: must be a list of rule ids; fix: e.g. disable: [lifecycle/tcp-socket-hook]');
  if (k8sVersion !== undefined && (typeof k8sVersion !== 'string' || normalizeK8sVersion(k8sVersion) === undefined)) {
    problems.push(`k8sVersion: ${JSON.stringify(k8sVersion)} is not supported; fix: use a version from ${supportedK8sVersionsText()}, e.g. "1.30"`);
  }
  // Rule ids and the failOn/minSeverity pair, checked as the CLI checks --disable and --fail-on. An
  // invalid severity (reported above) stands in as the one that conflicts with nothing.
  problems.push(...checkSelection({
    disable: disableIsList ? disable ?? [] : [],
    minSeverity: isSeverity(minSeverity) ? minSeverity : 'info',
    failOn: isSeverity(failOn) ? failOn : 'error',
  }, rules, PROPERTY_NAMES));
  return problems;
}
