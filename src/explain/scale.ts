/**
 * The time axis shared by the text and SVG renderers: seconds ≥ 0 map linearly onto the main
 * width; the init containers' stretch before 0 (unknown durations) gets a fixed prelude width.
 */

export interface Scale {
  /** Position of a second on the panel, from 0 (left edge of the prelude) to preludeWidth + width. */
  readonly x: (seconds: number) => number;
  readonly ticks: readonly number[];
}

const STEPS = [0.5, 1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 1200, 1800, 3600];

/** The smallest tick step that leaves at least `minGap` units between ticks. */
export function tickStep(end: number, width: number, minGap: number): number {
  for (const step of STEPS) {
    if ((width * step) / Math.max(end, 1e-9) >= minGap) return step;
  }
  return STEPS[STEPS.length - 1];
}

export function makeScale(start: number, end: number, preludeWidth: number, width: number, minTickGap: number): Scale {
  const span = Math.max(end, 1e-9);
  const x = (seconds: number) => {
    if (seconds < 0) return start < 0 ? ((seconds - start) / -start) * preludeWidth : 0;
    return preludeWidth + (Math.min(seconds, end) / span) * width;
  };
  const step = tickStep(end, width, minTickGap);
  const ticks: number[] = [];
  for (let t = 0; t <= end + 1e-9; t = Math.round((t + step) * 1000) / 1000) ticks.push(t);
  return { x, ticks };
}
