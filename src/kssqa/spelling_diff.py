"""How a variant spelling differs from the reference spelling, in words (bokmål and English).

The findings of the ``names`` kind say what differs — only case, a hyphen, one letter missing,
two letters swapped, a genitive of a misspelling, a short form — and how close the normalised
forms are, against the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .messages import LocalText, Template, local
from .numbers import number_text
from .spelling import (
    Options,
    name_key,
    osa_distance,
    similar,
    strip_accents,
    token_relation,
)

# --- describing a variant ----------------------------------------------------------------------


def _letter_slip(printed: str, intended: str) -> str | None:
    """One-letter slips between two keys: swapped, dropped, extra or one_letter."""
    if len(printed) == len(intended):
        diff = [i for i, (a, b) in enumerate(zip(printed, intended, strict=True)) if a != b]
        if len(diff) == 1:
            return "one_letter"
        if (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and printed[diff[0]] == intended[diff[1]]
            and printed[diff[1]] == intended[diff[0]]
        ):
            return "swapped"
        return None
    if len(printed) + 1 == len(intended) and osa_distance(printed, intended) == 1:
        return "dropped"
    if len(printed) == len(intended) + 1 and osa_distance(printed, intended) == 1:
        return "extra"
    return None


HOW = {
    "case": Template("bare store og små bokstaver er ulike", "only upper and lower case differ"),
    "separators": Template(
        "bare bindestrek, mellomrom eller tegnsetting er ulikt",
        "only hyphens, spaces or punctuation differ",
    ),
    "diacritics": Template(
        "bare aksenter og særnorske bokstaver er ulike (å/a, ø/o, é/e …)",
        "only accents and Nordic letters differ (å/a, ø/o, é/e …)",
    ),
    "prefix": Template(
        "en kortform: ordene er de første ordene i «{reference}»",
        "a short form: its words are the first words of «{reference}»",
    ),
    "middle": Template(
        "samme første og siste ord som «{reference}», men uten ordene imellom",
        "the same first and last word as «{reference}», without the words in between",
    ),
    "genitive": Template(
        "står i genitiv (sammenlignet uten genitiv-s)",
        "is in the genitive (compared without the genitive s)",
    ),
    "one_letter": Template("én bokstav er ulik", "one letter differs"),
    "swapped": Template("to bokstaver har byttet plass", "two letters are swapped"),
    "dropped": Template("én bokstav mangler", "one letter is missing"),
    "extra": Template("én bokstav for mye", "one letter too many"),
    "fuzzy": Template(
        "normalisert «{variant_key}» mot «{reference_key}»: {edits_nb}, likhet {similarity} % "
        "(grense: likhet ≥ {min_similarity} % eller høyst {max_edits_nb})",
        "normalised «{variant_key}» vs «{reference_key}»: {edits_en}, similarity {similarity} % "
        "(threshold: similarity ≥ {min_similarity} % or at most {max_edits_en})",
    ),
}


def edits_text(n: int, name: str) -> dict[str, str]:
    """``{name}_nb``/``{name}_en``: "1 redigering" / "2 edits"."""
    return {
        f"{name}_nb": f"{n} redigering{'' if n == 1 else 'er'}",
        f"{name}_en": f"{n} edit{'' if n == 1 else 's'}",
    }


@dataclass(frozen=True)
class Difference:
    parts: list[dict[str, str]]  # rendered {nb, en} descriptions
    code: LocalText  # a short summary for the finding's difference field
    genitive: bool = False  # the variant is the genitive of a misspelling of the reference


def describe_variant(variant: str, reference: str, options: Options) -> Difference:
    """How a variant spelling differs from the reference spelling."""
    vk, mk = name_key(variant), name_key(reference)
    if vk == mk:
        letters_v = "".join(ch for ch in variant if ch.isalnum())
        letters_m = "".join(ch for ch in reference if ch.isalnum())
        parts = []
        if strip_accents(letters_v) != strip_accents(letters_m):
            parts.append("case")  # equal once folded: what is left is case
        if letters_v.casefold() != letters_m.casefold():
            parts.append("diacritics")
        if [c for c in variant if not c.isalnum()] != [c for c in reference if not c.isalnum()]:
            parts.append("separators")
        return Difference([HOW[p].render() for p in parts], "/".join(parts))
    relation = token_relation(variant, reference)
    if relation:
        return Difference([HOW[relation].render(reference=reference)], relation)
    genitive = (
        vk.endswith("s")
        and not mk.endswith("s")
        and osa_distance(vk[:-1], mk) < osa_distance(vk, mk)
    )
    if genitive:
        vk = vk[:-1]
    _ok, edits, similarity = similar(vk, mk, options)
    parts = [HOW["genitive"].render()] if genitive else []
    slip = _letter_slip(vk, mk)
    if slip:
        parts.append(HOW[slip].render())
    shown = similarity.quantize(Decimal("0.1"))
    parts.append(
        HOW["fuzzy"].render(
            variant_key=vk,
            reference_key=mk,
            similarity=number_text(shown),
            min_similarity=number_text(options.min_similarity),
            **edits_text(edits, "edits"),
            **edits_text(options.max_edits, "max_edits"),
        )
    )
    code = LocalText(
        local(
            "{g_nb}{n_nb}, likhet {similarity} %",
            "{g_en}{n_en}, similarity {similarity} %",
            g_nb="genitiv, " if genitive else "",
            g_en="genitive, " if genitive else "",
            similarity=number_text(shown),
            **edits_text(edits, "n"),
        )
    )
    return Difference(parts, code, genitive)
