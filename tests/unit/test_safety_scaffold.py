"""`place-for-research new` under hostile or unlucky input: a backup is never written over, and
values reach Python, YAML and Markdown through their own quoting, substituted once."""
from __future__ import annotations

import ast
from pathlib import Path

from ruamel.yaml import YAML
from test_cli_new import config, essay_title_in_tests, fork, run  # noqa: F401 (fork is a fixture)

ORIGINAL = "The original essay, in the author's own words.\n"


def test_new_then_new_force_in_the_same_second_keep_two_backups(fork, capsys, monkeypatch):  # noqa: F811
    # One frozen clock: both runs fall in the same second, as two quick runs do.
    import datetime as real

    class Frozen(real.datetime):
        @classmethod
        def now(cls, tz=None):
            return real.datetime(2026, 12, 6, 11, 0, 0)

    monkeypatch.setattr("place_for_research.fork.scaffold._dt.datetime", Frozen)
    (fork / "docs" / "index.md").write_text(ORIGINAL, encoding="utf-8")
    assert run(capsys, "new", "--dir", fork, "--title", "First", "--author", "A")[0] == 0
    assert run(capsys, "new", "--dir", fork, "--title", "Second", "--author", "B", "--force")[0] == 0
    backups = sorted((fork / ".cache" / "place-for-research").glob("before-new-*"))
    assert len(backups) == 2, backups
    essays = [(folder / "docs" / "index.md").read_text(encoding="utf-8") for folder in backups]
    assert ORIGINAL in essays, "the first run's backup of the original essay was written over"
    assert any("First" in text for text in essays)


def test_a_title_that_names_a_placeholder_is_written_as_it_is(fork, capsys):  # noqa: F811
    title = "{{description_yaml}} and {{title_python}}"
    description = "x\nimport os; os.system('touch PWNED')  #"
    code, _, err = run(capsys, "new", "--dir", fork, "--title", title, "--author", "A {{author}}",
                       "--description", description)
    assert code == 0, err
    tests = (fork / "tests" / "essay" / "test_this_essay.py").read_text(encoding="utf-8")
    assert "os.system" not in tests
    assert essay_title_in_tests(fork) == title
    assert not (fork / "PWNED").exists()
    essay = (fork / "docs" / "index.md").read_text(encoding="utf-8")
    front = YAML(typ="safe", pure=True).load(essay.split("---")[1])
    assert front["title"] == title
    assert front["description"] == " ".join(description.split())
    assert f"# {title}\n" in essay
    about = (fork / "docs" / "about.md").read_text(encoding="utf-8")
    assert "by A {{author}}" in about
    assert config(fork)["site_name"] == title


def test_values_reach_python_as_one_string_literal(fork, capsys):  # noqa: F811
    title = "a\"\"\" + __import__('os').getcwd() + \"\"\"b ''' \\"
    assert run(capsys, "new", "--dir", fork, "--title", title, "--author", "A")[0] == 0
    tree = ast.parse((fork / "tests" / "essay" / "test_this_essay.py").read_text(encoding="utf-8"))
    assigned = [node for node in tree.body if isinstance(node, ast.Assign) and node.targets[0].id == "TITLE"]
    assert isinstance(assigned[0].value, ast.Constant) and assigned[0].value.value == title


def test_markup_in_a_title_or_author_reaches_the_pages_as_text(fork, capsys):  # noqa: F811
    title, author = "<script>window.__pwned=1</script>", 'Ada "The Countess" <ada@example.org>'
    assert run(capsys, "new", "--dir", fork, "--title", title, "--author", author)[0] == 0
    for page in ("index.md", "about.md"):
        text = (fork / "docs" / page).read_text(encoding="utf-8")
        body = text.split("---", 2)[-1]
        assert "<script>" not in body and "<ada@example.org>" not in body, page
    settings = config(fork)
    assert settings["site_author"] == author
    assert "&lt;ada@example.org&gt;" in settings["copyright"] and "<ada@" not in settings["copyright"]


def test_the_template_is_filled_in_one_pass(tmp_path: Path):
    from place_for_research.fork import scaffold
    filled = scaffold.fill("{{a}} then {{b}}", {"a": "{{b}}", "b": "B"}, "x")
    assert filled == "{{b}} then B"
