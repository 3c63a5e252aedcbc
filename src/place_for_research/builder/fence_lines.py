"""Check a page's ```toy, ```spectrum, ```reading and ```order fences before the page is rendered,
so a broken one is reported as ``line: message`` (the hooks add the page).

Python-Markdown hands a fence to its function without the page or the line,
and an exception raised there ends in a long traceback; here each fence is
found in the Markdown source with its line and checked by the same code that
renders it.
"""
from __future__ import annotations

import re
from types import SimpleNamespace

from place_for_research.builder import fence_options, reading_fence, spectrum_fence, toy_fence
OPENING = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<kind>toy|spectrum|reading|order)[ \t]*$")


def find_fences(markdown: str, first_line: int = 1):
    """Yield (kind, body, line of the fence's first line) for each fence checked here."""
    lines = markdown.splitlines()
    index = 0
    while index < len(lines):
        match = OPENING.match(lines[index])
        if not match:
            index += 1
            continue
        indent, fence = len(match["indent"]), match["fence"]
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = index + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        body = "\n".join(line[indent:] for line in lines[index + 1:end])
        yield match["kind"], body, first_line + index
        index = end + 1


def _check(kind: str, body: str) -> None:
    if kind == "toy":
        toy_fence.toy_settings(body)
    elif kind == "reading":
        reading_fence.reading_settings(body)
    elif kind == "order":
        reading_fence.order_settings(body)
    else:
        spectrum_fence.spectrum_fence(body, "spectrum", "research-spectrum", {}, SimpleNamespace())


def _option_line(body: str, error: Exception, start: int) -> int:
    """The line of the option at fault (named by the error, or first word of its message), else the fence's."""
    option = getattr(error, "option", None)
    if option is None:
        words = re.findall(r"(?:^|: )([A-Za-z_]+)\b|'([A-Za-z_]+)'", str(error))
        words = [a or b for a, b in words]
        option = next((word for word in words if re.search(rf"^\s*{word}\s*:", body, re.MULTILINE)), None)
    if option:
        for offset, line in enumerate(body.splitlines(), start=1):
            if re.match(rf"\s*{re.escape(option)}\s*:", line):
                return start + offset
    return start


def first_problem(markdown: str, first_line: int = 1) -> str | None:
    """``"line: message"`` for the first broken fence, or None."""
    for kind, body, line in find_fences(markdown, first_line):
        try:
            _check(kind, body)
        except fence_options.FenceError as error:
            message = str(error)
            prefix = "" if message.startswith(f"```{kind}") else f"```{kind} fence: "
            return f"{_option_line(body, error, line)}: {prefix}{message}"
    return None
