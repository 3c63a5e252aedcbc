"""The pinned front-end runtime, served by the site itself.

Plotly and Pyodide come from npm (versions pinned in package-lock.json and
checked by ``npm ci`` against their integrity hashes). The build copies the
files the browser needs into ``assets/vendor/`` so the site never asks
another origin for code.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

# package -> (files the browser loads, folder in the site)
RUNTIME = {
    "plotly.js-cartesian-dist-min": (["plotly-cartesian.min.js"], "assets/vendor/plotly"),
    "pyodide": (
        ["pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"],
        "assets/vendor/pyodide",
    ),
}


class VendorError(RuntimeError):
    pass


def pinned_version(root: Path, package: str) -> str:
    lock = json.loads((root / "package-lock.json").read_text())
    return lock["packages"][f"node_modules/{package}"]["version"]


def copy_runtime(root: Path, site_dir: Path) -> None:
    """Copy each pinned package's browser files into the built site."""
    for package, (names, target) in RUNTIME.items():
        source = root / "node_modules" / package
        if not (source / "package.json").exists():
            raise VendorError(f"{source} is missing: run `npm ci` (or `make serve`) to install the pinned front-end assets.")
        installed = json.loads((source / "package.json").read_text())["version"]
        wanted = pinned_version(root, package)
        if installed != wanted:
            raise VendorError(f"{package} {installed} is installed but package-lock.json pins {wanted}: run `npm ci`.")
        destination = site_dir / target
        destination.mkdir(parents=True, exist_ok=True)
        for name in names:
            copied = destination / name
            original = source / name
            if not copied.exists() or copied.stat().st_size != original.stat().st_size:
                shutil.copyfile(original, copied)
