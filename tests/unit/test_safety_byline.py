"""The deployed site cites its own address: the Pages workflow hands the address it finds to the
build as SITE_URL, mkdocs.yml reads it, and the byline cites it (a loopback one never)."""
from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

from place_for_research.builder import byline
from place_for_research.data import yaml_rt

ROOT = Path(__file__).resolve().parents[2]


def test_the_pages_workflow_builds_with_the_pages_address_as_site_url():
    workflow = YAML(typ="safe", pure=True).load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    pages = next(step for step in steps if str(step.get("uses", "")).startswith("actions/configure-pages@"))
    build = next(step for step in steps if "mkdocs build" in str(step.get("run", "")))
    assert build["env"]["SITE_URL"] == "${{ steps." + pages["id"] + ".outputs.base_url }}/"
    assert "!ENV [SITE_URL," in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_this_sites_byline_names_no_placeholder_and_cites_the_published_address(monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://someone.github.io/a-place-for-research/")
    config = yaml_rt.read_mkdocs_config(ROOT / "mkdocs.yml")
    config["site_url"] = "https://someone.github.io/a-place-for-research/"  # as !ENV resolves it in the workflow
    essay = byline.from_config(config)
    assert "authors" not in essay.author.lower()
    assert byline.plain_citation(essay).endswith(" https://someone.github.io/a-place-for-research/")
    assert "\\url{https://someone.github.io/a-place-for-research/}" in byline.bibtex(essay)
    config["site_url"] = "http://127.0.0.1:8000/"
    assert "127.0.0.1" not in byline.cite_block(byline.from_config(config))
