"""The citation scanner checked against the page as rendered.

:mod:`citations` reads the Markdown with markdown-it-py; the site is rendered
by Python-Markdown with its extensions. Where they disagree (a container the
scanner does not know, an extension added to mkdocs.yml), a paper could be
linked in the page yet missing from the references, or the other way round.
After rendering, every arXiv or DOI link in the page's HTML is compared with
what the scanner found; the build fails on any difference.

Links the build itself adds (the references list, the spectrum's table of
placements, toy previews) are not the author's citations and are skipped.
"""
from __future__ import annotations

from html.parser import HTMLParser

from place_for_research.data.citations import paper_id_of

# Elements whose links the build generated, by class.
GENERATED = frozenset({"references", "research-spectrum", "readers-map", "toy-preview"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})


class _PaperLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # (paper id, url)
        self._skipping: list[str] = []           # open tags since a generated element began

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self._skipping:
            if tag not in VOID:
                self._skipping.append(tag)
            return
        if GENERATED & set((attributes.get("class") or "").split()) and tag not in VOID:
            self._skipping.append(tag)
            return
        if tag == "a":
            url = attributes.get("href") or ""
            paper_id = paper_id_of(url)
            if paper_id:
                self.found.append((paper_id, url))

    def handle_endtag(self, tag):
        if self._skipping and tag in self._skipping:
            while self._skipping.pop() != tag:  # close what the HTML left open inside
                pass


def rendered_paper_links(html: str) -> list[tuple[str, str]]:
    """(paper id, url) of every arXiv/DOI link in rendered HTML, outside generated parts."""
    parser = _PaperLinks()
    parser.feed(html)
    parser.close()
    return parser.found


def differences(scanned: list[str], html: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(links the page renders that the scanner missed, ids the scanner found that the page
    does not link). Compared as sets of ids: one citation can be linked several times."""
    rendered = rendered_paper_links(html)
    scanned_ids = set(scanned)
    rendered_ids = {paper_id for paper_id, _ in rendered}
    missed = list({paper_id: (paper_id, url) for paper_id, url in rendered
                   if paper_id not in scanned_ids}.values())
    phantom = [paper_id for paper_id in dict.fromkeys(scanned) if paper_id not in rendered_ids]
    return missed, phantom
