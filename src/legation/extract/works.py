"""Published works cited in notes the way Chicago and its German, French, Italian and Russian
cousins write them: a full first citation, a short form, or a back-reference by author.

    V. E. Molodyakov, Rossiya i Yaponiya (Moscow: AIRO-XXI, 2012), p. 425.          a book
    Hosoya Chihiro, "The Japanese-Soviet Neutrality Pact," in James W. Morley, ed.,
        The Fateful Choice (New York, 1980), 13–114.                                 a chapter
    G. Krebs, "Japan und der Pakt," Vierteljahrshefte 12, no. 3 (1964): 34–56.       an article
    Hosoya, "Japan's Policy", 34.                                                    a short form
    Molodyakov, op. cit., p. 12.                                                     an earlier work
    Ders., Podlinnaya istoriya (Moscow, 2005), p. 7.                                 the same author

The words of back-references are data (``legation/data/backrefs.toml``). Every pattern is
anchored (``match``) or searched from a known position, never over the whole note with a
look-behind or ignoring case (see the speed note in citations.py).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from legation.lexicon.matching import YEAR, phrases, read_data, word_matches

CAPITAL = "A-ZÀ-ÖØ-ÞĀĒĪŌŪŚŠŽČŘА-ЯЁ"
# "Molodyakov", "O'Connor", "Ōkubo", or an initial "W.", "Yu.": a word ending in a full stop ends a sentence
NAME_TOKEN = rf"(?:[{CAPITAL}][a-zа-яё]{{0,2}}\.|[{CAPITAL}][\w'’-]*(?![\w'’.-]))"
PARTICLE = r"(?:von|van|de|der|den|di|da|du|del|della|le|la|al|zu|ten)"
NAME = rf"{NAME_TOKEN}(?:[ \t]+(?:{PARTICLE}[ \t]+)*{NAME_TOKEN}){{0,4}}"
CONJUNCTION = r"(?:and|&|und|et|e|y|i|и)"
NAMES = rf"{NAME}(?:(?:,?[ \t]+{CONJUNCTION}[ \t]+|[ \t]*/[ \t]*){NAME}){{0,3}}(?:,?[ \t]+et[ \t]+al\.)?"
EDITOR_MARK = r"(?:\((?:eds?|Hrsg|Hg|dir|a cura di)\.?\)|eds?\.|Hrsg\.|Hg\.|dir\.|a cura di|ред\.|red\.)"
# "V. E. Molodyakov, ", "Hosoya Chihiro, ", "James W. Morley, ed., ", "Krebs: "
AUTHOR_LEAD = re.compile(rf"(?P<author>{NAMES})(?:,?[ \t]*(?P<editor>{EDITOR_MARK}))?[ \t]*[,:][ \t]*")
QUOTED = re.compile(r'"(?P<a>[^"]{1,400})"|“(?P<b>[^”]{1,400})”|„(?P<c>[^“”]{1,400})[“”]|«(?P<d>[^»]{1,400})»')
AFTER_TITLE = re.compile(r"[\s,.:]*")
# "in James W. Morley, ed., " / "in: " / "в кн.: "
IN_BOOK = re.compile(rf"(?:in:?|In:?|в кн\.:?|dans|em)[ \t]+(?:(?P<editors>{NAMES}),?[ \t]*{EDITOR_MARK}[ \t]*,?[ \t]*)?")
# "(Moscow: AIRO-XXI, 2012)", "(New York, 1980)", "(1964)"
IMPRINT = re.compile(rf"\((?:(?P<place>[^():;,]{{2,60}}?)(?:[ \t]*:[ \t]*(?P<publisher>[^()]{{1,120}}?))?,[ \t]*)?"
                     rf"(?P<year>{YEAR})[a-z]?\)")
VOLUME = re.compile(r"(?:vol\.|Vol\.|Bd\.|t\.|т\.|Jg\.)[ \t]*(?P<volume>[0-9]{1,4}|[IVXLC]{1,6})(?!\w)")
# a journal's numbers after its title: "12, no. 3", "1990, № 3", "Bd. 7, H. 2"
JOURNAL_NUMBERS = re.compile(
    rf"[ \t,]*(?:(?:vol\.|Vol\.|Bd\.|Jg\.|t\.)[ \t]*)?(?P<volume>{YEAR}|[0-9]{{1,4}})(?![0-9])"
    r"(?:[ \t]*,?[ \t]*(?:no\.|No\.|Nr\.|H\.|Heft|№|n\.|fasc\.|vyp\.)[ \t]*(?P<issue>[0-9]{1,4}(?:[-/][0-9]{1,4})?))?")
JOURNAL_NUMBER_START = re.compile(r"[ \t,]+(?:vol\.|Vol\.|Bd\.|Jg\.|t\.)?[ \t]*[0-9]")
PAGE_MARK = r"(?:pp?\.|Pp?\.|S\.|s\.|С\.|с\.|Стр\.|стр\.|str\.|col\.|cols\.)"
# bounded, so that searching a long run of numbers for the last of them stays linear
PAGE_LIST = r"[0-9]{1,5}[a-z]?(?:[ \t]*[-–—][ \t]*[0-9]{1,5})?(?:[ \t]*,[ \t]*[0-9]{1,5}(?:[ \t]*[-–—][ \t]*[0-9]{1,5})?){0,20}"
# pages closing a citation: ", p. 425.", ": 34–56", ", 13–114", " S. 12 f."
PAGES_AT_END = re.compile(rf"(?:[,:.][ \t]*|[ \t]+)(?:{PAGE_MARK}[ \t]*)?(?P<pages>{PAGE_LIST})"
                          r"(?:[ \t]*(?:ff?\.|n\.[ \t]*[0-9]{1,3}))?[ \t]*\.?[ \t]*$")
PAGES_TAIL = 160  # closing pages stand in a citation's last characters: look only there
PAGES = re.compile(rf"{PAGE_MARK}[ \t]*(?P<pages>{PAGE_LIST})")
BARE_PAGES = re.compile(rf"[\s,.:]*(?P<pages>{PAGE_LIST})(?![\w])")
TITLE_TRIM = " \t.,:;"
TITLE_WORD = re.compile(r"[^\W\d_]{3}")
MAX_SHORT_TITLE_WORDS = 12
MAX_AUTHOR_WORDS = 8


@dataclass(slots=True)
class CitedWork:
    author: str | None
    title: str | None
    form: str  # "full", "short", "earlier_work", "same_author"
    work_type: str | None = None  # CSL: "book", "chapter", "article-journal"
    container: str | None = None
    editors: str | None = None
    volume: str | None = None
    issue: str | None = None
    place: str | None = None
    publisher: str | None = None
    year: int | None = None
    pages: str | None = None
    back_reference: str | None = None  # the marker as written: "op. cit.", "Ders."


@dataclass(frozen=True, slots=True)
class Markers:
    ibid: list[str]
    same_author: re.Pattern[str]
    earlier_work: re.Pattern[str]


@functools.cache
def markers() -> Markers:
    words = read_data("backrefs.toml")["back_references"]
    return Markers(words["ibid"], re.compile(rf"{phrases(words['same_author'])}[\s.,:]*"),
                   re.compile(phrases(words["earlier_work"])))


def read_work(text: str) -> CitedWork | None:
    """A full citation or a short form that opens with its author, or a full book without one."""
    lead = AUTHOR_LEAD.match(text)
    if lead is None:  # "Memoirs of Cordell Hull (New York: Macmillan, 1948)": a book by its title
        work = read_title_onwards(text, 0, None)
        return work if work and work.form == "full" and work.work_type == "book" else None
    if len(lead["author"].split()) > MAX_AUTHOR_WORDS:
        return None
    if markers().earlier_work.match(text, lead.end()):  # "Molodyakov, op. cit.": not a title
        return None
    return read_title_onwards(text, lead.end(), lead["author"])


def read_title_onwards(text: str, pos: int, author: str | None) -> CitedWork | None:
    """Title, container, imprint and pages from ``pos``: a full citation, a short form, or None."""
    pages = PAGES_AT_END.search(text, max(pos, len(text) - PAGES_TAIL))
    end = pages.start() if pages else len(text)
    quoted = QUOTED.match(text, pos)
    if quoted:
        title = next(group for group in quoted.groups() if group is not None).strip(TITLE_TRIM)
        work = read_container(text, AFTER_TITLE.match(text, quoted.end()).end(), end, author, title)
    else:
        work = read_book(text, pos, end, author)
    if work is None:
        return None
    work.pages = pages["pages"] if pages else None
    if work.form == "short" and (work.pages is None or not work.title
                                 or len(work.title.split()) > MAX_SHORT_TITLE_WORDS):
        return None
    return work


def read_book(text: str, pos: int, end: int, author: str | None) -> CitedWork | None:
    """"Rossiya i Yaponiya (Moscow: AIRO-XXI, 2012)"; without an imprint, a short form."""
    imprint = IMPRINT.search(text, pos, end)
    title_end = imprint.start() if imprint else end
    volume = next(word_matches(VOLUME, text, pos, title_end), None)
    title = text[pos:volume.start() if volume else title_end].strip(TITLE_TRIM)
    if not TITLE_WORD.search(title):  # "Molodyakov, V. E. (2012)": initials, not a title
        return None
    work = CitedWork(author, title, "full" if imprint else "short", "book",
                     volume=volume["volume"] if volume else None)
    if imprint:
        set_imprint(work, imprint)
    return work


def read_container(text: str, pos: int, end: int, author: str | None, title: str) -> CitedWork | None:
    """What follows a quoted title: a book it is a chapter of, or a journal; neither: a short form."""
    in_book = IN_BOOK.match(text, pos)
    imprint = IMPRINT.search(text, pos, end)
    if in_book and imprint and imprint["place"] is None and not in_book["editors"]:
        pos = in_book.end()  # "in: Vierteljahrshefte 10 (1962)": a journal, as German notes write it
    elif in_book:
        book = read_book(text, in_book.end(), end, None)
        if book is None:
            return None
        return CitedWork(author, title, book.form, "chapter", container=book.title, editors=in_book["editors"],
                         volume=book.volume, place=book.place, publisher=book.publisher, year=book.year)
    container_end = min([m.start() for m in (imprint, first_number(text, pos, end)) if m] + [end])
    container = text[pos:container_end].strip(TITLE_TRIM)
    if not container:
        return CitedWork(author, title, "short")
    work = CitedWork(author, title, "full", "article-journal", container=container)
    numbers = JOURNAL_NUMBERS.match(text, container_end, end)
    if numbers:
        work.volume, work.issue = numbers["volume"], numbers["issue"]
    if imprint:
        set_imprint(work, imprint)
    elif work.volume and re.fullmatch(YEAR, work.volume):  # "Voprosy istorii, 1990, no. 3"
        work.year, work.volume = int(work.volume), None
    elif work.volume is None:  # a quoted title, then words: not a form we know
        return None
    return work


def first_number(text: str, pos: int, end: int) -> re.Match[str] | None:
    """Where a journal's title gives way to its volume: the first ", 12" or " 12" or "vol."."""
    return JOURNAL_NUMBER_START.search(text, pos, end)


def set_imprint(work: CitedWork, imprint: re.Match[str]) -> None:
    work.place = imprint["place"].strip() if imprint["place"] else None
    work.publisher = imprint["publisher"].strip() if imprint["publisher"] else None
    work.year = int(imprint["year"])


def read_earlier_work(text: str) -> CitedWork | None:
    """"Molodyakov, op. cit., p. 12", "Молодяков В. Э. Указ. соч. С. 12", "Op. cit., S. 4"."""
    marker = next(word_matches(markers().earlier_work, text), None)
    if marker is None:
        return None
    author = text[:marker.start()].strip().rstrip(",;:").strip()
    if len(author.split()) > MAX_AUTHOR_WORDS or (author and not AUTHOR_LEAD.match(author + ",")):
        return None
    pages = next(word_matches(PAGES, text, marker.end()), None) or BARE_PAGES.match(text, marker.end())
    return CitedWork(author or None, None, "earlier_work", pages=pages["pages"] if pages else None,
                     back_reference=marker.group())


def read_same_author(text: str) -> tuple[str, int] | None:
    """"Ders.", "Он же": the marker as written and where the rest of the citation begins."""
    lead = markers().same_author.match(text)
    return (text[:lead.end()].rstrip(" \t\n,:"), lead.end()) if lead else None
