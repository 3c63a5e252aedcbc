// The spectrum chart drawn as SVG: axes, grid, ticks, the poles' names and
// (when shown) the author's map: each spot, its region where the author gave
// a spread, a dotted line from the reader's spot and the distance. The
// reader's papers are buttons over the chart (chart.js); they are drawn here
// only for the PNG. The drawing is plain data ({tag, attrs, children, text}):
// chart.js turns it into elements, toMarkup into a standalone SVG file.
// Colours come from a theme: CSS variables on the page (so light and dark
// follow Material's palette without a redraw), resolved colours for the PNG.
// Pure: no DOM, so node:test can import it.

import { AUTHOR_LANE, compareMaps, createFrame } from "./geometry.js";
import { UNSURE, middle, shortLabel } from "./model.js";

/** @typedef {import("./geometry.js").ChartLayout} ChartLayout */
/** @typedef {import("./geometry.js").AuthorSpot} AuthorSpot */
/**
 * @typedef {{model: import("./model.js").Model, placements: import("./model.js").Placements,
 *            offered: Set<string>, author: Record<string, AuthorSpot> | null}} ChartState
 * @typedef {{text: string, muted: string, faint: string, grid: string, background: string, font: string}} Theme
 * @typedef {{tag: string, attrs: Record<string, string | number>, children?: SvgNode[], text?: string}} SvgNode
 * @typedef {{left: number, top: number, right: number, bottom: number}} Box
 * @typedef {Map<string, {x: number, y: number, px: number, py: number, lane: number}>} Positions
 */

/** Above this many papers on a chart, labels show on hover and focus only. */
export const LABEL_LIMIT = 40;
/** The smallest text on the chart, in pixels (legible on a phone). */
export const TEXT_SIZE = 12;
/** A marker's diameter, in pixels (the reader's buttons have the same). */
export const DOT = 14;
/** How far below the plot the poles' names begin. */
const POLE_OFFSET = 30;
/** The baseline of 12 px text sits this far below the text's top (and above its middle by 4). */
const ASCENT = 10;

/** The page's theme: Material's variables, resolved by the browser on every paint. */
export const CSS_THEME = Object.freeze({
  text: "var(--md-default-fg-color)",
  muted: "var(--md-default-fg-color--light)",
  faint: "var(--md-default-fg-color--lighter)",
  grid: "var(--md-default-fg-color--lightest)",
  background: "var(--md-default-bg-color)",
  font: "inherit",
});

/**
 * @param {string} tag @param {Record<string, string | number | undefined>} attrs
 * @param {SvgNode[] | string} [content] children, or the text of a <text>
 * @returns {SvgNode}
 */
function node(tag, attrs, content) {
  const kept = /** @type {Record<string, string | number>} */ (Object.fromEntries(Object.entries(attrs).filter(([, v]) => v !== undefined)));
  if (typeof content === "string") return { tag, attrs: kept, text: content };
  return content ? { tag, attrs: kept, children: content } : { tag, attrs: kept };
}

/** @param {Record<string, string | number | undefined>} properties a style attribute's text */
function style(properties) {
  return Object.entries(properties).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${v}`).join("; ");
}

/** @param {number} value a coordinate, rounded for a short, stable attribute */
const n = (value) => Math.round(value * 10) / 10;

/**
 * An SVG path for a marker of this shape centred at (cx, cy), `size` pixels across.
 * @param {string} shape "circle" | "square" | "triangle" | "diamond"
 * @param {number} cx @param {number} cy @param {number} size
 */
export function shapePath(shape, cx, cy, size) {
  const r = size / 2;
  if (shape === "square") {
    const s = r * 0.86;
    return `M${n(cx - s)},${n(cy - s)}H${n(cx + s)}V${n(cy + s)}H${n(cx - s)}Z`;
  }
  if (shape === "triangle") return `M${n(cx)},${n(cy - r)}L${n(cx + r)},${n(cy + r * 0.8)}H${n(cx - r)}Z`;
  if (shape === "diamond") return `M${n(cx)},${n(cy - r)}L${n(cx + r)},${n(cy)}L${n(cx)},${n(cy + r)}L${n(cx - r)},${n(cy)}Z`;
  return `M${n(cx - r)},${n(cy)}A${n(r)},${n(r)} 0 1,0 ${n(cx + r)},${n(cy)}A${n(r)},${n(r)} 0 1,0 ${n(cx - r)},${n(cy)}Z`;
}

/**
 * A grounding's marker shape: one per category, in the taxonomy's order (as the legend shows them).
 * @param {import("./model.js").Model} model @param {string | undefined} grounding
 * @returns {string} "circle" | "square" | "triangle", "unsure", or "none" (not marked)
 */
export function groundingShape(model, grounding) {
  if (grounding === undefined) return "none";
  if (grounding === UNSURE) return "unsure";
  const index = model.taxonomy.categories.findIndex((c) => c.id === grounding);
  return ["circle", "square", "triangle"][index] ?? "circle";
}

/** @param {number} value a tick's label: at most two decimals, a real minus sign */
export function tickText(value) {
  return String(Math.round(value * 100) / 100).replace("-", "\u2212");
}

/**
 * The chart as SVG data.
 * @param {{view: string, layout: ChartLayout, theme: Theme, state: ChartState, positions: Positions,
 *          reader?: {labels: Map<string, Box | null>, distances: Set<string>, colourOf: (id: string) => string | null} | null}} input
 *   reader: draw the reader's papers too (the PNG), with their labels where the chart laid them out,
 *   and only the distances the chart kept clear of other texts (by paper id)
 * @returns {SvgNode}
 */
export function buildChartSvg({ view, layout, theme, state, positions, reader = null }) {
  const { x: xAxis, y: yAxis } = state.model.taxonomy;
  const frame = createFrame(layout);
  const { plot } = frame;
  const bottom = plot.top + plot.height;
  const right = plot.left + plot.width;
  const xPx = (/** @type {number} */ x) => frame.toPx(x, 0).px;
  const yPx = (/** @type {number} */ y) => frame.toPx(0, y).py;
  const textStyle = (colour, extra = {}) => style({ fill: colour, "font-size": `${TEXT_SIZE}px`, ...extra });

  const grid = [], axes = [], texts = [];
  // The x axis: five ticks (the poles, the middle and halfway between), a grid line at each.
  const mid = middle(xAxis);
  const xTicks = [xAxis.min, (xAxis.min + mid) / 2, mid, (mid + xAxis.max) / 2, xAxis.max];
  const gridStyle = style({ stroke: theme.grid, "stroke-width": 1 });
  // As the page's fallback figure draws them (spectrum_figure.py, spectrum.css): the axes in the
  // muted text colour (3:1 against the page), the grid faint, the x axis's poles bold.
  const axisStyle = style({ stroke: theme.muted, "stroke-width": 1.5 });
  for (const value of xTicks) {
    const px = n(xPx(value));
    grid.push(node("line", { class: "spectrum-grid-line", x1: px, x2: px, y1: n(plot.top), y2: n(bottom), style: gridStyle }));
    axes.push(node("line", { class: "spectrum-tick", x1: px, x2: px, y1: n(bottom), y2: n(bottom + 4), style: axisStyle }));
    texts.push(node("text", { class: "spectrum-x-tick", x: px, y: n(bottom + 6 + ASCENT), "text-anchor": "middle", style: textStyle(theme.muted) },
      tickText(value)));
  }
  axes.push(node("line", { class: "spectrum-axis-line", x1: n(plot.left), x2: n(right), y1: n(bottom), y2: n(bottom), style: axisStyle }));
  texts.push(
    node("text", { class: "spectrum-pole-name", x: n(xPx(xAxis.min)), y: n(bottom + POLE_OFFSET + ASCENT), "text-anchor": "start",
      style: textStyle(theme.text, { "font-weight": 700 }) }, `\u2190 ${xAxis.low}`),
    node("text", { class: "spectrum-pole-name", x: n(xPx(xAxis.max)), y: n(bottom + POLE_OFFSET + ASCENT), "text-anchor": "end",
      style: textStyle(theme.text, { "font-weight": 700 }) }, `${xAxis.high} \u2192`));
  if (view !== "line") {
    // The y axis: its two ends and its middle; its poles' names inside the plot, at the left.
    for (const value of [yAxis.min, middle(yAxis), yAxis.max]) {
      const py = n(yPx(value));
      grid.push(node("line", { class: "spectrum-grid-line", x1: n(plot.left), x2: n(right), y1: py, y2: py, style: gridStyle }));
      axes.push(node("line", { class: "spectrum-tick", x1: n(plot.left - 4), x2: n(plot.left), y1: py, y2: py, style: axisStyle }));
      texts.push(node("text", { class: "spectrum-y-tick", x: n(plot.left - 6), y: n(py + 4), "text-anchor": "end", style: textStyle(theme.muted) },
        tickText(value)));
    }
    axes.push(node("line", { class: "spectrum-axis-line", x1: n(plot.left), x2: n(plot.left), y1: n(plot.top), y2: n(bottom), style: axisStyle }));
    const x = n(xPx(xAxis.min) + 4);
    texts.push(
      node("text", { class: "spectrum-pole-name", x, y: n(yPx(yAxis.max) + ASCENT + 1), "text-anchor": "start", style: textStyle(theme.muted) },
        `\u2191 ${yAxis.high}`),
      node("text", { class: "spectrum-pole-name", x, y: n(yPx(yAxis.min) - 4), "text-anchor": "start", style: textStyle(theme.muted) }, yAxis.low));
  }
  // The middle of the x axis, dashed: where structural turns developmental.
  grid.push(node("line", { class: "spectrum-middle", x1: n(xPx(mid)), x2: n(xPx(mid)), y1: n(plot.top), y2: n(bottom),
    style: style({ stroke: theme.faint, "stroke-width": 1, "stroke-dasharray": "5 4" }) }));

  const layers = [
    node("rect", { class: "spectrum-background", x: 0, y: 0, width: layout.width, height: layout.height, style: style({ fill: theme.background }) }),
    node("g", { class: "spectrum-grid" }, grid),
  ];
  if (state.author) {
    const keep = reader ? (/** @type {string} */ id) => reader.distances.has(id) : () => true;
    layers.push(...authorLayers({ view, theme, state, positions, frame, textStyle, keep }));
  }
  layers.push(node("g", { class: "spectrum-axes" }, axes), node("g", { class: "spectrum-texts" }, texts));
  if (reader) layers.push(readerLayer({ view, theme, state, positions, reader, textStyle }));

  return node("svg", {
    xmlns: "http://www.w3.org/2000/svg", class: "spectrum-drawing",
    width: layout.width, height: layout.height, viewBox: `0 0 ${layout.width} ${layout.height}`,
    style: style({ "font-family": theme.font === "inherit" ? undefined : theme.font, "font-size": `${TEXT_SIZE}px` }),
  }, layers);
}

/**
 * The author's map: regions (below), dotted lines and distances from the reader's spots, the spots.
 * @param {{view: string, theme: Theme, state: ChartState, positions: Positions,
 *          frame: ReturnType<typeof createFrame>, textStyle: (colour: string, extra?: object) => string,
 *          keep: (id: string) => boolean}} input keep: whether a paper's distance is drawn
 * @returns {SvgNode[]}
 */
function authorLayers({ view, theme, state, positions, frame, textStyle, keep }) {
  const author = /** @type {Record<string, AuthorSpot>} */ (state.author);
  const { y: yAxis } = state.model.taxonomy;
  const { plot } = frame;
  const colourOf = (/** @type {string} */ id) => state.model.category(author[id]?.grounding)?.colour ?? theme.text;
  const regions = [], spots = [], links = [], distances = [];
  for (const [id, spot] of Object.entries(author)) {
    if (!state.offered.has(id)) continue;
    const y = view === "line" ? positions.get(id)?.lane ?? AUTHOR_LANE : spot.y ?? yAxis.min;
    const { px, py } = frame.toPx(spot.x, y);
    const colour = colourOf(id);
    if (spot.spread) {
      // The author's region: a band across the line's height, a box on a plane.
      const sx = spot.spread.x ?? 0;
      const sy = view === "line" || spot.y === null ? null : spot.spread.y ?? 0;
      const box = sy === null
        ? { ...frame.box([spot.x - sx, spot.x + sx], [0, 0]), top: plot.top, height: plot.height }
        : frame.box([spot.x - sx, spot.x + sx], [y - sy, y + sy]);
      regions.push(node("rect", { class: "spectrum-author-region", "data-id": id,
        x: n(box.left), y: n(box.top), width: n(Math.max(box.width, 1)), height: n(Math.max(box.height, 1)),
        style: style({ fill: colour, "fill-opacity": 0.14, stroke: colour, "stroke-width": 1, "stroke-dasharray": "2 3" }) }));
    }
    // A hollow diamond (the legend's "author's spot"), with the grounding's shape inside: shape and colour.
    const inner = groundingShape(state.model, spot.grounding);
    spots.push(node("g", { class: "spectrum-author-spot", "data-id": id, "data-shape": inner }, [
      node("path", { d: shapePath("diamond", px, py, DOT + 2), style: style({ fill: "none", stroke: colour, "stroke-width": 2.5 }) }),
      ...(inner === "none" || inner === "unsure" ? [] : [node("path", { d: shapePath(inner, px, py, 6), style: style({ fill: colour }) })]),
    ]));
  }
  for (const row of compareMaps(view, state.placements, author).rows) {
    if (!state.offered.has(row.id)) continue;
    const at = positions.get(row.id);
    const ay = view === "line" ? at?.lane ?? 0 : row.author.y ?? yAxis.min;
    const ry = view === "line" ? at?.lane ?? 0 : at?.y ?? yAxis.min;
    const from = frame.toPx(row.reader.x, ry);
    const to = frame.toPx(row.author.x, ay);
    links.push(node("line", { class: "spectrum-author-link", "data-id": row.id, x1: n(from.px), y1: n(from.py), x2: n(to.px), y2: n(to.py),
      style: style({ stroke: theme.muted, "stroke-width": 1.5, "stroke-dasharray": "2 3" }) }));
    // The distance, just above the line's middle (chart.js hides it where it would cover a text).
    if (keep(row.id)) distances.push(node("text", { class: "spectrum-distance", "data-id": row.id, x: n((from.px + to.px) / 2), y: n((from.py + to.py) / 2 - 5),
      "text-anchor": "middle", style: textStyle(theme.text) }, row.distance.toFixed(2)));
  }
  return [
    node("g", { class: "spectrum-author-regions" }, regions),
    node("g", { class: "spectrum-author-links" }, links),
    node("g", { class: "spectrum-author-spots" }, spots),
    node("g", { class: "spectrum-distances" }, distances),
  ];
}

/**
 * The reader's papers (for the PNG): the shape and colour of their grounding mark, their labels.
 * @param {{view: string, theme: Theme, state: ChartState, positions: Positions,
 *          reader: {labels: Map<string, Box | null>, colourOf: (id: string) => string | null},
 *          textStyle: (colour: string, extra?: object) => string}} input
 * @returns {SvgNode}
 */
function readerLayer({ view, theme, state, positions, reader, textStyle }) {
  const spots = [];
  for (const [id, at] of positions) {
    const grounding = state.placements[id]?.grounding;
    const shape = groundingShape(state.model, grounding);
    const colour = reader.colourOf(id);
    const hollow = shape === "none" || shape === "unsure";
    const unset = view !== "line" && state.placements[id]?.y === null;
    const d = shapePath(shape === "unsure" ? "diamond" : shape === "none" ? "circle" : shape, at.px, at.py, DOT);
    const marker = node("path", { d, style: style({
      fill: hollow ? theme.background : colour ?? theme.muted,
      stroke: hollow ? (shape === "unsure" ? theme.text : theme.muted) : theme.background,
      "stroke-width": 2,
      "stroke-dasharray": shape === "unsure" || unset ? "3 2" : undefined,
    }) });
    const box = reader.labels.get(id);
    const paper = state.model.paper(id);
    const label = box && paper
      ? [node("text", { class: "spectrum-reader-label", x: n(box.left), y: n((box.top + box.bottom) / 2 + 4), style: textStyle(theme.muted) },
        shortLabel(paper))]
      : [];
    spots.push(node("g", { class: "spectrum-reader-spot", "data-id": id, "data-shape": shape }, [marker, ...label]));
  }
  return node("g", { class: "spectrum-reader" }, spots);
}

/** @param {string} text */
const escapeText = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * The drawing as an SVG file's text (everything escaped: a paper's name is never markup).
 * @param {SvgNode} svg
 * @returns {string}
 */
export function toMarkup(svg) {
  const attrs = Object.entries(svg.attrs).map(([k, v]) => ` ${k}="${escapeText(String(v)).replace(/"/g, "&quot;")}"`).join("");
  if (svg.text !== undefined) return `<${svg.tag}${attrs}>${escapeText(svg.text)}</${svg.tag}>`;
  if (!svg.children?.length) return `<${svg.tag}${attrs}/>`;
  return `<${svg.tag}${attrs}>${svg.children.map(toMarkup).join("")}</${svg.tag}>`;
}
