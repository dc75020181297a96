/**
 * The rules as a cdk8s-cli validation plugin, for any cdk8s project (no need to use our
 * constructs). In the project's `cdk8s.yaml`:
 *
 *     validations:
 *       - package: cdk8s-lifecycle        # or a local path: ./node_modules/cdk8s-lifecycle
 *         version: 0.1.0                  # pinned: cdk8s-cli refuses ranges
 *         class: LifecycleValidationPlugin
 *         properties:                     # all optional
 *           minSeverity: warning          # error | warning | info
 *           disable: [lifecycle/liveness-equals-readiness]
 *
 * `cdk8s synth` then runs the rules on every synthesized manifest, prints the report and exits
 * non-zero when any error finding is reported. Each rule with findings is one violation; its
 * resources carry the field paths of the findings as locations, and the construct path comes
 * from cdk8s's construct metadata.
 *
 * The cdk8s-cli types are repeated here structurally: plugins are loaded by the CLI and must not
 * require it at run time.
 */
import * as fs from 'fs';
import { lintLoaded } from '../lint/lint-sources';
import { InputError } from '../lint/input-error';
import { loadObjects, type LoadedObject } from '../lint/load-objects';
import { normalizeK8sVersion, supportedK8sVersionsText } from '../lint/k8s-version';
import { hasErrors } from './engine';
import type { Finding, Severity } from './finding';
import { RULES } from './registry';
import type { Rule } from './rule';

/** Properties of the plugin (`properties:` in cdk8s.yaml). */
export interface LifecycleValidationPluginProperties {
  /**
   * Findings below this severity are left out of the report. Only errors fail the synth.
   * @default 'warning'
   */
  readonly minSeverity?: Severity;
  /**
   * Rule ids not to run, e.g. `lifecycle/liveness-equals-readiness`.
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
  readonly report: {
    addViolation(violation: PluginViolation): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
  readonly logger?: { log(message: string): void };
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const PROPERTIES = ['minSeverity', 'disable', 'k8sVersion'];

/** A cdk8s-cli validation plugin running the cdk8s-lifecycle rules. */
export class LifecycleValidationPlugin {
  private readonly minSeverity: Severity;
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
    this.minSeverity = properties.minSeverity ?? 'warning';
    this.k8sVersion = normalizeK8sVersion(properties.k8sVersion ?? '1.28') ?? '1.28';
    const disabled = new Set(properties.disable ?? []);
    this.rules = rules.filter(r => !disabled.has(r.id));
  }

  public async validate(context: PluginValidationContext): Promise<void> {
    const objects: LoadedObject[] = [];
    const manifestOf = new Map<LoadedObject, string>();
    for (const manifest of context.manifests) {
      let loaded: LoadedObject[];
      try {
        loaded = loadObjects({ file: manifest, text: fs.readFileSync(manifest, 'utf8') });
      } catch (err) {
        // cdk8s wrote these files itself; an unreadable one is reported, not thrown, so the report still prints.
        const reason = err instanceof InputError ? err.message : String((err as Error)?.message ?? err);
        context.report.addViolation({
          ruleName: 'input/unreadable-manifest',
          recommendation: reason,
          fix: 'check what wrote this manifest; cdk8s-lifecycle can only check valid YAML',
          violatingResources: [{ resourceName: manifest, locations: [], manifestPath: manifest }],
        });
        context.report.submit('failure', { error: reason });
        return;
      }
      for (const o of loaded) {
        objects.push(o);
        manifestOf.set(o, manifest);
      }
    }

    const report = lintLoaded(objects, context.manifests.length, { rules: this.rules, k8sVersion: this.k8sVersion, k8sVersionSetting: 'plugin' });
    const shown = report.findings.filter(f => SEVERITY_RANK[f.severity] <= SEVERITY_RANK[this.minSeverity]);
    for (const violation of toViolations(shown, i => manifestOf.get(objects[i]) ?? '')) {
      context.report.addViolation(violation);
    }
    const count = (s: Severity) => String(report.findings.filter(f => f.severity === s).length);
    const failed = hasErrors(report.findings);
    context.report.submit(failed ? 'failure' : 'success', {
      'objects': String(report.objectCount),
      'rules': String(this.rules.length),
      'errors': count('error'),
      'warnings': count('warning'),
      'infos': count('info'),
      'min severity': this.minSeverity,
    });
  }
}

/** One violation per rule, in the rules' order of first finding; one resource per object. */
function toViolations(findings: readonly Finding[], manifestPath: (objectIndex: number) => string): PluginViolation[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byRule.get(f.rule) ?? [];
    list.push(f);
    byRule.set(f.rule, list);
  }
  return [...byRule.entries()].map(([rule, list]) => {
    const resources = new Map<number, { resourceName: string; locations: string[]; manifestPath: string }>();
    for (const f of list) {
      const r = resources.get(f.objectIndex) ?? {
        // cdk8s-cli maps resourceName to the construct path through metadata.name.
        resourceName: f.name ?? `<unnamed ${f.kind ?? 'object'}>`,
        locations: [],
        manifestPath: manifestPath(f.objectIndex),
      };
      const location = f.path || '(object)';
      if (!r.locations.includes(location)) r.locations.push(location);
      resources.set(f.objectIndex, r);
    }
    return {
      ruleName: rule,
      recommendation: `${list[0].severity}: ${describeAll(list, f => f.message)}`,
      fix: describeAll(list, f => f.fix),
      violatingResources: [...resources.values()],
    };
  });
}

/** The text when every finding says the same; else one line per finding, naming object and field. */
function describeAll(list: readonly Finding[], text: (f: Finding) => string): string {
  const distinct = [...new Set(list.map(text))];
  if (distinct.length === 1) return distinct[0];
  return list.map(f => `\n    - ${f.kind ?? '?'}/${f.name ?? '?'} ${f.path || '(object)'}: ${text(f)}`).join('');
}

function checkProperties(properties: LifecycleValidationPluginProperties, rules: readonly Rule[]): string[] {
  const problems: string[] = [];
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
    return ['properties must be a map; fix: give properties as key: value pairs, or leave them out'];
  }
  for (const key of Object.keys(properties)) {
    if (!PROPERTIES.includes(key)) problems.push(`${key}: unknown property; fix: use one of ${PROPERTIES.join(', ')}`);
  }
  const { minSeverity, disable, k8sVersion } = properties;
  // Own keys only: `minSeverity: constructor` is not a severity (and would hide every finding).
  if (minSeverity !== undefined && !(typeof minSeverity === 'string' && Object.hasOwn(SEVERITY_RANK, minSeverity))) {
    problems.push(`minSeverity: ${JSON.stringify(minSeverity)} is not a severity; fix: use error, warning or info`);
  }
  if (disable !== undefined) {
    if (!Array.isArray(disable)) {
      problems.push('disable: must be a list of rule ids; fix: e.g. disable: [lifecycle/tcp-socket-hook]');
    } else {
      for (const id of disable) {
        if (!rules.some(r => r.id === id)) problems.push(`disable: ${JSON.stringify(id)} is not a rule id; fix: see docs/rules.md for the ids`);
      }
    }
  }
  if (k8sVersion !== undefined && (typeof k8sVersion !== 'string' || normalizeK8sVersion(k8sVersion) === undefined)) {
    problems.push(`k8sVersion: ${JSON.stringify(k8sVersion)} is not supported; fix: use a version from ${supportedK8sVersionsText()}, e.g. "1.30"`);
  }
  return problems;
}
