/**
 * JSON documents (`kubectl get -o json`, generated manifests) read with the native JSON.parse
 * instead of the `yaml` package, which reads JSON as YAML flow collections a thousand objects a
 * second. JSON.parse and `yaml` agree on JSON except where this module gives up (UNSUPPORTED),
 * leaving the document to `yaml`: duplicate keys (JSON.parse keeps the last, `yaml` rejects
 * them, as kubectl's strict decoding does), keys with escapes (whose duplicates cannot be seen
 * without decoding them), `__proto__` keys, and integers of 16 digits or more (whose rounding may
 * differ). The differential test compares both readers.
 */
import { UNSUPPORTED } from './fast-yaml';

const fail = (): never => {
  throw UNSUPPORTED;
};

/** The value of a JSON document; throws UNSUPPORTED for text that is not JSON or is outside the rules above. */
export function parseJsonDocument(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    fail();
  }
  checkKeysAndNumbers(text);
  return value;
}

/** Walks valid JSON text: unique, escape-free keys; no long integers. */
function checkKeysAndNumbers(text: string): void {
  // One entry per open container: a Set of its keys for an object, null for an array.
  const stack: Array<Set<string> | null> = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    switch (c) {
      case 0x7b: // {
        stack.push(new Set());
        expectKey = true;
        break;
      case 0x5b: // [
        stack.push(null);
        expectKey = false;
        break;
      case 0x7d: // }
      case 0x5d: // ]
        stack.pop();
        expectKey = false;
        break;
      case 0x2c: // ,
        expectKey = stack[stack.length - 1] !== null;
        break;
      case 0x22: { // "
        const close = stringEnd(text, i);
        if (expectKey) {
          const key = text.slice(i + 1, close);
          const keys = stack[stack.length - 1]!;
          if (key.includes('\\') || key === '__proto__' || key.length > 1000 || keys.has(key)) fail();
          keys.add(key);
          expectKey = false;
        }
        i = close;
        break;
      }
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
          let k = i;
          let digits = 0;
          let integer = true;
          for (; k < text.length; k++) {
            const d = text.charCodeAt(k);
            if (d >= 0x30 && d <= 0x39) digits++;
            else if (d === 0x2e || d === 0x65 || d === 0x45) integer = false;
            else if (d !== 0x2d && d !== 0x2b) break;
          }
          if (integer && digits >= 16) fail();
          i = k - 1;
        }
    }
  }
}

/** Index of the closing quote of the JSON string opening at `at`. */
function stringEnd(text: string, at: number): number {
  let k = at + 1;
  for (;;) {
    const q = text.indexOf('"', k);
    if (q < 0) return text.length;
    // The quote is escaped when an odd number of backslashes precede it.
    let b = q - 1;
    while (text.charCodeAt(b) === 0x5c) b--;
    if ((q - 1 - b) % 2 === 0) return q;
    k = q + 1;
  }
}

/** Member (key offsets) and item offsets of each container visited, by its opening offset. */
export type JsonIndex = Map<number, { readonly keys?: string[]; readonly offsets: number[] }>;

/**
 * Offset in `text` (a JSON document parseJsonDocument accepted) of what a path leads to: a key's
 * opening quote, an item's first character, or the nearest ancestor present. Containers are
 * indexed on first visit, so locating in one large List costs one scan of it.
 */
export function locateInJson(text: string, segments: ReadonlyArray<string | number>, index: JsonIndex): number {
  let pos = skipSpace(text, 0);
  let found = pos;
  for (const segment of segments) {
    const c = text.charCodeAt(pos);
    if (c !== 0x7b && c !== 0x5b) break;
    const entry = index.get(pos) ?? indexContainer(text, pos, index);
    let k: number;
    if (entry.keys) {
      k = entry.keys.indexOf(String(segment));
    } else {
      k = typeof segment === 'number' && segment < entry.offsets.length ? segment : -1;
    }
    if (k < 0) break;
    found = entry.offsets[k];
    pos = entry.keys ? skipSpace(text, skipSpace(text, stringEnd(text, found) + 1) + 1) : found;
  }
  return found;
}

function indexContainer(text: string, open: number, index: JsonIndex): { keys?: string[]; offsets: number[] } {
  const isObject = text.charCodeAt(open) === 0x7b;
  const keys: string[] = [];
  const offsets: number[] = [];
  let pos = skipSpace(text, open + 1);
  const close = isObject ? 0x7d : 0x5d;
  while (pos < text.length && text.charCodeAt(pos) !== close) {
    offsets.push(pos);
    if (isObject) {
      const end = stringEnd(text, pos);
      keys.push(text.slice(pos + 1, end));
      pos = skipSpace(text, skipSpace(text, end + 1) + 1); // past the colon
    }
    pos = skipSpace(text, skipValue(text, pos));
    if (text.charCodeAt(pos) === 0x2c) pos = skipSpace(text, pos + 1);
  }
  const entry = isObject ? { keys, offsets } : { offsets };
  index.set(open, entry);
  return entry;
}

/** Offset just past the value starting at `at`. */
function skipValue(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c === 0x22) return stringEnd(text, at) + 1;
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    for (let k = at; k < text.length; k++) {
      const d = text.charCodeAt(k);
      if (d === 0x22) k = stringEnd(text, k);
      else if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        if (--depth === 0) return k + 1;
      }
    }
    return text.length;
  }
  let k = at;
  while (k < text.length) {
    const d = text.charCodeAt(k);
    if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
    k++;
  }
  return k;
}

function skipSpace(text: string, at: number): number {
  let k = at;
  while (k < text.length) {
    const d = text.charCodeAt(k);
    if (d !== 0x20 && d !== 0x0a && d !== 0x0d && d !== 0x09) break;
    k++;
  }
  return k;
}
