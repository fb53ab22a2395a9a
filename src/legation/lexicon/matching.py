"""Small pieces the citation readers share: reading a data table, turning listed markers into
regex alternatives, and matching only where a word begins (see the speed note in citations.py)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator
from importlib import resources
from typing import Any

NUMBER = r"[0-9]{1,9}(?![0-9])"  # bounded, so int() of it is always cheap
YEAR = r"(?<![0-9])(?:1[5-9][0-9]{2}|20[0-9]{2})(?![0-9])"
DASH = r"\s*[-–—]\s*"
NUMBERS = re.compile(NUMBER)


def read_data(name: str) -> dict[str, Any]:
    return tomllib.loads((resources.files("legation") / "data" / name).read_text("utf-8"))


def key(phrase: str) -> str:
    """How a marker or alias is looked up: spacing and case do not matter."""
    return "".join(phrase.split()).casefold()


def spellings(phrase: str) -> set[str]:
    """The case forms a marker is matched in: as listed, lower, upper, capitalised."""
    return {phrase, phrase.lower(), phrase.upper(), phrase[:1].upper() + phrase[1:]}


def name_spellings(name: str) -> set[str]:
    """The case forms an archive's or series' name is matched in: as listed, upper. (Lower-case
    forms would make every lower-case word a place to try them.)"""
    return {name, name.upper()}


def phrases(items: list[str] | tuple[str, ...], spelt: Callable[[str], set[str]] = spellings) -> str:
    """One regex alternative per spelling, longest first so "Ll." wins over "L."; a space matches
    any spacing or none, and a phrase ending in a letter must end a word ("Fond 1", not "Fonda")."""
    def one(phrase: str) -> str:
        body = r"\s*".join(re.escape(word) for word in phrase.split())
        return body + (r"(?!\w)" if phrase[-1].isalnum() else "")

    forms = {form for item in items for form in spelt(item)}
    if not forms:
        return "(?!)"  # an empty list matches nothing
    ordered = sorted(forms, key=lambda p: (-len(p), p))
    return by_first_character([(phrase[0], one(phrase)[len(re.escape(phrase[0])):]) for phrase in ordered])


def by_first_character(alternatives: list[tuple[str, str]]) -> str:
    """(first character, regex of the rest) pairs, in order of preference, as one alternation
    grouped by first character: at each place in a text only the alternatives that can start
    there are tried (the regex engine tries those of a group one by one). Under IGNORECASE, give
    the first characters case-folded."""
    groups: dict[str, list[str]] = {}
    for first, rest in alternatives:
        groups.setdefault(first, []).append(rest)
    return "(?:" + "|".join(re.escape(first) + "(?:" + "|".join(rests) + ")" for first, rests in groups.items()) + ")"


def word_matches(pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
                 ) -> Iterator[re.Match[str]]:
    """Matches that begin a word (the patterns leave out a leading look-behind; see citations.py)."""
    end = len(text) if endpos is None else endpos
    while match := pattern.search(text, pos, end):
        start = match.start()
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_"):
            yield match
            pos = match.end()
        else:  # look again from the next character: a word may begin inside this match
            pos = start + 1


def last_of(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    found = None
    for found in matches:
        pass
    return found


def number_range(written: str | None) -> tuple[int | None, int | None]:
    """First and last number of "258–259", "1 об.", "170–171, 175"."""
    numbers = NUMBERS.findall(written) if written else []
    return (int(numbers[0]), int(numbers[-1])) if numbers else (None, None)


def spaced(written: str) -> str:
    """Whitespace normalised: "AVP  RF" -> "AVP RF"."""
    return " ".join(written.split())
