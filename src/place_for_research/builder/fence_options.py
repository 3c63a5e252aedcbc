"""What every custom fence (```spectrum, ```toy, ```reading, ```order) shares: its body
read as `key: value` options, with the same YAML reader as the data files."""
from __future__ import annotations

from place_for_research.data import safe_yaml


class FenceError(ValueError):
    option: str | None = None  # the option at fault, where there is one


def parse_options(source: str, known: tuple[str, ...]) -> dict:
    """A fence's `key: value` body; FenceError (its ``option`` the first unknown key) otherwise."""
    # Read as a data file is (safe_yaml): the same numbers, and no aliases, tags or duplicate keys.
    options, _, problems = safe_yaml.read(source, "fence")
    if problems:
        raise FenceError(f"fence options are not valid YAML: {problems[0].field}: {problems[0].message}")
    options = options or {}
    if not isinstance(options, dict):
        raise FenceError("fence options must be `key: value` lines")
    unknown = sorted(str(key) for key in options if key not in known)
    if unknown:
        error = FenceError(f"unknown option(s) {', '.join(map(repr, unknown))} (known: {', '.join(known)})")
        error.option = unknown[0]
        raise error
    return options


def validate_options(language, inputs, options, attrs, md):
    """superfences validator: accept the fence; options are read from its body."""
    return True
