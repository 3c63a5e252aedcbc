"""An image the site cannot show stops the build, named with file and line: a
local one that is missing (Markdown or HTML) and any on another site (the
Content-Security-Policy would block it in the browser)."""
from __future__ import annotations

from conftest import build_site, specimen_project
from place_for_research.builder import image_check

IMAGES = ("\n\n![A missing picture](missing.png)\n\n"
          'Text and <img src="also-missing.svg" alt="a missing drawing">\n\n'
          "![A remote picture](https://example.com/picture.png)\n\n"
          "![A picture that is there](there.png)\n\n"
          "!!! note \"In a box\"\n\n    ![In an admonition](in-a-note.png)\n\n"
          "A picture by reference: ![By reference][lost]\n\n"
          "[lost]: by-reference.png\n")


def test_missing_and_remote_images_fail_the_build_each_at_its_line(tmp_path):
    specimen_project(tmp_path)
    page = tmp_path / "docs" / "index.md"
    (tmp_path / "docs" / "there.png").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
    text = page.read_text(encoding="utf-8") + IMAGES
    page.write_text(text, encoding="utf-8")
    lines = text.splitlines()

    def line_of(needle: str) -> int:
        return next(i for i, line in enumerate(lines, start=1) if needle in line)

    result = build_site(tmp_path / "site", tmp_path / "mkdocs.yml")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"index.md:{line_of('(missing.png)')}: the image 'missing.png' is not a file of the site" in output
    assert f"index.md:{line_of('also-missing.svg')}: the image 'also-missing.svg' is not a file of the site" in output
    assert (f"index.md:{line_of('example.com')}: the image https://example.com/picture.png is on another site"
            in output)
    # Inside a container the site renders (an admonition; the check reads the rendered page, so
    # any container an extension renders counts alike) and by reference (named at the line that
    # gives its path).
    for name in ("in-a-note.png", "by-reference.png"):
        assert f"index.md:{line_of(name)}: the image {name!r} is not a file of the site" in output
    assert "there.png" not in output.split("Error reading page")[-1]
    assert "Traceback" not in output


def test_images_in_the_page_itself_or_at_the_sites_root_are_not_checked():
    content = ('<img src="data:image/png;base64,AAAA"><img src="blob:x"><img src="/favicon.png">'
               '<img src="../up/one.png"><img src="https://example.org/a.png">')
    found = image_check.problems(content, "guide/page/", {"guide/up/one.png": "docs/guide/up/one.png"}.get,
                                 "line one\n![a](https://example.org/a.png)\n")
    assert found == ["2: the image https://example.org/a.png is on another site, and the site loads nothing "
                     "from other origins; save it under docs/ and link to the file there"]
