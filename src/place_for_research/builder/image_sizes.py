"""Give every local image its width and height, so the page never jumps.

A browser that knows an image's size keeps its box while the image loads;
without it the box is empty until the bytes arrive, then the text below jumps
down (layout shift). Markdown images carry no size, and an author forking
the site should not have to type one, so the build reads it from the file:
SVG (width/height, else the viewBox), PNG, GIF and JPEG. CSS still scales the
image (`height: auto`); the attributes only give the browser its proportions.
"""
from __future__ import annotations

import html
import posixpath
import re
import struct
from pathlib import Path

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r'\s(src|width|height)="([^"]*)"', re.IGNORECASE)
_SVG_ROOT = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE)
_SVG_NUMBER = r'\s{}="\s*([0-9.]+)\s*(?:px)?\s*"'
_VIEWBOX = re.compile(rb'\sviewBox="\s*[-0-9.]+[\s,]+[-0-9.]+[\s,]+([0-9.]+)[\s,]+([0-9.]+)\s*"')


def size_of(path: Path) -> tuple[int, int] | None:
    """(width, height) in CSS pixels, or None when the file does not say."""
    with path.open("rb") as stream:
        head = stream.read(64 * 1024)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return struct.unpack(">II", head[16:24])
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return struct.unpack("<HH", head[6:10])
    if head.startswith(b"\xff\xd8"):
        return _jpeg_size(head)
    root = _SVG_ROOT.search(head)
    return _svg_size(root.group(0)) if root else None


def _svg_size(tag: bytes) -> tuple[int, int] | None:
    width = re.search(_SVG_NUMBER.format("width").encode(), tag)
    height = re.search(_SVG_NUMBER.format("height").encode(), tag)
    if width and height:
        return round(float(width.group(1))), round(float(height.group(1)))
    box = _VIEWBOX.search(tag)
    return (round(float(box.group(1))), round(float(box.group(2)))) if box else None


def _jpeg_size(head: bytes) -> tuple[int, int] | None:
    """Walk the markers to the first start-of-frame, which holds height then width."""
    at = 2
    while at + 9 < len(head) and head[at] == 0xFF:
        marker, length = head[at + 1], struct.unpack(">H", head[at + 2:at + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", head[at + 5:at + 9])
            return width, height
        at += 2 + length
    return None


def add_sizes(content: str, page_url: str, file_at) -> str:
    """Add width and height to each <img> of this page whose file the site has and that has neither.

    `page_url` is the page's URL (the base of its relative links); `file_at(url)` gives the
    source path of the site file at that URL, or None.
    """
    def sized(match: re.Match) -> str:
        tag = match.group(0)
        attrs = {name.lower(): value for name, value in _ATTR.findall(tag)}
        src = html.unescape(attrs.get("src", ""))
        if "width" in attrs or "height" in attrs or not src or re.match(r"^[a-z][a-z0-9+.-]*:|^/", src, re.I):
            return tag
        path = file_at(posixpath.normpath(posixpath.join(posixpath.dirname(page_url), src.split("#")[0].split("?")[0])))
        size = size_of(Path(path)) if path else None
        if not size:
            return tag
        end = -2 if tag.endswith("/>") else -1
        return f'{tag[:end].rstrip()} width="{size[0]}" height="{size[1]}"{tag[end:]}'

    return _IMG.sub(sized, content)
