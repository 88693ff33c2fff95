"""sum — parts add up to their printed total."""

from __future__ import annotations

from decimal import Decimal

from ..data import Figure
from ..findings import Finding, Location
from ..interval import Interval
from ..messages import Template, replacement
from ..numbers import printed_like
from ..rowfilter import describe as describe_filter
from ..rowfilter import matching_rows, need_column
from ..typo import describe, typo_kind
from . import register
from .aggregate import SUMMABLE, printed_groups, register_sum, validate_register
from .base import (
    ROUNDING,
    Arg,
    CannotEvaluate,
    Example,
    Kind,
    KindDoc,
    fmt,
    fmt_exact,
    tolerance_arg,
)

FIGURES_SCHEMA = """\
table: figures
file: figures.csv
columns:
  key: {type: text, required: true, unique: true}
  section: {type: text}
  channel: {type: text}
  year: {type: integer}
  value: {type: quantity}
  quote: {type: text}
"""

DOC = KindDoc(
    what=(
        "Checks that parts add up to their printed total. Three forms: explicit keys (`total` and "
        "`parts`); a table grouped by columns (`table`, `group_by`, `total_where`, `parts_where`: "
        "one check per group, e.g. per year); and a cross-table (`table`, `rows`, `columns`, "
        "optional `group_by`): every printed row margin, column margin and grand total is "
        "compared with the sum of the cells it covers. A fourth form reconciles a register "
        "(a case register, a contact log with minutes per call): `printed` (a key, or with "
        "`by` a `{table, where}` selecting one printed row per group), `table`, `column` (the "
        "numbers summed), optional `where`, `window: {column: DATE_COLUMN, within: "
        "reporting_year}` and `by: {REGISTER_COLUMN: PRINTED_COLUMN}` — e.g. `printed: {table: "
        "helpline, where: {metric: minutes}}, table: contacts, column: minutes, by: {channel: "
        "channel}` compares each printed channel's minutes with the sum over its rows, all "
        "groups in one vectorised pass. Printed values are intervals (a plain "
        "count is exact, `74 %` is 73.5–74.5, `drøyt 1800` is a little above 1800); the check "
        "passes when the sum of the parts and the total can be equal, within an optional "
        "absolute `tolerance`."
    ),
    why=(
        "A total that its parts do not reach (or exceed) is the most common arithmetic slip in a "
        "report: a part copied from last year, a digit dropped, a category left out. Readers and "
        "funders add the figures up."
    ),
    example_fails=Example(
        "The channels add up to 166, but the total is printed as 167.",
        """\
checks:
  - id: media.channels-sum-to-total
    kind: sum
    title: Treff per kanal summerer til totalt antall treff
    total: figures.total
    parts: [figures.web, figures.paper, figures.tv]
""",
        {
            "schemas/figures.yaml": FIGURES_SCHEMA,
            "inputs/2025/figures.csv": """\
key,section,channel,year,value,quote
figures.total,Media,,2025,167,Totalt antall treff: 167
figures.web,Media,nett,2025,126,Treff i nettaviser: 126
figures.paper,Media,papir,2025,22,Treff i papiraviser: 22
figures.tv,Media,tv,2025,18,Treff i TV/radio: 18
""",
        },
    ),
    example_passes=Example(
        "Per year, the channels add up to the total (126 + 23 + 18 = 167; 148 + 60 + 16 = 224).",
        """\
checks:
  - id: media.channels-sum-per-year
    kind: sum
    title: Treff per kanal summerer til totalen, per år
    table: figures
    group_by: [year]
    total_where: {channel: ""}
    parts_where: {channel: [nett, papir, tv]}
""",
        {
            "schemas/figures.yaml": FIGURES_SCHEMA,
            "inputs/2025/figures.csv": """\
key,section,channel,year,value,quote
figures.total.2025,Media,,2025,167,Totalt antall treff: 167 (2024: 224)
figures.web.2025,Media,nett,2025,126,Treff i nettaviser: 126 (2024: 148)
figures.paper.2025,Media,papir,2025,23,Treff i papiraviser: 23 (2024: 60)
figures.tv.2025,Media,tv,2025,18,Treff i TV/radio: 18 (2024: 16)
figures.total.2024,Media,,2024,224,Totalt antall treff: 167 (2024: 224)
figures.web.2024,Media,nett,2024,148,Treff i nettaviser: 126 (2024: 148)
figures.paper.2024,Media,papir,2024,60,Treff i papiraviser: 23 (2024: 60)
figures.tv.2024,Media,tv,2024,16,Treff i TV/radio: 18 (2024: 16)
""",
        },
    ),
    fix=(
        "Find the figure that is wrong in the source (the finding suggests one when a digit slip "
        "explains the difference) and correct the report; if the parts are deliberately not "
        "exhaustive (an article can be in several categories), the check does not apply — remove "
        "it or use `shares`/`rule` instead."
    ),
)


@register
class SumKind(Kind):
    name = "sum"
    title = "Deler summerer til totalen"
    title_en = "Parts add up to the total"
    summary = (
        "parts add up to their total (explicit, grouped per year, or every margin of a "
        "cross-table); a printed sum equals a register column's sum, per group"
    )
    doc = DOC
    args = {
        "total": Arg("ref", required=False, help="key of the printed total"),
        "parts": Arg("refs", required=False, help="keys of the printed parts"),
        "table": Arg("table", required=False, help="table for the grouped or cross-table form"),
        "group_by": Arg("texts", required=False, default=[]),
        "total_where": Arg("where", required=False),
        "parts_where": Arg("where", required=False),
        "rows": Arg("text", required=False, help="cross-table: column holding the row label"),
        "columns": Arg("text", required=False, help="cross-table: column of the column label"),
        "where": Arg("where", required=False, default={}),
        "column": Arg("text", required=False, default="value"),
        "tolerance": Arg("number", required=False, default=0),
        "printed": Arg(
            "figure",
            required=False,
            help="register form: the printed sum of `column` over the rows of `table` (a key, "
            "or {table, where} selecting one printed row per group with `by`)",
        ),
        "by": Arg(
            "mapping",
            required=False,
            help="register form: summed table's column -> column of the printed rows",
        ),
        "window": Arg(
            "mapping",
            required=False,
            help="register form: {column, within}: only the rows whose date lies within",
        ),
    }
    messages = {
        "pass": Template(
            "{label}: {parts} = {sum}, lik trykt total {total}",
            "{label}: {parts} = {sum}, equal to the printed total {total}",
        ),
        "fail": Template(
            "{label}: {parts} = {sum}, men trykt total er {total} "
            "(differanse {difference}, mer enn avrundingen kan forklare){why}",
            "{label}: {parts} = {sum}, but the printed total is {total} "
            "(difference {difference}, beyond what rounding explains){why}",
        ),
        "register_pass": Template(
            "{label}: trykt «{printed}», og summen av {column} i {table}{filter} er {sum} "
            "({rows} rader)",
            "{label}: printed «{printed}», and the sum of {column} in {table}{filter} is "
            "{sum} ({rows} rows)",
        ),
        "register_fail": Template(
            "{label}: trykt «{printed}», men summen av {column} i {table}{filter} er {sum} "
            "({rows} rader; differanse {difference})",
            "{label}: printed «{printed}», but the sum of {column} in {table}{filter} is "
            "{sum} ({rows} rows; difference {difference})",
        ),
    }

    @classmethod
    def validate_more(cls, check_id, args, where):
        from ..config import ConfigError

        explicit = args["total"] is not None or args["parts"] is not None
        grouped = args["total_where"] is not None or args["parts_where"] is not None
        crosstab = args["rows"] is not None or args["columns"] is not None
        register = args["printed"] is not None
        if sum([explicit, grouped, crosstab, register]) != 1:
            raise ConfigError(
                f"{where}: check {check_id!r} (sum): give either total+parts, or table with "
                "total_where+parts_where, or table with rows+columns, or printed with table "
                "and column (a register)"
            )
        if (args["by"] is not None or args["window"] is not None) and not register:
            raise ConfigError(
                f"{where}: check {check_id!r} (sum): by and window belong to the register "
                "form (printed, table, column)"
            )
        if register and (args["table"] is None or args["group_by"]):
            raise ConfigError(
                f"{where}: check {check_id!r} (sum): printed goes with table and column (the "
                "register summed), grouped with by, not group_by"
            )
        if register:
            validate_register(check_id, args, where, "sum")
        if explicit and (args["total"] is None or args["parts"] is None):
            raise ConfigError(f"{where}: check {check_id!r} (sum): total and parts go together")
        if grouped and (
            args["table"] is None or None in (args["total_where"], args["parts_where"])
        ):
            raise ConfigError(
                f"{where}: check {check_id!r} (sum): table, total_where and parts_where go together"
            )
        if crosstab and (args["table"] is None or None in (args["rows"], args["columns"])):
            raise ConfigError(
                f"{where}: check {check_id!r} (sum): table, rows and columns go together"
            )

    def evaluate(self) -> list[Finding]:
        args = self.check.args
        if args["total"] is not None:
            return [self.reconcile(self.figure(args["total"]), self.figures(args["parts"]), "")]
        if args["rows"] is not None:
            return self.crosstab()
        if args["printed"] is not None:
            return self.register()
        return self.grouped()

    def register(self) -> list[Finding]:
        """The printed sums against the sum of a register's column, per group, in one pass."""
        args = self.check.args
        table = self.data.table(args["table"])
        column = args["column"]
        need_column(table, column)
        if column not in table.typed or table.spec.column(column).type not in SUMMABLE:
            raise CannotEvaluate(f"{table.name}.{column} is not a number column")
        rows = matching_rows(
            table, {"where": args["where"], "window": args["window"]}, self.data.year
        )
        return [
            self.register_finding(printed, table, group_rows_, filters)
            for printed, group_rows_, filters in printed_groups(self, table, rows)
        ]

    def register_finding(self, printed: Figure, table, rows: list[int], spec: dict) -> Finding:
        column = self.check.args["column"]
        total = register_sum(table, column, rows)
        interval = printed.interval()
        gap = Interval.exact(total).distance(interval)
        passed = gap <= tolerance_arg(self.check.args["tolerance"])
        difference = printed.quantity().value - total
        filters = describe_filter(spec)
        params = {
            "label": printed.ref,
            "printed": printed.text,
            "column": column,
            "table": table.name,
            "filter": filters,
            "sum": fmt_exact(total),
            "rows": fmt_exact(len(rows)),
            "difference": fmt_exact(difference),
        }
        return self.finding(
            passed,
            "register_pass" if passed else "register_fail",
            (printed.location, Location(table.table.display_path, None, column)),
            params=params,
            expected=fmt_exact(total),
            actual=str(printed.text),
            difference=fmt_exact(difference),
            tolerance=fmt(interval) if not interval.is_exact else "0",
            suggestion=None if passed else printed_like(printed.text, total),
            details={"summed_rows": len(rows)},
        )

    # --- forms -----------------------------------------------------------------------------

    def groups(self) -> list[dict[str, str | None]]:
        args = self.check.args
        table = self.data.table(args["table"])
        frame = table.table.frame
        rows = table.select(args["where"])
        table.require_columns(args["group_by"])
        if not args["group_by"]:
            return [{}]
        seen = []
        for index in rows:
            key = {c: frame.at[index, c] for c in args["group_by"]}
            if key not in seen:
                seen.append(key)
        return seen

    def grouped(self) -> list[Finding]:
        args = self.check.args
        findings = []
        for group in self.groups():
            label = ", ".join(f"{k}={v}" for k, v in group.items())
            where = {**args["where"], **{k: v if v is not None else "" for k, v in group.items()}}
            totals = self.data.figures_where(
                args["table"], {**where, **args["total_where"]}, args["column"]
            )
            parts = self.data.figures_where(
                args["table"], {**where, **args["parts_where"]}, args["column"]
            )
            if len(totals) != 1 or not parts:
                findings.append(
                    self.cannot_evaluate(
                        f"{label or 'table'}: {len(totals)} rows match total_where "
                        f"(exactly one needed) and {len(parts)} match parts_where"
                    )
                )
                continue
            findings.append(self.reconcile(totals[0], parts, label))
        return findings

    def crosstab(self) -> list[Finding]:
        args = self.check.args
        row_col, col_col = args["rows"], args["columns"]
        self.data.table(args["table"]).require_columns([row_col, col_col])
        findings = []
        for group in self.groups():
            where = {**args["where"], **{k: v if v is not None else "" for k, v in group.items()}}
            figures = self.data.figures_where(args["table"], where, args["column"])
            cells: dict[tuple[str | None, str | None], Figure] = {}
            for figure in figures:
                frame = figure.table.table.frame
                coordinate = (frame.at[figure.index, row_col], frame.at[figure.index, col_col])
                if coordinate in cells:
                    raise CannotEvaluate(
                        f"two rows for {row_col}={coordinate[0]}, {col_col}={coordinate[1]}"
                    )
                cells[coordinate] = figure
            row_labels = sorted({r for r, _ in cells if r is not None})
            col_labels = sorted({c for _, c in cells if c is not None})
            prefix = ", ".join(f"{k}={v}" for k, v in group.items())
            margins = [((r, None), [(r, c) for c in col_labels]) for r in row_labels]
            margins += [((None, c), [(r, c) for r in row_labels]) for c in col_labels]
            margins.append(((None, None), [(r, None) for r in row_labels]))
            margins.append(((None, None), [(None, c) for c in col_labels]))
            for margin, covered in margins:
                parts = [cells[c] for c in covered if c in cells]
                if margin not in cells or not parts:
                    continue  # a margin or all of its cells not printed: nothing to reconcile
                what = "/".join(x for x in margin if x) or "total"
                label = f"{prefix + ': ' if prefix else ''}{what}"
                findings.append(self.reconcile(cells[margin], parts, label))
        return findings

    # --- the arithmetic --------------------------------------------------------------------

    def reconcile(self, total: Figure, parts: list[Figure], label: str) -> Finding:
        tolerance = tolerance_arg(self.check.args["tolerance"])
        intervals = [p.interval() for p in parts]
        summed = Interval.exact(0)
        for interval in intervals:
            summed = summed + interval
        total_interval = total.interval()
        gap = summed.distance(total_interval)
        passed = gap <= tolerance
        printed = " + ".join(str(p.text) for p in parts)
        difference = total.quantity().value - sum((i.mid for i in intervals), Decimal(0))
        params = {
            "label": label or total.key,
            "parts": printed,
            "sum": fmt(summed),
            "total": total.text,
            "difference": fmt_exact(difference),
            "why": "",
        }
        suggestion = None
        if not passed:
            suggestion, why = self.explain_slip(total, parts, summed)
            if why:
                params["why"] = {lang: f" — {text}" for lang, text in why.items()}
        return self.finding(
            passed,
            "pass" if passed else "fail",
            [total, *parts],
            params=params,
            expected=fmt(summed),
            actual=str(total.text),
            difference=fmt_exact(difference),
            tolerance=fmt_exact(tolerance) if tolerance else ROUNDING,
            suggestion=suggestion,
        )

    def explain_slip(self, total: Figure, parts: list[Figure], summed: Interval):
        """A digit slip in the total or in one part that would make the sum reconcile."""
        if summed.is_exact:
            slip = typo_kind(total.text, summed.lo)
            if slip:
                text = describe(slip)
                return replacement(total.text, printed_like(total.text, summed.lo)), text
        total_value = total.quantity().value
        for part in parts:
            others = sum((p.quantity().value for p in parts if p is not part), Decimal(0))
            intended = total_value - others
            slip = typo_kind(part.text, intended) if intended >= 0 else None
            if slip:
                text = describe(slip)
                return replacement(part.text, printed_like(part.text, intended)), text
        return None, None
