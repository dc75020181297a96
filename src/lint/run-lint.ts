/**
 * Runs `lint` once its arguments are parsed. Everything is computed before anything is printed,
 * so output is never half-written. Unreadable input does not stop the run: it is reported as
 * `input/unreadable` findings beside the findings of everything that could be read, and the
 * exit status is 2.
 */
import type { CliIo, CliOptions } from '../cli';
import { RULES } from '../validation/registry';
import type { Rule } from '../validation/rule';
import { checkSelection, failsOn } from '../validation/rule-selection';
import type { LintCommandOptions } from './command';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { InputError } from './input-error';
import { lintLoaded, loadAll, type LintReport } from './lint-sources';
import type { LoadedObject } from './load-objects';
import { readAll, readSources, STDIN_NAME } from './read-sources';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const OPTION_NAMES = { disable: '--disable', minSeverity: '--min-severity', failOn: '--fail-on' };

/** Problems with the options that need the rule set to check (rule ids); empty when they are fine. */
export function checkLintOptions(options: LintCommandOptions, cliOptions: CliOptions = {}): string[] {
  return checkSelection(selectionOf(options), cliOptions.rules ?? RULES, OPTION_NAMES);
}

export async function runLint(files: readonly string[], options: LintCommandOptions, io: CliIo, cliOptions: CliOptions = {}): Promise<number> {
  const rules = cliOptions.rules ?? RULES;
  const selection = selectionOf(options);
  const read = await readSources(files, () => readAll(io.stdin), cliOptions.cwd);
  const { objects, errors: parseErrors } = loadAll(read.sources);
  const inputErrors = [...read.errors, ...parseErrors, ...emptyInputs(read.sources.map(s => s.file), objects, [...read.errors, ...parseErrors])];

  const report = lintLoaded(objects, read.sources.length, {
    k8sVersion: options.k8sVersion, k8sVersionSetting: 'cli', rules, disable: selection.disable, minSeverity: selection.minSeverity, inputErrors, files: read.files,
  });
  if (options.format !== 'text' && inputErrors.length > 0) {
    // The report goes to a file in CI; the log should still say why the step failed.
    io.stderr.write(inputErrors.map(e => `cdk8s-lifecycle lint: ${e.file}${e.position ? `:${e.position.line}:${e.position.column}` : ''}: ${e.reason}\n`).join(''));
  }
  io.stdout.write(render(report, options, rules, cliOptions));
  if (report.unreadableCount > 0) return EXIT_USAGE;
  return failsOn(report.findings, selection.failOn) ? EXIT_FINDINGS : EXIT_OK;
}

function selectionOf(options: LintCommandOptions) {
  return { disable: options.disable ?? [], minSeverity: options.minSeverity ?? 'info', failOn: options.failOn ?? 'error' } as const;
}

/**
 * Input that held nothing to lint: standard input without an object (the generator before the
 * pipe usually failed), or every file empty. An empty file among others is fine, as for kubectl.
 */
function emptyInputs(files: readonly string[], objects: readonly LoadedObject[], errors: readonly InputError[]): InputError[] {
  const productive = new Set([...objects.map(o => o.file), ...errors.map(e => e.file)]);
  const empty = files.filter(f => !productive.has(f));
  const reported = objects.length === 0 && errors.length === 0 ? empty : empty.filter(f => f === STDIN_NAME);
  return reported.map(f => new InputError(f, 'no Kubernetes objects found in the input'));
}

function render(report: LintReport, options: LintCommandOptions, rules: readonly Rule[], cliOptions: CliOptions): string {
  switch (options.format) {
    case 'json': return formatJson(report, { omitSuppressed: options.omitSuppressed });
    case 'sarif': return formatSarif(report, rules, { cwd: cliOptions.cwd, omitSuppressed: options.omitSuppressed });
    default: return formatText(report);
  }
}
