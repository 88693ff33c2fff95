"""What the README promises a new user is true: its commands, its counts, its examples."""

import re
from datetime import date

from kssqa.api import run
from kssqa.config import load_config
from kssqa.findings import Severity
from kssqa.waivers import load_waivers

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def fenced(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_the_two_set_up_commands_are_the_check_and_the_test_command_ci_runs():
    commands = [block.strip() for block in fenced("sh")]
    assert "pip install -e . && kssqa check" in commands
    assert "pip install -e '.[test]' && python -m pytest" in commands
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^python -m pytest$", ci, flags=re.MULTILINE)  # the README's test command
    assert "python3 -m venv .venv" in README and "externally-managed-environment" in README


def test_the_bundled_data_fails_with_about_a_dozen_errors_as_the_readme_says():
    """The README says "about a dozen errors" and exit code 1: keep it true, not exact."""
    assert "about a dozen errors" in README and "exit code 1" in README
    report = run(load_config(ROOT / "kssqa.toml"))
    assert report.exit_code() == 1
    assert 8 <= report.count(Severity.ERROR) <= 16, "update the README's 'about a dozen errors'"


def test_the_readme_example_waiver_is_valid_and_not_expired(tmp_path):
    """An editor copies the example today: it must load, and must not have expired (when this
    fails, move the README's example expiry on)."""
    [example] = [block for block in fenced("yaml") if block.startswith("waivers:")]
    (tmp_path / "waivers.yaml").write_text(example, encoding="utf-8")
    [waiver] = load_waivers(tmp_path, "README.md")
    assert waiver.expires >= date.today()
    [command] = [line for line in README.splitlines() if line.startswith("kssqa waive ")]
    assert waiver.fingerprint in command
    assert f"--expires {waiver.expires.isoformat()}" in README


def test_the_readme_lists_the_reconciliation_columns_in_order():
    from kssqa.render.machine import RECONCILIATION_COLUMNS

    paragraph = README[README.index("Its columns —") :].split("keep their names")[0]
    assert tuple(re.findall(r"`([a-z_]+)`", paragraph)) == RECONCILIATION_COLUMNS
