/**
 * `npm run bench`: the synth cost of GracefulWebService (with and without validation) against
 * the floor, and lint throughput. It reports; it never fails on a missed target (exit 0).
 *
 *   node lib/bench/run.js [--json] [--only synth|lint|repos] [--rounds N] [--pairs N] [--services N] [--per-chart N] [--objects N] [--repos N]
 */
import { runLintBench, type LintBenchResult } from './lint-bench';
import { formatLint, formatRepo, formatSynth } from './report';
import { runRepoBench, type RepoBenchResult } from './repo-bench';
import { runSynthBench, type SynthBenchResult } from './synth-bench';

interface Args {
  readonly json: boolean;
  readonly only?: 'synth' | 'lint' | 'repos';
  readonly rounds?: number;
  readonly pairs?: number;
  readonly services?: number;
  readonly perChart?: number;
  readonly objects?: number;
  readonly repos?: number;
}

function parseArgs(argv: readonly string[]): Args {
  const out: { -readonly [K in keyof Args]: Args[K] } = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const count = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} needs a whole number >= 1`);
      return n;
    };
    if (a === '--json') out.json = true;
    else if (a === '--only') {
      const v = value();
      if (v !== 'synth' && v !== 'lint' && v !== 'repos') throw new Error('--only takes synth, lint or repos');
      out.only = v;
    } else if (a === '--rounds') out.rounds = count();
    else if (a === '--pairs') out.pairs = count();
    else if (a === '--services') out.services = count();
    else if (a === '--per-chart') out.perChart = count();
    else if (a === '--objects') out.objects = count();
    else if (a === '--repos') out.repos = count();
    else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message}\nusage: node lib/bench/run.js [--json] [--only synth|lint|repos] [--rounds N] [--pairs N] [--services N] [--per-chart N] [--objects N] [--repos N]\n`);
    process.exitCode = 2;
    return;
  }
  const log = (text: string) => { if (!args.json) process.stdout.write(`${text}\n`); };
  let synth: SynthBenchResult | undefined;
  let lint: LintBenchResult | undefined;
  let repos: RepoBenchResult | undefined;
  if (args.only === undefined || args.only === 'synth') {
    log('synth: running (about 2 min)...');
    synth = runSynthBench({ services: args.services, servicesPerChart: args.perChart, rounds: args.rounds, pairs: args.pairs });
    log(`${formatSynth(synth)}\n`);
  }
  if (args.only === undefined || args.only === 'lint') {
    log('lint: running...');
    lint = await runLintBench({ objects: args.objects, rounds: args.rounds });
    log(`${formatLint(lint)}\n`);
  }
  if (args.only === undefined || args.only === 'repos') {
    log('lint, real-repository-shaped corpus: running...');
    repos = await runRepoBench({ repos: args.repos, rounds: args.rounds });
    log(formatRepo(repos));
  }
  if (args.json) process.stdout.write(`${JSON.stringify({ node: process.version, synth, lint, repos }, null, 2)}\n`);
}

main().catch(err => {
  // A benchmark reports; a crash is still a bug worth a non-zero exit.
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
