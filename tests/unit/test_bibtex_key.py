"""The essay's BibTeX key is ASCII letters and digits whatever the author's
script: other alphabets are transliterated, not dropped."""
import datetime as dt

import pytest

from place_for_research.builder.byline import Byline


def key(author: str, title: str = "A place for research") -> str:
    return Byline(title=title, author=author, url="https://example.org/", date=dt.date(2026, 1, 2), abstract="").bibtex_key


@pytest.mark.parametrize("author, expected", [
    ("Ana Kovač", "kovac2026place"),
    ("张伟", "zhangwei2026place"),
    ("Jörg Müller", "muller2026place"),
    ("Иван Петров", "petrov2026place"),
    ("", "anon2026place"),
])
def test_a_name_in_any_script_gives_an_ascii_key(author, expected):
    assert key(author) == expected


def test_a_title_in_another_script_is_transliterated_too():
    assert key("Ana Kovač", "Место для исследований") == "kovac2026mesto"
    assert key("Ana Kovač", "研究").isascii()
