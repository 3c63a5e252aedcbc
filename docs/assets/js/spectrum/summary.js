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
    return `You have placed no paper on the ${x.low.toLowerCase()} half yet: place some, open each, and mark what it rests on.`;
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
