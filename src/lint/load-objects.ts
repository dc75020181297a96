/**
 * Reads Kubernetes objects from the text of a YAML or JSON file (JSON is YAML) the way
 * `kubectl apply -f` does: every document of a multi-document stream, `List` objects unwrapped
 * into their items, empty documents skipped. Scalars resolve as kubectl's YAML decoder
 * (sigs.k8s.io/yaml on go-yaml v2) resolves them, so the rules see the values the API server
 * sees: YAML 1.1 booleans (`yes`, `on`) and octals (`0644` is 420), but no base-60 numbers and
 * no timestamps (`2024-01-01` stays a string).
 *
 * Every object keeps its YAML node, so a finding's field path maps back to a line.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node, type ParsedNode } from 'yaml';
import type { KubeObject } from '../validation/rule';
import { InputError, type Position } from './input-error';
import { pathSegments } from './path-segments';

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

const TIMESTAMP_TAG = 'tag:yaml.org,2002:timestamp';

const PARSE_OPTIONS = {
  version: '1.1' as const,
  // go-yaml v2 keeps timestamps as strings and never supported base-60 ("sexagesimal") numbers.
  customTags: (tags: unknown[]) => tags.filter(t => {
    const tag = t as { tag?: string; format?: string };
    return tag.tag !== TIMESTAMP_TAG && tag.format !== 'TIME';
  }),
  prettyErrors: false,
  uniqueKeys: true,
};

/** Every object of the file, in order. Throws InputError for text that is not YAML or a document that is not an object. */
export function loadObjects(source: SourceText): LoadedObject[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(source.text, { ...PARSE_OPTIONS, lineCounter } as Parameters<typeof parseAllDocuments>[1]);
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const fail = (reason: string, offset: number): never => {
    const position = at(offset);
    throw new InputError(source.file, reason, position, lineText(source.text, lineCounter, position.line));
  };

  const out: LoadedObject[] = [];
  const list = Array.isArray(docs) ? docs : [];
  const streamErrors = (docs as { errors?: Array<{ message: string; pos: [number, number] }> }).errors;
  if (!Array.isArray(docs) && streamErrors && streamErrors.length > 0) fail(`cannot parse YAML: ${streamErrors[0].message}`, streamErrors[0].pos[0]);

  list.forEach((doc, i) => {
    const documentNumber = i + 1;
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      fail(`cannot parse YAML: ${err.message}`, err.pos[0]);
    }
    const root = doc.contents;
    if (root === null || (isScalar(root) && root.value === null)) return; // empty document
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (err) {
      fail(`cannot read document ${documentNumber}: ${(err as Error).message}`, root.range[0]);
    }
    collect(value, root, documentNumber, doc, out, source, fail);
  });
  return out;

  function collect(
    value: unknown, node: ParsedNode, documentNumber: number, doc: Document.Parsed,
    into: LoadedObject[], src: SourceText, failAt: (reason: string, offset: number) => never,
  ): void {
    if (!isPlainObject(value)) {
      failAt(`document ${documentNumber} is ${describe(value)}, not a Kubernetes object (a mapping with apiVersion and kind)`, node.range[0]);
    }
    if (isListKind(value)) {
      const itemsNode = isMap(node) ? resolve(node.get('items', true) as Node | undefined, doc) : undefined;
      const items = value.items;
      if (!Array.isArray(items) || !isSeq(itemsNode)) {
        failAt(`document ${documentNumber} is a ${String(value.kind)} whose items is not a list`, node.range[0]);
      }
      (items as unknown[]).forEach((item, k) => {
        const itemNode = resolve((itemsNode as { items: unknown[] }).items[k] as Node, doc) as ParsedNode;
        collect(item, itemNode, documentNumber, doc, into, src, failAt);
      });
      return;
    }
    into.push({
      object: value as KubeObject,
      file: src.file,
      document: documentNumber,
      locate: (path: string) => at(offsetOf(node, path, doc)),
    });
  }
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

function resolve(node: Node | undefined | null, doc: Document.Parsed): Node | undefined {
  if (node && isAlias(node)) return node.resolve(doc) ?? undefined;
  return node ?? undefined;
}

/** Offset of the node a field path leads to, or of its nearest present ancestor. */
function offsetOf(root: ParsedNode, path: string, doc: Document.Parsed): number {
  let node: Node | undefined = root;
  let offset = root.range[0];
  for (const segment of pathSegments(path)) {
    node = resolve(node, doc);
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
