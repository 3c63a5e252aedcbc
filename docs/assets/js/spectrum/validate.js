// Everything that comes from outside (an imported file, a share link, the
// stored record) is checked here before it reaches the store or the DOM.
// Invalid input is rejected as a whole with a message a reader understands.
// Pure: no DOM, so node:test can import it.

import { BY_PATTERN, ENTRY_FIELDS, GROUNDING_PATTERN, ID_PATTERN, MAP_VERSION, MARKUP_PATTERN, MAX_BYTES, READ_VERSIONS, TOP_FIELDS, UNSURE } from "./map-format.js";
import { knownGrounding, makePlacements, round3 } from "./model.js";
import { parseYaml } from "./yaml.js";

/** @typedef {import("./model.js").Model} Model */
/** @typedef {import("./model.js").Placements} Placements */
/**
 * @typedef {{ok: true, placements: Placements, version: number, by?: string, dropped?: string[], unchecked?: boolean}
 *         | {ok: false, error: string, newer?: boolean}} Result
 * unchecked: a YAML file without its "# end of map" line (an older export, or written by hand):
 * whether it was cut short cannot be known, so the reader is asked before it is taken.
 */

/** Inputs larger than this are refused before they are parsed (the map format's limit, as merge's). */
export const MAX_INPUT_BYTES = MAX_BYTES;
/** The limit in words, for the reader. */
export const MAX_INPUT_TEXT = `${MAX_BYTES / 1000} kB`;
const MAX_DEPTH = 8;


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
  return MARKUP_PATTERN.test(value);
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
  if (typeof value === "string") return `the text "${visible(value.length > 24 ? `${value.slice(0, 24)}…` : value)}"`;
  return `a ${typeof value}`;
}

/** @param {string} id */
function quoteId(id) {
  return `"${visible(id.length > 40 ? `${id.slice(0, 40)}…` : id)}"`;
}

// Control and format characters: a right-to-left override in an id would reverse
// the words of the message after it, a zero-width one hide what is there.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/**
 * Text from outside as a message may show it: each control or format character
 * written as its code point, e.g. [U+202E], so the message reads in order.
 * @param {string} text
 */
export function visible(text) {
  return text.replace(INVISIBLE, (char) => `[U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}]`);
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
 * Check a spot. Version 1: {x, y}, a missing y (null or absent) is the bottom of the y axis.
 * Version 2: {x, y?, grounding?}, a missing y is "not set yet" (null).
 * @param {Record<string, unknown>} entry
 * @param {Model} model
 * @param {string} where
 * @param {string[]} allowed the keys the entry may have
 * @param {number} version
 * @returns {{spot: import("./model.js").Spot} | {error: string}}
 */
function checkSpot(entry, model, where, allowed, version) {
  const extra = Object.keys(entry).filter((key) => !allowed.includes(key));
  if (extra.length) return { error: `${where}: unexpected field "${extra[0]}" (expected ${allowed.join(", ")}).` };
  const { x: xAxis, y: yAxis } = model.taxonomy;
  const xProblem = coordinateProblem(entry.x, xAxis, "x", where);
  if (xProblem) return { error: xProblem };
  let y = entry.y;
  if (y === undefined || y === null) y = version === 1 ? yAxis.min : null;
  if (y !== null) {
    const yProblem = coordinateProblem(y, yAxis, "y", where);
    if (yProblem) return { error: yProblem };
  }
  /** @type {import("./model.js").Spot} */
  const spot = { x: round3(/** @type {number} */ (entry.x)), y: y === null ? null : round3(/** @type {number} */ (y)) };
  if (entry.grounding !== undefined) {
    const mark = entry.grounding;
    if (typeof mark !== "string" || !GROUNDING_PATTERN.test(mark) || !knownGrounding(model, mark)) {
      const known = [...model.taxonomy.categories.map((c) => c.id), UNSURE].join(", ");
      return { error: `${where}: grounding must be one of ${known}, not ${describe(mark)}.` };
    }
    spot.grounding = mark;
  }
  return { spot };
}

/** @param {unknown} id @param {Model} model @param {string} where */
function idProblem(id, model, where) {
  if (typeof id !== "string") return `${where}: id must be text, not ${describe(id)}.`;
  if (!ID_PATTERN.test(id) || !model.has(id)) return `${where}: ${quoteId(id)} is not a paper on this site.`;
  return null;
}

/** @param {unknown} value @returns {boolean} a version this site reads */
const known = (value) => typeof value === "number" && READ_VERSIONS.includes(value);

/** @param {unknown} value @returns {boolean} a version from a newer site */
const newer = (value) => typeof value === "number" && Number.isInteger(value) && value > MAP_VERSION;

/** @param {unknown} value @param {string} what */
function versionProblem(value, what) {
  if (known(value)) return null;
  if (newer(value)) {
    return `This ${what} was made by a newer version of the site (version ${value}); this site reads versions ${READ_VERSIONS.join(" and ")}.`;
  }
  return `This ${what} has no valid version (expected version: ${MAP_VERSION}, found ${describe(value)}).`;
}

/** @param {number} version the fields an exported entry may have */
const entryFields = (version) => [...ENTRY_FIELDS[String(version)]];

/** @param {unknown} record @returns {string[]} the fields a map of its version may have (a version this site reads, or the newest) */
const topFields = (record) => {
  const version = /** @type {Record<string, unknown>} */ (record).version;
  return [...TOP_FIELDS[String(known(version) ? version : MAP_VERSION)]];
};

/**
 * The map's optional `by:` (a reader's chosen name): plain text, short, no control characters.
 * @param {unknown} by @param {string} what
 * @returns {string | null} the problem, or null
 */
function byProblem(by, what) {
  if (by === undefined) return null;
  if (typeof by !== "string" || !BY_PATTERN.test(by)) {
    return `This ${what}'s "by" must be a short name (1 to 60 characters, plain text, no control characters), not ${describe(by)}.`;
  }
  return null;
}

/**
 * An exported map, as JSON or YAML files and share links carry it (map.schema.json):
 * `{version: 2, placements: [{id, x, y?, grounding?}, ...]}`, or version 1 with
 * `{id, x, y}`. Rejected whole on any problem.
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
  const version = versionProblem(record.version, what);
  if (version) return { ok: false, error: version };
  const fields = topFields(record);
  const extra = Object.keys(record).filter((key) => !fields.includes(key));
  if (extra.length) return { ok: false, error: `This ${what} has an unexpected field "${extra[0]}" (expected ${fields.join(", ")}).` };
  const by = byProblem(record.by, what);
  if (by) return { ok: false, error: by };
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
    const version = /** @type {number} */ (record.version);
    const checked = checkSpot(/** @type {Record<string, unknown>} */ (entry), model, `${where} (${quoteId(paperId)})`, entryFields(version), version);
    if ("error" in checked) return { ok: false, error: checked.error };
    entries.push([paperId, checked.spot]);
  }
  const result = { ok: /** @type {const} */ (true), placements: makePlacements(entries), version: /** @type {number} */ (record.version) };
  return record.by === undefined ? result : { ...result, by: /** @type {string} */ (record.by) };
}

/**
 * The record this site keeps in localStorage: `{version: 2, placements: {id: {x, y?, grounding?}}}`
 * (version 1: `{id: {x, y}}`).
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
  if (version) return { ok: false, error: version, newer: newer(record.version) };
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
    const v = /** @type {number} */ (record.version);
    const checked = checkSpot(/** @type {Record<string, unknown>} */ (spot), model, `the saved spot of ${quoteId(id)}`, entryFields(v).slice(1), v);
    if ("error" in checked) return { ok: false, error: checked.error };
    entries.push([id, checked.spot]);
  }
  return { ok: true, placements: makePlacements(entries), version: /** @type {number} */ (record.version), dropped };
}

/**
 * The author's map as the build wrote it (author.json): only known papers with finite
 * coordinates, sane spreads and text reasons are kept (it is our own file, checked anyway).
 * @param {unknown} raw
 * @param {Model} model
 * @returns {Record<string, import("./geometry.js").AuthorSpot>}
 */
export function checkAuthorMap(raw, model) {
  /** @type {Record<string, import("./geometry.js").AuthorSpot>} */
  const out = Object.create(null);
  const placements = isPlainObject(raw) ? /** @type {any} */ (raw).placements : null;
  if (!isPlainObject(placements)) throw new Error("the author's map is malformed");
  const finite = (v) => typeof v === "number" && Number.isFinite(v);
  const half = (v) => (finite(v) && v >= 0 && v <= 1 ? v : 0);
  for (const [id, spot] of Object.entries(placements)) {
    if (!model.has(id) || !isPlainObject(spot) || !finite(spot.x)) continue;
    /** @type {import("./geometry.js").AuthorSpot} */
    const entry = { x: spot.x, y: finite(spot.y) ? spot.y : null };
    if (typeof spot.grounding === "string" && model.category(spot.grounding)) entry.grounding = spot.grounding;
    if (typeof spot.reason === "string") entry.reason = spot.reason.slice(0, 400);
    if (isPlainObject(spot.spread)) entry.spread = { x: half(spot.spread.x), y: half(spot.spread.y) };
    out[id] = entry;
  }
  return out;
}

/**
 * The first key given twice in one JSON object, with its line, or null: JSON.parse would keep
 * the last without a word, where the YAML reader and merge refuse a key given twice. Run on
 * text JSON.parse accepted, so its strings and nesting are well formed.
 * @param {string} text
 * @returns {{key: string, line: number} | null}
 */
export function duplicateKey(text) {
  /** @type {(Set<string> | null)[]} the keys seen in each open object (null: an array) */
  const open = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "\n") line++;
    else if (char === "{") open.push(new Set());
    else if (char === "[") open.push(null);
    else if (char === "}" || char === "]") open.pop();
    else if (char === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      const keys = open[open.length - 1];
      let next = end + 1;
      while (text[next] === " " || text[next] === "\t" || text[next] === "\r" || text[next] === "\n") next++;
      if (keys && text[next] === ":") {
        const key = JSON.parse(text.slice(i, end + 1));
        if (keys.has(key)) return { key, line };
        keys.add(key);
      }
      i = end;
    }
  }
  return null;
}

/**
 * Read an imported file's text: JSON if it starts with "{", else the export YAML.
 * @param {string} text
 * @param {Model} model
 * @returns {Result}
 */
export function parseImport(text, model) {
  if (typeof text !== "string") return { ok: false, error: "The file could not be read as text." };
  if (tooLarge(text)) return { ok: false, error: `The file is larger than ${MAX_INPUT_TEXT}; a research map is far smaller.` };
  const body = text.replace(/^\uFEFF/, "");
  if (body.trimStart().startsWith("{")) {
    let value;
    try {
      value = JSON.parse(body);
    } catch (error) {
      return { ok: false, error: `The file is not valid JSON (${visible(/** @type {Error} */ (error).message)}).` };
    }
    const twice = duplicateKey(body);
    if (twice) {
      return { ok: false, error: `The file gives "${visible(twice.key.slice(0, 40))}" twice in one object (line ${twice.line}); keep the one you mean.` };
    }
    return validateExport(value, model, "file");
  }
  const parsed = parseYaml(body);
  if (parsed.ok === false) return { ok: false, error: `The file is neither JSON nor the map's YAML: ${visible(parsed.error)}` };
  const result = validateExport(parsed.value, model, "file");
  return result.ok && !parsed.complete ? { ...result, unchecked: true } : result;
}
