#!/usr/bin/env node
/**
 * The `cdk8s-lifecycle` command line.
 *
 * `main(argv, io)` runs one command line in-process and resolves to its exit status, so tests call
 * it directly; the bottom of this file runs it when the file is executed as the binary.
 *
 * Exit status, for every command: 0 success, 1 the command found a problem in its input (e.g.
 * `lint` reported an error finding), 2 usage errors (unknown option, missing argument, bad
 * option value) and unreadable or unparsable input. Never a stack trace.
 *
 * Adding a command (two lines): export `registerXCommand(program: Command, io: CliIo)` from the
 * command's own module, import it below and call it in `buildProgram`. A command:
 * - writes through `io.stdout` / `io.stderr` (never `process.stdout` or `console`), computing its
 *   whole output before writing, so a failure never leaves half a report;
 * - sets `io.exitCode` for a non-zero result, and fails usage with
 *   `command.error(message, { exitCode: 2 })`, which `main` turns into the exit status;
 * - loads its heavy modules inside its action (`await import(...)`), so start-up stays lean.
 * Commands need not call `exitOverride` or `configureOutput`: `buildProgram` applies both to
 * every command once all are registered.
 */
import { Command, CommanderError } from 'commander';
import { registerExplainCommand } from './explain/command';
import { registerLintCommand } from './lint/command';
import { packageVersion } from './lint/package-version';
import { registerSynthCommand } from './synth-cli/command';
import type { Rule } from './validation/rule';

/** Something text can be written to: `process.stdout`, or a collector in tests. */
export interface TextSink {
  write(text: string): unknown;
}

/** Where a command reads and writes; `process` streams for the binary, in-memory ones in tests. */
export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly stdin: NodeJS.ReadableStream | AsyncIterable<string | Uint8Array>;
  /** Set by a command's action for a non-zero exit status; `main` returns it. */
  exitCode?: number;
}

/** Settings for embedding and tests; the binary uses the defaults. */
export interface CliOptions {
  /**
   * Rules `lint` runs.
   * @default - every rule of the registry
   */
  readonly rules?: readonly Rule[];
  /**
   * Directory relative file arguments are read from and SARIF paths are relative to.
   * @default process.cwd()
   */
  readonly cwd?: string;
}

export const EXIT_USAGE = 2;

/** The program with every command, its output and exits routed through `io`. */
export function buildProgram(io: CliIo, options: CliOptions = {}): Command {
  const program = new Command('cdk8s-lifecycle')
    .description('Kubernetes pod lifecycles that lose no request: lint manifests against the lifecycle, API-server and structure rules; explain each workload\'s startup and termination; synthesize a cdk8s app without losing dist/ on failure.')
    .version(packageVersion(), '-V, --version');

  registerLintCommand(program, io, options);
  registerExplainCommand(program, io, options);
  registerSynthCommand(program, io, options);

  routeThroughIo(program, io);
  return program;
}

/** Runs one command line (arguments after the program name); resolves to the exit status. */
export async function main(argv: readonly string[], io: CliIo = processIo(), options: CliOptions = {}): Promise<number> {
  // A fresh io per run: commands set exitCode on it, never on the caller's object.
  const run: CliIo = { stdout: io.stdout, stderr: io.stderr, stdin: io.stdin };
  try {
    await buildProgram(run, options).parseAsync([...argv], { from: 'user' });
    return run.exitCode ?? 0;
  } catch (err) {
    if (err instanceof CommanderError) return exitStatusOf(err);
    run.stderr.write(`cdk8s-lifecycle: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT_USAGE;
  }
}

function exitStatusOf(err: CommanderError): number {
  switch (err.code) {
    case 'commander.helpDisplayed':
    case 'commander.version':
      return 0;
    case 'commander.help':
      // Help printed because no command was given is a usage error; `help` asked for is not.
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    case 'commander.error':
      return err.exitCode;
    default:
      // commander's own parse errors (unknown option, missing argument, invalid value) exit 1;
      // ours are usage errors. A command's `command.error(msg, { exitCode, code })` keeps its status.
      return err.code.startsWith('commander.') ? EXIT_USAGE : err.exitCode;
  }
}

function routeThroughIo(command: Command, io: CliIo): void {
  command
    .exitOverride()
    .configureOutput({
      writeOut: text => io.stdout.write(text),
      writeErr: text => io.stderr.write(text),
      outputError: (text, write) => write(text),
    })
    .showHelpAfterError(`(run '${fullName(command)} --help' for usage)`);
  for (const sub of command.commands) routeThroughIo(sub, io);
}

function fullName(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
}

if (require.main === module) {
  // `cdk8s-lifecycle lint ... | head` closes the pipe early: that is not an error worth a trace.
  // `synth` runs on without its listener: stopping half-way would leave the output folder unswapped.
  const finishesAnyway = process.argv[2] === 'synth';
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' && finishesAnyway) return;
    if (err.code !== 'EPIPE') process.stderr.write(`cdk8s-lifecycle: ${err.message}\n`);
    process.exit(err.code === 'EPIPE' ? 0 : EXIT_USAGE);
  });
  void main(process.argv.slice(2)).then(status => {
    process.exitCode = status;
  });
}
