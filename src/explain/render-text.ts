/**
 * Text rendering for a terminal: every line fits `TEXT_WIDTH` columns. Per panel: a time axis,
 * a row per lane with a bar for each phase (a character per kind, `?` where the duration is
 * unknown), a row per verdict showing its band, then the events and the verdicts with their fix.
 */
import type { Bar, Explanation, Lane, Mark, Panel, Verdict } from './model';
import { makeScale, type Scale } from './scale';
import { formatNumber, formatTime } from './time';

export const TEXT_WIDTH = 100;
const LABEL_WIDTH = 22;
const INIT_COLUMNS = 4;

const FILL: Record<Bar['kind'], string> = {
  'init': '▒', 'sidecar': '▒', 'waiting': '·', 'post-start': '▓', 'running': '░', 'ready': '█',
  'startup-window': '~', 'liveness-window': '~', 'crash-loop': '╳', 'grace-period': '─', 'endpoint-propagation': '≈', 'pre-stop': '▓',
  'shutdown': '▒', 'cut': '×', 'nacos-push': '»', 'nacos-consumer-cache': ':',
};

const LEGEND: Record<Bar['kind'], string> = {
  'init': 'init container', 'sidecar': 'sidecar', 'waiting': 'waiting to start', 'post-start': 'postStart',
  'running': 'Running, not Ready', 'ready': 'Ready', 'startup-window': 'startup probe window',
  'liveness-window': 'liveness probe window', 'crash-loop': 'restart loop (CrashLoopBackOff)',
  'grace-period': 'grace period', 'endpoint-propagation': 'endpoint removal propagating', 'pre-stop': 'preStop',
  'shutdown': 'app shutting down', 'cut': 'cut off / killed', 'nacos-push': 'Nacos push',
  'nacos-consumer-cache': 'consumer caches',
};

/** Point events drawn on the lane rows; the rest are listed under Events. */
const GLYPH: Partial<Record<Mark['kind'], string>> = {
  'ready': '◆', 'pod-ready': '◆', 'probe-deadline': '┤', 'post-start-fails': '✕', 'pod-never-ready': '⊗', 'sigkill': '✕',
  'sigterm': '▲', 'exit': '●', 'connections-closed': '⊘', 'nacos-disable': '▼', 'nacos-last-call': '◆',
};

const GLYPH_LEGEND: Partial<Record<Mark['kind'], string>> = {
  'ready': 'Ready', 'pod-ready': 'Ready', 'probe-deadline': 'probe deadline (restart only if never healthy)',
  'post-start-fails': 'killed', 'pod-never-ready': 'never Ready', 'sigkill': 'killed', 'sigterm': 'SIGTERM', 'exit': 'app exits',
  'connections-closed': 'keep-alive connections closed', 'nacos-disable': 'disabled in Nacos', 'nacos-last-call': 'last consumer call',
};

/** Code points, not UTF-16 units: what a terminal counts for these characters. */
export function columns(s: string): number {
  return [...s].length;
}

function truncate(s: string, width: number): string {
  const chars = [...s];
  return chars.length <= width ? s : `${chars.slice(0, width - 1).join('')}…`;
}

/** Word-wraps `text` to `width` columns; continuation lines get `indent`. */
export function wrap(text: string, width: number, indentation: string): string[] {
  const indent = columns(indentation) < width / 2 ? indentation : '';
  const lines: string[] = [];
  const lead = /^\s*/.exec(text)![0];
  let line = '';
  for (const word of text.split(/\s+/).filter(w => w !== '')) {
    const candidate = line === '' ? lead + word : `${line} ${word}`;
    if (columns(candidate) <= width || line === '') {
      line = candidate;
    } else {
      lines.push(line);
      line = indent + word;
    }
    while (columns(line) > width) {
      const chars = [...line];
      lines.push(chars.slice(0, width).join(''));
      line = indent + chars.slice(width).join('');
    }
  }
  if (line.trim() !== '') lines.push(line);
  return lines;
}

/** Items on as few lines as fit, separated by `gap`, never split inside an item. */
function pack(items: readonly string[], indent: string, gap: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const candidate = line === '' ? indent + item : line + gap + item;
    if (line !== '' && columns(candidate) > TEXT_WIDTH) {
      lines.push(line);
      line = indent + item;
    } else {
      line = candidate;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** `head` then `text` wrapped into the columns right of it. */
function hang(head: string, text: string): string[] {
  const indent = ' '.repeat(columns(head));
  return wrap(text, TEXT_WIDTH - columns(head), '').map((line, i) => `${i === 0 ? head : indent}${line}`);
}

interface Grid {
  readonly scale: Scale;
  readonly prelude: number;
  readonly width: number;
}

function gridOf(panel: Panel): Grid {
  const inits = panel.lanes.filter(l => l.kind === 'init').length;
  const prelude = panel.start < 0 ? Math.min(12, Math.max(INIT_COLUMNS, inits * INIT_COLUMNS)) : 0;
  const width = TEXT_WIDTH - LABEL_WIDTH - prelude - 1;
  return { scale: makeScale(panel.start, panel.end, prelude, width, 10), prelude, width };
}

/** Columns a bar covers: at least one for anything that lasts. */
function span(grid: Grid, from: number, to: number): [number, number] {
  const a = Math.floor(grid.scale.x(from));
  const b = Math.max(a + 1, Math.round(grid.scale.x(to)));
  return [a, Math.min(b, grid.prelude + grid.width)];
}

function row(label: string, cells: string[], prelude: number): string {
  const left = `  ${truncate(label, LABEL_WIDTH - 3).padEnd(LABEL_WIDTH - 2)}`;
  const body = `${cells.slice(0, prelude).join('')}│${cells.slice(prelude).join('')}`;
  return `${left}${body}`.replace(/\s+$/, '');
}

function laneRows(lane: Lane, grid: Grid): string[] {
  const rows: string[] = [];
  for (const track of [0, 1] as const) {
    const bars = lane.bars.filter(b => b.track === track);
    const marks = lane.marks.filter(m => m.track === track);
    if (bars.length === 0 && marks.length === 0 && track === 1) continue;
    const cells = new Array<string>(grid.prelude + grid.width).fill(' ');
    for (const b of bars) {
      const [a, z] = span(grid, b.from, b.to);
      for (let i = a; i < z; i++) cells[i] = b.unknown && ((i - a) % 3 === 2 || i === z - 1) ? '?' : FILL[b.kind];
    }
    for (const m of marks) {
      const glyph = GLYPH[m.kind];
      if (glyph) cells[Math.min(Math.floor(grid.scale.x(m.drawAt)), cells.length - 1)] = glyph;
    }
    rows.push(row(track === 0 ? lane.label : '', cells, grid.prelude));
  }
  return rows;
}

function axisRows(grid: Grid, hasInit: boolean): string[] {
  // Column of cell i in a lane row: the label, the prelude cells, the │ at t = 0, the main cells.
  const col = (cell: number) => LABEL_WIDTH + cell + (cell >= grid.prelude ? 1 : 0);
  const labels = new Array<string>(TEXT_WIDTH).fill(' ');
  const line = new Array<string>(TEXT_WIDTH).fill(' ');
  for (let c = 0; c < grid.prelude + grid.width; c++) line[col(c)] = c < grid.prelude ? '╌' : '─';
  line[LABEL_WIDTH + grid.prelude] = '┼';
  if (hasInit) [...'init'].forEach((ch, i) => { if (i < grid.prelude) labels[LABEL_WIDTH + i] = ch; });
  for (const t of grid.scale.ticks) {
    const c = col(Math.min(Math.floor(grid.scale.x(t)), grid.prelude + grid.width - 1));
    line[t === 0 ? LABEL_WIDTH + grid.prelude : c] = '┼';
    const text = [...`${formatNumber(t)}s`];
    const start = t === 0 ? LABEL_WIDTH + grid.prelude + (hasInit ? 1 : 0) : c;
    if (start + text.length > TEXT_WIDTH) continue;
    if (labels.slice(t === 0 ? start : start - 1, start + text.length + 1).every(ch => ch === ' ')) {
      text.forEach((ch, i) => { labels[start + i] = ch; });
    }
  }
  return [labels.join('').replace(/\s+$/, ''), line.join('').replace(/\s+$/, '')];
}

function verdictRow(v: Verdict, grid: Grid): string {
  const cells = new Array<string>(grid.prelude + grid.width).fill(' ');
  const [a, z] = span(grid, v.from, v.to);
  for (let i = a; i < z; i++) cells[i] = '━';
  return row(`✗ verdict ${v.number}`, cells, grid.prelude);
}

function panelLines(panel: Panel, verdicts: readonly Verdict[]): string[] {
  const grid = gridOf(panel);
  const out: string[] = [];
  out.push(...wrap(`${panel.title.toUpperCase()}  ${panel.origin}`, TEXT_WIDTH, '  '));
  out.push(...axisRows(grid, panel.start < 0));
  for (const lane of panel.lanes) out.push(...laneRows(lane, grid));
  for (const v of verdicts) out.push(verdictRow(v, grid));
  const used = [...new Set(panel.lanes.flatMap(l => l.bars.map(b => b.kind)))];
  const legend = used.map(k => `${FILL[k]} ${LEGEND[k]}`);
  if (panel.lanes.some(l => l.bars.some(b => b.unknown))) legend.push('▒▒? duration unknown');
  const glyphs = new Map<string, string>();
  for (const m of panel.lanes.flatMap(l => l.marks)) {
    const g = GLYPH[m.kind];
    if (g && !glyphs.has(g)) glyphs.set(g, GLYPH_LEGEND[m.kind]!);
  }
  for (const [g, what] of glyphs) legend.push(`${g} ${what}`);
  if (verdicts.length > 0) legend.push('━ verdict');
  out.push(...pack(legend, '  ', '   '));
  out.push('');
  out.push('  Events');
  const events = panel.lanes.flatMap((lane, li) => lane.marks.map(m => ({ lane, li, m })))
    .sort((a, b) => a.m.drawAt - b.m.drawAt || a.m.at.seconds - b.m.at.seconds || a.li - b.li);
  for (const { lane, m } of events) {
    out.push(...hang(`  ${formatTime(m.at).padStart(9)}  ${truncate(lane.label, 18).padEnd(18)}  `, m.label));
  }
  return out;
}

function valueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The text form of one workload. */
export function renderText(e: Explanation): string {
  const w = e.workload;
  const out: string[] = [];
  const title = `${w.kind}/${w.name}${w.namespace ? ` (namespace ${w.namespace})` : ''}`;
  out.push(`═══ ${truncate(title, TEXT_WIDTH - 6)} ${'═'.repeat(Math.max(0, TEXT_WIDTH - 5 - columns(truncate(title, TEXT_WIDTH - 6))))}`);
  const t = e.termination;
  out.push(...wrap(`pod spec at ${w.podSpecPath} · grace period ${t.gracePeriodSeconds} s${t.gracePeriodSource === 'default' ? ' (default)' : ''}`
    + ` · endpoint propagation ≈${formatNumber(e.assumptions.endpointPropagationSeconds)} s (assumed)`
    + ` · ${e.verdicts.length === 0 ? 'no verdicts' : `${e.verdicts.length} verdict${e.verdicts.length > 1 ? 's' : ''}`}`, TEXT_WIDTH, '  '));
  for (const panel of e.panels) {
    out.push('');
    out.push(...panelLines(panel, e.verdicts.filter(v => v.panel === panel.id)));
  }
  out.push('');
  if (e.verdicts.length === 0) {
    out.push('Verdicts: none — no request is dropped on this timeline.');
  } else {
    out.push('Verdicts');
    for (const v of e.verdicts) {
      out.push(...wrap(`  ${v.number}. [${v.severity}] ${v.message}`, TEXT_WIDTH, '     '));
      out.push(...wrap(v.value === null ? `     remove ${v.field}` : `     set ${v.field} = ${valueText(v.value)}`, TEXT_WIDTH, '       '));
      out.push(...wrap(`     ${v.fix}`, TEXT_WIDTH, '     '));
    }
  }
  if (e.notes.length > 0) {
    out.push('');
    out.push('Notes');
    for (const n of e.notes) out.push(...wrap(`  - ${n}`, TEXT_WIDTH, '    '));
  }
  return `${out.join('\n')}\n`;
}

/** Several workloads, separated by a blank line. */
export function renderTextAll(explanations: readonly Explanation[]): string {
  return explanations.map(renderText).join('\n');
}
