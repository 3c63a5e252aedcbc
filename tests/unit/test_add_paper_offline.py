"""add-paper without the network says so in one line, then gives the entry to
paste: once its capitals are filled in, the papers file holds the paper; left
as they are, validation refuses the file at the placeholder."""
from __future__ import annotations

import urllib.error

import pytest
from test_cli_add_paper import data, run  # noqa: F401 (data is a fixture)

from place_for_research.fork import arxiv
from place_for_research.data.catalogue import DataError, load_site_data


def offline_error(data, capsys, monkeypatch) -> str:  # noqa: F811
    def offline(request, timeout=None):
        raise urllib.error.URLError(OSError(-3, "Temporary failure in name resolution"))
    monkeypatch.setattr(arxiv, "urlopen", offline)
    papers, _, cache = data
    code, out, err = run(capsys, "add-paper", "2209.10652", "--papers", papers, "--cache-dir", cache)
    assert code == 1 and out == ""
    return err


def test_offline_the_entry_to_paste_is_printed_and_fits_the_file(data, capsys, monkeypatch):  # noqa: F811
    papers, taxonomy, _ = data
    err = offline_error(data, capsys, monkeypatch)
    first, _, rest = err.partition("\n")
    assert first.startswith("place-for-research add-paper: error: could not reach the arXiv API (")
    assert "paste this under `papers:`" in first and "Traceback" not in err
    entry = rest.strip("\n") + "\n"
    assert entry.startswith('  - id: "2209.10652"\n') and "url: https://arxiv.org/abs/2209.10652\n" in entry

    original = papers.read_text(encoding="utf-8")
    papers.write_text(original.rstrip("\n") + "\n" + entry, encoding="utf-8")
    with pytest.raises(DataError, match="year"):
        load_site_data(papers, taxonomy)  # the placeholders stop the build until filled in

    filled = (entry.replace("TITLE", "Toy Models of Superposition").replace("FIRST AUTHOR", "Nelson Elhage")
              .replace("SECOND AUTHOR", "Chris Olah").replace("YEAR", "2022"))
    papers.write_text(original.rstrip("\n") + "\n" + filled, encoding="utf-8")
    paper = load_site_data(papers, taxonomy).paper("2209.10652")
    assert (paper.title, paper.year, paper.authors[0]) == ("Toy Models of Superposition", 2022, "Nelson Elhage")
