"""Citations inside a footnote: archival, published (series and books), newspaper, Ibid.

A note is cut into citations at semicolons outside brackets; each citation is typed by the first
reader in ``READERS`` that recognises it, and one that none recognises is ``other`` with a
reason. Archive schemes and document series are data (``legation/data/archives.toml`` and
``series.toml``): archive names, abbreviations in any script, and the markers of hierarchy
levels, volumes and pages are read from there, never spelt here. Every pattern is compiled
once, on first use.
"""

from __future__ import annotations

import datetime
import functools
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Callable

from legation.model import Citation, Diagnostic

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

UNRECOGNISED = "not an archival, published, newspaper or Ibid citation"

NUMBER = r"[0-9]{1,9}(?![0-9])"  # bounded, so int() of it is always cheap
YEAR = r"(?<![0-9])(?:1[5-9][0-9]{2}|20[0-9]{2})(?![0-9])"
DASH = r"\s*[-–—]\s*"
CAPITALISED = r"[A-ZА-ЯЁ]"


# --- the tables, read once ---------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Archive:
    id: str
    name: str
    country: str


@dataclass(frozen=True, slots=True)
class Series:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Tables:
    """Everything the readers need, built from the two data files."""

    levels: tuple[str, ...]  # hierarchy fields, outermost first
    level_rank: dict[str, int]
    marker_level: dict[str, str]  # marker key -> level field
    archives: dict[str, Archive]  # alias key -> archive
    series: dict[str, Series]  # alias key -> series
    places: dict[str, str]  # place abbreviation key -> place name
    archive_alias: re.Pattern[str]
    level: re.Pattern[str]  # one hierarchy level or the folios
    level_gap: re.Pattern[str]
    verso: re.Pattern[str]
    ibid: re.Pattern[str]
    ibid_pages: re.Pattern[str]
    series_alias: re.Pattern[str]
    series_year: re.Pattern[str]
    bare_volume: re.Pattern[str]
    volume: re.Pattern[str]
    part: re.Pattern[str]
    series_letter: re.Pattern[str]
    pages: re.Pattern[str]
    imprint: re.Pattern[str]
    author: re.Pattern[str]
    newspaper: re.Pattern[str]
    newspaper_tail: re.Pattern[str]
    unlisted_archive: re.Pattern[str]


def key(phrase: str) -> str:
    """How a marker or alias is looked up: spacing and case do not matter."""
    return "".join(phrase.split()).casefold()


def phrases(items: list[str] | tuple[str, ...], word_start: bool = True) -> str:
    """A regex alternative for each phrase, longest first so "Ll." wins over "L."."""
    def one(phrase: str) -> str:
        body = r"\s*".join(re.escape(word) for word in phrase.split())
        return body + (r"(?!\w)" if phrase[-1].isalnum() else "")

    alternatives = "|".join(one(p) for p in sorted(set(items), key=len, reverse=True))
    return ("(?<!\\w)" if word_start else "") + f"(?:{alternatives})"


def read_data(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("legation").joinpath("data", name).read_text("utf-8"))


@functools.cache
def tables() -> Tables:
    archives_toml, series_toml = read_data("archives.toml"), read_data("series.toml")
    levels = tuple(level["field"] for level in archives_toml["level"])
    level_markers = [m for level in archives_toml["level"] for m in level["markers"]]
    folio, markers = archives_toml["folio"], series_toml["markers"]

    verso = phrases(folio["verso"], word_start=False)
    folio_number = rf"{NUMBER}(?:\s*{verso})?"
    folio_range = rf"{folio_number}(?:{DASH}{folio_number})?"
    numbers = rf"{folio_range}(?:\s*,\s*{folio_range})*"  # "258–259", "1 об.", "170–171, 175"
    identifier = r"(?:[\w/-]*[0-9][\w/-]*|[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){0,3})"
    page = phrases(markers["page"])
    months = phrases(list(MONTHS)) + r"\.?"
    year_suffix = rf"(?:\s*{phrases(YEAR_SUFFIXES)})?"
    # "Washington", "New York", "M.", "N.Y.": capitalised words, a full stop only at the end
    place_word = rf"{CAPITALISED}[\w'’-]{{0,40}}(?:\.{CAPITALISED}[\w'’-]{{0,40}}){{0,3}}"
    place = rf"{place_word}(?:[ \t]+{place_word}){{0,2}}\.?"
    initial = r"[A-ZА-ЯЁ][a-zа-яё]{0,2}\."
    ignore_case = re.IGNORECASE

    return Tables(
        levels=levels,
        level_rank={level: rank for rank, level in enumerate(levels)},
        marker_level={key(m): level["field"] for level in archives_toml["level"] for m in level["markers"]},
        archives={key(alias): Archive(a["id"], a["name"], a["country"])
                  for a in archives_toml["archive"] for alias in [a["id"], *a["aliases"]]},
        series={key(alias): Series(s["id"], s["name"])
                for s in series_toml["series"] for alias in [s["id"], *s["aliases"]]},
        places={key(abbreviation): name for abbreviation, name in series_toml["places"].items()},
        archive_alias=re.compile(phrases([alias for a in archives_toml["archive"]
                                          for alias in [a["id"], *a["aliases"]]]), ignore_case),
        level=re.compile(rf"(?:(?P<folio_marker>{phrases(folio['markers'])})\s*(?P<folios>{numbers})"
                         rf"|(?P<marker>{phrases(level_markers)})\s*(?P<id>{identifier}))", ignore_case),
        level_gap=re.compile(r"[\s.,:]*"),
        verso=re.compile(rf"[0-9]\s*{verso}", ignore_case),
        ibid=re.compile(rf"{phrases(markers['ibid'])}[\s.,:]*(?P<bare>{numbers}(?=[\s.,]*$))?", ignore_case),
        ibid_pages=re.compile(rf"{phrases(markers['page'] + folio['markers'])}\s*(?P<pages>{numbers})",
                              ignore_case),
        series_alias=re.compile(phrases([alias for s in series_toml["series"]
                                         for alias in [s["id"], *s["aliases"]]]), ignore_case),
        series_year=re.compile(rf"(?P<year>{YEAR}(?:{DASH}(?:[0-9]{{4}}|[0-9]{{2}})(?![0-9]))?)"),
        bare_volume=re.compile(r"[\s.,:]*(?P<volume>[IVXLC]+)(?=[\s.,:]|$)"),
        volume=re.compile(rf"{phrases(markers['volume'])}\s*(?P<volume>"
                          rf"[IVXLC]+(?:{DASH}[IVXLC]+)?|[0-9]+[a-zа-я]?(?:{DASH}[0-9]+)?)(?!\w)", ignore_case),
        part=re.compile(rf"{phrases(markers['part'])}\s*(?P<part>(?:[0-9]+|[IVXLC]+)(?:\s*\([0-9]+\))?)(?!\w)",
                        ignore_case),
        series_letter=re.compile(rf"{phrases(markers['series'])}\s+(?P<letter>[A-Z0-9]{{1,2}})(?!\w)"
                                 rf"|(?P<ordinal>{phrases(markers['series_ordinal'])})\s+{phrases(markers['series'])}",
                                 ignore_case),
        pages=re.compile(rf"{page}\s*(?P<pages>{numbers})", ignore_case),
        # "Washington: United States Government Printing Office, 1956", "M., 1992"; starts a sentence
        imprint=re.compile(rf"(?:^|(?<=[.:/]))\s*(?P<place>{place})(?:\s*:\s*(?P<publisher>[^,;:]{{1,120}}?))?"
                           rf"\s*,\s*(?P<year>{YEAR})(?!{DASH}[0-9])"),
        # "Molodyakov V. E." or "V. E. Molodyakov,"
        author=re.compile(rf"(?P<author>{CAPITALISED}[\w'’-]+,?\s+(?:{initial}\s*){{1,3}}"
                          rf"|(?:{initial}\s*){{1,3}}{CAPITALISED}[\w'’-]+(?=[.,]))"),
        newspaper=re.compile(
            rf"(?P<title>[^\W\d_][^;\d]{{0,150}}?)[\s.,:]+(?P<date>(?:"
            rf"(?P<num_d>[0-9]{{1,2}})\.(?P<num_m>[0-9]{{1,2}})\.(?P<num_y>[0-9]{{4}})"
            rf"|(?P<iso_y>[0-9]{{4}})-(?P<iso_m>[0-9]{{2}})-(?P<iso_d>[0-9]{{2}})"
            rf"|(?P<dm_d>[0-9]{{1,2}})\.?\s+(?P<dm_month>{months})\s+(?P<dm_y>[0-9]{{4}})"
            rf"|(?P<md_month>{months})\s+(?P<md_d>[0-9]{{1,2}}),?\s+(?P<md_y>[0-9]{{4}})"
            rf")(?![0-9]){year_suffix})", ignore_case),
        newspaper_tail=re.compile(
            rf"(?:[\s.,]*{phrases(markers['issue'])}\s*(?P<issue>[0-9]+[\w/-]*))?"
            rf"(?:[\s.,]*{page}\s*(?P<pages>{numbers}))?[\s.,]*", ignore_case),
        # an archive the table does not list: the capitalised words just before "F. 1. Op. 2 …"
        unlisted_archive=re.compile(rf"(?<!\w)(?P<archive>{CAPITALISED}[\w-]*(?:[ \t]+{CAPITALISED}[\w-]*){{0,3}})"
                                    r"[\s.,:]*$"),
    )


# --- cutting a note into citations -------------------------------------------------------

SPLIT_POINTS = re.compile(r"[;()\[\]]")


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
        citations.append(Citation(kind=kind, text=own, start=start, end=end, fields=fields))
    return citations


def resolve_back_references(citations: list[Citation]) -> list[Diagnostic]:
    """Point each Ibid at the citation it repeats: the nearest earlier one that is not an Ibid."""
    diagnostics = []
    repeated: Citation | None = None
    for citation in citations:
        if citation.kind != "ibid":
            repeated = citation
            continue
        citation.fields["resolved"] = repeated
        if repeated is None:
            where = f"note {citation.footnote}: " if citation.footnote is not None else ""
            diagnostics.append(Diagnostic(
                "ibid-unresolved", f"{where}Ibid with no earlier citation to repeat",
                citation.footnote, citation.source_start, citation.source_end))
    return diagnostics


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
    return (f.get("archive_id") or f.get("archive"), *(f.get(level) for level in tables().levels))


# --- typing one citation -----------------------------------------------------------------

Outcome = tuple[str, dict[str, Any]] | str | None  # (kind, fields), or a reason it is not this kind


@dataclass(slots=True)
class NoteContext:
    tables: Tables
    previous_archival: dict[str, Any] | None = field(default=None)  # for "…; D. 14. L. 5" in one note


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
    t = context.tables
    ibid = t.ibid.match(text)
    if not ibid:
        return None
    marked = last_match(t.ibid_pages, text, ibid.end())
    pages = marked["pages"] if marked else ibid["bare"]
    first, last = number_range(pages)
    return "ibid", {"pages": pages, "page_first": first, "page_last": last, "resolved": None}


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
    for level in t.level.finditer(text, pos):
        if not t.level_gap.fullmatch(text, pos, level.start()):
            break
        if level["folios"] is not None:  # folios close the citation
            return Levels(values, path, level["folios"])
        name = t.marker_level.get(key(level["marker"]))
        if name is None or t.level_rank[name] <= rank:
            break
        rank = t.level_rank[name]
        values[name] = level["id"]
        path.append(spaced(level.group()))
        pos = level.end()
    return Levels(values, path, None)


def read_listed_archive(text: str, context: NoteContext) -> Outcome:
    """"AVP RF. F. 0146. Op. 22. Pap. 192. D. 13. L. 258–259.": an archive the table lists."""
    t = context.tables
    reason = None
    for alias in t.archive_alias.finditer(text):
        archive = t.archives.get(key(alias.group()))
        levels = read_levels(text, alias.end(), t)
        if archive and levels.values:
            return "archival", archival_fields(spaced(alias.group()), archive, levels.values, levels, t)
        reason = reason or f"archive {spaced(alias.group())} named without fond, opis or delo"
    return reason


def read_continued_archive(text: str, context: NoteContext) -> Outcome:
    """"D. 14. L. 5" after an archival citation in the same note: the levels not written repeat it."""
    previous, t = context.previous_archival, context.tables
    if previous is None:
        return None
    levels = read_levels(text, 0, t)
    if not (levels.values or levels.folios):
        return None
    first_written = min((t.level_rank[name] for name in levels.values), default=len(t.levels))
    values = {name: previous[name] for name in t.levels[:first_written]} | levels.values
    archive = Archive(previous["archive_id"], previous["archive_name"], previous["country"])
    return "archival", archival_fields(previous["archive"], archive, values, levels, t)


def read_unlisted_archive(text: str, context: NoteContext) -> Outcome:
    """"GAKhK. F. 1. Op. 2. D. 3. L. 4.": an archive the table does not know, kept as written."""
    t = context.tables
    first_level = t.level.search(text)
    if not first_level or first_level.start() == 0:
        return None
    named = t.unlisted_archive.search(text, 0, first_level.start())
    if not named or sum(char.isupper() for char in named["archive"]) < 2:
        return None
    levels = read_levels(text, named.end(), t)
    if len(levels.values) < 2:  # one "D." alone is more likely an initial than an archive
        return None
    return "archival", archival_fields(named["archive"], None, levels.values, levels, t)


def archival_fields(written: str, archive: Archive | None, values: dict[str, str], levels: Levels,
                    t: Tables) -> dict[str, Any]:
    first, last = number_range(levels.folios)
    return {
        "archive": written,
        "archive_id": archive.id if archive else None,
        "archive_name": archive.name if archive else None,
        "country": archive.country if archive else None,
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
    alias = t.series_alias.search(text)
    series = t.series.get(key(alias.group())) if alias else None
    if series is None:
        return None
    details, head_end = published_details(text, alias.end(), t)
    year = t.series_year.search(text, alias.end(), head_end)
    if details["volume"] is None:  # "FRUS 1941, IV, pp. 12–14"
        bare = t.bare_volume.match(text, year.end() if year else alias.end(), head_end)
        if bare:
            details.update(volume=bare["volume"], volume_title=volume_title(text, bare.end(), head_end))
    return "published", published_fields(series, year["year"] if year else None, details)


def read_book(text: str, context: NoteContext) -> Outcome:
    """"Molodyakov V. E. Rossiya i Yaponiya. M., 2012. P. 425.": a book with its imprint."""
    t = context.tables
    if not t.imprint.search(text):
        return None
    author = t.author.match(text)
    title_start = author.end() if author else 0
    details, title_end = published_details(text, title_start, t)
    title = text[title_start:title_end].strip(" \t.,:;/")
    if not title:
        return None
    return "published", published_fields(None, None, details, author["author"].strip() if author else None, title)


def published_details(text: str, pos: int, t: Tables) -> tuple[dict[str, Any], int]:
    """Volume, part, series letter, imprint and pages after ``pos``; and where the first begins."""
    volume = t.volume.search(text, pos)
    part = t.part.search(text, pos)
    letter = t.series_letter.search(text, pos)
    imprint = last_match(t.imprint, text, pos)
    pages = last_match(t.pages, text, pos)
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


VOLUME_TITLE_LEAD = re.compile(r"\s*[,:]\s*")
SENTENCE_END = re.compile(r"\.(?:\s|$)")


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


# -- newspaper

def read_newspaper(text: str, context: NoteContext) -> Outcome:
    """"Nichibei Shimbun. 23.09.1939.": a title, then a full date (and perhaps issue and page)."""
    t = context.tables
    paper = t.newspaper.match(text)
    if not paper:
        return None
    tail = t.newspaper_tail.fullmatch(text, paper.end())
    if not tail:
        return None
    date = iso_date(paper)
    if date is None:
        return f"{paper['date']!r} is not a valid date"
    first, last = number_range(tail["pages"])
    return "newspaper", {
        "title": paper["title"].strip(), "date": date, "date_as_written": paper["date"],
        "issue": tail["issue"], "pages": tail["pages"], "page_first": first, "page_last": last,
    }


def iso_date(m: re.Match[str]) -> str | None:
    """The matched date as ISO 8601, or None when there is no such day (31.02.1939)."""
    if m["num_y"]:
        year, month, day = m["num_y"], int(m["num_m"]), m["num_d"]
    elif m["iso_y"]:
        year, month, day = m["iso_y"], int(m["iso_m"]), m["iso_d"]
    elif m["dm_y"]:
        year, month, day = m["dm_y"], MONTHS.get(key(m["dm_month"]).rstrip(".")), m["dm_d"]
    else:
        year, month, day = m["md_y"], MONTHS.get(key(m["md_month"]).rstrip(".")), m["md_d"]
    try:
        return datetime.date(int(year), month or 0, int(day)).isoformat()
    except ValueError:
        return None


# The order matters: an Ibid or a listed archive is certain; a book is the loosest guess.
READERS: tuple[Callable[[str, NoteContext], Outcome], ...] = (
    read_ibid, read_listed_archive, read_continued_archive, read_series, read_newspaper, read_book,
    read_unlisted_archive,
)


# --- small helpers -----------------------------------------------------------------------

NUMBERS = re.compile(NUMBER)


def number_range(written: str | None) -> tuple[int | None, int | None]:
    """First and last number of "258–259", "1 об.", "170–171, 175"."""
    numbers = NUMBERS.findall(written) if written else []
    return (int(numbers[0]), int(numbers[-1])) if numbers else (None, None)


def last_match(pattern: re.Pattern[str], text: str, pos: int) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text, pos):
        pass
    return found


def spaced(written: str) -> str:
    """Whitespace normalised: "AVP  RF" -> "AVP RF"."""
    return " ".join(written.split())


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
