// Share links: a whole map in the URL fragment, compact and versioned.
//
//   #map=2.<base64url of "id:x:y:grounding;...">   (y and grounding may be empty)
//   #map=1.<base64url of "id:x:y;...">             (read, no longer written)
//
// Coordinates carry 3 decimals at most (model.round3) and drop a leading zero ("-.85").
// Decoding only undoes the encoding; validate.js then checks every value.
// Pure: no DOM, so node:test can import it.

import { MAP_VERSION, round3 } from "./model.js";
import { MAX_INPUT_BYTES } from "./validate.js";

/** @typedef {import("./model.js").PlacementEntry} PlacementEntry */

export const SHARE_KEY = "map";
export const SHARE_VERSION = MAP_VERSION;

/** @param {number} value "-.85", "1", "0" */
function compact(value) {
  return String(round3(value)).replace(/^(-?)0\./, "$1.");
}

/** @param {string} text */
function toBase64Url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** @param {string} text @returns {string} throws on anything that is not base64url UTF-8 */
function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new Error("it is not base64url");
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

/**
 * The fragment (without "#") that holds a map.
 * @param {PlacementEntry[]} entries
 */
export function encodeShare(entries) {
  const text = entries.map(({ id, x, y, grounding }) => {
    const fields = [id, compact(x), y === null ? "" : compact(y)];
    if (grounding !== undefined) fields.push(grounding);
    return fields.join(":");
  }).join(";");
  return `${SHARE_KEY}=${SHARE_VERSION}.${toBase64Url(text)}`;
}

/** @param {string} hash location.hash, with or without "#" */
export function isShareFragment(hash) {
  return hash.replace(/^#/, "").startsWith(`${SHARE_KEY}=`);
}

const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * Undo encodeShare: the map as validate.validateExport expects it, or why not.
 * Values that are not numbers stay text, so validation names them.
 * @param {string} hash location.hash, with or without "#"
 * @returns {{ok: true, value: {version: number, placements: Record<string, unknown>[]}} | {ok: false, error: string}}
 */
export function decodeShare(hash) {
  const fragment = hash.replace(/^#/, "");
  if (fragment.length > MAX_INPUT_BYTES) return { ok: false, error: "The share link is far too long to be a research map." };
  const match = /^map=(\d{1,6})\.(.*)$/s.exec(fragment);
  if (!match) return { ok: false, error: `The share link is not a research map (expected #map=${SHARE_VERSION}.…).` };
  const version = Number(match[1]);
  if (version !== 1 && version !== SHARE_VERSION) {
    return { ok: false, error: `The share link was made by ${version > SHARE_VERSION ? "a newer" : "an unknown"} version of the site (version ${version}).` };
  }
  let text;
  try {
    text = fromBase64Url(match[2]);
  } catch (error) {
    return { ok: false, error: `The share link is damaged (${/** @type {Error} */ (error).message}); was it cut short?` };
  }
  const placements = [];
  if (text !== "") {
    for (const [index, part] of text.split(";").entries()) {
      const fields = part.split(":");
      const shape = version === 1 ? "id:x:y" : "id:x:y or id:x:y:grounding";
      if (fields.length !== 3 && (version === 1 || fields.length !== 4)) {
        return { ok: false, error: `The share link is damaged: entry ${index + 1} is not "${shape}".` };
      }
      const [id, x, y, grounding] = fields;
      /** @type {Record<string, unknown>} */
      const entry = { id, x: NUMBER.test(x) ? Number(x) : x };
      if (version === 1 || y !== "") entry.y = NUMBER.test(y) ? Number(y) : y;
      if (grounding !== undefined) entry.grounding = grounding;
      placements.push(entry);
    }
  }
  return { ok: true, value: { version, placements } };
}
