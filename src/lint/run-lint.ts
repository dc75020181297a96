/**
 * Runs `lint` once its arguments are parsed. Everything is computed before anything is printed,
 * so output is never half-written: either the whole report goes to stdout, or input errors go to
 * stderr and stdout stays empty.
 */
import type { CliIo, CliOptions } from '../cli';
import { hasErrors } from '../validation/engine';
import { RULES } from '../validation/registry';
import type { Rule } from '../validation/rule';
import type { LintCommandOptions } from './command';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { InputError } from './input-error';
import { lintLoaded, loadAll, type LintReport } from './lint-sources';
import { readAll, readSources, STDIN_NAME } from './read-sources';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export async function runLint(files: readonly string[], options: LintCommandOptions, io: CliIo, cliOptions: CliOptions = {}): Promise<number> {
  const rules = cliOptions.rules ?? RULES;
  const { sources, errors: readErrors } = await readSources(files, () => readAll(io.stdin), cliOptions.cwd);
  const { objects, errors: parseErrors } = loadAll(sources);
  const inputErrors = [...readErrors, ...parseErrors];
  if (inputErrors.length === 0 && objects.length === 0) {
    // An empty stdin usually means the generator before the pipe failed: never report that as clean.
    inputErrors.push(new InputError(files.map(f => (f === '-' ? STDIN_NAME : f)).join(', '), 'no Kubernetes objects found in the input'));
  }
  if (inputErrors.length > 0) {
    io.stderr.write(inputErrors.map(e => `cdk8s-lifecycle lint: ${e.message}\n`).join(''));
    return EXIT_USAGE;
  }

  const report = lintLoaded(objects, sources.length, { k8sVersion: options.k8sVersion, k8sVersionSetting: 'cli', rules });
  io.stdout.write(render(report, options, rules, cliOptions));
  return hasErrors(report.findings) ? EXIT_FINDINGS : EXIT_OK;
}

function render(report: LintReport, options: LintCommandOptions, rules: readonly Rule[], cliOptions: CliOptions): string {
  switch (options.format) {
    case 'json': return formatJson(report);
    case 'sarif': return formatSarif(report, rules, { cwd: cliOptions.cwd });
    default: return formatText(report);
  }
}
