"""`make test` runs every test file under tests/: pytest skips some folder names
(build, dist, venv, ...) without a word, so a folder so named would hide its tests."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_pytest_collects_every_test_file_under_tests():
    listed = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout
    collected = {line.split("::")[0] for line in listed.splitlines() if "::" in line}
    on_disk = {str(path.relative_to(ROOT)) for path in (ROOT / "tests").rglob("test_*.py")}
    assert on_disk - collected == set(), f"test files pytest does not collect: {sorted(on_disk - collected)}"
