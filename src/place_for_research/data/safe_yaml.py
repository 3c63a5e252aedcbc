"""Reading a hand-written YAML data file without trusting it.

The papers file, the taxonomy and an exported map come from people (or from a
file someone sent them). They are read in one streaming pass over ruamel.yaml's
parser events (its C parser where ruamel.yaml.clib is installed), which builds
plain values with the line and column of each, and checks as it goes:

- the file is at most :data:`MAX_BYTES` and is UTF-8 (a bad byte is named by
  line and column);
- no aliases (``*name``): a few lines of them expand to gigabytes (the
  "billion laughs" file), and a data file never needs them;
- no explicit tags (``!foo``, ``!!python/...``), one document, nesting at most
  :data:`MAX_DEPTH` deep, no number too long for Python to read;
- no key twice in one mapping (YAML would keep the last one silently);
- no control character in text (other than tab and line breaks): a double-quoted
  string can write one as an escape, and a name with one breaks the PNG export.

Every such problem in the file is reported at once, each as
``file:line: field: message``.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (AliasEvent, CollectionEndEvent, DocumentStartEvent, MappingStartEvent,
                                NodeEvent, ScalarEvent)
from ruamel.yaml.nodes import ScalarNode

try:
    import _ruamel_yaml  # noqa: F401  (ruamel.yaml.clib: the C parser)
    _HAS_C_PARSER = True
except ImportError:
    _HAS_C_PARSER = False

MAX_BYTES = 256_000     # the essay's papers file (38 papers) is 12 kB: room for ~800 papers
MAX_DEPTH = 20          # papers nest 4 deep
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


# -- the events, and the values built from them -------------------------------------

Positions = dict[tuple, tuple[int, int]]


@dataclass
class _Frame:
    """A mapping or sequence being read: its path, the value being built, and for a
    mapping the keys seen (with their lines) and the key whose value comes next."""

    at: tuple
    value: dict | list
    keys: dict[str, int] = field(default_factory=dict)
    key: Any = None
    expect_key: bool = True

    @property
    def mapping(self) -> bool:
        return isinstance(self.value, dict)

    def child(self) -> tuple:
        """The path of the node about to be read in this collection."""
        if self.mapping:
            return self.at if self.expect_key else (*self.at, self.key)
        return (*self.at, len(self.value))

    def add(self, value: Any) -> None:
        """A whole node (scalar, alias or collection) has been read: store it, move on."""
        if not self.mapping:
            self.value.append(value)
        elif self.expect_key:
            self.key = value
            self.expect_key = False
        else:
            self.value[self.key] = value
            self.expect_key = True


def field_name(at: tuple) -> str:
    """``papers[0].placement.x`` for the path ("papers", 0, "placement", "x")."""
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"


def _yaml() -> YAML:
    """ruamel.yaml for reading: its C parser when ruamel.yaml.clib is installed (twenty
    times faster), the pure-Python one otherwise; YAML 1.2 (``yes`` is text)."""
    return YAML(typ="safe", pure=not _HAS_C_PARSER)


def read(text: str, path: Path | str) -> tuple[Any, Positions, list[Problem]]:
    """Parse ``text`` in one pass over the parser's events: the plain value (dicts, lists,
    str, int, float, bool, None, dates), the 1-based (line, column) of every key, value
    and item by its path (a value's own position under ``(*path, "(value)")``), and every
    alias, explicit tag, duplicate key, extra document, too-deep nesting or unreadable
    scalar in the file. A YAML syntax error stops the pass: it is the last problem."""
    file = str(path)
    yaml = _yaml()
    problems: list[Problem] = []
    positions: Positions = {(): (1, 1)}
    stack: list[_Frame] = []
    root: list[Any] = []
    documents = 0
    aliases: set[str] = set()

    def place(value: Any) -> None:
        (stack[-1].add if stack else root.append)(value)

    try:
        for event in yaml.parse(text):
            line, column = event.start_mark.line + 1, event.start_mark.column + 1
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents == 2:
                    problems.append(Problem(file, line, "(file)", "a second YAML document (`---`): a data "
                                            "file holds one"))
                    break
                continue
            if isinstance(event, CollectionEndEvent):
                done = stack.pop()
                place(done.value)
                continue
            if not isinstance(event, NodeEvent):
                continue
            at = stack[-1].child() if stack else ()
            is_key = bool(stack) and stack[-1].mapping and stack[-1].expect_key
            if not is_key:
                positions[(*at, "(value)") if stack and stack[-1].mapping else at] = (line, column)
            if isinstance(event, AliasEvent):
                if event.anchor not in aliases:  # once per name: a bomb repeats a few names thousands of times
                    aliases.add(event.anchor)
                    problems.append(Problem(file, line, field_name(at), f"an alias (*{event.anchor}): aliases "
                                            "are not allowed in data files; write the value out"))
                place(None)
                continue
            if event.tag is not None:
                problems.append(Problem(file, line, field_name(at), f"a YAML tag ({event.tag}): tags are not "
                                        "allowed in data files; remove it (quote the value if it is text)"))
            if isinstance(event, ScalarEvent):
                if is_key:
                    top, key = stack[-1], event.value
                    if key in top.keys:
                        problems.append(Problem(file, line, field_name((*top.at, key)),
                                                f"appears twice in one mapping (first on line {top.keys[key]}); "
                                                "YAML would silently keep only the last: remove one"))
                    top.keys[key] = line
                    positions[(*top.at, key)] = (line, column)
                    place(key)
                else:
                    value = _scalar(yaml, event, file, line, at, problems)
                    if isinstance(value, str) and (control := _control_character(value)):
                        problems.append(Problem(file, line, field_name(at), f"contains the control character "
                                                f"U+{ord(control):04X} (written as an escape such as \\x07): "
                                                "text in a data file is shown and exported as it is; remove it"))
                    place(value)
                continue
            if is_key:  # a mapping or list used as a key
                problems.append(Problem(file, line, field_name(stack[-1].at), "a key that is not plain text"))
                break
            if len(stack) >= MAX_DEPTH:
                named = at
                while named and isinstance(named[-1], int):  # papers[0].authors, not ...[0][0][0][0]
                    named = named[:-1]
                problems.append(Problem(file, line, field_name(named), f"nested more than {MAX_DEPTH} levels "
                                        "deep, too deep for a data file"))
                break
            stack.append(_Frame(at, {} if isinstance(event, MappingStartEvent) else []))
    except YAMLError as error:
        problems.append(syntax_problem(file, error))
    return (root[0] if root else None), positions, problems


def _control_character(text: str) -> str | None:
    """The first control character in text other than tab and line breaks (a double-quoted
    YAML string can write any, e.g. "\\a"), or None. A name with one breaks what draws it."""
    return next((char for char in text if unicodedata.category(char) == "Cc" and char not in "\t\n\r"), None)


def _scalar(yaml: YAML, event: ScalarEvent, file: str, line: int, at: tuple, problems: list[Problem]) -> Any:
    """A scalar's value as YAML 1.2 reads it: text when quoted, else null, bool, int, float,
    date or text by its form."""
    if event.tag is not None:
        return event.value
    tag = yaml.resolver.resolve(ScalarNode, event.value, event.implicit)
    try:
        return yaml.constructor.construct_object(ScalarNode(tag, event.value), deep=True)
    except (ValueError, YAMLError) as error:  # e.g. an integer of more than 4300 digits
        problems.append(Problem(file, line, field_name(at), f"cannot be read: {str(error).splitlines()[0][:120]}"))
        return None


def check_events(text: str, path: Path | str) -> list[Problem]:
    """The problems :func:`read` finds in ``text`` (for files another loader reads)."""
    return read(text, path)[2]


def syntax_problem(file: str, error: YAMLError) -> Problem:
    """A ruamel.yaml syntax error as a Problem at its line."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    what = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    return Problem(file, line, "(syntax)", f"not valid YAML: {what}" + (f" ({context})" if context else ""))


def load(path: Path | str) -> tuple[Any, Positions, str]:
    """Read and check a data file: (plain value, positions by path, text). Raises DataError
    with every problem the checks find, or OSError if the file cannot be opened."""
    text = read_text(path)
    value, positions, problems = read(text, path)
    if problems:
        raise DataError.of(problems)
    if value is None:
        raise DataError(path, 1, "(file)", "the file is empty")
    return value, positions, text
