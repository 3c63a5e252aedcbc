"""Clean up the HTML that mkdocs-jupyter (nbconvert's lab template) writes.

- Its template adds scripts that fetch MathJax and Mermaid from CDNs (or,
  with no MathJax URL set, an empty ``<script src="">`` that fetches the page
  itself): removed, since the site loads nothing from other origins.
- It inlines a copy-button element (clipboard-copy) and its listener: removed,
  since notebook.css hides that button (Material's own copy button serves) and
  the Content-Security-Policy runs no inline script but Material's.
- It inlines about 600 kB of JupyterLab CSS into every notebook page:
  dropped; assets/css/notebook.css styles the cells with Material's theme
  variables instead, so notebook pages follow the light and dark palettes.
- A printed output that begins with a newline loses it: an HTML parser drops
  the newline right after ``<pre>``, and the kernel may send ``print``'s text
  and its newline as separate outputs when the machine is busy. Doubled, so
  the page shows what Python printed.
"""
from __future__ import annotations

import re

_FOREIGN_SCRIPTS = re.compile(
    r'<script[^>]*\ssrc="(?:https?:)?(?://[^"]*)?"[^>]*>\s*</script>'      # src="" or another origin
    r'|<script type="text/x-mathjax-config">.*?</script>'
    r'|<script type="module">(?:(?!</script>).)*?import\(\s*"https?://.*?</script>'
    r'|<script>(?:(?!</script>).)*?(?:ClipboardCopyElement|clipboard-copy).*?</script>',
    re.DOTALL,
)
_STYLE = re.compile(r'<style[^>]*>(.*?)</style>', re.DOTALL)
_TEXT_STARTS_WITH_NEWLINE = re.compile(r'(<div class="jp-RenderedText[^"]*"[^>]*>\s*<pre>)\n')


def strip_foreign_scripts(content: str) -> str:
    return _FOREIGN_SCRIPTS.sub("", content)


def strip_styles(content: str) -> str:
    return _STYLE.sub("", content)


def keep_leading_newlines(content: str) -> str:
    return _TEXT_STARTS_WITH_NEWLINE.sub(lambda m: m.group(1) + "\n\n", content)
