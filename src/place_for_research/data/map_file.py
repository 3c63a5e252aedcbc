"""A reader's map file (schema/map.schema.json), read as the browser's import reads it.

The spectrum widget's "Export YAML" (or JSON) writes::

    # Research map exported from <site name> on <ISO date>
    version: 2
    by: "Ada"                 (optional: the reader's chosen name)
    placements:
      - id: "1406.2661"
        x: -0.8
        y: 0.1
        grounding: laws-of-math
    # end of map: 1 placement

Version 1 maps (``id``, ``x``, ``y`` only) are read too. :func:`read_map` gives
the spots and every problem (unknown ids or groundings, coordinates that are not
numbers or fall outside the taxonomy's axes, duplicate ids), by line. The file is
read as the browser's import reads it (JSON if it starts with "{", else the
export's YAML, whose end line must be there on a version 2 export), so both give
every file of tests/fixtures/maps/corpus the same verdict. Coordinates are kept
to three decimals by the schema's rule (map_format.tidy). `merge` and the
readers' map both read maps here.
"""
from __future__ import annotations

import datetime
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString, ScalarString

from place_for_research.data import map_format, safe_yaml, yaml_rt
from place_for_research.data.catalogue import Taxonomy

# The format's constants and patterns: read from the schema by map_format, not repeated here.
EXPORT_VERSIONS = map_format.READ_VERSIONS
EXPORT_VERSION = map_format.MAP_VERSION
ENTRY_FIELDS = map_format.ENTRY_FIELDS
ID_PATTERN = map_format.ID
GROUNDING_PATTERN = map_format.GROUNDING
UNSURE = map_format.UNSURE
YAML_END = re.compile(map_format.YAML_END)
YAML_HEADER = re.compile(map_format.YAML_HEADER)


@dataclass(frozen=True)
class Spot:
    id: str
    x: float
    y: float | None
    line: int
    grounding: str | None = None  # the reader's mark: a category id, or UNSURE


class DuplicateKey(ValueError):
    """A JSON object names one key twice (json.loads would silently keep the last)."""


def _json_with_lines(text: str, name: str) -> Any:
    """JSON, with a key given twice in one object refused and its line named, as YAML's is."""
    def pairs(items: list[tuple[str, Any]]) -> dict:
        out: dict = {}
        for key, value in items:
            if key in out:
                raise DuplicateKey(key)
            out[key] = value
        return out

    decoder = json.JSONDecoder(object_pairs_hook=pairs)
    try:
        return decoder.decode(text)
    except DuplicateKey as error:
        line = _duplicate_line(text, str(error))
        raise ValueError(f"{name}:{line}: \"{error}\" is given twice in one object; "
                         "keep the one you mean") from None


_COLON_NEXT = re.compile(r"\s*:")


def _duplicate_line(text: str, key: str) -> int:
    """The line of the second mention of key inside one object (the first one found twice)."""
    wanted = key
    depth_keys: list[set[str]] = []
    line = 1
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\n":
            line += 1
        elif char == "{":
            depth_keys.append(set())
        elif char == "}":
            depth_keys.pop()
        elif char == '"':
            end = index + 1
            while text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            token = text[index:end + 1]
            if _COLON_NEXT.match(text, end + 1) and depth_keys:  # a key (matched in place: no copy of the rest)
                name = json.loads(token)
                if name == wanted and name in depth_keys[-1]:
                    return line
                depth_keys[-1].add(name)
            line += token.count("\n")
            index = end
        index += 1
    return 1


def _map_text(path: Path) -> tuple[str | None, str | None]:
    """(the file's text, None), or (None, the reason it cannot be read)."""
    try:
        return safe_yaml.read_text(path, map_format.MAX_BYTES), None  # capped; DataError is a ValueError
    except OSError as error:
        return None, f"cannot read {path}: {error.strerror or error}"
    except ValueError as error:
        return None, str(error)


def is_json(text: str) -> bool:
    """JSON if it starts with "{", as the browser's import decides; anything else is the export's YAML."""
    return text.lstrip("\ufeff \t\r\n").startswith("{")


def _line_problems(root: Any, lines: list[str], where: str) -> list[str]:
    """The export's YAML has one thing a line: a key (`key: value`, keys unquoted) or an item
    (`- id: …`), or a comment. A quoted key, or a value that goes on over the next line, is
    YAML but not the export's format, and the browser's import refuses both."""
    if not isinstance(root, CommentedMap):
        return []
    starts: set[int] = set()
    maps = [root] + [entry for entry in root.get("placements") or [] if isinstance(entry, CommentedMap)] \
        if isinstance(root.get("placements"), CommentedSeq) else [root]
    for mapping in maps:
        for key in mapping:
            if isinstance(key, ScalarString):
                return [f"{where}:{mapping.lc.key(key)[0] + 1}: a quoted key; write keys plain (`id:`, not `\"id\":`)"]
            starts.add(mapping.lc.key(key)[0])
    placements = root.get("placements")
    if isinstance(placements, CommentedSeq):
        starts.update(placements.lc.item(index)[0] for index in range(len(placements)))
    for number, line in enumerate(lines):
        content = line.strip()
        if content and not content.startswith("#") and content not in ("---", "-") and number not in starts:
            return [f"{where}:{number + 1}: a value goes on over more than one line; write it on one line"]
    return []


def _yaml_shape_problems(text: str, root: Any, where: str) -> list[str]:
    """What the export's YAML never holds though YAML allows it (flow collections other than
    `placements: []`, block scalars), and its end line: a version 2 export (it has the header)
    without it, or with another count, was cut short."""
    problems: list[str] = []

    def walk(node: Any, top: bool = False) -> None:
        if isinstance(node, (CommentedMap, CommentedSeq)):
            empty_list = top and isinstance(node, CommentedSeq) and not node
            if node.fa.flow_style() and not empty_list:
                problems.append(f"{where}:{_line_of(node)}: only plain `key: value` lines and `- ` items "
                                "are allowed, not {{…}} or […]")
                return
            for child in node.values() if isinstance(node, CommentedMap) else node:
                walk(child)
        elif isinstance(node, (LiteralScalarString, FoldedScalarString)):
            problems.append(f"{where}: only plain values are allowed, not | or > blocks")

    if isinstance(root, CommentedMap):
        for key, value in root.items():
            walk(value, top=key == "placements")
    lines = text.lstrip("\ufeff").splitlines()
    problems += _line_problems(root, lines, where)
    ends = [(number, YAML_END.match(line.strip())) for number, line in enumerate(lines, start=1)]
    ends = [(number, int(match.group(1))) for number, match in ends if match]
    if not ends:
        version = root.get("version") if isinstance(root, dict) else None
        if lines and YAML_HEADER.match(lines[0]) and version != 1:
            problems.append(f"{where}: the file ends before its \"# end of map\" line; it was cut short, "
                            "so it was not read")
        return problems
    end_at, count = ends[-1]
    after = [n for n, line in enumerate(lines, start=1) if n > ends[0][0] and line.strip()
             and not line.strip().startswith("#")]
    if after:
        problems.append(f"{where}:{after[0]}: text after the \"# end of map\" line")
    placements = root.get("placements") if isinstance(root, dict) else None
    listed = len(placements) if isinstance(placements, list) else 0
    if count != listed:
        problems.append(f"{where}:{end_at}: the file lists {listed} placement{'s' if listed != 1 else ''} "
                        f"but its last line says {count}; was it cut short?")
    return problems


def _line_of(node: Any, fallback: int = 1) -> int:
    lc = getattr(node, "lc", None)
    return lc.line + 1 if lc is not None and lc.line is not None else fallback


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


_tidy = map_format.tidy  # the schema's rounding rule (the browser's round3)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f'the text "{value[:24]}{"…" if len(value) > 24 else ""}"'
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    return repr(value)


def by_problem(value: Any) -> str | None:
    """What is wrong with a map's `by:` (a reader's chosen name), or None."""
    if not isinstance(value, str) or not map_format.BY.match(value):
        return (f"must be a short name (1 to 60 characters, plain text, no control characters), "
                f"not {_describe(value)}")
    if map_format.MARKUP.search(value):
        return "contains HTML or script"
    return None


def _as_written(value: Any) -> Any:
    """A plain `by: 2026-12-06` is text to the browser; YAML reads a date: give it back as written."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


def _ends_with_count(text: str, count: int) -> bool:
    ends = [YAML_END.match(line.strip()) for line in text.splitlines()]
    found = [int(m.group(1)) for m in ends if m]
    return bool(found) and found[-1] == count


def read_map(path: Path, taxonomy: Taxonomy) -> tuple[list[Spot], list[str]]:
    """The spots of an exported map (YAML or JSON), and every problem found in it."""
    path = Path(path)
    where = path.name
    text, unreadable = _map_text(path)  # a map is small: refuse a huge one fast
    if text is None:
        return [], [str(unreadable)]
    shape: list[str] = []
    if is_json(text):
        try:
            root = _json_with_lines(text, where)
        except ValueError as error:
            return [], [str(error) if "given twice" in str(error) else f"{where}: not valid JSON: {error}"]
    else:
        try:
            root = yaml_rt.loads(text, path)  # the text read above: the file is read once
        except yaml_rt.EditError as error:
            return [], [str(error)]
        shape = _yaml_shape_problems(text, root, where)
    if not isinstance(root, dict):
        return [], [f"{where}: expected `version: {EXPORT_VERSION}` and a `placements:` list, as the spectrum's Export writes"]
    problems: list[str] = list(shape)
    version = root.get("version")
    if isinstance(version, bool) or version not in EXPORT_VERSIONS:
        problems.append(f"{where}: version is {_describe(version)}, this command reads versions "
                        f"{', '.join(map(str, EXPORT_VERSIONS))}")
        version = EXPORT_VERSION
    top_fields = map_format.TOP_FIELDS[version]
    extra = [str(key) for key in root if key not in top_fields]
    if extra:
        problems.append(f"{where}: unexpected field(s) {', '.join(extra)} (expected {', '.join(top_fields)})")
    by = _as_written(root.get("by"))
    if "by" in root and "by" in top_fields and by_problem(by):
        line = f":{root.lc.key('by')[0] + 1}" if hasattr(root, "lc") else ""  # YAML knows its lines
        problems.append(f"{where}{line}: by {by_problem(by)}")
    fields = ENTRY_FIELDS[version]
    categories = {c.id for c in taxonomy.categories}
    placements = root.get("placements")
    if placements is None and "placements" in root and not shape and _ends_with_count(text, 0):
        placements = []  # `placements:` then the end line counting 0: an empty map, as the browser reads it
    if placements is None and "placements" not in root:
        return [], problems + [f"{where}: no `placements:` list"]
    if placements is None:  # `placements:` and nothing after it: a file cut short, never an empty map
        return [], problems + [f"{where}: `placements:` lists nothing; was the file cut short? "
                               "(an empty map is `placements: []`)"]
    if not isinstance(placements, list):
        return [], problems + [f"{where}: `placements` must be a list of `- id: …` entries"]

    spots: list[Spot] = []
    first_line: dict[str, int] = {}
    for index, entry in enumerate(placements, start=1):
        line = _line_of(entry, _line_of(placements))
        label = f"{where}:{line}: placement {index}"
        if not isinstance(entry, dict):
            problems.append(f"{label}: expected `id`, `x` and `y`, not {_describe(entry)}")
            continue
        paper_id = entry.get("id")
        if isinstance(paper_id, (int, float)) and not isinstance(paper_id, bool):
            problems.append(f'{label}: id {paper_id} is a number; quote it ("{paper_id}") so YAML keeps it as written')
            continue
        if not isinstance(paper_id, str) or not paper_id.strip():
            problems.append(f"{label}: missing `id`")
            continue
        if not ID_PATTERN.match(paper_id):
            problems.append(f"{label}: {_describe(paper_id)} is not a paper id")
            continue
        label = f'{where}:{line}: "{paper_id}"'
        unknown_fields = [str(key) for key in entry if key not in fields]
        if unknown_fields:
            problems.append(f"{label}: unexpected field(s) {', '.join(unknown_fields)} (expected {', '.join(fields)})")
        ok = True
        grounding = entry.get("grounding")
        if "grounding" in entry and "grounding" in fields:
            if not isinstance(grounding, str) or not GROUNDING_PATTERN.match(grounding) \
                    or (grounding != UNSURE and grounding not in categories):
                problems.append(f"{label}: grounding must be one of {', '.join([*sorted(categories), UNSURE])}, "
                                f"not {_describe(grounding)}")
                ok = False
        values: dict[str, float | None] = {}
        for name, axis, required in (("x", taxonomy.x, True), ("y", taxonomy.y, False)):
            value = entry.get(name)
            if value is None and not required:
                values[name] = None
                continue
            if not _number(value):
                problems.append(f"{label}: {name} must be a number, not {_describe(value)}")
                ok = False
            elif not axis.min <= value <= axis.max:
                problems.append(f"{label}: {name} = {value} is outside {axis.name} ({axis.min} to {axis.max})")
                ok = False
            else:
                values[name] = _tidy(value)
        if paper_id in first_line:
            problems.append(f"{label}: listed twice (first on line {first_line[paper_id]})")
            continue
        first_line[paper_id] = line
        if ok:
            spots.append(Spot(paper_id, values["x"], values["y"], line, grounding if "grounding" in fields else None))
    return spots, problems
