"""The English report is English: kssqa's own words in it (labels, messages, the values a
finding shows, check titles) hold no Norwegian; what the report prints is quoted as printed."""

from __future__ import annotations

import re

import pytest

from kssqa.api import run
from kssqa.config import load_config
from kssqa.render.data import report_to_data
from kssqa.render.html import LABELS as HTML_LABELS
from kssqa.render.html import render_html
from kssqa.render.text import LABELS as TEXT_LABELS
from kssqa.render.text import render_text

from .conftest import ROOT

# Norwegian words that no English sentence of kssqa's would use; each was seen in an English
# report before it was English ("likhet ≥ 90 % eller høyst 1 redigering", "0 dager", ...).
NORWEGIAN = re.compile(
    r"\b(og|ikke|dager|rader|avrunding|trykt|trykte|likhet|eller|høyst|verdi|ganger|mellom|"
    r"datoer|prosentpoeng|genitiv|sitatet|summen|stemmer|står|med|på|som|alle|antall|andelen|"
    r"tingene|begge|listene|redigering|redigeringer|uten|motstykke|forventet|forslag)\b",
    re.IGNORECASE,
)
# What a finding quotes from the report or the inputs: «…», and a row's own label in
# "line 28 (its label)".
QUOTED = re.compile(r"«[^»]*»|\(line \d+ \([^)]*\)|line \d+ \([^)]*\)")


def kssqa_words(text: str) -> str:
    return QUOTED.sub("", text)


@pytest.fixture(scope="module")
def english() -> dict:
    return report_to_data(run(load_config(ROOT / "kssqa.toml"), skip=("gx",)))


def test_the_labels_are_english():
    for labels in (HTML_LABELS["en"], TEXT_LABELS["en"]):
        for key, label in labels.items():
            text = " ".join(label) if isinstance(label, list) else str(label)
            assert not NORWEGIAN.search(text), (key, text)


def test_every_finding_says_itself_in_english(english):
    shown = [f for f in english["findings"] if f["outcome"] in ("fail", "error", "waived")]
    assert shown
    for finding in shown:
        words = [kssqa_words(finding["message"]["en"])]
        # expected, difference and tolerance are kssqa's words; actual and suggestion are
        # printed text (a name, «fire» → «fem»), as the report prints it
        texts = finding["texts"]["en"]
        words += [kssqa_words(texts[k] or "") for k in ("difference", "tolerance")]
        if finding["kind"] not in ("names", "restated"):  # their expected is a printed name
            words.append(kssqa_words(texts["expected"] or ""))
        for text in words:
            found = NORWEGIAN.search(text)
            assert not found, (finding["check_id"], found.group(), text)


def test_english_numbers_have_a_decimal_point(english):
    """Computed numbers follow the report's language: 45.16 %, not 45,16 %."""
    failing = [f for f in english["findings"] if f["outcome"] == "fail"]
    computed = " ".join(
        kssqa_words(f["message"]["en"])
        + " "
        + " ".join(kssqa_words(f["texts"]["en"][k] or "") for k in ("difference", "tolerance"))
        for f in failing
        if f["kind"] != "schema"  # a parse finding proposes printed (Norwegian) forms
    )
    assert re.search(r"\d\.\d", computed)
    assert not re.search(r"\d,\d", computed)


def test_the_english_text_and_page_show_english_titles_and_values(english):
    text = render_text(english, "en")
    assert "errors" in text.splitlines()[-1]
    page = render_html(english, "en")
    assert "Expected from the other figures" in page and "Printed" in page
    assert "Forventet" not in page
