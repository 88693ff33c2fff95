"""The HTML report in a real headless browser (Debian's chromium driven by Python playwright).

Opened from a file:// URL, the page must request nothing but itself, log no error, never run
the markup planted in the CSV (no dialog opens), show it as text, filter with JavaScript on and
show every finding with JavaScript off.

Skips when /usr/bin/chromium or playwright is missing, unless KSSQA_REQUIRE_BROWSER=1 (set by
.ci/run), which turns the skip into a failure so CI cannot silently skip this test.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from kssqa.render.html import render_html

from .conftest import ROOT
from .test_html import ATTR_DOUBLE, ATTR_SINGLE, SCRIPT, WAIVER_BY, planted_data

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "reports" / "test-artifacts"


def _missing() -> str | None:
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is missing (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _missing()
    if reason:
        if os.environ.get("KSSQA_REQUIRE_BROWSER") == "1":
            pytest.fail(f"KSSQA_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    path = root / "report.html"
    path.write_text(render_html(planted_data(root / "project")), encoding="utf-8")
    return path


class Watched:
    """A page with every request, console message, page error and dialog recorded."""

    def __init__(self, context, path: Path):
        self.url = path.as_uri()
        self.requests: list[str] = []
        self.console: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda msg: self.console.append((msg.type, msg.text)))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)
        self.page.goto(self.url, wait_until="load")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def assert_clean(self) -> None:
        assert self.requests and set(self.requests) == {self.url}, self.requests
        assert not self.errors, self.errors
        assert not [m for m in self.console if m[0] in ("error", "assert")], self.console
        assert not self.dialogs, "a planted script ran: " + "; ".join(self.dialogs)

    def visible_cards(self) -> list[str]:
        """data-severity of the finding cards that are visible, in page order."""
        cards = self.page.locator("#findings .finding")
        return [
            cards.nth(i).get_attribute("data-severity")
            for i in range(cards.count())
            if cards.nth(i).is_visible()
        ]


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    yield context
    context.close()


def _hover_everything(watched: Watched) -> None:
    """Move the mouse over every card, quote and value: an injected handler would fire."""
    targets = watched.page.locator(".finding, .quote, .values dd, .waiver dd, .group > h3")
    for i in range(targets.count()):
        if targets.nth(i).is_visible():
            targets.nth(i).hover()


def test_report_in_chromium_requests_nothing_and_filters(context, report_file):
    watched = Watched(context, report_file)
    page = watched.page

    # The planted markup is shown as text; none of it became an element or ran.
    for text in (SCRIPT, ATTR_DOUBLE, "godtatt " + SCRIPT):
        assert page.get_by_text(text, exact=True).first.is_visible(), text
    assert page.locator(".waiver").get_by_text(WAIVER_BY, exact=True).is_visible()
    assert page.get_by_role("heading", name=ATTR_SINGLE).is_visible()
    assert page.evaluate("document.scripts.length") == 1
    assert page.evaluate("document.images.length") == 0
    assert page.evaluate("document.querySelectorAll('[onmouseover],[onerror]').length") == 0
    _hover_everything(watched)

    # The filter form appears once the script runs; every finding shows at first.
    assert page.locator("#filters").is_visible()
    assert sorted(watched.visible_cards()) == ["error", "info", "warning", "warning"]
    status = page.locator(".filter-status")
    assert status.inner_text() == "Viser 4 av 4 avvik"

    # Severity: uncheck «Advarsel» -> only the error and the info remain.
    page.get_by_label("Advarsel", exact=True).uncheck()
    assert sorted(watched.visible_cards()) == ["error", "info"]
    assert status.inner_text() == "Viser 2 av 4 avvik"
    # The section whose only findings are warnings disappears with them.
    assert not page.locator("section.group[data-section='Media']").is_visible()
    assert page.locator("section.group[data-section='VO-linjen']").is_visible()
    page.get_by_label("Feil", exact=True).uncheck()
    assert watched.visible_cards() == ["info"]
    page.get_by_label("Advarsel", exact=True).check()
    page.get_by_label("Feil", exact=True).check()

    # Waived findings can be hidden.
    page.get_by_label("Vis godtatte", exact=True).uncheck()
    assert sorted(watched.visible_cards()) == ["error", "info", "warning"]
    page.get_by_label("Vis godtatte", exact=True).check()

    # Text search over what the card shows: the planted script text finds two cards.
    search = page.get_by_role("searchbox")
    search.fill("<script>")
    assert sorted(watched.visible_cards()) == ["error", "warning"]
    search.fill("150 %")
    assert watched.visible_cards() == ["error"]
    search.fill("finnes ikke i rapporten")
    assert watched.visible_cards() == []
    assert page.get_by_text("Ingen avvik passer filteret.").is_visible()
    search.fill("")

    # Section and kind selects.
    page.get_by_label("Kapittel", exact=True).select_option(label="VO-linjen")
    assert sorted(watched.visible_cards()) == ["error", "info"]
    page.get_by_label("Kapittel", exact=True).select_option(label=ATTR_SINGLE)
    assert watched.visible_cards() == ["warning"]
    page.get_by_label("Kapittel", exact=True).select_option(index=0)
    page.get_by_label("Type kontroll", exact=True).select_option("schema")
    assert len(watched.visible_cards()) == 4

    # Reset brings everything back.
    page.get_by_label("Advarsel", exact=True).uncheck()
    page.get_by_role("button", name="Nullstill").click()
    page.wait_for_function("document.querySelectorAll('#findings .finding[hidden]').length === 0")
    assert len(watched.visible_cards()) == 4

    # Passed checks and findings are there, collapsed; opening shows them.
    passed = page.locator("#passed-findings")
    assert passed.get_attribute("open") is None
    assert not page.locator(".passed-finding").first.is_visible()
    passed.locator("summary").click()
    assert page.locator(".passed-finding").first.is_visible()

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / "report.png"
    page.evaluate("window.scrollTo(0, 0)")  # the sticky filter bar in its place
    page.screenshot(path=str(screenshot), full_page=True)
    print(f"\nscreenshot: {screenshot}")
    watched.assert_clean()


def test_report_with_javascript_off_shows_everything(browser, report_file):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1200, "height": 900}
    )
    try:
        watched = Watched(context, report_file)
        page = watched.page
        assert not page.locator("#filters").is_visible()
        assert sorted(watched.visible_cards()) == ["error", "info", "warning", "warning"]
        assert page.get_by_text(SCRIPT, exact=True).is_visible()
        assert page.get_by_text(ATTR_DOUBLE, exact=True).is_visible()
        assert page.get_by_role("heading", name=ATTR_SINGLE).is_visible()
        _hover_everything(watched)
        # Collapsed sections still open without script (native <details>).
        page.locator("#files summary").click()
        assert page.locator("#files table").first.is_visible()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        screenshot = ARTIFACTS / "report-no-js.png"
        page.screenshot(path=str(screenshot), full_page=True)
        print(f"\nscreenshot: {screenshot}")
        watched.assert_clean()
    finally:
        context.close()


def test_print_layout_hides_filters_and_expands_everything(context, report_file):
    watched = Watched(context, report_file)
    page = watched.page
    page.get_by_label("Advarsel", exact=True).uncheck()
    page.emulate_media(media="print")
    assert not page.locator("#filters").is_visible()
    assert sorted(watched.visible_cards()) == ["error", "info", "warning", "warning"]
    assert page.locator(".passed-finding").first.is_visible()
    assert page.locator("#files table").first.is_visible()
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")
    watched.assert_clean()


def test_english_report_in_chromium(browser, tmp_path):
    """The English page runs the same script with its own labels."""
    context = browser.new_context()
    try:
        path = tmp_path / "report-en.html"
        path.write_text(render_html(planted_data(tmp_path / "project"), "en"), encoding="utf-8")
        watched = Watched(context, path)
        page = watched.page
        assert page.locator(".filter-status").inner_text() == "Showing 4 of 4 findings"
        page.get_by_label("Warning", exact=True).uncheck()
        assert sorted(watched.visible_cards()) == ["error", "info"]
        watched.assert_clean()
    finally:
        context.close()


def test_manuscript_view_marks_the_findings_and_links_to_their_cards(context, tmp_path):
    """The bundled 2025 report: the manuscript's text with each finding's words marked; a
    click on a mark lands on that finding's card, in view and not under the filter bar."""
    from kssqa.api import run
    from kssqa.config import load_config
    from kssqa.render.data import report_to_data

    data = report_to_data(run(load_config(ROOT / "kssqa.toml"), skip=("gx",)))
    path = tmp_path / "report.html"
    path.write_text(render_html(data), encoding="utf-8")
    watched = Watched(context, path)
    page = watched.page
    page.locator("#manuscript-view > summary").click()
    marks = page.locator("#manuscript-view mark a")
    assert marks.count() >= 50
    link = page.locator("#manuscript-view mark a", has_text="1994")  # org.secretariat-age
    target = link.first.get_attribute("href")
    link.first.click()
    card = page.locator(target)
    assert card.is_visible()
    assert page.evaluate("location.hash") == target
    page.wait_for_timeout(100)
    box = card.bounding_box()
    bar = page.locator("#filters").bounding_box()
    assert 0 <= box["y"] < 900
    assert box["y"] >= bar["y"] + bar["height"], (box, bar)  # not under the sticky filter bar
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "manuscript-view.png"))
    watched.assert_clean()


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1200, "height": 900}


@pytest.fixture(scope="module")
def bundled_files(tmp_path_factory) -> dict[str, Path]:
    """The bundled 2025 report in both languages."""
    from kssqa.api import run
    from kssqa.config import load_config
    from kssqa.render.data import report_to_data

    data = report_to_data(run(load_config(ROOT / "kssqa.toml"), skip=("gx",)))
    root = tmp_path_factory.mktemp("bundled")
    files = {}
    for lang in ("nb", "en"):
        files[lang] = root / f"report-{lang}.html"
        files[lang].write_text(render_html(data, lang), encoding="utf-8")
    return files


def _open(browser, path: Path, viewport: dict) -> tuple[object, Watched]:
    context = browser.new_context(viewport=viewport)
    return context, Watched(context, path)


def test_chapter_counts_follow_the_filters(context, report_file):
    watched = Watched(context, report_file)
    page = watched.page
    count = page.locator("section.group[data-section='VO-linjen'] .group-count")
    assert count.inner_text() == "2"  # an error and an info
    page.get_by_label("Feil", exact=True).uncheck()
    assert count.inner_text() == "1 av 2"
    page.get_by_label("Info", exact=True).uncheck()
    assert not count.is_visible()  # nothing left in the chapter: it is hidden
    page.get_by_role("button", name="Nullstill").click()
    page.wait_for_function("document.querySelectorAll('#findings .finding[hidden]').length === 0")
    assert count.inner_text() == "2"
    page.get_by_role("searchbox").fill("150 %")
    assert count.inner_text() == "1 av 2"
    watched.assert_clean()


def _bar_share(page) -> float:
    """The share of the screen's height the sticky filter bar takes once the page scrolls."""
    page.locator("#findings .finding").nth(3).scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, 400)")
    bar = page.locator("#filters").bounding_box()
    assert bar["y"] == 0  # it is stuck to the top
    return bar["height"] / page.viewport_size["height"]


def _smallest_chart_text(page) -> tuple[float, float]:
    """The smallest computed font size of the chart's labels and numbers, and the smallest
    rendered height of their lines (catches text scaled down with a viewBox or transform)."""
    return tuple(
        page.evaluate(
            """() => {
              const texts = [...document.querySelectorAll('.bar-label, .bar-value')];
              const sizes = texts.map(e => parseFloat(getComputedStyle(e).fontSize));
              const heights = texts.map(e => e.getBoundingClientRect().height);
              return [Math.min(...sizes), Math.min(...heights)];
            }"""
        )
    )


def test_on_a_phone_the_filter_bar_is_small_and_the_chart_readable(browser, bundled_files):
    context, watched = _open(browser, bundled_files["nb"], PHONE)
    try:
        page = watched.page
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        size, height = _smallest_chart_text(page)
        share = _bar_share(page)
        print(f"\n390 px: filter bar {share:.1%} of the screen; chart text ≥ {size} px")
        assert share <= 0.15
        assert size >= 11 and height >= 11
        # The other filters fold behind a button and open under it.
        severity = page.get_by_label("Advarsel", exact=True)
        assert not severity.is_visible()
        toggle = page.get_by_role("button", name="Flere filter")
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
        severity.uncheck()
        assert "warning" not in watched.visible_cards()
        page.screenshot(path=str(ARTIFACTS / "report-phone.png"))
        watched.assert_clean()
    finally:
        context.close()


def test_desktop_chart_is_readable(browser, bundled_files):
    context, watched = _open(browser, bundled_files["nb"], DESKTOP)
    try:
        size, height = _smallest_chart_text(watched.page)
        share = _bar_share(watched.page)
        print(f"\n1200 px: filter bar {share:.1%} of the screen; chart text ≥ {size} px")
        assert size >= 11 and height >= 11
        assert share <= 0.15
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_chart_links_land_below_the_filter_bar(browser, bundled_files, viewport):
    context, watched = _open(browser, bundled_files["nb"], viewport)
    try:
        page = watched.page
        links = page.locator(".chart a.bar-row")
        assert links.count() > 10
        for i in (0, links.count() // 2, links.count() - 1):
            page.evaluate("window.scrollTo(0, 0)")
            target = links.nth(i).get_attribute("href")
            links.nth(i).click()
            page.wait_for_timeout(100)
            assert page.evaluate("location.hash") == target
            heading = page.locator(f"{target} > h3").bounding_box()
            bar = page.locator("#filters").bounding_box()
            assert heading["y"] >= bar["y"] + bar["height"], (target, heading, bar)
            assert heading["y"] + heading["height"] <= viewport["height"]
        watched.assert_clean()
    finally:
        context.close()


SERIOUS = ("serious", "critical")


def _axe(page) -> dict[str, list[str]]:
    """axe-core's violations on the page with every collapsed part opened: impact -> rule ids."""
    from axe_playwright_python.sync_playwright import Axe

    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    found: dict[str, list[str]] = {}
    for violation in Axe().run(page).response["violations"]:
        found.setdefault(violation["impact"], []).append(violation["id"])
    return found


def _require_axe() -> None:
    if importlib.util.find_spec("axe_playwright_python") is None:
        message = "axe-playwright-python is missing (pip install -e '.[test]')"
        if os.environ.get("KSSQA_REQUIRE_BROWSER") == "1":
            pytest.fail(f"KSSQA_REQUIRE_BROWSER=1 but {message}", pytrace=False)
        pytest.skip(message)


# Each language once at each width: axe takes about a minute over the bundled page's DOM.
@pytest.mark.parametrize(
    ("lang", "viewport"), [("nb", DESKTOP), ("en", PHONE)], ids=["nb-desktop", "en-phone"]
)
def test_axe_finds_no_serious_accessibility_problem(browser, bundled_files, lang, viewport):
    _require_axe()
    context, watched = _open(browser, bundled_files[lang], viewport)
    try:
        found = _axe(watched.page)
        print(f"\naxe {lang} {viewport['width']} px: {found or 'no violations'}")
        assert not {impact: ids for impact, ids in found.items() if impact in SERIOUS}
        watched.assert_clean()  # axe ran inside the page: still no request
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_axe_on_the_planted_report(browser, tmp_path, lang):
    """The small report with a waiver and planted markup, at the other width of each language."""
    _require_axe()
    path = tmp_path / f"report-{lang}.html"
    path.write_text(render_html(planted_data(tmp_path / "project"), lang), encoding="utf-8")
    context, watched = _open(browser, path, PHONE if lang == "nb" else DESKTOP)
    try:
        found = _axe(watched.page)
        print(f"\naxe planted {lang}: {found or 'no violations'}")
        assert not {impact: ids for impact, ids in found.items() if impact in SERIOUS}
        watched.assert_clean()
    finally:
        context.close()


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_chart_colours_stand_out_from_their_background(browser, bundled_files):
    """WCAG 1.4.11: each bar colour at least 3:1 against the bar's track and the chart's card."""
    context, watched = _open(browser, bundled_files["nb"], DESKTOP)
    try:
        page = watched.page
        colours = page.evaluate(
            """() => {
              const style = (selector, prop) =>
                getComputedStyle(document.querySelector(selector))[prop];
              const out = {track: style('.bar-track', 'backgroundColor'),
                           card: style('.chart', 'backgroundColor')};
              for (const s of ['error', 'warning', 'info']) {
                out[s] = style('.legend .swatch.sev-' + s, 'backgroundColor');
                const bar = document.querySelector('rect.bar.sev-' + s);
                if (bar) { out[s + '-bar'] = getComputedStyle(bar).fill; }
              }
              return out;
            }"""
        )
        ratios = {}
        for severity in ("error", "warning", "info"):
            for name in (severity, f"{severity}-bar"):
                if name in colours:
                    for ground in ("track", "card"):
                        ratios[f"{name}/{ground}"] = _contrast(colours[name], colours[ground])
        print("\ncontrast: " + ", ".join(f"{k} {v:.2f}" for k, v in sorted(ratios.items())))
        assert {"error-bar/track", "warning-bar/track"} <= set(ratios)  # the bundled bars
        assert min(ratios.values()) >= 3, ratios
    finally:
        context.close()


def test_passed_checks_are_grouped_by_chapter_and_searchable(browser, bundled_files):
    context, watched = _open(browser, bundled_files["nb"], DESKTOP)
    try:
        page = watched.page
        passed = page.locator("#passed-checks")
        passed.locator("summary").click()
        rows = passed.locator("tr[data-row]")
        total = rows.count()
        assert total > 300
        groups = passed.locator(".row-group")
        assert groups.count() > 15
        status = passed.locator(".search-status")
        assert status.inner_text() == f"Viser {total} av {total}"
        page.get_by_label("Søk i de beståtte kontrollene").fill("rosa.victims-crosstab")
        visible = [rows.nth(i) for i in range(total) if rows.nth(i).is_visible()]
        assert [r.locator("th").inner_text() for r in visible] == ["rosa.victims-crosstab"]
        assert status.inner_text() == f"Viser 1 av {total}"
        shown = [groups.nth(i) for i in range(groups.count()) if groups.nth(i).is_visible()]
        assert [g.locator("caption").inner_text() for g in shown] == ["ROSA (53)"]
        page.get_by_label("Søk i de beståtte kontrollene").fill("")
        assert status.inner_text() == f"Viser {total} av {total}"
        # The same search over the passed findings, grouped by chapter too.
        page.locator("#passed-findings > summary").click()
        search = page.get_by_label("Søk i de beståtte funnene")
        search.fill("finnes ikke noe sted")
        assert not page.locator("#passed-findings [data-row]:visible").count()
        watched.assert_clean()
    finally:
        context.close()
