"""The GitHub Pages workflow: it parses, builds with the project's own pinned setup (the
build's packages only), deploys, and holds the project's security policy, checked offline:
zizmor (static analysis of GitHub Actions) finds nothing, every action is an official one
pinned to a commit with its version in a comment, each job has only the permissions it
needs, and checkout keeps no credentials."""
from __future__ import annotations

import importlib.metadata
import json
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from packaging.markers import default_environment
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
TEST_ONLY = {"pytest", "playwright", "zizmor"}


@pytest.fixture(scope="module")
def workflow() -> dict:
    # YAML 1.2 reads the key `on` as text; a YAML 1.1 reader would make it True.
    loaded = YAML(typ="safe", pure=True).load(WORKFLOW.read_text(encoding="utf-8"))
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


def test_zizmor_finds_nothing_offline():
    """zizmor's strictest persona, without network (no online audits)."""
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    assert zizmor, "zizmor is in requirements.txt: run make setup-test"
    result = subprocess.run([zizmor, "--offline", "--persona=auditor", "--format=json", str(WORKFLOW)],
                            capture_output=True, text=True, timeout=120)
    findings = json.loads(result.stdout or "null")
    assert result.returncode == 0 and findings == [], result.stdout + result.stderr


def test_each_job_has_only_the_permissions_it_needs(workflow):
    assert workflow["permissions"] == {}  # nothing granted to the whole workflow
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"] == "pages"
    assert workflow["concurrency"]["cancel-in-progress"] is False


def test_every_action_is_official_and_pinned_to_a_commit_with_its_version():
    lines = [line for line in WORKFLOW.read_text(encoding="utf-8").splitlines() if re.match(r"\s*(- )?uses:", line)]
    assert len(lines) == 7
    for line in lines:
        assert re.fullmatch(r"\s*(- )?uses: actions/[a-z-]+@[0-9a-f]{40} # v[0-9]+\.[0-9]+\.[0-9]+", line), line


def test_checkout_keeps_no_credentials(workflow):
    checkout = uses(workflow["jobs"]["build"], "actions/checkout")
    assert checkout["with"]["persist-credentials"] is False


def test_build_uses_a_current_node_lts_and_the_projects_python(workflow):
    build = workflow["jobs"]["build"]
    node = str(uses(build, "actions/setup-node")["with"]["node-version"])
    # An even major (LTS line) no older than 24: Node 20 left maintenance in April 2026.
    assert re.fullmatch(r"[0-9]+", node) and int(node) % 2 == 0 and int(node) >= 24, node
    assert str(uses(build, "actions/setup-python")["with"]["python-version"]) == "3.11"
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert requires == ">=3.11"
    setup = (ROOT / "scripts" / "setup.sh").read_text()
    assert "sys.version_info < (3, 11)" in setup and "< 18" in setup  # the floor a newcomer needs


def test_build_installs_only_what_the_build_needs(workflow):
    build = workflow["jobs"]["build"]
    runs = [step["run"] for step in steps(build) if "run" in step]
    assert "bash scripts/setup.sh" in runs, "install with the project's script, without --with-browser"
    assert not any("--with-browser" in run or "requirements.txt" in run or "pip install" in run for run in runs)
    order = [step.get("uses", step.get("run", "")).split("@")[0] for step in steps(build)]
    assert order.index("actions/checkout") < order.index("actions/setup-python") < order.index("bash scripts/setup.sh")
    cache = uses(build, "actions/cache")
    assert "requirements-build.txt" in cache["with"]["key"]


def requirement_names(path: Path) -> dict[str, str]:
    """name -> the pinned line, for a requirements file (its -r includes followed)."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r "):
            found.update(requirement_names(path.parent / line[3:].strip()))
        elif line:
            found[normalise(Requirement(line).name)] = line
    return found


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(names: list[str]) -> set[str]:
    """Every package the named ones need (as installed here), themselves included;
    extras followed (nbconvert needs bleach[css], which needs tinycss2)."""
    environment, seen, todo = default_environment(), set(), [(name, "") for name in names]
    while todo:
        name, extra = todo.pop()
        if (normalise(name), extra) in seen:
            continue
        seen.add((normalise(name), extra))
        for text in importlib.metadata.distribution(name).requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({**environment, "extra": extra}):
                todo += [(requirement.name, each) for each in ("", *requirement.extras)]
    return {name for name, _ in seen}


def test_the_requirements_are_split_into_build_and_test():
    build = requirement_names(ROOT / "requirements-build.txt")
    everything = requirement_names(ROOT / "requirements.txt")
    assert "-r requirements-build.txt" in (ROOT / "requirements.txt").read_text()
    assert "-r requirements-build.in" in (ROOT / "requirements.in").read_text()
    assert all("==" in line for line in everything.values()), "every package pinned"
    assert not TEST_ONLY & set(build), "the deploy installs no test tools"
    assert TEST_ONLY <= set(everything)
    # The build's pinned set is complete: everything requirements-build.in asks for, and
    # all they depend on, is in requirements-build.txt.
    tops = list(requirement_names(ROOT / "requirements-build.in"))
    missing = closure(tops) - set(build)
    assert not missing, f"requirements-build.txt lacks {sorted(missing)} (run make lock)"


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
