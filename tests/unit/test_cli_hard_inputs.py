"""The fork tools under hostile input files: a binary or non-UTF-8 map, an alias
bomb, a duplicate key. Each is one clear message naming the file (and line), exit code 1,
no traceback, and the papers file is left byte for byte."""
from __future__ import annotations

import pytest

from place_for_research.fork import cli

from test_cli_merge import data as data_files  # noqa: F401  (the (papers, taxonomy) fixture)


@pytest.fixture
def data(data_files):  # noqa: F811  (a fixture asks for data_files by name)
    """The papers file merge writes into."""
    return data_files[0]


GOOD_MAP = b'version: 1\nplacements:\n  - id: "1706.03762"\n    x: 0.1\n    y: 0.2\n'
BOMB = b"".join(b"l%d: &l%d [" % (i, i) + b", ".join([b"*l%d" % (i - 1) if i else b'"lol"'] * 9) + b"]\n"
                for i in range(12))


@pytest.mark.parametrize("content, words", [
    (GOOD_MAP.replace(b"x: 0.1", b"x: 0.1\xff"), "map.yaml:4: (encoding): byte 0xff at column 11 is not UTF-8"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "map.yaml:3: (file): is a binary file, not YAML text"),
    ("version: 1\nplacements: []\n".encode("utf-16"), "map.yaml:1: (file): is a binary file"),
    (BOMB, "map.yaml:2: l1[0]: an alias (*l0): aliases are not allowed"),
    (GOOD_MAP + b"    x: 0.3\n", "map.yaml:6: placements[0].x: appears twice in one mapping (first on line 4)"),
    (b"version: 1\nplacements: [" + b"[" * 100 + b"]" * 100 + b"]\n", "nested more than 20 levels"),
    (GOOD_MAP + b"#" * 1_100_000, "larger than 64 kB"),
    (b'{"version": 1, "placements": [' + b" " * 1_100_000 + b"]}", "not merged"),
])
def test_a_hostile_map_is_one_clear_message_and_nothing_is_written(tmp_path, data, capsys, content, words):
    before = data.read_bytes()
    map_file = tmp_path / "map.yaml"
    map_file.write_bytes(content)

    code = cli.main(["merge", str(map_file), "--papers", str(data)])
    out, err = capsys.readouterr()

    assert code == 1
    assert words in err, err
    assert "Traceback" not in err and "UnicodeDecodeError" not in err
    assert data.read_bytes() == before
    assert not [p for p in data.parent.iterdir() if p.name.startswith(".")]


def test_a_papers_file_that_is_not_utf8_stops_merge_with_its_line(tmp_path, data, capsys):
    data.write_bytes(data.read_bytes().replace(b"Ian J.", b"Ian \xe9."))
    before = data.read_bytes()
    map_file = tmp_path / "map.yaml"
    map_file.write_bytes(GOOD_MAP)

    code = cli.main(["merge", str(map_file), "--papers", str(data)])
    err = capsys.readouterr().err

    assert code == 1
    assert "papers.yml:7: (encoding): byte 0xe9" in err and "Traceback" not in err
    assert data.read_bytes() == before
