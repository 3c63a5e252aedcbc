"""The readers' map: aggregating at build, the published file's size, the view's draw.

- aggregating 1,000 and 10,000 generated readers' maps of 40 papers each (readers.aggregate,
  the build's work once the maps are read; goal: 10,000 in 5 s or less, linear in the maps),
  and checking map files as the build reads them (read_map and the site's papers), per file;
- the aggregate's size for 100 papers, as published and gzipped (goal: 30 KB or less,
  whatever the number of readers);
- drawing the readers' view with 100 papers in Chromium (readers-chart.js: build the SVG,
  put it in the page, force style and layout), median of the draws (goal: one frame, 16 ms).
"""
from __future__ import annotations

import gzip
import json
import random
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from place_for_research.data import readers
from place_for_research.data.catalogue import Paper, load_site_data
from place_for_research.data.map_file import Spot

ROOT = Path(__file__).resolve().parents[2]
SPECIMEN = ROOT / "tests" / "specimen" / "docs" / "data"
REPEATS = 5
PAPERS = 100
PER_MAP = 40
FILES = 200
CHART = "assets/js/spectrum/readers-chart.js"


def site_with_papers(count: int):
    """The specimen's taxonomy with count made-up papers."""
    data = load_site_data(SPECIMEN / "papers.yml", SPECIMEN / "taxonomy.yml")
    papers = tuple(Paper(id=f"{2400 + i // 100}.{i % 100:05d}", title=f"A made-up paper about topic {i}",
                         authors=("A. Writer",), year=2024, url=f"https://arxiv.org/abs/2400.{i:05d}")
                   for i in range(count))
    return replace(data, papers=papers)


def generated_maps(data, count: int, seed: int = 1) -> list[readers.ReaderMap]:
    rng = random.Random(seed)
    ids = [paper.id for paper in data.papers]
    marks = [c.id for c in data.taxonomy.categories] + [None, None]
    maps = []
    for index in range(count):
        spots = tuple(Spot(pid, round(rng.uniform(-1, 1), 3), round(rng.random(), 3) if rng.random() < 0.5 else None,
                           1, rng.choice(marks)) for pid in rng.sample(ids, PER_MAP))
        maps.append(readers.ReaderMap(f"r{index}", spots))
    return maps


def aggregate_time(data, maps) -> float:
    samples = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        readers.aggregate(maps, data)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def check_time_per_file(data) -> float:
    """Median seconds to check one map file of 40 placements as the build does."""
    with tempfile.TemporaryDirectory() as folder:
        for reader_map in generated_maps(data, FILES if REPEATS > 1 else 20, seed=2):
            lines = ["version: 2", "placements:"] + [
                f'  - id: "{s.id}"\n    x: {s.x}' + ("" if s.y is None else f"\n    y: {s.y}")
                + ("" if s.grounding is None else f"\n    grounding: {s.grounding}") for s in reader_map.spots]
            (Path(folder) / f"{reader_map.file}.yml").write_text("\n".join(lines) + "\n")
        files = sorted(Path(folder).glob("*.yml"))
        started = time.perf_counter()
        checked = readers.check_folder(Path(folder), data)
        elapsed = time.perf_counter() - started
    assert not checked.problems, checked.problems[:3]
    return elapsed / len(files)


DRAW = """async ([url, count, repeats]) => {
  const { drawReaders } = await import(url);
  const figure = document.createElement("figure");
  figure.className = "readers-map";
  figure.append(Object.assign(document.createElement("div"), { className: "readers-chart" }));
  document.querySelector("article").append(figure);
  const papers = Array.from({ length: count }, (_, i) => {
    const mid = Math.sin(i) * 0.8;
    return { id: `p${i}`, title: `A made-up paper about topic ${i}`, n: 10 + i, x: [mid - 0.2, mid, mid + 0.2],
             contested: i % 7 === 0, author: -mid };
  });
  const data = { axis: { min: -1, max: 1, low: "Structural", high: "Developmental", name: "x" }, readers: 500, papers };
  const mine = Object.fromEntries(papers.filter((_, i) => i % 3 === 0).map((p) => [p.id, { x: p.x[1] / 2 }]));
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
  const times = [];
  for (let i = 0; i < repeats; i++) {
    await frame();
    const started = performance.now();
    drawReaders(figure, data, mine);
    figure.getBoundingClientRect();  // style and layout, forced: the draw's whole cost
    times.push(performance.now() - started);
  }
  figure.remove();
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}"""


def run(site_url, site_dir, browser, report):
    data = site_with_papers(PAPERS)
    small = generated_maps(data, 1_000)
    large = small * 10 if REPEATS == 1 else generated_maps(data, 10_000)
    one, ten = aggregate_time(data, small), aggregate_time(data, large)
    report("aggregate 1,000 readers' maps of 40 papers", one, "s", 3)
    report("aggregate 10,000 readers' maps of 40 papers (goal <= 5 s)", ten, "s", 3)
    report("ratio 10,000 / 1,000 (linear: 10)", ten / one, "", 1)
    report("check one map file of 40 placements, as the build reads it", check_time_per_file(data) * 1000, "ms", 2)
    published = json.dumps(readers.aggregate(large, data), ensure_ascii=False, separators=(",", ":")).encode()
    report("readers.json for 100 papers", len(published) / 1024, "KB", 1)
    report("readers.json for 100 papers, gzipped (goal <= 30 KB)", len(gzip.compress(published, 9)) / 1024, "KB", 1)

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url, wait_until="load")
    median = page.evaluate(DRAW, [site_url + CHART, PAPERS, max(3, REPEATS * 6)])
    context.close()
    report("draw the readers' view, 100 papers, median (goal <= 16 ms)", median, "ms", 2)
