"""The grid is the toy in the reader's runtime too: for one point of each toy's
served grid (not its default), run() inside Pyodide (Node + the pinned npm
package) gives the data the build served."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import figures_at, same_figure
from place_for_research import toys
from place_for_research.builder import toy_grid
from place_for_research.toys.controls import grid

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "tests" / "pyodide" / "grid_points.mjs"


def test_one_point_per_toy_in_pyodide_equals_the_served_grid(built_site):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: `make test` needs Node.js")
    if not os.environ.get("PYODIDE_DIR") and not (ROOT / "node_modules" / "pyodide").is_dir():
        pytest.fail("node_modules/pyodide is missing: run `make test` (it runs `npm ci`)")
    payloads = [json.loads(path.read_text(encoding="utf-8"))
                for path in sorted((built_site / toy_grid.DATA_FOLDER).glob("*.json"))]
    assert payloads, "the specimen site serves no toy grid"
    chosen = []
    for payload in payloads:
        points = grid_points(payload)
        index = len(points) // 2 if len(points) > 1 else 0
        default = [c["default"] for c in payload["controls"]]
        if [c["values"].index(points[index][c["name"]]) for c in payload["controls"]] == default:
            index = (index + 1) % len(points)  # a point other than the default the page already shows
        chosen.append((payload, index, points[index]))
    proc = subprocess.run([node, str(RUNNER), json.dumps([[p["toy"], point] for p, _, point in chosen])],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    results = [json.loads(line[len("result "):]) for line in proc.stdout.splitlines() if line.startswith("result ")]
    assert len(results) == len(chosen), proc.stdout[-2000:]
    for (payload, index, point), live in zip(chosen, results):
        assert live["toy"] == payload["toy"] and live["point"] == point
        served = figures_at(payload, [(index, name) for name in live["figures"]])
        for (name, figure), built in zip(live["figures"].items(), served):
            same_figure(built, figure, f"{payload['toy']}[{point}].{name}")
        declared = tuple(toys.load(payload["toy"]).READOUTS)
        assert payload["points"][index]["readouts"] == toy_grid.written_readouts(declared, live["readouts"]), \
            f"{payload['toy']}[{point}].readouts"


def grid_points(payload: dict) -> list[dict]:
    """The grid's points from the data file's controls (the order of controls.grid)."""
    class Named:  # controls.grid() reads .name and .values
        def __init__(self, name, values):
            self.name, self.values = name, values
    return grid([Named(c["name"], c["values"]) for c in payload["controls"]])
