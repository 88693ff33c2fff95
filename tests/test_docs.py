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


def test_checks_readme_kinds_table_is_generated_from_the_kinds():
    """The kinds table of checks/README.md is what the registered kinds say of themselves:
    adding a kind is its module, its test, and regenerating the docs."""
    import re

    from kssqa.explain import TABLE_END, TABLE_START, kinds_table
    from kssqa.kinds import KINDS

    text = (ROOT / "checks" / "README.md").read_text(encoding="utf-8")
    table = text[text.index(TABLE_START) : text.index(TABLE_END) + len(TABLE_END)]
    assert table == kinds_table(), "regenerate the table with: kssqa explain --table"
    listed = re.findall(r"^\| `([a-z_]+)` \|", table, flags=re.MULTILINE)
    assert listed == list(KINDS)


def test_explain_and_list_speak_the_language_asked_for():
    from click.testing import CliRunner

    from kssqa.cli import main
    from kssqa.kinds import KINDS

    for name, kind in KINDS.items():
        assert kind.title_en and kind.title_en != kind.title, name
    english = CliRunner().invoke(main, ["explain", "sum", "--lang", "en"]).output
    assert english.startswith(f"# sum — {KINDS['sum'].title_en}")
    norwegian = CliRunner().invoke(main, ["explain", "--lang", "nb"]).output
    assert KINDS["sum"].title in norwegian
