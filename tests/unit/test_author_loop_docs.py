"""What the author's loop promises in its docs holds: one minimum Node.js
version, stated alike wherever it is stated and enforced by setup, and
`make serve` on the port the author asks for."""
from __future__ import annotations

import re
import subprocess

from conftest import ROOT, SPECIMEN
from place_for_research.data.catalogue import load_papers, load_taxonomy

STATEMENTS = ("README.md", "docs/write-your-own.md", "scripts/setup.sh")


def test_one_minimum_node_version_everywhere():
    minimums = {}
    for name in STATEMENTS:
        text = (ROOT / name).read_text(encoding="utf-8")
        minimums[name] = set(re.findall(r"Node(?:\.js)? (\d+)(?:\+| or newer)", text))
    assert all(found for found in minimums.values()), minimums
    assert len(set().union(*minimums.values())) == 1, minimums
    minimum = int(next(iter(minimums["scripts/setup.sh"])))
    assert f"< {minimum}))" in (ROOT / "scripts/setup.sh").read_text(encoding="utf-8")  # what setup enforces
    workflow = (ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    assert int(re.search(r'node-version: "(\d+)"', workflow).group(1)) >= minimum


def test_make_serve_takes_its_port_from_PORT():
    def serve_command(*args: str) -> str:
        return subprocess.run(["make", "-n", "serve", *args], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout
    assert "--dev-addr 127.0.0.1:8000 " in serve_command()
    assert "--dev-addr 127.0.0.1:8001 " in serve_command("PORT=8001")


def test_the_papers_file_new_writes_says_how_to_add_a_reason_and_a_spread(tmp_path):
    """What a map exported from the browser cannot carry, the fork's papers file explains, with an
    example that, uncommented, is a placement the schema accepts."""
    template = (ROOT / "src" / "place_for_research" / "fork" / "templates" / "papers.yml").read_text(encoding="utf-8")
    header = template.split("papers:\n")[0]
    assert "`reason`" in header and "`spread`" in header
    example = "\n".join(line[2:] for line in header.splitlines() if line.startswith("#     "))
    papers = tmp_path / "papers.yml"
    papers.write_text('papers:\n  - id: "1406.2661"\n    title: T\n    authors: [A]\n    year: 2014\n'
                      "    url: https://arxiv.org/abs/1406.2661\n" + example + "\n", encoding="utf-8")
    paper = load_papers(papers, load_taxonomy(SPECIMEN / "docs" / "data" / "taxonomy.yml"))[0]
    assert paper.placement.reason == "Why it sits here." and paper.placement.spread
