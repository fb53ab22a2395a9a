"""Dates in running text, normalised: ISO with a precision, and EDTF for approximate dates and intervals.

``On the morning of October 29`` → 1939-10-29 (day, year from the narrative); ``Towards the end of
1939`` → 1939-12~; ``from May to September 1939`` → 1939-05/1939-09; ``the 1930s`` → 193X.

Three passes, all regular expressions built from ``data/dates.yaml``:
1. find simple expressions (a day, a month, a year, a season, a decade, "the next day", "the
   following year") and keep the longest where they overlap;
2. grow them: a part phrase before ("the end of", "mid-"), a time of day ("the morning of"), and
   two expressions joined into a range ("1938–1939", "from May to September 1939");
3. read them in order, filling omitted years and relative days and years from the narrative.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from legation.model import DateMention

# --------------------------------------------------------------------------------------------
# Tables and patterns


def _variants(words: Iterable[str]) -> list[str]:
    """Each form as written and with a capital first letter, longest first (so alternations
    prefer "the first day of the year" over "the first day")."""
    out = {w for w in words} | {w[:1].upper() + w[1:] for w in words}
    return sorted(out, key=len, reverse=True)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in _variants(words))


def _word(words: Iterable[str], end: str = r"(?!\w)") -> str:
    """One of the words, whole. The first-letter lookahead spares the engine trying every
    alternative at every position (month alternations are long)."""
    firsts = "".join(sorted({re.escape(w[0]) for w in _variants(words)}))
    return f"(?<!\\w)(?=[{firsts}])(?:{_alternation(words)}){end}"


@dataclass(frozen=True, slots=True)
class _Tables:
    month_of: dict[str, int]  # any month form (capitalised too) -> 1..12
    seasons: dict[str, tuple[int, int, int]]  # season word -> (EDTF code, first month, last month)
    parts: dict[str, dict[str, Any]]  # part name -> {"year": [a, b], "decade": …, "approximate": bool}
    part_of: dict[str, str]  # part phrase -> part name
    day_of_year: dict[str, tuple[int, int]]
    relative: dict[str, int]
    relative_years: dict[str, int]
    year_range: tuple[int, int]
    patterns: list[re.Pattern[str]]
    part_before: re.Pattern[str]
    time_of_day_before: re.Pattern[str]
    not_a_year_before: re.Pattern[str]
    count_after: re.Pattern[str]
    citation_after: re.Pattern[str]
    dash_between: re.Pattern[str]
    range_words: list[tuple[str, str]]
    number_range_around: re.Pattern[str]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    data = yaml.safe_load((resources.files("legation") / "data" / "dates.yaml").read_text("utf-8"))
    month_of: dict[str, int] = {}
    for forms in data["months"].values():
        for number, words in forms.items():
            month_of.update({w: int(number) for w in _variants(words)})
    abbreviations = {w: int(n) for n, words in data["month_abbreviations"].items() for w in _variants(words)}
    bare_forms = [w for lang in ("en", "ru") for words in data["months"][lang].values() for w in words]
    seasons = {w: (s["edtf"], *s["months"]) for s in data["seasons"].values() for w in _variants(s["words"])}
    bare_seasons = [w for s in data["seasons"].values() for w in s["bare"]]
    part_of = {p: name for name, phrases in data["part_phrases"].items() for p in _variants(phrases)}
    day_of_year = {p: tuple(v) for p, v in data["day_of_year_phrases"].items()}
    relative = {p: int(v) for p, v in data["relative_days"].items()}
    relative_years = {p: int(v) for p, v in data["relative_years"].items()}
    for table in (day_of_year, relative, relative_years):
        table.update({k[:1].upper() + k[1:]: v for k, v in list(table.items())})
    dash = "[" + "".join(re.escape(d) for d in data["range_dashes"]) + "]"

    month = _word(month_of)
    abbreviation = _word(abbreviations, end=r"(?:\.|(?!\w))")
    month_any = f"(?:{month}|{abbreviation})"
    month_of.update(abbreviations)
    # [0-9], not \d: "1٩٣٩" mixes scripts and is no year (Python's \d is any script's digit)
    day = r"(?:3[01]|[12][0-9]|0?[1-9])(?!\d)(?:st|nd|rd|th|er)?"
    year = r"(?:1[0-9]{3}|20[0-9]{2})(?!\d)"
    suffix = f"(?:\\s?(?:{_alternation(data['year_suffixes'])})(?!\\w))?"
    patterns = [
        # September 4, 1939 · September 4–5, 1939 · September 30 – October 2, 1939 · October 29
        rf"(?P<m1>{month_any})\s+(?P<d1>{day})(?:\s?{dash}\s?(?:(?P<m2>{month_any})\s+)?(?P<d2>{day}))?"
        rf"(?:,?\s+(?P<y2>{year}){suffix})?",
        # 4 September 1939 · 25 ноября 1939 г. · 4. September · 4–5 September · 30 September – 2 October
        rf"(?<![\d.,])(?P<d1>{day})\.?(?:(?:\s+(?:of\s+)?(?P<m1>{month_any}))?\s?{dash}\s?(?P<d2>{day})\.?)?"
        rf"\s+(?:of\s+)?(?P<m2>{month_any})(?:,?\s+(?P<y2>{year}){suffix})?",
        # October 1940 · June of 1940 · ноябре 1939 г.
        rf"(?P<m1>{month_any})(?:\s+of)?,?\s+(?P<y1>{year}){suffix}",
        # June of that year
        rf"(?P<m1>{month})\s+of\s+(?:{_alternation(data['that_year'])})(?!\w)",
        # in October · в ноябре · mid-October: a month alone, after a word that makes it a date
        rf"(?<!\w)(?:{_alternation(data['bare_month_after'])})[\s-]+(?P<span>(?P<m1>{_alternation(bare_forms)}))(?!\w)",
        # 23.09.1939 · 1939-09-23
        rf"(?<![\d.])(?P<d1>3[01]|[12][0-9]|0?[1-9])\.(?P<m1>1[0-2]|0?[1-9])\.(?P<y1>{year})(?!\.?\d)",
        rf"(?<![\d-])(?P<y1>{year})-(?P<m1>1[0-2]|0[1-9])-(?P<d1>3[01]|[12][0-9]|0[1-9])(?![\d-])",
        # the 1930s · 1930-е годы
        rf"(?:(?:the|The)\s+)?(?P<decade>1[0-9]{{2}}0|20[0-9]0)(?:'s|’s|s)(?!\w)",
        rf"(?<![\d.])(?P<decade>1[0-9]{{2}}0|20[0-9]0)-(?:ые|ых|е|х)(?!\w)(?:\s+(?:годы|годов|годах|гг\.))?",
        # spring of 1940 · the autumn of 1939 · осенью 1939 г. · the autumn
        rf"(?:(?:the|The)\s+)?(?P<season>{_word(seasons)})(?:\s+of)?,?\s+(?P<y1>{year}){suffix}",
        rf"(?:the|The)\s+(?P<season>{_alternation(bare_seasons)})(?!\w)(?!\s+of\b)",
        # the first day of the year 1940
        rf"(?P<doy>{_alternation(day_of_year)})(?:\s+(?:of\s+)?(?P<y1>{year}))?(?!\w)",
        # the next day · в тот же день
        rf"(?<!\w)(?P<rel>{_alternation(relative)})(?!\w)",
        rf"(?<!\w)(?P<relyear>{_alternation(relative_years)})(?!\w)",
        # 1939 · 1939 г.
        rf"(?<![\w.,/])(?P<y1>{year}){suffix}(?![\w/]|[.,]\d)",
    ]
    range_words = [tuple(pair) for pair in data["range_words"]]
    return _Tables(
        month_of=month_of,
        seasons=seasons,
        parts=data["parts"],
        part_of=part_of,
        day_of_year=day_of_year,
        relative=relative,
        relative_years=relative_years,
        year_range=tuple(data["year_range"]),
        patterns=[re.compile(p) for p in patterns],
        part_before=re.compile(rf"(?<!\w)(?P<part>{_alternation(part_of)})\s*$"),
        time_of_day_before=re.compile(
            rf"(?<!\w)(?:(?:the|The)\s+)?(?:{_alternation(data['times_of_day'])})\s+of\s+$"),
        # "p. 1939", "telegrams 1709 and 1718": the word may govern a list of numbers.
        not_a_year_before=re.compile(rf"(?:^|[\s(\[,;)])(?:{_alternation(data['not_after'])})\s*"
                                     rf"(?:\d+\s*(?:,|and|or|&|и)\s*)*$"),
        count_after=re.compile(rf"\s+(?:{_alternation(data['not_before'])})(?!\w)"),
        citation_after=re.compile("|".join(re.escape(s) for s in data["citation_after"])),
        dash_between=re.compile(rf"\s?{dash}\s?"),
        range_words=range_words,
        number_range_around=re.compile(rf"\d\s?{dash}\s?$"),
    )


# --------------------------------------------------------------------------------------------
# Pass 1: simple expressions


@dataclass(slots=True)
class _Point:
    year: int | None = None
    month: int | None = None
    day: int | None = None


@dataclass(slots=True)
class _Found:
    """An expression before normalisation: its span and what it says."""

    start: int
    end: int
    first: _Point
    last: _Point
    precision: str
    approximate: bool = False
    season: int | None = None  # EDTF season code
    decade: int | None = None  # first year of the decade
    relative: int | None = None  # days after the narrative's day
    relative_years: int | None = None  # years after the narrative's year
    bare_year: bool = False  # a lone four-digit number: the weakest evidence of a date


def _found(match: re.Match[str], tables: _Tables) -> _Found | None:
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    start, end = match.span("span") if "span" in groups else match.span()
    if "rel" in groups:
        return _Found(start, end, _Point(), _Point(), "day", relative=tables.relative[groups["rel"]])
    if "relyear" in groups:
        return _Found(start, end, _Point(), _Point(), "year",
                      relative_years=tables.relative_years[groups["relyear"]])
    year = int(groups["y1"]) if "y1" in groups else None
    low, high = tables.year_range
    if any(not low <= int(groups[g]) <= high for g in ("y1", "y2") if g in groups):
        return None
    if "decade" in groups:
        decade = int(groups["decade"])
        return _Found(start, end, _Point(decade), _Point(decade + 9), "decade", decade=decade)
    if "season" in groups:
        code, first, last = tables.seasons[groups["season"]]
        return _Found(start, end, _Point(year, first), _Point(year, last), "season", season=code)
    if "doy" in groups:
        month, day = tables.day_of_year[groups["doy"]]
        return _Found(start, end, _Point(year, month, day), _Point(year, month, day), "day")
    first = _Point(year, _month(groups.get("m1"), tables), _int(groups.get("d1")))
    last = _Point(_int(groups.get("y2")), _month(groups.get("m2"), tables), _int(groups.get("d2")))
    _share(first, last)
    precision = "day" if first.day else "month" if first.month else "year"
    return _Found(start, end, first, last, precision, bare_year=precision == "year")


def _int(text: str | None) -> int | None:
    return int(re.match(r"\d+", text).group()) if text else None  # type: ignore[union-attr]


def _month(text: str | None, tables: _Tables) -> int | None:
    if text is None:
        return None
    return int(text) if text.isdigit() else tables.month_of[text.rstrip(".")]


def _share(first: _Point, last: _Point, names: tuple[str, ...] = ("year", "month", "day")) -> None:
    """Fill what one end of an expression leaves out from the other ("September 4–5, 1939").
    When the shared year makes the range run backwards ("from November to February 1940"), the
    end without a written year is the year before / after."""
    first_had_year, last_had_year = first.year is not None, last.year is not None
    for name in names:
        a, b = getattr(first, name), getattr(last, name)
        if a is None and b is not None:
            setattr(first, name, b)
        elif b is None and a is not None:
            setattr(last, name, a)
    if first.year is None or first_had_year == last_had_year:
        return
    if (last.month or 0, last.day or 0) < (first.month or 0, first.day or 0):
        if last_had_year:
            first.year = last.year - 1  # type: ignore[operator]
        else:
            last.year = first.year + 1


def _candidates(text: str, tables: _Tables, excluded: Sequence[tuple[int, int]]) -> list[_Found]:
    found: list[_Found] = []
    for pattern in tables.patterns:
        for match in pattern.finditer(text):
            item = _found(match, tables)
            if item is not None and not _not_a_date(text, item, tables):
                found.append(item)
    return _longest_first(_outside(found, excluded))


def _outside(found: list[_Found], excluded: Sequence[tuple[int, int]]) -> list[_Found]:
    """The candidates that touch none of the excluded spans (author–year citations)."""
    spans: list[tuple[int, int]] = []
    for start, end in sorted(excluded):  # merged into disjoint spans, so their ends are sorted
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    ends = [end for _, end in spans]
    kept = []
    for item in found:
        i = bisect.bisect_right(ends, item.start)  # the first span ending after the item starts
        if i == len(spans) or spans[i][0] >= item.end:
            kept.append(item)
    return kept


def _not_a_date(text: str, item: _Found, tables: _Tables) -> bool:
    """Numbers that only look like dates: page and archive numbers, citation years."""
    if not text[item.start].isdigit():
        return False
    if tables.not_a_year_before.search(text, max(0, item.start - 40), item.start):
        return True
    if not item.bare_year:
        return False
    # "1715. Repeated info Secretary": a number opening a paragraph is the item's number.
    numbered_item = (item.start == 0 or text[item.start - 1] == "\n") and text[item.end:item.end + 1] in (".", ")")
    return (numbered_item or tables.citation_after.match(text, item.end) is not None
            or tables.count_after.match(text, item.end) is not None)


def _longest_first(found: list[_Found]) -> list[_Found]:
    """Where expressions overlap keep the longest (then the earliest); return in text order."""
    kept: list[_Found] = []
    starts: list[int] = []
    for item in sorted(found, key=lambda f: (f.start - f.end, f.start)):
        i = bisect.bisect_left(starts, item.start)
        if (i > 0 and kept[i - 1].end > item.start) or (i < len(kept) and kept[i].start < item.end):
            continue
        starts.insert(i, item.start)
        kept.insert(i, item)
    return kept


# --------------------------------------------------------------------------------------------
# Pass 2: grow expressions


def _with_prefixes(text: str, found: list[_Found], tables: _Tables) -> None:
    """"Towards the end of 1939", "mid-October", "the morning of October 29" belong to the date."""
    for item in found:
        window = max(0, item.start - 40)
        if item.precision in ("year", "month", "decade") and item.relative_years is None:
            part = tables.part_before.search(text, window, item.start)
            if part:
                _apply_part(item, tables.part_of[part.group("part")], tables)
                item.start = part.start()
                continue
        if item.precision == "day":
            time_of_day = tables.time_of_day_before.search(text, window, item.start)
            if time_of_day:
                item.start = time_of_day.start()


def _apply_part(item: _Found, part: str, tables: _Tables) -> None:
    spec = tables.parts[part]
    item.approximate = bool(spec["approximate"])
    if item.precision == "year":
        first, last = spec["year"]
        item.first.month, item.last.month, item.precision = first, last, "month"
    elif item.precision == "decade":
        first, last = spec["decade"]
        item.first.year, item.last.year = item.decade + first, item.decade + last  # type: ignore[operator]
        item.precision, item.decade = "year", None
    else:  # a month: its days
        first, last = spec["month"]
        item.first.day, item.last.day, item.precision = first, last, "day"


def _ranges(text: str, found: list[_Found], tables: _Tables) -> list[_Found]:
    """Join "1938–1939", "from May to September 1939", "between 1939 and 1941" into one interval."""
    out: list[_Found] = []
    for item in found:
        previous = out[-1] if out else None
        opening = _range_opening(text, previous, item, tables) if previous else None
        if previous is None or opening is None or _is_relative(previous) or _is_relative(item):
            out.append(item)
            continue
        previous.start = opening
        previous.end, previous.last = item.end, item.last
        _share(previous.first, previous.last, ("year",))  # each end is whole but for its year
        previous.approximate = previous.approximate or item.approximate
        previous.bare_year = False
    return [item for item in out if not (item.bare_year and _inside_number_range(text, item, tables))]


def _is_relative(item: _Found) -> bool:
    return item.relative is not None or item.relative_years is not None


def _range_opening(text: str, a: _Found, b: _Found, tables: _Tables) -> int | None:
    """Where a range of a and b starts, if the words between (and before) them make one."""
    between = text[a.end:b.start]
    if a.season is not None or b.season is not None or a.decade is not None or b.decade is not None:
        return None
    if tables.dash_between.fullmatch(between):
        return a.start
    for opening, joining in tables.range_words:
        if between == f" {joining} " and text[max(0, a.start - len(opening) - 1):a.start] == f"{opening} ":
            return a.start - len(opening) - 1
    return None


def _inside_number_range(text: str, item: _Found, tables: _Tables) -> bool:
    """"pp. 1910–1939": a lone year that ends or starts a range of plain numbers is no date."""
    before = tables.number_range_around.search(text, max(0, item.start - 4), item.start)
    after = re.match(rf"{tables.dash_between.pattern}\d", text[item.end:item.end + 4])
    return before is not None or after is not None


# --------------------------------------------------------------------------------------------
# Pass 3: the narrative


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Quoted passages, paired within a paragraph; a quotation left open runs on into the next
    paragraph only (a quote spanning paragraphs), so one stray mark cannot swallow the text."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    carried = False
    for para in re.finditer(r"[^\n]+", text):
        if open_at is not None and carried:
            spans.append((open_at, para.start()))
            open_at, carried = None, False
        for mark in re.finditer(r"[\"“”«»]", para.group()):
            at = para.start() + mark.start()
            char = mark.group()
            if open_at is None and char in "\"“«":
                open_at = at
            elif open_at is not None and char in "\"”»":
                spans.append((open_at, at + 1))
                open_at = None
        carried = open_at is not None
    if open_at is not None:
        spans.append((open_at, len(text)))
    return spans


def _normalise(found: list[_Found], quoted: list[tuple[int, int]], context_year: int | None,
               text: str) -> list[DateMention]:
    """Read dates in order. An omitted year is the year of the most recent date that wrote its
    year outside quotation marks (a quoted speaker's "as in August 1939" is not the narrator's
    timeline); failing that, of any earlier written year, then ``context_year``.

    A month that goes backwards does not move to the next year: historians step back in time
    freely (the seed goes Nov 25 → Oct 22 → Sep 23, all 1939), so the next year needs words
    ("the following year"), not a smaller month number."""
    quote_starts = [s for s, _ in quoted]
    narrative_year: int | None = None
    any_year = context_year
    narrative_day: dt.date | None = None
    out: list[DateMention] = []
    for item in found:
        inferred = False
        if item.relative is not None:
            if narrative_day is None:
                continue  # "the next day" with no day before it: nothing to count from
            day = narrative_day + dt.timedelta(days=item.relative)
            item.first = item.last = _Point(day.year, day.month, day.day)
            inferred = True
        elif item.first.year is None:
            year = narrative_year if narrative_year is not None else any_year
            if year is None:
                if item.relative_years is not None:
                    continue  # "the following year" after no year at all
            else:
                item.first.year = item.last.year = year + (item.relative_years or 0)
                inferred = True
        mention = _mention(item, text, inferred)
        if mention is None:
            continue
        out.append(mention)
        if (not inferred or item.relative_years is not None) and item.last.year is not None:
            any_year = item.last.year
            if not _inside(item.start, quoted, quote_starts):
                narrative_year = item.last.year
        if mention.precision == "day" and mention.iso:
            narrative_day = dt.date.fromisoformat(mention.iso)
    return out


def _inside(offset: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    i = bisect.bisect_right(starts, offset) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def _mention(item: _Found, text: str, inferred: bool) -> DateMention | None:
    """The normalised DateMention, or None when the parts make no calendar date (30 February)."""
    first, last = item.first, _season_end(item)
    words = text[item.start:item.end]
    if first.year is None:
        return DateMention(words, item.start, item.end, None, item.precision)
    try:
        end_day = _last_day(last)
        start_day = dt.date(first.year, first.month or 1, first.day or 1)
    except ValueError:
        return None
    if end_day < start_day:
        return None
    iso, iso_last = _iso(first), _iso(last)
    mark = "~" if item.approximate else ""
    if item.season is not None:
        edtf = f"{first.year:04d}-{item.season}{mark}"
    elif item.decade is not None:
        edtf = f"{item.decade // 10:03d}X{mark}"
    elif iso == iso_last:
        edtf = f"{iso}{mark}"
    else:
        edtf = f"{iso}{mark}/{iso_last}{mark}"
    return DateMention(words, item.start, item.end, iso, item.precision, date_edtf=edtf,
                       iso_end=end_day.isoformat(), year_inferred=inferred)


def _season_end(item: _Found) -> _Point:
    """Winter's months run 12..14: its end is February of the next year."""
    last = item.last
    if last.month is not None and last.month > 12 and last.year is not None:
        return _Point(last.year + 1, last.month - 12, last.day)
    return last


def _last_day(point: _Point) -> dt.date:
    year, month = point.year or 1, point.month or 12
    day = point.day or calendar.monthrange(year, month)[1]
    return dt.date(year, month, day)


def _iso(point: _Point) -> str:
    """The point as far as it is known: "1939", "1939-10", "1939-10-29"."""
    parts = [f"{point.year:04d}"]
    if point.month is not None:
        parts.append(f"{point.month:02d}")
        if point.day is not None:
            parts.append(f"{point.day:02d}")
    return "-".join(parts)


# --------------------------------------------------------------------------------------------
# Entry points


def find_dates(text: str, context_year: int | None = None,
               excluded: Sequence[tuple[int, int]] = ()) -> list[DateMention]:
    """Every date expression in ``text``, in order. ``context_year`` stands for omitted years
    before the text writes one; ``excluded`` spans (author–year citations) are never dates."""
    tables = _tables()
    found = _candidates(text, tables, excluded)
    _with_prefixes(text, found, tables)
    # a prefix or a range can reach into an excluded span ("mid-" before a citation's year)
    found = _outside(_ranges(text, found, tables), excluded)
    return _normalise(found, _quoted_spans(text), context_year, text)


# --- the days a date stands for ---------------------------------------------------------------

_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def day_span(partial: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day an ISO date, full or partial ("1939", "1939-07"), stands for."""
    match = _PARTIAL_DATE.match(partial or "")
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None or not 1 <= month <= 12:  # a season code ("1939-23") is known to the year
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if day is None:
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, month, day), dt.date(year, month, day)
    except ValueError:
        return None


def date_span(first: str | None, end: str | None) -> tuple[dt.date, dt.date] | None:
    """The days an occasion covers: from date's first day to date_end's last when that is a valid
    later end, else date's own span."""
    own, until = day_span(first), day_span(end)
    if own is None:
        return None
    return (own[0], until[1]) if until and until[1] >= own[0] else own
