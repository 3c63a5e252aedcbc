"""A place for research: the machinery behind the explorable essay, in four layers.

- ``data``: the site's files and formats (papers, taxonomy, a reader's map, the
  readers' maps, citations), read and written safely; no MkDocs.
- ``toys``: the standard-library toy demos, run at build time and in Pyodide.
- ``builder``: what runs inside ``mkdocs build`` (hooks, fences, figures, grids,
  notebooks, the vendored runtime); it reads ``data`` and ``toys``.
- ``fork``: the commands an author runs on a fork (``place-for-research``); it
  edits ``data`` and never runs inside a build.
"""
