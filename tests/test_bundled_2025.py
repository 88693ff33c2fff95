"""The bundled 2025 data: kssqa reports the report's real schema-level problems, and only those.

The expected set below is what a careful reader finds in the drafted report at the schema level
(dates outside 2025 or without a month, a number with a broken digit group, a category spelled
outside its domain). It lives in this test, not in the code: kssqa itself knows nothing of them.
"""

from pathlib import Path

from kssqa.api import run
from kssqa.config import load_config

from .conftest import ROOT, failing


def bundled_report(only=()):
    return run(load_config(ROOT / "kssqa.toml"), only=only)


def test_every_table_is_read_and_has_rows():
    report = bundled_report()
    assert not report.blocked
    assert len(report.tables) >= 19
    assert all(t.readable and t.rows for t in report.tables)
    csvs = {p.name for p in (ROOT / "inputs/2025").glob("*.csv")}
    assert {Path(t.file).name for t in report.tables} == csvs


def test_schema_findings_on_the_2025_report():
    found = failing(bundled_report(only=("schema",)))
    assert found == {
        ("within", "events.csv", 28, "date"),  # 8.3.2026
        ("within", "events.csv", 31, "date"),  # 26.3.2026
        ("parse.date_month_missing", "events.csv", 52, "date"),  # 23.-25.2025
        ("parse.digit_groups", "social_media.csv", 21, "value"),  # 140 20
        ("allowed", "members.csv", 2, "operating_form"),  # Inter-kommunalt selskap
        ("allowed", "members.csv", 16, "operating_form"),  # Inter- kommunalt selskap
    }


def test_every_row_has_key_section_and_quote():
    report = bundled_report()
    for table in report.tables:
        header = (ROOT / table.file).read_text(encoding="utf-8").splitlines()[0].split(",")
        assert {"key", "section", "quote"} <= set(header), table.file


def outcome_by_check(report) -> dict[str, set[str]]:
    result: dict[str, set[str]] = {}
    for finding in report.findings:
        if finding.kind not in ("schema", "input", "manuscript"):
            result.setdefault(finding.check_id, set()).add(str(finding.outcome))
    return result


def test_consistency_checks_on_the_2025_report():
    """The report's real inconsistencies fail; the figures that reconcile pass."""
    report = bundled_report()
    outcomes = outcome_by_check(report)
    assert "error" not in {o for found in outcomes.values() for o in found}, outcomes
    failed = {check for check, found in outcomes.items() if "fail" in found}
    assert failed == {
        "events.dates",  # 8.3.2026, 26.3.2026, 23.-25.2025 in the 2025 log
        "org.secretariat-age",  # "30 årige eksistens" but founded 1994
        "projects.count",  # "7 prosjekter", the project table has 5
        "rosa.first-contacts-to-assistance",  # "nesten halvparten" vs 31 of 159
        "rosa.south-america-share",  # 48 % vs 14 of 31
        "vo.who-called",  # 73 + 16 + 1 = 90 %
        "vo.who-wrote",  # 78 + 14 + 1 = 93 %
        "vo.gender-chat",  # 88 + 9 + 1 = 98 %
        "names.people-and-organisations",  # Kriesentersekretariatet, Heitman/Heitmann, ...
        "names.categories",  # Inter-kommunalt / Inter- kommunalt / Interkommunalt selskap
        "org.dnm-other-organisations-count",  # "fire andre organisasjoner", five are listed
        "org.rod-knapp-members-not-affiliated",  # Islamsk råd Norge in both lists
        "projects.table-and-chapters",  # Gøy & Godt has no chapter, Sommeraksjonen no row
        "projects.se-sammenhengen-partners",  # Dyrevernalliansen vs Dyrebeskyttelsen Norge
        "events.trafficking-strategy-date",  # 28.5.2025 in the log, «i juni» in the summary
        # «ni nyhetsbrev» (newsletters.csv:2) against «månedlige nyhetsbrev», 12 a year
        # (organisation.csv:18)
        "org.newsletters-as-often-as-said",
    }
    for must_pass in (
        "media.channels-sum-per-year",  # 167 = 126 + 23 + 18 (and 224 = 148 + 60 + 16)
        "vo.contacts-by-channel",  # 6647 = 4950 + 1697
        "vo.answer-rate",  # 77 % answered with 1153 of 4950 unanswered
        "rosa.victims-crosstab",  # the ROSA breakdowns
        "org.members-by-type",  # 18 = 10 + 6 + 2
        "org.members-municipal-count",  # 10 once category spellings are grouped
        "org.members-ideell-count",
        "org.members-foundation-count",
        "vo.told-others-phone",  # 62 + 11 + 27 = 100 %, a complete breakdown
        "vo.told-others-chat",  # 49 + 15 + 36 = 100 %
        "rosa.south-america-share-grain",  # 48 % can be a share of 31 (15 of 31)
        "text.dates-in-notes",  # every date in notes, topics and periods exists, in 2025
        "text.dates-in-quotes",  # every date in the quotes exists (2026 plans included)
    ):
        assert outcomes[must_pass] == {"pass"}, must_pass


# Member centres the report spells «kriesesenter» wherever it names them, so no right spelling
# stands next to the slip: the authority (checks/lists/names-authority.yaml, the member
# register's names) finds them. Each is a real misspelling of the report.
AUTHORITY_FINDINGS = {
    # names.csv:510 (also council.csv:5, 6 and members.csv:8, counted once)
    "Kriesesenteret i Midt-Troms": "Krisesenteret i Midt-Troms",
    "Kriesesenteret for Orkdal og omegn": "Krisesenteret for Orkdal og omegn",  # names.csv:553
    "Kriesesenteret i Mosseregionen": "Krisesenteret i Mosseregionen",  # names.csv:564
    "Kriesesenteret i Trondheim": "Krisesenteret i Trondheim",  # names.csv:566
    "Kriesesenteret i Vesterålen": "Krisesenteret i Vesterålen",  # names.csv:568
    "Narvik og omegn kriesesenter": "Narvik og omegn krisesenter",  # names.csv:570
    "Nordmøre Kriesesenter IKS": "Nordmøre krisesenter IKS",  # names.csv:572
}


def test_names_check_finds_the_spelling_variants():
    report = bundled_report(only=("names.people-and-organisations",))
    suggestions = {f.actual: f.suggestion for f in report.failures()}
    assert suggestions["Ksisesentersekretariatets"] == "Krisesentersekretariatets"
    assert suggestions["Kriesentersekretariatet"].startswith("Krisesentersekretariatet ")
    assert suggestions["Silje Heitman"] == "Silje Heitmann"
    assert "Solveig Karin Bø Vatner" in suggestions or "Solveig Karin Bø Vatnar" in suggestions
    assert "Krisesentersekretariatets" not in suggestions  # a genitive is not a misspelling
    # where a slip outnumbers the right spelling of one name, the other names outvote it
    assert suggestions["Kriesesenteret i Salten"] == "Krisesenteret i Salten"
    assert suggestions["Kriesesenter for Bergen og omegn"] == "Krisesenter for Bergen og omegn"
    assert "Krisesenteret i Salten" not in suggestions
    assert {printed: suggestions[printed] for printed in AUTHORITY_FINDINGS} == AUTHORITY_FINDINGS


def test_the_2025_manuscript_holds_every_quote_and_value():
    """The bundled 2025 manuscript (inputs/2025/arsmelding-2025.md, a copy of the drafted
    report) prints every quote of the inputs, and every value stands inside its quote."""
    report = bundled_report(only=("manuscript",))
    assert report.manuscript["file"] == "inputs/2025/arsmelding-2025.md"
    cross = [f for f in report.findings if f.kind == "manuscript"]
    assert not [f for f in cross if f.outcome == "fail" and f.check_id != "manuscript.coverage"]
    passed = {f.check_id for f in cross if f.outcome == "pass"}
    assert {f"manuscript.quotes.{t.table}" for t in report.tables} <= passed
    assert "manuscript.values.vo_linjen" in passed
    coverage = report.manuscript["coverage"]
    assert coverage["covered"] / coverage["figures"] > 0.8
    assert len(coverage["uncovered"]) == coverage["figures"] - coverage["covered"]
    uncovered = {(u["line"], u["figure"]) for u in coverage["uncovered"]}
    assert (212, "01.01.2025") in uncovered  # the search period of the media figures
    assert (393, "116 006") in uncovered  # a phone number: printed, in no row
    assert not any(figure == "6647" for _, figure in uncovered)  # VO-linjen's total is a row
