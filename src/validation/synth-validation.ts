/**
 * Runs the rule registry at synth, through cdk8s's own validation (`node.addValidation`), on
 * every ApiObject of the app: ours and any other. Errors fail the synth with the construct path,
 * field path, message and fix; warnings are printed to stderr and do not fail it.
 */
import { ApiObject, App } from 'cdk8s';
import { Construct, type IConstruct } from 'constructs';
import { constructFixOf, PROP_WARNING_RULE, propWarningsIn } from '../construct-notes';
import { LifecycleUsageError } from '../errors';
import { checkedK8sVersion, lintObjects, type LintOptions } from './engine';
import type { Finding } from './finding';
import { lifecyclePluginWillReport, recordResourceKeys } from './plugin-handoff';
import type { KubeObject } from './rule';
import { withSharedShapes } from './shared-shapes';

const ENABLED = Symbol.for('cdk8s-lifecycle.validation');

/** Id of the construct (a child of the app) that carries the validation: errors read `[cdk8s-lifecycle] ...`. */
export const VALIDATION_ID = 'cdk8s-lifecycle';

/** Options for synth-time validation. */
export interface LifecycleValidationOptions extends LintOptions {
  /**
   * Where warnings and infos go.
   * @default - printed to stderr
   */
  readonly onWarning?: (message: string, finding: Finding) => void;
}

/** Synth-time validation for a whole app. */
export class LifecycleValidation {
  /**
   * Validates every ApiObject of the app that `scope` belongs to, once per app however often it
   * is called (our constructs call it for you, without options).
   *
   * Options take effect only in the app's first call: call it with options before defining any of
   * our constructs. A later call with other options throws `LifecycleUsageError` rather than
   * ignoring them silently; a later call without options (as our constructs make), or with the
   * same ones, does nothing.
   */
  public static enable(scope: IConstruct, options: LifecycleValidationOptions = {}): void {
    // A wrong version is the caller's mistake: say so here, not halfway through a synth.
    try {
      checkedK8sVersion(options.k8sVersion);
    } catch (err) {
      throw new Error(`LifecycleValidation.enable: ${(err as Error).message}`);
    }
    const root = scope.node.root;
    const first = (root as unknown as Record<symbol, EnabledBy | undefined>)[ENABLED];
    if (first) {
      if (hasOptions(options) && !sameOptions(first.options, options)) throw lateOptionsError(scope, first);
      return;
    }
    (root as unknown as Record<symbol, EnabledBy>)[ENABLED] = { path: scope.node.path, options };
    if (root instanceof App) trackSynthRuns(root);
    // cdk8s prefixes each error with `[<path of the validated construct>]`: the root's path is empty
    // ("[] ..."), so the validation lives on a child of the root named for what reports it.
    let id = VALIDATION_ID;
    for (let i = 2; root.node.tryFindChild(id); i++) id = `${VALIDATION_ID}-${i}`;
    const host = new Construct(root, id);
    host.node.addValidation({ validate: () => validateApp(root, options) });
  }
}

/** The call that enabled validation for an app. */
interface EnabledBy {
  /** Construct path of its scope (empty for the app). */
  readonly path: string;
  readonly options: LifecycleValidationOptions;
}

type OptionName = keyof LifecycleValidationOptions;

/** The options given a value. */
function givenOptions(o: LifecycleValidationOptions): OptionName[] {
  return (Object.keys(o) as OptionName[]).filter(k => o[k] !== undefined);
}

function hasOptions(o: LifecycleValidationOptions): boolean {
  return givenOptions(o).length > 0;
}

/** The same value for every option (rules and callbacks by identity). */
function sameOptions(a: LifecycleValidationOptions, b: LifecycleValidationOptions): boolean {
  const ka = givenOptions(a);
  const kb = givenOptions(b);
  return ka.length === kb.length && ka.every(k => a[k] === b[k]);
}

function lateOptionsError(scope: IConstruct, first: EnabledBy): LifecycleUsageError {
  const by = first.path === '' ? 'an earlier LifecycleValidation.enable call on the app' : `${first.path} (a cdk8s-lifecycle construct or an earlier LifecycleValidation.enable call)`;
  return new LifecycleUsageError([
    `LifecycleValidation.enable(${scope.node.path || 'app'}, options): validation of this app was already enabled by ${by}, with other options; these would be ignored`,
    '    fix: call LifecycleValidation.enable(app, options) once, right after `new App()`, before defining any construct',
  ].join('\n'));
}

/** One running `app.synth()` / `app.synthYaml()`. */
interface SynthRun {
  validated: boolean;
  /** ApiObjects whose `toJson` answers from the validation's result until the run ends. */
  readonly memoized: ApiObject[];
}

const RUNS = new WeakMap<IConstruct, SynthRun>();

/**
 * cdk8s validates the whole app once in `synth()` and again in every chart's `toJson()`
 * (`App._synthChart`), so an app of N charts was linted N + 1 times, each time calling `toJson()`
 * on every object, and printed each warning N + 1 times. Inside one synth nothing can change
 * between those validations, so the first result stands, and the JSON it linted is the JSON the
 * charts write: each object's `toJson()` answers from it until the synth returns (a copy with
 * shared hidden classes, which the YAML writer reads faster too: shared-shapes.ts). Outside a synth
 * (`Testing.synth(chart)`, `chart.toJson()`), every validation runs in full.
 */
function trackSynthRuns(app: App): void {
  for (const method of ['synth', 'synthYaml'] as const) {
    const original = app[method] as (this: App) => unknown;
    Object.defineProperty(app, method, {
      configurable: true,
      writable: true,
      value: function (this: App) {
        if (RUNS.has(app)) return original.call(this);
        const run: SynthRun = { validated: false, memoized: [] };
        RUNS.set(app, run);
        try {
          const result = original.call(this);
          // The plugin that cdk8s synth may run next names constructs from this (plugin-handoff.ts).
          if (method === 'synth') recordResourceKeys(app);
          return result;
        } finally {
          RUNS.delete(app);
          for (const o of run.memoized) delete (o as { toJson?: unknown }).toJson;
        }
      },
    });
  }
}

function validateApp(root: IConstruct, options: LifecycleValidationOptions): string[] {
  const run = RUNS.get(root);
  if (run?.validated) return [];
  const all = root.node.findAll();
  const apiObjects = all.filter((c): c is ApiObject => c instanceof ApiObject);
  const objects = apiObjects.map(o => withSharedShapes(o.toJson() as KubeObject));
  if (run) {
    run.validated = true;
    apiObjects.forEach((o, i) => {
      const json = objects[i];
      Object.defineProperty(o, 'toJson', { configurable: true, writable: true, value: () => json });
      run.memoized.push(o);
    });
  }
  const findings = lintObjects(objects, options);
  // Under `cdk8s synth` with LifecycleValidationPlugin configured, its report lists warnings and infos (plugin-handoff.ts).
  const warn = options.onWarning ?? (lifecyclePluginWillReport() ? () => undefined : (message: string) => process.stderr.write(`${message}\n`));
  const errors: string[] = [];
  // A construct's warnings about its props first: they name what to change in the source.
  for (const { scope, warning } of propWarningsIn(all)) {
    const objectIndex = apiObjects.findIndex(o => o.node.scopes.includes(scope));
    const object = objects[objectIndex] as { kind?: string; metadata?: { name?: string } } | undefined;
    warn(`warning: ${scope.node.path}: ${warning.prop}: ${warning.message} [${PROP_WARNING_RULE}]\n    fix: ${warning.fix}`, {
      rule: PROP_WARNING_RULE, severity: 'warning', path: warning.prop, message: warning.message, fix: warning.fix,
      objectIndex, kind: object?.kind, name: object?.metadata?.name,
    });
  }
  for (const found of findings) {
    // The construct that made the object may know the fix in its own props.
    const fix = constructFixOf(apiObjects[found.objectIndex], found.rule, found.path);
    const f = fix === undefined ? found : { ...found, fix };
    const where = `${apiObjects[f.objectIndex].node.path} (${f.kind ?? '?'} ${f.name ?? '?'})`;
    const text = `${where}: ${f.path || '<object>'}: ${f.message} [${f.rule}]\n    fix: ${f.fix}`;
    if (f.severity === 'error') errors.push(text);
    else warn(`${f.severity}: ${text}`, f);
  }
  return errors;
}
