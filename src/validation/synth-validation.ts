/**
 * Runs the rule registry at synth, through cdk8s's own validation (`node.addValidation`), on
 * every ApiObject of the app: ours and any other. Errors fail the synth with the construct path,
 * field path, message and fix; warnings are printed to stderr and do not fail it.
 */
import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { lintObjects, type LintOptions } from './engine';
import type { Finding } from './finding';
import type { KubeObject } from './rule';

const ENABLED = Symbol.for('cdk8s-lifecycle.validation');

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
   * is called (our constructs call it for you).
   */
  public static enable(scope: IConstruct, options: LifecycleValidationOptions = {}): void {
    const root = scope.node.root;
    if ((root as unknown as Record<symbol, boolean>)[ENABLED]) return;
    (root as unknown as Record<symbol, boolean>)[ENABLED] = true;
    root.node.addValidation({ validate: () => validateApp(root, options) });
  }
}

function validateApp(root: IConstruct, options: LifecycleValidationOptions): string[] {
  const apiObjects = root.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
  const objects = apiObjects.map(o => o.toJson() as KubeObject);
  const findings = lintObjects(objects, options);
  const warn = options.onWarning ?? ((message: string) => process.stderr.write(`${message}\n`));
  const errors: string[] = [];
  for (const f of findings) {
    const where = `${apiObjects[f.objectIndex].node.path} (${f.kind ?? '?'} ${f.name ?? '?'})`;
    const text = `${where}: ${f.path || '<object>'}: ${f.message} [${f.rule}]\n    fix: ${f.fix}`;
    if (f.severity === 'error') errors.push(text);
    else warn(`${f.severity}: ${text}`, f);
  }
  return errors;
}
