"""The docs come from the code: docs/kinds.md is what `kssqa explain --markdown` prints."""

from kssqa.explain import kinds_markdown

from .conftest import ROOT


def test_kinds_reference_is_up_to_date():
    text = (ROOT / "docs" / "kinds.md").read_text(encoding="utf-8")
    assert text == kinds_markdown(), "regenerate with: kssqa explain --markdown > docs/kinds.md"


def test_every_cli_command_has_help():
    from click.testing import CliRunner

    from kssqa.cli import main

    for name, command in main.commands.items():
        assert command.help, name
        assert CliRunner().invoke(main, [name, "--help"]).exit_code == 0


def test_checks_readme_lists_every_kind():
    """The kinds table of checks/README.md has a row for each registered kind, and no other."""
    import re

    from kssqa.kinds import KINDS

    text = (ROOT / "checks" / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z_]+)` \|", text, flags=re.MULTILINE))
    assert listed == set(KINDS)
