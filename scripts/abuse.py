"""Try every kind of broken input on the data loader, `merge` and the build, and print a table.

    .venv/bin/python scripts/abuse.py            the data files and maps (about a minute)
    .venv/bin/python scripts/abuse.py --build    also whole `mkdocs build --strict` runs

Then markup from data, in families of their own (each case in its own table row):
template placeholders (`new` with hostile titles, authors and descriptions: held when
the values arrive as written and nothing else does), notebook outputs (hostile HTML
through the build's sanitiser: held when no script, handler, refresh or frame is
left), figure attributes (hostile opacity and line widths through the build's SVG
renderer: held when only numbers are written), and with --build front matter
(hostile descriptions, authors and titles in a built site: held when the policy is
first in <head> and each value is text in its attribute).

Each case runs in its own process, as an author would meet it: the site's loader
(what the build's on_config runs), `place-for-research merge`, or `mkdocs build`.
A case holds when the process fails with a message naming the file (and a line,
where the input has lines), prints no traceback, leaves every data file byte for
byte, and stays under 2 s and 200 MB: CPU time (user + system) and peak memory of the
process, Python's own start included. CPU time, not wall time, is the limit: on a
busy machine wall time measures the neighbours; it is printed beside it. A problem
with the whole file (empty, wrong version, missing) names the file; one at a place
in it names the line too. Exit code 1 if any case does not hold.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # support.py: what the tests and these scripts share
from support import alias_bomb  # noqa: E402

SPECIMEN = ROOT / "tests" / "specimen" / "docs" / "data"
PYTHON = sys.executable
CLI = str(Path(sys.executable).with_name("place-for-research"))
TIME_LIMIT, MEMORY_LIMIT_MB = 2.0, 200

LOAD = """import sys
from place_for_research.data.catalogue import DataError, load_site_data
try:
    load_site_data(sys.argv[1], sys.argv[2])
except (DataError, OSError) as error:  # as the build's on_config catches them
    print(f"Invalid site data: {error}", file=sys.stderr)
    sys.exit(1)
"""

PAPER = """papers:
  - id: "1406.2661"
    title: Generative Adversarial Networks
    authors: [Ian J. Goodfellow]
    year: 2014
    url: https://arxiv.org/abs/1406.2661
"""
MAP = 'version: 1\nplacements:\n  - id: "1706.03762"\n    x: 0.1\n    y: 0.2\n'
BOMB = alias_bomb()


def swap(old: str, new: str, base: str = PAPER) -> str:
    assert old in base, old
    return base.replace(old, new)


# (name, text or bytes); None: the file is removed, "DIR": a folder stands in its place.
PAPERS_CASES: list[tuple[str, str | bytes | None]] = [
    ("YAML syntax: unclosed bracket", swap("year: 2014", "year: [2014")),
    ("YAML syntax: tab indentation", swap("    year: 2014", "\tyear: 2014")),
    ("YAML syntax: bad indentation", swap("    year: 2014", "      year: 2014")),
    ("empty file", ""),
    ("only comments", "# nothing yet\n"),
    ("root is a list", "- a\n- b\n"),
    ("root is text", "hello\n"),
    ("papers is not a list", "papers: 3\n"),
    ("a paper is text", "papers:\n  - just a title\n"),
    ("id missing", swap('  - id: "1406.2661"\n    title', "  - title")),
    ("title missing", swap("    title: Generative Adversarial Networks\n", "")),
    ("authors empty", swap("[Ian J. Goodfellow]", "[]")),
    ("authors is text", swap("[Ian J. Goodfellow]", "Ian J. Goodfellow")),
    ("year is text", swap("year: 2014", "year: soon")),
    ("year out of range", swap("year: 2014", "year: 1066")),
    ("url over http", swap("url: https:", "url: http:")),
    ("url missing", swap("    url: https://arxiv.org/abs/1406.2661\n", "")),
    ("unknown field", PAPER + "    colour: red\n"),
    ("misspelt field (titel)", swap("title:", "titel:")),
    ("duplicate paper id", PAPER + PAPER.replace("papers:\n", "")),
    ("duplicate key (title twice)", PAPER + "    title: Another\n"),
    ("unquoted id read as a number", swap('"1406.2661"', "2001.08360")),
    ("id with spaces", swap('"1406.2661"', '"my paper"')),
    ("title too long", swap("Generative Adversarial Networks", "x" * 5000)),
    ("title read as a date", swap("Generative Adversarial Networks", "2020-01-01")),
    ("placement x outside the axis", PAPER + "    placement: {x: 1.5}\n"),
    ("placement x is text", PAPER + "    placement: {x: left}\n"),
    ("placement x is .nan", PAPER + "    placement: {x: .nan}\n"),
    ("placement without x", PAPER + "    placement: {y: 0.5}\n"),
    ("placement unknown grounding", PAPER + "    placement: {x: 0.5, grounding: vibes}\n"),
    ("placement unknown field", PAPER + "    placement: {x: 0.5, z: 1}\n"),
    ("placement spread out of range", PAPER + "    placement: {x: 0.5, spread: {x: 3}}\n"),
    ("placement reason empty", PAPER + '    placement: {x: 0.5, reason: ""}\n'),
    ("every error at once (4 problems)", swap("title:", "titel:", swap("year: 2014", "year: soon",
                                                                       PAPER + "    colour: red\n"))),
    ("alias bomb (billion laughs)", BOMB + PAPER),
    ("merge key with alias", "base: &b {year: 2014}\n" + swap("    year: 2014\n", "    <<: *b\n")),
    ("YAML tag !!python/object", swap("year: 2014", "year: !!python/object/apply:os.system [ls]")),
    ("integer of 5000 digits", swap("year: 2014", "year: " + "9" * 5000)),
    ("nesting 10 000 deep", swap("[Ian J. Goodfellow]", "[" * 10000 + "]" * 10000)),
    ("two YAML documents", PAPER + "---\n" + PAPER),
    ("byte that is not UTF-8", PAPER.encode().replace(b"Ian J.", b"Ian \xe9.")),
    ("UTF-16 file", PAPER.encode("utf-16")),
    ("binary file (PNG header)", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
    ("file of 5 MB", PAPER + ("# " + "x" * 98 + "\n") * 50_000),
    ("250 kB of papers, one broken at the end", "papers:\n" + "".join(
        PAPER.replace("papers:\n", "").replace("1406.2661", f"1406.{i:05d}") for i in range(1280))
        + '  - id: "9999.99999"\n    title: unfinished\n'),
    ("file missing", None),
    ("a folder instead of the file", "DIR"),
]

TAXONOMY_CASES: list[tuple[str, str | bytes | None]] = [
    ("taxonomy: axis min above max", "min: 2"),
    ("taxonomy: colour not #rrggbb", 'colour: blue'),
    ("taxonomy: duplicate category id", "DUPLICATE"),
    ("taxonomy: duplicate key", "DUPKEY"),
    ("taxonomy: not UTF-8", "LATIN1"),
]

# A third item True: a problem with the whole file, named by the file alone.
MAP_CASES: list[tuple] = [
    ("map: a future version (3)", "version: 3\nplacements: []\n", True),
    ("map: a list, not a map", "- just\n- a list\n", True),
    ("map: placements is a mapping", "version: 1\nplacements: {id: x}\n", True),
    ("map: YAML syntax error", MAP.replace("x: 0.1", "x: [0.1")),
    ("map: unexpected field", MAP + "    grounding: laws-of-math\n"),
    ("map: x is .nan", MAP.replace("x: 0.1", "x: .nan")),
    ("map: x is text", MAP.replace("x: 0.1", "x: left")),
    ("map: x outside the axis", MAP.replace("x: 0.1", "x: 7")),
    ("map: x missing", MAP.replace("    x: 0.1\n", "")),
    ("map: unknown paper id", MAP.replace("1706.03762", "9999.99999")),
    ("map: the same id twice", MAP + MAP.split("placements:\n")[1]),
    ("map: empty file", "", True),
    ("map: broken JSON", '{"version": 1, "placements": [\n'),
    ("map: duplicate key", MAP + "    x: 0.3\n"),
    ("map: alias bomb", BOMB),
    ("map: byte that is not UTF-8", MAP.encode().replace(b"x: 0.1", b"x: 0.1\xff")),
    ("map: binary file", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256))),
    ("map: nesting 10 000 deep", "version: 1\nplacements: " + "[" * 10000 + "]" * 10000 + "\n"),
    ("map: file of 5 MB", MAP + ("# " + "x" * 98 + "\n") * 50_000),
    ("map: JSON of 5 MB", '{"version": 1, "placements": [' + " " * 5_000_000 + "]}", True),
    ("map: 63 kB of placements, one unknown", MAP + "".join(
        MAP.split("placements:\n")[1].replace("0.1", f"0.{i % 10}") for i in range(1150)).replace(
        '"1706.03762"', '"9999.99999"', 1)),
    ("map: file missing", None, True),
]


@dataclass
class Outcome:
    name: str
    held: bool
    cpu: float        # seconds of CPU, user + system
    wall: float       # seconds on the clock
    megabytes: float  # peak resident memory
    message: str
    why: str = ""


def run(argv: list[str], cwd: Path) -> tuple[int, str, tuple[float, float], float]:
    """(exit code, stderr + stdout, (CPU seconds, wall seconds), peak resident MB) of one process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err,
                                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        text = err.read().decode("utf-8", "replace") + out.read().decode("utf-8", "replace")
    return process.returncode, text, (usage.ru_utime + usage.ru_stime, seconds), usage.ru_maxrss / 1024


def write(path: Path, content: str | bytes | None) -> None:
    path.unlink(missing_ok=True)
    if content is None:
        return
    if content == "DIR":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def judge(name: str, code: int, text: str, times: tuple[float, float], mb: float, before: dict, after: dict,
          needs_line: bool) -> Outcome:
    cpu, wall = times
    lines = text.splitlines()
    message = next((line.strip() for line in lines if re.search(r"\.(yml|yaml|md):[0-9]+", line)),
                   next((line.strip() for line in lines if re.search(r"\S+\.(yml|yaml|md)\b", line)), ""))
    located = re.search(r"\S+\.(yml|yaml|md):[0-9]+", text) if needs_line else re.search(r"\S+\.(yml|yaml)", text)
    checks = [
        (code != 0, "did not fail"),
        (bool(located), "no file:line" if needs_line else "no file"),
        ("Traceback" not in text, "traceback"),
        (before == after, "a file was written"),
        (cpu < TIME_LIMIT, f"{cpu:.2f} s of CPU"),
        (mb < MEMORY_LIMIT_MB, f"{mb:.0f} MB"),
    ]
    why = ", ".join(reason for ok, reason in checks if not ok)
    return Outcome(name, not why, cpu, wall, mb, message[:150], why)


def try_data(name: str, target: str, content, edit: Callable[[Path], None] | None = None) -> Outcome:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        shutil.copy(SPECIMEN / "taxonomy.yml", data / "taxonomy.yml")
        (data / "papers.yml").write_text(PAPER, encoding="utf-8")
        if edit:
            edit(data)
        else:
            write(data / target, content)
        before = snapshot(data)
        code, text, times, mb = run([PYTHON, "-c", LOAD, str(data / "papers.yml"), str(data / "taxonomy.yml")], data)
        needs_line = content not in (None, "DIR")
        return judge(name, code, text, times, mb, before, snapshot(data), needs_line)


def taxonomy_edit(kind: str) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        path = data / "taxonomy.yml"
        text = path.read_text(encoding="utf-8")
        if kind == "min: 2":
            text = text.replace("min: -1", "min: 2", 1)
        elif kind == "colour: blue":
            text = text.replace('colour: "#3f6fd8"', "colour: blue")
        elif kind == "DUPLICATE":
            text = text.replace("id: laws-of-code", "id: laws-of-math")
        elif kind == "DUPKEY":
            text = text.replace("title:", "title: One\ntitle:", 1)
        elif kind == "LATIN1":
            path.write_bytes(text.encode("utf-8").replace("↔".encode(), b"\xe9"))
            return
        path.write_text(text, encoding="utf-8")
    return edit


def try_map(name: str, content, whole_file: bool = False) -> Outcome:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        data = work / "data"
        data.mkdir()
        shutil.copy(SPECIMEN / "taxonomy.yml", data / "taxonomy.yml")
        shutil.copy(SPECIMEN / "papers.yml", data / "papers.yml")
        write(work / "research-map.yaml", content)
        before = snapshot(data)
        code, text, times, mb = run([CLI, "merge", str(work / "research-map.yaml"),
                                     "--papers", str(data / "papers.yml")], work)
        return judge(name, code, text, times, mb, before, snapshot(data), not whole_file)


BUILD_CASES: list[tuple[str, str, Callable[[str], str]]] = [
    ("build: duplicate key", "docs/data/papers.yml", lambda t: t.replace("    year: 2014\n", "    year: 2014\n    year: 2015\n", 1)),
    ("build: alias bomb", "docs/data/papers.yml", lambda t: BOMB + t),
    ("build: byte that is not UTF-8", "docs/data/papers.yml", lambda t: t.replace("Goodfellow", "Goodf\udce9llow", 1)),
    ("build: misspelt field", "docs/data/papers.yml", lambda t: t.replace("    title:", "    titel:", 1)),
    ("build: unquoted id", "docs/data/papers.yml", lambda t: t.replace('id: "2001.08361"', "id: 2001.08361")),
    ("build: unknown citation in an admonition", "docs/index.md",
     lambda t: t + '\n!!! note\n\n    See [x](https://arxiv.org/abs/9999.99999).\n'),
    ("build: link the scanner cannot see", "docs/index.md",
     lambda t: t + "\n```\ncode\n```\n    [x](https://arxiv.org/abs/1706.03762)\n"),
]


def try_build(name: str, target: str, change: Callable[[str], str]) -> Outcome:
    from support import specimen_project  # the machinery's test site: project config, fixed data

    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        config = specimen_project(project)
        path = project / target
        text = change(path.read_text(encoding="utf-8"))
        path.write_bytes(text.encode("utf-8", "surrogateescape"))
        before = snapshot(project / "docs" / "data")
        code, output, times, mb = run([PYTHON, "-m", "mkdocs", "build", "--strict", "-f", str(config),
                                       "-d", str(project / "site")], project)
        outcome = judge(name, code, output, times, mb, before, snapshot(project / "docs" / "data"), True)
        outcome.message = next((line.strip() for line in output.splitlines()
                                if re.search(r"\.(yml|md):[0-9]+", line)), outcome.message)[:150]
        return outcome


# -- markup from data ---------------------------------------------------------------------------------

HOSTILE_TEXT = [
    '"><script>window.__pwned=1</script><meta x="', 'Ada "The Countess" <ada@example.org>',
    "{{description_yaml}}", "{{title_python}} {{author}}", "x\nimport os; os.system('touch PWNED')  #",
    "a\"\"\" + __import__('os').getcwd() + \"\"\"b", "<img src=x onerror=alert(1)>", "&amp; &lt;b&gt;",
    "key: value # comment", "- [list, item]", "!!python/object/apply:os.system ['touch PWNED']", "'\\'",
    "\u202eevil", "}}{{", "<!-- hidden -->",
]
FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "meta", "style", "base", "form", "link", "frame"}


@dataclass
class Check:
    family: str
    name: str
    held: bool
    detail: str = ""


class _Tags(__import__("html.parser").parser.HTMLParser):
    """Every start tag and its attributes (the parser a browser's would agree with on these)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(markup: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    return parser.tags


def minimal_fork(folder: Path) -> Path:
    """A fork's files `new` reads and writes: mkdocs.yml, the data, the pages, the essay's checks."""
    fork = folder / "fork"
    (fork / "docs" / "data").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", fork / "mkdocs.yml")
    for name in ("papers.yml", "taxonomy.yml"):
        shutil.copy(SPECIMEN / name, fork / "docs" / "data" / name)
    (fork / "docs" / "index.md").write_text("# Old\n", encoding="utf-8")
    (fork / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    (fork / "tests" / "essay").mkdir(parents=True)
    (fork / "tests" / "essay" / "test_this_essay.py").write_text("def test_old():\n    pass\n", encoding="utf-8")
    return fork


def try_placeholders() -> list[Check]:
    import ast

    from ruamel.yaml import YAML
    checks = []
    for index, value in enumerate(HOSTILE_TEXT):
        title, author, description = value, HOSTILE_TEXT[(index + 1) % len(HOSTILE_TEXT)], HOSTILE_TEXT[(index + 2) % len(HOSTILE_TEXT)]
        with tempfile.TemporaryDirectory() as folder:
            fork = minimal_fork(Path(folder))
            code, text, _, _ = run([CLI, "new", "--title", title, "--author", author, "--description", description,
                                    "--force"], fork)
            name = f"new --title {title[:40]!r}"
            if code != 0:
                # A value is text: refusing it for what the template holds is no answer.
                refused = code == 1 and "Traceback" not in text and "template" not in text and text.strip().count("\n") < 3
                checks.append(Check("template placeholders", name, refused, "refused: " + text.strip()[:120]))
                continue
            problems = []
            try:
                tree = ast.parse((fork / "tests" / "essay" / "test_this_essay.py").read_text(encoding="utf-8"))
            except SyntaxError as error:
                checks.append(Check("template placeholders", name, False, f"tests file is not Python: {error}"))
                continue
            calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "system"]
            titles = [n.value.value for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "TITLE"]
            if calls or titles != [" ".join(title.split())]:
                problems.append(f"tests file: TITLE {titles!r}, os.system calls {len(calls)}")
            essay = (fork / "docs" / "index.md").read_text(encoding="utf-8")
            front = YAML(typ="safe", pure=True).load(essay.split("---")[1])
            if front.get("title") != " ".join(title.split()) or front.get("description") != " ".join(description.split()):
                problems.append(f"front matter {front!r}")
            for page in ("index.md", "about.md"):
                body = (fork / "docs" / page).read_text(encoding="utf-8").split("---", 2)[-1]
                if any(tag in FORBIDDEN_TAGS or any(a.startswith("on") for a in attrs) for tag, attrs in tags_of(body)):
                    problems.append(f"{page}: markup from a value")
            if list(Path(folder).rglob("PWNED")):
                problems.append("a file was written by a value")
            checks.append(Check("template placeholders", name, not problems, "; ".join(problems)))
    return checks


def try_notebook_outputs() -> list[Check]:
    try:
        from place_for_research.builder.notebook_outputs import sanitise_output
    except ImportError:  # a build without the sanitiser ships every output as it came
        def sanitise_output(output):
            return None
    payloads = ["<script>window.__pwned=1</script>", "<img src=x onerror=window.__pwned=1>",
                "<meta http-equiv=refresh content='0; url=https://example.org/'>", "<iframe src=https://example.org></iframe>",
                "<a href='javascript:alert(1)'>x</a>", "<svg onload=alert(1)><script>1</script></svg>",
                "<style>body{display:none}</style>", "</div></div><script>1</script>", "<base href=https://example.org/>",
                "<form action=https://example.org><input></form>", "<object data=x></object>", "<div style='position:fixed'>x</div>",
                "<scr<script>ipt>alert(1)</script>", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
                "<p>text</p><table><tr><td>1</td></tr></table>"]
    checks = []
    for payload in payloads:
        for mime in ("text/html", "text/markdown", "application/javascript"):
            output = {"output_type": "display_data", "data": {mime: payload}}
            sanitise_output(output)
            kept = output["data"].get(mime, "")
            bad = [tag for tag, attrs in tags_of(str(kept)) if tag in FORBIDDEN_TAGS or tag == "svg"
                   or any(a.startswith("on") or a == "style" or (v or "").strip().lower().startswith("javascript:")
                          for a, v in attrs.items())]
            held = not bad and (mime != "application/javascript" or mime not in output["data"])
            checks.append(Check("notebook outputs", f"{mime}: {payload[:40]}", held, f"left {bad}" if bad else ""))
    return checks


def try_figure_attributes() -> list[Check]:
    import xml.etree.ElementTree as ET

    from place_for_research.builder import draw_svg
    values = ['1"/><image href="x" onerror="alert(1)"/><path d="', '0.5" style="display:none', "0.5; fill: red",
              "1e999", float("inf"), float("nan"), True, None, [], {"a": 1}, "", " 2", "<script>1</script>"]
    allowed = {"svg", "title", "desc", "g", "path", "circle", "rect", "text", "line", "clipPath", "defs", "tspan"}
    checks = []
    for value in values:
        for where in ("opacity", "line.width"):
            trace = {"type": "scatter", "mode": "lines+markers", "x": [1, 2, 3], "y": [2, 1, 3]}
            if where == "opacity":
                trace["opacity"] = value
            else:
                trace["line"] = {"width": value}
            try:
                root = ET.fromstring(draw_svg.render({"data": [trace], "layout": {}}, "Fuzzed", "f"))
                problems = []
                for element in root.iter():
                    tag = element.tag.split("}")[-1]
                    if tag not in allowed or any(a.startswith("on") or a in ("style", "href") for a in element.attrib):
                        problems.append(tag)
                    for attribute in ("opacity", "stroke-width"):
                        if attribute in element.attrib:
                            try:
                                float(element.attrib[attribute])
                            except ValueError:
                                problems.append(f"{attribute}={element.attrib[attribute]!r}")
            except ET.ParseError as error:
                problems = [f"the SVG does not parse ({error})"]
            checks.append(Check("figure attributes", f"{where} = {value!r}"[:60], not problems, ", ".join(problems)))
    return checks


def try_front_matter() -> list[Check]:
    """One build of a site whose pages' front matter and whose mkdocs.yml carry hostile values."""
    from support import build_site
    checks = []
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "project"
        (project / "docs").mkdir(parents=True)
        (project / "docs" / "data").symlink_to(SPECIMEN)
        (project / "docs" / "assets").symlink_to(ROOT / "docs" / "assets")
        for name in ("src", "overrides"):
            (project / name).symlink_to(ROOT / name)
        nav = []
        for index, value in enumerate(HOSTILE_TEXT):
            page = f"page{index}.md"
            (project / "docs" / page).write_text(
                f"---\ntitle: {json.dumps(value)}\ndescription: {json.dumps(value)}\nauthor: {json.dumps(value)}\n---\n\n"
                f"# Page {index}\n\nText.\n", encoding="utf-8")
            nav.append({f"Page {index}": page})
        config = {"INHERIT": str(ROOT / "mkdocs.yml"), "site_name": HOSTILE_TEXT[0], "site_author": HOSTILE_TEXT[1],
                  "nav": nav, "watch": ["src"], "extra": {"research": {"notebooks": []}}}
        (project / "mkdocs.yml").write_text(json.dumps(config), encoding="utf-8")
        result = build_site(Path(folder) / "site", project / "mkdocs.yml")
        if result.returncode != 0:
            return [Check("front matter", "the build", False, result.stderr.strip().splitlines()[-1][:150])]
        for index, value in enumerate(HOSTILE_TEXT):
            html_text = (Path(folder) / "site" / f"page{index}" / "index.html").read_text(encoding="utf-8")
            head = html_text.split("<head>", 1)[1].split("</head>", 1)[0]
            tags = tags_of(head)
            problems = []
            if not tags or tags[0][1].get("http-equiv") != "Content-Security-Policy":
                problems.append(f"first in <head>: <{tags[0][0] if tags else ''}>")
            metas = {attrs.get("name"): attrs.get("content") for tag, attrs in tags if tag == "meta" and "name" in attrs}
            if metas.get("description") != value or metas.get("author") != value:
                problems.append(f"meta description {metas.get('description')!r}, author {metas.get('author')!r}")
            if any("x" in attrs and tag == "meta" for tag, attrs in tags) or "window.__pwned" in head.replace("&#34;", '"').split("content=")[0]:
                problems.append("markup from a value in <head>")
            body = html_text.split("<body", 1)[1]
            if "<script>window.__pwned" in body or any(any(a.startswith("on") for a in attrs) for _, attrs in tags_of(body)):
                problems.append("markup from a value in <body>")
            checks.append(Check("front matter", f"page{index}: {value[:40]!r}", not problems, "; ".join(problems)))
    return checks


def print_checks(checks: list[Check]) -> None:
    width = max(len(c.name) for c in checks) + 2
    print(f"\n{'family':<22}{'case':<{width}}held  detail")
    for c in checks:
        print(f"{c.family:<22}{c.name:<{width}}{'yes ' if c.held else 'NO  '}  {c.detail[:150]}")
    families: dict[str, list[int]] = {}
    for c in checks:
        row = families.setdefault(c.family, [0, 0])
        row[0] += 1
        row[1] += c.held
    print("\n" + ", ".join(f"{family}: {held}/{tried} held" for family, (tried, held) in families.items()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", action="store_true", help="also run whole mkdocs builds (slower)")
    parser.add_argument("--json", metavar="FILE", help="also write the outcomes as JSON")
    args = parser.parse_args()

    outcomes = [try_data(name, "papers.yml", content) for name, content in PAPERS_CASES]
    outcomes += [try_data(name, "taxonomy.yml", None, taxonomy_edit(kind)) for name, kind in TAXONOMY_CASES]
    outcomes += [try_map(*case) for case in MAP_CASES]
    if args.build:
        outcomes += [try_build(*case) for case in BUILD_CASES]

    width = max(len(o.name) for o in outcomes)
    print(f"{'input':<{width}}  held  CPU s  wall s  peak MB  message (first line naming the file)")
    for o in outcomes:
        print(f"{o.name:<{width}}  {'yes ' if o.held else 'NO  '}  {o.cpu:5.2f}  {o.wall:6.2f}  {o.megabytes:7.0f}  "
              f"{o.message if o.held else o.why + ' | ' + o.message}")
    held = sum(o.held for o in outcomes)
    slowest = max(outcomes, key=lambda o: o.cpu)
    largest = max(outcomes, key=lambda o: o.megabytes)
    print(f"\n{held}/{len(outcomes)} held. Most CPU: {slowest.name} ({slowest.cpu:.2f} s, {slowest.wall:.2f} s "
          f"wall); most memory: {largest.name} ({largest.megabytes:.0f} MB). "
          f"Limits: {TIME_LIMIT} s of CPU, {MEMORY_LIMIT_MB} MB.")
    checks = try_placeholders() + try_notebook_outputs() + try_figure_attributes()
    if args.build:
        checks += try_front_matter()
    print_checks(checks)
    print(f"\nIn all: {held + sum(c.held for c in checks)}/{len(outcomes) + len(checks)} held.")
    if args.json:
        Path(args.json).write_text(json.dumps([o.__dict__ for o in outcomes] + [c.__dict__ for c in checks], indent=1),
                                   encoding="utf-8")
    return 0 if held == len(outcomes) and all(c.held for c in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
