"""One map format: the browser's module is the schema's, and the browser's import and
`place-for-research merge` give every map of the shared corpus one verdict: the JSON cases'
maps, and the whole files of corpus/files (YAML exports and JSON text, as a reader sends them)."""
from __future__ import annotations

import functools
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from place_for_research.data import map_format

ROOT = Path(__file__).resolve().parents[2]
MAPS = ROOT / "tests" / "fixtures" / "maps"
SPECIMEN_DATA = ROOT / "tests" / "specimen" / "docs" / "data"
FILE_CASES = json.loads((MAPS / "corpus" / "files" / "verdicts.json").read_text(encoding="utf-8"))
JSON_FILES = sorted(p.name for p in (MAPS / "corpus").glob("*.json"))
CORPUS = JSON_FILES + [f"files/{name}" for name in sorted(FILE_CASES)]


def test_the_browsers_module_is_generated_from_the_schema():
    checked_in = (ROOT / map_format.JS_PATH).read_text(encoding="utf-8")
    assert checked_in == map_format.render_js(), (
        "map-format.js differs from map.schema.json: run `python -m place_for_research.data.map_format`")


def test_the_whole_file_cases_are_all_listed_and_both_verdicts_occur():
    on_disk = sorted(p.name for p in (MAPS / "corpus" / "files").iterdir() if p.name != "verdicts.json")
    assert on_disk == sorted(FILE_CASES)
    assert {case["verdict"] for case in FILE_CASES.values()} == {"valid", "invalid"}


@functools.cache
def browser_verdicts() -> dict:
    node = shutil.which("node")
    assert node, "node is needed to run the browser's import"
    out = subprocess.run([node, str(ROOT / "tests" / "js" / "map-corpus-verdicts.mjs")], cwd=ROOT,
                         capture_output=True, text=True, timeout=60, check=True)
    return json.loads(out.stdout)


def merge_verdict(name: str, tmp_path: Path) -> tuple[str, str]:
    from place_for_research.fork.merge import MergeError, merge_map
    if name.startswith("files/"):
        map_file = tmp_path / Path(name).name
        map_file.write_bytes((MAPS / "corpus" / name).read_bytes())
    else:
        map_file = tmp_path / "map.json"
        case = json.loads((MAPS / "corpus" / name).read_text(encoding="utf-8"))
        map_file.write_text(json.dumps(case["map"]), encoding="utf-8")
    papers = tmp_path / "papers.yml"
    papers.write_text((SPECIMEN_DATA / "papers.yml").read_text(encoding="utf-8"), encoding="utf-8")
    try:
        merge_map(map_file, papers, SPECIMEN_DATA / "taxonomy.yml", replace=True, dry_run=True)
    except MergeError as error:
        return "invalid", str(error)
    return "valid", "accepted"


@pytest.mark.parametrize("name", CORPUS)
def test_merge_and_the_browsers_import_give_one_verdict(name, tmp_path):
    expected = FILE_CASES[name[6:]] if name.startswith("files/") \
        else json.loads((MAPS / "corpus" / name).read_text(encoding="utf-8"))
    merged, why = merge_verdict(name, tmp_path)
    browser = browser_verdicts()[name]
    assert (merged, browser["verdict"]) == (expected["verdict"], expected["verdict"]), (
        f"{name} ({expected['why']}): merge says {merged} ({why}); the browser says {browser}")


def test_the_rounding_rule_is_the_schemas():
    assert map_format.tidy(0.0125) == 0.013 and map_format.tidy(-0.0125) == -0.012
    assert str(map_format.tidy(-0.0004)) == "0.0" and map_format.tidy(3) == 3
