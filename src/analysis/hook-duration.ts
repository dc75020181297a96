/**
 * How long a lifecycle hook is known to run, read from the manifest: the `sleep`s of an exec
 * command or of its `sh -c` script, or the prestop-seconds annotation. Unknown (a loop the script
 * does not bound, `sleep $X`, a script in a file) reads as undefined, never as a guess.
 *
 * A script's duration is the longest its literal sleeps can add up to along one path through it:
 * sleeps in sequence add up, `if` and `case` branches count as the longest branch, a backgrounded
 * `sleep &` adds nothing, nothing after `exit` or `exec` counts, a function counts where it is
 * called, and a loop the script bounds (a counter, a guard at the top of its body, `for` over
 * literal words; shell-loops.ts) counts its body that many times. Other commands (`curl`,
 * `nginx -s quit`) count as instant: the number is what the script is built to wait, the least it
 * takes when it waits at all.
 */
import { POSTSTART_SECONDS_ANNOTATION, PRESTOP_SECONDS_ANNOTATION, secondsByContainer } from './annotations';
import { memoizeByText } from './memo';
import { loopIterations } from './shell-loops';
import { parseShellScript, type AndOr, type Command, type CommandList, type ShellWord } from './shell-script';

export interface KnownDuration {
  readonly seconds: number;
  /** Where the number came from, for messages: `the sleeps in its sh -c script`. */
  readonly source: string;
}

/** Shells whose `-c` script we read. */
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);

/** Seconds of a `sleep` argument: `5`, `5s`, `1m`, `0.5`, `.5`; undefined for anything else (`infinity`, `$X`). */
export function sleepArgSeconds(arg: string): number | undefined {
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const factor = { '': 1, 's': 1, 'm': 60, 'h': 3600, 'd': 86400 }[m[2]]!;
  return Number(m[1]) * factor;
}

/**
 * Seconds the sleeps of a shell script add up to (see the file comment), or undefined when the
 * script has no sleep or its duration cannot be known (an unbounded loop, `sleep $DELAY`, `wait`,
 * a function).
 */
export function scriptSleepSeconds(script: string): number | undefined {
  return sleepsOf(script);
}

const sleepsOf = memoizeByText(script => computeScriptSleepSeconds(script));

function computeScriptSleepSeconds(script: string): number | undefined {
  const list = parseShellScript(script);
  if (!list) return undefined;
  const state: EvalState = { sawSleep: false, ints: new Map(), functions: new Map(), running: new Set() };
  const r = evalList(list, state);
  if (r === UNKNOWN || !state.sawSleep) return undefined;
  return total(r);
}

/**
 * Known duration of an exec command: `['sleep', '5']`, `['/bin/sleep', '3']`, or a shell with a
 * `-c` script (`['sh', '-c', 'sleep 5 && nginx -s quit']`, `['/bin/sh', '-ec', ...]`).
 */
export function execSleepSeconds(command: readonly unknown[]): KnownDuration | undefined {
  if (command.length === 0 || !command.every((w): w is string => typeof w === 'string')) return undefined;
  const words = command as readonly string[];
  const script = execShellScript(words);
  if (script) {
    const s = scriptSleepSeconds(script.script);
    return s === undefined ? undefined : { seconds: s, source: `the sleeps in its ${script.shell} -c script` };
  }
  const state: EvalState = { sawSleep: false, ints: new Map(), functions: new Map(), running: new Set() };
  const r = evalSimple(words.map(text => ({ text, quoted: true, expands: false })), state, true);
  if (r === UNKNOWN || !state.sawSleep) return undefined;
  return { seconds: total(r), source: `\`${words.join(' ')}\`` };
}

/**
 * Known duration of a lifecycle handler (postStart or preStop): its exec command's sleeps, or a
 * `sleep` action (Kubernetes 1.29+; an unknown field on 1.28, which the structure rules report).
 */
export function handlerSleepSeconds(handler: unknown): KnownDuration | undefined {
  if (typeof handler !== 'object' || handler === null) return undefined;
  const { exec, sleep } = handler as Record<string, unknown>;
  if (typeof sleep === 'object' && sleep !== null) {
    const seconds = (sleep as Record<string, unknown>).seconds;
    return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? { seconds, source: 'its sleep action' } : undefined;
  }
  if (typeof exec !== 'object' || exec === null) return undefined;
  const command = (exec as Record<string, unknown>).command;
  return Array.isArray(command) ? execSleepSeconds(command) : undefined;
}

/**
 * Known duration of a container's preStop: the annotation wins (it is how our constructs declare
 * scripts delivered as files, and how a user states what the manifest cannot show), else the
 * sleeps in the exec command.
 */
export function preStopSeconds(containerName: string | undefined, preStop: unknown, podAnnotations: unknown): KnownDuration | undefined {
  return hookSeconds(PRESTOP_SECONDS_ANNOTATION, containerName, preStop, podAnnotations);
}

/** Known duration of a container's postStart: the poststart-seconds annotation wins, else its sleeps. */
export function postStartSeconds(containerName: string | undefined, postStart: unknown, podAnnotations: unknown): KnownDuration | undefined {
  return hookSeconds(POSTSTART_SECONDS_ANNOTATION, containerName, postStart, podAnnotations);
}

function hookSeconds(annotation: string, containerName: string | undefined, hook: unknown, podAnnotations: unknown): KnownDuration | undefined {
  if (containerName !== undefined) {
    const declared = declaredSeconds(podAnnotations, annotation)[containerName];
    if (declared !== undefined) return { seconds: declared, source: `the ${annotation} annotation` };
  }
  return handlerSleepSeconds(hook);
}

/**
 * `secondsByContainer`, remembered by the annotation's text: a manifest of many copies of one
 * workload parses each distinct annotation once. The result is shared: do not modify it.
 */
export function declaredSeconds(annotations: unknown, key: string): Readonly<Record<string, number>> {
  if (typeof annotations !== 'object' || annotations === null) return NONE;
  const raw = (annotations as Record<string, unknown>)[key];
  if (typeof raw !== 'string') return NONE;
  let parse = declaredByKey.get(key);
  if (parse === undefined) {
    parse = memoizeByText(text => Object.freeze(secondsByContainer({ [key]: text }, key)));
    declaredByKey.set(key, parse);
  }
  return parse(raw);
}

const NONE: Readonly<Record<string, number>> = Object.freeze(Object.create(null));
/** One cache per annotation (a handful), keyed by the value alone: no key string is built per lookup. */
const declaredByKey = new Map<string, (text: string) => Readonly<Record<string, number>>>();

/** The script of a shell exec command: `[sh, -c, script]`, `[/bin/sh, -ec, script]`, `[busybox, sh, -c, script]`. */
export function execShellScript(words: readonly unknown[]): { shell: string; script: string; index: number } | undefined {
  const viaBusybox = typeof words[0] === 'string' && basename(words[0]) === 'busybox';
  let i = viaBusybox ? 1 : 0;
  const first = words[i];
  if (typeof first !== 'string') return undefined;
  const shell = basename(first);
  if (!SHELLS.has(shell)) return undefined;
  let sawC = false;
  for (i++; i < words.length; i++) {
    const w = words[i];
    if (typeof w !== 'string') return undefined;
    if (/^[-+][A-Za-z]+$/.test(w)) {
      if (w.startsWith('-') && w.includes('c')) sawC = true;
      continue;
    }
    if (w === '--') continue;
    return sawC ? { shell: viaBusybox ? `busybox ${shell}` : shell, script: w, index: i } : undefined;
  }
  return undefined;
}

function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

// ---------------------------------------------------------------- evaluation

/**
 * The longest a piece of script can take, split by how it ends: `cont` along paths that go on to
 * the next command, `exit` along paths that end the script (`exit`, `exec`). null: no such path.
 */
interface Span { readonly cont: number | null; readonly exit: number | null }
const UNKNOWN = 'unknown' as const;
type Result = Span | typeof UNKNOWN;
interface EvalState {
  sawSleep: boolean;
  /** Variables last set to a literal integer (`i=0`), for loop counters. */
  readonly ints: Map<string, number>;
  /** Functions defined so far, and those being run (a recursive call is unknown). */
  readonly functions: Map<string, Command>;
  readonly running: Set<string>;
}

const ZERO: Span = { cont: 0, exit: null };

function max(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
function plus(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}
function total(s: Span): number {
  return max(s.cont, s.exit) ?? 0;
}

/** A then B. */
function seq(a: Span, b: Span): Span {
  return { cont: plus(a.cont, b.cont), exit: max(a.exit, plus(a.cont, b.exit)) };
}
/** A then maybe B (`&&`, `||`): B may be skipped. */
function seqMaybe(a: Span, b: Span): Span {
  return { cont: max(a.cont, plus(a.cont, b.cont)), exit: max(a.exit, plus(a.cont, b.exit)) };
}
/** Either A or B (if branches). */
function either(a: Span, b: Span): Span {
  return { cont: max(a.cont, b.cont), exit: max(a.exit, b.exit) };
}

function evalList(list: CommandList, state: EvalState): Result {
  let acc: Span = ZERO;
  for (const item of list.items) {
    const r = evalAndOr(item, state);
    if (r === UNKNOWN) return UNKNOWN;
    acc = seq(acc, r);
  }
  return acc;
}

function evalAndOr(item: AndOr, state: EvalState): Result {
  let acc = evalPipeline(item.first.commands, state);
  if (acc === UNKNOWN) return UNKNOWN;
  for (const { pipeline } of item.rest) {
    const r = evalPipeline(pipeline.commands, state);
    if (r === UNKNOWN) return UNKNOWN;
    acc = seqMaybe(acc, r);
  }
  // The script does not wait for a background job (a later `wait` makes the whole script unknown).
  return item.background ? ZERO : acc;
}

function evalPipeline(commands: readonly Command[], state: EvalState): Result {
  if (commands.length === 1) return evalCommand(commands[0], state);
  // Each part of a pipeline runs at the same time, in a subshell of its own.
  let longest = 0;
  for (const c of commands) {
    const r = evalCommand(c, state);
    if (r === UNKNOWN) return UNKNOWN;
    longest = Math.max(longest, total(r));
  }
  return { cont: longest, exit: null };
}

function evalCommand(c: Command, state: EvalState): Result {
  switch (c.type) {
    case 'simple': return evalSimple(c.words, state, false);
    case 'group': return evalList(c.body, state);
    case 'subshell': {
      const r = evalList(c.body, state);
      return r === UNKNOWN ? UNKNOWN : { cont: total(r), exit: null };
    }
    case 'if': return evalIf(c.branches, c.otherwise, state);
    case 'while': case 'until': case 'for': {
      // The bound first: the body's own assignments (the counter's increment) come after it.
      const n = loopIterations(c, state.ints);
      if (n === undefined) return UNKNOWN;
      const condition = c.type === 'for' ? ZERO : evalList(c.condition, state);
      const body = evalList(c.body, state);
      if (condition === UNKNOWN || body === UNKNOWN) return UNKNOWN;
      // Every pass runs the condition and the body; a while/until checks once more to stop.
      const pass = total(condition) + total(body);
      const longest = n * pass + (c.type === 'for' ? 0 : total(condition));
      const exits = condition.exit !== null || body.exit !== null;
      return { cont: longest, exit: exits ? longest : null };
    }
    case 'case': {
      // One branch runs, or none.
      let acc: Span = ZERO;
      for (const item of c.items) {
        const r = evalList(item.body, state);
        if (r === UNKNOWN) return UNKNOWN;
        acc = either(acc, r);
      }
      return acc;
    }
    case 'function':
      state.functions.set(c.name, c.body);
      return ZERO;
    case 'unsupported': return UNKNOWN;
  }
}

/** From the last branch back, in a loop: an `elif` chain is as long as the script makes it, the stack is not. */
function evalIf(branches: readonly { condition: CommandList; body: CommandList }[], otherwise: CommandList | undefined, state: EvalState): Result {
  let rest: Result = otherwise ? evalList(otherwise, state) : ZERO;
  for (let i = branches.length - 1; i >= 0; i--) {
    const condition = evalList(branches[i].condition, state);
    const body = evalList(branches[i].body, state);
    rest = condition === UNKNOWN || body === UNKNOWN || rest === UNKNOWN ? UNKNOWN : seq(condition, either(body, rest));
  }
  return rest;
}

/** `direct`: the words of an exec command (no shell), where nothing is expanded. */
function evalSimple(all: readonly ShellWord[], state: EvalState, direct: boolean): Result {
  let i = 0;
  if (!direct) while (i < all.length && !all[i].quoted && /^[A-Za-z_][A-Za-z0-9_]*=/.test(all[i].text)) i++;
  const words = all.slice(i);
  if (words.length === 0) {
    for (const a of all) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(\d+)$/.exec(a.text);
      const name = a.text.slice(0, a.text.indexOf('='));
      if (m && !a.expands) state.ints.set(m[1], Number(m[2]));
      else state.ints.delete(name);
    }
    return ZERO;
  }
  const name = basename(words[0].text);
  if (words[0].expands) return ZERO;
  const fn = state.functions.get(words[0].text);
  if (fn) {
    if (state.running.has(words[0].text)) return UNKNOWN;
    state.running.add(words[0].text);
    const r = evalCommand(fn, state);
    state.running.delete(words[0].text);
    return r;
  }
  switch (name) {
    case 'exit':
      return { cont: null, exit: 0 };
    case 'exec': {
      if (words.length === 1) return ZERO;
      const r = evalSimple(words.slice(1), state, true);
      return r === UNKNOWN ? UNKNOWN : { cont: null, exit: total(r) };
    }
    case 'busybox': case 'command':
      return evalSimple(words.slice(1), state, true);
    case 'wait': case 'eval': case '.': case 'source':
      return UNKNOWN;
    case 'sleep': {
      state.sawSleep = true;
      if (words.length < 2) return UNKNOWN;
      let seconds = 0;
      for (const w of words.slice(1)) {
        const s = w.expands ? undefined : sleepArgSeconds(w.text);
        if (s === undefined) return UNKNOWN;
        seconds += s;
      }
      return { cont: seconds, exit: null };
    }
  }
  const script = SHELLS.has(name) ? execShellScript(words.map(w => w.text)) : undefined;
  if (script) {
    if (words[script.index].expands) return UNKNOWN;
    const inner = parseShellScript(script.script);
    if (!inner) return UNKNOWN;
    const r = evalList(inner, state);
    return r === UNKNOWN ? UNKNOWN : { cont: total(r), exit: null };
  }
  return ZERO;
}
