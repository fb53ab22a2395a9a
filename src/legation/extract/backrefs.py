"""Back-references resolved to the citations they repeat, and every citation typed primary or secondary.

* "Ibid." (ibidem, ebd., там же …) repeats the citation just before it, with its own pages.
* "Ders." / "Он же" repeats the author of the citation just before it (the work is new).
* "op. cit." / "a.a.O." / "указ. соч." repeats the latest full citation by the author written
  before it; with no author, the latest full citation of a published work.
* A short form ("Molodyakov, Rossiya i Yaponiya, p. 425") is linked to the latest full citation
  by an author of that surname whose title it resembles (rapidfuzz), when there is one.

A resolved back-reference keeps its own text, offsets and pages; it gains ``refers_to``
(``{"footnote", "index"}``: the note and the citation's place in it, from 0) and the fields of
the citation it repeats that it does not give itself.

``source_type`` follows Linked Books, where a primary source is an archival one, widened to
what a diplomatic historian treats as evidence: archival and newspaper citations, volumes of
document series (FRUS, DVP, DGFP …) and published works whose title names documents, memoirs,
diaries or letters (words in ``legation/data/backrefs.toml``) are ``primary``; other published
works are ``secondary``; a back-reference takes the type of what it repeats; ``other`` and an
unresolved Ibid are null.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import cyrtranslit
from rapidfuzz import fuzz

from legation.extract.matching import phrases, read_data, word_matches
from legation.model import Citation, Diagnostic

# Fields a back-reference never takes from what it repeats: its own pages, and bookkeeping.
LOCATORS = ("pages", "page_first", "page_last", "folios", "folio_first", "folio_last", "verso")
NOT_MERGED = frozenset({"reason", "resolved", "refers_to", "back_reference", "form", "source_type"})
SURNAME_SIMILARITY = 85  # "Molodjakov" (from Молодяков) against "Molodyakov"
MAX_COMPARED = 300  # characters of a title or name compared: enough to tell works apart, and bounded
NAME_WORD = re.compile(r"[^\W\d_][\w'’-]+")


@functools.cache
def primary_words() -> re.Pattern[str]:
    return re.compile(phrases(read_data("backrefs.toml")["primary"]["title_words"]))


@functools.cache
def title_similarity() -> int:
    return int(read_data("backrefs.toml")["short_forms"]["title_similarity"])


def source_type(kind: str, fields: dict[str, Any]) -> str | None:
    """"primary", "secondary", or None when the citation does not tell (see the module's note)."""
    if kind in ("archival", "newspaper"):
        return "primary"
    if kind != "published":
        return None
    if fields.get("series"):
        return "primary"
    named = [fields.get("title"), fields.get("volume_title")]
    if fields.get("work_type") == "chapter":  # a chapter in "Documents on …" is an edition's
        named.append(fields.get("container"))
    text = " ".join(name for name in named if name)
    if not text:
        return None
    return "primary" if next(word_matches(primary_words(), text), None) else "secondary"


def resolve_back_references(citations: list[Citation]) -> list[Diagnostic]:
    """Resolve every back-reference in ``citations`` (a document's, in order) in place."""
    diagnostics: list[Diagnostic] = []
    places = note_places(citations)
    previous: Citation | None = None
    full_works: list[Citation] = []  # published works cited in full, latest last
    for citation in citations:
        fields = citation.fields
        if citation.kind == "ibid":
            fields["resolved"] = previous
            if previous is None:
                diagnostics.append(unresolved(citation, "ibid-unresolved", "Ibid with no earlier citation to repeat"))
            else:
                repeat(citation, previous, places[id(previous)])
            continue
        form = fields.get("form")
        if form == "same_author" and previous is not None and previous.fields.get("author"):
            fields["author"] = previous.fields["author"]
            fields["refers_to"] = places[id(previous)]
        elif form == "earlier_work":
            target = latest_by_author(full_works, fields.get("author"))
            if target is None:
                diagnostics.append(unresolved(citation, "back-reference-unresolved",
                                              f"{fields.get('back_reference')} with no earlier work to repeat"))
            else:
                repeat(citation, target, places[id(target)])
        elif form == "short":
            target = matching_title(full_works, fields.get("author"), fields.get("title") or "")
            if target is not None:
                repeat(citation, target, places[id(target)])
        if citation.kind == "published" and fields.get("title") and form in (None, "full", "same_author"):
            full_works.append(citation)
        previous = citation
    return diagnostics


def note_places(citations: list[Citation]) -> dict[int, dict[str, int | None]]:
    """Each citation's note and its index among that note's citations."""
    counts: dict[int | None, int] = {}
    places = {}
    for citation in citations:
        index = counts.get(citation.footnote, 0)
        counts[citation.footnote] = index + 1
        places[id(citation)] = {"footnote": citation.footnote, "index": index}
    return places


def repeat(citation: Citation, target: Citation, place: dict[str, int | None]) -> None:
    """Give ``citation`` what it repeats of ``target``: the fields it leaves empty, not its pages."""
    own = citation.fields
    has_own_locator = own.get("pages") is not None
    for name, value in target.fields.items():
        if name in NOT_MERGED or (has_own_locator and name in LOCATORS) or own.get(name) is not None:
            continue
        own[name] = list(value) if isinstance(value, list) else value  # its own copy of a path
    if has_own_locator and target.kind == "archival":  # "Ibid. L. 12 ob.": its pages are folios
        own.update(folios=own["pages"], folio_first=own["page_first"], folio_last=own["page_last"])
    own["refers_to"] = place
    own["source_type"] = target.fields.get("source_type")


def latest_by_author(works: list[Citation], author: str | None) -> Citation | None:
    """The latest full citation by ``author`` (any, when no author is written)."""
    for work in reversed(works):
        if author is None or same_person(author, work.fields.get("author")):
            return work
    return None


def matching_title(works: list[Citation], author: str | None, title: str) -> Citation | None:
    """The latest full citation by ``author`` whose title the short ``title`` resembles most."""
    best, best_score = None, title_similarity() - 1
    wanted = title[:MAX_COMPARED].casefold()
    for work in reversed(works):  # latest first: an earlier work must resemble it more to win
        if author is not None and not same_person(author, work.fields.get("author")):
            continue
        score = fuzz.partial_ratio(wanted, (work.fields.get("title") or "")[:MAX_COMPARED].casefold())
        if score > best_score:
            best, best_score = work, score
    return best


def same_person(short: str, full: str | None) -> bool:
    """Whether a surname as written ("Hosoya", "Молодяков В. Э.") names an author of ``full``."""
    if not full:
        return False
    written, known = name_words(short[:MAX_COMPARED]), name_words(full[:MAX_COMPARED])
    return any(fuzz.ratio(a, b) >= SURNAME_SIMILARITY for a in written for b in known)


def name_words(author: str) -> list[str]:
    """The words of a name that are not initials, in Latin letters and lower case."""
    return [cyrtranslit.to_latin(word, "ru").casefold() for word in NAME_WORD.findall(author)]


def unresolved(citation: Citation, code: str, what: str) -> Diagnostic:
    where = f"note {citation.footnote}: " if citation.footnote is not None else ""
    return Diagnostic(code, where + what, citation.footnote, citation.source_start, citation.source_end)
