"""The essay's title block and its "Cite this essay" block, made from mkdocs.yml.

A fork that changes ``site_name``, ``site_author`` and ``site_url`` gets its
own byline and citation with no other edit. The date and the one-line
abstract live under ``extra.byline``:

    extra:
      byline:
        date: 2026-11-30
        abstract: One sentence that says what the essay argues.

The abstract defaults to ``site_description``. A page asks for both blocks
with ``byline: true`` in its front matter (the hooks insert them).

Without ``site_author`` the essay is cited by its title, with no name. The
citation gives the site's address only where it is published: a build for a
loopback address (a local build, the tests' server) cites none, and the
publishing workflow sets ``SITE_URL`` to the Pages address.
"""
from __future__ import annotations

import datetime as _dt
import html
import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from anyascii import anyascii


class BylineError(ValueError):
    """mkdocs.yml lacks something the byline needs; the message names the key."""


@dataclass(frozen=True)
class Byline:
    title: str
    author: str
    url: str
    date: _dt.date
    abstract: str

    @property
    def bibtex_key(self) -> str:
        """Author's last word, year, title's first long word: e.g. ``example2026place``.

        ASCII letters only (what every BibTeX accepts), other scripts transliterated:
        "Kovač" gives ``kovac``, "张伟" ``zhangwei``."""
        author, title = anyascii(self.author).split(), anyascii(self.title).split()
        last = re.sub(r"[^a-z]", "", author[-1].lower()) if author else "anon"
        words = [re.sub(r"[^a-z]", "", w.lower()) for w in title]
        first = next((w for w in words if len(w) > 3), words[0] if words else "essay")
        return f"{last or 'anon'}{self.date.year}{first}"


def from_config(config) -> Byline:
    """The byline of a site from its mkdocs config (a mapping)."""
    extra = (config.get("extra") or {}).get("byline") or {}
    if not isinstance(extra, dict):
        raise BylineError("mkdocs.yml: extra.byline: must be a mapping with date and abstract")
    author = " ".join(str(config.get("site_author") or "").split())
    date = extra.get("date")
    if isinstance(date, str):
        try:
            date = _dt.date.fromisoformat(date)
        except ValueError:
            raise BylineError(f"mkdocs.yml: extra.byline.date: {date!r} is not a date like 2026-11-30") from None
    if isinstance(date, _dt.datetime):
        date = date.date()
    if not isinstance(date, _dt.date):
        raise BylineError("mkdocs.yml: extra.byline.date: missing (write a date like 2026-11-30)")
    abstract = " ".join(str(extra.get("abstract") or config.get("site_description") or "").split())
    return Byline(title=str(config.get("site_name") or "").strip(), author=author,
                  url=published_url(str(config.get("site_url") or "")), date=date, abstract=abstract)


def published_url(url: str) -> str:
    """The address to cite: url, or "" where it is a loopback address (localhost, 127.x, ::1),
    which only a local build has and no reader can open."""
    host = urlsplit(url).hostname or ""
    if not host or host == "localhost" or host.endswith(".localhost"):
        return ""
    try:
        return "" if ipaddress.ip_address(host).is_loopback else url
    except ValueError:  # a name, not an address
        return url


def long_date(date: _dt.date) -> str:
    return f"{date.day} {date.strftime('%B')} {date.year}"


def title_block(byline: Byline) -> str:
    """Author, date and abstract under the page's heading (HTML, as Markdown passes it through)."""
    e = html.escape
    abstract = f'<p class="byline__abstract">{e(byline.abstract)}</p>' if byline.abstract else ""
    author = f'<span class="byline__author">{e(byline.author)}</span> · ' if byline.author else ""
    return (
        '<div class="byline">\n'
        f'<p class="byline__meta">{author}'
        f'<time datetime="{byline.date.isoformat()}">{long_date(byline.date)}</time> · '
        '<a href="#cite-this-essay">Cite this essay</a></p>\n'
        f"{abstract}\n</div>\n"
    )


def _bibtex_value(text: str) -> str:
    """Braces balanced and special characters escaped, so the entry parses."""
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def bibtex(byline: Byline) -> str:
    b = _bibtex_value
    fields = [("author", "{" + b(byline.author) + "}")] if byline.author else []
    fields += [("title", "{" + b(byline.title) + "}"), ("year", f"{{{byline.date.year}}}"),
               ("month", byline.date.strftime("%b").lower())]
    if byline.url:
        fields.append(("howpublished", f"{{\\url{{{byline.url}}}}}"))
    fields.append(("note", "{An explorable essay}"))
    body = ",\n".join(f"  {name:<12} = {value}" for name, value in fields)
    return f"@misc{{{byline.bibtex_key},\n{body}\n}}"


def plain_citation(byline: Byline) -> str:
    """Author (year). Title. Date. Address; without an author, the title leads (as style guides cite
    an unsigned work), and without a published address there is none."""
    when = f"({byline.date.year})"
    lead = f"{byline.author} {when}. {byline.title}." if byline.author else f"{byline.title} {when}."
    return " ".join(part for part in (lead, f"{long_date(byline.date)}.", byline.url) if part)


def cite_block(byline: Byline) -> str:
    """The "Cite this essay" section: plain text, then BibTeX in a copyable code block."""
    return (
        "## Cite this essay { #cite-this-essay }\n\n"
        f'<p class="cite-plain">{html.escape(plain_citation(byline))}</p>\n\n'
        "```bibtex\n" + bibtex(byline) + "\n```\n"
    )


def insert_title_block(markdown: str, byline: Byline) -> str:
    """The title block after the page's first level-1 heading (or at the top if it has none)."""
    match = re.search(r"^# .*$", markdown, flags=re.MULTILINE)
    at = match.end() + 1 if match else 0
    return markdown[:at] + "\n" + title_block(byline) + "\n" + markdown[at:]
