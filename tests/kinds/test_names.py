"""The names kind: variant spellings of one name are found, look-alikes and genitives are not."""

from __future__ import annotations

import csv
import io
import random
import time
from collections import Counter
from pathlib import Path

import pytest
from rapidfuzz.distance import OSA

from kssqa.checkfile import parse_check
from kssqa.config import ConfigError
from kssqa.findings import Outcome
from kssqa.kinds.names import genitive_of
from kssqa.spelling import (
    Options,
    _fuzzy_pairs,
    group_spellings,
    name_key,
    token_relation,
)
from kssqa.spelling_diff import describe_variant

from .helpers import run_check
from .namegen import synthetic_names

SCHEMA = """\
table: mentions
file: mentions.csv
columns:
  key: {type: text, required: true, unique: true}
  section: {type: text}
  name: {type: text}
  kind: {type: text}
  quote: {type: text}
"""

MEMBERS_SCHEMA = """\
table: members
file: members.csv
columns:
  key: {type: text, required: true, unique: true}
  name: {type: text, required: true}
  manager: {type: text}
"""


def mentions_csv(names: list[str], kinds: list[str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["key", "section", "name", "kind", "quote"])
    for i, name in enumerate(names, 1):
        kind = kinds[i - 1] if kinds else "person"
        writer.writerow([f"mentions.{i}", "Omtale", name, kind, f"... {name} ..."])
    return out.getvalue()


def check_yaml(columns: str = "[{table: mentions, column: name}]", extra: str = "") -> str:
    return (
        "checks:\n"
        "  - id: names.consistent\n"
        "    kind: names\n"
        "    title: Navn staves likt\n"
        "    severity: warning\n"
        f"    columns: {columns}\n" + "".join(f"    {line}\n" for line in extra.splitlines())
    )


def run_names(tmp_path: Path, names: list[str], extra: str = "", files=None, columns=None):
    project = {"schemas/mentions.yaml": SCHEMA, "inputs/2025/mentions.csv": mentions_csv(names)}
    project.update(files or {})
    if columns is None:
        return run_check(tmp_path, check_yaml(extra=extra), project)
    return run_check(tmp_path, check_yaml(columns, extra), project)


def failures(findings):
    return [f for f in findings if f.outcome == Outcome.FAIL]


def variants(grouping) -> dict[str, str]:
    """each reported spelling -> the suggested (reference) spelling."""
    return {v.text: g.reference.text for g in grouping.groups for v in g.variants}


# --- through the whole run (CSV -> findings) ---------------------------------------------------


def test_planted_one_letter_misspelling_is_found_with_locations_and_arithmetic(tmp_path):
    names = ["Silje Heitmann", "Ane Fossum", "Silje Heitmann", "Silje Heitman", "Ane Fossum"]
    findings = run_names(tmp_path, names)
    [fail] = failures(findings)
    assert {f.outcome for f in findings} == {Outcome.FAIL}
    assert fail.actual == "Silje Heitman" and fail.expected == "Silje Heitmann"
    assert fail.suggestion == "Silje Heitmann"
    assert [(loc.file, loc.row, loc.column) for loc in fail.locations] == [
        ("inputs/2025/mentions.csv", 5, "name")
    ]
    assert fail.locations[0].quote == "... Silje Heitman ..."
    # the arithmetic: normalised forms, edits, similarity and the threshold
    en = fail.text("en")
    assert "«siljeheitman» vs «siljeheitmann»: 1 edit, similarity 96 %" in en
    assert "one letter is missing" in en and "similarity ≥ 90 %" in en
    assert "«Silje Heitmann» ×2, «Silje Heitman» ×1" in en
    assert "én bokstav mangler" in fail.text("nb")
    assert fail.difference == "1 redigering, likhet 96 %"


def test_clean_names_give_one_pass_with_the_counts(tmp_path):
    names = ["Silje Heitmann", "Ane Fossum", "Silje Heitmann", "ROSA", "ROSAs", "NRK", "NTB"]
    findings = run_names(tmp_path, names)
    [finding] = findings
    assert finding.outcome == Outcome.PASS
    # 7 occurrences; ROSAs counts under ROSA: 5 spellings, each its own group
    assert finding.text("en").startswith("7 name occurrences, 5 spellings in 5 groups")
    assert finding.text("nb").startswith("7 navneforekomster, 5 skrivemåter i 5 grupper")
    assert [loc.label() for loc in finding.locations] == ["inputs/2025/mentions.csv:name"]


@pytest.mark.parametrize(
    ("majority", "variant", "code", "how"),
    [
        ("Indre Østfold Krisesenter", "Indre Østfold krisesenter", "case", "upper and lower"),
        ("Interkommunalt selskap", "Inter-kommunalt selskap", "separators", "hyphens, spaces"),
        ("Interkommunalt selskap", "Inter- kommunalt selskap", "separators", "hyphens, spaces"),
        ("Sparebankstiftelsen DNB", "Sparebank-stiftelsen DNB", "separators", "hyphens"),
        ("Pia Krüger Grönqvist", "Pia Kruger Grønqvist", "diacritics", "accents"),
        ("Solveig Mørland Saleh", "Solveig Morland Saleh", "diacritics", "Nordic letters"),
        ("Nok Oslo", "Nok. Oslo", "separators", "punctuation"),
    ],
)
def test_case_hyphen_and_diacritic_variants_are_found(tmp_path, majority, variant, code, how):
    findings = run_names(tmp_path, [majority, variant, majority])
    [fail] = failures(findings)
    assert (fail.actual, fail.suggestion, fail.difference) == (variant, majority, code)
    assert how in fail.text("en")


def test_genitive_is_not_reported_but_counts_toward_its_base(tmp_path):
    names = ["ROSA", "ROSAs", "FOKUS", "FOKUS'", "Oslo kommune", "Oslo kommunes", "Bufdirs"]
    names += ["Bufdir", "Krisesentersekretariatets", "Krisesentersekretariatet"]
    findings = run_names(tmp_path, names)
    assert [f.outcome for f in findings] == [Outcome.PASS]
    grouping = group_spellings(names)
    assert grouping.groups == []
    assert grouping.spelling_of["ROSAs"] == "ROSA"
    assert grouping.spelling_of["FOKUS'"] == "FOKUS"
    assert grouping.spellings == 5


def test_genitive_decides_the_majority():
    # 2 + 2 genitives beat 3: the genitive counts toward its base spelling
    names = ["Kvinnefronten"] * 2 + ["Kvinnefrontens"] * 2 + ["Kvinnefronen"] * 3
    [group] = group_spellings(names).groups
    assert group.reference.text == "Kvinnefronten" and group.reference.count == 4
    assert [v.text for v in group.variants] == ["Kvinnefronen"]


def test_misspelled_base_is_reported_with_its_genitive_occurrences(tmp_path):
    names = ["Krisesentersekretariatet"] * 3 + ["Kriesentersekretariatet"]
    names += ["Kriesentersekretariatets", "Krisesentersekretariatets"]
    [fail] = failures(run_names(tmp_path, names))
    assert fail.actual == "Kriesentersekretariatet"
    assert [loc.row for loc in fail.locations] == [5, 6]  # the base and its genitive
    assert "1 of them in the genitive «Kriesentersekretariatets»" in fail.text("en")
    assert fail.suggestion == ("Krisesentersekretariatet (i genitiv: Krisesentersekretariatets)")


def test_genitive_of_a_misspelling_without_its_base_is_reported_as_genitive(tmp_path):
    names = ["Krisesentersekretariatet"] * 3 + ["Ksisesentersekretariatets"]
    [fail] = failures(run_names(tmp_path, names))
    assert fail.actual == "Ksisesentersekretariatets"
    assert fail.suggestion == "Krisesentersekretariatets"
    assert "in the genitive" in fail.text("en") and "one letter differs" in fail.text("en")


ALLOWLIST = '- ["Line Hansen", "Lise Hansen"]\n- ["Høgskulen i Volda", "Høgskulen i Molde"]\n'


def test_allowlisted_look_alikes_are_not_reported(tmp_path, monkeypatch):
    names = ["Line Hansen", "Lise Hansen", "Line Hansen"]
    without = run_names(tmp_path / "without", names)
    assert [f.actual for f in failures(without)] == ["Lise Hansen"]
    monkeypatch.chdir(tmp_path)  # resolved against the check file, not the working folder
    with_list = run_names(
        tmp_path / "with",
        names,
        extra="allowlist: lists/names-allowlist.yaml",
        files={"checks/lists/names-allowlist.yaml": ALLOWLIST},
    )
    assert [f.outcome for f in with_list] == [Outcome.PASS]


def test_allowlist_keeps_look_alikes_apart_even_through_a_typo():
    # «Høgskulen i Valda» is one edit from both; it joins one of them, never both
    names = ["Høgskulen i Volda"] * 3 + ["Høgskulen i Molde"] * 2 + ["Høgskulen i Valda"]
    loose = group_spellings(names, min_similarity=85)
    assert len(loose.groups) == 1 and len(loose.groups[0].variants) == 2
    allowed = group_spellings(
        names, min_similarity=85, allowlist=[["Høgskulen i Volda", "Høgskulen i Molde"]]
    )
    assert variants(allowed) == {"Høgskulen i Valda": "Høgskulen i Volda"}


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("- Line Hansen\n", "must be a list of groups"),
        ("[[Line Hansen]]\n", "must be a list of groups"),
        ("[[unclosed\n", "not valid YAML"),
    ],
)
def test_malformed_allowlist_cannot_be_evaluated(tmp_path, text, reason):
    findings = run_names(
        tmp_path,
        ["Line Hansen"],
        extra="allowlist: lists/names.yaml",
        files={"checks/lists/names.yaml": text},
    )
    assert [f.outcome for f in findings] == [Outcome.ERROR]
    assert reason in findings[0].text("en")


def test_missing_allowlist_cannot_be_evaluated(tmp_path):
    findings = run_names(tmp_path, ["Line Hansen"], extra="allowlist: lists/nowhere.yaml")
    assert [f.outcome for f in findings] == [Outcome.ERROR]
    assert "lists/nowhere.yaml does not exist" in findings[0].text("en")


def test_short_abbreviations_are_never_matched():
    names = ["NRK", "NTB", "VG", "VO", "KSS", "KKS", "LDO", "UDO", "NOVA", "NORA"]
    assert group_spellings(names).groups == []
    # from min_length (5) characters on, one edit joins: «Høgre» is Nynorsk for «Høyre»
    assert variants(group_spellings(["Høyre", "Høyre", "Høgre"])) == {"Høgre": "Høyre"}
    # ... unless min_length is lowered on purpose
    assert variants(group_spellings(["NRK", "NRK", "NTK"], min_length=3)) == {"NTK": "NRK"}


def test_names_that_differ_in_their_digits_are_different_things():
    assert group_spellings(["CSW68 New York", "CSW69 New York"]).groups == []


def test_token_prefix_short_form_joins_the_longer_name(tmp_path):
    findings = run_names(tmp_path, ["Marianne Ulven Solli", "Marianne Ulven"])
    [fail] = failures(findings)
    assert (fail.actual, fail.suggestion, fail.difference) == (
        "Marianne Ulven",
        "Marianne Ulven Solli",
        "prefix",
    )
    assert "a short form: its words are the first words of «Marianne Ulven Solli»" in (
        fail.text("en")
    )


def test_ambiguous_or_one_word_short_forms_are_not_grouped():
    # two different longer names start with «Marianne Ulven»: the short form is ambiguous
    names = ["Marianne Ulven", "Marianne Ulven Solli", "Marianne Ulven Hansen"]
    assert group_spellings(names).groups == []
    # a single word is never a short form
    assert group_spellings(["Fossum", "Ane Fossum", "NRK", "NRK Rogaland"]).groups == []


def test_missing_middle_name_joins_the_full_name():
    names = ["Sonja Edith Skarsbø Olsen", "Sonja Skarsbø Olsen", "Sonja Edith Skarsbø Olsen"]
    assert variants(group_spellings(names)) == {"Sonja Skarsbø Olsen": "Sonja Edith Skarsbø Olsen"}
    assert token_relation("Sonja Skarsbø Olsen", "Sonja Edith Skarsbø Olsen") == "middle"
    assert token_relation("Sonja Olsen", "Sonja Edith Skarsbø Hansen") is None


def test_majority_tie_breaks():
    # tie on count: the longer name wins
    [group] = group_spellings(["Rød knapp", "Rød knapp – Stopp vold mot kvinner"]).groups
    assert group.reference.text == "Rød knapp – Stopp vold mot kvinner"
    # same key, tie on count: the spelling with fewer separators wins
    names = ["Inter- kommunalt selskap", "Inter-kommunalt selskap", "Interkommunalt selskap"]
    [group] = group_spellings(names).groups
    assert group.reference.text == "Interkommunalt selskap"
    # a clear majority wins whatever its length
    [group] = group_spellings(["Alta Kriesesenter"] * 2 + ["Alta Krisesenter"]).groups
    assert group.reference.text == "Alta Kriesesenter"


def test_ignore_initial_case_accepts_a_sentence_initial_capital(tmp_path):
    names = ["Regjeringen", "regjeringen", "regjeringen", "Fagetisk råd", "Fagetisk Råd"]
    names.append("Fagetisk råd")
    strict = run_names(tmp_path / "strict", names)
    assert sorted(f.actual for f in failures(strict)) == ["Fagetisk Råd", "Regjeringen"]
    lenient = run_names(tmp_path / "lenient", names, extra="ignore_initial_case: true")
    assert [f.actual for f in failures(lenient)] == ["Fagetisk Råd"]


def test_columns_across_tables_with_split_and_where(tmp_path):
    members = (
        "key,name,manager\n"
        "members.1,Helgeland krisesenter,Heidi Olden Eng / Marianne Ulven\n"
        "members.2,Alta krisesenter,Kine Bredal Pedersen\n"
    )
    names = ["Heidi Olden Eng", "Kine Bredal Pedersen", "Heidi Olden Eng", "Kine Bredal Pedersn"]
    kinds = ["person", "person", "person", "organisation"]
    columns = (
        "[{table: mentions, column: name, where: {kind: person}}, "
        "{table: members, column: manager, split: ' / '}]"
    )
    project = {
        "schemas/mentions.yaml": SCHEMA,
        "inputs/2025/mentions.csv": mentions_csv(names, kinds),
        "schemas/members.yaml": MEMBERS_SCHEMA,
        "inputs/2025/members.csv": members,
    }
    findings = run_check(tmp_path, check_yaml(columns), project)
    # «Kine Bredal Pedersn» is excluded by where; the manager cell is two names
    assert [f.outcome for f in findings] == [Outcome.PASS]
    assert findings[0].text("en").startswith("6 name occurrences, 3 spellings in 3 groups")
    project["inputs/2025/members.csv"] = members.replace("Marianne Ulven", "Heidi Olden Enge")
    [fail] = failures(run_check(tmp_path, check_yaml(columns), project))
    assert fail.actual == "Heidi Olden Enge"
    assert [loc.label() for loc in fail.locations] == ["inputs/2025/members.csv:2:manager"]


def test_locations_are_capped_at_twenty(tmp_path):
    names = ["Nordiske kvinner mot vold"] * 30 + ["Nordiske Kvinner mot vold"] * 25
    [fail] = failures(run_names(tmp_path, names))
    assert len(fail.locations) == 20 and fail.details["locations_total"] == 25
    assert "(showing 20 of 25 locations)" in fail.text("en")
    assert "(viser 20 av 25 steder)" in fail.text("nb")


@pytest.mark.parametrize(
    ("columns", "reason"),
    [
        ("[{table: nowhere, column: name}]", "no usable table 'nowhere'"),
        ("[{table: mentions, column: person}]", "has no column 'person'"),
        ("[{table: mentions, column: name, where: {role: x}}]", "has no column 'role'"),
    ],
)
def test_unknown_table_or_column_cannot_be_evaluated(tmp_path, columns, reason):
    findings = run_names(tmp_path, ["Ane Fossum"], columns=columns)
    assert [f.outcome for f in findings] == [Outcome.ERROR]
    assert reason in findings[0].text("en")


def test_no_names_at_all_cannot_be_evaluated(tmp_path):
    findings = run_names(tmp_path, ["", ""])
    assert [f.outcome for f in findings] == [Outcome.ERROR]
    assert "hold no names" in findings[0].text("en")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"columns": []}, "at least one"),
        ({"columns": [{"table": "mentions"}]}, "needs table and column"),
        ({"columns": [{"table": "m", "column": "n", "colour": "x"}]}, "unknown key(s)"),
        ({"columns": [{"table": "m", "column": "n", "split": ""}]}, "split"),
        ({"columns": [{"table": "m", "column": "n", "where": "x"}]}, "where"),
        ({"columns": [{"table": "m", "column": "n"}], "min_similarity": 120}, "0–100"),
        ({"columns": [{"table": "m", "column": "n"}], "max_edits": 1.5}, "whole number"),
        ({"columns": "mentions.name"}, "must be of type list"),
    ],
)
def test_bad_arguments_are_configuration_errors(args, message):
    raw = {"id": "names.x", "kind": "names", "title": "Navn", **args}
    with pytest.raises(ConfigError) as error:
        parse_check(raw, "checks/names.yaml")
    assert message in str(error.value)


# --- the core --------------------------------------------------------------------------------


def test_normalised_key_and_genitive_helpers():
    assert name_key("Inter- kommunalt selskap") == "interkommunaltselskap"
    assert name_key("Pia Krüger Grønqvist") == name_key("pia kruger gronqvist")
    assert name_key("Sæther") == "saether"
    assert genitive_of("ROSA") == "ROSAs" and genitive_of("FOKUS") == "FOKUS'"


def test_describe_variant_reports_the_kind_of_slip():
    options = Options()
    swapped = describe_variant("Camilla krisesentre", "Camilla krisesenter", options)
    assert "two letters are swapped" in swapped.parts[0]["en"]
    many = describe_variant(
        "Referansegruppe krisesenterstatistikk",
        "Referansegruppen for krisesenterstatistikken",
        options,
    )
    assert many.code == "6 redigeringer, likhet 92,3 %"
    # 100 × (35 + 42 − 6 insertions/deletions) / (35 + 42) = 92.2…: above 90, so one group
    assert (
        len(
            group_spellings(
                [
                    *["Referansegruppen for krisesenterstatistikken"] * 2,
                    "Referansegruppe krisesenterstatistikk",
                ]
            ).groups
        )
        == 1
    )


def test_thresholds_are_respected():
    names = ["Avisa Gaula", "Avisen Gaula"]  # 2 edits, similarity 85.7 %
    assert group_spellings(names).groups == []
    assert len(group_spellings(names, max_edits=2).groups) == 1
    assert len(group_spellings(names, min_similarity=85).groups) == 1
    # max_edits 0 and a high similarity: only exact normalised matches remain
    strict = group_spellings(
        ["Silje Heitmann", "Silje Heitman", "silje heitmann"], max_edits=0, min_similarity=99
    )
    assert variants(strict) == {"silje heitmann": "Silje Heitmann"}


# --- scale: blocking finds what all pairs would ------------------------------------------------


def one_letter_slip(name: str, rng: random.Random, taken: set[str]) -> str:
    """A one-letter misspelling of the surname (not at its end: no genitive-looking s)."""
    first, last = name.split(" ")
    while True:
        i = rng.randrange(1, len(last) - 1)
        operation = rng.choice(["replace", "drop", "insert", "swap"])
        letter = rng.choice("abdefgiklmnoprstuv")
        if operation == "replace":
            new = last[:i] + letter + last[i + 1 :]
        elif operation == "drop":
            new = last[:i] + last[i + 1 :]
        elif operation == "insert":
            new = last[:i] + letter + last[i:]
        else:
            new = last[:i] + last[i + 1] + last[i] + last[i + 2 :]
        slip = f"{first} {new}"
        if slip != name and slip not in taken and OSA.distance(slip, name) == 1:
            return slip


def test_names_check_finds_planted_one_letter_misspellings_among_100000_generated_names():
    rng = random.Random(7)
    names = synthetic_names(100_000, seed=2025)
    counts = Counter(names)
    frequent = rng.sample(names, 20)
    for name in frequent:
        counts[name] += rng.randint(20, 60)
    planted = {}
    taken = set(names)
    for name in frequent:
        slip = one_letter_slip(name, rng, taken)
        taken.add(slip)
        planted[slip] = name
        counts[slip] += 1
    started = time.perf_counter()
    grouping = group_spellings(counts)
    elapsed = time.perf_counter() - started
    found = variants(grouping)
    assert {slip: found.get(slip) for slip in planted} == planted
    assert grouping.spellings == 100_020
    assert elapsed < 60  # blocking keeps it near linear (about 2 s); all pairs would take hours


def test_blocking_misses_no_pair_within_one_edit():
    rng = random.Random(11)
    names = synthetic_names(3000, seed=3)
    taken = set(names)
    for name in rng.sample(names, 300):
        slip = one_letter_slip(name, rng, taken)
        taken.add(slip)
    keys = sorted({name_key(n) for n in taken})
    found = {(i, j) for i, j, _e, _s in _fuzzy_pairs(keys, Options())}
    brute = {
        (i, j)
        for i in range(len(keys))
        for j in range(i + 1, len(keys))
        if OSA.distance(keys[i], keys[j], score_cutoff=1) <= 1
    }
    assert len(brute) >= 300 and brute <= found


# --- which spelling is suggested: the rest of the names can outvote a group's majority --------

# Other names that spell «mannen» at the end of a word: 6 occurrences in 3 different words.
MANNEN_ELSEWHERE = ["Fylkesmannen i Troms"] * 2 + ["Sysselmannen"] * 2 + ["Ombudsmannen"] * 2


def test_letters_spelled_right_elsewhere_outvote_a_misspelt_majority():
    names = ["Fylkesmanen i Nordland"] * 3 + ["Fylkesmannen i Nordland"] * 2 + MANNEN_ELSEWHERE
    [group] = group_spellings(names).groups
    assert group.reference.text == "Fylkesmannen i Nordland"
    assert [v.text for v in group.variants] == ["Fylkesmanen i Nordland"]
    evidence = group.evidence
    assert (evidence.letters, evidence.letters_count, evidence.letters_words) == ("mannen$", 6, 3)
    assert (evidence.other, evidence.other_count) == ("manen$", 0)
    assert evidence.outvoted == "Fylkesmanen i Nordland" and evidence.outvoted_count == 3


def test_the_finding_points_at_the_misspelt_majority_and_says_why(tmp_path):
    names = ["Fylkesmanen i Nordland"] * 3 + ["Fylkesmannen i Nordland"] * 2 + MANNEN_ELSEWHERE
    [fail] = failures(run_names(tmp_path, names))
    assert (fail.actual, fail.suggestion) == ("Fylkesmanen i Nordland", "Fylkesmannen i Nordland")
    assert [loc.row for loc in fail.locations] == [2, 3, 4]  # the three misspelt mentions
    assert (
        "«Fylkesmannen i Nordland» is suggested although «Fylkesmanen i Nordland» is more "
        "frequent: the other names write «mannen» 6 times (in 3 different words) and «manen» "
        "0 times"
    ) in fail.text("en")
    assert "foreslås selv om «Fylkesmanen i Nordland» står oftere" in fail.text("nb")
    assert fail.details["evidence"]["letters_count"] == 6


@pytest.mark.parametrize(
    ("elsewhere", "why"),
    [
        (MANNEN_ELSEWHERE[:4], "4 occurrences: fewer than 5"),
        (["Fylkesmannen i Troms"] * 6, "one other word only"),
        (MANNEN_ELSEWHERE + ["Drømanen", "Tømanen", "Kvamanen"], "6 against 3: not 3 times"),
    ],
)
def test_weak_evidence_keeps_the_majority(elsewhere, why):
    names = ["Fylkesmanen i Nordland"] * 3 + ["Fylkesmannen i Nordland"] * 2 + elsewhere
    groups = [g for g in group_spellings(names).groups if "Nordland" in g.reference.text]
    assert [g.reference.text for g in groups] == ["Fylkesmanen i Nordland"], why
    assert groups[0].evidence is None


def test_a_group_is_no_evidence_for_itself_and_word_ends_are_never_outvoted():
    # the group's own words do not count: «krises» is only in the group itself here
    names = ["Sentrum Kriesesenter"] * 3 + ["Sentrum Krisesenter"] * 2
    [group] = group_spellings(names).groups
    assert group.reference.text == "Sentrum Kriesesenter" and group.evidence is None
    # a difference at the very end of a word (a surname) has no context to count
    others = ["Anne Bergmann", "Ola Hofmann", "Kari Neumann", "Per Lindemann"] * 2
    [group] = group_spellings(["Silje Heitman"] * 3 + ["Silje Heitmann"] + others).groups
    assert group.reference.text == "Silje Heitman" and group.evidence is None
