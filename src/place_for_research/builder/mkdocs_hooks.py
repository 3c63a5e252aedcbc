"""MkDocs hooks: the build glue between the data files, the essay and the site.

- on_config: load and validate papers + taxonomy (a broken file stops the
  build with file, line and field), check the readers' maps and aggregate
  them (readers: a bad map stops the build with every problem), and key each
  notebook's cache on the source of the toys it uses, so a change to a toy
  re-executes its notebooks only (notebook_cache).
- on_files: leave the readers' maps out of the site (only their aggregate is
  published); add the toy notebooks (and their index page) from ``notebooks/``
  (or the folders listed under ``extra.research.notebooks``).
- on_pre_build: run every toy over its grid of control values (toy_grid),
  from the cache when that toy's own source has not changed.
- on_page_markdown: every cited paper must be in the papers file; a page
  with ``references: true`` in its front matter gets a references section,
  one with ``byline: true`` a title block and a "Cite this essay" section;
  a broken ```toy or ```spectrum fence stops the build with page:line.
- on_page_content: every arXiv/DOI link in the rendered page must be one the
  citation scanner found, and the other way round (citation_check); drop
  the CDN scripts and the inline JupyterLab CSS that nbconvert's template
  adds to notebook pages (their outputs were sanitised after execution:
  notebook_outputs), and typeset their TeX (notebook_math); fail on an image that is
  missing or on another site (image_check); give each local image its width and height
  (image_sizes), so the page does not jump while images load; link the
  stylesheets only some pages need (notebook.css, toys.css, spectrum.css, KaTeX's) in
  those pages' content, before what they style, so other pages never load
  them and Material's instant navigation brings them.
- on_post_build: write the spectrum's data files, the readers' aggregate, each toy's data file
  (only once every grid is complete) and the toys' static figures
  (figure_files.deferred), and end the node process that drew them (draw_svg); copy
  the pinned front-end runtime from node_modules; list the front end's module
  graph for site.js (module_graph).
- on_serve (`mkdocs serve` only): live reload under the strict policy, every
  build error printed every time, the last good site served (dev_server).
"""
from __future__ import annotations

import html
import re
import traceback
from pathlib import Path

from mkdocs.exceptions import PluginError
from nbclient.exceptions import CellExecutionError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from place_for_research import toys
from place_for_research.builder import build_context, byline, citation_check, dev_server, draw_svg, fence_lines, figure_files, image_check, image_sizes, module_graph, notebook_cache, notebook_errors, notebook_html, notebook_kernels, notebook_math, notebook_outputs, send_map, spectrum_figure, toy_grid, vendor
from place_for_research.data import readers
from place_for_research.data.citations import Citation, find_citations
from place_for_research.data.catalogue import DataError, load_site_data
from place_for_research.builder import toy_fence
from place_for_research.builder.toy_grid import toys_digest

ROOT = Path(__file__).resolve().parents[3]
_scanned: dict[str, list[Citation]] = {}  # page src_uri -> its citations, for the check after rendering


def on_config(config):
    docs = Path(config["docs_dir"])
    files = config["extra"].get("research", {})
    try:
        data = load_site_data(docs / files.get("papers", "data/papers.yml"),
                              docs / files.get("taxonomy", "data/taxonomy.yml"))
    except (DataError, OSError) as error:
        raise PluginError(f"Invalid site data: {error}") from None
    build_context.set_site_data(data)
    build_context.set_readers(*readers_aggregate(config, data))
    cache = ROOT / ".cache"
    build_context.set_cache_dir(cache)  # toy previews
    jupyter = config["plugins"].get("mkdocs-jupyter")
    if jupyter is not None:
        notebook_kernels.encrypt_kernel_transport()  # no "Kernel is running over TCP without encryption"
        notebook_outputs.switch_on()  # every output sanitised after execution
        notebook_cache.install()  # each notebook keyed on its own toys' source
        jupyter.config["cache_dir"] = str(cache / "notebooks" / f"toys-{notebook_outputs.RULES_VERSION}")
    return config


def readers_aggregate(config, data) -> tuple[dict, str]:
    """The readers' maps, checked as `place-for-research readers check` checks them, and aggregated;
    and their folder as the repository names it."""
    docs = Path(config["docs_dir"])
    try:
        folder = readers.folder_of(docs, config["extra"].get("research", {}))
    except ValueError as error:
        raise PluginError(str(error)) from None
    shown = Path(docs.name) / folder.relative_to(docs)
    checked = readers.check_folder(folder, data, shown)
    if checked.problems:
        raise PluginError("Readers' maps:\n" + "\n".join(f"  {problem}" for problem in checked.problems))
    return readers.aggregate(checked.maps, data), str(shown)


def on_pre_build(config):
    figure_files.forget_deferred()  # the toys' figures below the fold, written on_post_build
    dev_server.reload_edited_toys(toys_digest())  # under serve, the toy modules edited since the last build
    try:
        grids = toy_grid.compute(imported_toys(), build_context.cache_dir())
    except toy_grid.GridError as error:
        raise PluginError(f"Toy grids: {error}") from None
    build_context.set_toy_grids(grids)


def imported_toys() -> dict:
    """Every toy module, or a PluginError in a few lines: which toy, what, where (a mistake in a
    toy's source would otherwise end the build in a long traceback through MkDocs)."""
    modules = {}
    for name in toys.names():
        try:
            modules[name] = toys.load(name)
        except Exception as error:
            raise PluginError(f"Toy {name!r} cannot be imported: {where_it_failed(error)}") from None
    return modules


def where_it_failed(error: Exception) -> str:
    """``Kind: message (at file:line)``, the line in the innermost frame (or the syntax error's)."""
    if isinstance(error, SyntaxError):
        return f"{type(error).__name__}: {error.msg} (at {Path(error.filename or '?').name}:{error.lineno})"
    frames = traceback.extract_tb(error.__traceback__)
    at = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return f"{type(error).__name__}: {error}{at}"


@event_priority(100)  # before mkdocs-jupyter turns .ipynb files into pages
def on_files(files, config):
    # The toy demos live in the top-level notebooks/ folder (beside their
    # index page) and are published under notebooks/ in the site.
    maps = readers.folder_of(Path(config["docs_dir"]), config["extra"].get("research", {}))
    for file in [f for f in files if f.abs_src_path and Path(f.abs_src_path).parent == maps]:
        files.remove(file)  # a reader's map may carry a name: only the aggregate is published
    for folder in notebook_folders(config):
        for path in sorted(folder.glob("*.ipynb")) + sorted(folder.glob("*.md")):
            files.append(File(f"notebooks/{path.name}", str(folder.parent), config["site_dir"], config["use_directory_urls"]))
    return files


def notebook_folders(config) -> list[Path]:
    """``extra.research.notebooks`` (folders named ``notebooks``, relative to
    mkdocs.yml), by default the project's own notebooks/ folder."""
    base = Path(config["config_file_path"]).parent
    folders = [base / name for name in config["extra"].get("research", {}).get("notebooks", ["notebooks"])]
    for folder in folders:
        if folder.name != "notebooks":
            raise PluginError(f"extra.research.notebooks: {folder} must be a folder named notebooks "
                              "(its notebooks are published under notebooks/)")
    return folders


@event_priority(-100)  # after mkdocs-jupyter's on_pre_page, which gives a notebook page its render
def on_pre_page(page, config, files):
    """A notebook cell that fails while the page executes stops the build in a few lines
    (notebook_errors), not nbclient's coloured traceback and MkDocs' own."""
    if not page.file.src_uri.endswith(".ipynb"):
        return page
    render = page.render

    def render_or_say_what_failed(config, files):
        try:
            render(config, files)
        except CellExecutionError as error:
            project = Path(config["config_file_path"]).parent
            notebook = Path(page.file.abs_src_path)
            saved = notebook_errors.save_report(project / ".cache" / "notebook-errors", notebook, str(error))
            where = _relative(notebook, project)
            raise PluginError(notebook_errors.short_message(
                where, notebook, str(error), error.ename, error.evalue,
                saved and Path(_relative(saved, project)))) from None

    page.render = render_or_say_what_failed
    return page


def _relative(path: Path, base: Path) -> str:
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)


def on_page_markdown(markdown, page, config, files):
    data = build_context.site_data()
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8") if page.file.abs_src_path else markdown
    first_line = source[: source.find(markdown[:200])].count("\n") + 1 if markdown else 1
    citations = find_citations(markdown, first_line, extensions=config["markdown_extensions"])
    _scanned[page.file.src_uri] = citations
    unknown = [c for c in citations if data.paper(c.paper_id) is None]
    if unknown:  # all of them at once
        raise PluginError("\n".join(
            f"{page.file.src_uri}:{citation.line}: cites {citation.url} but no paper with id "
            f"{citation.paper_id!r} is in {config['extra']['research']['papers']}; add it there."
            for citation in unknown))
    cited = [citation.paper_id for citation in citations]
    build_context.set_page_citations(cited)  # for ```spectrum fences with `papers: cited`
    problem = fence_lines.first_problem(markdown, first_line) or missing_notebook(markdown, first_line, files)
    if problem:
        raise PluginError(f"{page.file.src_uri}:{problem}")
    if page.meta.get("byline"):  # title block and "Cite this essay", from mkdocs.yml
        try:
            essay = byline.from_config(config)
        except byline.BylineError as error:
            raise PluginError(str(error)) from None
        markdown = byline.insert_title_block(markdown, essay) + "\n\n" + byline.cite_block(essay)
    if page.meta.get("references"):
        markdown += "\n\n" + references_markdown(list(build_context.page_citations()))
    return markdown


def missing_notebook(markdown: str, first_line: int, files) -> str | None:
    """``"line: message"`` for the first ```toy fence whose notebook is not a page of the site
    (its link, "Open as a live notebook", would lead nowhere), or None."""
    published = sorted(f.src_uri[len("notebooks/"):-len(".ipynb")] for f in files
                       if f.src_uri.startswith("notebooks/") and f.src_uri.endswith(".ipynb"))
    for kind, body, line in fence_lines.find_fences(markdown, first_line):
        if kind != "toy":
            continue
        notebook = toy_fence.toy_settings(body).notebook
        if notebook not in published:
            at = next((line + offset for offset, text in enumerate(body.splitlines(), start=1)
                       if re.match(r"\s*notebook\s*:", text)), line)
            return (f"{at}: ```toy fence: notebook: no notebook {notebook!r} in the site (notebooks/"
                    f"{notebook}.ipynb; known: {', '.join(published) or 'none'})")
    return None


def references_markdown(paper_ids: list[str]) -> str:
    """A numbered reference list, as HTML inside Markdown so titles need no escaping."""
    data = build_context.site_data()
    items = []
    for paper_id in paper_ids:
        paper = data.paper(paper_id)
        authors = ", ".join(paper.authors)
        venue = f" {html.escape(paper.venue)}." if paper.venue else ""
        items.append(
            f'<li id="ref-{html.escape(paper.id)}">{html.escape(authors)} ({paper.year}). '
            f'<a href="{html.escape(paper.url)}"><cite>{html.escape(paper.title)}</cite></a>.{venue}</li>'
        )
    return "## References\n\n<ol class=\"references\">\n" + "\n".join(items) + "\n</ol>\n"


def on_page_content(content, page, config, files):
    # Fences cannot know the page they are on: their "@site/" links are made relative here.
    content = re.sub(r'(href|src|data-toy-data|data-svg-src)="@site/([^"]*)"',
                     lambda m: f'{m.group(1)}="{get_relative_url(m.group(2), page.url)}"', content)
    if page.file.src_uri.endswith(".md"):
        check_citations_rendered(page, content)
    if page.file.src_uri.endswith(".ipynb"):
        content = notebook_html.keep_leading_newlines(
            notebook_html.strip_styles(notebook_html.strip_foreign_scripts(content)))
        try:
            content = notebook_math.typeset(content)
        except notebook_math.MathError as error:
            raise PluginError(f"{page.file.src_uri}: {error}") from None
    by_url = {file.url: file.abs_src_path for file in files}
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8") if page.file.abs_src_path else ""
    def in_site(url: str) -> str | None:  # a file of docs/, or a figure this build writes
        return by_url.get(url) or (url if figure_files.is_deferred(url) else None)
    missing = image_check.problems(content, page.url, in_site, source)
    if missing:
        raise PluginError("\n".join(f"{page.file.src_uri}:{problem}" for problem in missing))
    return with_page_stylesheets(image_sizes.add_sizes(content, page.url, by_url.get), page)


# Stylesheets for what only some pages hold: each is linked just before the first
# element it styles (the top of a notebook page), so other pages never load it and
# the first paint of what is above that element does not wait for it (a stylesheet
# in the body holds back only what follows it). In the content, not the head:
# Material's instant navigation swaps the content. The widgets' own CSS
# (spectrum-widget.css, live.css) comes with the widget (assets/js/site.js).
PAGE_STYLESHEETS = (
    ("assets/css/notebook.css", lambda content, page: 0 if page.file.src_uri.endswith(".ipynb") else -1),
    ("assets/css/toys.css", lambda content, page: content.find('<figure class="toy-preview toy"')),
    # The figures draw-svg.js draws: a toy's, or any output of a notebook (built or live).
    ("assets/css/svg-figure.css", lambda content, page: 0 if page.file.src_uri.endswith(".ipynb")
        else content.find('<figure class="toy-preview toy"')),
    ("assets/css/spectrum.css", lambda content, page: content.find('<figure class="research-spectrum"')),
    ("assets/css/readers-map.css", lambda content, page: content.find('<figure class="readers-map"')),
    # The readings and the order widget (reading_fence.py): linked before whichever comes first.
    ("assets/css/readings.css", lambda content, page: min(
        (at for at in (content.find('<p class="reading"'), content.find('<figure class="order-quiz"')) if at >= 0),
        default=-1)),
    ("assets/vendor/katex/katex.min.css", lambda content, page: content.find('<span class="katex')),  # notebook_math
)


def with_page_stylesheets(content: str, page) -> str:
    """The content with a <link> before the first element each page stylesheet styles."""
    places = sorted(((at, path) for path, first in PAGE_STYLESHEETS if (at := first(content, page)) >= 0), reverse=True)
    for at, path in places:  # from the end, so earlier offsets hold
        content = content[:at] + f'<link rel="stylesheet" href="{get_relative_url(path, page.url)}">' + content[at:]
    return content


def check_citations_rendered(page, content: str) -> None:
    """Fail the build where the rendered page and the citation scanner disagree."""
    citations = _scanned.pop(page.file.src_uri, [])
    missed, phantom = citation_check.differences([c.paper_id for c in citations], content)
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8") if page.file.abs_src_path else ""
    problems = []
    for paper_id, url in missed:
        at = source.find(url)
        line = source.count("\n", 0, at) + 1 if at >= 0 else 1
        problems.append(f"{page.file.src_uri}:{line}: the page links {url}, but the citation scanner did not "
                        f"see it, so {paper_id!r} would be missing from the references; write it as a plain "
                        "Markdown link (the scanner follows admonitions, details, tabs, footnotes, tables)")
    for paper_id in phantom:
        line = next(c.line for c in citations if c.paper_id == paper_id)
        problems.append(f"{page.file.src_uri}:{line}: the citation scanner found a link to {paper_id!r} "
                        "that the rendered page does not show (the site's Markdown renders it as something "
                        "else, e.g. code); check the syntax around it")
    if problems:
        raise PluginError("\n".join(problems))


def on_post_build(config):
    draw_svg.close()  # this build's figures are drawn: its node process ends (the next build starts one)
    spectrum_figure.write_site_files(Path(config["site_dir"]), build_context.site_data(),  # fetched by the widget
                                     send_map.target(config, build_context.readers_folder()))
    readers.write_site_file(Path(config["site_dir"]), build_context.readers())
    try:
        vendor.copy_runtime(ROOT, Path(config["site_dir"]))
        vendor.build_live_runtime(ROOT, Path(config["site_dir"]))  # editor bundle + toys zip for Pyodide
        toy_grid.write(build_context.toy_grids(), Path(config["site_dir"]))
        figure_files.write_deferred(Path(config["site_dir"]))
        module_graph.write(Path(config["site_dir"]))  # site.js asks for a feature's modules at once
    except vendor.VendorError as error:
        raise PluginError(str(error)) from None


def on_serve(server, config, builder):
    return dev_server.adapt(server)
