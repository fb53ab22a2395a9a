"""Citations linked to a library: the bibliography a historian keeps in Zotero, given to ingest.

A document that has no reference list of its own (or whose list lacks the work) still cites
works, by author and year in its text ("(Hosoya 1976: 45)", "Degtev 2025") and by short forms
in its notes ("Hosoya, Japan's Decision, 45."). A ``LibraryIndex`` holds the items of such a
bibliography (References keyed by their citation keys, read by ``legation.ingest.bibliography``)
and finds the item a citation names:

* an author–year citation in the text is matched as with the document's own list
  (``legation.extract.intext``): first author's (or editor's) family name and year, a title's
  first words for works without authors, a letter after the year choosing among one author's
  works of a year; a family name in Cyrillic matches its Latin transliteration and back
  ("Molodyakov 2012" and Молодяков), as the document's own list, in one script, never needs to;
* a note's published work — a short form, an author–year pointer, op. cit. or a full citation,
  and an Ibid. that repeats one of them — is matched by its author's family name (folded; across
  scripts, and where a title confirms the work, spelled alike by rapidfuzz as for
  back-references: Molodjakov, Молодяков), then its year where it gives one, then its title where it
  gives one (the short title resembling the item's title, as a short form resembles its full
  citation); a title of an edition's volume ("Foreign Relations of the United States, 1939")
  matches the items without authors, and a volume given on both sides must agree. By author
  alone ("Filippov, 95.") a note links only when the library holds one work by that author.

The link is the item's key: ``InTextCitation.library`` and a note citation's ``fields["library"]``
(the document's own reference list keeps ``reference``, which always goes first).
``relink`` links again what is already stored, when a library is added or replaced.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

import cyrtranslit
from rapidfuzz import fuzz

from legation.extract.backrefs import SURNAME_SIMILARITY, name_words, title_similarity
from legation.extract.citations import csl_title
from legation.extract.intext import IBID_KEY, _choose, _fold, _Indexed, link_intext_citations, linked, unlinked
from legation.model import Citation, Diagnostic, InTextCitation, Reference

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
MAX_COMPARED = 300  # characters of a title compared


class _Item(_Indexed):
    """A library item as an in-text citation's key is compared with it: as a reference of the
    document's own list, and across scripts."""

    __slots__ = ("latin",)

    def __init__(self, ref: Reference):
        super().__init__(ref)
        self.latin = [_latin(family) if family else None for family in self.families]

    def _first_family(self, name: str) -> bool:
        if super()._first_family(name):
            return True
        family = self.latin[0]
        return bool(family) and _scripts_differ(name, self.families[0]) and \
            fuzz.ratio(_latin(name), family) >= SURNAME_SIMILARITY


class LibraryIndex:
    """The items of the bibliographies given to ingest, indexed to find the one a citation names."""

    def __init__(self, items: Iterable[Reference]):
        self.items = list(items)
        self._by_year: dict[int | None, list[_Item]] = {}
        # the first author's (editor's) family name as Latin words, by their initials: (words, as written, item)
        self._by_initial: dict[str, list[tuple[list[str], str, Reference]]] = {}
        self._authorless: list[Reference] = []
        for ref in self.items:
            self._by_year.setdefault(ref.year, []).append(_Item(ref))
            names = ref.authors or ref.editors
            family = names[0].get("family") if names else None
            if family:
                words = _name_words(family)
                for initial in {word[:1] for word in words}:
                    self._by_initial.setdefault(initial, []).append((words, family, ref))
            else:
                self._authorless.append(ref)

    def __len__(self) -> int:
        return len(self.items)

    def __getstate__(self) -> dict[str, list[Reference]]:  # pickled (to a Dask worker) as its items only
        return {"items": self.items}

    def __setstate__(self, state: dict[str, list[Reference]]) -> None:
        self.__init__(state["items"])

    # --- in the text ---------------------------------------------------------------------------

    def intext_candidates(self, citation: InTextCitation) -> list[Reference]:
        """The items an author–year citation's key and year match."""
        return [item.ref for item in self._by_year.get(citation.year, ()) if item.matches(citation)]

    # --- in the notes --------------------------------------------------------------------------

    def note_item(self, citation: Citation) -> Reference | None:
        """The item a note's published citation names, or None (none, or more than one alike)."""
        if citation.kind != "published":
            return None
        f = citation.fields
        author = f.get("author") or next(iter(f.get("authors") or []), None)
        year = f.get("publication_year")
        title = csl_title(f) if f.get("title") or f.get("series_name") else ""
        candidates = self._by_author(author, spelled_alike=bool(title)) if author else self._authorless
        candidates = [ref for ref in candidates if (year is None or ref.year == year)
                      and _same_volume(f.get("volume"), ref.volume)]
        if title:
            return _most_like(title, candidates)
        if author and len(candidates) == 1:
            return candidates[0]
        return None

    def _by_author(self, author: str, spelled_alike: bool) -> list[Reference]:
        """The items whose first author's family name the name written is: the same once case
        and diacritics are folded, or, across scripts (and, with ``spelled_alike``, where a title
        will confirm the work, in one script too), spelled alike (Molodjakov, Молодяков)."""
        written = _name_words(author[:MAX_COMPARED])
        found: dict[int, Reference] = {}
        for word in written:
            for families, family, ref in self._by_initial.get(word[:1], ()):
                alike = spelled_alike or _scripts_differ(author, family)
                if any(word == known or alike and fuzz.ratio(word, known) >= SURNAME_SIMILARITY for known in families):
                    found.setdefault(id(ref), ref)
        return list(found.values())


def _most_like(title: str, candidates: list[Reference]) -> Reference | None:
    """The candidate whose title a citation's (short) title resembles most, if enough."""
    best, best_score = None, title_similarity() - 1
    wanted = _fold(title[:MAX_COMPARED])
    for ref in candidates:
        score = fuzz.partial_ratio(wanted, _fold((ref.title or "")[:MAX_COMPARED]))
        if score > best_score:
            best, best_score = ref, score
    return best


def _name_words(name: str) -> list[str]:
    """A name's words as back-references compare them (Latin letters, lower case), without
    diacritics: "Tōgō" is "Togo"."""
    return [_fold(word) for word in name_words(name)]


def _same_volume(cited: Any, item: str | None) -> bool:
    return cited is None or item is None or _fold(str(cited)) == _fold(item)


def _latin(name: str) -> str:
    return _fold(cyrtranslit.to_latin(name, "ru")) if CYRILLIC.search(name) else _fold(name)


def _scripts_differ(a: str, b: str | None) -> bool:
    return b is not None and bool(CYRILLIC.search(a)) != bool(CYRILLIC.search(b))


# ---------------------------------------------------------------------------------------------
# Linking a document's citations.


def link_notes(citations: list[Citation], library: LibraryIndex, references: list[Reference] = ()) -> None:
    """Give each note citation of a published work its library item (``fields["library"]``):
    unless the document's own reference list has the work; an Ibid takes the item of the
    citation it repeats (``refers_to``)."""
    own = LibraryIndex(references) if references else None
    places: dict[tuple[Any, int], Citation] = {}
    counts: dict[Any, int] = {}
    for citation in citations:
        index = counts.get(citation.footnote, 0)
        counts[citation.footnote] = index + 1
        places[(citation.footnote, index)] = citation
        key = None
        if citation.kind == "ibid":
            repeated = citation.fields.get("refers_to") or {}
            target = places.get((repeated.get("footnote"), repeated.get("index")))
            key = target.fields.get("library") if target is not None else None
        elif own is None or own.note_item(citation) is None:
            item = library.note_item(citation)
            key = item.id if item is not None else None
        if key is None:
            citation.fields.pop("library", None)
        else:
            citation.fields["library"] = key


def relink(intext: list[InTextCitation], citations: list[Citation], library: LibraryIndex,
           references: list[Reference] = ()) -> list[Diagnostic]:
    """Link a stored document's citations to the library anew (it was added or replaced): each
    in-text citation without a reference of its own, in order (an Ibid as the one before it),
    and every note citation; what was linked to an item no longer there is unlinked. Returns the
    diagnostics of the in-text citations left without a work, as extraction gives them (a
    narrative reading left so is no citation: the caller drops it)."""
    found: list[Diagnostic] = []
    previous: InTextCitation | None = None
    for citation in intext:
        if citation.reference is None:
            if citation.key == IBID_KEY:
                citation.library = previous.library if previous is not None else None
            else:
                citation.library = _choose(citation, library.intext_candidates(citation), [])
        if not linked(citation) and citation.narrative:
            continue
        if not linked(citation):
            found.append(unlinked(citation, previous))
        previous = citation
    link_notes(citations, library, references)
    return found


__all__ = ["LibraryIndex", "link_intext_citations", "link_notes", "linked", "relink"]
