"""``place-for-research``: the commands an author runs on a fork of the site.

    place-for-research new --title T --author A     start your own research philosophy
    place-for-research merge research-map.yaml      your placements from the browser, into papers.yml
    place-for-research add-paper 2209.10652         a paper from arXiv, into papers.yml
    place-for-research readers check                check the readers' maps, as the build does

Run them from the fork's folder (the one with mkdocs.yml), e.g. as
``.venv/bin/place-for-research``. Errors are one clear message and exit
status 1; nothing is half-written.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from place_for_research.data import readers, yaml_rt
from place_for_research.fork import arxiv, merge, scaffold, toy_scaffold
from place_for_research.data.catalogue import DataError, load_site_data

PROG = "place-for-research"


class UsageError(Exception):
    pass


# -- where the data files are ------------------------------------------------------------

def data_paths(papers: str | None, taxonomy: str | None) -> tuple[Path, Path, Path | None]:
    """(papers file, taxonomy file, project root or None), from the options or the project's mkdocs.yml.

    With --papers and no --taxonomy, a taxonomy.yml beside the papers file wins; else the project's.
    """
    root = scaffold.find_root(Path.cwd())
    project = scaffold.Project.at(root) if root else None
    if papers:
        papers_path = Path(papers)
    elif project:
        papers_path = project.papers
    else:
        raise UsageError("no mkdocs.yml here or above: run this in your fork of the site, or pass --papers FILE")
    if taxonomy:
        taxonomy_path = Path(taxonomy)
    elif (papers_path.parent / "taxonomy.yml").is_file():
        taxonomy_path = papers_path.parent / "taxonomy.yml"
    elif project:
        taxonomy_path = project.taxonomy
    else:
        raise UsageError(f"no taxonomy.yml beside {papers_path}: pass --taxonomy FILE")
    for path, option in ((papers_path, "--papers"), (taxonomy_path, "--taxonomy")):
        if not path.is_file():
            raise UsageError(f"{path} does not exist (set it with {option})")
    return papers_path, taxonomy_path, root


def _shown(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _ids(ids: list[str], limit: int = 8) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


# -- commands -------------------------------------------------------------------------

def cmd_new(args: argparse.Namespace) -> int:
    root = Path(args.dir) if args.dir else scaffold.find_root(Path.cwd())
    if root is None:
        raise UsageError("no mkdocs.yml here or above: run this in your fork of the site, or pass --dir PATH")
    options = scaffold.NewOptions(title=args.title, author=args.author, description=args.description,
                                  site_url=args.site_url, papers=args.papers, placements=args.placements,
                                  toys=args.toys, readers=args.readers, force=args.force)
    report = scaffold.new_philosophy(root, options)
    print(f"Started {options.title!r} by {options.author} in {Path(root).resolve()}.")
    for path in report.changed:
        print(f"  wrote    {path}")
    for path in report.removed:
        print(f"  removed  {path}")
    papers = f"{report.papers_kept} papers in the papers file"
    if report.papers_removed:
        papers += f" ({report.papers_removed} removed)"
    if report.papers_added:
        papers += f" (added the template's {_ids(report.papers_added)})"
    if report.placements_removed:
        papers += f"; {report.placements_removed} of the previous author's placements removed"
    print(f"  {papers}.")
    if report.backup:
        print(f"  the replaced files are backed up in {_shown(report.backup)}")
    print("Next: `make serve`, open http://127.0.0.1:8000 and edit docs/index.md; "
          "the Write your own page has the rest.")
    return 0


def cmd_new_toy(args: argparse.Namespace) -> int:
    root = Path(args.dir) if args.dir else scaffold.find_root(Path.cwd())
    if root is None:
        raise UsageError("no mkdocs.yml here or above: run this in your fork of the site, or pass --dir PATH")
    made = toy_scaffold.new_toy(root, args.name)
    print(f"Created the toy {args.name!r}:")
    for path in (made.module, made.notebook):
        print(f"  wrote    {_shown(path)}")
    print(f"  added    its notebook to the nav in {_shown(made.config)}")
    print("Show it in a page with this fence (edit CONTROLS, READOUTS and run() in the module first):")
    print()
    print(made.fence)
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    papers_path, taxonomy_path, _ = data_paths(args.papers, args.taxonomy)
    map_path = Path(args.map)
    if not map_path.is_file():
        raise UsageError(f"{map_path} does not exist (the file the spectrum's Export YAML saved)")
    result = merge.merge_map(map_path, papers_path, taxonomy_path, replace=args.replace, dry_run=args.dry_run)
    parts = []
    if result.added:
        parts.append(f"{len(result.added)} added ({_ids(result.added)})")
    if result.replaced:
        parts.append(f"{len(result.replaced)} replaced ({_ids(result.replaced)})")
    if result.unchanged:
        parts.append(f"{len(result.unchanged)} already there")
    summary = "; ".join(parts) or "the map is empty"
    if args.dry_run:
        print(f"Checked {_shown(map_path)} against {_shown(papers_path)}: {summary}. Nothing written (--dry-run).")
    elif result.changed:
        print(f"Merged {_shown(map_path)} into {_shown(papers_path)}: {summary}.")
    else:
        print(f"Nothing to merge from {_shown(map_path)}: {summary}; {_shown(papers_path)} is unchanged.")
    return 0


def cmd_add_paper(args: argparse.Namespace) -> int:
    papers_path, taxonomy_path, root = data_paths(args.papers, args.taxonomy)
    cache_dir = Path(args.cache_dir) if args.cache_dir else (root or Path.cwd()) / ".cache" / "arxiv"
    result = arxiv.add_paper(args.arxiv_id, papers_path, taxonomy_path, cache_dir, note=args.note)
    if result.paper is None:
        where = f" (line {result.existing_line})" if result.existing_line else ""
        print(f"{arxiv.normalise_id(args.arxiv_id)} is already in {_shown(papers_path)}{where}: "
              f"{result.existing_title}. Nothing to do.")
        return 0
    paper = result.paper
    source = "from the cache" if result.from_cache else "from the arXiv API"
    authors = _ids(list(paper.authors), limit=3)
    print(f"Added {paper.id} to {_shown(papers_path)} ({source}): {paper.title} ({authors}, {paper.year}).")
    print(f"Cite it as [{paper.title}]({paper.url}); give it a note or a placement in the file if you like.")
    return 0


def cmd_readers_check(args: argparse.Namespace) -> int:
    root = Path(args.dir) if args.dir else scaffold.find_root(Path.cwd())
    if root is None:
        raise UsageError("no mkdocs.yml here or above: run this in your fork of the site, or pass --dir PATH")
    project = scaffold.Project.at(root)
    research = (yaml_rt.read_mkdocs_config(project.config_path).get("extra") or {}).get("research") or {}
    try:
        folder = readers.folder_of(project.docs, research)
    except ValueError as error:
        raise UsageError(str(error)) from None
    checked = readers.check_folder(folder, load_site_data(project.papers, project.taxonomy),
                                   Path(project.rel(folder)))
    if checked.problems:
        count = len(checked.problems)
        print(f"{PROG} readers check: {count} problem{'s' if count != 1 else ''} in {project.rel(folder)}:",
              file=sys.stderr)
        for problem in checked.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    count = len(checked.maps)
    print(f"{count} reader's map" if count == 1 else f"{count} readers' maps", f"in {project.rel(folder)}: all valid.")
    return 0


# -- the parser ----------------------------------------------------------------------------

class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and the usage hint, exit status 1 like other errors
        self.exit(1, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Write your own research philosophy with the 'A place for "
                     "research' site: start it, merge the placements you make in the browser, add papers.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    new = commands.add_parser("new", help="turn this fork into your own research philosophy",
                              description="Set the site's title, author and address, put a template essay "
                              "in docs/index.md that shows every building block, and keep or clear the "
                              "papers and placements. Runs once; --force to run again.")
    new.add_argument("--title", required=True, help="the site's and the essay's title")
    new.add_argument("--author", required=True, help="your name, as the footer and the page metadata show it")
    new.add_argument("--description", help="one sentence for search engines and link previews")
    new.add_argument("--site-url", help="where the site will be published, e.g. https://you.github.io/repo/ "
                     "(the GitHub Pages workflow sets it by itself)")
    new.add_argument("--papers", choices=scaffold.KEEP_OR_CLEAR, default="keep",
                     help="keep the papers list, or clear it to the papers the new site cites (default keep)")
    new.add_argument("--placements", choices=scaffold.KEEP_OR_CLEAR, default="keep",
                     help="keep the previous author's placements, or clear them (default keep)")
    new.add_argument("--toys", choices=scaffold.KEEP_OR_CLEAR, default="keep",
                     help="keep the toy notebooks, or remove them and their nav entry (default keep)")
    new.add_argument("--readers", choices=scaffold.KEEP_OR_CLEAR, default="keep",
                     help="keep the readers' maps sent to the previous site (docs/data/readers), or clear them "
                     "(default keep; clear them if you clear the papers: a map naming a paper the site lacks "
                     "fails the build)")
    new.add_argument("--dir", help="the fork's folder (default: the one with mkdocs.yml, here or above)")
    new.add_argument("--force", action="store_true", help="run again on a site already started")
    new.set_defaults(run=cmd_new)

    new_toy = commands.add_parser("new-toy", help="add a toy: its module, its notebook and a nav entry",
                                  description="Write a toy module (a run() with CONTROLS and READOUTS to edit) "
                                  "in src/place_for_research/toys/, its notebook in notebooks/, and add the "
                                  "notebook to the nav; print the ```toy fence that shows it in a page.")
    new_toy.add_argument("name", metavar="NAME", help="the toy's name: lower-case letters, digits and hyphens "
                         "(e.g. my-toy; its module is my_toy.py)")
    new_toy.add_argument("--dir", help="the fork's folder (default: the one with mkdocs.yml, here or above)")
    new_toy.set_defaults(run=cmd_new_toy)

    data_options = argparse.ArgumentParser(add_help=False)
    data_options.add_argument("--papers", help="the papers file (default: from mkdocs.yml, docs/data/papers.yml)")
    data_options.add_argument("--taxonomy", help="the taxonomy file (default: taxonomy.yml beside the papers file)")

    merge_cmd = commands.add_parser("merge", parents=[data_options],
                                    help="merge a map exported from the browser into the papers file",
                                    description="Merge the YAML (or JSON) that the spectrum's Export saves into "
                                    "the papers file, as your placements. Every problem is reported; nothing "
                                    "is written unless the whole map is valid.")
    merge_cmd.add_argument("map", metavar="MAP.yml", help="the exported map (research-map.yaml)")
    merge_cmd.add_argument("--replace", action="store_true",
                           help="where a paper already has a different placement, take the map's")
    merge_cmd.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    merge_cmd.set_defaults(run=cmd_merge)

    add = commands.add_parser("add-paper", parents=[data_options], help="add a paper from its arXiv id",
                              description="Fetch a paper's title, authors and year from the arXiv API "
                              "(at most one request every 3 seconds; answers are cached) and append it to "
                              "the papers file.")
    add.add_argument("arxiv_id", metavar="ARXIV_ID", help="e.g. 2209.10652, arXiv:2209.10652v2 or its abs URL")
    add.add_argument("--cache-dir", help="where answers are cached (default .cache/arxiv in the project)")
    add.add_argument("--note", help="a one-line note to store with the paper")
    add.set_defaults(run=cmd_add_paper)

    readers_cmd = commands.add_parser("readers", help="the readers' maps: check them as the build does",
                                      description="Readers' maps are files in the readers' folder "
                                      "(extra.research.readers in mkdocs.yml, default docs/data/readers).")
    readers_actions = readers_cmd.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser,
                                                 required=True)
    check = readers_actions.add_parser("check", help="check every reader's map; report every problem with "
                                       "file and line, and identical maps (exit status 1 if any)")
    check.add_argument("--dir", help="the site's folder (default: the one with mkdocs.yml, here or above)")
    check.set_defaults(run=cmd_readers_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 1
    try:
        return args.run(args)
    except merge.MergeError as error:
        print(f"{PROG} merge: error: {error}", file=sys.stderr)
    except (UsageError, scaffold.ScaffoldError, toy_scaffold.ToyScaffoldError, arxiv.ArxivError, yaml_rt.EditError, DataError) as error:
        print(f"{PROG} {args.command}: error: {error}", file=sys.stderr)
    except OSError as error:
        where = f" ({error.filename})" if getattr(error, "filename", None) else ""
        print(f"{PROG} {args.command}: error: {error.strerror or error}{where}", file=sys.stderr)
    except KeyboardInterrupt:
        print(f"{PROG} {args.command}: interrupted; nothing was half-written", file=sys.stderr)
        return 130
    return 1


if __name__ == "__main__":
    sys.exit(main())
