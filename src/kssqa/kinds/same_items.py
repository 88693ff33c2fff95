"""same_items — two printed lists name the same things (or, with ``mode: disjoint``, none alike).

A list is a ``{table, column, where?, split?}`` entry, as in the names kind: the cells of one
column (of the rows ``where`` selects), each cell split at ``split`` when it holds several
items. Two items are the same thing when their normalised forms are equal (case, accents,
hyphens, spaces and punctuation ignored), when the words of one are the first words of the
other (``Juleaksjonen`` / ``Juleaksjonen 2025``, ``NMBU`` / ``NMBU veterinærhøgskolen``) or when
they are one spelling slip apart (the names kind's rule with its defaults). Items are paired
greedily, the closest pairs first.
"""

from __future__ import annotations

from typing import Any

from ..findings import Finding, Location
from ..messages import Template, local
from ..name_columns import column_entry_problem, column_items
from ..spelling import Options, name_key, name_tokens, similar
from . import register
from .base import Arg, Example, Kind, KindDoc

MODES = ("same", "disjoint")
MAX_SHOWN = 10  # items quoted in a message; every one is a location
RELATIONS = ("equal", "normalised", "close", "prefix")  # the closest first

LISTS_SCHEMA = """\
table: lists
file: lists.csv
columns:
  key:      {type: text, required: true, unique: true}
  list:     {type: text, required: true}
  position: {type: integer, required: true, min: 1}
  item:     {type: text, required: true}
  quote:    {type: text}
"""

PROJECTS_SCHEMA = """\
table: projects
file: projects.csv
columns:
  key:      {type: text, required: true, unique: true}
  name:     {type: text, required: true}
  partners: {type: text}
"""

EXAMPLE_CHECK = """\
checks:
  - id: projects.table-and-chapters
    kind: same_items
    title: Prosjekttabellen og prosjektkapitlene nevner de samme prosjektene
    first: {table: projects, column: name}
    second: {table: lists, column: item, where: {list: chapters}}
"""

EXAMPLE_PROJECTS = """\
key,name,partners
projects.taushet,Taushet tar liv,LDO
projects.jul,Juleaksjonen,Alle krisesentre
projects.manreport,MANREPORT-IPV,"Høgskulen i Volda, Politihøgskolen"
"""

NOTHING_IN_BOTH = {"nb": "ingen ting i begge listene", "en": "nothing in both lists"}
SAME_THINGS = {"nb": "de samme tingene i begge listene", "en": "the same things in both lists"}

DOC = KindDoc(
    what=(
        "Compares two printed lists, `first` and `second`, each a `{table, column}` with an "
        "optional `where` (the rows that make up the list) and an optional `split` separator "
        "for cells holding several items (`', '`). With `mode: same` (the default) every item "
        "of one list must name something the other list names too: a table of projects and "
        "the project chapters, a table's partners and the partners the text lists. With "
        "`mode: disjoint` no item may appear in both: an organisation both a member and an "
        "affiliate of an alliance. Two items are the same thing when their normalised forms "
        "are equal (case, accents, hyphens, spaces and punctuation ignored), when the words of "
        "one are the first words of the other (`Juleaksjonen` / `Juleaksjonen 2025`, `NMBU` / "
        "`NMBU veterinærhøgskolen`), or when they are one spelling slip apart (similarity ≥ 90 "
        "% or one edit, as the names kind). `ignore` lists items left out of both lists (the "
        "organisation itself in a list of its partners); `first_label` and `second_label` name "
        "the lists in the message (default: table, column and filter). The finding lists every "
        "item without a counterpart (or every item in both), each with its file line."
    ),
    why=(
        "A project in the table but without a chapter, or a partner named in the table but not "
        "in the text, tells the reader that one of the two places is out of date — usually the "
        "one edited last year. An organisation listed both as a member and as an affiliate is "
        "a copy-and-paste slip."
    ),
    example_fails=Example(
        "The table lists «Gøy & Godt» but no chapter describes it, and the chapter "
        "«Sommeraksjonen 2025» has no row in the table.",
        EXAMPLE_CHECK,
        {
            "schemas/projects.yaml": PROJECTS_SCHEMA,
            "schemas/lists.yaml": LISTS_SCHEMA,
            "inputs/2025/projects.csv": EXAMPLE_PROJECTS + "projects.goy,Gøy & Godt,Medlemmer\n",
            "inputs/2025/lists.csv": """\
key,list,position,item,quote
lists.chapters.1,chapters,1,Taushet tar liv,Taushet tar liv ..... 22
lists.chapters.2,chapters,2,Sommeraksjonen 2025,Sommeraksjonen 2025 ..... 24
lists.chapters.3,chapters,3,Juleaksjonen 2025,Juleaksjonen 2025 ..... 24
lists.chapters.4,chapters,4,Manreport-IPV,Manreport-IPV ..... 24
""",
        },
    ),
    example_passes=Example(
        "Every project has a chapter: «Juleaksjonen» is the start of «Juleaksjonen 2025» and "
        "«MANREPORT-IPV» differs from «Manreport-IPV» in case only.",
        EXAMPLE_CHECK,
        {
            "schemas/projects.yaml": PROJECTS_SCHEMA,
            "schemas/lists.yaml": LISTS_SCHEMA,
            "inputs/2025/projects.csv": EXAMPLE_PROJECTS,
            "inputs/2025/lists.csv": """\
key,list,position,item,quote
lists.chapters.1,chapters,1,Taushet tar liv,Taushet tar liv ..... 22
lists.chapters.2,chapters,2,Juleaksjonen 2025,Juleaksjonen 2025 ..... 24
lists.chapters.3,chapters,3,Manreport-IPV,Manreport-IPV ..... 24
""",
        },
    ),
    fix=(
        "Add the missing item to the list that lacks it, or remove it from the one that should "
        "not have it; for `mode: disjoint`, remove the item from one of the lists. If two "
        "different spellings are not recognised as the same thing, correct the spelling (the "
        "names check may report it too). Items that belong to one list only by design go in "
        "`ignore`."
    ),
)

Item = tuple[str, Location]


def relation(a: str, b: str) -> str | None:
    """How two printed items name the same thing (one of RELATIONS), or None."""
    if a == b:
        return "equal"
    key_a, key_b = name_key(a), name_key(b)
    if key_a == key_b:
        return "normalised"
    if similar(key_a, key_b, Options())[0]:
        return "close"
    short, long = sorted((name_tokens(a), name_tokens(b)), key=len)
    if short and len(short) < len(long) and long[: len(short)] == short:
        return "prefix"
    return None


def pair_items(first: list[Item], second: list[Item]) -> tuple[list, list[Item], list[Item]]:
    """Pair the items of two lists, the closest pairs first; return (pairs, unpaired first,
    unpaired second). A pair is (first item, second item, relation)."""
    candidates = []
    for i, (a, _) in enumerate(first):
        for j, (b, _) in enumerate(second):
            found = relation(a, b)
            if found:
                candidates.append((RELATIONS.index(found), i, j, found))
    pairs, used_first, used_second = [], set(), set()
    for _rank, i, j, found in sorted(candidates):
        if i not in used_first and j not in used_second:
            pairs.append((first[i], second[j], found))
            used_first.add(i)
            used_second.add(j)
    return (
        pairs,
        [item for i, item in enumerate(first) if i not in used_first],
        [item for j, item in enumerate(second) if j not in used_second],
    )


def describe_list(entry: dict[str, Any]) -> str:
    """``lists.item (list = chapters)``: a list as the message names it."""
    text = f"{entry['table']}.{entry['column']}"
    where = entry.get("where") or {}
    if where:
        conditions = ", ".join(
            f"{column} = {' / '.join(map(str, v)) if isinstance(v, list) else v}"
            for column, v in where.items()
        )
        text += f" ({conditions})"
    return text


def quoted(items: list[Item]) -> str:
    shown = ", ".join(f"«{text}»" for text, _ in items[:MAX_SHOWN])
    more = len(items) - MAX_SHOWN
    return shown + (f" (+{more})" if more > 0 else "")


@register
class SameItemsKind(Kind):
    name = "same_items"
    title = "To lister nevner de samme tingene"
    title_en = "Two lists name the same things"
    summary = (
        "two printed lists (a table and the text, a list and its chapters) name the same "
        "things, or with `mode: disjoint` nothing alike"
    )
    doc = DOC
    args = {
        "first": Arg("mapping", help="a list: {table, column, optional where, optional split}"),
        "second": Arg("mapping", help="the other list, in the same form"),
        "mode": Arg(
            "text",
            required=False,
            default="same",
            help="same: both lists name the same things; disjoint: no item in both",
        ),
        "ignore": Arg(
            "list", required=False, help="items left out of both lists (compared normalised)"
        ),
        "first_label": Arg(
            "text", required=False, help="what the first list is, for the message (e.g. tabellen)"
        ),
        "second_label": Arg("text", required=False, help="what the second list is"),
    }
    messages = {
        "pass_same": Template(
            "{first} og {second} nevner de samme {n} tingene",
            "{first} and {second} name the same {n} things",
        ),
        "fail_same": Template(
            "{first} og {second} nevner ikke de samme tingene: {missing_nb}",
            "{first} and {second} do not name the same things: {missing_en}",
        ),
        "pass_disjoint": Template(
            "ingen av de {n_first} i {first} står også i {second} ({n_second})",
            "none of the {n_first} in {first} is also in {second} ({n_second})",
        ),
        "fail_disjoint": Template(
            "{count} står både i {first} og i {second}: {both}",
            "{count_en} both in {first} and in {second}: {both}",
        ),
    }

    @classmethod
    def validate_more(cls, check_id, args, where):
        from ..config import ConfigError

        def bad(message: str) -> ConfigError:
            return ConfigError(f"{where}: check {check_id!r} (same_items): {message}")

        for arg in ("first", "second"):
            column_entry_problem(args[arg], arg, bad)
        if args["mode"] not in MODES:
            raise bad(f"mode must be one of {', '.join(MODES)}, got {args['mode']!r}")
        if args["ignore"] is None:
            args["ignore"] = []
        if not all(isinstance(item, str) for item in args["ignore"]):
            raise bad(f"ignore must be a list of texts, got {args['ignore']!r}")

    def items(self, arg: str) -> list[Item]:
        ignored = {name_key(text) for text in self.check.args["ignore"]}
        return [
            (text, location)
            for text, location in column_items(self.data, self.check.args[arg])
            if name_key(text) not in ignored
        ]

    def evaluate(self) -> list[Finding]:
        first, second = self.items("first"), self.items("second")
        pairs, only_first, only_second = pair_items(first, second)
        args = self.check.args
        names = {
            "first": args["first_label"] or describe_list(args["first"]),
            "second": args["second_label"] or describe_list(args["second"]),
        }
        details = {
            "pairs": [[a[0], b[0], how] for a, b, how in pairs],
            "only_first": [text for text, _ in only_first],
            "only_second": [text for text, _ in only_second],
        }
        if self.check.args["mode"] == "disjoint":
            return [self.disjoint_finding(first, second, pairs, names, details)]
        if not only_first and not only_second:
            locations = tuple(location for _, location in first + second)
            return [
                self.finding(
                    True,
                    "pass_same",
                    locations,
                    params={**names, "n": len(pairs)},
                    expected=SAME_THINGS,
                    actual=local("{n} par", "{n} pairs", n=len(pairs)),
                    details=details,
                )
            ]
        missing_nb, missing_en = [], []
        if only_first:
            missing_nb.append(f"bare i {names['first']}: {quoted(only_first)}")
            missing_en.append(f"only in {names['first']}: {quoted(only_first)}")
        if only_second:
            missing_nb.append(f"bare i {names['second']}: {quoted(only_second)}")
            missing_en.append(f"only in {names['second']}: {quoted(only_second)}")
        return [
            self.finding(
                False,
                "fail_same",
                tuple(location for _, location in only_first + only_second),
                params={
                    **names,
                    "missing_nb": "; ".join(missing_nb),
                    "missing_en": "; ".join(missing_en),
                },
                expected=SAME_THINGS,
                actual={"nb": "; ".join(missing_nb), "en": "; ".join(missing_en)},
                difference=local(
                    "{a} + {b} uten motstykke",
                    "{a} + {b} without a counterpart",
                    a=len(only_first),
                    b=len(only_second),
                ),
                details=details,
            )
        ]

    def disjoint_finding(self, first, second, pairs, names, details) -> Finding:
        if not pairs:
            return self.finding(
                True,
                "pass_disjoint",
                tuple(location for _, location in first + second),
                params={**names, "n_first": len(first), "n_second": len(second)},
                expected=NOTHING_IN_BOTH,
                actual="0 i begge",
                details=details,
            )
        both = ", ".join(
            f"«{a[0]}»" if a[0] == b[0] else f"«{a[0]}» / «{b[0]}»" for a, b, _ in pairs
        )
        return self.finding(
            False,
            "fail_disjoint",
            tuple(location for a, b, _ in pairs for location in (a[1], b[1])),
            params={
                **names,
                "count": len(pairs),
                "count_en": "1 item appears" if len(pairs) == 1 else f"{len(pairs)} items appear",
                "both": both,
            },
            expected=NOTHING_IN_BOTH,
            actual=f"{len(pairs)} i begge: {both}",
            details=details,
        )
