"""Reading a hand-written YAML data file without trusting it.

The papers file, the taxonomy and an exported map come from people (or from a
file someone sent them). Before any of it is built into Python objects, the
text is checked in one streaming pass over ruamel.yaml's parser events:

- the file is at most :data:`MAX_BYTES` and is UTF-8 (a bad byte is named by
  line and column);
- no aliases (``*name``): a few lines of them expand to gigabytes (the
  "billion laughs" file), and a data file never needs them;
- no explicit tags (``!foo``, ``!!python/...``), one document, nesting at most
  :data:`MAX_DEPTH` deep, no number too long for Python to read;
- no key twice in one mapping (YAML would keep the last one silently).

Every such problem in the file is reported at once, each as
``file:line: field: message``.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (AliasEvent, CollectionEndEvent, DocumentStartEvent, MappingStartEvent,
                                NodeEvent, ScalarEvent, SequenceStartEvent)

MAX_BYTES = 1_000_000   # the essay's papers file is 12 kB; this leaves room for ~1000 papers
MAX_DEPTH = 20          # papers nest 4 deep
MAX_DIGITS = 1000       # Python refuses to read integers of more than 4300 digits
MAX_REPORTED = 50       # a file with thousands of problems gets the first 50 and a count


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file, where an editor can jump to it."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class DataError(ValueError):
    """A data file is malformed. ``problems`` lists every problem found (first one
    also as ``file``, ``line``, ``field`` and ``message``); the text is one per line."""

    def __init__(self, file: Path | str, line: int, field: str, message: str,
                 more: Iterable[Problem] = ()):
        self.file, self.line, self.field, self.message = str(file), line, field, message
        self.problems = (Problem(self.file, line, field, message), *more)
        shown = [str(p) for p in self.problems[:MAX_REPORTED]]
        if len(self.problems) > MAX_REPORTED:
            shown.append(f"{self.file}: … and {len(self.problems) - MAX_REPORTED} more problems")
        super().__init__("\n".join(shown))

    @classmethod
    def of(cls, problems: list[Problem]) -> DataError:
        """One error carrying several problems, in line order."""
        first, *rest = sorted(problems, key=lambda p: p.line)
        return cls(first.file, first.line, first.field, first.message, rest)

    def renamed(self, file: Path | str) -> DataError:
        """The same problems, said of another file (a checked copy speaks for the original)."""
        return DataError.of([Problem(str(file), p.line, p.field, p.message) for p in self.problems])


# -- the text ----------------------------------------------------------------------

def read_text(path: Path | str, max_bytes: int = MAX_BYTES) -> str:
    """The file's text, or DataError for a file too big to be data or not UTF-8.

    OSError (missing file, a folder, no permission) is left to the caller.
    """
    path = Path(path)
    with open(path, "rb") as stream:
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DataError(path, 1, "(file)", f"is larger than {max_bytes // 1000} kB, too large for a "
                        "data file; is it the right file?")
    if b"\0" in data:  # UTF-8 text never holds NUL: an image, an archive, a UTF-16 file
        line = data.count(b"\n", 0, data.index(b"\0")) + 1
        raise DataError(path, line, "(file)", "is a binary file, not YAML text (it holds NUL bytes); "
                        "is it the right file?")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        byte = data[error.start]
        raise DataError(path, line, "(encoding)", f"byte 0x{byte:02x} at column {column} is not UTF-8; "
                        "save the file as UTF-8") from None


# -- the events -----------------------------------------------------------------------

@dataclass
class _Frame:
    """A mapping or sequence being read: the path to it, and for mappings the keys seen."""

    at: tuple
    mapping: bool
    keys: dict | None = None
    key: Any = None           # the key whose value comes next (mappings)
    expect_key: bool = True
    index: int = 0            # the next item's index (sequences)


def field_name(at: tuple) -> str:
    """``papers[0].placement.x`` for the path ("papers", 0, "placement", "x")."""
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"


def check_events(text: str, path: Path | str) -> list[Problem]:
    """Every alias, explicit tag, duplicate key, extra document or too-deep nesting in ``text``.

    A YAML syntax error stops the pass: it is returned as the last problem.
    """
    file = str(path)
    problems: list[Problem] = []
    stack: list[_Frame] = []
    documents = 0
    aliases: set[str] = set()

    def where(at_child: bool) -> tuple:
        """The path of the node the current event is (for a value or item) or belongs to."""
        if not stack:
            return ()
        top = stack[-1]
        if not at_child:
            return top.at
        if top.mapping:
            return top.at if top.expect_key else (*top.at, top.key)
        return (*top.at, top.index)

    def after_node() -> None:
        """A whole node (scalar, alias or collection) has been read: advance its parent."""
        if not stack:
            return
        top = stack[-1]
        if top.mapping:
            top.expect_key = not top.expect_key
        else:
            top.index += 1

    try:
        for event in YAML().parse(text):
            line = event.start_mark.line + 1
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents == 2:
                    problems.append(Problem(file, line, "(file)", "a second YAML document (`---`): a data "
                                            "file holds one"))
                    break
                continue
            if isinstance(event, CollectionEndEvent):
                stack.pop()
                after_node()
                continue
            if not isinstance(event, NodeEvent):
                continue
            at = where(True)
            is_key = bool(stack) and stack[-1].mapping and stack[-1].expect_key
            if isinstance(event, AliasEvent):
                if event.anchor not in aliases:  # once per name: a bomb repeats a few names thousands of times
                    aliases.add(event.anchor)
                    problems.append(Problem(file, line, field_name(at), f"an alias (*{event.anchor}): aliases "
                                            "are not allowed in data files; write the value out"))
                after_node()
                continue
            if event.tag is not None:
                problems.append(Problem(file, line, field_name(at), f"a YAML tag ({event.tag}): tags are not "
                                        "allowed in data files; remove it (quote the value if it is text)"))
            if isinstance(event, ScalarEvent):
                if event.style is None and len(event.value) > MAX_DIGITS \
                        and event.value.lstrip("+-").replace("_", "").isdigit():
                    problems.append(Problem(file, line, field_name(at), f"a number with {len(event.value)} "
                                            "digits, too long to read"))
                if is_key:
                    top = stack[-1]
                    key = event.value
                    if key in top.keys:
                        problems.append(Problem(file, line, field_name((*top.at, key)),
                                                f"appears twice in one mapping (first on line {top.keys[key]}); "
                                                "YAML would silently keep only the last: remove one"))
                    else:
                        top.keys[key] = line
                    top.key = key
                after_node()
                continue
            if is_key:  # a mapping or list used as a key
                problems.append(Problem(file, line, field_name(stack[-1].at), "a key that is not plain text"))
            if len(stack) >= MAX_DEPTH:
                named = at
                while named and isinstance(named[-1], int):  # papers[0].authors, not ...[0][0][0][0]
                    named = named[:-1]
                problems.append(Problem(file, line, field_name(named), f"nested more than {MAX_DEPTH} levels "
                                        "deep, too deep for a data file"))
                break
            mapping = isinstance(event, MappingStartEvent)
            assert mapping or isinstance(event, SequenceStartEvent)
            stack.append(_Frame(at, mapping, {} if mapping else None))
    except YAMLError as error:
        problems.append(syntax_problem(file, error))
    return problems


def syntax_problem(file: str, error: YAMLError) -> Problem:
    """A ruamel.yaml syntax error as a Problem at its line."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    what = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    return Problem(file, line, "(syntax)", f"not valid YAML: {what}" + (f" ({context})" if context else ""))


# -- plain values with their positions ------------------------------------------------

def plain(node: Any, positions: dict[tuple, tuple[int, int]], at: tuple = ()) -> Any:
    """ruamel's round-trip node as plain dict/list/str/int/float/bool/None, recording the
    1-based (line, column) of every key and value by its path."""
    if isinstance(node, CommentedMap):
        out = {}
        for key in node:
            line, column = node.lc.key(key)
            child = (*at, key)
            positions[child] = (line + 1, column + 1)
            out[str(key) if not isinstance(key, (int, float)) else key] = plain(node[key], positions, child)
            value_line, value_column = node.lc.value(key)
            positions[(*child, "(value)")] = (value_line + 1, value_column + 1)
        return out
    if isinstance(node, CommentedSeq):
        out_list = []
        for index, item in enumerate(node):
            line, column = node.lc.item(index)
            positions[(*at, index)] = (line + 1, column + 1)
            out_list.append(plain(item, positions, (*at, index)))
        return out_list
    if isinstance(node, bool) or node is None:
        return node
    if type(node).__name__ == "ScalarBoolean":
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, (datetime.date, datetime.datetime)):
        return node
    return node


def load(path: Path | str) -> tuple[Any, dict[tuple, tuple[int, int]], str]:
    """Read and check a data file: (plain value, positions by path, text). Raises DataError
    with every problem the checks find, or OSError if the file cannot be opened."""
    text = read_text(path)
    problems = check_events(text, path)
    if problems:
        raise DataError.of(problems)
    try:
        root = YAML().load(text)
    except YAMLError as error:
        raise DataError.of([syntax_problem(str(path), error)]) from None
    except (ValueError, RecursionError) as error:  # e.g. an integer of more than 4300 digits
        raise DataError(path, 1, "(file)", f"cannot be read: {str(error)[:200]}") from None
    positions: dict[tuple, tuple[int, int]] = {(): (1, 1)}
    if root is None:
        raise DataError(path, 1, "(file)", "the file is empty")
    return plain(root, positions), positions, text
