/**
 * A fast reader for the YAML that Kubernetes manifests are written in (what cdk8s, kubectl, go-yaml,
 * controller-gen, Helm and most people emit): block maps and sequences; plain and quoted scalars,
 * also folded over several lines as go-yaml folds CRD descriptions at 80 columns; literal and
 * folded block scalars; flow collections (`[a, "b"]`, `{app: web}`, JSON-like, over one line or
 * several); comments. The `yaml` package parses any YAML but, building a full document model,
 * reads only a few MB a second; this reads the common subset over ten times faster (`npm run bench`
 * measures both) and gives up (`UNSUPPORTED`) on anything else (anchors, tags, merge keys, complex
 * keys, comments inside flow collections, multi-line scalars inside them, `|+`, tabs in
 * indentation, duplicate keys, JSON documents, ...), which the caller then hands to `yaml`.
 *
 * It must never disagree with `yaml` on what it accepts: scalars are resolved with the `yaml`
 * schema's own tag tests and resolvers (YAML 1.1 as kubectl reads it, see load-objects.ts), and a
 * differential test compares values, document numbers and positions with `yaml` on generated
 * manifests.
 */
import { Document, isScalar } from 'yaml';

/** Thrown (one shared instance, no stack) when the text is outside the subset. */
export const UNSUPPORTED: Error = Object.freeze(new Error('unsupported YAML construct')) as Error;

type Resolver = { test: RegExp; resolve: (source: string, onError: (message: string) => void, options: object) => unknown };

let resolvers: Resolver[] | undefined;

/** The schema's implicit scalar tags, in the order `yaml` tries them (callers always pass load-objects' CUSTOM_TAGS). */
function scalarResolvers(customTags: (tags: unknown[]) => unknown[]): Resolver[] {
  if (!resolvers) {
    const schema = new Document(null, { version: '1.1', customTags } as never).schema as unknown as { tags: Array<{ default?: unknown; test?: RegExp; resolve?: Resolver['resolve'] }> };
    resolvers = schema.tags
      .filter(t => t.default === true && t.test instanceof RegExp && typeof t.resolve === 'function')
      .map(t => ({ test: t.test as RegExp, resolve: t.resolve as Resolver['resolve'] }));
  }
  return resolvers;
}

const RESOLVE_OPTIONS = { intAsBigInt: false };
const fail = (): never => {
  throw UNSUPPORTED;
};

/**
 * Letters that can start null, a boolean or a float (`E0`): n N t T f F y Y o O e E. A table by
 * character code, not a Set: it is read for nearly every scalar of the file.
 */
const SPECIAL_LETTER = new Uint8Array(128);
for (const ch of 'nNtTfFyYoOeE') SPECIAL_LETTER[ch.charCodeAt(0)] = 1;

/** A plain scalar's value: null, boolean, number or the string itself. */
function resolvePlain(text: string, tags: Resolver[]): unknown {
  // Only these first characters can start a non-string (see the tags' tests).
  const c = text.charCodeAt(0);
  const special = text.length === 0 || c === 0x7e /* ~ */ || c === 0x2b /* + */ || c === 0x2d /* - */ || c === 0x2e /* . */
    || (c >= 0x30 && c <= 0x39) || SPECIAL_LETTER[c] === 1; // `E0` is a float (NaN) to `yaml`
  if (!special) return text;
  if (isSmallDecimal(text)) return Number(text); // what the int tag answers, without its regexes
  // A letter starts only null and boolean words (at most 5 letters) or an exponent float (`e5`).
  if (c > 0x40 && text.length > 5 && !((c === 0x65 || c === 0x45) && !isLetterCode(text.charCodeAt(1)))) return text;
  // Short words repeat (TCP, http, true): their resolution is remembered.
  if (text.length <= 5) {
    const known = SHORT.get(text); // never undefined once set: values are null, booleans, numbers, strings
    if (known !== undefined) return known;
    const value = resolveByTags(text, tags);
    if (SHORT.size > 10000) SHORT.clear();
    SHORT.set(text, value);
    return value;
  }
  return resolveByTags(text, tags);
}

/** Resolutions of short plain scalars: primitives, so safe to share. */
const SHORT = new Map<string, unknown>();

function resolveByTags(text: string, tags: Resolver[]): unknown {
  for (const tag of tags) {
    if (tag.test.test(text)) {
      // Some resolvers (null, 1.1 booleans) answer with a Scalar node, as toJS would unwrap.
      const value = tag.resolve(text, fail, RESOLVE_OPTIONS);
      return isScalar(value) ? value.value : value;
    }
  }
  return text;
}

function isLetterCode(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** `0` or an unsigned decimal of at most 15 digits without `_`: exactly representable, Number() is parseInt(). */
function isSmallDecimal(text: string): boolean {
  const n = text.length;
  if (n > 15) return false;
  const c0 = text.charCodeAt(0);
  if (c0 === 0x30) return n === 1;
  if (c0 < 0x31 || c0 > 0x39) return false;
  for (let k = 1; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

interface State {
  readonly lines: readonly string[];
  i: number;
  readonly end: number;
  readonly tags: Resolver[];
  /** Whether any line may hold a tab: when not, the per-line tab checks are skipped. */
  readonly tabs: boolean;
  /** Indentation of the line nextContent last returned. */
  indent: number;
  /** nextContent's last answer, for the same s.i (callers often ask twice). */
  memoFrom: number;
  memoLine: number;
  memoIndent: number;
  /** Tabs after a line's indentation are content (locating walks over block scalars). */
  readonly lenient?: boolean;
}

/**
 * Parses the document made of `lines[start..end)` (no `---` line in it). Returns undefined for a
 * document with no content; throws UNSUPPORTED outside the subset.
 */
export function parseBlockDocument(
  lines: readonly string[], start: number, end: number,
  customTags: (tags: unknown[]) => unknown[],
  tabs = true,
): { value: unknown } | undefined {
  const s: State = { lines, i: start, end, tags: scalarResolvers(customTags), tabs, indent: 0, memoFrom: -1, memoLine: -1, memoIndent: 0 };
  const first = nextContent(s);
  if (first < 0) return undefined;
  const indent = s.indent;
  s.i = first;
  const value = isSeqItem(lines[first], indent) ? parseSeq(s, indent) : parseMap(s, indent);
  if (nextContent(s) >= 0) fail(); // content after the root node (a dedent the root cannot hold)
  return { value };
}

/** Index of the next line with content (not blank, not a comment) from s.i, or -1. */
function nextContent(s: State): number {
  if (s.memoFrom === s.i) {
    s.indent = s.memoIndent;
    return s.memoLine;
  }
  s.memoFrom = s.i;
  s.memoLine = scanContent(s);
  s.memoIndent = s.indent;
  return s.memoLine;
}

function scanContent(s: State): number {
  for (let i = s.i; i < s.end; i++) {
    const line = s.lines[i];
    let k = 0;
    while (k < line.length && line.charCodeAt(k) === 0x20) k++;
    if (k === line.length) continue;
    const c = line.charCodeAt(k);
    if (c === 0x23 /* # */) continue;
    if (c === 0x09 /* tab */ && !s.lenient) fail();
    s.indent = k;
    return i;
  }
  return -1;
}

function indentOf(line: string): number {
  let k = 0;
  while (k < line.length && line.charCodeAt(k) === 0x20) k++;
  return k;
}

function isSeqItem(line: string, at: number): boolean {
  return line.charCodeAt(at) === 0x2d /* - */ && (at + 1 === line.length || line.charCodeAt(at + 1) === 0x20);
}

function parseMap(s: State, indent: number): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  const keys: string[] = [];
  for (;;) {
    const i = nextContent(s);
    if (i < 0) break;
    const line = s.lines[i];
    const at = s.indent;
    if (at < indent) break;
    if (at > indent) fail();
    if (isSeqItem(line, at)) break; // a sequence at a map's indentation ends it (the parent decides)
    parseEntry(s, i, at, map, indent, keys);
  }
  return map;
}

/** One `key: value` starting at column `at` of line i; the map's keys are at column `indent`. */
/** The keys seen so far are in `keys` (a short list is cheaper to search than the map). */
function parseEntry(s: State, i: number, at: number, map: Record<string, unknown>, indent: number, keys: string[]): void {
  const line = s.lines[i];
  if (s.tabs && line.includes('\t')) fail();
  const colon = keyEnd(line, at);
  if (colon < 0) fail();
  const key = keyText(line, at, colon, s.tags);
  if (key === '__proto__') fail();
  if (keys.length < 32) {
    for (let k = 0; k < keys.length; k++) if (keys[k] === key) fail();
    keys.push(key);
  } else if (map[key] !== undefined && Object.prototype.hasOwnProperty.call(map, key)) {
    fail();
  }
  s.i = i + 1;
  map[key] = parseValue(s, line, colon + 1, indent, true);
}

/** Index of the `:` that ends a key starting at `at`, or -1 when the text is not a key. */
function keyEnd(line: string, at: number): number {
  const c = line.charCodeAt(at);
  if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
    const close = quotedEnd(line, at);
    if (close < 0) return -1;
    let k = close + 1;
    while (k < line.length && line.charCodeAt(k) === 0x20) k++;
    return line.charCodeAt(k) === 0x3a && (k + 1 === line.length || line.charCodeAt(k + 1) === 0x20) ? k : -1;
  }
  for (let k = line.indexOf(':', at); k >= 0; k = line.indexOf(':', k + 1)) {
    if (k + 1 === line.length || line.charCodeAt(k + 1) === 0x20) {
      // A comment before the colon: the line is a scalar and a comment, not a key.
      for (let h = line.indexOf('#', at + 1); h >= 0 && h < k; h = line.indexOf('#', h + 1)) {
        if (line.charCodeAt(h - 1) === 0x20) return -1;
      }
      return k;
    }
  }
  return -1;
}

/**
 * A block key as the string toJS makes of it: `yes` is "true", `0644` is "420", `~` is "" (or
 * `nullKey`: locating compares as `yaml`'s node ranges do, with "null").
 */
function keyText(line: string, at: number, colon: number, tags: Resolver[], nullKey = ''): string {
  const c = line.charCodeAt(at);
  if (c === 0x22 || c === 0x27) {
    const close = quotedEnd(line, at);
    return c === 0x22 ? unescapeDouble(line, at + 1, close) : line.slice(at + 1, close).replace(/''/g, "'");
  }
  if (isIndicator(c)) fail();
  const raw = line.slice(at, trimEnd(line, at, colon));
  if (raw.length === 0 || raw === '<<') fail(); // merge keys: left to `yaml`
  const value = resolvePlain(raw, tags);
  return value === null ? nullKey : String(value);
}

/** Characters that cannot start a plain scalar in the subset. */
function isIndicator(c: number): boolean {
  // [ ] { } , # & * ! | > ' " % @ ` ?
  return c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2c || c === 0x23 || c === 0x26 || c === 0x2a
    || c === 0x21 || c === 0x7c || c === 0x3e || c === 0x27 || c === 0x22 || c === 0x25 || c === 0x40 || c === 0x60 || c === 0x3f;
}

/**
 * The value after a key's `:` (or a sequence item's `-`) at `pos` of `line`; `parent` is the
 * column of that key (or dash). Consumes the value's lines.
 */
function parseValue(s: State, line: string, pos: number, parent: number, inMap: boolean): unknown {
  let p = pos;
  while (p < line.length && line.charCodeAt(p) === 0x20) p++;
  if (p === line.length || (line.charCodeAt(p) === 0x23 && p > pos)) {
    // The value is on the following lines, or null.
    const next = nextContent(s);
    if (next >= 0) {
      const at = s.indent;
      if (at > parent || (inMap && at === parent && isSeqItem(s.lines[next], at))) {
        const l = s.lines[next];
        s.i = next;
        if (isSeqItem(l, at)) return parseSeq(s, at);
        const c = l.charCodeAt(at);
        if (c !== 0x5b && c !== 0x7b && keyEnd(l, at) >= 0) return parseMap(s, at);
        // A scalar or a flow collection on the line below its key (not a block scalar header).
        if (c === 0x7c || c === 0x3e) fail();
        s.i = next + 1;
        return parseValue(s, l, at, parent, inMap);
      }
    }
    if (!inMap) fail(); // an empty sequence item: `yaml` places it oddly; leave it to `yaml`
    return null;
  }
  const c = line.charCodeAt(p);
  let value: unknown;
  if (c === 0x7c /* | */ || c === 0x3e /* > */) return blockScalar(s, line, p, parent);
  if (c === 0x22 || c === 0x27) {
    const close = quotedEnd(line, p);
    if (close < 0) {
      value = multiLineQuoted(s, line, p, parent);
    } else {
      value = c === 0x22 ? unescapeDouble(line, p + 1, close) : line.slice(p + 1, close).replace(/''/g, "'");
      afterScalar(line, close + 1);
    }
  } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
    const cursor: Cursor = { line: s.i - 1, col: p };
    if (s.lines[cursor.line] !== line) fail(); // the caller always consumed exactly the value's first line
    value = flowCollection(s, cursor, parent);
    s.i = cursor.line + 1;
    afterScalar(s.lines[cursor.line], cursor.col);
  } else {
    if (isIndicator(c)) fail();
    if ((c === 0x2d || c === 0x3a) && (p + 1 === line.length || line.charCodeAt(p + 1) === 0x20)) fail();
    const hash = line.indexOf(' #', p);
    const end = hash < 0 ? line.length : hash;
    // `a: b` inside a value is a nested mapping, which block YAML forbids here.
    const colon = line.indexOf(': ', p);
    if ((colon >= 0 && colon < end) || (hash < 0 && line.charCodeAt(end - 1) === 0x3a)) fail();
    if (s.tabs && line.includes('\t')) fail();
    const first = line.slice(p, trimEnd(line, p, end));
    // go-yaml (kubectl, controller-gen, Helm) folds long plain scalars over several lines at 80 columns.
    value = resolvePlain(hash < 0 ? plainContinued(s, first, parent) : first, s.tags);
  }
  // A more-indented line after an inline scalar continues it (multi-line scalar) or is an error.
  const next = nextContent(s);
  if (next >= 0 && s.indent > parent) fail();
  return value;
}

/**
 * A plain scalar whose first line's text is `first`, continued on the following lines that are
 * indented more than `parent` (YAML folding: a line break is a space, each empty line a newline).
 * Consumes those lines. Continuation lines that could be read otherwise (a comment, an indicator
 * at their start, `: ` or ` #` inside) are left to `yaml`.
 */
function plainContinued(s: State, first: string, parent: number): string {
  let text = first;
  let empty = 0;
  let last = -1;
  for (let i = s.i; i < s.end; i++) {
    const line = s.lines[i];
    const at = indentOf(line);
    if (at === line.length) {
      empty++;
      continue;
    }
    if (at <= parent) break;
    const c = line.charCodeAt(at);
    // Indicators do not start anything here (go-yaml folds before quotes and backticks), except
    // a comment and, to stay clear of what `yaml` reads otherwise, `: `, `- ` and `? `.
    if (c === 0x23 || c === 0x09 || c === 0x3a || ((c === 0x2d || c === 0x3f) && (at + 1 === line.length || line.charCodeAt(at + 1) === 0x20))) fail();
    if (line.includes(': ', at) || line.includes(' #', at) || line.charCodeAt(line.length - 1) === 0x3a || (s.tabs && line.includes('\t'))) fail();
    text += empty > 0 ? '\n'.repeat(empty) : ' ';
    text += line.slice(at, trimEnd(line, at, line.length));
    empty = 0;
    last = i;
  }
  if (last >= 0) s.i = last + 1;
  return text;
}

/**
 * A single- or double-quoted scalar that opens at `p` of `line` (the line before s.i) and closes on
 * a later line; its lines after the first are indented more than `parent`. Folded as YAML folds
 * flow scalars: spaces around a line break are dropped, the break is a space, each empty line a
 * newline; in double quotes, `\` at a line's end joins it to the next without a space. Consumes
 * the scalar's lines.
 */
function multiLineQuoted(s: State, line: string, p: number, parent: number): string {
  const double = line.charCodeAt(p) === 0x22;
  if (s.tabs && line.includes('\t')) fail();
  const piece = (text: string) => (double ? unescapeDouble(text, 0, text.length) : text.replace(/''/g, "'"));
  let out = '';
  // The current line's text inside the quotes (it does not close on this line), from after the
  // opening quote or from its first non-space character.
  let segment = line.slice(p + 1);
  for (let i = s.i; ; ) {
    let joined = false; // an escaped line break: the next line follows without a space
    if (double) {
      let b = segment.length;
      while (b > 0 && segment.charCodeAt(b - 1) === 0x5c) b--;
      if ((segment.length - b) % 2 === 1) {
        joined = true;
        segment = segment.slice(0, -1);
      }
      // A backslash before trailing spaces escapes the first of them: leave that to `yaml`.
      const trimmed = trimEnd(segment, 0, segment.length);
      if (!joined && trimmed < segment.length && trimmed > 0 && segment.charCodeAt(trimmed - 1) === 0x5c) fail();
    }
    out += piece(joined ? segment : segment.slice(0, trimEnd(segment, 0, segment.length)));
    // Lines of spaces only are the scalar's empty lines; then the next line with content.
    let empty = 0;
    let next: string;
    let at: number;
    for (;;) {
      if (i >= s.end) fail();
      next = s.lines[i];
      at = indentOf(next);
      if (at < next.length) break;
      empty++;
      i++;
    }
    if (at <= parent || (s.tabs && next.includes('\t'))) fail();
    if (joined) {
      if (empty > 0) fail();
    } else {
      out += empty > 0 ? '\n'.repeat(empty) : ' ';
    }
    const close = quotedEndFrom(next, at, double);
    if (close >= 0) {
      out += piece(next.slice(at, close));
      afterScalar(next, close + 1);
      s.i = i + 1;
      return out;
    }
    segment = next.slice(at);
    i++;
  }
}

/** A position in the lines: the flow parser's cursor. */
interface Cursor {
  line: number;
  col: number;
}

/**
 * Moves the cursor over spaces and line breaks inside a flow collection, to its next token. Lines
 * after the collection's first must be indented more than `parent`, but for closing brackets.
 * Comments and tabs inside a flow collection are left to `yaml`.
 */
function flowSpace(s: State, c: Cursor, parent: number): void {
  for (;;) {
    const line = s.lines[c.line];
    let k = c.col;
    while (k < line.length && line.charCodeAt(k) === 0x20) k++;
    if (k < line.length) {
      const ch = line.charCodeAt(k);
      if (ch === 0x09 || ch === 0x23) fail();
      c.col = k;
      return;
    }
    if (++c.line >= s.end) fail();
    const next = s.lines[c.line];
    const at = indentOf(next);
    // `]` or `}` may close at the parent's own indentation (`key: [` ... `]`), as `yaml` accepts.
    if (at < next.length && (at < parent || (at === parent && !/^ *[\]}]+ *$/.test(next)))) fail();
    c.col = 0;
  }
}

function charAt(s: State, c: Cursor): number {
  return s.lines[c.line].charCodeAt(c.col);
}

/**
 * A flow sequence or map (`[a, "b"]`, `{app: web}`, JSON) whose bracket is at the cursor, over one
 * line or several; leaves the cursor after the closing bracket. Scalars in it are single-line;
 * keys are single-line and unique; a trailing comma, an entry without a value, a pair in a
 * sequence, comments, anchors and tags are left to `yaml`.
 */
function flowCollection(s: State, c: Cursor, parent: number): unknown {
  if (charAt(s, c) === 0x5b) {
    const seq: unknown[] = [];
    eachFlowEntry(s, c, parent, () => {
      seq.push(flowNode(s, c, parent));
      return false;
    });
    return seq;
  }
  const map: Record<string, unknown> = {};
  eachFlowEntry(s, c, parent, entryKey => {
    const key = entryKey!;
    if (key === '__proto__' || Object.prototype.hasOwnProperty.call(map, key)) fail();
    map[key] = flowNode(s, c, parent);
    return false;
  });
  return map;
}

/**
 * Walks the entries of the flow collection whose bracket is at the cursor: `entry` is called with
 * the cursor at each item (key undefined) or at each value after its key, and either moves the
 * cursor past it (false) or stops the walk there (true). Returns whether it was stopped; when
 * not, the cursor ends after the closing bracket.
 */
function eachFlowEntry(
  s: State, c: Cursor, parent: number, entry: (key: string | undefined, keyAt: Cursor) => boolean, nullKey = '',
): boolean {
  if (s.tabs && s.lines[c.line].includes('\t')) fail();
  const isSeq = charAt(s, c) === 0x5b;
  const close = isSeq ? 0x5d : 0x7d;
  c.col++;
  for (let count = 0; ; count++) {
    flowSpace(s, c, parent);
    if (charAt(s, c) === close) {
      c.col++;
      return false;
    }
    if (count > 0) {
      if (charAt(s, c) !== 0x2c) fail();
      c.col++;
      flowSpace(s, c, parent);
      if (charAt(s, c) === close) fail(); // a trailing comma
    }
    const keyAt: Cursor = { line: c.line, col: c.col };
    const key = isSeq ? undefined : flowKey(s, c, nullKey);
    if (!isSeq) {
      flowSpace(s, c, parent);
      const next = charAt(s, c);
      if (next === 0x2c || next === close) fail(); // a key without a value
    }
    if (entry(key, keyAt)) return true;
    flowSpace(s, c, parent);
    const next = charAt(s, c);
    if (next !== 0x2c && next !== close) fail(); // e.g. `[a: b]`, a pair in a sequence
  }
}

/** A flow map's key (as keyText makes it) and its `:`, on one line; the cursor ends after the colon. */
function flowKey(s: State, c: Cursor, nullKey: string): string {
  const line = s.lines[c.line];
  const at = c.col;
  const ch = line.charCodeAt(at);
  let key: string;
  let k: number;
  if (ch === 0x22 || ch === 0x27) {
    const end = quotedEnd(line, at);
    if (end < 0) fail();
    key = ch === 0x22 ? unescapeDouble(line, at + 1, end) : line.slice(at + 1, end).replace(/''/g, "'");
    k = end + 1;
    while (k < line.length && line.charCodeAt(k) === 0x20) k++;
    if (line.charCodeAt(k) !== 0x3a) fail(); // JSON's `"key":value` is fine: after quotes, `:` needs no space
  } else {
    k = plainEnd(line, at);
    if (line.charCodeAt(k) !== 0x3a || !(k + 1 === line.length || line.charCodeAt(k + 1) === 0x20)) fail();
    const raw = line.slice(at, trimEnd(line, at, k));
    if (raw === '<<') fail();
    const value = resolvePlain(raw, s.tags);
    key = value === null ? nullKey : String(value);
  }
  c.col = k + 1;
  return key;
}

/** A flow collection's item or value at the cursor; the cursor ends after it. */
function flowNode(s: State, c: Cursor, parent: number): unknown {
  const line = s.lines[c.line];
  const at = c.col;
  const ch = line.charCodeAt(at);
  if (ch === 0x5b || ch === 0x7b) return flowCollection(s, c, parent);
  if (ch === 0x22 || ch === 0x27) {
    const end = quotedEnd(line, at);
    if (end < 0) fail();
    c.col = end + 1;
    return ch === 0x22 ? unescapeDouble(line, at + 1, end) : line.slice(at + 1, end).replace(/''/g, "'");
  }
  const k = plainEnd(line, at);
  if (k === line.length) {
    // A plain scalar at the end of a line may go on over the next: only `,` or a bracket ends it for sure.
    const probe: Cursor = { line: c.line, col: k };
    flowSpace(s, probe, parent);
    const next = charAt(s, probe);
    if (next !== 0x2c && next !== 0x5d && next !== 0x7d) fail();
  }
  c.col = k;
  return resolvePlain(line.slice(at, trimEnd(line, at, k)), s.tags);
}

/**
 * End of a plain scalar in a flow collection starting at `at`: before `,`, `]`, `}` or a `:` that
 * separates a value. Characters the subset leaves to `yaml` (an indicator first, `[`, `{`, a tab or
 * a comment inside) fail.
 */
function plainEnd(line: string, at: number): number {
  const ch = line.charCodeAt(at);
  if (isIndicator(ch)) fail();
  if ((ch === 0x2d || ch === 0x3a || ch === 0x3f) && isFlowBreak(line, at + 1)) fail();
  let k = at;
  for (; k < line.length; k++) {
    const d = line.charCodeAt(k);
    if (d === 0x2c || d === 0x5d || d === 0x7d) break;
    if (d === 0x5b || d === 0x7b || d === 0x09) fail();
    if (d === 0x3a && isFlowBreak(line, k + 1)) break;
    if (d === 0x23 && line.charCodeAt(k - 1) === 0x20) fail();
  }
  if (trimEnd(line, at, k) === at) fail();
  return k;
}

/** Whether position k ends a token in a flow collection (a space, a flow indicator or the line's end). */
function isFlowBreak(line: string, k: number): boolean {
  if (k >= line.length) return true;
  const d = line.charCodeAt(k);
  return d === 0x20 || d === 0x2c || d === 0x5b || d === 0x5d || d === 0x7b || d === 0x7d;
}

/** End of `line[from, to)` without its trailing spaces. */
function trimEnd(line: string, from: number, to: number): number {
  let end = to;
  while (end > from && line.charCodeAt(end - 1) === 0x20) end--;
  return end;
}

/** After a quoted scalar or `[]`: only spaces, then maybe a comment. */
function afterScalar(line: string, from: number): void {
  let k = from;
  while (k < line.length && line.charCodeAt(k) === 0x20) k++;
  if (k < line.length && !(line.charCodeAt(k) === 0x23 && k > from)) fail();
}

/** Index of the closing quote of the scalar opening at `at`, or -1 (it goes on over the next lines). */
function quotedEnd(line: string, at: number): number {
  return quotedEndFrom(line, at + 1, line.charCodeAt(at) === 0x22);
}

/** Index of the first unescaped closing quote from `from` on, or -1. */
function quotedEndFrom(line: string, from: number, double: boolean): number {
  const q = double ? 0x22 : 0x27;
  for (let k = from; k < line.length; k++) {
    const ch = line.charCodeAt(k);
    if (double && ch === 0x5c /* \ */) {
      k++;
      continue;
    }
    if (ch === q) {
      if (!double && line.charCodeAt(k + 1) === 0x27) {
        k++;
        continue;
      }
      return k;
    }
  }
  return -1;
}

const ESCAPES: Record<string, string> = { '0': '\0', 'a': '\x07', 'b': '\b', 't': '\t', 'n': '\n', 'v': '\v', 'f': '\f', 'r': '\r', 'e': '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', 'N': '\u0085', '_': '\u00a0', 'L': '\u2028', 'P': '\u2029' };

function unescapeDouble(line: string, from: number, to: number): string {
  const raw = line.slice(from, to);
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let k = 0; k < raw.length; k++) {
    const ch = raw[k];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const e = raw[++k];
    if (e in ESCAPES) {
      out += ESCAPES[e];
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = raw.slice(k + 1, k + 1 + n);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) fail();
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) fail();
      out += String.fromCodePoint(code);
      k += n;
    } else {
      fail();
    }
  }
  return out;
}

/** `|` or `>` with an optional chomping indicator at `p`; content on the following lines. */
function blockScalar(s: State, line: string, p: number, parent: number): string {
  const folded = line.charCodeAt(p) === 0x3e;
  let k = p + 1;
  let chomp: 'clip' | 'strip' | 'keep' = 'clip';
  if (line[k] === '-') {
    chomp = 'strip';
    k++;
  } else if (line[k] === '+') {
    chomp = 'keep';
    k++;
  }
  afterScalar(line, k); // an indentation indicator (a digit) is unsupported here
  if (s.tabs && line.includes('\t')) fail();
  if (chomp === 'keep') fail(); // trailing-line rules at document ends differ: leave to `yaml`

  // Content indentation: that of the first non-blank line; blank lines before it may not be longer.
  let first = -1;
  for (let i = s.i; i < s.end; i++) {
    const l = s.lines[i];
    const at = indentOf(l);
    if (at < l.length) {
      first = i;
      break;
    }
  }
  const indent = first < 0 ? 0 : indentOf(s.lines[first]);
  if (first < 0 || indent <= parent) {
    // No content: the empty string (blank lines are left for the caller to skip).
    for (let i = s.i; i < (first < 0 ? s.end : first); i++) if (s.lines[i].length > parent + 1) fail();
    return '';
  }
  for (let i = s.i; i < first; i++) if (s.lines[i].length > indent) fail();

  let last = first;
  let i = first;
  for (; i < s.end; i++) {
    const l = s.lines[i];
    const at = indentOf(l);
    if (at === l.length) {
      // Spaces beyond the indentation are content, not a blank line.
      if (l.length > indent) last = i;
      continue;
    }
    if (at < indent) break;
    last = i;
  }
  const content: string[] = [];
  for (let j = s.i; j <= last; j++) {
    const l = s.lines[j];
    content.push(l.length > indent ? l.slice(indent) : '');
  }
  s.i = last + 1;
  // Lines of the scalar cannot be mistaken for more content: the next line is less indented.
  let text: string;
  if (folded) {
    text = '';
    let pending = 0;
    let started = false;
    let spacedBefore = false;
    for (const c of content) {
      if (c.length === 0) {
        pending++;
        continue;
      }
      // A more-indented ("spaced") line keeps the line breaks on both sides of it.
      const lead = c.charCodeAt(0);
      const spaced = lead === 0x20 || lead === 0x09;
      if (!started) text += '\n'.repeat(pending);
      else if (spaced || spacedBefore) text += '\n'.repeat(pending + 1);
      else text += pending > 0 ? '\n'.repeat(pending) : ' ';
      text += c;
      pending = 0;
      started = true;
      spacedBefore = spaced;
    }
  } else {
    text = content.join('\n');
  }
  return chomp === 'strip' ? text : `${text}\n`;
}

/**
 * A block sequence whose dashes are at column `indent`; `inline` is the line of its first item
 * when that item follows another dash on the same line (`- - x`).
 */
function parseSeq(s: State, indent: number, inline = -1): unknown[] {
  const seq: unknown[] = [];
  for (let first = true; ; first = false) {
    let i: number;
    if (first && inline >= 0) {
      i = inline;
    } else {
      i = nextContent(s);
      if (i < 0) break;
      const a = s.indent;
      if (a < indent) break;
      if (a > indent) fail();
    }
    const line = s.lines[i];
    const at = indent;
    if (!isSeqItem(line, at)) break;
    let p = at + 1;
    while (p < line.length && line.charCodeAt(p) === 0x20) p++;
    if (p === line.length || line.charCodeAt(p) === 0x23) {
      // The item is on the following lines.
      s.i = i + 1;
      const next = nextContent(s);
      if (next < 0 || s.indent <= at) fail(); // an empty item: leave to `yaml`
      seq.push(parseValue(s, line, line.length, at, false));
      continue;
    }
    if (isSeqItem(line, p)) {
      seq.push(parseSeq(s, p, i)); // `- - x`: a sequence in a sequence
      continue;
    }
    const c = line.charCodeAt(p);
    if (c !== 0x5b && c !== 0x7b && keyEnd(line, p) >= 0) {
      // `- key: value`: a map whose keys are at column p.
      const map: Record<string, unknown> = {};
      const keys: string[] = [];
      parseEntry(s, i, p, map, p, keys);
      for (;;) {
        const j = nextContent(s);
        if (j < 0) break;
        const l = s.lines[j];
        const a = s.indent;
        if (a < p) break;
        if (a > p || isSeqItem(l, a)) fail();
        parseEntry(s, j, a, map, p, keys);
      }
      seq.push(map);
      continue;
    }
    s.i = i + 1;
    seq.push(parseValue(s, line, at + 1, at, false));
  }
  return seq;
}

/**
 * Where a path of segments leads in a document this reader parsed (0-based line and column): the
 * key of a map entry, the start of a sequence item, or the nearest ancestor present. Found by
 * walking the lines along the path, without building values, so a finding costs a few lines'
 * scan. Gives what `yaml`'s node ranges give (the differential test compares them).
 */
export function locateInBlock(
  lines: readonly string[], start: number, end: number, segments: ReadonlyArray<string | number>,
  customTags: (tags: unknown[]) => unknown[],
): { line: number; column: number } {
  // Lenient: block scalar lines may have tabs after their indentation, and are skipped over here.
  const s: State = { lines, i: start, end, tags: scalarResolvers(customTags), tabs: false, indent: 0, memoFrom: -1, memoLine: -1, memoIndent: 0, lenient: true };
  let line = nextContent(s);
  let column = s.indent;
  // The node the next segment is looked up in starts at (nodeLine, nodeCol); -1: a scalar.
  let nodeLine = line;
  let nodeCol = column;
  for (let j = 0; j < segments.length; j++) {
    const segment = segments[j];
    if (nodeLine < 0) break;
    const text = lines[nodeLine];
    const c = text.charCodeAt(nodeCol);
    if (c === 0x5b || c === 0x7b) return locateInFlow(s, { line: nodeLine, col: nodeCol }, segments.slice(j), { line, column });
    if (isSeqItem(text, nodeCol)) {
      if (typeof segment !== 'number') break;
      const item = nthItem(s, nodeLine, nodeCol, segment);
      if (item < 0) break;
      const l = lines[item];
      let p = nodeCol + 1;
      while (p < l.length && l.charCodeAt(p) === 0x20) p++;
      if (p === l.length || l.charCodeAt(p) === 0x23) {
        s.i = item + 1;
        line = nextContent(s); // the parser guarantees the item's content is below it
        column = s.indent;
      } else {
        line = item;
        column = p;
      }
      nodeLine = line;
      nodeCol = column;
      continue;
    }
    if (keyEnd(text, nodeCol) < 0) break; // a scalar: no fields below it
    const found = keyLine(s, nodeLine, nodeCol, String(segment));
    if (found < 0) break;
    line = found;
    column = nodeCol;
    nodeLine = valueBelow(s, found, nodeCol);
    nodeCol = s.indent;
  }
  return { line, column };
}

/**
 * Where the rest of a path leads inside the flow collection at the cursor (the parser accepted
 * it); `found` is the position of the path so far.
 */
function locateInFlow(
  s: State, c: Cursor, segments: ReadonlyArray<string | number>, found: { line: number; column: number },
): { line: number; column: number } {
  let at = found;
  for (const segment of segments) {
    const bracket = charAt(s, c);
    if (bracket !== 0x5b && bracket !== 0x7b) break;
    if (bracket === 0x5b && typeof segment !== 'number') break;
    const want = String(segment);
    let index = 0;
    const stopped = eachFlowEntry(s, c, -1, (key, keyAt) => {
      if (key === undefined ? index++ === segment : key === want) {
        at = { line: keyAt.line, column: keyAt.col };
        return true;
      }
      flowNode(s, c, -1);
      return false;
    }, 'null');
    if (!stopped) break;
  }
  return at;
}

/** Line of the n-th item of the sequence whose first dash is at (first, col), or -1. */
function nthItem(s: State, first: number, col: number, n: number): number {
  let i = first;
  for (let count = 0; count < n; count++) {
    i = nextSibling(s, i, col);
    if (i < 0 || !isSeqItem(s.lines[i], col)) return -1;
  }
  return i;
}

/** Line of `key` in the map whose first key is at (first, col), or -1. */
function keyLine(s: State, first: number, col: number, key: string): number {
  for (let i = first; i >= 0; i = nextSibling(s, i, col)) {
    const line = s.lines[i];
    if (isSeqItem(line, col)) continue; // a compact sequence: the value of the key above
    const colon = keyEnd(line, col);
    if (colon < 0) return -1;
    if (keyText(line, col, colon, s.tags, 'null') === key) return i;
  }
  return -1;
}

/** The next line after `i` whose content starts at column `col` (lines more indented are skipped), or -1. */
function nextSibling(s: State, i: number, col: number): number {
  // Lines that start with more than `col` spaces (deeper content, or blank) are passed over with
  // one native prefix test each: counting their indentation was most of a finding's locate time.
  const deeper = spaces(col + 1);
  let k = i + 1;
  while (k < s.end && s.lines[k].startsWith(deeper)) k++;
  s.i = k;
  for (;;) {
    const j = nextContent(s);
    if (j < 0 || s.indent < col) return -1;
    // A flow collection's closing bracket may stand at its key's column: not a sibling.
    if (s.indent === col && !isClosingBracket(s.lines[j].charCodeAt(col))) return j;
    s.i = j + 1;
  }
}

function isClosingBracket(c: number): boolean {
  return c === 0x5d || c === 0x7d;
}

const SPACES: string[] = [];

function spaces(n: number): string {
  return (SPACES[n] ??= ' '.repeat(n));
}

/** Where the value of the key on line `i` (keys at `col`) starts, when it is below the key; else -1. */
function valueBelow(s: State, i: number, col: number): number {
  const line = s.lines[i];
  const colon = keyEnd(line, col);
  let p = colon + 1;
  while (p < line.length && line.charCodeAt(p) === 0x20) p++;
  if (p < line.length && !(line.charCodeAt(p) === 0x23 && p > colon + 1)) {
    // On the key's line: only a flow collection has fields to look into.
    const c = line.charCodeAt(p);
    if (c !== 0x5b && c !== 0x7b) return -1;
    s.indent = p;
    return i;
  }
  s.i = i + 1;
  const next = nextContent(s);
  if (next < 0 || s.indent < col || (s.indent === col && !isSeqItem(s.lines[next], col))) return -1;
  return next;
}
