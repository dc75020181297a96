/**
 * Label placement for the SVG: labels go in rows under a lane, each in the first row where it
 * overlaps no other label and where its leader line (from the lane's bar down to the label)
 * crosses no label of the rows above. Text widths are estimated, generously, from character
 * counts, so the layout is deterministic and needs no font metrics.
 */

/** Average advance of DejaVu Sans / Verdana-like fonts is ≈ 0.55–0.6 em; 0.62 keeps a margin. */
export const EM_ADVANCE = 0.62;

export function textWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const ch of text) {
    // Wide glyphs (CJK) take a full em; narrow punctuation about a third.
    if (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(ch)) units += 1.0 / EM_ADVANCE;
    else if (/[il.,:;|!' ]/.test(ch)) units += 0.5;
    else units += 1;
  }
  return units * fontSize * EM_ADVANCE;
}

export interface LabelRequest {
  /** Where the leader line starts (the mark's x), or the bar start for bar labels. */
  readonly anchor: number;
  readonly width: number;
  /** Bar labels need no leader line. */
  readonly leader: boolean;
}

export interface Placement {
  readonly row: number;
  /** Left edge of the text box. */
  readonly x: number;
}

interface Interval { readonly a: number; readonly z: number }

const GAP = 8;
const LEADER_HALF = 3;

/** Places every label in [minX, maxX]; returns placements in the order given. */
export function placeLabels(requests: readonly LabelRequest[], minX: number, maxX: number): Placement[] {
  const rows: Interval[][] = [];
  const free = (r: number, a: number, z: number) => (rows[r] ?? []).every(i => z + GAP <= i.a || a >= i.z + GAP);
  // Right to left: text runs rightwards from its anchor, so a label placed later (further left)
  // can always drop below the ones already placed without its leader crossing them.
  // At one anchor, labels with a leader go first: a leader must reach past the others.
  const order = requests.map((req, i) => ({ req, i }))
    .sort((p, q) => q.req.anchor - p.req.anchor || Number(q.req.leader) - Number(p.req.leader) || p.i - q.i);
  const out: Placement[] = new Array(requests.length);
  for (const { req, i } of order) {
    // Text starts just right of the anchor, or ends at it when it would run past the right edge.
    let x = req.anchor + (req.leader ? 4 : 0);
    if (x + req.width > maxX) x = Math.max(minX, req.anchor - (req.leader ? 4 : 0) - req.width);
    x = Math.max(minX, x);
    const leaderClear = (r: number) => !req.leader || [...Array(r).keys()].every(k => free(k, req.anchor - LEADER_HALF, req.anchor + LEADER_HALF));
    let r = 0;
    while (r <= rows.length && !(free(r, x, x + req.width) && leaderClear(r))) r++;
    // A leader blocked in every row (a label anchored to the right edge covers it): cross it.
    if (r > rows.length) for (r = 0; !free(r, x, x + req.width); r++);
    (rows[r] ??= []).push({ a: x, z: x + req.width });
    if (req.leader) for (let k = 0; k < r; k++) (rows[k] ??= []).push({ a: req.anchor - LEADER_HALF, z: req.anchor + LEADER_HALF });
    out[i] = { row: r, x };
  }
  return out;
}
