"""Throw seeded, reproducible faults at the built essay in Chromium and print tried / held per class.

    PYTHONPATH=$PWD/src .venv/bin/python scripts/fuzz.py                 all classes (about 15 minutes here)
    PYTHONPATH=$PWD/src .venv/bin/python scripts/fuzz.py --only imports,links --imports 300
    PYTHONPATH=$PWD/src .venv/bin/python scripts/fuzz.py --only undo,figures

The site is built once (tests/support.py's build_and_serve) and driven in Debian's Chromium
through Playwright, one area at a time:

  imports    the Import control: valid exports cut at many byte offsets, byte flips, huge values,
             wrong types, script in strings, prototype keys, JSON and YAML. Held: imported exactly
             as the file's map (a cut file only if nothing but its end of line or comment was lost),
             or refused with a visible message and the reader's map unchanged.
  links      share links (v1, v2, mutations) in a fresh tab and in an open, scrolled tab. Held: a
             valid link previews its map and stays in the address bar; an invalid one is refused
             with a message; the reader's own map is intact.
  records    stored records (corrupt, other versions, BOM, wrong types), another tab's bad writes,
             blocked storage. Held: nothing deleted or overwritten without a message.
  cells      hostile cells on a notebook page. Held: the runtime recovers or reports, Stop works,
             within a bounded wait.
  downloads  stalled and failed downloads. Held: a clear message (Retry for Python) in bounded time.
  undo       two tabs placing, undoing and redoing in a seeded order, some in the same moment. Held:
             the tabs and storage agree, an undo or redo changes only papers its own tab changed,
             and no placement is lost.
  figures    figures with hostile attribute values (opacity, line width: markup, styles, text,
             non-finite numbers) drawn by the page's own renderer. Held: no element or attribute
             beyond what a figure draws, nothing ran.

Every case also checks that no script ran (window.__pwned) and no prototype was polluted.
Exit code 1 if any case did not hold.
"""
from __future__ import annotations

import argparse
import base64
import http.server
import json
import random
import re
import sys
import tempfile
import threading
import time
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from support import CHROMIUM_ARGS, alias_bomb, build_and_serve, chromium_path, open_context  # noqa: E402

KEY = "research-spectrum:/"
PAPERS = [p["id"] for p in YAML(typ="safe", pure=True).load((ROOT / "docs/data/papers.yml").read_text())["papers"]]
GROUNDINGS = [c["id"] for c in YAML(typ="safe", pure=True).load((ROOT / "docs/data/taxonomy.yml").read_text())["categories"]] + ["unsure"]
MINE = {"1706.03762": {"x": 0.3, "y": 0.4}, "2011.13456": {"x": -0.5, "y": 0.1}}
SHARED = {"1406.2661": {"x": -0.75, "y": 0.4}, "2303.01469": {"x": -0.25, "y": 0.55}, "2211.17192": {"x": 0.8, "y": 0.425}}
V1_LINK = (ROOT / "tests/fixtures/maps/v1/share-link.txt").read_text().strip()
CANARY = ['<img src=x onerror="window.__pwned=1">', "<script>window.__pwned=1</script>",
          "javascript:window.__pwned=1", "\" onmouseover=\"window.__pwned=1"]
SAFE = """() => ({pwned: window.__pwned !== undefined, polluted: ({}).polluted !== undefined || [].polluted !== undefined
  || Object.prototype.hasOwnProperty('x') || Object.prototype.hasOwnProperty('id'),
  img: document.querySelectorAll('figure.research-spectrum img').length})"""
STATE = "async (url) => (await import(url + 'assets/js/debug-hooks.js')).debugState()"
STATUS = "() => [...document.querySelectorAll('.spectrum-status')].map((s) => s.textContent).join(' | ')"
SHOWN = """() => [...document.querySelectorAll('.live-bar__status, .live-cell__status, .toy__status, .spectrum-status, '
  + '.spectrum-fallback, [role=note]')].map((e) => e.textContent.trim()).filter(Boolean).slice(0, 6).join(' | ')"""
RUNTIME = 90_000  # ms: a cold Pyodide start on a busy machine


class Tally:
    """tried / held per class, and what did not hold."""

    def __init__(self):
        self.rows: dict[str, list[int]] = {}
        self.failures: list[str] = []

    def add(self, cls: str, held: bool, what: str = ""):
        row = self.rows.setdefault(cls, [0, 0])
        row[0] += 1
        row[1] += held
        if not held:
            self.failures.append(f"{cls}: {what}")

    def print(self):
        print(f"\n{'class':<34}{'tried':>7}{'held':>7}")
        for cls, (tried, held) in self.rows.items():
            print(f"{cls:<34}{tried:>7}{held:>7}")
        print(f"{'total':<34}{sum(r[0] for r in self.rows.values()):>7}{sum(r[1] for r in self.rows.values()):>7}")
        print("\nDid not hold:" if self.failures else "\nEvery case held.")
        for failure in self.failures:
            print(f"  - {failure[:600]}")


# -- what a map file or link means (the oracle for anything the page accepts) -------------------

def is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v == v and abs(v) != float("inf")


def meaning(data) -> dict | None:
    """The placements a valid export (parsed JSON/YAML) holds, rounded as the site rounds, or None."""
    if not isinstance(data, dict) or set(data) != {"version", "placements"} or data["version"] not in (1, 2) \
            or isinstance(data["version"], bool) or not isinstance(data["placements"], list):
        return None
    version, out = data["version"], {}
    for entry in data["placements"]:
        if not isinstance(entry, dict) or not set(entry) <= ({"id", "x", "y"} | ({"grounding"} if version == 2 else set())):
            return None
        x, y = entry.get("x"), entry.get("y", None)
        y = 0 if y is None and version == 1 else y
        if entry.get("id") not in PAPERS or entry["id"] in out or not is_number(x) or not -1 <= x <= 1:
            return None
        if y is not None and (not is_number(y) or not 0 <= y <= 1):
            return None
        if "grounding" in entry and entry["grounding"] not in GROUNDINGS:
            return None
        spot = {"x": round(x, 3), "y": None if y is None else round(y, 3)}
        if "grounding" in entry:
            spot["grounding"] = entry["grounding"]
        out[entry["id"]] = spot
    return out


def record_meaning(text: str) -> dict | None:
    """The placements a stored record holds ({version, placements: {id: spot}}), or None."""
    try:
        data = json.loads(text.lstrip("\ufeff"))
        entries = [{"id": k, **v} for k, v in data["placements"].items()]
        return meaning({"version": data["version"], "placements": entries}) if set(data) == {"version", "placements"} else None
    except Exception:  # noqa: BLE001
        return None


ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,63}")


def record_meaning_dropping(text: str) -> tuple[dict, int] | None:
    """A stored record that is valid once its placements of papers this site does not list (well-formed
    ids) are dropped, as the site reads it: (the placements kept, how many were dropped); else None."""
    try:
        data = json.loads(text.lstrip("\ufeff"))
        spots = data["placements"]
        unknown = [k for k, v in spots.items() if k not in PAPERS and ID.fullmatch(k) and isinstance(v, dict)]
        kept = {k: v for k, v in spots.items() if k not in unknown}
        map_ = record_meaning(json.dumps({**data, "placements": kept}))
    except Exception:  # noqa: BLE001
        return None
    return (map_, len(unknown)) if map_ is not None and unknown else None


def is_newer(record: str) -> bool:
    try:
        data = json.loads(record.lstrip("\ufeff"))
    except ValueError:
        return False
    return isinstance(data, dict) and type(data.get("version")) is int and data["version"] > 2


def file_meaning(text: str) -> dict | None:
    for parse in (json.loads, YAML(typ="safe", pure=True).load):
        try:
            return meaning(parse(text))
        except Exception:  # noqa: BLE001 - any parser error means "not a map"
            continue
    return None


def same_map(a: dict, b: dict) -> bool:
    def norm(m):
        return {k: (round(v["x"], 3), None if v.get("y") is None else round(v["y"], 3), v.get("grounding"))
                for k, v in m.items()}
    return norm(a) == norm(b)


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def link_for(placements: dict, version: int = 2) -> str:
    def num(v): return re.sub(r"^(-?)0\.", r"\1.", f"{v:g}")
    parts = []
    for pid, s in placements.items():
        fields = [pid, num(s["x"]), "" if s.get("y") is None else num(s["y"])]
        if version == 2 and s.get("grounding"):
            fields.append(s["grounding"])
        parts.append(":".join(fields))
    return f"map={version}.{b64(';'.join(parts))}"


def link_meaning(fragment: str) -> dict | None:
    m = re.fullmatch(r"map=([12])\.([A-Za-z0-9_-]*)", fragment)
    if not m or len(m.group(2)) % 4 == 1:
        return None
    try:
        text = base64.urlsafe_b64decode(m.group(2) + "=" * (-len(m.group(2)) % 4)).decode("utf-8")
    except Exception:  # noqa: BLE001
        return None
    entries, version = [], int(m.group(1))
    number = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)")
    for item in text.split(";") if text else []:
        fields = item.split(":")
        if len(fields) not in ((3,) if version == 1 else (3, 4)) or not number.fullmatch(fields[1]) \
                or (fields[2] and not number.fullmatch(fields[2])):
            return None
        entry = {"id": fields[0], "x": float(fields[1])}
        if fields[2]:
            entry["y"] = float(fields[2])
        if len(fields) == 4 and fields[3]:
            entry["grounding"] = fields[3]
        entries.append(entry)
    return meaning({"version": version, "placements": entries})


# -- the seeded cases ----------------------------------------------------------------------------

def exports(rng: random.Random) -> list[tuple[str, str]]:
    """Valid exports: the v1 fixtures, and v2 JSON and YAML with groundings and an unset y."""
    v2 = [{"id": "1406.2661", "x": -0.75, "y": 0.4, "grounding": GROUNDINGS[0]}, {"id": "2203.02155", "x": 0.125},
          {"id": "2211.17192", "x": 0.8, "y": 0.425, "grounding": "unsure"}]
    v2_yaml = "# Research map exported from fuzz on 2026-11-30\nversion: 2\nplacements:\n" + "".join(
        f'  - id: "{e["id"]}"\n' + "".join(f"    {k}: {e[k]}\n" for k in ("x", "y", "grounding") if k in e) for e in v2) \
        + "# end of map: 3 placements\n"
    fixtures = ROOT / "tests/fixtures/maps/v1"
    return [("v1.json", (fixtures / "export.json").read_text()), ("v1.yaml", (fixtures / "export.yaml").read_text()),
            ("v2.json", json.dumps({"version": 2, "placements": v2}, indent=2) + "\n"), ("v2.yaml", v2_yaml)]


def import_cases(n: int, rng: random.Random) -> list[tuple[str, bytes, str, dict | None]]:
    """(kind, bytes, description, the map the whole file holds when the case is a cut, else None)."""
    valid = exports(rng)
    fixed = []
    for name, text in valid:
        fixed.append(("valid", text.encode(), name, None))
    hostile = {
        "huge x": '{"version":2,"placements":[{"id":"1406.2661","x":1e308}]}',
        "inf x": '{"version":2,"placements":[{"id":"1406.2661","x":1e999}]}',
        "NaN x": '{"version":2,"placements":[{"id":"1406.2661","x":NaN}]}',
        "long id": json.dumps({"version": 2, "placements": [{"id": "1" * 200_000, "x": 0}]}),
        "many placements": json.dumps({"version": 2, "placements": [{"id": PAPERS[i % len(PAPERS)], "x": 0} for i in range(20_000)]}),
        "deep nesting": "[" * 100_000 + "]" * 100_000,
        "spaces": "version: 2\nplacements:" + " " * 160_000 + "#\n",
        "yaml alias bomb": alias_bomb(levels=9),
        "version string": '{"version":"2","placements":[]}',
        "version float": '{"version":2.5,"placements":[]}',
        "version true": '{"version":true,"placements":[]}',
        "placements object": '{"version":2,"placements":{"1406.2661":{"x":0}}}',
        "placements string": '{"version":2,"placements":"1406.2661"}',
        "x string": '{"version":2,"placements":[{"id":"1406.2661","x":"0.5"}]}',
        "x bool": '{"version":2,"placements":[{"id":"1406.2661","x":true}]}',
        "x list": '{"version":2,"placements":[{"id":"1406.2661","x":[0]}]}',
        "id number": '{"version":2,"placements":[{"id":1406.2661,"x":0}]}',
        "yaml unquoted id": "version: 2\nplacements:\n  - id: 1406.2661\n    x: 0\n",
        "duplicate id": '{"version":2,"placements":[{"id":"1406.2661","x":0},{"id":"1406.2661","x":0.5}]}',
        "top-level array": "[1, 2, 3]", "empty": "", "null": "null", "bom": "\ufeff{}",
        "binary": bytes(rng.randrange(256) for _ in range(2000)).decode("latin-1"),
        "proto top": '{"version":2,"placements":[],"__proto__":{"polluted":1}}',
        "proto entry": '{"version":2,"placements":[{"id":"1406.2661","x":0,"__proto__":{"polluted":1}}]}',
        "constructor": '{"version":2,"placements":[],"constructor":{"prototype":{"polluted":1}}}',
        "proto id": '{"version":2,"placements":[{"id":"__proto__","x":0},{"id":"constructor","x":0}]}',
        "yaml proto": "version: 2\n__proto__:\n  polluted: 1\nplacements: []\n",
        "yaml proto id": 'version: 2\nplacements:\n  - id: "__proto__"\n    x: 0\n',
        "yaml constructor": "version: 2\nplacements:\n  - constructor:\n      prototype:\n        polluted: 1\n",
    }
    for i, payload in enumerate(CANARY):
        hostile[f"script id {i}"] = json.dumps({"version": 2, "placements": [{"id": payload, "x": 0}]})
        hostile[f"script grounding {i}"] = json.dumps({"version": 2, "placements": [{"id": "1406.2661", "x": 0, "grounding": payload}]})
        hostile[f"yaml script {i}"] = f"version: 2\nplacements:\n  - id: {json.dumps(payload)}\n    x: 0\n"
    fixed += [("hostile", text.encode("utf-8", "surrogatepass"), name, None) for name, text in hostile.items()]
    random_cases = []
    while len(fixed) + len(random_cases) < n:
        name, text = rng.choice(valid)
        data = text.encode()
        whole = file_meaning(text)
        if rng.random() < 0.55:
            cut = rng.randrange(len(data))
            random_cases.append(("cut", data[:cut], f"{name} cut at byte {cut}", whole))
        else:
            flipped = bytearray(data)
            for _ in range(rng.choice((1, 1, 2, 3))):
                at = rng.randrange(len(flipped))
                flipped[at] = rng.choice((flipped[at] ^ (1 << rng.randrange(8)), rng.randrange(32, 127)))
            random_cases.append(("flip", bytes(flipped), f"{name} flipped: {bytes(flipped)!r}", None))
    return fixed + random_cases


def link_cases(n: int, rng: random.Random) -> list[tuple[str, str]]:
    base = [V1_LINK.lstrip("#"), link_for(MINE), link_for(SHARED, 1), link_for(SHARED),
            link_for({"1406.2661": {"x": 0.5, "y": None, "grounding": "unsure"}, "2203.02155": {"x": -0.1, "y": 0.9}})]
    cases = [(f"valid {b}", b) for b in base]
    fixed = ["map=", "map=1.", "map=2.", "map=3." + b64("1406.2661:0:0"), "map=99.x", "map=1.!!!!", "map=2.%00",
             "map=2." + b64("1406.2661:5:0"), "map=2." + b64("9999.99999:0:0"), "map=2." + b64("1406.2661:0:0:nope"),
             "map=1." + b64("1406.2661:0:0:unsure"), "map=2." + b64("1406.2661:NaN:0"), "map=2." + b64("1406.2661:1e3:0"),
             "map=2." + b64("__proto__:0:0"), "map=2." + b64("constructor:0:0;1406.2661:0:0"),
             "map=2." + "A" * 1_100_000, "map=2." + b64(";".join(f"1406.2661:0:{i % 2}" for i in range(5000)))]
    fixed += ["map=2." + b64(f"{c}:0:0") for c in CANARY] + ["map=2." + b64(f"1406.2661:0:0:{c}") for c in CANARY]
    cases += [(f"hostile {f[:60]}", f) for f in fixed]
    while len(cases) < n:
        link = rng.choice(base)
        head, body = link.split(".", 1)
        r = rng.random()
        if r < 0.4:
            cut = rng.randrange(len(body))
            cases.append((f"cut {head}.{body[:cut]}", f"{head}.{body[:cut]}"))
        elif r < 0.8:
            chars = list(body)
            for _ in range(rng.choice((1, 2))):
                chars[rng.randrange(len(chars))] = rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~%")
            cases.append((f"flip {head}.{''.join(chars)}", f"{head}.{''.join(chars)}"))
        else:
            text = ";".join(f"{rng.choice(PAPERS + ['1406.266', 'x'])}:{rng.uniform(-1.5, 1.5):.3f}:{rng.choice(['', '0.5', '-0.2', '1.01'])}"
                            + rng.choice(["", ":unsure", f":{rng.choice(GROUNDINGS)}", ":Bad"]) for _ in range(rng.randint(1, 6)))
            cases.append((f"random {text}", f"map={rng.choice('12')}.{b64(text)}"))
    return cases[:n]


def record_cases(n: int, rng: random.Random) -> list[tuple[str, str]]:
    good = json.dumps({"version": 2, "placements": MINE})
    cases = [("valid v2", good), ("valid v1", json.dumps({"version": 1, "placements": MINE})), ("bom", "\ufeff" + good),
             ("newer v3", json.dumps({"version": 3, "placements": {"x": 1}})), ("newer v9", json.dumps({"version": 9, "placements": []})),
             ("version 0", '{"version":0,"placements":{}}'), ("version string", '{"version":"2","placements":{}}'),
             ("version -1", '{"version":-1,"placements":{}}'), ("version 2.5", '{"version":2.5,"placements":{}}'),
             ("placements list", '{"version":2,"placements":[]}'), ("x string", '{"version":2,"placements":{"1406.2661":{"x":"0"}}}'),
             ("unknown id", '{"version":2,"placements":{"9999.99999":{"x":0},"1406.2661":{"x":0.1,"y":0.2}}}'),
             ("proto", '{"version":2,"placements":{"__proto__":{"x":0,"y":0}}}'), ("empty", ""), ("null", "null"), ("{}", "{}"),
             ("script id", json.dumps({"version": 2, "placements": {CANARY[0]: {"x": 0, "y": 0}}}))]
    while len(cases) < n:
        if rng.random() < 0.6:
            cut = rng.randrange(1, len(good))
            cases.append((f"cut at {cut}: {good[:cut]}", good[:cut]))
        else:
            chars = list(good)
            at = rng.randrange(len(chars))
            chars[at] = chr(rng.randrange(32, 127))
            if chars[at] == good[at]:
                continue
            cases.append((f"flip: {''.join(chars)}", "".join(chars)))
    return cases[:n]


# -- drivers --------------------------------------------------------------------------------------

def seed(context, record: str):
    context.add_init_script(f"if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', '1'); "
                            f"localStorage.setItem({json.dumps(KEY)}, {json.dumps(record)}); }}")


def open_essay(page, url: str):
    page.goto(url)
    fig = page.locator("figure.research-spectrum").first
    fig.scroll_into_view_if_needed()
    fig.wait_for(state="visible")
    page.wait_for_function("() => document.querySelector('figure.research-spectrum')?.dataset.ready === 'true'", timeout=30_000)
    return fig


def safety(page) -> str:
    s = page.evaluate(SAFE)
    return ", ".join(k for k, v in s.items() if v)


def run_imports(browser, url, tally, n, rng):
    context, _ = open_context(browser, url, viewport={"width": 1280, "height": 900})
    seed(context, json.dumps({"version": 2, "placements": MINE}))
    page = context.new_page()
    fig = open_essay(page, url)
    importer = fig.get_by_label("Import map")
    status = fig.locator(".spectrum-status")
    for kind, data, what, whole in import_cases(n, rng):
        before = page.evaluate(STATE, url)["own"]
        status.evaluate("s => { s.textContent = ''; }")
        importer.set_input_files({"name": "map.json" if data[:1] in b"{[" else "map.yaml", "mimeType": "text/plain", "buffer": data})
        try:
            page.wait_for_function("(s) => s.textContent.trim() !== ''", arg=status.element_handle(), timeout=15_000)
        except Exception:  # noqa: BLE001
            tally.add("imports", False, f"{what}: no message within 15 s")
            continue
        text, after = status.text_content(), page.evaluate(STATE, url)["own"]
        expected = file_meaning(data.decode("utf-8", "replace"))
        bad = safety(page)
        if bad:
            held, why = False, f"unsafe: {bad}"
        elif "Import refused" in text:
            held = after == before and status.is_visible() and "unchanged" in text
            why = f"refused but map changed or message hidden: {text}"
        elif "cannot be checked for completeness" in text:
            # A YAML file without its end line (an older export, or hand-written): shown with its count, taken
            # only if the reader accepts. Held: the count is the file's, the map is untouched; "Keep my map".
            confirm = fig.get_by_role("group", name="Imported map")
            count = None if expected is None else len(expected)
            held = (expected is not None and confirm.is_visible() and f"holds {count} placement" in confirm.inner_text()
                    and f"holds {count} placement" in text and after == before)
            why = f"previewed as unchecked, the file holds {expected}: {text} / {confirm.inner_text() if confirm.count() else ''}"
            if confirm.count() and confirm.is_visible():
                confirm.get_by_role("button", name="Keep my map").click()
                held = held and page.evaluate(STATE, url)["own"] == before and not confirm.is_visible()
        elif text.startswith("Imported") or "same as yours" in text:
            if kind == "cut":   # a cut file may import only if it still holds the whole map
                held = expected is not None and same_map(expected, whole) and same_map(after, whole)
            else:
                held = expected is not None and same_map(after, expected)
            why = f"imported {after} (the file holds {expected}): {text}"
        else:
            held, why = False, f"unexpected message: {text}"
        tally.add("imports", held, f"{what[:200]}: {why}")
    context.close()


def check_link(page, url, fragment: str, mine: dict) -> tuple[bool, str]:
    expected = link_meaning(fragment)
    try:
        page.wait_for_function("() => [...document.querySelectorAll('.spectrum-status')].some((s) => s.textContent.trim())",
                               timeout=15_000)
    except Exception:  # noqa: BLE001
        return False, "no message within 15 s"
    if page.evaluate(STATE, url)["previewing"]:
        page.wait_for_timeout(1200)   # past the theme's section tracking (250 ms debounce + 250 ms delay)
    state, text = page.evaluate(STATE, url), page.evaluate(STATUS)
    bad = safety(page)
    if bad:
        return False, f"unsafe: {bad}"
    if state["own"] != mine:
        return False, f"own map changed to {state['own']}: {text}"
    if "could not be opened" in text:
        return True, ""
    if "holds your own map" in text:
        return expected is not None and same_map(expected, mine), f"said 'your own map' for {expected}"
    if state["previewing"]:
        shown = page.get_by_role("group", name="Shared map").first.is_visible()
        hash_kept = page.evaluate("location.hash") == "#" + fragment
        return (expected is not None and same_map(state["visible"], expected) and shown and hash_kept,
                f"preview {state['visible']} (link holds {expected}), bar shown {shown}, hash kept {hash_kept}")
    return False, f"neither preview nor refusal: {text}"


def run_links(browser, url, tally, n_fresh, n_open, rng):
    cases = link_cases(max(n_fresh, n_open), rng)
    record = json.dumps({"version": 2, "placements": MINE})
    context, _ = open_context(browser, url, viewport={"width": 1280, "height": 900})
    seed(context, record)
    for what, fragment in cases[:n_fresh]:
        page = context.new_page()
        page.goto(url + "#" + fragment)
        held, why = check_link(page, url, fragment, MINE)
        tally.add("share links (fresh tab)", held, f"{what[:160]}: {why}")
        page.close()
    page = context.new_page()
    open_essay(page, url)
    for i, (what, fragment) in enumerate(cases[:n_open]):
        page.evaluate("() => { for (const s of document.querySelectorAll('.spectrum-status')) s.textContent = ''; }")
        page.mouse.wheel(0, 250 + 90 * (i % 9))
        page.wait_for_timeout(300)
        page.evaluate("(f) => { location.hash = f; }", fragment)
        held, why = check_link(page, url, fragment, MINE)
        tally.add("share links (open tab)", held, f"{what[:160]}: {why}")
        keep = page.get_by_role("button", name="Keep my map")
        if page.evaluate(STATE, url)["previewing"]:
            keep.first.click()
        page.evaluate("() => history.replaceState(null, '', location.pathname)")
    context.close()


def run_records(browser, url, tally, n_load, n_cross, rng):
    good = json.dumps({"version": 2, "placements": MINE})
    for what, record in record_cases(n_load, rng):
        context, _ = open_context(browser, url, viewport={"width": 1280, "height": 900})
        seed(context, record)
        page = context.new_page()
        fig = open_essay(page, url)
        page.wait_for_timeout(300)
        state, text = page.evaluate(STATE, url), page.evaluate(STATUS)
        stored = page.evaluate(f"localStorage.getItem({json.dumps(KEY)})")
        newer = is_newer(record)
        message = bool(text.strip())
        if newer:
            fig.locator(".spectrum-palette button").first.click()
            page.wait_for_timeout(300)
            stored = page.evaluate(f"localStorage.getItem({json.dumps(KEY)})")
            held, why = stored == record and "newer version" in page.evaluate(STATUS), f"stored now {stored!r}: {text}"
        elif stored == record or stored == record.lstrip("\ufeff"):
            held = message or same_map(state["own"], record_meaning(record) or {"-": {"x": 9}})
            why = f"record kept, map shown {state['own']} without a word"
        else:
            held, why = message, f"record changed to {stored!r} without a word"
        bad = safety(page)
        tally.add("stored records (load)", held and not bad, f"{what[:160]}: {why} {bad}")
        context.close()

    # another tab's bad writes, in one context: this tab's map is kept and saved again, with a word
    context, _ = open_context(browser, url, viewport={"width": 1280, "height": 900})
    seed(context, good)
    first, second = context.new_page(), context.new_page()
    open_essay(first, url)
    second.goto(url)
    bad_writes = [(w, r) for w, r in record_cases(n_cross + 17, rng) if not w.startswith("valid") and w not in ("bom", "unknown id")][:n_cross]
    for what, record in bad_writes:
        first.evaluate("() => { for (const s of document.querySelectorAll('.spectrum-status')) s.textContent = ''; }")
        current = first.evaluate(STATE, url)["own"]
        second.evaluate("(r) => localStorage.setItem('research-spectrum:/', r)", record)
        newer, taken = is_newer(record), record_meaning(record)
        dropping = None if taken is not None else record_meaning_dropping(record)
        try:
            if dropping is not None:   # valid once papers this site does not list are dropped: as on load, with a word
                first.wait_for_function("() => [...document.querySelectorAll('.spectrum-status')].some((s) => s.textContent.trim())",
                                        timeout=10_000)
                text, own = first.evaluate(STATUS), first.evaluate(STATE, url)["own"]
                second.wait_for_function("(own) => { try { return JSON.stringify(JSON.parse(localStorage.getItem("
                                         "'research-spectrum:/')).placements) === JSON.stringify(own); } catch { return false; } }",
                                         arg=own, timeout=10_000)
                held = same_map(own, dropping[0]) and f"{dropping[1]} saved placement(s) of papers this site no longer lists were dropped" in text
            elif taken is not None:   # a valid map from the other tab is taken as it is
                # wait_for_function would take an async predicate's Promise as true: import first, check sync
                first.evaluate("async (url) => { window.__debugHooks = await import(url + 'assets/js/debug-hooks.js'); }", url)
                first.wait_for_function(f"() => JSON.stringify(window.__debugHooks.debugState().own) !== {json.dumps(json.dumps(MINE))}",
                                        timeout=10_000)
                own = first.evaluate(STATE, url)["own"]
                held, text = same_map(own, taken), ""
            else:
                first.wait_for_function("() => [...document.querySelectorAll('.spectrum-status')].some((s) => s.textContent.trim())",
                                        timeout=10_000)
                text, own = first.evaluate(STATUS), first.evaluate(STATE, url)["own"]
                if newer:
                    held = own == current and "newer version" in text
                else:
                    second.wait_for_function("(mine) => { try { return JSON.stringify(JSON.parse(localStorage.getItem("
                                             "'research-spectrum:/')).placements) === JSON.stringify(mine); } catch { return false; } }",
                                             arg=own, timeout=10_000)
                    held = own == current
            why = f"map was {current}, now {own}: {text}"
        except Exception as error:  # noqa: BLE001
            held, why = False, f"no message, no change or no re-save within 10 s ({str(error).splitlines()[0]})"
        tally.add("stored records (cross-tab)", held, f"{what[:160]}: {why}")
        if newer or taken is not None or dropping is not None or not held:   # start this tab over from the reader's map
            second.evaluate("(g) => localStorage.setItem('research-spectrum:/', g)", good)
            first.reload()
            open_essay(first, url)
    context.close()

    blocked = {"setItem throws QuotaExceeded": "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); }",
               "localStorage getter throws": "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }})",
               "setItem and removeItem throw": "Storage.prototype.setItem = Storage.prototype.removeItem = function () { throw new DOMException('no', 'SecurityError'); }"}
    for what, script in blocked.items():
        context, _ = open_context(browser, url, viewport={"width": 1280, "height": 900})
        context.add_init_script(script)
        page = context.new_page()
        fig = open_essay(page, url)
        fig.locator(".spectrum-palette button").first.click()
        page.wait_for_timeout(500)
        text = page.evaluate(STATUS)
        tally.add("stored records (blocked storage)", "not being saved" in text or "blocks saving" in text, f"{what}: {text}")
        context.close()


class Collector(http.server.BaseHTTPRequestHandler):
    """Another origin (localhost, not 127.0.0.1) that counts what reaches it."""
    hits: list[str] = []

    def do_GET(self):
        Collector.hits.append(self.path)
        self.send_response(200)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def run_cells(browser, url, tally):
    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Collector)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    elsewhere = f"http://localhost:{other.server_address[1]}"
    # No route that aborts foreign requests here: what counts is what reaches the other server.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    foreign = Collector.hits
    page = context.new_page()
    page.goto(url + "notebooks/speculative-decoding/")
    page.get_by_role("button", name="Run in browser").click()
    page.locator(".live-cell .cm-editor").first.wait_for(timeout=RUNTIME)
    def cell(k):
        return page.locator(".live-cell").nth(k)

    def set_code(k, code):
        cell(k).locator(".cm-content").click()
        page.keyboard.press("Control+A")
        page.keyboard.insert_text(code)

    last = [""]

    def run(k, code, ms=RUNTIME):
        last[0] = f"cell {k + 1} ran {code!r}"
        set_code(k, code)
        cell(k).get_by_role("button", name="Run", exact=True).click()
        page.wait_for_function("(c) => ['done', 'error', 'stopped'].includes(c.dataset.liveState)",
                               arg=cell(k).element_handle(), timeout=ms, polling=250)
        result = cell(k).get_attribute("data-live-state"), cell(k).locator(".live-output").inner_text()
        last[0] += f" -> {result}"
        return result

    def stop_case(code):
        set_code(1, code)
        cell(1).get_by_role("button", name="Run", exact=True).click()
        page.wait_for_function("(c) => c.dataset.liveState === 'running'", arg=cell(1).element_handle(), timeout=RUNTIME)
        page.wait_for_timeout(700)
        page.get_by_role("button", name="Stop", exact=True).click()
        page.wait_for_function("(c) => c.dataset.liveState === 'stopped'", arg=cell(1).element_handle(), timeout=5000)
        return run(0, "print(6 * 7)")

    cases = {
        "ready": lambda: run(0, "marker = 41\nprint('ok')") == ("done", "ok\n") or run(0, "print('ok')")[0] == "done",
        "import js; js.close()": lambda: run(1, "import js\njs.close()")[0] == "error" and run(0, "print(marker + 1)")[1].strip() == "42",
        "js.self.onmessage = None": lambda: run(1, "import js\njs.self.onmessage = None")[0] in ("done", "error")
            and run(0, "print(marker + 1)")[1].strip() == "42",
        "forged failed/done messages": lambda: run(1, "import js, time\njs.postMessage(js.JSON.parse('{\"type\": \"failed\", \"message\": \"x\"}'))\n"
            "for i in range(2000):\n    js.postMessage(js.JSON.parse(f'{{\"type\": \"done\", \"id\": {i}, \"error\": null, \"ms\": 1}}'))\n"
            "time.sleep(0.5)\nprint('real')") == ("done", "real\n") and "could not be started" not in page.locator(".live-bar__status").inner_text(),
        "forged stdout and figure messages": lambda: run(1, "import js\nfor t in ('stdout', 'figure', 'ready', 'progress', 'stopped'):\n"
            "    js.postMessage(js.JSON.parse(f'{{\"type\": \"{t}\", \"id\": 1, \"text\": \"<img src=x onerror=window.__pwned=1>\"}}'))\nprint('real')")[0] == "done",
        "infinite loop, Stop": lambda: stop_case("while True:\n    pass")[0] == "done",
        "memory bomb, Stop": lambda: stop_case("hog = []\nwhile True:\n    hog.append(bytearray(1 << 19))\n    sum(range(50_000))")[0] == "done",
        "fetch another origin": lambda: run(1, f"import js\njs.fetch('{elsewhere}/fetch?data=secret')\nprint('sent')")[0] in ("done", "error")
            and page.wait_for_timeout(2000) is None and not foreign,
        "XMLHttpRequest another origin": lambda: run(1, f"import js\nr = js.XMLHttpRequest.new()\n"
            f"r.open('GET', '{elsewhere}/xhr?data=secret', False)\nr.send()\nprint('sent', r.status)")[0] in ("done", "error") and not foreign,
        "recursion bomb": lambda: run(1, "def f(n): return f(n + 1)\nf(0)")[0] == "error" and run(0, "print(1)")[0] == "done",
    }
    for what, case in cases.items():
        started = time.monotonic()
        try:
            held, why = bool(case()), ""
        except Exception as error:  # noqa: BLE001 - a timeout is a hang
            held, why = False, str(error).splitlines()[0]
        held = held and not safety(page)
        tally.add("hostile cells", held, f"{what}: {why} {last[0]} after {time.monotonic() - started:.0f} s; "
                                         f"bar: {page.locator('.live-bar__status').inner_text()[:200]}; foreign: {foreign[:3]}")
    context.close()
    other.shutdown()


def run_downloads(browser, url, tally):
    from place_for_research.builder.toy_grid import DATA_FOLDER

    def case(pattern, mode, page_path, act):
        context, _ = open_context(browser, url, viewport={"width": 1280, "height": 900})
        held_routes = []
        context.route(pattern, (lambda r: held_routes.append(r)) if mode == "stall" else (lambda r: (held_routes.append(r), r.abort())))
        page = context.new_page()
        page.goto(url + page_path)
        try:
            ok, shown = act(page), ""
        except Exception as error:  # noqa: BLE001 - a timeout: what the page showed instead
            ok, shown = False, f"{str(error).splitlines()[0]}; the page showed: " + page.evaluate(SHOWN)
        requested = bool(held_routes)
        if not requested:
            shown = f"the route was never hit ({pattern} not requested); {shown}"
        context.close()
        return ok and requested, shown

    def python(page):
        page.evaluate(f"() => import('{url}assets/js/live/runtime.js').then(({{ runtime }}) => {{ runtime.stallMs = 4000; }})")
        page.get_by_role("button", name="Run in browser").click()
        alert = page.locator(".live-bar__status--error")
        alert.wait_for(timeout=200_000)   # the runtime allows 180 s of silence while Python compiles
        page.wait_for_function("() => /Retry/.test(document.querySelector('.live-bar__status--error')?.textContent || '')", timeout=10_000)
        return page.get_by_role("button", name="Retry", exact=True).is_visible()

    def editor(page):
        page.evaluate(f"() => import('{url}assets/js/live/editor.js').then((m) => {{ m.preloadEditor(2000); }})")
        page.get_by_role("button", name="Run in browser").click()
        page.get_by_role("note").filter(has_text="could not be loaded").wait_for(timeout=30_000)
        return page.locator(".live-cell").get_by_role("button", name="Run", exact=True).count() > 0

    def toy(page):
        page.locator("figure[data-toy-data]").first.scroll_into_view_if_needed()
        # The site gives a stalled data file 30 s (toys/widget.js); the bound is that plus a margin for a busy machine.
        page.wait_for_function("() => document.querySelector('figure[data-toy-data]')?.dataset.toyState === 'failed'", timeout=45_000)
        return "unavailable" in page.locator(".toy__status").first.inner_text()

    def catalogue(page):
        page.locator("figure.research-spectrum").first.scroll_into_view_if_needed()
        page.get_by_text("The interactive chart could not start").first.wait_for(timeout=45_000)   # 30 s limit + margin
        return True

    cases = [("**/pyodide.asm.wasm", m, "notebooks/speculative-decoding/", python) for m in ("stall", "abort")]
    cases += [("**/pyodide.mjs", "abort", "notebooks/speculative-decoding/", python),
              ("**/python_stdlib.zip", "stall", "notebooks/speculative-decoding/", python)]
    cases += [("**/vendor/codemirror/**", m, "notebooks/speculative-decoding/", editor) for m in ("stall", "abort")]
    cases += [(f"**/{DATA_FOLDER}/**", m, "", toy) for m in ("stall", "abort")]
    cases += [("**/catalogue.json", m, "", catalogue) for m in ("stall", "abort")]
    for pattern, mode, page_path, act in cases:
        started = time.monotonic()
        ok, shown = case(pattern, mode, page_path, act)
        print(f"    {pattern} {mode}: {'held' if ok else 'did not hold'} after {time.monotonic() - started:.0f} s", file=sys.stderr)
        tally.add("stalled/failed downloads", ok, f"{pattern} {mode} on /{page_path}: no clear message "
                                                   f"(or no Retry) within the bound ({time.monotonic() - started:.0f} s): {shown}")


# -- cross-tab undo ---------------------------------------------------------------------------------------

STORED = f"() => {{ try {{ return JSON.parse(localStorage.getItem({json.dumps(KEY)})).placements; }} catch {{ return {{}}; }} }}"
AGREE = ("async (url) => { const own = (await import(url + 'assets/js/debug-hooks.js')).debugState().own;"
         f" let stored = {{}}; try {{ stored = JSON.parse(localStorage.getItem({json.dumps(KEY)})).placements; }} catch {{}}"
         " const key = (m) => JSON.stringify(Object.keys(m).sort().map((k) => [k, m[k]]));"
         " return key(own) === key(stored); }")


def run_undo(browser, url, tally, rounds, rng):
    """Two tabs on one map: seeded places, undos and redos, some pressed in the same moment."""
    press = "(el, at) => setTimeout(() => { while (Date.now() < at); el.click(); }, Math.max(0, at - Date.now() - 30))"
    for round_ in range(rounds):
        context, _ = open_context(browser, url, viewport={"width": 1280, "height": 900})
        tabs = [context.new_page(), context.new_page()]
        figs = [open_essay(tab, url) for tab in tabs]
        touched: list[set] = [set(), set()]
        held, why, log = True, "", []
        for _ in range(8):
            who = rng.randrange(2)
            op = rng.choice(["place", "place", "place", "together", "undo", "undo", "redo"])
            before = tabs[0].evaluate(STORED)
            if op == "together":   # both tabs place a paper in the same millisecond
                cards = [fig.locator(".spectrum-palette button") for fig in figs]
                if min(c.count() for c in cards) < 2:
                    continue
                at = tabs[0].evaluate("() => Date.now() + 300")
                picks = [cards[0].nth(0), cards[1].nth(cards[1].count() - 1)]
                for pick in picks:
                    pick.evaluate(press, at)
                tabs[0].wait_for_timeout(600)
            elif op == "place":
                cards = figs[who].locator(".spectrum-palette button")
                if not cards.count():
                    continue
                cards.nth(rng.randrange(cards.count())).click()
            else:
                button = figs[who].get_by_role("button", name="Undo" if op == "undo" else "Redo", exact=True)
                if button.is_disabled():
                    continue
                button.click()
            try:
                for tab in tabs:
                    tab.wait_for_function(AGREE, arg=url, timeout=5_000)
            except Exception:  # noqa: BLE001 - the tabs never agreed
                held, why = False, f"the tabs and storage disagree after {op} in tab {who}"
                break
            after = tabs[0].evaluate(STORED)
            changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
            log.append(f"{op}@{who}:{sorted(changed)}")
            if op == "together":
                touched[0] |= changed
                touched[1] |= changed
                if len(set(after) - set(before)) < 2 and len(changed) < 2:
                    held, why = False, f"a placement made in the same moment was lost: {sorted(changed)}"
                    break
            elif op == "place":
                touched[who] |= changed
            elif not changed <= touched[who]:
                held, why = False, f"{op} in tab {who} changed {sorted(changed - touched[who])}, which only the other tab had changed"
                break
            lost = {k for k in before if k not in after and k not in touched[who] and op != "together"}
            if lost:
                held, why = False, f"{op} in tab {who} lost the other tab's {sorted(lost)}"
                break
        bad = safety(tabs[0])
        tally.add("cross-tab undo", held and not bad, f"round {round_}: {why} {bad} ({' '.join(log)})")
        context.close()


# -- figure attributes --------------------------------------------------------------------------------------

HOSTILE_NUMBERS = ['1"/><image href="x" onerror="window.__pwned=1"/><path d="', '0.5" style="display:none',
                   "0.5; fill: red", "1e999", "NaN", "-0", "<script>window.__pwned=1</script>", "javascript:alert(1)",
                   True, None, [], {"a": 1}, float("inf"), "", " 2", "2px", "0x10"]
DRAW = """async ([url, figure]) => {
  const { render } = await import(url + 'assets/js/draw-svg.js');
  const box = document.createElement('div');
  box.innerHTML = render(figure, { label: 'Fuzzed', key: 'fuzz', width: 640, height: 400 });
  document.body.append(box);
  const kinds = new Set(['svg', 'title', 'desc', 'g', 'path', 'circle', 'rect', 'text', 'line', 'clipPath', 'defs', 'tspan', 'polyline']);
  const bad = [...box.querySelectorAll('*')].filter((e) => !kinds.has(e.localName)
    || [...e.attributes].some((a) => a.name.startsWith('on') || a.name === 'style' || a.name === 'href'));
  const numeric = [...box.querySelectorAll('[opacity], [stroke-width]')].every((e) =>
    ['opacity', 'stroke-width'].every((n) => !e.hasAttribute(n) || Number.isFinite(Number(e.getAttribute(n)))));
  box.remove();
  return { bad: bad.map((e) => e.localName), numeric };
}"""


def run_figures(browser, url, tally, rng):
    context, _ = open_context(browser, url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url)
    values = HOSTILE_NUMBERS + [rng.choice(CANARY) + str(rng.random()) for _ in range(8)]
    for value in values:
        for where in ("opacity", "line.width"):
            trace = {"type": "scatter", "mode": "lines+markers", "x": [1, 2, 3], "y": [2, 1, 3]}
            if where == "opacity":
                trace["opacity"] = value
            else:
                trace["line"] = {"width": value}
            try:
                result = page.evaluate(DRAW, [url, {"data": [trace], "layout": {}}])
                held, why = not result["bad"] and result["numeric"], f"elements {result['bad']}, numeric {result['numeric']}"
            except Exception as error:  # noqa: BLE001 - the renderer threw: the reader would see no figure
                held, why = False, str(error).splitlines()[0]
            bad = safety(page)
            tally.add("figure attributes", held and not bad, f"{where} = {value!r}: {why} {bad}")
    context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--only", default="imports,links,records,cells,downloads,undo,figures")
    parser.add_argument("--imports", type=int, default=300)
    parser.add_argument("--fresh-links", type=int, default=25)
    parser.add_argument("--open-links", type=int, default=150)
    parser.add_argument("--records", type=int, default=30, help="stored records loaded (one page load each)")
    parser.add_argument("--cross-tab", type=int, default=50)
    parser.add_argument("--undo", type=int, default=12, help="rounds of two tabs placing and undoing")
    args = parser.parse_args()
    only = set(args.only.split(","))
    tally = Tally()
    started = time.monotonic()
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory() as folder:
        server, url = build_and_serve(Path(folder))
        server.handle_error = lambda *_: None   # a tab closed mid-download is no failure of the site
        print(f"built and serving at {url} ({time.monotonic() - started:.0f} s)", file=sys.stderr)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            steps = {"imports": lambda: run_imports(browser, url, tally, args.imports, random.Random(args.seed)),
                     "links": lambda: run_links(browser, url, tally, args.fresh_links, args.open_links, random.Random(args.seed + 1)),
                     "records": lambda: run_records(browser, url, tally, args.records, args.cross_tab, random.Random(args.seed + 2)),
                     "cells": lambda: run_cells(browser, url, tally),
                     "downloads": lambda: run_downloads(browser, url, tally),
                     "undo": lambda: run_undo(browser, url, tally, args.undo, random.Random(args.seed + 3)),
                     "figures": lambda: run_figures(browser, url, tally, random.Random(args.seed + 4))}
            for name, step in steps.items():
                if name in only:
                    t = time.monotonic()
                    step()
                    print(f"{name}: {time.monotonic() - t:.0f} s", file=sys.stderr)
            browser.close()
        server.shutdown()
    tally.print()
    print(f"\nseed {args.seed}; {time.monotonic() - started:.0f} s in all")
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
