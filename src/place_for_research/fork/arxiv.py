"""Add a paper to the papers file from its arXiv id.

``place-for-research add-paper 2209.10652`` asks the arXiv API
(``https://export.arxiv.org/api/query?id_list=ID``, an Atom feed) for the
title, the authors and the date of the first version, and appends an entry
to the papers file. arXiv asks API clients for at most one request every
three seconds: a timestamp file in the cache folder spaces the requests out,
across runs. Every answer is cached per id, so asking again costs nothing
and works offline.
"""
from __future__ import annotations

import re
import time
import urllib.error
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.request import Request, urlopen
from xml.etree import ElementTree

from ruamel.yaml.comments import CommentedMap

from place_for_research.data import yaml_rt

API = "https://export.arxiv.org/api/query"
MIN_INTERVAL = 3.0  # seconds between two requests (arXiv's API terms)
TIMEOUT = 20.0
MAX_ANSWER = 1_000_000  # bytes: one paper's Atom entry is ~4 kB; anything far larger is not an answer
USER_AGENT = ("place-for-research/0.1 (add-paper command of the 'A place for research' essay template; "
              "one request per paper, cached)")
ATOM = "{http://www.w3.org/2005/Atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"

NEW_ID = re.compile(r"^[0-9]{4}\.[0-9]{4,5}$")
OLD_ID = re.compile(r"^[a-z-]+(?:\.[A-Z]{2})?/[0-9]{7}$")
_PREFIXES = re.compile(r"^(?:arxiv:|https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/)", re.IGNORECASE)


class ArxivError(Exception):
    """Anything that stops the command; the message is for the user."""


@dataclass(frozen=True)
class ArxivPaper:
    id: str
    title: str
    authors: tuple[str, ...]
    year: int

    @property
    def url(self) -> str:
        return f"https://arxiv.org/abs/{self.id}"


def normalise_id(text: str) -> str:
    """``2209.10652`` from ``2209.10652``, ``arXiv:2209.10652v2`` or an abs/pdf URL; ArxivError otherwise."""
    value = _PREFIXES.sub("", text.strip()).removesuffix(".pdf").rstrip("/")
    value = re.sub(r"v[0-9]+$", "", value)
    if NEW_ID.match(value) or OLD_ID.match(value):
        return value
    raise ArxivError(f"{text!r} is not an arXiv id (expected e.g. 2209.10652, arXiv:2209.10652v2 "
                     f"or https://arxiv.org/abs/2209.10652)")


def _cache_file(cache_dir: Path, arxiv_id: str) -> Path:
    return cache_dir / f"{arxiv_id.replace('/', '_')}.xml"


def _default_fetch(url: str, headers: dict[str, str], timeout: float) -> bytes:
    with urlopen(Request(url, headers=headers), timeout=timeout) as response:
        body = response.read(MAX_ANSWER + 1)
    if len(body) > MAX_ANSWER:
        raise ArxivError(f"the arXiv API sent more than {MAX_ANSWER // 1000} kB for one paper; "
                         "that is not an answer to this request")
    return body


def wait_for_turn(cache_dir: Path, *, clock: Callable[[], float] = time.time,
                  sleep: Callable[[float], None] = time.sleep) -> None:
    """Sleep until MIN_INTERVAL has passed since the last request (recorded in the cache folder), then record now."""
    stamp = cache_dir / "last-request"
    try:
        last = float(stamp.read_text().strip())
    except (OSError, ValueError):
        last = 0.0
    wait = last + MIN_INTERVAL - clock()
    if wait > 0:
        sleep(min(wait, MIN_INTERVAL))
    stamp.write_text(f"{clock():.3f}\n")


def fetch_atom(arxiv_id: str, cache_dir: Path, *, fetch: Callable[[str, dict, float], bytes] | None = None,
               clock: Callable[[], float] = time.time, sleep: Callable[[float], None] = time.sleep,
               refresh: bool = False) -> tuple[bytes, bool]:
    """The API's Atom answer for one id: (bytes, from_cache). Only answers that parse are cached."""
    cache_dir = Path(cache_dir)
    cached = _cache_file(cache_dir, arxiv_id)
    if cached.exists() and not refresh:
        return cached.read_bytes(), True
    url = f"{API}?{urllib.parse.urlencode({'id_list': arxiv_id})}"
    by_hand = f"add the entry by hand: {entry_to_fill_in(arxiv_id)}"
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ArxivError(f"cannot create the cache folder {cache_dir}: {error.strerror or error}") from None
    wait_for_turn(cache_dir, clock=clock, sleep=sleep)
    try:
        body = (fetch or _default_fetch)(url, {"User-Agent": USER_AGENT}, TIMEOUT)
    except urllib.error.HTTPError as error:
        hint = " (arXiv asks clients to slow down; wait a minute and retry)" if error.code in (429, 503) else ""
        raise ArxivError(f"the arXiv API answered HTTP {error.code} {error.reason}{hint}; "
                         f"try again later, or {by_hand}") from None
    except (urllib.error.URLError, OSError, TimeoutError) as error:
        reason = getattr(error, "reason", None) or error
        raise ArxivError(f"could not reach the arXiv API ({reason}); check your connection, "
                         f"or {by_hand}") from None
    parse_atom(body, arxiv_id)  # raises on an error answer: not cached
    cached.write_bytes(body)
    return body, False


def entry_to_fill_in(arxiv_id: str) -> str:
    """The words and the papers-file entry to paste (under `papers:`) when the API cannot be asked;
    its placeholders fail the build until they are filled in."""
    return (f"paste this under `papers:` in the papers file and replace the capitals with the paper's "
            f"title, authors and year (from https://arxiv.org/abs/{arxiv_id}):\n\n"
            f'  - id: "{arxiv_id}"\n'
            f'    title: "TITLE"\n'
            f'    authors: ["FIRST AUTHOR", "SECOND AUTHOR"]\n'
            f"    year: YEAR\n"
            f"    url: https://arxiv.org/abs/{arxiv_id}")


def _text(element: ElementTree.Element | None) -> str:
    return " ".join((element.text or "").split()) if element is not None else ""


def parse_atom(body: bytes, arxiv_id: str) -> ArxivPaper:
    """Title (whitespace normalised), authors and year of first publication from an API answer."""
    try:
        feed = ElementTree.fromstring(body)
    except ElementTree.ParseError as error:
        raise ArxivError(f"the arXiv API sent something that is not an Atom feed ({error})") from None
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        entry_id = _text(entry.find(f"{ATOM}id"))
        if "/api/errors" in entry_id:
            message = _text(entry.find(f"{ATOM}summary")) or "unknown error"
            raise ArxivError(f"the arXiv API refused {arxiv_id!r}: {message}")
        found = re.sub(r"v[0-9]+$", "", entry_id.rsplit("/abs/", 1)[-1])
        if found != arxiv_id:
            continue
        title = _text(entry.find(f"{ATOM}title"))
        authors = tuple(name for name in (_text(a.find(f"{ATOM}name")) for a in entry.findall(f"{ATOM}author")) if name)
        published = _text(entry.find(f"{ATOM}published"))
        if not title or not authors or not re.match(r"^[0-9]{4}-", published):
            raise ArxivError(f"the arXiv API's answer for {arxiv_id} lacks a title, authors or a date")
        return ArxivPaper(arxiv_id, title, authors, int(published[:4]))
    total = _text(feed.find(f"{OPENSEARCH}totalResults"))
    raise ArxivError(f"arXiv has no paper with id {arxiv_id}" + (" (no results)" if total in ("", "0") else "")
                     + "; check the id")


@dataclass(frozen=True)
class AddResult:
    paper: ArxivPaper | None  # None: it was already there
    from_cache: bool
    existing_line: int | None = None
    existing_title: str | None = None


def add_paper(text_id: str, papers_path: Path, taxonomy_path: Path, cache_dir: Path, *,
              fetch: Callable[[str, dict, float], bytes] | None = None, note: str | None = None,
              clock: Callable[[], float] = time.time, sleep: Callable[[float], None] = time.sleep) -> AddResult:
    """Fetch (or read from the cache) a paper's metadata and append it to the papers file."""
    arxiv_id = normalise_id(text_id)
    papers_path = Path(papers_path)
    document = yaml_rt.load(papers_path)
    papers = document.get("papers") if isinstance(document, dict) else None
    if not isinstance(papers, list):
        raise yaml_rt.EditError(f"{papers_path}: expected a `papers:` list")
    for entry in papers:
        if isinstance(entry, dict) and str(entry.get("id")) == arxiv_id:
            line = entry.lc.line + 1 if getattr(entry, "lc", None) else None
            return AddResult(None, False, line, str(entry.get("title", "")))
    body, from_cache = fetch_atom(arxiv_id, Path(cache_dir), fetch=fetch, clock=clock, sleep=sleep)
    paper = parse_atom(body, arxiv_id)
    entry = {
        "id": yaml_rt.quoted(paper.id),
        "title": yaml_rt.scalar(paper.title),
        "authors": yaml_rt.flow_seq([yaml_rt.scalar(a) for a in paper.authors]),
        "year": paper.year,
        "url": paper.url,
    }
    if note:
        entry["note"] = yaml_rt.scalar(" ".join(note.split()))
    papers.append(CommentedMap(entry))
    yaml_rt.write_validated(papers_path, document, Path(taxonomy_path))
    return AddResult(paper, from_cache)

