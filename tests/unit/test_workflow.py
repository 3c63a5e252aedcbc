"""The GitHub Pages workflow: it parses, builds with the project's own pinned setup, and deploys."""
from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    # yaml.safe_load is YAML 1.1: the key `on` reads as True.
    loaded = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    if True in loaded:
        loaded["on"] = loaded.pop(True)
    return loaded


def steps(job: dict) -> list[dict]:
    return job["steps"]


def uses(job: dict, action: str) -> dict:
    found = [s for s in steps(job) if str(s.get("uses", "")).split("@")[0] == action]
    assert len(found) == 1, f"expected one step using {action}, found {len(found)}"
    return found[0]


def test_runs_on_push_to_main_and_by_hand(workflow):
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in workflow["on"]


def test_has_the_permissions_and_concurrency_pages_needs(workflow):
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"] == "pages"
    assert workflow["concurrency"]["cancel-in-progress"] is False


def test_every_action_is_pinned_to_a_major_version(workflow):
    for job in workflow["jobs"].values():
        for step in steps(job):
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+@v[0-9]+", step["uses"]), step["uses"]


def test_build_uses_the_projects_pinned_setup(workflow):
    build = workflow["jobs"]["build"]
    python = uses(build, "actions/setup-python")
    node = uses(build, "actions/setup-node")
    assert str(python["with"]["python-version"]) == "3.11"
    assert str(node["with"]["node-version"]) == "20"
    # The same versions the project asks for elsewhere.
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert requires == ">=3.11"
    setup = (ROOT / "scripts" / "setup.sh").read_text()
    assert "sys.version_info < (3, 11)" in setup and '< 20' in setup

    runs = [step["run"] for step in steps(build) if "run" in step]
    assert "bash scripts/setup.sh" in runs, "install with the project's script (requirements.txt, npm ci)"
    assert (ROOT / "scripts" / "setup.sh").is_file()
    order = [step.get("uses", step.get("run", "")).split("@")[0] for step in steps(build)]
    assert order.index("actions/checkout") < order.index("actions/setup-python") < order.index("bash scripts/setup.sh")


def test_build_is_strict_and_uploads_what_it_built(workflow):
    build = workflow["jobs"]["build"]
    [command] = [s for s in steps(build) if "mkdocs build" in str(s.get("run", ""))]
    argv = shlex.split(command["run"])
    assert argv[:3] == [".venv/bin/mkdocs", "build", "--strict"]
    site_dir = argv[argv.index("--site-dir") + 1] if "--site-dir" in argv else "site"
    # mkdocs.yml's site_url comes from SITE_URL, which the workflow takes from configure-pages.
    assert command["env"]["SITE_URL"].startswith("${{ steps.pages.outputs.base_url }}")
    assert "!ENV [SITE_URL" in (ROOT / "mkdocs.yml").read_text()
    configure = uses(build, "actions/configure-pages")
    assert configure["id"] == "pages"
    upload = uses(build, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == site_dir
    order = [id(s) for s in steps(build)]
    assert order.index(id(configure)) < order.index(id(command)) < order.index(id(upload))


def test_deploy_job_publishes_the_artifact(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    step = uses(deploy, "actions/deploy-pages")
    assert deploy["environment"]["url"] == "${{ steps.%s.outputs.page_url }}" % step["id"]
