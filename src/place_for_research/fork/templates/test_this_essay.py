"""Checks of this essay: `place-for-research new` wrote this file in place
of the previous essay's checks. Add your own, in the same style: the
`essay_site` fixture is your site as `make build` builds it (a folder of
HTML), `essay_url` the same served on localhost.

The machinery's own tests live beside this folder and run on a fixed
specimen page (tests/specimen), so they keep passing whatever you write.
"""
import html
import re

TITLE = {{title_python}}


def test_the_essay_opens_with_its_title(essay_site):
    page = (essay_site / "index.html").read_text(encoding="utf-8")
    h1 = re.search(r"<h1[^>]*>(.*?)<(?:a|/h1)\b", page, re.S)
    assert h1 and html.unescape(h1.group(1)).strip() == TITLE
