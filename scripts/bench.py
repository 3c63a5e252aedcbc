"""Benchmarks: print figures, never pass or fail.

    make bench            # or: .venv/bin/python scripts/bench.py [area ...]

Builds the specimen site (timed; the fixed page the machinery's tests use,
tests/specimen, so that what an author writes in docs/ cannot break a
benchmark), serves it on localhost, opens Debian's Chromium and runs each
area's module in scripts/benchmarks/ (site, spectrum, layout, live, speed, toys, readers).
Every figure is a median over repeats measured in this one run, so compare
ratios within a run: the machine is noisy. `--quick` measures everything once
(tests/browser/test_bench.py runs every area so, to find a broken benchmark).
"""
from __future__ import annotations

import importlib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "scripts")]

from support import CHROMIUM_ARGS, build_and_serve, chromium_path, specimen_project  # noqa: E402

AREAS = ["site", "spectrum", "layout", "live", "speed", "toys", "readers"]
# How many times an area measures each figure: these module constants, when they exist.
REPEAT_COUNTS = ("REPEATS", "TOY_REPEATS", "CHANGES", "MOVES")


def report(name: str, value: float, unit: str = "", digits: int = 1) -> None:
    print(f"  {name:<58} {value:>12,.{digits}f} {unit}", flush=True)


def run_area(area: str, *, site_url: str, site_dir: Path, browser, report=report, quick: bool = False) -> None:
    """Run one area's benchmarks; quick: each figure measured once (CHANGES and MOVES a few times)."""
    module = importlib.import_module(f"benchmarks.{area}")
    if quick:
        for name in REPEAT_COUNTS:
            if hasattr(module, name):
                setattr(module, name, 1 if name.endswith("REPEATS") else 3)
    module.run(site_url=site_url, site_dir=site_dir, browser=browser, report=report)


def main(areas: list[str], quick: bool = False) -> None:
    from playwright.sync_api import sync_playwright

    unknown = sorted(set(areas) - set(AREAS))
    if unknown:
        sys.exit(f"unknown area(s) {', '.join(unknown)}: choose from {', '.join(AREAS)}")
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        (project / "site").mkdir()
        site = project / "site"
        started = time.perf_counter()
        server, url = build_and_serve(site, specimen_project(project))
        print("build (specimen site)")
        report("mkdocs build --strict (notebook cache as found)", time.perf_counter() - started, "s")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for area in areas:
                print(area, flush=True)
                run_area(area, site_url=url, site_dir=site, browser=browser, quick=quick)
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    arguments = sys.argv[1:]
    main([a for a in arguments if a != "--quick"] or AREAS, quick="--quick" in arguments)
