// The sentences that read the reader: what their map says about a set of papers
// (the grounding marks of their structural papers, where they put one paper
// against others) beside the author's, and how their order of a list compares
// with the author's. Pure: no DOM, so node:test can import it. Every name comes
// from the taxonomy or the papers file, so a fork's vocabulary reads right.

import { axisDistance, groundingShare } from "../spectrum/geometry.js";
import { UNSURE, UNSURE_NAME } from "../spectrum/model.js";
import { fixed } from "../spectrum/summary.js";

/** @typedef {import("../spectrum/model.js").Model} Model */
/** @typedef {import("../spectrum/model.js").Placements} Placements */
/** @typedef {Record<string, import("../spectrum/geometry.js").AuthorSpot>} AuthorMap */
/**
 * @typedef {{kind: "grounding", papers?: string[]} | {kind: "pair", papers: string[], names?: string[]}} ReadingOptions
 *   grounding: papers limits the count to those papers (default: every paper);
 *   pair: the first paper is read against the others; names, if given, name them in that order
 */

const WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/** "one paper", "three papers", "12 papers". @param {number} n @param {string} one @param {string} [many] */
export function counted(n, one, many = `${one}s`) {
  return `${n < WORDS.length ? WORDS[n] : n} ${n === 1 ? one : many}`;
}

/** A number alone, in words up to ten; zero as "none". @param {number} n */
const amount = (n) => (n === 0 ? "none" : n < WORDS.length ? WORDS[n] : String(n));

/** A name inside a sentence: first letter lower case, unless it starts an acronym ("Laws of math" -> "laws of math", "GPU tricks" stays). @param {string} name */
export function inSentence(name) {
  return /^[A-Z][A-Z]/.test(name) ? name : name.charAt(0).toLowerCase() + name.slice(1);
}

/** "A", "A and B", "A, B and C". @param {string[]} items */
export function listed(items) {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** @param {string} text */
const capitalised = (text) => text.charAt(0).toUpperCase() + text.slice(1);

// -- grounding: the marks of the reader's structural papers ----------------------------------

/**
 * The marks as a list: "two as laws of math, one as laws of code, one not yet".
 * @param {{counts: Record<string, number>, unmarked: number}} share @param {Model} model
 * @param {string} [unmarkedWord] how papers without a mark read
 */
function marksList(share, model, unmarkedWord = "not yet") {
  const parts = model.taxonomy.categories
    .filter((c) => share.counts[c.id])
    .map((c) => `${amount(share.counts[c.id])} as ${inSentence(c.name)}`);
  if (share.counts[UNSURE]) parts.push(`${amount(share.counts[UNSURE])} as ${inSentence(UNSURE_NAME)}`);
  if (share.unmarked) parts.push(`${amount(share.unmarked)} ${unmarkedWord}`);
  return listed(parts);
}

/**
 * How many papers the reader put on the low (structural) half, how they marked them,
 * and how that compares with the author's marks over the same papers.
 * @param {Placements} placements the reader's map
 * @param {AuthorMap | null} author the author's map (null: not loaded; the comparison is left out)
 * @param {Model} model
 * @param {string[] | null} [papers] the papers counted (null: all)
 */
export function groundingReading(placements, author, model, papers = null) {
  const { taxonomy } = model;
  const offered = papers ? new Set(papers) : null;
  const half = `${inSentence(taxonomy.x.low)} half`;
  const reader = groundingShare(placements, taxonomy, offered);
  if (reader.structural === 0) {
    return `You have placed ${offered ? "none of these papers" : "no paper"} on the ${half} yet. `
      + "Place some on the spectrum above and mark what each rests on; this sentence will then read your marks.";
  }
  const paper = `${inSentence(taxonomy.x.low)} paper`;
  const first = reader.unmarked === reader.structural
    ? `You placed ${counted(reader.structural, paper)} and have marked none yet: mark what each rests on.`
    : `You placed ${counted(reader.structural, paper)} and marked ${marksList(reader, model)}.`;
  if (!author) return first;
  const mine = groundingShare(/** @type {Placements} */ (author), taxonomy, offered);
  const mineText = mine.structural === 0
    ? `I placed none of them on the ${half}`
    : `I placed ${counted(mine.structural, paper)}, ${marksList(mine, model, "unmarked")}`;
  const keys = [...taxonomy.categories.map((c) => c.id), UNSURE];
  const differing = taxonomy.categories.find((c) => (reader.counts[c.id] ?? 0) !== (mine.counts[c.id] ?? 0));
  const same = reader.structural === mine.structural && reader.unmarked === mine.unmarked
    && keys.every((key) => (reader.counts[key] ?? 0) === (mine.counts[key] ?? 0));
  if (same) return `${first} Your counts match mine: ${mineText.replace(/^I placed/, "I also placed")}.`;
  // Until the reader has marked something, which category differs says nothing yet.
  if (!differing || reader.unmarked === reader.structural) return `${first} ${mineText}.`;
  const yours = reader.counts[differing.id] ?? 0;
  return `${first} You marked ${yours === 0 ? "none" : counted(yours, paper)} as resting on ${inSentence(differing.name)}; `
    + `I marked ${amount(mine.counts[differing.id] ?? 0)} (${mineText}).`;
}

// -- pair: one paper against others ----------------------------------------------------------

/** Closer than this along an axis reads as level (a 40th of the axis). @param {{min: number, max: number}} axis */
const levelWithin = (axis) => (axis.max - axis.min) / 40;

/**
 * Which side of `other` a spot lies along x: "low", "high" or "level".
 * @param {number} x @param {number} other @param {{min: number, max: number}} axis
 * @returns {"low" | "high" | "level"}
 */
function side(x, other, axis) {
  if (Math.abs(x - other) <= levelWithin(axis)) return "level";
  return x < other ? "low" : "high";
}

/**
 * "on the structural side of A and B, level with C"
 * @param {Map<string, "low" | "high" | "level">} sides by paper name @param {Model["taxonomy"]} taxonomy
 */
function sidesText(sides, taxonomy) {
  const names = (which) => [...sides].filter(([, s]) => s === which).map(([name]) => name);
  const parts = [];
  if (names("low").length) parts.push(`on the ${inSentence(taxonomy.x.low)} side of ${listed(names("low"))}`);
  if (names("high").length) parts.push(`on the ${inSentence(taxonomy.x.high)} side of ${listed(names("high"))}`);
  if (names("level").length) parts.push(`level with ${listed(names("level"))}`);
  return listed(parts);
}

/**
 * Where the reader put the first paper against the others, and against the author's spots
 * (the same way round or not; inside the author's region for it or how far outside).
 * @param {string[]} ids the first is read against the rest
 * @param {Placements} placements the reader's map
 * @param {AuthorMap | null} author null: not loaded (the comparison is left out)
 * @param {Model} model
 * @param {string[]} [names] how the sentence names each paper (default: its title)
 */
export function pairReading(ids, placements, author, model, names = []) {
  const { taxonomy } = model;
  const name = (/** @type {string} */ id) => names[ids.indexOf(id)] ?? model.paper(id)?.title ?? id;
  const [subject, ...others] = ids;
  const placed = (/** @type {string} */ id) => Object.hasOwn(placements, id);
  const missing = ids.filter((id) => !placed(id));
  if (missing.length === ids.length) {
    return `You have not placed ${listed(ids.map(name))} yet: place them on the spectrum above to see where you put them${author ? " and where I did" : ""}.`;
  }
  if (!placed(subject)) {
    return `Place ${name(subject)} on the spectrum above to read it against ${listed(others.map(name))}.`;
  }
  const mine = placements[subject];
  const placedOthers = others.filter(placed);
  if (!placedOthers.length) {
    return `You put ${name(subject)} at ${fixed(mine.x)} on ${inSentence(taxonomy.x.name)}; place ${listed(others.map(name))} too, to compare.`;
  }
  const sides = new Map(placedOthers.map((id) => [name(id), side(mine.x, placements[id].x, taxonomy.x)]));
  let first = `You put ${name(subject)} ${sidesText(sides, taxonomy)}`;
  if (placedOthers.length === 1 && others.length === 1) {
    const other = placements[placedOthers[0]];
    if (mine.y !== null && other.y !== null && Math.abs(mine.y - other.y) > levelWithin(taxonomy.y)) {
      first += `, and ${mine.y > other.y ? "higher" : "lower"} on ${inSentence(taxonomy.y.name)}`;
    }
  }
  const unplaced = others.filter((id) => !placed(id));
  first += unplaced.length ? `; place ${listed(unplaced.map(name))} too.` : ".";
  const spot = author && Object.hasOwn(author, subject) ? author[subject] : null;
  if (!spot || !author) return first;
  const compared = placedOthers.filter((id) => Object.hasOwn(author, id));
  const authorSides = new Map(compared.map((id) => [name(id), side(spot.x, author[id].x, taxonomy.x)]));
  const agree = compared.every((id) => authorSides.get(name(id)) === sides.get(name(id)));
  const order = !compared.length ? "" : agree
    ? `I put it the same way round${compared.length < placedOthers.length ? ` against ${listed(compared.map(name))}` : ""}`
    : `I put it ${sidesText(authorSides, taxonomy)}`;
  const off = Math.hypot(
    axisDistance(mine.x, spot.x, spot.spread?.x),
    mine.y !== null && spot.y !== null ? axisDistance(mine.y, spot.y, spot.spread?.y) : 0);
  const where = spot.spread?.x || spot.spread?.y ? "region" : "spot";
  const region = off === 0
    ? where === "region" ? "your spot for it is inside my region" : "your spot for it is exactly mine"
    : `your spot for it is ${off.toFixed(2)} from my ${where}, on its ${inSentence(mine.x < spot.x ? taxonomy.x.low : taxonomy.x.high)} side`;
  return `${first} ${capitalised(order ? `${order}, and ${region}` : region)}.`;
}

/**
 * The sentence a reading shows for the reader's map.
 * @param {ReadingOptions} options @param {Placements} placements @param {AuthorMap | null} author @param {Model} model
 */
export function readingText(options, placements, author, model) {
  if (options.kind === "pair") return pairReading(options.papers, placements, author, model, options.names);
  return groundingReading(placements, author, model, options.papers ?? null);
}

/**
 * A reading's settings from its page (built by the fence; checked again, as all input is):
 * null if they do not fit this site's papers.
 * @param {unknown} raw @param {Model} model @returns {ReadingOptions | null}
 */
export function checkReadingOptions(raw, model) {
  if (!raw || typeof raw !== "object") return null;
  const { kind, papers, names } = /** @type {any} */ (raw);
  const ids = (/** @type {unknown} */ list) => Array.isArray(list) && list.every((id) => typeof id === "string" && model.has(id));
  const texts = (/** @type {unknown} */ list) => Array.isArray(list) && list.every((n) => typeof n === "string");
  if (kind === "grounding") {
    if (papers === undefined || papers === null) return { kind };
    return ids(papers) ? { kind, papers } : null;
  }
  if (kind === "pair" && ids(papers) && papers.length >= 2) {
    return names === undefined || names === null ? { kind, papers } : texts(names) ? { kind, papers, names } : null;
  }
  return null;
}

// -- order: the reader's order of a list against the author's --------------------------------

/**
 * Is `order` the author's, started elsewhere (the same cycle)?
 * @param {string[]} order @param {string[]} author
 */
export function isRotation(order, author) {
  if (order.length !== author.length) return false;
  const start = author.indexOf(order[0]);
  return start >= 0 && order.every((item, i) => item === author[(start + i) % author.length]);
}

/**
 * What the reader's order says against the author's: the same, the same cycle from another
 * start, or how much of it agrees and the first place it parts from the author's. A list is
 * read by places (how many items sit where the author put them); a cycle, which has no first
 * place, by what follows what.
 * @param {string[]} order the reader's, as the items' texts
 * @param {string[]} author the author's
 * @param {boolean} [cycle] the list is a cycle: any starting point is right
 */
export function orderSentence(order, author, cycle = false) {
  const n = author.length;
  if (order.every((item, i) => item === author[i])) return `Your order is mine: ${listed(order.map((item) => `“${item}”`))}, in that order.`;
  if (cycle && isRotation(order, author)) {
    return `Your order is mine, started from “${order[0]}”: the list is a cycle, so where it starts does not matter.`;
  }
  if (cycle) {
    const next = (/** @type {string[]} */ list, /** @type {string} */ item) => list[(list.indexOf(item) + 1) % n];
    const same = order.filter((item) => next(order, item) === next(author, item)).length;
    const parted = /** @type {string} */ (order.find((item) => next(order, item) !== next(author, item)));
    const agree = same === 0
      ? `None of the ${amount(n)} is followed by the one I put after it`
      : `${capitalised(amount(same))} of the ${amount(n)} ${same === 1 ? "is" : "are"} followed by the one I put after ${same === 1 ? "it" : "them"}`;
    return `${agree}. After “${parted}” you put “${next(order, parted)}”; I put “${next(author, parted)}”.`;
  }
  const same = order.filter((item, i) => item === author[i]).length;
  const where = same === 0 ? `None of the ${amount(n)} is where I put it` : `${capitalised(amount(same))} of the ${amount(n)} ${same === 1 ? "is" : "are"} where I put ${same === 1 ? "it" : "them"}`;
  const first = order.findIndex((item, i) => item !== author[i]);
  return `${where}. In place ${first + 1} you put “${order[first]}”; I put “${author[first]}”.`;
}
