/**
 * `cdk8s-lifecycle lint`: options and arguments only. The work (YAML parser, rule registry,
 * OpenAPI definitions) is loaded when the command runs, so `--help` and other commands start fast.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CliIo, CliOptions } from '../cli';
import { DEFAULT_K8S_VERSION, DEFAULT_K8S_VERSION_REASON, normalizeK8sVersion, supportedK8sVersionsText } from './k8s-version';

export type LintFormat = 'text' | 'json' | 'sarif';

export interface LintCommandOptions {
  readonly format: LintFormat;
  readonly k8sVersion: string;
}

export function registerLintCommand(program: Command, io: CliIo, cliOptions: CliOptions = {}): Command {
  return program
    .command('lint')
    .summary('check Kubernetes manifests against the lifecycle, API-server and structure rules')
    .description([
      'Checks Kubernetes manifests (multi-document YAML or JSON, List objects) against every rule of the registry, as the synth-time validation does. FILE may be a directory (its .yaml, .yml and .json files, recursively) or - for standard input.',
      'Exit status: 0 no error finding, 1 at least one error finding, 2 usage error or unreadable input.',
    ].join('\n\n'))
    .argument('<files...>', 'manifest files or directories, - for standard input')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .addOption(new Option('--k8s-version <version>', `Kubernetes version the manifests target, ${supportedK8sVersionsText()}: its OpenAPI schema, API-server validation and default feature gates`)
      .default(DEFAULT_K8S_VERSION, `${DEFAULT_K8S_VERSION}, because ${DEFAULT_K8S_VERSION_REASON}`)
      .argParser(parseK8sVersion))
    .action(async (files: string[], options: LintCommandOptions, command: Command) => {
      if (files.filter(f => f === '-').length > 1) {
        command.error('error: standard input (-) can be read only once', { exitCode: 2, code: 'cdk8s-lifecycle.usage' });
      }
      const { runLint } = await import('./run-lint');
      io.exitCode = await runLint(files, options, io, cliOptions);
    });
}

function parseK8sVersion(value: string): string {
  const version = normalizeK8sVersion(value);
  if (version === undefined) {
    throw new InvalidArgumentError(`unsupported Kubernetes version; use one from ${supportedK8sVersionsText()} (e.g. 1.30).`);
  }
  return version;
}
