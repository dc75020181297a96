/**
 * `cdk8s-lifecycle synth`: a drop-in for `cdk8s synth` in a project's `synth` script that never
 * empties the output folder on failure and prints the problems without stack traces.
 */
import type { Command } from 'commander';
import type { CliIo, CliOptions } from '../cli';
import type { SynthCommandOptions } from './run-synth';

export function registerSynthCommand(program: Command, io: CliIo, cliOptions: CliOptions = {}): Command {
  return program
    .command('synth')
    .summary('cdk8s synth that replaces the output folder only on success and prints problems without stack traces')
    .description([
      'Runs cdk8s-cli\'s `cdk8s synth` for the cdk8s app of the current folder (cdk8s.yaml: app, output, validations, ...) into a staging folder beside the output folder, and replaces the output folder with it only when the app and every validation plugin succeed: a failed synth leaves the committed manifests byte-identical. A construct\'s bad props or a failed validation is printed as construct path, prop or field path, and fix, without a stack trace, also when main.ts ends in a plain app.synth().',
      'Other options are passed on to `cdk8s synth` (e.g. --no-check-upgrade, --plugins-dir, --validation-reports-output-file); --stdout is not: use `cdk8s synth --stdout`.',
      'Exit status: 0 synthesized, 1 the app or a validation failed (the output folder is unchanged), 2 usage error, cdk8s.yaml invalid, or cdk8s-cli not installed.',
    ].join('\n\n'))
    .option('-a, --app <command>', 'command that runs the app (default: app of cdk8s.yaml)')
    .option('-o, --output <dir>', 'output folder (default: output of cdk8s.yaml, else dist)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async (options: SynthCommandOptions, command: Command) => {
      const passThrough = command.args;
      const stdout = passThrough.find(a => a === '--stdout' || a === '-p' || a.startsWith('--stdout='));
      if (stdout !== undefined) {
        command.error(`error: ${stdout} is not supported: cdk8s-lifecycle synth writes the output folder; use \`cdk8s synth --stdout\` to print the manifests`, { exitCode: 2, code: 'cdk8s-lifecycle.usage' });
      }
      const { runSynth } = await import('./run-synth');
      io.exitCode = await runSynth(options, passThrough, io, cliOptions.cwd ?? process.cwd());
    });
}
