"""The self-contained HTML discrepancy report: a pure function of the report data.

``render_html(report_to_data(report), lang)`` returns one HTML file with inline CSS and inline
JavaScript. It requests nothing from anywhere (a Content-Security-Policy allows only the page's
own script and style, by hash), reads completely with JavaScript off (the script only adds the
filters) and prints with everything expanded. Every value from the data goes through Jinja's
autoescaping; values reach attributes only quoted and escaped.

The renderer formats and groups for display; it never decides what is a finding.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..numbers import format_number
from .cards import cards as make_cards
from .cards import check_title
from .view import place

LANGUAGES = ("nb", "en")
FAILING = ("fail", "error")
COVERAGE_CHECK = "manuscript.coverage"
SEVERITIES = ("error", "warning", "info")

LABELS: dict[str, dict[str, str]] = {
    "nb": {
        "title": "Kvalitetskontroll av årsmeldingen {year}",
        "org": "Krisesentersekretariatet",
        "ready": "Klar for publisering",
        "not_ready": "Ikke klar for publisering",
        "ready_note": "Ingen avvik stopper publisering.",
        "not_ready_note": "Avvikene under må rettes eller godtas med unntak før publisering.",
        "blocked": "Noe kunne ikke kontrolleres (exit 2); se avvikene merket «stopper kjøringen».",
        "exit_code": "Avslutningskode",
        "generated": "Kjørt",
        "sev_error": "Feil",
        "sev_warning": "Advarsel",
        "sev_info": "Info",
        "count_error": "Feil",
        "count_warning": "Advarsler",
        "count_info": "Info",
        "count_waived": "Godtatt med unntak",
        "count_passed": "Bestått",
        "out_fail": "Avvik",
        "out_error": "Kunne ikke kontrolleres",
        "out_waived": "Godtatt med unntak",
        "out_pass": "Bestått",
        "blocks_run": "stopper kjøringen",
        "chart_title": "Avvik per kapittel i årsmeldingen",
        "chart_desc": "Antall avvik som ikke er godtatt, per kapittel, fordelt på alvorlighet.",
        "chart_empty": "Ingen avvik.",
        "findings": "Avvik",
        "findings_none": "Ingen avvik. Alle kontroller er bestått eller godtatt med unntak.",
        "no_section": "Uten kapittel",
        "filters": "Filter",
        "filter_severity": "Alvorlighet",
        "filter_section": "Kapittel",
        "filter_kind": "Type kontroll",
        "filter_all": "Alle",
        "filter_waived": "Vis godtatte",
        "search": "Søk",
        "search_placeholder": "Søk i avvikene …",
        "showing": "Viser {shown} av {total} avvik",
        "reset": "Nullstill",
        "none_match": "Ingen avvik passer filteret.",
        "kind": "Type",
        "check": "Kontroll",
        "printed": "Trykt tekst",
        "expected": "Forventet ut fra de andre tallene",
        "actual": "Trykt",
        "difference": "Differanse",
        "tolerance": "Toleranse",
        "suggestion": "Forslag",
        "same_cell": "Samme celle er også rapportert av",
        "fingerprint": "Fingeravtrykk",
        "waiver_reason": "Begrunnelse",
        "waiver_by": "Godkjent av",
        "waiver_expires": "Utløper",
        "waiver_location": "Gjelder",
        "waiver_all": "alle steder",
        "passed_checks": "Beståtte kontroller",
        "passed_findings": "Beståtte funn",
        "passed_checks_none": "Ingen kontroller er bestått uten avvik.",
        "passed_findings_none": "Ingen beståtte funn.",
        "manuscript_view": "Manuskriptet med avvikene markert",
        "manuscript_view_note": (
            "Teksten i {file}, kapittel for kapittel. De merkede ordene er dem et avvik gjelder; "
            "klikk for å gå til avviket."
        ),
        "coverage": "Manuskriptet: tall som inndataene dekker",
        "coverage_note": (
            "{covered} av {figures} tall, prosenter, beløp og datoer i {file} står i en rad av "
            "inndataene ({percent} %). Tallene under står ikke i noen rad og blir derfor ikke "
            "kontrollert. Årstall alene telles ikke."
        ),
        "coverage_chapter": "Kapittel",
        "coverage_figures": "Tall",
        "coverage_covered": "Dekket",
        "coverage_share": "Andel",
        "coverage_place": "Sted",
        "coverage_figure": "Tall",
        "coverage_text": "Teksten",
        "unevaluated_checks": "Kontroller som ikke ble vurdert",
        "unevaluated_reason": "Hvorfor",
        "only_years": "gjelder bare årsmeldingen for {years}",
        "title_col": "Tittel",
        "severity_if_failing": "Alvorlighet ved avvik",
        "source": "Fil",
        "count_col": "Funn",
        "waivers": "Unntak i unntaksfilen",
        "run": "Kjøring",
        "year": "År",
        "tool": "Verktøy",
        "schema_version": "Dataformat",
        "config": "Konfigurasjon",
        "settings": "Innstillinger",
        "only": "Bare",
        "skip": "Hoppet over",
        "versions": "Versjoner",
        "none": "ingen",
        "files": "Filer og sjekksummer (SHA-256)",
        "file": "Fil",
        "tables": "Tabeller",
        "table": "Tabell",
        "rows": "Rader",
        "readable": "Lesbar",
        "yes": "ja",
        "no": "nei",
        "skip_to_findings": "Gå til avvikene",
        "group_shown": "{shown} av {total}",
        "more_filters": "Flere filter",
        "overview": "Kontrollene",
        "overview_note": (
            "{checks} kontroller: {failing} med avvik, {waived} bare med avvik som er godtatt, "
            "{passed} bestått og {other} ikke vurdert."
        ),
        "failing_checks": "Kontroller med avvik",
        "failing_checks_none": "Ingen kontroll har avvik.",
        "evaluated": "Vurdert",
        "passed_col": "Bestått",
        "failed_col": "Avvik",
        "waived_col": "Godtatt",
        "chapter_col": "Kapittel",
        "search_checks": "Søk i de beståtte kontrollene",
        "search_passed": "Søk i de beståtte funnene",
        "search_status": "Viser {shown} av {total}",
        "coverage_by_chapter": "Dekning per kapittel",
        "coverage_uncovered": "Tall som ikke står i noen rad",
        "footer": "Laget av {tool} {version}. Siden er selvstendig: den henter ingenting fra nett.",
    },
    "en": {
        "title": "Quality check of the {year} annual report",
        "org": "Krisesentersekretariatet",
        "ready": "Ready to publish",
        "not_ready": "Not ready to publish",
        "ready_note": "No finding stops publication.",
        "not_ready_note": "The findings below must be fixed or waived before publication.",
        "blocked": "Something could not be checked (exit 2); see the findings marked "
        "“blocks the run”.",
        "exit_code": "Exit code",
        "generated": "Run",
        "sev_error": "Error",
        "sev_warning": "Warning",
        "sev_info": "Info",
        "count_error": "Errors",
        "count_warning": "Warnings",
        "count_info": "Info",
        "count_waived": "Waived",
        "count_passed": "Passed",
        "out_fail": "Finding",
        "out_error": "Could not be checked",
        "out_waived": "Waived",
        "out_pass": "Passed",
        "blocks_run": "blocks the run",
        "chart_title": "Findings per section of the annual report",
        "chart_desc": "Number of findings not waived, per section, by severity.",
        "chart_empty": "No findings.",
        "findings": "Findings",
        "findings_none": "No findings. Every check passed or was waived.",
        "no_section": "No section",
        "filters": "Filters",
        "filter_severity": "Severity",
        "filter_section": "Section",
        "filter_kind": "Kind of check",
        "filter_all": "All",
        "filter_waived": "Show waived",
        "search": "Search",
        "search_placeholder": "Search the findings …",
        "showing": "Showing {shown} of {total} findings",
        "reset": "Reset",
        "none_match": "No finding matches the filters.",
        "kind": "Kind",
        "check": "Check",
        "printed": "Printed text",
        "expected": "Expected from the other figures",
        "actual": "Printed",
        "difference": "Difference",
        "tolerance": "Tolerance",
        "suggestion": "Suggestion",
        "same_cell": "The same cell is also reported by",
        "fingerprint": "Fingerprint",
        "waiver_reason": "Reason",
        "waiver_by": "Approved by",
        "waiver_expires": "Expires",
        "waiver_location": "Applies to",
        "waiver_all": "all locations",
        "passed_checks": "Passed checks",
        "passed_findings": "Passed findings",
        "passed_checks_none": "No check passed without findings.",
        "passed_findings_none": "No passed findings.",
        "manuscript_view": "The manuscript with the findings marked",
        "manuscript_view_note": (
            "The text of {file}, chapter by chapter. The marked words are those a finding is "
            "about; click to go to the finding."
        ),
        "coverage": "The manuscript: figures the inputs cover",
        "coverage_note": (
            "{covered} of {figures} numbers, percentages, amounts and dates in {file} are in a "
            "row of the inputs ({percent} %). The figures below are in no row and so go "
            "unchecked. A year alone is not counted."
        ),
        "coverage_chapter": "Chapter",
        "coverage_figures": "Figures",
        "coverage_covered": "Covered",
        "coverage_share": "Share",
        "coverage_place": "Place",
        "coverage_figure": "Figure",
        "coverage_text": "Text",
        "unevaluated_checks": "Checks not evaluated",
        "unevaluated_reason": "Why",
        "only_years": "only about the report for {years}",
        "title_col": "Title",
        "severity_if_failing": "Severity if failing",
        "source": "File",
        "count_col": "Findings",
        "waivers": "Waivers in the waiver file",
        "run": "Run",
        "year": "Year",
        "tool": "Tool",
        "schema_version": "Data format",
        "config": "Configuration",
        "settings": "Settings",
        "only": "Only",
        "skip": "Skipped",
        "versions": "Versions",
        "none": "none",
        "files": "Files and checksums (SHA-256)",
        "file": "File",
        "tables": "Tables",
        "table": "Table",
        "rows": "Rows",
        "readable": "Readable",
        "yes": "yes",
        "no": "no",
        "skip_to_findings": "Skip to the findings",
        "group_shown": "{shown} of {total}",
        "more_filters": "More filters",
        "overview": "The checks",
        "overview_note": (
            "{checks} checks: {failing} with findings, {waived} with only waived findings, "
            "{passed} passed and {other} not evaluated."
        ),
        "failing_checks": "Checks with findings",
        "failing_checks_none": "No check has findings.",
        "evaluated": "Evaluated",
        "passed_col": "Passed",
        "failed_col": "Failed",
        "waived_col": "Waived",
        "chapter_col": "Section",
        "search_checks": "Search the passed checks",
        "search_passed": "Search the passed findings",
        "search_status": "Showing {shown} of {total}",
        "coverage_by_chapter": "Coverage by chapter",
        "coverage_uncovered": "Figures in no row",
        "footer": "Made by {tool} {version}. The page is self-contained: it fetches nothing.",
    },
}


def _number(value: Any, lang: str) -> str:
    if not isinstance(value, int) or isinstance(value, bool):
        return "" if value is None else str(value)
    return format_number(value) if lang == "nb" else f"{value:,}"


def _date(value: Any, lang: str) -> str:
    """An ISO date (YYYY-MM-DD) as printed in the chosen language; anything else as it is."""
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        return "" if value is None else str(value)
    return day.strftime("%d.%m.%Y") if lang == "nb" else day.isoformat()


def _timestamp(value: Any, lang: str) -> str:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return "" if value is None else str(value)
    offset = moment.strftime("%z")
    zone = "UTC" if offset in ("+0000", "") else f"UTC{offset[:3]}:{offset[3:]}"
    if lang == "nb":
        return f"{moment:%d.%m.%Y} kl. {moment:%H:%M:%S} {zone}"
    return f"{moment:%Y-%m-%d %H:%M:%S} {zone}"


def _message(finding: dict[str, Any], lang: str) -> str:
    message = finding.get("message") or {}
    if isinstance(message, str):
        return message
    return message.get(lang) or message.get("en") or next(iter(message.values()), "")


def _value(finding: dict[str, Any], key: str, lang: str) -> str:
    """A finding's expected/actual/... text in the report's language (``texts``), else as is."""
    localized = (finding.get("texts") or {}).get(lang) or {}
    text = localized.get(key)
    return str(finding.get(key) if text is None else text)


def _digest(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("kssqa.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str]:
    """The page's own stylesheet and script: static text, inserted as is (never templated)."""
    env = _environment()
    assert env.loader is not None
    css = env.loader.get_source(env, "report.css.j2")[0]
    script = env.loader.get_source(env, "report.js.j2")[0]
    return css.strip("\n"), script.strip("\n")


def _severity_first(finding: dict[str, Any]) -> tuple[bool, int]:
    """Within a chapter: errors, then warnings, then info; waived ones after those not waived."""
    return finding["outcome"] == "waived", SEVERITIES.index(finding["severity"])


def _group(
    findings: list[dict[str, Any]],
    sections: list[str],
    section_of: Callable[[dict[str, Any]], str] = lambda f: f.get("section", ""),
) -> list[dict[str, Any]]:
    """Findings by report section, in the report's order (unknown sections last, as met);
    in each, the most severe first (a stable sort: otherwise in the data's order)."""
    order = list(sections)
    for finding in findings:
        if section_of(finding) not in order:
            order.append(section_of(finding))
    groups = []
    for index, section in enumerate(order):
        members = sorted((f for f in findings if section_of(f) == section), key=_severity_first)
        if members:
            groups.append({"section": section, "anchor": f"section-{index}", "findings": members})
    return groups


def _chart(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One bar per chapter with failing findings (not waived): its segments by severity, as
    x and width on a 0-100 scale where 100 is the longest bar."""
    rows = []
    for group in groups:
        failing = [f for f in group["findings"] if f["outcome"] in FAILING]
        if failing:
            counts = {s: sum(1 for f in failing if f["severity"] == s) for s in SEVERITIES}
            rows.append({"group": group, "total": len(failing), "counts": counts})
    longest = max((row["total"] for row in rows), default=0)
    for row in rows:
        x, segments = 0.0, []
        for severity in SEVERITIES:
            if row["counts"][severity]:
                width = 100 * row["counts"][severity] / longest
                segments.append({"severity": severity, "x": x, "width": width})
                x += width
        row["segments"] = segments
    return rows


def _table_chapters(data: dict[str, Any]) -> dict[str, str]:
    """A table's file as shown -> the chapter most of its rows print in."""
    return {t["file"]: t.get("section", "") for t in data["tables"] if t.get("section")}


def _chapter_of(finding: dict[str, Any], tables: dict[str, str]) -> str:
    """The finding's chapter; for one about a whole table, the table's chapter."""
    if finding.get("section"):
        return finding["section"]
    for location in finding["locations"]:
        if location.get("file") in tables:
            return tables[location["file"]]
    return ""


def _overview(data: dict[str, Any]) -> dict[str, Any]:
    """The per-check summary for the overview: the checks with findings (failing first, as
    the data orders them), and the passed ones grouped by chapter in the report's order."""
    rows = data.get("check_summary", [])
    failing = [r for r in rows if r["failed"] or r["errors"] or r["waived"]]
    passed = [r for r in rows if r not in failing and r["passed"]]
    order = list(data["sections"])
    for row in passed:
        if row["section"] not in order:
            order.append(row["section"])
    passed_groups = [
        {"section": section, "checks": [r for r in passed if r["section"] == section]}
        for section in order
        if any(r["section"] == section for r in passed)
    ]
    return {
        "total": len(rows),
        "failing": failing,
        "failing_count": sum(1 for r in failing if r["failed"] or r["errors"]),
        "waived_count": sum(1 for r in failing if not (r["failed"] or r["errors"])),
        "passed": passed_groups,
        "passed_count": len(passed),
        "other_count": len(rows) - len(failing) - len(passed),
    }


def _unevaluated(data: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """Checks that did not run this time, each with why: waiting for figures to be filled
    in, no inputs for last year, or about another year's report only."""
    reasons: dict[str, str] = {}
    for finding in data["findings"]:
        if finding["outcome"] == "skipped":
            reasons.setdefault(finding["check_id"], finding["message"][lang])
    rows = []
    for check in data["checks"]:
        if check["outcome"] == "skipped":
            rows.append({**check, "reason": reasons.get(check["id"], "")})
        elif check["outcome"] == "not_applicable":
            years = ", ".join(str(y) for y in check["years"])
            rows.append({**check, "reason": LABELS[lang]["only_years"].format(years=years)})
    return rows


def _card_ids(cards: list[dict[str, Any]]) -> dict[str, str]:
    """Each finding's fingerprint -> the HTML id of the card that shows it, from the card's
    lead fingerprint (the manuscript view's marks link to them)."""
    ids: dict[str, str] = {}
    for card in cards:
        for fingerprint in card["fingerprints"]:
            ids.setdefault(fingerprint, f"finding-{card['fingerprint']}")
    return ids


def _view(manuscript: dict[str, Any] | None, cards: dict[str, str]) -> list[dict[str, Any]]:
    """The manuscript's passages by chapter, each as pieces of text: plain, or marked and
    linked to a finding's card."""
    if not manuscript or not manuscript.get("view"):
        return []
    chapters: list[dict[str, Any]] = []
    for passage in manuscript["view"]:
        if not chapters or chapters[-1]["chapter"] != passage["chapter"]:
            chapters.append({"chapter": passage["chapter"], "passages": []})
        pieces, last, text = [], 0, passage["text"]
        for mark in passage["marks"]:
            if mark["fingerprint"] not in cards:
                continue
            pieces.append({"text": text[last : mark["start"]]})
            pieces.append(
                {
                    "text": text[mark["start"] : mark["end"]],
                    "card": cards[mark["fingerprint"]],
                    "severity": mark["severity"],
                }
            )
            last = mark["end"]
        pieces.append({"text": text[last:]})
        chapters[-1]["passages"].append(
            {"position": passage["position"], "kind": passage["kind"], "pieces": pieces}
        )
    return chapters


def render_html(data: dict[str, Any], lang: str = "nb") -> str:
    """The HTML report for ``report_to_data(...)``'s result, in Norwegian (nb) or English (en)."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    labels = LABELS[lang]
    findings = data["findings"]
    # the manuscript's uncovered figures are listed in a section of their own, not as cards
    shown_findings = [
        f
        for f in findings
        if f["outcome"] in (*FAILING, "waived") and f["check_id"] != COVERAGE_CHECK
    ]
    shown = make_cards(shown_findings, data["checks"], lang)
    cards = _card_ids(shown)
    passed = [f for f in findings if f["outcome"] == "pass"]
    tables = _table_chapters(data)
    groups = _group(shown, data["sections"])
    css, script = _assets()
    env = _environment()
    template = env.get_template("report.html.j2")
    return template.render(
        data=data,
        lang=lang,
        L=labels,
        severities=SEVERITIES,
        failing=FAILING,
        groups=groups,
        chart=_chart(groups),
        passed_groups=_group(passed, data["sections"], lambda f: _chapter_of(f, tables)),
        overview=_overview(data),
        unevaluated=_unevaluated(data, lang),
        manuscript=data.get("manuscript"),
        view=_view(data.get("manuscript"), cards),
        card_id=lambda finding: cards.get(finding["fingerprint"], ""),
        percent=lambda part, whole: round(100 * part / whole) if whole else 100,
        kinds=sorted({f["kind"] for f in shown}),
        shown_total=len(shown),
        css=Markup(css),
        script=Markup(script),
        csp=(
            "default-src 'none'; "
            f"style-src '{_digest(css)}'; script-src '{_digest(script)}'; "
            "img-src 'none'; font-src 'none'; connect-src 'none'; "
            "base-uri 'none'; form-action 'none'"
        ),
        number=lambda value: _number(value, lang),
        day=lambda value: _date(value, lang),
        timestamp=lambda value: _timestamp(value, lang),
        place=place,
        message=lambda finding: _message(finding, lang),
        value=lambda finding, key: _value(finding, key, lang),
        check_title=lambda check: check_title(check, lang),
        section_name=lambda section: section or labels["no_section"],
    )
