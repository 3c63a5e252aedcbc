"""The reader's map format, read once from schema/map.schema.json.

Python (merge.py, the readers' maps) imports the constants below; the browser
imports docs/assets/js/spectrum/map-format.js, which this module writes
(``python -m place_for_research.data.map_format``) and a test keeps equal to the
schema. A checked-in file rather than one written at build: the front end's
unit tests (node --test) and type check import it without a build, and a
changed schema shows up in review as a changed module.
"""
from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

SCHEMA_PATH = Path(__file__).parent / "schema" / "map.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
JS_PATH = Path("docs") / "assets" / "js" / "spectrum" / "map-format.js"

_VERSIONS = {SCHEMA["$defs"][name]["properties"]["version"]["const"]: SCHEMA["$defs"][name]
             for name in ("v1", "v2")}
READ_VERSIONS = tuple(sorted(_VERSIONS))
MAP_VERSION = max(READ_VERSIONS)
TOP_FIELDS = {version: tuple(spec["properties"]) for version, spec in _VERSIONS.items()}
ENTRY_FIELDS = {version: tuple(spec["properties"]["placements"]["items"]["properties"])
                for version, spec in _VERSIONS.items()}
ID_PATTERN = SCHEMA["$defs"]["id"]["pattern"]
GROUNDING_PATTERN = _VERSIONS[MAP_VERSION]["properties"]["placements"]["items"]["properties"]["grounding"]["pattern"]
BY_PATTERN = _VERSIONS[MAP_VERSION]["properties"]["by"]["pattern"]
MARKUP_PATTERN = SCHEMA["x-markup"]
YAML_HEADER = SCHEMA["x-yaml-header"]
YAML_END = SCHEMA["x-yaml-end"]
UNSURE = SCHEMA["x-unsure"]
DECIMALS = SCHEMA["x-decimals"]
# An exported map is a few kB (40 bytes a paper); reading YAML costs ~10 s of CPU per MB, so
# a larger file is refused unread, by the browser's import, merge and the readers' check alike.
MAX_BYTES = SCHEMA["x-max-bytes"]

ID = re.compile(ID_PATTERN)
GROUNDING = re.compile(GROUNDING_PATTERN)
BY = re.compile(BY_PATTERN)
MARKUP = re.compile(MARKUP_PATTERN, re.IGNORECASE)


def tidy(value: int | float) -> int | float:
    """A coordinate by the schema's rule (the browser's `round`): DECIMALS decimals, halves up, never -0."""
    if isinstance(value, int):
        return value
    rounded = math.floor(float(value) * 10 ** DECIMALS + 0.5) / 10 ** DECIMALS
    return 0.0 if rounded == 0 else rounded


def render_js() -> str:
    """The ES module the browser imports: the same constants, nothing else."""
    def js(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    versions = {str(v): list(fields) for v, fields in TOP_FIELDS.items()}
    entries = {str(v): list(fields) for v, fields in ENTRY_FIELDS.items()}
    return f"""// Generated from src/place_for_research/data/schema/map.schema.json by
// `python -m place_for_research.data.map_format`; do not edit (tests/unit/test_map_format.py
// fails when this file and the schema differ).

/** The version every map this site writes carries (stored record, share link, exports). */
export const MAP_VERSION = {MAP_VERSION};
/** The versions this site reads. */
export const READ_VERSIONS = Object.freeze({js(list(READ_VERSIONS))});
/** @type {{Readonly<Record<string, readonly string[]>>}} a map's fields, per version */
export const TOP_FIELDS = Object.freeze({js(versions)});
/** @type {{Readonly<Record<string, readonly string[]>>}} a placement's fields, per version */
export const ENTRY_FIELDS = Object.freeze({js(entries)});
/** Paper ids as the papers schema allows them (arXiv ids and slugs). */
export const ID_PATTERN = new RegExp({js(ID_PATTERN)});
/** A grounding mark: a taxonomy category id (a slug), or UNSURE. */
export const GROUNDING_PATTERN = new RegExp({js(GROUNDING_PATTERN)});
/** The optional `by:`: a short name, plain text, no control or format characters. */
export const BY_PATTERN = new RegExp({js(BY_PATTERN)}, "u");
/** HTML or script in any string of a map: refused, never escaped. */
export const MARKUP_PATTERN = new RegExp({js(MARKUP_PATTERN)}, "i");
/** A YAML export's first line, and its last (with the count of placements). */
export const YAML_HEADER = new RegExp({js(YAML_HEADER)});
export const YAML_END = new RegExp({js(YAML_END)});
/** The reader's "Neither or unsure" mark. */
export const UNSURE = {js(UNSURE)};
/** Coordinates keep this many decimals: value * 10^DECIMALS rounded, halves up, never -0. */
export const DECIMALS = {DECIMALS};
/** A map file larger than this (in UTF-8 bytes) is refused unread. */
export const MAX_BYTES = {MAX_BYTES};
"""


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else Path.cwd()
    target = root / JS_PATH
    target.write_text(render_js(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
