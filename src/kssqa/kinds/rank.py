"""rank — a printed ordering ("flest ... dernest ... på tredje plass") holds for the values."""

from __future__ import annotations

from typing import Any

from ..config import ConfigError
from ..data import DEFAULT_COLUMN, Figure
from ..findings import Finding
from ..interval import Interval
from ..messages import Template
from . import register
from .base import ARG_VALIDATORS, ROUNDING, Arg, Example, Kind, KindDoc, fmt

SCHEMA = """\
table: months
file: months.csv
columns:
  key: {type: text, required: true, unique: true}
  month: {type: text, required: true}
  value: {type: quantity}
  quote: {type: text}
"""


def months_csv(other_rows: str) -> str:
    """An example's months.csv: the three months as the text ranks them, then ``other_rows``.

    The three are the same in both examples; the other rows decide whether the ranking holds.
    """
    return f"""\
key,month,value,quote
months.desember,desember,31,Desember er måneden med flest artikler (31)
months.april,april,24,dernest april med 24
months.oktober,oktober,19,oktober på tredje plass med 19
{other_rows}"""


DOC = KindDoc(
    what=(
        "Checks a printed ordering against the printed values. `order` lists the keys in the "
        "claimed order, first the one said to be highest (`descending: false` for a claim "
        "about the lowest first). Every item must be ahead of every later item: a tie is a "
        'failure when the text says one is ahead ("dernest"); items printed as equal or '
        'without an order among them ("VG, Dagen og Gaula følger etter med 2 hver") go in a '
        "nested list, a group whose members are not compared with each other. With `among` "
        "(a list of keys, or `{table, where, column}` for rows of a table) the claim is that "
        "the listed items are the top of that set: it fails when a member of the set that is "
        'not listed beats a listed item (a tie with an unlisted member is accepted — "på '
        'tredje plass" shared with another is not a contradiction; list it in a group if the '
        "text names it). Values are intervals (`74 %` is 73.5–74.5, `drøyt 1800` a little "
        "above 1800): a claimed item is ahead when its interval reaches above the next one's; "
        "an unlisted member beats a listed one when its interval lies wholly above it."
    ),
    why=(
        'Rankings in running text ("måneden med flest artikler", "dernest", "på tredje '
        "plass\") are written from memory of the figures or from last year's text; when a "
        "figure is corrected the ranking sentence is easily left behind, and a reader can see "
        "the contradiction in the figures printed next to it."
    ),
    example_fails=Example(
        "The text says December has most articles, then April, then October; but the month "
        "table shows 25 for March, ahead of April (24) and October (19).",
        """\
checks:
  - id: media.top-months
    kind: rank
    title: Månedene med flest artikler er riktig rangert
    order: [months.desember, months.april, months.oktober]
    among: {table: months}
""",
        {
            "schemas/months.yaml": SCHEMA,
            "inputs/2025/months.csv": months_csv("""\
months.mars,mars,25,Mars: 25
months.mai,mai,12,Mai: 12
"""),
        },
    ),
    example_passes=Example(
        "NTB has most (3), then four outlets with 2 each, in no order among them; and the "
        "three months are the top three of the month table.",
        """\
checks:
  - id: media.top-paper-outlets
    kind: rank
    title: NTB har flest, deretter fire aviser med like mange
    order: [months.ntb, [months.vg, months.dagen, months.firda, months.gaula]]
  - id: media.top-months
    kind: rank
    title: Månedene med flest artikler er riktig rangert
    order: [months.desember, months.april, months.oktober]
    among: {table: months, where: {month: [desember, april, oktober, mars, mai]}}
""",
        {
            "schemas/months.yaml": SCHEMA,
            "inputs/2025/months.csv": months_csv("""\
months.mars,mars,18,Mars: 18
months.mai,mai,12,Mai: 12
months.ntb,NTB,3,"flest treff, 3 stk, i NTB"
months.vg,VG,2,VG ... følger etter med 2 artikler hver
months.dagen,Dagen,2,Dagen ... følger etter med 2 artikler hver
months.firda,Firdaposten,2,Firdaposten ... følger etter med 2 artikler hver
months.gaula,Avisen Gaula,2,Avisen Gaula følger etter med 2 artikler hver
"""),
        },
    ),
    fix=(
        "Correct the ranking sentence (the finding shows the order of the values), or the "
        "figure that is wrong. If two items are printed as equal, put them in one group (a "
        "nested list) instead of claiming one is ahead; if the claim is only about the items "
        "named and not the top of a larger set, leave out `among`."
    ),
)


def _ref_or_group(item: Any) -> bool:
    if isinstance(item, list):
        return ARG_VALIDATORS["refs"](item)
    return ARG_VALIDATORS["ref"](item)


@register
class RankKind(Kind):
    name = "rank"
    title = "Påstått rangering stemmer med tallene"
    title_en = "The stated ranking matches the figures"
    summary = 'a printed ordering ("flest … dernest …") matches the values'
    doc = DOC
    args = {
        "order": Arg(
            "list",
            help="keys in the claimed order, first = highest; a nested list is a group "
            "printed without an order among its members",
        ),
        "among": Arg(
            "refs",
            required=False,
            help="or {table, where, column}: the set whose top the order claims to be",
        ),
        "descending": Arg("bool", required=False, default=True, help="false: lowest first"),
    }
    messages = {
        "pass": Template(
            "rekkefølgen stemmer: {chain}{among}",
            "the order holds: {chain}{among}",
        ),
        "fail": Template(
            "påstått rekkefølge {chain}, men {problems_nb}",
            "claimed order {chain}, but {problems_en}",
        ),
        "others": Template(
            "; ingen av de {count} andre er {ahead_nb} de nevnte, {top_nb} av dem er {best}",
            "; none of the {count} others is {ahead_en} the listed ones, the {top_en} of them "
            "is {best}",
        ),
        "no_others": Template("; ingen andre i utvalget", "; no others in the set"),
        "order_problem": Template("{a} er ikke {ahead_nb} {b}", "{a} is not {ahead_en} {b}"),
        "among_problem": Template(
            "{x}, som ikke er nevnt, er {ahead_nb} {ys}",
            "{x}, not listed, is {ahead_en} {ys}",
        ),
        # relation words, "|"-separated: ahead of, the best of a set
        "descending": Template("høyere enn|den høyeste", "higher than|highest"),
        "ascending": Template("lavere enn|den laveste", "lower than|lowest"),
    }

    # --- loading ---------------------------------------------------------------------------

    @classmethod
    def validate(cls, check_id: str, args: dict[str, Any], where: str) -> dict[str, Any]:
        # `among` is either refs or a mapping, which the shared argument types cannot say:
        # it is validated here, the other arguments by the base class.
        rest = {k: v for k, v in args.items() if k != "among"}
        result = super().validate(check_id, rest, where)
        result["among"] = cls.validate_among(check_id, args.get("among"), where)
        if result["among"] is None and len(result["order"]) < 2:
            raise ConfigError(
                f"{where}: check {check_id!r} (rank): order needs at least two items, or one "
                "with among"
            )
        return result

    @classmethod
    def validate_more(cls, check_id, args, where):
        order = args["order"]
        if not order or not all(_ref_or_group(item) for item in order):
            raise ConfigError(
                f"{where}: check {check_id!r} (rank): order must be a list of keys, each a key "
                f"or a list of keys (a group), got {order!r}"
            )
        refs = [r for item in order for r in (item if isinstance(item, list) else [item])]
        repeated = sorted({r for r in refs if refs.count(r) > 1})
        if repeated:
            raise ConfigError(
                f"{where}: check {check_id!r} (rank): order names {', '.join(repeated)} twice"
            )

    @classmethod
    def validate_among(cls, check_id: str, among: Any, where: str) -> Any:
        problem = None
        if among is None or ARG_VALIDATORS["refs"](among):
            return among
        if not isinstance(among, dict):
            problem = "must be a list of keys or a mapping {table, where, column}"
        elif set(among) - {"table", "where", "column"}:
            problem = f"unknown key(s) {sorted(set(among) - {'table', 'where', 'column'}, key=str)}"
        elif not ARG_VALIDATORS["table"](among.get("table")):
            problem = "needs table"
        elif not ARG_VALIDATORS["where"](among.get("where", {})):
            problem = "where must map columns to a value or a list of values"
        elif not ARG_VALIDATORS["text"](among.get("column", DEFAULT_COLUMN)):
            problem = "column must be a column name"
        if problem:
            raise ConfigError(f"{where}: check {check_id!r} (rank): among {problem}, got {among!r}")
        return {"where": {}, "column": DEFAULT_COLUMN, **among}

    # --- evaluation ------------------------------------------------------------------------

    def evaluate(self) -> list[Finding]:
        args = self.check.args
        positions = [
            self.figures(item if isinstance(item, list) else [item]) for item in args["order"]
        ]
        listed = [f for position in positions for f in position]
        others = [f for f in self.among() if f.ref not in {g.ref for g in listed}]
        intervals = {f.ref: f.interval() for f in [*listed, *others]}
        descending = args["descending"]

        def ahead(a: Figure, b: Figure) -> bool:
            x, y = intervals[a.ref], intervals[b.ref]
            return x.hi > y.lo if descending else x.lo < y.hi

        words = self.messages["descending" if descending else "ascending"].render()
        nb, en = words["nb"].split("|"), words["en"].split("|")
        relation = {
            "ahead_nb": nb[0],
            "ahead_en": en[0],
            "top_nb": nb[1],
            "top_en": en[1],
        }
        problems = [
            self.messages["order_problem"].render(a=self.label(a), b=self.label(b), **relation)
            for i, position in enumerate(positions)
            for later in positions[i + 1 :]
            for a in position
            for b in later
            if not ahead(a, b)
        ]

        def beats(a: Figure, b: Figure) -> bool:
            x, y = intervals[a.ref], intervals[b.ref]
            return x.lo > y.hi if descending else x.hi < y.lo

        beating = []
        for other in others:
            beaten = [f for f in listed if beats(other, f)]
            if beaten:
                beating.append(other)
                ys = ", ".join(self.label(f) for f in beaten)
                problems.append(
                    self.messages["among_problem"].render(x=self.label(other), ys=ys, **relation)
                )
        passed = not problems
        sign = " > " if descending else " < "
        chain = sign.join(self.position_label(p) for p in positions)
        params: dict[str, Any] = {"chain": chain}
        if passed:
            params.update(self.among_text(others, intervals, relation))
        else:
            params["problems_nb"] = "; ".join(p["nb"] for p in problems)
            params["problems_en"] = "; ".join(p["en"] for p in problems)
        everything = [*listed, *others]
        by_value = sorted(everything, key=lambda f: intervals[f.ref].mid, reverse=descending)
        return [
            self.finding(
                passed,
                "pass" if passed else "fail",
                [*listed, *beating],
                params=params,
                expected=chain,
                actual=self.sorted_label([*listed, *beating], intervals, descending),
                tolerance=ROUNDING,
                suggestion=None
                if passed
                else self.sorted_label(by_value[: len(listed)], intervals, descending),
                details={"values": {f.ref: fmt(intervals[f.ref]) for f in everything}},
            )
        ]

    def among(self) -> list[Figure]:
        among = self.check.args["among"]
        if among is None:
            return []
        if isinstance(among, list):
            return self.figures(among)
        return self.data.figures_where(among["table"], among["where"], among["column"])

    # --- message parts ---------------------------------------------------------------------

    @staticmethod
    def label(figure: Figure) -> str:
        return f"{figure.ref} «{figure.text}»"

    def position_label(self, position: list[Figure]) -> str:
        if len(position) == 1:
            return self.label(position[0])
        return "(" + ", ".join(self.label(f) for f in position) + ")"

    def sorted_label(
        self, figures: list[Figure], intervals: dict[str, Interval], descending: bool
    ) -> str:
        ordered = sorted(figures, key=lambda f: intervals[f.ref].mid, reverse=descending)
        parts = [self.label(ordered[0])] if ordered else []
        for previous, figure in zip(ordered, ordered[1:], strict=False):
            same = intervals[previous.ref].mid == intervals[figure.ref].mid
            parts.append(("=" if same else ">" if descending else "<") + " " + self.label(figure))
        return " ".join(parts)

    def among_text(
        self, others: list[Figure], intervals: dict[str, Interval], relation: dict[str, str]
    ) -> dict[str, str]:
        if self.check.args["among"] is None:
            return {"among": ""}
        if not others:
            text = self.messages["no_others"].render()
            return {"among": text}
        pick = max if self.check.args["descending"] else min
        best = pick(others, key=lambda f: intervals[f.ref].mid)
        text = self.messages["others"].render(count=len(others), best=self.label(best), **relation)
        return {"among": text}
