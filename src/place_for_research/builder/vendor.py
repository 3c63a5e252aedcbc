"""The pinned front-end runtime, served by the site itself.

Plotly and Pyodide come from npm (versions pinned in package-lock.json and
checked by ``npm ci`` against their integrity hashes). The build copies the
files the browser needs into ``assets/vendor/`` so the site never asks
another origin for code.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

# package -> (files the browser loads, as globs under `base` in the package; folder in the site; base)
RUNTIME = {
    "plotly.js-cartesian-dist-min": (["plotly-cartesian.min.js"], "assets/vendor/plotly", ""),
    "pyodide": (
        ["pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"],
        "assets/vendor/pyodide", "",
    ),
    # Maths in the notebooks' text, typeset at build (notebook_math): its stylesheet and fonts.
    "katex": (["katex.min.css", "fonts/*.woff2"], "assets/vendor/katex", "dist"),
}

NODE_STEPS = Path(__file__).parent / "node"  # the build's node steps, beside the code that runs them


class VendorError(RuntimeError):
    pass


def pinned_version(root: Path, package: str) -> str:
    lock = json.loads((root / "package-lock.json").read_text())
    return lock["packages"][f"node_modules/{package}"]["version"]


def copy_runtime(root: Path, site_dir: Path) -> None:
    """Copy each pinned package's browser files into the built site."""
    for package, (patterns, target, base) in RUNTIME.items():
        source = root / "node_modules" / package
        if not (source / "package.json").exists():
            raise VendorError(f"{source} is missing: run `npm ci` (or `make serve`) to install the pinned front-end assets.")
        installed = json.loads((source / "package.json").read_text())["version"]
        wanted = pinned_version(root, package)
        if installed != wanted:
            raise VendorError(f"{package} {installed} is installed but package-lock.json pins {wanted}: run `npm ci`.")
        destination = site_dir / target
        for pattern in patterns:
            originals = sorted((source / base).glob(pattern))
            if not originals:
                raise VendorError(f"{package} has no {base}/{pattern}: is node_modules intact? Run `npm ci`.")
            for original in originals:
                copied = destination / original.relative_to(source / base)
                copied.parent.mkdir(parents=True, exist_ok=True)
                if not copied.exists() or copied.stat().st_size != original.stat().st_size:
                    shutil.copyfile(original, copied)


# -- The live notebook runtime (docs/assets/js/live/) --------------------------

EDITOR_BUNDLE = "assets/vendor/codemirror"   # python-editor.js and its chunks
TOYS_ARCHIVE = "assets/live/place_for_research.zip"


def build_editor(root: Path, site_dir: Path) -> None:
    """Bundle the live cells' code editor (CodeMirror 6) into the site with esbuild.

    CodeMirror's packages import each other by bare name, so unlike the other
    vendored files they cannot be copied as they are: builder/node/build_editor.mjs
    bundles them into a few ES modules. The bundle is cached in .cache/editor/
    under the hash of its inputs, so a rebuild (``mkdocs serve``) costs a copy.
    """
    inputs = [root / "package-lock.json", NODE_STEPS / "build_editor.mjs",
              *sorted((NODE_STEPS / "editor").glob("*.mjs"))]
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in inputs)).hexdigest()[:16]
    cached = root / ".cache" / "editor" / digest
    if not (cached / "python-editor.js").exists():
        if not (root / "node_modules" / "esbuild" / "package.json").exists():
            raise VendorError("esbuild is missing from node_modules: run `npm ci` (or `make serve`).")
        partial = cached.with_name(f"{digest}.partial")
        shutil.rmtree(partial, ignore_errors=True)
        try:
            result = subprocess.run(["node", str(inputs[1]), str(partial)], cwd=root,
                                    capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise VendorError(f"could not run node builder/node/build_editor.mjs: {error}") from None
        if result.returncode != 0:
            raise VendorError(f"bundling the code editor failed:\n{result.stderr or result.stdout}")
        shutil.rmtree(cached, ignore_errors=True)
        partial.replace(cached)
    destination = site_dir / EDITOR_BUNDLE
    shutil.rmtree(destination, ignore_errors=True)
    shutil.copytree(cached, destination)


def bundle_toys(root: Path, site_dir: Path) -> None:
    """Zip the toys package for the browser's Python (Pyodide) into the site.

    Only ``place_for_research/__init__.py`` and ``place_for_research/toys/``
    go in: the rest of the package is build glue that needs MkDocs. The zip is
    byte-for-byte reproducible (fixed timestamps, sorted names).
    """
    package = root / "src" / "place_for_research"
    sources = [package / "__init__.py", *sorted((package / "toys").rglob("*.py"))]
    destination = site_dir / TOYS_ARCHIVE
    destination.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sources:
            if "__pycache__" in path.parts:
                continue
            info = zipfile.ZipInfo(path.relative_to(package.parent).as_posix(), date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())


PYTHON_SNAPSHOT = "assets/vendor/pyodide/python.snapshot.gz"


def build_python_snapshot(root: Path, site_dir: Path) -> None:
    """Snapshot a started Pyodide's memory into the site (builder/node/pyodide_snapshot.mjs):
    the browser restores it instead of letting Python initialise itself, most of a
    cold start. Cached in .cache/pyodide-snapshot/ under the hash of its inputs."""
    inputs = [root / "package-lock.json", NODE_STEPS / "pyodide_snapshot.mjs"]
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in inputs)).hexdigest()[:16]
    cached = root / ".cache" / "pyodide-snapshot" / f"{digest}.gz"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f"{digest}.{os.getpid()}.partial")  # (two builds at once each write their own)
        try:
            result = subprocess.run(["node", str(inputs[1]), str(root / "node_modules" / "pyodide"), str(partial)],
                                    cwd=root, capture_output=True, text=True, timeout=300)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise VendorError(f"could not run node builder/node/pyodide_snapshot.mjs: {error}") from None
        if result.returncode != 0:
            raise VendorError(f"snapshotting Pyodide failed:\n{result.stderr or result.stdout}")
        partial.replace(cached)
        for stale in cached.parent.glob("*.gz"):  # snapshots of earlier inputs (5 MB each)
            if stale != cached:
                stale.unlink(missing_ok=True)
    shutil.copyfile(cached, site_dir / PYTHON_SNAPSHOT)


DOWNLOADS = "assets/live/downloads.json"
PYTHON_DOWNLOADS = ["assets/vendor/pyodide/pyodide.asm.js", "assets/vendor/pyodide/pyodide.asm.wasm",
                    "assets/vendor/pyodide/python_stdlib.zip", "assets/vendor/pyodide/pyodide-lock.json",
                    PYTHON_SNAPSHOT, TOYS_ARCHIVE]


def write_download_sizes(site_dir: Path) -> None:
    """The size of each file the browser's Python downloads, for its progress
    bar: the total is known before the first byte (and a stalled request,
    which has no headers yet, still counts)."""
    sizes = {path: (site_dir / path).stat().st_size for path in PYTHON_DOWNLOADS}
    (site_dir / DOWNLOADS).write_text(json.dumps(sizes, indent=1), encoding="utf-8")


def build_live_runtime(root: Path, site_dir: Path) -> None:
    """Everything the "Run in browser" mode needs beyond Pyodide itself."""
    build_editor(root, site_dir)
    build_python_snapshot(root, site_dir)
    bundle_toys(root, site_dir)
    write_download_sizes(site_dir)
