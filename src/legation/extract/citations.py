"""Citations inside a footnote: archival, published (series, books, articles, official
publications, web pages), newspaper, Ibid; commentary is no citation.

A note is cut the way a reader cuts it (``segment``): into sentences (a full stop outside
brackets and quotations, followed by a capital, that ends no abbreviation, initial, marker or
back-reference word), the sentences at their semicolons, and a clause where "and" joins two
works ("X to Y, March 1, 1950 and Y to X, March 3, 1950 in NARA, …"), two files of one kind ("Lot
62 D 181 and Lot 64 D 199") or two folders whose titles open alike, where a letter of the same
writer follows a date ("…, 1869, to Webb, January 10, 1870"), where "quoted in" / «Цит. по:»
gives the work an original was read in, where a bracket holds a citation of its own ("(also in
NARA, …)", "(see …)"), and after prose that announces citations with a colon. Lead-ins ("See also", "For …, see", "См.:") and
cross-references ("note 5 above") are cut off. Each piece is typed by the first reader in
``READERS`` that recognises it; a piece none recognises is commentary, unless it holds citations
(in brackets, after a colon or "in", a web address) or a lead-in promised a source there (then
``other``, with a reason). Commentary may still name sources: a work before an imprint in
brackets, an author's pages ("Eckert describes … on pp. 92–94": a short form of the work cited
before), lot numbers where the note says what they are ("… lot files. Pre-1991 files are in 96 D
292."). ``finish`` then lets the pieces of a note tell each other what they leave out: folders
listed after a box are that box's, documents listed before a shared location are kept there (with
the levels they write themselves), an original "quoted in" a work points at it (``cited_in``).

A note is read as a reader sees it: a Markdown link ("[text](url)") as its text, the offsets
still the note's own. A note that is one dated news item ("Leonhardt, D. (2023, August 6). “…”.
The New York Times. https://…") is read whole; one written as a bibliography's entry ("Zimmerman,
Eric. The Rules We Break. …, 2022.") is one work, read as the reference list reads an entry. An
author's name and pages alone ("Wood, 25.") are a short form of that author's work cited before
(``backrefs`` links it, and makes it archival when what it repeats is).

The cue words of all this (lead-ins, "quoted in", kinds of documents, archive level words,
repositories, official publications, newspapers) are data in ``legation/data/notes.toml``.
Archive schemes and document series are data too (``archives.toml`` and ``series.toml``;
back-reference words in ``backrefs.toml``): archive names, abbreviations in any script, and the
markers of hierarchy levels, volumes and pages are read from there, never spelt here. Every
pattern is compiled once, on first use. Every citation gets ``source_type``.

The readers live here and in three neighbours: ``archival`` (archives not arranged by fond /
opis / delo: NARA, TNA, PA AA, JACAR, NAA, Italian and French archives), ``works`` (published
works written the Chicago way, short forms, op. cit., ders.; ``read_chicago`` here reads the forms
it does not: imprints with a state, lists of authors, straight and single quotes, "et al." short
forms) and ``backrefs`` (resolving back-references across a document, and primary vs secondary;
``resolve_back_references`` is importable from here).

Speed: no pattern that searches a whole note starts with a look-behind or ignores case, because
either stops the regex engine from skipping ahead to the characters a match can start with (about
ten times slower on long notes). So markers are matched in the case forms ``spellings`` lists,
and a match found by searching is kept only where it begins a word (``word_matches``). Readers
that look further than a match's neighbourhood bound how far (an archival part: 600 characters;
closing pages: the last 160; the works either side of an "and": 600; commentary searched for a
citation inside it: 4,000 characters, 40 places), so a 1 MB note costs linear time.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from legation.extract import archival, references, works
from legation.extract.backrefs import resolve_back_references, source_type
from legation.lexicon.matching import (DASH, NUMBER, YEAR, key, last_of, name_spellings, number_range, phrases,
                                       read_data, spaced, spellings, word_matches)
from legation.model import Citation, Reference

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
        "archives": {key(alias): Archive(a["id"], a["name"], a.get("country"), a.get("scheme"))
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
IMPRINT_AFTER_STOP = re.compile(rf"(?<![\s.][A-Z])[.:/]{IMPRINT}")  # not after an initial: "Loy W. Henderson, 1972"
IMPRINT_AT_START = re.compile(IMPRINT)
INITIAL = r"[A-ZА-ЯЁ][a-zа-яё]{0,2}\."
AUTHOR = re.compile(rf"(?P<author>{CAPITALISED}[\w'’-]+,?\s+(?:{INITIAL}\s*){{1,3}}"  # Molodyakov V. E.
                    rf"|(?:{INITIAL}\s*){{1,3}}{CAPITALISED}[\w'’-]+(?=[.,]))")  # V. E. Molodyakov,
NEXT_AUTHOR = re.compile(rf"[ \t]*,[ \t]*{AUTHOR.pattern}")  # one more author of a Russian book
# An archive the table does not list is named by an abbreviation: two capitals or more in a word.
ABBREVIATION = re.compile(rf"{CAPITALISED}[\w-]*?{CAPITALISED}[\w-]*")
NAME_WORD = re.compile(r"[\w-]+")
SPLIT_POINTS = re.compile(r"[;()\[\]]")
VOLUME_TITLE_LEAD = re.compile(r"\s*[,:]\s*")
SENTENCE_END = re.compile(r"\.(?:\s|$)")
DIGIT = re.compile("[0-9]")


# --- the vocabulary of notes (legation/data/notes.toml) ----------------------------------

@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The cue words that cut a note into citations and tell a citation from commentary."""

    abbreviations: frozenset[str]  # casefolded words whose full stop ends no sentence
    no_break_before: re.Pattern[str]  # markers a citation goes on with after a full stop ("Vol.", "Ф.", "М.,")
    back_reference_end: re.Pattern[str]  # "… Ibid" / "… Там же" just before a full stop
    lead_in: re.Pattern[str]
    opener: re.Pattern[str]
    see: re.Pattern[str]
    cited_in: re.Pattern[str]
    continuation: re.Pattern[str]
    also_in: re.Pattern[str]
    joiner: re.Pattern[str]
    cross_reference: re.Pattern[str]
    henceforth: re.Pattern[str]
    document_kind: str  # regex alternatives, not compiled: parts of the document heads
    document_head: re.Pattern[str]
    review: re.Pattern[str]
    correspondence: re.Pattern[str]
    party_lead: re.Pattern[str]
    authored_document: re.Pattern[str]
    to_the_editor: re.Pattern[str]
    between_words: frozenset[str]
    archival_level: re.Pattern[str]  # "Box 5", "Lot File 83D222", "RG 59": a level with its identifier
    folder_after: re.Pattern[str]
    collection: re.Pattern[str]
    repository: re.Pattern[str]
    official: re.Pattern[str]
    web: re.Pattern[str]
    newspaper_word: re.Pattern[str]
    other_word: re.Pattern[str]
    comment: re.Pattern[str]


def title_spellings(phrase: str) -> set[str]:
    """A head as listed, lower, upper, capitalised, or in title case ("Department Notice")."""
    return spellings(phrase) | {phrase.title()}


def kind_spellings(phrase: str) -> set[str]:
    """A kind of document in any case ("Memorandum", "memo"), but a Russian one only as listed:
    a capitalised «Дневник» opens a book's title ("Майский И. М. Дневник дипломата")."""
    return spellings(phrase) if phrase.isascii() else {phrase}


def lower_spellings(phrase: str) -> set[str]:
    """Lower-case words inside a name ("of", "the"): as listed only."""
    return {phrase}


@functools.cache
def vocabulary() -> Vocabulary:
    data = read_data("notes.toml")
    cues, documents, arch, published = data["cues"], data["documents"], data["archival"], data["published"]
    markers = citation_markers()
    places = list(read_data("series.toml")["places"])
    words = read_data("backrefs.toml")["back_references"]
    back_references = [w.rstrip(".") for key_ in ("ibid", "same_author", "earlier_work") for w in words[key_]]
    kinds = phrases(documents["kinds"], kind_spellings)
    name_words = phrases(documents["name_words"], lower_spellings)
    to = phrases(documents["to"], lower_spellings)
    kind_to = phrases(documents["kind_to"], lower_spellings)
    through = phrases(documents["through"], lower_spellings)
    party = rf"{PARTY_TOKEN}(?:[ \t]+(?:(?:{name_words})[ \t]+)*{PARTY_TOKEN}){{0,5}}"
    writers = rf"{party}(?:,[ \t]+(?:and[ \t]+)?{party}){{0,14}}(?:[ \t]*\([^()\n]{{1,80}}\))?"
    listed = rf"(?:{party}(?:,[ \t]+{party}){{0,13}},?[ \t]+and[ \t]+)?{party}"  # "Claussen, Mabon, and Sanford"
    return Vocabulary(
        abbreviations=frozenset(word.casefold() for word in data["sentences"]["abbreviations"])
        | {marker.rstrip(".").casefold() for marker in markers if marker.endswith(".")},
        no_break_before=re.compile(rf"(?:{phrases(markers)}|{phrases(places)}[\s,:])"),
        back_reference_end=re.compile(rf"(?<!\w)(?:{phrases(back_references)})$"),
        lead_in=re.compile(rf"{phrases(cues['lead_in'])}[\s:,]*"),
        opener=re.compile(phrases(cues["openers"])),
        see=re.compile(rf"(?:{phrases(cues['see'])})[\s:,]*"),
        cited_in=re.compile(rf"(?:{phrases(cues['cited_in'])})[\s:,]*"),
        continuation=re.compile(phrases(cues["continuations"])),
        also_in=re.compile(rf"(?:{phrases(cues['also_in'])})[\s:,]*"),
        joiner=re.compile(rf"(?:,[ \t]*|[ \t]+)(?:{phrases(cues['joiners'], lower_spellings)})[ \t]+"),
        cross_reference=re.compile(
            rf"(?:(?:first|second|the)[ \t]+)?(?:{phrases(cues['cross_reference'])})[ \t]*[0-9]{{1,4}}"
            rf"(?:[ \t]*(?:,|and|&|и|y)[ \t]*[0-9]{{1,4}}){{0,9}}(?:[ \t]+(?:{phrases(cues['cross_reference_after'])}))?"
            rf"(?:,[ \t]*(?:ibid\.?|p\.[ \t]*[0-9]{{1,5}}))?[\s.,;:]*"
            rf"|(?:{phrases(cues['cross_reference_after'])})(?:,[ \t]*pp?\.[ \t]*[0-9]{{1,5}})?[\s.,;:]*"),
        henceforth=re.compile(rf"\((?:{phrases(cues['henceforth'])})[\s:—–-]*(?P<short>[^()]{{1,200}})\)"),
        document_kind=kinds,
        document_head=re.compile(rf"(?:{phrases(documents['heads'], title_spellings)})(?!\w)"),
        review=re.compile(rf"(?P<writer>{party})[ \t]+(?:{phrases(documents['review'], lower_spellings)})[ \t]+"),
        correspondence=re.compile(
            rf"(?:(?:{phrases(documents['modifiers'])})[ \t]+)?(?P<writer>{writers})(?:[ \t]+(?:{through})[ \t]+{party})?"
            rf"(?:,?[ \t]+(?:(?:{name_words})[ \t]+)?(?:{kinds})[ \t]+(?:{kind_to})|[ \t]+(?:{to}))[ \t]+"
            rf"(?=[\[“\"«A-ZÀ-ÖØ-ÞА-ЯЁ]|(?:{name_words})[ \t])"),
        party_lead=re.compile(rf"(?P<writer>{party}),[ \t]*"),
        # "Trask memorandum", "Claussen, Mabon, Becker, and Sanford memorandum": the writers and the kind
        authored_document=re.compile(rf"(?:(?:{phrases(documents['modifiers'])})[ \t]+)?(?P<writer>{listed}),?[ \t]+"
                                     rf"(?:[a-z]+[ \t]+)?(?:{kinds})(?=[\s,.(]|$)"),
        to_the_editor=re.compile(phrases(documents["to_the_editor"])),
        between_words=frozenset(documents["between_words"]),
        archival_level=re.compile(rf"(?:{phrases(arch['levels'])})[ \t]+(?=[0-9A-Z“\"«\[])"),
        folder_after=re.compile(rf"(?:{phrases(arch['folder_after'])})[ \t]+[0-9][\w/–-]*"),
        repository=re.compile(phrases(arch["repositories"], name_spellings)),
        collection=re.compile(rf"(?:{phrases(arch['collections'], name_spellings)})$"),
        official=re.compile(phrases(published["official"], name_spellings)),
        web=re.compile(r"(?:https?://|www\.)\S+"),
        newspaper_word=re.compile(phrases(data["newspapers"]["words"], name_spellings)),
        other_word=re.compile(phrases(data["other"]["words"])),
        comment=re.compile(rf"(?:,[ \t]*(?:and[ \t]+)?|[ \t]+)(?:{phrases(published['comment'], lower_spellings)})(?!\w)"),
    )


def citation_markers() -> list[str]:
    """Every marker a citation goes on with: archive levels and folios (of every scheme), volumes,
    parts, series (and their ordinals), pages and issues."""
    series_markers = read_data("series.toml")["markers"]
    archives_toml = read_data("archives.toml")
    markers = [m for level in archives_toml.get("level", []) for m in level.get("markers", [])]
    markers += archives_toml.get("folio", {}).get("markers", [])
    for scheme in archives_toml.get("scheme", []):
        markers += [m for level in scheme.get("level", []) if isinstance(level, dict) for m in level.get("markers", [])]
        markers += scheme.get("folio", {}).get("markers", [])
    markers += [m for key_ in ("volume", "part", "series", "series_ordinal", "page", "issue")
                for m in series_markers.get(key_, [])]
    return sorted(set(markers))


# A writer's or addressee's name word: "Noble", "U.S.", "O’Connor", "[John]", "W[alter]", "II".
PARTY_TOKEN = r"(?:\[[^\]\n]{1,80}\][\w’'.-]*|[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ][\w’'.-]*(?:\[[^\]\n]{0,40}\][\w’'.-]*)*)"
MONTH_NAMES = ("January|February|March|April|May|June|July|August|September|October|November|December"
               "|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.")
# "March 23, 1951", "23 March 1951", "[April 14, 1955?]", "[no date]", "[May 1979?]"
DAY_DATE = re.compile(rf"(?:(?P<md_month>{MONTH_NAMES})[ \t]+(?P<md_d>[0-9]{{1,2}})(?:[ \t]*(?:,|and|&)[ \t]*[0-9]{{1,2}})*,?[ \t]+"
                      rf"(?P<md_y>{YEAR})|(?P<dm_d>[0-9]{{1,2}})[ \t]+(?P<dm_month>{MONTH_NAMES})[ \t]+(?P<dm_y>{YEAR}))")
DOCUMENT_DATE = re.compile(rf"\[(?:no date|n\.d\.|[^\]\n]{{0,40}}{YEAR}[^\]\n]{{0,10}})\]|{DAY_DATE.pattern}"
                           rf"|(?:{MONTH_NAMES})[ \t]+{YEAR}")
MONTH_YEAR = re.compile(rf"(?:(?:{MONTH_NAMES})(?:[ \t]*[–—-][ \t]*(?:{MONTH_NAMES}))?[ \t]+)?{YEAR}"
                        rf"(?:[ \t]*[–—-][ \t]*(?:(?:{MONTH_NAMES})[ \t]+)?(?:[0-9]{{4}}|[0-9]{{2}}))?")
URL = re.compile(r"(?<!\]\()(?:https?://|www\.)[^\s<>\[\]]*[^\s<>\[\].,;:)”\"']")  # not a Markdown link's target
MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\([^()\s]{1,500}\)")
OPENING_QUOTES = "“«„\""
QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“”"}
STOP = re.compile(r"[.?!]+(?=\s)")
CYRILLIC = re.compile("[А-Яа-яЁё]")
QUOTE_STOP = re.compile(r"[.?!][”»\"]+(?=\s)")
INITIAL_WORD = re.compile(r"[A-ZÀ-ÖØ-ÞА-ЯЁ][a-zа-яё]?|(?:[A-Za-zА-Яа-я]{1,3}\.)+[A-Za-zА-Яа-я]{1,3}")
LAST_WORD = re.compile(r"[^\s(\[“«\"„]+$")
TITLE_WORDS = re.compile(r"[^\W\d_][\w'’-]{3,}")
SPACE_OR_PUNCT = " \t\n\r.,;:"
MAX_SEARCHED_STARTS = 40  # starts tried when looking for a citation inside commentary
MAX_SEARCHED_LENGTH = 4000  # commentary searched for a citation inside it, at most (a note's clause)
MAX_NOTE_PIECES = 400  # pieces a note is cut into, at most (a 1 MB note stays linear)


def title_like(text: str) -> bool:
    """Most words of four letters or more capitalised, the first among them: "Report by the
    Committee on Department Methods", not "Knox delivered the papers to the House"."""
    words = TITLE_WORDS.findall(text[:400])
    if not words or not words[0][0].isupper():
        return False
    return sum(word[0].isupper() for word in words) >= 0.7 * len(words)


# --- cutting a note into pieces ----------------------------------------------------------

@dataclass(slots=True)
class Piece:
    """A stretch of a note that holds one citation, or commentary."""

    start: int
    end: int
    sentence: int
    joint: str  # how it follows the piece before: "note", "sentence", ";", "and", "folder", "cited_in", "paren", "colon"
    cued: bool = False  # a lead-in ("See", "См.:") introduced it: it promises a source


class NoteText:
    """A note and where its brackets and quotations open and close."""

    def __init__(self, text: str):
        self.text = text
        self.closing = self._closing_marks()
        self.openings = sorted(self.closing)
        self.cued: dict[re.Pattern[str], bool] = {}  # whether the note holds a pattern's words, once asked

    def holds(self, pattern: re.Pattern[str]) -> bool:
        """Whether a word of ``pattern`` occurs in the note (searched once per note)."""
        if pattern not in self.cued:
            self.cued[pattern] = next(word_matches(pattern, self.text), None) is not None
        return self.cued[pattern]

    def _closing_marks(self) -> dict[int, int]:
        """Opening bracket or quotation mark -> its closing one, for the balanced ones."""
        text = self.text
        straight = text.count('"') % 2 == 0
        pairs: dict[int, int] = {}
        stack: list[tuple[str, int]] = []
        for mark in BRACKETS.finditer(text):
            char, at = mark.group(), mark.start()
            if char in "([":
                stack.append((char, at))
            elif char in ")]":
                opener = "(" if char == ")" else "["
                while stack and stack[-1][0] in "“«„\"" and opener in [c for c, _ in stack]:
                    stack.pop()  # a quotation left open inside the bracket
                if stack and stack[-1][0] == opener:
                    pairs[stack.pop()[1]] = at
            elif char == '"':
                if not straight:
                    continue
                if stack and stack[-1][0] == '"':
                    pairs[stack.pop()[1]] = at
                else:
                    stack.append((char, at))
            elif char in "“«„":
                if char == "„" or char == "“" and stack and stack[-1][0] == "„":
                    if char == "“" and stack and stack[-1][0] == "„":
                        pairs[stack.pop()[1]] = at
                        continue
                stack.append((char, at))
            elif char in "”»":
                opener = "“" if char == "”" else "«"
                if stack and stack[-1][0] in (opener, "„"):
                    pairs[stack.pop()[1]] = at
        return pairs

    def top_level(self, pattern: re.Pattern[str], start: int, end: int) -> Iterator[re.Match[str]]:
        """Matches of ``pattern`` in [start, end) outside brackets and quotations."""
        spans = self.protected(start, end)
        i = 0
        for match in pattern.finditer(self.text, start, end):
            while i < len(spans) and spans[i][1] <= match.start():
                i += 1
            if i < len(spans) and spans[i][0] <= match.start() < spans[i][1]:
                continue
            yield match

    def protected(self, start: int, end: int) -> list[tuple[int, int]]:
        """(opening, closing + 1) of the outermost bracketed or quoted stretches in [start, end)."""
        spans: list[tuple[int, int]] = []
        reach = start
        first = bisect.bisect_left(self.openings, start)
        last = bisect.bisect_left(self.openings, end)
        for opening in self.openings[first:last]:
            if opening < reach:
                continue
            closing = self.closing[opening]
            spans.append((opening, closing + 1))
            reach = closing + 1
        return spans

    def groups(self, start: int, end: int, opener: str = "(") -> list[tuple[int, int]]:
        """(opening, closing) of the outermost brackets of one kind in [start, end)."""
        return [(a, b - 1) for a, b in self.protected(start, end) if self.text[a] == opener and b <= end]


BRACKETS = re.compile(r"[()\[\]“”«»„\"]")


def trim(text: str, start: int, end: int, chars: str = " \t\n\r;,") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def sentence_ranges(note: NoteText, start: int, end: int) -> list[tuple[int, int]]:
    """The note's sentences: cut after a full stop outside brackets and quotations that is
    followed by a capital (or an opening quotation mark), unless the stop ends an abbreviation,
    an initial or a back-reference word, or the citation goes on after it ("Vol. III", "Ф. 17",
    "М., 1993", "Washington: …, 1955")."""
    text, words = note.text, vocabulary()
    cuts = [start]
    stops = list(note.top_level(STOP, start, end))
    # '… of the United States.” See Noble to …': a quotation closing a sentence, a lead-in after it
    spans = note.protected(start, end)
    for quoted in QUOTE_STOP.finditer(text, start, end):
        after = quoted.end()
        while after < end and text[after].isspace():
            after += 1
        if (words.lead_in.match(text, after, end) or document_head(text[after:min(end, after + 300)]) is not None) \
                and not any(a <= quoted.end() < b for a, b in spans):
            stops.append(quoted)
    stops.sort(key=lambda m: m.start())
    for stop in stops:
        after = stop.end()
        while after < end and text[after].isspace():
            after += 1
        if after >= end or not (text[after].isupper() or text[after] in "“«\"„[") or MARKDOWN_LINK.match(text, after):
            continue
        if text[stop.start()] == "." and sentence_goes_on(text, cuts[-1], stop.start(), after, words):
            continue
        cuts.append(after)
        if len(cuts) > MAX_NOTE_PIECES:
            break
    return [(a, b) for a, b in zip(cuts, cuts[1:] + [end])]


def sentence_goes_on(text: str, floor: int, stop: int, after: int, words: Vocabulary) -> bool:
    if text[after:after + 3] in ("See", "Cf.", "См.") and words.lead_in.match(text, after):
        return False  # "…, Washington, D.C. See also …": a lead-in opens a sentence whatever ends the last
    before = text[max(floor, stop - 60):stop]
    last = LAST_WORD.search(before)
    word = last.group().strip("”»’'\")]") if last else ""
    if not word:
        return False
    if INITIAL_WORD.fullmatch(word) or word.casefold() in words.abbreviations:
        return True
    if words.back_reference_end.search(before):
        return True
    imprint = IMPRINT_AT_START.match(text, after)
    if words.no_break_before.match(text, after) or (imprint and ". " not in imprint.group()):
        return True
    if words.continuation.match(text, after):
        return True
    if CYRILLIC.search(word[-1:] + text[after:after + 1]):
        # A Russian reference puts full stops between its parts ("Лубянка. Сталин и ВЧК–ГПУ–ОГПУ–НКВД.
        # Январь 1922 – декабрь 1936: Документы. М., 2003."): a new sentence needs a locator before it,
        # a lead-in, Ibid or an archive after it, or prose on either side.
        after_text = text[after:after + 200]
        return not (DIGIT.search(word[-1:]) or words.lead_in.match(after_text) or words.cited_in.match(after_text)
                    or tables().ibid.match(after_text) or tables().archive_alias.match(after_text)
                    or prose(text[floor:stop]) or prose(after_text.split(". ")[0]))
    return False


def clause_ranges(note: NoteText, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence cut at its semicolons outside brackets and quotations."""
    cuts = [m.start() for m in note.top_level(SEMICOLON, start, end)][:MAX_NOTE_PIECES]
    return list(zip([start] + [c + 1 for c in cuts], cuts + [end]))


SEMICOLON = re.compile(";")


def segment(text: str | NoteText) -> list[Piece]:
    """The pieces of a note, in order: sentences, their clauses, and within a clause the works
    listed with "and", a "quoted in" pair, and a bracket that holds a citation of its own."""
    note = text if isinstance(text, NoteText) else NoteText(text)
    text = note.text
    pieces: list[Piece] = []
    for number, (s_start, s_end) in enumerate(sentence_ranges(note, 0, len(text))):
        for index, (c_start, c_end) in enumerate(clause_ranges(note, s_start, s_end)):
            joint = ";" if index else ("sentence" if pieces else "note")
            pieces.extend(clause_pieces(note, c_start, c_end, number, joint))
            if len(pieces) > MAX_NOTE_PIECES:
                return pieces
    return pieces


def strip_lead(note: NoteText, start: int, end: int) -> tuple[int, bool]:
    """Where the citation begins after a leading "and", a lead-in ("See also", "For …, see", "См.:")
    and cross-references to other notes ("note 5 above and"); and whether a lead-in was there."""
    text, words = note.text, vocabulary()
    cued = False
    for _ in range(4):
        before = start
        joiner = LEADING_JOINER.match(text, start, end) or LABEL.match(text, start, end)
        if joiner:
            start = joiner.end()
        lead = words.lead_in.match(text, start, end)
        if lead and (lead.end() == end or not text[lead.end() - 1].isalnum()):
            start, cued = lead.end(), True
        elif words.opener.match(text, start, end):
            see = next((m for m in note.top_level(words.see, start, min(end, start + 400))
                        if m.start() > start and text[m.start() - 1] in " ,\t" and
                        (m.start() == 0 or not text[m.start() - 1].isalnum())), None)
            if see:
                start, cued = see.end(), True
        cross = words.cross_reference.match(text, start, end)
        if cross:
            start = cross.end()
        if start == before:
            break
    return start, cued


ALNUM = re.compile(r"[^\W_]")
LABEL = re.compile(r"['‘\"“][^'’\"”\n]{1,30}['’\"”]:[ \t]+")  # "'Bing': Minqing Hu and Bing Liu, …"
LEADING_JOINER = re.compile(r"(?:and|or|и|y|und|et)[ \t]+")


def clause_pieces(note: NoteText, start: int, end: int, sentence: int, joint: str, depth: int = 0) -> list[Piece]:
    text, words = note.text, vocabulary()
    start, end = trim(text, start, end)
    start, cued = strip_lead(note, start, end)
    start, end = trim(text, start, end)
    if start >= end:
        return []
    colon = after_prose_colon(note, start, end)
    if colon > start and depth < 3:  # the prose that announces the citations is a piece of its own
        return (clause_pieces(note, start, colon, sentence, joint, depth + 1)
                + clause_pieces(note, colon, end, sentence, "colon", depth + 1))
    cited_in = words.cited_in.match(text, start, end)  # "Цит. по: Хаустов …" opening the clause
    if cited_in:
        return [Piece(*trim(text, cited_in.end(), end), sentence, "cited_in", cued)]
    # "Richard Humphrey to Francis Russell, quoted in Astrid Eckert, …"
    for middle in note.top_level(words.cited_in, start, end):
        if middle.start() > start and not text[middle.start() - 1].isalnum():
            left = clause_pieces(note, start, middle.start(), sentence, joint, depth + 1)
            if left:
                left[0].cued = left[0].cued or cued
            right = clause_pieces(note, middle.end(), end, sentence, "cited_in", depth + 1)
            return left + right
    # "(also in NARA, …)", "(see Robert Anderson to …)": a bracket holding a citation of its own
    for opening, closing in note.groups(start, end):
        inside = opening + 1
        also = (words.also_in.match(text, inside, closing) or words.see.match(text, inside, closing)
                or next(note.top_level(words.also_in, inside, closing), None))
        if also and depth < 3:
            before = clause_pieces(note, start, opening, sentence, joint, depth + 1)
            within = clause_pieces(note, also.end(), closing, sentence, "paren", depth + 1)
            after = clause_pieces(note, closing + 1, end, sentence, "and", depth + 1)
            if before:
                before[0].cued = before[0].cued or cued
            return before + within + after
    comment = next((m for m in note.top_level(words.comment, start, end)
                    if m.start() > start and LOCATOR_END.search(text, max(start, m.start() - 20), m.start())), None)
    if comment is not None and depth < 3:  # "… pp. 43–64 for background on …": the comment is a piece of its own
        return (clause_pieces(note, start, comment.start(), sentence, joint, depth + 1)
                + clause_pieces(note, comment.start(), end, sentence, "comment", depth + 1))
    parts = joined_parts(note, start, end)
    pieces = []
    for index, (a, b, part_joint) in enumerate(parts):
        a2, part_cued = strip_lead(note, a, b) if index else (a, cued)
        a2, b2 = trim(text, a2, b)
        if a2 < b2 and ALNUM.search(text, a2, b2):
            pieces.append(Piece(a2, b2, sentence, joint if index == 0 else part_joint, part_cued))
    return pieces


def after_prose_colon(note: NoteText, start: int, end: int) -> int:
    """Where the citations begin after a sentence of prose that announces them with a colon: "Preceding
    the report … were two short foreign policy related documents from the State Department: Opinion
    and Award …" (not a title's colon: "Foreign Relations of the United States: Diplomatic Papers")."""
    text = note.text
    colon = next(note.top_level(PROSE_COLON, start, min(end, start + 400)), None)
    if colon is None:
        return start
    lead = text[start:colon.start()]
    if not prose(lead) or title_like(lead) or NOT_PLAIN_PROSE.search(lead):  # a date, a bracket: a citation's part
        return start
    return colon.end()


NOT_PLAIN_PROSE = re.compile(r"[0-9()\[\]“”«»\"]")


PROSE_COLON = re.compile(r":[ \t]+(?=[A-ZÀ-ÖØ-ÞА-ЯЁ“«\"])")
JOIN_CONTEXT = 600  # characters either side of an "and" looked at: a citation is shorter
LOCATOR_END = re.compile(r"(?:[0-9][\w–—-]*|\b[IVXLC]+|\b[ivxlc]+|[)\]])$")


def joined_parts(note: NoteText, start: int, end: int) -> list[tuple[int, int, str]]:
    """A clause cut where "and" joins two works: "X to Y, March 1, 1950 and Y to X, March 3, 1950
    in NARA, …". Read from the right: a cut needs a citation's beginning after it and, before
    it, a citation with a locator or one of the same shape (they share what follows). Each part
    comes with how it follows the one before: "and", or "folder" (one more folder of the box
    before: "…, Box 3, Malta and Yalta Conferences—… and Malta and Yalta Conferences 1955")."""
    text, words = note.text, vocabulary()
    candidates = [m for m in note.top_level(words.joiner, start, end) if start < m.start() and m.end() < end]
    candidates += [m for m in note.top_level(SAME_WRITER, start, end) if start < m.start() and m.end() < end
                   and DATE_END.search(text, max(start, m.start() - 40), m.start())]
    candidates.sort(key=lambda m: m.start())
    cuts: list[tuple[int, int, str]] = []
    right_end = end
    for joiner in reversed(candidates[-MAX_NOTE_PIECES:]):
        if joiner.end() >= right_end:
            continue
        right = text[joiner.end():min(right_end, joiner.end() + JOIN_CONTEXT)]
        left_start, left_end = trim(text, start, joiner.start())
        left = text[max(left_start, left_end - JOIN_CONTEXT):left_end]
        if not left:
            continue
        folder = joiner.re is not SAME_WRITER and sibling_folders(left, right)
        if folder or joiner.re is SAME_WRITER or joinable(left, right):
            cuts.append((joiner.end(), right_end, "folder" if folder else "and"))
            right_end = left_end
    cuts.append((start, right_end, "and"))
    return list(reversed(cuts))


# "Fish Diary, November 22, 1869, to Webb, January 10, 1870, Roll 277": a letter of the same writer
# follows a document's date with its addressee and date alone
SAME_WRITER = re.compile(rf",[ \t]+(?=to[ \t]+{PARTY_TOKEN}(?:[ \t]+{PARTY_TOKEN}){{0,4}},[ \t]+(?:{MONTH_NAMES})[ \t]+[0-9])")
DATE_END = re.compile(rf"(?:{MONTH_NAMES})[ \t]+[0-9]{{1,2}}(?:[ \t]*(?:,|and|&)[ \t]*[0-9]{{1,2}})*,?[ \t]+{YEAR}$")
ADDRESSEE_HEAD = re.compile(rf"to[ \t]+{PARTY_TOKEN}(?:[ \t]+{PARTY_TOKEN}){{0,4}}(?=,[ \t]+(?:{MONTH_NAMES})[ \t]+[0-9])")


def joinable(left: str, right: str) -> bool:
    """Whether "left and right" are two citations."""
    words = vocabulary()
    if isinstance(read_news_item(f"{left} and {right}", NoteContext(tables())), tuple):
        return False  # "“Turmoil Inside the State Department,” U.S. News and World Report, December 18, 1953"
    if listed_levels(left, right):
        return True
    if OFFICIAL_NUMBERED.search(left[-300:]) and OFFICIAL_NUMBERED.search(right) and \
            LOCATOR_END.search(left.rstrip(SPACE_OR_PUNCT)) and title_like(right.split(",")[0]):
        return True  # "…, 41st Cong, 2d Sess. H. Ex. Doc. 1, pt. 2, xxii–xxxviii, and Papers Relating to …, 41st Cong., …"
    shape = head_shape(right)
    if shape == "folder":  # "Box 6, March 1955 and April–May 1955"; not "… Committee on Historians and the Federal …"
        return bool(words.folder_after.search(left)) and not located(right)
    if shape is None:  # "… and Department of State Manual of Regulations …, October 31, 1955 in NARA, …"
        titled = right.split(",")[0]
        if len(TITLE_WORDS.findall(titled)) >= 3 and title_like(titled) and DIGIT.search(left) and \
                DAY_DATE.search(right) and \
                isinstance(outcome := read_citation(right, NoteContext(tables())), tuple) and \
                outcome[0] == "archival" and located(right):
            return True
        return False
    left_shape = "quoted" if left.rstrip(" ,").endswith(("”", '"', "»")) else head_shape(left)
    complete = (bool(DIGIT.search(left.rsplit(",", 1)[-1])) or bool(URL.search(left)) or left.rstrip(" .").endswith(")")
                or located(left) or repository_named(left) is not None)
    if shape == "passim":  # "X to Y, date and passim, NARA, …" is one citation: the document and its folder
        return located(left) or document_head(left) is None
    if shape == "box":  # "Box 16, 9; 20; and 21 and Box 20, 10"
        return bool(words.folder_after.search(left)) or len(left.split()) <= 4
    if complete:
        return True
    documents = ("document", "quoted")  # "[Trask], “Charges …,” talking points, and “Memo …,” June 5, 1980"
    return left_shape in documents and shape in documents and not DAY_DATE.search(left)


def sibling_folders(left: str, right: str) -> bool:
    """Two folders of one box whose titles open alike, listed with "and": "…, Box 3, Malta and Yalta
    Conferences—Congressional—Foreign Relations Committee and Malta and Yalta Conferences 1955" (a
    title's own "and" joins words, not folders: "Origins and Functions of CDC")."""
    head, _, title = left.rpartition(",")
    box = last_of(vocabulary().folder_after.finditer(head, max(0, len(head) - 40)))
    if box is None or head[box.end():].strip() or located(right):
        return False
    opening, other = FIRST_WORDS.match(title.strip()), FIRST_WORDS.match(right.strip())
    return bool(opening and other and opening.group().casefold() == other.group().casefold())


FIRST_WORDS = re.compile(r"[^\W\d_][\w’'&-]*(?:[ \t]+[^\W\d_][\w’'&-]*)?")


def listed_levels(left: str, right: str) -> bool:
    """Two files of one kind listed with "and": "Lot 62 D 181 and Lot 64 D 199, Box 3", "RG 59 and
    RG 84", "lot files 62 D 181 and 64 D 199" (bare numbers where the note says what they are)."""
    field_name = archival.level_opening(right)
    if field_name is not None and archival.level_closing(left, field_name):
        return True
    last = LAST_TOKENS.search(left.rstrip(SPACE_OR_PUNCT))
    for bare in bare_levels():
        if last is not None and bare.number.match(right) is not None and bare.number.fullmatch(last.group()) \
                and next(word_matches(bare.cue, left), None) is not None:
            return True
    return False


LAST_TOKENS = re.compile(r"\S+(?:[ \t]+\S+){0,2}$")


def head_shape(text: str) -> str | None:
    """What a citation beginning with ``text`` looks like, if it looks like one."""
    words, t = vocabulary(), tables()
    if not text or not (text[0].isupper() or text[0] in OPENING_QUOTES or text[0] in "[" or text.startswith("passim")
                        or words.document_head.match(text)):
        return None
    if text.startswith("passim"):
        return "passim"
    if text[0] in OPENING_QUOTES:
        return "quoted"
    if MONTH_YEAR.fullmatch(text.strip(SPACE_OR_PUNCT)):
        return "folder"
    if words.folder_after.match(text):
        return "box"
    alias = t.archive_alias.match(text)
    if alias and text[alias.end():alias.end() + 1] in (",", ".", ":"):
        return "archive"
    if series_at_start(text) is not None:
        return "series"
    if document_head(text) is not None:
        return "document"
    if words.review.match(text):
        return "author"
    author = AUTHOR_HEAD.match(text)
    if author and not next(word_matches(words.repository, author.group()), None):
        return "author"
    return None


# "Justin Hart, Empire of Ideas", "Lippmann, “Today and Tomorrow…”": a person's name, then a title.
AUTHOR_HEAD = re.compile(rf"(?:{works.NAME_TOKEN}[ \t]+){{1,4}}{works.NAME_TOKEN},[ \t]+(?:eds?\.,[ \t]+)?"
                         rf"(?:[“\"«„]|(?!(?:{MONTH_NAMES})[ \t])[A-Z][a-z])|{works.NAME_TOKEN},[ \t]+[“\"«„]")


def located(text: str) -> bool:
    """Whether ``text`` names where a document is kept: a level with its identifier ("Box 5",
    "RG 59", "Lot File 83D222"), or an archive the table lists standing as a part of its own
    ("…, NARA, …"; not the "Department" of "the State Department")."""
    words = vocabulary()
    if next(word_matches(words.archival_level, text), None):
        return True
    return any(archive_part(part) for part in SEGMENT_SPLIT.split(text))


def archive_part(part: str) -> bool:
    part = part.strip(SPACE_OR_PUNCT)
    alias = tables().archive_alias.match(part)
    return alias is not None and alias.end() == len(part)


SEGMENT_SPLIT = re.compile(r",[ \t]*|[ \t]+in[ \t]+")


# --- the public API ----------------------------------------------------------------------

def parse_note(text: str) -> list[Citation]:
    """The citations in one note's text, in order; never raises. A Markdown link ("[text](url)")
    is read as its text, as a reader sees it: the fields never hold link syntax, while each
    citation's offsets and text are those of the note as written."""
    if not isinstance(text, str):
        return []
    if "](" not in text:
        return read_note(text)
    shown, starts, ends = render_links(text)
    if shown == text:
        return read_note(text)
    citations = read_note(shown)
    for citation in citations:
        citation.start, citation.end = starts[citation.start], ends[citation.end]
        citation.text = text[citation.start:citation.end]
    return citations


def render_links(text: str) -> tuple[str, list[int], list[int]]:
    """``text`` with each Markdown link replaced by its text; for each offset of the result, where
    it begins in ``text`` (``starts``) and where a span ending there ends (``ends``: after a link's
    target when the span ends with the link's text)."""
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = [0]
    at = 0
    for link in MARKDOWN_LINK.finditer(text):
        parts.append(text[at:link.start()])
        starts.extend(range(at, link.start()))
        ends.extend(range(at + 1, link.start() + 1))
        inner = link.start(1)
        parts.append(link.group(1))
        starts.extend([link.start(), *range(inner + 1, link.end(1))])  # a span opening with the link opens at "["
        ends.extend(range(inner + 1, link.end(1)))
        ends.append(link.end())  # the link's last character: a span ending there takes the target too
        at = link.end()
    parts.append(text[at:])
    starts.extend(range(at, len(text)))
    ends.extend(range(at + 1, len(text) + 1))
    starts.append(len(text))
    return "".join(parts), starts, ends


def read_note(text: str) -> list[Citation]:
    context = NoteContext(tables())
    note = NoteText(text)
    context.note = note
    readings: list[Reading] = []
    whole = whole_news_item(text, context)
    for piece in [whole] if whole else segment(note):
        found = read_piece(text, piece, context)
        readings.extend(found + author_pages(text, piece, readings, found))
    readings = bibliography_entries(text, readings)
    finish(text, readings)
    citations = []
    for reading in readings:
        if reading.kind is None:
            continue
        fields = reading.fields
        if reading.kind == "published" and not fields.get("url") and (url := URL.search(text, reading.start, reading.end)):
            fields["url"] = url.group()  # "…, 2013, https://…": the work's address
        fields["source_type"] = source_type(reading.kind, fields)
        citations.append(Citation(kind=reading.kind, text=text[reading.start:reading.end], start=reading.start,
                                  end=reading.end, fields=fields))
    return citations


def bibliography_entries(text: str, readings: list[Reading]) -> list[Reading]:
    """A note written as a bibliography's entry ("Zimmerman, Eric. The Rules We Break. Princeton
    Architectural Press, 2022.", "McCall, J. (2016). “Teaching History …”. Simulation & Gaming, …"):
    its sentences are one published work, read as the reference list reads an entry (the author the
    first sentence names, the title the next). Each sentence that opens with a name inverted so
    begins an entry; an entry holding an archival, newspaper or Ibid citation is left as it was read."""
    sentences = {r.piece.start for r in readings if r.piece.joint == "sentence"}
    leads = [(r.piece.start, lead) for r in readings if r.piece.joint in ("note", "sentence")
             and r.start == r.piece.start and (lead := ENTRY_LEAD.match(text, r.piece.start)) is not None
             and (not lead["double"] or lead.end() in sentences)]  # "Escobar Varela, Miguel." closes a sentence;
    # "Alexandra Borchardt, Felix M. Simon, and …" lists names in their own order
    if not leads:
        return readings
    starts = sorted({start for start, _ in leads})
    kept: list[Reading] = []
    done: set[int] = set()
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        within = [r for r in readings if start <= r.start < end]
        if not within or any(r.kind not in (None, "published", "other") or r.piece.joint in ("cited_in", "paren")
                             or r.fields.get("form") not in (None, "full", "short") for r in within) \
                or not any(r.kind for r in within) or SEMICOLON.search(text, start, end):
            continue
        a, b = trim(text, start, max(r.end for r in within), SPACE_OR_PUNCT)
        lead = dict(leads)[start]
        entry = references.parse_reference(text[a:b])
        names = references.parse_names(lead["names"]) or []
        if [n.get("family") for n in entry.authors] != [n.get("family") for n in names]:  # the title read as names
            title = SENTENCE_END.split(text[lead.end():b])[0]
            year = re.search(YEAR, text[lead.end():b])
            entry = Reference(id="", label="", text=text[a:b], authors=names, title=clean_title(title) or None,
                              year=int(year.group()) if year else None)
        if not entry.authors or not entry.title:
            continue
        done.update(id(r) for r in within)
        kept.append(Reading(within[0].piece, a, b, "published", entry_fields(entry, text[a:b])))
    return sorted([r for r in readings if id(r) not in done] + kept, key=lambda r: r.start)


# "Hodkinson, Alan, and Christine Smith. ", "Jones, R. A. (n.d.). ", "Zimmerman, Eric. (2022). ": an
# author written family name first, closed by a full stop, then the title
ENTRY_GIVEN = r"(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][a-zа-яё'’-]*\.?(?:[ \t]+[A-ZÀ-ÖØ-ÞА-ЯЁ][a-zа-яё'’-]*\.?){0,2}?)"
ENTRY_LEAD = re.compile(rf"(?P<names>[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+(?P<double>[ \t]+[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+)?,[ \t]+{ENTRY_GIVEN}"
                        rf"(?:,?[ \t]+(?:and|&)[ \t]+{ENTRY_GIVEN}[ \t]+[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+)??)"
                        rf"(?:\.|(?<=\.))(?:[ \t]*\((?:{YEAR}[a-z]?|n\.d\.)\)\.?)?[ \t]+(?=[“\"«'‘A-ZÀ-ÖØ-ÞА-ЯЁ_*\[])")


def entry_fields(entry: Any, own: str) -> dict[str, Any]:
    """A reference-list entry as a published citation's fields."""
    families = [name.get("family") or name.get("literal") or "" for name in entry.authors]
    author = "; ".join(", ".join(p for p in (name.get("family"), name.get("given")) if p) or name.get("literal", "")
                       for name in entry.authors)
    work_type = entry.type if entry.type in ("book", "chapter", "article-journal", "thesis") else "book"
    fields = chicago_fields(None, entry.title, "full", work_type=work_type, container=entry.container,
                            year=str(entry.year) if entry.year else None, pages=entry.pages)
    url = URL.search(own)
    fields.update(author=author or None, authors=[f for f in families if f], place=entry.place,
                  publisher=entry.publisher, volume=entry.volume, issue=entry.issue,
                  editors=", ".join(name.get("family", "") for name in entry.editors) or None)
    if url:
        fields["url"] = url.group()
    return fields


def whole_news_item(text: str, context: NoteContext) -> Piece | None:
    """The note as one piece where the whole of it is one dated news item, its full stops those of
    a bibliography's entry ("Leonhardt, D. (2023, August 6). “A new Times quiz”. The New York
    Times. https://…"): no sentence of it is read apart."""
    start, end = trim(text, 0, len(text))
    if end - start > MAX_NEWS_ITEM or not any(mark in text for mark in OPENING_QUOTES):
        return None
    outcome = read_news_item(text[start:end].rstrip(SPACE_OR_PUNCT), context)
    return Piece(start, end, 0, "note") if isinstance(outcome, tuple) else None


MAX_NEWS_ITEM = 600  # characters of a note read whole as one news item, at most


def author_pages(text: str, piece: Piece, earlier: list[Reading], found: list[Reading]) -> list[Reading]:
    """Pages of a work cited before in the note, given in a sentence about its author: "Eckert describes
    the U.S. decision … as unilateral on pp. 92–94.": a short form of that author's work, the pages
    its text."""
    pages = PROSE_PAGES.search(text, max(piece.start, piece.end - 60), piece.end)
    if pages is None or any(r.kind is not None and r.start < pages.end() and pages.start() < r.end for r in found):
        return []
    lead = AUTHOR_SUBJECT.match(text, piece.start, piece.end)
    if lead is None:
        return []
    named = lead["name"]
    if not any(r.kind == "published" and named in (r.fields.get("authors") or []) for r in earlier):
        return []
    return [Reading(piece, pages.start("pages"), pages.end("pages"), "published",
                    chicago_fields(named, None, "short", pages=pages["number"]))]


# "Eckert describes", "Eckert’s account": an author's family name opening a sentence, a word in lower case after it
AUTHOR_SUBJECT = re.compile(r"(?P<name>[A-ZÀ-ÖØ-ÞА-ЯЁ][\w-]+)(?:[’']s)?[ \t]+[a-zа-яё]")
# "… on pp. 92–94.", "… (p. 12)." closing a sentence
PROSE_PAGES = re.compile(r"(?P<pages>(?:pp?\.|pages?|С\.|с\.|S\.)[ \t]*(?P<number>[0-9]{1,5}(?:[ \t]*[–—-][ \t]*[0-9]{1,5})?))"
                         r"\)?[ \t]*[.;]?[ \t]*$")


@dataclass(slots=True)
class Reading:
    """A piece read: its kind (None for commentary) and fields."""

    piece: Piece
    start: int
    end: int
    kind: str | None
    fields: dict[str, Any]
    pending: bool = False  # a document named without date or place: a citation if a later one locates it


def read_piece(text: str, piece: Piece, context: NoteContext) -> list[Reading]:
    """The citation a piece holds; for commentary, those inside it (a bracketed reference, a
    citation after a colon or a lead-in in mid-sentence, a bare address); else nothing, or
    ``other`` where a lead-in promised a source that cannot be typed."""
    own = text[piece.start:piece.end]
    if MONTH_YEAR.fullmatch(own.strip(SPACE_OR_PUNCT)) or locator_only(own):
        return [Reading(piece, piece.start, piece.end, None, {})]  # "January 1954", "p. 3", "Л. 55–76": no source
    bracketed = bracketed_citations(text, piece, context)
    if bracketed:  # "… постановило: «…» (АП РФ. Ф. 3. Оп. 58. Д. 230. Л. 60).": the sources are in brackets
        return bracketed
    outcome = read_citation(own, context)
    if isinstance(outcome, tuple):
        reading = reading_of(piece, piece.start, piece.end, own, outcome, context)
        return [reading] + listed_files(text, reading) + prose_after(text, reading, context)
    listed = author_year_readings(text, piece)
    if listed:
        return listed
    see = next((m for m in context.note.top_level(vocabulary().see, piece.start, piece.end)
                if m.start() > piece.start and text[m.start() - 1] in " \t,;") , None) if context.note else None
    if see is not None and see.end() < piece.end:  # "…, not printed, but see footnote 8, p. 209."
        rest = Piece(see.end(), piece.end, piece.sentence, piece.joint, True)
        rest_text = text[rest.start:rest.end]
        if vocabulary().cross_reference.fullmatch(rest_text):
            return [Reading(piece, piece.start, piece.end, None, {})]
        inside = citations_within(text, piece, context)
        return inside or read_piece(text, rest, context)
    if piece.cued:  # "See Astrid Eckert, The Struggle for the Files.": a short title the lead-in vouches for
        short = cued_short_form(own)
        if short is not None:
            return [reading_of(piece, piece.start, piece.end, own, short, context)]
    inside = citations_within(text, piece, context)
    if inside:
        return inside
    words = vocabulary()
    if outcome is not None:  # a reader saw the beginning of a citation it could not finish
        return [Reading(piece, piece.start, piece.end, "other", {"reason": outcome})]
    if (piece.cued and not words.cross_reference.fullmatch(own) and not locator_only(own)) \
            or (ENDS_WITH_PAGES.search(own[-40:]) and not DAY_DATE.search(own[-40:])):  # "The BA thesis …, 12."
        return [Reading(piece, piece.start, piece.end, "other", {"reason": UNRECOGNISED})]
    if next(word_matches(words.other_word, own), None) and DIGIT.search(own) and len(own) < 300:
        return [Reading(piece, piece.start, piece.end, "other", {"reason": "a source held in no archive"})]
    return [Reading(piece, piece.start, piece.end, None, {})]


def locator_only(text: str) -> bool:
    """Pages or folios alone ("p. 3", "Л. 55–76"): they point into a source cited, and are none."""
    return bool(LOCATOR_ONLY.fullmatch(text) or context_free_pages().fullmatch(text.strip(SPACE_OR_PUNCT)))


@functools.cache
def context_free_pages() -> re.Pattern[str]:
    return re.compile(tables().ibid_pages.pattern + r"[\s.]*")


def reading_of(piece: Piece, start: int, end: int, own: str, outcome: tuple[str, dict[str, Any]],
               context: NoteContext) -> Reading:
    kind, fields = kept(outcome, context)
    pending = bool(fields.pop("pending", False))
    short = read_henceforth(own)
    if short and kind in ("published", "archival"):
        fields["short_title"] = short
    return Reading(piece, start, end, None if pending else kind, fields, pending)


# A page after a comma closes a citation: text ending so that no reader could type is one all the same.
ENDS_WITH_PAGES = re.compile(r"[^\W\d_]{2,}[^,]{0,30},[ \t]*(?:pp?\.[ \t]*)?[0-9]{1,4}(?:[ \t]*[–—-][ \t]*[0-9]{1,4})?\.?$")


def bracketed_citations(text: str, piece: Piece, context: NoteContext) -> list[Reading]:
    """The citations in a piece's brackets, where the words outside them cite nothing: prose that
    gives its sources in brackets. Empty when the piece reads as a citation with its brackets."""
    note = context.note if isinstance(context.note, NoteText) and context.note.text is text else NoteText(text)
    groups = [(a, b) for a, b in note.groups(piece.start, piece.end) if b - a >= 8 and text[a - 1:a] != "]"]
    if not groups:
        return []
    outside = list(text[piece.start:piece.end])
    for opening, closing in groups:
        for i in range(opening, closing + 1):
            outside[i - piece.start] = " "
    outside_text = "".join(outside).strip()
    if not prose(outside_text) or isinstance(read_citation(outside_text, context), tuple):
        return []
    found = []
    for opening, closing in groups:
        work = imprinted_work(text, piece, opening, closing, context)
        if work:  # a work's imprint: the title is outside
            found.extend(work)
            continue
        for sub in clause_pieces(note, opening + 1, closing, piece.sentence, "paren", 3):
            own = text[sub.start:sub.end]
            outcome = read_citation(own, context)
            if isinstance(outcome, tuple) and not outcome[1].get("pending") and strong(outcome) \
                    and not outcome[1].get("unlocated"):
                found.append(reading_of(sub, sub.start, sub.end, own, outcome, context))
    return found


LOWER_WORD = re.compile(r"(?<![\w’'-])[a-zа-яё][a-zа-яё’'-]{3,}")


def prose(text: str) -> bool:
    """Sentences rather than a citation: several lower-case words, and not a title."""
    return len(LOWER_WORD.findall(text[:600])) >= 4 and not title_like(text)


def prose_after(text: str, reading: Reading, context: NoteContext, depth: int = 0) -> list[Reading]:
    """An American archival citation set in a sentence ends with its archival part, and the prose after
    it may name more: "Although Niles to Wallau, July 21, 1983, Department of State, CDC Lot File 95D113,
    Box 4, FRG invited the West German Government to consult …,” Secretary of State to U.S. Embassy
    Bonn, November 5, 1983, Department of State, SAS, 1983 STATE 317126 reported that …". Shortens
    ``reading`` to its archival part; returns the citations in the prose after it."""
    if reading.kind != "archival" or depth > MAX_PROSE_CITATIONS or not archival.hierarchy(reading.fields.get("scheme")):
        return []
    at = reading.start
    for element in reading.fields.get("path") or []:
        found = text.find(element, at, reading.end)
        if found < 0:
            return []
        at = found + len(element)
    rest = text[at:reading.end]
    if at <= reading.start or not LOWER_START.match(rest) or not prose(rest):
        return []
    piece = reading.piece
    reading.end = at
    return citations_within(text, Piece(at, piece.end, piece.sentence, "sentence", False), context, depth + 1)


MAX_PROSE_CITATIONS = 8  # citations read one after another from a sentence of prose, at most


def listed_files(text: str, reading: Reading) -> list[Reading]:
    """More files of one opis listed after the first, with no folios («ЦА ФСБ. Ф. 7. Оп. 1. Д. 12-а,
    12-б.»): each a citation of its own, of the same archive, fond and opis. Shortens ``reading``
    to the first."""
    fields = reading.fields
    delo = fields.get("delo")
    if reading.kind != "archival" or fields.get("scheme") or not delo or fields.get("folios") or not fields.get("path"):
        return []
    at = text.rfind(delo, reading.start, reading.end)
    if at < 0:
        return []
    first_end = at + len(delo)
    found: list[re.Match[str]] = []
    pos = first_end
    while (more := MORE_FILES.match(text, pos, reading.end)) is not None and len(found) < MAX_NOTE_PIECES:
        found.append(more)
        pos = more.end()
    if not found or text[pos:reading.end].strip(SPACE_OR_PUNCT):
        return []
    reading.end = first_end
    listed = []
    for more in found:
        own = {k: (list(v) if isinstance(v, list) else v) for k, v in fields.items() if k != "short_title"}
        own["delo"] = more["id"]
        own["path"] = own["path"][:-1] + [more["id"]]
        listed.append(Reading(reading.piece, more.start("id"), more.end("id"), "archival", own))
    return listed


# «…, 19-б», «… и 21»: one more file's number after the first
MORE_FILES = re.compile(r"(?:[ \t]*,[ \t]*(?:и[ \t]+)?|[ \t]+и[ \t]+)(?P<id>[0-9]{1,6}(?:[–-]?[а-яёa-z]{1,2})?)(?=[ \t]*(?:[,.;]|$)|[ \t]+и[ \t])")
LOWER_START = re.compile(r"[ \t]+[a-zа-яё]")  # "…, Box 4, FRG invited …": the sentence goes on


def citations_within(text: str, piece: Piece, context: NoteContext, depth: int = 0) -> list[Reading]:
    """Citations inside a piece of commentary: in its brackets ("… (АП РФ. Ф. 3. Оп. 58. Д. 230.
    Л. 60)."), after it ("… documents from the State Department: Opinion and Award …"), and
    web addresses it names."""
    note = context.note if isinstance(context.note, NoteText) and context.note.text is text else NoteText(text)
    found: list[Reading] = []
    for opening, closing in note.groups(piece.start, piece.end):
        if closing - opening < 8 or text[opening - 1:opening] == "]":  # "[text](https://…)": a link's target
            continue
        work = imprinted_work(text, piece, opening, closing, context)
        if work:  # "… to release Nazi-Soviet Relations, … (Washington: GPO, 1948)"
            found.extend(work)
            continue
        for sub in clause_pieces(note, opening + 1, closing, piece.sentence, "paren", 3):
            own = text[sub.start:sub.end]
            outcome = read_citation(own, context)
            if isinstance(outcome, tuple) and not outcome[1].get("pending") and strong(outcome):
                found.append(reading_of(sub, sub.start, sub.end, own, outcome, context))
    if found:
        return found
    for start in candidate_starts(text, piece.start, piece.end):
        own = text[start:piece.end]
        outcome = read_citation(own, context)
        if isinstance(outcome, tuple) and strong(outcome) and not outcome[1].get("pending"):
            readings = []
            for sub in clause_pieces(note, start, piece.end, piece.sentence, "and", 3):
                sub_own = text[sub.start:sub.end]
                sub_outcome = read_citation(sub_own, context)
                if isinstance(sub_outcome, tuple):
                    readings.append(reading_of(sub, sub.start, sub.end, sub_own, sub_outcome, context))
                else:
                    readings.append(Reading(sub, sub.start, sub.end, None, {}))
            if any(r.kind for r in readings):
                return (addresses(text, piece, piece.start, start) + readings
                        + prose_after(text, readings[-1], context, depth + 1))
    return sorted(addresses(text, piece, piece.start, piece.end) + bare_level_mentions(text, piece, note),
                  key=lambda reading: reading.start)


@dataclass(frozen=True, slots=True)
class BareLevel:
    """A level a sentence names by its number alone (``[[archival.bare_levels]]`` in notes.toml)."""

    field: str
    scheme: str
    cue: re.Pattern[str]
    number: re.Pattern[str]


@functools.cache
def bare_levels() -> tuple[BareLevel, ...]:
    return tuple(BareLevel(entry["field"], entry["scheme"], re.compile(phrases(entry["cue"])),
                           re.compile(rf"(?<![\w/.–-])(?:{entry['number']})(?![\w/–-])"))
                 for entry in read_data("notes.toml").get("archival", {}).get("bare_levels", []))


def bare_level_mentions(text: str, piece: Piece, note: NoteText) -> list[Reading]:
    """Levels named by their number alone in a sentence, where the note says what they are: "Department
    of State lot files … Pre-1991 HAC files are in 96 D 292. The post-1991 files are in 99 D 041
    (1991–1995 HAC meetings), 00 D 512 …": each a citation, its archive the one the level implies.
    A gloss in brackets right after a number is part of its citation."""
    found: list[Reading] = []
    t = tables()
    for bare in bare_levels():
        scheme = archival.schemes().get(bare.scheme)
        archive = t.archives.get(key(scheme.archive)) if scheme is not None and scheme.archive else None
        numbers = list(note.top_level(bare.number, piece.start, piece.end))
        if archive is None or not numbers or not note.holds(bare.cue):
            continue
        for number in numbers[:MAX_NOTE_PIECES]:
            end = number.end()
            gloss = re.match(r"[ \t]*\(", text[end:end + 3])
            if gloss and end + gloss.end() - 1 in note.closing:
                end = note.closing[end + gloss.end() - 1] + 1
            value = spaced(number.group())
            reading = archival.Reading(values={bare.field: value}, path=[value])
            fields = scheme_citation_fields(archive.id or "", archive, scheme, reading, t) | {"archive_implied": True}
            found.append(Reading(piece, number.start(), end, "archival", fields))
            if len(found) >= MAX_NOTE_PIECES:
                return found
        if found and scheme is not None and scheme.free is not None:  # "…, 09 D 473 (…), and in current PA/HO office files."
            last = LIST_END.fullmatch(text, found[-1].end, piece.end)
            if last and scheme.free.series.search(last["name"].strip()):
                name = last["name"].strip()
                reading = archival.Reading(values={"series": name}, path=[name])
                fields = scheme_citation_fields(archive.id or "", archive, scheme, reading, t) | {"archive_implied": True}
                found.append(Reading(piece, last.start("name"), last.start("name") + len(name), "archival", fields))
    return found


# the last item of a list of locations: ", and in current PA/HO office files."
LIST_END = re.compile(r"[ \t]*,?[ \t]*(?:and|or)[ \t]+(?:also[ \t]+)?(?:in[ \t]+)?(?P<name>[^,;.()\[\]“”\"\n]{3,80}?)[ \t]*[.;]?[ \t]*")


def imprinted_work(text: str, piece: Piece, opening: int, closing: int, context: NoteContext) -> list[Reading]:
    """A bracket in a sentence that holds an imprint alone: the work is the title before it ("Eckert
    describes the U.S. decision to release Nazi-Soviet Relations, 1939–1941: Documents from the
    Archives of the German Foreign Office (Washington: Government Printing Office, 1948) as …")."""
    imprint = CHICAGO_IMPRINT.fullmatch(text, opening, closing + 1)
    if imprint is None or not imprint["year"] or not (imprint["place"] or "").strip():
        return []
    start = title_start(text, max(piece.start, opening - 400), opening)
    if start >= opening:
        return []
    own = text[start:closing + 1]
    outcome = chicago_without_author(own)  # a title run, not an author's name: "Nazi-Soviet Relations, 1939–1941: …"
    if not isinstance(outcome, tuple):
        outcome = read_citation(own, context)
    if not (isinstance(outcome, tuple) and outcome[0] == "published" and outcome[1].get("title")):
        return []
    return [reading_of(Piece(start, closing + 1, piece.sentence, "paren"), start, closing + 1, own, outcome, context)]


def title_start(text: str, floor: int, end: int) -> int:
    """Where the title that ends at ``end`` begins in a sentence: after the last word in lower case
    that is no title's small word ("… to release Nazi-Soviet Relations, 1939–1941: Documents from the
    Archives of the German Foreign Office")."""
    start = end
    for word in reversed(list(re.finditer(r"\S+", text[floor:end]))):
        bare = word.group().strip(",:;–—-“”\"")
        if bare and not (bare[0].isupper() or bare[0].isdigit() or bare in TITLE_SMALL_WORDS):
            break
        start = floor + word.start()
    while True:  # a title opens with no small word ("the", "of")
        first = re.match(r"(\S+)\s+", text[start:end])
        if first is None or first.group(1) not in TITLE_SMALL_WORDS:
            return start
        start += first.end()


TITLE_SMALL_WORDS = frozenset("a an and the of for from in on to at by with de du des la le et und der die das".split())


ACCESSED_ANYWHERE = re.compile(r"\((?:accessed|consulted|retrieved)[^()]{0,60}\)", re.I)
ACCESSED = re.compile(r"[\s.,]*(?:\((?:accessed|consulted|retrieved|дата обращения)[^()]{0,60}\))?[\s.]*", re.I)


def addresses(text: str, piece: Piece, start: int, end: int) -> list[Reading]:
    """The web addresses named in commentary: each a published source ("… contained in
    http://www.newspaperarchives.com, …")."""
    return [Reading(piece, url.start(), url.end(), "published", web_fields(url.group(), None))
            for url in URL.finditer(text, start, end)]


def candidate_starts(text: str, start: int, end: int) -> Iterator[int]:
    """Where a citation may begin inside commentary: after a colon, a comma or a space, at a capital
    or an opening quotation mark; at most MAX_SEARCHED_STARTS of them."""
    tried = 0
    if end - start > MAX_SEARCHED_LENGTH:  # a clause this long is prose: no citation begins inside it
        return
    for mark in CANDIDATE_START.finditer(text, start + 1, end):
        tried += 1
        if tried > MAX_SEARCHED_STARTS:
            return
        yield mark.end()


CANDIDATE_START = re.compile(r"(?:[:,][”’\"»]?[ \t]+(?:and[ \t]+)?|[ \t]+(?:and|as|en|in|see|ver|в)[ \t]+"
                             r"|[ \t]+(?:contained|held|preserved|found|located|kept)[ \t]+in[ \t]+(?:the[ \t]+)?)"
                             r"(?=[A-ZÀ-ÖØ-ÞА-ЯЁ“«\"„])")


def strong(outcome: tuple[str, dict[str, Any]]) -> bool:
    """A reading that needs a citation's structure: not a title and a date, or a title and a year in
    brackets ("… contained in the Dissent Channel Package (1980) folder"), which prose has too."""
    kind, fields = outcome
    if kind == "newspaper":
        return bool(fields.get("headline"))
    if kind == "published":
        return bool(fields.get("publisher") or fields.get("place") or fields.get("series") or fields.get("container")
                    or fields.get("url") or fields.get("work_type") == "legislation"
                    or (fields.get("form") == "short" and fields.get("author"))
                    or (fields.get("issue") and fields.get("publication_year")))  # "Известия ЦК КПСС. 1990. № 11"
    return True


def finish(text: str, readings: list[Reading]) -> None:
    """What a note's citations tell each other: folders listed after a box are the box's
    ("Box 5, 1947–1948; 1949–1950"; another box of the same papers: "…; Box 20, 10"), a file listed
    after another keeps the levels above it ("S/P Files: Lot 62 D 181 and Lot 64 D 199"), documents
    listed before a shared location are kept there, each with the levels it writes itself ("A,
    P860009-0998 and B, 1986 State 057676 in Central Files (SAS)"; "Folders “A”; “B”; and “C” in Box
    1"; "Moore Files, Container 369; and …, all in Fish Papers, LC"), and "quoted in" ties the original
    to the work."""
    for i, reading in enumerate(readings):
        if reading.piece.joint in (";", "and") and listed_file(text, reading, readings[:i]):
            continue
        if reading.pending or reading.piece.joint not in (";", "and", "folder") or not (
                reading.kind is None or folder_like(reading) or designation_like(reading) or reading.piece.joint == "folder"
                or (unplaced(reading) and not reading.fields.get("unlocated")
                    and archival.level_opening(text[reading.start:reading.end]) is not None)):  # "…; Box 20, 10"
            continue
        before = next((r for r in reversed(readings[:i]) if r.kind is not None), None)
        if (before is not None and before.kind == "archival" and before.piece.sentence == reading.piece.sentence
                and (before.fields.get("continues") or vocabulary().folder_after.search(text, before.start, before.end))):
            reading.kind, reading.fields = "archival", folder_fields(text, reading, before)
    for i, reading in enumerate(readings):  # first those that write levels of their own, then the documents
        if not (reading.pending or reading.fields.get("unlocated")) and (unplaced(reading) or implied_place(reading)):
            share_place(text, readings, i, False)
    folder_list = False  # "Folders “A”; “B”; and “C” in Box 1, …": the quoted titles are folders
    for i, reading in enumerate(readings):
        if not (reading.pending or reading.fields.get("unlocated")):
            if not (unplaced(reading) or implied_place(reading)):
                folder_list = False
            continue
        folder_list = share_place(text, readings, i, folder_list)
    for before, reading in zip(readings, readings[1:]):
        if (reading.piece.joint == ";" and before.kind == "published" and before.fields.get("series")
                and before.fields.get("pages") is None and before.piece.sentence == reading.piece.sentence
                and (reading.kind is None or folder_like(reading) or reading.fields.get("form") == "short")
                and (not reading.fields.get("author") or reading.fields.get("title") is None)  # "…, vol. IX; China, pp. 5–9"
                and not located(text[reading.start:reading.end].split(" and ")[0])):
            own = text[reading.start:reading.end]
            pages = last_pages(own.split(" and ")[0])
            if pages is None:
                continue
            first, last = number_range(pages)
            before.fields.update(pages=pages, page_first=first, page_last=last)
            before.end = reading.start + len(own.split(" and ")[0].rstrip(" ."))
            reading.kind = None
    for before, reading in zip(readings, readings[1:]):
        if (reading.kind == "published" and before.piece.cued and reading.piece.joint == "sentence"
                and not reading.piece.cued and reading.piece.sentence == before.piece.sentence + 1
                and (before.kind is None or before.fields.get("reason") == UNRECOGNISED)
                and before.start == before.piece.start
                and len(text[before.start:before.end].split()) <= 6):
            reading.start, before.kind = before.start, None  # "См.: Политбюро ЦК РКП(б)-ВКП(б). Повестки дня …": one title
    for before, reading in zip(readings, readings[1:]):
        if (reading.kind == "published" and reading.fields.get("url") and reading.piece.joint == "sentence"
                and before.kind is not None and not before.fields.get("url")
                and (url := URL.search(text, reading.start, reading.end)) and platform_only(text[reading.start:url.start()])
                and ACCESSED.fullmatch(text, url.end(), reading.end) and reading.start == reading.piece.start):
            # "… March 8, 1972. See http://www.fas.org/…", "… pp. 700–11. Taylor and Francis, https://doi.org/…":
            # its address, and the database or platform that holds it
            before.end, reading.kind = reading.end, None
            if before.kind == "other" and before.fields.get("reason") == UNRECOGNISED:  # a work no reader typed, online
                before.kind = "published"
                before.fields = web_fields(url.group(), clean_title(SENTENCE_END.split(text[before.start:url.start()])[0]))
            before.fields["url"] = url.group()
    for before, reading in zip(readings, readings[1:]):
        if (before.kind == "archival" and before.fields.get("unlocated") and not before.fields.get("archive")
                and not before.fields.get("path") and before.start == before.piece.start
                and reading.kind == "published" and reading.piece.cued and reading.start == reading.piece.start
                and reading.piece.joint == "sentence" and reading.piece.sentence == before.piece.sentence + 1
                and (reading.fields.get("series") or reading.fields.get("form") in (None, "full"))):
            # "Herrick to Secretary of State, August 2, 1914. See Foreign Relations …, 1914, p. 33.": printed there
            reading.start, before.kind = before.start, None
    cited = [r for r in readings if r.kind is not None]
    for index, reading in enumerate(cited):
        if index + 1 < len(cited) and cited[index + 1].piece.joint == "cited_in":
            reading.fields["cited_in"] = index + 1
        reading.fields.pop("unlocated", None)
        if "located_by" in reading.fields:
            target = readings[reading.fields["located_by"]]
            reading.fields["located_by"] = cited.index(target) if target in cited else None


def share_place(text: str, readings: list[Reading], i: int, folder_list: bool) -> bool:
    """Give the reading at ``i`` the place it shares with one written after it in its sentence,
    keeping the levels it writes itself (see ``finish``); returns whether a list of folders runs on.
    A document that names no place takes the nearest later one ("A, May 1; B, May 3; and C, May 9 in
    “Folder,” Box 4, X Papers"); one that writes levels of its own takes only a place that names
    its archive, and one that names its own collection only the place after "all in" ("Moore Files,
    Container 369; and …, all in Hull Papers, LC"); one whose archive its file only implies ("…,
    023.1/8-2157; and …, 023.1/11-2957 in Central Decimal File, RG 59, Archives II") the first later
    place that names its archive and the same levels, its own file kept."""
    reading = readings[i]
    own_place = not (reading.pending or reading.fields.get("unlocated"))
    following = readings[i + 1] if i + 1 < len(readings) else None
    later = [r for r in readings[i + 1:] if r.kind is not None and not r.fields.get("unlocated")
             and r.piece.sentence == reading.piece.sentence]
    if not own_place:
        after = next(iter(later), None)
        if after is not None and unplaced(after):  # "… Reel 12; …, all in Hull Papers, LC": the place they all share
            after = next((r for r in later if not unplaced(r) and SHARED_TAIL.search(text, r.start, r.end)), after)
    elif implied_place(reading):
        written = {name for name in archival.hierarchy(reading.fields.get("scheme")) if reading.fields.get(name)}
        after = next((r for r in later if r.kind == "archival" and not unplaced(r) and not r.fields.get("archive_implied")
                      and written <= {name for name, value in r.fields.items() if value}), None)
    else:
        after = next((r for r in later if not unplaced(r)), None)  # the place they share, named at the end
        if after is not None and reading.fields.get("collection") and not SHARED_TAIL.search(text, after.start, after.end):
            after = None  # "…, Box 482, AHA Papers and …, RG 59, Archives II": papers of their own
    shares = ("archival", "published", "newspaper") if not own_place \
        else ("archival",)  # levels of its own ("Moore Files, Container 369"): only an archive's place
    if after is not None and after.kind in shares and \
            not (following is not None and following.piece.joint == "cited_in"):
        shared = {k: v for k, v in shared_location(text, after).items() if k not in ("pending", "unlocated")}
        reading.kind = after.kind if reading.pending or after.kind != "published" else reading.kind
        if reading.kind == after.kind:
            own = text[reading.start:reading.end]
            folder_list = folder_list or FOLDERS_LEAD.match(own) is not None
            quoted_run = folder_list or text[after.start:after.start + 1] in OPENING_QUOTES
            location = own_location(own, quoted_run) if after.kind == "archival" else None
            if implied_place(reading):  # "The minutes are in Lot 66 D 95 and …": the levels it was read with
                location = ", ".join(reading.fields.get("path") or [])
            levels = archival.continue_levels(location, shared) if location else None
            if own_place and levels is None:
                return folder_list  # its own levels cannot be set in the place: it keeps what it has
            reading.fields = {**shared, **(levels or {}),
                              **{k: v for k, v in reading.fields.items() if k in ("headline",)},
                              "located_by": readings.index(after)}
    elif reading.pending and (named := named_before(text, readings, i)) is not None:
        # "…, Folder “55D606,” Box 35, RG 59, p. 1 and Dennett memorandum to Secretary of State, pp. 1-2": the
        # document located just before, named again with other pages
        own = text[reading.start:reading.end]
        pages = last_pages(own)
        first, last = number_range(pages)
        reading.kind = "archival"
        reading.fields = {**{k: (list(v) if isinstance(v, list) else v) for k, v in named.fields.items()
                             if k not in ("cited_in", "located_by", "source_type", "short_title")},
                          "path": [e for e in named.fields["path"] if not PAGES_ELEMENT.match(e)], "folios": pages, "folio_first": first, "folio_last": last, "located_by": readings.index(named)}
    elif reading.pending:
        cited = following is not None and following.piece.joint == "cited_in"
        reading.kind = "archival" if cited else None
    return folder_list


PAGES_ELEMENT = re.compile(r"(?:pp?\.|pages?)[ \t]*[0-9ivxlc]", re.I)


def named_before(text: str, readings: list[Reading], i: int) -> Reading | None:
    """The archival citation earlier in the note whose text names the document a pending reading
    names (its head, up to the first comma), if one does."""
    reading = readings[i]
    own = text[reading.start:reading.end]
    head = own.split(",")[0].strip(SPACE_OR_PUNCT)
    if len(head.split()) < 2 or document_head(own) is None:
        return None
    return next((r for r in reversed(readings[max(0, i - MAX_NAMED_BEFORE):i])
                 if r.kind == "archival" and not r.pending and r.piece.sentence == reading.piece.sentence
                 and r.fields.get("path") and text.find(head, r.start, r.end) >= 0), None)


MAX_NAMED_BEFORE = 8  # citations looked back over for the one a document is named again after


def implied_place(reading: Reading) -> bool:
    """An archival citation whose archive only its file or lot implies ("…, 023.1/8-2157"), not written."""
    return reading.kind == "archival" and bool(reading.fields.get("archive_implied")) \
        and not archival.unnamed_scheme(reading.fields.get("scheme"))


def platform_only(text: str) -> bool:
    """Nothing, or a short name before an address: the database or platform a work is read on
    ("YouTube, ", "Taylor and Francis+NEJM, "), not a title of its own."""
    name = text.strip(SPACE_OR_PUNCT)
    return not name or (text.rstrip().endswith(",") and len(name.split()) <= 5 and not DIGIT.search(name)
                        and name[0].isupper() and not QUOTE_MARKS.search(name))


QUOTE_MARKS = re.compile(r"[“”\"«»„]")


def listed_file(text: str, reading: Reading, earlier: list[Reading]) -> bool:
    """A file listed after another of the same place, its archive only implied ("Department of State,
    S/P Files: Lot 62 D 181 and Lot 64 D 199, Box 3"): it keeps the levels of the one before above
    the first it writes. Whether it was so read."""
    fields = reading.fields
    if reading.kind != "archival" or not fields.get("archive_implied"):
        return False
    before = next((r for r in reversed(earlier) if r.kind is not None), None)
    if before is None or before.kind != "archival" or before.piece.sentence != reading.piece.sentence \
            or not before.fields.get("scheme"):
        return False
    own = text[reading.start:reading.end].strip(SPACE_OR_PUNCT)
    if archival.level_opening(own) is None:
        return False
    levels = archival.continue_levels(own, before.fields)
    if levels is None:
        return False
    shared = {k: (list(v) if isinstance(v, list) else v) for k, v in before.fields.items()
              if k not in ("cited_in", "located_by", "source_type", "short_title")}
    reading.fields = {**shared, **levels, "continues": True}
    return True


def unplaced(reading: Reading) -> bool:
    """An archival citation that writes levels of its own but no archive ("Moore Files, Container
    369; and Fish to Sumner, …, all in Fish Papers, LC"): a later location in its sentence may be
    the one it shares."""
    fields = reading.fields
    return (reading.kind == "archival" and not fields.get("archive") and not fields.get("archive_id")
            and archival.unnamed_scheme(fields.get("scheme")) and not fields.get("cited_in"))


def shared_location(text: str, after: Reading) -> dict[str, Any]:
    """The fields a citation listed before ``after`` shares with it: all of them, or only those of the
    tail after "all in" / "both in" ("…, Container 188, Letters Sent, all in Fish Papers, LC")."""
    own = text[after.start:after.end]
    tail = SHARED_TAIL.search(own)
    if tail is not None and after.fields.get("scheme"):
        outcome = read_citation(own[tail.end():].strip(SPACE_OR_PUNCT), NoteContext(tables()))
        if isinstance(outcome, tuple) and outcome[0] == "archival" and outcome[1].get("scheme"):
            return outcome[1]
    return after.fields


SHARED_TAIL = re.compile(r"(?:,[ \t]*|[ \t]+)(?:all|both)[ \t]+in[ \t]+")
FOLDERS_LEAD = re.compile(r"(?:Folders|File Folders)[ \t]+[“\"«]")


def own_location(own: str, quoted_run: bool) -> str | None:
    """What a citation listed before a shared location writes of its own place: the levels after its
    last date ("Kalb memorandum …, December 18, 1985, P860009-0998"), or the whole of a piece that
    names no document ("Moore Files, Container 369", "Folders “1992 – HAC Meetings”", "Box 20, 10";
    a quoted title alone only in a list of folders, ``quoted_run``)."""
    note = NoteText(own)
    spans = note.protected(0, len(own))
    dates = [d for d in DOCUMENT_DATE.finditer(own)
             if not any(a <= d.start() < b and (a, b) != (d.start(), d.end()) for a, b in spans)]
    if dates:
        rest = own[dates[-1].end():]
        return rest[LOCATION_LEAD.match(rest).end():].strip(SPACE_OR_PUNCT) or None
    if own[:1] in OPENING_QUOTES:
        return own.strip(SPACE_OR_PUNCT) if quoted_run else None
    if document_head(own) is None or vocabulary().archival_level.match(own):
        return own.strip(SPACE_OR_PUNCT) or None
    return None


def folder_like(reading: Reading) -> bool:
    """A reading a folder title after a box may have been taken for: a piece no reader could type,
    or an authorless short form ("Historical Blackout 2")."""
    fields = reading.fields
    if reading.kind == "other":
        return fields.get("reason") == UNRECOGNISED and not reading.piece.cued
    return reading.kind == "published" and fields.get("form") == "short" and not fields.get("author")


def designation_like(reading: Reading) -> bool:
    """An official publication's designation alone, no pages or year: after a box, a folder's title
    ("…, Box 7, E.O. 12065 Classification/Declassification June–July 1978; E.O. 12065 1979")."""
    fields = reading.fields
    return (reading.kind == "published" and fields.get("work_type") == "legislation" and not reading.piece.cued
            and not (fields.get("pages") or fields.get("publication_year")) and reading.end - reading.start <= 80)


def folder_fields(text: str, reading: Reading, box: Reading) -> dict[str, Any]:
    """A folder listed after another of the same box: the box's levels, its own folder title."""
    fields = {k: (list(v) if isinstance(v, list) else v) for k, v in box.fields.items()
              if k not in ("cited_in", "located_by", "source_type")}
    own = text[reading.start:reading.end].strip(SPACE_OR_PUNCT)
    levels = archival.continue_levels(own, fields)  # "…, Box 16, 9; 20; and 21 and Box 20, 10": another box
    if levels is not None:
        fields.update(levels)
    else:
        title = own.strip(SPACE_OR_PUNCT + "“”\"«»")
        if "folder" in fields or fields.get("scheme") == "nara":
            fields["folder"] = title
    fields["continues"] = True
    return fields


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
    previous_ibid: bool = False  # the last citation kept was an Ibid: "Там же. Д. 5; Д. 6" continues it
    note: Any = None  # the NoteText of the note read (its brackets and quotations)


def read_citation(text: str, context: NoteContext) -> Outcome:
    """The first reader's reading of ``text``; else why a reader that saw a citation begin could
    not finish it (a string); else None: commentary. Nothing is remembered (see ``kept``)."""
    reason = None
    for reader in READERS:
        outcome = reader(text, context)
        if isinstance(outcome, tuple):
            if reason and outcome[1].get("pending"):  # "TNA, unsorted papers": an archive without a file
                return reason
            return outcome[0], dict(outcome[1])
        reason = reason or outcome
    return reason


def kept(outcome: tuple[str, dict[str, Any]], context: NoteContext) -> tuple[str, dict[str, Any]]:
    """A reading kept for the note: a later "D. 14. L. 5" continues its archive file (of an archive the
    tables list, or one they do not, kept as written: "ГАНО. Ф. 1. Оп. 2. Д. 3. Л. 4; Д. 5. Л. 6")."""
    if outcome[0] == "archival" and not outcome[1].get("unlocated") and (
            outcome[1].get("archive_id") is not None or (outcome[1].get("archive") and not outcome[1].get("scheme"))):
        context.previous_archival = outcome[1]
    context.previous_ibid = outcome[0] == "ibid"
    return outcome


def read_ibid(text: str, context: NoteContext) -> Outcome:
    """"Ibid. P. 66.", "Там же. Л. 171 об.": the pages (or folios) it adds, the first written
    ("Там же. Л. 55. Список см.: Л. 55–76." is folio 55); and the levels of an archive file it
    names anew ("Там же. Оп. 4. Д. 2241. Л. 685."), which replace those of the file it repeats
    from the first one written down (see backrefs.repeat)."""
    t = context.tables
    ibid = t.ibid.match(text)
    if not ibid:
        return None
    levels = read_levels(text, ibid.end(), t)
    named = {name: value for name, value in levels.values.items() if name != "papka" or len(levels.values) > 1}
    if not (len(named) > 1 or (named and (levels.folios or CYRILLIC.search("".join(levels.path))))):
        named = {}  # "Ibid. P. 66": a page, not a papka; "Ibid., f. 12v": a folio, not a fond; "Там же. Д. 5" is a delo
    marked = next(word_matches(t.ibid_pages, text, ibid.end()), None)
    pages = levels.folios if levels.folios is not None and (named or not marked or levels.folios == marked["pages"]) \
        else (marked["pages"] if marked else ibid["bare"])
    first, last = number_range(pages)
    fields = {"pages": pages, "page_first": first, "page_last": last,
              "verso": bool(pages and t.verso.search(pages)), "resolved": None}
    if named:
        fields["levels"] = named
        fields["path"] = levels.path
    elif (american := archival.written_levels(LEAD_SEPARATORS.sub("", text[ibid.end():], count=1), opening=True)) is not None:
        fields["levels"], fields["path"] = american  # "Ibid., Box 5, Folder 3": another folder of the file before
    return "ibid", fields


LEAD_SEPARATORS = re.compile(r"^[\s.,:;]+")


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
            if opens_as_archive(text, alias):
                reason = reason or f"archive {spaced(alias.group())} named without a file or folios"
            continue
        levels = read_levels(text, alias.end(), t)
        if archive and levels.values:
            return "archival", archival_fields(spaced(alias.group()), archive, levels.values, levels, t)
        if opens_as_archive(text, alias):
            reason = reason or f"archive {spaced(alias.group())} named without fond, opis or delo"
    return reason


def opens_as_archive(text: str, alias: re.Match[str]) -> bool:
    """An archive's name opening the citation as a name of its own ("TNA, unsorted papers"), not
    the first word of a sentence ("Department Historical Advisor Tyler Dennett said …")."""
    return alias.start() == 0 and (alias.end() == len(text) or text[alias.end()] in ",.:;")


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
    if set(levels.values) == {"papka"} and not levels.folios:  # "p. 3": a page, not a papka
        return None
    if not levels.values:  # folios alone ("Список см.: Л. 55–76") point into the file cited, no new one
        return None
    if previous is None and context.previous_ibid:  # "Там же. Д. 5. Л. 3; Д. 6. Л. 1": the Ibid's archive
        first, last = number_range(levels.folios)
        return "ibid", {"pages": levels.folios, "page_first": first, "page_last": last,
                        "verso": bool(levels.folios and t.verso.search(levels.folios)), "resolved": None,
                        "levels": dict(levels.values), "path": levels.path}
    if previous is None:  # "F. 12. Op. 3. D. 4" names a file but not its archive ("Op. cit." does not)
        numbered = sum(bool(DIGIT.search(value)) for value in levels.values.values())
        only_levels = len(levels.values) > 1 and not text[levels_end(text, t):].strip(" \t\n.,;:")
        return NO_ARCHIVE if numbered > 1 or only_levels else None
    first_written = min((t.level_rank[name] for name in levels.values), default=len(t.levels))
    values = {name: previous[name] for name in t.levels[:first_written]} | levels.values
    archive = Archive(previous["archive_id"], previous["archive_name"], previous["country"])
    return "archival", archival_fields(previous["archive"], archive, values, levels, t)


def levels_end(text: str, t: Tables) -> int:
    """Where the levels read from the start of ``text`` end."""
    pos = 0
    while level := t.level.match(text, pos):
        if level.end() == pos:
            break
        pos = level.end()
    return pos


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
    alias = series_at_start(text)
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


def series_at_start(text: str) -> re.Match[str] | None:
    """A series named where a citation begins, with its year, volume or title after it ("FRUS,
    1939.", "Foreign Relations of the United States: Diplomatic Papers, …"); not one named in a
    sentence ("FRUS has been published …"), a title ("Leopold, “The Foreign Relations Series”")
    or a lot file ("Trask to Vest, …, FRUS Clearance Lot File 04D114")."""
    alias = tables().series_alias.match(text)
    if alias is None or not SERIES_FOLLOWS.match(text, alias.end()):
        return None
    return alias


SERIES_FOLLOWS = re.compile(r"[ \t]*(?:$|[,.:;(]|[0-9]|[IVXLC]+\b)")


def read_book(text: str, context: NoteContext) -> Outcome:
    """"Molodyakov V. E. Rossiya i Yaponiya. M., 2012. P. 425.": a book with its imprint."""
    if last_imprint(text, 0) is None:
        return None
    author = AUTHOR.match(text)
    title_start = author.end() if author else 0
    names = [author["author"].strip()] if author else []
    while author and (more := NEXT_AUTHOR.match(text, title_start)) and len(names) < 8:  # "Хаустов В. Н., Самуэльсон Л."
        names.append(more["author"].strip())
        title_start = more.end()
    details, title_end = published_details(text, title_start, context.tables)
    title = text[title_start:title_end].strip(" \t.,:;/")
    if not title:
        return None
    fields = published_fields(None, None, details, ", ".join(names) or None, title)
    if len(names) > 1:
        fields["authors"] = [name.replace(",", " ").split()[0] for name in names]
    return "published", fields


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
    """"V. E. Molodyakov, Rossiya i Yaponiya (Moscow: AIRO-XXI, 2012), p. 425." and short forms
    (what read_chicago leaves); a title without an author must read as one, not as a sentence."""
    work = works.read_work(text)
    if work is None or (work.author is None and not title_like(work.title or "")):
        return None
    if (AUTHOR.match(text) or untitled_author(work.author)) and last_imprint(text, 0) is not None:
        # "Хлевнюк О. В. Политбюро: … М., 1996. С. 205–206": read_book reads the author before the title;
        # "Реабилитация: Политические процессы … М., 1991", "Молотов, Маленков, Каганович, 1957. М., 1998": a title
        return None
    if work.form == "short" and (DAY_DATE.search(text[-40:]) or vocabulary().archival_level.match((work.title or "") + " 0")):
        return None  # "Richard Nixon, memorandum …, March 8, 1972", "Moore Files, Container 369": not a short title
    return "published", work_fields(work)


def untitled_author(author: str | None) -> bool:
    """A Russian name written without initials: a title's first word ("Реабилитация:"), not an author;
    Russian notes write an author with initials ("Хлевнюк О. В.", "О. В. Хлевнюк")."""
    return bool(author) and CYRILLIC.search(author) is not None and not RUSSIAN_INITIAL.search(author)


RUSSIAN_INITIAL = re.compile(r"(?<![\w])[А-ЯЁ][а-яё]?\.")


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
    if not tail or not newspaper_name(paper["title"].rstrip(" \t\n.,:")):
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


# -- documents: letters, memoranda, minutes, located in an archive or printed in a publication

def document_head(text: str) -> int | None:
    """Where the head of a single document ends: "Perkins to Noble", "Trask memorandum",
    "memorandum of conversation among …", "“Clearance in the Department of State”",
    "Folder “June 1991 (84 Plan),”", "passim"; None when ``text`` does not open with one."""
    words = vocabulary()
    if text.startswith("passim"):
        return len("passim")
    head = words.document_head.match(text)
    if head:
        return head.end()
    if text[:1] in OPENING_QUOTES:
        quoted = works.QUOTED.match(text)
        # a bracketed aside is no part of the title's form: "“Memo for the Record (notes),” June 5, 1980"
        return quoted.end() if quoted and title_like(BRACKETED.sub("", next(g for g in quoted.groups() if g))) else None
    lead = CHICAGO_AUTHORS.match(text) or words.party_lead.match(text)
    if lead and text[lead.end():lead.end() + 1] in OPENING_QUOTES:  # "Slany, “Report by the Historian …,” July 1984"
        quoted = works.QUOTED.match(text, lead.end())
        after = AFTER_QUOTE.match(text, quoted.end()).end() if quoted else 0
        if quoted and (DOCUMENT_DATE.match(text, after) or re.match(rf"(?:{words.document_kind})(?!\w)", text[after:])):
            return quoted.end()
    for pattern in (words.correspondence, words.authored_document):
        match = pattern.match(text)
        if match and party_like(match["writer"]):
            return match.end()
    addressee = ADDRESSEE_HEAD.match(text)  # "to Webb, January 10, 1870": the writer is the document's before
    if addressee:
        return addressee.end()
    return None


def party_like(name: str) -> bool:
    """A writer's name holds no numbers outside brackets: "U.S. Embassy London", "[5 names not declassified]"."""
    return not DIGIT.search(BRACKETED.sub("", name))


BRACKETED = re.compile(r"\[[^\]]*\]|\([^()]*\)")


def read_document(text: str, context: NoteContext) -> Outcome:
    """"Perkins to Noble, March 23, 1951, NARA, RG 59, …": archival where it names a place in an
    archive or names none ("… and Noble to Reinhardt, March 29, 1951 in NARA, …" locates both);
    published where it was printed ("Eisenhower to Winston Churchill, March 22, 1955 in Peter
    Boyle, ed., The Churchill–Eisenhower Correspondence …"); ``other`` for an interview held nowhere."""
    head_end = document_head(text)
    if head_end is None:
        return None
    words = vocabulary()
    note = NoteText(text)
    date = document_date(note, head_end, min(len(text), head_end + 600))
    addressee = words.correspondence.match(text) is not None and date is not None and \
        len(text[head_end:date.start()].split()) <= 15 and not DIGIT.search(BRACKETED.sub("", text[head_end:date.start()]))
    if date is not None and not addressee and not names_only(note, head_end, date.start()):
        date = None  # "Winnacker’s memorandum was forwarded to … in late April 1955": a sentence, not a head
        if not text[head_end:head_end + 1] in ",(":
            return None
    if date is None and text[:1] in OPENING_QUOTES:  # "“Introductory Notice,” American State Papers, …"
        if text[head_end:].strip(SPACE_OR_PUNCT):
            return None
        return "archival", {**unlocated_fields(), "pending": True}  # "“A” and “B,” [no date] in CREST, …"
    place_start = date.end() if date else names_end(note, head_end)
    place = LOCATION_LEAD.match(text, place_start).end()
    location = text[place:].strip(SPACE_OR_PUNCT)
    if date is None and document_kind_only(location):  # "[Trask], “Charges Relating to CDC,” talking points"
        return "archival", {**unlocated_fields(), "pending": True}
    if not location or LOCATOR_ONLY.fullmatch(location):
        if date is None:
            return "archival", {**unlocated_fields(), "pending": True}
        if next(word_matches(words.other_word, text), None):
            return "other", {"reason": "a source held in no archive"}
        return "archival", unlocated_fields()
    kept = archival_location(location, context)
    if kept is not None:
        return kept
    printed = published_location(location, context)
    if printed is not None:
        return printed
    if date is None:
        return None  # "Knox delivered the papers to …": no date, no place: not a document
    return "archival", unlocated_fields() | {"archive": repository_named(location)}


def document_kind_only(text: str) -> bool:
    """Whether ``text`` is only a kind of document ("talking points", "memorandum", "draft")."""
    return bool(text) and re.fullmatch(rf"(?:{vocabulary().document_kind})", text) is not None


def document_date(note: NoteText, start: int, end: int) -> re.Match[str] | None:
    """The first date outside brackets after a document's head, a bracketed one included
    ("[no date]", "[April 14, 1955?]")."""
    spans = note.protected(start, end)
    for date in DOCUMENT_DATE.finditer(note.text, start, end):
        inside = next(((a, b) for a, b in spans if a <= date.start() < b), None)
        if inside is None or (inside[0] == date.start() and inside[1] == date.end()):
            return date
    return None


def names_only(note: NoteText, start: int, end: int) -> bool:
    """Whether [start, end) holds only names (and bracketed or quoted asides): an addressee."""
    text = note.text
    kept = list(text[start:end])
    for a, b in note.protected(start, end):
        for i in range(a, min(b, end)):
            kept[i - start] = " "
    words = vocabulary()
    allowed = words.between_words
    plain = "".join(kept)
    if next(word_matches(words.archival_level, plain), None):
        return False
    for word in WORDISH.findall(plain):
        if DIGIT.search(word) or not (word[0].isupper() or word in allowed):
            return False
    return True


WORDISH = re.compile(r"[^\s,;:]+")
COMMA = re.compile(",")


def names_end(note: NoteText, start: int) -> int:
    """The end of the names after a document's head ("… to Francis Russell", "… among Newsom,
    [Mildred] Patterson, …, and Baehler"): the comma-separated parts that hold only names."""
    end = start
    for comma in [*note.top_level(COMMA, start, len(note.text)), None]:
        stop = comma.start() if comma else len(note.text)
        part = note.text[end:stop]
        if (not names_only(note, end, stop) or IN_PLACE.search(part) or archive_part(part)
                or (end > start and repository_named(part.strip(SPACE_OR_PUNCT)))):
            return end
        end = comma.end() if comma else stop
    return end


IN_PLACE = re.compile(r"[ \t]in[ \t]+[A-Z]")


LOCATION_LEAD = re.compile(r"[\s,.;:]*(?:(?:printed[ \t]+|reprinted[ \t]+|both[ \t]+|all[ \t]+)?in[ \t]+|"
                           r"(?:Document|Doc\.|document|doc\.|No\.)[ \t]*[0-9]{1,6}[ \t]+in[ \t]+)?")
LOCATOR_ONLY = re.compile(r"(?:(?:pp?\.|page|pages)[ \t]*[0-9ivxlc–—-]+(?:[ \t]*(?:and|,)[ \t]*[0-9–—-]+)*"
                          r"|\[sic\]|\(?unsent\)?|\(?draft\)?)[\s.,]*", re.I)


def unlocated_fields() -> dict[str, Any]:
    """An archival document whose archive the note does not name: every field of the JSON
    contract's archival citation, empty."""
    return {"archive": None, "archive_id": None, "archive_name": None, "country": None, "fond": None, "opis": None,
            "papka": None, "delo": None, "path": [], "folios": None, "folio_first": None, "folio_last": None,
            "verso": False, "unlocated": True}


def archival_location(location: str, context: NoteContext) -> tuple[str, dict[str, Any]] | None:
    """Archival fields where ``location`` places the document in an archive: one the tables
    list, a record group, or a repository and its levels ("Eisenhower Library, Dulles Papers,
    Subject Series, Box 8, …")."""
    words = vocabulary()
    for reader in (read_listed_archive, read_implied_archive):
        outcome = reader(location, context)
        if isinstance(outcome, tuple):
            return outcome
    repository = repository_named(location)
    if repository or next(word_matches(words.archival_level, location), None):
        fields = unlocated_fields() | {"archive": repository, "unlocated": False}
        if repository is None and (written := archival.written_levels(location)) is not None:
            fields |= written[0] | {"path": written[1]}  # "…, Folder “…,” Box 35, Miscellaneous Office Files"
        return "archival", fields
    return None


def repository_named(location: str) -> str | None:
    """The repository a location names, as written: the first or last comma-separated part
    holding a repository word ("Eisenhower Library", "LCM", "Reed College", "DLC")."""
    words = vocabulary()
    parts = [REPOSITORY_LEAD.sub("", p.strip(SPACE_OR_PUNCT)) for p in location.split(",")]
    for part in (parts[:1] + parts[-1:]) if len(parts) > 1 else parts:
        if part and len(part.split()) <= 8 and next(word_matches(words.repository, part), None):
            return part
    return None


REPOSITORY_LEAD = re.compile(r"^(?:(?:held|kept|preserved|located|found)[ \t]+)?(?:in|at)[ \t]+(?:the[ \t]+)?(?=[A-Z])")


def published_location(location: str, context: NoteContext) -> tuple[str, dict[str, Any]] | None:
    """Published fields where ``location`` is a publication the document is printed in."""
    for reader in (read_series, read_official, read_chicago, read_book, read_web):
        outcome = reader(location, context)
        if isinstance(outcome, tuple) and outcome[0] == "published" and not outcome[1].get("pending"):
            return outcome
    return None


def archival_cues(text: str) -> int:
    """How many archive levels with identifiers ("Box 7", "Lot File 13D289", "RG 59"), named
    collections ("Charles Sumner Papers") and repositories a text names."""
    words = vocabulary()
    levels = sum(1 for _ in word_matches(words.archival_level, text))
    collection = any(words.collection.search(part.strip(SPACE_OR_PUNCT)) for part in text.split(","))
    return levels + collection + bool(repository_named(text))


def read_archival_cues(text: str, context: NoteContext) -> Outcome:
    """"Arthur Kogan, “Department of State Publication of Foreign Government Documents,” June 1981,
    Department of State, HO Research Projects Lot File 13D289, Box 7, …": a paper located by an
    archive's levels, in a repository the tables do not list."""
    words = vocabulary()
    collection = any(words.collection.search(part.strip(SPACE_OR_PUNCT)) for part in text.split(","))
    if archival_cues(text) < 2 or not (DIGIT.search(text) or collection):  # "…, Charles Sumner Papers, Harvard University"
        if len(text) > 200 or next(word_matches(words.archival_level, text), None) is None:
            return None
        only = archival.written_levels(text.strip(SPACE_OR_PUNCT), alone=True)
        if only is None:
            return None
        values, path = only  # "Berle Files, Container 44": levels alone, their place perhaps named later
        return "archival", unlocated_fields() | values | {"path": path, "unlocated": False}
    return "archival", unlocated_fields() | {"archive": repository_named(text), "unlocated": False}


def read_review(text: str, context: NoteContext) -> Outcome:
    """"Samuel Flagg Bemis review of Foreign Relations of the United States: Diplomatic Papers,
    1932 in the American Historical Review (July 1949), pp. 856–858": a review, published in a journal."""
    review = vocabulary().review.match(text)
    if review is None or not party_like(review["writer"]) or len(review["writer"].split()) > 6:
        return None
    rest = text[review.end():]
    within = last_of(re.finditer(r"[ \t,]+in[ \t]+(?:the[ \t]+)?(?=[A-Z])", rest))
    reviewed = rest[:within.start()] if within else rest
    container_text = rest[within.end():] if within else ""
    date = next(JOURNAL_DATE.finditer(container_text), None) if container_text else None
    container = clean_title(container_text[:date.start()] if date else container_text) or None
    year = (date["year"] or date["year2"]) if date else None
    title = "review of " + clean_title(reviewed)
    return "published", chicago_fields(review["writer"], title, "full", work_type="review", container=container,
                                       year=year, pages=last_pages(container_text or rest))


# -- official publications: congressional documents, debates, statutes, executive orders

OFFICIAL_NUMBERED = re.compile(r"(?<![0-9])(?:[0-9]{1,3}(?:st|nd|rd|d|th)[ \t]+Cong|[0-9]{1,4}[ \t]+U\.?S\.?C\.?[ \t]+[0-9]"
                               r"|[0-9]{1,4}[ \t]+Stat\.)|Cong\.|Sess\.|Executive[ \t]+Order[ \t]+[0-9]|P\.L\.[ \t]*[0-9]")


def read_official(text: str, context: NoteContext) -> Outcome:
    """"Annals of Congress, House of Representatives, 2nd Cong., 1st Sess., April 4, 1792, pp.
    535–536", "Congressional Record – Senate, vol. 136, …", "41st Cong., 2d Sess., H. Ex. Doc. 1",
    "22 USC 4351": an official publication, with a title before the congress or the numbers."""
    words = vocabulary()
    cue = next(word_matches(words.official, text), None)
    numbered = OFFICIAL_NUMBERED.search(text)
    if cue is None or not DIGIT.search(text):
        return None
    if cue.group().strip() in ("Congress", "CONGRESS", "Session", "SESSION", "Hearings", "HEARINGS", "Hearing",
                               "serial") and numbered is None:
        return None
    first = min(m.start() for m in (cue, numbered) if m)
    title_text = text[:first].strip(SPACE_OR_PUNCT)
    if title_text and not title_like(title_text) and not DIGIT.match(title_text):
        return None
    if not title_text and first > 0:
        return None
    parts = [p.strip(SPACE_OR_PUNCT) for p in text.split(",")]
    title = title_text or parts[0]
    pages = last_pages(text)
    date = next(DAY_DATE.finditer(text), None)
    year = date and (date["md_y"] or date["dm_y"])
    imprint = next(CHICAGO_IMPRINT.finditer(text), None)
    return "published", official_fields(title, year or (imprint["year"] if imprint else None), pages)


def official_fields(title: str | None, year: str | None, pages: str | None) -> dict[str, Any]:
    first, last = number_range(pages)
    details = {"volume": None, "series_letter": None, "part": None, "volume_title": None, "pages": pages,
               "page_first": first, "page_last": last, "place": None, "publisher": None,
               "publication_year": int(year[:4]) if year and year[:4].isdigit() else None}
    return published_fields(None, None, details, None, title) | {
        "container": None, "editors": None, "issue": None, "work_type": "legislation", "form": "full",
        "back_reference": None, "authors": []}


PAGES_TAIL = re.compile(r"(?:,|:)?[ \t]*(?:pp?\.|pages?)?[ \t]*(?P<pages>[0-9ivxlcIVXLC]{1,6}(?:[ \t]*[–—-][ \t]*"
                        r"[0-9ivxlcIVXLC]{1,6})?(?:[ \t]*(?:,|and|&)[ \t]*[0-9]{1,6}(?:[ \t]*[–—-][ \t]*[0-9]{1,6})?)*)"
                        r"(?:,?[ \t]*passim)?[ \t.]*$")
MARKED_PAGES = re.compile(r"(?:pp?\.|pages?)[ \t]*(?P<pages>[0-9ivxlcIVXLC]{1,6}(?:[ \t]*[–—-][ \t]*[0-9ivxlcIVXLC]{1,6})?"
                          r"(?:[ \t]*(?:,|and|&)[ \t]*[0-9]{1,6}(?:[ \t]*[–—-][ \t]*[0-9]{1,6})?)*)")


def last_pages(text: str) -> str | None:
    text = ACCESSED_ANYWHERE.sub(" ", URL.sub(" ", text)).rstrip(SPACE_OR_PUNCT)  # not the digits of a DOI
    marked = next(MARKED_PAGES.finditer(text), None)
    if marked:
        return marked["pages"]
    tail = PAGES_TAIL.search(text, max(0, len(text) - 80))
    if tail is None or re.fullmatch(YEAR, tail["pages"]) or DATE_END.search(text, max(0, len(text) - 40)):
        return None  # "…, February 14, 2019": a date, not pages
    return tail["pages"]


# -- newspapers and news magazines cited by date

def read_news_item(text: str, context: NoteContext) -> Outcome:
    """"Bernard Gwertzman, “U.S. Tells of ’54 Guatemala Invasion,” New York Times, January 4,
    1984, p. A3", "“Fifty Important Dates of 1955,” New York Times, January 1, 1956", "New York
    Herald Tribune, December 9, 1869", "Letter to the Editor from Historian, January 6, 1949,
    Washington Post, p. 10": a newspaper's name and a date to the day."""
    words = vocabulary()
    pos = 0
    day = None  # "(2023, August 6)" after the author: the item's date comes first
    for lead in (INVERTED_AUTHOR.match(text), CHICAGO_AUTHORS.match(text), AUTHOR_BEFORE_DATE.match(text)):
        if lead is None:  # "Marshall, Tyler." or "Bernard Gwertzman," or "Leonhardt, D. (2023, August 6)."
            continue
        after_lead = LEAD_GAP.match(text, lead.end()).end()
        day = APA_DAY.match(text, after_lead)
        if day:
            after_lead = day.end()
        if text[after_lead:after_lead + 1] in OPENING_QUOTES:
            pos = after_lead
            break
        day = None
    quoted = works.QUOTED.match(text, pos)
    if quoted:
        if day and pos:
            paper = NEWS_NAME_AFTER_HEADLINE.match(text, quoted.end())
            if paper and newspaper_name(paper["title"]) and next(word_matches(words.newspaper_word, paper["title"]), None):
                return news_fields(paper, quoted, day)
            return None
        paper = NEWS_AFTER_HEADLINE.match(text, quoted.end()) or NEWS_DATE_THEN_NAME.match(text, quoted.end())
        if paper and newspaper_name(paper["title"]):
            return news_fields(paper, quoted)
        # a periodical first: 'Business Week, "What Makes the Boom …," November 26, 1966'
        date = DAY_DATE.match(text, LEAD_GAP.match(text, quoted.end()).end())
        periodical = text[:pos].strip(" \t.,")
        if date and pos and newspaper_name(periodical) and next(word_matches(words.newspaper_word, periodical), None):
            return periodical_fields(periodical, date, quoted)
        return None
    editor = words.to_the_editor.match(text)
    if editor:
        date = next(DAY_DATE.finditer(text), None)
        after = NEWS_NAME_AFTER_DATE.match(text, date.end()) if date else None
        if after and next(word_matches(words.newspaper_word, after["title"]), None):
            return news_fields(after, None, date)
    return None


# A bibliography's author before a headline: "Marshall, Tyler." / "Dale, Edwin L.,"
INVERTED_AUTHOR = re.compile(r"[^\W\d_][\w'’-]+(?:[ \t][^\W\d_][\w'’-]+)?,[ \t]+[^\W\d_][\w'’.-]*"
                             r"(?:[ \t]+[^\W\d_][\w'’.-]*){0,2}[.,](?=[ \t]*[\"“«‘'])")
LEAD_GAP = re.compile(r"[ \t.,]*")
PLACE_AFTER_NAME = re.compile(r"[ \t]*\((?P<place>[^()]+)\)$")
AUTHOR_BEFORE_DATE = re.compile(r"[^\W\d_][\w'’-]+(?:[ \t][^\W\d_][\w'’-]+)?,[ \t]+[^\W\d_][\w'’.-]*"
                                r"(?:[ \t]+[^\W\d_][\w'’.-]*){0,2}(?=[ \t]*\()")
# what may close a news item after its date: its page ("p. A3", "p. SM7"), its address, when it was read
NEWS_TAIL = (r"(?:,?[ \t]*(?:pp?\.|page)[ \t]*[A-Z]{0,2}[0-9]+(?:[ \t]*(?:and|,|[–-])[ \t]*[0-9]+)?)?"
             r"(?:[,.]?[ \t]*(?:https?://|www\.)\S+)?(?:[ \t]*\((?:accessed|retrieved)[^()]*\))?"
             r"(?:[,.]?[ \t]*(?:Accessed|Retrieved|accessed|retrieved)[ \t]+[^()\n]{4,40}?)?[\s.]*")
# "The New York Times", "The Day Book (Chicago, Ill.)": a periodical's name, perhaps its place in brackets
NEWS_NAME = r"[^\W\d][^,;()\[\]0-9]{1,70}?(?:[ \t]*\([^()\[\]0-9]{2,40}\))?"
NEWS_AFTER_HEADLINE = re.compile(rf"[\s,.]*(?P<title>{NEWS_NAME}),[ \t]+(?P<date>{DAY_DATE.pattern})(?P<tail>{NEWS_TAIL})$")
# "“Tabletop gaming in 2021 …”, 8 Jan. 2021, Polygon. https://…": the date before the periodical's name
NEWS_DATE_THEN_NAME = re.compile(rf"[\s,.]*(?P<date>{DAY_DATE.pattern}),[ \t]+(?P<title>{NEWS_NAME})(?P<tail>{NEWS_TAIL})$")
# "Leonhardt, D. (2023, August 6). “A new Times quiz”. The New York Times. https://…": an author–date lead
APA_DAY = re.compile(rf"[ \t]*\((?P<md_y>{YEAR}),[ \t]*(?P<md_month>{MONTH_NAMES})[ \t]+(?P<md_d>[0-9]{{1,2}})\)[.,]?[ \t]*")
NEWS_NAME_AFTER_HEADLINE = re.compile(rf"[\s,.]*(?P<title>{NEWS_NAME})(?P<tail>{NEWS_TAIL})$")
NEWS_NAME_AFTER_DATE = re.compile(r",[ \t]+(?P<title>[^\W\d][^,;()0-9]{1,70}?)(?:,[ \t]*(?:pp?\.|page)[ \t]*[A-Z]?[0-9]+)?[\s.]*$")


def newspaper_name(name: str) -> bool:
    """A periodical's name: a few capitalised words ("New York Times", "U.S. News and World Report")."""
    name = name.strip()
    words = name.split()
    return (0 < len(words) <= 8 and title_like(name) and words[-1][:1].isupper()
            and vocabulary().correspondence.match(name) is None)


def periodical_fields(title: str, date: re.Match[str], headline: re.Match[str]) -> Outcome:
    """A periodical named before its article's headline, dated to the day."""
    year, month_name, day = ((date["md_y"], date["md_month"], date["md_d"]) if date["md_y"]
                             else (date["dm_y"], date["dm_month"], date["dm_d"]))
    month = MONTHS.get(key(month_name).rstrip("."))
    iso = iso_date(year, month, day) if month else None
    if iso is None:
        return None
    quoted = next((g for g in headline.groups() if g is not None), "")
    return "newspaper", {"title": title, "date": iso, "date_as_written": date.group().strip(), "issue": None,
                         "pages": None, "page_first": None, "page_last": None, "headline": quoted.strip(" ,.") or None}


def news_fields(paper: re.Match[str], headline: re.Match[str] | None, date: re.Match[str] | None = None
                ) -> Outcome:
    date = date or paper
    year, month_name, day = ((date["md_y"], date["md_month"], date["md_d"]) if date["md_y"]
                             else (date["dm_y"], date["dm_month"], date["dm_d"]))
    month = MONTHS.get(key(month_name).rstrip("."))
    iso = iso_date(year, month, day) if month else None
    if iso is None:
        return f"{(date['date'] if 'date' in date.groupdict() else date.group())!r} is not a valid date"
    tail = paper.group() if headline is None else paper["tail"]
    pages = next(MARKED_PAGES.finditer(tail), None)
    first, last = number_range(pages["pages"] if pages else None)
    title_headline = next((g for g in headline.groups() if g is not None), None) if headline else None
    title = paper["title"].strip(SPACE_OR_PUNCT)
    place = PLACE_AFTER_NAME.search(title)  # "The Day Book (Chicago, Ill.)"
    return "newspaper", {
        "title": title[:place.start()] if place else title, "date": iso, "place": place["place"] if place else None,
        "date_as_written": (date["date"] if "date" in date.groupdict() and date["date"] else date.group()).strip(),
        "issue": None, "pages": pages["pages"] if pages else None, "page_first": first, "page_last": last,
        "headline": title_headline.strip(" ,.") if title_headline else None,
    }


# -- published works written the Chicago way (and the author–date way of some lessons)

NAME_IN_LIST = rf"{works.NAME}"
CHICAGO_AUTHORS = re.compile(
    rf"(?P<authors>{NAME_IN_LIST}(?:[ \t]*,[ \t]*{NAME_IN_LIST}){{0,8}},?[ \t]+(?:and|&|y|und|et|и)[ \t]+{NAME_IN_LIST}"
    rf"|{NAME_IN_LIST}[ \t]+(?:and|&|y|und|et|и)[ \t]+{NAME_IN_LIST}"
    rf"|{NAME_IN_LIST},?[ \t]+et[ \t]+al\."
    rf"|{NAME_IN_LIST})"
    rf"(?:,?[ \t]*(?P<editor>{works.EDITOR_MARK}|editors?))?[ \t]*,[ \t]*")
AUTHOR_YEAR_LEAD = re.compile(rf"(?P<authors>{NAME_IN_LIST}(?:[ \t]*,[ \t]*{NAME_IN_LIST}){{0,8}}),?[ \t]*"
                              rf"\((?P<year>{YEAR})[a-z]?\)[ \t.,]*")
CHICAGO_IMPRINT = re.compile(
    rf"\((?:(?P<place>[^():;]{{2,80}}?)[ \t]*:[ \t]*)?(?P<publisher>[^():]{{1,160}}?),[ \t]*(?P<year>{YEAR}(?:[ \t]*[–—-][ \t]*"
    rf"(?:{YEAR}|[0-9]{{2}}))?)(?:[;,][^()]{{0,120}})?\)"
    rf"|\((?P<place2>[^():;]{{2,80}}?)[ \t]*:[ \t]*(?P<publisher2>[^():]{{1,160}}?)\)")
JOURNAL_DATE = re.compile(rf"\((?:[^()]{{0,120}}[ \t,])?(?P<year>{YEAR})(?:[ \t]*[–—-][ \t]*[0-9]{{2,4}})?\)"
                          rf"|,[ \t]*(?:{MONTH_NAMES}|Spring|Summer|Fall|Autumn|Winter)?[ \t]*(?P<year2>{YEAR})(?![0-9])")
WORK_TAIL = re.compile(r"(?:https?://|www\.|doi|available|website|accessed|hereafter|henceforth|\(|URL|especially)",
                       re.I)
ETAL_ONLY = re.compile(rf"(?P<authors>{NAME_IN_LIST},?[ \t]+et[ \t]+al\.),[ \t]*(?:pp?\.[ \t]*)?(?P<pages>[0-9]{{1,5}}"
                       rf"(?:[ \t]*[–—-][ \t]*[0-9]{{1,5}})?)[ \t.]*$")
# "Wood, 25.", "Guard, 17", "Stapleton and McCready, 10–12.": a short form by the author's name and pages alone
AUTHOR_PAGES = re.compile(rf"(?P<authors>{NAME_IN_LIST}(?:,?[ \t]+(?:and|&|und|et|и)[ \t]+{NAME_IN_LIST})?),[ \t]*"
                          rf"(?:(?P<marker>pp?\.|[Сс]\.|S\.)[ \t]*)?(?P<pages>[0-9]{{1,5}}(?:[ \t]*[–—-][ \t]*[0-9]{{1,5}})?"
                          rf"(?:[ \t]*,[ \t]*[0-9]{{1,5}}(?:[ \t]*[–—-][ \t]*[0-9]{{1,5}})?){{0,6}})[ \t.]*$")
EMPHASIS = re.compile(r"[*_]+")


def read_chicago(text: str, context: NoteContext) -> Outcome:
    """A published work: "Daniel N. Hoffman, Governmental Secrecy and the Founding Fathers
    (Westport, CT: Greenwood Press, 1981)", "Abraham D. Sofaer, “Executive Power …,” Duke Law
    Journal 77, no. 1 (March 1977): pp. 1–57", "Louis Gottschalk, Goldine Gleser (1969) The
    Measurement …", a title and imprint without an author; short forms ("Hoffman, Governmental
    Secrecy and the Founding Fathers, pp. 69–83", "Jeffrey Wu et al., 7.", "Report by the
    Committee on Department Methods, p. 10")."""
    etal = ETAL_ONLY.match(text)
    if etal:
        return "published", chicago_fields(etal["authors"], None, "short", pages=etal["pages"])
    named = AUTHOR_PAGES.match(text)
    if named and author_like(named["authors"]) and (named["marker"] or not YEARS.fullmatch(named["pages"])):
        # "Wood, 25.": the author's work cited before (backrefs links it); "Smith, 1950, 12.": of that year
        first, _, rest = named["pages"].partition(",")
        if not named["marker"] and rest and re.fullmatch(YEAR, first.strip()):
            return "published", chicago_fields(named["authors"], None, "short", year=first.strip(), pages=rest.strip())
        return "published", chicago_fields(named["authors"], None, "short", pages=named["pages"])
    year_lead = AUTHOR_YEAR_LEAD.match(text)
    if year_lead:
        return author_year_work(text, year_lead)
    lead = CHICAGO_AUTHORS.match(text)
    candidates = [lead] if lead else []
    if lead and text[lead.end():lead.end() + 1] not in OPENING_QUOTES:  # "Anne Boyd, Rae Rips, Title": the shortest
        shorter = re.match(rf"(?P<authors>{NAME_IN_LIST})(?:,?[ \t]*(?P<editor>{works.EDITOR_MARK}))?[ \t]*,[ \t]*",
                           text)
        if shorter and shorter.end() != lead.end() and " and " not in lead["authors"] and "&" not in lead["authors"]:
            candidates = [shorter, lead]
    for found in candidates:
        outcome = chicago_after_authors(text, found)
        if outcome is not None:
            return outcome
    return chicago_without_author(text)


def author_like(names: str) -> bool:
    """Whether the words before a short form's pages can be a person's name: not a month, an
    archive, a series, an archive level or a kind of document ("June, 12", "RGASPI, 17", "Box, 4")."""
    words, t = vocabulary(), tables()
    if MONTH_YEAR.match(names) or MONTH_ONLY.fullmatch(names) or t.archive_alias.match(names) \
            or t.series_alias.match(names):
        return False
    probe = names + " 0"
    return not (words.archival_level.match(probe) or words.document_head.match(names)
                or next(word_matches(words.repository, names), None) or words.newspaper_word.search(names)
                or re.fullmatch(rf"(?:{words.document_kind})", names, re.I))


def chicago_after_authors(text: str, lead: re.Match[str]) -> Outcome:
    authors = lead["authors"]
    if vocabulary().document_head.match(authors) or len(authors.split()) > 14:
        return None
    if (untitled_author(authors) or (CYRILLIC.search(authors) and AUTHOR.match(text))) \
            and last_imprint(text, 0) is not None and not CHICAGO_IMPRINT.search(text):
        return None  # "Берия, Маленков, Хрущев, 1953. М., 1999", "Хаустов В. Н., Самуэльсон Л. …": read_book reads it
    editor = bool(lead["editor"])
    pos = lead.end()
    quoted = works.QUOTED.match(text, pos) or SINGLE_QUOTED.match(text, pos)
    if quoted:
        title = clean_title(next(g for g in quoted.groups() if g is not None))
        rest_start = AFTER_QUOTE.match(text, quoted.end()).end()
        rest = text[rest_start:]
        if not rest.strip(SPACE_OR_PUNCT):
            return "published", chicago_fields(authors, title, "short", pending=True)
        pages = PAGES_ONLY.fullmatch(rest)
        if pages:
            return "published", chicago_fields(authors, title, "short", pages=pages["pages"])
        return quoted_work(text, authors, title, rest_start)
    imprint = next(CHICAGO_IMPRINT.finditer(text, pos), None)
    if imprint:
        title = clean_title(text[pos:imprint.start()])
        if not title or not TITLE_WORD.search(title) or not tail_is_locator(text[imprint.end():]):
            return None
        fields = chicago_fields(authors, strip_edition(title), "full", imprint=imprint,
                                pages=last_pages(text[imprint.end():]), editors=authors if editor else None)
        if editor:  # "John Snell, ed., The Meaning of Yalta": edited, not written by them
            fields["authors"] = []
        return "published", fields
    short = SHORT_TITLE_PAGES.fullmatch(text, pos)
    if (short and title_like(short["title"]) and len(short["title"].split()) <= 14
            and not vocabulary().archival_level.match(short["title"] + " 0") and not DAY_DATE.search(text[-40:])):
        return "published", chicago_fields(authors, clean_title(short["title"]), "short", pages=short["pages"])
    return None


AFTER_QUOTE = re.compile(r"[\s,.:]*")
PAGES_ONLY = re.compile(r"[\s,.:]*(?:pp?\.|pages?)?[ \t]*(?P<pages>[0-9ivxlc]{1,6}(?:[ \t]*[–—-][ \t]*[0-9ivxlc]{1,6})?"
                        r"(?:[ \t]*(?:,|and|&)[ \t]*[0-9]{1,6}(?:[ \t]*[–—-][ \t]*[0-9]{1,6})?)*)[ \t.]*")
SHORT_TITLE_PAGES = re.compile(r"(?P<title>[^()\[\]]{2,200}?)(?:,[ \t]*(?:pp?\.|pages?)?|[ \t]+)[ \t]*"
                               r"(?P<pages>[0-9ivxlc]{1,5}(?:[ \t]*[–—-][ \t]*[0-9ivxlc]{1,5})?(?:[ \t]*(?:,|and|&)[ \t]*"
                               r"[0-9]{1,5}(?:[ \t]*[–—-][ \t]*[0-9]{1,5})?)*)[ \t.]*")
TITLE_WORD = re.compile(r"[^\W\d_]{3}")


def tail_is_locator(tail: str) -> bool:
    """After a book's imprint only its pages, its address or an availability note may follow."""
    tail = tail.strip(SPACE_OR_PUNCT)
    if not tail:
        return True
    if PAGES_ONLY.fullmatch(tail) or WORK_TAIL.match(tail):
        return True
    pages = PAGES_ONLY.match(tail)
    rest = tail[pages.end():].strip(SPACE_OR_PUNCT) if pages else tail
    return not rest or bool(WORK_TAIL.search(rest[:200])) or len(rest.split()) <= 6


def quoted_work(text: str, authors: str | None, title: str, pos: int) -> Outcome:
    """What follows a quoted title: "in EDITOR, ed., BOOK (IMPRINT), PAGES", or a journal, site or
    series with its date and pages (not an archive's levels: "…,” June 1981, Department of State,
    HO Research Projects Lot File 13D289, Box 7, …" is a paper kept in a lot file)."""
    if archival_cues(text[pos:]) >= 2:
        return None
    in_book = works.IN_BOOK.match(text, pos)
    imprint = next(CHICAGO_IMPRINT.finditer(text, pos), None)
    if in_book and imprint and (imprint["place"] or imprint["place2"] or in_book["editors"]):
        container = clean_title(text[in_book.end():imprint.start()])
        container = EDITORS_BEFORE.sub("", container, count=1) if EDITORS_BEFORE.match(container) else container
        return "published", chicago_fields(authors, title, "full", imprint=imprint, work_type="chapter",
                                           container=strip_edition(container) or None, editors=in_book["editors"],
                                           pages=last_pages(text[imprint.end():]))
    if in_book:  # "in: Vierteljahrshefte für Zeitgeschichte 10 (1962)": a journal, as German notes write it
        pos = in_book.end()
    date = next(JOURNAL_DATE.finditer(text, pos), None)
    number = NUMBER_AFTER.search(text, pos)
    day = DAY_DATE.search(text, pos)
    if day and number and day.start() < number.end() <= day.end():  # "OpenAI (blog), February 14, 2019": a date
        number = None
        date = day if date is None or day.start() < date.start() else date
    container_end = min([m.start() for m in (date, number) if m] + [len(text)])
    container = clean_title(text[pos:container_end]) or None
    dated = date is not None and date is day
    year = ((date["md_y"] or date["dm_y"]) if dated else (date["year"] or date["year2"])) if date else None
    fields = chicago_fields(authors, title, "full", work_type="article-journal", container=container,
                            year=year, pages=last_pages(text[date.end() if dated else container_end:]))
    numbers = works.JOURNAL_NUMBERS.match(text, container_end)
    if not dated and numbers and not re.fullmatch(YEAR, numbers["volume"]):
        fields.update(volume=numbers["volume"], issue=numbers["issue"])
    return "published", fields


NUMBER_AFTER = re.compile(r"[ \t,]+(?:vol\.|Vol\.|no\.|No\.)?[ \t]*[0-9]")
EDITORS_BEFORE = re.compile(rf"(?:{works.NAMES}),?[ \t]*(?:{works.EDITOR_MARK}|editors?),?[ \t]*")


def author_year_work(text: str, lead: re.Match[str]) -> Outcome:
    """"Philip Stone, Dexter Dunphy, Marshall Smith (1966) ‘The General Inquirer …’ (M.I.T. Press)"."""
    rest = text[lead.end():]
    quoted = SINGLE_QUOTED.match(rest) or works.QUOTED.match(rest)
    if quoted:
        title = next(g for g in quoted.groups() if g is not None)
    else:
        title = re.split(r"\(|\.\s", rest, maxsplit=1)[0]
    title = clean_title(title)
    if not title or not TITLE_WORD.search(title):
        return None
    return "published", chicago_fields(lead["authors"], title, "full", year=lead["year"], pages=last_pages(rest))


SINGLE_QUOTED = re.compile(r"[‘'](?P<s>[^’']{2,400})[’']")


def chicago_without_author(text: str) -> Outcome:
    """"Register of the Department of State, December 1, 1946 (Washington: Government Printing
    Office, 1947), pp. 55–57", "Report by the Committee on Department Methods, p. 10"."""
    imprint = next(CHICAGO_IMPRINT.finditer(text), None)
    if imprint and imprint.start() > 0:
        title = clean_title(text[:imprint.start()])
        if title and title_like(title) and tail_is_locator(text[imprint.end():]):
            return "published", chicago_fields(None, strip_edition(title), "full", imprint=imprint,
                                               pages=last_pages(text[imprint.end():]))
        return None
    short = short_form_without_author(text)
    if short is not None:
        return short
    quoted = works.QUOTED.match(text)
    if quoted:
        title = clean_title(next(g for g in quoted.groups() if g is not None))
        rest_start = AFTER_QUOTE.match(text, quoted.end()).end()
        if rest_start < len(text) and not DOCUMENT_DATE.match(text, rest_start) and title_like(title):
            return quoted_work(text, None, title, rest_start)
    return None


def short_form_without_author(text: str) -> Outcome:
    """"Report by the Committee on Department Methods, p. 10", "The Papers of George Washington,
    Presidential Series, Vol. 10, notes on p. 169": a title (each comma-separated part of it
    capitalised), perhaps a volume, and pages."""
    if DAY_DATE.search(text[-40:]):
        return None
    short = SHORT_TITLE_PAGES.fullmatch(text)
    if short and short_title_like(short["title"]) and not YEARS.fullmatch(short["pages"]) \
            and not MONTH_END.search(short["title"]):  # "Prepared on October 29": a day, not a page
        return "published", chicago_fields(None, clean_title(short["title"]), "short", pages=short["pages"])
    marked = last_of(MARKED_PAGES.finditer(text, max(0, len(text) - 60)))
    if marked is None or text[marked.end():].strip(SPACE_OR_PUNCT):
        return None
    parts = [p.strip(SPACE_OR_PUNCT) for p in text[:marked.start()].split(",")]
    title_parts = []
    for part in parts:
        if not part or works.VOLUME.match(part) or VOLUME_START.match(part):
            break
        title_parts.append(part)
    if not title_parts or len(title_parts) == len(parts) and len(parts) > 1 and not title_like(parts[-1]):
        return None
    if not short_title_like(title_parts[0]) or not all(
            short_title_like(p) or (len(p.split()) <= 3 and title_like(p) and not DIGIT.search(p)) for p in title_parts):
        return None
    volume = next(works.VOLUME.finditer(text), None)
    return "published", chicago_fields(None, ", ".join(title_parts), "short", pages=marked["pages"]) | (
        {"volume": volume["volume"]} if volume else {})


MONTH_END = re.compile(rf"(?:{MONTH_NAMES})$")
MONTH_ONLY = re.compile(rf"(?:{MONTH_NAMES})\.?")
YEARS = re.compile(rf"{YEAR}(?:[ \t]*[–—-][ \t]*(?:[0-9]{{4}}|[0-9]{{2}}))?")
VOLUME_START = re.compile(r"(?:vol\.|Vol\.|Volume|volume|notes|pp?\.)[ \t]", re.I)


def cued_short_form(text: str) -> tuple[str, dict[str, Any]] | None:
    lead = CHICAGO_AUTHORS.match(text)
    if lead is None:
        return None
    title = clean_title(text[lead.end():])
    quoted = works.QUOTED.fullmatch(text[lead.end():].rstrip(" ."))
    if quoted or (title and short_title_like(title)):
        return "published", chicago_fields(lead["authors"], title, "short")
    return None


def short_title_like(title: str) -> bool:
    """A work's short title standing alone before its pages: a few capitalised words, no numbers
    or commas ("Report by the Committee on Department Methods")."""
    return (title_like(title) and len(title.split()) <= 14 and len(TITLE_WORDS.findall(title)) >= 2
            and not DIGIT.search(title) and "," not in title and "." not in title.rstrip("."))


EDITION = re.compile(r",?[ \t]*(?:(?<![0-9])[0-9]{1,3}(?:st|nd|rd|d|th)|Revised|revised|[A-Z][a-z]+)[ \t]+(?:ed\.|edn\.|Edition"
                     r"|edition)(?:,[ \t]*(?:revised(?:[ \t]+and[ \t]+enlarged)?))?.*$|,?[ \t]*(?<![0-9])[0-9]{1,3}[ \t]+vols?\.$")


def strip_edition(title: str) -> str:
    return EDITION.sub("", title).strip(SPACE_OR_PUNCT) or title


def clean_title(title: str) -> str:
    return EMPHASIS.sub("", MARKDOWN_LINK.sub(r"\1", title)).strip(SPACE_OR_PUNCT + "“”\"«»„‘’'")


def family_names(authors: str | None) -> list[str]:
    """"Anne Morris Boyd and Rae Elizabeth Rips" -> ["Boyd", "Rips"]; "Jeffrey Wu et al." -> ["Wu"]."""
    if not authors:
        return []
    names = re.split(r"[ \t]*,[ \t]*(?:and[ \t]+|&[ \t]+)?|[ \t]+(?:and|&|y|und|et|и)[ \t]+", authors.replace(" et al.", ""))
    families = []
    for name in names:
        tokens = [t for t in name.split() if not INITIAL_TOKEN.fullmatch(t)]
        if tokens:
            families.append(tokens[-1])
    return families


INITIAL_TOKEN = re.compile(r"[A-ZÀ-ÖØ-ÞА-ЯЁ]\.?|[A-ZÀ-ÖØ-ÞА-ЯЁ][a-zа-яё]{1,2}\.|al\.")


def chicago_fields(authors: str | None, title: str | None, form: str, *, imprint: re.Match[str] | None = None,
                   pages: str | None = None, work_type: str = "book", container: str | None = None,
                   year: str | None = None, editors: str | None = None, pending: bool = False) -> dict[str, Any]:
    work = works.CitedWork(authors.strip() if authors else None, title or None, form, work_type, container=container,
                           editors=editors, pages=pages)
    if imprint is not None:
        work.place = (imprint["place"] or imprint["place2"] or "").strip() or None
        work.publisher = (imprint["publisher"] or imprint["publisher2"] or "").strip() or None
        if work.place is None:  # "(New York, 1980)": a place and a year, as works.py reads it
            work.place, work.publisher = work.publisher, None
        year = imprint["year"] or year
    if year:
        work.year = int(year[:4])
    fields = work_fields(work) | {"authors": family_names(authors)}
    if pending:
        fields["pending"] = True
    return fields


def read_henceforth(text: str) -> str | None:
    """The short title a citation announces: "(hereafter Report by the Committee on Department Methods)"."""
    found = vocabulary().henceforth.search(text)
    return found["short"].strip(SPACE_OR_PUNCT) if found else None


# -- a journal's issue, the Russian way: "Известия ЦК КПСС. 1989. № 7. С. 86–93."

@functools.cache
def journal_issue() -> re.Pattern[str]:
    issue = phrases(read_data("series.toml")["markers"]["issue"])
    return re.compile(rf"(?P<title>[^\W\d][^.;:0-9]{{2,150}}?)[.,][ \t]*(?P<year>{YEAR})[.,][ \t]*(?:{issue})[ \t]*"
                      rf"(?P<issue>[0-9]{{1,4}}(?:[ \t]*[–—/-][ \t]*[0-9]{{1,4}})?)(?P<rest>[^;]{{0,200}})")


def read_journal_issue(text: str, context: NoteContext) -> Outcome:
    """"Известия ЦК КПСС. 1989. № 7. С.86–93.", "Voprosy istorii. 1990. No. 3. S. 12.": a journal's
    issue cited by year and number."""
    found = journal_issue().fullmatch(text.strip())
    if found is None or len(found["title"].split()) > 10 or not found["title"][0].isupper():
        return None
    rest = found["rest"].strip(SPACE_OR_PUNCT)
    pages = next(word_matches(context.tables.pages, rest), None) if rest else None
    if rest and pages is None:
        return None
    fields = chicago_fields(None, found["title"].strip(), "full", work_type="article-journal", year=found["year"],
                            pages=pages["pages"] if pages else None)
    return "published", fields | {"issue": found["issue"]}


def read_in_container(text: str, context: NoteContext) -> Outcome:
    """"Хлевнюк О. В. Сталин и репрессии // Вопросы истории. 1995. № 2. С. 12.": an article or a
    chapter, and after "//" the journal or book it is in."""
    slashes = text.find("//")
    if slashes <= 0 or slashes > 400 or "://" in text[max(0, slashes - 6):slashes + 2]:
        return None
    head, container = text[:slashes].strip(SPACE_OR_PUNCT), text[slashes + 2:].strip()
    if not head or not container or not re.search(YEAR, container):
        return None
    author = AUTHOR.match(head)
    title = head[author.end():].strip(SPACE_OR_PUNCT) if author else head
    imprint = last_imprint(container, 0)
    year = imprint.group("year") if imprint else re.search(YEAR, container).group()  # the imprint's, not the title's
    pages = last_of(word_matches(context.tables.pages, container))
    container_title = re.split(r"\.[ \t]|,[ \t]*(?=[0-9])", container, maxsplit=1)[0].strip(SPACE_OR_PUNCT)
    fields = chicago_fields(author["author"].strip() if author else None, title or None, "full",
                            work_type="article-journal", container=container_title or None, year=year,
                            pages=pages["pages"] if pages else None)
    issue = re.search(r"(?:№|No\.|Nr\.)[ \t]*([0-9]{1,4})", container)
    return "published", fields | {"issue": issue.group(1) if issue else None}


# -- web pages and databases cited by their address

def read_web(text: str, context: NoteContext) -> Outcome:
    """"Department of State, Office of the Historian website https://history.state.gov/…", a bare
    address: published, titled by the name before the address (null for a bare one)."""
    url = URL.search(text)
    if url is None:
        return None
    before = text[:url.start()].strip(SPACE_OR_PUNCT)
    if before and (len(before.split()) > 16 or not title_like(before)):
        return None
    return "published", web_fields(url.group(), before.split(",")[-1].strip() if before else None)


def web_fields(url: str, title: str | None) -> dict[str, Any]:
    return chicago_fields(None, title, "full", work_type="webpage") | {"url": url}


# -- author–year pointers to the bibliography: "Ver en la bibliografía: Martínez Carro 2018 y 2019, …"

AUTHOR_YEARS = re.compile(rf"(?P<authors>{works.NAME}(?:[ \t]+(?:y|and|&|und|и)[ \t]+{works.NAME})?(?:[ \t]+et[ \t]+al\.)?)"
                          rf"[ \t]+(?P<year>{YEAR}[a-z]?)(?P<more>(?:[ \t]*(?:,|y|and|&|und|и)[ \t]+{YEAR}[a-z]?(?![\w]))*)"
                          rf"(?P<pages>[ \t]*[,:][ \t]*(?:pp?\.[ \t]*)?(?![0-9]{{4}})[0-9]{{1,4}}(?:[ \t]*[–—-][ \t]*[0-9]{{1,4}})?)?")
AUTHOR_YEAR_ITEM = re.sub(r"\(\?P<\w+>", "(?:", AUTHOR_YEARS.pattern)
AUTHOR_YEAR_LIST = re.compile(rf"{AUTHOR_YEAR_ITEM}(?:[ \t]*[,;][ \t]*{AUTHOR_YEAR_ITEM})*[ \t.]*$")


def author_year_readings(text: str, piece: Piece) -> list[Reading]:
    """Each author–year pointer of a list, and each bare year after one, as a short form."""
    own = text[piece.start:piece.end]
    if not AUTHOR_YEAR_LIST.fullmatch(own):
        return []
    readings = []
    for item in AUTHOR_YEARS.finditer(own):
        authors = item["authors"]
        start = piece.start + item.start()
        pages = item["pages"].strip(" \t,:").removeprefix("pp.").removeprefix("p.").strip() if item["pages"] else None
        end = piece.start + (item.end("pages") if item["pages"] and not item["more"] else item.end("year"))
        readings.append(Reading(piece, start, end, "published",
                                chicago_fields(authors, None, "short", year=item["year"], pages=pages)
                                | {"author_year": True}))
        for year in re.finditer(rf"{YEAR}[a-z]?", item["more"] or ""):
            at = piece.start + item.start("more") + year.start()
            readings.append(Reading(piece, at, at + len(year.group()), "published",
                                    chicago_fields(authors, None, "short", year=year.group()) | {"author_year": True}))
    return readings


# The order matters: an Ibid or a listed archive is certain; an unlisted archive the loosest guess.
READERS: tuple[Callable[[str, NoteContext], Outcome], ...] = (
    read_ibid, read_same_author, read_listed_archive, read_earlier_work, read_continued_archive,
    read_implied_archive, read_series, read_news_item, read_review, read_document, read_official, read_newspaper,
    read_chicago,
    read_work, read_in_container, read_book, read_journal_issue, read_web, read_unlisted_archive, read_archival_cues,
)


# --- small helpers -----------------------------------------------------------------------

def csl_name(author: str) -> dict[str, str]:
    """"Molodyakov V. E.", "Molodyakov, Vasily" or "V. E. Molodyakov", "Chantal Brousseau" ->
    family and given: the family name is the word before a comma, else the one the initials
    follow, else the last (a name written in full in the reading order of English)."""
    if "," in author:
        family, _, given = author.partition(",")
        return {"family": family.strip(), "given": given.strip()} if given.strip() else {"family": family.strip()}
    words = author.split()
    if not words:
        return {"literal": author}
    if len(words) > 1 and words[-1].endswith(".") and not words[0].endswith("."):
        return {"family": words[0], "given": " ".join(words[1:])}  # "Molodyakov V. E."
    return {"family": words[-1], "given": " ".join(words[:-1])} if len(words) > 1 else {"family": words[0]}


def csl_title(f: dict[str, Any]) -> str:
    """A book's own title, or the series' full name with the year and the volume's title."""
    if not f.get("series_name"):
        return f.get("title") or ""
    title = f["series_name"] + (f", {f['year']}" if f.get("year") else "")
    return title + (f": {f['volume_title']}" if f.get("volume_title") else "")
