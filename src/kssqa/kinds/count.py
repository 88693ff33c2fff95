"""count — a printed count equals the number of table rows that match a filter."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..data import Figure, TableData
from ..findings import Finding, Location
from ..messages import Template
from ..numbers import printed_like
from ..rowfilter import describe as describe_filter
from ..rowfilter import filter_problem, matching_rows, need_column
from ..typo import describe, typo_kind
from . import register
from .aggregate import printed_groups, validate_register
from .base import Arg, Example, Kind, KindDoc, fmt, fmt_exact

# How many matching rows a finding points at; the rest are counted in the message.
MAX_ROW_LOCATIONS = 20
# How many counted rows the details list by line; a register's count of a million rows lists
# the first ones and says how many it leaves out (its filter, in the message, selects them all).
MAX_LISTED_ROWS = 1000


def listed_lines(table: TableData, rows: list[int]) -> dict[str, Any]:
    """The file lines of the counted rows, for the auditor: all of them, or the first
    MAX_LISTED_ROWS and how many more there are."""
    import numpy as np

    shown = rows[:MAX_LISTED_ROWS]
    lines = np.asarray(table.table.lines)[np.asarray(shown, dtype=np.int64)].tolist()
    omitted = len(rows) - len(shown)
    return {"rows": lines, **({"rows_omitted": omitted} if omitted else {})}


SCHEMAS = {
    "schemas/organisation.yaml": """\
table: organisation
file: organisation.csv
columns:
  key: {type: text, required: true, unique: true}
  section: {type: text}
  value: {type: quantity}
  quote: {type: text}
""",
    "schemas/members.yaml": """\
table: members
file: members.csv
columns:
  key: {type: text, required: true, unique: true}
  name: {type: text, required: true}
  operating_form: {type: text, required: true}
  region: {type: text}
""",
    "schemas/events.yaml": """\
table: events
file: events.csv
columns:
  key: {type: text, required: true, unique: true}
  date: {type: date, required: true}
  where: {type: text, required: true}
  topic: {type: text}
""",
}

# A register: a helpline's contact log (one row per contact), and the figures printed about it.
REGISTER_SCHEMAS = {
    "schemas/contacts.yaml": """\
table: contacts
file: contacts.csv
columns:
  id: {type: text, required: true, unique: true}
  date: {type: date, required: true, allow_range: false}
  channel: {type: text, required: true, allowed: [telefon, chat]}
""",
    "schemas/helpline.yaml": """\
table: helpline
file: helpline.csv
columns:
  key: {type: text, required: true, unique: true}
  section: {type: text}
  channel: {type: text}
  value: {type: quantity}
  quote: {type: text}
""",
}
CONTACTS_CSV = """\
id,date,channel
k1,30.12.2024,telefon
k2,2.1.2025,telefon
k3,2.1.2025,chat
k4,3.1.2025,telefon
k5,14.2.2025,telefon
k6,1.3.2025,chat
"""
REGISTER_CHECK = """\
  - id: helpline.contacts-per-channel
    kind: count
    title: Henvendelser per kanal i 2025 stemmer med kontaktloggen
    printed: {table: helpline}
    table: contacts
    by: {channel: channel}
    window: {column: date, within: reporting_year}
"""


def helpline_csv(phone: int, chat: int) -> str:
    return (
        "key,section,channel,value,quote\n"
        f"helpline.telefon,VO-linjen,telefon,{phone},{phone} via telefon og {chat} via chat\n"
        f"helpline.chat,VO-linjen,chat,{chat},{phone} via telefon og {chat} via chat\n"
    )


MEMBERS_CSV = """\
key,name,operating_form,region
members.a,Alfa krisesenter,Kommunalt,Nord
members.b,Beta krisesenter IKS,Interkommunalt selskap,Nord
members.c,Gamma krisesenter IKS,Inter- kommunalt selskap,Midt-Vest
members.d,Delta krisesenter,Ideell organisasjon,Sør-Øst
members.e,Epsilon krisesenter,Stiftelse,Sør-Øst
"""

DOC = KindDoc(
    what=(
        "Checks a printed count (`printed`) against the number of rows of a table that match a "
        'filter: `where` (column -> value or list of values, exact text; "" = empty cell) and '
        "optional `contains` (column -> substring, list of substrings of which any must occur, or "
        "`{all: [...]}` of which all must occur; case-insensitive; every column given must "
        "match). With `match: normalized`, `where` and `contains` ignore case, spaces and "
        "hyphens, so spelling variants such as «Inter- kommunalt selskap» (a line-break hyphen) "
        "and «Interkommunalt selskap» are one value. With "
        "`distinct: COLUMN` it counts the different non-empty values of that column among the "
        "matching rows instead of the rows. The counted table needs no `key` column — a plain "
        "export with one row per member or per contact is counted as it is — and the printed "
        "figure may come from a table without keys too: `printed: {table, where, column}` "
        "names the one row that holds it. **A register** (a contact log, a case register): "
        "`window: {column: DATE_COLUMN, within: reporting_year | [YYYY-MM-DD, YYYY-MM-DD]}` "
        "counts only the rows whose date lies in the window, and `by: {REGISTER_COLUMN: "
        "PRINTED_COLUMN}` with `printed: {table, where}` compares each printed row with the "
        "rows of its group (the printed row whose `channel` is «chat» with the log's rows whose "
        "`channel` is «chat»); the register is filtered and grouped in one vectorised pass "
        "(docs/scale.md). "
        "The printed count is read as an interval: a plain "
        "number must equal the count exactly, `drøyt 700` or `over 700` admits a count a little "
        "above 700. The finding points at the printed figure and at the counted rows (the first "
        f"{MAX_ROW_LOCATIONS}); its details list the file lines of the counted rows (the first "
        f"{MAX_LISTED_ROWS}, and `rows_omitted` says how many more)."
    ),
    why=(
        'Counts in running text ("18 medlemmer", "to webinarer", "7 prosjekter") are typed '
        "by hand while the list they count lives in a table of the same report. When a member "
        "joins or an event is added, the list is updated and the sentence is not."
    ),
    example_fails=Example(
        "The text says 4 members are municipal or inter-municipal (IKS); the member table has 3 "
        "(the IKS spelled two ways are both caught by `contains`). And the helpline printed 4 "
        "phone contacts in 2025, but its contact log has 3 in 2025 (the fourth is from "
        "30.12.2024: counted into the wrong year).",
        """\
checks:
  - id: members.municipal-count
    kind: count
    title: Antall kommunale/IKS stemmer med medlemstabellen
    printed: organisation.members.municipal
    table: members
    contains: {operating_form: kommunal}
"""
        + REGISTER_CHECK,
        {
            **REGISTER_SCHEMAS,
            "inputs/2025/contacts.csv": CONTACTS_CSV,
            "inputs/2025/helpline.csv": helpline_csv(4, 2),
            **SCHEMAS,
            "inputs/2025/organisation.csv": """\
key,section,value,quote
organisation.members.total,Medlemmer,5,Vi har 5 medlemmer
organisation.members.municipal,Medlemmer,4,"Av disse er 4 kommunale/IKS"
""",
            "inputs/2025/members.csv": MEMBERS_CSV,
            "inputs/2025/events.csv": "key,date,where,topic\n",
        },
    ),
    example_passes=Example(
        'Five members in the text and five rows in the member table; "to webinarer" of the '
        "council and two events in the log whose `where` contains both «webinar» and «Fagetisk "
        "råd»; three regions; 3 phone and 2 chat contacts printed for 2025, as the contact "
        "log has them.",
        """\
checks:
  - id: members.total-count
    kind: count
    title: Antall medlemmer stemmer med medlemstabellen
    printed: organisation.members.total
    table: members
  - id: council.webinar-count
    kind: count
    title: Antall webinarer i Fagetisk råd stemmer med hendelsesloggen
    printed: organisation.council.webinars
    table: events
    contains: {where: {all: [webinar, fagetisk råd]}}
  - id: members.region-count
    kind: count
    title: Antall regioner stemmer med medlemstabellen
    printed: organisation.members.regions
    table: members
    distinct: region
"""
        + REGISTER_CHECK,
        {
            **SCHEMAS,
            **REGISTER_SCHEMAS,
            "inputs/2025/contacts.csv": CONTACTS_CSV,
            "inputs/2025/helpline.csv": helpline_csv(3, 2),
            "inputs/2025/organisation.csv": """\
key,section,value,quote
organisation.members.total,Medlemmer,5,Vi har 5 medlemmer
organisation.members.regions,Medlemmer,tre,medlemmer i alle tre regioner
organisation.council.webinars,Fagetisk råd,to,Rådet står bak to webinarer
""",
            "inputs/2025/members.csv": MEMBERS_CSV,
            "inputs/2025/events.csv": """\
key,date,where,topic
events.e1,16.1.2025,Deltakelse på webinar: Fagetisk råd,Sosiale medier
events.e2,3.3.2025,Årsmøte,Vedtekter
events.e4,5.5.2025,Webinar: Barneombudet,Barn på krisesenter
events.e3,7.10.2025,Webinar av Fagetisk råd,Samvær
""",
        },
    ),
    fix=(
        "Recount the list in the report and correct the number in the text — or, when the list is "
        "the one that is out of date, complete the list. If the count is right but the filter "
        "catches too much or too little (a spelling variant, a row of another kind), adjust "
        "`where`/`contains` in the check; the counted rows are listed in the finding."
    ),
)


@register
class CountKind(Kind):
    name = "count"
    title = "Trykt antall stemmer med radene i tabellen"
    title_en = "The printed count matches the rows of the table"
    summary = (
        "a printed count matches the rows of a table that match a filter (plain exports "
        "without keys too); per group and within a date window for a register"
    )
    doc = DOC
    args = {
        "printed": Arg(
            "figure",
            help="the printed count: its key, or {table, where, column} for a table without keys",
        ),
        "table": Arg("table", help="the table whose rows are counted"),
        "where": Arg(
            "where",
            required=False,
            default={},
            help='column -> value or list of values (exact text, "" = empty)',
        ),
        "contains": Arg(
            "mapping",
            required=False,
            default={},
            help="column -> substring, [any of these] or {all: [these]} (case-insensitive)",
        ),
        "distinct": Arg(
            "text",
            required=False,
            help="count the different values of this column instead",
        ),
        "match": Arg(
            "text",
            required=False,
            default="exact",
            help="exact, or normalized: where and contains ignore case, spaces and hyphens",
        ),
        "window": Arg(
            "mapping",
            required=False,
            help="{column, within}: only the rows whose date lies within reporting_year or "
            "[YYYY-MM-DD, YYYY-MM-DD]",
        ),
        "by": Arg(
            "mapping",
            required=False,
            help="counted column -> column of the printed rows: printed is then {table, where} "
            "selecting one printed figure per group, each compared with its group's rows",
        ),
    }
    messages = {
        "pass": Template(
            "{label}: trykt «{printed}»{range}, og {table} har {count} {what}{filter}",
            "{label}: printed «{printed}»{range}, and {table} has {count} {what}{filter}",
        ),
        "fail": Template(
            "{label}: trykt «{printed}»{range}, men {table} har {count} {what}{filter} "
            "(differanse {difference}){why}",
            "{label}: printed «{printed}»{range}, but {table} has {count} {what}{filter} "
            "(difference {difference}){why}",
        ),
        "rows": Template("rader", "rows"),
        "distinct": Template(
            "ulike verdier i kolonnen {column}", "different values in column {column}"
        ),
        "more_rows": Template(
            "; {shown} av {total} rader vises som steder",
            "; {shown} of {total} rows are shown as locations",
        ),
    }

    @classmethod
    def validate_more(cls, check_id, args, where):
        from ..config import ConfigError

        problem = filter_problem(args)
        if problem:
            raise ConfigError(f"{where}: check {check_id!r} (count): {problem}")
        if args["distinct"] is not None and not args["distinct"].strip():
            raise ConfigError(f"{where}: check {check_id!r} (count): distinct names a column")
        validate_register(check_id, args, where, "count")

    def evaluate(self) -> list[Finding]:
        args = self.check.args
        if args["by"] is not None:  # one printed figure per group
            table = self.data.table(args["table"])
            rows = matching_rows(table, args, self.data.year)
            return [self.judge(*group) for group in printed_groups(self, table, rows)]
        printed = self.figure(args["printed"])
        table = self.data.table(args["table"])
        return [self.judge(printed, matching_rows(table, args, self.data.year), args)]

    def judge(self, printed: Figure, rows: list[int], args: dict) -> Finding:
        """The printed count against the rows counted for it."""
        table = self.data.table(self.check.args["table"])
        interval = printed.interval()
        if args["distinct"] is not None:
            column = args["distinct"]
            need_column(table, column)
            texts = table.table.cells(column)
            values = list(dict.fromkeys(texts[i] for i in rows if texts[i] is not None))
            count = len(values)
            what = self.messages["distinct"].render(column=column)
        else:
            count, values = len(rows), []
            what = self.messages["rows"].render()
        passed = interval.contains(Decimal(count))
        difference = printed.quantity().value - count
        filters = describe_filter(args)
        params = {
            "label": printed.ref,
            "printed": printed.text,
            "range": "" if interval.is_exact else f" = {fmt(interval)}",
            "table": table.name,
            "count": count,
            "what": what,
            "filter": filters,
            "difference": fmt_exact(difference),
            "why": "",
        }
        locations = self.row_locations(table, rows, args["distinct"])
        if len(rows) > MAX_ROW_LOCATIONS:
            more = self.messages["more_rows"].render(shown=MAX_ROW_LOCATIONS, total=len(rows))
            params["filter"] = {lang: params["filter"][lang] + more[lang] for lang in more}
        suggestion = None
        if not passed:
            suggestion = printed_like(printed.text, count)
            slip = None if printed.quantity().from_word else typo_kind(printed.text, count)
            if slip == "one_digit" and abs(difference) < 10:
                slip = None  # any two one-digit numbers differ by "one digit": no information
            if slip:
                why = describe(slip)
                params["why"] = {lang: f" — {text}" for lang, text in why.items()}
        return self.finding(
            passed,
            "pass" if passed else "fail",
            (printed.location, *locations),
            params=params,
            expected=str(count),
            actual=str(printed.text),
            difference=fmt_exact(difference),
            tolerance="0" if interval.is_exact else fmt(interval),
            suggestion=suggestion,
            details={
                "counted": count,
                **listed_lines(table, rows),
                **({"values": values} if args["distinct"] is not None else {}),
            },
        )

    def row_locations(
        self, table: TableData, rows: list[int], column: str | None
    ) -> list[Location]:
        return [table.location(i, column) for i in rows[:MAX_ROW_LOCATIONS]]
