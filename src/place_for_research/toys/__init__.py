"""The toy demos: small, standard-library experiments behind the essay's examples.

Each toy module has a ``run(seed=0, progress=None, **settings)`` function that
returns plain data and Plotly figures as dicts, the same at build time on
CPython and in the reader's browser under Pyodide. Beside it, ``CONTROLS``
and ``READOUTS`` (see ``controls.py``) declare what a reader can change and
the numbers the essay talks about; ``run()`` returns ``figures`` and
``readouts`` at every point of their grid, deterministically for a seed.

A toy is found, not registered: every module of this package that defines
``run`` at its top level is a toy, except the private ones (``_common``)
and the shared helpers named in ``HELPERS``. Its description is the first
line of its docstring.
"""

import ast
import importlib
import re
from pathlib import Path

HELPERS = frozenset({"controls", "display"})  # shared by the toys, not toys themselves
_FOLDER = Path(__file__).parent
_DEFINES_RUN = re.compile(r"^def run\(", re.MULTILINE)  # text, not import: a broken toy is still found


def names() -> list[str]:
    """The toys' module names, sorted, found afresh in the package folder each call."""
    return sorted(path.stem for path in _FOLDER.glob("*.py")
                  if not path.stem.startswith("_") and path.stem not in HELPERS
                  and _DEFINES_RUN.search(path.read_text(encoding="utf-8")))


def description(name: str) -> str:
    """The first line of the toy's docstring ("" when it has none or does not parse)."""
    try:
        docstring = ast.get_docstring(ast.parse((_FOLDER / f"{name}.py").read_text(encoding="utf-8")))
    except SyntaxError:
        return ""
    return (docstring or "").strip().split("\n", 1)[0]


def load(name):
    """Import a toy module by its short name, e.g. ``load("scaling_law")``."""
    known = names()
    if name not in known:
        raise KeyError(f"unknown toy {name!r}; choose one of {known}")
    return importlib.import_module(f"{__name__}.{name}")
