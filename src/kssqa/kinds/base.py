"""What a check kind is: its arguments, its documentation, and how it turns data into findings.

A kind is a class registered by name. It declares its arguments (validated when checks/ is
loaded, before any data is read), carries its own documentation in fixed sections (the text of
``kssqa explain KIND`` and of the docs), owns its message templates, and evaluates one check
against the loaded data, returning findings — failures and passes alike. A check that cannot
be evaluated (a key that no row has, a value kssqa could not read) gives an ``error`` finding:
it never crashes the run and never passes silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from ..config import ConfigError
from ..data import Data, DataError, Figure, Pending
from ..expr import ExpressionError, references
from ..expr import evaluate as evaluate_expression
from ..expr import parse as parse_expression
from ..findings import Finding, Location, Outcome, Severity
from ..interval import Interval, IntervalError
from ..messages import LANGUAGES, LocalText, Template, quoted
from ..numbers import number_text
from ..rowfilter import (
    CELL_KEYS,
    ROWS_KEYS,
    cell,
    matching_rows,
    selection_label,
    selection_problem,
)


@dataclass(frozen=True)
class Example:
    """A runnable example: the check's YAML and the files it runs on (path -> text)."""

    description: str
    check: str
    files: dict[str, str]


@dataclass(frozen=True)
class KindDoc:
    what: str
    why: str
    example_fails: Example
    example_passes: Example
    fix: str

    SECTIONS: ClassVar[tuple[str, ...]] = ("what", "why", "example_fails", "example_passes", "fix")


# The schema of the doc examples' figures table (key, section, value, quote), shared by the
# kinds whose examples use exactly that table.
FIGURES_SCHEMA = """\
table: figures
file: figures.csv
columns:
  key: {type: text, required: true, unique: true}
  section: {type: text}
  value: {type: quantity}
  quote: {type: text}
"""


@dataclass(frozen=True)
class Arg:
    """One argument of a kind: its type name and whether it must be given."""

    # ref, refs, expr, table, where, text, texts, number, bool, window, mapping, list;
    # figure: a key or {table, where, column} (a table without keys);
    # count: a figure, or {table, where?, contains?, match?}: the number of rows that match
    type: str
    required: bool = True
    default: Any = None
    help: str = ""


@dataclass(frozen=True)
class CheckSpec:
    id: str
    kind: str
    title: str
    severity: Severity
    args: dict[str, Any]
    source: str  # file the check was read from
    description: str = ""
    parsed: dict[str, Any] = field(default_factory=dict)  # e.g. parsed expressions
    years: tuple[int, ...] = ()  # the reporting years it is about; () = every year
    title_en: str = ""  # the title in English (``title_en:``); the report's language is nb

    def title_in(self, lang: str) -> str:
        return self.title_en if lang == "en" and self.title_en else self.title


class CannotEvaluate(Exception):
    """The check cannot be evaluated on this data; becomes an error finding."""


@dataclass(frozen=True)
class Operand:
    """A value a check computes with: one printed figure, or an expression over figures."""

    interval: Interval
    text: str
    figure: Figure | None = None  # the figure, when the operand is one key
    # every figure it is computed from (for locations); a table, for a count of its rows
    used: tuple[Figure | Location, ...] = ()


COMMON_MESSAGES = {
    "cannot_evaluate": Template(
        "kontrollen kunne ikke gjennomføres: {reason}", "the check could not be evaluated: {reason}"
    ),
    "waiting": Template(
        "kontrollen venter til tallene den trenger er fylt ut: {reason}",
        "the check waits until the figures it needs are filled in: {reason}",
    ),
}


def _is_ref(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip()) and " " not in value.strip()


def _check_where(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and (isinstance(v, str | int) or v is None or isinstance(v, list))
        for k, v in value.items()
    )


def _is_number(value: Any) -> bool:
    """A finite number, or its text: YAML's .nan and .inf are not numbers a check can use."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return False
    try:
        return Decimal(str(value)).is_finite()
    except ArithmeticError:
        return False


ARG_VALIDATORS: dict[str, Callable[[Any], bool]] = {
    "ref": _is_ref,
    "refs": lambda v: isinstance(v, list) and len(v) > 0 and all(_is_ref(x) for x in v),
    "expr": lambda v: isinstance(v, str) and bool(v.strip()),
    "table": lambda v: isinstance(v, str) and bool(v),
    "where": _check_where,
    "text": lambda v: isinstance(v, str),
    "texts": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    "number": _is_number,
    "bool": lambda v: isinstance(v, bool),
    "window": lambda v: v == "reporting_year" or (isinstance(v, list) and len(v) == 2),
    "mapping": lambda v: isinstance(v, dict),
    "list": lambda v: isinstance(v, list),
    "figure": lambda v: _is_ref(v) or isinstance(v, dict),
    "count": lambda v: _is_ref(v) or isinstance(v, dict),
}


def _selection_problem(arg_type: str, value: Any, name: str) -> str | None:
    """What is wrong with a mapping given for a figure or count argument, or None."""
    if arg_type not in ("figure", "count") or not isinstance(value, dict):
        return None
    if arg_type == "figure" or "column" in value:
        return selection_problem(value, CELL_KEYS, name)
    return selection_problem(value, ROWS_KEYS, name)


class Kind:
    name: ClassVar[str]
    title: ClassVar[str]  # in Norwegian, the report's language
    title_en: ClassVar[str]
    summary: ClassVar[str]  # what it checks, one line ("parts add up to their total")
    doc: ClassVar[KindDoc]
    args: ClassVar[dict[str, Arg]] = {}
    messages: ClassVar[dict[str, Template]] = {}

    # --- loading ---------------------------------------------------------------------------

    @classmethod
    def validate(cls, check_id: str, args: dict[str, Any], where: str) -> dict[str, Any]:
        """Check the arguments' shape; return them with defaults filled in."""
        unknown = set(args) - set(cls.args)
        if unknown:
            raise ConfigError(
                f"{where}: check {check_id!r} ({cls.name}): unknown argument(s) "
                f"{sorted(unknown, key=str)}; known: {sorted(cls.args)}"
            )
        result = {}
        for name, spec in cls.args.items():
            if name not in args:
                if spec.required:
                    raise ConfigError(
                        f"{where}: check {check_id!r} ({cls.name}): argument {name!r} is required"
                        f" ({spec.type}{': ' + spec.help if spec.help else ''})"
                    )
                result[name] = spec.default
                continue
            if not ARG_VALIDATORS[spec.type](args[name]):
                raise ConfigError(
                    f"{where}: check {check_id!r} ({cls.name}): argument {name!r} must be "
                    f"of type {spec.type}{' (' + spec.help + ')' if spec.help else ''}, "
                    f"got {quoted(args[name])}"
                )
            problem = _selection_problem(spec.type, args[name], name)
            if problem:
                raise ConfigError(f"{where}: check {check_id!r} ({cls.name}): {problem}")
            result[name] = args[name]
        cls.validate_more(check_id, result, where)
        return result

    @classmethod
    def validate_more(cls, check_id: str, args: dict[str, Any], where: str) -> None:
        """Kind-specific validation beyond argument types (override)."""

    @classmethod
    def prepare(cls, check: CheckSpec) -> None:
        """Validation that needs heavy machinery, run only for checks selected to run.

        Called before any data is read; raises ConfigError. The default does nothing; a kind
        backed by a large library (Great Expectations) starts loading it here, so a run that
        does not select such a check never loads it.
        """

    background = False  # True: prepare() loads something in the background; run such checks last

    @classmethod
    def ready(cls, checks: list[CheckSpec]) -> None:
        """Wait for what prepare() started; raises ConfigError for a check it cannot run.

        Called with the selected checks of this kind, after the data is read and before the
        first of them runs. The default does nothing.
        """

    @classmethod
    def parse_expressions(cls, check_id: str, args: dict[str, Any], where: str) -> dict:
        parsed = {}
        for name, spec in cls.args.items():
            if spec.type == "expr" and args.get(name) is not None:
                try:
                    parsed[name] = parse_expression(args[name])
                except ExpressionError as error:
                    raise ConfigError(f"{where}: check {check_id!r}: {name}: {error}") from None
        return parsed

    # --- evaluation ------------------------------------------------------------------------

    def __init__(self, check: CheckSpec, data: Data):
        self.check = check
        self.data = data

    def run(self) -> list[Finding]:
        try:
            return self.evaluate()
        except Pending as error:
            return [self.skipped(COMMON_MESSAGES["waiting"].render(reason=str(error)))]
        except (CannotEvaluate, DataError, IntervalError, ExpressionError) as error:
            return [self.cannot_evaluate(str(error))]
        except ArithmeticError as error:  # decimal limits: figures far beyond any report's
            reason = f"a computation with these figures failed ({type(error).__name__})"
            return [self.cannot_evaluate(reason)]

    def evaluate(self) -> list[Finding]:  # pragma: no cover - every kind overrides it
        raise NotImplementedError

    def figure(self, ref: str | dict[str, Any]) -> Figure:
        """The figure of a key, or of ``{table, where, column}`` (a table without keys)."""
        if isinstance(ref, dict):
            return cell(self.data, ref)
        return self.data.figure(ref)

    def figures(self, refs: list[str]) -> list[Figure]:
        return [self.figure(ref) for ref in refs]

    def figure_operand(self, ref: str | dict[str, Any]) -> Operand:
        """The printed figure ``ref`` as an operand: its interval, shown as printed."""
        figure = self.figure(ref)
        return Operand(figure.interval(), str(figure.text), figure, (figure,))

    def count_operand(self, ref: str | dict[str, Any]) -> Operand:
        """A count: a printed figure, or the number of rows that match ``{table, where?,
        contains?, match?}`` (exact), shown as «792 contacts[answered=nei]»."""
        if not isinstance(ref, dict) or "column" in ref:
            return self.figure_operand(ref)
        table = self.data.table(ref["table"])
        count = len(matching_rows(table, ref, self.data.year))
        text = f"{fmt_exact(count)} {selection_label(ref)}"
        return Operand(Interval.exact(count), text, None, (Location(table.table.display_path),))

    def expression_operand(self, arg: str) -> Operand:
        """The expression of argument ``arg`` as an operand, shown as «(expression = value)»."""
        tree = self.check.parsed[arg]
        value = evaluate_expression(tree, lambda ref: self.figure(ref).interval())
        if isinstance(value, bool):
            raise CannotEvaluate(f"{arg} is a comparison, not a number")
        used = tuple(self.figure(ref) for ref in references(tree))
        return Operand(value, f"({self.check.args[arg].strip()} = {fmt(value)})", None, used)

    def finding(
        self,
        passed: bool,
        code: str,
        figures: list[Figure] | tuple[Location, ...] = (),
        **fields: Any,
    ) -> Finding:
        params = fields.pop("params", {})
        locations = tuple(f.location if isinstance(f, Figure) else f for f in figures)
        return Finding(
            check_id=self.check.id,
            kind=self.name,
            severity=self.check.severity,
            outcome=Outcome.PASS if passed else Outcome.FAIL,
            message=self.messages[code].render(**params),
            locations=locations,
            **fields,
        )

    def skipped(self, message: dict[str, str], locations: tuple[Location, ...] = ()) -> Finding:
        """The check was not evaluated, through no fault of the data (see Outcome.SKIPPED)."""
        return Finding(
            check_id=self.check.id,
            kind=self.name,
            severity=self.check.severity,
            outcome=Outcome.SKIPPED,
            message=message,
            locations=locations or (Location(self.check.source),),
        )

    def cannot_evaluate(self, reason: str) -> Finding:
        return Finding(
            check_id=self.check.id,
            kind=self.name,
            severity=self.check.severity,
            outcome=Outcome.ERROR,
            message=COMMON_MESSAGES["cannot_evaluate"].render(reason=reason),
            locations=(Location(self.check.source),),
        )


# What widens a comparison of printed figures by default: each stands for its rounding interval.
ROUNDING = {"nb": "avrunding av trykte tall", "en": "rounding of printed figures"}


def fmt(value: Decimal | Interval | int, decimals: int = 2) -> LocalText:
    """A number or interval for a message, without needless decimals, in each language."""
    if not isinstance(value, Interval):
        value = Interval.exact(Decimal(value))
    return LocalText({lang: value.text(decimals, lang) for lang in LANGUAGES})


fmt_exact = number_text  # the kinds' name for it


def tolerance_arg(value: Any) -> Decimal:
    try:
        return Decimal(str(value or 0))
    except ArithmeticError:  # pragma: no cover - validated as a finite number on load
        raise CannotEvaluate(f"tolerance {value!r} is not a number") from None
