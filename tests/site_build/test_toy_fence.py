"""The ```toy fence and the grids behind it.

- Each toy fence of the built specimen page is a figure that reads without
  JavaScript: the default figure as SVG (no figure JSON in the page but the
  answer figure's, for the guess to be drawn on), labelled controls, readouts,
  a link to the live notebook; a toy that declares an ANSWER shows its answer
  figure first (inside the closed result where a guess comes first).
- The grid is the toy: the data file served for a toy holds, point for
  point, what a fresh run() returns on CPython.
- A grid too large, or a run() failing at one point, stops the build with
  the toy, the point and the error, and writes no data file; a broken fence
  stops it with page:line and no traceback.
"""
from __future__ import annotations

import gzip
import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SPECIMEN, figures_at, same_figure, specimen_project
from place_for_research import toys
from place_for_research.builder import build_context, draw_svg, fence_lines, figure_files, toy_fence, toy_grid
from place_for_research.toys.controls import defaults, grid

FIGURE = re.compile(r'<figure class="toy-preview toy" id="(toy-\d+)"([^>]*)>(.*?)</figure>', re.DOTALL)
GRID_TOYS = Path(__file__).parent / "grid_toys"


def attributes(text: str) -> dict:
    return {name: html.unescape(value) for name, value in re.findall(r'([\w-]+)="([^"]*)"', text)}


@pytest.fixture(scope="module")
def toy_figures(built_site) -> list[tuple[str, dict, str]]:
    return [(ident, attributes(attrs), body)
            for ident, attrs, body in FIGURE.findall((built_site / "index.html").read_text(encoding="utf-8"))]


ANSWER_DIV = re.compile(r"<div class=\"toy__answer\" data-answer='([^']*)'>(.*?</div>)</div>", re.DOTALL)


def without_answer(body: str) -> str:
    return ANSWER_DIV.sub("", body)


def static_svg(built_site, body: str) -> str:
    """The toy's static figure (its answer figure left out): a placeholder in the page, the SVG a
    file of the site (figure_files.deferred), returned as the renderer wrote it (without its standalone style)."""
    src = re.search(r'<div class="deferred-svg" data-svg-src="([^"]+)"', without_answer(body)).group(1)
    return (built_site / src).read_text(encoding="utf-8").replace(figure_files.STANDALONE_STYLE, "", 1)


def controlled_toys() -> list[str]:
    return [name for name in toys.names() if getattr(toys.load(name), "CONTROLS", ())]


# -- the fence in the built page ------------------------------------------------------------------

def test_each_toy_reads_without_javascript(toy_figures, built_site):
    assert toy_figures, "no ```toy fence on the specimen page"
    for ident, attrs, body in toy_figures:
        module = attrs["data-notebook"].replace("-", "_")
        assert module in toys.names(), attrs
        # The default figure as SVG (a file, an <img> without JavaScript), named for
        # assistive technology in its placeholder and in itself, and no figure JSON.
        named = re.search(r'<div class="deferred-svg" data-svg-src="([^"]+)" data-svg-label="(Chart: [^"]+)" '
                          r'style="aspect-ratio: 640 / \d+"><noscript><img src="\1" alt="\2"', body)
        assert named, ident
        assert re.match(rf'<svg class="toy-svg"[^>]* role="img" aria-label="{re.escape(named.group(2))}"',
                        static_svg(built_site, body)), ident
        rest = without_answer(body)
        assert "data-figure=" not in rest and '"layout"' not in rest and "application/json" not in body, ident
        # The link to the live notebook, made relative to the page.
        assert re.search(rf'<a href="notebooks/{attrs["data-notebook"]}/">Open as a live notebook</a>', body), ident
        # No inline script, no inline event handler.
        assert "<script" not in body and not re.search(r"\son\w+=", body), ident


def test_controls_are_labelled_native_inputs_and_readouts_show_the_defaults(toy_figures, built_site):
    with_controls = [(i, a, b) for i, a, b in toy_figures if "data-toy-data" in a]
    assert with_controls, "no toy with controls on the specimen page"
    for ident, attrs, body in with_controls:
        toy = toys.load(attrs["data-notebook"].replace("-", "_"))
        chosen = defaults(toy.CONTROLS)
        for control in toy.CONTROLS:
            if f'data-control="{control.name}"' not in body:
                continue  # the fence shows a subset
            if control.kind == "range":
                ranged = re.search(rf'<label for="({ident}-{control.name})">{re.escape(html.escape(control.label))}</label>'
                                   rf'<input type="range" id="\1"([^>]*)>', body)
                assert ranged, (ident, control.name)
                slider = attributes(ranged.group(2))
                assert slider["max"] == str(len(control.values) - 1)
                assert slider["value"] == str(control.values.index(chosen[control.name]))
                expected = control.label_of(chosen[control.name]) + (f" {control.unit}" if control.unit else "")
                assert slider["aria-valuetext"] == expected
                assert json.loads(slider["data-value-texts"])[int(slider["value"])] == expected
            elif control.kind == "choice":
                legend = [m for m in re.finditer(r'<fieldset class="toy__control toy__control--choice"><legend>(.*?)</legend>'
                                                 r'(.*?)</fieldset>', body, re.DOTALL)
                          if f'data-control="{control.name}"' in m.group(2)]
                assert len(legend) == 1 and html.unescape(legend[0].group(1)) == control.label, (ident, control.name)
                assert legend[0].group(2).count('type="radio"') == len(control.values)
                for value in control.values:
                    assert f"> {html.escape(control.label_of(value))}</label>" in legend[0].group(2)
            else:
                assert re.search(rf'<label><input type="checkbox"[^>]*data-control="{control.name}"', body)
        grid_ = toy_grid.compute({toy.__name__.rsplit(".", 1)[1]: toy}, build_context.cache_dir() or ROOT / ".cache")
        default = next(iter(grid_.values())).default
        for readout in toy.READOUTS:
            cell = re.search(rf'<dd data-readout="{readout.name}">([^<]*)</dd>', body)
            if cell:
                assert html.unescape(cell.group(1)) == toy_grid.format_readout(
                    default["readouts"][readout.name], readout.digits, readout.unit)
        # The static figure is the default point's.
        figure = attrs.get("data-figure-name")
        svg = static_svg(built_site, body)
        assert svg == draw_svg.render(default["figures"][figure], re.search(r'aria-label="([^"]*)"', svg).group(1)
                                        .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"), ident)


def test_a_predict_fence_keeps_the_result_in_a_details(toy_figures):
    predicting = [(i, a, b) for i, a, b in toy_figures if "toy__predict" in b]
    assert predicting, "no predict-first toy on the specimen page"
    for ident, attrs, body in predicting:
        # The inputs are in the page from the start (the toy keeps its height), disabled until the script takes them.
        form = re.search(r'<p class="toy__question" id="[^"]+">[^<]+</p>(<form class="toy__predict"[^>]*>)(.*?)</form>', body)
        assert form and " hidden" not in form.group(1), ident
        assert form.group(2).count("<input") == form.group(2).count(" required disabled>") >= 1, ident
        assert '<button type="submit" class="md-button" disabled>' in form.group(2), ident
        details = re.search(r'<details class="toy__result"><summary>Show the result</summary>(.*)</details>', body, re.DOTALL)
        assert details and '<div class="deferred-svg"' in details.group(1) and "toy__readouts" in details.group(1), ident


def test_a_toy_with_an_answer_shows_it_first_drawn_at_build_with_every_guess_mark(toy_figures, built_site):
    answered = {}
    for ident, attrs, body in toy_figures:
        toy = toys.load(attrs["data-notebook"].replace("-", "_"))
        found = ANSWER_DIV.search(body)
        if not found:
            continue
        assert toy.ANSWER, ident
        answered[ident] = attrs["data-notebook"]
        data = json.loads(html.unescape(found.group(1)))
        # The static answer: the toy's ANSWER over its grid, as the renderer draws it, named as an answer.
        src = re.search(r'data-svg-src="([^"]+)" data-svg-label="(Answer: [^"]+)"', found.group(2))
        assert src, ident
        svg = (built_site / src.group(1)).read_text(encoding="utf-8").replace(figure_files.STANDALONE_STYLE, "", 1)
        assert svg == draw_svg.render(data["figure"], html.unescape(src.group(2)), f"{ident}-answer"), ident
        # The answer comes before the one-setting view, and inside the closed result when a guess comes first.
        assert body.index('class="toy__answer"') < body.index('class="toy__figure"'), ident
        assert '<p class="toy__one-setting">' in body, ident
        if "toy__predict" in body:
            result = body[body.index('<details class="toy__result">'):]
            assert 'class="toy__answer"' in result, ident
            choices = body.count('name="guess" value=')
            assert len(data["guesses"]) == (choices or len(data["guesses"])) == (toy.ANSWER.choices or len(data["guesses"]))
    # A toy with an ANSWER shows it where the fence asks a question, unless the fence sets answer: false.
    assert answered == {"toy-5": "diffusion-sde", "toy-6": "scaling-law"}, answered


def test_an_answer_figure_must_fit_the_question(specimen_context):
    def problem(option):
        return fence_lines.first_problem(PAGE.format(toy="diffusion-sde", option=option), first_line=1)

    two = "predict: {question: Guess, choices: [a, b]}"
    assert "predict: diffusion-sde's answer figure marks a guess among 3 choices, in its own order; " \
           "this question offers 2 (ask its question, or set answer: false)" in problem(two)
    assert "answer must be true or false, not 'maybe'" in problem("answer: maybe")
    assert fence_lines.first_problem(PAGE.format(toy="diffusion-sde", option="answer: false"), first_line=1) is None
    assert fence_lines.first_problem(PAGE.format(toy="diffusion-sde", option="answer: true"), first_line=1) is None
    assert toy_fence.toy_settings("notebook: diffusion-sde\nanswer: true").answer is toys.load("diffusion_sde").ANSWER
    assert toy_fence.toy_settings("notebook: diffusion-sde").answer is None  # no question, no answer unless asked for
    wide = "predict: {question: Guess, number: {min: 0, max: 10, step: 0.01}, readout: exponent}"
    assert "predict: number allows 1001 guesses, over 201; use a coarser step" in \
        fence_lines.first_problem(PAGE.format(toy="scaling-law", option=wide), first_line=1)


def test_the_data_file_is_small_and_named_by_its_content(built_site, toy_figures):
    files = sorted((built_site / toy_grid.DATA_FOLDER).glob("*.json"))
    assert {f.name.split(".")[0] for f in files} == {name.replace("_", "-") for name in controlled_toys()}
    for path in files:
        text = path.read_bytes()
        assert len(gzip.compress(text)) <= 50_000, f"{path.name}: {len(gzip.compress(text)):,} bytes gzip"
        assert path.name.split(".")[1] == __import__("hashlib").sha256(text).hexdigest()[:10]
    assert not list((built_site / toy_grid.DATA_FOLDER).glob(".*")), "a temporary file was left"
    for ident, attrs, body in toy_figures:
        if "data-toy-data" in attrs:
            assert (built_site / attrs["data-toy-data"]).is_file(), attrs["data-toy-data"]


def test_the_grid_is_the_toy(built_site):
    """For a sample of points of every served grid, the data equals a fresh run() on CPython."""
    for path in sorted((built_site / toy_grid.DATA_FOLDER).glob("*.json")):
        payload = json.loads(path.read_text(encoding="utf-8"))
        toy = toys.load(payload["toy"])
        points = grid(toy.CONTROLS)
        assert [c["values"] for c in payload["controls"]] == [list(c.values) for c in toy.CONTROLS]
        assert len(payload["points"]) == len(points)
        sample = sorted({0, len(points) - 1, len(points) // 2, points.index(defaults(toy.CONTROLS))})
        read = iter(figures_at(payload, [(index, name) for index in sample for name in payload["figures"]]))
        for index in sample:
            fresh = toy.run(seed=0, **points[index])
            assert sorted(fresh["figures"]) == sorted(payload["figures"])
            for name in payload["figures"]:
                same_figure(fresh["figures"][name], next(read), f"{path.name}[{index}].{name}")
            served = payload["points"][index]["readouts"]
            assert served == toy_grid.written_readouts(tuple(toy.READOUTS), fresh.get("readouts", {})), f"{path.name}[{index}]"


# -- the grid machinery, on the test toys --------------------------------------------------------

def grid_toy(name: str):
    sys.path.insert(0, str(GRID_TOYS.parent))
    try:
        return __import__(f"grid_toys.{name}", fromlist=["run"])
    finally:
        sys.path.remove(str(GRID_TOYS.parent))


def test_a_grid_round_trips_through_its_data_file_and_the_cache(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(GRID_TOYS.parent))
    small = grid_toy("small")
    computed = toy_grid.compute({"small": small}, tmp_path, "v1")["small"]
    assert len(computed.results) == 12
    payload = json.loads(computed.file_text())
    points = grid(small.CONTROLS)
    served = figures_at(payload, [(index, "main") for index in range(len(points))])
    for index, point in enumerate(points):
        fresh = small.run(seed=0, **point)
        assert served[index] == fresh["figures"]["main"]
        assert payload["points"][index]["readouts"] == toy_grid.written_readouts(tuple(small.READOUTS), fresh["readouts"])
    # What every point shares is written once: the layout, and the keys all traces agree on.
    assert payload["figures"]["main"] == {"layout": {"title": {"text": "y against x"}, "xaxis": {"title": {"text": "x"}}},
                                          "traces": [{"x": [1, 2, 3, 4, 5], "name": "y"}]}
    # The second build reads the cache and runs nothing.
    monkeypatch.setattr(toy_grid, "_run_jobs", lambda *args: pytest.fail("ran again despite the cache"))
    again = toy_grid.compute({"small": small}, tmp_path, "v1")["small"]
    assert again.file_text() == computed.file_text()
    # Written under its content hash, nothing else left in the folder.
    written = toy_grid.write({"small": again}, tmp_path / "site")
    assert written == {"small": f"assets/toys/{again.file_name()}"}
    assert [p.name for p in (tmp_path / "site" / "assets" / "toys").iterdir()] == [again.file_name()]


def test_shared_layouts_and_trace_styles_are_written_once():
    results = [{"figures": {"f": {"data": [{"type": "scatter", "name": "a", "y": [i]}], "layout": {"title": "t"}}},
                "readouts": {"r": i}} for i in range(3)]
    payload = toy_grid.encode(toy_grid.ToyGrid("t", (), (), [{}] * 3, results))
    assert payload["figures"]["f"] == {"layout": {"title": "t"}, "traces": [{"type": "scatter", "name": "a"}]}
    assert [p["figures"]["f"] for p in payload["points"]] == [[{"y": [0]}], [{"y": [1]}], [{"y": [2]}]]


def test_a_grid_over_the_limit_and_a_failing_point_are_named(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(GRID_TOYS.parent))
    with pytest.raises(toy_grid.GridError, match=r"toy 'too_large': its grid has 225 points \(a \(15\) × b \(15\)\), over the limit of 120"):
        toy_grid.compute({"too_large": grid_toy("too_large")}, tmp_path, "v1")
    with pytest.raises(toy_grid.GridError, match=r"toy 'failing' failed at rate=0: ZeroDivisionError: division by zero \(at failing.py:\d+\)"):
        toy_grid.compute({"failing": grid_toy("failing")}, tmp_path, "v1")
    assert not list((tmp_path / "toy-grids" / "v1").glob("failing.*"))


def build_with(toy: str, tmp_path: Path, page: str | None = None) -> tuple[subprocess.CompletedProcess, Path]:
    """`mkdocs build --strict` of the specimen with a test toy added; (result, site folder)."""
    config = specimen_project(tmp_path)
    if page is not None:
        (tmp_path / "docs" / "index.md").write_text(page, encoding="utf-8")
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, str(GRID_TOYS / "build_with.py"), toy, "build", "--strict",
                             "-f", str(config), "-d", str(site)],
                            cwd=tmp_path, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""})
    return result, site


@pytest.mark.parametrize("toy, message", [
    ("too_large", "Toy grids: toy 'too_large': its grid has 225 points (a (15) × b (15)), over the limit of 120"),
    ("failing", "Toy grids: toy 'failing' failed at rate=0: ZeroDivisionError: division by zero (at failing.py:"),
])
def test_a_bad_grid_stops_the_build_and_serves_nothing(toy, message, tmp_path):
    result, site = build_with(toy, tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert message in output, output[-2000:]
    assert "Traceback" not in output, output[-3000:]
    assert not (site / toy_grid.DATA_FOLDER).exists() or not any((site / toy_grid.DATA_FOLDER).iterdir())


# -- broken fences: page:line -------------------------------------------------------------------

def test_a_broken_fence_in_a_build_is_reported_with_its_page_and_line(tmp_path):
    page = (SPECIMEN / "docs" / "index.md").read_text(encoding="utf-8")
    page = page.replace("## The spectrum\n", "## The spectrum\n\n```toy\nnotebook: no-such-toy\n```\n", 1)
    line = page.splitlines().index("notebook: no-such-toy") + 1
    result, site = build_with("small", tmp_path, page)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert f"index.md:{line}: ```toy fence: notebook: unknown toy 'no-such-toy'" in output, output[-2000:]
    assert "Traceback" not in output, output[-3000:]


PAGE = """# A page

Some text.

```spectrum
view: line
papers: all
```

  ```toy
  notebook: {toy}
  {option}
  ```
"""


@pytest.mark.parametrize("kind, body, line, message", [
    ("spectrum", "view: circle", 6, "view must be one of line, plane, map, readers, not 'circle'"),
    ("spectrum", "papers: [no-such-paper]", 7, "no-such-paper"),
    ("spectrum", "colour: red", 6, "unknown option(s) 'colour'"),
    ("toy", "figure: nope", 12, "figure: no figure 'nope'"),
    ("toy", "controls: [nope]", 12, "controls: no control 'nope'"),
    ("toy", "readouts: nope", 12, "readouts must be a list of names"),
    ("toy", "predict: {question: Guess}", 12, "predict: give either number: {min, max, step} or choices: [...]"),
    ("toy", "predict: {question: Guess, number: {min: 0, max: 1, step: 0.1}, readout: nope}", 12,
     "predict: readout must name the readout"),
    ("toy", "predict: {question: Guess, choices: [only one]}", 12, "choices must be a list of at least two answers"),
    ("toy", "size: 3", 12, "unknown option(s) 'size'"),
])
def test_a_broken_fence_is_found_with_its_line(kind, body, line, message, specimen_context):
    toy = controlled_toys()[0].replace("_", "-")
    if kind == "spectrum":
        page = PAGE.replace("view: line", body) if body.startswith("view") else PAGE.replace(
            "papers: all", body) if body.startswith("papers") else PAGE.replace("view: line", body)
        page = page.format(toy=toy, option="")
    else:
        page = PAGE.format(toy=toy, option=body)
    problem = fence_lines.first_problem(page, first_line=1)
    assert problem is not None and problem.startswith(f"{line}: "), problem
    assert message in problem, problem


def test_a_good_page_has_no_fence_problem(specimen_context):
    from place_for_research.data.citations import find_citations
    page = (SPECIMEN / "docs" / "index.md").read_text(encoding="utf-8")
    build_context.set_page_citations([citation.paper_id for citation in find_citations(page)])
    assert fence_lines.first_problem(page) is None


def test_readouts_are_formatted_with_significant_digits():
    # The data file serves them so written, for every point (toy_grid.written_readouts).
    cases = [((0.12345, 3), "0.123"), ((2, 3), "2"), ((1.5, 3, "tokens"), "1.5 tokens"), ((0.0005678, 3), "0.000568"),
             ((3.2e-9, 3), "3.20×10^-9"), ((123456.7, 3), "123,457"), ((999.9, 3), "1e+03"), ((0, 2), "0"),
             ((-0.04567, 2), "-0.046"), ((float("nan"), 3), "—"), ((None, 3), "—"), ((True, 3), "True")]
    for args, expected in cases:
        assert toy_grid.format_readout(*args) == expected, args


# -- the SVG renderer --------------------------------------------------------------------------

def test_the_svg_has_log_ticks_at_1_2_5_titles_and_a_legend():
    figure = {"data": [{"type": "scatter", "mode": "lines+markers", "x": [1, 10, 100], "y": [1, 0.1, 0.01], "name": "fit"},
                       {"type": "scatter", "mode": "markers", "x": [2, 50], "y": [0.5, 0.02], "name": "hidden", "showlegend": False}],
              "layout": {"title": {"text": "A <b>title</b>"}, "xaxis": {"type": "log", "title": {"text": "n"}},
                         "yaxis": {"type": "log", "title": {"text": "error"}}}}
    svg = draw_svg.render(figure, "Chart: t", "k")
    ticks = re.findall(r'<text class="toy-svg__tick"[^>]*>([^<]*)</text>', svg)
    assert {"1", "2", "5", "10", "20", "50", "100"} <= set(ticks), ticks
    assert not {"3", "4", "30"} & set(ticks), ticks
    assert "A &lt;b&gt;title&lt;/b&gt;" in svg and ">n</text>" in svg and ">error</text>" in svg
    assert svg.count('class="toy-svg__legend"') == 1 and ">fit</text>" in svg
    assert 'aria-label="Chart: t"' in svg and 'clipPath id="toy-svg-clip-k"' in svg
