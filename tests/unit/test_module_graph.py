"""The module graph the build lists for site.js (builder/module_graph.py): each module's
static imports as node's own parser reads them, and each feature's whole graph."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import ROOT
from place_for_research.builder import module_graph

JS = ROOT / "docs" / "assets" / "js"


def test_every_static_import_is_found_as_node_reads_it():
    modules = sorted(JS.rglob("*.js"))
    done = subprocess.run(["node", "--experimental-vm-modules", "--no-warnings", str(ROOT / "tests" / "js" / "module-specifiers-cli.mjs"),
                           *map(str, modules)], capture_output=True, text=True, check=True)
    by_node = json.loads(done.stdout)
    assert len(by_node) == len(modules) > 40
    for module in modules:
        relative = {spec for spec in by_node[str(module)] if spec.startswith(".")}
        found = {(module.parent / spec).resolve() for spec in relative}
        assert set(module_graph.imports(module)) == found, module.relative_to(ROOT)


def test_a_feature_lists_its_modules_at_every_depth_and_no_dynamic_import():
    graph = module_graph.graph(JS)
    spectrum = graph["spectrum/index.js"]
    assert {"spectrum/widget.js", "spectrum/chart.js", "spectrum/chart-svg.js"} <= set(spectrum)
    assert "debug-hooks.js" not in spectrum  # the tests and the benchmarks load it; the pages never do
    assert all((JS / path).is_file() for paths in graph.values() for path in paths)


def test_the_list_is_written_beside_the_built_scripts(tmp_path: Path):
    js = tmp_path / "assets" / "js"
    (js / "deep").mkdir(parents=True)
    (js / "a.js").write_text('import { b } from "./deep/b.js";\nexport const a = b;\n')
    (js / "deep" / "b.js").write_text('import "../c.js";\nexport * from "../c.js";\nexport const b = () => import("../d.js");\n')
    (js / "c.js").write_text("export const c = 1;\n")
    (js / "d.js").write_text("export const d = 1;\n")
    module_graph.write(tmp_path)
    assert json.loads((js / "module-graph.json").read_text()) == {"a.js": ["c.js", "deep/b.js"], "deep/b.js": ["c.js"]}
