/**
 * Reads Kubernetes objects from the text of a YAML or JSON file (JSON is YAML) the way
 * `kubectl apply -f` does: every document of a multi-document stream, `List` objects unwrapped
 * into their items, empty documents skipped. Scalars resolve as kubectl's YAML decoder
 * (sigs.k8s.io/yaml on go-yaml v2) resolves them, so the rules see the values the API server
 * sees: YAML 1.1 booleans (`yes`, `on`, also as keys) and octals (`0644` is 420), but no base-60
 * numbers and no timestamps (`2024-01-01` stays a string).
 *
 * Documents in the block YAML subset of fast-yaml.ts (nearly every manifest) are read by it, JSON
 * documents by fast-json.ts; any other document by the `yaml` package; a file with an error is
 * read again whole by `yaml`, whose message and position are the ones reported. Every object can
 * map a field path back to a line.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { KubeObject } from '../validation/rule';
import { locateInJson, parseJsonDocument, type JsonIndex } from './fast-json';
import { locateInBlock, parseBlockDocument, UNSUPPORTED } from './fast-yaml';
import { InputError, type Position } from './input-error';
import { pathSegments, type PathSegment } from './path-segments';

/** A file's name (as the user gave it) and its text. */
export interface SourceText {
  readonly file: string;
  readonly text: string;
}

/** One Kubernetes object read from a file. */
export interface LoadedObject {
  readonly object: KubeObject;
  readonly file: string;
  /** 1-based index of the YAML document the object came from. */
  readonly document: number;
  /**
   * Where a field path of this object is in the file: the key of a map entry, the start of a
   * list item; when the field is absent, its nearest ancestor that is present.
   */
  locate(path: string): Position;
}

export interface LoadOptions {
  /** `yaml` reads every document with the `yaml` package (the reference the fast reader is tested against). @default 'auto' */
  readonly engine?: 'auto' | 'yaml';
  /** Counts, by reader, the documents read (the benchmark reports them). */
  readonly stats?: ReaderStats;
}

/** Documents read by each reader; a file read whole by `yaml` counts as one. */
export interface ReaderStats {
  /** By fast-yaml.ts: the block YAML subset. */
  block: number;
  /** By fast-json.ts. */
  json: number;
  /** By the `yaml` package. */
  yaml: number;
}

const TIMESTAMP_TAG = 'tag:yaml.org,2002:timestamp';

/** go-yaml v2 keeps timestamps as strings and never supported base-60 ("sexagesimal") numbers. */
export const CUSTOM_TAGS = (tags: unknown[]): unknown[] => tags.filter(t => {
  const tag = t as { tag?: string; format?: string };
  return tag.tag !== TIMESTAMP_TAG && tag.format !== 'TIME';
});

const PARSE_OPTIONS = { version: '1.1' as const, customTags: CUSTOM_TAGS, prettyErrors: false, uniqueKeys: true };

/** Every object of the file, in order. Throws InputError for text that is not YAML or a document that is not an object. */
export function loadObjects(source: SourceText, options: LoadOptions = {}): LoadedObject[] {
  if (options.engine !== 'yaml') {
    const fast = loadFast(source, options.stats);
    if (fast) return fast;
  }
  if (options.stats) options.stats.yaml++;
  return loadWithYaml(source);
}

/** What a file holds: the objects of its readable documents, and an InputError for each unreadable one. */
export interface LoadedFile {
  readonly objects: LoadedObject[];
  readonly errors: InputError[];
}

/**
 * Every object of the file's readable documents, in order, and an InputError for each document
 * that is not YAML or not an object. YAML itself ends a document at a `---` line (inside a flow
 * collection that is an error of the document it interrupts), so a broken document never changes
 * how the next one reads; a quoted string left open runs to the end of the file, and is reported.
 */
export function loadReadableObjects(source: SourceText, options: LoadOptions = {}): LoadedFile {
  if (options.engine !== 'yaml') {
    const fast = loadFast(source);
    if (fast) return { objects: fast, errors: [] };
  }
  const errors: InputError[] = [];
  const objects = loadWithYaml(source, undefined, e => errors.push(e));
  return { objects, errors };
}

/** Finds a document's positions: a path of segments from the document root to a position. */
type DocumentLocator = (segments: readonly PathSegment[]) => Position;

/**
 * Adds the objects of one document's value to `into`; `rootPath` leads from the document root to
 * `value` (List items). Returns a reason when the value is not an object (or a List of objects).
 */
function collect(
  value: unknown, rootPath: readonly PathSegment[], file: string, document: number,
  locate: DocumentLocator, into: LoadedObject[],
): { reason: string; at: readonly PathSegment[] } | undefined {
  if (!isPlainObject(value)) {
    return { reason: `document ${document} is ${describe(value)}, not a Kubernetes object (a mapping with apiVersion and kind)`, at: rootPath };
  }
  if (isListKind(value)) {
    const items = value.items;
    if (!Array.isArray(items)) return { reason: `document ${document} is a ${String(value.kind)} whose items is not a list`, at: rootPath };
    for (let k = 0; k < items.length; k++) {
      const problem = collect(items[k], [...rootPath, 'items', k], file, document, locate, into);
      if (problem) return problem;
    }
    return undefined;
  }
  into.push({
    object: value as KubeObject,
    file,
    document,
    locate: (path: string) => locate(rootPath.length === 0 ? pathSegments(path) : [...rootPath, ...pathSegments(path)]),
  });
  return undefined;
}

/** `List` (what `kubectl get -o yaml` prints) and typed lists such as `DeploymentList`. */
function isListKind(value: Record<string, unknown>): boolean {
  return typeof value.kind === 'string' && value.kind.endsWith('List') && 'items' in value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'a string';
  return `a ${typeof value}`;
}

// ---------------------------------------------------------------------------------------------
// The `yaml` package: any YAML.

/** Shift of a part of a file read on its own: its first line and the documents before it. */
interface Shift {
  readonly line: number;
  readonly document: number;
}

/**
 * Reads the text with `yaml`. Without `onError` the first unreadable document throws; with it,
 * each unreadable document is reported there and skipped (none of its objects is kept).
 */
function loadWithYaml(source: SourceText, shift: Shift = { line: 0, document: 0 }, onError?: (error: InputError) => void): LoadedObject[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(source.text, { ...PARSE_OPTIONS, lineCounter } as Parameters<typeof parseAllDocuments>[1]);
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + shift.line, column: p.col };
  };
  const error = (reason: string, offset: number, document?: number): InputError => {
    const position = at(offset);
    return new InputError(source.file, reason, position, lineText(source.text, lineCounter, position.line - shift.line), document);
  };
  /** Throws the error, or reports it (and the caller skips the document). */
  const fail = (reason: string, offset: number, document?: number): void => {
    const e = error(reason, offset, document);
    if (!onError) throw e;
    onError(e);
  };

  const out: LoadedObject[] = [];
  if (!Array.isArray(docs)) {
    const streamErrors = (docs as { errors?: Array<{ message: string; pos: [number, number] }> }).errors;
    if (streamErrors && streamErrors.length > 0) fail(`cannot parse YAML: ${streamErrors[0].message}`, streamErrors[0].pos[0]);
    return out;
  }
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i];
    const document = i + 1 + shift.document;
    if (doc.errors.length > 0) {
      fail(`cannot parse YAML: ${doc.errors[0].message}`, doc.errors[0].pos[0], document);
      continue;
    }
    const root = doc.contents;
    if (root === null || (isScalar(root) && root.value === null)) continue; // empty document
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (err) {
      fail(`cannot read document ${document}: ${(err as Error).message}`, root.range[0], document);
      continue;
    }
    const locate: DocumentLocator = segments => at(offsetOf(root, segments, doc));
    // Into a list of its own: a List with a bad item keeps none of its items.
    const objects: LoadedObject[] = [];
    const problem = collect(value, [], source.file, document, locate, objects);
    if (problem) {
      fail(problem.reason, offsetOf(root, problem.at, doc), document);
      continue;
    }
    for (const o of objects) out.push(o);
  }
  return out;
}

function resolveAlias(node: Node | undefined | null, doc: Document.Parsed): Node | undefined {
  if (node && isAlias(node)) return node.resolve(doc) ?? undefined;
  return node ?? undefined;
}

/** Offset of the node a path leads to, or of its nearest present ancestor. */
function offsetOf(root: Node, segments: readonly PathSegment[], doc: Document.Parsed): number {
  let node: Node | undefined = root;
  let offset = root.range?.[0] ?? 0;
  for (const segment of segments) {
    node = resolveAlias(node, doc);
    if (isMap(node)) {
      const pair = node.items.find(p => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      const keyRange = (pair.key as Node).range;
      if (keyRange) offset = keyRange[0];
      node = (pair.value ?? undefined) as Node | undefined;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      if (item.range) offset = item.range[0];
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

function lineText(text: string, lineCounter: LineCounter, line: number): string | undefined {
  const start = lineCounter.lineStarts[line - 1];
  if (start === undefined) return undefined;
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
}

// ---------------------------------------------------------------------------------------------
// The fast reader: documents of the block subset; the rest of the file's documents by `yaml`.

/** Lines [start, end) of a file; `start` is the `---` line, if any. */
interface DocumentLines {
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
  /** Text after `---` on the marker line (`--- |`, `--- !tag`): only `yaml` reads it. */
  readonly inlineContent: boolean;
}

/** The file's documents as `yaml` counts them, or undefined when the file needs `yaml` whole. */
function splitDocuments(lines: readonly string[]): DocumentLines[] | undefined {
  const docs: DocumentLines[] = [];
  let start = 0;
  let contentStart = 0;
  let explicit = false;
  let inline = false;
  let hasContent = false;
  const close = (end: number) => {
    // Text before the first `---` is a document only when it has content.
    if (explicit || hasContent) docs.push({ start, contentStart, end, inlineContent: inline });
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const c = line.charCodeAt(0);
    if (c === 0x25 /* % */ || (c === 0x2e && /^\.\.\.(\s|$)/.test(line))) return undefined; // directives, `...`
    if (c === 0x2d && line.startsWith('---') && (line.length === 3 || line[3] === ' ' || line[3] === '\t')) {
      close(i);
      start = i;
      contentStart = i + 1;
      explicit = true;
      const rest = line.slice(3).trim();
      inline = rest.length > 0 && !rest.startsWith('#');
      hasContent = false;
      continue;
    }
    if (!hasContent) {
      const t = line.trimStart();
      if (t.length > 0 && !t.startsWith('#')) hasContent = true;
    }
  }
  close(lines.length);
  return docs;
}

function loadFast(source: SourceText, stats?: ReaderStats): LoadedObject[] | undefined {
  const text = source.text;
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  const lines = splitLines(text);
  if (!lines) return undefined;
  const docs = splitDocuments(lines);
  if (!docs) return undefined;
  const tabs = text.includes('\t');
  const out: LoadedObject[] = [];
  for (let d = 0; d < docs.length; d++) {
    const doc = docs[d];
    const document = d + 1;
    let parsed: { value: unknown } | undefined | 'fallback';
    let locate: DocumentLocator | undefined;
    try {
      if (doc.inlineContent) {
        parsed = 'fallback';
      } else if (startsJson(lines, doc)) {
        const json = readJson(lines, doc);
        parsed = { value: json.value };
        if (stats) stats.json++;
        locate = json.locate;
      } else {
        parsed = parseBlockDocument(lines, doc.contentStart, doc.end, CUSTOM_TAGS, tabs);
        if (stats) stats.block++;
      }
    } catch (err) {
      if (err !== UNSUPPORTED) throw err;
      parsed = 'fallback';
    }
    if (parsed === 'fallback') {
      if (stats) stats.yaml++;
      try {
        // The document's exact text: its last line ended with a newline unless it ends the file.
        const part = lines.slice(doc.start, doc.end).join('\n') + (doc.end < lines.length ? '\n' : '');
        out.push(...loadWithYaml({ file: source.file, text: part }, { line: doc.start, document: d }));
      } catch (err) {
        if (err instanceof InputError) return undefined; // the whole file by `yaml`: its error, as reported for the file
        throw err;
      }
      continue;
    }
    if (parsed === undefined) continue;
    // Positions are looked for only when asked (a finding needs its line), along the path.
    locate ??= segments => {
      const p = locateInBlock(lines, doc.contentStart, doc.end, segments, CUSTOM_TAGS);
      return { line: p.line + 1, column: p.column + 1 };
    };
    if (collect(parsed.value, [], source.file, document, locate, out)) return undefined;
  }
  return out;
}

/**
 * The file's lines, without their line breaks: `\n` or, in files written on Windows, `\r\n`
 * (which YAML reads as one line break). Undefined for a `\r` on its own: left to `yaml`.
 */
function splitLines(text: string): string[] | undefined {
  const lines = text.split('\n');
  if (!text.includes('\r')) return lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const cr = line.indexOf('\r');
    if (cr < 0) continue;
    if (cr !== line.length - 1 || i === lines.length - 1) return undefined;
    lines[i] = line.slice(0, cr);
  }
  return lines;
}

/** Whether the document's first character (after blank lines) opens a JSON object or array. */
function startsJson(lines: readonly string[], doc: DocumentLines): boolean {
  for (let i = doc.contentStart; i < doc.end; i++) {
    const t = lines[i].trimStart();
    if (t.length === 0) continue;
    return t.startsWith('{') || t.startsWith('[');
  }
  return false;
}

function readJson(lines: readonly string[], doc: DocumentLines): { value: unknown; locate: DocumentLocator } {
  const text = lines.slice(doc.contentStart, doc.end).join('\n');
  const value = parseJsonDocument(text);
  const index: JsonIndex = new Map();
  let lineStarts: number[] | undefined;
  const locate: DocumentLocator = segments => {
    const offset = locateInJson(text, segments, index);
    lineStarts ??= startsOfLines(text);
    // The last line starting at or before the offset.
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: doc.contentStart + lo + 1, column: offset - lineStarts[lo] + 1 };
  };
  return { value, locate };
}

function startsOfLines(text: string): number[] {
  const starts = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) starts.push(k + 1);
  return starts;
}
