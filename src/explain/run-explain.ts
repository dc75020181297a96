/**
 * Runs `explain` once its arguments are parsed. Everything is computed (and every SVG rendered)
 * before anything is written, so a failure never leaves half an output.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CliIo } from '../cli';
import { InputError } from '../lint/input-error';
import { loadAll } from '../lint/lint-sources';
import { readAll, readSources } from '../lint/read-sources';
import type { ExplainCommandOptions } from './command';
import type { Explanation } from './model';
import { renderJson, type ExplainedWorkload } from './render-json';
import { renderSvg, svgFileName } from './render-svg';
import { renderText } from './render-text';
import { EXPLAINED_KINDS, explainWorkload, isExplainable } from './timeline';

const EXIT_OK = 0;
const EXIT_USAGE = 2;

/** File names for the SVGs, unique even when two workloads share kind and name (other namespaces). */
export function svgFileNames(explanations: readonly Explanation[]): string[] {
  const used = new Set<string>();
  return explanations.map(e => {
    const base = svgFileName(e).replace(/\.svg$/, '');
    let name = `${base}.svg`;
    if (used.has(name) && e.workload.namespace) name = `${base}-${e.workload.namespace.toLowerCase().replace(/[^a-z0-9_-]+/g, '-')}.svg`;
    for (let i = 2; used.has(name); i++) name = `${base}-${i}.svg`;
    used.add(name);
    return name;
  });
}

export async function runExplain(files: readonly string[], options: ExplainCommandOptions, io: CliIo, cwd: string = process.cwd()): Promise<number> {
  const fail = (messages: readonly string[]) => {
    io.stderr.write(messages.map(m => `cdk8s-lifecycle explain: ${m}\n`).join(''));
    return EXIT_USAGE;
  };
  const { sources, errors: readErrors } = await readSources(files, () => readAll(io.stdin), cwd);
  const { objects, errors: parseErrors } = loadAll(sources);
  const inputErrors: InputError[] = [...readErrors, ...parseErrors];
  if (inputErrors.length > 0) return fail(inputErrors.map(e => e.message));

  const all = objects.map(o => o.object);
  const items: ExplainedWorkload[] = objects.filter(o => isExplainable(o.object)).map(o => ({
    file: o.file, document: o.document,
    explanation: explainWorkload(o.object, { objects: all, endpointPropagationSeconds: options.propagation }),
  }));
  if (items.length === 0) {
    return fail([`${files.join(' ')}: no workload to explain (expected ${EXPLAINED_KINDS.join(', ')})`]);
  }

  const svgs = options.svg === undefined ? [] : svgFileNames(items.map(i => i.explanation))
    .map((name, i) => ({ file: path.join(options.svg!, name), text: renderSvg(items[i].explanation) }));
  const out = options.format === 'json'
    ? renderJson(items)
    : items.map(i => renderText(i.explanation)).join('\n');

  if (options.svg !== undefined) {
    try {
      fs.mkdirSync(path.resolve(cwd, options.svg), { recursive: true });
      for (const s of svgs) fs.writeFileSync(path.resolve(cwd, s.file), s.text);
    } catch (err) {
      return fail([`--svg ${options.svg}: cannot write: ${(err as Error).message}`]);
    }
  }
  io.stdout.write(out);
  if (svgs.length > 0) io.stderr.write(svgs.map(s => `wrote ${s.file}\n`).join(''));
  return EXIT_OK;
}
