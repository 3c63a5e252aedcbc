"""`merge` refuses a JSON map that gives one key twice, with its line, as it refuses the same in YAML."""
from __future__ import annotations

import json

import pytest
from test_cli_merge import data, placements, run  # noqa: F401 (data is a fixture)

DOUBLED = '{\n\t"version": 2,\n\t"placements": [\n\t\t{"id": "2106.09685",\n\t\t "x": 0.2,\n\t\t "x": 0.9, "y": 0.05}\n\t]\n}\n'


@pytest.mark.parametrize("text, line", [
    (DOUBLED, 6),                                                                          # tabs: JSON, not YAML
    ('{"version": 2, "placements": [{"id": "2106.09685", "x": 0.2, "x": 0.9, "y": 0.05}]}', 1),  # one line: also YAML
    ('{\n\t"version": 2,\n\t"version": 2,\n\t"placements": []\n}\n', 3),
])
def test_a_key_given_twice_in_json_is_refused_with_its_line(tmp_path, data, capsys, text, line):  # noqa: F811
    papers, taxonomy = data
    before = papers.read_text(encoding="utf-8")
    map_file = tmp_path / "research-map.json"
    map_file.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "merge", map_file, "--papers", papers)
    assert code != 0, out
    assert f"research-map.json:{line}" in err, err
    assert "twice" in err or "duplicate" in err.lower(), err
    assert papers.read_text(encoding="utf-8") == before


def test_a_json_map_without_repeats_still_merges(tmp_path, data, capsys):  # noqa: F811
    papers, taxonomy = data
    map_file = tmp_path / "research-map.json"
    map_file.write_text(json.dumps({"version": 2, "placements": [{"id": "2106.09685", "x": 0.9, "y": 0.05}]}, indent="\t"))
    code, _, err = run(capsys, "merge", map_file, "--papers", papers)
    assert code == 0, err
    assert placements(papers, taxonomy)["2106.09685"][:2] == (0.9, 0.05)
