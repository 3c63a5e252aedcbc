"""Site data that would break what draws it is refused at build with file and line: a control
character in a name (it broke the PNG export)."""
from __future__ import annotations

from pathlib import Path

import pytest

from place_for_research.data.catalogue import DataError, load_site_data

SPECIMEN = Path(__file__).resolve().parents[1] / "specimen" / "docs" / "data"


@pytest.mark.parametrize("escape", ["\\a", "\\x07", "\\u0000", "\\e", "\\x7f"])
def test_a_control_character_in_an_authors_name_is_refused_with_file_and_line(tmp_path, escape):
    text = (SPECIMEN / "papers.yml").read_text(encoding="utf-8")
    old = "authors: [Ian J. Goodfellow,"
    assert old in text
    line = text[:text.index(old)].count("\n") + 1
    papers = tmp_path / "papers.yml"
    papers.write_text(text.replace(old, f'authors: ["Ian J.{escape} Goodfellow",'), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site_data(papers, SPECIMEN / "taxonomy.yml")
    assert f"papers.yml:{line}" in str(caught.value) and "control character" in str(caught.value)


def test_tabs_and_line_breaks_in_text_are_still_text(tmp_path):
    text = (SPECIMEN / "papers.yml").read_text(encoding="utf-8")
    papers = tmp_path / "papers.yml"
    old = "note: Two networks in a game, one forging samples and one judging them; a new way to pose generation."
    assert old in text
    papers.write_text(text.replace(old, 'note: "Two networks\\tin a game,\\nforging and judging."'), encoding="utf-8")
    load_site_data(papers, SPECIMEN / "taxonomy.yml")
