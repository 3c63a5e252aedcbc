// Share links: a whole map in the URL fragment, compact and versioned.
//
//   #map=1.<base64url of "id:x:y;id:x:y;...">
//
// Coordinates carry 3 decimals at most and drop a leading zero ("-.85").
// Decoding only undoes the encoding; validate.js then checks every value.
// Pure: no DOM, so node:test can import it.

import { MAX_INPUT_BYTES } from "./validate.js";

/** @typedef {import("./model.js").PlacementEntry} PlacementEntry */

export const SHARE_KEY = "map";
export const SHARE_VERSION = 1;

/** @param {number} value "-.85", "1", "0" */
function compact(value) {
  const rounded = Math.round(value * 1000) / 1000;
  if (rounded === 0) return "0";
  return String(rounded).replace(/^(-?)0\./, "$1.");
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
  const text = entries.map(({ id, x, y }) => `${id}:${compact(x)}:${compact(y)}`).join(";");
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
 * @returns {{ok: true, value: {version: number, placements: {id: string, x: unknown, y: unknown}[]}} | {ok: false, error: string}}
 */
export function decodeShare(hash) {
  const fragment = hash.replace(/^#/, "");
  if (fragment.length > MAX_INPUT_BYTES) return { ok: false, error: "The share link is far too long to be a research map." };
  const match = /^map=(\d{1,6})\.(.*)$/s.exec(fragment);
  if (!match) return { ok: false, error: "The share link is not a research map (expected #map=1.…)." };
  const version = Number(match[1]);
  if (version !== SHARE_VERSION) {
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
      if (fields.length !== 3) return { ok: false, error: `The share link is damaged: entry ${index + 1} is not "id:x:y".` };
      const [id, x, y] = fields;
      placements.push({ id, x: NUMBER.test(x) ? Number(x) : x, y: NUMBER.test(y) ? Number(y) : y });
    }
  }
  return { ok: true, value: { version, placements } };
}
