/**
 * Synthesizes the example app in-process, the way `cdk8s synth` does (validation included), into
 * a temporary directory. Never touches the repository's dist/.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, YamlOutputType } from 'cdk8s';
import * as YAML from 'yaml';
import { defineExampleApp } from '../../src/main';

export interface SynthesizedApp {
  /** File name (e.g. `fortune-site.k8s.yaml`) to its exact bytes. */
  readonly files: ReadonlyMap<string, string>;
  /** Every object of every file, in file order. */
  readonly objects: readonly Record<string, unknown>[];
  /** The objects of each file. */
  readonly objectsByFile: ReadonlyMap<string, readonly Record<string, unknown>[]>;
}

/** Synthesizes into a fresh temp dir, reads the files back and removes the dir. */
export function synthExampleApp(): SynthesizedApp {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-lifecycle-examples-'));
  try {
    // The same settings as `cdk8s synth` (cdk8s.yaml): one file per chart.
    const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
    defineExampleApp(app);
    app.synth();
    return readOutput(outdir);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Reads a synth output directory: file name to content, and the parsed objects. */
export function readOutput(dir: string): SynthesizedApp {
  const files = new Map<string, string>();
  const objectsByFile = new Map<string, Record<string, unknown>[]>();
  for (const name of fs.readdirSync(dir).filter(n => n.endsWith('.yaml')).sort()) {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    files.set(name, text);
    const objects: Record<string, unknown>[] = [];
    for (const doc of YAML.parseAllDocuments(text)) {
      const value = doc.toJS() as unknown;
      if (value && typeof value === 'object') objects.push(value as Record<string, unknown>);
    }
    objectsByFile.set(name, objects);
  }
  return { files, objects: [...objectsByFile.values()].flat(), objectsByFile };
}
