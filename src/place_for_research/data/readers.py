"""The readers' map: readers' exported maps, checked and aggregated at build.

Readers send their maps (the spectrum's export, schema/map.schema.json) as
files in the readers' folder, ``extra.research.readers`` in mkdocs.yml (a
path inside docs/, by default ``data/readers``). :func:`check_folder` reads
every ``.yml``, ``.yaml`` or ``.json`` file there with :func:`map_file.read_map`
(the format the browser and ``merge`` read) and checks it against the site's
papers; it returns every problem of every file, each as ``file:line:
message``, and names identical maps as duplicates. ``place-for-research
readers check`` and the build (the hooks) both run it and stop on a problem.

:func:`aggregate` turns the checked maps into the one small file the site
publishes, ``data/readers.json`` (counts and quantiles only: never a map, a
file name or a reader's name)::

    {"version": 1, "readers": 12, "rule": "…the contested rule in words…",
     "papers": {"2303.01469": {"n": 7, "x": [q1, median, q3],
                               "y": [q1, median, q3] or null, "ny": 5,
                               "marks": {"laws-of-math": 3, "unsure": 2},
                               "contested": true, "why": "spread" | "marks" | null}}}

``x`` and ``y`` are the quartiles over the readers who placed the paper
(``y`` over the ``ny`` of them who set a y, null if none did), by linear
interpolation between the sorted values (position ``q·(n−1)``, as
``statistics.quantiles(method="inclusive")``), rounded as a map's coordinates are.
``marks`` counts the readers' grounding marks (a category id, or "unsure").
A paper no reader placed is not listed. The contested rule is :data:`RULE`.
"""
from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from place_for_research.data import map_file, map_format
from place_for_research.data.catalogue import SiteData

VERSION = 1
DEFAULT_FOLDER = "data/readers"
SUFFIXES = (".yml", ".yaml", ".json")
MAX_BYTES = map_format.MAX_BYTES  # checked before the file is read: a 10 MB file costs nothing
SITE_FILE = "data/readers.json"  # where the build writes the aggregate, in the built site

# The contested rule (one place: the aggregate carries these words, the view and the sentences quote them).
MIN_READERS = 3
SPREAD = 0.5  # of the x axis's range
RULE = (f"A paper is contested when at least {MIN_READERS} readers placed it and either the middle half of "
        f"their spots spans more than half of the axis (interquartile range of x over {SPREAD} of its range), "
        f"or at least {MIN_READERS} of them marked what it rests on and no mark has a majority.")


@dataclass(frozen=True)
class ReaderMap:
    """One reader's checked map: its spots (known papers only), each with the reader's mark if any."""

    file: str
    spots: tuple[map_file.Spot, ...]


@dataclass
class Checked:
    maps: list[ReaderMap] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def folder_of(docs_dir: Path, research: dict) -> Path:
    """The readers' folder from ``extra.research`` (a path inside docs/); ValueError if it is not one.
    Checked as written, not resolved: a docs/ whose data folder is a link is still inside."""
    setting = research.get("readers", DEFAULT_FOLDER)
    inside = os.path.normpath(setting) if isinstance(setting, str) and setting.strip() else ""
    if not inside or inside == "." or os.path.isabs(inside) or inside.split(os.sep)[0] == "..":
        raise ValueError(f"extra.research.readers: {setting!r} must be a folder inside the docs folder, "
                         f"like {DEFAULT_FOLDER}")
    return Path(docs_dir) / inside


def map_files(folder: Path, shown: Path | None = None) -> tuple[list[Path], list[str]]:
    """The map files in folder (sorted), and a problem for anything else there that is not a
    README or a hidden file (a map sent with the wrong name would otherwise be ignored silently)."""
    if not folder.is_dir():
        return [], []
    files, problems = [], []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.stem.upper() == "README":
            continue
        if path.is_file() and path.suffix.lower() in SUFFIXES:
            files.append(path)
        else:
            problems.append(f"{(shown or folder) / path.name}:1: not a reader's map (expected a .yml, .yaml or .json file the spectrum's "
                            "export saved)")
    return files, problems


def check_folder(folder: Path, data: SiteData, shown: Path | None = None) -> Checked:
    """Every map in folder, checked; ``shown`` is the folder as messages name it (default: as given)."""
    folder = Path(folder)
    files, problems = map_files(folder, shown)
    result = Checked(problems=problems)
    seen: dict[tuple, str] = {}
    for path in files:
        name = str((shown or folder) / path.name)
        reader_map, file_problems = check_file(path, data, name)
        result.problems.extend(file_problems)
        if reader_map is None:
            continue
        key = _key(reader_map)
        if key in seen:
            result.problems.append(f"{name}:1: the same map as {seen[key]} (identical placements): "
                                   "a duplicate; keep one of them")
            continue
        seen[key] = name
        result.maps.append(reader_map)
    return result


def check_file(path: Path, data: SiteData, name: str | None = None) -> tuple[ReaderMap | None, list[str]]:
    """(the map, or None if it has any problem; every problem as ``name:line: message``)."""
    name = name or str(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        return None, [f"{name}:1: cannot be read: {error.strerror or error}"]
    if size > MAX_BYTES:
        return None, [f"{name}:1: is {size:,} bytes; a reader's map is a few kB (at most {MAX_BYTES:,} bytes)"]
    spots, problems = map_file.read_map(path, data.taxonomy)
    problems = [_renamed(problem, path, name) for problem in problems]
    known = {paper.id for paper in data.papers}
    unknown = [spot for spot in spots if spot.id not in known]
    for spot in unknown:
        problems.append(f'{name}:{spot.line}: "{spot.id}": unknown paper id, not in this site\'s papers file')
    if spots and len(unknown) == len(spots):
        problems.append(f"{name}:1: none of its papers is in this site's papers file: a map from another site?")
    if not spots and not problems:
        problems.append(f"{name}:1: places no paper")
    if problems:
        return None, problems
    return ReaderMap(name, tuple(spots)), []


def _renamed(problem: str, path: Path, name: str) -> str:
    """read_map names the file by its name or its path; messages here name it as the reader sees it,
    always with a line."""
    for written in (str(path), path.name):
        if problem.startswith(written):
            problem = problem[len(written):]
            break
    else:
        problem = ": " + problem
    problem = problem.replace(str(path), name)
    return name + (problem if re.match(r":\d+:", problem) else ":1" + problem)


def _key(reader_map: ReaderMap) -> tuple:
    return tuple(sorted((s.id, s.x, s.y, s.grounding or "") for s in reader_map.spots))


# -- the aggregate ----------------------------------------------------------------

def quartiles(values: list[float]) -> list[float]:
    """[q1, median, q3] of values, by linear interpolation at position q·(n−1) of the sorted values."""
    ordered = sorted(values)
    last = len(ordered) - 1

    def at(q: float) -> float:
        position = q * last
        low = math.floor(position)
        high = min(low + 1, last)
        return ordered[low] + (ordered[high] - ordered[low]) * (position - low)

    return [map_format.tidy(at(q)) for q in (0.25, 0.5, 0.75)]  # the map format's own rounding


def contested(n: int, x: list[float], marks: dict[str, int], x_range: float) -> str | None:
    """Why a paper is contested by :data:`RULE` ("spread" first, then "marks"), or None."""
    if n < MIN_READERS:
        return None
    if x[2] - x[0] > SPREAD * x_range:
        return "spread"
    total = sum(marks.values())
    if total >= MIN_READERS and 2 * max(marks.values()) <= total:
        return "marks"
    return None


def aggregate(maps: Iterable[ReaderMap], data: SiteData) -> dict[str, Any]:
    """The readers' map as the site publishes it (see the module's docstring)."""
    xs: dict[str, list[float]] = {}
    ys: dict[str, list[float]] = {}
    marks: dict[str, dict[str, int]] = {}
    readers = 0
    for reader_map in maps:
        readers += 1
        for spot in reader_map.spots:
            xs.setdefault(spot.id, []).append(spot.x)
            if spot.y is not None:
                ys.setdefault(spot.id, []).append(spot.y)
            if spot.grounding:  # a category id, or "unsure"
                counts = marks.setdefault(spot.id, {})
                counts[spot.grounding] = counts.get(spot.grounding, 0) + 1
    x_range = data.taxonomy.x.max - data.taxonomy.x.min
    papers: dict[str, Any] = {}
    for paper in data.papers:
        if paper.id not in xs:
            continue
        n = len(xs[paper.id])
        x = quartiles(xs[paper.id])
        y = quartiles(ys[paper.id]) if paper.id in ys else None
        counted = marks.get(paper.id, {})
        why = contested(n, x, counted, x_range)
        papers[paper.id] = {"n": n, "x": x, "y": y, "ny": len(ys.get(paper.id, ())), "marks": counted,
                            "contested": why is not None, "why": why}
    return {"version": VERSION, "readers": readers, "rule": RULE, "papers": papers}


def write_site_file(site_dir: Path, aggregate_: dict[str, Any]) -> None:
    """data/readers.json in the built site."""
    path = Path(site_dir) / SITE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(aggregate_, ensure_ascii=False, separators=(",", ":"), allow_nan=False),
                    encoding="utf-8")


def empty() -> dict[str, Any]:
    """The aggregate of no map."""
    return {"version": VERSION, "readers": 0, "rule": RULE, "papers": {}}


def most_contested_first(papers: dict[str, Any]) -> list[str]:
    """Paper ids: contested first, then by the width of their spread (widest first), then by id."""
    return sorted(papers, key=lambda pid: (not papers[pid]["contested"],
                                           -(papers[pid]["x"][2] - papers[pid]["x"][0]), pid))


def readers_phrase(count: int) -> str:
    """'1 reader', '3 readers'."""
    return f"{count} reader{'' if count == 1 else 's'}"
