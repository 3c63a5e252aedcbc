"""Merge a research map exported from the browser into the papers file.

The spectrum widget's "Export YAML" (or JSON) writes::

    # Research map exported from <site name> on <ISO date>
    version: 1
    placements:
      - id: "1406.2661"
        x: -0.8
        y: 0.1

:func:`merge_map` turns each entry into the author's ``placement`` of that
paper. Every problem (unknown ids, coordinates that are not numbers or fall
outside the taxonomy's axes, duplicate ids, an existing placement that
differs) is collected and reported together, by id and line, and then
nothing is written. A ``grounding`` already in the file is kept: the widget
places papers, it does not classify them. Coordinates are kept to three
decimals, as the widget keeps them.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from place_for_research import safe_yaml, yaml_rt
from place_for_research.data import Taxonomy, load_taxonomy

EXPORT_VERSION = 1
ENTRY_FIELDS = ("id", "x", "y")


class MergeError(Exception):
    """The map cannot be merged; ``problems`` lists every reason, one line each."""

    def __init__(self, source: Path | str, problems: list[str]):
        self.source, self.problems = str(source), problems
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__(f"{source}: not merged ({count}); the papers file is unchanged:\n"
                         + "\n".join(f"  - {p}" for p in problems))


@dataclass
class MergeResult:
    added: list[str] = field(default_factory=list)      # papers that had no placement
    replaced: list[str] = field(default_factory=list)   # placements that differed (--replace)
    unchanged: list[str] = field(default_factory=list)  # already exactly there

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced)


@dataclass(frozen=True)
class Spot:
    id: str
    x: float
    y: float | None
    line: int


def _json_or_none(path: Path) -> Any:
    try:
        text = safe_yaml.read_text(path, yaml_rt.MAP_MAX_BYTES)  # capped; DataError is a ValueError
        return json.loads(text) if text.lstrip().startswith("{") else None
    except (OSError, ValueError):
        return None


def _line_of(node: Any, fallback: int = 1) -> int:
    lc = getattr(node, "lc", None)
    return lc.line + 1 if lc is not None and lc.line is not None else fallback


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _tidy(value: int | float) -> int | float:
    """A coordinate as the widget keeps it: 3 decimals at most (so YAML never writes 1e-05,
    which PyYAML would read back as text), integers as they are."""
    if isinstance(value, int):
        return value
    rounded = round(float(value), 3)
    return 0.0 if rounded == 0 else rounded


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


def read_map(path: Path, taxonomy: Taxonomy) -> tuple[list[Spot], list[str]]:
    """The spots of an exported map (YAML or JSON), and every problem found in it."""
    path = Path(path)
    try:
        root = yaml_rt.load(path, max_bytes=yaml_rt.MAP_MAX_BYTES)  # a map is small: refuse a huge one fast
    except yaml_rt.EditError as error:
        root = _json_or_none(path)  # JSON indented with tabs is not YAML
        if root is None:
            return [], [str(error)]
    where = path.name
    if not isinstance(root, dict):
        return [], [f"{where}: expected `version: 1` and a `placements:` list, as the spectrum's Export writes"]
    problems: list[str] = []
    extra = [str(key) for key in root if key not in ("version", "placements")]
    if extra:
        problems.append(f"{where}: unexpected field(s) {', '.join(extra)} (expected version and placements)")
    version = root.get("version")
    if version != EXPORT_VERSION:
        problems.append(f"{where}: version is {_describe(version)}, this command reads version {EXPORT_VERSION}")
    placements = root.get("placements")
    if placements is None and "placements" not in root:
        return [], problems + [f"{where}: no `placements:` list"]
    if placements is None:
        placements = []
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
        label = f'{where}:{line}: "{paper_id}"'
        unknown_fields = [str(key) for key in entry if key not in ENTRY_FIELDS]
        if unknown_fields:
            problems.append(f"{label}: unexpected field(s) {', '.join(unknown_fields)} (expected id, x, y)")
        ok = True
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
            spots.append(Spot(paper_id, values["x"], values["y"], line))
    return spots, problems


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-9


def merge_map(map_path: Path, papers_path: Path, taxonomy_path: Path, *, replace: bool = False,
              dry_run: bool = False) -> MergeResult:
    """Merge the exported map into the papers file as the author's placements.

    Raises MergeError listing every problem (the papers file untouched), or
    yaml_rt.EditError / data.DataError when the papers or taxonomy file itself is broken.
    """
    map_path, papers_path = Path(map_path), Path(papers_path)
    taxonomy = load_taxonomy(taxonomy_path)
    spots, problems = read_map(map_path, taxonomy)
    document = yaml_rt.load(papers_path)
    papers = document.get("papers") if isinstance(document, dict) else None
    if not isinstance(papers, list):
        raise yaml_rt.EditError(f"{papers_path}: expected a `papers:` list")
    by_id = {entry.get("id"): entry for entry in papers if isinstance(entry, dict)}

    result = MergeResult()
    updates: list[tuple[CommentedMap, Spot, bool]] = []
    for spot in spots:
        label = f'{map_path.name}:{spot.line}: "{spot.id}"'
        entry = by_id.get(spot.id)
        if entry is None:
            problems.append(f"{label}: unknown paper id, not in {papers_path.name} "
                            f"(add it first: place-for-research add-paper {spot.id})")
            continue
        current = entry.get("placement")
        if current is None:
            updates.append((entry, spot, False))
            continue
        if _same(current.get("x"), spot.x) and _same(current.get("y"), spot.y):
            result.unchanged.append(spot.id)
            continue
        if not replace:
            def show(x: Any, y: Any) -> str:
                return f"x {x}" + ("" if y is None else f", y {y}")
            problems.append(f"{label}: conflicts with the placement in {papers_path.name} "
                            f"({show(current.get('x'), current.get('y'))}; the map says "
                            f"{show(spot.x, spot.y)}); use --replace to take the map's")
            continue
        updates.append((entry, spot, True))
    if problems:
        raise MergeError(map_path, problems)

    for entry, spot, existing in updates:
        if existing:
            placement = entry["placement"]
            placement["x"] = spot.x
            if spot.y is None:
                if "y" in placement:
                    yaml_rt.delete_key(placement, "y")
            elif "y" in placement:
                placement["y"] = spot.y
            else:
                placement.insert(1, "y", spot.y)
            result.replaced.append(spot.id)
        else:
            pairs = {"x": spot.x} if spot.y is None else {"x": spot.x, "y": spot.y}
            yaml_rt.append_key(entry, "placement", yaml_rt.flow_map(pairs))
            result.added.append(spot.id)
    if result.changed and not dry_run:
        yaml_rt.write_validated(papers_path, document, Path(taxonomy_path))
    elif result.changed:
        yaml_rt.check_papers_text(papers_path, yaml_rt.dump(document), Path(taxonomy_path))
    return result
