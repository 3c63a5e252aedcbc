"""A place for research: the machinery behind the explorable essay.

- ``data``: the papers and taxonomy files, loaded and validated with line numbers.
- ``citations``: finds the papers an essay cites, with markdown-it-py.
- ``mkdocs_hooks``: the build glue (validation, references, vendored assets).
- ``toys``: the standard-library toy demos, run at build time and in Pyodide.
"""
