"""Author–year citations in running text: find them, then tie each to its reference-list entry.

Forms found, in square brackets or parentheses:
``[Molodyakov 2012, p. 425]``, ``[Ibid, p. 161]``, ``[Ibid.]``, ``[A 2001; B 2003, p. 5]``,
``[Smith 2001, 2003]``, ``[A and B 2001]``, ``[A et al. 2001a: 12–14]``, ``[Молодяков 2012. С. 5]``,
title-led keys ``[1941 god 1998, p. 579]``, and ``(Hosoya 1976, p. 193)``.

A bracket counts only when everything in it reads as citations, so prose in brackets —
``(1939)``, ``(the USSR)``, ``[is needed]``, ``[snacks. – I. D.]`` — is left alone. In parentheses,
where prose is common, the comma form ``(Hosoya, 1976)`` must carry pages to count.

Each citation's ``text`` is the citation itself — key, year and pages, as ``body[start:end]`` —
without the brackets or a lead-in like "see", also when the bracket holds one citation only.
"""

from __future__ import annotations

import re
import unicodedata

from legation.extract.references import UP_CHARS, YEAR, alternatives
from legation.extract.works import markers
from legation.model import Diagnostic, InTextCitation, Reference

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
NAME_CONNECTORS = re.compile(r"\s+(?:and|&|и|und)\s+|,?\s+et\s+al\.?|,?\s+и\s+др\.?|\s*,\s*")
MAX_KEY_WORDS = 10

# ---------------------------------------------------------------------------------------------
# Patterns.

# "Hosoya (1976, 193)": a capitalised name (pair, or "et al.") right before a parenthesis that opens with a year.
_NAME = rf"[{UP_CHARS}][\w'’-]+"
NARRATIVE_NAME = re.compile(rf"(?P<key>{_NAME}(?:\s+(?:and|&|и)\s+{_NAME}|\s+et\s+al\.)?)\s*$")
NARRATIVE_YEAR = re.compile(rf"\((?P<inside>{YEAR}[a-z]?(?:[,:][^()\n]{{0,40}})?)\)")
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
        name = NARRATIVE_NAME.search(body, max(0, bracket.start() - 80), bracket.start())
        year = YEAR_ONLY.match(body, bracket.start("inside"), bracket.end("inside"))
        if name is None or year is None or not PIECE_END.fullmatch(body, year.end(), bracket.end("inside")):
            continue
        key = name.group("key")
        if key.split()[0].lower() in NOT_KEY_STARTS:
            continue
        end = year.end()
        found.append(InTextCitation(text=body[name.start():end], start=name.start(), end=end, key=key,
                                    year=int(year["year"]), pages=year["pages"], narrative=True))
    return found


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
    first = IBID.match(body, pos, end) or _keyed(body, pos, end, in_parentheses)
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


def link_intext_citations(citations: list[InTextCitation], references: list[Reference]) -> list[Diagnostic]:
    """Set each citation's ``reference`` to the id of its entry; diagnose those without one.

    A key matches a reference's first author's family name, or — for works without authors — the
    first words of its title; the year must be equal, and a letter after it (``2001a``) picks
    among works of one author in one year. Ibid takes the reference of the citation before it.
    """
    index = [_Indexed(ref) for ref in references]
    diagnostics: list[Diagnostic] = []
    previous: InTextCitation | None = None
    for citation in citations:
        if citation.key == IBID_KEY:
            citation.reference = previous.reference if previous else None
        else:
            candidates = [entry.ref for entry in index if entry.matches(citation)]
            citation.reference = _choose(citation, candidates, diagnostics)
        if citation.reference is None and citation.narrative:
            continue  # prose like "the USSR (1939)", not a citation: dropped below
        if citation.reference is None:
            diagnostics.append(_diagnostic("citation-without-reference", citation, _why_unlinked(citation, previous)))
        previous = citation
    citations[:] = [c for c in citations if c.reference is not None or not c.narrative]
    return diagnostics


class _Indexed:
    """A reference with the folded names and title words a citation key is compared with."""

    __slots__ = ("ref", "family", "title_words")

    def __init__(self, ref: Reference):
        self.ref = ref
        people = [n for n in (ref.authors or ref.editors) if n.get("family")]
        self.family = _fold(people[0]["family"]) if people else None
        self.title_words = WORD.findall(_fold(ref.title or ref.label))

    def matches(self, citation: InTextCitation) -> bool:
        if citation.year != self.ref.year:
            return False
        first_name = NAME_CONNECTORS.split(citation.key, maxsplit=1)[0]
        if self.family is not None and _fold(first_name) == self.family:
            return True
        key_words = WORD.findall(_fold(citation.key))
        return bool(key_words) and self.title_words[:len(key_words)] == key_words


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
