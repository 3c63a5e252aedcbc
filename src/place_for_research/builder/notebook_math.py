"""TeX in the notebooks' text ($…$ and $$…$$), typeset at build time.

The pinned KaTeX (node_modules, run by ``node builder/node/render_math.mjs``, as
the build already runs node for the code editor) turns each formula into
HTML and MathML, so the page carries typeset maths and the reader's browser
evaluates no maths script: it loads KaTeX's stylesheet and the fonts the
formulas use (mkdocs_hooks.PAGE_STYLESHEETS links the stylesheet before the
first formula). Only the text of Markdown cells is read, never code, as
KaTeX's auto-render did in the browser before.
"""
from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = Path(__file__).parent / "node" / "render_math.mjs"

_MARKDOWN_CELL = re.compile(r'<div class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>')
_TAG = re.compile(r'<!--.*?-->|<(/?)([a-zA-Z][\w-]*)(?:[^>"\']|"[^"]*"|\'[^\']*\')*?(/?)>', re.DOTALL)
_NOT_TEXT = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea"})
# $$display$$ first, then $inline$; a backslash-escaped \$ is a dollar sign.
_MATH = re.compile(r'\$\$(.+?)\$\$|(?<![\\$])\$(?!\$)(.+?)(?<!\\)\$', re.DOTALL)

_typeset: dict[tuple[str, bool], str] = {}  # (tex, display) -> HTML, for the rebuilds of `mkdocs serve`


class MathError(ValueError):
    """A formula KaTeX cannot read, or KaTeX could not run (the message says which)."""


def text_runs(content: str) -> list[tuple[int, int]]:
    """(start, end) of each run of text in the Markdown cells, outside code."""
    runs = []
    for cell in _MARKDOWN_CELL.finditer(content):
        depth, inside_code, at = 1, 0, cell.end()
        for tag in _TAG.finditer(content, cell.end()):
            if tag.start() > at and not inside_code:
                runs.append((at, tag.start()))
            at = tag.end()
            name = (tag.group(2) or "").lower()
            closing, self_closing = tag.group(1) == "/", tag.group(3) == "/"
            if name == "div" and not self_closing:
                depth += -1 if closing else 1
                if depth == 0:
                    break
            elif name in _NOT_TEXT and not self_closing:
                inside_code = max(0, inside_code + (-1 if closing else 1))
    return runs


def find_formulas(content: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, tex, display) of each formula in the Markdown cells' text."""
    found = []
    for start, end in text_runs(content):
        for match in _MATH.finditer(content, start, end):
            display = match.group(1) is not None
            tex = html.unescape(match.group(1) if display else match.group(2)).strip()
            if tex:
                found.append((match.start(), match.end(), tex, display))
    return found


def render(formulas: list[tuple[str, bool]]) -> list[str]:
    """The HTML of each (tex, display), typeset by the pinned KaTeX; MathError names a bad one."""
    missing = list(dict.fromkeys(f for f in formulas if f not in _typeset))
    if missing:
        if not (ROOT / "node_modules" / "katex" / "package.json").exists():
            raise MathError("KaTeX is missing from node_modules: run `npm ci` (or `make serve`).")
        try:
            result = subprocess.run(["node", str(SCRIPT)], cwd=ROOT, capture_output=True, text=True, timeout=120,
                                    input=json.dumps([{"tex": tex, "display": display} for tex, display in missing]))
        except (OSError, subprocess.TimeoutExpired) as error:
            raise MathError(f"could not run node builder/node/render_math.mjs: {error}") from None
        if result.returncode != 0:
            raise MathError(f"node builder/node/render_math.mjs failed:\n{result.stderr or result.stdout}")
        bad = []
        for (tex, display), out in zip(missing, json.loads(result.stdout)):
            if "error" in out:
                bad.append(f"{'$$' if display else '$'}{tex}{'$$' if display else '$'}: {out['error']}")
            else:
                _typeset[(tex, display)] = out["html"]
        if bad:
            raise MathError("TeX that KaTeX cannot typeset:\n  " + "\n  ".join(bad))
    return [_typeset[f] for f in formulas]


def typeset(content: str) -> str:
    """The page's HTML with each formula of its Markdown cells typeset (MathError: a bad formula)."""
    formulas = find_formulas(content)
    if not formulas:
        return content
    rendered = render([(tex, display) for _, _, tex, display in formulas])
    for (start, end, _, _), markup in sorted(zip(formulas, rendered), key=lambda item: -item[0][0]):
        content = content[:start] + markup + content[end:]
    return content
