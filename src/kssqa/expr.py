"""A small, safe expression language over figure keys, evaluated with interval arithmetic.

Used by the ``rule`` kind and wherever a check needs a derived figure (``percent_of`` with
"answered = contacts - unanswered"). It is parsed by a recursive-descent parser into a tree of
tuples; nothing is ever passed to Python's ``eval``.

Grammar::

    expr       := or
    or         := and ("or" and)*
    and        := not ("and" not)*
    not        := "not" not | comparison
    comparison := sum (("==" | "!=" | "<" | "<=" | ">" | ">=") sum)?
    sum        := term (("+" | "-") term)*
    term       := unary (("*" | "/") unary)*
    unary      := "-" unary | primary
    primary    := NUMBER | REF | "{" REF "}" | FUNC "(" expr ("," expr)* ")" | "(" expr ")"

A REF is a row key, optionally with a column (``vo_linjen.contacts.total.2025``,
``projects.juleaksjonen:grant``). NUMBER uses a decimal point (``0.5``). FUNC is one of
``abs``, ``min``, ``max``, ``sum``, ``round`` (``round(x)``, ``round(x, n)``: n decimals, half
up as reports round; a negative n rounds to tens, hundreds). A NUMBER has at most 15 digits (as
a printed figure); brackets, calls, ``-`` and ``not`` nest at most 32 deep and the whole tree at
most 200 levels, so that neither parsing nor evaluation (both recursive) can exhaust Python's
stack. Comparisons are judged on intervals: ``a == b`` holds when the values ``a`` and ``b``
can stand for overlap, ``a < b`` when some value of ``a`` is below some value of ``b``
(strictly: ``5 < 5`` is false, ``5 <= 5`` true). A ``tolerance`` widens every comparison by
that much: ``a == b`` holds when some values are at most the tolerance apart, ``a < b`` when
some value of ``a`` is below some value of ``b`` plus the tolerance, ``a != b`` when some
values are more than the tolerance apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal

from .interval import Interval
from .messages import shorten
from .numbers import MAX_DIGITS

TOKEN = re.compile(
    r"""\s*(?:
    (?P<number>[0-9]+(?:\.[0-9]+)?)
    |(?P<ref>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_\-]+)*(?::[A-Za-z_][A-Za-z0-9_]*)?)
    |(?P<op>==|!=|<=|>=|[-+*/(),<>{}])
    )""",
    re.VERBOSE,
)
# Limits that keep parsing and evaluation (both recursive) far from Python's recursion limit;
# a rule in a report check is a line, nested a few levels.
MAX_NESTING = 32  # brackets, function calls, "-" and "not" inside each other
MAX_DEPTH = 200  # the tree, including long chains such as a + b + c + ...
KEYWORDS = {"and", "or", "not"}
FUNCTIONS = {"abs", "min", "max", "sum", "round"}
COMPARISONS = {"==", "!=", "<", "<=", ">", ">="}


class ExpressionError(ValueError):
    """The expression is not valid (raised while checks are loaded, before any data is read)."""


def tokenize(text: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    text = text.rstrip()
    while position < len(text):
        match = TOKEN.match(text, position)
        if not match or match.end() == position:
            raise ExpressionError(
                f"unexpected character at position {position + 1}: {shorten(text)!r}"
            )
        kind = match.lastgroup
        value = match.group(kind)
        if kind == "ref" and value in KEYWORDS:
            kind = "keyword"
        tokens.append((kind, value))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str):
        self.text = shorten(text)  # as messages quote it
        self.tokens = tokenize(text)
        self.position = 0
        self.nesting = 0

    @contextmanager
    def nested(self) -> Iterator[None]:
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise ExpressionError(f"nested more than {MAX_NESTING} levels deep in {self.text!r}")
        yield
        self.nesting -= 1

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None or (value is not None and token[1] != value):
            expected = f"{value!r}" if value else "more"
            raise ExpressionError(f"expected {expected} in {self.text!r}")
        self.position += 1
        return token

    def at(self, *values: str) -> bool:
        token = self.peek()
        return token is not None and token[1] in values and token[0] in ("op", "keyword")

    def parse(self):
        tree = self.or_()
        if self.peek() is not None:
            raise ExpressionError(f"unexpected {self.peek()[1]!r} in {self.text!r}")
        return tree

    def or_(self):
        tree = self.and_()
        while self.at("or"):
            self.take()
            tree = ("or", tree, self.and_())
        return tree

    def and_(self):
        tree = self.not_()
        while self.at("and"):
            self.take()
            tree = ("and", tree, self.not_())
        return tree

    def not_(self):
        if self.at("not"):
            self.take()
            with self.nested():
                return ("not", self.not_())
        return self.comparison()

    def comparison(self):
        tree = self.sum_()
        if self.at(*COMPARISONS):
            op = self.take()[1]
            tree = (op, tree, self.sum_())
        return tree

    def sum_(self):
        tree = self.term()
        while self.at("+", "-"):
            op = self.take()[1]
            tree = (op, tree, self.term())
        return tree

    def term(self):
        tree = self.unary()
        while self.at("*", "/"):
            op = self.take()[1]
            tree = (op, tree, self.unary())
        return tree

    def unary(self):
        if self.at("-"):
            self.take()
            with self.nested():
                return ("neg", self.unary())
        return self.primary()

    def primary(self):
        token = self.peek()
        if token is None:
            raise ExpressionError(f"unexpected end of {self.text!r}")
        kind, value = token
        if kind == "number":
            self.take()
            if len(value.replace(".", "")) > MAX_DIGITS:
                raise ExpressionError(
                    f"the number {shorten(value, 20)} has more than {MAX_DIGITS} digits"
                )
            return ("num", Decimal(value))
        if kind == "ref":
            self.take()
            if self.at("("):
                if value not in FUNCTIONS:
                    raise ExpressionError(f"unknown function {value!r}; known: {sorted(FUNCTIONS)}")
                self.take("(")
                with self.nested():
                    args = [self.or_()]
                    while self.at(","):
                        self.take()
                        args.append(self.or_())
                self.take(")")
                return ("call", value, tuple(args))
            return ("ref", value)
        if value == "{":
            self.take()
            ref = self.take()
            if ref[0] != "ref":
                raise ExpressionError(f"expected a key inside braces in {self.text!r}")
            self.take("}")
            return ("ref", ref[1])
        if value == "(":
            self.take()
            with self.nested():
                tree = self.or_()
            self.take(")")
            return tree
        raise ExpressionError(f"unexpected {value!r} in {self.text!r}")


def parse(text: str):
    if not isinstance(text, str) or not text.strip():
        raise ExpressionError("an expression must be a non-empty string")
    tree = _Parser(text).parse()
    if depth(tree) > MAX_DEPTH:
        raise ExpressionError(
            f"{shorten(text)!r} is too long: more than {MAX_DEPTH} operations deep; "
            "split it into several rules"
        )
    return tree


def depth(tree) -> int:
    """How deep a parsed expression nests (iteratively: the tree may be too deep to recurse)."""
    deepest, stack = 0, [(tree, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        children = node[2] if node[0] == "call" else node[1:]
        stack.extend((child, level + 1) for child in children if isinstance(child, tuple))
    return deepest


def references(tree) -> list[str]:
    """Every figure reference in a parsed expression, in order of appearance."""
    if tree[0] == "ref":
        return [tree[1]]
    if tree[0] == "num":
        return []
    if tree[0] == "call":
        return [ref for arg in tree[2] for ref in references(arg)]
    return [ref for child in tree[1:] for ref in references(child)]


def _compare(op: str, a: Interval, b: Interval, tolerance: Decimal = Decimal(0)) -> bool:
    if op == "==":
        return a.distance(b) <= tolerance
    if op == "!=":
        return max(a.hi - b.lo, b.hi - a.lo) > tolerance
    if op == "<":
        return a.lo < b.hi + tolerance
    if op == "<=":
        return a.lo <= b.hi + tolerance
    if op == ">":
        return a.hi + tolerance > b.lo
    return a.hi + tolerance >= b.lo


def _round(value: Interval, places: Interval | None) -> Interval:
    """Both ends rounded half up to ``places`` decimals (a whole number, default 0)."""
    digits = Decimal(0) if places is None else places.lo
    if places is not None and (not places.is_exact or digits != digits.to_integral_value()):
        raise ExpressionError("round(x, n): n must be a whole number of decimals")
    step = Decimal(1).scaleb(-int(digits))
    return Interval(
        value.lo.quantize(step, rounding=ROUND_HALF_UP),
        value.hi.quantize(step, rounding=ROUND_HALF_UP),
    )


def _abs(value: Interval) -> Interval:
    if value.lo >= 0:
        return value
    if value.hi <= 0:
        return -value
    return Interval(Decimal(0), max(-value.lo, value.hi))


def evaluate(
    tree, lookup: Callable[[str], Interval], tolerance: Decimal = Decimal(0)
) -> Interval | bool:
    """Evaluate a parsed expression; ``lookup`` gives the interval of a figure reference,
    ``tolerance`` widens the comparisons (see the module's description)."""
    op = tree[0]
    if op == "num":
        return Interval.exact(tree[1])
    if op == "ref":
        return lookup(tree[1])
    if op == "neg":
        return -_number(evaluate(tree[1], lookup, tolerance))
    if op == "not":
        return not _truth(evaluate(tree[1], lookup, tolerance))
    if op in ("and", "or"):
        left = _truth(evaluate(tree[1], lookup, tolerance))
        if op == "and" and not left:
            return False
        if op == "or" and left:
            return True
        return _truth(evaluate(tree[2], lookup, tolerance))
    if op == "call":
        args = [_number(evaluate(arg, lookup, tolerance)) for arg in tree[2]]
        name = tree[1]
        if name == "abs":
            if len(args) != 1:
                raise ExpressionError("abs takes one argument")
            return _abs(args[0])
        if name == "round":
            if len(args) not in (1, 2):
                raise ExpressionError("round takes one or two arguments: round(x) or round(x, n)")
            return _round(args[0], args[1] if len(args) == 2 else None)
        if name == "sum":
            total = Interval.exact(0)
            for arg in args:
                total = total + arg
            return total
        pick = min if name == "min" else max
        return Interval(pick(a.lo for a in args), pick(a.hi for a in args))
    left = _number(evaluate(tree[1], lookup, tolerance))
    right = _number(evaluate(tree[2], lookup, tolerance))
    if op in COMPARISONS:
        return _compare(op, left, right, tolerance)
    return {"+": left.__add__, "-": left.__sub__, "*": left.__mul__, "/": left.__truediv__}[op](
        right
    )


def _number(value: Interval | bool) -> Interval:
    if isinstance(value, bool):
        raise ExpressionError("a comparison was used where a number is needed")
    return value


def _truth(value: Interval | bool) -> bool:
    if not isinstance(value, bool):
        raise ExpressionError("a number was used where a comparison is needed")
    return value
