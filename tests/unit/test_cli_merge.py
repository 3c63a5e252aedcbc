"""`place-for-research merge`: a map exported from the browser becomes the author's placements.

The tests run on a small papers file and taxonomy written here (shaped like
docs/data/, comments and flow style included), not on the site's own data:
a fork that has replaced those files still passes them."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from place_for_research.data import yaml_rt
from place_for_research.fork import cli
from place_for_research.data.catalogue import load_site_data

ROOT = Path(__file__).resolve().parents[2]
YAML_JS = ROOT / "docs" / "assets" / "js" / "spectrum" / "yaml.js"

TAXONOMY = """\
# The spectrum's vocabulary.
title: Research spectrum
axes:
  x:
    name: Structural ↔ developmental
    min: -1
    max: 1
    low: Structural
    high: Developmental
  y:
    name: How exploratory
    min: 0
    max: 1
    low: Building
    high: Exploratory
categories:
  - id: laws-of-math
    name: Laws of math
    colour: "#3f6fd8"
    definition: Structure derived from mathematics.
  - id: laws-of-code
    name: Laws of code
    colour: "#d9822b"
    definition: Regularities found by experiment.
"""

PAPERS = """\
# Papers readers can place on the spectrum.
# x: -1 structural .. +1 developmental; y: 0 building .. 1 exploratory.
papers:
  # -- placed by the author ---------------------------------------------------
  - id: "1406.2661"
    title: Generative Adversarial Networks
    authors: [Ian J. Goodfellow, Jean Pouget-Abadie, Mehdi Mirza, Bing Xu, David Warde-Farley, Sherjil Ozair, Aaron Courville, Yoshua Bengio]
    year: 2014
    url: https://arxiv.org/abs/1406.2661
    note: Two networks in a game, one forging samples and one judging them.
    placement: {x: -0.85, y: 0.1}
  - id: "2011.13456"
    title: Score-Based Generative Modeling through Stochastic Differential Equations
    authors: [Yang Song, Jascha Sohl-Dickstein, Diederik P. Kingma, Abhishek Kumar, Stefano Ermon, Ben Poole]
    year: 2020
    venue: ICLR 2021
    url: https://arxiv.org/abs/2011.13456
    placement: {x: -0.9, y: 0.1, grounding: laws-of-math}
  - id: "2303.01469"
    title: Consistency Models
    authors: [Yang Song, Prafulla Dhariwal, Mark Chen, Ilya Sutskever]
    year: 2023
    url: https://arxiv.org/abs/2303.01469
    placement: {x: -0.6, y: 0.1}
  # -- landmarks readers can place (no author placement) ----------------------
  - id: "1706.03762"
    title: Attention Is All You Need
    authors: [Ashish Vaswani et al.]
    year: 2017
    url: https://arxiv.org/abs/1706.03762
  - id: "1512.03385"
    title: Deep Residual Learning for Image Recognition
    authors: [Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun]
    year: 2015
    url: https://arxiv.org/abs/1512.03385
  - id: "2312.00752"
    title: "Mamba: Linear-Time Sequence Modeling with Selective State Spaces"
    authors: [Albert Gu, Tri Dao]
    year: 2023
    url: https://arxiv.org/abs/2312.00752
  - id: "2106.09685"
    title: "LoRA: Low-Rank Adaptation of Large Language Models"
    authors: [Edward J. Hu et al.]
    year: 2021
    url: https://arxiv.org/abs/2106.09685
  - id: "2209.10652"
    title: Toy Models of Superposition
    authors: [Nelson Elhage et al.]
    year: 2022
    url: https://arxiv.org/abs/2209.10652
"""


@pytest.fixture
def data(tmp_path):
    """(papers, taxonomy) in tmp_path/data."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "papers.yml").write_text(PAPERS, encoding="utf-8")
    (folder / "taxonomy.yml").write_text(TAXONOMY, encoding="utf-8")
    return folder / "papers.yml", folder / "taxonomy.yml"


def export(path: Path, entries: list[tuple[str, float, float]], site: str = "A place for research") -> Path:
    """The YAML the spectrum's Export YAML writes (docs/assets/js/spectrum/yaml.js)."""
    lines = [f"# Research map exported from {site} on 2026-01-02", "version: 1", "placements:"]
    for paper_id, x, y in entries:
        lines += [f'  - id: "{paper_id}"', f"    x: {x}", f"    y: {y}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def placements(papers: Path, taxonomy: Path) -> dict[str, tuple]:
    site = load_site_data(papers, taxonomy)
    return {p.id: (p.placement.x, p.placement.y, p.placement.grounding) for p in site.papers if p.placement}


def test_merges_an_export_as_author_placements_keeping_the_file_as_written(tmp_path, data, capsys):
    papers, taxonomy = data
    before = papers.read_text(encoding="utf-8")
    map_file = export(tmp_path / "research-map.yaml", [("1706.03762", -0.8, 0.1), ("2209.10652", 0.25, 0.9)])

    code, out, err = run(capsys, "merge", map_file, "--papers", papers)

    assert code == 0, err
    assert "2 added (1706.03762, 2209.10652)" in out
    after = papers.read_text(encoding="utf-8")
    spots = placements(papers, taxonomy)
    assert spots["1706.03762"] == (-0.8, 0.1, None)
    assert spots["2209.10652"] == (0.25, 0.9, None)
    assert spots["1406.2661"] == (-0.85, 0.1, None)  # the others are untouched
    # Only two lines were added, in the file's own flow style; every comment is still there.
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == ["    placement: {x: -0.8, y: 0.1}", "    placement: {x: 0.25, y: 0.9}"]
    def comments(text: str) -> list[str]:
        return [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert comments(before) == comments(after)
    assert len(after.splitlines()) == len(before.splitlines()) + 2
    assert not [p for p in papers.parent.iterdir() if p.name.startswith(".")], "a temporary file was left behind"


def test_the_widgets_own_emitter_output_merges(tmp_path, data, capsys):
    """The export written by the real yaml.js (run under Node), not a copy of its format."""
    papers, taxonomy = data
    script = textwrap.dedent(f"""
        import {{ toYaml }} from {json.dumps(YAML_JS.as_uri())};
        process.stdout.write(toYaml(
          [{{ id: "2312.00752", x: 0.4567, y: 0.12 }}, {{ id: "1512.03385", x: -1, y: 0 }}],
          {{ siteName: "Notes: on research", date: "2026-03-04" }}));
    """)
    result = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, check=True)
    map_file = tmp_path / "research-map.yaml"
    map_file.write_text(result.stdout, encoding="utf-8")
    assert result.stdout.startswith("# Research map exported from Notes: on research on 2026-03-04\nversion: 2\n")

    code, out, err = run(capsys, "merge", map_file, "--papers", papers)

    assert code == 0, err
    spots = placements(papers, taxonomy)
    assert spots["2312.00752"] == (0.457, 0.12, None)
    assert spots["1512.03385"] == (-1, 0, None)


def test_accepts_the_json_export(tmp_path, data, capsys):
    papers, taxonomy = data
    map_file = tmp_path / "research-map.json"
    map_file.write_text(json.dumps({"version": 1, "placements": [{"id": "2106.09685", "x": 0.9, "y": 0.05}]},
                                   indent="\t"))  # tabs: valid JSON, not valid YAML

    code, out, err = run(capsys, "merge", map_file, "--papers", papers)

    assert code == 0, err
    assert placements(papers, taxonomy)["2106.09685"] == (0.9, 0.05, None)


def test_reports_every_problem_by_name_and_writes_nothing(tmp_path, data, capsys):
    papers, _ = data
    before = papers.read_bytes()
    map_file = tmp_path / "research-map.yaml"
    map_file.write_text(textwrap.dedent("""\
        # Research map exported from A place for research on 2026-01-02
        version: 1
        placements:
          - id: "1706.03762"
            x: -0.5
            y: 0.2
          - id: "9999.00001"
            x: 0.1
            y: 0.1
          - id: "1512.03385"
            x: far left
            y: 0.3
          - id: "2312.00752"
            x: 0.2
            y: 1.7
          - id: "1706.03762"
            x: 0.3
            y: 0.3
          - id: "1406.2661"
            x: 0.5
            y: 0.5
          - id: 2209.10652
            x: 0.1
            y: 0.1
        """))

    code, out, err = run(capsys, "merge", map_file, "--papers", papers)

    assert code == 1
    assert out == ""
    assert "not merged (6 problems); the papers file is unchanged" in err
    assert 'research-map.yaml:7: "9999.00001": unknown paper id' in err
    assert 'research-map.yaml:10: "1512.03385": x must be a number, not the text "far left"' in err
    assert 'research-map.yaml:13: "2312.00752": y = 1.7 is outside How exploratory (0 to 1)' in err
    assert 'research-map.yaml:16: "1706.03762": listed twice (first on line 4)' in err
    assert 'research-map.yaml:19: "1406.2661": conflicts with the placement in papers.yml (x -0.85, y 0.1; ' \
           "the map says x 0.5, y 0.5); use --replace" in err
    assert "research-map.yaml:22: placement 7: id 2209.10652 is a number; quote it" in err
    assert "Traceback" not in err
    assert papers.read_bytes() == before


def test_replace_takes_the_maps_spot_and_keeps_the_grounding(tmp_path, data, capsys):
    papers, taxonomy = data
    map_file = export(tmp_path / "map.yaml", [("2011.13456", -0.7, 0.3), ("1406.2661", -0.85, 0.1)])

    code, out, err = run(capsys, "merge", map_file, "--papers", papers, "--replace")

    assert code == 0, err
    assert "1 replaced (2011.13456); 1 already there" in out
    assert placements(papers, taxonomy)["2011.13456"] == (-0.7, 0.3, "laws-of-math")
    assert "    placement: {x: -0.7, y: 0.3, grounding: laws-of-math}" in papers.read_text().splitlines()


def test_the_same_spots_again_change_nothing(tmp_path, data, capsys):
    papers, _ = data
    before = papers.read_bytes()
    map_file = export(tmp_path / "map.yaml", [("1406.2661", -0.85, 0.1), ("2303.01469", -0.6, 0.1)])

    code, out, err = run(capsys, "merge", map_file, "--papers", papers)

    assert code == 0, err
    assert "Nothing to merge" in out and "2 already there" in out
    assert papers.read_bytes() == before


def test_dry_run_checks_and_writes_nothing(tmp_path, data, capsys):
    papers, _ = data
    before = papers.read_bytes()
    map_file = export(tmp_path / "map.yaml", [("1706.03762", 0.1, 0.2)])

    code, out, err = run(capsys, "merge", map_file, "--papers", papers, "--dry-run")

    assert code == 0, err
    assert "1 added (1706.03762)" in out and "Nothing written (--dry-run)" in out
    assert papers.read_bytes() == before


def test_coordinates_are_kept_to_three_decimals_and_read_back_as_numbers(tmp_path, data, capsys):
    """1e-05 would be written as YAML that PyYAML (the build's loader) reads as text."""
    papers, taxonomy = data
    map_file = tmp_path / "map.json"
    map_file.write_text(json.dumps({"version": 1, "placements": [
        {"id": "1706.03762", "x": 0.1 + 0.2, "y": 0.00001}, {"id": "1512.03385", "x": -0.00001, "y": 1}]}))

    code, _, err = run(capsys, "merge", map_file, "--papers", papers)

    assert code == 0, err
    spots = placements(papers, taxonomy)
    assert spots["1706.03762"] == (0.3, 0.0, None)
    assert spots["1512.03385"] == (0.0, 1, None)
    assert "    placement: {x: 0.3, y: 0.0}" in papers.read_text().splitlines()


def test_a_y_left_out_places_the_paper_on_the_line_only(tmp_path, data, capsys):
    papers, taxonomy = data
    map_file = tmp_path / "map.yaml"
    map_file.write_text('version: 1\nplacements:\n  - id: "1706.03762"\n    x: 0.3\n')

    code, _, err = run(capsys, "merge", map_file, "--papers", papers)

    assert code == 0, err
    assert placements(papers, taxonomy)["1706.03762"] == (0.3, None, None)


@pytest.mark.parametrize("text, message", [
    ("version: 3\nplacements: []\n", "version is 3, this command reads versions 1, 2"),
    ("- just\n- a list\n", "expected `version: 2` and a `placements:` list"),
    ("version: 1\nplacements: {id: x}\n", "`placements` must be a list"),
    ("version: 1\nplacements:\n  - id: \"1706.03762\"\n    x: [0.1\n", "not valid YAML"),
    ("version: 1\nplacements:\n  - {id: \"1706.03762\", x: 0.1, y: 0.1, grounding: laws-of-math}\n",
     "unexpected field(s) grounding (expected id, x, y)"),
    ("version: 1\nplacements:\n  - id: \"1706.03762\"\n    x: .nan\n", "x must be a number, not nan"),
])
def test_malformed_maps_are_refused_with_a_reason(tmp_path, data, capsys, text, message):
    papers, _ = data
    before = papers.read_bytes()
    map_file = tmp_path / "map.yaml"
    map_file.write_text(text)

    code, out, err = run(capsys, "merge", map_file, "--papers", papers)

    assert code == 1
    assert message in err, err
    assert "Traceback" not in err
    assert papers.read_bytes() == before


def test_a_failed_write_leaves_the_file_whole(tmp_path, data, capsys, monkeypatch):
    papers, _ = data
    before = papers.read_bytes()
    map_file = export(tmp_path / "map.yaml", [("1706.03762", 0.1, 0.2)])

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(yaml_rt.os, "replace", broken_replace)

    code, out, err = run(capsys, "merge", map_file, "--papers", papers)

    assert code == 1
    assert "No space left on device" in err and "Traceback" not in err
    assert papers.read_bytes() == before
    assert not [p for p in papers.parent.iterdir() if p.name.startswith(".")]


def test_a_missing_map_file_is_one_clear_line(tmp_path, data, capsys):
    papers, _ = data
    code, out, err = run(capsys, "merge", tmp_path / "nope.yaml", "--papers", papers)
    assert code == 1
    assert err.strip().count("\n") == 0
    assert "nope.yaml does not exist" in err


def test_finds_the_papers_file_from_mkdocs_yml(tmp_path, capsys, monkeypatch):
    """Run from inside a fork (any subfolder): the papers file comes from mkdocs.yml's extra.research."""
    project = tmp_path / "fork"
    (project / "content" / "site-data").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: Test
        docs_dir: content
        site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]
        markdown_extensions:
          - pymdownx.superfences:
              custom_fences:
                - name: spectrum
                  format: !!python/name:place_for_research.builder.spectrum_fence.spectrum_fence
        extra:
          research:
            papers: site-data/papers.yml
            taxonomy: site-data/taxonomy.yml
        """))
    (project / "content" / "site-data" / "papers.yml").write_text(PAPERS, encoding="utf-8")
    (project / "content" / "site-data" / "taxonomy.yml").write_text(TAXONOMY, encoding="utf-8")
    (project / "notes").mkdir()
    monkeypatch.chdir(project / "notes")
    map_file = export(tmp_path / "map.yaml", [("1706.03762", 0.4, 0.4)])

    code, out, err = run(capsys, "merge", map_file)

    assert code == 0, err
    assert "content/site-data/papers.yml" in out
    papers = project / "content" / "site-data" / "papers.yml"
    assert placements(papers, papers.with_name("taxonomy.yml"))["1706.03762"] == (0.4, 0.4, None)


def test_outside_a_project_it_asks_for_the_papers_file(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    map_file = export(tmp_path / "map.yaml", [("1706.03762", 0.4, 0.4)])
    code, out, err = run(capsys, "merge", map_file)
    assert code == 1
    assert "no mkdocs.yml here or above" in err and "--papers" in err


def test_the_console_script_is_installed():
    script = Path(sys.executable).parent / "place-for-research"
    result = subprocess.run([str(script), "merge", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "--replace" in result.stdout and "--dry-run" in result.stdout


# -- one schema: the shared corpus of maps (tests/js/spectrum-corpus.test.js runs it through the widget) --

MAPS = ROOT / "tests" / "fixtures" / "maps"
SPECIMEN_DATA = ROOT / "tests" / "specimen" / "docs" / "data"
CORPUS = sorted((MAPS / "corpus").glob("*.json"))


def test_the_corpus_site_is_the_specimens_catalogue():
    """The JS side validates against site.json: it must be the specimen's data, as the build writes it."""
    from place_for_research.builder.spectrum_figure import catalogue
    data = load_site_data(SPECIMEN_DATA / "papers.yml", SPECIMEN_DATA / "taxonomy.yml")
    assert json.loads((MAPS / "site.json").read_text(encoding="utf-8")) == catalogue(data)
    assert len(CORPUS) >= 40


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_merge_gives_each_corpus_map_the_widgets_verdict(path, tmp_path):
    from place_for_research.data.map_file import read_map
    from place_for_research.fork.merge import MergeError, merge_map
    from place_for_research.data.catalogue import load_taxonomy
    case = json.loads(path.read_text(encoding="utf-8"))
    map_file = tmp_path / "map.json"
    map_file.write_text(json.dumps(case["map"]), encoding="utf-8")
    papers = tmp_path / "papers.yml"
    papers.write_text((SPECIMEN_DATA / "papers.yml").read_text(encoding="utf-8"), encoding="utf-8")
    try:
        merge_map(map_file, papers, SPECIMEN_DATA / "taxonomy.yml", replace=True, dry_run=True)
        verdict, why = "valid", "accepted"
    except MergeError as error:
        verdict, why = "invalid", str(error)
        assert error.problems and all(p.strip() for p in error.problems)
    assert verdict == case["verdict"], f"{case['why']}: {why}"
    if verdict == "valid" and "expect" in case:
        spots, problems = read_map(map_file, load_taxonomy(SPECIMEN_DATA / "taxonomy.yml"))
        assert not problems
        # read_map keeps the reader's marks as the widget does, "unsure" included (merge drops it)
        assert [[s.id, s.x, s.y, s.grounding] for s in spots] == [list(e) for e in case["expect"]], case["why"]


def test_a_v2_map_merges_its_grounding_and_leaves_an_unset_y_out(tmp_path):
    from place_for_research.fork.merge import merge_map
    papers = tmp_path / "papers.yml"
    papers.write_text((SPECIMEN_DATA / "papers.yml").read_text(encoding="utf-8"), encoding="utf-8")
    map_file = tmp_path / "map.json"
    map_file.write_text(json.dumps({"version": 2, "placements": [
        {"id": "1706.03762", "x": -0.4, "grounding": "laws-of-code"},
        {"id": "1512.03385", "x": -0.7, "y": 0.2, "grounding": "unsure"}]}), encoding="utf-8")
    result = merge_map(map_file, papers, SPECIMEN_DATA / "taxonomy.yml")
    assert result.added == ["1706.03762", "1512.03385"]
    data = load_site_data(papers, SPECIMEN_DATA / "taxonomy.yml")
    attention, resnet = data.paper("1706.03762").placement, data.paper("1512.03385").placement
    assert (attention.x, attention.y, attention.grounding) == (-0.4, None, "laws-of-code")
    assert (resnet.x, resnet.y, resnet.grounding) == (-0.7, 0.2, None), "unsure claims no grounding"


def test_the_v1_exports_made_by_the_old_widget_still_merge(tmp_path):
    from place_for_research.fork.merge import merge_map
    for name in ("export.json", "export.yaml"):
        papers = tmp_path / f"papers-{name}.yml"
        papers.write_text((SPECIMEN_DATA / "papers.yml").read_text(encoding="utf-8"), encoding="utf-8")
        result = merge_map(MAPS / "v1" / name, papers, SPECIMEN_DATA / "taxonomy.yml", replace=True)
        assert sorted(result.replaced) == ["1406.2661", "2211.17192", "2303.01469"], name
        assert load_site_data(papers, SPECIMEN_DATA / "taxonomy.yml").paper("2211.17192").placement.y == 0.425
