"""Every image a page shows is a file of the site: the build fails otherwise.

A missing local image builds into a broken picture, and a remote one is
blocked by the site's Content-Security-Policy (the site loads nothing from
other origins), so both are found at build time, in the rendered page (an
image in an admonition or raw HTML counts as much as a Markdown one), and
named with the line of the page's source that holds them.
"""
from __future__ import annotations

import html
import posixpath
import re
from typing import Callable

_IMG_SRC = re.compile(r'<img\b[^>]*?\ssrc="([^"]*)"', re.IGNORECASE)
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
_INLINE = ("data:", "blob:")  # the image is in the page itself


def problems(content: str, page_url: str, file_at: Callable[[str], str | None], source: str) -> list[str]:
    """"line: what is wrong" for each image of the rendered page that the site does not serve.

    `page_url` is the page's URL (the base of its relative links), `file_at(url)` the source
    path of the site file at that URL or None, `source` the page's source text (for lines)."""
    found = []
    for src in (html.unescape(m.group(1)) for m in _IMG_SRC.finditer(content)):
        if src.lower().startswith(_INLINE) or src.startswith("/"):
            continue
        if _REMOTE.match(src):
            found.append(f"{line_of(source, src)}: the image {src} is on another site, and the site loads "
                         "nothing from other origins; save it under docs/ and link to the file there")
            continue
        url = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), src.split("#")[0].split("?")[0]))
        if file_at(url) is None:
            found.append(f"{line_of(source, src)}: the image {src!r} is not a file of the site "
                         "(paths are relative to the page's file in docs/); add the file or correct the path")
    return found


def line_of(source: str, text: str) -> int:
    """The 1-based line of text's first appearance in source (1 if it does not appear as written)."""
    at = source.find(text)
    return source.count("\n", 0, at) + 1 if at >= 0 else 1
