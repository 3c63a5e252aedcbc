"""The readers' map in `mkdocs build`: a bad reader's map fails the build with the same messages
as `place-for-research readers check` (every file's problems), only the aggregate is published,
with no readers the view and the sentences say how to add a map, and two aggregates give two
different sentences."""
from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, SPECIMEN, build_site

from place_for_research.data import readers

PAGE = """\
# Test

```spectrum
view: readers
papers: all
```

```reading
kind: readers-contested
```

```reading
kind: readers-grounding
```
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The smallest site with the project's hooks and the spectrum and reading fences."""
    folder = tmp_path_factory.mktemp("readers-project")
    shutil.copytree(SPECIMEN / "docs/data", folder / "docs/data", ignore=shutil.ignore_patterns("readers"))
    fences = "".join(textwrap.indent(textwrap.dedent(f"""\
        - name: {name}
          class: {css}
          format: !!python/name:place_for_research.builder.{module}
          validator: !!python/name:place_for_research.builder.fence_options.validate_options
        """), " " * 8) for name, css, module in (("reading", "reading", "reading_fence.reading_fence"),
                                                  ("spectrum", "research-spectrum", "spectrum_fence.spectrum_fence")))
    (folder / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: Readers test
        theme: {name: material}
        extra:
          research: {papers: data/papers.yml, taxonomy: data/taxonomy.yml, readers: data/readers}
        markdown_extensions:
          - pymdownx.superfences:
              custom_fences:
        """) + fences + textwrap.dedent(f"""\
        hooks: [{ROOT / "src/place_for_research/builder/mkdocs_hooks.py"}]
        validation: {{links: {{not_found: info, unrecognized_links: info}}, nav: {{omitted_files: info}}}}
        """))
    (folder / "docs/index.md").write_text(PAGE)
    return folder


def with_maps(project: Path, maps: dict[str, str]) -> Path:
    folder = project / "docs/data/readers"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    (folder / "README.md").write_text("How to send a map.\n")
    for name, text in maps.items():
        (folder / name).write_text(text)
    return folder


def spots(*pairs: tuple[str, float], grounding: str | None = None) -> str:
    mark = f"\n    grounding: {grounding}" if grounding else ""
    return "version: 2\nplacements:\n" + "".join(
        f'  - id: "{pid}"\n    x: {x}{mark}\n' for pid, x in pairs)


def test_bad_maps_fail_the_build_with_every_problem(project):
    with_maps(project, {"a.yml": spots(("1406.2661", 5)), "b.yml": spots(("9999.99999", 0.1)),
                        "c.yml": spots(("1406.2661", -0.5)), "d.yml": spots(("1406.2661", -0.5))})
    result = build_site(project / "site", project / "mkdocs.yml")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Readers' maps:" in output
    assert 'docs/data/readers/a.yml:3: "1406.2661": x = 5 is outside' in output
    assert 'docs/data/readers/b.yml:3: "9999.99999": unknown paper id' in output
    assert "docs/data/readers/d.yml:1: the same map as docs/data/readers/c.yml" in output


def sentences(html: str) -> list[str]:
    import re
    from html import unescape
    return [unescape(text) for text in re.findall(r'<p class="reading" id="reading-\d+" data-readers="[\w-]+">(.*?)</p>',
                                                  html)]


def built_with(project, maps: dict) -> str:
    """The project built with these readers' maps (and no other): its page's HTML."""
    with_maps(project, maps)
    result = build_site(project / "site", project / "mkdocs.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    return (project / "site/index.html").read_text()


def test_no_readers_says_how_to_add_a_map_and_two_aggregates_read_differently(project):
    html = built_with(project, {})
    assert '<p class="readers-empty">No reader has sent a map yet. To add yours: place the papers' in html
    assert "<svg" not in html.split('<figure class="readers-map"')[1].split("</figure>")[0]  # never an empty chart
    assert sentences(html) == ["No reader has sent a map yet; to be the first, place the papers on a spectrum and "
                               "choose \u201cAdd my map to the readers\u2019 map\u201d in its Map menu, which makes "
                               "your map a file for docs/data/readers/ in the site\u2019s repository (sent by pull "
                               "request); the next build counts it."] * 2
    assert json.loads((project / "site" / readers.SITE_FILE).read_text())["readers"] == 0

    agree = {f"r{i}.yml": spots(("2303.01469", -0.6 + i / 100), grounding="laws-of-math") for i in range(3)}
    first = sentences(built_with(project, agree))
    assert first[0] == ("3 readers sent maps, and no paper they placed (1 paper) is contested yet. "
                        "That is a small sample (under 10 readers).")
    assert first[1].startswith("On 1 paper that 3 readers place on the structural side, none marked laws of code")
    assert not (project / "site/data/readers").exists()  # the maps (and the names in them) are not published

    split = {f"r{i}.yml": spots(("2303.01469", x), grounding=g)
             for i, (x, g) in enumerate([(-0.9, "laws-of-code"), (0.2, "unsure"), (0.6, "laws-of-math")])}
    second = sentences(built_with(project, split))
    assert second[0] == ("3 readers sent maps; of 1 paper they placed, 1 is contested: Consistency Models "
                         "(3 readers, their marks split). That is a small sample (under 10 readers).")
    assert second[1].startswith("3 readers sent maps, and no paper sits on the structural side")
    assert first != second
