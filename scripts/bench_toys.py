"""Time each toy's default run() on CPython: median of 5 (prints figures, never fails).

    python3 scripts/bench_toys.py            # or: from bench_toys import bench

The lead's benchmark runner can call ``bench(report)`` with its own
``report(name, value, unit)`` printer.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from place_for_research import toys  # noqa: E402


def _print(name: str, value: float, unit: str = "") -> None:
    print(f"  {name:<58} {value:>12,.1f} {unit}", flush=True)


def bench(report=_print, repeats: int = 5) -> dict[str, float]:
    """Median wall time (ms) of each toy's ``run(seed=0)``; reports and returns them."""
    medians = {}
    for name in toys.names():
        run = toys.load(name).run
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            run(seed=0)
            times.append((time.perf_counter() - start) * 1000)
        medians[name] = statistics.median(times)
        report(f"{name}.run() default, CPython median of {repeats}", medians[name], "ms")
    return medians


if __name__ == "__main__":
    print(f"toys (CPython {sys.version.split()[0]})")
    bench()
