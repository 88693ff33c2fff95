"""The CI templates a data repository copies: the GitHub Actions workflow and the pre-commit
hook. Parsed, and their kssqa commands run on a project, so they cannot drift from the CLI."""

import re
import shlex
import tomllib

import pytest
import yaml
from click.testing import CliRunner

from kssqa import __version__
from kssqa.cli import main

from .conftest import ROOT

WORKFLOW = ROOT / "docs" / "ci" / "kssqa.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps() -> list[dict]:
    [job] = workflow()["jobs"].values()
    return job["steps"]


def run_lines() -> list[str]:
    return [line.strip() for step in steps() for line in step.get("run", "").splitlines()]


def test_workflow_runs_on_push_and_pull_requests_with_upload_sarif_permissions():
    data = workflow()
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads the key `on` as true
    assert {"push", "pull_request"} <= set(triggers)
    permissions = data["permissions"]
    assert permissions["security-events"] == "write" and permissions["contents"] == "read"


def test_workflow_installs_kssqa_from_its_repository_at_the_release_tag():
    [install] = [line for line in run_lines() if line.startswith("pip install")]
    assert install == 'pip install "kssqa @ git+${KSSQA_REPO}@${KSSQA_VERSION}"'
    env = workflow()["env"]
    assert env["KSSQA_REPO"].startswith("https://")
    assert env["KSSQA_VERSION"] == f"v{__version__}"  # the tag of this version
    assert not any(re.fullmatch(r"pip install kssqa\b.*", line) for line in run_lines())


def test_workflow_uploads_the_sarif_file_of_the_reporting_year(project, tmp_path):
    [upload] = [s for s in steps() if s.get("uses", "").startswith("github/codeql-action/")]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    sarif = upload["with"]["sarif_file"]
    assert sarif == "reports/${{ env.YEAR }}/report.sarif"
    assert "always()" in upload["if"]  # a failing check (exit 1) still uploads its findings
    # the year the workflow reads from kssqa.toml, and the file kssqa really writes there
    [year_step] = [s for s in steps() if "GITHUB_ENV" in s.get("run", "")]
    assert '["kssqa"]["year"]' in year_step["run"]
    reports = tmp_path / "reports"
    CliRunner().invoke(
        main, ["check", "--config", str(project.root / "kssqa.toml"), "--reports", str(reports)]
    )
    year = tomllib.loads((project.root / "kssqa.toml").read_text())["kssqa"]["year"]
    assert (reports / sarif.replace("reports/", "").replace("${{ env.YEAR }}", str(year))).is_file()


@pytest.mark.parametrize("source", ["workflow", "hook"])
def test_the_templates_kssqa_commands_are_real_commands(project, monkeypatch, source):
    """Each kssqa command of a template runs on a clean project and passes (exit 0)."""
    if source == "workflow":
        commands = [line for line in run_lines() if line.startswith("kssqa ")]
    else:
        commands = [hook["entry"] for hook in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))]
    assert commands
    monkeypatch.chdir(project.root)
    for command in commands:
        program, *args = shlex.split(command)
        assert program in PYPROJECT["project"]["scripts"]  # the installed console script
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, (command, result.output)


def test_pre_commit_hook_is_kssqa_check_on_the_whole_project():
    [hook] = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "kssqa-check"
    assert hook["language"] == "python"  # pre-commit installs this repository with pip
    assert hook["pass_filenames"] is False  # kssqa reads the whole project
    assert shlex.split(hook["entry"])[:2] == ["kssqa", "check"]
    assert "--no-write" in hook["entry"]  # a hook must not change the working tree
    files = re.compile(hook["files"])
    for path in ["inputs/2025/events.csv", "schemas/events.yaml", "checks/waivers.yaml"]:
        assert files.search(path), path
    assert files.search("kssqa.toml") and not files.search("README.md")


def test_pre_commit_hook_writes_nothing_and_fails_on_errors(project, monkeypatch):
    [hook] = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    project.write(
        "inputs/2025/figures.csv",
        project.root.joinpath("inputs/2025/figures.csv").read_text()
        + "figures.x,Other,8.3.2026,5,count,,q\n",
    )
    monkeypatch.chdir(project.root)
    result = CliRunner().invoke(main, shlex.split(hook["entry"])[1:])
    assert result.exit_code == 1 and "8.3.2026" in result.output
    assert not (project.root / "reports").exists()


def test_readme_points_at_both_templates_and_the_hook_repository_example():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/ci/kssqa.yml" in readme and ".pre-commit-hooks.yaml" in readme
    [config] = [
        yaml.safe_load(block)
        for block in re.findall(r"```yaml\n(.*?)```", readme, flags=re.DOTALL)
        if block.startswith("repos:")
    ]
    [repo] = config["repos"]
    assert repo["rev"] == f"v{__version__}"
    assert [h["id"] for h in repo["hooks"]] == ["kssqa-check"]
