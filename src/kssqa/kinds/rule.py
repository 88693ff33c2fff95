"""rule — a safe arithmetic/boolean expression over figure keys that must hold."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..config import ConfigError
from ..data import Figure
from ..expr import COMPARISONS, ExpressionError, evaluate, references
from ..findings import Finding
from ..interval import Interval, IntervalError
from ..messages import Template, local
from . import register
from .base import (
    FIGURES_SCHEMA,
    ROUNDING,
    Arg,
    Example,
    Kind,
    KindDoc,
    fmt,
    fmt_exact,
    tolerance_arg,
)

# Binding strength of each operator, for writing a parsed expression back as text.
PRECEDENCE = {
    "or": 1,
    "and": 2,
    "not": 3,
    **dict.fromkeys(COMPARISONS, 4),
    "+": 5,
    "-": 5,
    "*": 6,
    "/": 6,
    "neg": 7,
}
ARITHMETIC = {"+", "-", "*", "/"}
# a < b said from b's side: b > a
MIRRORED = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
# what a comparison asks of a printed figure against a number of the rule
CONSTANT_WORDS = {
    "==": {"nb": "lik", "en": "equal to"},
    "!=": {"nb": "ulik", "en": "different from"},
    "<": {"nb": "under", "en": "below"},
    "<=": {"nb": "høyst", "en": "at most"},
    ">": {"nb": "over", "en": "above"},
    ">=": {"nb": "minst", "en": "at least"},
}
# what a comparison asks of the printed figure against the other side, in words
RELATION_WORDS = {
    "==": {"nb": "like", "en": "equal"},
    "!=": {"nb": "ulike", "en": "different"},
    "<": {
        "nb": "mindre (det trykte tallet under det andre)",
        "en": "less (the printed figure below)",
    },
    "<=": {
        "nb": "høyst like store (det trykte ikke over)",
        "en": "at most equal (printed not above)",
    },
    ">": {
        "nb": "større (det trykte tallet over det andre)",
        "en": "greater (the printed figure above)",
    },
    ">=": {
        "nb": "minst like store (det trykte ikke under)",
        "en": "at least equal (printed not below)",
    },
}

DOC = KindDoc(
    what=(
        "Checks a rule written as an expression over figure keys, for what the other kinds do "
        "not cover: `expr` is a comparison (`==`, `!=`, `<`, `<=`, `>`, `>=`) of arithmetic "
        "over keys (`+ - * /`, `abs`, `min`, `max`, `sum`, `round(x)` and `round(x, n)` — half "
        "up to n decimals, as reports round, a negative n to tens or hundreds — and numbers "
        "with a decimal point), or "
        "comparisons combined with `and`, `or`, `not`. A key may name a column "
        "(`projects.juleaksjonen:grant`) and may be written in braces (`{key}`). The expression "
        "is parsed by kssqa's own small parser when checks are loaded (a malformed rule stops the "
        "run before any data is read) and is never handed to Python. Each printed value stands "
        "for an interval (a plain count is exact, `74 %` is 73.5–74.5, `drøyt 500 000` a little "
        "above 500 000) and the rule passes when it can be true for values in those intervals: "
        "`a == b` when the intervals overlap, `a < b` when some value of a is below some value "
        "of b — strictly: «fewer» is `<` (38 < 38 is false), «not more» is `<=`. A `tolerance` "
        "(an absolute number, default 0) widens every comparison by that much: `a == b` holds "
        "when some values of the two sides are at most the tolerance apart, `a < b` when a "
        "value of a is below a value of b plus the tolerance, `a != b` when they can differ "
        "by more than it. The message shows every key's printed text and both sides of each "
        "comparison (with ±tolerance)."
    ),
    why=(
        'Reports state relations between figures in words — "drøyt kr 500 000 lavere enn '
        'søkebeløpet", "mer enn halvparten", "flere enn i fjor" — that no fixed kind '
        "covers. Written as a rule, such a sentence is checked on every run instead of trusted."
    ),
    example_fails=Example(
        "The text says the grant was «drøyt kr 500 000» below the amount applied for; the "
        "printed amounts differ by 400 000. And «færre på chat enn på telefon» fails when both "
        "are 35: fewer is strict.",
        """\
checks:
  - id: projects.grant-below-applied
    kind: rule
    title: Innvilget beløp er drøyt 500 000 lavere enn søkt beløp
    expr: figures.applied - figures.granted == figures.below
  - id: vo.fewer-chats
    kind: rule
    title: Færre henvendelser på chat enn på telefon
    expr: figures.chat < figures.phone
""",
        {
            "schemas/figures.yaml": FIGURES_SCHEMA,
            "inputs/2025/figures.csv": """\
key,section,value,quote
figures.applied,Juleaksjonen,kr 3 282 630,Søkebeløpet var kr 3 282 630
figures.granted,Juleaksjonen,kr 2 882 630,Søknaden ble innvilget med kr 2 882 630
figures.below,Juleaksjonen,drøyt kr 500 000,drøyt kr 500 000 lavere enn søkebeløpet
figures.phone,VO-linjen,35,35 på telefon
figures.chat,VO-linjen,35,og 35 på chat
""",
        },
    ),
    example_passes=Example(
        "The difference is 531 000: «drøyt kr 500 000» holds; more than half of the contacts "
        "(38 of 70) came by phone, 54 % when rounded; and «om lag like mange» on chat as on "
        "phone holds within the tolerance of 10 the check gives it.",
        """\
checks:
  - id: projects.grant-below-applied
    kind: rule
    title: Innvilget beløp er drøyt 500 000 lavere enn søkt beløp
    expr: figures.applied - figures.granted == figures.below
  - id: vo.phone-majority
    kind: rule
    title: Mer enn halvparten av henvendelsene kom på telefon
    expr: figures.phone / (figures.phone + figures.chat) > 0.5 and figures.chat > 0
  - id: vo.phone-share-rounded
    kind: rule
    title: Telefon utgjorde 54 % av henvendelsene
    expr: round(100 * figures.phone / (figures.phone + figures.chat)) == 54
  - id: vo.about-as-many-chats
    kind: rule
    title: Om lag like mange henvendelser på chat som på telefon
    expr: figures.chat == figures.phone
    tolerance: 10
""",
        {
            "schemas/figures.yaml": FIGURES_SCHEMA,
            "inputs/2025/figures.csv": """\
key,section,value,quote
figures.applied,Juleaksjonen,kr 3 413 630,Søkebeløpet var kr 3 413 630
figures.granted,Juleaksjonen,kr 2 882 630,Søknaden ble innvilget med kr 2 882 630
figures.below,Juleaksjonen,drøyt kr 500 000,drøyt kr 500 000 lavere enn søkebeløpet
figures.phone,VO-linjen,38,38 på telefon
figures.chat,VO-linjen,32,32 på chat
""",
        },
    ),
    fix=(
        "Correct the figure or the sentence the rule encodes; the message shows which side of "
        "the comparison is off and by how much. If the rule itself is too strict (a relation "
        "the text only states roughly), widen it explicitly with `tolerance: 2` (or "
        "`abs(a - b) <= 2`) rather than deleting it."
    ),
)


def _kind_of(tree) -> str:
    """ "number" or "truth" — what a parsed expression yields; raises when operands mismatch."""
    op = tree[0]
    if op in ("num", "ref"):
        return "number"
    if op == "call":
        name, args = tree[1], tree[2]
        if name == "abs" and len(args) != 1:
            raise ExpressionError("abs takes one argument")
        if name == "round" and len(args) not in (1, 2):
            raise ExpressionError("round takes one or two arguments: round(x) or round(x, n)")
        for arg in args:
            _expect(arg, "number", f"{name}()")
        return "number"
    if op == "neg":
        _expect(tree[1], "number", "-")
        return "number"
    if op == "not":
        _expect(tree[1], "truth", "not")
        return "truth"
    wanted = "truth" if op in ("and", "or") else "number"
    _expect(tree[1], wanted, op)
    _expect(tree[2], wanted, op)
    return "number" if op in ARITHMETIC else "truth"


def _expect(tree, wanted: str, where: str) -> None:
    found = _kind_of(tree)
    if found != wanted:
        what = "a comparison" if found == "truth" else "a number"
        raise ExpressionError(
            f"«{unparse(tree)}» is {what}, but {where!r} needs "
            + ("a comparison" if wanted == "truth" else "a number")
        )


def unparse(tree) -> str:
    """A parsed expression written back as text, with only the parentheses it needs."""
    op = tree[0]
    if op == "num":
        return fmt_exact(tree[1]).replace(",", ".").replace("\u00a0", "")
    if op == "ref":
        return tree[1]
    if op == "call":
        return f"{tree[1]}({', '.join(unparse(a) for a in tree[2])})"
    if op in ("neg", "not"):
        inner = _wrap(tree[1], PRECEDENCE[op], right=True)
        return f"-{inner}" if op == "neg" else f"not {inner}"
    left = _wrap(tree[1], PRECEDENCE[op], right=False)
    right = _wrap(tree[2], PRECEDENCE[op], right=True)
    return f"{left} {op} {right}"


def _wrap(tree, outer: int, right: bool) -> str:
    inner = PRECEDENCE.get(tree[0], 9)
    text = unparse(tree)
    return f"({text})" if inner < outer or (right and inner == outer and inner != 3) else text


def _gap(a: Interval, b: Interval) -> Interval:
    """How far a lies below (negative) or above (positive) b; 0 when they overlap."""
    if a.hi < b.lo:
        return Interval.exact(a.hi - b.lo)
    if a.lo > b.hi:
        return Interval.exact(a.lo - b.hi)
    return Interval.exact(0)


def _side(tree, value: Interval) -> str:
    """A side of a comparison with its value, unless the side is itself a number."""
    return unparse(tree) if tree[0] == "num" else f"{unparse(tree)} = {fmt(value)}"


def _within(tolerance: Decimal) -> str:
    """A comparison's tolerance as a message writes it after the sides: " ±5", or nothing."""
    return f" ±{fmt_exact(tolerance)}" if tolerance else ""


def _rounding_tolerance(tolerance: Decimal) -> dict[str, str]:
    if not tolerance:
        return ROUNDING
    return local(
        "{rounding} og{within}",
        "{rounding} and{within}",
        rounding=ROUNDING,
        within=_within(tolerance),
    )


def _comparisons(tree) -> list:
    """Every comparison in the expression, outermost first."""
    if tree[0] in COMPARISONS:
        return [tree]
    if tree[0] in ("and", "or", "not"):
        return [c for child in tree[1:] for c in _comparisons(child)]
    return []


@register
class RuleKind(Kind):
    name = "rule"
    title = "Regel over trykte tall holder"
    title_en = "A rule over printed figures holds"
    summary = (
        "a safe arithmetic/boolean expression over figure keys holds (`round()`, an "
        "optional `tolerance`)"
    )
    doc = DOC
    args = {
        "expr": Arg(
            "expr",
            help="a comparison, or comparisons joined by and/or/not, over figure keys "
            "(e.g. a + b == c)",
        ),
        "tolerance": Arg(
            "number",
            required=False,
            default=0,
            help="how far apart the sides of a comparison may be and still hold (absolute)",
        ),
    }
    messages = {
        "pass": Template(
            "{expr} holder: {values}; {sides_nb}",
            "{expr} holds: {values}; {sides_en}",
        ),
        "fail": Template(
            "{expr} holder ikke: {values}; {sides_nb}",
            "{expr} does not hold: {values}; {sides_en}",
        ),
        "side": Template(
            "{left} {op} {right}{within} ({truth})",
            "{left} {op} {right}{within} ({truth})",
        ),
        # a comparison with a printed figure on one side, said in words: what is printed, and
        # what the other side of the rule makes of the other figures
        "fail_printed": Template(
            "trykt «{printed}» ({key}), men {other} gir {implied}{using}: regelen {expr} "
            "krever at de er {relation}{within}",
            "printed «{printed}» ({key}), but {other} gives {implied}{using}: the rule {expr} "
            "needs them {relation}{within}",
        ),
        "fail_printed_constant": Template(
            "trykt «{printed}» ({key}), men regelen {expr} krever at det er {relation} "
            "{implied}{within}",
            "printed «{printed}» ({key}), but the rule {expr} needs it {relation} "
            "{implied}{within}",
        ),
        "true": Template("sann", "true"),
        "false": Template("usann", "false"),
        "undefined": Template("kan ikke beregnes", "cannot be computed"),
    }

    @classmethod
    def validate_more(cls, check_id, args, where):
        try:
            tolerance = Decimal(str(args["tolerance"]))
        except ArithmeticError:
            tolerance = None
        if tolerance is None or not tolerance.is_finite() or tolerance < 0:
            raise ConfigError(
                f"{where}: check {check_id!r} (rule): tolerance must be a number ≥ 0, "
                f"got {args['tolerance']!r}"
            )

    @classmethod
    def parse_expressions(cls, check_id: str, args: dict[str, Any], where: str) -> dict:
        parsed = super().parse_expressions(check_id, args, where)
        try:
            if _kind_of(parsed["expr"]) != "truth":
                raise ExpressionError(
                    f"«{args['expr']}» is a number; a rule must be a comparison such as a + b == c"
                )
        except ExpressionError as error:
            raise ConfigError(f"{where}: check {check_id!r}: expr: {error}") from None
        return parsed

    def evaluate(self) -> list[Finding]:
        tree = self.check.parsed["expr"]
        refs = list(dict.fromkeys(references(tree)))
        figures: dict[str, Figure] = {ref: self.figure(ref) for ref in refs}
        intervals = {ref: figure.interval() for ref, figure in figures.items()}

        def lookup(ref: str) -> Interval:
            return intervals[ref]

        tolerance = tolerance_arg(self.check.args["tolerance"])
        passed = evaluate(tree, lookup, tolerance)
        values = ", ".join(
            f"{ref} = «{figures[ref].text}»"
            + ("" if intervals[ref].is_exact else f" {fmt(intervals[ref])}")
            for ref in refs
        )
        sides, fields = self.sides(tree, lookup, tolerance)
        truth = self.messages["true" if passed else "false"].render()
        printed = None if passed else self.printed_side(tree, figures, lookup, tolerance)
        if printed is not None:
            code, params, fields = printed
            return [
                self.finding(
                    False,
                    code,
                    list(figures.values()),
                    params=params,
                    tolerance=_rounding_tolerance(tolerance),
                    details={
                        "result": truth["en"],
                        "values": {ref: fmt(i) for ref, i in intervals.items()},
                    },
                    **fields,
                )
            ]
        return [
            self.finding(
                passed,
                "pass" if passed else "fail",
                list(figures.values()),
                params={
                    "expr": unparse(tree),
                    "values": values,
                    "sides_nb": "; ".join(side["nb"] for side in sides),
                    "sides_en": "; ".join(side["en"] for side in sides),
                },
                tolerance=_rounding_tolerance(tolerance),
                details={
                    "result": truth["en"],
                    "values": {ref: fmt(i) for ref, i in intervals.items()},
                },
                **fields,
            )
        ]

    def printed_side(self, tree, figures, lookup, tolerance):
        """A failed comparison with one printed figure as a side (the right one, as rules are
        written «computed == printed», else the left): the message code, its params and the
        fields — what is printed (actual) and what the other side implies (expected)."""
        if tree[0] not in COMPARISONS:
            return None
        op, left, right = tree
        if right[0] == "ref":
            printed, other, relation = right, left, MIRRORED[op]
        elif left[0] == "ref":
            printed, other, relation = left, right, op
        else:
            return None
        try:
            implied = evaluate(other, lookup)
        except IntervalError:
            return None
        figure = figures[printed[1]]
        used = [ref for ref in dict.fromkeys(references(other))]
        using = ", ".join(f"{ref} = «{figures[ref].text}»" for ref in used)
        params = {
            "printed": figure.text,
            "key": printed[1],
            "other": unparse(other),
            "implied": fmt(implied),
            "using": f" ({using})" if using else "",
            "expr": unparse(tree),
            "relation": RELATION_WORDS[relation],
            "within": _within(tolerance),
        }
        fields = {
            "actual": str(figure.text),
            "expected": fmt(implied) if relation == "==" else f"{relation} {fmt(implied)}",
            "difference": fmt(_gap(lookup(printed[1]), implied)),
        }
        if other[0] == "num":
            return "fail_printed_constant", {**params, "relation": CONSTANT_WORDS[relation]}, fields
        return "fail_printed", params, fields

    def sides(self, tree, lookup, tolerance) -> tuple[list[dict[str, str]], dict[str, str]]:
        """Both sides of every comparison with their intervals; fields of the top one."""
        rendered, fields = [], {}
        for comparison in _comparisons(tree):
            op, left, right = comparison
            try:
                a, b = evaluate(left, lookup), evaluate(right, lookup)
            except IntervalError:
                rendered.append(self.messages["undefined"].render())
                continue
            holds = evaluate(comparison, lookup, tolerance)
            rendered.append(
                self.messages["side"].render(
                    left=_side(left, a),
                    op=op,
                    right=_side(right, b),
                    within=_within(tolerance),
                    truth=self.messages["true" if holds else "false"].render(),
                )
            )
            if comparison is tree:
                fields = {
                    "actual": fmt(a),
                    "expected": f"{op} {fmt(b)}",
                    "difference": fmt(_gap(a, b)),
                }
        return rendered, fields
