// The YAML a fork commits: a tiny emitter and a strict parser for exactly
// this shape (no YAML library: the format is small and fixed).
//
//   # Research map exported from <site name> on <ISO date>
//   version: 2
//   by: "Ada"             (absent unless the reader typed a name)
//   placements:
//     - id: "1406.2661"
//       x: -0.8
//       y: 0.1            (absent until the reader sets it on a plane)
//       grounding: laws-of-math   (absent until the reader marks it)
//   # In a fork's papers.yml, a placement can also take a reason and a spread (...)
//   # end of map: 1 placement
//
// The parser accepts what the emitter writes plus the usual hand edits:
// comments, blank lines, CRLF, single or double quotes or none, keys in any
// order, another list indent. Anything else is an error naming its line.
// Pure: no DOM, so node:test can import it.

import { MAP_VERSION, TOP_FIELDS, YAML_END, YAML_HEADER } from "./map-format.js";
import { round3 } from "./model.js";

/** @typedef {import("./model.js").PlacementEntry} PlacementEntry */

/** @param {number} value a coordinate as YAML writes it (3 decimals at most) */
function number(value) {
  return String(round3(value));
}

/**
 * The export YAML of a map.
 * @param {PlacementEntry[]} entries in the order to write them
 * @param {{siteName: string, date: string, by?: string}} meta by: the reader's name, only if they typed one
 */
export function toYaml(entries, { siteName, date, by }) {
  const name = String(siteName).replace(/[\r\n]+/g, " ").trim() || "a research spectrum site";
  const lines = [`# Research map exported from ${name} on ${date}`, `version: ${MAP_VERSION}`];
  if (by !== undefined) lines.push(`by: ${JSON.stringify(by)}`);
  if (!entries.length) {
    lines.push("placements: []");
  } else {
    lines.push("placements:");
    for (const { id, x, y, grounding } of entries) {
      lines.push(`  - id: ${JSON.stringify(id)}`, `    x: ${number(x)}`);
      if (y !== null) lines.push(`    y: ${number(y)}`);
      if (grounding !== undefined) lines.push(`    grounding: ${grounding}`);
    }
  }
  lines.push(REASON_HINT, endLine(entries.length));
  return `${lines.join("\n")}\n`;
}

/** What a map cannot carry and its author may want: said where the author reads the export. */
export const REASON_HINT = "# In a fork's papers.yml, a placement can also take a reason and a spread (that file's header says how).";

/** The export's last line: a file that lacks it (or counts otherwise) was cut short. */
const END = YAML_END;
const HEADER = YAML_HEADER;
/** Every field a map of any version may have at the top (validate.js checks which per version). */
const ROOT_FIELDS = new Set(Object.values(TOP_FIELDS).flat());

/** @param {number} count */
export const endLine = (count) => `# end of map: ${count} placement${count === 1 ? "" : "s"}`;

/**
 * A value without its trailing " # comment" (linear: a regex like /\s+#.*$/ backtracks
 * quadratically over a long run of spaces).
 * @param {string} text
 */
function stripComment(text) {
  const at = text.search(/\s#/);
  return (at === -1 ? text : text.slice(0, at)).trim();
}

const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
const KEY = /^([A-Za-z_][A-Za-z0-9_]*)\s*:(?:\s+(.*))?$/;

/**
 * A YAML scalar: quoted text, a number, null, a boolean, .nan/.inf, or plain text.
 * @param {string} raw
 * @param {number} line
 * @returns {unknown}
 */
function scalar(raw, line) {
  let text = raw.trim();
  if (text.startsWith('"')) {
    const match = /^"((?:[^"\\]|\\.)*)"\s*(?:#.*)?$/.exec(text);
    if (!match) throw new SyntaxError(`line ${line}: unterminated or malformed double-quoted text`);
    try {
      return JSON.parse(`"${match[1]}"`);
    } catch {
      throw new SyntaxError(`line ${line}: bad escape in double-quoted text`);
    }
  }
  if (text.startsWith("'")) {
    const match = /^'((?:[^']|'')*)'\s*(?:#.*)?$/.exec(text);
    if (!match) throw new SyntaxError(`line ${line}: unterminated single-quoted text`);
    return match[1].replace(/''/g, "'");
  }
  text = stripComment(text);
  if (/^[[{|>&*!%@`]/.test(text)) throw new SyntaxError(`line ${line}: only plain values are allowed here, not "${text.slice(0, 20)}"`);
  if (text === "" || text === "~" || text === "null" || text === "Null" || text === "NULL") return null;
  if (/^(true|True|TRUE)$/.test(text)) return true;
  if (/^(false|False|FALSE)$/.test(text)) return false;
  if (/^[-+]?\.(inf|Inf|INF)$/.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(text)) return NaN;
  if (NUMBER.test(text)) return Number(text);
  return text;
}

/**
 * Parse the export YAML into `{version, placements: [{id, x, y}]}` (objects
 * without a prototype, so a "__proto__" key is just a key). Validation of the
 * values is validate.js's job. `complete` says whether the file ends with its
 * "# end of map: N placements" line (exports of version 2 on): only then can a
 * file cut at a line end be told from a shorter map.
 * @param {string} text
 * @returns {{ok: true, value: {version: unknown, placements: unknown}, complete: boolean} | {ok: false, error: string}}
 */
export function parseYaml(text) {
  try {
    const { root, complete } = parse(text);
    return { ok: true, value: root, complete };
  } catch (error) {
    if (error instanceof SyntaxError) return { ok: false, error: error.message };
    throw error;
  }
}

/** @param {string} text */
function parse(text) {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  /** @type {Record<string, unknown>} */
  const root = Object.create(null);
  /** @type {Record<string, unknown>[] | null} */
  let list = null; // the placements list, while reading its items
  /** @type {Record<string, unknown> | null} */
  let item = null;
  let itemIndent = -1; // the column of "-"
  let keyIndent = -1; // the column of the item's keys
  let documentStarted = false;

  const exported = HEADER.test(lines[0] ?? "");
  /** @type {number | null} */
  let endCount = null;
  /** @type {number | null} */
  let endAt = null;
  /** @type {unknown[] | null} the list "placements:" opened (not "placements: []") */
  let block = null;
  lines.forEach((source, index) => {
    const line = index + 1;
    const end = END.exec(source.trim());
    if (end) {
      endCount = Number(end[1]);
      endAt = line;
      return;
    }
    if (/^\s*(#.*)?$/.test(source)) return; // blank or comment
    if (endAt !== null) throw new SyntaxError(`line ${line}: text after the "# end of map" line`);
    if (/^[ \t]*/.exec(source)[0].includes("\t")) throw new SyntaxError(`line ${line}: tabs are not allowed for indentation`);
    const indent = source.length - source.trimStart().length;
    const content = source.trim();
    if (content === "---" && !documentStarted && indent === 0) {
      documentStarted = true;
      return;
    }
    documentStarted = true;
    if (indent === 0 && !content.startsWith("-")) {
      const match = KEY.exec(content);
      if (!match) throw new SyntaxError(`line ${line}: expected "version: ${MAP_VERSION}" or "placements:"`);
      const [, key, rest] = match;
      if (!ROOT_FIELDS.has(key)) throw new SyntaxError(`line ${line}: unexpected field "${key}" (expected ${[...ROOT_FIELDS].join(", ")})`);
      if (Object.hasOwn(root, key)) throw new SyntaxError(`line ${line}: "${key}" appears twice`);
      item = null;
      list = null;
      if (key === "placements") {
        const value = rest === undefined ? "" : stripComment(rest);
        if (value === "[]") root.placements = [];
        else if (value === "") {
          list = [];
          block = list;
          root.placements = list;
        } else {
          throw new SyntaxError(`line ${line}: placements must be a list of "- id: …" items`);
        }
      } else {
        root[key] = scalar(valueOf(key, rest, line), line);
      }
      return;
    }
    if (list === null) throw new SyntaxError(`line ${line}: unexpected indented text outside placements`);
    if (content.startsWith("-")) {
      if (!/^-(\s|$)/.test(content)) throw new SyntaxError(`line ${line}: expected "- id: …"`);
      if (itemIndent === -1) itemIndent = indent;
      if (indent !== itemIndent) throw new SyntaxError(`line ${line}: list items must line up (indent ${itemIndent})`);
      const rest = content.slice(1).trimStart();
      item = Object.create(null);
      list.push(/** @type {Record<string, unknown>} */ (item));
      if (rest === "") {
        keyIndent = -2; // set by the first key line
        return;
      }
      keyIndent = indent + (content.length - rest.length);
      addKey(/** @type {Record<string, unknown>} */ (item), rest, line);
      return;
    }
    if (item === null) throw new SyntaxError(`line ${line}: expected "- id: …"`);
    if (keyIndent === -2) {
      if (indent <= itemIndent) throw new SyntaxError(`line ${line}: the item's fields must be indented`);
      keyIndent = indent;
    }
    if (indent !== keyIndent) throw new SyntaxError(`line ${line}: fields of an item must line up (indent ${keyIndent})`);
    addKey(item, content, line);
  });
  if (!Object.hasOwn(root, "version")) throw new SyntaxError(`no "version: 1" line`);
  if (!Object.hasOwn(root, "placements")) throw new SyntaxError(`no "placements:" list`);
  const count = /** @type {unknown[]} */ (root.placements).length;
  if (block !== null && count === 0 && endCount === null) {
    throw new SyntaxError(`"placements:" is followed by no entries; was the file cut short? (an empty map is "placements: []")`);
  }
  // Exports of version 2 on end with a count: a file cut between two entries is caught here.
  if (exported && root.version !== 1 && endCount === null) {
    throw new SyntaxError(`the file ends before its "# end of map" line; it was cut short, so it was not read`);
  }
  if (endCount !== null && endCount !== count) {
    throw new SyntaxError(`the file lists ${count} placement${count === 1 ? "" : "s"} but its last line says ${endCount}; was it cut short?`);
  }
  return { root: /** @type {{version: unknown, placements: unknown}} */ (root), complete: endCount !== null };
}

/** @param {Record<string, unknown>} item @param {string} content @param {number} line */
function addKey(item, content, line) {
  const match = KEY.exec(content);
  if (!match) {
    if (/^[[{]/.test(content)) throw new SyntaxError(`line ${line}: only plain "key: value" lines are allowed, not {…} or […]`);
    throw new SyntaxError(`line ${line}: expected "key: value"`);
  }
  const [, key, rest] = match;
  if (Object.hasOwn(item, key)) throw new SyntaxError(`line ${line}: "${key}" appears twice in one item`);
  item[key] = scalar(valueOf(key, rest, line), line);
}

/**
 * A field's value text, never empty: "y:" with nothing after it is what a file cut
 * mid-line leaves, so it is an error rather than null (a missing y of version 1
 * would read as 0). A value that is meant to be missing is written "~" or "null".
 * @param {string} key @param {string | undefined} rest @param {number} line
 */
function valueOf(key, rest, line) {
  if (rest === undefined || /^(#|$)/.test(stripComment(rest))) {  // "y: # note" is a comment alone
    throw new SyntaxError(`line ${line}: ${key}: no value (write ~ for none); was the file cut short?`);
  }
  return rest;
}
