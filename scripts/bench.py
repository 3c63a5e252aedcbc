"""Benchmarks: print figures, never pass or fail.

    make bench            # or: .venv/bin/python scripts/bench.py [area ...]

Builds the site (timed), serves it on localhost, opens Debian's Chromium and
runs each area's module in scripts/benchmarks/ (site, spectrum, layout, live, speed, toys).
Every figure is a median over repeats measured in this one run, so compare
ratios within a run: the machine is noisy.
"""
from __future__ import annotations

import importlib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "scripts")]

from conftest import CHROMIUM_ARGS, build_and_serve, chromium_path  # noqa: E402

AREAS = ["site", "spectrum", "layout", "live", "speed", "toys"]


def report(name: str, value: float, unit: str = "", digits: int = 1) -> None:
    print(f"  {name:<58} {value:>12,.{digits}f} {unit}", flush=True)


def main(areas: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        started = time.perf_counter()
        server, url = build_and_serve(site)
        print("build")
        report("mkdocs build --strict (notebook cache as found)", time.perf_counter() - started, "s")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for area in areas:
                try:
                    module = importlib.import_module(f"benchmarks.{area}")
                except ModuleNotFoundError:
                    continue
                print(area)
                module.run(site_url=url, site_dir=site, browser=browser, report=report)
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main(sys.argv[1:] or AREAS)
