/**
 * What an exec hook does besides waiting, read from its command: the first command that stops
 * the app (`nginx -s quit`, `kill 1`, `killall python3`, `curl -X POST .../shutdown`) and how
 * long the script surely waits before it, and whether every path through the script fails
 * (`...; exit 1`), which for a postStart means the container can never start.
 *
 * Like hook-duration.ts, it reads the command and never guesses: a stop hidden in a script file,
 * in a `case`, or behind `eval` is not found, and a script fails "always" only when every path
 * ends in a literal failure.
 */
import { execShellScript } from './hook-duration';
import { memoizeByText } from './memo';
import { parseShellScript, type AndOr, type Command, type CommandList, type Pipeline, type ShellWord } from './shell-script';

/** What a stop command acts on. */
export type StopTarget =
  /** `kill 1`: the container's main process. */
  | { readonly kind: 'pid1' }
  /** `killall python3`, `pkill -f gunicorn`: processes by name, the main process among them if it matches. */
  | { readonly kind: 'process'; readonly name: string }
  /** `nginx -s quit`, `apachectl -k graceful-stop`: the server's own control command. */
  | { readonly kind: 'server'; readonly name: string }
  /** `curl -X POST localhost:8080/actuator/shutdown`: the app's own shutdown endpoint. */
  | { readonly kind: 'http'; readonly url: string }
  /** `kill $(cat /run/app.pid)`: a process the manifest does not name. */
  | { readonly kind: 'pid' };

export interface StopCommand {
  /** Seconds the script surely waits before it (its unconditional literal sleeps). */
  readonly at: number;
  /** The command as written, for messages: `nginx -s quit`. */
  readonly command: string;
  /** The signal it sends (`QUIT`, `TERM`), when it is a signal. */
  readonly signal: string | undefined;
  readonly target: StopTarget;
  /**
   * Stops accepting and lets in-flight requests finish (`nginx -s quit`, SIGTERM or SIGQUIT to
   * most servers), rather than dropping them (`nginx -s stop`, SIGKILL).
   */
  readonly graceful: boolean;
}

export interface ScriptEffects {
  /** The first command that may stop the app, or undefined. */
  readonly stop: StopCommand | undefined;
  /**
   * Seconds the command surely waits before the first command that may act on the app: the stop
   * command, or one this reader does not know to leave the app alone (a script, a binary).
   * Undefined when it runs none (it only waits, logs, tests, calls a registry).
   */
  readonly actsAt: number | undefined;
  /** When every path through the command fails, the failing command (`exit 1`); else undefined. */
  readonly fails: string | undefined;
}

const NONE: ScriptEffects = { stop: undefined, actsAt: 0, fails: undefined };

/** Signals that end a process (their default action), by name. */
const STOP_SIGNALS = new Set(['TERM', 'INT', 'QUIT', 'KILL']);
const SIGNAL_NUMBERS: Readonly<Record<string, string>> = { 1: 'HUP', 2: 'INT', 3: 'QUIT', 9: 'KILL', 10: 'USR1', 12: 'USR2', 15: 'TERM', 0: '0' };

/** The app's own shutdown endpoints: Spring Boot actuator, Envoy's admin API, common `/shutdown`. */
const SHUTDOWN_URL = /^(?:https?:\/\/)?[^/\s]*\/(?:[^?\s]*\/)?(?:shutdown|quitquitquit|drain_listeners)(?:[?#].*)?$/;

function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

function signalName(raw: string): string {
  const s = raw.replace(/^-/, '').toUpperCase().replace(/^SIG/, '');
  return SIGNAL_NUMBERS[s] ?? s;
}

const text = (words: readonly ShellWord[]) => words.map(w => w.text).join(' ');

type Recognized = Omit<StopCommand, 'at'>;

/** `kill [-SIG | -s SIG | -n N] [--] target...` */
function kill(words: readonly ShellWord[]): Recognized | undefined {
  let signal = 'TERM';
  let i = 1;
  for (; i < words.length; i++) {
    const w = words[i].text;
    if (w === '--') { i++; break; }
    if (w === '-s' || w === '-n') { signal = signalName(words[++i]?.text ?? ''); continue; }
    if (w === '-l' || w === '-L') return undefined;
    if (/^-(?:[A-Za-z]+\d*|\d+)$/.test(w)) { signal = signalName(w); continue; }
    break;
  }
  const targets = words.slice(i);
  if (targets.length === 0 || !STOP_SIGNALS.has(signal)) return undefined;
  const target: StopTarget = targets.some(t => t.text === '1' && !t.expands) ? { kind: 'pid1' } : { kind: 'pid' };
  return { command: text(words), signal, target, graceful: signal !== 'KILL' };
}

/** `killall [-s SIG | -SIG] [-w] name`, `pkill [-SIG] [-f] pattern`. */
function killByName(words: readonly ShellWord[]): Recognized | undefined {
  let signal = 'TERM';
  let name: string | undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i].text;
    if (w === '-s' || w === '--signal') { signal = signalName(words[++i]?.text ?? ''); continue; }
    if (w.startsWith('--signal=')) { signal = signalName(w.slice('--signal='.length)); continue; }
    if (['-u', '-g', '-G', '-P', '-t', '-U', '--user', '-o', '-y', '--older-than', '--younger-than'].includes(w)) { i++; continue; }
    if (/^-(?:[A-Z]+|SIG[A-Z]+|\d+)$/.test(w)) { signal = signalName(w); continue; }
    if (w.startsWith('-')) continue; // -f, -x, -q, -w, -e, ...
    name = w;
  }
  if (name === undefined || !STOP_SIGNALS.has(signal)) return undefined;
  return { command: text(words), signal, target: { kind: 'process', name }, graceful: signal !== 'KILL' };
}

/** The command that stops the app, if `words` (one simple command) is one. */
export function recognizeStop(words: readonly ShellWord[]): Recognized | undefined {
  let i = 0;
  while (i < words.length && !words[i].quoted && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i].text)) i++;
  const rest = words.slice(i);
  if (rest.length === 0 || rest[0].expands) return undefined;
  const name = basename(rest[0].text);
  const args = rest.slice(1).map(w => w.text);
  switch (name) {
    case 'exec': case 'command': case 'busybox': case 'nohup': case 'sudo':
      return recognizeStop(rest.slice(1));
    case 'timeout': {
      // timeout [options] DURATION COMMAND...
      let j = 1;
      while (j < rest.length && rest[j].text.startsWith('-')) j += rest[j].text === '-s' || rest[j].text === '-k' ? 2 : 1;
      return recognizeStop(rest.slice(j + 1));
    }
    case 'nginx': case 'openresty': {
      const s = args.indexOf('-s');
      const what = s >= 0 ? args[s + 1] : undefined;
      if (what === 'quit') return { command: text(rest), signal: 'QUIT', target: { kind: 'server', name }, graceful: true };
      if (what === 'stop') return { command: text(rest), signal: 'TERM', target: { kind: 'server', name }, graceful: false };
      return undefined;
    }
    case 'apachectl': case 'apache2ctl': case 'httpd': case 'apache2': {
      const what = args.includes('-k') ? args[args.indexOf('-k') + 1] : args[0];
      if (what === 'graceful-stop') return { command: text(rest), signal: 'WINCH', target: { kind: 'server', name }, graceful: true };
      if (what === 'stop') return { command: text(rest), signal: 'TERM', target: { kind: 'server', name }, graceful: false };
      return undefined;
    }
    case 'kill': return kill(rest);
    case 'killall': case 'pkill': return killByName(rest);
    case 'curl': case 'wget': {
      const url = args.find(a => !a.startsWith('-') && SHUTDOWN_URL.test(a));
      return url === undefined ? undefined : { command: text(rest), signal: undefined, target: { kind: 'http', url }, graceful: true };
    }
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------- stops

/**
 * Commands that leave the app alone: output, tests, arithmetic, waiting, HTTP calls to something
 * other than a shutdown endpoint (a registry, a load balancer), process lookups. Any other command
 * (a script, a binary the manifest does not explain) may act on the app.
 */
const LEAVES_APP_ALONE = new Set([
  'echo', 'printf', 'true', 'false', ':', 'set', 'test', '[', 'exit', 'return', 'export', 'unset', 'local', 'readonly', 'shift',
  'sleep', 'date', 'cat', 'tee', 'logger', 'hostname', 'env', 'printenv', 'grep', 'sed', 'awk', 'head', 'tail', 'wc', 'cut',
  'tr', 'sort', 'basename', 'dirname', 'expr', 'seq', 'id', 'pidof', 'pgrep', 'ps', 'curl', 'wget', 'break', 'continue',
]);

/**
 * What a piece of script does first: the first stop command, the first command that may act on
 * the app (`acts`, the stop's time when the stop comes first), each at the least time the script
 * surely waits before it; `min` is how long the piece surely takes.
 */
interface Walk { readonly stop?: StopCommand; readonly acts?: number; readonly min: number }

/** The words from the command name on: without leading assignments and `exec`/`command`/`busybox`. */
function commandWords(words: readonly ShellWord[]): readonly ShellWord[] {
  let i = 0;
  while (i < words.length && !words[i].quoted && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i].text)) i++;
  while (i < words.length && ['exec', 'command', 'busybox'].includes(words[i].text)) i++;
  return words.slice(i);
}

function literalSleep(words: readonly ShellWord[]): number {
  if (basename(words[0]?.text ?? '') !== 'sleep') return 0;
  let s = 0;
  for (const w of words.slice(1)) {
    const m = w.expands ? null : /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(w.text);
    if (!m) return 0; // `sleep $X` may be 0
    s += Number(m[1]) * { '': 1, 's': 1, 'm': 60, 'h': 3600, 'd': 86400 }[m[2]]!;
  }
  return s;
}

/** The commands a word runs in `$(...)` or backquotes: `result=$(curl ...)` runs curl. */
function substitutions(words: readonly ShellWord[]): CommandList[] {
  const out: CommandList[] = [];
  for (const w of words) {
    if (!w.expands) continue;
    for (const m of w.text.matchAll(/\$\(([^()]*(?:\([^()]*\)[^()]*)*)\)|`([^`]*)`/g)) {
      const inner = m[1] ?? m[2];
      if (inner === undefined || inner.startsWith('(')) continue; // $((arithmetic))
      const list = parseShellScript(inner);
      if (list) out.push(list);
    }
  }
  return out;
}

function earlier(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

/** Folds what `w` found into `acc`. */
function merge(acc: { stop?: StopCommand; acts?: number }, w: Walk): void {
  if (w.stop && (!acc.stop || w.stop.at < acc.stop.at)) acc.stop = w.stop;
  acc.acts = earlier(acc.acts, w.acts);
}

/** Functions the script has defined so far, and those being walked (no recursion). */
interface WalkContext {
  readonly functions: Map<string, Command>;
  readonly running: Set<string>;
}

function walkList(list: CommandList, at: number, ctx: WalkContext): Walk {
  let t = at;
  let acts: number | undefined;
  /** The last command that may act on the app, and when: a wait for a process's exit after it makes it the stop. */
  let acting: { readonly words: readonly ShellWord[]; readonly at: number } | undefined;
  for (const item of list.items) {
    if (acting && !item.background) {
      const target = exitWaitTarget(item);
      if (target) {
        const stop: StopCommand = { at: acting.at, command: text(acting.words), signal: undefined, target, graceful: true };
        return { stop, acts, min: t - at };
      }
    }
    const w = walkAndOr(item, t, ctx);
    acts = earlier(acts, w.acts);
    if (w.stop) return { stop: w.stop, acts, min: t - at };
    if (w.acts !== undefined && !item.background) {
      const words = firstSimpleWords(item.first.commands[0]);
      if (words) acting = { words: commandWords(words), at: w.acts };
    }
    if (!item.background) t += w.min;
  }
  return { acts, min: t - at };
}

/**
 * `while kill -0 PID; do sleep 1; done`: the script waits for a process to exit, so the command
 * before it asked that process to stop (GracefulWebService's preStop: a stop command, then a
 * bounded wait for the app's exit). The target is PID 1 when written literally.
 */
function exitWaitTarget(item: AndOr): StopTarget | undefined {
  const loop = item.first.commands[0];
  if (item.first.commands.length !== 1 || loop?.type !== 'while') return undefined;
  const cond = loop.condition.items[0]?.first.commands[0];
  if (loop.condition.items.length !== 1 || cond?.type !== 'simple') return undefined;
  const words = commandWords(cond.words);
  if (basename(words[0]?.text ?? '') !== 'kill' || words[1]?.text !== '-0' || words.length < 3) return undefined;
  return words[2].text === '1' && !words[2].expands ? { kind: 'pid1' } : { kind: 'pid' };
}

/** The words of the first simple command of `c`, looking into subshells and groups: `(exec nginx -s quit)`. */
function firstSimpleWords(c: Command | undefined): readonly ShellWord[] | undefined {
  if (c?.type === 'simple') return c.words;
  if (c?.type === 'subshell' || c?.type === 'group') return firstSimpleWords(c.body.items[0]?.first.commands[0]);
  return undefined;
}

function walkAndOr(item: AndOr, at: number, ctx: WalkContext): Walk {
  const first = walkPipeline(item.first, at, ctx);
  if (first.stop) return first;
  const acc: { stop?: StopCommand; acts?: number } = { acts: first.acts };
  for (const { pipeline } of item.rest) {
    // It may run, after the first part at the least.
    merge(acc, walkPipeline(pipeline, at + first.min, ctx));
    if (acc.stop) break;
  }
  return { ...acc, min: first.min };
}

function walkPipeline(p: Pipeline, at: number, ctx: WalkContext): Walk {
  let min = 0;
  const acc: { stop?: StopCommand; acts?: number } = {};
  for (const c of p.commands) {
    const w = walkCommand(c, at, ctx);
    merge(acc, w);
    min = Math.max(min, w.min);
  }
  return { ...acc, min };
}

function walkCommand(c: Command, at: number, ctx: WalkContext): Walk {
  switch (c.type) {
    case 'simple': {
      const found = recognizeStop(c.words);
      if (found) return { stop: { ...found, at }, acts: at, min: 0 };
      const fn = c.words.length > 0 ? ctx.functions.get(c.words[0].text) : undefined;
      if (fn && !ctx.running.has(c.words[0].text)) {
        ctx.running.add(c.words[0].text);
        const w = walkCommand(fn, at, ctx);
        ctx.running.delete(c.words[0].text);
        return w;
      }
      const inner = nestedScript(c.words);
      if (inner) return walkList(inner, at, ctx);
      const acc: { stop?: StopCommand; acts?: number } = {};
      for (const sub of substitutions(c.words)) merge(acc, walkList(sub, at, ctx));
      const words = commandWords(c.words);
      if (words.length > 0 && (words[0].expands || !LEAVES_APP_ALONE.has(basename(words[0].text)))) acc.acts = earlier(acc.acts, at);
      return { ...acc, min: literalSleep(words) };
    }
    case 'group': case 'subshell': return walkList(c.body, at, ctx);
    case 'if': {
      const acc: { stop?: StopCommand; acts?: number } = {};
      let t = at;
      let shortest = Infinity;
      let decided = false;
      for (const b of c.branches) {
        const cond = walkList(b.condition, t, ctx);
        merge(acc, cond);
        if (cond.stop) { decided = true; break; }
        t += cond.min;
        const body = walkList(b.body, t, ctx);
        merge(acc, body);
        shortest = Math.min(shortest, body.min);
      }
      if (!decided) {
        const other = c.otherwise ? walkList(c.otherwise, t, ctx) : { min: 0 };
        merge(acc, other);
        shortest = Math.min(shortest, other.min);
      }
      return { ...acc, min: t - at + (Number.isFinite(shortest) ? shortest : 0) };
    }
    case 'while': case 'until': {
      const cond = walkList(c.condition, at, ctx);
      if (cond.stop) return cond;
      const body = walkList(c.body, at + cond.min, ctx);
      const acc: { stop?: StopCommand; acts?: number } = { acts: cond.acts };
      merge(acc, body);
      return { ...acc, min: cond.min };
    }
    case 'for': {
      const body = walkList(c.body, at, ctx);
      return { stop: body.stop, acts: body.acts, min: 0 };
    }
    case 'case': {
      const acc: { stop?: StopCommand; acts?: number } = {};
      for (const item of c.items) merge(acc, walkList(item.body, at, ctx));
      return { ...acc, min: 0 };
    }
    case 'function':
      ctx.functions.set(c.name, c.body);
      return { min: 0 };
    case 'unsupported': return { acts: at, min: 0 };
  }
}

/** The parsed `-c` script of a nested shell (`sh -c '...'`, `exec sh -c`), if `words` is one. */
function nestedScript(words: readonly ShellWord[]): CommandList | undefined {
  const start = words.findIndex(w => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text) || w.quoted);
  const rest = words.slice(start < 0 ? words.length : start);
  const offset = rest[0]?.text === 'exec' ? 1 : 0;
  const shell = execShellScript(rest.slice(offset).map(w => w.text));
  if (!shell || rest[offset + shell.index].expands) return undefined;
  return parseShellScript(shell.script);
}

// ---------------------------------------------------------------- exit status

/** What a piece of script ends with: `ok`, `fail`, or not known. */
type Status = 'ok' | 'fail' | 'unknown';
/** The status of paths that go on (`cont`) and of paths that end the script (`exit`); null: no such path. */
interface Outcome {
  readonly cont: Status | null;
  readonly exit: Status | null;
}
interface StatusState {
  errexit: boolean;
  /** The last literal failure seen, for messages. */
  failure: string | undefined;
}

function join(a: Status | null, b: Status | null): Status | null {
  if (a === null) return b;
  if (b === null) return a;
  return a === b ? a : 'unknown';
}

/** Commands whose status is known without running them. */
const ALWAYS_OK = new Set(['true', ':', 'echo', 'printf', 'sleep']);

function statusOfSimple(words: readonly ShellWord[], prev: Status, state: StatusState): Outcome {
  let i = 0;
  while (i < words.length && !words[i].quoted && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i].text)) i++;
  const rest = words.slice(i);
  if (rest.length === 0) return { cont: words.some(w => w.expands) ? 'unknown' : 'ok', exit: null };
  if (rest[0].expands) return { cont: 'unknown', exit: null };
  const name = basename(rest[0].text);
  switch (name) {
    case 'exit': {
      if (rest.length === 1) return { cont: null, exit: prev };
      const code = rest[1].expands ? undefined : Number(rest[1].text);
      if (code === undefined || !Number.isInteger(code)) return { cont: null, exit: 'unknown' };
      if (code !== 0) state.failure = text(rest);
      return { cont: null, exit: code === 0 ? 'ok' : 'fail' };
    }
    case 'false':
      state.failure = text(rest);
      return { cont: 'fail', exit: null };
    case 'exec': {
      if (rest.length === 1) return { cont: 'ok', exit: null };
      const r = statusOfSimple(rest.slice(1), prev, state);
      return { cont: null, exit: join(r.cont, r.exit) };
    }
    case 'set': {
      for (const w of rest.slice(1)) {
        if (/^-[a-z]*e/.test(w.text)) state.errexit = true;
        if (/^\+[a-z]*e/.test(w.text)) state.errexit = false;
      }
      if (rest[1]?.text === '-o' && rest[2]?.text === 'errexit') state.errexit = true;
      return { cont: 'ok', exit: null };
    }
  }
  const inner = nestedScript(rest);
  if (inner) {
    const r = statusOfList(inner, { errexit: false, failure: undefined });
    return { cont: join(r.cont, r.exit), exit: null };
  }
  return { cont: ALWAYS_OK.has(name) ? 'ok' : 'unknown', exit: null };
}

function invert(s: Status | null): Status | null {
  return s === 'ok' ? 'fail' : s === 'fail' ? 'ok' : s;
}

function statusOfPipeline(p: Pipeline, prev: Status, state: StatusState): Outcome {
  // Without pipefail, the last command's status; every part runs in a subshell of its own.
  const parts = p.commands.map(c => statusOfCommand(c, prev, p.commands.length > 1 ? { ...state } : state));
  const last = parts[parts.length - 1];
  const own = p.commands.length > 1 ? { cont: join(last.cont, last.exit), exit: null } : last;
  return p.negated ? { cont: invert(own.cont), exit: own.exit } : own;
}

function statusOfAndOr(item: AndOr, prev: Status, state: StatusState): Outcome {
  let acc = statusOfPipeline(item.first, prev, state);
  for (const { op, pipeline } of item.rest) {
    if (acc.cont === null) break;
    // `a && b` runs b when a succeeds; `a || b` when it fails.
    const runs: Status = op === '&&' ? 'ok' : 'fail';
    const skipped: Status = op === '&&' ? 'fail' : 'ok';
    if (acc.cont === skipped) continue;
    const next = statusOfPipeline(pipeline, runs, state);
    acc = {
      cont: acc.cont === 'unknown' ? join(skipped, next.cont) : next.cont,
      exit: join(acc.exit, next.exit),
    };
  }
  return item.background ? { cont: 'ok', exit: null } : acc;
}

function statusOfList(list: CommandList, state: StatusState, start: Status = 'ok'): Outcome {
  let cont: Status | null = start;
  let exit: Status | null = null;
  for (const item of list.items) {
    if (cont === null) break;
    const r = statusOfAndOr(item, cont, state);
    exit = join(exit, r.exit);
    cont = r.cont;
    // set -e: a failing simple command ends the script (not one tested by && or ||).
    if (state.errexit && item.rest.length === 0 && !item.first.negated && (cont === 'fail' || cont === 'unknown')) {
      exit = join(exit, 'fail');
      if (cont === 'fail') cont = null;
      else cont = 'ok';
    }
  }
  return { cont, exit };
}

function statusOfCommand(c: Command, prev: Status, state: StatusState): Outcome {
  switch (c.type) {
    case 'simple': return statusOfSimple(c.words, prev, state);
    case 'group': return statusOfList(c.body, state, prev);
    case 'subshell': {
      const r = statusOfList(c.body, { ...state }, prev);
      return { cont: join(r.cont, r.exit), exit: null };
    }
    case 'if': {
      let cont: Status | null = null;
      let exit: Status | null = null;
      let reachesElse = true;
      for (const b of c.branches) {
        // The condition's status is not the if's; it only picks a branch.
        const cond = statusOfList(b.condition, { ...state, errexit: false }, prev);
        exit = join(exit, cond.exit);
        if (cond.cont === null) { reachesElse = false; break; }
        if (cond.cont !== 'fail') {
          const body = statusOfList(b.body, state);
          cont = join(cont, body.cont);
          exit = join(exit, body.exit);
        }
        if (cond.cont === 'ok') { reachesElse = false; break; }
      }
      if (reachesElse) {
        // No branch taken and no else: the if's status is 0.
        const other = c.otherwise ? statusOfList(c.otherwise, state) : { cont: 'ok' as Status, exit: null };
        cont = join(cont, other.cont);
        exit = join(exit, other.exit);
      }
      return { cont, exit };
    }
    case 'while': case 'until': case 'for': {
      // The body may run any number of times; its exits may happen.
      const body = statusOfList(c.body, state);
      return { cont: 'unknown', exit: body.exit === null ? null : join(body.exit, 'unknown') };
    }
    case 'case': {
      // One branch runs, or none (status 0).
      let cont: Status | null = 'ok';
      let exit: Status | null = null;
      for (const item of c.items) {
        const r = statusOfList(item.body, state);
        cont = join(cont, r.cont);
        exit = join(exit, r.exit);
      }
      return { cont, exit };
    }
    case 'function': return { cont: 'ok', exit: null };
    case 'unsupported': return { cont: 'unknown', exit: 'unknown' };
  }
}

// ---------------------------------------------------------------- entry points

function words(command: readonly string[]): ShellWord[] {
  return command.map(t => ({ text: t, quoted: true, expands: false }));
}

/**
 * What an exec command (`exec.command` of a hook) does, read without running it. Manifests repeat
 * the same few hooks across many objects: each distinct command is read once. The result is
 * shared: do not modify it.
 */
export function execEffects(command: readonly unknown[]): ScriptEffects {
  if (command.length === 0 || !command.every((w): w is string => typeof w === 'string')) return NONE;
  return effectsOf(command.join('\0'));
}

const effectsOf = memoizeByText(key => readEffects(key.split('\0')));

function readEffects(command: readonly string[]): ScriptEffects {
  const shell = execShellScript(command);
  let list: CommandList | undefined;
  let errexit = false;
  if (shell) {
    list = parseShellScript(shell.script);
    errexit = command.slice(0, shell.index).some(w => /^-[a-z]*e/.test(w));
  } else {
    list = { items: [{ first: { commands: [{ type: 'simple', words: words(command) }], negated: false }, rest: [], background: false }] };
  }
  if (!list) return NONE;
  const walk = walkList(list, 0, { functions: new Map(), running: new Set() });
  const state: StatusState = { errexit, failure: undefined };
  const r = statusOfList(list, state);
  const final = join(r.cont, r.exit);
  return { stop: walk.stop, actsAt: walk.acts, fails: final === 'fail' ? state.failure ?? 'a failing command' : undefined };
}
