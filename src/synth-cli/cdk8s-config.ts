/**
 * The parts of a project's `cdk8s.yaml` that `cdk8s-lifecycle synth` reads (the `app` command
 * and the `output` folder) and those that make cdk8s-cli fail with a stack trace when they are
 * wrong (`validations` entries), checked up front so that the user gets the file, line, field
 * and fix instead. Everything else is cdk8s-cli's to read.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

export const CDK8S_CONFIG_FILE = 'cdk8s.yaml';

/** cdk8s-cli's default `output`. */
export const DEFAULT_OUTPUT = 'dist';

/** What `cdk8s-lifecycle synth` needs from `cdk8s.yaml`. */
export interface Cdk8sConfig {
  /** The command that runs the app; cdk8s-cli runs it through a shell. */
  readonly app?: string;
  /** Output folder relative to the project, as written. @default 'dist' */
  readonly output: string;
  /** Packages of the `validations` entries, in order (empty for none or for a URL of a validations file). */
  readonly validationPackages: readonly string[];
}

/** One problem in cdk8s.yaml. */
export interface Cdk8sConfigProblem {
  /** Field path, e.g. `validations[0].version`; empty for the whole file. */
  readonly field: string;
  readonly message: string;
  readonly fix: string;
  /** 1-based line, when the field is in the file. */
  readonly line?: number;
}

/** cdk8s.yaml is missing, unreadable or wrong; every problem at once. */
export class Cdk8sConfigError extends Error {
  constructor(public readonly file: string, public readonly problems: readonly Cdk8sConfigProblem[]) {
    super([
      `${file}: ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}`,
      ...problems.map(p => `  ${p.line !== undefined ? `${file}:${p.line}: ` : ''}${p.field ? `${p.field}: ` : ''}${p.message}\n    fix: ${p.fix}`),
    ].join('\n'));
    this.name = 'Cdk8sConfigError';
  }
}

/** A pinned version as cdk8s-cli requires it (it refuses ranges): 1.2.3, 1.2.3-rc.1. */
const PINNED_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** Reads `cdk8s.yaml` of the project in `dir`; throws `Cdk8sConfigError`. */
export function readCdk8sConfig(dir: string): Cdk8sConfig {
  const file = path.join(dir, CDK8S_CONFIG_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Cdk8sConfigError(CDK8S_CONFIG_FILE, [{
      field: '',
      message: missing ? `not found in ${dir}` : `cannot be read: ${(err as Error).message}`,
      fix: missing
        ? 'run the command in the folder of your cdk8s app (where `cdk8s synth` runs), which holds cdk8s.yaml'
        : 'make the file readable',
    }]);
  }
  return parseCdk8sConfig(text);
}

/** Parses the text of a `cdk8s.yaml` (YAML 1.2, as cdk8s-cli reads it); throws `Cdk8sConfigError`. */
export function parseCdk8sConfig(text: string): Cdk8sConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: Node | null | undefined): number | undefined =>
    node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new Cdk8sConfigError(CDK8S_CONFIG_FILE, [{
      field: '',
      // yaml's message repeats the position and the source line: the first line, without them.
      message: `is not valid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
      fix: 'correct the YAML at that line',
      line: lineCounter.linePos(e.pos[0]).line,
    }]);
  }
  const problems: Cdk8sConfigProblem[] = [];
  const add = (field: string, message: string, fix: string, node?: Node | null) =>
    problems.push({ field, message, fix, line: lineOf(node) });

  const root = doc.contents;
  const value = doc.toJS() as unknown;
  if (value !== null && value !== undefined && !isMap(root)) {
    add('', `is ${describe(value)}, not a mapping`, 'write cdk8s.yaml as a mapping with app:, output: and so on', root);
    throw new Cdk8sConfigError(CDK8S_CONFIG_FILE, problems);
  }
  const config = (value ?? {}) as Record<string, unknown>;
  const nodeOf = (key: string): Node | undefined => (isMap(root) ? root.get(key, true) as Node | undefined : undefined);

  const app = config.app;
  if (app !== undefined && (typeof app !== 'string' || app.trim() === '')) {
    add('app', `${JSON.stringify(app)} is not a command`, 'write the command that runs your app, e.g. app: node main.js', nodeOf('app'));
  }
  const output = config.output;
  if (output !== undefined && (typeof output !== 'string' || output.trim() === '')) {
    add('output', `${JSON.stringify(output)} is not a folder name`, 'write the folder the manifests go to, e.g. output: dist', nodeOf('output'));
  }

  const validationPackages: string[] = [];
  const validations = config.validations;
  const validationsNode = nodeOf('validations');
  if (Array.isArray(validations)) {
    validations.forEach((entry, i) => {
      const field = `validations[${i}]`;
      const entryNode = isSeq(validationsNode) ? validationsNode.items[i] as Node | undefined : undefined;
      const fieldNode = (key: string) => (isMap(entryNode) ? entryNode.get(key, true) as Node | undefined : undefined) ?? entryNode;
      if (!isPlainObject(entry)) {
        add(field, `is ${describe(entry)}, not a plugin`, 'write each plugin as a mapping with package:, version: and class:', entryNode);
        return;
      }
      for (const key of ['package', 'class']) {
        if (typeof entry[key] !== 'string' || entry[key] === '') {
          add(`${field}.${key}`, entry[key] === undefined ? 'is missing' : `${JSON.stringify(entry[key])} is not a string`,
            key === 'package'
              ? 'name the plugin package: a local path such as ./node_modules/cdk8s-lifecycle, or an npm package name'
              : 'name the class the package exports, e.g. class: LifecycleValidationPlugin',
            fieldNode(key));
        }
      }
      if (typeof entry.package === 'string') validationPackages.push(entry.package);
      const version = entry.version;
      if (typeof version !== 'string' || !PINNED_VERSION.test(version)) {
        const pinned = typeof version === 'string' ? /\d+\.\d+\.\d+/.exec(version)?.[0] : undefined;
        add(`${field}.version`,
          version === undefined ? 'is missing: cdk8s-cli requires the exact version of every plugin'
            : typeof version === 'string' ? `${JSON.stringify(version)} is not an exact version: cdk8s-cli loads one pinned version and refuses ranges`
              : `${JSON.stringify(version)} is a ${typeof version}, not a version string`,
          `write the exact version as a string, e.g. version: "${pinned ?? '0.1.0'}" (for a local path, the version of the package there)`,
          fieldNode('version'));
      }
      if (entry.properties !== undefined && !isPlainObject(entry.properties)) {
        add(`${field}.properties`, `is ${describe(entry.properties)}, not a mapping`, 'write the plugin\'s properties as a mapping, or leave them out', fieldNode('properties'));
      }
    });
  } else if (validations !== undefined && validations !== null && typeof validations !== 'string') {
    add('validations', `is ${describe(validations)}`, 'write a list of plugins, or the URL or path of a file that holds one', validationsNode);
  }

  if (problems.length > 0) throw new Cdk8sConfigError(CDK8S_CONFIG_FILE, problems);
  return {
    ...(typeof app === 'string' ? { app } : {}),
    output: typeof output === 'string' ? output : DEFAULT_OUTPUT,
    validationPackages,
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}
