// Everything that comes from outside (an imported file, a share link, the
// stored record) is checked here before it reaches the store or the DOM.
// Invalid input is rejected as a whole with a message a reader understands.
// Pure: no DOM, so node:test can import it.

import { ID_PATTERN, makePlacements, round3 } from "./model.js";
import { parseYaml } from "./yaml.js";

/** @typedef {import("./model.js").Model} Model */
/** @typedef {import("./model.js").Placements} Placements */
/** @typedef {{ok: true, placements: Placements, dropped?: string[]} | {ok: false, error: string}} Result */

/** Inputs larger than this are refused before they are parsed. */
export const MAX_INPUT_BYTES = 1_000_000;
const MAX_DEPTH = 8;

// Markup or script in a string: tags, entities that could become tags,
// javascript: URLs and inline event handlers.
const MARKUP = /[<>]|&#|&[a-z]+;|javascript\s*:|vbscript\s*:|data\s*:\s*text\/html|\bon[a-z]+\s*=/i;

/** @param {string} text its size in UTF-8 bytes */
export function byteSize(text) {
  if (text.length * 3 <= MAX_INPUT_BYTES) return text.length; // cheap path: surely small enough
  return new TextEncoder().encode(text).length;
}

/** @param {unknown} text */
export function tooLarge(text) {
  return typeof text === "string" && byteSize(text) > MAX_INPUT_BYTES;
}

/** @param {string} value does the string carry HTML or script? */
export function hasMarkup(value) {
  return MARKUP.test(value);
}

/** @param {unknown} value */
function isPlainObject(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The first string (key or value) anywhere in value that carries markup, as a path; or null.
 * @param {unknown} value
 * @param {string} path
 * @param {number} depth
 * @returns {string | null}
 */
function findMarkup(value, path = "", depth = 0) {
  if (depth > MAX_DEPTH) return `${path || "the input"} (nested too deeply)`;
  if (typeof value === "string") return hasMarkup(value) ? path || "the input" : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findMarkup(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const key of Object.keys(value)) {
      if (hasMarkup(key)) return `${path ? `${path}.` : ""}(a field name)`;
      const found = findMarkup(/** @type {any} */ (value)[key], path ? `${path}.${key}` : key, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

/** @param {unknown} value how a wrong value is named in a message */
function describe(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "string") return `the text "${value.length > 24 ? `${value.slice(0, 24)}…` : value}"`;
  return `a ${typeof value}`;
}

/** @param {string} id */
function quoteId(id) {
  return `"${id.length > 40 ? `${id.slice(0, 40)}…` : id}"`;
}

/**
 * Check one coordinate against its axis.
 * @param {unknown} value
 * @param {import("./model.js").Axis} axis
 * @param {string} name "x" or "y"
 * @param {string} where "placement 3"
 * @returns {string | null} the problem, or null
 */
function coordinateProblem(value, axis, name, where) {
  if (typeof value !== "number") return `${where}: ${name} must be a number, not ${describe(value)}.`;
  if (!Number.isFinite(value)) return `${where}: ${name} must be a finite number, not ${describe(value)}.`;
  if (value < axis.min || value > axis.max) {
    return `${where}: ${name} = ${value} is outside ${axis.name} (${axis.min} to ${axis.max}).`;
  }
  return null;
}

/**
 * Check a spot {x, y}; a missing y (null or absent) becomes the bottom of the y axis.
 * @param {Record<string, unknown>} entry
 * @param {Model} model
 * @param {string} where
 * @param {string[]} allowed the keys the entry may have
 * @returns {{spot: import("./model.js").Spot} | {error: string}}
 */
function checkSpot(entry, model, where, allowed) {
  const extra = Object.keys(entry).filter((key) => !allowed.includes(key));
  if (extra.length) return { error: `${where}: unexpected field "${extra[0]}" (expected ${allowed.join(", ")}).` };
  const { x: xAxis, y: yAxis } = model.taxonomy;
  const xProblem = coordinateProblem(entry.x, xAxis, "x", where);
  if (xProblem) return { error: xProblem };
  let y = entry.y;
  if (y === undefined || y === null) y = yAxis.min;
  const yProblem = coordinateProblem(y, yAxis, "y", where);
  if (yProblem) return { error: yProblem };
  return { spot: { x: round3(/** @type {number} */ (entry.x)), y: round3(/** @type {number} */ (y)) } };
}

/** @param {unknown} id @param {Model} model @param {string} where */
function idProblem(id, model, where) {
  if (typeof id !== "string") return `${where}: id must be text, not ${describe(id)}.`;
  if (!ID_PATTERN.test(id) || !model.has(id)) return `${where}: ${quoteId(id)} is not a paper on this site.`;
  return null;
}

/** @param {unknown} value @param {string} what */
function versionProblem(value, what) {
  if (value === 1) return null;
  if (typeof value === "number" && Number.isInteger(value) && value > 1) {
    return `This ${what} was made by a newer version of the site (version ${value}); this site reads version 1.`;
  }
  return `This ${what} has no valid version (expected version: 1, found ${describe(value)}).`;
}

/**
 * An exported map, as JSON or YAML files and share links carry it:
 * `{version: 1, placements: [{id, x, y}, ...]}`. Rejected whole on any problem.
 * @param {unknown} value
 * @param {Model} model
 * @param {string} [what] how the message names the input ("file", "share link")
 * @returns {Result}
 */
export function validateExport(value, model, what = "map") {
  const markup = findMarkup(value);
  if (markup) return { ok: false, error: `This ${what} contains HTML or script (in ${markup}); it was not loaded.` };
  if (!isPlainObject(value)) return { ok: false, error: `This ${what} is not a research map (expected an object with version and placements).` };
  const record = /** @type {Record<string, unknown>} */ (value);
  const extra = Object.keys(record).filter((key) => key !== "version" && key !== "placements");
  if (extra.length) return { ok: false, error: `This ${what} has an unexpected field "${extra[0]}" (expected version and placements).` };
  const version = versionProblem(record.version, what);
  if (version) return { ok: false, error: version };
  const list = record.placements;
  if (!Array.isArray(list)) return { ok: false, error: `This ${what}'s placements must be a list, not ${describe(list)}.` };
  if (list.length > model.papers.length) {
    return { ok: false, error: `This ${what} has ${list.length} placements but the site has only ${model.papers.length} papers.` };
  }
  /** @type {[string, import("./model.js").Spot][]} */
  const entries = [];
  const seen = new Set();
  for (let i = 0; i < list.length; i++) {
    const where = `placement ${i + 1}`;
    const entry = list[i];
    if (!isPlainObject(entry)) return { ok: false, error: `${where} must be an object with id, x and y, not ${describe(entry)}.` };
    const id = /** @type {Record<string, unknown>} */ (entry).id;
    const problem = idProblem(id, model, where);
    if (problem) return { ok: false, error: problem };
    const paperId = /** @type {string} */ (id);
    if (seen.has(paperId)) return { ok: false, error: `${where}: paper ${quoteId(paperId)} is placed twice.` };
    seen.add(paperId);
    const checked = checkSpot(/** @type {Record<string, unknown>} */ (entry), model, `${where} (${quoteId(paperId)})`, ["id", "x", "y"]);
    if ("error" in checked) return { ok: false, error: checked.error };
    entries.push([paperId, checked.spot]);
  }
  return { ok: true, placements: makePlacements(entries) };
}

/**
 * The record this site keeps in localStorage: `{version: 1, placements: {id: {x, y}}}`.
 * Placements of papers the site no longer has are dropped (and listed), anything
 * else wrong rejects the record.
 * @param {unknown} value
 * @param {Model} model
 * @returns {Result}
 */
export function validateRecord(value, model) {
  const markup = findMarkup(value);
  if (markup) return { ok: false, error: `the saved map contains HTML or script (in ${markup})` };
  if (!isPlainObject(value)) return { ok: false, error: "the saved map is not an object" };
  const record = /** @type {Record<string, unknown>} */ (value);
  const version = versionProblem(record.version, "saved map");
  if (version) return { ok: false, error: version };
  const extra = Object.keys(record).filter((key) => key !== "version" && key !== "placements");
  if (extra.length) return { ok: false, error: `the saved map has an unexpected field "${extra[0]}"` };
  const placements = record.placements;
  if (!isPlainObject(placements)) return { ok: false, error: "the saved map's placements are not an object" };
  /** @type {[string, import("./model.js").Spot][]} */
  const entries = [];
  const dropped = [];
  for (const id of Object.keys(/** @type {object} */ (placements))) {
    const spot = /** @type {Record<string, unknown>} */ (placements)[id];
    if (!ID_PATTERN.test(id)) return { ok: false, error: `the saved map names an invalid paper id ${quoteId(id)}` };
    if (!isPlainObject(spot)) return { ok: false, error: `the saved spot of ${quoteId(id)} is not an object` };
    if (!model.has(id)) {
      dropped.push(id);
      continue;
    }
    const checked = checkSpot(/** @type {Record<string, unknown>} */ (spot), model, `the saved spot of ${quoteId(id)}`, ["x", "y"]);
    if ("error" in checked) return { ok: false, error: checked.error };
    entries.push([id, checked.spot]);
  }
  return { ok: true, placements: makePlacements(entries), dropped };
}

/**
 * Read an imported file's text: JSON if it starts with "{", else the export YAML.
 * @param {string} text
 * @param {Model} model
 * @returns {Result}
 */
export function parseImport(text, model) {
  if (typeof text !== "string") return { ok: false, error: "The file could not be read as text." };
  if (tooLarge(text)) return { ok: false, error: `The file is larger than ${MAX_INPUT_BYTES / 1_000_000} MB; a research map is far smaller.` };
  const body = text.replace(/^\uFEFF/, "");
  if (body.trimStart().startsWith("{")) {
    let value;
    try {
      value = JSON.parse(body);
    } catch (error) {
      return { ok: false, error: `The file is not valid JSON (${/** @type {Error} */ (error).message}).` };
    }
    return validateExport(value, model, "file");
  }
  const parsed = parseYaml(body);
  if (!parsed.ok) return { ok: false, error: `The file is neither JSON nor the map's YAML: ${parsed.error}` };
  return validateExport(parsed.value, model, "file");
}
