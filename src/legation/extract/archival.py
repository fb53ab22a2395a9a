"""Archival citations of archives that are not arranged by fond / opis / delo.

A scheme (``[[scheme]]`` in ``legation/data/archives.toml``) lists an archive's hierarchy
levels in order, each introduced by markers ("Box 12", "b. 3", "Bd. 7"), recognised by a
pattern ("FO 371/23561", "761.94/1123", "R 29843") or written as a bare name ("Senato",
"Tokyo Embassy"), and the folio markers and recto/verso signs that close a citation. A
citation is read as comma-separated segments after the archive's name; each segment fills the
first later level that accepts it, so the levels stay in order and prose after the archival
part ("…, Grew to Hull, 12 May 1941") is not read as a level.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from legation.extract.matching import DASH, NUMBER, number_range, phrases, read_data, spaced, word_matches

# A marked level's value when a number follows the marker: "12", "761.94/1123", "B02030012345".
TOKEN_WITH_DIGIT = re.compile(r"[\w/.()-]*[0-9][\w/.()-]*")
NUMBER_AFTER_MARKER = re.compile(r"\s*[0-9IVXLC]")  # inside a name, a marker counts only before a number
SEGMENT_LEAD = re.compile(r"[\s.,:;]*(?:\([^()]{0,200}\)[\s.,:;]*)?")  # "JACAR (Japan Center …) Ref."
SEGMENT_TRIM = " \t\n.,:;[]"
QUOTES = {'"': None, "“": True, "«": True, "”": False, "»": False}  # None: toggles
SEGMENT_MARKS = re.compile('[,()\\[\\]"“”«»]')
QUOTE_MARKS = "\"“”«»„"
MAX_NAME_WORDS = 12
MAX_ARCHIVAL_LENGTH = 600  # an archival part is a line or two; reading further is wasted on prose  # a longer unmarked segment is prose, not a level's name


@dataclass(frozen=True, slots=True)
class Level:
    field: str
    marker: re.Pattern[str] | None = None
    pattern: re.Pattern[str] | None = None
    name: bool = False
    name_words: re.Pattern[str] | None = None  # a name level that takes only names with these words

    def fields(self) -> list[str]:
        """The fields this level fills: its pattern's named groups, else its own field."""
        groups = list(self.pattern.groupindex) if self.pattern else []
        return groups or [self.field]


@dataclass(frozen=True, slots=True)
class Scheme:
    id: str
    levels: tuple[Level, ...]
    fields: tuple[str, ...]  # every field a citation of this scheme has, in level order
    key: tuple[tuple[str, ...], ...]  # up to four slots, each the first field filled among its names
    folio: re.Pattern[str]
    verso: re.Pattern[str]
    implied_by: Level | None
    archive: str | None  # the archive a match of implied_by identifies


@dataclass(slots=True)
class Reading:
    """What the segments of one citation filled so far."""

    values: dict[str, str] = field(default_factory=dict)
    path: list[str] = field(default_factory=list)
    rank: int = -1
    folios: str | None = None

    def found_a_level(self, scheme: Scheme) -> bool:
        return self.folios is not None or any(not level.name and level.field in self.values
                                              for level in scheme.levels)


@functools.cache
def schemes() -> dict[str, Scheme]:
    return {data["id"]: build_scheme(data) for data in read_data("archives.toml").get("scheme", [])}


def build_scheme(data: dict[str, Any]) -> Scheme:
    levels = tuple(build_level(level) for level in data["level"])
    folio = data["folio"]
    sides = phrases(folio.get("verso", []) + folio.get("recto", []))
    number = rf"{NUMBER}(?:\s?{sides})?"
    numbers = rf"{number}(?:{DASH}{number})?(?:\s*,\s*{number}(?:{DASH}{number})?)*"
    implied = next((level for level in levels if level.field == data.get("implied_by")), None)
    return Scheme(
        id=data["id"],
        levels=levels,
        fields=tuple(dict.fromkeys(name for level in levels for name in level.fields())),
        key=tuple(tuple(slot.split("|")) for slot in data["key"][:4]),
        folio=re.compile(rf"(?:{phrases(folio['markers'])})\s*(?P<folios>{numbers})"),
        verso=re.compile(rf"[0-9]\s?{phrases(folio['verso'])}" if folio.get("verso") else "(?!)"),
        implied_by=implied,
        archive=data.get("archive"),
    )


def build_level(data: dict[str, Any]) -> Level:
    if "markers" in data:
        return Level(data["field"], marker=re.compile(phrases(data["markers"])))
    if "pattern" in data:
        return Level(data["field"], pattern=re.compile(data["pattern"] + r"(?![\w/])"))
    words = data.get("words")
    return Level(data["field"], name=True, name_words=re.compile(phrases(words)) if words else None)


# --- reading a citation ------------------------------------------------------------------

def read_scheme_levels(text: str, pos: int, scheme: Scheme) -> Reading:
    """The levels written from ``pos`` on, segment by segment, until one is not a level."""
    reading = Reading()
    pos = SEGMENT_LEAD.match(text, pos).end()
    for start, end in segments(text, pos, min(len(text), pos + MAX_ARCHIVAL_LENGTH)):
        folio = scheme.folio.match(text, start)
        if folio:  # folios close the citation; they may hold commas ("ff. 12, 14")
            reading.folios = folio["folios"]
            break
        segment = text[start:end].strip(SEGMENT_TRIM)
        if not segment or not read_segment(segment, scheme, reading):
            break
        reading.path.append(spaced(segment))
    return reading


def segments(text: str, pos: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of the comma-separated pieces from ``pos`` to ``end``; commas in brackets or
    quotes stay. Lazy: reading stops at the first piece that is not a level."""
    depth, quoted, start = 0, False, pos
    for mark in SEGMENT_MARKS.finditer(text, pos, end):
        char = mark.group()
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char in QUOTES:
            quoted = QUOTES[char] if QUOTES[char] is not None else not quoted
        elif depth == 0 and not quoted:
            yield skip_space(text, start, mark.start()), mark.start()
            start = mark.end()
    yield skip_space(text, start, end), end


def skip_space(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def read_segment(segment: str, scheme: Scheme, reading: Reading) -> bool:
    """Fill the first later level that accepts ``segment``; False when none does."""
    folio = scheme.folio.match(segment)
    if folio:  # "reg. 132 c. 211v", written without commas
        reading.folios = folio["folios"]
        return True
    found = first_marked_level(segment, scheme, reading.rank)
    if found is None:
        return fill_name(spaced(segment), scheme, reading, len(scheme.levels))
    rank, level, match = found
    before = segment[:match.start()].strip(SEGMENT_TRIM)
    if before:  # "Central Decimal File 761.94/1123": the words before the number name a level
        fill_name(spaced(before), scheme, reading, rank)
    value_end = fill_level(segment, level, match, reading)
    reading.rank = rank
    rest = segment[value_end:].strip(SEGMENT_TRIM)
    if rest:  # "R 29843 Japan": a later level may follow without a comma
        read_segment(rest, scheme, reading)
    return True


def first_marked_level(segment: str, scheme: Scheme, after: int
                       ) -> tuple[int, Level, re.Match[str]] | None:
    """The earliest later level whose marker or pattern occurs in ``segment`` (words before it are
    a name: "Senato da Terra reg. 132")."""
    for rank in range(after + 1, len(scheme.levels)):
        level = scheme.levels[rank]
        finder = level.marker or level.pattern
        for match in word_matches(finder, segment) if finder else ():
            if level.pattern or match.start() == 0 or NUMBER_AFTER_MARKER.match(segment, match.end()):
                return rank, level, match
    return None


def fill_level(segment: str, level: Level, match: re.Match[str], reading: Reading) -> int:
    """Store a marked or patterned level's value; return where the value ends in ``segment``."""
    if level.pattern:
        groups = {name: value for name, value in match.groupdict().items() if value}
        reading.values.update(groups or {level.field: spaced(match.group())})
        return match.end()
    value_start = len(segment) - len(segment[match.end():].lstrip())
    token = TOKEN_WITH_DIGIT.match(segment, value_start)
    value_end = token.end() if token else len(segment)
    value = segment[value_start:value_end].strip(SEGMENT_TRIM)
    if value:
        reading.values[level.field] = spaced(value)
    return value_end


def fill_name(name: str, scheme: Scheme, reading: Reading, before_rank: int) -> bool:
    """Give ``name`` to an unfilled name level after the last filled and before ``before_rank``:
    the first whose words it holds ("… Institute for Defense Studies"), else the first open to any."""
    name = name.strip(QUOTE_MARKS) or name
    if len(name.split()) > MAX_NAME_WORDS:
        return False
    open_levels = [rank for rank in range(reading.rank + 1, before_rank)
                   if scheme.levels[rank].name and scheme.levels[rank].field not in reading.values]
    worded = [rank for rank in open_levels
              if scheme.levels[rank].name_words and next(word_matches(scheme.levels[rank].name_words, name), None)]
    plain = [rank for rank in open_levels if scheme.levels[rank].name_words is None]
    chosen = (worded or plain)[:1]
    for rank in chosen:
        reading.values[scheme.levels[rank].field] = name
        reading.rank = rank
    return bool(chosen)


def implied_start(text: str, scheme: Scheme) -> int | None:
    """Where a level that identifies the archive unnamed ("RG 59", "FO 371/…") opens a segment."""
    level = scheme.implied_by
    if level is None:
        return None
    finder = level.marker or level.pattern
    for match in word_matches(finder, text):
        if opens_segment(text, match.start()):
            return match.start()
    return None


def opens_segment(text: str, start: int) -> bool:
    """Whether ``start`` begins the text or follows a comma, colon, semicolon or bracket."""
    before = text[max(0, start - 20):start].rstrip()
    return (not before and start <= 20) or (bool(before) and before[-1] in ",;:([")


def scheme_fields(scheme: Scheme, reading: Reading) -> dict[str, Any]:
    first, last = number_range(reading.folios)
    return {
        "scheme": scheme.id,
        **{name: reading.values.get(name) for name in scheme.fields},
        "folios": reading.folios,
        "folio_first": first,
        "folio_last": last,
        "verso": bool(reading.folios and scheme.verso.search(reading.folios)),
        "path": reading.path,
    }


def scheme_key(scheme_id: str, fields: dict[str, Any]) -> tuple[str | None, ...]:
    """Four slots identifying one archive file, from the scheme's ``key`` (None where unfilled)."""
    scheme = schemes()[scheme_id]
    slots = [next((fields[name] for name in names if fields.get(name)), None) for names in scheme.key]
    return tuple(slots + [None] * (4 - len(slots)))
