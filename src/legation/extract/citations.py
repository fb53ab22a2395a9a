"""Citations inside a footnote: archival, published (series, books, articles), newspaper, Ibid.

A note is cut into citations at semicolons outside brackets; each citation is typed by the first
reader in ``READERS`` that recognises it, and one that none recognises is ``other`` with a
reason. Archive schemes and document series are data (``legation/data/archives.toml`` and
``series.toml``; back-reference words in ``backrefs.toml``): archive names, abbreviations in any
script, and the markers of hierarchy levels, volumes and pages are read from there, never spelt
here. Every pattern is compiled once, on first use. Every citation gets ``source_type``.

The readers live here and in three neighbours: ``archival`` (archives not arranged by fond /
opis / delo: NARA, TNA, PA AA, JACAR, NAA, Italian and French archives), ``works`` (published
works written the Chicago way, short forms, op. cit., ders.) and ``backrefs`` (resolving back-
references across a document, and primary vs secondary; ``resolve_back_references`` is
importable from here).

Speed: no pattern that searches a whole note starts with a look-behind or ignores case, because
either stops the regex engine from skipping ahead to the characters a match can start with (about
ten times slower on long notes). So markers are matched in the case forms ``spellings`` lists,
and a match found by searching is kept only where it begins a word (``word_matches``). Readers
that look further than a match's neighbourhood bound how far (an archival part: 600 characters;
closing pages: the last 160), so a 1 MB note costs linear time.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from legation.extract import archival, works
from legation.extract.backrefs import resolve_back_references, source_type
from legation.extract.matching import (DASH, NUMBER, YEAR, key, last_of, name_spellings, number_range, phrases,
                                       read_data, spaced, spellings, word_matches)
from legation.model import Citation

# resolve_back_references lives in backrefs.py and is part of this module's API.
__all__ = ["archival_key", "parse_note", "published_to_csl", "resolve_back_references", "tables"]

# Month names in dated citations (English, Russian, transliterated Russian, German, French).
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate((
        ("january", "jan", "января", "январь", "yanvarya", "januar", "janvier"),
        ("february", "feb", "февраля", "февраль", "fevralya", "februar", "février", "fevrier"),
        ("march", "mar", "марта", "март", "marta", "märz", "maerz", "mars"),
        ("april", "apr", "апреля", "апрель", "aprelya", "avril"),
        ("may", "мая", "май", "maya", "mai"),
        ("june", "jun", "июня", "июнь", "iyunya", "juni", "juin"),
        ("july", "jul", "июля", "июль", "iyulya", "juli", "juillet"),
        ("august", "aug", "августа", "август", "avgusta", "août", "aout"),
        ("september", "sep", "sept", "сентября", "сентябрь", "sentyabrya", "septembre"),
        ("october", "oct", "октября", "октябрь", "oktyabrya", "oktober", "octobre"),
        ("november", "nov", "ноября", "ноябрь", "noyabrya", "novembre"),
        ("december", "dec", "декабря", "декабрь", "dekabrya", "dezember", "décembre", "decembre"),
    ), start=1)
    for name in names
}
# "1939 г." / "1939 g.": the Russian "year" after a date.
YEAR_SUFFIXES = ("г.", "g.")

MAX_SCHEME_TRIES = 8  # archives of other schemes tried per citation (each reads up to 600 characters)
UNRECOGNISED = "not an archival, published, newspaper or Ibid citation"
NO_ARCHIVE = "fond, opis or delo without an archive"

ROMAN = r"(?:[IVXLC]+|[ivxlc]+)"
CAPITALISED = r"[A-ZА-ЯЁ]"


# --- the tables, read once ---------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Archive:
    id: str | None
    name: str | None
    country: str | None
    scheme: str | None = None  # None: the fond / opis / papka / delo levels


@dataclass(frozen=True, slots=True)
class Series:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Tables:
    """Everything the readers need, built from the two data files."""

    levels: tuple[str, ...]  # hierarchy fields, outermost first
    level_rank: dict[str, int]
    marker_level: dict[str, str]  # marker (as matched, or its key) -> level field
    archives: dict[str, Archive]  # alias key -> archive
    series: dict[str, Series]  # alias key -> series
    places: dict[str, str]  # place abbreviation key -> place name
    archive_alias: re.Pattern[str]
    level: re.Pattern[str]  # ". F. 0146", ", ll. 258–259": one hierarchy level or the folios
    verso: re.Pattern[str]
    ibid: re.Pattern[str]
    ibid_pages: re.Pattern[str]
    series_alias: re.Pattern[str]
    volume: re.Pattern[str]
    part: re.Pattern[str]
    series_letter: re.Pattern[str]
    pages: re.Pattern[str]
    newspaper: re.Pattern[str]
    newspaper_tail: re.Pattern[str]


@functools.cache
def tables() -> Tables:
    archives_toml, series_toml = read_data("archives.toml"), read_data("series.toml")
    folio = archives_toml["folio"]
    verso = phrases(folio["verso"])
    folio_number = rf"{NUMBER}(?:\s*{verso})?"
    folio_range = rf"{folio_number}(?:{DASH}{folio_number})?"
    numbers = rf"{folio_range}(?:\s*,\s*{folio_range})*"  # "258–259", "1 об.", "170–171, 175"
    return Tables(**archive_tables(archives_toml, numbers, verso),
                  **series_tables(series_toml, folio["markers"] + scheme_folio_markers(archives_toml), numbers,
                                  works.markers().ibid))


def scheme_folio_markers(data: dict[str, Any]) -> list[str]:
    """The folio markers of every other country's scheme: "Ibid., f. 12v", "Ebd., Bl. 5"."""
    return sorted({marker for scheme in data.get("scheme", []) for marker in scheme["folio"]["markers"]})


def archive_tables(data: dict[str, Any], numbers: str, verso: str) -> dict[str, Any]:
    levels = tuple(level["field"] for level in data["level"])
    markers = {m: level["field"] for level in data["level"] for m in level["markers"]}
    aliases = {alias: a for a in data["archive"] for alias in [a["id"], *a["aliases"]]}
    # a level's value: "0146", "P-4459", "803a", or a name ("F. Yaponskii stol")
    identifier = r"(?:[\w/-]*[0-9][\w/-]*|[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){0,3})"
    return {
        "levels": levels,
        "level_rank": {level: rank for rank, level in enumerate(levels)},
        "marker_level": {form: level for marker, level in markers.items()
                         for form in [*spellings(marker), key(marker)]},
        "archives": {key(alias): Archive(a["id"], a["name"], a["country"], a.get("scheme"))
                     for alias, a in aliases.items()},
        "archive_alias": re.compile(phrases(list(aliases), name_spellings)),
        # separators, then one level or the folios; only ever matched where a level may stand
        "level": re.compile(rf"[\s.,:]*(?:(?P<folio_marker>{phrases(data['folio']['markers'])})"
                            rf"\s*(?P<folios>{numbers})|(?P<marker>{phrases(list(markers))})\s*(?P<id>{identifier}))"),
        "verso": re.compile(rf"[0-9]\s*{verso}"),
    }


def series_tables(data: dict[str, Any], folio_markers: list[str], numbers: str, ibid: list[str]) -> dict[str, Any]:
    markers = data["markers"]
    aliases = {alias: s for s in data["series"] for alias in [s["id"], *s["aliases"]]}
    page = phrases(markers["page"])
    series = phrases(markers["series"])
    month = r"[^\W\d_]{3,12}\.?"  # checked against MONTHS afterwards: cheaper than 90 alternatives
    return {
        "series": {key(alias): Series(s["id"], s["name"]) for alias, s in aliases.items()},
        "places": {key(abbreviation): name for abbreviation, name in data["places"].items()},
        "series_alias": re.compile(phrases(list(aliases), name_spellings)),
        "ibid": re.compile(rf"{phrases(ibid)}[\s.,:]*(?P<bare>{numbers}(?=[\s.,]*$))?"),
        "ibid_pages": re.compile(rf"{phrases(markers['page'] + folio_markers)}\s*(?P<pages>{numbers})"),
        "volume": re.compile(rf"{phrases(markers['volume'])}\s*"
                             rf"(?P<volume>{ROMAN}(?:{DASH}{ROMAN})?|[0-9]+[a-zа-я]?(?:{DASH}[0-9]+)?)(?!\w)"),
        "part": re.compile(rf"{phrases(markers['part'])}\s*(?P<part>(?:[0-9]+|{ROMAN})(?:\s*\([0-9]+\))?)(?!\w)"),
        "series_letter": re.compile(rf"{series}\s+(?P<letter>[A-Z0-9]{{1,2}})(?!\w)"
                                    rf"|(?P<ordinal>{phrases(markers['series_ordinal'])})\s+{series}"),
        "pages": re.compile(rf"{page}\s*(?P<pages>{numbers})"),
        # the title runs to the date's first digit (titles hold none); the date is one of four forms
        "newspaper": re.compile(
            rf"(?P<title>[^\W\d_][^;\d]{{0,150}})[\s.,:]+(?P<date>(?:"
            rf"(?P<num_d>[0-9]{{1,2}})\.(?P<num_m>[0-9]{{1,2}})\.(?P<num_y>[0-9]{{4}})"
            rf"|(?P<iso_y>[0-9]{{4}})-(?P<iso_m>[0-9]{{2}})-(?P<iso_d>[0-9]{{2}})"
            rf"|(?P<dm_d>[0-9]{{1,2}})\.?\s+(?P<dm_month>{month})\s+(?P<dm_y>[0-9]{{4}})"
            rf"|(?P<md_month>{month})\s+(?P<md_d>[0-9]{{1,2}}),?\s+(?P<md_y>[0-9]{{4}})"
            rf")(?![0-9])(?:\s*{phrases(YEAR_SUFFIXES)})?)"),
        "newspaper_tail": re.compile(
            rf"(?:[\s.,]*{phrases(markers['issue'])}\s*(?P<issue>{NUMBER}[\w/-]{{0,12}}))?"
            rf"(?:[\s.,]*{page}\s*(?P<pages>{numbers}))?[\s.,]*"),
    }


# Patterns that need no table.
SERIES_YEAR = re.compile(rf"(?P<year>{YEAR}(?:{DASH}(?:[0-9]{{4}}|[0-9]{{2}})(?![0-9]))?)")
BARE_VOLUME = re.compile(r"[\s.,:]*(?P<volume>[IVXLC]+)(?=[\s.,:]|$)")  # "FRUS 1941, IV, pp. 12–14"
# The imprint of a published work: "Washington: United States Government Printing Office, 1956",
# "M., 1992". It opens a sentence; the place is capitalised words, a full stop only at the end.
PLACE_WORD = rf"{CAPITALISED}[\w'’-]{{0,40}}(?:\.{CAPITALISED}[\w'’-]{{0,40}}){{0,3}}"
IMPRINT = (rf"\s*(?P<place>{PLACE_WORD}(?:[ \t]+{PLACE_WORD}){{0,2}}\.?)"
           rf"(?:\s*:\s*(?P<publisher>[^,;:]{{1,120}}?))?\s*,\s*(?P<year>{YEAR})(?!{DASH}[0-9])")
IMPRINT_AFTER_STOP = re.compile(rf"[.:/]{IMPRINT}")
IMPRINT_AT_START = re.compile(IMPRINT)
INITIAL = r"[A-ZА-ЯЁ][a-zа-яё]{0,2}\."
AUTHOR = re.compile(rf"(?P<author>{CAPITALISED}[\w'’-]+,?\s+(?:{INITIAL}\s*){{1,3}}"  # Molodyakov V. E.
                    rf"|(?:{INITIAL}\s*){{1,3}}{CAPITALISED}[\w'’-]+(?=[.,]))")  # V. E. Molodyakov,
# An archive the table does not list is named by an abbreviation: two capitals or more in a word.
ABBREVIATION = re.compile(rf"{CAPITALISED}[\w-]*?{CAPITALISED}[\w-]*")
NAME_WORD = re.compile(r"[\w-]+")
SPLIT_POINTS = re.compile(r"[;()\[\]]")
VOLUME_TITLE_LEAD = re.compile(r"\s*[,:]\s*")
SENTENCE_END = re.compile(r"\.(?:\s|$)")
DIGIT = re.compile("[0-9]")


# --- cutting a note into citations -------------------------------------------------------

def citation_spans(note: str) -> list[tuple[int, int]]:
    """(start, end) of each citation, whitespace trimmed, empty ones left out."""
    cuts = top_level_semicolons(note)
    spans = []
    for start, end in zip([0] + [c + 1 for c in cuts], cuts + [len(note)]):
        piece = note[start:end]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + lead + len(stripped)))
    return spans


def top_level_semicolons(note: str) -> list[int]:
    """Semicolons outside () and []; if the brackets do not balance, every semicolon."""
    if ";" not in note:
        return []
    cuts, all_cuts, depth = [], [], 0
    for mark in SPLIT_POINTS.finditer(note):
        char = mark.group()
        if char == ";":
            all_cuts.append(mark.start())
            if depth == 0:
                cuts.append(mark.start())
        elif char in "([":
            depth += 1
        else:
            depth = max(0, depth - 1)
    return all_cuts if depth else cuts


# --- the public API ----------------------------------------------------------------------

def parse_note(text: str) -> list[Citation]:
    """The citations in one note's text, in order; never raises."""
    if not isinstance(text, str):
        return []
    context = NoteContext(tables())
    citations = []
    for start, end in citation_spans(text):
        own = text[start:end]
        kind, fields = read_citation(own, context)
        fields["source_type"] = source_type(kind, fields)
        citations.append(Citation(kind=kind, text=own, start=start, end=end, fields=fields))
    return citations


def published_to_csl(c: Citation) -> dict[str, Any]:
    """A CSL-JSON item for a published citation (a volume of a series, or a book)."""
    if c.kind != "published":
        raise ValueError(f"not a published citation: {c.kind}")
    f = c.fields
    place = f.get("place")
    optional = {
        "author": [csl_name(f["author"])] if f.get("author") else None,
        "collection-title": f.get("series_name"),
        "collection-number": f.get("series_letter"),
        "volume": f.get("volume"),
        "part-number": f.get("part"),
        "page": f.get("pages"),
        "publisher": f.get("publisher"),
        "publisher-place": tables().places.get(key(place), place) if place else None,
        "issued": {"date-parts": [[f["publication_year"]]]} if f.get("publication_year") else None,
    }
    item: dict[str, Any] = {"type": "book", "title": csl_title(f)}
    item.update((name, value) for name, value in optional.items() if value)
    return item


def archival_key(c: Citation) -> tuple:
    """(archive, fond, opis, papka, delo): one archive file, whichever script or spelling cited it.

    The archive is the scheme's canonical id (the abbreviation as written when the archive is
    not in the table); an Ibid that repeats an archival citation has that citation's key.
    """
    resolved = c.fields.get("resolved")
    if c.kind == "ibid" and isinstance(resolved, Citation):
        c = resolved
    if c.kind != "archival":
        raise ValueError(f"not an archival citation: {c.kind}")
    f = c.fields
    levels = archival.scheme_key(f["scheme"], f) if f.get("scheme") else (f.get(level) for level in tables().levels)
    return (f.get("archive_id") or f.get("archive"), *levels)


# --- typing one citation -----------------------------------------------------------------

Outcome = tuple[str, dict[str, Any]] | str | None  # (kind, fields), or why it is not this kind


@dataclass(slots=True)
class NoteContext:
    tables: Tables
    previous_archival: dict[str, Any] | None = None  # for "…; D. 14. L. 5" in the same note


def read_citation(text: str, context: NoteContext) -> tuple[str, dict[str, Any]]:
    reason = None
    for reader in READERS:
        outcome = reader(text, context)
        if isinstance(outcome, tuple):
            if outcome[0] == "archival":
                context.previous_archival = outcome[1]
            return outcome
        reason = reason or outcome
    return "other", {"reason": reason or UNRECOGNISED}


def read_ibid(text: str, context: NoteContext) -> Outcome:
    """"Ibid. P. 66.", "Там же. Л. 171 об.": the pages (or folios) are all it adds."""
    t = context.tables
    ibid = t.ibid.match(text)
    if not ibid:
        return None
    marked = last_of(word_matches(t.ibid_pages, text, ibid.end()))
    pages = marked["pages"] if marked else ibid["bare"]
    first, last = number_range(pages)
    return "ibid", {"pages": pages, "page_first": first, "page_last": last,
                    "verso": bool(pages and t.verso.search(pages)), "resolved": None}


# -- archival

@dataclass(slots=True)
class Levels:
    """The hierarchy levels read from a citation, as written."""

    values: dict[str, str]
    path: list[str]
    folios: str | None


def read_levels(text: str, pos: int, t: Tables) -> Levels:
    """Levels from ``pos`` on, outermost first, until something else comes or the order breaks."""
    values: dict[str, str] = {}
    path: list[str] = []
    rank = -1
    while level := t.level.match(text, pos):
        if level["folios"] is not None:  # folios close the citation
            return Levels(values, path, level["folios"])
        marker = level["marker"]
        name = t.marker_level.get(marker) or t.marker_level.get(key(marker))
        if name is None or t.level_rank[name] <= rank:
            break
        rank = t.level_rank[name]
        values[name] = level["id"]
        path.append(spaced(text[level.start("marker"):level.end()]))
        pos = level.end()
    return Levels(values, path, None)


def read_listed_archive(text: str, context: NoteContext) -> Outcome:
    """"AVP RF. F. 0146. Op. 22. Pap. 192. D. 13. L. 258–259.": an archive the table lists."""
    t = context.tables
    reason = None
    scheme_tries = 0
    for alias in word_matches(t.archive_alias, text):
        archive = t.archives.get(key(alias.group()))
        if archive and archive.scheme:
            if scheme_tries == MAX_SCHEME_TRIES:  # so many archives named without a file: prose
                continue
            scheme_tries += 1
            scheme = archival.schemes()[archive.scheme]
            reading = archival.read_scheme_levels(text, alias.end(), scheme)
            if reading.found_a_level(scheme):
                return "archival", scheme_citation_fields(spaced(alias.group()), archive, scheme, reading, t)
            reason = reason or f"archive {spaced(alias.group())} named without a file or folios"
            continue
        levels = read_levels(text, alias.end(), t)
        if archive and levels.values:
            return "archival", archival_fields(spaced(alias.group()), archive, levels.values, levels, t)
        reason = reason or f"archive {spaced(alias.group())} named without fond, opis or delo"
    return reason


def read_implied_archive(text: str, context: NoteContext) -> Outcome:
    """"RG 59, Central Decimal File 761.94/1123", "FO 371/23561": a level that names its archive."""
    t = context.tables
    for scheme in archival.schemes().values():
        start = archival.implied_start(text, scheme)
        archive = t.archives.get(key(scheme.archive)) if scheme.archive else None
        if start is None or archive is None:
            continue
        reading = archival.read_scheme_levels(text, start, scheme)
        if reading.found_a_level(scheme):
            fields = scheme_citation_fields(archive.id or "", archive, scheme, reading, t)
            return "archival", fields | {"archive_implied": True}
    return None


def scheme_citation_fields(written: str, archive: Archive, scheme: archival.Scheme, reading: archival.Reading,
                           t: Tables) -> dict[str, Any]:
    """The common archival fields (the fond-based levels null, as the contract requires them),
    then the scheme's own levels."""
    return {
        "archive": written,
        "archive_id": archive.id,
        "archive_name": archive.name,
        "country": archive.country,
        **dict.fromkeys(t.levels),
        **archival.scheme_fields(scheme, reading),
    }


def read_continued_archive(text: str, context: NoteContext) -> Outcome:
    """"D. 14. L. 5" after an archival citation in the same note: the levels not written repeat it."""
    t, previous = context.tables, context.previous_archival
    levels = read_levels(text, 0, t)
    if not (levels.values or levels.folios):
        return None
    if previous is None:  # "F. 12. Op. 3. D. 4" names a file but not its archive ("Op. cit." does not)
        return NO_ARCHIVE if sum(bool(DIGIT.search(value)) for value in levels.values.values()) > 1 else None
    first_written = min((t.level_rank[name] for name in levels.values), default=len(t.levels))
    values = {name: previous[name] for name in t.levels[:first_written]} | levels.values
    archive = Archive(previous["archive_id"], previous["archive_name"], previous["country"])
    return "archival", archival_fields(previous["archive"], archive, values, levels, t)


def read_unlisted_archive(text: str, context: NoteContext) -> Outcome:
    """"GAKhK. F. 1. Op. 2. D. 3. L. 4.": an archive the table does not know, kept as written."""
    t = context.tables
    for abbreviation in word_matches(ABBREVIATION, text):
        levels = read_levels(text, abbreviation.end(), t)
        if len(levels.values) > 1:  # one "D." alone is likelier an initial than an archive file
            name = name_before(text[:abbreviation.end()])
            return "archival", archival_fields(name, Archive(None, None, None), levels.values, levels, t)
    return None


def name_before(prefix: str) -> str:
    """The capitalised words that end ``prefix``: "TsGA SPb" in "Report. TsGA SPb"."""
    words: list[str] = []
    for word in reversed(prefix.split()[-4:]):
        if not (word[0].isupper() and NAME_WORD.fullmatch(word)):
            break
        words.insert(0, word)
    return " ".join(words)


def archival_fields(written: str, archive: Archive, values: dict[str, str], levels: Levels,
                    t: Tables) -> dict[str, Any]:
    first, last = number_range(levels.folios)
    return {
        "archive": written,
        "archive_id": archive.id,
        "archive_name": archive.name,
        "country": archive.country,
        **{name: values.get(name) for name in t.levels},
        "folios": levels.folios,
        "folio_first": first,
        "folio_last": last,
        "verso": bool(levels.folios and t.verso.search(levels.folios)),
        "path": levels.path,
    }


# -- published

def read_series(text: str, context: NoteContext) -> Outcome:
    """"FRUS, 1939. Vol. III, the Far East. Washington: …, 1955. P. 51.": a volume of a series."""
    t = context.tables
    alias = next(word_matches(t.series_alias, text), None)
    series = t.series.get(key(alias.group())) if alias else None
    if series is None:
        return None
    details, head_end = published_details(text, alias.end(), t)
    year = SERIES_YEAR.search(text, alias.end(), head_end)
    if details["volume"] is None:
        bare = BARE_VOLUME.match(text, year.end() if year else alias.end(), head_end)
        if bare:
            details.update(volume=bare["volume"], volume_title=volume_title(text, bare.end(), head_end))
    return "published", published_fields(series, year["year"] if year else None, details)


def read_book(text: str, context: NoteContext) -> Outcome:
    """"Molodyakov V. E. Rossiya i Yaponiya. M., 2012. P. 425.": a book with its imprint."""
    if last_imprint(text, 0) is None:
        return None
    author = AUTHOR.match(text)
    title_start = author.end() if author else 0
    details, title_end = published_details(text, title_start, context.tables)
    title = text[title_start:title_end].strip(" \t.,:;/")
    if not title:
        return None
    return "published", published_fields(None, None, details, author["author"].strip() if author else None, title)


def published_details(text: str, pos: int, t: Tables) -> tuple[dict[str, Any], int]:
    """Volume, part, series letter, imprint and pages after ``pos``; and where the first begins."""
    volume = next(word_matches(t.volume, text, pos), None)
    part = next(word_matches(t.part, text, pos), None)
    letter = next(word_matches(t.series_letter, text, pos), None)
    imprint = last_imprint(text, pos)
    pages = last_of(word_matches(t.pages, text, pos))
    starts = [m.start() for m in (volume, part, letter, imprint, pages) if m]
    first_page, last_page = number_range(pages["pages"] if pages else None)
    details = {
        "volume": volume["volume"] if volume else None,
        "series_letter": (letter["letter"] or letter["ordinal"]) if letter else None,
        "part": part["part"] if part else None,
        "volume_title": volume_title(text, volume.end(), *starts) if volume else None,
        "pages": pages["pages"] if pages else None,
        "page_first": first_page,
        "page_last": last_page,
        "place": imprint["place"].strip() if imprint else None,
        "publisher": imprint["publisher"].strip() if imprint and imprint["publisher"] else None,
        "publication_year": int(imprint["year"]) if imprint else None,
    }
    return details, min(starts, default=len(text))


def last_imprint(text: str, pos: int) -> re.Match[str] | None:
    """The last "Place: Publisher, Year" after ``pos``: a later one is the cited work's own."""
    return last_of(IMPRINT_AFTER_STOP.finditer(text, pos)) or IMPRINT_AT_START.match(text, pos)


def volume_title(text: str, pos: int, *boundaries: int) -> str | None:
    """"the Far East" in "Vol. III, the Far East. Washington…": up to the sentence's end."""
    lead = VOLUME_TITLE_LEAD.match(text, pos)
    if not lead:
        return None
    end = SENTENCE_END.search(text, lead.end())
    stop = min([b for b in boundaries if b >= lead.end()] + [end.start() if end else len(text)])
    return text[lead.end():stop].strip(" \t.,:;") or None


def published_fields(series: Series | None, year: str | None, details: dict[str, Any],
                     author: str | None = None, title: str | None = None) -> dict[str, Any]:
    return {
        "series": series.id if series else None,
        "series_name": series.name if series else None,
        "year": year,
        **details,
        "author": author,
        "title": title,
    }


def read_work(text: str, context: NoteContext) -> Outcome:
    """"V. E. Molodyakov, Rossiya i Yaponiya (Moscow: AIRO-XXI, 2012), p. 425." and short forms."""
    work = works.read_work(text)
    return ("published", work_fields(work)) if work else None


def read_earlier_work(text: str, context: NoteContext) -> Outcome:
    """"Molodyakov, op. cit., p. 12": resolved later to that author's earlier citation."""
    work = works.read_earlier_work(text)
    return ("published", work_fields(work)) if work else None


def read_same_author(text: str, context: NoteContext) -> Outcome:
    """"Ders., Podlinnaya istoriya (Moscow, 2005)": a work by the author of the citation before."""
    lead = works.read_same_author(text)
    if lead is None:
        return None
    marker, pos = lead
    work = works.read_title_onwards(text, pos, None)
    if work is None or work.form == "short":  # "Он же. Подлинная история. М., 2005.": the imprint after a stop
        book = read_book(text[pos:], context)
        if isinstance(book, tuple):
            return "published", book[1] | {"form": "same_author", "back_reference": marker}
    if work is None:
        return None
    work.form, work.back_reference = "same_author", marker
    return "published", work_fields(work)


def work_fields(work: works.CitedWork) -> dict[str, Any]:
    first, last = number_range(work.pages)
    details = {"volume": work.volume, "series_letter": None, "part": None, "volume_title": None,
               "pages": work.pages, "page_first": first, "page_last": last, "place": work.place,
               "publisher": work.publisher, "publication_year": work.year}
    return published_fields(None, None, details, work.author, work.title) | {
        "container": work.container, "editors": work.editors, "issue": work.issue,
        "work_type": work.work_type, "form": work.form, "back_reference": work.back_reference}


# -- newspaper

def read_newspaper(text: str, context: NoteContext) -> Outcome:
    """"Nichibei Shimbun. 23.09.1939.": a title, then a full date (and perhaps issue and page)."""
    t = context.tables
    paper = t.newspaper.match(text)
    tail = t.newspaper_tail.fullmatch(text, paper.end()) if paper else None
    if not tail:
        return None
    year, month, day = date_parts(paper)
    if month is None:  # the word where a month stands is none
        return None
    date = iso_date(year, month, day)
    if date is None:
        return f"{paper['date']!r} is not a valid date"
    first, last = number_range(tail["pages"])
    return "newspaper", {
        "title": paper["title"].rstrip(" \t\n.,:"), "date": date, "date_as_written": paper["date"],
        "issue": tail["issue"], "pages": tail["pages"], "page_first": first, "page_last": last,
    }


def date_parts(m: re.Match[str]) -> tuple[str, int | None, str]:
    """Year, month and day of whichever date form matched; the month None if its name is unknown."""
    if m["num_y"]:
        return m["num_y"], int(m["num_m"]), m["num_d"]
    if m["iso_y"]:
        return m["iso_y"], int(m["iso_m"]), m["iso_d"]
    year, name, day = (m["dm_y"], m["dm_month"], m["dm_d"]) if m["dm_y"] else (m["md_y"], m["md_month"], m["md_d"])
    return year, MONTHS.get(key(name).rstrip(".")), day


def iso_date(year: str, month: int, day: str) -> str | None:
    """"1939-09-23", or None when there is no such day (31.02.1939)."""
    try:
        return datetime.date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


# The order matters: an Ibid or a listed archive is certain; an unlisted archive the loosest guess.
READERS: tuple[Callable[[str, NoteContext], Outcome], ...] = (
    read_ibid, read_same_author, read_listed_archive, read_earlier_work, read_continued_archive,
    read_implied_archive, read_series, read_newspaper, read_work, read_book, read_unlisted_archive,
)


# --- small helpers -----------------------------------------------------------------------

def csl_name(author: str) -> dict[str, str]:
    """"Molodyakov V. E." or "V. E. Molodyakov" -> {"family": "Molodyakov", "given": "V. E."}."""
    words = author.replace(",", " ").split()
    if not words:
        return {"literal": author}
    if words[0].endswith("."):
        return {"family": words[-1], "given": " ".join(words[:-1])}
    return {"family": words[0], "given": " ".join(words[1:])}


def csl_title(f: dict[str, Any]) -> str:
    """A book's own title, or the series' full name with the year and the volume's title."""
    if not f.get("series_name"):
        return f.get("title") or ""
    title = f["series_name"] + (f", {f['year']}" if f.get("year") else "")
    return title + (f": {f['volume_title']}" if f.get("volume_title") else "")
