"""Merge a research map exported from the browser into the papers file.

:func:`merge_map` reads the map (map_file.read_map: every problem, by id and
line) and turns each entry into the author's ``placement`` of that paper: ``y``
only if the reader set it, ``grounding`` only if the reader marked a category
("unsure" claims nothing, and a grounding already in the file is kept). An
existing placement that differs is a problem too, unless ``replace``. Every
problem is reported together, and then nothing is written.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from place_for_research.data import yaml_rt
from place_for_research.data.catalogue import load_taxonomy
from place_for_research.data.map_file import UNSURE, Spot, read_map


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
    # "unsure" claims nothing: a merge takes only the categories the reader marked
    spots = [Spot(spot.id, spot.x, spot.y, spot.line) if spot.grounding == UNSURE else spot for spot in spots]
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
        if _same(current.get("x"), spot.x) and _same(current.get("y"), spot.y) \
                and (spot.grounding is None or spot.grounding == current.get("grounding")):
            result.unchanged.append(spot.id)
            continue
        if not replace:
            def show(x: Any, y: Any, grounding: Any) -> str:
                return f"x {x}" + ("" if y is None else f", y {y}") + ("" if grounding is None else f", {grounding}")
            problems.append(f"{label}: conflicts with the placement in {papers_path.name} "
                            f"({show(current.get('x'), current.get('y'), current.get('grounding'))}; the map says "
                            f"{show(spot.x, spot.y, spot.grounding)}); use --replace to take the map's")
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
            if spot.grounding is not None:
                if "grounding" in placement:
                    placement["grounding"] = spot.grounding
                else:
                    placement.insert(2 if "y" in placement else 1, "grounding", spot.grounding)
            result.replaced.append(spot.id)
        else:
            pairs = {"x": spot.x} if spot.y is None else {"x": spot.x, "y": spot.y}
            if spot.grounding is not None:
                pairs["grounding"] = spot.grounding
            yaml_rt.append_key(entry, "placement", yaml_rt.flow_map(pairs))
            result.added.append(spot.id)
    if result.changed and not dry_run:
        yaml_rt.write_validated(papers_path, document, Path(taxonomy_path))
    elif result.changed:
        yaml_rt.check_papers_text(papers_path, yaml_rt.dump(document), Path(taxonomy_path))
    return result
