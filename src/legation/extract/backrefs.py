"""Back-references resolved to the citations they repeat, and every citation typed primary or secondary.

* "Ibid." (ibidem, ebd., там же …) repeats the citation just before it, with its own pages. One
  that names levels of an archive file ("Там же. Оп. 4. Д. 2241. Л. 685.") replaces the levels it
  names and every level below them, keeps the archive and the levels above, and is the file a
  later plain Ibid repeats.
* "Ders." / "Он же" repeats the author of the citation just before it (the work is new).
* "op. cit." / "a.a.O." / "указ. соч." repeats the latest full citation by the author written
  before it; with no author, the latest full citation of a published work.
* A short form ("Molodyakov, Rossiya i Yaponiya, p. 425") is linked to the latest full citation
  by an author of that surname whose title (or announced short title: "(hereafter Report by the
  Committee …)") it resembles (rapidfuzz), when there is one; one without a title ("Jeffrey Wu et
  al., 7.") to that author's latest work (of the same year, for an author–year pointer); one by
  name and pages alone whose author wrote no work cited before ("Poole, 59.") to the latest
  archival citation that names the author ("The Reminiscences of DeWitt Poole, … Oral History
  Collection"): it is then archival, a short form of that document.

A resolved back-reference keeps its own text, offsets and pages; it gains ``refers_to``
(``{"footnote", "index"}``: the note and the citation's place in it, from 0) and the fields of
the citation it repeats that it does not give itself. An Ibid after an Ibid ("Ibid, 19." then
"Ibid.", «Там же» after «Там же») points at the Ibid just before it, as a reader follows the chain
(``refers_to``); its ``resolved`` is the citation the chain began with, whose fields it carries.

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

from legation.extract import archival
from legation.lexicon.matching import phrases, read_data, word_matches
from legation.model import Citation, Diagnostic

# Fields a back-reference never takes from what it repeats: its own pages, and bookkeeping.
LOCATORS = ("pages", "page_first", "page_last", "folios", "folio_first", "folio_last", "verso")
NOT_MERGED = frozenset({"reason", "resolved", "refers_to", "back_reference", "form", "source_type", "cited_in",
                        "located_by", "continues", "levels"})
SURNAME_SIMILARITY = 85  # "Molodjakov" (from Молодяков) against "Molodyakov"
MAX_COMPARED = 300  # characters of a title or name compared: enough to tell works apart, and bounded
MAX_LOOKED_BACK = 200  # archival citations looked back over for the one a short form names, latest first
NAME_WORD = re.compile(r"[^\W\d_][\w'’-]+")


@functools.cache
def primary_words() -> re.Pattern[str]:
    return re.compile(phrases(read_data("backrefs.toml")["primary"]["title_words"]))


@functools.cache
def level_order() -> tuple[str, ...]:
    """The fond / opis / papka / delo levels, outermost first (legation/data/archives.toml)."""
    return tuple(level["field"] for level in read_data("archives.toml").get("level", []) if "field" in level)


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
    renamed_file: Citation | None = None  # an Ibid since ``previous`` that named levels of its own
    last_archival: Citation | None = None  # the latest archival citation
    last: Citation | None = None  # the citation just before, an Ibid too
    full_works: list[Citation] = []  # published works cited in full, latest last
    archival_cited: list[tuple[Citation, frozenset[str]]] = []  # archival citations written out and their words
    for citation in citations:
        fields = citation.fields
        if citation.kind == "ibid":
            fields["resolved"] = previous
            if previous is None:
                diagnostics.append(unresolved(citation, "ibid-unresolved", "Ibid with no earlier citation to repeat"))
            else:  # after "Там же. Оп. 4. Д. 2241." (a file named anew) a plain Ibid repeats that file
                repeated = renamed_file or previous
                pointed = last if last is not None and last.kind == "ibid" and last.fields.get("resolved") is not None \
                    else repeated  # "Ibid." after "Ibid, 19.": it repeats the Ibid just before, which repeats the work
                if fields.get("levels") and renamed_file is None and previous.kind != "archival" and last_archival:
                    repeated = pointed = last_archival  # "… Опубл.: <book>." then "Там же. Оп. 1. Д. 5.": the archive's file
                repeat(citation, repeated, places[id(pointed)])
                if fields.get("levels"):
                    renamed_file = citation
            last = citation
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
        elif form == "short" and not fields.get("title"):  # "Jeffrey Wu et al., 7.": the author's latest work
            target = latest_by_author(full_works, fields.get("author")) if fields.get("author") else None
            if target is not None and fields.get("publication_year") not in (None, target.fields.get("publication_year")):
                target = None  # "Brown 2010" points to the bibliography's work of that year, not another
            if target is not None:
                repeat(citation, target, places[id(target)])
            elif fields.get("author") and not fields.get("author_year") and \
                    (document := latest_archival_naming(archival_cited, fields["author"])) is not None:
                as_archival_short_form(citation, document, places[id(document)])  # "Poole, 59." after his papers
        elif form == "short":
            target = matching_title(full_works, fields.get("author"), fields.get("title") or "")
            if target is not None:
                repeat(citation, target, places[id(target)])
        if citation.kind == "published" and fields.get("title") and form in (None, "full", "same_author"):
            full_works.append(citation)
        previous, renamed_file, last = citation, None, citation
        if citation.kind == "archival":
            last_archival = citation
            if form in (None, "full"):
                archival_cited.append((citation, frozenset(NAME_WORD.findall((citation.text or "")[:MAX_COMPARED * 2]))))
                del archival_cited[:-MAX_LOOKED_BACK]
    return diagnostics


def latest_archival_naming(documents: list[tuple[Citation, frozenset[str]]], author: str) -> Citation | None:
    """The latest archival citation whose text names ``author`` as a word: the papers or the oral
    history a short form "Poole, 59." repeats ("The Reminiscences of DeWitt Clinton Poole Jr., …, in
    the Columbia Center for Oral History Collection")."""
    wanted = [word for word in NAME_WORD.findall(author) if word[:1].isupper()]
    if not wanted:
        return None
    for document, words in reversed(documents):
        if all(word in words for word in wanted):
            return document
    return None


def as_archival_short_form(citation: Citation, document: Citation, place: dict[str, int | None]) -> None:
    """A short form that repeats an archival document is archival: it keeps its author and pages,
    gains the document's archive and levels, and stays a ``short`` form."""
    own = citation.fields
    kept = {name: own.get(name) for name in ("author", "authors", "pages", "page_first", "page_last", "form")}
    own.clear()
    own.update(kept)
    citation.kind = "archival"
    repeat(citation, document, place)


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
    """Give ``citation`` what it repeats of ``target``: the fields it leaves empty, not its pages.
    An Ibid that names levels of an archive file ("Там же. Оп. 4. Д. 2241. Л. 685.") replaces the
    levels it names and every level below them, and keeps those above from ``target``."""
    own = citation.fields
    replaced = replace_levels(own, target.fields)
    has_own_locator = own.get("pages") is not None or bool(replaced)  # a file named anew: not the old folios
    for name, value in target.fields.items():
        if name in NOT_MERGED or name in replaced or (has_own_locator and name in LOCATORS) or own.get(name) is not None:
            continue
        own[name] = list(value) if isinstance(value, list) else value  # its own copy of a path
    if has_own_locator and (target.kind == "archival" or target.fields.get("archive")) and own.get("pages"):
        # "Ibid. L. 12 ob.": its pages are folios
        own.update(folios=own["pages"], folio_first=own["page_first"], folio_last=own["page_last"])
    own["refers_to"] = place
    own["source_type"] = target.fields.get("source_type")


def replace_levels(own: dict[str, Any], target: dict[str, Any]) -> set[str]:
    """The level fields an Ibid's own levels settle: those above the first it names come from
    ``target``, the rest are its own (or none). Returns their names (empty if it names none)."""
    named = own.get("levels")
    order = level_order()
    if not isinstance(named, dict):
        return set()
    if not any(name in order for name in named):  # "Ibid., Box 5, Folder 3": an American scheme's levels
        order = archival.hierarchy(target.get("scheme"))
        if not any(name in order for name in named):
            return set()
        first = min(order.index(name) for name in named if name in order)
        kept = [target.get(name) for name in order[:first] if target.get(name)]
        gone = [target.get(name) for name in order[first:] if target.get(name)]
        own["path"] = [element for element in target.get("path") or []
                       if any(archival.holds(element, value) for value in kept)
                       and not any(archival.holds(element, value) for value in gone)] + list(own.get("path") or [])
        for rank, name in enumerate(order):
            own[name] = target.get(name) if rank < first else named.get(name)
        return {*order, "path"}
    first = min(order.index(name) for name in named if name in order)
    for rank, name in enumerate(order):
        own[name] = target.get(name) if rank < first else named.get(name)
    kept = sum(1 for name in order[:first] if target.get(name))
    own["path"] = list(target.get("path") or [])[:kept] + list(own.get("path") or [])
    for name in ("folios", "folio_first", "folio_last"):  # a file named anew has only the folios it writes
        own.setdefault(name, None)
    return {*order, "path"}


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
        score = max(fuzz.partial_ratio(wanted, (work.fields.get(name) or "")[:MAX_COMPARED].casefold())
                    for name in ("title", "short_title"))
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
    """The words of a name that are not initials or connectors ("et al."), in Latin letters and lower case."""
    words = (cyrtranslit.to_latin(word, "ru").casefold() for word in NAME_WORD.findall(author))
    return [word for word in words if word not in name_connectors()]


@functools.cache
def name_connectors() -> frozenset[str]:
    return frozenset(read_data("backrefs.toml").get("names", {}).get("connectors", []))


def unresolved(citation: Citation, code: str, what: str) -> Diagnostic:
    where = f"note {citation.footnote}: " if citation.footnote is not None else ""
    return Diagnostic(code, where + what, citation.footnote, citation.source_start, citation.source_end)
