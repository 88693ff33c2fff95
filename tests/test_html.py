"""The HTML report: structure, both languages, grouping order, waivers, escaping, no requests."""

from __future__ import annotations

import base64
import copy
import csv
import hashlib
import html
import io
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kssqa.api import run
from kssqa.config import load_config
from kssqa.render.data import report_to_data
from kssqa.render.html import LABELS, render_html

from .conftest import ROOT

SCRIPT = "<script>alert(1)</script>"
ATTR_DOUBLE = '" onmouseover="alert(1)'
ATTR_SINGLE = "'><img src=x onerror=alert(1)>"
WAIVER_BY = 'Kari " onmouseover="alert(2)'
WAIVER_REASON = "Godtatt <b>bevisst</b> av redaksjonen"

FIGURES_SCHEMA = """\
table: figures
file: figures.csv
columns:
  key:     {type: text, required: true, unique: true}
  section: {type: text, required: true}
  value:   {type: quantity, required: true, min: 0}
  unit:    {type: text, required: true, allowed: [count, percent]}
  quote:   {type: text, required: true}
checks:
  - when: {unit: percent}
    column: value
    max: 100
  - when: {unit: count}
    column: value
    max: 5000
    severity: warning
  - when: {unit: count}
    column: value
    min: 10
    severity: info
"""

SECTIONS_SCHEMA = """\
table: sections
file: sections.csv
columns:
  key:   {type: text, required: true, unique: true}
  title: {type: text, required: true}
"""

CHECKS = """\
checks:
  - id: figures.a-positive
    kind: rule
    title: 'Tallet <i>a</i> er positivt'
    expr: 'figures.a > 0'
"""


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def write_planted_project(root: Path) -> Path:
    """A small project whose CSV cells plant markup in what reaches the HTML (quotes, section
    names), with one error, two warnings (one waived), one info and passing findings."""
    files = {
        "kssqa.toml": '[kssqa]\nyear = 2025\ninputs = "inputs/2025"\n',
        "schemas/figures.yaml": FIGURES_SCHEMA,
        "schemas/sections.yaml": SECTIONS_SCHEMA,
        "checks/figures.yaml": CHECKS,
        "inputs/2025/sections.csv": _csv(
            [
                ["key", "title"],
                ["sections.media", "Media"],
                ["sections.vo", "VO-linjen"],
                ["sections.evil", ATTR_SINGLE],
            ]
        ),
        "inputs/2025/figures.csv": _csv(
            [
                ["key", "section", "value", "unit", "quote"],
                ["figures.a", "Media", "1 814", "count", "mottok 1 814 henvendelser"],
                ["figures.b", "VO-linjen", "150 %", "percent", SCRIPT],
                ["figures.c", "Media", "9 999", "count", ATTR_DOUBLE],
                ["figures.d", ATTR_SINGLE, "7 777", "count", "godtatt " + SCRIPT],
                ["figures.e", "VO-linjen", "5", "count", "bare 5 samtaler"],
            ]
        ),
    }
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config = root / "kssqa.toml"
    # Waive the warning on row 5, with the fingerprint the first run reports.
    first = run(load_config(config))
    [target] = [f for f in first.failures() if any(loc.row == 5 for loc in f.locations)]
    waiver = (
        "waivers:\n"
        f"  - check: {target.check_id}\n"
        "    location: inputs/2025/figures.csv:5\n"
        f"    fingerprint: {target.fingerprint}\n"
        f"    reason: '{WAIVER_REASON}'\n"
        f"    by: '{WAIVER_BY}'\n"
        "    expires: 2099-12-31\n"
    )
    (root / "checks/waivers.yaml").write_text(waiver, encoding="utf-8")
    return config


def planted_data(root: Path) -> dict:
    return report_to_data(run(load_config(write_planted_project(root))))


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> dict:
    return planted_data(tmp_path_factory.mktemp("planted"))


@pytest.fixture(scope="module")
def bundled_data() -> dict:
    return report_to_data(run(load_config(ROOT / "kssqa.toml"), skip=("gx",)))


@pytest.fixture(scope="module")
def page(data) -> str:
    return render_html(data)


@pytest.fixture(scope="module")
def page_en(data) -> str:
    return render_html(data, "en")


class Tags(HTMLParser):
    """Every start tag with its (unescaped) attributes, and the text of script/style elements."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._in = tag
            self.raw[tag].append("")

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.raw[self._in][-1] += data

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    def with_class(self, cls: str) -> list[dict[str, str | None]]:
        return [a for _, a in self.tags if cls in (a.get("class") or "").split()]


def test_planted_project_has_the_expected_findings(data):
    outcomes = sorted(
        (f["severity"], f["outcome"]) for f in data["findings"] if f["outcome"] != "pass"
    )
    assert outcomes == [
        ("error", "fail"),
        ("info", "fail"),
        ("warning", "fail"),
        ("warning", "waived"),
    ]
    assert data["sections"][:3] == ["Media", "VO-linjen", ATTR_SINGLE]
    assert any(c["outcome"] == "pass" for c in data["checks"])


def test_page_structure_in_norwegian(page, data):
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="nb">' in page
    assert "Kvalitetskontroll av årsmeldingen 2025" in page
    assert "Ikke klar for publisering" in page
    tags = Tags(page)
    counts = {a["class"].split()[1]: a for a in tags.with_class("count")}
    assert set(counts) == {"sev-error", "sev-warning", "sev-info", "is-waived", "is-passed"}
    # One card per failing or waived finding, each with its filter attributes.
    cards = tags.with_class("finding")
    assert len(cards) == 4
    assert sorted(c["data-severity"] for c in cards) == ["error", "info", "warning", "warning"]
    assert {c["data-kind"] for c in cards} == {"schema"}
    # The chart: one labelled bar row per section with failing (not waived) findings.
    assert "<svg" in page and 'class="bar sev-error"' in page
    assert len(tags.with_class("bar-label")) == 2
    # Filters exist but are hidden until the script shows them.
    [form] = tags.named("form")
    assert "hidden" in form
    # Appendix: passed checks, passed findings, waivers, run metadata, checksums; all collapsed.
    details = {a["id"]: a for a in tags.named("details")}
    assert set(details) == {"passed-checks", "passed-findings", "waivers", "run", "files"}
    assert all("open" not in a for a in details.values())
    assert "figures.a-positive" in page  # the passed rule check
    assert page.count('class="passed-finding"') == data["verdict"]["counts"]["passed"]
    for file in data["files"]:
        assert file["sha256"] in page
    assert data["run"]["versions"]["python"] in page
    assert "fail_on" in page


def test_every_location_quote_and_value_is_shown(page, data):
    for finding in data["findings"]:
        if finding["outcome"] == "pass":
            continue
        assert finding["fingerprint"] in page
        for loc in finding["locations"]:
            assert f"{loc['file']}:{loc['row']}:{loc['column']}" in page
        for key in ("expected", "actual", "difference", "tolerance", "suggestion"):
            if finding[key]:
                assert f"<dt>{LABELS['nb'][key]}</dt><dd>{escape(finding[key])}</dd>" in page


def test_messages_follow_the_language(data):
    nb, en = render_html(data, "nb"), render_html(data, lang="en")
    assert '<html lang="en">' in en
    assert "Not ready to publish" in en and "Ikke klar for publisering" not in en
    failing = [f for f in data["findings"] if f["outcome"] == "fail"]
    for finding in failing:
        assert finding["message"]["nb"] in nb and finding["message"]["en"] not in nb
        assert finding["message"]["en"] in en and finding["message"]["nb"] not in en
    for key in ("findings", "passed_checks", "passed_findings", "files", "filter_severity"):
        assert LABELS["en"][key] in en and LABELS["nb"][key] in nb


def test_labels_exist_in_both_languages():
    assert set(LABELS["nb"]) == set(LABELS["en"])


def test_unknown_language_is_refused(data):
    with pytest.raises(ValueError, match="nb, en"):
        render_html(data, "de")


def test_findings_are_grouped_in_the_order_of_the_sections(data):
    def headings(page: str) -> list[str]:
        return re.findall(r'<section class="group" id="[^"]+" data-section="([^"]*)"', page)

    assert headings(render_html(data)) == [
        "Media",
        "VO-linjen",
        "&#39;&gt;&lt;img src=x onerror=alert(1)&gt;",
    ]
    reordered = copy.deepcopy(data)
    reordered["sections"] = list(reversed(data["sections"]))
    assert headings(render_html(reordered))[0].startswith("&#39;")
    assert headings(render_html(reordered))[1:] == ["VO-linjen", "Media"]


def test_findings_without_a_section_come_under_their_own_heading(data):
    data = copy.deepcopy(data)
    for finding in data["findings"]:
        finding["section"] = ""
    data["sections"] = [""]
    page = render_html(data)
    assert "Uten kapittel" in page
    assert "No section" in render_html(data, "en")


def test_waived_finding_shows_reason_who_and_expiry(page, page_en):
    tags = Tags(page)
    [waived] = [c for c in tags.with_class("finding") if c["data-outcome"] == "waived"]
    assert waived["data-severity"] == "warning"
    assert "out-waived" in waived["class"]
    assert "Godtatt med unntak" in page
    assert "Godtatt &lt;b&gt;bevisst&lt;/b&gt; av redaksjonen" in page
    assert "Kari &#34; onmouseover=&#34;alert(2)" in page
    assert "31.12.2099" in page
    assert "2099-12-31" in page_en and "Approved by" in page_en


def test_ready_verdict_for_a_clean_project(project):
    page = render_html(report_to_data(run(project.config())))
    assert "Klar for publisering" in page and "Ikke klar" not in page
    assert "Ingen avvik." in page
    assert "<form" not in page  # nothing to filter
    assert 'id="passed-findings"' in page


def test_planted_markup_is_escaped_everywhere(page, page_en):
    for text in (page, page_en):
        assert SCRIPT not in text
        assert ATTR_DOUBLE not in text
        assert ATTR_SINGLE not in text
        assert "<img" not in text and "<b>" not in text and "<i>" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
        tags = Tags(text)
        assert len(tags.named("script")) == 1  # the page's own script, nothing else
        assert not tags.named("img")
        for name, attrs in tags.tags:
            assert not [a for a in attrs if a.startswith("on")], (name, attrs)
        # The attribute-breaking section name stayed inside its attributes, whole.
        sections = {a["data-section"] for a in tags.with_class("finding")}
        assert ATTR_SINGLE in sections
        assert {a["data-section"] for a in tags.with_class("group")} == {
            "Media",
            "VO-linjen",
            ATTR_SINGLE,
        }


def test_no_external_resources(page, page_en):
    for text in (page, page_en):
        tags = Tags(text)
        for name, attrs in tags.tags:
            for attr in ("src", "href", "action", "srcset", "xlink:href", "poster", "data"):
                value = attrs.get(attr)
                if value is not None:
                    assert value.startswith("#"), (name, attr, value)
        assert not tags.named("link") and not tags.named("iframe") and not tags.named("img")
        assert "http://" not in text and "https://" not in text
        css = tags.raw["style"][0]
        assert "url(" not in css and "@import" not in css and "@font-face" not in css


def test_content_security_policy_allows_only_the_pages_own_script_and_style(page):
    tags = Tags(page)
    [csp] = [
        a["content"]
        for a in tags.named("meta")
        if (a.get("http-equiv") or "").lower() == "content-security-policy"
    ]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp

    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    [script] = tags.raw["script"]
    [style] = tags.raw["style"]
    assert f"script-src 'sha256-{digest(script)}'" in csp
    assert f"style-src 'sha256-{digest(style)}'" in csp
    # No inline style attributes either (the policy would block them).
    assert not [a for _, a in tags.tags if "style" in a]


def test_counts_are_formatted_per_language(data):
    data = copy.deepcopy(data)
    data["verdict"]["counts"]["passed"] = 12345
    nb, en = render_html(data), render_html(data, "en")
    assert "12\u00a0345" in nb
    assert "12,345" in en


def test_missing_fields_fail_loudly(data):
    broken = copy.deepcopy(data)
    del broken["verdict"]
    with pytest.raises(Exception, match="verdict"):
        render_html(broken)


def test_bundled_2025_report_renders_complete_and_small():
    data = report_to_data(run(load_config(ROOT / "kssqa.toml")))
    for lang in ("nb", "en"):
        page = render_html(data, lang)
        assert len(page.encode("utf-8")) < 1_500_000
        tags = Tags(page)
        cards = tags.with_class("finding")
        shown = [
            f
            for f in data["findings"]
            if f["outcome"] in ("fail", "error", "waived")
            and f["check_id"] != "manuscript.coverage"  # listed in the coverage section
        ]
        # one card per problem: failures about one printed cell share a card
        assert len(cards) == len({f["problem"] or f["fingerprint"] for f in shown})
        uncovered = data["manuscript"]["coverage"]["uncovered"]
        assert page.count("<mark>") == len(uncovered)
        assert page.count('class="passed-finding"') == data["verdict"]["counts"]["passed"]
        groups = [a["data-section"] for a in tags.with_class("group")]
        assert groups == [s for s in data["sections"] if any(f["section"] == s for f in shown)]


SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def _cards_by_group(page: str) -> list[list[tuple[str, str]]]:
    """(severity, outcome) of each card, group by group, in page order."""
    groups: list[list[tuple[str, str]]] = []
    for name, attrs in Tags(page).tags:
        if name == "section" and "group" in (attrs.get("class") or "").split():
            groups.append([])
        elif name == "article" and "finding" in (attrs.get("class") or "").split():
            groups[-1].append((attrs["data-severity"], attrs["data-outcome"]))
    return groups


def _severity_first(cards: list[tuple[str, str]]) -> bool:
    keys = [(outcome == "waived", SEVERITY_RANK[severity]) for severity, outcome in cards]
    return keys == sorted(keys)


def test_within_a_chapter_errors_come_before_warnings_and_info(data):
    # All findings in one chapter, in the reverse of the order the severities should show.
    data = copy.deepcopy(data)
    for finding in data["findings"]:
        finding["section"] = "Media"
    data["findings"].sort(key=lambda f: -SEVERITY_RANK[f["severity"]])
    data["sections"] = ["Media"]
    [cards] = _cards_by_group(render_html(data))
    assert [c[0] for c in cards if c[1] != "waived"] == ["error", "warning", "info"]
    assert cards[-1] == ("warning", "waived")  # a waived finding after those still open
    assert _severity_first(cards)


def test_bundled_chapters_list_errors_before_warnings(bundled_data):
    groups = _cards_by_group(render_html(bundled_data))
    assert len(groups) > 10
    assert all(_severity_first(cards) for cards in groups)
    mixed = [cards for cards in groups if {"error", "warning"} <= {c[0] for c in cards}]
    assert mixed  # the order is tested on chapters that have both


def _tables(page: str) -> list[list[tuple[str, dict]]]:
    """The tags of each table, from <table> to its last cell (tables are not nested here)."""
    tables: list[list[tuple[str, dict]]] = []
    inside = False
    for name, attrs in Tags(page).tags:
        if name == "table":
            tables.append([])
            inside = True
        elif inside and name in ("div", "details", "section", "p", "footer"):
            inside = False
        if inside:
            tables[-1].append((name, attrs))
    return tables


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_table_has_a_caption_and_every_header_cell_a_scope(bundled_data, data, lang):
    for page in (render_html(bundled_data, lang), render_html(data, lang)):
        tables = _tables(page)
        assert len(tables) >= 6
        for table in tables:
            assert table[1][0] == "caption", table[:3]  # the first thing inside the table
        headers = [attrs for name, attrs in Tags(page).tags if name == "th"]
        assert headers and all(a.get("scope") in ("col", "row") for a in headers)


def test_skip_link_goes_to_the_findings(page, page_en):
    for text, label in ((page, "Gå til avvikene"), (page_en, "Skip to the findings")):
        tags = Tags(text)
        body = [i for i, (name, _) in enumerate(tags.tags) if name == "body"][0]
        name, attrs = tags.tags[body + 1]  # the first thing in the page
        assert (name, attrs.get("href"), attrs.get("class")) == ("a", "#findings", "skip-link")
        assert f'class="skip-link" href="#findings">{label}</a>' in text
        assert any(a.get("id") == "findings" for _, a in tags.tags)


def test_check_summary_counts_every_finding_of_every_check(data):
    rows = {r["check_id"]: r for r in data["check_summary"]}
    by_check: dict[str, list[str]] = {}
    for finding in data["findings"]:
        by_check.setdefault(finding["check_id"], []).append(finding["outcome"])
    assert set(by_check) <= set(rows)
    assert {c["id"] for c in data["checks"]} <= set(rows)
    for check_id, outcomes in by_check.items():
        row = rows[check_id]
        for key, outcome in (("passed", "pass"), ("failed", "fail"), ("waived", "waived")):
            assert row[key] == outcomes.count(outcome), (check_id, key)
        assert row["evaluated"] == len(outcomes) - outcomes.count("skipped")
    # Failing checks first, then those with only waived findings, then the passed ones.
    order = [
        0 if r["failed"] or r["errors"] else 1 if r["waived"] else 2 if r["passed"] else 3
        for r in data["check_summary"]
    ]
    assert order == sorted(order) and order[0] == 0 and 2 in order


def test_a_check_about_a_whole_table_takes_the_chapter_of_its_rows(data):
    # figures.csv prints two rows in Media, two in VO-linjen and one in a third chapter: its
    # table-wide rules are about Media; sections.csv names no chapter in its rows.
    tables = {t["table"]: t for t in data["tables"]}
    assert tables["figures"]["sections"] == [
        {"section": "Media", "rows": 2},
        {"section": "VO-linjen", "rows": 2},
        {"section": ATTR_SINGLE, "rows": 1},
    ]
    assert tables["figures"]["section"] == "Media"  # a tie: the chapter the report prints first
    assert tables["sections"]["section"] == "" and tables["sections"]["sections"] == []
    rows = {r["check_id"]: r for r in data["check_summary"]}
    assert rows["schema.figures.key.required"]["section"] == tables["figures"]["section"]
    assert rows["schema.figures.key.required"]["sections"] == [tables["figures"]["section"]]
    assert rows["schema.sections.key.required"]["section"] == ""


def test_bundled_checks_are_grouped_by_chapter_not_without_one(bundled_data):
    rows = bundled_data["check_summary"]
    passed = [r for r in rows if r["passed"] and not (r["failed"] or r["errors"] or r["waived"])]
    assert len(passed) > 300
    assert not [r["check_id"] for r in passed if not r["section"]]
    page = render_html(bundled_data)
    # The passed findings list has no "Uten kapittel" heading left either.
    passed_list = page[page.index('id="passed-findings"') :]
    assert "Uten kapittel" not in passed_list[: passed_list.index("</details>")]


@pytest.mark.parametrize(
    ("lang", "heading", "failing", "passed"),
    [
        ("nb", "Kontrollene", "Kontroller med avvik", "Beståtte kontroller"),
        ("en", "The checks", "Checks with findings", "Passed checks"),
    ],
)
def test_overview_of_checks_lists_failing_first_then_passed_by_chapter(
    bundled_data, lang, heading, failing, passed
):
    page = render_html(bundled_data, lang)
    overview = page[page.index('id="checks-overview"') : page.index('class="appendix"')]
    assert f'id="overview-title">{heading}</h2>' in overview
    rows = bundled_data["check_summary"]
    failing_rows = [r for r in rows if r["failed"] or r["errors"] or r["waived"]]
    [first_table, *chapter_tables] = overview.split("<table")[1:]
    assert f"<caption>{failing}</caption>" in first_table
    ids = re.findall(r'<th scope="row"><code>([^<]+)</code>', first_table)
    assert ids == [r["check_id"] for r in failing_rows]
    assert f"<summary>{passed} " in overview
    # One table per chapter, in the report's order, each row a passed check of that chapter.
    captions = [re.search(r"<caption>(.*?) \(", t).group(1) for t in chapter_tables]
    assert len(captions) == len(set(captions)) > 15
    order = bundled_data["sections"]
    known = [c for c in captions if c in [escape(s) for s in order]]
    assert known == [escape(s) for s in order if escape(s) in known]
    listed = sum(len(re.findall(r"<tr data-row>", t)) for t in chapter_tables)
    assert listed == sum(1 for r in rows if r["passed"] and r not in failing_rows)


def _card_html(page: str, fingerprint: str) -> str:
    start = page.index(f'id="finding-{fingerprint}"')
    return page[start : page.index("</article>", start)]


def test_a_card_leads_with_the_checks_title_and_marks_the_printed_words(bundled_data):
    """Point 1 and 4 of the editor's view: the plain title first; the sentence once, as plain
    text, with the words the finding is about marked."""
    page = render_html(bundled_data)
    checks = {c["id"]: c for c in bundled_data["checks"]}
    failing = [
        f
        for f in bundled_data["findings"]
        if f["outcome"] == "fail" and f["check_id"] in checks and f["problem"] == f["fingerprint"]
    ]
    assert failing
    for finding in failing:
        card = _card_html(page, finding["fingerprint"])
        title = html.escape(checks[finding["check_id"]]["title"], quote=False)
        assert card.index(title) < card.index('class="message"'), finding["check_id"]
        assert "](#)" not in card  # link markup of the manuscript is not shown
        quotes = re.findall(r'<blockquote class="quote"[^>]*>(.*?)</blockquote>', card, re.S)
        assert len(quotes) == len(set(quotes))  # each sentence once
        for location in finding["locations"]:
            printed = location.get("printed")
            if printed and location.get("quote") and printed in location["quote"]:
                marked = f'<mark class="printed">{html.escape(printed, quote=False)}</mark>'
                assert marked in card, (finding["check_id"], printed)


def test_one_printed_cell_is_one_card_with_every_reason(bundled_data):
    """Point 5: failures about one cell share a card, and the headline counts that card once."""
    page = render_html(bundled_data)
    problems: dict[str, list[dict]] = {}
    for finding in bundled_data["findings"]:
        # the manuscript's uncovered figures are listed in their own section, not as cards
        if finding["outcome"] in ("fail", "error") and finding["check_id"] != "manuscript.coverage":
            problems.setdefault(finding["problem"], []).append(finding)
    shared = [group for group in problems.values() if len(group) > 1]
    assert shared  # the bundled report has cells that break a schema rule and a check
    for group in shared:
        lead = group[0]["problem"]
        card = _card_html(page, lead)
        for finding in group:
            assert html.escape(finding["message"]["nb"], quote=False) in card
        for finding in group:
            if finding["fingerprint"] != lead:
                assert f'id="finding-{finding["fingerprint"]}"' not in page
    leads = [next(f for f in g if f["fingerprint"] == key) for key, g in problems.items()]
    for severity in ("error", "warning"):
        count = sum(1 for lead in leads if lead["severity"] == severity)
        assert bundled_data["verdict"]["problems"][severity] == count
