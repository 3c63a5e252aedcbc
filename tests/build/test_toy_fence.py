"""Each ```toy fence of the built site's home page is a one-cell notebook: the code that
draws the preview (highlighted) and the figure it draws, in the markup the
live notebooks understand, with a link to the toy's page; a broken fence
stops the build."""
from __future__ import annotations

import html
import json
import re
from types import SimpleNamespace

import pytest

from place_for_research import fences, toys
from place_for_research.toys import display

PREVIEW = re.compile(r'<figure class="toy-preview" data-notebook="([^"]+)">(.*?)</figure>', re.DOTALL)
CLASSES = ("jupyter-wrapper", "jp-CodeCell", "jp-Cell-inputWrapper", "jp-InputArea-editor", "highlight-ipynb",
           "jp-Cell-outputWrapper", "jp-OutputArea", "jp-OutputArea-child", "jp-OutputArea-output", "plotly-figure")


def code_of(markup: str) -> str:
    """The text of the cell's code, as the browser (and notebook.js) reads it."""
    pre = re.search(r'<div class="highlight-ipynb hl-python"><pre>(.*?)</pre></div>', markup, re.DOTALL)
    assert pre, markup[:500]
    return html.unescape(re.sub(r"<[^>]+>", "", pre.group(1))).rstrip("\n")


def figures_of(markup: str) -> list[dict]:
    return [json.loads(html.unescape(value)) for value in re.findall(r'<div class="plotly-figure" data-figure="([^"]*)"', markup)]


def run_code(code: str) -> list[dict]:
    """Run a preview's code in CPython; the figures it shows."""
    shown = []
    original = display.show
    display.show = shown.append  # the cell imports show at run time, so it gets this one
    try:
        exec(compile(code, "<toy preview>", "exec"), {})
    finally:
        display.show = original
    return shown


@pytest.fixture(scope="module")
def previews(built_site) -> list[tuple[str, str]]:
    return PREVIEW.findall((built_site / "index.html").read_text(encoding="utf-8"))


def test_the_home_page_has_toy_previews(previews):
    assert previews, "no ```toy fence rendered on the home page"
    for notebook, _ in previews:
        assert notebook.replace("-", "_") in toys.TOYS, notebook


def test_each_preview_is_a_one_cell_notebook_whose_code_draws_its_figure(previews):
    for notebook, markup in previews:
        module = notebook.replace("-", "_")
        for name in CLASSES:
            assert f'class="{name}' in markup or f" {name}" in markup, f"{notebook}: no .{name}"
        assert markup.count('class="jp-Cell jp-CodeCell"') == 1, f"{notebook}: one code cell"
        code = code_of(markup)
        first = next(iter(toys.load(module).run(seed=0)["figures"]))
        assert code == fences.toy_code(module, first)
        assert code.splitlines()[0] == f"from place_for_research.toys import {module} as toy"
        assert code.splitlines()[-1] == f'show(toy.run(seed=0)["figures"]["{first}"])'
        # Highlighted with the Pygments classes notebook.css colours.
        assert '<span class="kn">from</span>' in markup and '<span class="mi">0</span>' in markup
        built = figures_of(markup)
        assert len(built) == 1, f"{notebook}: one figure"
        assert run_code(code) == built, f"{notebook}: the code does not draw the figure shown"
        # The full notebook stays one click away.
        assert re.search(rf'<figcaption>.*<a href="notebooks/{notebook}/">', markup), markup[-400:]


def test_the_preview_figure_is_written_as_show_writes_it(previews):
    # The same JSON text as a live run of the unchanged code: the live notebook
    # then reuses the built chart instead of drawing it again.
    notebook, markup = previews[0]
    text = html.unescape(re.search(r'<div class="plotly-figure" data-figure="([^"]*)"', markup).group(1))
    assert text == json.dumps(json.loads(text))


# -- the fence on its own -------------------------------------------------------------------------

def render(source: str) -> str:
    return fences.toy_fence(source, "toy", "toy-preview", {}, SimpleNamespace())


def test_the_figure_option_picks_the_figure_and_the_code_follows():
    module = next(iter(toys.TOYS))
    notebook = module.replace("_", "-")
    names = list(toys.load(module).run(seed=0)["figures"])
    markup = render(f"notebook: {notebook}\nfigure: {names[-1]}\ntitle: A <b>bold</b> title")
    assert code_of(markup).endswith(f'["figures"]["{names[-1]}"])')
    assert figures_of(markup) == [toys.load(module).run(seed=0)["figures"][names[-1]]]
    assert 'data-live-title="A &lt;b&gt;bold&lt;/b&gt; title"' in markup
    assert ">A &lt;b&gt;bold&lt;/b&gt; title</a>" in markup


@pytest.mark.parametrize("source, message", [
    ("notebook: no-such-toy", "unknown notebook 'no-such-toy'"),
    (f"notebook: {next(iter(toys.TOYS)).replace('_', '-')}\nfigure: nope", "no figure 'nope'"),
    ("notebook: [unclosed", "not valid YAML"),
])
def test_a_broken_fence_raises_a_build_stopping_error(source, message):
    from pymdownx.superfences import SuperFencesException
    with pytest.raises(SuperFencesException, match=re.escape(message)):
        render(source)


def test_a_toys_figures_are_kept_on_disk_for_the_next_build(tmp_path, monkeypatch):
    """The first build runs the toy; a later one (a new process: memory cleared) reads the file."""
    from place_for_research import build_context
    monkeypatch.setattr(build_context, "_cache_dir", tmp_path)
    fences._toy_figures.cache_clear()
    first = fences._toy_figures("speculative_decoding", "digest")
    assert (tmp_path / "toy-previews" / "digest" / "speculative_decoding.json").is_file()
    fences._toy_figures.cache_clear()
    monkeypatch.setattr(toys, "load", lambda name: pytest.fail(f"{name} ran again despite the cache"))
    assert fences._toy_figures("speculative_decoding", "digest") == json.loads(json.dumps(first))
    fences._toy_figures.cache_clear()
