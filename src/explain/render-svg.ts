/**
 * SVG rendering: a picture for a design review or a README. Two panels (startup, termination),
 * one lane per container (init containers too) plus the pod, its Service endpoints and Nacos;
 * phases as bars, events as marks with their labels laid out so none overlaps, a time axis in
 * seconds, verdicts as red bands with a number that the legend below explains.
 *
 * Same input, byte-identical output: no randomness, no clock, numbers rounded to 0.1 px.
 * Every text goes through `xml()`. Elements carry `class` and `data-*` attributes (lane, kind,
 * verdict) so tests and tools can query the structure.
 */
import type { Bar, Explanation, Lane, Mark, Panel, Verdict } from './model';
import { makeScale, type Scale } from './scale';
import { placeLabels, textWidth, type LabelRequest } from './svg-layout';
import { formatNumber, formatTime } from './time';

const WIDTH = 1040;
const MARGIN = 20;
const LABEL_COLUMN = 170;
const PLOT_X = MARGIN + LABEL_COLUMN;
const PLOT_RIGHT = WIDTH - MARGIN - 10;
const PRELUDE_PER_INIT = 44;
const FONT = 'DejaVu Sans, Verdana, Helvetica, Arial, sans-serif';
const SMALL = 11;
const ROW = 15;
const BAR_H = 20;
const TRACK1_H = 9;

/** Bar colours by kind: hooks orange, serving greens, shutdown amber, network blues, Nacos violet. */
const COLOR: Record<Bar['kind'], string> = {
  'init': '#9aa5b1', 'sidecar': '#9aa5b1', 'waiting': '#e4e7eb', 'post-start': '#f4a261', 'running': '#b7e4c7',
  'ready': '#2d9c6f', 'startup-window': '#a78bdb', 'liveness-window': '#a78bdb', 'crash-loop': '#e5989b', 'grace-period': '#d9dde2', 'endpoint-propagation': '#8ecae6',
  'pre-stop': '#f4a261', 'shutdown': '#e9c46a', 'cut': '#ffffff', 'nacos-push': '#c77dff', 'nacos-consumer-cache': '#e0c3fc',
};

const KIND_NAME: Record<Bar['kind'], string> = {
  'init': 'init container', 'sidecar': 'sidecar', 'waiting': 'waiting for an earlier container', 'post-start': 'postStart / preStop hook',
  'running': 'Running, not Ready', 'ready': 'Ready', 'startup-window': 'startup probe window',
  'liveness-window': 'liveness probe window', 'crash-loop': 'restart loop (CrashLoopBackOff)',
  'grace-period': 'grace period', 'endpoint-propagation': 'endpoint removal propagating', 'pre-stop': 'postStart / preStop hook',
  'shutdown': 'app shutting down', 'cut': 'cut off / killed', 'nacos-push': 'Nacos push', 'nacos-consumer-cache': 'consumer load-balancer caches',
};

/** Text on light bars is dark; on the dark "ready" bar, white. */
const TEXT_ON: Partial<Record<Bar['kind'], string>> = { ready: '#ffffff' };

const MARK_COLOR: Record<Mark['kind'], string> = {
  'start': '#343a40', 'running': '#343a40', 'first-check': '#3a6ea5', 'ready': '#1b7a50', 'probe-deadline': '#5a3e8e',
  'post-start-fails': '#c1121f', 'pod-ready': '#1b7a50', 'pod-never-ready': '#c1121f', 'terminating': '#343a40',
  'endpoints-gone': '#1d6fa5', 'stops-accepting': '#d35400', 'connections-closed': '#d35400',
  'sigterm': '#d35400', 'exit': '#343a40', 'sigkill': '#c1121f', 'grace-end': '#495057',
  'nacos-disable': '#7b2cbf', 'nacos-last-call': '#7b2cbf', 'nacos-removed': '#7b2cbf',
};

const RED = '#d62828';

/** Escapes text for XML content and attribute values. */
export function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** 0.1 px grain: stable across platforms. */
function n(v: number): string {
  return formatNumber(Math.round(v * 10) / 10);
}

function text(x: number, y: number, body: string, attrs = ''): string {
  return `<text x="${n(x)}" y="${n(y)}"${attrs ? ` ${attrs}` : ''}>${body}</text>`;
}

/** `text`, cut with an ellipsis to at most `width` px at `size`. */
function fit(text: string, size: number, width: number): string {
  if (textWidth(text, size) <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, size) > width) chars.pop();
  return `${chars.join('')}…`;
}

/** An id fragment that is the same for the same workload and valid in XML. */
function idOf(e: Explanation): string {
  return `tl-${e.workload.kind}-${e.workload.name}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

function symbol(kind: Mark['kind'], x: number, y: number): string {
  const c = MARK_COLOR[kind];
  switch (kind) {
    case 'ready': case 'pod-ready': case 'nacos-last-call':
      return `<path d="M${n(x)} ${n(y - 6)} L${n(x + 6)} ${n(y)} L${n(x)} ${n(y + 6)} L${n(x - 6)} ${n(y)} Z" fill="${c}" stroke="#fff" stroke-width="1"/>`;
    case 'post-start-fails': case 'sigkill':
      return `<path d="M${n(x - 5)} ${n(y - 5)} L${n(x + 5)} ${n(y + 5)} M${n(x + 5)} ${n(y - 5)} L${n(x - 5)} ${n(y + 5)}" stroke="${c}" stroke-width="3" stroke-linecap="round"/>`;
    case 'probe-deadline':
      // A deadline, not a kill: a post with a flag back towards the window it closes.
      return `<path d="M${n(x)} ${n(y - 6)} L${n(x)} ${n(y + 6)} M${n(x - 6)} ${n(y)} L${n(x)} ${n(y)}" stroke="${c}" stroke-width="2.5" stroke-linecap="round"/>`;
    case 'pod-never-ready':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="5.5" fill="#fff" stroke="${c}" stroke-width="2"/><path d="M${n(x - 4)} ${n(y + 4)} L${n(x + 4)} ${n(y - 4)}" stroke="${c}" stroke-width="2"/>`;
    case 'connections-closed':
      return `<path d="M${n(x)} ${n(y - 6)} L${n(x + 6)} ${n(y)} L${n(x)} ${n(y + 6)} L${n(x - 6)} ${n(y)} Z" fill="#fff" stroke="${c}" stroke-width="2"/>`;
    case 'sigterm': case 'stops-accepting':
      return `<path d="M${n(x)} ${n(y - 6)} L${n(x + 6)} ${n(y + 5)} L${n(x - 6)} ${n(y + 5)} Z" fill="${c}" stroke="#fff" stroke-width="1"/>`;
    case 'nacos-disable':
      return `<path d="M${n(x - 6)} ${n(y - 5)} L${n(x + 6)} ${n(y - 5)} L${n(x)} ${n(y + 6)} Z" fill="${c}" stroke="#fff" stroke-width="1"/>`;
    case 'exit': case 'nacos-removed':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="5" fill="${c}" stroke="#fff" stroke-width="1"/>`;
    default:
      return `<circle cx="${n(x)}" cy="${n(y)}" r="3.5" fill="${c}" stroke="#fff" stroke-width="1"/>`;
  }
}

interface MergedMark {
  readonly drawAt: number;
  readonly marks: Mark[];
  readonly label: string;
}

/** `first check` marks at one spot read as one: `startup, readiness, liveness: first check`. */
function mergedLabel(marks: readonly Mark[]): string {
  const checks = marks.filter(m => m.kind === 'first-check').map(m => m.label.replace(/(?: probe)?: first check$/, ''));
  const parts: string[] = [];
  let checksPlaced = false;
  for (const m of marks) {
    if (m.kind !== 'first-check') parts.push(m.label);
    else if (!checksPlaced) {
      parts.push(checks.length > 1 ? `first checks: ${checks.join(', ')}` : m.label);
      checksPlaced = true;
    }
  }
  return parts.join(' · ');
}

/** Marks at the same spot of a lane share one label: `≥ 0 s Running · liveness: first check`. */
function mergeMarks(lane: Lane, scale: Scale): MergedMark[] {
  const groups: Mark[][] = [];
  const sorted = [...lane.marks].sort((a, b) => a.drawAt - b.drawAt);
  for (const m of sorted) {
    const last = groups[groups.length - 1];
    if (last && Math.abs(scale.x(last[0].drawAt) - scale.x(m.drawAt)) < 1 && formatTime(last[0].at) === formatTime(m.at)) last.push(m);
    else groups.push([m]);
  }
  return groups.map(g => ({ drawAt: g[0].drawAt, marks: g, label: mergedLabel(g) }));
}

interface LaneDrawing {
  readonly svg: string[];
  readonly height: number;
}

/**
 * Where a bar's label starts inside the bar, or undefined when it does not fit there or a mark
 * symbol would sit on it (it then goes to the label rows under the lane).
 */
function insideLabelX(b: Bar, x0: number, x1: number, markXs: readonly number[]): number | undefined {
  if (b.track !== 0) return undefined;
  const start = x0 + (markXs.some(x => Math.abs(x - x0) < 8) ? 11 : 5);
  const end = start + textWidth(b.label, SMALL);
  if (end + 5 > x1) return undefined;
  return markXs.some(x => x > start - 8 && x < end + 8) ? undefined : start;
}

function drawLane(lane: Lane, scale: Scale, y: number, index: number, verdicts: readonly Verdict[], id: string): LaneDrawing {
  const svg: string[] = [];
  const track1 = lane.bars.some(b => b.track === 1) || lane.marks.some(m => m.track === 1);
  const laneVerdicts = verdicts.filter(v => v.lane === lane.id);
  // A lane with a verdict gets a strip on top for the verdict's numbered badge.
  const barY = y + (laneVerdicts.length > 0 ? 22 : 6);
  const rowsTop = barY + BAR_H + (track1 ? TRACK1_H + 6 : 4) + 4;
  const px = (s: number) => PLOT_X + scale.x(s);

  // Labels that do not fit inside their bar, and every mark's label, share the rows below.
  const markXs = lane.marks.map(m => px(m.drawAt));
  const requests: LabelRequest[] = [];
  const outside: { bar: Bar; req: number; label: string }[] = [];
  for (const b of lane.bars) {
    if (insideLabelX(b, px(b.from), px(b.to), markXs) === undefined) {
      outside.push({ bar: b, req: requests.length, label: fit(b.label, SMALL, WIDTH - MARGIN - PLOT_X - 20) });
      requests.push({ anchor: px(b.from), width: textWidth(outside[outside.length - 1].label, SMALL) + 14, leader: false });
    }
  }
  const merged = mergeMarks(lane, scale);
  const room = WIDTH - MARGIN - PLOT_X;
  const markLabels = merged.map(m => fit(m.label, SMALL, room - textWidth(`${formatTime(m.marks[0].at)}  `, SMALL) - 8));
  const markReq = merged.map((m, i) => {
    const r = requests.length;
    requests.push({ anchor: px(m.drawAt), width: textWidth(`${formatTime(m.marks[0].at)}  ${markLabels[i]}`, SMALL), leader: true });
    return r;
  });
  const placed = placeLabels(requests, PLOT_X - 6, WIDTH - MARGIN);
  const rows = placed.reduce((max, p) => Math.max(max, p.row + 1), 0);
  const height = rowsTop - y + rows * ROW + 6;

  svg.push(`<g class="lane" data-lane="${xml(lane.id)}" data-kind="${lane.kind}">`);
  if (index % 2 === 0) svg.push(`<rect x="${MARGIN}" y="${n(y)}" width="${WIDTH - 2 * MARGIN}" height="${n(height)}" fill="#f6f7f9"/>`);
  // Lane title: the name, and what it is underneath.
  const kindText = lane.kind === 'init' ? 'init container' : lane.kind === 'container' ? 'container' : lane.kind === 'endpoints' ? 'Service' : lane.kind === 'nacos' ? 'service registry' : 'all containers';
  // Bold text is wider than the estimate's regular weight: leave it a tenth more room.
  const name = fit(lane.label, 13 * 1.1, LABEL_COLUMN - 14);
  svg.push(text(MARGIN + 8, barY + 14, xml(name), `font-size="13" font-weight="bold" fill="#212529"`));
  svg.push(text(MARGIN + 8, barY + 28, xml(kindText), `font-size="10" fill="#6c757d"`));

  // Verdict bands sit behind the bars of their lane.
  let badgeEnd = -Infinity;
  for (const v of laneVerdicts) {
    const a = px(v.from);
    const z = Math.max(px(v.to), a + 4);
    // Badges of overlapping bands step right so each number stays readable.
    const cx = Math.max(a + 10, badgeEnd + 12);
    badgeEnd = cx + 9 + textWidth('verdict 9', 10) + 4;
    svg.push(`<g class="verdict-band" data-verdict="${v.number}" data-rule="${v.rule}">`
      + `<rect x="${n(a)}" y="${n(y + 2)}" width="${n(z - a)}" height="${n(height - 4)}" fill="${RED}" fill-opacity="0.12" stroke="${RED}" stroke-width="1.5" stroke-dasharray="5 3"/>`
      + `<circle cx="${n(cx)}" cy="${n(y + 11)}" r="8" fill="${RED}"/>`
      + text(cx, y + 15, String(v.number), 'font-size="11" font-weight="bold" fill="#fff" text-anchor="middle"')
      + text(cx + 12, y + 15, `verdict ${v.number}`, `font-size="10" font-weight="bold" fill="${RED}"`)
      + '</g>');
  }

  for (const b of lane.bars) {
    const x0 = px(b.from);
    const w = Math.max(px(b.to) - x0, 2);
    const by = b.track === 0 ? barY : barY + BAR_H + 4;
    const h = b.track === 0 ? BAR_H : TRACK1_H;
    const attrs = `class="bar" data-kind="${b.kind}" data-unknown="${b.unknown}"`;
    if (b.kind === 'cut') {
      svg.push(`<rect ${attrs} x="${n(x0)}" y="${n(by)}" width="${n(w)}" height="${h}" rx="3" fill="url(#${id}-cut)" stroke="${RED}" stroke-width="1.5" stroke-dasharray="4 2"/>`);
    } else if (b.unknown) {
      svg.push(`<rect ${attrs} x="${n(x0)}" y="${n(by)}" width="${n(w)}" height="${h}" rx="3" fill="${COLOR[b.kind]}" fill-opacity="0.45" stroke="${COLOR[b.kind]}" stroke-width="1.5" stroke-dasharray="4 3"/>`);
      svg.push(`<rect x="${n(x0)}" y="${n(by)}" width="${n(w)}" height="${h}" rx="3" fill="url(#${id}-hatch)"/>`);
    } else {
      svg.push(`<rect ${attrs} x="${n(x0)}" y="${n(by)}" width="${n(w)}" height="${h}" rx="3" fill="${COLOR[b.kind]}"/>`);
    }
    const inside = insideLabelX(b, x0, px(b.to), markXs);
    if (inside !== undefined) {
      svg.push(text(inside, by + 14, xml(b.label), `font-size="${SMALL}" fill="${TEXT_ON[b.kind] ?? '#212529'}"`));
    }
  }
  for (const { bar, req, label } of outside) {
    const p = placed[req];
    const ty = rowsTop + p.row * ROW + 10;
    svg.push(`<rect x="${n(p.x)}" y="${n(ty - 8)}" width="9" height="9" rx="2" fill="${bar.kind === 'cut' ? RED : COLOR[bar.kind]}"/>`);
    svg.push(text(p.x + 13, ty, xml(label), `font-size="${SMALL}" fill="#343a40"`));
  }
  merged.forEach((m, i) => {
    const p = placed[markReq[i]];
    const x = px(m.drawAt);
    const ty = rowsTop + p.row * ROW + 10;
    const color = MARK_COLOR[m.marks[m.marks.length - 1].kind];
    svg.push(`<g class="mark" data-kind="${m.marks.map(k => k.kind).join(' ')}">`);
    svg.push(`<line x1="${n(x)}" y1="${n(barY - 3)}" x2="${n(x)}" y2="${n(ty - 9)}" stroke="${color}" stroke-width="1" stroke-opacity="0.8"/>`);
    for (const k of m.marks) svg.push(symbol(k.kind, x, k.track === 0 ? barY + BAR_H / 2 : barY + BAR_H + 4 + TRACK1_H / 2));
    svg.push(`<text x="${n(p.x)}" y="${n(ty)}" font-size="${SMALL}" fill="#212529"><tspan font-weight="bold" fill="${color}">${xml(formatTime(m.marks[0].at))}</tspan>  ${xml(markLabels[i])}</text>`);
    svg.push('</g>');
  });
  svg.push('</g>');
  return { svg, height };
}

function axis(panel: Panel, scale: Scale, y: number, bottom: number): string[] {
  const svg: string[] = ['<g class="axis">'];
  const px = (s: number) => PLOT_X + scale.x(s);
  if (panel.start < 0) {
    const a = px(panel.start);
    const z = px(0);
    svg.push(`<rect x="${n(a)}" y="${n(y + 4)}" width="${n(z - a - 6)}" height="${n(bottom - y - 4)}" fill="#e9ecef" fill-opacity="0.6"/>`);
    svg.push(text((a + z) / 2 - 3, y + 2, 'init', `font-size="10" fill="#6c757d" text-anchor="middle"`));
    svg.push(text((a + z) / 2 - 3, y + 13, '(unknown)', `font-size="9" fill="#6c757d" text-anchor="middle"`));
    // A break in the axis: the init stretch is not to scale.
    svg.push(`<path d="M${n(z - 9)} ${n(y + 22)} l6 -8 M${n(z - 4)} ${n(y + 22)} l6 -8" stroke="#495057" stroke-width="1.2"/>`);
  }
  svg.push(`<line x1="${n(px(0))}" y1="${n(y + 18)}" x2="${n(PLOT_RIGHT)}" y2="${n(y + 18)}" stroke="#495057" stroke-width="1"/>`);
  for (const t of scale.ticks) {
    const x = px(t);
    svg.push(`<line x1="${n(x)}" y1="${n(y + 22)}" x2="${n(x)}" y2="${n(bottom)}" stroke="#dee2e6" stroke-width="1"/>`);
    svg.push(`<line x1="${n(x)}" y1="${n(y + 14)}" x2="${n(x)}" y2="${n(y + 22)}" stroke="#495057" stroke-width="1"/>`);
    svg.push(text(x, y + 10, `${formatNumber(t)} s`, `font-size="10" fill="#495057" text-anchor="middle"`));
  }
  svg.push('</g>');
  return svg;
}

/** Pod-wide moments (Terminating, grace period end, pod Ready) as guides across every lane. */
function guides(panel: Panel, scale: Scale, top: number, bottom: number): string[] {
  const pod = panel.lanes.find(l => l.kind === 'pod');
  if (!pod) return [];
  return pod.marks.filter(m => m.kind !== 'terminating').map(m => {
    const x = PLOT_X + scale.x(m.drawAt);
    return `<line class="guide" data-kind="${m.kind}" x1="${n(x)}" y1="${n(top)}" x2="${n(x)}" y2="${n(bottom)}" stroke="${MARK_COLOR[m.kind]}" stroke-width="1.2" stroke-dasharray="6 4" stroke-opacity="0.7"/>`;
  });
}

function drawPanel(panel: Panel, e: Explanation, y0: number, id: string): { svg: string[]; height: number } {
  const inits = panel.lanes.filter(l => l.kind === 'init').length;
  const prelude = panel.start < 0 ? Math.max(PRELUDE_PER_INIT * 1.5, Math.min(3, inits) * PRELUDE_PER_INIT) : 0;
  const scale = makeScale(panel.start, panel.end, prelude, PLOT_RIGHT - PLOT_X - prelude, 56);
  const verdicts = e.verdicts.filter(v => v.panel === panel.id);
  const out: string[] = [];
  out.push(text(MARGIN, y0 + 16, xml(panel.title), `font-size="15" font-weight="bold" fill="#212529"`));
  out.push(text(MARGIN + textWidth(panel.title, 15) + 14, y0 + 16, xml(panel.origin), `font-size="11" fill="#6c757d"`));
  const axisY = y0 + 26;
  let y = axisY + 28;
  const lanes: string[] = [];
  panel.lanes.forEach((lane, i) => {
    const d = drawLane(lane, scale, y, i, verdicts, id);
    lanes.push(...d.svg);
    y += d.height;
  });
  out.push(`<g class="panel" data-panel="${panel.id}">`);
  out.push(...axis(panel, scale, axisY, y));
  out.push(...lanes);
  out.push(...guides(panel, scale, axisY + 22, y));
  out.push('</g>');
  return { svg: out, height: y - y0 + 14 };
}

/** Lines of at most `chars` characters, split at spaces. */
function wrapChars(s: string, chars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of s.split(' ')) {
    if (line !== '' && (line + ' ' + word).length > chars) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
    while (line.length > chars) {
      lines.push(line.slice(0, chars));
      line = line.slice(chars);
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function legend(e: Explanation, y0: number): { svg: string[]; height: number } {
  const svg: string[] = ['<g class="legend">'];
  let x = MARGIN;
  let y = y0 + 12;
  const seen = new Set<string>();
  const items: { swatch: string; label: string }[] = [];
  for (const b of e.panels.flatMap(p => p.lanes.flatMap(l => l.bars))) {
    const label = KIND_NAME[b.kind];
    if (seen.has(label)) continue;
    seen.add(label);
    items.push({ swatch: b.kind === 'cut' ? RED : COLOR[b.kind], label });
  }
  if (e.panels.some(p => p.lanes.some(l => l.bars.some(b => b.unknown)))) items.push({ swatch: 'hatch', label: 'duration unknown (nominal width)' });
  for (const item of items) {
    const w = 16 + textWidth(item.label, SMALL) + 18;
    if (x + w > WIDTH - MARGIN) { x = MARGIN; y += 18; }
    if (item.swatch === 'hatch') {
      svg.push(`<rect x="${n(x)}" y="${n(y - 9)}" width="12" height="12" rx="2" fill="#adb5bd" fill-opacity="0.45" stroke="#868e96" stroke-dasharray="3 2"/>`);
    } else {
      svg.push(`<rect x="${n(x)}" y="${n(y - 9)}" width="12" height="12" rx="2" fill="${item.swatch}"/>`);
    }
    svg.push(text(x + 16, y + 1, xml(item.label), `font-size="${SMALL}" fill="#343a40"`));
    x += w;
  }
  // Event symbols, one entry per symbol shape in use, naming only the events drawn.
  const shapes: [string, Mark['kind'][]][] = [
    ['Ready', ['ready', 'pod-ready']], ['last consumer call', ['nacos-last-call']],
    ['SIGTERM', ['sigterm']], ['stops accepting', ['stops-accepting']],
    ['probe deadline (restart only if never healthy)', ['probe-deadline']], ['killed: postStart failed', ['post-start-fails']],
    ['never Ready', ['pod-never-ready']], ['SIGKILL', ['sigkill']], ['keep-alive connections closed', ['connections-closed']],
    ['app exits', ['exit']], ['removed from Nacos', ['nacos-removed']], ['disabled in Nacos', ['nacos-disable']],
  ];
  const used = new Set(e.panels.flatMap(p => p.lanes.flatMap(l => l.marks.map(m => m.kind))));
  x = MARGIN;
  y += 20;
  // Same symbol, one entry: `SIGTERM / may stop accepting`.
  const entries = new Map<string, { kind: Mark['kind']; labels: string[] }>();
  for (const [label, kinds] of shapes) {
    const kind = kinds.find(k => used.has(k));
    if (!kind) continue;
    const key = symbol(kind, 0, 0);
    const entry = entries.get(key) ?? { kind, labels: [] };
    entry.labels.push(label);
    entries.set(key, entry);
  }
  for (const { kind, labels } of entries.values()) {
    const label = labels.join(' / ');
    const w = 16 + textWidth(label, SMALL) + 18;
    if (x + w > WIDTH - MARGIN) { x = MARGIN; y += 18; }
    svg.push(symbol(kind, x + 6, y - 3));
    svg.push(text(x + 16, y + 1, xml(label), `font-size="${SMALL}" fill="#343a40"`));
    x += w;
  }
  svg.push('</g>');
  let height = y - y0 + 14;
  if (e.verdicts.length > 0) {
    const chars = Math.floor((WIDTH - 2 * MARGIN - 30) / (SMALL * 0.62));
    let vy = y0 + height + 14;
    svg.push(text(MARGIN, vy, 'Verdicts', `font-size="14" font-weight="bold" fill="${RED}"`));
    vy += 8;
    for (const v of e.verdicts) {
      vy += 18;
      svg.push(`<g class="legend-verdict" data-verdict="${v.number}" data-rule="${v.rule}">`);
      svg.push(`<circle cx="${MARGIN + 9}" cy="${n(vy - 4)}" r="9" fill="${RED}"/>`);
      svg.push(text(MARGIN + 9, vy, String(v.number), 'font-size="11" font-weight="bold" fill="#fff" text-anchor="middle"'));
      const lines = wrapChars(`[${v.severity}] ${v.message}`, chars);
      lines.forEach((line, i) => svg.push(text(MARGIN + 26, vy + i * 15, xml(line), `font-size="${SMALL}" fill="#212529"`)));
      vy += (lines.length - 1) * 15;
      const value = typeof v.value === 'string' ? v.value : JSON.stringify(v.value);
      const fix = wrapChars(v.value === null ? `remove ${v.field}` : `set ${v.field} = ${value}`, chars);
      fix.forEach((line, i) => svg.push(text(MARGIN + 26, vy + 15 + i * 15, xml(line), `font-size="${SMALL}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" fill="#1d3557"`)));
      vy += fix.length * 15;
      const why = wrapChars(v.fix, chars);
      why.forEach((line, i) => svg.push(text(MARGIN + 26, vy + 15 + i * 15, xml(line), `font-size="${SMALL}" fill="#495057" font-style="italic"`)));
      vy += why.length * 15 + 4;
      svg.push('</g>');
    }
    height = vy - y0 + 10;
  }
  return { svg, height };
}

/** The SVG picture of one workload. */
export function renderSvg(e: Explanation): string {
  const id = idOf(e);
  const w = e.workload;
  const t = e.termination;
  const body: string[] = [];
  const title = `${w.kind} ${w.name}${w.namespace ? ` (${w.namespace})` : ''}: pod lifecycle timeline`;
  body.push(text(MARGIN, 30, xml(fit(title, 19 * 1.1, WIDTH - 2 * MARGIN)), `font-size="19" font-weight="bold" fill="#212529"`));
  const sub = `grace period ${t.gracePeriodSeconds} s${t.gracePeriodSource === 'default' ? ' (default)' : ''} · endpoint propagation ≈${formatNumber(e.assumptions.endpointPropagationSeconds)} s (assumed)`
    + ` · ${e.verdicts.length === 0 ? 'no verdicts' : `${e.verdicts.length} verdict${e.verdicts.length > 1 ? 's' : ''}`} · pod spec at ${w.podSpecPath}`;
  body.push(text(MARGIN, 50, xml(fit(sub, 12, WIDTH - 2 * MARGIN)), `font-size="12" fill="#495057"`));
  let y = 66;
  for (const panel of e.panels) {
    const p = drawPanel(panel, e, y, id);
    body.push(...p.svg);
    y += p.height + 8;
  }
  const l = legend(e, y);
  body.push(...l.svg);
  const height = Math.ceil(y + l.height + MARGIN);
  const defs = `<defs>`
    + `<pattern id="${id}-hatch" patternUnits="userSpaceOnUse" width="7" height="7" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="7" stroke="#495057" stroke-width="1.4" stroke-opacity="0.45"/></pattern>`
    + `<pattern id="${id}-cut" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(-45)"><rect width="8" height="8" fill="#fff"/><line x1="0" y1="0" x2="0" y2="8" stroke="${RED}" stroke-width="2" stroke-opacity="0.55"/></pattern>`
    + `</defs>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${FONT}" role="img" aria-label="${xml(title)}">`,
    `<title>${xml(title)}</title>`,
    defs,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** `<kind>-<name>.svg`, lower-case, safe on every file system. */
export function svgFileName(e: Explanation): string {
  const safe = (s: string) => s.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'unnamed';
  return `${safe(e.workload.kind)}-${safe(e.workload.name)}.svg`;
}
