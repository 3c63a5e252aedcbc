// The sentences under a chart: the reader's grounding marks among their
// structural papers (the line under the map, which the essay points at), and
// how far the reader's map lies from the author's. Pure: no DOM, so node:test
// can import it.

import { groundingShare } from "./geometry.js";
import { UNSURE, UNSURE_NAME } from "./model.js";

/** @typedef {import("./model.js").Model} Model */
/** @typedef {import("./model.js").Placements} Placements */

/** @param {number} n @param {string} one @param {string} [many] */
export const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * "Of your 5 structural papers, 3 rest on laws of math, 1 on laws of code; 1 is
 * marked neither or unsure." The categories' names come from the taxonomy.
 * @param {Placements} placements
 * @param {Model} model
 * @param {Set<string> | null} [offered]
 */
export function groundingSentence(placements, model, offered = null) {
  const { x } = model.taxonomy;
  const { structural, counts, unmarked } = groundingShare(placements, model.taxonomy, offered);
  if (structural === 0) {
    return `You have placed no paper on the ${x.low.toLowerCase()} half yet: place some and mark what each rests on.`;
  }
  const parts = model.taxonomy.categories.map((c) => `${counts[c.id] ?? 0} on ${c.name.toLowerCase()}`);
  const rest = [];
  if (counts[UNSURE]) rest.push(`${counts[UNSURE]} ${UNSURE_NAME.toLowerCase()}`);
  if (unmarked) rest.push(`${unmarked} not marked yet`);
  const marked = structural - unmarked - (counts[UNSURE] ?? 0);
  const share = marked > 0 && model.taxonomy.categories.length
    ? ` (${Math.round((100 * (counts[model.taxonomy.categories[0].id] ?? 0)) / marked)}% of those you marked rest on ${model.taxonomy.categories[0].name.toLowerCase()})`
    : "";
  return `Of your ${plural(structural, `${x.low.toLowerCase()} paper`)}, ${parts.join(", ")}${share}`
    + `${rest.length ? `; ${rest.join(", ")}` : ""}.`;
}

/**
 * How the comparison was measured, for the sentence under the chart.
 * @param {string} view @param {{xOnly: number, count: number}} comparison @param {Model} model
 */
export function measuredHow(view, comparison, model) {
  const { x, y } = model.taxonomy;
  if (view === "line") return `measured along ${x.name} only, as this view shows one axis`;
  if (comparison.xOnly === 0) return `measured across both axes, ${x.name} and ${y.name}`;
  if (comparison.xOnly === comparison.count) return `measured along ${x.name} only: no ${y.name} value is set on both sides`;
  return `measured across both axes where you and the author both set ${y.name}, and along ${x.name} only for the other ${plural(comparison.xOnly, "paper")}`;
}

/** A coordinate as the sentences show it: two decimals, a true minus sign. @param {number} value */
export const fixed = (value) => value.toFixed(2).replace("-", "\u2212");

/**
 * Where a paper sits, in words: "Structural ↔ developmental −0.40, Exploratory 0.20".
 * @param {string} view @param {Model["taxonomy"]} taxonomy @param {number} x @param {number | null} y
 */
export function spotText(view, taxonomy, x, y) {
  if (view === "line") return `${taxonomy.x.name} ${fixed(x)}`;
  return `${taxonomy.x.name} ${fixed(x)}, ${taxonomy.y.name} ${y === null ? "not set yet" : fixed(y)}`;
}

/**
 * The sentence above the comparison table.
 * @param {string} view
 * @param {{count: number, mean: number, xOnly: number}} comparison
 * @param {Model} model
 * @param {{placedHere: boolean, authorCount: number}} context
 */
export function comparisonSentence(view, comparison, model, { placedHere, authorCount }) {
  if (!placedHere) {
    return `You have placed no paper here yet, so this is the author's map alone (${plural(authorCount, "paper")}). Place papers to compare.`;
  }
  if (!comparison.count) return "Place a paper the author placed to compare your spots.";
  return `Over the ${plural(comparison.count, "paper")} you both placed, your spots are on average ${comparison.mean.toFixed(2)} from the author's (${measuredHow(view, comparison, model)}; inside a region the author drew, the distance is 0).`;
}

/**
 * One row of the comparison table, as texts: the reader's spot, the author's, the distance.
 * @param {string} view
 * @param {{reader: {x: number, y: number | null}, author: {x: number, y: number | null}, distance: number, inside: boolean}} row
 * @returns {[string, string, string]}
 */
export function comparisonCells(view, row) {
  const yText = (y) => (y === null ? "not set" : fixed(y));
  return [
    view === "line" ? fixed(row.reader.x) : `${fixed(row.reader.x)}, ${yText(row.reader.y)}`,
    view === "line" || row.author.y === null ? fixed(row.author.x) : `${fixed(row.author.x)}, ${fixed(row.author.y)}`,
    `${row.distance.toFixed(2)}${row.inside ? " (inside the author's region)" : ""}`,
  ];
}
