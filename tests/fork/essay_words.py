"""The previous essay's distinctive sentences, and where a fork still says them: what the fork
tests look for (every sentence of twelve words or more of the essay, its about page, its toy
index and its toy notebooks, less what `new`'s own templates say)."""
from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHORTEST = 12  # words: shorter sentences ("It builds in a minute.") are not anyone's own


def notebook_markdown(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")


def plain(text: str) -> str:
    """Markdown reduced to its words: code, math, tags and link targets out, one space between words."""
    text = re.sub(r"```.*?```|\$\$.*?\$\$|<[^>]+>", " ", text, flags=re.DOTALL)
    text = re.sub(r"!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])", r"\1", text)
    return " ".join(re.sub(r"[*_`#>|]", " ", text).split())


def sentences(text: str) -> set[str]:
    return {s for s in re.split(r"(?<=[.!?])\s+", plain(text)) if len(s.split()) >= SHORTEST}


def readable(path: Path) -> str:
    return notebook_markdown(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")


def template_sentences() -> set[str]:
    """What `new`'s own templates say: a fork may say it too."""
    folder = resources.files("place_for_research.fork").joinpath("templates")
    return set().union(*(sentences(item.read_text(encoding="utf-8")) for item in folder.iterdir()
                         if item.name.endswith((".md", ".txt"))))


def distinctive(paths: list[Path]) -> dict[str, Path]:
    """Each distinctive sentence of the original and the file that says it."""
    common = template_sentences()
    return {sentence: path for path in paths for sentence in sentences(readable(path)) if sentence not in common}


ESSAY_PAGES = [ROOT / "docs" / "index.md", ROOT / "docs" / "about.md", ROOT / "notebooks" / "index.md"]
TOY_NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
