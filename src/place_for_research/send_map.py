"""Where a reader's map goes when they press "Add my map to the readers' map".

The build puts this into the widget's catalogue.json (never read from the page's
address): the GitHub repository named by mkdocs.yml's ``repo_url``, the branch
``edit_uri`` names (else ``main``), and the readers' folder inside the repository
(``extra.research.readers`` inside docs_dir, default ``data/readers``; the
readers' map reads the same key). Without a GitHub ``repo_url`` only the folder
is given, and the widget downloads the file and says where to send it.
"""
from __future__ import annotations

import os
import re
from typing import Any

READERS_DEFAULT = "data/readers"
# GitHub's new-file page takes the file in its address; browsers and GitHub accept far longer
# addresses, but proxies and servers commonly stop at 8 kB, so longer maps are downloaded instead.
MAX_URL = 8000

_GITHUB = re.compile(r"^https://github\.com/([A-Za-z0-9][A-Za-z0-9-]{0,38})/([A-Za-z0-9._-]{1,100}?)(?:\.git)?/?$")
_BRANCH = re.compile(r"^/?(?:edit|blob|tree)/([A-Za-z0-9._/-]+?)/")
_FOLDER = re.compile(r"^[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*$")


def readers_folder(config: Any) -> str:
    """The readers' folder inside docs/, as mkdocs.yml's extra.research.readers names it."""
    research = (config.get("extra") or {}).get("research") or {}
    folder = str(research.get("readers") or READERS_DEFAULT).strip("/")
    if not _FOLDER.match(folder):
        raise ValueError(f"extra.research.readers: {folder!r} must be a folder inside docs/ "
                         "(letters, digits, - and _, separated by /)")
    return folder


def target(config: Any) -> dict[str, Any]:
    """The send settings the widget reads from catalogue.json."""
    docs_dir = config.get("docs_dir") or "docs"
    config_file = getattr(config, "config_file_path", None) or ""
    docs = os.path.relpath(docs_dir, os.path.dirname(os.path.abspath(config_file))) if config_file else "docs"
    docs = "docs" if docs.startswith("..") else docs.replace(os.sep, "/").strip("/")
    folder = "/".join(part for part in (docs if docs != "." else "", readers_folder(config)) if part)
    out: dict[str, Any] = {"folder": folder, "max_url": MAX_URL}
    match = _GITHUB.match(str(config.get("repo_url") or ""))
    if match:
        branch = _BRANCH.match(str(config.get("edit_uri") or ""))
        out["repo"] = f"{match.group(1)}/{match.group(2)}"
        out["branch"] = branch.group(1) if branch else "main"
    return out
