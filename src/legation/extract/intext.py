"""Author–year citations in running text: find them, then tie each to its reference-list entry.

Forms found, in square brackets or parentheses:
``[Molodyakov 2012, p. 425]``, ``[Ibid, p. 161]``, ``[Ibid.]``, ``[A 2001; B 2003, p. 5]``,
``[Smith 2001, 2003]``, ``[A and B 2001]``, ``[A et al. 2001a: 12–14]``, ``[Молодяков 2012. С. 5]``,
title-led keys ``[1941 god 1998, p. 579]``, and ``(Hosoya 1976, p. 193)``. Narrative citations
name the author in the sentence: ``Cordell (2015)``, ``Schofield et al. (2017)``, ``Smith and
Cordell (2018, 12–14)``, ``Escobar Varela (2021: 94)``, ``Moretti (2005, 2013)``; they stand only
where a reference backs them.

A bracket counts only when everything in it reads as citations, so prose in brackets —
``(1939)``, ``(the USSR)``, ``[is needed]``, ``[snacks. – I. D.]`` — is left alone. In parentheses,
where prose is common, the comma form ``(Hosoya, 1976)`` must carry pages to count.

Each citation's ``text`` is the citation itself — key, year and pages, as ``body[start:end]`` —
without the brackets or a lead-in like "see", also when the bracket holds one citation only.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from legation.extract.references import NAME_PARTICLES, UP_CHARS, YEAR, alternatives
from legation.extract.works import markers
from legation.model import Diagnostic, InTextCitation, Reference

if TYPE_CHECKING:
    from legation.extract.library import LibraryIndex

IBID_KEY = "Ibid"

# ---------------------------------------------------------------------------------------------
# Tables of words (data: extend here for another language).
# The Ibid words are the notes' (legation/data/backrefs.toml), longest first: any spacing inside,
# and one ending in a letter ends a word ("[Ivi, p. 5]", not "[Ivins 2001]").
IBID_WORDS = tuple(r"\s+".join(re.escape(word) for word in phrase.split()) + (r"(?!\w)" if phrase[-1].isalpha() else "")
                   for phrase in sorted(markers().ibid, key=len, reverse=True))
LEAD_INS = (r"[Ss]ee\s+also:?", r"[Ss]ee:?", r"[Cc]f\.", r"[Ee]\.\s?g\.,?", r"[Cc]ompare", r"[Сс]м\.\s+также:?",
            r"[Сс]м\.:?", r"[Сс]р\.:?", r"[Vv]gl\.", r"[Ss]\.\s+auch")
PAGE_MARKERS = (r"[Pp]p\.", r"[Pp]\.", r"S\.", r"SS\.", r"[Сс]\.", r"[Сс]тр\.", r"[Ss]s\.", r"[Ll]\.", r"[Лл]\.",
                r"[Cc]ol\.", r"[Сс]тб\.")
# Folios ("Л. 87", "L. 5") locate an archive file: "(Там же. Л. 87)" in running text repeats an
# archival note, it is not an author–year citation of a work in the reference list.
FOLIO_MARKERS = re.compile(r"(?:[Ll]l?|[Лл]л?)\.")
# A key never starts with these: prose like "(In 1939)", "(September 1939)", "(Since 1926)".
NOT_KEY_STARTS = frozenset(
    "in since from until till by before after between during about around circa ca c early late mid "
    "summer spring autumn fall winter january february march april may june july august september "
    "october november december jan feb mar apr jun jul aug sep sept oct nov dec the this that "
    "в с до после весной летом осенью зимой январь февраль март апрель май июнь июль август сентябрь "
    "октябрь ноябрь декабрь января февраля марта апреля мая июня июля августа сентября октября "
    "ноября декабря".split())
# ... and never ends with these: "(Law of 1939)", "(Japan in 1939)", "(1939 to 1941)".
NOT_KEY_ENDS = frozenset("of in on at from to since by until till for the a an and or und bis и в на с до по к".split())
POSSESSIVE = re.compile(r"'s?$")  # "Cordell's (2015) study" (folded: ’ is ')
PAIR_CONNECTOR = re.compile(r"\s+(?:and|&|и|und)\s+")
NAME_CONNECTORS = re.compile(r"\s+(?:and|&|и|und)\s+|,?\s+et\s+al\.?|,?\s+и\s+др\.?|\s*,\s*")
MAX_KEY_WORDS = 10

# ---------------------------------------------------------------------------------------------
# Patterns.

# "Hosoya (1976, 193)": a capitalised name (pair, or "et al.") right before a parenthesis that opens with a year.
# A family name may have two words and particles: "Escobar Varela (2021)", "van der Zwaan (2017)",
# "Agüera y Arcas (2022)"; shorter readings are tried too, and the longest one a reference backs stands.
_NAME = rf"[{UP_CHARS}][\w'’-]+"
_FAMILY = rf"(?:(?:{_NAME}\s+)?(?:{alternatives(NAME_PARTICLES)}\s+){{0,2}})?{_NAME}"
NARRATIVE_NAME = re.compile(
    rf"(?<![\w'’-])(?P<key>(?P<first>{_FAMILY})(?:\s+(?:and|&|и)\s+{_FAMILY}|,?\s+et\s+al\.?)?)\s*$")
NARRATIVE_YEAR = re.compile(rf"\((?P<inside>{YEAR}[a-z]?(?:[,:;][^()\n]{{0,60}})?)\)")
CAPITALISED_WORD = re.compile(rf"(?<!\S)[{UP_CHARS}]\S*")
SQUARE = re.compile(r"\[([^\[\]\n]{4,400})\]")
ROUND = re.compile(r"\(([^()\n]{4,400})\)")
PROMISING = re.compile(rf"{YEAR}|{alternatives(IBID_WORDS)}", re.I)
PIECE = re.compile(r"[^;]+")
NUMBER = r"(?:\d+[a-z]?|[ivxlcdm]+|[IVXLCDM]+)"
PAGE_LIST = (rf"{NUMBER}(?:\s*[–—-]\s*{NUMBER})?(?:\s*,\s*(?!{YEAR}[a-z]?\b){NUMBER}(?:\s*[–—-]\s*{NUMBER})?)*"
             r"(?:\s*ff?\.)?")
MARKER = alternatives(PAGE_MARKERS)
# After the year: ", p. 5" / ". С. 5" / ": 425" / ", 425".
PAGES_AFTER = rf"(?:\s*[,.:]\s*{MARKER}\s*|\s*:\s*|\s*,\s*(?!{YEAR}[a-z]?\b))(?P<pages>{PAGE_LIST})"
LEAD_IN = re.compile(rf"\s*(?:{alternatives(LEAD_INS)}\s+)?")
KEY_WORD = r"[\w'’.-]+"
KEYED = re.compile(
    rf"(?P<key>[{UP_CHARS}\d][\w'’.-]*(?:\s+(?!{YEAR}[a-z]?\b)(?:{KEY_WORD}|&)){{0,{MAX_KEY_WORDS}}}?"
    rf"(?:,?\s+(?:et\s+al\.|и\s+др\.))?)"
    rf"(?P<comma>\s*,)?\s+(?P<year>{YEAR})(?P<suffix>[a-z])?(?![\w–—-])(?:{PAGES_AFTER})?")
IBID = re.compile(rf"(?P<ibid>{alternatives(IBID_WORDS)})(?:\s*[,.:]?\s*(?:{MARKER}\s*)?(?P<pages>{PAGE_LIST}))?")
YEAR_ONLY = re.compile(rf"(?P<year>{YEAR})(?P<suffix>[a-z])?(?![\w–—-])(?:{PAGES_AFTER})?")
MORE_YEARS = re.compile(rf"\s*,\s*{YEAR_ONLY.pattern}")
MORE_NARRATIVE_YEARS = re.compile(rf"\s*[,;]\s*{YEAR_ONLY.pattern}")  # "Moretti (2005; 2013)"
PIECE_END = re.compile(r"[\s.]*")
LETTER = re.compile(r"[^\W\d_]")
WORD = re.compile(r"\w+")
YEAR_SUFFIX = re.compile(rf"{YEAR}([a-z])\b")


# ---------------------------------------------------------------------------------------------
# Finding.


def find_intext_citations(body: str) -> list[InTextCitation]:
    """Author–year citations in ``body``, in order; offsets into ``body``."""
    found: list[InTextCitation] = []
    for pattern, in_parentheses in ((SQUARE, False), (ROUND, True)):
        for bracket in pattern.finditer(body):
            start, end = bracket.span(1)
            if PROMISING.search(body, start, end):
                found.extend(_read_bracket(body, start, end, in_parentheses) or ())
    found.extend(_narrative_citations(body))
    found.sort(key=lambda c: c.start)
    return found


def _narrative_citations(body: str) -> list[InTextCitation]:
    """"Hosoya (1976, 193)", "Smith and Jones (2001)": the name in the sentence, the year in
    parentheses. Such prose is also "the USSR (1939)", so these stand only if a reference backs
    them (see link_intext_citations)."""
    found = []
    for bracket in NARRATIVE_YEAR.finditer(body):
        years = _narrative_years(body, bracket.start("inside"), bracket.end("inside"))
        if not years:
            continue
        for name_start in _narrative_names(body, bracket.start()):
            key, first = body[name_start:bracket.start()].rstrip(), years[0]
            found.append(InTextCitation(text=body[name_start:first.end()], start=name_start, end=first.end(),
                                        key=key, year=int(first["year"]), pages=first["pages"], narrative=True))
            found.extend(InTextCitation(text=body[more.start("year"):more.end()], start=more.start("year"),
                                        end=more.end(), key=key, year=int(more["year"]), pages=more["pages"],
                                        narrative=True) for more in years[1:])
    return found


def _narrative_years(body: str, start: int, end: int) -> list[re.Match]:
    """ "2015", "2015, p. 4", "2005, 2013", "2005a; 2013": the years of a narrative citation, or
    none when the parenthesis holds anything else."""
    years = [YEAR_ONLY.match(body, start, end)]
    while years[-1] and (more := MORE_NARRATIVE_YEARS.match(body, years[-1].end(), end)):
        years.append(more)
    return years if years[0] and PIECE_END.fullmatch(body, years[-1].end(), end) else []


def _narrative_names(body: str, before: int) -> list[int]:
    """Where the readings of the name before a parenthesis start, longest first: "Escobar Varela"
    and "Varela", "van der Zwaan" and "Zwaan" (only the first family name is cut: "Smith and
    Cordell (2018)" is never read as "Cordell (2018)")."""
    name = NARRATIVE_NAME.search(body, max(0, before - 80), before)
    if name is None:
        return []
    starts = [name.start(), *(word.start() for word in CAPITALISED_WORD.finditer(body, name.start() + 1,
                                                                                 name.end("first")))]
    return [start for start in starts if body[start:before].split()[0].lower() not in NOT_KEY_STARTS]


def _read_bracket(body: str, start: int, end: int, in_parentheses: bool) -> list[InTextCitation] | None:
    """All citations of one bracket, or None if any part of it is not a citation."""
    citations: list[InTextCitation] = []
    for piece in PIECE.finditer(body, start, end):
        read = _read_piece(body, piece.start(), piece.end(), citations[-1].key if citations else None,
                           in_parentheses)
        if read is None:
            return None
        citations.extend(read)
    return citations


def _read_piece(body: str, start: int, end: int, previous_key: str | None,
                in_parentheses: bool) -> list[InTextCitation] | None:
    """"Smith 2001, p. 5, 2003" → two citations; a bare "2003" continues the key before it."""
    pos = LEAD_IN.match(body, start, end).end()
    ibid = IBID.match(body, pos, end)
    if ibid and ibid["pages"] and FOLIO_MARKERS.match(body[ibid.end("ibid"):ibid.start("pages")].lstrip(" \t\n,.:")):
        return None  # "(Там же. Л. 87)": an archival back-reference in the text
    first = ibid or _keyed(body, pos, end, in_parentheses)
    if first is None and previous_key not in (None, IBID_KEY):
        first = YEAR_ONLY.match(body, pos, end)
    if first is None:
        return None
    citations = [_citation(body, first, previous_key)]
    while citations[0].key != IBID_KEY and (more := MORE_YEARS.match(body, citations[-1].end, end)):
        citations.append(_citation(body, more, citations[0].key))
    return citations if PIECE_END.fullmatch(body, citations[-1].end, end) else None


def _keyed(body: str, pos: int, end: int, in_parentheses: bool) -> re.Match | None:
    match = KEYED.match(body, pos, end)
    if not match:
        return None
    words = match.group("key").lower().replace("’", "'").split()
    ends_badly = len(words) > 1 and words[-1] in NOT_KEY_ENDS
    if words[0].rstrip(".") in NOT_KEY_STARTS or ends_badly or not LETTER.search(match.group("key")):
        return None
    if in_parentheses and match.group("comma") and not match.group("pages"):
        return None  # "(Tokyo, 1939)" is prose; "(Hosoya, 1976, p. 193)" is not
    return match


def _citation(body: str, match: re.Match, previous_key: str | None) -> InTextCitation:
    """A citation from an IBID, KEYED, YEAR_ONLY or MORE_YEARS match; a bare year takes the key before it."""
    groups = match.groupdict()
    if groups.get("ibid"):
        key, start = IBID_KEY, match.start()
    elif groups.get("key"):
        key, start = groups["key"], match.start()
    else:
        key, start = previous_key or "", match.start("year")
    year = int(groups["year"]) if groups.get("year") else None
    return InTextCitation(text=body[start:match.end()], start=start, end=match.end(), key=key, year=year,
                          pages=groups.get("pages"))


# ---------------------------------------------------------------------------------------------
# Linking.


def link_intext_citations(citations: list[InTextCitation], references: list[Reference],
                          library: "LibraryIndex | None" = None) -> list[Diagnostic]:
    """Set each citation's ``reference`` to the id of its entry; diagnose those without one.

    A key matches a reference's first author's (or, for an edited volume, first editor's) family
    name — and a second name in the key ("Smith and Cordell") the second author's — or, for works
    without authors, the first words of its title; the year must be equal, and a letter after it
    (``2001a``) picks among works of one author in one year. Ibid takes the reference of the
    citation before it. A narrative citation ("Cordell (2015)") matches by family name only, and
    of its readings ("Escobar Varela (2021)", "Varela (2021)") the longest that matches stands.

    With a ``library`` (a bibliography given to ingest: ``legation.extract.library``), a citation
    that no entry of the document's own list matches is matched with the library's items the
    same way, and its ``library`` is the item's key; it then needs no reference of its own, and a
    narrative citation the library backs stands.
    """
    index = [_Indexed(ref) for ref in references]
    diagnostics: list[Diagnostic] = []
    previous: InTextCitation | None = None
    for citation in citations:
        if citation.key == IBID_KEY:
            citation.reference = previous.reference if previous else None
            citation.library = previous.library if previous else None
        else:
            candidates = [entry.ref for entry in index if entry.matches(citation)]
            citation.reference = _choose(citation, candidates, diagnostics)
            if citation.reference is None and library is not None:
                citation.library = _choose(citation, library.intext_candidates(citation), diagnostics)
        if not linked(citation) and citation.narrative:
            continue  # prose like "the USSR (1939)", not a citation: dropped below
        if not linked(citation):
            diagnostics.append(unlinked(citation, previous))
        previous = citation
    citations[:] = _longest_readings([c for c in citations if linked(c) or not c.narrative])
    return diagnostics


def linked(citation: InTextCitation) -> bool:
    """Whether the citation has its work: in the document's reference list or in a library."""
    return citation.reference is not None or citation.library is not None


def unlinked(citation: InTextCitation, previous: InTextCitation | None) -> Diagnostic:
    """The diagnostic of a citation that no reference (nor library item) backs."""
    return _diagnostic("citation-without-reference", citation, _why_unlinked(citation, previous))


def _longest_readings(citations: list[InTextCitation]) -> list[InTextCitation]:
    """Of the linked readings of one narrative citation (same end; a bare year: same span), the
    longest — the first found."""
    seen: set[tuple[int, int | None]] = set()
    kept = []
    for citation in citations:
        if citation.narrative:
            group = (citation.end, citation.start if citation.text[:1].isdigit() else None)
            if group in seen:
                continue
            seen.add(group)
        kept.append(citation)
    return kept


class _Indexed:
    """A reference with the folded names and title words a citation key is compared with."""

    __slots__ = ("ref", "families", "first_given", "title_words")

    def __init__(self, ref: Reference):
        self.ref = ref
        names = ref.authors or ref.editors
        self.families = [_fold(n["family"]) if n.get("family") else None for n in names]
        self.first_given = _fold(names[0].get("given", "")) if names else ""
        self.title_words = WORD.findall(_fold(ref.title or ref.label))

    def matches(self, citation: InTextCitation) -> bool:
        if citation.year != self.ref.year:
            return False
        if self.families and self.families[0] is not None:
            return self._names_match(citation.key)
        if citation.narrative or any(self.families):
            return False  # a title stands in for the names only of works without them
        key_words = WORD.findall(_fold(citation.key))
        return bool(key_words) and self.title_words[:len(key_words)] == key_words

    def _names_match(self, key: str) -> bool:
        """ "Smith", "Smith et al.", "Smith and Cordell": the first family name, and a second one
        named with "and" the second author's."""
        first, *rest = PAIR_CONNECTOR.split(key, maxsplit=1)
        if not self._first_family(POSSESSIVE.sub("", _fold(NAME_CONNECTORS.split(first, maxsplit=1)[0]))):
            return False
        if not rest:
            return True
        second = _fold(NAME_CONNECTORS.split(rest[0], maxsplit=1)[0])
        return len(self.families) > 1 and self.families[1] in (second, None)

    def _first_family(self, name: str) -> bool:
        """The first author's family name — also where a list written given name first made the
        first part of a two-word family a given name: "Escobar Varela" for "Miguel Escobar | Varela"."""
        family = self.families[0]
        if name == family:
            return True
        extra = name[:-len(family)].rstrip() if family and name.endswith(" " + family) else ""
        return bool(extra) and (self.first_given == extra or self.first_given.endswith(" " + extra))


def _choose(citation: InTextCitation, candidates: list[Reference], diagnostics: list[Diagnostic]) -> str | None:
    if len(candidates) <= 1:
        return candidates[0].id if candidates else None
    suffix = YEAR_SUFFIX.search(citation.text)
    if suffix:
        letter = suffix.group(1)
        for ref in candidates:
            if ref.id.endswith((f"{citation.year}{letter}", f"-{letter}")):
                return ref.id
        position = ord(letter) - ord("a")
        if position < len(candidates):
            return candidates[position].id
    diagnostics.append(_diagnostic(
        "citation-ambiguous", citation,
        f"{len(candidates)} references match ({', '.join(r.id for r in candidates)}); linked to the first"))
    return candidates[0].id


def _why_unlinked(citation: InTextCitation, previous: InTextCitation | None) -> str:
    if citation.key != IBID_KEY:
        return f"no reference by {citation.key!r} from {citation.year}"
    return "ibid. with no citation before it" if previous is None else "ibid. after a citation without a reference"


def _diagnostic(code: str, citation: InTextCitation, why: str) -> Diagnostic:
    return Diagnostic(code, f"[{citation.text}] at body offset {citation.start}: {why}",
                      source_start=citation.source_start, source_end=citation.source_end)


def _fold(text: str) -> str:
    """Compare names without case or diacritics: Ōshima = Oshima, Ё = Е, ’ = '."""
    if text.isascii():
        return text.casefold().strip()  # nothing to decompose: the common case, kept cheap
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()
