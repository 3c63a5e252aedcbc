"""Every answer a toy's controls can give, computed at build time.

For each toy, ``run(seed=0, **point)`` is called at every point of
``grid(CONTROLS)`` (a toy without CONTROLS has one point: its defaults), in
parallel processes, and the results are kept on disk per version of the
toys' source. The site then serves one compact data file per toy: what all
points share (layouts, trace styles) once, and per point only what differs.

A control over ``MAX_VALUES``, a grid over ``MAX_POINTS`` or a ``run()`` that fails at one point stops the
build with the toy, the point and the error (``GridError``); nothing is
written to the site until every grid is complete.
"""
from __future__ import annotations

import ast
import concurrent.futures
import hashlib
import json
import logging
import math
import multiprocessing
import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from place_for_research import toys
from place_for_research.toys.controls import defaults, grid

# A toy above these is a build error: too slow to build, too heavy to serve, and more
# values than a reader's slider can tell apart. The tests hold toys to the same limits.
MAX_POINTS = 120  # points in a toy's grid (the product of its controls' value counts)
MAX_VALUES = 64   # values offered by one control
DATA_FOLDER = "assets/toys"  # where the data files go in the built site
CACHE_FORMAT = "2"  # the cached grids' layout; a new one leaves the old files unread
LAST_RUN = "last-run.json"  # beside the cached grids: which toys the last compute() reused and ran

log = logging.getLogger("mkdocs.plugins.place_for_research.builder.toy_grid")


class GridError(ValueError):
    """A toy's grid cannot be built; the message names the toy, the point and the cause."""


@dataclass
class ToyGrid:
    """One toy's results over its grid, in ``grid(CONTROLS)`` order."""

    name: str
    controls: tuple
    readouts: tuple
    points: list[dict]
    results: list[dict] = field(default_factory=list)

    @property
    def default_index(self) -> int:
        return self.points.index(defaults(self.controls))

    @property
    def default(self) -> dict:
        """The result for the control values the page shows first."""
        return self.results[self.default_index]

    def payload(self) -> dict:
        """The data file's content (see ``encode``)."""
        return encode(self)

    def file_text(self) -> str:
        return json.dumps(self.payload(), separators=(",", ":"), allow_nan=False)

    def file_name(self) -> str:
        """``<toy>.<hash>.json``: a new name whenever the content changes, so it can be cached forever."""
        digest = hashlib.sha256(self.file_text().encode()).hexdigest()[:10]
        return f"{self.name.replace('_', '-')}.{digest}.json"


def describe(point: dict) -> str:
    return ", ".join(f"{key}={value!r}" for key, value in point.items()) or "the defaults"


def _run_point(module_name: str, point: dict) -> tuple[str, object]:
    """Run one grid point in a worker process: ("ok", result) or ("error", message)."""
    import importlib

    from place_for_research.builder.figure_size import too_large
    try:
        toy = importlib.import_module(module_name)
        result = toy.run(seed=0, **point)
        if not isinstance(result, dict) or not isinstance(result.get("figures"), dict):
            return "error", "run() must return a dict with 'figures'"
        kept = {"figures": result["figures"], "readouts": result.get("readouts", {})}
        for name, figure in kept["figures"].items():
            if problem := too_large(figure):
                return "error", f"figure {name!r}: {problem}"
        for where, value in _numbers(kept):
            if not math.isfinite(value):
                return "error", f"{where} is {value}; run() must return finite numbers"
        json.dumps(kept, allow_nan=False)  # what cannot be served fails here, in the worker
        return "ok", kept
    except Exception as error:  # reported to the author as one line, not a traceback
        frame = traceback.extract_tb(error.__traceback__)[-1]
        return "error", f"{type(error).__name__}: {error} (at {Path(frame.filename).name}:{frame.lineno})"


def _numbers(kept: dict):
    """(where, value) for each float in a run's readouts and figures, named as an author reads it:
    "readout 'ratio'", "figure 'main' data[0].y[1]"."""
    def walk(value, path: str):
        if isinstance(value, float):
            yield path, value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, f"{path}.{key}" if path else str(key))
        elif isinstance(value, (list, tuple)):
            for index, item in enumerate(value):
                yield from walk(item, f"{path}[{index}]")

    for name, value in kept["readouts"].items():
        yield from walk(value, f"readout {name!r}")
    for name, figure in kept["figures"].items():
        for path, value in walk(figure, ""):
            yield f"figure {name!r} {path}", value


def plan(name: str, module) -> ToyGrid:
    """The grid of one toy module, checked against MAX_VALUES and MAX_POINTS."""
    controls = tuple(getattr(module, "CONTROLS", ()))
    for control in controls:
        if len(control.values) > MAX_VALUES:
            raise GridError(f"toy {name!r}: control {control.name!r} offers {len(control.values)} values, over "
                            f"the limit of {MAX_VALUES}; offer fewer in CONTROLS")
    points = grid(controls)
    if len(points) > MAX_POINTS:
        sizes = " × ".join(f"{c.name} ({len(c.values)})" for c in controls)
        raise GridError(f"toy {name!r}: its grid has {len(points)} points ({sizes}), over the limit of "
                        f"{MAX_POINTS}; offer fewer values in CONTROLS")
    return ToyGrid(name, controls, tuple(getattr(module, "READOUTS", ())), points)


def source_files(path: Path) -> list[Path]:
    """A toy's module and, recursively, the modules of its own folder it imports
    (``from ._common import ...``, ``from . import controls``, ``place_for_research.toys.x``)."""
    found, todo = [], [Path(path)]
    while todo:
        current = todo.pop()
        if current in found or not current.is_file():
            continue
        found.append(current)
        try:
            tree = ast.parse(current.read_text(encoding="utf-8"))
        except SyntaxError:
            continue  # its text is still hashed; the import error is reported where it is run
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                names = [node.module] if node.module else [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("place_for_research.toys"):
                names = node.module.split(".")[2:3] or [alias.name for alias in node.names]
            else:
                continue
            todo += [current.parent / f"{name.split('.')[0]}.py" for name in names]
    return sorted(found)


def source_digest(path: Path) -> str:
    """The hash of a toy's own source (``source_files``): its cached grid and notebook are kept under it."""
    digest = hashlib.sha256()
    for file in source_files(path):
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


def compute(toys: dict, cache: Path | None, version: str = CACHE_FORMAT,
            workers: int | None = None) -> dict[str, ToyGrid]:
    """Run every toy (``{name: module}``) over its grid, reading and filling the cache.

    Cached per toy under ``cache/toy-grids/<version>/<toy>.<source digest>.json``;
    the points still missing run in up to ``workers`` processes (default: the
    cores, at most 2). Logs which toys were reused and which ran.
    """
    grids = {name: plan(name, module) for name, module in toys.items()}
    paths = {name: _cache_path(cache, version, name, module) for name, module in toys.items()}
    jobs, reused = [], []
    for name, toy_grid in grids.items():
        path = paths[name]
        if path and path.is_file():
            stored = json.loads(path.read_text(encoding="utf-8"))
            if stored.get("points") == toy_grid.points:
                toy_grid.results = stored["results"]
                reused.append(name)
                continue
        toy_grid.results = [None] * len(toy_grid.points)
        jobs += [(name, index, toys[name].__name__, point) for index, point in enumerate(toy_grid.points)]
    ran = sorted({job[0] for job in jobs})
    log.info("Toy grids: reused %s; ran %s", ", ".join(reused) or "none", ", ".join(ran) or "none")
    if cache:  # what this run took from the cache, for whoever checks that an edit re-ran only its toy
        record = cache / "toy-grids" / version / LAST_RUN
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps({"reused": reused, "ran": ran}), encoding="utf-8")
    if jobs:
        _run_jobs(grids, jobs, workers or min(2, os.cpu_count() or 1))
        for name in ran:
            path = paths[name]
            if path:
                path.parent.mkdir(parents=True, exist_ok=True)
                partial = path.with_name(f".{path.name}.{os.getpid()}")  # another build may write it too
                partial.write_text(json.dumps({"points": grids[name].points, "results": grids[name].results},
                                              allow_nan=False), encoding="utf-8")
                partial.replace(path)
                for stale in path.parent.glob(f"{name}.*.json"):  # the grids of this toy's earlier sources
                    if stale != path:
                        stale.unlink(missing_ok=True)
    return grids


def _run_jobs(grids: dict[str, ToyGrid], jobs: list, workers: int) -> None:
    failures = []
    if workers <= 1 or len(jobs) == 1:
        outcomes = [_run_point(module, point) for _, _, module, point in jobs]
    else:
        # "spawn": a clean interpreter per worker (mkdocs serve has threads running; forking them is unsafe).
        context = multiprocessing.get_context("spawn")
        try:
            with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
                outcomes = list(pool.map(_run_point, [job[2] for job in jobs], [job[3] for job in jobs],
                                         chunksize=max(1, len(jobs) // (workers * 8))))
        except concurrent.futures.process.BrokenProcessPool as error:
            raise GridError(f"the processes running the toys {sorted({job[0] for job in jobs})} ended abruptly "
                            f"({error}); a toy may have exited or run out of memory") from None
    for (name, index, _, point), (status, value) in zip(jobs, outcomes):
        if status == "ok":
            grids[name].results[index] = value
        else:
            failures.append(f"toy {name!r} failed at {describe(point)}: {value}")
    if failures:
        more = f" (and {len(failures) - 1} more point(s))" if len(failures) > 1 else ""
        raise GridError(failures[0] + more)


def _cache_path(cache: Path | None, version: str, name: str, module) -> Path | None:
    if not cache:
        return None
    source = getattr(module, "__file__", None)
    digest = source_digest(Path(source)) if source else "unknown"
    return cache / "toy-grids" / version / f"{name}.{digest}.json"


# -- the data file ------------------------------------------------------------------------------

def format_readout(value, digits: int = 3, unit: str = "") -> str:
    """A readout as the reader sees it: ``digits`` significant digits, tiny values as a power of
    ten, large ones whole with thousands separators (the data file serves it so written)."""
    if value is None:
        text = "—"
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        text = str(value)
    elif not math.isfinite(value):
        text = "—"
    elif value != 0 and abs(value) < 10 ** -(digits + 1):
        mantissa, exponent = f"{value:.{max(digits - 1, 0)}e}".split("e")
        text = f"{mantissa}×10^{int(exponent)}"
    elif abs(value) >= 10 ** digits:
        text = f"{round(value):,}"
    else:
        text = f"{value:.{digits}g}"
    return f"{text} {unit}" if unit else text



def written_readouts(readouts: tuple, values: dict) -> dict[str, str]:
    """A point's readouts as the data file serves them: each of the toy's READOUTS written
    for the reader (``format_readout``), so the page shows them as they are."""
    return {r.name: format_readout(values.get(r.name), r.digits, r.unit) for r in readouts}


def encode(toy_grid: ToyGrid) -> dict:
    """The served form of a grid: the controls, then each figure's shared part
    once and each point's own part.

    ``figures[name]`` is ``{"layout": ..., "traces": [...]}`` when every point
    has the same layout and the same number of traces: each trace then keeps
    the keys whose values all points share, and ``points[i].figures[name]`` is
    the list of each trace's remaining keys. Otherwise (the number of traces
    varies) the point carries its whole figure: ``{"data": [...], "layout": ...}``.
    Decoded by docs/assets/js/toys/grid.js (``figureAt``).
    """
    results = toy_grid.results
    names = list(results[0]["figures"]) if results else []
    shared_figures, per_point = {}, [{} for _ in results]
    for name in names:
        figures = [result["figures"][name] for result in results]
        layouts = [figure.get("layout", {}) for figure in figures]
        counts = {len(figure.get("data", [])) for figure in figures}
        if len(counts) == 1 and all(layout == layouts[0] for layout in layouts):
            traces = []
            for index in range(counts.pop()):
                versions = [figure["data"][index] for figure in figures]
                traces.append({key: value for key, value in versions[0].items()
                               if all(key in other and other[key] == value for other in versions)})
            shared_figures[name] = {"layout": layouts[0], "traces": traces}
            for own, figure in zip(per_point, figures):
                own[name] = [{key: value for key, value in trace.items() if key not in traces[index]}
                             for index, trace in enumerate(figure["data"])]
        else:
            shared_figures[name] = None
            for own, figure in zip(per_point, figures):
                own[name] = {"data": figure.get("data", []), "layout": figure.get("layout", {})}
    return {
        "version": 2,
        "toy": toy_grid.name,
        "controls": [{"name": c.name, "values": list(c.values), "default": c.values.index(c.default)}
                     for c in toy_grid.controls],
        "figures": shared_figures,
        "points": [{"figures": own, "readouts": written_readouts(toy_grid.readouts, result.get("readouts", {}))}
                   for own, result in zip(per_point, results)],
    }


def write(grids: dict[str, ToyGrid], site_dir: Path) -> dict[str, str]:
    """Write the data file of each toy with controls into the site; ``{toy: path in the site}``.

    Each file is written under a temporary name and renamed, so a reader (or a
    crashed build) never sees half a file.
    """
    folder = site_dir / DATA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, toy_grid in grids.items():
        if not toy_grid.controls:
            continue
        target = folder / toy_grid.file_name()
        partial = folder / f".{target.name}.partial"
        partial.write_text(toy_grid.file_text(), encoding="utf-8")
        partial.replace(target)
        written[name] = f"{DATA_FOLDER}/{target.name}"
    return written


def toys_digest() -> str:
    """A hash of the toys' source: previews are recomputed when a toy changes."""
    digest = hashlib.sha256()
    for path in sorted(Path(toys.__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]
