import json
import subprocess
import sys

from click.testing import CliRunner

from kssqa import __version__
from kssqa.cli import main


def invoke(*args):
    return CliRunner().invoke(main, list(args))


def test_version_and_help():
    assert invoke("--version").output.strip() == f"kssqa, version {__version__}"
    result = invoke("--help")
    assert result.exit_code == 0 and "check" in result.output
    assert "Exit codes" in result.output
    assert invoke("check", "--help").exit_code == 0


def test_python_dash_m_works():
    result = subprocess.run(
        [sys.executable, "-m", "kssqa", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and __version__ in result.stdout


def test_clean_project_exits_zero(project):
    result = invoke("check", "--config", str(project.root / "kssqa.toml"))
    assert result.exit_code == 0, result.output
    assert "0 feil" in result.output


def test_findings_exit_one_with_file_row_column(project):
    project.write(
        "inputs/2025/figures.csv",
        project.root.joinpath("inputs/2025/figures.csv").read_text()
        + "figures.x,Other,8.3.2026,5,count,,q\n",
    )
    result = invoke("check", "--config", str(project.root / "kssqa.toml"), "--lang", "en")
    assert result.exit_code == 1
    assert "inputs/2025/figures.csv:5:date: error: the date «8.3.2026»" in result.output
    assert "suggestion: 8.3.2025" in result.output


def test_year_override_refuses_a_configuration_pinned_to_another_year(project):
    result = invoke("check", "--config", str(project.root / "kssqa.toml"), "--year", "2024")
    assert result.exit_code == 2
    assert "inputs = 'inputs/2025' names the inputs of one year" in result.output
    assert "Traceback" not in result.output


def test_year_override_selects_that_years_folder_and_window(project):
    config = project.root / "kssqa.toml"
    config.write_text('[kssqa]\nyear = 2025\ninputs = "inputs/$year"\n', encoding="utf-8")
    other = project.root / "inputs" / "2024"
    other.mkdir()
    (other / "figures.csv").write_bytes((project.root / "inputs/2025/figures.csv").read_bytes())
    result = invoke("check", "--config", str(config), "--year", "2024", "--no-write")
    assert result.exit_code == 1
    assert "inputs/2024/figures.csv:2:date" in result.output
    assert "«14.1.2025» ligger utenfor perioden 01.01.2024–31.12.2024" in result.output


def test_year_without_inputs_is_a_clear_error(project):
    config = project.root / "kssqa.toml"
    config.write_text('[kssqa]\nyear = 2025\ninputs = "inputs/$year"\n', encoding="utf-8")
    result = invoke("check", "--config", str(config), "--year", "2031")
    assert result.exit_code == 2
    assert "inputs/2031 of 2031 does not exist (years with inputs: 2025)" in result.output


def test_inputs_folder_of_another_year_is_refused(project):
    result = invoke(
        "check",
        "--config",
        str(project.root / "kssqa.toml"),
        "--inputs",
        str(project.root / "inputs/2025"),
        "--year",
        "2026",
    )
    assert result.exit_code == 2
    assert "is the folder of 2025, but the reporting year is 2026" in result.output


def test_config_is_found_from_a_subfolder(project, monkeypatch):
    monkeypatch.chdir(project.root / "inputs" / "2025")
    result = invoke("check", "--no-write", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["run"]["settings"]["inputs"] == "inputs/2025"


def test_inputs_override(project):
    other = project.root / "other"
    other.mkdir()
    (other / "figures.csv").write_text("key,section,date,value,unit,email,quote\n")
    result = invoke(
        "check", "--config", str(project.root / "kssqa.toml"), "--inputs", str(other), "-q"
    )
    assert result.exit_code == 0, result.output


def test_missing_config_exits_two_without_traceback(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("check")
    assert result.exit_code == 2
    assert "kssqa.toml" in result.output
    assert "Traceback" not in result.output


def test_bad_input_exits_two_and_still_reports_the_rest(project):
    project.write(
        "schemas/other.yaml", "table: other\nfile: other.csv\ncolumns:\n  n: {type: integer}\n"
    )
    project.write_bytes("inputs/2025/other.csv", "n\nBjørn\n".encode("cp1252"))
    project.write(
        "inputs/2025/figures.csv",
        project.root.joinpath("inputs/2025/figures.csv").read_text()
        + "figures.x,Other,8.3.2026,5,count,,q\n",
    )
    before = {p: p.read_bytes() for p in (project.root / "inputs/2025").iterdir()}
    result = invoke("check", "--config", str(project.root / "kssqa.toml"), "--lang", "en")
    assert result.exit_code == 2
    assert "inputs/2025/other.csv:2: error: the file is not valid UTF-8" in result.output
    assert "inputs/2025/figures.csv:5:date" in result.output
    assert "Traceback" not in result.output
    assert {p: p.read_bytes() for p in before} == before  # inputs are never modified


def test_unknown_schema_option_exits_two(project):
    project.write("schemas/bad.yaml", "table: t\nfile: t.csv\ncolumns:\n  a: {type: txt}\n")
    result = invoke("check", "--config", str(project.root / "kssqa.toml"))
    assert result.exit_code == 2
    assert "bad.yaml" in result.output and "unknown type" in result.output


def test_bad_config_values_exit_two(project):
    project.write("kssqa.toml", '[kssqa]\nyear = "2025"\n')
    assert invoke("check", "--config", str(project.root / "kssqa.toml")).exit_code == 2
    project.write("kssqa.toml", "[kssqa]\nyear = 2025\n[csv]\nencoding = 'nope'\n")
    result = invoke("check", "--config", str(project.root / "kssqa.toml"))
    assert result.exit_code == 2 and "encoding" in result.output


def test_console_script_hides_internal_errors(project, monkeypatch):
    import kssqa.api
    import kssqa.cli as cli

    def boom(config, only, skip):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(kssqa.api, "run", boom)
    monkeypatch.setattr(
        sys, "argv", ["kssqa", "check", "--config", str(project.root / "kssqa.toml")]
    )
    try:
        cli.entry()
    except SystemExit as exit:
        assert exit.code == 2
    else:  # pragma: no cover
        raise AssertionError("entry() must exit")


def write_sum_check(project, total="figures.a", parts="[figures.c]"):
    project.write(
        "checks/c.yaml",
        f"checks:\n  - {{id: fig.sum, kind: sum, title: Sum, total: {total}, parts: {parts}}}\n",
    )


def test_list_shows_the_checks(project):
    write_sum_check(project)
    result = invoke("list", "--config", str(project.root / "kssqa.toml"))
    assert result.exit_code == 0
    assert "fig.sum" in result.output and "checks/c.yaml" in result.output


def test_explain_prints_the_kind_documentation():
    result = invoke("explain", "sum")
    assert result.exit_code == 0
    for heading in ("What it does", "Why it matters", "Example (fails)", "Example (passes)", "Fix"):
        assert heading in result.output
    assert invoke("explain").exit_code == 0
    unknown = invoke("explain", "summ")
    assert unknown.exit_code == 2 and "did you mean sum" in unknown.output


def test_only_and_skip(project):
    write_sum_check(project, parts="[figures.b]")  # 1 814 vs 44 %: fails
    config = str(project.root / "kssqa.toml")
    result = invoke("check", "--config", config, "--only", "fig.sum", "--lang", "en")
    assert result.exit_code == 1
    assert "error: [fig.sum] figures.a: 44% = [43.5, 44.5], but the printed total is 1 814" in (
        result.output
    )
    assert "schema" not in result.output and "0 checks passed" in result.output
    assert invoke("check", "--config", config, "--skip", "sum").exit_code == 0
    bad = invoke("check", "--config", config, "--only", "nope")
    assert bad.exit_code == 2 and "neither a check id nor a kind" in bad.output


def test_check_open_launches_the_written_report(project, monkeypatch):
    opened = []
    monkeypatch.setattr("click.launch", lambda url, **kw: opened.append(url) or 0)
    project.write(
        "inputs/2025/figures.csv",
        project.root.joinpath("inputs/2025/figures.csv").read_text()
        + "figures.x,Other,8.3.2026,5,count,,q\n",
    )
    result = invoke("check", "--config", str(project.root / "kssqa.toml"), "--open")
    assert result.exit_code == 1  # opening the report changes nothing in the verdict
    report = project.root / "reports" / "2025" / "report.html"
    assert opened == [str(report)] and report.is_file()
    assert "could not open" not in result.output


def test_check_open_without_a_browser_says_where_the_report_is(project, monkeypatch):
    monkeypatch.setattr("click.launch", lambda url, **kw: 1)  # xdg-open missing: a server, CI
    result = invoke("check", "--config", str(project.root / "kssqa.toml"), "--open")
    assert result.exit_code == 0
    assert "could not open a browser; open reports/2025/report.html yourself" in result.output


def test_check_open_with_no_write_is_refused(project, monkeypatch):
    opened = []
    monkeypatch.setattr("click.launch", lambda url, **kw: opened.append(url) or 0)
    result = invoke("check", "--config", str(project.root / "kssqa.toml"), "--open", "--no-write")
    assert result.exit_code == 2 and "drop --no-write" in result.output
    assert opened == []
