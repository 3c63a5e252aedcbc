"""Each toy's default run() on CPython (scripts/bench_toys.py); the Pyodide
timings and their ratio to these are in the live area (benchmarks/live.py)."""
from __future__ import annotations


def run(site_url, site_dir, browser, report):
    from bench_toys import bench  # scripts/ is on bench.py's path
    bench(report=report)
