/**
 * A small reader for the POSIX sh scripts found in exec hooks and probes (`sh -c '...'`): enough
 * structure (words, `;` `&&` `||` `|` `&`, `!`, `( )`, `{ }`, `if`, `case`, `while`, `until`,
 * `for`, `name() { ... }`) to find the `sleep`s a script runs, the commands that stop the app, how
 * it exits, and the bashisms it uses. Anything it does not model (`select`, bash's `function`
 * keyword, here-documents) marks the script as unsupported, so callers answer "unknown" instead
 * of guessing.
 */

/** One shell word, quotes removed. */
export interface ShellWord {
  /** The word with quotes removed; expansions (`$x`, `$(...)`) are kept as written. */
  readonly text: string;
  /** Part of the word was quoted, so it cannot be a keyword. */
  readonly quoted: boolean;
  /** The word contains a parameter expansion or command substitution: its value is not known. */
  readonly expands: boolean;
}

export interface SimpleCommand {
  readonly type: 'simple';
  readonly words: readonly ShellWord[];
}
export interface Subshell { readonly type: 'subshell'; readonly body: CommandList }
export interface Group { readonly type: 'group'; readonly body: CommandList }
export interface IfClause {
  readonly type: 'if';
  readonly branches: readonly { readonly condition: CommandList; readonly body: CommandList }[];
  readonly otherwise?: CommandList;
}
/** `while list; do list; done`, `until list; do list; done`. */
export interface ConditionLoop {
  readonly type: 'while' | 'until';
  readonly condition: CommandList;
  readonly body: CommandList;
}
/** `for name in words; do list; done`; `words` undefined for `for name; do` (the positional parameters). */
export interface ForLoop {
  readonly type: 'for';
  readonly variable: string;
  readonly words: readonly ShellWord[] | undefined;
  readonly body: CommandList;
}
/** `case word in pattern | pattern) list ;; ... esac`. */
export interface CaseClause {
  readonly type: 'case';
  readonly word: ShellWord;
  readonly items: readonly { readonly patterns: readonly ShellWord[]; readonly body: CommandList }[];
}
/** `name() compound-command`: defines a function; its body runs when `name` is called. */
export interface FunctionDefinition { readonly type: 'function'; readonly name: string; readonly body: Command }
/** A construct this reader does not model: `select`, bash's `function` keyword, a here-document. */
export interface Unsupported { readonly type: 'unsupported'; readonly what: string }
export type Command = SimpleCommand | Subshell | Group | IfClause | CaseClause | ConditionLoop | ForLoop | FunctionDefinition | Unsupported;

export interface Pipeline {
  readonly commands: readonly Command[];
  /** Written `! pipeline`: its exit status is inverted. */
  readonly negated: boolean;
}
export interface AndOr {
  readonly first: Pipeline;
  readonly rest: readonly { readonly op: '&&' | '||'; readonly pipeline: Pipeline }[];
  /** Ended by `&`: runs in the background, the script does not wait for it. */
  readonly background: boolean;
}
export interface CommandList { readonly items: readonly AndOr[] }

type Token =
  | { readonly kind: 'word'; readonly word: ShellWord }
  | { readonly kind: 'op'; readonly op: string };

const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'while', 'until', 'for', 'do', 'done', 'case', 'esac', '{', '}', '!', 'function', 'select']);

/** Parses a script; undefined when it is not valid enough to read (unbalanced quotes, stray `fi`). */
export function parseShellScript(script: string): CommandList | undefined {
  try {
    // Inside the try too: nested quotes and substitutions recurse, and a script is any string.
    const tokens = tokenize(script);
    if (!tokens) return undefined;
    const parser = new Parser(tokens);
    const list = parser.list(new Set());
    return parser.atEnd() ? list : undefined;
  } catch {
    return undefined;
  }
}

/** Every simple command of the script, nested ones (in `if`, `case`, loops, functions, `( )`, `{ }`) included. */
export function simpleCommands(list: CommandList): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  const visitList = (l: CommandList): void => {
    for (const item of l.items) {
      for (const p of [item.first, ...item.rest.map(r => r.pipeline)]) p.commands.forEach(visit);
    }
  };
  const visit = (c: Command): void => {
    switch (c.type) {
      case 'simple': out.push(c); break;
      case 'subshell': case 'group': visitList(c.body); break;
      case 'if':
        for (const b of c.branches) { visitList(b.condition); visitList(b.body); }
        if (c.otherwise) visitList(c.otherwise);
        break;
      case 'while': case 'until': visitList(c.condition); visitList(c.body); break;
      case 'for': visitList(c.body); break;
      case 'case': for (const item of c.items) visitList(item.body); break;
      case 'function': visit(c.body); break;
      case 'unsupported': break;
    }
  };
  visitList(list);
  return out;
}

// ---------------------------------------------------------------- tokenizer

function tokenize(src: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  let text = '';
  let inWord = false;
  let quoted = false;
  let expands = false;

  const flush = () => {
    if (inWord) tokens.push({ kind: 'word', word: { text, quoted, expands } });
    text = ''; inWord = false; quoted = false; expands = false;
  };

  // Skips a `$(...)`, `${...}` or backquoted span starting at `start`; returns the index after it.
  const skipExpansion = (start: number): number | undefined => {
    if (src[start] === '`') {
      const end = src.indexOf('`', start + 1);
      return end < 0 ? undefined : end + 1;
    }
    const open = src[start + 1];
    const close = open === '(' ? ')' : '}';
    let depth = 0;
    for (let j = start + 1; j < src.length; j++) {
      const ch = src[j];
      if (ch === '\\') { j++; continue; }
      if (ch === '\'' ) { const e = src.indexOf('\'', j + 1); if (e < 0) return undefined; j = e; continue; }
      if (ch === '"') { const e = skipDouble(j); if (e === undefined) return undefined; j = e - 1; continue; }
      if (ch === open) depth++;
      else if (ch === close) { depth--; if (depth === 0) return j + 1; }
    }
    return undefined;
  };
  // Index after the closing quote of a double-quoted span starting at `start`.
  const skipDouble = (start: number): number | undefined => {
    for (let j = start + 1; j < src.length; j++) {
      const ch = src[j];
      if (ch === '\\') { j++; continue; }
      if (ch === '"') return j + 1;
      if ((ch === '$' && (src[j + 1] === '(' || src[j + 1] === '{')) || ch === '`') {
        const e = skipExpansion(j);
        if (e === undefined) return undefined;
        j = e - 1;
      }
    }
    return undefined;
  };

  while (i < src.length) {
    const ch = src[i];
    if (ch === ' ' || ch === '\t' || ch === '\r') { flush(); i++; continue; }
    if (ch === '\\') {
      if (src[i + 1] === '\n') { i += 2; continue; }
      inWord = true; quoted = true; text += src[i + 1] ?? ''; i += 2; continue;
    }
    if (ch === '#' && !inWord) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (ch === '\'') {
      const end = src.indexOf('\'', i + 1);
      if (end < 0) return undefined;
      inWord = true; quoted = true; text += src.slice(i + 1, end); i = end + 1; continue;
    }
    if (ch === '"') {
      const end = skipDouble(i);
      if (end === undefined) return undefined;
      const inner = src.slice(i + 1, end - 1);
      inWord = true; quoted = true;
      if (/[$`]/.test(inner)) expands = true;
      text += inner.replace(/\\([$`"\\\n])/g, '$1');
      i = end; continue;
    }
    if (ch === '`' || (ch === '$' && (src[i + 1] === '(' || src[i + 1] === '{'))) {
      const end = skipExpansion(i);
      if (end === undefined) return undefined;
      inWord = true; expands = true; text += src.slice(i, end); i = end; continue;
    }
    if (ch === '$' && /[A-Za-z0-9_@*#?$!-]/.test(src[i + 1] ?? '')) {
      inWord = true; expands = true; text += ch; i++; continue;
    }
    if (ch === '\n') { flush(); tokens.push({ kind: 'op', op: '\n' }); i++; continue; }
    const two = src.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === ';;') { flush(); tokens.push({ kind: 'op', op: two }); i += 2; continue; }
    if (ch === '<' || ch === '>') {
      // `2>` : the digits just before a redirection are its file descriptor, not a word.
      if (inWord && !quoted && /^\d+$/.test(text)) { text = ''; inWord = false; }
      flush();
      if (two === '<<' && src[i + 2] !== '<') {
        // A here-document's body is not shell code; this reader stops there.
        tokens.push({ kind: 'op', op: 'heredoc' });
        return tokens;
      }
      const op = src.startsWith('<<<', i) ? '<<<' : ['>>', '>&', '<&', '>|', '<>'].includes(two) ? two : ch;
      tokens.push({ kind: 'op', op: 'redirect' });
      i += op.length;
      continue;
    }
    if (ch === ';' || ch === '&' || ch === '|' || ch === '(' || ch === ')') {
      flush(); tokens.push({ kind: 'op', op: ch }); i++; continue;
    }
    inWord = true; text += ch; i++;
  }
  flush();
  return tokens;
}

// ---------------------------------------------------------------- parser

/**
 * Deepest nesting of `( )`, `{ }` and `if` read. Hook scripts nest a few levels; a script nested
 * thousands deep parses, but walking its tree (here and in every caller) overflows the stack.
 */
const MAX_NESTING = 100;

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  atEnd(): boolean {
    this.skipNewlines();
    return this.pos >= this.tokens.length;
  }

  /** A list of and-or items, up to (not including) one of the `stop` keywords or `)`. */
  list(stop: ReadonlySet<string>): CommandList {
    if (++this.depth > MAX_NESTING) throw new Error('nested too deeply');
    const items: AndOr[] = [];
    for (;;) {
      this.skipSeparators();
      const t = this.peek();
      if (!t) break;
      if (t.kind === 'op' && (t.op === ')' || t.op === ';;')) break;
      if (t.kind === 'word' && !t.word.quoted && stop.has(t.word.text)) break;
      const item = this.andOr();
      const next = this.peek();
      let background = false;
      if (next?.kind === 'op' && next.op === '&') { background = true; this.pos++; }
      items.push({ ...item, background });
    }
    this.depth--;
    return { items };
  }

  private andOr(): Omit<AndOr, 'background'> {
    const first = this.pipeline();
    const rest: { op: '&&' | '||'; pipeline: Pipeline }[] = [];
    for (;;) {
      const t = this.peek();
      if (t?.kind !== 'op' || (t.op !== '&&' && t.op !== '||')) break;
      this.pos++;
      this.skipNewlines();
      rest.push({ op: t.op, pipeline: this.pipeline() });
    }
    return { first, rest };
  }

  private pipeline(): Pipeline {
    const t = this.peek();
    const negated = t?.kind === 'word' && !t.word.quoted && t.word.text === '!';
    if (negated) this.pos++;
    const commands = [this.command()];
    for (;;) {
      const n = this.peek();
      if (n?.kind !== 'op' || n.op !== '|') break;
      this.pos++;
      this.skipNewlines();
      commands.push(this.command());
    }
    return { commands, negated };
  }

  private command(): Command {
    const t = this.peek();
    if (!t) throw new Error('command expected');
    if (t.kind === 'op') {
      if (t.op === '(') {
        this.pos++;
        const body = this.list(new Set());
        this.expectOp(')');
        this.skipRedirects();
        return { type: 'subshell', body };
      }
      if (t.op === 'heredoc') { this.pos = this.tokens.length; return { type: 'unsupported', what: 'a here-document' }; }
      if (t.op === 'redirect') return this.simple();
      throw new Error(`unexpected ${t.op}`);
    }
    if (!t.word.quoted) {
      switch (t.word.text) {
        case 'if': return this.ifClause();
        case '{': {
          this.pos++;
          const body = this.list(new Set(['}']));
          this.expectWord('}');
          this.skipRedirects();
          return { type: 'group', body };
        }
        case 'while': case 'until': return this.conditionLoop(t.word.text);
        case 'for': return this.forLoop();
        case 'select':
          return this.skipCompound(t.word.text, 'done', 'a select loop');
        case 'case':
          return this.caseClause();
        case 'function':
          return this.giveUp('a function');
        default:
          if (RESERVED.has(t.word.text)) throw new Error(`unexpected ${t.word.text}`);
      }
    }
    // `name() { ... }` defines a function.
    const after = this.tokens[this.pos + 1];
    if (after?.kind === 'op' && after.op === '(') return this.functionDefinition();
    return this.simple();
  }

  private simple(): SimpleCommand {
    const words: ShellWord[] = [];
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.kind === 'op') {
        if (t.op !== 'redirect') break;
        this.pos++;
        if (this.peek()?.kind === 'word') this.pos++;
        continue;
      }
      words.push(t.word);
      this.pos++;
    }
    return { type: 'simple', words };
  }

  private ifClause(): IfClause {
    this.pos++; // if
    const branches: { condition: CommandList; body: CommandList }[] = [];
    let otherwise: CommandList | undefined;
    for (;;) {
      const condition = this.list(new Set(['then']));
      this.expectWord('then');
      const body = this.list(new Set(['elif', 'else', 'fi']));
      branches.push({ condition, body });
      const t = this.nextWord();
      if (t === 'elif') continue;
      if (t === 'else') {
        otherwise = this.list(new Set(['fi']));
        this.expectWord('fi');
      } else if (t !== 'fi') {
        throw new Error('fi expected');
      }
      break;
    }
    this.skipRedirects();
    return { type: 'if', branches, otherwise };
  }

  private caseClause(): CaseClause {
    this.pos++; // case
    const word = this.tokens[this.pos++];
    if (word?.kind !== 'word') throw new Error('case: word expected');
    this.skipNewlines();
    this.expectWord('in');
    const items: { patterns: ShellWord[]; body: CommandList }[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t?.kind === 'word' && !t.word.quoted && t.word.text === 'esac') { this.pos++; break; }
      if (t?.kind === 'op' && t.op === '(') this.pos++;
      const patterns: ShellWord[] = [];
      for (;;) {
        const p = this.tokens[this.pos++];
        if (p?.kind !== 'word') throw new Error('case: pattern expected');
        patterns.push(p.word);
        const next = this.tokens[this.pos++];
        if (next?.kind === 'op' && next.op === ')') break;
        if (next?.kind !== 'op' || next.op !== '|') throw new Error('case: ) expected');
      }
      const body = this.list(new Set(['esac']));
      items.push({ patterns, body });
      const end = this.peek();
      if (end?.kind === 'op' && end.op === ';;') this.pos++;
    }
    this.skipRedirects();
    return { type: 'case', word: word.word, items };
  }

  private functionDefinition(): FunctionDefinition {
    const name = this.tokens[this.pos];
    if (name.kind !== 'word' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name.word.text)) throw new Error('function name expected');
    this.pos++;
    this.expectOp('(');
    this.expectOp(')');
    this.skipNewlines();
    const body = this.command();
    if (body.type !== 'group' && body.type !== 'subshell' && body.type !== 'if' && body.type !== 'case'
      && body.type !== 'while' && body.type !== 'until' && body.type !== 'for') {
      throw new Error('function body expected');
    }
    return { type: 'function', name: name.word.text, body };
  }

  private conditionLoop(type: 'while' | 'until'): ConditionLoop {
    this.pos++; // while / until
    const condition = this.list(new Set(['do']));
    this.expectWord('do');
    const body = this.list(new Set(['done']));
    this.expectWord('done');
    this.skipRedirects();
    return { type, condition, body };
  }

  private forLoop(): ForLoop {
    this.pos++; // for
    const name = this.tokens[this.pos++];
    if (name?.kind !== 'word' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name.word.text)) throw new Error('for: name expected');
    this.skipNewlines();
    let words: ShellWord[] | undefined;
    const next = this.peek();
    if (next?.kind === 'word' && !next.word.quoted && next.word.text === 'in') {
      this.pos++;
      words = [];
      for (let t = this.peek(); t?.kind === 'word'; t = this.peek()) {
        words.push(t.word);
        this.pos++;
      }
    }
    this.skipSeparators();
    this.expectWord('do');
    const body = this.list(new Set(['done']));
    this.expectWord('done');
    this.skipRedirects();
    return { type: 'for', variable: name.word.text, words, body };
  }

  /** Skips a `select` up to its matching end keyword; it is reported as unsupported. */
  private skipCompound(open: string, close: string, what: string): Unsupported {
    // A `select` may hold loops: every opener that `done` closes counts.
    const opens = close === 'done' ? new Set(['while', 'until', 'for', 'select']) : new Set([open]);
    let depth = 0;
    let commandStart = true;
    while (this.pos < this.tokens.length) {
      const t = this.tokens[this.pos++];
      if (t.kind === 'op') {
        if (t.op === 'heredoc') break;
        commandStart = t.op !== 'redirect';
        continue;
      }
      const w = t.word.quoted ? '' : t.word.text;
      if (commandStart && opens.has(w)) depth++;
      else if (commandStart && w === close && --depth === 0) {
        this.skipRedirects();
        return { type: 'unsupported', what };
      }
      commandStart = ['do', 'then', 'else', 'elif', '{', '!'].includes(w);
    }
    throw new Error(`${close} expected`);
  }

  private giveUp(what: string): Unsupported {
    this.pos = this.tokens.length;
    return { type: 'unsupported', what };
  }

  private skipRedirects(): void {
    while (this.peek()?.kind === 'op' && (this.peek() as { op: string }).op === 'redirect') {
      this.pos++;
      if (this.peek()?.kind === 'word') this.pos++;
    }
  }

  private nextWord(): string | undefined {
    const t = this.tokens[this.pos++];
    return t?.kind === 'word' && !t.word.quoted ? t.word.text : undefined;
  }

  private expectWord(word: string): void {
    if (this.nextWord() !== word) throw new Error(`${word} expected`);
  }

  private expectOp(op: string): void {
    const t = this.tokens[this.pos++];
    if (t?.kind !== 'op' || t.op !== op) throw new Error(`${op} expected`);
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private skipNewlines(): void {
    while (this.peek()?.kind === 'op' && (this.peek() as { op: string }).op === '\n') this.pos++;
  }

  private skipSeparators(): void {
    for (;;) {
      const t = this.peek();
      if (t?.kind === 'op' && (t.op === '\n' || t.op === ';')) { this.pos++; continue; }
      break;
    }
  }
}
