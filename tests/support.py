"""What the tests, the benchmarks and the abuse and fuzz scripts share, with no pytest in it:
building and serving a site, the specimen project, Debian's Chromium, the page watch that
catches console errors and foreign requests, and hostile inputs. tests/conftest.py imports
it for the tests' fixtures; scripts put tests/ on sys.path and import it, never conftest."""
from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPECIMEN = ROOT / "tests" / "specimen"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # Containers often give /dev/shm only 64 MB, too little for Chromium's shared memory.
    "--disable-dev-shm-usage",
]


def build_site(destination: Path, config: Path = ROOT / "mkdocs.yml", site_url: str | None = None
               ) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` into destination, as a user would run it.

    Material's instant navigation only follows links that match site_url,
    port included, so a site served on a test port is built for that URL."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(destination)],
        cwd=config.parent, capture_output=True, text=True, env=env,
    )


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript"}

    def log_message(self, *args):
        pass


def serve(folder: Path):
    """Serve a folder on 127.0.0.1 (random port) in a thread; returns (server, base url)."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def build_and_serve(folder: Path, config: Path = ROOT / "mkdocs.yml"):
    """Serve folder on a free port, then build the site into it for that URL: (server, url)."""
    server, url = serve(folder)
    result = build_site(folder, config, site_url=url)
    if result.returncode != 0:
        server.shutdown()
        raise RuntimeError(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return server, url


def notebook_names(*folders: Path) -> list[str]:
    return sorted(path.stem for folder in folders for path in folder.glob("*.ipynb"))


# The specimen site shows the author's notebooks too (they must run live as built).
SITE_NOTEBOOKS = notebook_names(ROOT / "notebooks", SPECIMEN / "notebooks")


def specimen_project(folder: Path) -> Path:
    """Lay out the specimen site in folder; returns its mkdocs.yml.

    The config inherits the project's (theme, hooks, fences, plugins) and
    replaces what is the author's: the pages (tests/specimen/docs beside the
    project's docs/assets), the nav and the notebooks (the author's and the
    specimen's). Relative paths in the project's config (hooks, custom_dir)
    resolve against folder, so those folders are linked in."""
    shutil.copytree(SPECIMEN / "docs", folder / "docs")
    (folder / "docs" / "assets").symlink_to(ROOT / "docs" / "assets")
    for name in ("src", "overrides"):
        (folder / name).symlink_to(ROOT / name)
    nav = [{"Specimen": "index.md"}] + [f"notebooks/{name}.ipynb" for name in SITE_NOTEBOOKS]
    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "site_name": "Specimen site",
        "nav": nav,
        "watch": ["src"],
        "extra": {"research": {"notebooks": [str(ROOT / "notebooks"), str(SPECIMEN / "notebooks")]}},
    }
    path = folder / "mkdocs.yml"
    path.write_text(json.dumps(config, indent=1), encoding="utf-8")  # JSON is YAML
    return path


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError("Chromium not found: run `make test` (it installs Debian's chromium) or set CHROMIUM.")
    return path


class PageWatch:
    """What a page did that a test must not let pass: console errors, foreign requests."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        self.allowed_console_errors: list[str] = []  # substrings a test expects (e.g. a blocked asset)

    def on_console(self, message):
        if message.type == "error" and not any(s in message.text for s in self.allowed_console_errors):
            where = (message.location or {}).get("url")  # for a failed load: the resource's address
            self.console_errors.append(f"{message.text} ({where})" if where else message.text)

    def on_page_error(self, error):
        self.console_errors.append(f"uncaught: {error}")

    def route(self, route):
        url = route.request.url
        if url.startswith(self.base_url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.foreign_requests.append(url)
            route.abort()


def open_context(browser, site_url, **options):
    """A fresh browser context watched for console errors and foreign requests."""
    context = browser.new_context(**options)
    watch = PageWatch(site_url)
    context.route("**/*", watch.route)
    context.on("page", lambda p: (p.on("console", watch.on_console), p.on("pageerror", watch.on_page_error)))
    return context, watch



def alias_bomb(levels: int = 12, width: int = 9) -> str:
    """YAML whose aliases expand to width**levels items ("billion laughs"): every YAML reader
    of this project must refuse it without expanding it."""
    return "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}" if i else '"lol"'] * width) + "]\n"
                   for i in range(levels))
