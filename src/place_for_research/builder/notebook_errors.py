"""A notebook cell that fails at build time, said in a few lines.

nbclient reports a failing cell as a CellExecutionError whose text is the cell's
source and the kernel's traceback in terminal colours (dozens of lines, and MkDocs
adds its own traceback through click). ``short_message`` turns it into the
notebook, the cell's number and first line, the line that failed, and the
exception's type and message; the whole traceback, without colour codes, goes to a
file the message names, for when a few lines are not enough.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
RULE = "------------------"


def plain(text: str) -> str:
    """Text without terminal colour codes."""
    return ANSI.sub("", text)


def failed_source(report: str) -> str | None:
    """The failing cell's source, as nbclient quotes it between its two rules."""
    parts = report.split(f"\n{RULE}\n", 2)
    return parts[1].rstrip("\n") if len(parts) == 3 else None


def cell_number(notebook: Path, source: str | None) -> int | None:
    """The 1-based position, among all the notebook's cells, of the code cell with this source."""
    if source is None:
        return None
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return None
    for index, cell in enumerate(cells):
        text = cell.get("source", "")
        text = "".join(text) if isinstance(text, list) else str(text)
        if cell.get("cell_type") == "code" and text.rstrip("\n") == source:
            return index + 1
    return None


def _quote(line: str, limit: int = 80) -> str:
    line = line.strip()
    return "`" + (line if len(line) <= limit else line[:limit - 1] + "…") + "`"


def short_message(where: str, notebook: Path, report: str, ename: str, evalue: str, saved: Path | None) -> str:
    """What failed and where, in a few lines (see the module's docstring)."""
    report = plain(report)
    source = failed_source(report)
    number = cell_number(notebook, source)
    lines = (source or "").splitlines()
    first = next((line for line in lines if line.strip()), "")
    cell = f"cell {number}" if number else "a code cell"
    if first:
        cell += f" ({_quote(first)})"
    # The traceback's first frame is the failing cell (In[n]); its last frame in that cell
    # is the line that failed there (later frames may be in other cells or modules).
    frames = re.findall(r"^\s*Cell In\[(\d*)\], line (\d+)", report, flags=re.MULTILINE)
    failing = ""
    if frames:
        line = int([at for run, at in frames if run == frames[0][0]][-1])
        if 0 < line <= len(lines):
            failing = f", at its line {line}: {_quote(lines[line - 1])}"
    # A SyntaxError's message names the kernel's temporary file ("(3495025681.py, line 2)"): no help.
    evalue = re.sub(r"\s*\(\d+\.py, line \d+\)$", "", plain(evalue))
    message = f"{where}: {cell} failed{failing}\n  {plain(ename)}: {evalue}"
    if saved is not None:
        message += f"\n  the full traceback is in {saved}"
    return message


def save_report(folder: Path, notebook: Path, report: str) -> Path | None:
    """The whole report, without colour codes, in folder/<notebook>.txt; None if it cannot be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{notebook.stem}.txt"
        path.write_text(plain(report), encoding="utf-8")
        return path
    except OSError:
        return None
