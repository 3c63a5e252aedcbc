"""A toy whose source does not import stops the build with the toy, the error
and its file and line, in a line, not a traceback through MkDocs."""
from __future__ import annotations

import importlib
import sys

import pytest
from mkdocs.exceptions import PluginError

from place_for_research import toys
from place_for_research.builder import mkdocs_hooks


@pytest.mark.parametrize("source, expected", [
    ("CONTROLS = (\n\ndef run(:\n    pass\n", "(at broken_toy.py:"),
    ("import math\n\nVALUE = 1 / 0\n", "ZeroDivisionError: division by zero (at broken_toy.py:3)"),
])
def test_a_toy_that_does_not_import_is_named_in_a_line(tmp_path, monkeypatch, source, expected):
    (tmp_path / "broken_toy.py").write_text(source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(toys, "names", lambda: ["broken_toy"])
    monkeypatch.setattr(toys, "load", lambda name: importlib.import_module(name))
    sys.modules.pop("broken_toy", None)
    with pytest.raises(PluginError) as caught:
        mkdocs_hooks.imported_toys()
    message = str(caught.value)
    assert message.startswith("Toy 'broken_toy' cannot be imported: ") and expected in message
    assert "\n" not in message
