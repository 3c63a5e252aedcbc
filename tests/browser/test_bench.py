"""`make bench` runs start to end: each area of scripts/bench.py measures every figure
once, on the specimen site, so a benchmark that no longer finds what it measures fails
here rather than waiting to be found. No timing is asserted: only that each area
reports its figures, each a number."""
from __future__ import annotations

import math
import shutil
import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))  # bench.py and its benchmarks/ modules
import bench  # noqa: E402


@pytest.mark.parametrize("area", bench.AREAS)
def test_every_benchmark_area_runs_once_and_reports_numbers(area, browser, built_site, site_url):
    figures = []

    def report(name, value, unit="", digits=1):
        figures.append((name, value))

    try:
        bench.run_area(area, site_url=site_url, site_dir=built_site, browser=browser, report=report, quick=True)
    finally:
        shutil.rmtree(built_site / "plain-material", ignore_errors=True)  # speed's comparison page
    assert figures, f"the {area} benchmarks reported nothing"
    not_numbers = [(name, value) for name, value in figures if not isinstance(value, (int, float)) or math.isnan(value)]
    assert not not_numbers, f"figures that measured nothing: {not_numbers}"
