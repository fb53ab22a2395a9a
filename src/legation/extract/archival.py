"""Archival citations of archives that are not arranged by fond / opis / delo.

A scheme (``[[scheme]]`` in ``legation/data/archives.toml``) lists an archive's hierarchy
levels, each introduced by markers ("Box 12", "b. 3", "Bd. 7"), recognised by a pattern
("FO 371/23561", "761.94/1123", "R 29843") or written as a bare name ("Senato", "Tokyo
Embassy"), and the folio markers and recto/verso signs that close a citation.

Most schemes list their levels in order: a citation is read as comma-separated segments after
the archive's name; each segment fills the first later level that accepts it, so the levels stay
in order and prose after the archival part ("…, Grew to Hull, 12 May 1941") is not read as a
level.

American notes keep no such order (``order = "free"``: the schemes ``nara``, ``us_records``,
``us_decimal`` and ``us_papers``): the repository comes first or last ("NARA, RG 59, CDF 1950–1954,
023.1/3–2351"; "…, 026 Foreign Relations/592, Department of State Decimal File, 1930–1939,
RG 59, NA"), series names hold commas and years ("Classified General Records of the Embassy
in Paris, 1944–1963"), a lot file's number follows its name ("WTC Lot File 83D222") and the
title of a folder follows its box unlabelled ("Box 5, 1947–1948"). Such a citation is cut into
items (a marked or patterned level, a name, a year, a date, a place, prose) around the
repository's name; the items after it are read forward, and when they hold no marked level,
those before it backward, up to the document's date. Which field a name fills, and which words
are prose, are the scheme's data (``[scheme.names]``, ``[scheme.prose]``). An archive that the
table knows only by its kind ("Reed College", "University of Oregon": ``generic``) is kept as
written, with no ``archive_id``; a record group, a lot file or a decimal file written alone
implies its archive (NARA, the Department of State); papers cited by their name alone, with a
box or container, keep their archive unnamed.

An archive's town and state written after its name are its place, never a level ("Western Reserve
Historical Society, Cleveland, Ohio, …"; the states are ``[scheme.prose] states``). In the other
schemes the levels one segment writes may come in any order ("Dossier général vol. 489", "vol. 489
dossier général"), and a name ending in years may hold the next level's name ("Guerre 1914–1918
États-Unis").

A scheme may also allow a ``qualifier`` between the archive's name and its levels: Russian
regional archives are named with their region ("Архив УФСБ РФ по Новосибирской области. Ф. 7.
Оп. 1. Д. 123."), each region an archive of its own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from legation.lexicon.matching import (DASH, NUMBER, key, name_spellings, number_range, phrases, read_data, spaced,
                                       word_matches)

# A marked level's value when a number follows the marker: "12", "761.94/1123", "B02030012345".
TOKEN_WITH_DIGIT = re.compile(r"[\w/.()-]*[0-9][\w/.()-]*")
NUMBER_AFTER_MARKER = re.compile(r"\s*[0-9IVXLC]")  # inside a name, a marker counts only before a number
SEGMENT_LEAD = re.compile(r"[\s.,:;]*(?:\([^()]{0,200}\)[\s.,:;]*)?")  # "JACAR (Japan Center …) Ref."
SEGMENT_TRIM = " \t\n.,:;[]"
QUOTES = {'"': None, "“": True, "«": True, "”": False, "»": False}  # None: toggles
SEGMENT_MARKS = re.compile('[,;()\\[\\]"“”«»]')
FREE_MARKS = re.compile('[,;.()\\[\\]"“”«»]')  # free_segments also cuts at ";" and sentence ends
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
    value: re.Pattern[str] | None = None  # what a marker's value must look like (free order)
    keep_marker: bool = False  # the value is kept with its marker: "Roll 277", "Volume 10"
    weak: bool = False  # a level that does not by itself make a note archival: a volume, a page
    at_start: bool = False  # a pattern read only where a segment begins

    def fields(self) -> list[str]:
        """The fields this level fills: its pattern's named groups, else its own field."""
        groups = list(self.pattern.groupindex) if self.pattern else []
        return groups or [self.field]


@dataclass(frozen=True, slots=True)
class Free:
    """How a free-order scheme reads names and prose (``[scheme.names]``, ``[scheme.prose]``)."""

    collection: re.Pattern[str]
    series: re.Pattern[str]
    call_number: re.Pattern[str]
    series_slots: tuple[str, ...]
    slots: tuple[str, ...]
    quoted: str | None
    title: str | None
    title_after: frozenset[str]
    title_before: frozenset[str]
    hierarchy: tuple[str, ...]  # the levels, outermost first: a continuation keeps those above what it writes
    number_after: dict[str, str]
    max_words: int
    connectors: re.Pattern[str]
    before_number: re.Pattern[str]  # words that only lead to a number: "File 123 H 43"
    drop: re.Pattern[str]
    places: frozenset[str]
    states: frozenset[str]  # a town's state: the name just before it is its town, a place too
    abbreviations: frozenset[str]
    repository_parts: re.Pattern[str]
    not_repository: re.Pattern[str]
    endings: re.Pattern[str]
    labels: tuple[str, ...]
    verbs: frozenset[str] = frozenset()  # a chunk with one of these is a clause of prose, not a name


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
    free: Free | None = None  # levels in any order, the repository first or last (American notes)
    qualifier: re.Pattern[str] | None = None  # may stand between the name and the levels: "… по Томской области."
    unnamed: bool = False  # implied_by names no archive: a citation so read keeps its archive unnamed


@dataclass(slots=True)
class Reading:
    """What the segments of one citation filled so far."""

    values: dict[str, str] = field(default_factory=dict)
    path: list[str] = field(default_factory=list)
    rank: int = -1
    folios: str | None = None
    strong: bool = False  # free order: a level that makes the note archival was read
    marked: set[str] = field(default_factory=set)  # free order: fields a marker or pattern filled
    published_like: bool = False  # free order: a volume or a page was read
    archive: dict[str, Any] | None = None  # the repository as written, when the table has no entry for it
    written: list[str] = field(default_factory=list)  # marked levels as written ("Ф. 7"), in order
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)  # free order: what each segment gave, by its start

    def found_a_level(self, scheme: Scheme) -> bool:
        if scheme.free is not None:
            return self.strong
        return self.folios is not None or any(not level.name and level.field in self.values
                                              for level in scheme.levels)


@functools.cache
def schemes() -> dict[str, Scheme]:
    data = read_data("archives.toml").get("scheme", [])
    by_id = {scheme["id"]: scheme for scheme in data}
    return {scheme["id"]: build_scheme(inherit(scheme, by_id)) for scheme in data}


def inherit(data: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A scheme with ``like = "other"`` takes the other's levels and rules (its own keys win)."""
    base = by_id.get(data.get("like", ""))
    return {**base, **data} if base else data


def build_scheme(data: dict[str, Any]) -> Scheme:
    levels = tuple(build_level(level) for level in data["level"])
    folio = data["folio"]
    sides = phrases(folio.get("verso", []) + folio.get("recto", []))
    number = rf"{NUMBER}(?:\s?{sides})?"
    numbers = rf"{number}(?:{DASH}{number})?(?:\s*,\s*{number}(?:{DASH}{number})?)*"
    free = data.get("order") == "free"
    if free:  # a page is a level like any other: it may come before the repository
        levels += (Level("folios", marker=re.compile(phrases(folio["markers"])), value=re.compile(numbers),
                         weak=True),)
    implied = next((level for level in levels if level.field == data.get("implied_by")), None)
    if data.get("implied_pattern"):  # what implies the archive, more narrowly than the level ("… Papers")
        implied = Level(data["implied_by"], pattern=re.compile(data["implied_pattern"] + r"(?![\w/])"))
    names = data.get("names", {}) if free else {}
    named = ["collection", *names.get("series_slots", []), *names.get("slots", []),
             *[names[k] for k in ("quoted", "title") if names.get(k)]] if free else []
    return Scheme(
        id=data["id"],
        levels=levels,
        fields=tuple(dict.fromkeys([*(name for level in levels for name in level.fields() if name != "folios"),
                                    *named])),
        key=tuple(tuple(slot.split("|")) for slot in data["key"][:4]),
        folio=re.compile(rf"(?:{phrases(folio['markers'])})\s*(?P<folios>{numbers})"),
        verso=re.compile(rf"[0-9]\s?{phrases(folio['verso'])}" if folio.get("verso") else "(?!)"),
        implied_by=implied,
        archive=data.get("archive"),
        free=build_free(data) if free else None,
        unnamed=bool(data.get("unnamed", False)),
        qualifier=re.compile(data["qualifier"]) if data.get("qualifier") else None,
    )


def build_level(data: dict[str, Any]) -> Level:
    options = {"value": re.compile(data["value"]) if "value" in data else None,
               "keep_marker": data.get("keep_marker", False), "weak": data.get("weak", False),
               "at_start": data.get("at_start", False)}
    if "markers" in data:
        return Level(data["field"], marker=re.compile(phrases(data["markers"])), **options)
    if "pattern" in data:
        return Level(data["field"], pattern=re.compile(data["pattern"] + r"(?![\w/])"), **options)
    words = data.get("words")
    return Level(data["field"], name=True, name_words=re.compile(phrases(words)) if words else None, **options)


def build_free(data: dict[str, Any]) -> Free:
    names, prose = data.get("names", {}), data.get("prose", {})
    connectors = sorted(prose.get("connectors", []), key=len, reverse=True)
    return Free(
        collection=re.compile(names.get("collection", "(?!)")),
        series=re.compile(names.get("series", "(?!)")),
        call_number=re.compile(names.get("call_number", "(?!)")),
        series_slots=tuple(names.get("series_slots", ["series"])),
        slots=tuple(names.get("slots", ["series"])),
        quoted=names.get("quoted"),
        title=names.get("title"),
        title_after=frozenset(names.get("title_after", [])),
        title_before=frozenset(names.get("title_before", [])),
        hierarchy=tuple(names.get("hierarchy", [])),
        number_after=dict(names.get("number_after", {})),
        max_words=int(names.get("max_words", MAX_NAME_WORDS)),
        connectors=re.compile(r"(?:(?:" + "|".join(re.escape(c) for c in connectors) + r")(?:\s+|$))+")
        if connectors else re.compile("(?!)"),
        before_number=re.compile(rf"(?:{phrases(prose.get('before_number', []))})"),
        drop=re.compile(r"[(\[]\s*(?:" + "|".join(re.escape(d) for d in prose.get("drop", [])) + r")\b[^()\[\]]{0,200}[)\]]")
        if prose.get("drop") else re.compile("(?!)"),
        places=frozenset(key(place) for place in prose.get("places", [])),
        states=frozenset(key(state) for state in prose.get("states", [])),
        abbreviations=frozenset(word.casefold() for word in prose.get("abbreviations", [])),
        repository_parts=re.compile(rf"^(?:{phrases(prose.get('repository_parts', []))})$"),
        not_repository=re.compile(rf"(?<!\w)(?:{phrases(prose.get('not_repository', []))})"),
        endings=re.compile(rf"\s(?:{'|'.join(re.escape(e) for e in prose.get('endings', []))})(?!\w)"
                           r"(?![ \t]+(?i:files?|series|records))"  # "Jordan’s Confidential Files"
                           if prose.get("endings") else "(?!)"),
        labels=tuple(sorted(prose.get("labels", []), key=len, reverse=True)),
        verbs=frozenset(prose.get("verbs", [])),
    )


# --- reading a citation ------------------------------------------------------------------

def read_scheme_levels(text: str, pos: int, scheme: Scheme) -> Reading:
    """The levels written from ``pos`` on, segment by segment, until one is not a level. A
    free-order scheme reads around ``pos`` (see the module's note)."""
    if scheme.free is not None:
        try:
            return read_free(text, pos, scheme)
        except RecursionError:  # pragma: no cover - a parser must never raise
            return Reading()
    reading = Reading()
    qualified = scheme.qualifier.match(text, pos) if scheme.qualifier is not None else None
    if qualified:  # "Архив УФСБ РФ по Новосибирской области": one archive per region, kept as written
        reading.archive = {"archive": spaced(text[alias_start(text, pos, scheme):qualified.end()]),
                           "archive_id": None}
        pos = qualified.end()
    pos = SEGMENT_LEAD.match(text, pos).end()
    for start, end in segments(text, pos, min(len(text), pos + MAX_ARCHIVAL_LENGTH)):
        folio = scheme.folio.match(text, start)
        if folio:  # folios close the citation; they may hold commas ("ff. 12, 14")
            reading.folios = folio["folios"]
            break
        segment = text[start:end].strip(SEGMENT_TRIM)
        written = len(reading.written)
        if not segment or not read_segment(segment, scheme, reading):
            break
        # a segment of several marked levels ("Ф. 7. Оп. 1. Д. 123") gives each its own path element
        reading.path.extend(reading.written[written:] if len(reading.written) - written > 1 else [spaced(segment)])
    return reading


def alias_start(text: str, pos: int, scheme: Scheme) -> int:
    """Where the archive name that ends at ``pos`` begins."""
    found = alias_ending_at(text, pos)
    return found[0] if found else pos


def segments(text: str, pos: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of the comma-separated pieces from ``pos`` to ``end``; commas in brackets or
    quotes stay. Lazy: reading stops at the first piece that is not a level."""
    start = pos
    for mark in top_level_marks(text, pos, end, SEGMENT_MARKS):
        yield skip_space(text, start, mark), mark
        start = mark + 1
    yield skip_space(text, start, end), end


def top_level_marks(text: str, lo: int, hi: int, marks: re.Pattern[str]) -> Iterator[int]:
    """Where ``marks`` (a pattern of single characters, brackets and quotes among them) match in
    ``text[lo:hi]`` outside brackets and quotes: the places a citation may be cut."""
    depth, quoted = 0, False
    for mark in marks.finditer(text, lo, hi):
        char = mark.group()
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char in QUOTES:
            quoted = QUOTES[char] if QUOTES[char] is not None else not quoted
        elif depth == 0 and not quoted:
            yield mark.start()


def skip_space(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def read_segment(segment: str, scheme: Scheme, reading: Reading, floor: int | None = None) -> bool:
    """Fill the first later level that accepts ``segment``; False when none does. The levels one
    segment writes may come in any order ("Dossier général vol. 489", "vol. 489 dossier général"):
    all are later than those of the segments before (``floor``)."""
    folio = scheme.folio.match(segment)
    if folio:  # "reg. 132 c. 211v", written without commas
        reading.folios = folio["folios"]
        return True
    floor = reading.rank if floor is None else floor
    found = first_marked_level(segment, scheme, floor, reading)
    if found is None:
        split = YEARS_THEN_NAME.fullmatch(segment) if floor == reading.rank else None
        if split and len(open_names(scheme, reading, len(scheme.levels))) >= 2:
            # "Guerre 1914–1918 États-Unis": a series with its years, then the next level's name
            fill_name(spaced(split["first"]), scheme, reading, len(scheme.levels))
            return fill_name(spaced(split["second"]), scheme, reading, len(scheme.levels))
        return fill_name(spaced(segment), scheme, reading, len(scheme.levels))
    rank, level, match = found
    before = segment[:match.start()].strip(SEGMENT_TRIM)
    if before:  # "Central Decimal File 761.94/1123": the words before the number name a level
        fill_name(spaced(before), scheme, reading, rank)
    value_end = fill_level(segment, level, match, reading)
    reading.rank = max(reading.rank, rank)
    rest = segment[value_end:].strip(SEGMENT_TRIM)
    if rest:  # "R 29843 Japan": a later level may follow without a comma
        read_segment(rest, scheme, reading, floor)
    return True


# "Guerre 1914–1918 États-Unis": a name that ends in years, and another name after them
YEARS_THEN_NAME = re.compile(r"(?P<first>[^\W\d_][^,;]*?[ \t](?:1[5-9]|20)[0-9]{2}(?:[ \t]*[–—-][ \t]*[0-9]{2,4})?)"
                             r"[ \t]+(?P<second>[^\W\d_][^0-9,;]*)")


def first_marked_level(segment: str, scheme: Scheme, after: int, reading: Reading | None = None
                       ) -> tuple[int, Level, re.Match[str]] | None:
    """The level, later than ``after`` and not filled yet, whose marker or pattern occurs first in
    ``segment`` (words before it are a name: "Senato da Terra reg. 132"); of two at one place,
    the outer."""
    best: tuple[int, Level, re.Match[str]] | None = None
    for rank in range(after + 1, len(scheme.levels)):
        level = scheme.levels[rank]
        if reading is not None and level.field in reading.values:
            continue
        finder = level.marker or level.pattern
        for match in word_matches(finder, segment) if finder else ():
            if level.pattern or match.start() == 0 or NUMBER_AFTER_MARKER.match(segment, match.end()) \
                    or (level.value is not None and level.value.match(segment, skip_space(segment, match.end(),
                                                                                           len(segment)))):
                if best is None or match.start() < best[2].start():
                    best = (rank, level, match)
                break
    return best


def fill_level(segment: str, level: Level, match: re.Match[str], reading: Reading) -> int:
    """Store a marked or patterned level's value; return where the value ends in ``segment``."""
    if level.pattern:
        groups = {name: value for name, value in match.groupdict().items() if value}
        reading.values.update(groups or {level.field: spaced(match.group())})
        return match.end()
    value_start = len(segment) - len(segment[match.end():].lstrip())
    token = (level.value or TOKEN_WITH_DIGIT).match(segment, value_start)
    value_end = token.end() if token else len(segment)
    value = segment[value_start:value_end].strip(SEGMENT_TRIM)
    if value:
        written = spaced(segment[match.start():value_end].strip(SEGMENT_TRIM))
        reading.values[level.field] = written if level.keep_marker else spaced(value)  # "Dossier général"
        reading.written.append(written)
    return value_end


def fill_name(name: str, scheme: Scheme, reading: Reading, before_rank: int) -> bool:
    """Give ``name`` to an unfilled name level after the last filled and before ``before_rank``:
    the first whose words it holds ("… Institute for Defense Studies"), else the first open to any."""
    name = name.strip(QUOTE_MARKS) or name
    if len(name.split()) > MAX_NAME_WORDS:
        return False
    open_levels = open_names(scheme, reading, before_rank)
    worded = [rank for rank in open_levels
              if scheme.levels[rank].name_words and next(word_matches(scheme.levels[rank].name_words, name), None)]
    plain = [rank for rank in open_levels if scheme.levels[rank].name_words is None]
    chosen = (worded or plain)[:1]
    for rank in chosen:
        reading.values[scheme.levels[rank].field] = name
        reading.rank = rank
    return bool(chosen)


def open_names(scheme: Scheme, reading: Reading, before_rank: int) -> list[int]:
    """The ranks of the name levels after the last filled and before ``before_rank``, still empty."""
    return [rank for rank in range(reading.rank + 1, before_rank)
            if scheme.levels[rank].name and scheme.levels[rank].field not in reading.values]


def implied_start(text: str, scheme: Scheme) -> int | None:
    """Where a level that identifies the archive unnamed ("RG 59", "FO 371/…") opens a segment.
    In a free-order scheme the level may follow the name it belongs to ("WTC Lot File 83D222"):
    the segment's start is returned."""
    level = scheme.implied_by
    if level is None:
        return None
    if scheme.free is not None:
        return free_implied_start(text, scheme, level)
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
        **(reading.archive or {}),  # a repository the table names only by its kind ("… College")
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


# --- free order: American notes ------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Repositories:
    """The archive names of the whole table, to tell a repository from a name that holds one."""

    alias: re.Pattern[str]
    generic: frozenset[str]  # alias keys of `generic` entries: "University", "College"


@functools.cache
def repositories() -> Repositories:
    archives = read_data("archives.toml").get("archive", [])
    names = [alias for archive in archives for alias in [archive["id"], *archive.get("aliases", [])]]
    generic = {key(alias) for archive in archives if archive.get("generic")
               for alias in [archive["id"], *archive.get("aliases", [])]}
    return Repositories(re.compile(phrases(names, name_spellings)), frozenset(generic))


@dataclass(slots=True)
class Item:
    """One piece of an American citation: a level (marked or patterned) or an unmarked chunk."""

    kind: str  # level | name | year | number | date | place | repository | stop
    start: int  # in the citation's text; a name's start is after its connectors ("all in")
    end: int
    segment: int  # where the comma-separated segment that holds it begins
    level: Level | None = None
    value: str = ""
    quoted: bool = False
    in_brackets: bool = False  # "(83D222)", "(Lot File 13D284)"
    colon_after: bool = False  # "Entry A1–5066: Bureau of …"


MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
         r"|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
DATE = re.compile(rf"(?<!\w){MONTH}(?:\s*[–—-]\s*{MONTH})?\s+[0-9]{{1,4}}(?![\w/])|(?<![\w/])[0-9]{{1,2}}\s+{MONTH}(?!\w)"
                  r"|^\[?(?:no date|n\.\s?d\.|undated)\]?$")
YEAR_ONLY = re.compile(r"(?:c\.\s*)?[0-9]{4}\??(?:\s*[–—-]\s*[0-9]{2,4}\??)?")
NUMBER_ONLY = re.compile(r"[0-9]{1,9}[a-z]?")
# "Hornbeck to Welles", "Dulles to Eden": a letter's writer and addressee, not a level ("Memos to the President" is)
CORRESPONDENTS = re.compile(r"[A-Z][\w.’'\[\]-]*(?:\s+[A-Z][\w.’'\[\]-]*){0,3}\s+(?:to|through)\s+"
                            r"[A-Z\[][\w.’'\[\]-]*(?:\s+[A-Z][\w.’'\[\]-]*){0,3}")
URL = re.compile(r"(?:https?://|www\.)")
CAPITALISED_RUN = re.compile(r"(?:(?<=[\s(\[“\"«])|^)(?:[A-Z][\w.’'&-]*|of|and|the|for|on|at|de|du)"
                             r"(?:\s+(?:[A-Z][\w.’'&-]*|of|and|the|for|on|at|de|du))*")
TRAILING_COLLECTION = re.compile(r"(?:[A-Z][\w.’'-]*\s+){1,5}(?:Papers|Collection|Diary|Diaries)$")
CHUNK_TRIM = " \t\n.,;:"
PROSE_WORDS = 4  # a title's piece of prose this long is a clause of the note, not part of the title
CAPITALISED_WORDS = re.compile(r"[A-Z0-9][\w.’'&/-]*(?:[ \t]+[A-Z0-9][\w.’'&/-]*)*")
OPENING_QUOTES = "“\"«„"
# lower-case words a name holds ("Correspondence of the Department of State", "Memos to the President")
NAME_WORDS = frozenset("of and the for to on in at with by from a an de du des la le von und & etc. etc re".split())
WINDOW = 120  # how far before ``pos`` an alias that ends there is looked for
UNNAMED = {"archive": None, "archive_id": None, "archive_name": None, "country": None}


def read_free(text: str, pos: int, scheme: Scheme) -> Reading:
    free = scheme.free
    assert free is not None
    alias = alias_ending_at(text, pos)
    if alias is None:  # implied: a level that names its archive ("RG 59", "Lot 64 D 199") opens here
        items = free_items(text, pos, forward_end(text, pos, free), scheme)
        reading = walk_forward(text, items, scheme)
        back = free_items(text, *backward_span(text, pos), scheme)
        walk_backward(text, back, scheme, reading)
        if scheme.unnamed:  # "…, Letters Received, Container 188, Fish Papers": no repository written
            reading.archive = dict(UNNAMED)
        finish(text, reading, scheme)
        reading.strong = bool(reading.marked)  # named levels alone, and no archive: a mention, not a citation
        return reading
    start, end = alias
    repository = repository_segment(text, start, end, scheme)
    if repository is None:  # "Department of State Bulletin": the name holds the archive's, but is not it
        return Reading()
    head_start, repo_start, repo_end, own_name, archive = repository
    items = free_items(text, repo_end, forward_end(text, repo_end, free), scheme)
    if items and items[0].kind == "name" and TOWN.fullmatch(items[0].value) and not items[0].quoted \
            and not (free.series.search(items[0].value) or free.collection.search(items[0].value)) \
            and (len(items) == 1 or items[1].segment != items[0].segment):
        items[0] = Item("place", items[0].start, items[0].end, items[0].segment, value=items[0].value)  # "…, Oxford, MS 12"
    reading = walk_forward(text, items, scheme)
    reading.archive = archive
    if own_name:  # "Department of State Central Files (SAS)", "DoS P-Reels"
        name_item = Item("name", repo_start, repo_end, repo_start, value=spaced(text[repo_start:repo_end]))
        assign_name(text, name_item, scheme, reading, own_name, Walk(reading))
    if not reading.marked:  # "…, 026 Foreign Relations/592, Department of State Decimal File, 1930–1939, RG 59, NA"
        head = free_items(text, head_start, repo_start, scheme)  # "1986 State 057676 in Department of State"
        back = [item for item in head if item.kind == "level"]
        labelled = head_start > 0 and text[head_start - 1] == ":"  # "Source: Department of State, …"
        if not labelled and (not head or head[-1].kind == "level" or all(item.kind in ("level", "place")
                                                                         for item in head)):
            back = free_items(text, *backward_span(text, head_start), scheme) + back
        walk_backward(text, back, scheme, reading)
    elif "collection" not in reading.values and not text[head_start:repo_start].strip():
        collection_before(text, head_start, scheme, reading)
    return finish(text, reading, scheme, opened=not text[:repo_start].strip(CHUNK_TRIM + "("))


def collection_before(text: str, pos: int, scheme: Scheme, reading: Reading) -> None:
    """The collection named just before the repository when the levels follow it: "Robert Lansing
    Papers, Manuscripts and Archives, Yale University Library, …, Box 3" (places and the
    repository's parts between them)."""
    free = scheme.free
    assert free is not None
    for item in reversed(free_items(text, *backward_span(text, pos), scheme)):
        if item.kind in ("place", "repository"):
            continue
        if item.kind == "name" and not item.quoted and free.collection.search(item.value) \
                and not any(word in free.verbs for word in item.value.split()):
            reading.values["collection"] = item.value
            reading.spans[item.segment] = (item.start, item.end)
        return


def finish(text: str, reading: Reading, scheme: Scheme, opened: bool = False) -> Reading:
    """The path, and whether the reading makes the note archival: a marked level was read (not a
    volume or page alone), or a collection or a named series with no page, which a publication has,
    or with a page where the repository opens the citation (``opened``: "Library of Congress,
    Manuscript Division, Papers of …, Vol. 12, p. 45")."""
    free = scheme.free
    assert free is not None
    reading.path = free_path(text, reading)
    named = bool(reading.values.get("collection")) or any(
        reading.values.get(slot) and free.series.search(reading.values[slot]) for slot in free.series_slots)
    published = reading.folios is not None  # "…: Diplomatic Papers, 1943, vol. 3, p. 5"
    reading.strong = bool(reading.marked) or (named and (not published or opened))
    return reading


def alias_ending_at(text: str, pos: int) -> tuple[int, int] | None:
    """The archive name (of any scheme) that ends at ``pos``."""
    found = None
    for match in word_matches(repositories().alias, text, max(0, pos - WINDOW), pos):
        if match.end() == pos:
            found = (match.start(), match.end())
    return found


def repository_segment(text: str, start: int, end: int, scheme: Scheme
                       ) -> tuple[int, int, int, str | None, dict[str, Any] | None] | None:
    """Where the segment naming the repository begins, where the repository's name begins and
    where the segment ends; the field of the series the segment names itself ("Department of
    State Central Files (SAS)"); the archive as written for a repository the table knows only by
    its kind ("Reed College"). None when the name is part of another ("Miscellaneous
    Correspondence of the Department of State") and a repository is named later, or when it is
    no repository ("Department of State Bulletin", a title in quotation marks)."""
    free = scheme.free
    assert free is not None
    seg_start = segment_start(text, start)
    seg_end = segment_end(text, end)
    head = text[seg_start:start].strip()
    if in_quotation(text, seg_start, start):  # “Inside the State Department,” a title
        return None
    tail = free.drop.sub("", text[end:seg_end]).strip(CHUNK_TRIM)
    if key(text[start:end]) in repositories().generic:
        run = repository_run(text, seg_start, seg_end, start, end)
        if run is None or free.not_repository.search(text[run[0]:run[1]]) or len(text[run[0]:run[1]].split()) < 2:
            return None  # "Harvard University Press"; "Department airgram": a word, not a name
        name = spaced(text[run[0]:run[1]])
        return seg_start, run[0], max(run[1], seg_end), None, {
            "archive": name, "archive_id": None, "archive_name": None, "country": None}
    for label in free.labels:  # "Source Department of State", "U.S. Department of State"
        if head.endswith(" " + label) or head == label:
            head = head[:len(head) - len(label)].rstrip()
    embedded = bool(head) and (head.split()[-1] in ("of", "the", "and") or head.split()[-1][:1].isupper()
                               and not DIGITS_END.search(head) and not head.endswith(":"))
    own_name = None
    if tail and not (free.repository_parts.match(tail) or key(tail) in free.places):
        whole = BRACKETED_END.sub("", spaced(text[start:seg_end].strip(CHUNK_TRIM)))  # "… Central Files (SAS)"
        if not tail[:1].isupper() or not (free.series.search(whole) or free.collection.search(whole)):
            return None
        own_name = "collection" if free.collection.search(whole) else "series"
        seg_end = start + len(text[start:seg_end].rstrip(CHUNK_TRIM))
    if (embedded or own_name) and later_repository(text, seg_end, scheme):
        return None
    if embedded and not own_name:
        return None
    return seg_start, start, (seg_end if own_name else end), own_name, None


def free_drop_at(text: str, i: int) -> bool:
    """Whether a dropped clause ("(henceforth …)") opens at ``i``."""
    return any(scheme.free.drop.match(text, i) for scheme in schemes().values() if scheme.free is not None)


def in_quotation(text: str, start: int, pos: int) -> bool:
    """Whether a quotation opened in ``text[start:pos]`` is still open at ``pos``."""
    opened = sum(text.count(mark, start, pos) for mark in "“«„")
    closed = sum(text.count(mark, start, pos) for mark in "”»")
    return opened > closed or text.count('"', start, pos) % 2 == 1


DIGITS_END = re.compile(r"[0-9]\s*(?:in|and)?$")
BRACKETED_END = re.compile(r"\s*\([^()]{1,30}\)$")  # a series' abbreviation after its name


def segment_start(text: str, pos: int) -> int:
    """Just after the separator before ``pos`` (a comma, colon, semicolon, bracket or sentence end)."""
    lo = max(0, pos - WINDOW)
    for i in range(pos - 1, lo - 1, -1):
        char = text[i]
        if char in ",;:([" or (char == "." and i + 1 < len(text) and text[i + 1].isspace()
                                and not abbreviation_before(text, i)):
            return i + 1
    return lo


def segment_end(text: str, pos: int) -> int:
    """The separator after ``pos`` that ends its segment; a bracket opened and closed inside the
    segment is part of it ("Central Files (SAS), Washington")."""
    hi = min(len(text), pos + WINDOW)
    depth = 0
    for i in range(pos, hi):
        char = text[i]
        if char == "(" and not free_drop_at(text, i):
            depth += 1
            continue
        if char == ")" and depth:
            depth -= 1
            continue
        if char in ",;:)]" or char == "(" or (
                char == "." and (i + 1 == len(text) or text[i + 1].isspace())
                                and not abbreviation_before(text, i)):
            return i
    return hi


ABBREVIATION_WORD = re.compile(r"([\w’']+)$")
SHORT_WORD_STOP = re.compile(r"\s+[A-Z][a-z]{1,3}\.")  # "Eur. Sec. & Ger. Quest.": abbreviations in a row
SHORT_WORD_BEFORE = re.compile(r"(?<![\w.])[A-Z][a-z]{1,3}\.\s+(?:&\s+|and\s+)?$")


def abbreviation_before(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation: a listed one ("Misc.", "Vol."), an
    initial ("G. Bernard", "E.O.", "R.P."), or a short word followed by another ("Eur. Sec.")."""
    word = ABBREVIATION_WORD.search(text, max(0, dot - 20), dot)
    if not word:
        return False
    token = word.group(1)
    if len(token) == 1 and token.isalpha():
        return True
    if token.casefold() in abbreviations():
        return True
    if not (token[:1].isupper() and token[1:].islower() and len(token) <= 4):
        return False
    return SHORT_WORD_STOP.match(text, dot + 1) is not None or SHORT_WORD_BEFORE.search(
        text, max(0, word.start() - 12), word.start()) is not None


@functools.cache
def abbreviations() -> frozenset[str]:
    """The words a full stop does not end a citation after, of every free-order scheme."""
    return frozenset(word for scheme in schemes().values() if scheme.free for word in scheme.free.abbreviations)


def repository_run(text: str, seg_start: int, seg_end: int, start: int, end: int) -> tuple[int, int] | None:
    """The capitalised words around a generic repository word: "Reed College", "University of Oregon"."""
    for run in CAPITALISED_RUN.finditer(text, seg_start, seg_end):
        if run.start() <= start and run.end() >= end:
            words = run.group().split()
            while words and not words[-1][:1].isupper():  # "University of" in "University of the"…
                words.pop()
            lead = 0
            while lead < len(words) and not words[lead][:1].isupper():
                lead += 1
            if not words[lead:]:
                return None
            begin = text.index(words[lead], run.start())
            finish_at = begin + len(" ".join(words[lead:]))
            if text[begin:finish_at].split() != words[lead:]:  # spacing differs: keep the run as found
                finish_at = run.end()
            return begin, max(finish_at, end)
    return None


def later_repository(text: str, pos: int, scheme: Scheme) -> bool:
    """Whether a repository stands later as a segment of its own ("…, RG 59, NA")."""
    for match in word_matches(repositories().alias, text, pos, min(len(text), pos + MAX_ARCHIVAL_LENGTH)):
        before = text[max(0, match.start() - 3):match.start()].rstrip()
        after = text[match.end():match.end() + 2].lstrip()
        if (not before or before[-1] in ",;:") and (not after or after[0] in ",.;)"):
            return True
    return False


def forward_end(text: str, pos: int, free: Free) -> int:
    """Where the archival part after ``pos`` ends: a sentence's end, a bracket closing one opened
    before ``pos`` ("(Eisenhower Library, Whitman File)"), or the length limit."""
    hi = min(len(text), pos + MAX_ARCHIVAL_LENGTH)
    ending = free.endings.search(text, pos, hi)  # "…, POL 26 S VIET Secret; Exclusive"
    if ending:
        hi = ending.start()
    depth, quoted = 0, False
    for i in range(pos, hi):
        char = text[i]
        if char in "([":
            depth += 1
        elif char in ")]":
            if depth == 0:
                return i
            depth -= 1
        elif char in QUOTES:
            quoted = QUOTES[char] if QUOTES[char] is not None else not quoted
        elif char == "." and depth == 0 and sentence_ends(text, i):
            return i
    return hi


def sentence_ends(text: str, dot: int) -> bool:
    """A full stop followed by a space and a capital (or the end), not after an abbreviation."""
    nxt = dot + 1
    if nxt < len(text) and not text[nxt].isspace():
        return False
    while nxt < len(text) and text[nxt].isspace():
        nxt += 1
    if nxt < len(text) and not (text[nxt].isupper() or text[nxt] in "“\"([«"):
        return False
    return not abbreviation_before(text, dot)


def backward_span(text: str, pos: int) -> tuple[int, int]:
    """The text before ``pos`` to read backward: up to the length limit, and not across a bracket
    that ``pos`` stands in."""
    lo = max(0, pos - MAX_ARCHIVAL_LENGTH)
    opened: list[int] = []
    for i in range(lo, pos):
        char = text[i]
        if char in "([":
            opened.append(i)
        elif char in ")]" and opened:
            opened.pop()
    return (opened[-1] + 1 if opened else lo), pos


def free_items(text: str, lo: int, hi: int, scheme: Scheme) -> list[Item]:
    """The items of ``text[lo:hi]``, in order."""
    free = scheme.free
    assert free is not None
    if hi <= lo:
        return []
    blanked = blank_drops(text, lo, hi, free)
    items: list[Item] = []
    for start, end in free_segments(blanked, lo, hi, free):
        items.extend(segment_items(blanked, start, end, start, scheme))
    return towns(items, free)


def is_place(value: str, places: frozenset[str]) -> bool:
    """Whether a chunk (its full stop trimmed: "Calif", "N.J", "D.C") is one of ``places``."""
    return key(value) in places or key(value + ".") in places


def towns(items: list[Item], free: Free) -> list[Item]:
    """A state written as a segment of its own is a place, and so is a short name written as a
    segment just before it, its town: "Western Reserve Historical Society, Cleveland, Ohio, …" (not
    the series "Cleveland" and "Ohio"; "PA Lot File 82D297" is a lot file's name, not Pennsylvania)."""
    def alone(i: int) -> bool:
        segment = items[i].segment
        return (i == 0 or items[i - 1].segment != segment) and (i + 1 == len(items) or items[i + 1].segment != segment)

    for i, item in enumerate(items):
        if item.kind not in ("name", "place") or item.quoted or not is_place(item.value, free.states) or not alone(i):
            continue
        items[i] = Item("place", item.start, item.end, item.segment, value=item.value)
        before = items[i - 1] if i else None
        if before is not None and before.kind == "name" and not before.quoted and alone(i - 1) \
                and len(before.value.split()) <= 3 and all(word[:1].isupper() for word in before.value.split()) \
                and not any(char.isdigit() for char in before.value):
            items[i - 1] = Item("place", before.start, before.end, before.segment, value=before.value)
    return items


def blank_drops(text: str, lo: int, hi: int, free: Free) -> str:
    """``text`` with the clauses that are no level ("(henceforth Noble Papers)", "[sic]") in
    ``lo:hi`` turned to spaces, so that offsets stay."""
    region = text[lo:hi]
    if "(" not in region and "[" not in region:
        return text
    blank = free.drop.sub(lambda m: " " * len(m.group()), region)
    return text if blank == region else text[:lo] + blank + text[hi:]


def free_segments(text: str, lo: int, hi: int, free: Free) -> list[tuple[int, int]]:
    """Segments of ``text[lo:hi]``: commas and sentence ends outside brackets and quotes cut it."""
    found = []
    start = lo
    for i in top_level_marks(text, lo, hi, FREE_MARKS):
        if text[i] != "." or sentence_ends(text, i):
            found.append((start, i))
            start = i + 1
    found.append((start, hi))
    return [(s, e) for s, e in found if text[s:e].strip()]


def segment_items(text: str, start: int, end: int, segment: int, scheme: Scheme) -> list[Item]:
    """The levels of one segment, and the chunks between them."""
    free = scheme.free
    assert free is not None
    items: list[Item] = []
    first = skip_space(text, start, end)
    while first < end and text[first] in QUOTE_MARKS + "([":
        first += 1
    whole = text[start:end].strip(CHUNK_TRIM + QUOTE_MARKS)
    series_end = free.series.search(whole)  # "985 P-Reels": a series name, though it opens with a number
    named_series = bool(series_end) and series_end.end() == len(whole) and not free.call_number.match(whole)
    pos = start
    while pos < end:
        found = next_level(text, pos, end, first, scheme, named_series)
        if found is None:
            break
        level_start, level_end, level, value = found
        items.extend(chunk_items(text, pos, level_start, segment, free))
        before = text[max(start, level_start - 2):level_start].rstrip()
        after = text[level_end:min(end + 2, level_end + 3)].lstrip()
        items.append(Item("level", level_start, level_end, segment, level=level, value=value,
                          in_brackets=before.endswith("("), colon_after=after.startswith(":")))
        pos = level_end
    items.extend(chunk_items(text, pos, end, segment, free))
    return items


def next_level(text: str, pos: int, end: int, first: int, scheme: Scheme, named_series: bool
               ) -> tuple[int, int, Level, str] | None:
    """The earliest level in ``text[pos:end]`` (the longest where two begin together)."""
    best: tuple[int, int, Level, str] | None = None
    for level in scheme.levels:
        if level.name:
            continue
        if level.marker is not None:
            for match in word_matches(level.marker, text, pos, end):
                if best is not None and match.start() > best[0]:
                    break
                value = marker_value(text, match.end(), end, level)
                if value is not None:
                    written = text[match.start():value[1]] if level.keep_marker else value[0]
                    candidate = (match.start(), value[1], level, spaced(written).rstrip(".,;:") or spaced(written))
                    best = better(best, candidate)
                    break
        elif level.pattern is not None:
            if level.at_start and named_series:
                continue
            for match in word_matches(level.pattern, text, pos, end):
                if level.at_start and not opens_level(text, first, match.start(), scheme):
                    continue
                if best is None or match.start() <= best[0]:
                    best = better(best, (match.start(), match.end(), level, spaced(match.group())))
                break
    return best


def opens_level(text: str, first: int, start: int, scheme: Scheme) -> bool:
    """Where a pattern read only at a segment's start may begin: there, or after the name of the
    series it belongs to ("Central Files POL 23–8 CYP")."""
    if start == first:
        return True
    free = scheme.free
    before = text[first:start].strip()
    return free is not None and bool(before) and free.series.search(before) is not None and ":" not in before


def better(best: tuple[int, int, Level, str] | None, candidate: tuple[int, int, Level, str]
           ) -> tuple[int, int, Level, str]:
    if best is None or candidate[0] < best[0] or (candidate[0] == best[0] and candidate[1] > best[1]):
        return candidate
    return best


def marker_value(text: str, pos: int, end: int, level: Level) -> tuple[str, int] | None:
    """A marker's value (as stored) and where it ends; None when no value follows."""
    start = skip_space(text, pos, end)
    if start == pos and start < end and text[start].isalnum():
        return None
    pattern = level.value or TOKEN_WITH_DIGIT
    match = pattern.match(text, start, end)
    if not match or not match.group().strip() or (match.end() < len(text) and text[match.end()].isalnum()
                                                  and text[match.end() - 1].isalnum()):
        return None
    value = match.group().strip(SEGMENT_TRIM + QUOTE_MARKS).strip()
    if not value:
        return None
    return spaced(value), match.end()


def chunk_items(text: str, start: int, end: int, segment: int, free: Free) -> list[Item]:
    """The unmarked words of ``text[start:end]`` as one item (none when blank)."""
    raw = text[start:end]
    stripped = raw.strip(CHUNK_TRIM)
    if not stripped or not any(char.isalnum() for char in stripped):
        return []
    begin = start + raw.index(stripped)
    finish_at = begin + len(stripped)
    while begin < finish_at and text[begin] in "([" and text.count(")", begin, finish_at) + text.count(
            "]", begin, finish_at) <= text.count("(", begin + 1, finish_at) + text.count("[", begin + 1, finish_at):
        begin += 1  # an opening bracket whose closing one is not in the chunk
    while finish_at > begin and text[finish_at - 1] in ")]" and not has_opening(text, begin, finish_at - 1):
        finish_at -= 1
    connectors = free.connectors.match(text, begin, finish_at)
    if connectors and connectors.end() > begin:
        begin = connectors.end()
    trailing = TRAILING_CONNECTOR.search(text, begin, finish_at)  # "“1992 Advisory …” in Box 1"
    if trailing and trailing.start() > begin:
        finish_at = trailing.start()
    chunk = text[begin:finish_at].strip(CHUNK_TRIM)
    if not chunk:
        return []
    begin = text.index(chunk, begin)
    finish_at = begin + len(chunk)
    if free.before_number.fullmatch(chunk) and text[finish_at:finish_at + 2].strip()[:1].isdigit():
        return []  # "File 123 H 43": the number is the level
    located = YEAR_THEN_IN.match(text, begin, finish_at)
    if located and located.end() < finish_at:  # "December 20, 1955 in “Historians …,” Box 188": a date, then the place
        return [Item("date", begin, located.end("year"), segment, value=located["year"])] + chunk_items(
            text, located.end(), finish_at, segment, free)
    closing = CLOSING_QUOTE.search(text, begin + 1, finish_at) if chunk[:1] in OPENING_QUOTES else None
    if closing and closing.end() < finish_at:  # "“Report by the Historian …,” July 1984": a title, then a date
        return chunk_items(text, begin, closing.end(), segment, free) + chunk_items(text, closing.end(), finish_at,
                                                                                  segment, free)
    return [Item(classify(chunk, free), begin, finish_at, segment, value=spaced(chunk.strip(QUOTE_MARKS + ",. ")),
                 quoted=chunk[:1] in OPENING_QUOTES)]


CLOSING_QUOTE = re.compile(r"[”»\"]")
TOWN = re.compile(r"[A-Z][a-z]{2,}")  # a town's name: "Oxford"
YEAR_THEN_IN = re.compile(r"(?P<year>(?:1[5-9]|20)[0-9]{2})[ \t]+(?:in|at)[ \t]+(?=\S)")
TRAILING_CONNECTOR = re.compile(r"\s+(?:all\s+in|both\s+in|in|and)\s*$")


def has_opening(text: str, start: int, close: int) -> bool:
    char = text[close]
    opening = "(" if char == ")" else "["
    return text.count(opening, start, close) > text.count(char, start, close)


def classify(chunk: str, free: Free) -> str:
    """What an unmarked chunk is: a name, a year, a number, a date, a place, a repository, or
    prose that ends the archival part."""
    bare = chunk.strip(QUOTE_MARKS + CHUNK_TRIM)
    if not bare:
        return "stop"
    if URL.match(bare):
        return "stop"
    if YEAR_ONLY.fullmatch(bare):
        return "year"
    if NUMBER_ONLY.fullmatch(bare):
        return "number"
    if is_place(bare, free.places):
        return "place"
    if free.repository_parts.match(bare) or is_repository(bare, free):
        return "repository"
    if chunk[:1] not in QUOTE_MARKS and DATE.search(bare):
        return "date"
    if CORRESPONDENTS.fullmatch(bare):
        return "stop"
    if not (bare[:1].isupper() or bare[:1].isdigit() or chunk[:1] in QUOTE_MARKS or bare[:1] in "[#"):
        return "prose"
    words = bare.split()
    if len(words) > free.max_words or sum(word[:1].islower() and word not in NAME_WORDS for word in words) >= 2:
        return "prose"  # "Fish’s correspondence with Sumner as contained in the Charles Sumner Papers"
    if chunk[:1] not in QUOTE_MARKS and any(word in free.verbs for word in words):
        return "prose"  # "Records of the Historical Office are in RG 59": the subject of a sentence
    return "name"


def is_repository(name: str, free: Free) -> bool:
    """A chunk that is a repository's name: the table's ("NA", "Harvard University"), perhaps with
    a part of it ("Library of Congress, Manuscript Division") or a place."""
    match = repositories().alias.match(name)
    if match is None:
        run = next((m for m in word_matches(repositories().alias, name) if key(m.group()) in repositories().generic),
                   None)
        return bool(run) and not free.not_repository.search(name) and CAPITALISED_RUN.fullmatch(name) is not None
    rest = name[match.end():].strip(CHUNK_TRIM)
    return not rest or bool(free.repository_parts.match(rest)) or is_place(rest, free.places)


# --- free order: walking the items ------------------------------------------------------------

@dataclass(slots=True)
class Walk:
    reading: Reading
    last: str | None = None  # the field filled last
    last_name: tuple[str, int, int] | None = None  # the field the last name filled, where it began, its segment
    box_ahead: bool = False  # a box or folder is written further on: a name before it is not the folder


def walk_forward(text: str, items: list[Item], scheme: Scheme) -> Reading:
    free = scheme.free
    assert free is not None
    items = merge_series(text, items, scheme)
    walk = Walk(Reading())
    boxes = [k for k, item in enumerate(items) if item.kind == "level" and item.level is not None
             and item.level.field in ("box", "folder")]
    i = 0
    while i < len(items):
        item = items[i]
        walk.box_ahead = bool(boxes) and boxes[-1] > i
        if item.kind == "level":
            if not fill(text, walk, item):
                break
            i += 1
            if item.level is not None and item.level.field in free.title_after and free.title \
                    and free.title not in walk.reading.values:
                i = read_title(text, items, i, walk, scheme)
            continue
        if item.kind == "name":
            if walk.last == "file":  # "711.94/2045, Hornbeck to Welles": prose after a file
                break
            if not assign_name(text, item, scheme, walk.reading, names_lot(items, i), walk):
                break
        elif item.kind == "year":
            if not join_year(text, walk, item.end):
                break
        elif item.kind == "number":
            if not fill_number(text, walk, item, scheme):
                break
        elif item.kind in ("place", "repository"):
            pass
        else:
            break
        i += 1
    return walk.reading


def walk_backward(text: str, items: list[Item], scheme: Scheme, reading: Reading) -> None:
    """Read ``items`` from the last to the first: the levels written before the repository."""
    free = scheme.free
    assert free is not None
    items = merge_series(text, items, scheme)
    walk = Walk(reading)
    year_end: int | None = None
    for i in range(len(items) - 1, -1, -1):
        item = items[i]
        if item.kind == "level":
            if not fill(text, walk, item):
                break
        elif item.kind == "year":
            if i == 0 or items[i - 1].kind not in ("name",):
                break
            year_end = item.end if year_end is None else year_end
            continue
        elif item.kind == "name":
            if year_end is not None:
                item = Item("name", item.start, year_end, item.segment,
                            value=spaced(text[item.start:year_end]), quoted=item.quoted)
            slot = free.title if item.quoted and walk.last in free.title_before else names_lot(items, i)
            if slot in reading.values:  # "“1992 Advisory Committee & Legislation Materials” in Box 1"
                slot = None
            if not assign_name(text, item, scheme, reading, slot, walk):
                break
        elif item.kind == "number":
            previous = items[i - 1] if i else None
            if previous is not None and previous.kind == "level" and previous.level is not None:
                walk.last = previous.level.field
            if not fill_number(text, walk, item, scheme):
                break
        elif item.kind in ("place", "repository"):
            pass
        elif item.kind == "prose":
            salvage = TRAILING_COLLECTION.search(text, item.start, item.end)
            if salvage and "collection" not in reading.values:
                reading.values["collection"] = spaced(salvage.group())
                note_span(walk, item.segment, salvage.start(), salvage.end())
            break
        else:
            break
        year_end = None


def names_lot(items: list[Item], i: int) -> str | None:
    """"series" for the name of a lot file, written just before its number ("Kogan Papers Lot File
    83D230", "S/P Files: Lot 64 D 563"), though it may read like a collection's."""
    after = items[i + 1] if i + 1 < len(items) else None
    if after is not None and after.kind == "level" and after.segment == items[i].segment \
            and after.level is not None and after.level.field == "lot" and not after.in_brackets:
        return "series"
    return None


def merge_series(text: str, items: list[Item], scheme: Scheme) -> list[Item]:
    """One series from the names after "Entry …:" up to the next level, and from the names before
    a lot in brackets back to the last level ("Bureau of Public Affairs, Office of the Historian,
    Paul Claussen Files, 1976–1979 (Lot File 13D284)")."""
    merged: list[Item] = []
    i = 0
    while i < len(items):
        item = items[i]
        merged.append(item)
        if item.kind == "level" and item.colon_after and item.level is not None and item.level.field == "entry":
            j = i + 1
            while j < len(items) and items[j].kind != "level":
                j += 1
            if j > i + 1:
                merged.append(series_item(text, items[i + 1], items[j - 1]))
                i = j
                continue
        i += 1
    out: list[Item] = []
    for item in merged:
        if item.kind == "level" and item.in_brackets and item.level is not None and item.level.field == "lot":
            k = len(out)
            while k > 0 and out[k - 1].kind != "level" and out[k - 1].kind not in ("repository",):
                k -= 1
            if k < len(out) and out[k].kind != "stop":
                first, last = out[k], out[-1]
                del out[k:]
                out.append(series_item(text, first, last))
        out.append(item)
    return out


def series_item(text: str, first: Item, last: Item) -> Item:
    written = text[first.start:last.end].strip(CHUNK_TRIM + " (")
    return Item("name", first.start, first.start + len(written), first.segment, value=spaced(written))


def fill(text: str, walk: Walk, item: Item) -> bool:
    """Store a level; False when its field is filled already (a second file: another citation)."""
    level = item.level
    assert level is not None
    reading = walk.reading
    if level.field == "folios":
        if reading.folios is not None:
            return False
        reading.folios = item.value
    else:
        if level.field in reading.values:
            return False
        reading.values[level.field] = item.value
    if level.weak:
        reading.published_like = True
    else:
        reading.marked.add(level.field)
    walk.last = level.field
    walk.last_name = None
    note_segment(walk, item)
    return True


def note_segment(walk: Walk, item: Item) -> None:
    note_span(walk, item.segment, item.start, item.end)


def note_span(walk: Walk, segment: int, start: int, end: int) -> None:
    """Record that ``text[start:end]`` of a segment gave a level: the path shows it as written."""
    span = walk.reading.spans.get(segment)
    walk.reading.spans[segment] = (min(span[0], start), max(span[1], end)) if span else (start, end)


def assign_name(text: str, item: Item, scheme: Scheme, reading: Reading, slot: str | None,
                walk: Walk | None = None) -> bool:
    """Give a name to its field: a collection, a named series, a quoted title, else the next slot."""
    free = scheme.free
    assert free is not None
    name = item.value.strip(QUOTE_MARKS + CHUNK_TRIM)
    if not name:
        return True
    values = reading.values
    if free.call_number.match(name) and "collection" in values and walk is not None and walk.last_name \
            and walk.last_name[0] == "collection":  # "Bryton Barron Papers, Ax 463"
        values["collection"] = spaced(text[walk.last_name[1]:item.end])
        note_segment(walk, item)
        return True
    if slot is None:
        titled = ":" in name  # "Foreign Relations of the United States: Diplomatic Papers": a publication's title
        if free.collection.search(name) and not titled:
            slot = "collection"
        elif free.series.search(name) and not titled:
            slot = next((s for s in free.series_slots if s not in values), None)
        elif item.quoted and free.quoted:
            slot = free.quoted
        if slot is None or slot in values:
            slot = next((s for s in free.slots if s not in values and not (s == free.title and walk is not None
                                                                            and walk.box_ahead)), None)
    if slot is None or slot in values:
        if walk is None:
            return False
        walk.last, walk.last_name = None, None  # more names than fields: kept in the path only
        note_segment(walk, item)
        return True
    values[slot] = name
    if walk is not None:
        walk.last = slot
        walk.last_name = (slot, item.start, item.segment)
        note_segment(walk, item)
    return True


def join_year(text: str, walk: Walk, end: int) -> bool:
    """"Embassy Moscow Classified General Records, 1941–1963": the years belong to the name."""
    if walk.last_name is None:
        return False
    slot, start, segment = walk.last_name
    walk.reading.values[slot] = spaced(text[start:end].strip(CHUNK_TRIM + QUOTE_MARKS))
    note_span(walk, segment, start, end)
    return True


def fill_number(text: str, walk: Walk, item: Item, scheme: Scheme) -> bool:
    """A bare number: the page after a volume ("Volume 17, 141"), the folder after a box ("Box 16,
    6"), else a file number after a series ("… Chron File, 8505121")."""
    free = scheme.free
    assert free is not None
    target = free.number_after.get(walk.last or "")
    if target is None and walk.last in free.slots + ("collection",):
        target = "file"
    if target is None:
        return False
    if target == "folios":
        if walk.reading.folios is not None:
            return False
        walk.reading.folios = item.value
    elif target in walk.reading.values:
        return False
    else:
        walk.reading.values[target] = item.value
    walk.last = target
    walk.last_name = None
    note_segment(walk, item)
    return True


def read_title(text: str, items: list[Item], i: int, walk: Walk, scheme: Scheme) -> int:
    """The unlabelled title after a box (or container, lot): the rest up to the next level, commas
    and dates included ("Box 8, Yalta-Malta Papers, etc. 1955"). Returns the next item's index."""
    free = scheme.free
    assert free is not None and free.title is not None
    j = i
    while j < len(items):
        item = items[j]
        if item.kind == "level" and item.level is not None and not (item.level.weak and item.level.field != "folios"):
            break
        if item.kind == "repository" or (item.kind == "stop" and URL.match(text, item.start)):
            break
        if item.kind == "prose" and len(item.value.split()) >= PROSE_WORDS:  # "FRG invited the West German …"
            lead = CAPITALISED_WORDS.match(item.value)
            if j == i and lead:
                items[j] = Item("name", item.start, item.start + len(lead.group()), item.segment,
                                value=lead.group())
                j += 1
            break
        j += 1
    while j > i and items[j - 1].kind in ("place",):
        j -= 1
    if j == i:
        return i
    if j < len(items) and items[j].kind == "repository" and any(item.kind == "date" for item in items[i:j]):
        j = cut_before_next_citation(text, items, i, j)  # "Minutes 1985 and Kennedy interview with …, May 26, 1989, Library of …"
        if j == i:
            return i
    first = items[i]
    if j - i >= 2 and first.kind == "name" and first.value[:1].isalpha() and free.series.search(first.value) \
            and not free.collection.search(first.value):
        slot = next((s for s in free.series_slots if s not in walk.reading.values), None)
        if slot is not None:  # "Box 337, Subject Files, HAK/Richardson Meetings, …"
            walk.reading.values[slot] = first.value.strip(QUOTE_MARKS)
            note_segment(walk, first)
            i += 1
            first = items[i]
    title = text[first.start:items[j - 1].end].strip(CHUNK_TRIM)
    if title[:1] in QUOTE_MARKS and title[-1:] in QUOTE_MARKS:
        title = title[1:-1].strip(CHUNK_TRIM)
    if not title:
        return j
    walk.reading.values[free.title] = spaced(title)
    walk.last = free.title
    walk.last_name = None
    for item in items[i:j]:  # the title, commas and all, is one element of the path
        walk.reading.spans.pop(item.segment, None)
    note_span(walk, first.segment, first.start, items[j - 1].end)
    return j


AND_NEXT = re.compile(r"\s+and\s+")


def cut_before_next_citation(text: str, items: list[Item], i: int, j: int) -> int:
    """A title that runs on into another document and its repository ("…, Box 4, Minutes 1985
    and Charles Stuart Kennedy interview with John Burke, May 26, 1989, Library of Congress"):
    the title ends before the last "and" ahead of that document's date."""
    date = next(k for k in range(i, j) if items[k].kind == "date")
    for k in range(date - 1, i - 1, -1):
        joints = list(AND_NEXT.finditer(text, items[k].start, items[k].end))
        if joints:  # the "and" before a lower-case word ("and memorandum of …"), else the last
            joint = next((m for m in joints if text[m.end():m.end() + 1].islower()), joints[-1])
            items[k] = Item(items[k].kind, items[k].start, joint.start(), items[k].segment,
                            value=spaced(text[items[k].start:joint.start()]))
            return k + 1
    return i


def free_path(text: str, reading: Reading) -> list[str]:
    """The segments that gave levels, as written, in the order of the text."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(reading.spans.values()):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return [w for w in (spaced(text[start:end].strip(CHUNK_TRIM)) for start, end in merged) if w]


def free_implied_start(text: str, scheme: Scheme, level: Level) -> int | None:
    """Where the implied level stands (reading goes on both ways from there), or the start of its
    segment when its name comes first ("WTC Lot File 83D222", "S/P Files: Lot 64 D 563")."""
    finder = level.marker or level.pattern
    if finder is None:
        return None
    for match in word_matches(finder, text):
        if level.marker is not None and marker_value(text, match.end(), min(len(text), match.end() + 40),
                                                     level) is None:
            continue
        start = segment_start(text, match.start())
        head = text[start:match.start()].strip(CHUNK_TRIM + QUOTE_MARKS)
        if not head:  # "…, Lot File 09 D 480", "Folder “…,” Lot File 09 D 480"
            return match.start()
        if text[start - 1:start] == ".":  # a sentence's first words: prose, not the level's name
            continue
        if LOCATIVE_END.search(head) and classify(head, scheme.free) == "prose":
            return match.start()  # "The minutes are in Lot 62 D 181": a sentence that locates them
        if head[:1].isupper() and len(head.split()) <= 6 and not DATE.search(head):
            return start
    return None


LOCATIVE_END = re.compile(r"\s(?:in|at|into)$")


# --- the levels a list names one after another --------------------------------------------------

def level_opening(text: str) -> str | None:
    """The field of the marked level that opens ``text`` in the American schemes ("Lot 64 D 199,
    Box 3" → "lot"), or None."""
    for level in free_levels():
        if level.marker is None or level.weak:
            continue
        match = level.marker.match(text)
        if match and (match.end() == len(text) or not text[match.end()].isalnum()) \
                and marker_value(text, match.end(), min(len(text), match.end() + 60), level) is not None:
            return level.field
    return None


def level_closing(text: str, field_name: str) -> bool:
    """Whether ``text`` ends with a marked level of ``field_name`` and its value ("…: Lot 62 D 181",
    "Lot 64 D 199 (Historical Office)")."""
    text = BRACKETED_END.sub("", text.rstrip(CHUNK_TRIM)).rstrip(CHUNK_TRIM)
    for level in free_levels():
        if level.field != field_name or level.marker is None:
            continue
        for match in word_matches(level.marker, text, max(0, len(text) - 80)):
            value = marker_value(text, match.end(), len(text), level)
            if value is not None and value[1] == len(text):
                return True
    return False


@functools.cache
def free_levels() -> tuple[Level, ...]:
    """The levels of the free-order schemes, each once."""
    seen: dict[tuple[str, str], Level] = {}
    for scheme in schemes().values():
        if scheme.free is None:
            continue
        for level in scheme.levels:
            finder = level.marker or level.pattern
            if finder is not None:
                seen.setdefault((level.field, finder.pattern), level)
    return tuple(seen.values())


# --- a citation that lists one more folder of the file located before it ------------------------

def continue_levels(text: str, previous: dict[str, Any]) -> dict[str, Any] | None:
    """The levels of a citation that only adds to the one before it in the note: one more folder
    of the same box ("Box 5, 1947–1948; 1949–1950": "1949–1950"), or another box and folder of the
    same collection ("…; Box 20, 10"). They are the previous citation's (a free-order scheme's
    fields, as ``scheme_fields`` gives them), those written here replacing theirs and the levels
    below the first one written dropped. None when ``previous`` is of no free-order scheme or
    ``text`` names a repository or holds prose."""
    scheme = schemes().get(previous.get("scheme") or "")
    if scheme is None or scheme.free is None or not isinstance(text, str):
        return None
    free = scheme.free
    items = free_items(text, 0, len(text), scheme)
    if not items or free.endings.match(" " + text.strip()) or any(  # "Secret; Exdis.": no folder
            item.kind in ("repository", "stop") or item.kind == "prose" and len(item.value.split()) >= PROSE_WORDS
            for item in items):
        return None
    if all(item.kind != "level" for item in items):  # "1949–1950", "“1992 – HAC Declassification of FRUS”"
        if free.title is None or not previous.get(free.title):
            return None
        title = text.strip(CHUNK_TRIM)
        if title[:1] in QUOTE_MARKS and title[-1:] in QUOTE_MARKS:
            title = title[1:-1].strip(CHUNK_TRIM)
        old = previous.get(free.title)
        path = [element for element in previous.get("path", []) if not holds(element, old)]
        return {free.title: spaced(title), "path": [*path, spaced(title)]}
    reading = walk_forward(text, items, scheme)
    if not reading.marked:
        return None
    order = [name for name in free.hierarchy if name in scheme.fields]
    first = min((order.index(name) for name in reading.values if name in order), default=len(order))
    kept = {name: previous.get(name) for name in order[:first]}
    dropped = {name: None for name in order[first:]}
    replaced = [previous.get(name) for name in order[first:] if previous.get(name)]
    path = [element for element in previous.get("path", [])
            if any(holds(element, value) for value in kept.values()) and not any(holds(element, value)
                                                                             for value in replaced)]
    return {**dropped, **kept, **reading.values, "path": path + free_path(text, reading)}


def written_levels(text: str, *, opening: bool = False, alone: bool = False
                   ) -> tuple[dict[str, str], list[str]] | None:
    """The American levels read from the start of ``text`` (a place whose repository is not written:
    "Folder “55D606,” Box 35, Miscellaneous Office Files, 1910–1944", "Roll 277") and their path;
    None when no marked level is among them (a volume or a page alone is none). ``opening``: only
    when a marked level opens the text (what an Ibid names anew: "Ibid., Box 5, Folder 3", not "Ibid.,
    p. 4"); ``alone``: only when the text holds nothing else ("Berle Files, Container 44")."""
    scheme = next((s for s in schemes().values() if s.free is not None), None)
    if scheme is None or not isinstance(text, str) or (alone and len(text) > MAX_ARCHIVAL_LENGTH):
        return None
    items = free_items(text, 0, min(len(text), MAX_ARCHIVAL_LENGTH), scheme)
    if not items or (opening and items[0].kind != "level"):
        return None
    if alone and any(item.kind not in ("level", "name", "year", "number") for item in items):
        return None
    reading = walk_forward(text, items, scheme)
    if not reading.marked:
        return None
    if alone and max((end for _, end in reading.spans.values()), default=0) < items[-1].end:
        return None  # the walk stopped before the end: something else is written there
    return dict(reading.values), free_path(text, reading)


def unnamed_scheme(scheme_id: str | None) -> bool:
    """No scheme, or one whose citations name no archive (papers cited by their name alone)."""
    scheme = schemes().get(scheme_id or "")
    return scheme_id is None or (scheme is not None and scheme.unnamed)


def hierarchy(scheme_id: str | None) -> tuple[str, ...]:
    """A free-order scheme's levels, outermost first (empty for another scheme)."""
    scheme = schemes().get(scheme_id or "")
    return scheme.free.hierarchy if scheme is not None and scheme.free is not None else ()


def holds(element: str, value: Any) -> bool:
    """Whether a path element holds a level's value as a whole ("Box 1" holds "1", not "10")."""
    if not isinstance(value, str) or not value:
        return False
    return re.search(rf"(?<!\w){re.escape(value)}(?!\w)", element) is not None
