"""Where "Add my map to the readers' map" sends a map: read from mkdocs.yml at build."""
from __future__ import annotations

import pytest

from place_for_research import send_map


class Config(dict):
    """What send_map reads of MkDocs' config: keys, and the config file's path."""

    def __init__(self, folder, **values):
        super().__init__(docs_dir=str(folder / "docs"), **values)
        self.config_file_path = str(folder / "mkdocs.yml")


def test_a_github_repo_url_gives_the_repository_the_edit_uris_branch_and_the_readers_folder(tmp_path):
    config = Config(tmp_path, repo_url="https://github.com/owner/my.repo.git", edit_uri="edit/trunk/docs/",
                    extra={"research": {"readers": "data/maps/"}})
    assert send_map.target(config) == {"folder": "docs/data/maps", "max_url": 8000, "repo": "owner/my.repo",
                                       "branch": "trunk"}


def test_without_an_edit_uri_the_branch_is_main_and_without_a_github_repo_there_is_no_repository(tmp_path):
    assert send_map.target(Config(tmp_path, repo_url="https://github.com/owner/repo/"))["branch"] == "main"
    for other in (None, "", "https://gitlab.com/owner/repo", "https://github.com/owner", "javascript:alert(1)"):
        assert send_map.target(Config(tmp_path, repo_url=other)) == {"folder": "docs/data/readers", "max_url": 8000}


@pytest.mark.parametrize("folder", ["../secrets", "data/<b>", "a//b", "data/readers/.."])
def test_a_readers_folder_outside_docs_or_with_odd_characters_is_refused(tmp_path, folder):
    with pytest.raises(ValueError, match="extra.research.readers"):
        send_map.target(Config(tmp_path, extra={"research": {"readers": folder}}))
