"""The readers' map: every reader's map checked (every problem of every file, with file and line),
and the aggregate's quantiles and contested rule on known inputs. The maps are written here
against the specimen's papers and taxonomy (the machinery's fixed data)."""
from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from place_for_research.data import readers
from place_for_research.fork import cli
from test_cli_new import fork  # noqa: F401 (a fixture: a small fork as `new` finds it)
from place_for_research.data.catalogue import load_site_data

ROOT = Path(__file__).resolve().parents[2]
SPECIMEN = ROOT / "tests" / "specimen"
SHOWN = Path("docs/data/readers")


@pytest.fixture(scope="module")
def data():
    return load_site_data(SPECIMEN / "docs/data/papers.yml", SPECIMEN / "docs/data/taxonomy.yml")


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def a_map(*spots: tuple) -> str:
    """A version 2 map: spots are (id, x) or (id, x, y) or (id, x, y, grounding)."""
    lines = ["version: 2", "placements:"]
    for spot in spots:
        lines.append(f'  - id: "{spot[0]}"')
        lines.append(f"    x: {spot[1]}")
        if len(spot) > 2 and spot[2] is not None:
            lines.append(f"    y: {spot[2]}")
        if len(spot) > 3:
            lines.append(f"    grounding: {spot[3]}")
    return "\n".join(lines) + "\n"


BAD = {
    "unknown-id.yml": (a_map(("1406.2661", -0.5), ("9999.99999", 0.1)),
                       ['unknown-id.yml:5: "9999.99999": unknown paper id']),
    "nan.yml": (a_map(("1406.2661", ".nan")), ['nan.yml:3: "1406.2661": x must be a number, not nan']),
    "range.yml": (a_map(("1406.2661", 3)), ['range.yml:3: "1406.2661": x = 3 is outside']),
    "alias.yml": ('version: 2\nplacements:\n  - &p {id: "1406.2661", x: 0.1}\n  - *p\n',
                  ["alias.yml:4:", "aliases are not allowed"]),
    "twice.json": ('{"version": 2,\n "placements": [{"id": "1406.2661", "x": 0.1, "x": 0.2}]}',
                   ['twice.json:2: "x" is given twice']),
    "html-id.yml": (a_map(("<script>", 0.1)), ["html-id.yml:3: placement 1:", "is not a paper id"]),
    "html-by.yml": ('version: 2\nby: <img src=x onerror=alert(1)>\nplacements:\n  - {id: "1406.2661", x: 0.1}\n',
                    ["html-by.yml:2:", "by contains HTML or script"]),
    "other-site.yml": (a_map(("2209.10652", 0.1, None, "laws-of-physics"), ("8888.88888", 0.2)),
                       ["other-site.yml:3:", "grounding must be one of laws-of-code, laws-of-math, unsure",
                        "other-site.yml:1: none of its papers is in this site's papers file"]),
    "notes.txt": ("hello\n", ["notes.txt:1: not a reader's map"]),
}


def test_every_problem_of_every_file_is_named_with_file_and_line(tmp_path, data):
    folder = tmp_path / "readers"
    for name, (text, _) in BAD.items():
        write(folder, name, text)
    write(folder, "good.yml", a_map(("1406.2661", -0.5)))
    write(folder, "README.md", "How to add your map.\n")  # not a map, not a problem
    checked = readers.check_folder(folder, data, SHOWN)
    report = "\n".join(checked.problems)
    for name, (_, wanted) in BAD.items():
        for piece in wanted:
            expected = f"{SHOWN}/{piece}" if piece.startswith(name) else piece
            assert expected in report, f"{name}: {expected!r} not in\n{report}"
    assert all(problem.startswith(f"{SHOWN}/") for problem in checked.problems), report
    assert [m.file for m in checked.maps] == [f"{SHOWN}/good.yml"]


def test_a_huge_file_is_refused_before_it_is_parsed(tmp_path, data):
    folder = tmp_path / "readers"
    path = write(folder, "huge.yml", "version: 2\nplacements: []\n")
    with path.open("a") as handle:
        handle.write("#" * 10_000_000 + "\n")
    checked = readers.check_folder(folder, data, SHOWN)
    assert checked.problems == [f"{SHOWN}/huge.yml:1: is 10,000,027 bytes; a reader's map is a few kB "
                                f"(at most {readers.MAX_BYTES:,} bytes)"]


def test_identical_maps_are_duplicates(tmp_path, data):
    folder = tmp_path / "readers"
    write(folder, "a.yml", a_map(("1406.2661", -0.5, 0.2, "laws-of-math"), ("2303.01469", 0.1)))
    write(folder, "b.yml", a_map(("2303.01469", 0.1), ("1406.2661", -0.5, 0.2, "laws-of-math")))  # same, reordered
    write(folder, "c.yml", a_map(("2303.01469", 0.1), ("1406.2661", -0.5, 0.2, "unsure")))  # differs by a mark
    checked = readers.check_folder(folder, data, SHOWN)
    assert checked.problems == [f"{SHOWN}/b.yml:1: the same map as {SHOWN}/a.yml (identical placements): "
                                "a duplicate; keep one of them"]
    assert [m.file for m in checked.maps] == [f"{SHOWN}/a.yml", f"{SHOWN}/c.yml"]


def test_quartiles_interpolate_between_ranks():
    assert readers.quartiles([4, 1, 3, 2]) == [1.75, 2.5, 3.25]
    assert readers.quartiles([0.1]) == [0.1, 0.1, 0.1]
    assert readers.quartiles([-0.9, -0.7, 0.2, 0.5, 0.6]) == [-0.7, 0.2, 0.5]
    assert readers.quartiles([1 / 3, 2 / 3]) == [0.417, 0.5, 0.583]


def maps_of(data, *maps) -> list[readers.ReaderMap]:
    out = []
    for index, spots in enumerate(maps):
        out.append(readers.ReaderMap(f"m{index}", tuple(
            readers.map_file.Spot(s[0], s[1], s[2] if len(s) > 2 else None, 1, s[3] if len(s) > 3 else None)
            for s in spots)))
    return out


def test_the_aggregate_counts_quantiles_marks_and_the_contested_rule(data):
    maps = maps_of(data,
                   [("2303.01469", -0.9, 0.1, "laws-of-math"), ("2001.08361", -0.3, 0.7, "laws-of-code"),
                    ("1406.2661", -0.8)],
                   [("2303.01469", -0.7, None, "laws-of-math"), ("2001.08361", -0.2, 0.8, "laws-of-math"),
                    ("1406.2661", -0.9)],
                   [("2303.01469", 0.2, 0.3), ("2001.08361", -0.3, None, "unsure"), ("1406.2661", -0.7)],
                   [("2303.01469", 0.5), ("2001.08361", -0.25, 0.9, "laws-of-code")],
                   [("2303.01469", 0.6)])
    result = readers.aggregate(maps, data)
    assert result["readers"] == 5 and result["rule"] == readers.RULE and result["version"] == 1
    papers = result["papers"]
    assert list(papers) == ["1406.2661", "2303.01469", "2001.08361"]  # the papers file's order; unplaced absent
    assert papers["2303.01469"] == {"n": 5, "x": [-0.7, 0.2, 0.5], "y": [0.15, 0.2, 0.25], "ny": 2,
                                    "marks": {"laws-of-math": 2}, "contested": True, "why": "spread"}
    # two marks of code, one of math, one unsure: no majority among four
    assert papers["2001.08361"]["marks"] == {"laws-of-code": 2, "laws-of-math": 1, "unsure": 1}
    assert papers["2001.08361"]["why"] == "marks" and papers["2001.08361"]["contested"]
    assert papers["1406.2661"] == {"n": 3, "x": [-0.85, -0.8, -0.75], "y": None, "ny": 0, "marks": {},
                                   "contested": False, "why": None}
    assert readers.most_contested_first(papers) == ["2303.01469", "2001.08361", "1406.2661"]
    text = json.dumps(result)
    assert "m0" not in text  # no file names


def test_few_readers_are_never_contested(data):
    maps = maps_of(data, [("2303.01469", -1, None, "laws-of-math")], [("2303.01469", 1, None, "laws-of-code")])
    assert readers.aggregate(maps, data)["papers"]["2303.01469"]["contested"] is False


def test_the_cli_reports_every_problem_and_fails(tmp_path, capsys):
    site = tmp_path / "site"
    shutil.copytree(SPECIMEN / "docs" / "data", site / "docs" / "data")
    (site / "mkdocs.yml").write_text("site_name: A fork\nextra:\n  research:\n    readers: data/readers\n")
    folder = site / "docs" / "data" / "readers"
    for path in folder.glob("*"):
        path.unlink()
    assert cli.main(["readers", "check", "--dir", str(site)]) == 0
    assert "0 readers' maps in docs/data/readers: all valid." in capsys.readouterr().out
    write(folder, "one.yml", a_map(("1406.2661", 2)))
    write(folder, "two.yml", a_map(("9999.99999", 0.1)))
    assert cli.main(["readers", "check", "--dir", str(site)]) == 1
    err = capsys.readouterr().err
    assert "readers check: 3 problems in docs/data/readers:" in err
    assert 'docs/data/readers/one.yml:3: "1406.2661": x = 2 is outside' in err
    assert 'docs/data/readers/two.yml:3: "9999.99999": unknown paper id' in err


def test_new_keeps_or_clears_the_readers_maps(fork, capsys):  # noqa: F811 (the fixture imported above)
    folder = fork / "docs" / "data" / "readers"
    write(folder, "README.md", "Readers' maps.\n")
    write(folder, "one.yml", a_map(("1406.2661", -0.5)))
    assert cli.main(["new", "--dir", str(fork), "--title", "T", "--author", "A"]) == 0
    assert (folder / "one.yml").is_file()  # kept by default
    code = cli.main(["new", "--dir", str(fork), "--title", "T", "--author", "A", "--force", "--readers", "clear"])
    out = capsys.readouterr().out
    assert code == 0
    assert "removed  docs/data/readers/one.yml" in out
    assert not (folder / "one.yml").exists() and (folder / "README.md").is_file()
    backups = list((fork / ".cache" / "place-for-research").glob("before-new-*/docs/data/readers/one.yml"))
    assert backups, "the cleared map is backed up first"


@pytest.mark.parametrize("setting", ["../outside", "data/../../outside", "/etc", "", ".", 7])
def test_the_readers_folder_must_be_inside_docs(tmp_path, setting):
    with pytest.raises(ValueError, match="must be a folder inside the docs folder"):
        readers.folder_of(tmp_path / "docs", {"readers": setting})
    assert readers.folder_of(tmp_path / "docs", {}) == tmp_path / "docs" / "data" / "readers"


def test_a_readers_folder_reached_through_a_linked_data_folder_is_inside_docs(tmp_path):
    (tmp_path / "shared" / "readers").mkdir(parents=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "data").symlink_to(tmp_path / "shared")
    assert readers.folder_of(tmp_path / "docs", {}) == tmp_path / "docs" / "data" / "readers"


@pytest.mark.parametrize("name, text", [
    ("unsure.yml", 'version: 2\nplacements:\n  - id: "1406.2661"\n    x: -0.5\n    grounding: unsure\n'
                   "# end of map: 1 placement\n"),
    ("unsure.json", '{"version": 2, "placements": [{"id": "1406.2661", "x": -0.5, "grounding": "unsure"}]}'),
])
def test_an_unsure_mark_is_counted_from_yaml_and_json_alike(tmp_path, data, name, text):
    folder = tmp_path / "readers"
    write(folder, name, text)
    checked = readers.check_folder(folder, data, SHOWN)
    assert checked.problems == []
    assert [{s.id for s in reader_map.spots if s.grounding == "unsure"} for reader_map in checked.maps] == [{"1406.2661"}]
