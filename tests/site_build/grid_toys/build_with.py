"""`python build_with.py TOY mkdocs-args...`: mkdocs build with one of these toys
added to the site's toys (as a fork would add its own), for the build tests."""
import importlib
import sys
from pathlib import Path


def main():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # grid_toys importable, here and in workers
    from place_for_research import toys
    name = sys.argv.pop(1)
    module = importlib.import_module(f"grid_toys.{name}")
    found = toys.names
    toys.names = lambda: sorted({*found(), name})
    original = toys.load
    toys.load = lambda toy: module if toy == name else original(toy)
    from mkdocs.__main__ import cli
    cli()


if __name__ == "__main__":
    main()
