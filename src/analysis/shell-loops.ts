/**
 * How many times a shell loop can run at most, when the script itself bounds it: a counter loop
 * (`i=0; while [ "$i" -lt 10 ] && ...; do ...; i=$((i + 1)); done`, also `until [ "$i" -ge 10 ]`,
 * or a guard at the top of the body: `if [ "$i" -ge 10 ]; then ...; exit 1; fi`) or a `for` over
 * literal words or `$(seq ...)`. Hook scripts bound their waits this way so a
 * preStop cannot hold a pod in Terminating until SIGKILL; reading the bound gives the hook's
 * longest duration. Anything else (`while killall x`, `until curl ...`) has no bound: undefined.
 */
import type { AndOr, Command, CommandList, ConditionLoop, ForLoop, Pipeline, ShellWord } from './shell-script';

/** Integer variables with a known literal value at this point of the script (`i=0`). */
export type KnownIntegers = ReadonlyMap<string, number>;

/** Most iterations of the loop, or undefined when the script does not bound it. */
export function loopIterations(loop: ConditionLoop | ForLoop, ints: KnownIntegers): number | undefined {
  return loop.type === 'for' ? forIterations(loop) : counterIterations(loop, ints);
}

/** `$i`, `${i}`: the variable a word reads, when it is nothing else. */
function variableOf(w: ShellWord): string | undefined {
  return /^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})$/.exec(w.text)?.slice(1).find(Boolean);
}

function literalInt(w: ShellWord): number | undefined {
  return !w.expands && /^\d+$/.test(w.text) ? Number(w.text) : undefined;
}

/** `[ "$i" -lt 10 ]` or `test "$i" -lt 10`: the variable, the operator and the number. */
function comparison(p: Pipeline): { variable: string; op: string; n: number } | undefined {
  if (p.negated || p.commands.length !== 1) return undefined;
  const c = p.commands[0];
  if (c.type !== 'simple') return undefined;
  const words = c.words;
  let args: readonly ShellWord[];
  if (words[0]?.text === '[' && words[words.length - 1]?.text === ']') args = words.slice(1, -1);
  else if (words[0]?.text === 'test') args = words.slice(1);
  else return undefined;
  if (args.length !== 3) return undefined;
  const variable = variableOf(args[0]);
  const n = literalInt(args[2]);
  return variable !== undefined && n !== undefined ? { variable, op: args[1].text, n } : undefined;
}

/** Iterations before `i <op> n` stops holding, counting i up by one from `start`. */
function iterationsWhile(op: string, start: number, n: number): number | undefined {
  switch (op) {
    case '-lt': return Math.max(0, n - start);
    case '-le': return Math.max(0, n - start + 1);
    case '-ne': return start <= n ? n - start : undefined;
    default: return undefined;
  }
}

/** Iterations before `i <op> n` starts to hold, counting i up by one from `start`. */
function iterationsUntil(op: string, start: number, n: number): number | undefined {
  switch (op) {
    case '-ge': case '-eq': return start <= n ? n - start : op === '-ge' ? 0 : undefined;
    case '-gt': return Math.max(0, n - start + 1);
    default: return undefined;
  }
}

const INCREMENTS = [
  /^([A-Za-z_][A-Za-z0-9_]*)=\$\(\(\s*\$?\{?([A-Za-z_][A-Za-z0-9_]*)\}?\s*\+\s*1\s*\)\)$/,
  /^([A-Za-z_][A-Za-z0-9_]*)=(?:\$\(|`)\s*expr\s+\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?\s+\+\s+1\s*(?:\)|`)$/,
];

/** `i=$((i + 1))`, `i=$(expr $i + 1)`, `: $((i += 1))`: the variable it counts up by one. */
function incremented(item: AndOr): string | undefined {
  if (item.rest.length > 0 || item.background || item.first.commands.length !== 1) return undefined;
  const c = item.first.commands[0];
  if (c.type !== 'simple') return undefined;
  if (c.words.length === 1) {
    for (const re of INCREMENTS) {
      const m = re.exec(c.words[0].text);
      if (m && m[1] === m[2]) return m[1];
    }
  }
  if (c.words.length === 2 && c.words[0].text === ':') {
    return /^\$\(\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\+=\s*1\s*\)\)$/.exec(c.words[1].text)?.[1];
  }
  return undefined;
}

/** Whether the body counts `variable` up by one on every pass, and sets it nowhere else. */
function countsUp(body: CommandList, variable: string): boolean {
  let increments = 0;
  for (const item of body.items) {
    if (incremented(item) === variable) increments++;
    else if (assigns(item, variable)) return false;
  }
  return increments === 1;
}


function assigns(item: AndOr, variable: string): boolean {
  const text = JSON.stringify(item);
  return text.includes(`"${variable}=`) || new RegExp(`\\b${variable}\\s*[-+*/]?=`).test(text);
}

/** Whether a list surely leaves the loop: it runs `exit` or `break` unconditionally. */
function leaves(list: CommandList): boolean {
  return list.items.some(item => item.rest.length === 0 && !item.background && item.first.commands.length === 1
    && isLeave(item.first.commands[0]));
}

function isLeave(c: Command): boolean {
  return c.type === 'simple' && c.words.length > 0 && (c.words[0].text === 'exit' || c.words[0].text === 'break');
}

/** `if [ "$i" -ge N ]; then ...; exit; fi` at the top of a loop body: the comparison that ends it. */
function guards(body: CommandList): Pipeline[] {
  const out: Pipeline[] = [];
  for (const item of body.items) {
    const c = item.first.commands[0];
    if (item.rest.length > 0 || item.background || item.first.commands.length !== 1 || c.type !== 'if') break;
    if (c.branches.length !== 1 || c.otherwise || !leaves(c.branches[0].body)) break;
    const cond = c.branches[0].condition.items;
    if (cond.length === 1 && cond[0].rest.length === 0) out.push(cond[0].first);
  }
  return out;
}

function counterIterations(loop: ConditionLoop, ints: KnownIntegers): number | undefined {
  let best: number | undefined;
  const bound = (p: Pipeline, ends: 'while' | 'until') => {
    const cmp = comparison(p);
    if (!cmp) return;
    const start = ints.get(cmp.variable);
    if (start === undefined || !countsUp(loop.body, cmp.variable)) return;
    const n = ends === 'while' ? iterationsWhile(cmp.op, start, cmp.n) : iterationsUntil(cmp.op, start, cmp.n);
    if (n !== undefined) best = best === undefined ? n : Math.min(best, n);
  };
  // The list's last and-or decides whether the loop goes on.
  const last = loop.condition.items[loop.condition.items.length - 1];
  // while A && B: either bound ends it; until A || B: likewise.
  const joiner = loop.type === 'while' ? '&&' : '||';
  if (last && !last.background && last.rest.every(r => r.op === joiner)) {
    for (const p of [last.first, ...last.rest.map(r => r.pipeline)]) bound(p, loop.type);
  }
  // A guard in the body ends the loop when its comparison holds, like `until`.
  for (const p of guards(loop.body)) bound(p, 'until');
  return best;
}

/** `$(seq 10)`, `$(seq 1 10)`, `$(seq 0 2 10)`: how many numbers it prints. */
function seqCount(w: ShellWord): number | undefined {
  const m = /^\$\(\s*seq\s+(\d+)(?:\s+(\d+))?(?:\s+(\d+))?\s*\)$/.exec(w.text);
  if (!m) return undefined;
  const nums = m.slice(1).filter((x): x is string => x !== undefined).map(Number);
  const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : nums;
  if (step <= 0) return undefined;
  return last < first ? 0 : Math.floor((last - first) / step) + 1;
}

function forIterations(loop: ForLoop): number | undefined {
  if (!loop.words) return undefined;
  let n = 0;
  for (const w of loop.words) {
    if (!w.expands) n++;
    else {
      const seq = seqCount(w);
      if (seq === undefined) return undefined;
      n += seq;
    }
  }
  return n;
}
