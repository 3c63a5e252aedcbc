"""``place-for-research new``: turn a fresh fork into a new research philosophy.

What it changes, and nothing else:

- ``mkdocs.yml``: site_name, site_description, site_author, copyright,
  extra.byline (the essay's date and abstract) and (if given) the default of site_url, edited as text so that its comments and
  tags stay; a first-line comment records that the command ran. With
  ``--toys clear`` the toy demos' nav entry goes too.
- ``docs/index.md``: the template essay (``templates/essay.md``), which shows
  each building block in place: citations, footnotes, spectrum views, toys,
  the taxonomy.
- ``docs/about.md``: a short about page for the new site.
- the papers file: kept, or cleared down to the papers the site still cites
  (``--papers clear``); the author's placements kept or removed
  (``--placements clear``).
- ``notebooks/``: with ``--toys clear``, the toy notebooks are removed. With
  ``--toys keep`` they stay, code and prose, but their pointers into the
  previous essay ("section 2 of the essay") go, and ``notebooks/index.md``
  becomes a plain list of them (``templates/toy-index.md``): the fork keeps
  none of the previous essay's own words but the toys the author chose to keep.
- the papers file: the previous author's section comments that speak of their
  essay ("cited by the essay") go; the fork's essay cites other papers.

Everything is computed and validated first, then written file by file
(each atomically), ``mkdocs.yml`` last: a run that fails leaves no marker, so
it can simply be run again. The files it replaces are copied to
``.cache/place-for-research/`` first (git has them too).
"""
from __future__ import annotations

import datetime as _dt
import html
import json
import re
import shutil
import textwrap
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelError

from place_for_research.data import readers, yaml_rt
from place_for_research.data.citations import cited_ids
from place_for_research.data.catalogue import DataError, load_site_data

MARKER = "# Started with `place-for-research new`"
MARKER_PATTERN = re.compile(r"^# Started with `place-for-research new`(.*)$", re.MULTILINE)
KEEP_OR_CLEAR = ("keep", "clear")
TOY_TITLES = {"superposition": "Superposition in a toy model"}  # the toy the template shows, if present


class ScaffoldError(Exception):
    """The command cannot run as asked; the message says why and what to do."""


@dataclass
class NewOptions:
    title: str
    author: str
    description: str | None = None
    site_url: str | None = None
    papers: str = "keep"       # keep | clear
    placements: str = "keep"   # keep | clear
    toys: str = "keep"         # keep | clear
    readers: str = "keep"      # keep | clear: the readers' maps sent to the previous site
    force: bool = False
    today: str = field(default_factory=lambda: _dt.date.today().isoformat())


@dataclass
class NewReport:
    changed: list[str] = field(default_factory=list)   # relative paths written
    removed: list[str] = field(default_factory=list)   # relative paths deleted
    backup: Path | None = None
    papers_kept: int = 0
    papers_removed: int = 0
    placements_removed: int = 0
    papers_added: list[str] = field(default_factory=list)  # template papers the file lacked


# -- templates -----------------------------------------------------------------------

def template_text(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


def _sections(text: str, toys_live: bool) -> str:
    """Keep <!-- toys:live --> … <!-- /toys:live --> or <!-- toys:none --> … blocks as asked."""
    keep, drop = ("live", "none") if toys_live else ("none", "live")
    text = re.sub(rf"<!-- toys:{drop} -->.*?<!-- /toys:{drop} -->\n?", "", text, flags=re.DOTALL)
    return re.sub(rf"<!-- /?toys:{keep} -->\n?", "", text)


PLACEHOLDER = re.compile(r"\{\{([a-z_]+)\}\}")


def fill(text: str, values: dict[str, str], name: str) -> str:
    """The template's placeholders replaced in one pass: a value that itself reads like a
    placeholder is written as it is, never expanded again. Each value must already be
    quoted for where it goes (repr for Python, a YAML scalar, escaped Markdown)."""
    unknown = sorted({f"{{{{{key}}}}}" for key in PLACEHOLDER.findall(text) if key not in values})
    if unknown:
        raise ScaffoldError(f"template {name} has unknown placeholders: {', '.join(unknown)}")
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], text)


def render(name: str, values: dict[str, str], toys_live: bool) -> str:
    return fill(_sections(template_text(name), toys_live), values, name)


def markdown_text(value: str) -> str:
    """A value as text in Markdown: markup in it (a tag, an address in angle brackets) shows as written."""
    return html.escape(value, quote=False)


# -- mkdocs.yml, edited as text ------------------------------------------------------

def _block(lines: list[str], start: int) -> int:
    """The index after a top-level key's value that starts on lines[start] (continuation lines are indented)."""
    end = start + 1
    while end < len(lines):
        line = lines[end]
        if line.startswith((" ", "\t")):
            end += 1
        elif not line.strip():
            following = next((rest for rest in lines[end + 1:] if rest.strip()), "")
            if following.startswith((" ", "\t")):
                end += 1
            else:
                break
        else:
            break
    return end


def _inline(value: str) -> str:
    rendered = yaml_rt.scalar(value)
    if isinstance(rendered, yaml_rt.DoubleQuotedScalarString):
        return json.dumps(str(rendered), ensure_ascii=False)
    return rendered


def _folded(value: str, indent: str = "  ", width: int = 76) -> str:
    words = " ".join(value.split())
    if not words:
        return ' ""'
    wrapped = textwrap.wrap(words, width=width, break_long_words=False, break_on_hyphens=False)
    return " >-\n" + "\n".join(indent + line for line in wrapped)


def set_key(text: str, key: str, rendered: str, after: str | None = None) -> str:
    """Replace a top-level ``key:`` and its value with ``key:<rendered>`` (rendered starts with a space
    or a newline); add it after the ``after`` key (or at the top) when missing."""
    lines = text.split("\n")
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    new = f"{key}:{rendered}".split("\n")
    for index, line in enumerate(lines):
        if pattern.match(line):
            return "\n".join(lines[:index] + new + lines[_block(lines, index):])
    position = 0
    if after:
        for index, line in enumerate(lines):
            if re.match(rf"^{re.escape(after)}\s*:", line):
                position = _block(lines, index)
                break
    return "\n".join(lines[:position] + new + lines[position:])


def remove_nav_items(text: str, prefix: str) -> tuple[str, list[str]]:
    """Drop the nav entries whose every page is under ``prefix`` (e.g. ``notebooks/``): (text, titles removed)."""
    lines = text.split("\n")
    try:
        nav = next(i for i, line in enumerate(lines) if re.match(r"^nav\s*:", line))
    except StopIteration:
        return text, []
    end = _block(lines, nav)
    items: list[tuple[int, int]] = []
    top_indent = None
    for index in range(nav + 1, end):
        match = re.match(r"^(\s*)- ", lines[index])
        if match:
            indent = len(match.group(1))
            if top_indent is None:
                top_indent = indent
            if indent == top_indent:
                items.append((index, indent))
    removed, drop = [], set()
    for position, (index, _) in enumerate(items):
        stop = items[position + 1][0] if position + 1 < len(items) else end
        block = lines[index:stop]
        pages = re.findall(r"([\w./-]+\.(?:md|ipynb))\s*$", "\n".join(block), flags=re.MULTILINE)
        if pages and all(page.startswith(prefix) for page in pages):
            drop.update(range(index, stop))
            title = re.match(r"^\s*- ([^:]+):", lines[index])
            removed.append(title.group(1).strip() if title else pages[0])
    return "\n".join(line for i, line in enumerate(lines) if i not in drop), removed


def _copyright(author: str) -> str:
    """The footer, as a folded block with one line per sentence (like the template's own)."""
    lines = [f"Essay text © {html.escape(author)}, <a href=\"https://creativecommons.org/licenses/by/4.0/\">CC BY 4.0</a>.",
             "Code <a href=\"https://opensource.org/license/mit\">MIT</a>.",
             "No tracking, no third-party requests."]
    return " >-\n" + "\n".join("  " + line for line in lines)


def set_byline(text: str, date: str, abstract: str) -> str:
    """Set ``extra.byline`` (the essay's date and one-line abstract, read by byline.py),
    replacing a previous one; adds ``extra:`` if the file has none."""
    block = ["  byline:", f"    date: {date}", "    abstract:" + _folded(abstract, indent="      ")]
    lines = text.split("\n")
    extra = next((i for i, line in enumerate(lines) if re.match(r"^extra\s*:\s*$", line)), None)
    if extra is None:
        return text.rstrip("\n") + "\n\nextra:\n" + "\n".join(block) + "\n"
    end = _block(lines, extra)
    for index in range(extra + 1, end):
        if re.match(r"^  byline\s*:", lines[index]):
            stop = index + 1
            while stop < end and (lines[stop].startswith("   ") or not lines[stop].strip()):
                stop += 1
            while stop > index + 1 and not lines[stop - 1].strip():  # keep the blank lines after it
                stop -= 1
            return "\n".join(lines[:index] + block + lines[stop:])
    return "\n".join(lines[:extra + 1] + block + lines[extra + 1:])


def _check_url(url: str) -> str:
    if not re.match(r"^https?://[^\s/]+(/\S*)?$", url):
        raise ScaffoldError(f"--site-url {url!r} is not a web address (expected e.g. https://you.github.io/your-repo/)")
    return url if url.endswith("/") else url + "/"


def new_mkdocs_yml(text: str, options: NewOptions, description: str) -> tuple[str, list[str]]:
    """The edited mkdocs.yml text and the nav entries removed."""
    text = set_key(text, "site_name", " " + _inline(options.title))
    text = set_key(text, "site_description", _folded(description), after="site_name")
    text = set_key(text, "site_author", " " + _inline(options.author), after="site_description")
    if options.site_url:
        url = json.dumps(_check_url(options.site_url))
        if re.search(r"^site_url\s*:\s*!ENV", text, flags=re.MULTILINE):
            text = set_key(text, "site_url", f" !ENV [SITE_URL, {url}]")
        else:
            text = set_key(text, "site_url", f" !ENV [SITE_URL, {url}]", after="site_author")
    text = set_key(text, "copyright", _copyright(options.author), after="site_url")
    text = set_byline(text, options.today, description)
    removed: list[str] = []
    if options.toys == "clear":
        text, removed = remove_nav_items(text, "notebooks/")
    text = MARKER_PATTERN.sub("", text).lstrip("\n")
    marker = (f"{MARKER} on {options.today}: {json.dumps(options.title, ensure_ascii=False)}. "
              "Running it again needs --force.\n")
    return marker + text, removed


# -- the project ------------------------------------------------------------------

@dataclass(frozen=True)
class Project:
    root: Path
    config_path: Path
    docs: Path
    papers: Path
    taxonomy: Path

    @staticmethod
    def at(root: Path) -> "Project":
        root = Path(root).resolve()
        config_path = root / "mkdocs.yml"
        if not config_path.is_file():
            raise ScaffoldError(f"{root} has no mkdocs.yml: run this in your fork of the site "
                                f"(the folder with mkdocs.yml), or pass --dir PATH")
        config = yaml_rt.read_mkdocs_config(config_path)
        docs = root / str(config.get("docs_dir") or "docs")
        research = (config.get("extra") or {}).get("research") or {}
        return Project(root, config_path, docs, docs / str(research.get("papers", "data/papers.yml")),
                       docs / str(research.get("taxonomy", "data/taxonomy.yml")))

    def rel(self, path: Path) -> str:
        try:
            return str(Path(path).relative_to(self.root))
        except ValueError:
            return str(path)


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above start with a mkdocs.yml."""
    start = Path(start).resolve()
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return None


def already_started(config_text: str) -> str | None:
    """None, or where the marker says when and as what the site was started (" on DATE: \"Title\"")."""
    match = MARKER_PATTERN.search(config_text)
    return match.group(1).split(". Running")[0].rstrip(".").replace(":", ",", 1) if match else None


# -- papers ------------------------------------------------------------------

def _notebook_markdown(path: Path) -> str:
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    cells = notebook.get("cells", []) if isinstance(notebook, dict) else []
    return "\n\n".join("".join(c.get("source", "")) if isinstance(c.get("source"), list) else str(c.get("source", ""))
                       for c in cells if isinstance(c, dict) and c.get("cell_type") == "markdown")


def still_cited(project: Project, new_pages: dict[Path, str], keep_toys: bool) -> list[str]:
    """Every paper id a page of the new site cites (the build requires each in the papers file)."""
    texts = list(new_pages.values())
    for page in sorted(project.docs.rglob("*.md")):
        if page not in new_pages:
            texts.append(page.read_text(encoding="utf-8"))
    notebooks = project.root / "notebooks"
    if keep_toys and notebooks.is_dir():
        texts += [new_pages.get(p) or p.read_text(encoding="utf-8") for p in sorted(notebooks.glob("*.md"))]
        texts += [_notebook_markdown(p) for p in sorted(notebooks.glob("*.ipynb"))]
    ids: list[str] = []
    for text in texts:
        ids.extend(cited_ids(text))
    return list(dict.fromkeys(ids))


def _strip_comments(entry: CommentedMap) -> CommentedMap:
    entry.ca.items.clear()
    entry.ca.comment = None
    return entry


def new_papers_document(project: Project, options: NewOptions, needed: list[str], report: NewReport) -> Any:
    """The papers file after ``new``: kept or cleared to ``needed``, placements kept or removed,
    and every needed paper present (missing template papers come from templates/papers.yml)."""
    document = yaml_rt.load(project.papers)
    papers = document.get("papers") if isinstance(document, dict) else None
    if not isinstance(papers, CommentedSeq):
        raise ScaffoldError(f"{project.rel(project.papers)}: expected a `papers:` list")
    starter = yaml_rt.round_trip().load(template_text("papers.yml"))
    starter_by_id = {str(e["id"]): e for e in starter["papers"]}
    by_id = {str(e.get("id")): e for e in papers if isinstance(e, dict)}
    missing = [i for i in needed if i not in by_id]
    unknown = [i for i in missing if i not in starter_by_id]
    if unknown:
        raise ScaffoldError(f"the site still cites {', '.join(unknown)}, which the papers file lacks; "
                            f"add them (place-for-research add-paper ID) and run again")
    if options.papers == "clear":
        entries = [_strip_comments(by_id[i]) if i in by_id else starter_by_id[i] for i in needed]
        starter["papers"] = CommentedSeq(entries)
        report.papers_removed = len(by_id) - len([i for i in needed if i in by_id])
        document = starter
    else:
        for paper_id in missing:
            papers.append(starter_by_id[paper_id])
    report.papers_added = missing
    if options.placements == "clear":
        for entry in document["papers"]:
            if "placement" in entry:
                yaml_rt.delete_key(entry, "placement")
                report.placements_removed += 1
    report.papers_kept = len(document["papers"])
    return document


def _leading_comments(text: str) -> tuple[list[str], list[str]]:
    """(the comment lines a YAML text opens with, the rest)."""
    lines = text.splitlines(keepends=True)
    count = 0
    while count < len(lines) and (lines[count].startswith("#") or not lines[count].strip()):
        count += 1
    return lines[:count], lines[count:]


def fork_header(papers_text: str) -> str:
    """The papers file with the template's opening comment instead of the previous
    author's (which speaks of their placements and of files a fork does not have)."""
    header, _ = _leading_comments(template_text("papers.yml"))
    _, body = _leading_comments(papers_text)
    return "".join(header + body)


# -- kept toys -------------------------------------------------------------------

ESSAY_SECTION_POINTER = re.compile(r" ?\((?:section|sections) [^()]*? of the essay\)")


def _cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def neutral_notebook(text: str) -> str | None:
    """A kept toy notebook without its pointers into the previous essay's sections (the
    fork's essay has other sections), or None when it has none."""
    notebook = json.loads(text)
    changed = False
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        source = _cell_source(cell)
        neutral = ESSAY_SECTION_POINTER.sub("", source)
        if neutral != source:
            cell["source"] = neutral.splitlines(keepends=True)
            changed = True
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n" if changed else None


def notebook_title(path: Path) -> str:
    """The notebook's first Markdown heading, or a title made from its file name."""
    match = re.search(r"^#\s+(.+?)\s*$", _notebook_markdown(path), flags=re.MULTILINE)
    return match.group(1) if match else path.stem.replace("-", " ").capitalize()


def toy_index(notebooks: list[Path], values: dict[str, str]) -> str:
    """notebooks/index.md for the kept toys: a list of them, in words of the template's own."""
    items = "\n".join(f"- [{notebook_title(path)}]({path.name})" for path in notebooks)
    return fill(template_text("toy-index.md"), {**values, "toy_list": items}, "toy-index.md")


def without_essay_comments(papers_text: str) -> str:
    """The papers file without comment lines in its list that speak of the previous essay
    ("# -- cited by the essay"): untrue of the fork's essay. The header is the template's."""
    header, body = _leading_comments(papers_text)
    kept = [line for line in body if not (line.lstrip().startswith("#") and "essay" in line.lower())]
    return "".join(header + kept)


# -- the command --------------------------------------------------------------------

def _check_options(options: NewOptions) -> None:
    for name in ("papers", "placements", "toys", "readers"):
        if getattr(options, name) not in KEEP_OR_CLEAR:
            raise ScaffoldError(f"--{name} must be keep or clear, not {getattr(options, name)!r}")
    for name in ("title", "author"):
        value = " ".join(str(getattr(options, name) or "").split())
        if not value:
            raise ScaffoldError(f"--{name} must not be empty")
        if len(value) > 120:
            raise ScaffoldError(f"--{name} is longer than 120 characters; keep it short (the essay can say more)")
        setattr(options, name, value)


def fresh_backup_folder(parent: Path) -> Path:
    """A new, empty ``before-new-<time>`` folder under parent. Two runs in one second
    get two folders (``-2``, ``-3``, ...): a backup is never written over."""
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(1, 1000):
        folder = parent / (f"before-new-{stamp}" + (f"-{attempt}" if attempt > 1 else ""))
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder
    raise ScaffoldError(f"{parent} holds too many backups from this second; remove some and run again")


def new_philosophy(root: Path, options: NewOptions) -> NewReport:
    _check_options(options)
    project = Project.at(root)
    config_text = project.config_path.read_text(encoding="utf-8")
    done = already_started(config_text)
    if done and not options.force:
        raise ScaffoldError(
            f"`place-for-research new` already ran here{done} (see the first line of mkdocs.yml). "
            "Running `new` again replaces docs/index.md and docs/about.md with the template; "
            "add --force if that is what you want (the replaced files are backed up first)")
    for path in (project.papers, project.taxonomy):
        if not path.is_file():
            raise ScaffoldError(f"{project.rel(path)} is missing: mkdocs.yml's extra.research points at it")
    try:
        load_site_data(project.papers, project.taxonomy)
    except DataError as error:
        raise ScaffoldError(f"fix the site data first: {error}") from None

    report = NewReport()
    description = " ".join((options.description or f"{options.title}: a research philosophy by {options.author}, "
                            "with papers you can place on its spectrum.").split())
    notebooks = sorted(p.stem for p in (project.root / "notebooks").glob("*.ipynb"))
    keep_toys = options.toys == "keep" and bool(notebooks)
    toy = "superposition" if "superposition" in notebooks else (notebooks[0] if notebooks else "my-toy")
    values = {"title": markdown_text(options.title), "author": markdown_text(options.author),
              "write_your_own": ("[Write your own](write-your-own.md)"
                                 if (project.docs / "write-your-own.md").is_file() else "*Write your own*"),
              "toy_demos": ("[Toy demos](notebooks/index.md)"
                            if (project.root / "notebooks" / "index.md").is_file() else "Toy demos"),
              "toy_notebook": toy, "toy_title": _inline(TOY_TITLES.get(toy, toy.replace("-", " ").capitalize())),
              "title_yaml": _inline(options.title), "title_python": repr(options.title),
              "description_yaml": _inline(description), "date": options.today}
    essay_path, about_path = project.docs / "index.md", project.docs / "about.md"
    pages = {essay_path: render("essay.md", values, keep_toys), about_path: render("about.md", values, keep_toys)}
    toy_folder = project.root / "notebooks"
    if keep_toys and (toy_folder / "index.md").is_file():
        pages[toy_folder / "index.md"] = toy_index(sorted(toy_folder.glob("*.ipynb")), values)
    needed = still_cited(project, pages, keep_toys)
    essay_tests = project.root / "tests" / "essay" / "test_this_essay.py"  # the previous essay's checks
    written = {**pages, essay_tests: render("test_this_essay.py", values, keep_toys)}
    if keep_toys:
        for path in sorted(toy_folder.glob("*.ipynb")):
            neutral = neutral_notebook(path.read_text(encoding="utf-8"))
            if neutral is not None:  # its citations are unchanged: still_cited read it as it was
                written[path] = neutral
    papers_document = new_papers_document(project, options, needed, report)
    papers_text = without_essay_comments(fork_header(yaml_rt.dump(papers_document)))
    try:
        yaml_rt.check_papers_text(project.papers, papers_text, project.taxonomy)
    except DataError as error:
        raise ScaffoldError(f"the new papers file would be invalid ({error}); nothing was changed") from None
    config_new, removed_nav = new_mkdocs_yml(config_text, options, description)
    _verify_config(config_new, options)

    # Back up what gets replaced, then write: papers, pages, notebooks, mkdocs.yml last.
    backup = fresh_backup_folder(project.root / ".cache" / "place-for-research")
    notebooks = project.root / "notebooks"
    doomed = sorted(notebooks.glob("*.ipynb")) + sorted(notebooks.glob("*.md")) if options.toys == "clear" else []
    readers_maps = readers_to_clear(project, options)
    for path in [project.papers, *written, project.config_path, *doomed, *readers_maps]:
        if path.is_file():
            target = backup / project.rel(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    report.backup = backup
    yaml_rt.write_atomic(project.papers, papers_text)
    report.changed.append(project.rel(project.papers))
    for path, text in written.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        yaml_rt.write_atomic(path, text)
        report.changed.append(project.rel(path))
    if options.toys == "clear":
        for path in doomed:
            path.unlink()
            report.removed.append(project.rel(path))
        notebooks.mkdir(exist_ok=True)  # mkdocs.yml watches it
        readme = notebooks / "README.txt"
        readme.write_text(template_text("notebooks-readme.txt"), encoding="utf-8")
        report.changed.append(project.rel(readme))
    for path in readers_maps:
        path.unlink()
        report.removed.append(project.rel(path))
    yaml_rt.write_atomic(project.config_path, config_new)
    report.changed.append(project.rel(project.config_path) + (f" (nav: removed {', '.join(removed_nav)})"
                                                              if removed_nav else ""))
    return report


def readers_to_clear(project: Project, options: NewOptions) -> list[Path]:
    """The readers' maps `new --readers clear` removes (backed up first): the files the build reads
    in the readers' folder (extra.research.readers), not its README."""
    if options.readers != "clear":
        return []
    research = (yaml_rt.read_mkdocs_config(project.config_path).get("extra") or {}).get("research") or {}
    try:
        files, _ = readers.map_files(readers.folder_of(project.docs, research))
    except ValueError as error:
        raise ScaffoldError(str(error)) from None
    return files


def _verify_config(text: str, options: NewOptions) -> None:
    """Read the edited mkdocs.yml back: the values must be exactly what was asked."""
    try:
        config = yaml_rt.mkdocs_yaml().load(text)
    except RuamelError as error:  # pragma: no cover - a bug in the editing, not a user error
        raise ScaffoldError(f"editing mkdocs.yml went wrong ({error}); nothing was changed") from None
    expected = {"site_name": options.title, "site_author": options.author}
    if options.site_url:
        expected["site_url"] = _check_url(options.site_url)
    wrong = [key for key, value in expected.items() if config.get(key) != value]
    if str(((config.get("extra") or {}).get("byline") or {}).get("date")) != options.today:
        wrong.append("extra.byline.date")
    if wrong:
        raise ScaffoldError(f"editing mkdocs.yml went wrong ({', '.join(wrong)}); nothing was changed")
