"""A new philosophy from a fork, end to end, as an author makes it.

In a copy of the repository: `place-for-research new` with a new title, the
taxonomy renamed as an author would (a new taxonomy.yml), a strict
build, then Chromium: the new title, the template essay, and the renamed
poles on the live chart. Then the round trip: a map opened in the widget,
exported with its Map menu's Export YAML, merged with `place-for-research merge`,
and after a rebuild the author's placements show in the static figure (in a
browser without JavaScript), in the page's data, and in the widget's
comparison with the author's map.
"""
from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import sys
import time
from html import unescape
from pathlib import Path

import pytest
from conftest import ROOT, build_site, open_context, serve
from playwright.sync_api import expect

from place_for_research.data.catalogue import load_site_data

TITLE = "Slow Science, Carefully"
AUTHOR = "Ada Example"
# The author's own vocabulary: the taxonomy.yml an author writes after `new`.
TAXONOMY = """\
title: Ways of knowing
axes:
  x:
    name: Blueprint ↔ refinement
    min: -1
    max: 1
    low: Blueprint
    high: Refinement
    definition: From a new plan for a problem to the polish of an old one.
  y:
    name: How much field work
    min: 0
    max: 1
    low: Desk work
    high: Field notes
    definition: How much of the work is watching what models do.
categories:
  - id: proofs
    name: Proofs
    colour: "#3f6fd8"
    definition: Derived on paper first.
  - id: hunches
    name: Hunches
    colour: "#2a9d8f"
    definition: Ideas that come from experience before anyone can state them.
"""
# The map a reader makes: two of the template's papers.
MAP = {"1706.03762": (-0.4, 0.2), "2209.10652": (0.6, 0.85)}
TIMINGS: dict[str, float] = {}


def copy_repository(destination: Path) -> None:
    """The files a fork has: everything git tracks or would track (no .venv, node_modules, site, caches)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True)
    if listed.returncode == 0:
        for name in filter(None, listed.stdout.decode().split("\0")):
            source = ROOT / name
            if source.is_file():
                target = destination / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
    else:  # not a git checkout (e.g. an unpacked archive)
        shutil.copytree(ROOT, destination, ignore=shutil.ignore_patterns(
            ".git", ".venv", "node_modules", "site", ".cache", ".stamps", "__pycache__", ".pytest_cache"))
    (destination / "node_modules").symlink_to(ROOT / "node_modules")  # the pinned runtime vendor.py copies
    if (ROOT / ".cache" / "editor").is_dir():  # the code editor bundle, so the build needs no esbuild run
        shutil.copytree(ROOT / ".cache" / "editor", destination / ".cache" / "editor")
    if (ROOT / ".cache" / "pyodide-snapshot").is_dir():  # Python's memory snapshot, so no node run either
        shutil.copytree(ROOT / ".cache" / "pyodide-snapshot", destination / ".cache" / "pyodide-snapshot")


def cli(fork: Path, *argv: str) -> subprocess.CompletedProcess:
    """The installed console script, run in the fork as an author runs it."""
    script = Path(sys.executable).parent / "place-for-research"
    return subprocess.run([str(script), *argv], cwd=fork, capture_output=True, text=True, timeout=300)  # a bound against a hang, generous for a busy machine


def build(fork: Path, folder: Path, url: str) -> None:
    started = time.perf_counter()
    result = build_site(folder, fork / "mkdocs.yml", site_url=url)
    TIMINGS.setdefault("builds", []).append(round(time.perf_counter() - started, 1))  # type: ignore[union-attr]
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def fork(tmp_path_factory):
    """A fork started with `new`, its taxonomy renamed, built and served: (fork, site folder, url)."""
    root = tmp_path_factory.mktemp("fork")
    fork = root / "my-philosophy"
    started = time.perf_counter()
    copy_repository(fork)
    TIMINGS["copy"] = round(time.perf_counter() - started, 1)

    started = time.perf_counter()
    # --force: in a fork that has already run `new`, the test starts it again.
    result = cli(fork, "new", "--title", TITLE, "--author", AUTHOR, "--force",
                 "--papers", "clear", "--placements", "clear", "--toys", "clear")
    TIMINGS["new"] = round(time.perf_counter() - started, 1)
    assert result.returncode == 0, result.stderr
    assert f"Started '{TITLE}' by {AUTHOR}" in result.stdout

    (fork / "docs" / "data" / "taxonomy.yml").write_text(TAXONOMY, encoding="utf-8")

    site = root / "site"
    site.mkdir()
    server, url = serve(site)
    build(fork, site, url)
    yield fork, site, url
    server.shutdown()
    print(f"\nscaffold flow timings (s): {TIMINGS}")


def figure_attr(html: str, index: int, name: str) -> dict:
    figures = re.findall(r'<figure class="research-spectrum"[^>]*>', html)
    match = re.search(rf"{name}='([^']*)'", figures[index])
    assert match, f"figure {index} has no {name}"
    return json.loads(unescape(match.group(1)))


def test_new_leaves_a_fork_that_builds_strictly_with_its_own_identity(fork):
    folder, site, _ = fork
    index = (site / "index.html").read_text(encoding="utf-8")
    assert f"<title>{TITLE}</title>" in index
    assert f'<meta property="og:title" content="{TITLE}">' in index
    assert f'<meta name="author" content="{AUTHOR}">' in index
    assert "Essay text © Ada Example" in index
    assert "This page is your essay, waiting to be written" in index
    # The template's papers, no previous author's placements, no toys.
    data = load_site_data(folder / "docs" / "data" / "papers.yml", folder / "docs" / "data" / "taxonomy.yml")
    assert [p.id for p in data.papers] == ["1706.03762", "2209.10652", "2001.08361"]
    assert all(p.placement is None for p in data.papers)
    assert not (site / "notebooks").exists()
    assert "Toy demos" not in index
    catalogue = json.loads((site / "assets" / "spectrum" / "catalogue.json").read_text(encoding="utf-8"))
    assert catalogue["taxonomy"]["x"]["low"] == "Blueprint"
    assert catalogue["taxonomy"]["categories"][-1]["name"] == "Hunches"


def test_the_forks_byline_names_its_author_and_cites_no_loopback_address(fork):
    """`new --author` sets the byline; the fork is built for the tests' loopback server, and a
    local build cites no address (the Pages workflow gives the published one)."""
    _, site, url = fork
    index = (site / "index.html").read_text(encoding="utf-8")
    block = index[index.index('<div class="byline">'):]
    assert f'<span class="byline__author">{AUTHOR}</span>' in block[:block.index("</div>")]
    cite = index[index.index('id="cite-this-essay"'):]
    cite = cite[:cite.index("</code></pre>")]
    assert f"{AUTHOR} (" in cite and "authors" not in cite
    assert "127.0.0.1" not in cite and "howpublished" not in cite


def test_the_previous_essays_checks_make_way_for_the_new_essays(fork):
    """`new` swaps tests/essay (checks of the old essay's words) for a check of the new
    one; the rest of the suite tests the machinery on tests/specimen."""
    folder, site, _ = fork
    checks = {}
    exec(compile((folder / "tests/essay/test_this_essay.py").read_text(encoding="utf-8"), "checks", "exec"), checks)
    assert checks["TITLE"] == TITLE
    assert not any(name.startswith("test_") and name != "test_the_essay_opens_with_its_title" for name in checks)
    checks["test_the_essay_opens_with_its_title"](site)


def test_a_second_run_is_refused(fork):
    folder, _, _ = fork
    before = (folder / "mkdocs.yml").read_text()
    result = cli(folder, "new", "--title", "Another", "--author", "Someone")
    assert result.returncode == 1
    assert "already ran here" in result.stderr and "--force" in result.stderr
    assert (folder / "mkdocs.yml").read_text() == before


def test_the_site_opens_in_chromium_with_the_renamed_spectrum(fork, browser):
    _, _, url = fork
    context, watch = open_context(browser, url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url)
    expect(page).to_have_title(TITLE)
    expect(page.locator("h1")).to_have_text(re.compile(rf"^{re.escape(TITLE)}\W*$"))
    expect(page.locator(".md-header__topic").first).to_contain_text(TITLE)
    expect(page.get_by_text("This page is your essay, waiting to be written")).to_be_visible()
    expect(page.get_by_role("heading", name="Citing a paper")).to_be_visible()
    # The live chart draws the author's vocabulary, not the original's.
    figure = page.locator("figure.research-spectrum").first
    figure.scroll_into_view_if_needed()
    expect(figure).to_have_attribute("data-ready", "true", timeout=30_000)
    chart = figure.locator(".js-plotly-plot, .spectrum-plotarea").first
    expect(figure).to_contain_text("Blueprint")
    expect(figure).to_contain_text("Refinement")
    assert "Structural" not in (figure.text_content() or "")
    assert chart.count() == 1
    # The reader's palette offers the template's papers.
    expect(figure.locator(".spectrum-palette")).to_contain_text("Toy Models of Superposition")
    context.close()
    assert not watch.foreign_requests, watch.foreign_requests
    assert not watch.console_errors, watch.console_errors


def test_an_exported_map_merged_by_the_command_becomes_the_authors_map(fork, browser, tmp_path):
    folder, site, url = fork
    context, watch = open_context(browser, url, viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()

    # 1. A reader's map, opened from a share link (the widget validates and stores it), then exported.
    entries = ";".join(f"{pid}:{x}:{y}" for pid, (x, y) in MAP.items())
    fragment = "map=1." + base64.urlsafe_b64encode(entries.encode()).decode().rstrip("=")
    page.goto(f"{url}#{fragment}")
    # The link lands on the whole map and holds it in view while the page settles (no scrolling here).
    figure = page.locator('figure.research-spectrum[data-view="map"]')
    expect(figure).to_have_attribute("data-ready", "true", timeout=30_000)
    expect(figure).to_be_in_viewport()
    expect(figure).to_contain_text("Opened the shared map with 2 papers")
    with page.expect_download() as download_info:
        figure.get_by_role("button", name="Map", exact=True).click()  # the Map menu holds the exports
        figure.get_by_role("menuitem", name="Export YAML").click()
    exported = tmp_path / "research-map.yaml"
    download_info.value.save_as(exported)
    text = exported.read_text(encoding="utf-8")
    assert text.startswith(f"# Research map exported from {TITLE} on ")

    # 2. The author merges it (run in the fork: the papers file comes from mkdocs.yml).
    result = cli(folder, "merge", str(exported))
    assert result.returncode == 0, result.stderr
    assert "2 added (1706.03762, 2209.10652)" in result.stdout
    papers = (folder / "docs" / "data" / "papers.yml").read_text(encoding="utf-8")
    assert "    placement: {x: -0.4, y: 0.2}" in papers
    assert "    placement: {x: 0.6, y: 0.85}" in papers
    assert papers.startswith("# The papers readers can place on your spectrum")

    # 3. Rebuilt, the author's map is in the page: its data for the widget ...
    build(folder, site, url)
    index = (site / "index.html").read_text(encoding="utf-8")
    plane = figure_attr(index, 1, "data-spectrum-options")
    assert plane["reveal"] is True
    author = json.loads((site / "assets" / "spectrum" / "author.json").read_text(encoding="utf-8"))["placements"]
    assert {pid: [spot["x"], spot["y"]] for pid, spot in author.items()} == {pid: list(spot) for pid, spot in MAP.items()}

    # ... its static figure, as a reader without JavaScript sees it, with the renamed poles ...
    quiet, quiet_watch = open_context(browser, url, java_script_enabled=False)
    static = quiet.new_page()
    static.goto(url)
    fallback = static.locator("figure.research-spectrum").nth(1).locator(".spectrum-fallback")
    expect(fallback.locator("svg text.spectrum-pole")).to_have_text(
        ["Blueprint", "Refinement", "Desk work", "Field notes"])
    fallback.get_by_role("link", name="The author's placements").click()   # no answer in the page itself
    rows = static.locator("table.spectrum-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Attention Is All You Need")
    expect(rows.nth(0)).to_contain_text("\u22120.40")
    expect(rows.nth(1)).to_contain_text("Toy Models of Superposition")
    expect(rows.nth(1)).to_contain_text("+0.60")
    quiet.close()

    # ... and the widget compares the reader's map (still in this browser) with it: the same spots.
    page.goto(url)
    figure = page.locator("figure.research-spectrum").nth(1)
    figure.scroll_into_view_if_needed()
    expect(figure).to_have_attribute("data-ready", "true", timeout=30_000)
    show = figure.get_by_role("button", name="Show the author's map")
    expect(show).to_be_enabled()
    show.click()
    expect(figure).to_contain_text("mean distance 0.00 over 2 papers")
    context.close()
    for w in (watch, quiet_watch):
        assert not w.foreign_requests, w.foreign_requests
        assert not w.console_errors, w.console_errors
