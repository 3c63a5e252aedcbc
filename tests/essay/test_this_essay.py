"""Checks of this essay, "A place for research", and of its data: its seven
parts, the papers it cites, where the author placed them and why, that every
figure is asked about before it and read after it, that every number it reads
off a toy is that toy's readout, its byline and citation, its length, its
licences.

These are about the words and the data, not the machinery, so
`place-for-research new` removes this folder when a fork starts its own
essay (the machinery's tests run on tests/specimen and keep passing). Put
checks of your own essay here if you want them.
"""
from __future__ import annotations

import html
import re

import pytest
import yaml

from conftest import ROOT
from place_for_research import toys
from place_for_research.citations import cited_ids
from place_for_research.data import load_site_data

ESSAY = ROOT / "docs" / "index.md"
PAPERS, TAXONOMY = ROOT / "docs" / "data" / "papers.yml", ROOT / "docs" / "data" / "taxonomy.yml"
# The papers the essay cites, in the order it first mentions them.
CITED = ["1406.2661", "2011.13456", "2303.01469", "2203.02155", "2404.16767", "2211.17192",
         "2206.00927", "2202.00512", "1907.05600", "2305.13673", "2001.08361", "2102.04074",
         "1706.03741", "2009.01325", "2209.10652", "2309.08600"]
PARTS = ["1. Sort first, define later", "2. Where structure comes from", "3. What your structure rests on",
         "4. A frame is not a result", "5. Two cases I had to argue with myself", "6. The third side",
         "7. The loop closes"]
STRUCTURAL = ("1406.2661", "2011.13456", "1907.05600", "2303.01469", "1706.03741", "2203.02155")
DEVELOPMENTAL = ("2404.16767", "2211.17192", "2206.00927", "2202.00512")
EXPLORATORY = ("2305.13673", "2001.08361", "2209.10652")
CONTESTED = ("2303.01469", "2009.01325", "2203.02155")  # placed as regions: the author is unsure


@pytest.fixture(scope="module")
def data():
    return load_site_data(PAPERS, TAXONOMY)


@pytest.fixture(scope="module")
def essay_html(essay_site) -> str:
    return (essay_site / "index.html").read_text(encoding="utf-8")


def essay_text() -> str:
    return ESSAY.read_text(encoding="utf-8")


def blocks(markdown: str) -> list[tuple[str, str]]:
    """The essay body as (kind, text) blocks in order: ("fence:NAME", options) or ("para", text)."""
    body = markdown.split("---", 2)[2]
    found, lines, index = [], body.split("\n"), 0
    paragraph: list[str] = []

    def close():
        if paragraph:
            found.append(("para", " ".join(paragraph)))
            paragraph.clear()

    while index < len(lines):
        line = lines[index]
        fence = re.match(r"^```(\w+)\s*$", line)
        if fence:
            close()
            end = lines.index("```", index + 1)
            found.append((f"fence:{fence.group(1)}", "\n".join(lines[index + 1:end])))
            index = end + 1
            continue
        if line.strip() and not line.startswith(("#", "|", "<", "[^")):
            paragraph.append(line.strip())
        else:
            close()
        index += 1
    close()
    return found


def prose_words(markdown: str) -> int:
    """Words of prose: no front matter, fences, tables, images, link targets or HTML tags."""
    body = markdown.split("---", 2)[2]
    body = re.sub(r"^```.*?^```", "", body, flags=re.S | re.M)
    body = re.sub(r"^\|.*$", "", body, flags=re.M)
    body = re.sub(r"!\[[^\]]*\]\([^)]*\)(\{[^}]*\})?", "", body)
    body = re.sub(r"\]\([^)]*\)", "]", body)
    body = re.sub(r"<[^>]+>", " ", body)
    return len(re.findall(r"[A-Za-z0-9][\w'’.-]*", body))


def test_the_essay_cites_its_papers_in_order():
    assert cited_ids(essay_text()) == CITED


def test_every_cited_paper_is_in_the_papers_file(data):
    assert [paper_id for paper_id in CITED if data.paper(paper_id) is None] == []


def test_the_prose_is_between_three_and_five_thousand_words():
    assert 3000 <= prose_words(essay_text()) <= 5000


def test_the_essay_has_its_seven_parts_then_notes_citation_and_references(essay_html):
    def headings(level: int) -> list[str]:
        found = re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", essay_html, re.S)
        return [html.unescape(re.sub(r"<[^>]+>", "", h)).replace("¶", "").strip() for h in found]

    h1, h2 = headings(1), headings(2)
    assert "A place for research" in h1
    assert [h for h in h2 if h[:1].isdigit()] == PARTS
    assert h2[-3:] == ["Notes", "Cite this essay", "References"]


def test_the_notes_map_each_of_the_thirteen_claims_to_a_part():
    notes = essay_text().split("## Notes", 1)[1].split("[^", 1)[0]
    rows = [row for row in notes.splitlines() if row.startswith("|") and "](#" in row]
    assert len(rows) == 13
    anchors = set(re.findall(r"\]\(#([\w-]+)\)", notes))
    parts = {re.sub(r"[^\w\s-]", "", part).lower().replace(" ", "-") for part in PARTS}
    assert anchors <= parts


def test_the_byline_and_the_cite_block_come_from_mkdocs_yml(essay_html):
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    byline = essay_html[essay_html.index('<div class="byline">'):]
    byline = byline[: byline.index("</div>")]
    if config.get("site_author"):
        assert html.escape(config["site_author"]) in byline
    else:  # no name rather than a placeholder such as "The ... authors"
        assert "byline__author" not in byline and "authors" not in byline.split("<time")[0]
    assert f'<time datetime="{config["extra"]["byline"]["date"]}">' in byline
    assert "Machine-learning research poses new structures" in byline
    cite = essay_html[essay_html.index('id="cite-this-essay"'):essay_html.index('id="references"')]
    assert html.escape(config["site_name"]) in cite and "@misc" in cite
    # The tests' server is a loopback address: a local build cites no address.
    assert "127.0.0.1" not in cite and "localhost" not in cite and "howpublished" not in cite


def test_every_figure_is_asked_about_before_and_read_after():
    """Before each fence, a paragraph that asks the reader to act; after it, one
    that reads what the figure shows, by its controls, readouts or view."""
    found = blocks(essay_text())
    fences = [i for i, (kind, _) in enumerate(found) if kind.startswith("fence:")]
    assert len(fences) >= 9
    for i in fences:
        kind, source = found[i]
        options = yaml.safe_load(source)
        before = next(text for k, text in reversed(found[:i]) if k == "para").lower()
        after = next(text for k, text in found[i + 1:] if k == "para").lower()
        if kind == "fence:toy":
            assert re.search(r"guess|commit|\?", before), (options["notebook"], before)
            module = toys.load(options["notebook"].replace("-", "_"))
            names = list(options.get("controls", [])) + list(options.get("readouts", []))
            words = {name.replace("_", " ") for name in names}
            for item in getattr(module, "CONTROLS", ()) + getattr(module, "READOUTS", ()):
                if item.name in names:
                    words.add(item.label.lower())
            assert any(word in after for word in words), (options["notebook"], words, after)
            assert options.get("predict", {}).get("question"), f"{options['notebook']}: ask before showing"
        else:
            assert re.search(r"\b(place|put|mark|drag)\b", before), before
            view = options.get("view", "line")
            assert "you" in after and re.search(rf"\b({view}|map)\b", after), (view, after)


def test_the_footer_states_both_licences(essay_html):
    footer = essay_html[essay_html.index("md-footer"):]
    assert "CC BY 4.0" in footer and "MIT" in footer


def test_the_essays_papers_carry_the_authors_placements_with_reasons(data):
    assert len(data.papers) >= 40
    placed = {p.id: p.placement for p in data.papers if p.placement}
    assert set(placed) == set(CITED)
    for paper_id, placement in placed.items():
        assert placement.reason and len(placement.reason) <= 400, paper_id
    assert {paper_id for paper_id in CITED if placed[paper_id].spread} >= set(CONTESTED)


def test_author_placements_follow_the_essays_argument(data):
    where = {p.id: p.placement for p in data.papers if p.placement}
    for paper_id in STRUCTURAL:
        assert where[paper_id].x < 0, paper_id
    for paper_id in DEVELOPMENTAL:
        assert where[paper_id].x > 0, paper_id
    for paper_id in EXPLORATORY:
        assert where[paper_id].y >= 0.5, paper_id
    # Section 5: the structure was posed in 2017, before InstructGPT.
    assert where["1706.03741"].x < where["2009.01325"].x
    assert where["1706.03741"].x < where["2203.02155"].x
    # Consistency models: structural, but nearer the centre than the SDE paper.
    assert where["2011.13456"].x < where["2303.01469"].x < 0
    assert where["2011.13456"].grounding == "laws-of-math"
    assert where["1907.05600"].grounding == "laws-of-math"
    assert where["2001.08361"].grounding == "laws-of-code"
    assert where["2305.13673"].grounding == "laws-of-code"


def test_metadata_matches_the_verified_facts(data):
    sde = data.paper("2011.13456")
    assert len(sde.authors) == 6 and sde.authors[0] == "Yang Song" and sde.authors[-1] == "Ben Poole"
    assert data.paper("1512.03385").title == "Deep Residual Learning for Image Recognition"
    assert data.paper("2210.02747").title.startswith("Flow Matching")
    assert data.paper("2203.02155").short_authors == "Ouyang et al."
    assert data.paper("1706.03741").authors[0] == "Paul Christiano" and len(data.paper("1706.03741").authors) == 6
    assert len(data.paper("2009.01325").authors) == 9 and data.paper("2009.01325").authors[0] == "Nisan Stiennon"
    assert data.paper("1907.05600").authors == ("Yang Song", "Stefano Ermon")
    assert len(data.paper("2206.00927").authors) == 6 and data.paper("2206.00927").authors[0] == "Cheng Lu"
    assert data.paper("2202.00512").authors == ("Tim Salimans", "Jonathan Ho")
    for paper in data.papers:
        if paper.url.startswith("https://arxiv.org/abs/"):
            assert paper.url.endswith(paper.id)
            assert paper.year == 2000 + int(paper.id[:2]), "the year of the first arXiv version"


# The numbers the essay reads off its toys, at the settings it names: (toy, controls,
# readout, the text as the essay writes it, the value it stands for, tolerance).
STATED = [
    ("diffusion_sde", {}, "w1", "W1 reads about 0.05", 0.05, 0.005),
    ("diffusion_sde", {}, "w1_floor", "floor of about 0.04", 0.04, 0.005),
    ("diffusion_sde", {"steps": 5}, "w1", "W1 climbs to about 0.14", 0.14, 0.01),
    ("diffusion_sde", {"sampler": "sde", "steps": 5}, "w1", "(W1 above 0.6)", 0.63, 0.03),
    ("diffusion_sde", {"sampler": "sde", "steps": 200}, "w1", "at 200 steps it reads about 0.09", 0.09, 0.01),
    ("scaling_law", {}, "exponent", "the fitted exponent reads about 0.34", 0.34, 0.01),
    ("scaling_law", {}, "spread", "experiments is about 0.03", 0.03, 0.005),
    ("scaling_law", {"sizes": 3, "noise": 0.4}, "exponent", "fit drops to about 0.20", 0.20, 0.01),
    ("scaling_law", {"sizes": 3, "noise": 0.4}, "spread", "to about 0.07", 0.07, 0.01),
    ("speculative_decoding", {}, "tokens_per_call", "read 3.1 measured", 3.1, 0.05),
    ("speculative_decoding", {}, "tokens_per_call_theory", "3.2 in theory", 3.15, 0.05),
    ("speculative_decoding", {}, "p_value", "reads about 0.77", 0.77, 0.01),
    ("speculative_decoding", {"rule": "unchecked"}, "tokens_per_call", "Tokens per call jump to 5", 5.0, 0.0),
    ("speculative_decoding", {"rule": "greedy"}, "tokens_per_call", "(3.4 tokens", 3.4, 0.05),
    ("superposition", {}, "represented", "features represented says 2", 2, 0),
    ("superposition", {"sparsity": 0.5}, "represented", "to 0.5 and it jumps to 4", 4, 0),
    ("superposition", {"sparsity": 0.9}, "represented", "at 0.9 it reads 5", 5, 0),
    ("superposition", {"sparsity": 0.5, "ratio": 0.7}, "represented", "the count falls back to 2", 2, 0),
    ("superposition", {"sparsity": 0.9, "ratio": 0.7}, "represented", "at 0.9 it stops at 4", 4, 0),
]


@pytest.mark.parametrize("module, controls, readout, text, value, tolerance", STATED,
                         ids=[f"{row[0]}-{row[2]}-{row[3]}" for row in STATED])
def test_the_numbers_the_essay_states_are_the_toys_readouts(module, controls, readout, text, value, tolerance):
    assert text in " ".join(essay_text().split()), f"the essay no longer says {text!r}"
    assert abs(toys.load(module).run(seed=0, **controls)["readouts"][readout] - value) <= tolerance


def test_the_shortcuts_fail_the_test_the_exact_rule_passes_even_with_the_closest_draft():
    decoding = toys.load("speculative_decoding")
    closest = next(c for c in decoding.CONTROLS if c.name == "temperature").values[0]  # T = 1.25
    assert decoding.run(seed=0, temperature=closest)["readouts"]["p_value"] > 0.05
    assert decoding.run(seed=0, temperature=closest)["readouts"]["tokens_per_call"] > 4
    for rule in ("unchecked", "greedy"):
        assert decoding.run(seed=0, rule=rule, temperature=closest)["readouts"]["p_value"] < 1e-6
