/**
 * `cdk8s-lifecycle explain`: options and arguments only; the work is loaded when it runs.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CliIo, CliOptions } from '../cli';
import { ENDPOINT_PROPAGATION_SECONDS } from './assumptions';

export type ExplainFormat = 'text' | 'json';

export interface ExplainCommandOptions {
  readonly format: ExplainFormat;
  /** Directory for one `<kind>-<name>.svg` per workload. */
  readonly svg?: string;
  readonly propagation: number;
}

export function registerExplainCommand(program: Command, io: CliIo, cliOptions: Pick<CliOptions, 'cwd'> = {}): Command {
  return program
    .command('explain')
    .summary('show each workload\'s startup and termination as a timeline, with verdicts')
    .description([
      'Draws the startup and termination timeline of every workload (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob) in the manifests: init containers, postStart, probe gating, earliest Ready; Terminating, endpoint removal, preStop, SIGTERM, shutdown, SIGKILL, Nacos windows. Verdicts name the field to change and the value to set. FILE may be a directory (its .yaml, .yml and .json files) or - for standard input.',
      'Exit status: 0 explained (verdicts or not), 2 usage error, unreadable input or no workload in it.',
    ].join('\n\n'))
    .argument('<files...>', 'manifest files or directories, - for standard input')
    .addOption(new Option('-f, --format <format>', 'output format on stdout').choices(['text', 'json']).default('text'))
    .addOption(new Option('--svg <dir>', 'also write one <kind>-<name>.svg per workload into this directory'))
    .addOption(new Option('--propagation <seconds>', 'assumed time for endpoint removal to reach kube-proxy, ingress and clients')
      .default(ENDPOINT_PROPAGATION_SECONDS).argParser(parseSeconds))
    .action(async (files: string[], options: ExplainCommandOptions, command: Command) => {
      if (files.filter(f => f === '-').length > 1) {
        command.error('error: standard input (-) can be read only once', { exitCode: 2, code: 'cdk8s-lifecycle.usage' });
      }
      const { runExplain } = await import('./run-explain');
      io.exitCode = await runExplain(files, options, io, cliOptions.cwd);
    });
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 3600) {
    throw new InvalidArgumentError('expected a number of seconds between 0 and 3600.');
  }
  return n;
}
