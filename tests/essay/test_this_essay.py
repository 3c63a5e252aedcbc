"""Checks of this essay, "A place for research", and of its data: its seven
parts, the papers it cites, where the author placed them and why, that every
figure is asked about before it and read after it, that the reader places the
contested papers before the author argues, that every number it reads off a
toy is that toy's readout, the facts it once got wrong, its byline and
citation, its length, its licences.

These are about the words and the data, not the machinery, so
`place-for-research new` removes this folder when a fork starts its own
essay (the machinery's tests run on tests/specimen and keep passing). Put
checks of your own essay here if you want them.
"""
from __future__ import annotations

import html
import re

import pytest
from ruamel.yaml import YAML

from conftest import ROOT
from place_for_research import toys
from place_for_research.data import yaml_rt
from place_for_research.data.citations import cited_ids
from place_for_research.data.catalogue import load_site_data

ESSAY = ROOT / "docs" / "index.md"
PAPERS, TAXONOMY = ROOT / "docs" / "data" / "papers.yml", ROOT / "docs" / "data" / "taxonomy.yml"
# The papers the essay cites, in the order it first mentions them.
CITED = ["1406.2661", "2011.13456", "2303.01469", "2203.02155", "2404.16767", "2211.17192",
         "2206.00927", "2202.00512", "1907.05600", "2305.13673", "2001.08361", "2102.04074",
         "1706.03762", "1512.03385", "2210.02747", "2312.00752", "2305.18290",
         "1706.03741", "1909.08593", "2009.01325", "2209.10652", "2309.08600"]
# Headings state what each part shows, not only its topic.
PARTS = ["1. Some papers pose a problem, others solve it better",
         "2. Structure is derived, from math or from code",
         "3. Structure today rests mostly on math",
         "4. A new frame needs development to pay off",
         "5. Contested cases turn on what you credit",
         "6. Exploration is a third axis, and it comes first",
         "7. The three kinds of work form one cycle"]
STRUCTURAL = ("1406.2661", "2011.13456", "1907.05600", "2303.01469", "1706.03741", "1909.08593", "2203.02155",
              "1706.03762", "1512.03385", "2210.02747", "2312.00752")
DEVELOPMENTAL = ("2404.16767", "2211.17192", "2206.00927", "2202.00512", "2009.01325", "2305.18290")
EXPLORATORY = ("2305.13673", "2001.08361", "2209.10652")
# placed as regions: the author is unsure
CONTESTED = ("2303.01469", "1909.08593", "2009.01325", "2203.02155", "2312.00752", "2305.18290")
# Section 3 asks for marks on papers that no earlier section has discussed, so
# the reader marks before reading how the author marks them.
MARKED = ["1706.03762", "1512.03385", "2210.02747", "2312.00752", "2305.18290"]


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


def test_the_prose_is_between_3500_and_4300_words():
    assert 3500 <= prose_words(essay_text()) <= 4300


def test_the_essay_has_its_seven_parts_then_citation_and_references(essay_html):
    def headings(level: int) -> list[str]:
        found = re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", essay_html, re.S)
        return [html.unescape(re.sub(r"<[^>]+>", "", h)).replace("¶", "").strip() for h in found]

    h1, h2 = headings(1), headings(2)
    assert "A place for research" in h1
    assert [h for h in h2 if h[:1].isdigit()] == PARTS
    # The footnotes render after the references, so no heading of their own.
    assert h2[-9:] == [*PARTS, "Cite this essay", "References"]


def test_the_claims_table_is_on_the_about_page_not_in_the_essay():
    assert not [line for line in essay_text().splitlines() if line.startswith("|")]
    about = (ROOT / "docs" / "about.md").read_text(encoding="utf-8")
    rows = [row for row in about.splitlines() if row.startswith("|") and "](index.md#" in row]
    assert len(rows) == 13
    anchors = set(re.findall(r"\]\(index\.md#([\w-]+)\)", about))
    parts = {re.sub(r"[^\w\s-]", "", part).lower().replace(" ", "-") for part in PARTS}
    assert anchors <= parts


def test_the_byline_and_the_cite_block_come_from_mkdocs_yml(essay_html):
    config = yaml_rt.read_mkdocs_config(ROOT / "mkdocs.yml")
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
        options = YAML(typ="safe", pure=True).load(source)
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
        elif kind == "fence:reading":  # a sentence about the figure above: the prose goes on from it
            assert "you" in after, (options, after)
        elif kind == "fence:order":
            assert re.search(r"\border\b", before) and "commit" in before, before
            assert "your" in after and "loop" in after, after
        else:
            assert re.search(r"\b(place|put|mark|drag)\b", before), before
            view = options.get("view", "line")
            assert "you" in after and re.search(rf"\b({view}|map)\b", after), (view, after)


def sections() -> dict[str, str]:
    """The essay's numbered parts by number ("1" .. "7"), each as its Markdown."""
    parts = re.split(r"^## (?=\d\. )", essay_text(), flags=re.M)[1:]
    return {part[0]: part.split("\n## ", 1)[0] for part in parts}


def spectrum_papers(markdown: str) -> list[list[str]]:
    """The papers of each spectrum fence in a piece of the essay, in order."""
    return [YAML(typ="safe", pure=True).load(body)["papers"] for body in re.findall(r"^```spectrum\n(.*?)^```", markdown, re.S | re.M)]


def test_the_marks_are_asked_for_on_papers_no_earlier_part_discussed():
    marking = spectrum_papers(sections()["3"])
    assert marking == [MARKED]
    earlier = "".join(sections()[number] for number in "12")
    assert [paper_id for paper_id in MARKED if paper_id in earlier] == []


def test_the_reader_places_the_contested_papers_before_the_author_argues():
    part = sections()["5"]
    consistency, preferences = spectrum_papers(part)
    assert "2303.01469" in consistency and {"1706.03741", "1909.08593", "2203.02155"} <= set(preferences)
    fences = [match.start() for match in re.finditer(r"^```spectrum", part, re.M)]
    # Where the author's case for each spot begins.
    assert fences[0] < part.index("I place it on the structural side")
    assert fences[1] < part.index("What the 2017 paper did")


def test_the_facts_the_essay_once_got_wrong_stay_corrected(data):
    prose = " ".join(essay_text().split())
    for wrong in ("posed the loop", "many sizes, datasets and compute", "carried the 2017 loop", "no formula"):
        assert wrong not in prose, wrong
    assert "WebText2" in prose and "less than one percent" in prose and "Preference-Based Policy Iteration" in prose
    assert "carried the 2017 loop" not in data.paper("2009.01325").placement.reason
    code = next(c for c in YAML(typ="safe", pure=True).load(TAXONOMY.read_text(encoding="utf-8"))["categories"] if c["id"] == "laws-of-code")
    assert "no formula" not in code["definition"] and "derived" in code["definition"]
    ziegler = data.paper("1909.08593")
    assert ziegler.year == 2019 and ziegler.authors[0] == "Daniel M. Ziegler" and len(ziegler.authors) == 8


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
    # Section 5: the loop first worked for deep RL in 2017 and for language models in 2019;
    # the summarisation paper builds on the 2019 one, and InstructGPT is credited for influence.
    assert where["1706.03741"].x < where["1909.08593"].x < where["2203.02155"].x
    assert where["1909.08593"].x < where["2009.01325"].x
    # Consistency models: structural, but nearer the centre than the SDE paper.
    assert where["2011.13456"].x < where["2303.01469"].x < 0
    assert where["2011.13456"].grounding == "laws-of-math"
    assert where["1907.05600"].grounding == "laws-of-math"
    assert where["2001.08361"].grounding == "laws-of-code"
    assert where["2305.13673"].grounding == "laws-of-code"
    # Section 3: the author's marks on the papers the reader marks.
    assert where["1512.03385"].grounding == "laws-of-code"
    assert {where[paper_id].grounding for paper_id in ("2210.02747", "2312.00752", "2305.18290")} == {"laws-of-math"}
    assert where["1706.03762"].grounding is None


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
    assert len(data.paper("1909.08593").authors) == 8 and data.paper("1909.08593").authors[-1] == "Geoffrey Irving"
    for paper in data.papers:
        if paper.url.startswith("https://arxiv.org/abs/"):
            assert paper.url.endswith(paper.id)
            assert paper.year == 2000 + int(paper.id[:2]), "the year of the first arXiv version"


# The numbers the essay reads off its toys, at the settings it names: (toy, controls,
# readout, the text as the essay writes it, the value it stands for, tolerance).
STATED = [
    ("diffusion_sde", {}, "floor_low", "anywhere from 0.022", 0.022, 0.0005),
    ("diffusion_sde", {}, "floor_high", "to 0.099, nine sets in ten", 0.099, 0.0005),
    ("diffusion_sde", {"steps": 5}, "w1", "from 0.14 at 5 steps", 0.14, 0.005),
    ("diffusion_sde", {"steps": 20}, "w1", "reads 0.030 at 20", 0.030, 0.0005),
    ("scaling_law", {}, "exponent", "the fitted exponent reads about 0.34", 0.34, 0.01),
    ("scaling_law", {"sizes": 3, "noise": 0.4}, "exponent", "fit drops to about 0.20", 0.20, 0.01),
    ("speculative_decoding", {}, "p_value", "p-value is 0.77", 0.77, 0.005),
    ("speculative_decoding", {}, "tokens_per_call", "at 3.1 tokens per call", 3.1, 0.05),
    ("speculative_decoding", {"rule": "unchecked"}, "tokens_per_call", "unchecked gives 5 tokens per call", 5.0, 0.0),
    ("superposition", {}, "represented", "every line starts at 2", 2, 0),
    ("superposition", {"ratio": 0.7}, "represented", "every line starts at 2", 2, 0),
    ("superposition", {"ratio": 0.9}, "represented", "every line starts at 2", 2, 0),
    ("superposition", {"sparsity": 0.9}, "represented", "default decay reads 5", 5, 0),
    ("superposition", {"sparsity": 0.9, "ratio": 0.7}, "represented", "stops at 4 at the same sparsity", 4, 0),
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


def readout(module: str, name: str, **controls):
    return toys.load(module).run(seed=0, **controls)["readouts"][name]


def test_the_diffusion_walkthrough_reads_its_band_right():
    """Who enters the band of exact draws, and when: the ODE by 10 steps (not at 5), the
    reverse SDE at twice that, annealed Langevin only at 200."""
    low, high = readout("diffusion_sde", "floor_low"), readout("diffusion_sde", "floor_high")

    def inside(sampler, steps):
        return low <= readout("diffusion_sde", "w1", sampler=sampler, steps=steps) <= high

    assert not inside("ode", 5) and inside("ode", 10) and inside("ode", 20)
    assert not inside("sde", 10) and inside("sde", 20)
    assert not inside("langevin", 100) and inside("langevin", 200)
    assert "The reverse SDE adds fresh noise" in essay_text() and "twice as many" in essay_text()


def test_the_scaling_walkthrough_says_how_far_off_the_unlucky_fit_is():
    fitted, derived = (readout("scaling_law", name, sizes=3, noise=0.4) for name in ("exponent", "derived"))
    assert round(100 * (derived - fitted) / derived) == 40
    assert "40% below the true value" in " ".join(essay_text().split())
    # The band, one sd over repeated experiments at six sizes, holds the derived value at every noise level.
    noises = next(c for c in toys.load("scaling_law").CONTROLS if c.name == "noise").values
    for noise in noises:
        result = toys.load("scaling_law").run(seed=0, noise=noise)["readouts"]
        assert abs(result["exponent"] - result["derived"]) <= result["spread"], noise


def test_the_decoding_walkthrough_reads_the_bars_right():
    decoding = toys.load("speculative_decoding")
    greedy = decoding.run(seed=0, rule="greedy")["figures"]["distribution"]["data"][0]["y"]
    assert sum(value == 0 for value in greedy) == 4 and len(greedy) == 8  # "four of the eight tokens never drawn first"
    for point in decoding.CONTROLS[0].values:  # every draft length, at every closeness
        for temperature in decoding.CONTROLS[1].values:
            for rule in ("unchecked", "greedy"):
                assert decoding.run(seed=0, gamma=point, temperature=temperature, rule=rule)["readouts"]["p_value"] < 0.05


def test_the_superposition_walkthrough_reads_its_lines_right():
    module = toys.load("superposition")
    sparsities = next(c for c in module.CONTROLS if c.name == "sparsity").values
    for ratio in (0.7, 0.8, 0.9):
        counts = [readout("superposition", "represented", sparsity=s, ratio=ratio) for s in sparsities]
        assert counts == sorted(counts), ("the lines climb", ratio, counts)
    # "the count climbs later" with the steeper decay
    assert readout("superposition", "represented", sparsity=0.5, ratio=0.7) < readout("superposition", "represented", sparsity=0.5)
