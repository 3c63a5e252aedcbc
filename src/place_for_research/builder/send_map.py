"""Where a reader's map goes when they press "Add my map to the readers' map".

The build puts this into the widget's catalogue.json (never read from the page's
address): the GitHub repository named by mkdocs.yml's ``repo_url``, the branch
``edit_uri`` names (else ``main``), and the readers' folder inside the repository
(``extra.research.readers`` inside docs_dir, default ``data/readers``; the
readers' map reads the same key). Without a GitHub ``repo_url`` only the folder
is given, and the widget downloads the file and says where to send it.
"""
from __future__ import annotations

import re
from typing import Any

# GitHub's new-file page takes the file in its address; browsers and GitHub accept far longer
# addresses, but proxies and servers commonly stop at 8 kB, so longer maps are downloaded instead.
MAX_URL = 8000

_GITHUB = re.compile(r"^https://github\.com/([A-Za-z0-9][A-Za-z0-9-]{0,38})/([A-Za-z0-9._-]{1,100}?)(?:\.git)?/?$")
_BRANCH = re.compile(r"^/?(?:edit|blob|tree)/([A-Za-z0-9._/-]+?)/")


def target(config: Any, folder: str) -> dict[str, Any]:
    """The send settings the widget reads from catalogue.json; folder is the readers' folder as the
    repository names it (the readers' map found it: build_context.readers_folder())."""
    out: dict[str, Any] = {"folder": folder, "max_url": MAX_URL}
    match = _GITHUB.match(str(config.get("repo_url") or ""))
    if match:
        branch = _BRANCH.match(str(config.get("edit_uri") or ""))
        out["repo"] = f"{match.group(1)}/{match.group(2)}"
        out["branch"] = branch.group(1) if branch else "main"
    return out
