"""One YAML reader: a fence's body is read as a data file is (safe_yaml, ruamel, YAML 1.2),
so the two agree on duplicate keys, anchors and aliases, tags and what is a number."""
from __future__ import annotations

import pytest

from place_for_research.data import safe_yaml
from place_for_research.builder.fence_options import FenceError, parse_options

KNOWN = ("view", "papers", "reveal", "height")


@pytest.mark.parametrize("body", [
    "view: plane\nview: line\n",                   # a key twice
    "view: &v plane\npapers: *v\n",                # an anchor and an alias
    "view: !!python/name:os.system plane\n",       # a tag
])
def test_what_a_data_file_refuses_a_fence_refuses(body):
    _, _, problems = safe_yaml.read(body, "data.yml")
    assert problems
    with pytest.raises(FenceError, match="not valid YAML"):
        parse_options(body, KNOWN)


def test_numbers_and_words_read_the_same_in_a_fence_and_a_data_file():
    body = "view: no\nreveal: yes\nheight: 1e3\npapers: [0x10, 1_000, 2.50]\n"
    value, _, problems = safe_yaml.read(body, "data.yml")
    assert not problems
    assert parse_options(body, KNOWN) == value == {"view": "no", "reveal": "yes", "height": 1000.0,
                                                   "papers": [16, 1000, 2.5]}


def test_no_code_of_ours_reads_yaml_with_pyyaml():
    """PyYAML stays installed only because MkDocs and pymdown-extensions require it (to read
    mkdocs.yml); nothing of ours imports it, so every YAML we read goes through ruamel."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    importers = []
    for path in [*root.joinpath("src").rglob("*.py"), *root.joinpath("scripts").rglob("*.py"), *root.joinpath("tests").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(name == "yaml" or name.startswith("yaml.") for name in names):
                importers.append(f"{path.relative_to(root)}:{node.lineno}")
    assert not importers, f"PyYAML imported by {importers}: read YAML with place_for_research.data.safe_yaml"
    requirements = root.joinpath("requirements-build.in").read_text(encoding="utf-8").lower()
    assert "pyyaml" not in requirements, "PyYAML is pinned as our own requirement"
