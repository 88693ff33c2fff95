"""Norwegian numbers, percentages, amounts and dates as printed in the report: text -> value.

Every parser either returns a value that the text denotes unambiguously or raises
:class:`ParseError` with a reason; it never guesses. Numbers are exact (``Decimal``), never
binary floats, so kroner add up to the øre. The digits themselves are parsed by Babel's
``nb_NO`` locale in strict mode, which also rejects digit groups that are not three long and
suggests what may have been meant.
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext

from .messages import LANGUAGES, LocalText, Template


@functools.cache
def babel_locale(lang: str = "nb"):
    """Babel's locale for ``lang``, parsed once (Babel would parse the name on every call) and
    only when a number is read or written: Babel's import and locale data cost the light
    commands (kssqa list, explain) a tenth of their start-up. English reports print 1,234.5."""
    from babel import Locale

    return Locale.parse("en_GB" if lang == "en" else "nb_NO")


# Thousands separators seen in Norwegian text: space, no-break space, narrow no-break space,
# thin space (typesetting puts a thin space between digit groups; the SI brochure and Språkrådet
# allow it). Babel's nb_NO uses the no-break space, so all are mapped to it before parsing.
_GROUP_SPACES = " \u00a0\u202f\u2009"
_MINUS_SIGNS = "-\u2212\u2013"  # hyphen-minus, minus sign, en dash
ASCII_DIGITS = "0123456789"
# The most digits a printed figure may have. More is no figure of an annual report (the state
# budget has 13), and beyond 15 digits a spreadsheet (the reconciliation CSV) silently drops
# digits and sums of figures can leave the 28 digits that Decimal keeps exactly.
MAX_DIGITS = 15

NUMBER_WORDS = {
    "null": 0,
    "en": 1,
    "et": 1,
    "ett": 1,
    "én": 1,
    "ei": 1,
    "to": 2,
    "tre": 3,
    "fire": 4,
    "fem": 5,
    "seks": 6,
    "syv": 7,
    "sju": 7,
    "åtte": 8,
    "ni": 9,
    "ti": 10,
    "elleve": 11,
    "tolv": 12,
    "tretten": 13,
    "fjorten": 14,
    "femten": 15,
    "seksten": 16,
    "sytten": 17,
    "atten": 18,
    "nitten": 19,
    "tjue": 20,
}

# Words that state a value without digits. "halvparten" is a share (50 %); "likt" and
# "uendret" state a change of zero ("antall chatter har vært likt i 2024 og 2025"); a
# frequency states a count a year ("månedlige nyhetsbrev": 12 a year).
VALUE_WORDS = {
    "halvparten": (Decimal(50), "%"),
    "likt": (Decimal(0), None),
    "uendret": (Decimal(0), None),
    "ukentlig": (Decimal(52), None),
    "ukentlige": (Decimal(52), None),
    "månedlig": (Decimal(12), None),
    "månedlige": (Decimal(12), None),
    "kvartalsvis": (Decimal(4), None),
    "kvartalsvise": (Decimal(4), None),
    "halvårlig": (Decimal(2), None),
    "halvårlige": (Decimal(2), None),
    "årlig": (Decimal(1), None),
    "årlige": (Decimal(1), None),
}

# Qualifiers printed in front of a figure; the value is kept, the qualifier tells later checks
# that the figure is approximate and in which direction.
QUALIFIERS = {
    "drøyt": "above",
    "i overkant av": "above",
    "over": "above",
    "mer enn": "above",
    "minst": "at_least",
    "nesten": "below",
    "i underkant av": "below",
    "under": "below",
    "nærmere": "below",
    "opptil": "at_most",
    "om lag": "about",
    "ca.": "about",
    "ca": "about",
    "cirka": "about",
    "rundt": "about",
    "tilnærmet": "about",
}

MULTIPLIERS = {
    "millioner": 6,
    "million": 6,
    "mill.": 6,
    "mill": 6,
    "milliarder": 9,
    "milliard": 9,
    "mrd.": 9,
}

MONTHS = {
    "januar": 1,
    "jan": 1,
    "februar": 2,
    "feb": 2,
    "mars": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "desember": 12,
    "des": 12,
}

MESSAGES = {
    "empty": Template("tom verdi", "empty value"),
    "foreign_digits": Template(
        "«{text}» er skrevet med andre sifre enn 0–9 ({digits}); rapporten trykker tall med 0–9",
        "«{text}» is written with digits other than 0–9 ({digits}); the report prints 0–9",
    ),
    "too_many_digits": Template(
        "«{text}» har {count} sifre; et tall i rapporten har høyst {limit} (et siffer for mye?)",
        "«{text}» has {count} digits; a figure of the report has at most {limit} (a digit too "
        "many?)",
    ),
    "not_a_number": Template(
        "«{text}» er ikke et tall slik rapporten skriver tall "
        "(f.eks. «1 814», «4,54», «drøyt 1800»)",
        "«{text}» is not a number as the report prints numbers "
        "(e.g. «1 814», «4,54», «drøyt 1800»)",
    ),
    "digit_groups": Template(
        "«{text}»: sifrene er gruppert feil (tusengrupper skal ha tre sifre){hint_nb}",
        "«{text}»: digits are grouped wrongly (thousands groups have three digits){hint_en}",
    ),
    "dot_in_number": Template(
        "«{text}»: punktum er verken desimaltegn (komma) eller tusenskille (mellomrom) på norsk; "
        "verdien er tvetydig",
        "«{text}»: a dot is neither the Norwegian decimal sign (comma) nor the thousands separator "
        "(space); the value is ambiguous",
    ),
    "not_integer": Template("«{text}» er ikke et helt tall", "«{text}» is not a whole number"),
    "unexpected_part": Template(
        "«{text}»: {part} er ikke tillatt i en kolonne av typen {type}",
        "«{text}»: {part} is not allowed in a column of type {type}",
    ),
    "percent_required": Template("«{text}» mangler prosenttegn", "«{text}» has no percent sign"),
    "not_a_date": Template(
        "«{text}» er ikke en dato på formen d.m.åååå, «1. februar 2025» eller et intervall "
        "som «10.-14.3.2025»",
        "«{text}» is not a date of the form d.m.yyyy, «1. februar 2025» or a range such as "
        "«10.-14.3.2025»",
    ),
    "date_month_missing": Template(
        "«{text}»: datoen mangler måned", "«{text}»: the date has no month"
    ),
    "no_such_date": Template(
        "«{text}»: datoen finnes ikke ({reason})", "«{text}»: no such date ({reason})"
    ),
    "range_not_allowed": Template(
        "«{text}» er et datointervall; kolonnen tar bare enkeltdatoer",
        "«{text}» is a date range; the column takes single dates only",
    ),
    "date_year_missing": Template(
        "«{text}»: måneden står uten år, og kolonnen har ikke noe standardår (default_year)",
        "«{text}»: the month has no year, and the column has no default year (default_year)",
    ),
    "unknown_month": Template(
        "«{text}»: ukjent måned «{month}»", "«{text}»: unknown month «{month}»"
    ),
}


class ParseError(ValueError):
    """A printed value that does not denote one value unambiguously."""

    def __init__(self, code: str, text: str, suggestions: tuple[str, ...] = (), **params: str):
        self.code = code
        self.text = text
        self.suggestions = suggestions
        self.params = {"text": text, **params}
        self.message = MESSAGES[code].render(**self.params)
        super().__init__(self.message["en"])


@dataclass(frozen=True)
class Quantity:
    """A printed figure: exact value plus what was printed around it."""

    value: Decimal
    text: str
    qualifier: str | None = None  # as printed, lower case: "drøyt", "om lag", ...
    sign: str | None = None  # "+" or "-" when printed
    unit: str | None = None  # "%", "pp" (prosentpoeng), "kr"
    decimals: int = 0  # printed decimal places; negative for "20 millioner" (-6)
    from_word: bool = False  # printed as a word ("ni")

    @property
    def direction(self) -> str | None:
        return QUALIFIERS.get(self.qualifier) if self.qualifier else None

    @property
    def half_unit(self) -> Decimal:
        """Half a unit of the last printed digit: the rounding a printed value can hide."""
        return Decimal(5).scaleb(-self.decimals - 1)


@dataclass(frozen=True)
class DateSpan:
    """A printed date or date range; a single date has start == end."""

    start: date
    end: date
    text: str

    @property
    def is_range(self) -> bool:
        return self.start != self.end


_QUALIFIER_RE = "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
_MULTIPLIER_RE = "|".join(re.escape(m) for m in sorted(MULTIPLIERS, key=len, reverse=True))
_WORD_RE = "|".join(sorted([*NUMBER_WORDS, *VALUE_WORDS], key=len, reverse=True))
_SPACE = "[ \u00a0\u202f\u2009]"

_QUANTITY = rf"""^
    (?:(?P<qualifier>{_QUALIFIER_RE}){_SPACE}+)?
    (?:(?P<currency_before>kr\.?|nok){_SPACE}*)?
    (?P<sign>[+\-\u2212\u2013])?{_SPACE}*
    (?P<number>[0-9][0-9.,{_GROUP_SPACES}]*[0-9]|[0-9]|(?:{_WORD_RE})(?![a-zæøå]))
    (?:{_SPACE}*(?P<multiplier>{_MULTIPLIER_RE}))?
    (?:{_SPACE}*(?P<suffix>%|prosentpoeng|prosent|kroner|kr\.?|nok|,-))?
    $"""


@functools.cache
def _quantity_pattern() -> re.Pattern:
    """The printed-figure pattern, compiled at its first use (its word and qualifier lists make
    it the slowest to compile of kssqa's patterns; kssqa list and explain never parse)."""
    return re.compile(_QUANTITY, re.IGNORECASE | re.VERBOSE)


_SUFFIX_UNITS = {
    "%": "%",
    "prosent": "%",
    "prosentpoeng": "pp",
    "kroner": "kr",
    "kr": "kr",
    "kr.": "kr",
    "nok": "kr",
    ",-": "kr",
}


def _refuse_foreign_digits(text: str) -> None:
    """Digits of other scripts (١٢٣, １２３, ६६४७) are digits to Python, not to the report."""
    foreign = [c for c in dict.fromkeys(text) if c.isdigit() and c not in ASCII_DIGITS]
    if foreign:
        names = ", ".join(f"{c} U+{ord(c):04X} {unicodedata.name(c, '')}" for c in foreign[:3])
        raise ParseError("foreign_digits", text, digits=names)


def _parse_digits(number: str, text: str) -> tuple[Decimal, int]:
    """Parse the digit part with Babel (strict grouping); return the value and its decimals."""
    if "." in number:
        raise ParseError("dot_in_number", text)
    count = sum(c in ASCII_DIGITS for c in number)
    if count > MAX_DIGITS:
        raise ParseError("too_many_digits", text, count=str(count), limit=str(MAX_DIGITS))
    normalised = re.sub(f"[{_GROUP_SPACES}]", "\u00a0", number)
    from babel.numbers import NumberFormatError, parse_decimal

    try:
        value = parse_decimal(normalised, locale=babel_locale(), strict=True)
    except NumberFormatError as error:
        suggestions = tuple(s.replace("\u00a0", " ") for s in (error.suggestions or ()))
        if suggestions or re.search(f"[{_GROUP_SPACES}]", number):
            hint_nb = f"; mente du {' eller '.join(suggestions)}?" if suggestions else ""
            hint_en = f"; did you mean {' or '.join(suggestions)}?" if suggestions else ""
            raise ParseError(
                "digit_groups", text, suggestions, hint_nb=hint_nb, hint_en=hint_en
            ) from None
        raise ParseError("not_a_number", text) from None
    if not value.is_finite():  # pragma: no cover - the grammar admits digits only
        raise ParseError("not_a_number", text)
    decimals = len(number.split(",", 1)[1]) if "," in number else 0
    return value, decimals


def parse_quantity(text: str) -> Quantity:
    """Parse any printed figure: ``1 814``, ``drøyt 1800``, ``+19%``, ``Kr 500 000``, ``ni``."""
    stripped = text.strip()
    if not stripped:
        raise ParseError("empty", text)
    _refuse_foreign_digits(stripped)
    match = _quantity_pattern().match(stripped)
    if not match:
        raise ParseError("not_a_number", text)
    number = match["number"]
    word_unit = None
    if number.lower() in VALUE_WORDS:
        (value, word_unit), decimals, from_word = VALUE_WORDS[number.lower()], 0, True
    elif number.lower() in NUMBER_WORDS:
        value, decimals, from_word = Decimal(NUMBER_WORDS[number.lower()]), 0, True
    else:
        (value, decimals), from_word = _parse_digits(number, text), False
    if match["multiplier"]:
        exponent = MULTIPLIERS[match["multiplier"].lower()]
        value = value.scaleb(exponent)
        decimals -= exponent
    sign = match["sign"]
    if sign and sign in _MINUS_SIGNS + "\u2212":
        value, sign = -value, "-"
    unit = word_unit
    if match["currency_before"]:
        unit = "kr"
    if match["suffix"]:
        suffix_unit = _SUFFIX_UNITS[match["suffix"].lower()]
        if unit and suffix_unit != unit:
            raise ParseError("not_a_number", text)
        unit = suffix_unit
    qualifier = match["qualifier"].lower() if match["qualifier"] else None
    return Quantity(value, text, qualifier, sign, unit, decimals, from_word)


def _reject(quantity: Quantity, type_name: str, *, qualifier=True, sign=True, units=()) -> None:
    text = quantity.text
    if quantity.qualifier and not qualifier:
        raise ParseError("unexpected_part", text, part=f"«{quantity.qualifier}»", type=type_name)
    if quantity.sign and not sign:
        raise ParseError("unexpected_part", text, part=f"«{quantity.sign}»", type=type_name)
    if quantity.unit and quantity.unit not in units:
        raise ParseError("unexpected_part", text, part=f"«{quantity.unit}»", type=type_name)


def parse_integer(text: str) -> int:
    """A plain whole number: ``1 814``, ``8 230 000``, ``ni``."""
    quantity = parse_quantity(text)
    _reject(quantity, "integer", qualifier=False, sign=False)
    if quantity.value != quantity.value.to_integral_value():
        raise ParseError("not_integer", text)
    return int(quantity.value)


def parse_decimal_text(text: str) -> Decimal:
    """A plain decimal number with decimal comma: ``4,54``."""
    quantity = parse_quantity(text)
    _reject(quantity, "decimal", qualifier=False, units=())
    return quantity.value


def parse_percent(text: str) -> Quantity:
    """A printed percentage: ``44%``, ``20 %``, ``+238%``, ``om lag 47 %``."""
    quantity = parse_quantity(text)
    if quantity.unit != "%":
        raise ParseError("percent_required", text)
    return quantity


def parse_amount(text: str) -> Quantity:
    """A kroner amount: ``Kr 500 000``, ``8 417 892 kroner``, ``2 882 630``."""
    quantity = parse_quantity(text)
    _reject(quantity, "amount", units=("kr",))
    return quantity


# --- dates -------------------------------------------------------------------------------

_DASHES = re.compile(r"\s*[-\u2013\u2014]\s*")
_D = r"(?P<{0}>\d{{1,2}})"
_DATE_PATTERNS = [
    # 14.1.2025
    re.compile(rf"^{_D.format('d1')}\.\s*(?P<m1>\d{{1,2}})\.\s*(?P<y>\d{{4}})$"),
    # 1. februar 2025
    re.compile(rf"^{_D.format('d1')}\.\s*(?P<n1>[a-zæøå]+)\.?\s+(?P<y>\d{{4}})$", re.I),
    # 10.-14.3.2025
    re.compile(
        rf"^{_D.format('d1')}\.?-{_D.format('d2')}\.\s*(?P<m2>\d{{1,2}})\.\s*(?P<y>\d{{4}})$"
    ),
    # 30.11.-2.12.2025
    re.compile(
        rf"^{_D.format('d1')}\.\s*(?P<m1>\d{{1,2}})\.?-{_D.format('d2')}\.\s*(?P<m2>\d{{1,2}})"
        rf"\.\s*(?P<y>\d{{4}})$"
    ),
    # 23.-25. mai 2025
    re.compile(
        rf"^{_D.format('d1')}\.?-{_D.format('d2')}\.\s*(?P<n2>[a-zæøå]+)\.?\s+(?P<y>\d{{4}})$", re.I
    ),
    # 2025-03-14 (machine-made sources)
    re.compile(r"^(?P<y>\d{4})-(?P<m1>\d{2})-(?P<d1>\d{2})$"),
]
# juni 2025, or juni alone where the column gives the year (a whole month: a range of days)
_MONTH_ONLY = re.compile(r"^(?P<n1>[a-zæøå]+)\.?(?:\s+(?P<y>\d{4}))?$", re.I)
_MONTH_MISSING = re.compile(r"^\d{1,2}\.?(?:-\d{1,2}\.?)?\s*\d{4}$")


def _month(groups: dict[str, str | None], number_key: str, name_key: str, text: str) -> int | None:
    if groups.get(number_key):
        return int(groups[number_key])
    name = groups.get(name_key)
    if name:
        if name.lower() not in MONTHS:
            raise ParseError("unknown_month", text, month=name)
        return MONTHS[name.lower()]
    return None


def _make_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as error:
        raise ParseError("no_such_date", text, reason=str(error)) from None


def _month_span(match: re.Match, text: str, default_year: int | None) -> DateSpan:
    """A month printed without a day (``juni 2025``, ``juni``): all its days."""
    month = MONTHS[match["n1"].lower()]
    if match["y"] is None and default_year is None:
        raise ParseError("date_year_missing", text)
    year = int(match["y"]) if match["y"] else default_year
    last = calendar.monthrange(year, month)[1]
    return DateSpan(_make_date(year, month, 1, text), _make_date(year, month, last, text), text)


def parse_date(text: str, allow_range: bool = True, default_year: int | None = None) -> DateSpan:
    """Parse ``14.1.2025``, ``1.februar 2025``, ``10.-14.3.2025``, ``23.- 24.9.2025``.

    A month without a day (``juni 2025``; ``juni`` when ``default_year`` gives the year) is
    the range of its days, so only where ranges are allowed.
    """
    stripped = _DASHES.sub("-", text.strip())
    if not stripped:
        raise ParseError("empty", text)
    _refuse_foreign_digits(stripped)
    month_only = _MONTH_ONLY.match(stripped)
    if month_only and month_only["n1"].lower() in MONTHS:
        if not allow_range:
            raise ParseError("range_not_allowed", text)
        return _month_span(month_only, text, default_year)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(stripped)
        if not match:
            continue
        groups = match.groupdict()
        year = int(groups["y"])
        end_month = _month(groups, "m2", "n2", text) or _month(groups, "m1", "n1", text)
        start_month = _month(groups, "m1", "n1", text) or end_month
        start = _make_date(year, start_month, int(groups["d1"]), text)
        end = _make_date(year, end_month, int(groups.get("d2") or groups["d1"]), text)
        if start != end and not allow_range:
            raise ParseError("range_not_allowed", text)
        return DateSpan(start, end, text)
    if _MONTH_MISSING.match(stripped):
        raise ParseError("date_month_missing", text)
    raise ParseError("not_a_date", text)


def quantize(value: Decimal, decimals: int, rounding: str | None = None) -> Decimal:
    """``value`` rounded to ``decimals`` places, however many digits that takes.

    ``Decimal.quantize`` fails when the result has more digits than the context's precision
    (28): a product or ratio of large figures can need more.
    """
    with localcontext() as context:
        context.prec = max(context.prec, value.adjusted() + decimals + 2)
        return value.quantize(Decimal(1).scaleb(-decimals), rounding=rounding)


# Beyond this many digits before the decimal comma a number is shown as a power of ten: only a
# computation (a product, a ratio) makes one, and a message stays readable.
MAX_SHOWN_DIGITS = 30


def format_number(value: Decimal | int, decimals: int | None = None, lang: str = "nb") -> str:
    """Format a number the Norwegian way (no-break space groups, decimal comma), or in the
    English way (``lang="en"``: comma groups, decimal point)."""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        # remembered by its text: 1.0 and 1.00 are equal Decimals but print differently
        return _format_text(str(value), decimals, lang)
    return _format(Decimal(value), decimals, lang)


@functools.lru_cache(maxsize=4096)  # Babel takes ~0.1 ms a number; reports repeat theirs
def _format_text(text: str, decimals: int | None, lang: str) -> str:
    return _format(Decimal(text), decimals, lang)


def _format(value: Decimal, decimals: int | None, lang: str) -> str:
    from babel.numbers import format_decimal

    if not value.is_finite():  # pragma: no cover - parsers and checks only make finite values
        return str(value)
    if value.adjusted() >= MAX_SHOWN_DIGITS:
        mantissa = format_number(quantize(value.scaleb(-value.adjusted()), 2), 2, lang)
        return f"{mantissa} × 10^{value.adjusted()}"
    if decimals is None:
        exponent = value.as_tuple().exponent
        decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    with localcontext() as context:  # Babel quantizes: as wide a context as quantize() uses
        context.prec = max(context.prec, value.adjusted() + max(decimals, 0) + 2)
        locale = babel_locale(lang)
        return format_decimal(value, format=pattern, locale=locale, decimal_quantization=True)


def number_text(value: Decimal | int) -> LocalText:
    """A number for a message, without needless decimals, in every language (1 234,5 /
    1,234.5)."""
    value = Decimal(value)
    if value == value.to_integral_value():
        value, decimals = value.to_integral_value(), 0
    else:
        decimals = None
    return LocalText({lang: format_number(value, decimals, lang) for lang in LANGUAGES})


# The printed number inside a printed figure: digits with group spaces and a decimal comma.
_PRINTED_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
_WORD_OF = {value: word for word, value in reversed(list(NUMBER_WORDS.items()))}
_WORD_OF.update({1: "én", 7: "sju"})


def printed_like(
    printed: str, value: Decimal | int, decimals: int = 0, unit: str | None = None
) -> str:
    """``value`` written the way ``printed`` writes its figure, so a suggestion is text the
    editor can print in its place: a word for a word («fire» → «fem»), the same unit, sign and
    qualifier around the number («48%» → «45%», «kr 3 282 630» → «kr 3 400 000»), digit
    groups only where the printed figure groups them."""
    value = Decimal(value)
    word = printed.strip().casefold()
    if word in NUMBER_WORDS and value == value.to_integral_value() and int(value) in _WORD_OF:
        return _WORD_OF[int(value)]
    match = _PRINTED_NUMBER.search(printed)
    number = format_number(abs(value), max(decimals, 0))
    if match is None:  # a figure printed in words only («nesten halvparten»): the plain form
        return f"{number} {unit}" if unit else number
    found = match.group()
    if not re.search(r"[ \u00a0\u202f]", found):
        number = number.replace("\u00a0", "")  # printed without group spaces: so the suggestion
    elif " " in found:
        number = number.replace("\u00a0", " ")
    start, end = match.span()
    prefix = printed[:start]
    if value < 0 and not prefix.rstrip().endswith(("-", "−")):
        number = "-" + number
    return prefix + number + printed[end:]
