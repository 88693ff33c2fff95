"""names — one thing, one spelling: variant spellings of the same name across the report.

The check collects every name printed in the given columns (people, organisations, category
values), groups the spellings that refer to the same thing and reports every spelling but one
with all its locations, suggesting that one: the spelling most of the report uses, unless the
rest of the names clearly spell the differing letters another way.

How spellings are grouped (``group_spellings``, the core that tests and benchmarks call):

1. **Normalised key.** Case folded, diacritics stripped (NFKD; ø→o, æ→ae), hyphens, spaces and
   punctuation removed: ``Inter- kommunalt selskap``, ``Inter-kommunalt selskap`` and
   ``Interkommunalt selskap`` share the key ``interkommunaltselskap``. Spellings with the same
   key are the same name spelled differently.
2. **Norwegian genitive.** ``Krisesentersekretariatets`` (or ``FOKUS'``) is the genitive of
   ``Krisesentersekretariatet``: the same name, correctly inflected. A spelling ending in ``s``
   (or an apostrophe) whose rest is itself a name in the data (same key) is a genitive: it is
   counted under its base spelling and is never reported by itself. A misspelled base is
   reported together with its genitive occurrences.
3. **Fuzzy.** Two keys of at least ``min_length`` characters are the same name when their
   rapidfuzz ratio is at least ``min_similarity`` or their edit distance (Levenshtein, an
   adjacent swap counting as one) is at most ``max_edits``, and their digits are the same
   (``CSW68``/``CSW69`` are different things). A key ending in ``s`` is also compared without
   it, so the genitive of a misspelling (``Ksisesentersekretariatets``) is found and the
   genitive of the majority is suggested. Only keys that share a prefix or a suffix are
   compared (blocking): one edit cannot change both ends of a key, so no pair one edit apart
   is missed (pairs further apart are found when they share an end), while the work stays
   close to linear (100 000 distinct names in about two seconds).
4. **Token rules.** A name of at least two words that is the start of one longer name
   (``Marianne Ulven`` / ``Marianne Ulven Solli``), or that has its first and last word with
   extra words in between (``Sonja Skarsbø Olsen`` / ``Sonja Edith Skarsbø Olsen``), belongs to
   that longer name — only when exactly one group of longer names qualifies.
5. **Allowlist.** Groups of spellings that are different things that only look alike
   (``[["Høgskulen i Volda", "Høgskulen i Molde"]]``): they are never put in one group.

Groups are joined with union-find, the strongest links first. In each group the reference —
the spelling suggested for all others — is the most frequent spelling (tie: the longer name,
then the one with fewer separators, then alphabetical), unless the rest of the names outvote it
(``choose_reference``): a slip copied into one name can outnumber the right spelling there
while every other name spells the same letters right. Where a less frequent spelling differs
from the majority in one word, by at most two letters with three characters of context on each
side inside the word (``letter_contexts``: ``fylkesma|n|nen``, the word's ends count as
characters, so a difference at the end of a surname is never outvoted), the two contexts are
counted in the words of all names outside the group (``WordIndex``). When the less frequent
spelling's letters occur at least ``MIN_EVIDENCE`` times, in ``MIN_EVIDENCE_WORDS`` different
words, and ``EVIDENCE_RATIO`` times as often as the majority's, it becomes the reference and the
findings say why. Every spelling but the reference gives one failure.

The allowlist path is relative to the folder of the check file. A kind sees the check's
``source`` (its display path, relative to the project root) but not the configuration; the
project root is recovered from any loaded table (its absolute path ends with its display path).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from os.path import commonprefix
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Indel

from ..findings import Finding, Location
from ..messages import Template
from ..yamlio import YAMLError, safe_load
from . import register
from .base import Arg, CannotEvaluate, Example, Kind, KindDoc, fmt_exact

MAX_LOCATIONS = 20
DEFAULT_MIN_SIMILARITY = 90
DEFAULT_MAX_EDITS = 1
DEFAULT_MIN_LENGTH = 5
BLOCK = 6  # the longest prefix/suffix used for blocking
COLUMN_KEYS = {"table", "column", "where", "split"}

# --- normalisation -----------------------------------------------------------------------------

# Letters that NFKD does not decompose but that are spelled interchangeably in names.
_TRANSLITERATE = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i"}
    | {"Ø": "O", "Æ": "Ae", "Œ": "Oe", "Đ": "D", "Ð": "D", "Ł": "L", "Þ": "Th"}
)
_APOSTROPHES = ("'", "’", "`", "´")
_DIGITS = re.compile(r"\d+")
_SEPARATORS = re.compile(r"[\W_]+")


def clean(text: str) -> str:
    """The printed name with runs of whitespace made one space."""
    return " ".join(str(text).split())


def strip_accents(text: str) -> str:
    """Diacritics stripped (NFKD; ø→o, æ→ae), case and separators kept."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text).translate(_TRANSLITERATE)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Case folded, diacritics stripped, separators kept."""
    return strip_accents(text.casefold())


def name_key(text: str) -> str:
    """The normalised key: folded, with everything but letters and digits removed."""
    return _SEPARATORS.sub("", fold(text))


def name_tokens(text: str) -> tuple[str, ...]:
    """The folded words of a name (split at spaces, hyphens, dashes and punctuation)."""
    return tuple(t for t in _SEPARATORS.split(fold(text)) if t)


def genitive_base(text: str) -> str | None:
    """The name a genitive form would be the genitive of (``ROSAs`` -> ``ROSA``), or None."""
    if len(text) > 2 and text.endswith(_APOSTROPHES):
        return text[:-1].rstrip()
    if len(text) > 2 and text.endswith("s") and text[-2].isalpha():
        return text[:-1]
    return None


# --- the core: spellings -> groups ------------------------------------------------------------


@dataclass(slots=True)
class Spelling:
    """One spelling of a name: its occurrences, genitive ones included."""

    text: str
    key: str  # name_key(text)
    count: int = 0
    genitives: dict[str, int] = field(default_factory=dict)  # printed genitive form -> count
    printed: dict[str, int] = field(default_factory=dict)  # printed form -> count


@dataclass(frozen=True)
class LetterEvidence:
    """Why the reference is not the most frequent spelling: how the rest of the names spell
    the letters where the two differ (``alteren`` against ``altaren``)."""

    letters: str  # the reference's letters around the difference ("^" and "$": word ends)
    letters_count: int  # occurrences in the names outside the group
    letters_words: int  # distinct words (outside the group) that hold them
    other: str  # the most frequent spelling's letters at the same place
    other_count: int
    outvoted: str  # the most frequent spelling, which the reference was preferred to
    outvoted_count: int


@dataclass
class NameGroup:
    reference: Spelling  # the spelling suggested for all others
    variants: list[Spelling]  # the other spellings, most frequent first
    evidence: LetterEvidence | None = None  # set when the reference is not the most frequent

    @property
    def spellings(self) -> list[Spelling]:
        return [self.reference, *self.variants]


@dataclass
class Grouping:
    groups: list[NameGroup]  # only groups with more than one spelling
    spelling_of: dict[str, str]  # printed text -> the spelling it counts under
    names: int  # occurrences
    spellings: int  # distinct spellings (genitives counted under their base)
    group_count: int  # groups of any size


@dataclass(frozen=True)
class Options:
    min_similarity: Decimal = Decimal(DEFAULT_MIN_SIMILARITY)
    max_edits: int = DEFAULT_MAX_EDITS
    min_length: int = DEFAULT_MIN_LENGTH
    ignore_initial_case: bool = False


def similar(a: str, b: str, options: Options) -> tuple[bool, int, Decimal]:
    """Are two keys the same name by the fuzzy rule? Also returns (edits, similarity %)."""
    edits = OSA.distance(a, b)
    total = len(a) + len(b)
    indel = Indel.distance(a, b)
    similarity = Decimal(100 * (total - indel)) / Decimal(total) if total else Decimal(100)
    ok = (
        min(len(a), len(b)) >= options.min_length
        and _DIGITS.findall(a) == _DIGITS.findall(b)
        and (similarity >= options.min_similarity or edits <= options.max_edits)
    )
    return ok, edits, similarity


class _UnionFind:
    """Union-find over node ids, refusing merges that would join allowlisted entries."""

    def __init__(self, size: int, tags: list[dict[int, int]]):
        self.parent = list(range(size))
        self.tags = tags  # per root: allowlist group -> entry

    def find(self, node: int) -> int:
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ta, tb = self.tags[ra], self.tags[rb]
        if any(tb.get(group, entry) != entry for group, entry in ta.items()):
            return False  # different things that only look alike (allowlist)
        if len(ta) < len(tb):
            ra, rb, ta, tb = rb, ra, tb, ta
        self.parent[rb] = ra
        if tb:
            self.tags[ra] = {**ta, **tb}
        return True


def _block_lengths(length: int) -> set[int]:
    """Prefix/suffix lengths a key of this length is blocked under (see ``_fuzzy_pairs``)."""
    return {min(BLOCK, max(1, n // 2)) for n in (length - 1, length)}


def _fuzzy_pairs(keys: Sequence[str], options: Options) -> list[tuple[int, int, int, Decimal]]:
    """Pairs of keys that the fuzzy rule joins: (i, j, edits, similarity).

    A key ending in ``s`` is also compared without it (``Ksisesentersekretariatets`` is the
    genitive of a misspelled ``Krisesentersekretariatet``). Blocking: a key of length L is put
    in the blocks of its first and its last k characters, k = min(6, L // 2) (and the k of
    L - 1, so that keys one letter apart meet). Two keys one edit apart always share a block:
    the edit is either outside the first k or outside the last k characters of the shorter
    key. Keys that differ more meet when they share a prefix or suffix of k characters.
    """
    probes: list[tuple[int, str]] = []  # (node, the key or the key without its genitive s)
    for index, key in enumerate(keys):
        if len(key) >= options.min_length:
            probes.append((index, key))
            if key.endswith("s") and len(key) > options.min_length:
                probes.append((index, key[:-1]))
    blocks: dict[tuple[str, int, str], list[int]] = defaultdict(list)
    for probe, (_index, key) in enumerate(probes):
        for k in _block_lengths(len(key)):
            blocks[("p", k, key[:k])].append(probe)
            blocks[("s", k, key[-k:])].append(probe)
    best: dict[tuple[int, int], tuple[int, Decimal]] = {}
    seen: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2:
            continue
        block = [probes[p][1] for p in members]
        for a, b in _candidates_in_block(block, float(options.min_similarity), options.max_edits):
            pa, pb = sorted((members[a], members[b]))
            (i, key_a), (j, key_b) = probes[pa], probes[pb]
            if i == j or (pa, pb) in seen:
                continue
            seen.add((pa, pb))
            ok, edits, similarity = similar(key_a, key_b, options)
            pair = (min(i, j), max(i, j))
            if ok and (pair not in best or (edits, -similarity) < (best[pair][0], -best[pair][1])):
                best[pair] = (edits, similarity)
    return [(i, j, edits, similarity) for (i, j), (edits, similarity) in best.items()]


def _candidates_in_block(block: list[str], min_similarity: float, max_edits: int):
    """Index pairs (a < b) within one block that may be similar (verified exactly later).

    One filter covers both rules: keys at most ``max_edits`` edits apart differ by at most
    2 × max_edits insertions/deletions, so their ratio is at least 100 × (1 − max_edits / n),
    n the shortest key of the block.
    """
    shortest = min(len(key) for key in block)
    cutoff = min(min_similarity, 100 * (1 - max_edits / shortest)) - 1e-6
    if cutoff <= 0:  # everything may match: every pair is a candidate
        yield from ((a, b) for a in range(len(block)) for b in range(a + 1, len(block)))
        return
    if len(block) <= 12:  # a few pairs: plain calls are cheaper than building a matrix
        for a in range(len(block)):
            for b in range(a + 1, len(block)):
                if fuzz.ratio(block[a], block[b], score_cutoff=cutoff):
                    yield a, b
        return
    scores = process.cdist(block, block, scorer=fuzz.ratio, score_cutoff=cutoff, workers=1)
    for a, b in zip(*scores.nonzero(), strict=True):
        if a < b:
            yield int(a), int(b)


def _is_subsequence(short: Sequence[str], long: Sequence[str]) -> bool:
    it = iter(long)
    return all(token in it for token in short)


def token_relation(short: str, long: str) -> str | None:
    """``prefix`` or ``middle`` when the shorter name is a short form of the longer one."""
    a, b = name_tokens(short), name_tokens(long)
    if len(a) < 2 or len(b) <= len(a):
        return None
    if b[: len(a)] == a:
        return "prefix"
    if a[0] == b[0] and a[-1] == b[-1] and _is_subsequence(a, b):
        return "middle"
    return None


def _collect(counts: Mapping[str, int], options: Options) -> tuple[dict[str, Spelling], dict]:
    """Printed texts -> spellings (genitives under their base, initial case merged if asked)."""
    printed: Counter = Counter()
    for text, count in counts.items():
        if text is not None and clean(text):
            printed[clean(text)] += int(count)
    key_of = {text: name_key(text) for text in printed}
    keys = Counter(key_of.values())
    base_of: dict[str, str] = {}
    genitive: set[str] = set()
    for text in printed:
        base = genitive_base(text)
        base_key = name_key(base) if base else ""
        # the base must be printed as another text (FOKUS' and FOKUS share a key)
        if base_key and keys[base_key] > (base_key == key_of[text]):
            base_of[text] = base
            key_of.setdefault(base, base_key)
            genitive.add(text)
        else:
            base_of[text] = text
    if options.ignore_initial_case:
        forms: dict[str, Counter] = defaultdict(Counter)
        for text, count in printed.items():
            base = base_of[text]
            forms[base[:1].casefold() + base[1:]][base] += count
        canonical = {}
        for variants in forms.values():
            best = min(variants, key=lambda t: (-variants[t], not t[:1].isupper(), t))
            canonical.update(dict.fromkeys(variants, best))
        base_of = {text: canonical[base] for text, base in base_of.items()}
    spellings: dict[str, Spelling] = {}
    for text, count in printed.items():
        base = base_of[text]
        spelling = spellings.get(base)
        if spelling is None:
            spelling = spellings[base] = Spelling(base, key_of[base])
        spelling.count += count
        spelling.printed[text] = spelling.printed.get(text, 0) + count
        if text in genitive:
            spelling.genitives[text] = spelling.genitives.get(text, 0) + count
    return spellings, base_of


# --- which spelling to suggest ------------------------------------------------------------------

CONTEXT = 3  # letters on each side of a difference that make up its context
MIN_EVIDENCE = 5  # occurrences of the reference's letters in the other names, at least
MIN_EVIDENCE_WORDS = 3  # ... in at least this many distinct words
EVIDENCE_RATIO = 3  # ... and this many times as often as the majority's letters


class WordIndex:
    """Every word of the checked names, to count how the names outside a group spell a few
    letters. Words are folded and marked at both ends (``^statsforvalteren$``)."""

    def __init__(self, weight: Mapping[str, int]):
        """``weight``: marked word -> occurrences in all names."""
        self.words = list(weight)
        self.weights = [weight[w] for w in self.words]
        self.text = " ".join(self.words)  # one string: one C-speed scan per question
        self.starts = []
        position = 0
        for word in self.words:
            self.starts.append(position)
            position += len(word) + 1

    @staticmethod
    def own_words(group: Iterable[Spelling]) -> Counter:
        """The occurrences of each word in the group's own names."""
        own: Counter = Counter()
        for spelling in group:
            for word in name_tokens(spelling.text):
                own[f"^{word}$"] += spelling.count
        return own

    def count(self, letters: str, own: Counter) -> tuple[int, int]:
        """(occurrences, distinct words) of the words holding ``letters`` in the names
        outside a group, given its ``own_words``: a group is no evidence for itself."""
        occurrences = words = 0
        seen = -1
        for match in re.finditer(re.escape(letters), self.text):
            index = bisect_right(self.starts, match.start()) - 1
            if index == seen:  # the letters twice in one word: the word counts once
                continue
            seen = index
            elsewhere = self.weights[index] - own[self.words[index]]
            if elsewhere > 0:
                occurrences += elsewhere
                words += 1
        return occurrences, words


def letter_contexts(a: str, b: str) -> tuple[str, str] | None:
    """The letters around the one place where two names differ, as each spells them.

    Only for names of the same words but one, which differ in at most two letters with
    ``CONTEXT`` characters on both sides inside the word (a word's ends count as characters):
    ``Statsforvaltaren i Vestland`` / ``Statsforvalteren i Vestland`` give ``altaren`` /
    ``alteren``.
    A difference at the very end of a word (``Heitman``/``Heitmann``) has no such context.
    """
    words_a, words_b = name_tokens(a), name_tokens(b)
    if len(words_a) != len(words_b):
        return None
    differing = [(x, y) for x, y in zip(words_a, words_b, strict=True) if x != y]
    if len(differing) != 1:
        return None
    word_a, word_b = (f"^{w}$" for w in differing[0])
    prefix = len(commonprefix([word_a, word_b]))
    suffix = len(commonprefix([word_a[::-1], word_b[::-1]]))
    suffix = min(suffix, len(word_a) - prefix, len(word_b) - prefix)
    middle_a = word_a[prefix : len(word_a) - suffix]
    middle_b = word_b[prefix : len(word_b) - suffix]
    if max(len(middle_a), len(middle_b)) > 2 or prefix < CONTEXT or suffix < CONTEXT:
        return None
    left, right = word_a[prefix - CONTEXT : prefix], word_a[len(word_a) - suffix :][:CONTEXT]
    return left + middle_a + right, left + middle_b + right


def choose_reference(
    ordered: list[Spelling], words: WordIndex
) -> tuple[Spelling, LetterEvidence | None]:
    """The spelling to suggest: the most frequent, unless the other names clearly spell the
    differing letters the way a less frequent spelling does."""
    majority = ordered[0]
    own = words.own_words(ordered)
    best: tuple[float, Spelling, LetterEvidence] | None = None
    for candidate in ordered[1:]:
        contexts = letter_contexts(candidate.text, majority.text)
        if contexts is None:
            continue
        letters, other = contexts
        count, distinct = words.count(letters, own)
        other_count, _ = words.count(other, own)
        if (
            count >= MIN_EVIDENCE
            and distinct >= MIN_EVIDENCE_WORDS
            and count >= EVIDENCE_RATIO * other_count
        ):
            strength = count / (other_count + 1)
            if best is None or strength > best[0]:
                evidence = LetterEvidence(
                    letters, count, distinct, other, other_count, majority.text, majority.count
                )
                best = (strength, candidate, evidence)
    if best is None:
        return majority, None
    return best[1], best[2]


def _majority_order(spelling: Spelling) -> tuple:
    return (-spelling.count, -len(spelling.key), len(spelling.text), spelling.text)


def group_spellings(
    counts: Mapping[str, int] | Iterable[str],
    *,
    min_similarity: float | Decimal = DEFAULT_MIN_SIMILARITY,
    max_edits: int = DEFAULT_MAX_EDITS,
    min_length: int = DEFAULT_MIN_LENGTH,
    allowlist: Sequence[Sequence[str]] = (),
    ignore_initial_case: bool = False,
) -> Grouping:
    """Group printed names (text -> occurrences, or an iterable of printed names)."""
    if not isinstance(counts, Mapping):
        counts = Counter(counts)
    options = Options(
        Decimal(str(min_similarity)),
        int(max_edits),
        int(min_length),
        ignore_initial_case,
    )
    spellings, base_of = _collect(counts, options)

    # nodes: one per normalised key
    node_of_key: dict[str, int] = {}
    node_spellings: list[list[Spelling]] = []
    for spelling in spellings.values():
        node = node_of_key.setdefault(spelling.key, len(node_spellings))
        if node == len(node_spellings):
            node_spellings.append([])
        node_spellings[node].append(spelling)
    keys = list(node_of_key)

    tags: list[dict[int, int]] = [{} for _ in keys]
    for group, entries in enumerate(allowlist):
        for entry, text in enumerate(entries):
            node = node_of_key.get(name_key(text))
            if node is not None:
                tags[node].setdefault(group, entry)
    sets = _UnionFind(len(keys), tags)

    # fuzzy links, the closest first
    for i, j, _edits, _similarity in sorted(
        _fuzzy_pairs(keys, options), key=lambda p: (p[2], -p[3], p[0], p[1])
    ):
        sets.union(i, j)

    # token links: a short form joins the one group of longer names it is the short form of
    by_prefix: dict[tuple[str, ...], set[int]] = defaultdict(set)
    by_ends: dict[tuple[str, str], set[int]] = defaultdict(set)
    node_tokens: list[set[tuple[str, ...]]] = [set() for _ in keys]
    word_weight: Counter = Counter()  # for WordIndex
    for node, members in enumerate(node_spellings):
        for spelling in members:
            tokens = name_tokens(spelling.text)
            node_tokens[node].add(tokens)
            for word in tokens:
                word_weight[f"^{word}$"] += spelling.count
            for n in range(2, len(tokens)):
                by_prefix[tokens[:n]].add(node)
            if len(tokens) >= 3:
                by_ends[(tokens[0], tokens[-1])].add(node)
    for node in range(len(keys)):
        for tokens in node_tokens[node]:
            if len(tokens) < 2 or (
                tokens not in by_prefix and (tokens[0], tokens[-1]) not in by_ends
            ):
                continue
            longer = set(by_prefix.get(tokens, ()))
            for other in by_ends.get((tokens[0], tokens[-1]), ()):
                if any(
                    len(t) > len(tokens) and _is_subsequence(tokens, t) for t in node_tokens[other]
                ):
                    longer.add(other)
            longer.discard(node)
            roots = {sets.find(other) for other in longer}
            if len(roots) == 1:
                sets.union(node, next(iter(longer)))

    components: dict[int, list[Spelling]] = defaultdict(list)
    for node, members in enumerate(node_spellings):
        components[sets.find(node)].extend(members)
    groups = []
    words = WordIndex(word_weight)
    for members in components.values():
        if len(members) < 2:
            continue
        ordered = sorted(members, key=_majority_order)
        reference, evidence = choose_reference(ordered, words)
        groups.append(NameGroup(reference, [s for s in ordered if s is not reference], evidence))
    groups.sort(key=lambda g: (-sum(s.count for s in g.spellings), g.reference.text))
    return Grouping(
        groups=groups,
        spelling_of=base_of,
        names=sum(s.count for s in spellings.values()),
        spellings=len(spellings),
        group_count=len(components),
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
    if len(printed) + 1 == len(intended) and OSA.distance(printed, intended) == 1:
        return "dropped"
    if len(printed) == len(intended) + 1 and OSA.distance(printed, intended) == 1:
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
    code: str  # a short summary for the finding's difference field
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
        and OSA.distance(vk[:-1], mk) < OSA.distance(vk, mk)
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
            similarity=fmt_exact(shown),
            min_similarity=fmt_exact(options.min_similarity),
            **edits_text(edits, "edits"),
            **edits_text(options.max_edits, "max_edits"),
        )
    )
    # Like the other kinds' short fields, in Norwegian (the report's default language).
    code = (
        f"{'genitiv, ' if genitive else ''}{edits_text(edits, 'n')['n_nb']}, "
        f"likhet {fmt_exact(shown)} %"
    )
    return Difference(parts, code, genitive)


# --- the names printed in a column ----------------------------------------------------------------


def column_entry_problem(entry: Any, arg: str, bad) -> None:
    """Raise ``bad(message)`` unless ``entry`` is ``{table, column, where?, split?}``."""
    if not isinstance(entry, dict) or not {"table", "column"} <= set(entry):
        raise bad(f"each entry of {arg} needs table and column, got {entry!r}")
    unknown = set(entry) - COLUMN_KEYS
    if unknown:
        raise bad(
            f"unknown key(s) {sorted(unknown, key=str)} in {arg}; known: {sorted(COLUMN_KEYS)}"
        )
    if not all(isinstance(entry[k], str) and entry[k] for k in ("table", "column")):
        raise bad(f"table and column must be names, got {entry!r}")
    if "where" in entry and not (
        isinstance(entry["where"], dict) and all(isinstance(k, str) for k in entry["where"])
    ):
        raise bad(f"where must be a mapping column -> value(s), got {entry['where']!r}")
    if "split" in entry and not (isinstance(entry["split"], str) and entry["split"]):
        raise bad(f"split must be a separator text such as ' / ', got {entry['split']!r}")


def column_items(data, entry: dict[str, Any], partial: bool = False) -> list[tuple[str, Location]]:
    """The names printed in one ``{table, column, where?, split?}``, each with its cell.

    ``partial``: the confirmed rows only, when some are not confirmed yet (see TableData.select).
    """
    table = data.table(entry["table"])
    column = entry["column"]
    if column not in table.table.columns:
        raise CannotEvaluate(f"table {entry['table']!r} has no column {column!r}")
    found = []
    for index in table.select(entry.get("where"), partial=partial):
        text = table.text(index, column)
        if text is None:
            continue
        parts = text.split(entry["split"]) if entry.get("split") else [text]
        for part in parts:
            if clean(part):
                found.append((clean(part), table.location(index, column)))
    return found


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
"""

DOC = KindDoc(
    what=(
        "Collects every name printed in the given `columns` (a list of `{table, column}`, each "
        "with an optional `where` and an optional `split` separator for cells holding several "
        "names, e.g. `' / '`), groups the spellings that refer to the same thing and reports "
        "every spelling but one with all its locations, suggesting that one (see below). "
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
        "transcribed is found too."
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
        "once in the genitive; the genitive «Krisesentersekretariatets» itself is not reported.",
        EXAMPLE_CHECK,
        {
            **EXAMPLE_SCHEMAS,
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
""",
        },
    ),
    example_passes=Example(
        "Every name is spelled one way. The genitive «Krisesentersekretariatets» belongs to "
        "«Krisesentersekretariatet», and the short names NRK and NTB are never compared.",
        EXAMPLE_CHECK,
        {
            **EXAMPLE_SCHEMAS,
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
""",
        },
    ),
    fix=(
        "Correct the reported spelling at every location listed (the suggestion is the "
        "reference spelling; genitive forms take its genitive). If the suggestion itself is "
        "wrong, correct all the others instead. If the spellings are different things that only "
        "look alike (two people, two colleges), add them as one group to the allowlist file, "
        'e.g. `[["Line Hansen", "Lise Hansen"]]`; a legitimate short form can be listed the '
        "same way. Raise `min_similarity` or set `max_edits: 0` if the check is too eager."
    ),
)


@register
class NamesKind(Kind):
    name = "names"
    title = "Samme navn staves likt"
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
    }
    messages = {
        "pass": Template(
            "{names} navneforekomster, {spellings} skrivemåter i {groups} grupper: ingen navn er "
            "stavet på flere måter (grense: likhet ≥ {min_similarity} % eller høyst "
            "{max_edits_nb} på normalisert form)",
            "{names} name occurrences, {spellings} spellings in {groups} groups: no name is "
            "spelled in more than one way (threshold: similarity ≥ {min_similarity} % or at most "
            "{max_edits_en} on the normalised form)",
        ),
        "fail": Template(
            "«{variant}» ({count} {times_nb}{genitive_nb}) er trolig samme navn som "
            "«{reference}» ({reference_count} {reference_times_nb}): {how_nb}. Skrivemåter i "
            "gruppen: {spellings}{more_nb}{evidence_nb}",
            "«{variant}» ({count} {times_en}{genitive_en}) is probably the same name as "
            "«{reference}» ({reference_count} {reference_times_en}): {how_en}. Spellings in the "
            "group: {spellings}{more_en}{evidence_en}",
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
        found = []
        for entry in self.check.args["columns"]:
            # each spelling is judged on its own: the confirmed rows can be checked meanwhile
            found += column_items(self.data, entry, partial=True)
        manuscript = self.data.manuscript
        if self.check.args["prose"] and manuscript is not None:
            found += self.prose_mentions(manuscript, found)
        return found

    def prose_mentions(self, manuscript, found: list[tuple[str, Location]]):
        """The known names where the manuscript prints them and no row transcribes them."""
        from ..crosscheck import ManuscriptIndex
        from ..prose import mentions, transcribed

        options = self.options()
        index = ManuscriptIndex(manuscript)
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

    def allowlist(self) -> list[list[str]]:
        relative = self.check.args["allowlist"]
        if not relative:
            return []
        path = self.check_folder() / relative
        if not path.is_file():
            raise CannotEvaluate(f"the allowlist {relative} does not exist ({path})")
        try:
            groups = safe_load(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise CannotEvaluate(f"the allowlist {relative} cannot be read: {error}") from None
        except (YAMLError, UnicodeDecodeError) as error:
            raise CannotEvaluate(f"the allowlist {relative} is not valid YAML: {error}") from None
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
        grouping = group_spellings(
            Counter(text for text, _ in occurrences),
            min_similarity=options.min_similarity,
            max_edits=options.max_edits,
            min_length=options.min_length,
            allowlist=self.allowlist(),
            ignore_initial_case=options.ignore_initial_case,
        )
        threshold = {
            "min_similarity": fmt_exact(options.min_similarity),
            **edits_text(options.max_edits, "max_edits"),
        }
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
                    },
                    tolerance=self.tolerance_text(options),
                )
            ]
        locations: dict[str, list[Location]] = defaultdict(list)
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
    def tolerance_text(options: Options) -> str:
        return (
            f"likhet ≥ {fmt_exact(options.min_similarity)} % eller høyst "
            f"{edits_text(options.max_edits, 'n')['n_nb']} i det normaliserte navnet "
            f"(navn på minst {options.min_length} tegn)"
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
        spellings = ", ".join(f"«{s.text}» ×{s.count}" for s in group.spellings)
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
            suggestion += f" (genitiv/genitive: {genitive_of(reference.text)})"
        return self.finding(
            False,
            "fail",
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
            },
        )


def evidence_texts(group: NameGroup) -> dict[str, str]:
    """Why the suggestion is not the most frequent spelling, when it is not."""
    evidence = group.evidence
    if evidence is None:
        return {"evidence_nb": "", "evidence_en": ""}
    letters, other = evidence.letters.strip("^$"), evidence.other.strip("^$")
    n, words, m = evidence.letters_count, evidence.letters_words, evidence.other_count
    tie = evidence.outvoted_count == group.reference.count
    return {
        "evidence_nb": (
            f". «{group.reference.text}» foreslås selv om «{evidence.outvoted}» står "
            f"{'like ofte' if tie else 'oftere'}: "
            f"resten av navnene skriver «{letters}» {n} ganger (i {words} ulike ord) og "
            f"«{other}» {m} {'gang' if m == 1 else 'ganger'}"
        ),
        "evidence_en": (
            f". «{group.reference.text}» is suggested although «{evidence.outvoted}» is "
            f"{'as frequent' if tie else 'more frequent'}: the other names write «{letters}» "
            f"{n} times (in {words} different words) "
            f"and «{other}» {m} {'time' if m == 1 else 'times'}"
        ),
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
