"""The site's data: papers (with the author's placements) and the taxonomy.

Both live in YAML files that a fork edits. They are checked against the JSON
schemas in ``schema/`` and then against each other (placements inside the
axes, groundings that name a category, unique ids). Every problem is reported
as ``file:line: field: message`` so an author can jump straight to it.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml


class DataError(ValueError):
    """A data file is malformed: names the file, the line and the field."""

    def __init__(self, file: Path | str, line: int, field: str, message: str):
        self.file, self.line, self.field, self.message = str(file), line, field, message
        super().__init__(f"{file}:{line}: {field}: {message}")


@dataclass(frozen=True)
class Placement:
    """Where the author puts a paper. ``spread`` (half-widths ``{"x": .., "y": ..}``)
    marks a region rather than a point where the author is unsure; ``reason`` is
    the author's one- or two-sentence case for the spot, shown on reveal."""

    x: float
    y: float | None = None
    grounding: str | None = None
    reason: str | None = None
    spread: dict[str, float] | None = None


@dataclass(frozen=True)
class Paper:
    id: str
    title: str
    authors: tuple[str, ...]
    year: int
    url: str
    venue: str | None = None
    note: str | None = None
    placement: Placement | None = None

    @property
    def first_author(self) -> str:
        return self.authors[0]

    @property
    def short_authors(self) -> str:
        """'Goodfellow et al.' style, as the palette and references show it."""
        first = self.authors[0].removesuffix(" et al.")
        surname = first.split()[-1]
        if len(self.authors) == 1 and first == self.authors[0]:
            return surname
        if len(self.authors) == 2:
            return f"{surname} and {self.authors[1].split()[-1]}"
        return f"{surname} et al."


@dataclass(frozen=True)
class Axis:
    name: str
    min: float
    max: float
    low: str
    high: str
    definition: str = ""


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    colour: str
    definition: str


@dataclass(frozen=True)
class Taxonomy:
    title: str
    x: Axis
    y: Axis
    categories: tuple[Category, ...]

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)


@dataclass(frozen=True)
class SiteData:
    """Everything the spectrum needs, loaded once per build."""

    taxonomy: Taxonomy
    papers: tuple[Paper, ...]

    def paper(self, paper_id: str) -> Paper | None:
        return next((p for p in self.papers if p.id == paper_id), None)

    def to_json(self) -> dict[str, Any]:
        """The plain JSON the browser widget reads (None fields dropped)."""
        def clean(value: Any) -> Any:
            if isinstance(value, dict):
                return {k: clean(v) for k, v in value.items() if v is not None}
            if isinstance(value, (list, tuple)):
                return [clean(v) for v in value]
            return value
        return clean({"taxonomy": asdict(self.taxonomy), "papers": [asdict(p) for p in self.papers]})


# -- YAML with line numbers -------------------------------------------------

def _read_yaml(path: Path) -> tuple[Any, dict[tuple, int]]:
    """Parse YAML and remember the line (1-based) of every value by its path."""
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise DataError(path, mark.line + 1 if mark else 1, "(syntax)", str(error.problem)) from None
    lines: dict[tuple, int] = {}

    def walk(node: yaml.Node, at: tuple) -> None:
        lines[at] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, (*at, key.value))
                lines[(*at, key.value)] = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*at, index))

    if root is None:
        raise DataError(path, 1, "(file)", "the file is empty")
    walk(root, ())
    return yaml.safe_load(text), lines


def _field(at: tuple) -> str:
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"


def _line(lines: dict[tuple, int], at: tuple) -> int:
    while at not in lines:
        at = at[:-1]
    return lines[at]


@cache
def _schema(name: str) -> dict:
    return json.loads(resources.files(__package__).joinpath("schema", name).read_text())


def _check_schema(path: Path, value: Any, lines: dict, schema: str) -> None:
    validator = jsonschema.Draft202012Validator(_schema(schema))
    errors = sorted(validator.iter_errors(value), key=lambda e: _line(lines, tuple(e.absolute_path)))
    if errors:
        error = errors[0]
        at = tuple(error.absolute_path)
        if error.validator == "required":  # point at the object that lacks the field
            missing = error.message.split("'")[1]
            raise DataError(path, _line(lines, at), _field((*at, missing)), "is required but missing")
        if error.validator == "additionalProperties":
            extra = error.message.split("'")[1]
            raise DataError(path, _line(lines, (*at, extra)), _field((*at, extra)), "is not a known field")
        raise DataError(path, _line(lines, at), _field(at), error.message)


# -- loading ------------------------------------------------------------------

def load_taxonomy(path: Path | str) -> Taxonomy:
    path = Path(path)
    raw, lines = _read_yaml(path)
    _check_schema(path, raw, lines, "taxonomy.schema.json")
    for axis in ("x", "y"):
        if raw["axes"][axis]["min"] >= raw["axes"][axis]["max"]:
            at = ("axes", axis, "max")
            raise DataError(path, _line(lines, at), _field(at), "must be greater than min")
    seen: set[str] = set()
    for index, category in enumerate(raw["categories"]):
        if category["id"] in seen:
            at = ("categories", index, "id")
            raise DataError(path, _line(lines, at), _field(at), f"duplicate category id {category['id']!r}")
        seen.add(category["id"])
    return Taxonomy(
        title=raw["title"],
        x=Axis(**raw["axes"]["x"]),
        y=Axis(**raw["axes"]["y"]),
        categories=tuple(Category(**c) for c in raw["categories"]),
    )


def load_papers(path: Path | str, taxonomy: Taxonomy) -> tuple[Paper, ...]:
    path = Path(path)
    raw, lines = _read_yaml(path)
    _check_schema(path, raw, lines, "papers.schema.json")
    papers, seen = [], set()
    for index, entry in enumerate(raw["papers"]):
        def fail(*field: str | int, message: str) -> None:
            at = ("papers", index, *field)
            raise DataError(path, _line(lines, at), _field(at), message)

        if entry["id"] in seen:
            fail("id", message=f"duplicate paper id {entry['id']!r}")
        seen.add(entry["id"])
        placement = entry.get("placement")
        if placement is not None:
            for name, axis in (("x", taxonomy.x), ("y", taxonomy.y)):
                value = placement.get(name)
                if value is not None and not axis.min <= value <= axis.max:
                    fail("placement", name, message=f"{value} is outside [{axis.min}, {axis.max}]")
            grounding = placement.get("grounding")
            if grounding is not None and taxonomy.category(grounding) is None:
                known = ", ".join(c.id for c in taxonomy.categories)
                fail("placement", "grounding", message=f"unknown category {grounding!r} (known: {known})")
            placement = Placement(**placement)
        papers.append(Paper(**{**entry, "authors": tuple(entry["authors"]), "placement": placement}))
    return tuple(papers)


def load_site_data(papers_path: Path | str, taxonomy_path: Path | str) -> SiteData:
    taxonomy = load_taxonomy(taxonomy_path)
    return SiteData(taxonomy=taxonomy, papers=load_papers(papers_path, taxonomy))
