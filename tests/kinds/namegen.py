"""Generated «First Last» names, for the names kind's scale tests and its benchmark.

Kept with the tests (plain Python, no pytest) so that the test suite imports it directly;
``benchmarks/bench_names.py`` imports it from here.
"""

from __future__ import annotations

import random

CONSONANTS = "bdfghklmnprstv"
VOWELS = "aeiouy"
SUFFIXES = ("", "", "sen", "berg", "rud", "dal", "vik", "stad", "land")


def synthetic_names(n: int, seed: int = 2025) -> list[str]:
    """n distinct «First Last» names built from syllables, deterministically."""
    rng = random.Random(seed)
    syllables = [c + v for c in CONSONANTS for v in VOWELS]

    def word(low: int, high: int) -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(low, high)))

    seen: set[str] = set()
    names: list[str] = []
    while len(names) < n:
        name = f"{word(2, 3).capitalize()} {(word(2, 3) + rng.choice(SUFFIXES)).capitalize()}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names
