"""The spelling engine: printed names -> groups of spellings of one name, and which to suggest.

A library, not a check: the ``names`` kind reports the groups it finds, ``same_items`` pairs two
lists' items with its rule (:func:`similar`), and the manuscript's prose mentions are found with
it (:mod:`kssqa.prose`).

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
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from os.path import commonprefix

DEFAULT_MIN_SIMILARITY = 90
DEFAULT_MAX_EDITS = 1
DEFAULT_MIN_LENGTH = 5
BLOCK = 6  # the longest prefix/suffix used for blocking

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


@functools.lru_cache(maxsize=65536)  # the same names are folded again and again
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
    authority: str | None = None  # where an authoritative list spells a name so (count may be 0)


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
    authority: str | None = None  # the authoritative list the reference comes from

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


@functools.cache
def _distances():
    """rapidfuzz's OSA and Indel distances, imported at the first comparison (kssqa list and
    explain never compare names) and then at the cost of a cache lookup, not an import."""
    from rapidfuzz.distance import OSA, Indel

    return OSA.distance, Indel.distance


def osa_distance(a: str, b: str) -> int:
    """The edit distance with adjacent swaps (rapidfuzz's OSA)."""
    return _distances()[0](a, b)


def similar(a: str, b: str, options: Options) -> tuple[bool, int, Decimal]:
    """Are two keys the same name by the fuzzy rule? Also returns (edits, similarity %)."""
    osa, indel_distance = _distances()
    edits = osa(a, b)
    total = len(a) + len(b)
    indel = indel_distance(a, b)
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
    from rapidfuzz import fuzz, process

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


def _collect(
    counts: Mapping[str, int], options: Options, known: Iterable[str] = ()
) -> tuple[dict[str, Spelling], dict]:
    """Printed texts -> spellings (genitives under their base, initial case merged if asked).

    ``known`` names (an authority's) are bases a genitive may belong to besides the printed.
    """
    printed: Counter = Counter()
    for text, count in counts.items():
        if text is not None and clean(text):
            printed[clean(text)] += int(count)
    key_of = {text: name_key(text) for text in printed}
    keys = Counter(key_of.values())
    keys.update({name_key(text) for text in known} - set(keys))
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
    authority: Mapping[str, str] | None = None,
) -> Grouping:
    """Group printed names (text -> occurrences, or an iterable of printed names).

    ``authority`` (name -> the list it comes from) anchors the groups: see :func:`_anchor`.
    """
    if not isinstance(counts, Mapping):
        counts = Counter(counts)
    options = Options(
        Decimal(str(min_similarity)),
        int(max_edits),
        int(min_length),
        ignore_initial_case,
    )
    authority = {clean(text): source for text, source in (authority or {}).items() if clean(text)}
    spellings, base_of = _collect(counts, options, authority)
    printed_spellings = len(spellings)
    for text, source in authority.items():
        spelling = spellings.get(text) or spellings.setdefault(text, Spelling(text, name_key(text)))
        spelling.authority = source

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
    # two entries of an authority are two names: like an allowlist group, never joined
    entries = {key: n for n, key in enumerate(dict.fromkeys(map(authority_key, authority)))}
    for text in authority:
        tags[node_of_key[name_key(text)]].setdefault(len(allowlist), entries[authority_key(text)])
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
        ordered = sorted(members, key=_majority_order)
        if any(s.authority for s in ordered):
            group = _anchor(ordered)
        elif len(ordered) >= 2:
            reference, evidence = choose_reference(ordered, words)
            group = NameGroup(reference, [s for s in ordered if s is not reference], evidence)
        else:
            continue
        if group.variants:
            groups.append(group)
    groups.sort(key=lambda g: (-sum(s.count for s in g.spellings), g.reference.text))
    return Grouping(
        groups=groups,
        spelling_of=base_of,
        names=sum(s.count for s in spellings.values()),
        spellings=printed_spellings,
        group_count=sum(1 for members in components.values() if any(s.count for s in members)),
    )


def authority_key(text: str) -> str:
    """An authority's name compared with a printed one: case, spaces, hyphens and punctuation
    aside (the spelling groups report those), every letter as written — accents included."""
    return _SEPARATORS.sub("", text.casefold())


def _anchor(ordered: list[Spelling]) -> NameGroup:
    """A group holding an authority's name: the reference is that name — as the report prints
    it most often (case and separators aside), or as the authority spells it when the report
    never does — and every other printed spelling is a variant."""
    anchor = next(s for s in ordered if s.authority)
    wanted = authority_key(anchor.text)
    reference = next((s for s in ordered if s.count and authority_key(s.text) == wanted), anchor)
    variants = [s for s in ordered if s is not reference and s.count]
    return NameGroup(reference, variants, None, anchor.authority)
