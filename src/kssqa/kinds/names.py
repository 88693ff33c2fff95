"""names — one thing, one spelling: variant spellings of the same name across the report.

The check collects every name printed in the given columns (people, organisations, category
values), groups the spellings that refer to the same thing and reports every spelling but one
with all its locations, suggesting that one: the spelling most of the report uses, unless the
rest of the names clearly spell the differing letters another way. How spellings are grouped
and which one is suggested is the spelling engine's work (:mod:`kssqa.spelling`); this module
reads the columns, the allowlist and the manuscript's prose, and turns groups into findings.

The allowlist path is relative to the folder of the check file. A kind sees the check's
``source`` (its display path, relative to the project root) but not the configuration; the
project root is recovered from any loaded table (its absolute path ends with its display path).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict
from decimal import Decimal
from pathlib import Path

from ..findings import Finding, Location
from ..messages import Template, local
from ..name_columns import (
    Places,
    Rows,
    column_entry_problem,
    column_items,
    register_items,
    with_abbreviation,
)
from ..spelling import (
    DEFAULT_MAX_EDITS,
    DEFAULT_MIN_LENGTH,
    DEFAULT_MIN_SIMILARITY,
    Grouping,
    NameGroup,
    Options,
    Spelling,
    group_spellings,
    name_key,
    name_tokens,
    similar,
    token_relation,
)
from ..spelling_diff import describe_variant, edits_text
from . import register
from .base import Arg, CannotEvaluate, Example, Kind, KindDoc, fmt_exact

MAX_LOCATIONS = 20

# --- the kind ----------------------------------------------------------------------------------

MENTIONS_SCHEMA = """\
table: mentions
file: mentions.csv
columns:
  key: {type: text, required: true, unique: true}
  section: {type: text}
  name: {type: text, required: true}
  quote: {type: text}
"""

BOARD_SCHEMA = """\
table: board
file: board.csv
columns:
  key: {type: text, required: true, unique: true}
  section: {type: text}
  person: {type: text, required: true}
  organisation: {type: text}
  quote: {type: text}
"""

EXAMPLE_SCHEMAS = {"schemas/mentions.yaml": MENTIONS_SCHEMA, "schemas/board.yaml": BOARD_SCHEMA}

EXAMPLE_CHECK = """\
checks:
  - id: names.consistent
    kind: names
    title: Samme navn staves likt i hele årsmeldingen
    severity: warning
    columns:
      - {table: mentions, column: name}
      - {table: board, column: person}
      - {table: board, column: organisation}
    authority: [{file: lists/members.yaml}]
"""

# The authority of the examples: the member centres' names as the member register has them.
EXAMPLE_AUTHORITY = {"checks/lists/members.yaml": "- Gjøvik krisesenter IKS\n- Alta krisesenter\n"}

DOC = KindDoc(
    what=(
        "Collects every name printed in the given `columns` (a list of `{table, column}`, each "
        "with an optional `where` and an optional `split` separator, or list of separators, for "
        "cells holding several names, e.g. `' / '` or `[', ', ' og ']` — a word separator such "
        "as « og » splits only before a capital letter, so «Krisesenteret for Molde og omegn» "
        "stays one name; a name followed by its abbreviation, «Likestillings- og "
        "diskrimineringsombudet (LDO)», is two names), groups the spellings that refer to the "
        "same thing and reports every spelling but one with all its locations, suggesting that "
        "one (see below). Every person and organisation column can take part — the staff, board "
        "and member tables, list items, partners — beside a list of every mention (names.csv): "
        "a table cell and the row that transcribes the same printed mention elsewhere (the same "
        "text at the same place of the manuscript, or without a manuscript inside the same "
        "quote) count once, at the first column listed, so no spelling weighs twice. "
        "Spellings are the same name when their normalised forms are equal (case, "
        "accents, ø/o, hyphens, spaces and punctuation ignored), when they are close (rapidfuzz "
        "ratio ≥ `min_similarity`, default 90, or at most `max_edits` edits, default 1, on the "
        "normalised form; both at least `min_length`, default 5, characters, so NRK/NTB or VG "
        "never match; digits must agree), or when a name of two or more words is the start of "
        "exactly one longer name (`Marianne Ulven` / `Marianne Ulven Solli`) or lacks its middle "
        "words (`Sonja Skarsbø Olsen` / `Sonja Edith Skarsbø Olsen`). A Norwegian genitive "
        "(`ROSAs`, `FOKUS'`, `Krisesentersekretariatets`) counts under its base name and is "
        "never reported by itself. The suggested spelling is the most frequent one (tie: the "
        "longer name, then fewer separators, then alphabetical) — unless the rest of the names "
        "clearly spell the letters where it differs from a less frequent spelling the other "
        "way: for a difference of at most two letters inside one word, with three characters "
        "on each side, the less frequent spelling is suggested when its letters occur in the "
        "names outside the group at least 5 times, in at least 3 different words, and at least "
        "3 times as often as the majority's (`Fylkesmanen i Nordland` ×3 against "
        "`Fylkesmannen i Nordland` ×2, while the other names end words in «mannen» often and "
        "in «manen» never); the finding then gives those counts. An optional `allowlist` (a YAML "
        "file relative to the check file's folder, e.g. `lists/names-allowlist.yaml`) lists groups "
        "of spellings that are different things that only look alike; "
        "`ignore_initial_case: true` accepts a capital first letter (start of a sentence). "
        "With `prose: true` and a manuscript, the names are also looked for in the manuscript "
        "itself: every place that prints one of the columns' names, the same or spelled within "
        "the threshold, and that no row's quote covers (a mention transcribed once is counted "
        "once), joins the check with its line — so a name misspelt in a paragraph nobody "
        "transcribed is found too. An `authority` — a list of `{file}` (a YAML list of names "
        "relative to the check file's folder, e.g. the member register's official names) or of "
        "columns (`{table, column}`, e.g. a board list the editor vouches for) — anchors the "
        "groups: a printed name within the threshold of an authority's name but spelled "
        "otherwise is a finding even where the report prints it once and nothing like it "
        "elsewhere, the authority's name is suggested even where a slip is the majority, and two "
        "names of the authority are never grouped. Equal to the authority means the same letters "
        "(accents included); case, spaces, hyphens and punctuation are left to the spelling "
        "groups (the report's most frequent form of the name is suggested for those)."
    ),
    why=(
        "A name spelled two ways looks careless and can be read as two different people or "
        "organisations; a member centre, a board member or a funder spelled wrong is an insult "
        "to exactly the reader who looks for it. Spelling slips repeat (copy and paste), so the "
        "spelling the report uses most often is usually the right one; where a slip outnumbers "
        "the right spelling of one name, the way the rest of the report spells the same letters "
        "usually shows it — and where neither tells, the finding still shows every place to "
        "change."
    ),
    example_fails=Example(
        "«Silje Heitman» (board) is «Silje Heitmann» elsewhere (one letter missing), and "
        "«Kriesesentersekretariatet» is a one-letter slip of the name printed three times and "
        "once in the genitive; the genitive «Krisesentersekretariatets» itself is not reported. "
        "«Alta Kriesesenter», printed once and like no other name of the report, is a slip of "
        "«Alta krisesenter» in the member register (the authority).",
        EXAMPLE_CHECK,
        {
            **EXAMPLE_SCHEMAS,
            **EXAMPLE_AUTHORITY,
            "inputs/2025/mentions.csv": """\
key,section,name,quote
mentions.1,Innledning,Krisesentersekretariatet,Krisesentersekretariatet er en paraplyorganisasjon
mentions.2,Innledning,Krisesentersekretariatets,Krisesentersekretariatets medlemmer
mentions.3,Styret,Krisesentersekretariatet,Styret i Krisesentersekretariatet
mentions.4,Økonomi,Kriesesentersekretariatet,Kriesesentersekretariatet fikk tilskudd
mentions.5,Sekretariat,Krisesentersekretariatet,Ansatte i Krisesentersekretariatet
mentions.6,ROSA,Silje Heitmann,"Silje Heitmann, leder"
mentions.7,ROSA,Silje Heitmann,Silje Heitmann holdt innlegg
""",
            "inputs/2025/board.csv": """\
key,section,person,organisation,quote
board.1,Styret,Heidi Olden Eng,Gjøvik krisesenter IKS,"Heidi Olden Eng, Gjøvik krisesenter IKS"
board.2,Styret,Silje Heitman,,Silje Heitman er observatør
board.3,Styret,Kine Bredal Pedersen,Alta Kriesesenter,"Kine Bredal Pedersen, Alta Kriesesenter"
""",
        },
    ),
    example_passes=Example(
        "Every name is spelled one way. The genitive «Krisesentersekretariatets» belongs to "
        "«Krisesentersekretariatet», and the short names NRK and NTB are never compared. "
        "«Alta Krisesenter» is the member register's «Alta krisesenter» (case aside).",
        EXAMPLE_CHECK,
        {
            **EXAMPLE_SCHEMAS,
            **EXAMPLE_AUTHORITY,
            "inputs/2025/mentions.csv": """\
key,section,name,quote
mentions.1,Innledning,Krisesentersekretariatet,Krisesentersekretariatet er en paraplyorganisasjon
mentions.2,Innledning,Krisesentersekretariatets,Krisesentersekretariatets medlemmer
mentions.3,Media,NRK,Intervju i NRK
mentions.4,Media,NTB,Sak fra NTB
mentions.5,ROSA,Silje Heitmann,"Silje Heitmann, leder"
""",
            "inputs/2025/board.csv": """\
key,section,person,organisation,quote
board.1,Styret,Heidi Olden Eng,Gjøvik krisesenter IKS,"Heidi Olden Eng, Gjøvik krisesenter IKS"
board.2,Styret,Silje Heitmann,,Silje Heitmann er observatør
board.3,Styret,Kine Bredal Pedersen,Alta Krisesenter,"Kine Bredal Pedersen, Alta Krisesenter"
""",
        },
    ),
    fix=(
        "Correct the reported spelling at every location listed (the suggestion is the "
        "reference spelling; genitive forms take its genitive). If the suggestion itself is "
        "wrong, correct all the others instead. If the spellings are different things that only "
        "look alike (two people, two colleges), add them as one group to the allowlist file, "
        'e.g. `[["Line Hansen", "Lise Hansen"]]`; a legitimate short form can be listed the '
        "same way. Raise `min_similarity` or set `max_edits: 0` if the check is too eager. A "
        "finding against the authority is corrected in the report; if the authority is out of "
        "date (a centre renamed), correct the authority's list."
    ),
)


@register
class NamesKind(Kind):
    name = "names"
    title = "Samme navn staves likt"
    title_en = "One name is spelled one way"
    summary = (
        "one person, organisation or category is spelled one way, and as an authority "
        "(the member register) spells it"
    )
    doc = DOC
    args = {
        "columns": Arg(
            "list",
            help="name-bearing columns: a list of {table, column, optional where, optional split}",
        ),
        "allowlist": Arg(
            "text",
            required=False,
            help="YAML file (relative to the check file's folder) with groups of spellings that "
            "are different things",
        ),
        "min_similarity": Arg(
            "number",
            required=False,
            default=DEFAULT_MIN_SIMILARITY,
            help="rapidfuzz ratio (0–100) on normalised names at or above which names match",
        ),
        "max_edits": Arg(
            "number",
            required=False,
            default=DEFAULT_MAX_EDITS,
            help="edits (Levenshtein, adjacent swap = 1) at or below which names match; 0 = off",
        ),
        "min_length": Arg(
            "number",
            required=False,
            default=DEFAULT_MIN_LENGTH,
            help="normalised names shorter than this are never matched fuzzily",
        ),
        "ignore_initial_case": Arg(
            "bool",
            required=False,
            default=False,
            help="accept a capital or small first letter (start of a sentence)",
        ),
        "prose": Arg(
            "bool",
            required=False,
            default=False,
            help="also the names printed in the manuscript that no row transcribes",
        ),
        "authority": Arg(
            "list",
            required=False,
            help="authoritative spellings: {file: a YAML list of names, relative to the check "
            "file's folder} or {table, column, optional where, optional split}",
        ),
    }
    messages = {
        "pass": Template(
            "{names} navneforekomster, {spellings} skrivemåter i {groups} grupper: ingen navn er "
            "stavet på flere måter (grense: likhet ≥ {min_similarity} % eller høyst "
            "{max_edits_nb} på normalisert form){authority}",
            "{names} name occurrences, {spellings} spellings in {groups} groups: no name is "
            "spelled in more than one way (threshold: similarity ≥ {min_similarity} % or at most "
            "{max_edits_en} on the normalised form){authority}",
        ),
        "authority_pass": Template(
            "; ingen avviker fra de {count} navnene i {sources}",
            "; none differs from the {count} names of {sources}",
        ),
        "fail_authority": Template(
            "«{variant}» ({count} {times_nb}{genitive_nb}) er trolig «{reference}», slik "
            "{authority} staver navnet: {how_nb}. Skrivemåter i gruppen: {spellings}{more_nb}",
            "«{variant}» ({count} {times_en}{genitive_en}) is probably «{reference}», as "
            "{authority} spells the name: {how_en}. Spellings in the group: {spellings}{more_en}",
        ),
        "fail": Template(
            "«{variant}» ({count} {times_nb}{genitive_nb}) er trolig samme navn som "
            "«{reference}» ({reference_count} {reference_times_nb}): {how_nb}. Skrivemåter i "
            "gruppen: {spellings}{more_nb}{evidence}",
            "«{variant}» ({count} {times_en}{genitive_en}) is probably the same name as "
            "«{reference}» ({reference_count} {reference_times_en}): {how_en}. Spellings in the "
            "group: {spellings}{more_en}{evidence}",
        ),
    }

    @classmethod
    def validate_more(cls, check_id, args, where):
        from ..config import ConfigError

        def bad(message: str) -> ConfigError:
            return ConfigError(f"{where}: check {check_id!r} (names): {message}")

        if not args["columns"]:
            raise bad("columns must list at least one {table, column}")
        for entry in args["columns"]:
            column_entry_problem(entry, "columns", bad)
        for entry in args["authority"] or []:
            if isinstance(entry, dict) and set(entry) == {"file"}:
                if not (isinstance(entry["file"], str) and entry["file"].strip()):
                    raise bad(f"authority: file must name a YAML file, got {entry['file']!r}")
                continue
            column_entry_problem(entry, "authority", bad)
        for name, low, high in (
            ("min_similarity", 0, 100),
            ("max_edits", 0, None),
            ("min_length", 1, None),
        ):
            try:
                value = Decimal(str(args[name]))
            except ArithmeticError:
                raise bad(f"{name} must be a number, got {args[name]!r}") from None
            if value < low or (high is not None and value > high):
                raise bad(
                    f"{name} must be {low}–{high if high is not None else '…'}, got {args[name]!r}"
                )
            if name != "min_similarity" and value != value.to_integral_value():
                raise bad(f"{name} must be a whole number, got {args[name]!r}")

    # --- evaluation -------------------------------------------------------------------------

    def options(self) -> Options:
        args = self.check.args
        return Options(
            Decimal(str(args["min_similarity"])),
            int(Decimal(str(args["max_edits"]))),
            int(Decimal(str(args["min_length"]))),
            bool(args["ignore_initial_case"]),
        )

    def occurrences(self) -> list[tuple[str, Location]]:
        """Every printed mention of a name, once: a cell transcribed in its table and in
        another column (names.csv) is one mention (see :mod:`kssqa.mentions`)."""
        from ..crosscheck import ManuscriptIndex
        from ..mentions import one_per_mention

        found = []
        for entry in self.check.args["columns"]:
            if "quote" not in self.data.table(entry["table"]).table.columns:
                # a register: its rows name few names many times; Rows stand for them
                items = register_items(self.data, entry, partial=True)
                found += [(n, rows) for text, rows in items for n in with_abbreviation(text)]
                continue
            # each spelling is judged on its own: the confirmed rows can be checked meanwhile
            items = column_items(self.data, entry, partial=True)
            names: dict[str, list[str]] = {}  # each distinct text read once
            for text, where in items:
                if text not in names:
                    names[text] = with_abbreviation(text)
                found += [(n, where) for n in names[text]]
        manuscript = self.data.manuscript
        index = ManuscriptIndex(manuscript) if manuscript is not None else None
        found = one_per_mention(found, index)
        if self.check.args["prose"] and index is not None:
            found += self.prose_mentions(index, found)
        return found

    def prose_mentions(self, index, found: list[tuple[str, Location]]):
        """The known names where the manuscript prints them and no row transcribes them."""
        from ..prose import mentions, transcribed

        options = self.options()
        manuscript = index.manuscript
        names = [t for t, _ in found if len(name_key(t)) >= options.min_length]
        return mentions(
            manuscript,
            names,
            lambda a, b: similar(a, b, options)[0],
            name_key,
            name_tokens,
            transcribed(index, found),
        )

    def column_locations(self) -> tuple[Location, ...]:
        """One location per checked column (the file and the column, no line)."""
        found = []
        for entry in self.check.args["columns"]:
            table = self.data.table(entry["table"])
            location = Location(table.table.display_path, None, entry["column"])
            if location not in found:
                found.append(location)
        return tuple(found)

    def list_file(self, relative: str, what: str):
        """A YAML file of the check's folder (an allowlist, an authority), loaded."""
        from ..yamlio import YAMLError, safe_load  # here: kssqa explain need not load YAML

        path = self.check_folder() / relative
        if not path.is_file():
            raise CannotEvaluate(f"the {what} {relative} does not exist ({path})")
        try:
            return safe_load(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise CannotEvaluate(f"the {what} {relative} cannot be read: {error}") from None
        except (YAMLError, UnicodeDecodeError) as error:
            raise CannotEvaluate(f"the {what} {relative} is not valid YAML: {error}") from None

    def authority(self) -> dict[str, str]:
        """The authoritative spellings: name -> the list it comes from."""
        names: dict[str, str] = {}
        for entry in self.check.args["authority"] or []:
            if "file" in entry:
                found = self.list_file(entry["file"], "authority")
                if not isinstance(found, list) or not all(isinstance(n, str) for n in found):
                    raise CannotEvaluate(
                        f"the authority {entry['file']} must be a list of names, "
                        'e.g. ["Alta krisesenter", "Krisesenteret i Salten"]'
                    )
                source = entry["file"]
            else:
                items = column_items(self.data, entry, partial=True)
                found = [n for text, _ in items for n in with_abbreviation(text)]
                source = f"{entry['table']}.{entry['column']}"
            for name in found:
                names.setdefault(name, source)
        return names

    def allowlist(self) -> list[list[str]]:
        relative = self.check.args["allowlist"]
        if not relative:
            return []
        groups = self.list_file(relative, "allowlist")
        if groups is None:
            return []
        if not isinstance(groups, list) or not all(
            isinstance(g, list) and len(g) >= 2 and all(isinstance(x, str) for x in g)
            for g in groups
        ):
            raise CannotEvaluate(
                f"the allowlist {relative} must be a list of groups of two or more names, "
                'e.g. [["Høgskulen i Volda", "Høgskulen i Molde"]]'
            )
        return groups

    def check_folder(self) -> Path:
        """The folder of the check file (its source is a display path, relative to the root)."""
        source = Path(self.check.source)
        if source.is_absolute():
            return source.parent
        for table in self.data.tables.values():
            display = Path(table.table.display_path)
            path = Path(table.table.path).resolve()
            if display.is_absolute() or len(path.parts) <= len(display.parts):
                continue
            if path.parts[-len(display.parts) :] == display.parts:
                return path.parents[len(display.parts) - 1] / source.parent
        return source.parent.resolve()

    def evaluate(self) -> list[Finding]:
        occurrences = self.occurrences()
        if not occurrences:
            raise CannotEvaluate("the columns hold no names")
        options = self.options()
        authority = self.authority()
        counts: Counter[str] = Counter()
        for text, place in occurrences:
            counts[text] += len(place) if isinstance(place, Rows) else 1
        grouping = group_spellings(
            counts,
            min_similarity=options.min_similarity,
            max_edits=options.max_edits,
            min_length=options.min_length,
            allowlist=self.allowlist(),
            ignore_initial_case=options.ignore_initial_case,
            authority=authority,
        )
        threshold = {
            "min_similarity": fmt_exact(options.min_similarity),
            **edits_text(options.max_edits, "max_edits"),
        }
        sources = ", ".join(dict.fromkeys(authority.values()))
        authority_text = (
            self.messages["authority_pass"].render(count=len(authority), sources=sources)
            if authority
            else {"nb": "", "en": ""}
        )
        if not grouping.groups:
            return [
                self.finding(
                    True,
                    "pass",
                    self.column_locations(),
                    params={
                        "names": grouping.names,
                        "spellings": grouping.spellings,
                        "groups": grouping.group_count,
                        **threshold,
                        "authority": authority_text,
                    },
                    tolerance=self.tolerance_text(options),
                )
            ]
        locations: dict[str, Places] = defaultdict(Places)
        for text, location in occurrences:
            locations[grouping.spelling_of[text]].append(location)
        findings = []
        for group in grouping.groups:
            for variant in group.variants:
                findings.append(
                    self.variant_finding(group, variant, locations[variant.text], options)
                )
        return findings

    @staticmethod
    def tolerance_text(options: Options) -> dict[str, str]:
        return local(
            "likhet ≥ {similarity} % eller høyst {n_nb} i det normaliserte navnet "
            "(navn på minst {length} tegn)",
            "similarity ≥ {similarity} % or at most {n_en} in the normalised name "
            "(names of at least {length} characters)",
            similarity=fmt_exact(options.min_similarity),
            length=options.min_length,
            **edits_text(options.max_edits, "n"),
        )

    def variant_finding(
        self,
        group: NameGroup,
        variant: Spelling,
        where: list[Location],
        options: Options,
    ) -> Finding:
        reference = group.reference
        difference = describe_variant(variant.text, reference.text, options)
        # a name only the authority spells (printed nowhere) is not a spelling of the report
        spellings = ", ".join(f"«{s.text}» ×{s.count}" for s in group.spellings if s.count)
        genitive_nb = genitive_en = ""
        if variant.genitives:
            forms = ", ".join(f"«{g}»" for g in sorted(variant.genitives))
            n = sum(variant.genitives.values())
            genitive_nb = f", derav {n} i genitiv {forms}"
            genitive_en = f", {n} of them in the genitive {forms}"
        shown = where[:MAX_LOCATIONS]
        more = len(where) - len(shown)
        suggestion = genitive_of(reference.text) if difference.genitive else reference.text
        if variant.genitives:
            suggestion = local(
                "{name} (i genitiv: {genitive})",
                "{name} (in the genitive: {genitive})",
                name=suggestion,
                genitive=genitive_of(reference.text),
            )
        return self.finding(
            False,
            "fail_authority" if group.authority else "fail",
            tuple(shown),
            params={
                "variant": variant.text,
                "count": variant.count,
                "times_nb": "gang" if variant.count == 1 else "ganger",
                "times_en": "time" if variant.count == 1 else "times",
                "genitive_nb": genitive_nb,
                "genitive_en": genitive_en,
                "reference": reference.text,
                "reference_count": reference.count,
                "reference_times_nb": "gang" if reference.count == 1 else "ganger",
                "reference_times_en": "time" if reference.count == 1 else "times",
                "how_nb": "; ".join(h["nb"] for h in difference.parts),
                "how_en": "; ".join(h["en"] for h in difference.parts),
                "spellings": spellings,
                "more_nb": f" (viser {len(shown)} av {len(where)} steder)" if more else "",
                "more_en": f" (showing {len(shown)} of {len(where)} locations)" if more else "",
                **evidence_texts(group),
                "authority": group.authority or "",
            },
            expected=reference.text,
            actual=variant.text,
            difference=difference.code,
            tolerance=self.tolerance_text(options),
            suggestion=suggestion,
            details={
                "reference_count": reference.count,
                "variant_count": variant.count,
                "group": {s.text: s.count for s in group.spellings},
                "genitives": dict(variant.genitives),
                "locations_total": len(where),
                "evidence": asdict(group.evidence) if group.evidence else None,
                "authority": group.authority,
            },
        )


def evidence_texts(group: NameGroup) -> dict[str, object]:
    """Why the suggestion is not the most frequent spelling, when it is not."""
    evidence = group.evidence
    if evidence is None:
        return {"evidence": ""}
    letters, other = evidence.letters.strip("^$"), evidence.other.strip("^$")
    n, words, m = evidence.letters_count, evidence.letters_words, evidence.other_count
    tie = evidence.outvoted_count == group.reference.count
    return {
        "evidence": {
            "nb": (
                f". «{group.reference.text}» foreslås selv om «{evidence.outvoted}» står "
                f"{'like ofte' if tie else 'oftere'}: "
                f"resten av navnene skriver «{letters}» {n} ganger (i {words} ulike ord) og "
                f"«{other}» {m} {'gang' if m == 1 else 'ganger'}"
            ),
            "en": (
                f". «{group.reference.text}» is suggested although «{evidence.outvoted}» is "
                f"{'as frequent' if tie else 'more frequent'}: the other names write «{letters}» "
                f"{n} times (in {words} different words) "
                f"and «{other}» {m} {'time' if m == 1 else 'times'}"
            ),
        }
    }


def genitive_of(name: str) -> str:
    """The Norwegian genitive: an apostrophe after s, x or z, else -s."""
    return f"{name}'" if name[-1:].lower() in ("s", "x", "z") else f"{name}s"


__all__ = [
    "Grouping",
    "NameGroup",
    "NamesKind",
    "Spelling",
    "group_spellings",
    "name_key",
    "name_tokens",
    "token_relation",
]
