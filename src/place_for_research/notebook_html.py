"""Clean up the HTML that mkdocs-jupyter (nbconvert's lab template) writes.

- Its template adds scripts that fetch MathJax and Mermaid from CDNs (or,
  with no MathJax URL set, an empty ``<script src="">`` that fetches the page
  itself): removed, since the site loads nothing from other origins.
- It inlines about 600 kB of identical CSS into every notebook page: moved
  into one cached stylesheet per distinct content, linked from each page.
"""
from __future__ import annotations

import hashlib
import re

_FOREIGN_SCRIPTS = re.compile(
    r'<script[^>]*\ssrc="(?:https?:)?(?://[^"]*)?"[^>]*>\s*</script>'      # src="" or another origin
    r'|<script type="text/x-mathjax-config">.*?</script>'
    r'|<script type="module">(?:(?!</script>).)*?import\(\s*"https?://.*?</script>',
    re.DOTALL,
)
_STYLE = re.compile(r'<style[^>]*>(.*?)</style>', re.DOTALL)


def strip_foreign_scripts(content: str) -> str:
    return _FOREIGN_SCRIPTS.sub("", content)


def extract_styles(content: str) -> tuple[str, str, str]:
    """(content without its <style> blocks, their CSS joined, a short hash of that CSS)."""
    css = "\n".join(match.group(1) for match in _STYLE.finditer(content))
    digest = hashlib.sha256(css.encode()).hexdigest()[:12]
    return _STYLE.sub("", content), css, digest
