"""The front end's module graph, listed at build for the browser (assets/js/module-graph.json).

The site ships plain ES modules, unbundled. A browser finds a module's imports
only once the module has arrived, so a feature four imports deep (the spectrum:
index, widget, chart, chart-svg) costs four round trips before its last module
is even asked for. With each module's static imports listed here, site.js asks
for a feature's whole graph at once (`<link rel="modulepreload">`), and the
depth costs one round trip. Dynamic imports (`import("./png.js")`) are left
out: they load when the reader needs them.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

# A static import or re-export of a relative module: `import x from "./a.js"`, `import "./a.js"`,
# `import { a,\n b } from "../b.js"`, `export * from "./c.js"` (tests check it against node's own parser).
STATIC_IMPORT = re.compile(
    r"""^[ \t]*(?:import\s+(?:[\w$*{][^;"']*?\s*from\s*)?|export\s+[*{][^;"']*?from\s*)["'](\.{1,2}/[^"']+)["']""",
    re.MULTILINE)


def imports(module: Path) -> list[Path]:
    """The modules `module` imports statically, as files."""
    source = module.read_text(encoding="utf-8")
    return [(module.parent / specifier).resolve() for specifier in STATIC_IMPORT.findall(source)]


def graph(js_dir: Path) -> dict[str, list[str]]:
    """For each module under js_dir that imports others: every module it needs, directly or not
    (paths relative to js_dir, sorted)."""
    js_dir = js_dir.resolve()
    direct = {path: imports(path) for path in sorted(js_dir.rglob("*.js"))}
    needed: dict[str, list[str]] = {}
    for module, first in direct.items():
        seen: set[Path] = set()
        waiting = list(first)
        while waiting:
            path = waiting.pop()
            if path not in seen and path.is_relative_to(js_dir):
                seen.add(path)
                waiting.extend(direct.get(path, []))
        if seen:
            needed[module.relative_to(js_dir).as_posix()] = sorted(p.relative_to(js_dir).as_posix() for p in seen)
    return needed


def write(site_dir: Path) -> None:
    """Write assets/js/module-graph.json for the site's built scripts (a site without any writes none)."""
    js_dir = site_dir / "assets" / "js"
    if not js_dir.is_dir():
        return
    js_dir.joinpath("module-graph.json").write_text(
        json.dumps(graph(js_dir), separators=(",", ":"), sort_keys=True), encoding="utf-8")
