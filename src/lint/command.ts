/**
 * `cdk8s-lifecycle lint`: options and arguments only. The work (YAML parser, rule registry,
 * OpenAPI definitions) is loaded when the command runs, so `--help` and other commands start fast.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CliIo, CliOptions } from '../cli';
import type { Severity } from '../validation/finding';
import { DEFAULT_K8S_VERSION, DEFAULT_K8S_VERSION_REASON, normalizeK8sVersion, supportedK8sVersionsText } from './k8s-version';

export type LintFormat = 'text' | 'json' | 'sarif';

export interface LintCommandOptions {
  readonly format: LintFormat;
  readonly k8sVersion: string;
  /** @default [] */
  readonly disable?: readonly string[];
  /** @default 'info' */
  readonly minSeverity?: Severity;
  /** @default 'error' */
  readonly failOn?: Severity;
  /** @default false */
  readonly omitSuppressed?: boolean;
}

const SEVERITY_CHOICES = ['error', 'warning', 'info'];

export function registerLintCommand(program: Command, io: CliIo, cliOptions: CliOptions = {}): Command {
  return program
    .command('lint')
    .summary('check Kubernetes manifests against the lifecycle, API-server and structure rules')
    .description([
      'Checks Kubernetes manifests (multi-document YAML or JSON, List objects) against every rule of the registry, as the synth-time validation does. FILE may be a directory (its .yaml, .yml and .json files, recursively) or - for standard input.',
      'Findings are listed by file (in the order given), then line and column. An input that cannot be read (missing path, YAML error, duplicate key, a document that is not an object, empty standard input) is a finding of rule input/unreadable; every other file and document is still linted.',
      'Suppress rules on one object with the annotation lifecycle.cdk8s.io/ignore: "rule-a,rule-b" (reason in lifecycle.cdk8s.io/ignore-reason); suppressed findings are counted, not shown.',
      'Exit status: 0 no finding at or above --fail-on; 1 at least one; 2 usage error, or an input could not be read (even when other files have findings).',
    ].join('\n\n'))
    .argument('<files...>', 'manifest files or directories, - for standard input')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .addOption(new Option('--k8s-version <version>', `Kubernetes version the manifests target, ${supportedK8sVersionsText()}: its OpenAPI schema, API-server validation and default feature gates`)
      .default(DEFAULT_K8S_VERSION, `${DEFAULT_K8S_VERSION}, because ${DEFAULT_K8S_VERSION_REASON}`)
      .argParser(parseK8sVersion))
    .addOption(new Option('--disable <rule>', 'do not run a rule (repeatable, or comma-separated ids)').argParser(collectIds).default([]))
    .addOption(new Option('--min-severity <severity>', 'leave out findings below this severity').choices(SEVERITY_CHOICES).default('info'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 on a finding of this severity or above').choices(SEVERITY_CHOICES).default('error'))
    .addOption(new Option('--omit-suppressed', 'leave suppressed findings out of JSON and SARIF (GitHub code scanning opens alerts for them)'))
    .action(async (files: string[], options: LintCommandOptions, command: Command) => {
      if (files.filter(f => f === '-').length > 1) {
        command.error('error: standard input (-) can be read only once', { exitCode: 2, code: 'cdk8s-lifecycle.usage' });
      }
      const { checkLintOptions, runLint } = await import('./run-lint');
      const problems = checkLintOptions(options, cliOptions);
      if (problems.length > 0) {
        command.error(problems.map(p => `error: ${p}`).join('\n'), { exitCode: 2, code: 'cdk8s-lifecycle.usage' });
      }
      io.exitCode = await runLint(files, options, io, cliOptions);
    });
}

/** `--disable a --disable b,c` → [a, b, c] */
function collectIds(value: string, previous: readonly string[]): string[] {
  return [...previous, ...value.split(',').map(s => s.trim()).filter(s => s !== '')];
}

function parseK8sVersion(value: string): string {
  const version = normalizeK8sVersion(value);
  if (version === undefined) {
    throw new InvalidArgumentError(`unsupported Kubernetes version; use one from ${supportedK8sVersionsText()} (e.g. 1.30).`);
  }
  return version;
}
