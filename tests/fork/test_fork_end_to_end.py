"""A fork, end to end: `new` (toys cleared, fewer than three spectra), one toy
added with `new-toy` and shown in the page, built strictly by the fork's own
essay tests (what `new` wrote), none of the previous essay's distinctive
sentences in its built pages, and the toy grids of the untouched toys taken
from the cache. One full build: about two minutes on a busy machine.

The machinery's tests run on the specimen, never on the essay's own words:
a static check below keeps it so.
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from place_for_research import toys
from place_for_research.builder import toy_grid

from essay_words import ESSAY_PAGES, TOY_NOTEBOOKS, distinctive

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
ESSAY_TESTS = {TESTS / "essay", TESTS / "fork"}  # the tests that may read the essay's own files
TOY = "coin-flips"


def copy_tracked_files(destination: Path) -> None:
    """This checkout's tracked files (as a fork's clone has them), with its node_modules linked."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target, follow_symlinks=False)
    (destination / "node_modules").symlink_to(ROOT / "node_modules")


def warm_cache(fork: Path) -> None:
    """The fork's cache as a fork that has built before has it: the grids of the toys it came with
    (computed here once, then kept in this checkout's cache) and the Pyodide snapshot."""
    cache = ROOT / ".cache"
    toy_grid.compute({name: toys.load(name) for name in toys.names()}, cache)
    shutil.copytree(cache / "toy-grids" / toy_grid.CACHE_FORMAT, fork / ".cache" / "toy-grids" / toy_grid.CACHE_FORMAT)
    if (cache / "pyodide-snapshot").is_dir():
        shutil.copytree(cache / "pyodide-snapshot", fork / ".cache" / "pyodide-snapshot")


def run_in(fork: Path, *command: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """A command in the fork, its own package first on the path (this checkout's venv)."""
    env = {**os.environ, "PYTHONPATH": str(fork / "src"), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, cwd=fork, capture_output=True, text=True, env=env, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(command)}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def built_pages_text(site: Path) -> dict[str, str]:
    """Each built page's visible text (tags, scripts and styles dropped), by its URL path ("" the home page):
    what a check for words that must not survive a fork reads."""
    pages = {}
    for path in sorted(site.rglob("index.html")):
        if "assets" in path.relative_to(site).parts:
            continue
        page = path.read_text(encoding="utf-8")
        page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
        where = path.parent.relative_to(site).as_posix()
        pages["" if where == "." else f"{where}/"] = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    return pages


@pytest.fixture(scope="module")
def fork(tmp_path_factory) -> Path:
    fork = tmp_path_factory.mktemp("fork")
    copy_tracked_files(fork)
    warm_cache(fork)
    tool = str(Path(sys.executable).parent / "place-for-research")
    run_in(fork, tool, "new", "--title", "Robots that learn", "--author", "A. Author", "--toys", "clear",
           "--papers", "clear", "--placements", "clear")
    made = run_in(fork, tool, "new-toy", TOY).stdout
    fence = made[made.index("```toy"):].strip()
    page = fork / "docs" / "index.md"
    essay = page.read_text(encoding="utf-8")
    one_spectrum = re.compile(r"^```spectrum\nview: map\n.*?^```\n", re.S | re.M)  # two spectra left: fewer than three
    assert one_spectrum.search(essay), "the template's map view moved: drop another spectrum here"
    page.write_text(one_spectrum.sub("", essay) + f"\n## My toy\n\n{fence}\n", encoding="utf-8")
    return fork


def test_a_fork_with_a_new_toy_builds_strictly_and_passes_its_own_tests(fork):
    # The fork's own checks, which build its site with `mkdocs build --strict` (tests/conftest.py).
    site_folder = fork / "built"
    run_in(fork, sys.executable, "-m", "pytest", "tests/essay", "-q", "-p", "no:cacheprovider",
           f"--basetemp={site_folder}", timeout=900)
    site = next(site_folder.glob("essay*/site"))
    pages = built_pages_text(site)
    index = (site / "index.html").read_text(encoding="utf-8")
    assert index.count('<figure class="research-spectrum"') == 2
    assert f'data-notebook="{TOY}"' in index and "notebooks/coin-flips/" in pages
    assert "Error of the mean" in pages[""]  # the new toy's readouts, and its figure drawn at build time:
    figure = site / re.search(r'data-notebook="coin-flips".*?data-svg-src="([^"]+)"', index, re.S).group(1)
    assert "The mean of 100 measurements settles near the true value" in figure.read_text(encoding="utf-8")
    # Only the new toy's grid ran; the toys the fork came with were read from the cache.
    # None of the previous essay's distinctive sentences reaches the fork's built pages.
    originals = distinctive(ESSAY_PAGES + TOY_NOTEBOOKS)
    kept = [f"{url}: {sentence}" for url, text in pages.items() for sentence in originals if sentence in text]
    assert kept == []
    record = json.loads((fork / ".cache" / "toy-grids" / toy_grid.CACHE_FORMAT / toy_grid.LAST_RUN).read_text())
    assert record == {"reused": sorted(set(toys.names())), "ran": ["coin_flips"]}


def test_no_machinery_test_reads_the_essays_own_pages_or_data():
    """Outside tests/essay (and this fork test), a test reads docs/ only for the site's
    machinery (docs/assets) or as a whole, whatever the essay is; its words are the author's."""
    essay_path = re.compile(r"""ROOT\s*/\s*["']docs(?:["']\s*/\s*["']|/)(?!assets\b)""")
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        if any(folder in path.parents for folder in ESSAY_TESTS):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if essay_path.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "machinery tests reading the essay's files:\n" + "\n".join(found)
