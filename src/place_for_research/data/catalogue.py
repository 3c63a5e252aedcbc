"""The site's data: papers (with the author's placements) and the taxonomy.

Both live in YAML files that a fork edits. They are checked against the JSON
schemas in ``schema/`` and then against each other (placements inside the
axes, groundings that name a category, unique ids). The YAML is read by
:mod:`safe_yaml` (ruamel.yaml, no aliases, no duplicate keys, a size cap).
Every problem in a file is reported at once, each as ``file:line: field:
message``, so an author can jump straight to it.
"""
from __future__ import annotations

import difflib
import json
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from place_for_research.data import safe_yaml
from place_for_research.data.safe_yaml import DataError, Problem, field_name

__all__ = ["DataError", "Problem", "Paper", "Placement", "Taxonomy", "SiteData",
           "load_papers", "load_taxonomy", "load_site_data"]


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


# -- checking against the schema ---------------------------------------------------

Positions = dict[tuple, tuple[int, int]]


def _line(positions: Positions, at: tuple) -> int:
    while at not in positions:
        at = at[:-1]
    return positions[at][0]


@cache
def _schema(name: str) -> dict:
    return json.loads(resources.files(__package__).joinpath("schema", name).read_text())


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


_TYPE_NAMES = {"string": "text", "integer": "a whole number", "number": "a number",
               "array": "a list", "object": "a mapping (field: value lines)"}


def _source_value(text: str, positions: Positions, at: tuple) -> str:
    """The value as written in the file (before YAML turned it into a number or date)."""
    line, column = positions.get((*at, "(value)"), positions.get(at, (0, 0)))
    if not line:
        return ""
    written = text.splitlines()[line - 1][column - 1:]
    return written.split(" #")[0].strip().rstrip(",}]").strip()


def _schema_problems(path: Path, value: Any, positions: Positions, text: str, schema: str) -> list[Problem]:
    """Every schema violation as a Problem: unknown fields by their own name (with the
    closest known one), missing fields at the object that lacks them, values that YAML
    did not read as text ("quote it")."""
    file, problems = str(path), []
    validator = jsonschema.Draft202012Validator(_schema(schema))
    errors = list(validator.iter_errors(value))
    suggested: set[tuple] = set()  # (object path, field) a misspelling already points at
    for error in errors:
        if error.validator == "additionalProperties":
            at = tuple(error.absolute_path)
            known = list(error.schema.get("properties", {}))
            for extra in error.instance:
                if extra in known:
                    continue
                close = difflib.get_close_matches(str(extra), known, n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]}?" if close and close[0] not in error.instance else ""
                if hint:
                    suggested.add((at, close[0]))
                problems.append(Problem(file, _line(positions, (*at, extra)), field_name((*at, extra)),
                                        f"is not a known field{hint} (known: {', '.join(known)})"))
    for error in errors:
        at = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            continue
        if error.validator == "required":  # point at the object that lacks the field
            missing = error.message.split("'")[1]
            if (at, missing) not in suggested:
                problems.append(Problem(file, _line(positions, at), field_name((*at, missing)),
                                        "is required but missing"))
            continue
        problems.append(Problem(file, _line(positions, at), field_name(at), _message(error, text, positions, at)))
    return problems


def _message(error: jsonschema.ValidationError, text: str, positions: Positions, at: tuple) -> str:
    value, rule, bound = error.instance, error.validator, error.validator_value
    if rule == "type":
        wanted = _TYPE_NAMES.get(bound, bound) if isinstance(bound, str) else " or ".join(bound)
        written = _source_value(text, positions, at)
        if bound == "string" and not isinstance(value, (dict, list)) and value is not None and written:
            read_as = (f"true/false ({str(value).lower()})" if isinstance(value, bool)
                       else f"the date {value.isoformat()}" if hasattr(value, "isoformat")
                       else f"the number {value!r}")
            return f'YAML reads the unquoted {written} as {read_as}, not text: quote it: "{written}"'

        if value is None:
            return f"is empty; it should be {wanted}"
        return f"{_short(value)} is not of type {bound!r} ({wanted})"
    if rule == "pattern" and bound == "^https://":
        return f"{_short(value)} should start with https://"
    if rule == "pattern":
        return f"{_short(value)} does not have the expected form ({bound})"
    if rule == "maxLength":
        return f"is {len(value)} characters long; at most {bound} are allowed"
    if rule == "minLength":
        return "should be non-empty" if bound == 1 else f"should be at least {bound} characters long"
    if rule == "minItems":
        return "should be non-empty" if bound == 1 else f"should have at least {bound} items"
    if rule in ("minimum", "maximum"):
        return f"{_short(value)} is {'below the minimum' if rule == 'minimum' else 'above the maximum'} {bound}"
    return error.message if len(error.message) <= 200 else error.message[:200] + "…"


def _read_checked(path: Path, schema: str) -> tuple[Any, Positions, list[Problem]]:
    raw, positions, text = safe_yaml.load(path)
    return raw, positions, _schema_problems(path, raw, positions, text, schema)


def _bad_entries(problems: list[Problem], prefix: str) -> set[int]:
    """The indexes of list entries (``prefix[3]...``) that have schema problems."""
    found = set()
    for problem in problems:
        if problem.field.startswith(prefix + "["):
            found.add(int(problem.field[len(prefix) + 1:].split("]")[0]))
    return found


# -- loading ------------------------------------------------------------------

def load_taxonomy(path: Path | str) -> Taxonomy:
    path = Path(path)
    raw, positions, problems = _read_checked(path, "taxonomy.schema.json")

    def fail(at: tuple, message: str) -> None:
        problems.append(Problem(str(path), _line(positions, at), field_name(at), message))

    if isinstance(raw, dict) and isinstance(raw.get("axes"), dict):
        for axis in ("x", "y"):
            bounds = raw["axes"].get(axis)
            if isinstance(bounds, dict) and all(_is_number(bounds.get(k)) for k in ("min", "max")) \
                    and bounds["min"] >= bounds["max"]:
                fail(("axes", axis, "max"), "must be greater than min")
    seen: set[str] = set()
    categories = raw.get("categories") if isinstance(raw, dict) else None
    for index, category in enumerate(categories if isinstance(categories, list) else []):
        if isinstance(category, dict) and isinstance(category.get("id"), str):
            if category["id"] in seen:
                fail(("categories", index, "id"), f"duplicate category id {category['id']!r}")
            seen.add(category["id"])
    if problems:
        raise DataError.of(problems)
    return Taxonomy(
        title=raw["title"],
        x=Axis(**raw["axes"]["x"]),
        y=Axis(**raw["axes"]["y"]),
        categories=tuple(Category(**c) for c in raw["categories"]),
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def load_papers(path: Path | str, taxonomy: Taxonomy) -> tuple[Paper, ...]:
    path = Path(path)
    raw, positions, problems = _read_checked(path, "papers.schema.json")
    entries = raw.get("papers") if isinstance(raw, dict) else None
    entries = entries if isinstance(entries, list) else []
    broken = _bad_entries(problems, "papers")
    papers, seen = [], set()
    for index, entry in enumerate(entries):
        def fail(*field: str | int, message: str) -> None:
            at = ("papers", index, *field)
            problems.append(Problem(str(path), _line(positions, at), field_name(at), message))

        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            if entry["id"] in seen:
                fail("id", message=f"duplicate paper id {entry['id']!r}")
            seen.add(entry["id"])
        if index in broken or not isinstance(entry, dict):
            continue
        placement = entry.get("placement")
        if placement is not None:
            for name, axis in (("x", taxonomy.x), ("y", taxonomy.y)):
                value = placement.get(name)
                if value is not None and not axis.min <= value <= axis.max:
                    fail("placement", name, message=f"{value} is outside [{axis.min:g}, {axis.max:g}]")
            grounding = placement.get("grounding")
            if grounding is not None and taxonomy.category(grounding) is None:
                known = ", ".join(c.id for c in taxonomy.categories)
                fail("placement", "grounding", message=f"unknown category {grounding!r} (known: {known})")
            placement = Placement(**placement)
        papers.append(Paper(**{**entry, "authors": tuple(entry["authors"]), "placement": placement}))
    if problems:
        raise DataError.of(problems)
    return tuple(papers)


def load_site_data(papers_path: Path | str, taxonomy_path: Path | str) -> SiteData:
    taxonomy = load_taxonomy(taxonomy_path)
    return SiteData(taxonomy=taxonomy, papers=load_papers(papers_path, taxonomy))
