"""A Plotly figure (a dict) drawn as SVG at build time by the browser's own renderer.

docs/assets/js/draw-svg.js draws the subset of Plotly the toys use, in the reader's
browser at the container's width; the build draws the page's static figure (read
without JavaScript) with the same module, run by node (builder/node/draw_svg.mjs), so a
figure has one drawing code. One node process serves a whole build: started on the
first figure, fed one JSON line per figure, and closed by ``close`` (the hooks call
it after the build) or when Python exits.
"""
from __future__ import annotations

import atexit
import json
import math
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = Path(__file__).parent / "node" / "draw_svg.mjs"

_node: subprocess.Popen | None = None


class DrawError(RuntimeError):
    """node could not draw a figure (missing, failed, or refused it): the message says which."""


def render(figure: dict, label: str = "", key: str = "0", width: float | None = None, height: float | None = None) -> str:
    """The figure as an ``<svg>`` element (``role="img"``, named by ``label`` or its title);
    ``key`` makes its ids unique on the page; ``width`` × ``height`` is the box before the
    legend rows (by default draw-svg.js's own WIDTH × HEIGHT, the box the build draws in)."""
    box = {name: value for name, value in (("width", width), ("height", height)) if value is not None}
    request = json.dumps({"figure": _json_safe(figure), "label": label, "key": key, **box}, allow_nan=False)
    node = _started()
    try:
        node.stdin.write(request + "\n")
        node.stdin.flush()
        line = node.stdout.readline()
    except OSError as error:
        close()
        raise DrawError(f"node {SCRIPT.name} stopped: {error}") from None
    if not line:
        close()
        raise DrawError(f"node {SCRIPT.name} stopped without an answer (is node working? `node --version`)")
    answer = json.loads(line)
    if "error" in answer:
        raise DrawError(f"draw-svg.js could not draw the figure: {answer['error']}")
    return answer["svg"]


def close() -> None:
    """End this build's node process (the next figure starts another)."""
    global _node
    node, _node = _node, None
    if node is not None:
        node.stdin.close()
        try:
            node.wait(timeout=10)
        except subprocess.TimeoutExpired:
            node.kill()
            node.wait()
        node.stdout.close()


def _started() -> subprocess.Popen:
    global _node
    if _node is None or _node.poll() is not None:
        try:
            _node = subprocess.Popen(["node", str(SCRIPT)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, encoding="utf-8", bufsize=1)
        except OSError as error:
            raise DrawError(f"could not start node to draw the figures ({error}): install Node.js") from None
    return _node


def _json_safe(value):
    """The figure as JSON can carry it: a NaN or an infinity (which JSON has not) becomes
    null, which draw-svg.js reads as a missing point."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    return value


atexit.register(close)
