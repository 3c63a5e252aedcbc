"""Where "Add my map to the readers' map" sends a map: read from mkdocs.yml at build (the readers'
folder is the one the readers' map checks: readers.folder_of, tested in test_readers.py)."""
from __future__ import annotations

from place_for_research.builder import send_map


def test_a_github_repo_url_gives_the_repository_the_edit_uris_branch_and_the_readers_folder():
    config = {"repo_url": "https://github.com/owner/my.repo.git", "edit_uri": "edit/trunk/docs/"}
    assert send_map.target(config, "docs/data/maps") == {"folder": "docs/data/maps", "max_url": 8000,
                                                         "repo": "owner/my.repo", "branch": "trunk"}


def test_without_an_edit_uri_the_branch_is_main_and_without_a_github_repo_there_is_no_repository():
    assert send_map.target({"repo_url": "https://github.com/owner/repo/"}, "docs/data/readers")["branch"] == "main"
    for other in (None, "", "https://gitlab.com/owner/repo", "https://github.com/owner", "javascript:alert(1)"):
        assert send_map.target({"repo_url": other}, "docs/data/readers") == {"folder": "docs/data/readers",
                                                                            "max_url": 8000}
