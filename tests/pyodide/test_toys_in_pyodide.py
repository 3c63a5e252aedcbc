"""Run the toy tests inside the real Pyodide runtime (Node + the pinned npm package).

Skipped, with the reason, when Node or the pyodide npm package is missing
(run `npm ci` first); set PYODIDE_DIR to use a Pyodide copy elsewhere.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "tests" / "pyodide" / "run_toy_tests.mjs"


def test_toys_pass_in_pyodide():
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the README's `make test` needs Node.js 20+")
    if not os.environ.get("PYODIDE_DIR") and not (ROOT / "node_modules" / "pyodide").is_dir():
        pytest.fail("node_modules/pyodide is missing: run `make test` (it runs `npm ci`)")
    proc = subprocess.run([node, str(RUNNER)], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    output = proc.stdout + proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert proc.returncode == 0, output
    assert lines and lines[-1].endswith(" passed, 0 failed"), output
