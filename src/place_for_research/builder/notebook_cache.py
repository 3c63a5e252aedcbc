"""The executed notebooks' cache, keyed per notebook on the toys it uses.

mkdocs-jupyter keys a cached notebook on the notebook's bytes and its own
options. A toy notebook's output also depends on the toy's source, so the
key here adds the source digest (toy_grid.source_digest) of each module of
the toys package the notebook's code names. Editing or adding one toy then
re-executes the notebooks that use it, not all of them. Which notebooks hit
or missed is in the build's log ("Cache hit" / "Cache miss", mkdocs -v).
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from place_for_research import toys
from place_for_research.builder import toy_grid

TOYS_FOLDER = Path(toys.__file__).parent


def toy_modules_used(notebook: Path) -> list[Path]:
    """The toys package's modules named as a word in the notebook's code cells."""
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        return []  # mkdocs-jupyter reports the unreadable notebook itself
    code = "\n".join("".join(cell.get("source", "")) for cell in cells if cell.get("cell_type") == "code")
    return [path for path in sorted(TOYS_FOLDER.glob("*.py"))
            if path.stem != "__init__" and re.search(rf"\b{re.escape(path.stem)}\b", code)]


def toys_key(notebook: Path) -> str:
    """A hash of the sources of the toys the notebook uses (with the helpers they import)."""
    digest = hashlib.sha256()
    for module in toy_modules_used(notebook):
        digest.update(module.stem.encode() + toy_grid.source_digest(module).encode())
    return digest.hexdigest()[:16]


def install() -> None:
    """Make mkdocs-jupyter's cache key include the notebook's toys (once per process)."""
    from mkdocs_jupyter import plugin

    original = plugin._compute_cache_key
    if getattr(original, "with_toys", False):
        return

    def key(nb_path, config, exec_nb):
        return f"{original(nb_path, config, exec_nb)[:40]}-{toys_key(Path(nb_path))}"

    key.with_toys = True  # type: ignore[attr-defined]
    plugin._compute_cache_key = key
