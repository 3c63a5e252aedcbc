"""Round-trip edits of the data files, and writes that are never half done.

The papers file is written by hand: its comments, its order and its flow
style (``authors: [A, B]``, ``placement: {x: 0.1, y: 0.2}``) are part of it.
The commands that change it (``merge``, ``add-paper``, ``new``) load it with
ruamel.yaml in round-trip mode, so everything they do not touch stays byte
for byte, and write it back through :func:`write_validated`: the new text is
checked with the site's own loader (the same checks as the build) before it
atomically replaces the file.
"""
from __future__ import annotations

import io
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Callable

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.nodes import Node, SequenceNode
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from place_for_research.data import safe_yaml
from place_for_research.data.catalogue import DataError, load_papers, load_taxonomy


class EditError(Exception):
    """A file could not be read or written as asked; the message is for the user."""


def round_trip() -> YAML:
    """A ruamel.yaml instance that writes the papers file the way it is written by hand."""
    rt = YAML()  # round-trip
    rt.preserve_quotes = True
    rt.width = 4096  # never re-wrap long titles or author lists
    rt.indent(mapping=2, sequence=4, offset=2)
    return rt


def load(path: Path, max_bytes: int = safe_yaml.MAX_BYTES) -> Any:
    """The file as round-trip data, after the same safety checks as the build's loader
    (size, UTF-8, no aliases, tags or duplicate keys); EditError says what is wrong."""
    try:
        text = safe_yaml.read_text(path, max_bytes)
    except OSError as error:
        raise EditError(f"cannot read {path}: {error.strerror or error}") from None
    except DataError as error:
        raise EditError(str(error)) from None
    return loads(text, path)


def loads(text: str, path: Path) -> Any:
    """text (read from path, which messages name) as round-trip data, checked as :func:`load` checks it."""
    problems = safe_yaml.check_events(text, path)
    if problems:
        raise EditError(str(DataError.of(problems)))
    try:
        return round_trip().load(text)
    except RuamelError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise EditError(f"{path}{line}: not valid YAML: {getattr(error, 'problem', None) or error}") from None
    except ValueError as error:  # a value ruamel cannot build
        raise EditError(f"{path}: cannot be read: {str(error)[:200]}") from None


def dump(data: Any) -> str:
    out = io.StringIO()
    round_trip().dump(data, out)
    return out.getvalue()


# -- building values that look like the hand-written ones ------------------------

def quoted(text: str) -> DoubleQuotedScalarString:
    return DoubleQuotedScalarString(text)


def scalar(text: str) -> str:
    """Plain where YAML reads it back as the same text, double-quoted otherwise (as the file does)."""
    try:  # read back as the data files are read (safe_yaml: YAML 1.2)
        plain_ok = YAML(typ="safe", pure=True).load(f"k: {text}") == {"k": text}
    except RuamelError:
        plain_ok = False
    if plain_ok and text == text.strip() and not re.search(r"[\[\]{},#&*!|>%@`'\"]", text):
        return text
    return quoted(text)


def flow_seq(items: list[Any]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def flow_map(pairs: dict[str, Any]) -> CommentedMap:
    mapping = CommentedMap(pairs)
    mapping.fa.set_flow_style()
    return mapping


def append_key(mapping: CommentedMap, key: str, value: Any) -> None:
    """Add a key at the end of a mapping, keeping a comment that hung after the old last value
    (a section heading before the next list item) after the new one."""
    keys = list(mapping.keys())
    comment = mapping.ca.items.pop(keys[-1], None) if keys else None
    mapping[key] = value
    if comment:
        mapping.ca.items[key] = comment


def delete_key(mapping: CommentedMap, key: str) -> None:
    """Remove a key without losing a comment that hangs after it.

    ruamel attaches a comment line that follows a value (such as a section
    heading before the next list item) to that value; when the value goes, the
    comment moves to the key before it.
    """
    keys = list(mapping.keys())
    position = keys.index(key)
    comment = mapping.ca.items.pop(key, None)
    del mapping[key]
    if comment and position > 0:
        previous = keys[position - 1]
        mapping.ca.items[previous] = comment
    elif comment and len(keys) == 1:
        mapping.ca.comment = comment


# -- validated, atomic writes -------------------------------------------------------

def write_atomic(path: Path, text: str) -> None:
    """Write text to path through a temporary file in the same folder and an atomic rename."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def check_papers_text(path: Path, text: str, taxonomy_path: Path) -> None:
    """Validate would-be contents of the papers file with the build's own loader.

    Raises DataError naming ``path`` (not the temporary file) and the line in the new text.
    """
    taxonomy = load_taxonomy(taxonomy_path)
    handle, temporary = tempfile.mkstemp(dir=Path(path).parent, prefix=f".{Path(path).name}.", suffix=".check")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        try:
            load_papers(temporary, taxonomy)
        except DataError as error:
            raise error.renamed(path) from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def write_validated(path: Path, data: Any, taxonomy_path: Path,
                    check: Callable[[Path, str, Path], None] = check_papers_text) -> str:
    """Dump round-trip data, validate it as a papers file, then replace ``path`` atomically."""
    text = dump(data)
    check(Path(path), text, Path(taxonomy_path))
    write_atomic(Path(path), text)
    return text


# -- mkdocs.yml, read without running its tags ------------------------------------------

class _TolerantConstructor(SafeConstructor):
    """Reads mkdocs.yml's plain values; !ENV and !!python/name tags become None or their default."""


def _env(constructor: SafeConstructor, node: Node) -> Any:
    if isinstance(node, SequenceNode) and node.value:
        return constructor.construct_object(node.value[-1])  # the default, as with no variable set
    return None


_TolerantConstructor.add_constructor("!ENV", _env)
_TolerantConstructor.add_multi_constructor("tag:yaml.org,2002:python/", lambda constructor, suffix, node: None)
_TolerantConstructor.add_multi_constructor("!", lambda constructor, suffix, node: None)


def mkdocs_yaml() -> YAML:
    """A reader of mkdocs.yml that runs none of its tags."""
    reader = YAML(typ="safe", pure=True)
    reader.Constructor = _TolerantConstructor
    return reader


def read_mkdocs_config(path: Path) -> dict:
    try:
        value = mkdocs_yaml().load(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise EditError(f"cannot read {path}: {error.strerror or error}") from None
    except RuamelError as error:
        raise EditError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(value, dict):
        raise EditError(f"{path}: expected the MkDocs settings (a mapping)")
    return value
