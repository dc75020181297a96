/**
 * What synth-time validation hands over to the cdk8s-cli plugin (`LifecycleValidationPlugin`)
 * that `cdk8s synth` runs after the app, so that a project using both sees each finding once,
 * on the right construct.
 *
 * Construct paths. cdk8s-cli names the construct of a reported resource by looking its
 * `resourceName` up in the `construct-metadata.json` the app writes, which cdk8s keys by
 * `metadata.name` alone: a Deployment, Service and PodDisruptionBudget sharing a name (as
 * GracefulWebService's do) share one entry, the last object's. So after the synth, the app adds
 * an entry per object under a key naming its kind too (`Deployment/cache`), and the plugin reports
 * an object under that key when the metadata has it, under its plain name when the name is unique
 * (cdk8s's own entry is then right), and otherwise under the key without a construct path rather
 * than with a wrong one.
 *
 * Reporting once. When `cdk8s synth` is about to run our plugin (its cdk8s.yaml lists
 * `LifecycleValidationPlugin` and it asked the app to record construct metadata, which it does
 * only when it will run validation plugins), the app does not print warnings and infos: the
 * plugin's report lists them, with its own `minSeverity`, `disable` and `failOn`. Errors still fail
 * the synth at once, before anything is written, and the plugin never runs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, type App } from 'cdk8s';
import { parse } from 'yaml';
import { isMap } from './pod-template';

/** cdk8s writes this file into the output directory when asked to record construct metadata. */
export const CONSTRUCT_METADATA_FILE = 'construct-metadata.json';
export const PLUGIN_CLASS = 'LifecycleValidationPlugin';
const CDK8S_CONFIG_FILE = 'cdk8s.yaml';

/** `Deployment/cache`, or `Deployment/cache (namespace shop)`; undefined for an object without kind or name. */
export function resourceKey(kind: unknown, name: unknown, namespace: unknown): string | undefined {
  if (typeof kind !== 'string' || typeof name !== 'string' || kind === '' || name === '') return undefined;
  return typeof namespace === 'string' && namespace !== '' ? `${kind}/${name} (namespace ${namespace})` : `${kind}/${name}`;
}

/**
 * Adds a `resourceKey` entry for every ApiObject of the app to the construct metadata the synth
 * just wrote, if it wrote any. A key two objects share (two objects of one kind, name and
 * namespace: the cluster would keep only one) is left out, so no object gets the other's path.
 */
export function recordResourceKeys(app: App): void {
  // A file left in the outdir by an earlier synth is not this synth's: cdk8s's (private) flag says whether it wrote one.
  if ((app as unknown as { recordConstructMetadata?: unknown }).recordConstructMetadata === false) return;
  const file = path.join(app.outdir, CONSTRUCT_METADATA_FILE);
  let metadata: { version?: unknown; resources?: unknown };
  try {
    metadata = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return; // not recorded in this synth (or not ours to read)
  }
  if (metadata.version !== '1.0.0' || !isMap(metadata.resources)) return;
  const paths = new Map<string, string | undefined>();
  for (const o of app.node.findAll()) {
    if (!(o instanceof ApiObject)) continue;
    const key = resourceKey(o.kind, o.name, o.metadata.namespace);
    if (key === undefined) continue;
    paths.set(key, paths.has(key) ? undefined : o.node.path);
  }
  const resources: Record<string, unknown> = { ...metadata.resources };
  for (const [key, constructPath] of paths) if (constructPath !== undefined) resources[key] = { path: constructPath };
  fs.writeFileSync(file, JSON.stringify({ ...metadata, resources }));
}

/** Whether `cdk8s synth` will run LifecycleValidationPlugin after this app (see the file comment). */
export function lifecyclePluginWillReport(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): boolean {
  // cdk8s-cli sets it to 'true' exactly when it will run the validation plugins of cdk8s.yaml.
  if (env.CDK8S_RECORD_CONSTRUCT_METADATA !== 'true') return false;
  let config: unknown;
  try {
    config = parse(fs.readFileSync(path.join(cwd, CDK8S_CONFIG_FILE), 'utf8'));
  } catch {
    return false;
  }
  const validations = isMap(config) ? config.validations : undefined;
  return Array.isArray(validations) && validations.some(v => isMap(v) && v.class === PLUGIN_CLASS);
}
