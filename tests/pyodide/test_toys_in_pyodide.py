"""Run the toy tests inside the real Pyodide runtime (Node + the pinned npm package).

Fails, with the reason, when Node or the pyodide npm package is missing
(run `npm ci` first); set PYODIDE_DIR to use a Pyodide copy elsewhere.
Besides the tests, the runner prints each toy's readouts at its default
point: the build computes the grid on CPython, so Pyodide must give the
same numbers (to 1e-9) for a reader who runs the toy live.
"""

import json
import math
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from place_for_research import toys

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "tests" / "pyodide" / "run_toy_tests.mjs"


@pytest.fixture(scope="module")
def pyodide_run():
    """The runner's stdout lines and the whole output (for failure messages)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the README's `make test` needs Node.js 18+")
    if not os.environ.get("PYODIDE_DIR") and not (ROOT / "node_modules" / "pyodide").is_dir():
        pytest.fail("node_modules/pyodide is missing: run `make test` (it runs `npm ci`)")
    proc = subprocess.run([node, str(RUNNER)], cwd=ROOT, capture_output=True, text=True,
                          timeout=900)
    return proc, proc.stdout.strip().splitlines(), proc.stdout + proc.stderr


def test_toys_pass_in_pyodide(pyodide_run):
    proc, lines, output = pyodide_run
    assert proc.returncode == 0, output
    assert lines and lines[-1].endswith(" passed, 0 failed"), output


def test_pyodide_readouts_equal_cpython(pyodide_run):
    _, lines, output = pyodide_run
    seen = {}
    for line in lines:
        if line.startswith("readouts "):
            _, name, payload = line.split(" ", 2)
            seen[name] = json.loads(payload)
    assert set(seen) == set(toys.names()), output
    for name, in_pyodide in seen.items():
        on_cpython = toys.load(name).run(seed=0).get("readouts", {})
        assert set(in_pyodide) == set(on_cpython), name
        for key, value in on_cpython.items():
            assert math.isclose(in_pyodide[key], value, rel_tol=1e-9, abs_tol=1e-12), (name, key)
