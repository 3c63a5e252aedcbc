// Geometry of one chart: its size per view, data <-> pixel mapping, the lanes
// that keep labels apart on the line view, where a paper placed with Enter
// goes, and the comparison with the author's map. Pure: no DOM, so node:test
// can import it.

import { clamp, middle } from "./model.js";

/** @typedef {import("./model.js").Taxonomy} Taxonomy */
/** @typedef {import("./model.js").Placements} Placements */
/**
 * @typedef {{view: string, width: number, height: number,
 *            margin: {l: number, r: number, t: number, b: number},
 *            xRange: [number, number], yRange: [number, number], lanes: number}} ChartLayout
 */

export const LINE_LANES = 6;
export const AUTHOR_LANE = -0.75;
const LANE_HEIGHT = 22;

/**
 * The chart's size and ranges for a view at a given width. The line view's
 * vertical axis is not data: its lanes only keep labels apart.
 * @param {string} view "line" | "plane" | "map"
 * @param {number} width in CSS pixels
 * @param {Taxonomy} taxonomy
 * @returns {ChartLayout}
 */
export function chartLayout(view, width, taxonomy) {
  const { x, y } = taxonomy;
  const xPad = (x.max - x.min) * 0.04;
  const xRange = /** @type {[number, number]} */ ([x.min - xPad, x.max + xPad]);
  if (view === "line") {
    // Lanes 0..LINE_LANES-1 hold the reader's papers; the author's spots of
    // papers the reader has not placed sit on AUTHOR_LANE, just above the axis.
    const margin = { l: 12, r: 12, t: 10, b: 58 };
    return {
      view, width, margin, xRange, lanes: LINE_LANES,
      height: margin.t + margin.b + Math.round((LINE_LANES + 0.6) * LANE_HEIGHT),
      yRange: [-1.1, LINE_LANES - 0.5],
    };
  }
  const margin = { l: width < 480 ? 34 : 44, r: 12, t: 12, b: 58 };
  const yPad = (y.max - y.min) * 0.05;
  return {
    view, width, margin, xRange, lanes: 0,
    height: Math.round(clamp(width * 0.62, 300, 460)),
    yRange: [y.min - yPad, y.max + yPad],
  };
}

/**
 * Mapping between data and pixels (relative to the chart's top-left corner).
 * @param {ChartLayout} layout
 */
export function createFrame(layout) {
  const { width, height, margin, xRange, yRange } = layout;
  const plot = { left: margin.l, top: margin.t, width: Math.max(1, width - margin.l - margin.r), height: Math.max(1, height - margin.t - margin.b) };
  const px = (x) => plot.left + ((x - xRange[0]) / (xRange[1] - xRange[0])) * plot.width;
  const py = (y) => plot.top + (1 - (y - yRange[0]) / (yRange[1] - yRange[0])) * plot.height;
  return {
    plot,
    /** @param {number} x @param {number} y (the lane on the line view) */
    toPx: (x, y) => ({ px: px(x), py: py(y) }),
    /** @param {number} left @param {number} top */
    fromPx: (left, top) => ({
      x: xRange[0] + ((left - plot.left) / plot.width) * (xRange[1] - xRange[0]),
      y: yRange[0] + (1 - (top - plot.top) / plot.height) * (yRange[1] - yRange[0]),
    }),
    /** @param {[number, number]} xs @param {[number, number]} ys the pixel box of a data rectangle */
    box: (xs, ys) => ({ left: px(xs[0]), top: py(ys[1]), width: px(xs[1]) - px(xs[0]), height: py(ys[0]) - py(ys[1]) }),
  };
}

/**
 * Lanes for the line view: points sorted by x take the lowest lane where
 * they (dot and label) do not overlap the one before; when every lane is
 * full, the emptiest lane.
 * @param {{id: string, px: number, width: number}[]} items width = dot + label, in pixels
 * @param {number} laneCount
 * @param {number} [gap]
 * @returns {Map<string, number>}
 */
export function assignLanes(items, laneCount, gap = 6) {
  const ends = new Array(laneCount).fill(-Infinity);
  const lanes = new Map();
  const sorted = [...items].sort((a, b) => a.px - b.px || (a.id < b.id ? -1 : 1));
  for (const item of sorted) {
    const start = item.px - 8;
    let lane = ends.findIndex((end) => end + gap <= start);
    if (lane === -1) lane = ends.indexOf(Math.min(...ends));
    ends[lane] = item.px + item.width;
    lanes.set(item.id, lane);
  }
  return lanes;
}

/**
 * @typedef {{x: number, y: number | null, grounding?: string, reason?: string,
 *            spread?: {x?: number, y?: number}}} AuthorSpot  spread: half-widths of the author's region
 */

/**
 * How far a value lies outside [centre - half, centre + half] (zero inside).
 * @param {number} value @param {number} centre @param {number} [half]
 */
export function axisDistance(value, centre, half = 0) {
  return Math.max(0, Math.abs(value - centre) - half);
}

/**
 * The reader's map against the author's, over the papers both placed. A
 * comparison counts only the axes both set: the line view compares x only;
 * the plane and map views compare x and y where the reader and the author
 * both gave a y, else x only. Where the author gave a region (a spread), the
 * distance is to the region: zero inside it.
 * @param {string} view
 * @param {Placements} placements the reader's
 * @param {Record<string, AuthorSpot>} author the author's spots, by paper id
 */
export function compareMaps(view, placements, author) {
  const rows = [];
  for (const [id, spot] of Object.entries(author)) {
    if (!Object.hasOwn(placements, id)) continue;
    const { x, y } = placements[id];
    const both = view !== "line" && y !== null && spot.y !== null && spot.y !== undefined;
    const dx = axisDistance(x, spot.x, spot.spread?.x ?? 0);
    const distance = both ? Math.hypot(dx, axisDistance(/** @type {number} */ (y), /** @type {number} */ (spot.y), spot.spread?.y ?? 0)) : dx;
    rows.push({ id, reader: { x, y }, author: { x: spot.x, y: spot.y ?? null }, distance, axes: both ? "xy" : "x",
      inside: Boolean(spot.spread) && distance === 0 });
  }
  rows.sort((a, b) => b.distance - a.distance);
  const mean = rows.length ? rows.reduce((sum, row) => sum + row.distance, 0) / rows.length : NaN;
  return { rows, mean, count: rows.length, xOnly: rows.filter((row) => row.axes === "x").length };
}

/**
 * The reader's grounding marks among their structural papers (x below the
 * middle of the x axis): the line under the map.
 * @param {Placements} placements
 * @param {import("./model.js").Taxonomy} taxonomy
 * @param {Set<string> | null} [offered] only these papers (null: all)
 * @returns {{structural: number, counts: Record<string, number>, unmarked: number}}
 */
export function groundingShare(placements, taxonomy, offered = null) {
  const middle = (taxonomy.x.min + taxonomy.x.max) / 2;
  const counts = Object.create(null);
  let structural = 0;
  let unmarked = 0;
  for (const [id, spot] of Object.entries(placements)) {
    if ((offered && !offered.has(id)) || !(spot.x < middle)) continue;
    structural++;
    if (spot.grounding === undefined) unmarked++;
    else counts[spot.grounding] = (counts[spot.grounding] ?? 0) + 1;
  }
  return { structural, counts, unmarked };
}

/**
 * Where a paper placed with Enter goes: the centre of the chart or, on the plane, the
 * nearest free spot above or below it, so such papers do not hide each other or their
 * labels (on the line view its lanes keep them apart, and y stays unset).
 * @param {string} view
 * @param {{min: number, max: number}} xAxis
 * @param {{min: number, max: number}} yAxis
 * @param {{x: number, y: number | null}[]} taken the other papers' spots on this chart
 * @returns {{x: number, y: number | undefined}}
 */
export function freeSpot(view, xAxis, yAxis, taken) {
  const x = middle(xAxis);
  if (view === "line") return { x, y: undefined };
  const y = middle(yAxis);
  const step = (yAxis.max - yAxis.min) * 0.08;
  const near = (xAxis.max - xAxis.min) * 0.05;
  for (let k = 0; k < 13; k++) {
    const candidate = y + (k % 2 ? 1 : -1) * Math.ceil(k / 2) * step;
    if (!taken.some((spot) => spot.y !== null && Math.abs(spot.y - candidate) < step / 2 && Math.abs(spot.x - x) < near)) return { x, y: candidate };
  }
  return { x, y };
}
