// The spectrum's data: the site's papers and its taxonomy, as the build
// embedded them in the page (see src/place_for_research/builder/spectrum_figure.py).
// Pure: no DOM, no Plotly, so node:test can import it.

/**
 * @typedef {{name: string, min: number, max: number, low: string, high: string, definition?: string}} Axis
 * @typedef {{id: string, name: string, colour: string, definition: string}} Category
 * @typedef {{title: string, x: Axis, y: Axis, categories: Category[]}} Taxonomy
 * @typedef {{id: string, title: string, authors: string[], year: number, url: string,
 *            venue?: string, note?: string, grounding?: string}} Paper
 * @typedef {{x: number, y: number | null, grounding?: string}} Spot  y null: not set yet (placed on the line);
 *   grounding: the reader's mark, a category id or UNSURE
 * @typedef {Readonly<Record<string, Spot>>} Placements  a null-prototype object: paper id -> spot
 * @typedef {{id: string, x: number, y: number | null, grounding?: string}} PlacementEntry
 * @typedef {{taxonomy: Taxonomy, papers: Paper[], paper: (id: string) => Paper | undefined,
 *            has: (id: unknown) => boolean, category: (id: string | undefined) => Category | undefined,
 *            send?: import("./send.js").SendTarget}} Model  send: where "Add my map" sends it (the build's settings)
 */

// The map format's constants come from map.schema.json, through the generated module.
import { DECIMALS, UNSURE } from "./map-format.js";

export { GROUNDING_PATTERN, ID_PATTERN, MAP_VERSION, UNSURE } from "./map-format.js";
export const UNSURE_NAME = "Neither or unsure";

/**
 * The model of one site: its taxonomy and papers, with lookups.
 * @param {{taxonomy: Taxonomy, papers: Paper[], send?: import("./send.js").SendTarget}} catalogue the JSON the build embedded
 * @returns {Model}
 */
export function createModel(catalogue) {
  if (!catalogue || typeof catalogue !== "object" || !Array.isArray(catalogue.papers) || !catalogue.taxonomy) {
    throw new Error("The spectrum's paper catalogue is missing or malformed.");
  }
  const { taxonomy, papers, send } = catalogue;
  for (const axis of [taxonomy.x, taxonomy.y]) {
    if (!axis || !Number.isFinite(axis.min) || !Number.isFinite(axis.max) || axis.min >= axis.max) {
      throw new Error("The spectrum's taxonomy has a malformed axis.");
    }
  }
  /** @type {Map<string, Paper>} */
  const byId = new Map(papers.map((paper) => [paper.id, paper]));
  const categories = new Map((taxonomy.categories || []).map((c) => [c.id, c]));
  return {
    taxonomy,
    papers,
    paper: (id) => byId.get(id),
    has: (id) => typeof id === "string" && byId.has(id),
    category: (id) => (id === undefined ? undefined : categories.get(id)),
    send,
  };
}

/**
 * A model with extra papers appended (the benchmark's synthetic papers).
 * @param {Model} model
 * @param {Paper[]} extra
 */
export function extendModel(model, extra) {
  return createModel({ taxonomy: model.taxonomy, papers: [...model.papers, ...extra], send: model.send });
}

/** @param {Paper} paper surname of the first author ("Goodfellow"), "et al." dropped */
export function firstAuthor(paper) {
  const first = String(paper.authors?.[0] ?? "").replace(/\s+et al\.?$/, "").trim();
  const parts = first.split(/\s+/);
  return parts[parts.length - 1] || "";
}

/** @param {Paper} paper "Goodfellow 2014": the label a point on the chart carries */
export function shortLabel(paper) {
  return `${firstAuthor(paper)} ${paper.year}`;
}

/** @param {Paper} paper "Goodfellow et al., 2014": the palette's second line */
export function byline(paper) {
  const many = paper.authors.length > 1 || /et al\.?$/.test(paper.authors[0] ?? "");
  return `${firstAuthor(paper)}${many ? " et al." : ""}, ${paper.year}`;
}

const SCALE = 10 ** DECIMALS;

/**
 * A coordinate by the schema's one rounding rule (map_format.tidy is the same line in Python).
 * @param {number} value
 */
export function round3(value) {
  const rounded = Math.round(value * SCALE) / SCALE;
  return rounded === 0 ? 0 : rounded;
}

/** @param {number} value @param {number} low @param {number} high */
export function clamp(value, low, high) {
  return Math.min(high, Math.max(low, value));
}

/** @param {{min: number, max: number}} axis */
export function middle(axis) {
  return (axis.min + axis.max) / 2;
}

/**
 * Placements as an ordered list (papers-file order, then unknown ids sorted), as exports write them.
 * @param {Placements} placements
 * @param {Model} model
 * @returns {PlacementEntry[]}
 */
export function placementList(placements, model) {
  const ids = Object.keys(placements);
  const order = new Map(model.papers.map((paper, index) => [paper.id, index]));
  ids.sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0));
  return ids.map((id) => {
    const { x, y, grounding } = placements[id];
    return grounding === undefined ? { id, x, y } : { id, x, y, grounding };
  });
}

/**
 * The marks a reader can give: the taxonomy's categories, then "Neither or unsure".
 * @param {Model} model
 * @returns {{id: string, name: string, colour: string | null}[]}
 */
export function groundingChoices(model) {
  return [...model.taxonomy.categories.map((c) => ({ id: c.id, name: c.name, colour: c.colour })),
    { id: UNSURE, name: UNSURE_NAME, colour: null }];
}

/** @param {Model} model @param {unknown} value is it a mark this site knows? */
export function knownGrounding(model, value) {
  return value === UNSURE || (typeof value === "string" && model.category(value) !== undefined);
}

/**
 * A frozen null-prototype map of spots (safe against "__proto__" keys).
 * @param {Iterable<[string, Spot]>} entries
 * @returns {Placements}
 */
export function makePlacements(entries) {
  const out = Object.create(null);
  for (const [id, spot] of entries) {
    const y = spot.y === undefined ? null : spot.y;
    out[id] = Object.freeze(spot.grounding === undefined ? { x: spot.x, y } : { x: spot.x, y, grounding: spot.grounding });
  }
  return Object.freeze(out);
}

/** @param {Placements} a @param {Placements} b same ids and same spots? */
export function samePlacements(a, b) {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((id) => Object.hasOwn(b, id) && b[id].x === a[id].x && b[id].y === a[id].y
    && b[id].grounding === a[id].grounding);
}
