/**
 * A strict little XML reader for the SVG tests: throws on anything not well-formed (unbalanced
 * tags, unquoted or duplicate attributes, a raw `<` or `&` in text, unknown entities) and returns
 * the element tree to query.
 */

export interface XmlElement {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: XmlElement[];
  /** Text content directly inside, entities decoded. */
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITY = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function decode(raw: string, where: number): string {
  const stray = raw.replace(ENTITY, '').search(/[&<]/);
  if (stray >= 0) throw new Error(`raw ${raw.replace(ENTITY, '')[stray]} at ${where}`);
  return raw.replace(ENTITY, (_, e: string) => {
    switch (e) {
      case 'amp': return '&';
      case 'lt': return '<';
      case 'gt': return '>';
      case 'quot': return '"';
      case 'apos': return "'";
      default: return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

export function parseXml(source: string): XmlElement {
  let i = 0;
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  if (source.startsWith('<?xml')) i = source.indexOf('?>') + 2;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const chunk = source.slice(i, lt < 0 ? source.length : lt);
    if (chunk.trim() !== '') {
      if (stack.length === 1) throw new Error(`text outside the root element at ${i}`);
      stack[stack.length - 1].text += decode(chunk, i);
    }
    if (lt < 0) break;
    i = lt;
    if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i);
      if (end < 0) throw new Error('unterminated comment');
      i = end + 3;
      continue;
    }
    if (source.startsWith('</', i)) {
      const m = NAME.exec(source.slice(i + 2));
      const top = stack.pop();
      if (!m || !top || top.name !== m[0]) throw new Error(`mismatched </${m?.[0]}> at ${i} (open: ${top?.name})`);
      const gt = source.indexOf('>', i);
      if (source.slice(i + 2 + m[0].length, gt).trim() !== '') throw new Error(`junk in end tag at ${i}`);
      i = gt + 1;
      continue;
    }
    const m = NAME.exec(source.slice(i + 1));
    if (!m) throw new Error(`bad tag at ${i}`);
    i += 1 + m[0].length;
    const el: XmlElement = { name: m[0], attrs: {}, children: [], text: '' };
    for (;;) {
      const ws = /^\s*/.exec(source.slice(i))![0];
      i += ws.length;
      if (source.startsWith('/>', i)) { i += 2; stack[stack.length - 1].children.push(el); break; }
      if (source[i] === '>') { i += 1; stack[stack.length - 1].children.push(el); stack.push(el); break; }
      if (ws === '') throw new Error(`attributes must be separated by space at ${i}`);
      const a = /^([A-Za-z_][\w.:-]*)="([^"]*)"/.exec(source.slice(i));
      if (!a) throw new Error(`bad attribute at ${i}: ${source.slice(i, i + 30)}`);
      if (a[1] in el.attrs) throw new Error(`duplicate attribute ${a[1]} at ${i}`);
      if (a[2].includes('<')) throw new Error(`raw < in attribute at ${i}`);
      el.attrs[a[1]] = decode(a[2], i);
      i += a[0].length;
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (root.children.length !== 1) throw new Error('expected exactly one root element');
  return root.children[0];
}

/** Every element below (and including) `el`, depth first, in document order. */
export function all(el: XmlElement): XmlElement[] {
  return [el, ...el.children.flatMap(all)];
}

/** All text inside `el`, its descendants' included. */
export function textOf(el: XmlElement): string {
  return el.text + el.children.map(textOf).join('');
}
