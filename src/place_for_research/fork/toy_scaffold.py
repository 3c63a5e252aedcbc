"""`place-for-research new-toy NAME`: a new toy that builds and passes its tests at once.

Writes ``src/place_for_research/toys/<module>.py`` (a small ``run()`` with
``CONTROLS`` and ``READOUTS`` to edit, drawing a figure the site draws
itself), ``notebooks/<name>.ipynb`` (run it, show the figure) and a nav entry
under the toys' section of mkdocs.yml. The toys package finds the module by
itself (toys.names), so nothing else needs an edit.
"""
from __future__ import annotations

import json
import keyword
import re
from dataclasses import dataclass
from pathlib import Path

from place_for_research import toys
from place_for_research.data import yaml_rt
from place_for_research.fork import scaffold

NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
TOYS_FOLDER = Path("src") / "place_for_research" / "toys"
SECTION_TITLE = "Toy demos"


class ToyScaffoldError(Exception):
    """Why the toy was not created; nothing was written."""


@dataclass
class NewToy:
    module: Path
    notebook: Path
    config: Path
    fence: str


def check_name(name: str, toys_folder: Path, notebooks: Path) -> str:
    """The module name for a toy NAME, or ToyScaffoldError saying what is wrong with it."""
    if not NAME.fullmatch(name):
        raise ToyScaffoldError(f"{name!r} is not a toy name: use lower-case letters, digits and single hyphens, "
                               "starting with a letter (e.g. my-toy)")
    module = name.replace("-", "_")
    if keyword.iskeyword(module) or module in toys.HELPERS or module == "toys":
        raise ToyScaffoldError(f"{name!r} is a reserved name; choose another")
    for path in (toys_folder / f"{module}.py", notebooks / f"{name}.ipynb"):
        if path.exists():
            raise ToyScaffoldError(f"a toy named {name!r} already exists ({path}); choose another name")
    return module


def module_text(name: str) -> str:
    return TOY_TEMPLATE.replace("{{name}}", name)


def notebook_text(name: str, module: str) -> str:
    def cell(kind: str, text: str) -> dict:
        lines = text.split("\n")
        source = [line + "\n" for line in lines[:-1]] + [lines[-1]]
        extra = {"execution_count": None, "outputs": []} if kind == "code" else {}
        return {"cell_type": kind, "metadata": {}, "source": source, **extra}

    cells = [
        cell("markdown", f"# {title(name)}\n\n"
             "**What this notebook shows:** say which phenomenon, from which paper, and what to look for.\n"
             f"The code is the toy's own module, `place_for_research/toys/{module}.py`, the same the page's "
             "controls were computed with."),
        cell("code", f"from place_for_research.toys import {module} as toy\n"
             "from place_for_research.toys.display import show\n\n"
             "out = toy.run(seed=0)\n"
             "print(out[\"readouts\"])"),
        cell("code", "show(out[\"figures\"][\"main\"])"),
        cell("markdown", "**Go further.** Change the settings of `toy.run(...)` (see `toy.CONTROLS`) or the seed."),
    ]
    notebook = {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                                           "name": "python3"},
                                             "language_info": {"name": "python"}},
                "nbformat": 4, "nbformat_minor": 5}
    for index, item in enumerate(notebook["cells"]):
        item["id"] = f"{module.replace('_', '-')}-{index}"
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def title(name: str) -> str:
    words = name.replace("-", " ")
    return words[:1].upper() + words[1:]


def with_nav_entry(config_text: str, name: str) -> str:
    """mkdocs.yml's text with ``- Title: notebooks/NAME.ipynb`` at the end of the section whose
    pages are all under notebooks/ (or in a new "Toy demos" section after the first page);
    the rest of the text, comments included, unchanged."""
    lines = config_text.split("\n")
    try:
        nav = next(i for i, line in enumerate(lines) if re.match(r"^nav\s*:", line))
    except StopIteration:
        raise ToyScaffoldError("mkdocs.yml has no nav: add one, or add the notebook to the nav by hand") from None
    end = scaffold._block(lines, nav)
    items = [i for i in range(nav + 1, end) if re.match(r"^(\s*)- ", lines[i])]
    if not items:
        raise ToyScaffoldError("mkdocs.yml's nav is empty: add the notebook to the nav by hand")
    top = len(lines[items[0]]) - len(lines[items[0]].lstrip())
    tops = [i for i in items if len(lines[i]) - len(lines[i].lstrip()) == top]
    entry = f"{title(name)}: notebooks/{name}.ipynb"
    for position, start in enumerate(tops):
        stop = tops[position + 1] if position + 1 < len(tops) else end
        while stop > start + 1 and not lines[stop - 1].strip():
            stop -= 1
        block = "\n".join(lines[start + 1:stop])
        pages = re.findall(r"([\w./-]+\.(?:md|ipynb))\s*$", block, flags=re.MULTILINE)
        if re.match(r"^\s*- [^:]+:\s*$", lines[start]) and pages and all(p.startswith("notebooks/") for p in pages):
            child = next(lines[i] for i in range(start + 1, stop) if lines[i].strip().startswith("- "))
            indent = child[: len(child) - len(child.lstrip())]
            return "\n".join(lines[:stop] + [f"{indent}- {entry}"] + lines[stop:])
    first_end = tops[1] if len(tops) > 1 else end
    section = [f"{' ' * top}- {SECTION_TITLE}:", f"{' ' * (top + 4)}- {entry}"]
    return "\n".join(lines[:first_end] + section + lines[first_end:])


def new_toy(root: Path, name: str) -> NewToy:
    """Create the toy NAME in the project at root; ToyScaffoldError (nothing written) when it cannot."""
    project = scaffold.Project.at(root)
    toys_folder = project.root / TOYS_FOLDER
    if not toys_folder.is_dir():
        raise ToyScaffoldError(f"{project.root} has no {TOYS_FOLDER}: run this in your fork of the site")
    config = yaml_rt.read_mkdocs_config(project.config_path)
    folders = (config.get("extra") or {}).get("research", {}).get("notebooks", ["notebooks"])
    notebooks = project.root / str(folders[0])
    module = check_name(name, toys_folder, notebooks)
    config_text = with_nav_entry(project.config_path.read_text(encoding="utf-8"), name)
    notebooks.mkdir(exist_ok=True)
    module_path, notebook_path = toys_folder / f"{module}.py", notebooks / f"{name}.ipynb"
    yaml_rt.write_atomic(module_path, module_text(name))
    yaml_rt.write_atomic(notebook_path, notebook_text(name, module))
    yaml_rt.write_atomic(project.config_path, config_text)
    return NewToy(module_path, notebook_path, project.config_path, f"```toy\nnotebook: {name}\n```")


TOY_TEMPLATE = '''"""{{name}}: say here, in one line, what phenomenon this toy shows.

Then, in a few lines: the paper it comes from (title and arXiv id, e.g.
"Scaling Laws for Neural Language Models", arXiv 2001.08361), what the
reader changes (CONTROLS) and the numbers the page talks about (READOUTS).

As written, it averages noisy measurements of a true value: the error of
the mean shrinks like noise / sqrt(samples). Replace it with your own.
``run()`` must be deterministic for a seed and use the standard library only
(it also runs in the reader's browser, under Pyodide).
"""
import math

from ._common import COLORS, figure, make_rng, progress_or_noop
from .controls import Control, Readout

TRUE_VALUE = 1.0

CONTROLS = (
    Control("samples", "Measurements", (10, 30, 100, 300, 1000), default=100),
    Control("noise", "Noise", (0.5, 1.0, 2.0), default=1.0,
            help="The spread of one measurement around the true value."),
)

READOUTS = (
    Readout("error", "Error of the mean", digits=2),
    Readout("expected", "Expected error, noise / sqrt(samples)", digits=2),
)


def run(seed=0, progress=None, samples=100, noise=1.0):
    """The running mean of noisy measurements against their number."""
    report = progress_or_noop(progress)
    rng = make_rng(seed)
    total, xs, means = 0.0, [], []
    for n in range(1, samples + 1):
        total += rng.gauss(TRUE_VALUE, noise)
        if n == samples or n % max(1, samples // 100) == 0:  # at most about 100 points drawn
            xs.append(n)
            means.append(round(total / n, 4))
    report(1.0, "done")
    main = figure(
        [{"type": "scatter", "mode": "lines", "x": xs, "y": means, "name": "running mean",
          "line": {"color": COLORS["blue"]}},
         {"type": "scatter", "mode": "lines", "x": [1, samples], "y": [TRUE_VALUE, TRUE_VALUE],
          "name": "true value", "line": {"color": COLORS["orange"], "dash": "dash"}}],
        f"The mean of {samples} measurements settles near the true value",
        {"title": {"text": "measurements"}, "type": "log"},
        {"title": {"text": "running mean"}},
    )
    return {
        "figures": {"main": main},
        "readouts": {"error": abs(means[-1] - TRUE_VALUE), "expected": noise / math.sqrt(samples)},
    }
'''
