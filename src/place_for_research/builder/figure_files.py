"""The figures the build writes as files of the site, fetched when they near the viewport."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

# A static figure (drawn at build by place_for_research.builder.draw_svg) is kilobytes of the page's HTML that no reader sees before they
# scroll to it. ``deferred(svg)`` writes it as a file of the site instead and leaves a
# placeholder of the same size (an aspect-ratio box, named like the figure):
# assets/js/figure-files.js fetches the file when the placeholder nears the viewport and
# puts the SVG inline, where the page's palette (light or dark) colours it. Without
# JavaScript, a <noscript> <img> shows the same file, coloured by its own <style>.

FOLDER = "assets/figures"
_deferred: dict[str, str] = {}   # file name -> SVG text, for this build (written by the hooks)

# For the file seen on its own (an <img> cannot read the page's CSS): Material's
# default and slate text colours, by the reader's system preference. Inline, the
# page's stylesheets apply and this <style> is dropped.
STANDALONE_STYLE = (
    "<style>"
    "svg{color:rgba(0,0,0,.87);font-family:system-ui,sans-serif}text{fill:currentColor;font-size:13px}"
    ".toy-svg__title{font-size:15px;font-weight:700}.spectrum-pole{font-weight:700}"
    ".toy-svg__tick,.spectrum-tick-label{fill:rgba(0,0,0,.54);font-size:12px}"
    ".toy-svg__grid,.spectrum-grid{stroke:rgba(0,0,0,.07)}"
    ".toy-svg__axis,.spectrum-axis,.spectrum-tick{stroke:rgba(0,0,0,.54);fill:none}"
    "@media (prefers-color-scheme:dark){svg{color:rgba(226,228,233,.82)}"
    ".toy-svg__tick,.spectrum-tick-label{fill:rgba(226,228,233,.56)}"
    ".toy-svg__grid,.spectrum-grid{stroke:rgba(226,228,233,.07)}"
    ".toy-svg__axis,.spectrum-axis,.spectrum-tick{stroke:rgba(226,228,233,.56)}}"
    "</style>"
)


def deferred(svg: str) -> str:
    """A placeholder for ``svg`` (its box reserved), the SVG itself kept as a site file."""
    width, height = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups()
    label = re.search(r'aria-label="([^"]*)"', svg) or re.search(r"<title[^>]*>([^<]*)</title>", svg)
    label = label.group(1) if label else "Chart"
    standalone = svg.replace(">", ">" + STANDALONE_STYLE, 1)
    name = hashlib.sha256(standalone.encode()).hexdigest()[:12] + ".svg"
    _deferred[name] = standalone
    src = f"@site/{FOLDER}/{name}"  # made relative to the page by the hooks
    # Named for assistive technology by figure-files.js while it waits (with JavaScript
    # off, the <img> is the figure and its alt its name: one name, never two).
    return (f'<div class="deferred-svg" data-svg-src="{src}" data-svg-label="{label}" '
            f'style="aspect-ratio: {width} / {height}"><noscript><img src="{src}" alt="{label}" '
            f'width="{width}" height="{height}"></noscript></div>')


def write_deferred(site_dir) -> None:
    """Write this build's deferred figures into the site (assets/figures/)."""
    folder = Path(site_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, svg in _deferred.items():
        (folder / name).write_text(svg, encoding="utf-8")


def is_deferred(url: str) -> bool:
    """Whether this build writes the figure at url (relative to the site's root)."""
    folder, _, name = url.rpartition("/")
    return folder == FOLDER and name in _deferred


def forget_deferred() -> None:
    """A new build starts with none."""
    _deferred.clear()
