// Generated from src/place_for_research/data/schema/map.schema.json by
// `python -m place_for_research.data.map_format`; do not edit (tests/unit/test_map_format.py
// fails when this file and the schema differ).

/** The version every map this site writes carries (stored record, share link, exports). */
export const MAP_VERSION = 2;
/** The versions this site reads. */
export const READ_VERSIONS = Object.freeze([1, 2]);
/** @type {Readonly<Record<string, readonly string[]>>} a map's fields, per version */
export const TOP_FIELDS = Object.freeze({"1": ["version", "placements"], "2": ["version", "by", "placements"]});
/** @type {Readonly<Record<string, readonly string[]>>} a placement's fields, per version */
export const ENTRY_FIELDS = Object.freeze({"1": ["id", "x", "y"], "2": ["id", "x", "y", "grounding"]});
/** Paper ids as the papers schema allows them (arXiv ids and slugs). */
export const ID_PATTERN = new RegExp("^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$");
/** A grounding mark: a taxonomy category id (a slug), or UNSURE. */
export const GROUNDING_PATTERN = new RegExp("^[a-z0-9][a-z0-9-]{0,39}$");
/** The optional `by:`: a short name, plain text, no control or format characters. */
export const BY_PATTERN = new RegExp("^(?!\\s)[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\ufeff\\ufff9-\\ufffb]{1,60}(?<!\\s)$", "u");
/** HTML or script in any string of a map: refused, never escaped. */
export const MARKUP_PATTERN = new RegExp("[<>]|&#|&[a-z]+;|javascript\\s*:|vbscript\\s*:|data\\s*:\\s*text/html|\\bon[a-z]+\\s*=", "i");
/** A YAML export's first line, and its last (with the count of placements). */
export const YAML_HEADER = new RegExp("^# Research map exported from ");
export const YAML_END = new RegExp("^# end of map: (\\d{1,6}) placements?$");
/** The reader's "Neither or unsure" mark. */
export const UNSURE = "unsure";
/** Coordinates keep this many decimals: value * 10^DECIMALS rounded, halves up, never -0. */
export const DECIMALS = 3;
/** A map file larger than this (in UTF-8 bytes) is refused unread. */
export const MAX_BYTES = 64000;
