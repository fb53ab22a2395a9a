"""Roles and sides of the people of a document.

A role is read from the phrase written before a name ("the Japanese ambassador to Moscow Togo
Shigenori") or in apposition after it ("K. A. Smetanin, the new USSR plenipotentiary
representative in Tokyo, wrote"), dated by the sentence it stands in; for people of the
authority file, the matching authority role gives the dates. A person's side comes from the
authority file, else from a nationality word in a role, else from the form of the name."""

from __future__ import annotations

import bisect
import re
from typing import Any

from legation.lexicon.authority import AuthorityPerson, authorities
from legation.extract.context import Views
from legation.lexicon.names import ParsedName, entity_rules, fold, looks_japanese, title_run
from legation.lexicon.vocabulary import (
    DETERMINERS, PREPOSITIONS, adjective_sides, phrase_words, role_tokens, role_word, side_in_words,
)
from legation.model import Mention, Person, Role, Span
from legation.nlp import CYRILLIC

_MONTHS = ("january february march april may june july august september october november december").split()
_DATE = re.compile(r"\b(?:(?P<month>" + "|".join(m.capitalize() for m in _MONTHS) +
                   r")\s+(?:(?P<day>\d{1,2}),?\s+)?)?(?P<year>1[89]\d\d)\b")
_APPOSITION = re.compile(
    r",\s+(?P<phrase>(?:(?:the|a|an)\s+)?[^,.;:\"“”«»()\n]{2,100}?)(?=,|;|\.(?:\s|$)|\s+(?:wrote|told|said|noted|reported)\b)")


def read_roles(seen: Views, citation_spans: list[tuple[int, int]], mentions: list[Mention],
               persons: dict[str, Person], parsed: dict[str, list[ParsedName]], day: str | None = None) -> set[str]:
    """Give the persons their roles, the variants they are written in, and their sides (as of
    ``day``, the document's date, where the authority dates them). ``mentions`` is sorted by
    start; ``parsed`` holds the name forms seen of each person. Returns the ids of the persons
    whose side is only guessed from the form of their name (a better source may replace it)."""
    reader = _RoleReader(seen, citation_spans, mentions, persons, parsed, day)
    reader.read()
    return reader.guessed


# How far before a name a role phrase may begin: "the Japanese ambassador to Moscow Togo Shigenori"
# is 40 characters. Bounded, so a sentence a megabyte long costs each name the same.
ROLE_WINDOW = 200

class _RoleReader:
    def __init__(self, seen: Views, citation_spans: list[tuple[int, int]], mentions: list[Mention],
                 persons: dict[str, Person], parsed: dict[str, list[ParsedName]], day: str | None) -> None:
        self.body = seen.body
        self.day = day
        self.citation_spans = citation_spans
        self.mentions = mentions
        self.persons = persons
        self.parsed = parsed
        self.sentences = seen.sentences
        self.auth = authorities()
        self.guessed: set[str] = set()  # sides read from a name's form only

    def read(self) -> None:
        period = _document_period(self.body)
        for mention in self.mentions:
            person = self.persons.get(mention.entity or "")
            if person is None or person.is_author or mention.kind != "person":
                continue
            for phrase in (self._title_before(mention), self._apposition_after(mention)):
                if phrase is not None and self._names_no_one_else(phrase):
                    self._add_role(person, phrase)
            if mention.text not in person.variants and mention.text != person.name:
                person.variants.append(mention.text)
        for person in self.persons.values():
            record = self.auth.persons.get(person.id)
            if record is not None:
                self._authority_roles(person, record, period)
            elif person.side is None:
                person.side = self._side_from_roles(person)
                if person.side is None:
                    person.side = side_from_name_form(self.parsed.get(person.id, []))
                    self.guessed.update([person.id] if person.side else [])

    def _names_no_one_else(self, span: Span) -> bool:
        """A role phrase holds no other person ("Ōhashi Shintarō, the old vice-minister ... Kurachi")
        and is not an organisation ("Informing the People's Commissariat ..., Generalov")."""
        head = re.match(r"(?:(?:the|a|an|its|his|her|their)\s+)?", self.body[span.start:span.end], re.I)
        head_start = span.start + (head.end() if head else 0)
        i = bisect.bisect_left(self.mentions, span.start, key=lambda m: m.start)
        for mention in self.mentions[i:]:
            if mention.start >= span.end:
                break
            if mention.kind == "person" or mention.kind == "organization" and mention.start == head_start:
                return False
        return True

    def _title_before(self, mention: Mention) -> Span | None:
        """The role phrase written just before a name: "the Japanese ambassador to Moscow Togo
        Shigenori", "Temporary chargé d'affaires Eugene Dooman", "its ambassador, Ōshima Hiroshi"."""
        sentence = self.sentences.at(mention.start)
        floor = max(sentence.start if sentence else 0, mention.start - ROLE_WINDOW)
        if floor > (sentence.start if sentence else 0):  # the window opens mid-sentence: at a word's start
            space = self.body.find(" ", floor, mention.start)
            floor = space + 1 if space >= 0 else mention.start
        tokens = list(re.finditer(r"[\w.'’\-]+|[,;:()\"“”«»]", self.body[floor:mention.start]))
        accepted: list[re.Match[str]] = []
        comma = False
        for i in range(len(tokens) - 1, -1, -1):
            word = tokens[i].group()
            lower = word.lower()
            if word == "," and not accepted and not comma:
                comma = True
                continue
            if lower in DETERMINERS:
                before = tokens[i - 1].group().lower() if i > 0 else ""
                accepted.append(tokens[i])
                if before in PREPOSITIONS and len(accepted) > 1:
                    continue
                break
            if lower in PREPOSITIONS and accepted:
                accepted.append(tokens[i])
                continue
            if role_word(lower) or lower in phrase_words() or word[:1].isupper() and word not in ",;:":
                accepted.append(tokens[i])
                continue
            break
        while accepted and accepted[-1].group().lower() in PREPOSITIONS:
            accepted.pop()
        if not accepted:
            return None
        first = accepted[-1]
        if comma and first.group().lower() not in DETERMINERS:
            return None
        span = Span(floor + first.start(), floor + accepted[0].end())
        return span if _is_role_phrase(self.body[span.start:span.end]) else None

    def _apposition_after(self, mention: Mention) -> Span | None:
        """"K. A. Smetanin, the new USSR plenipotentiary representative in Tokyo, wrote"."""
        match = _APPOSITION.match(self.body, mention.end)
        if not match:
            return None
        span = Span(match.start("phrase"), match.end("phrase"))
        return span if _is_role_phrase(match.group("phrase")) else None

    def _add_role(self, person: Person, span: Span) -> None:
        title = re.sub(r"^(?:the|a|an|its|his|her|their)\s+", "", self.body[span.start:span.end], flags=re.I)
        sentence = self.sentences.at(span.start) or span
        # the date is read near the role: a sentence a megabyte long is not read again per role
        near = Span(max(sentence.start, span.start - ROLE_WINDOW * 3), min(sentence.end, span.end + ROLE_WINDOW * 3))
        date = _first_date(self._without_citations(near))
        for one in title_run(title) or (title,):  # "Prime Minister Baron": two titles
            if not any(r.title.lower() == one.lower() for r in person.roles):
                person.roles.append(Role(one, date, None, span))

    def _without_citations(self, span: Span) -> str:
        """The text of a span with its author–year citations blanked ("[Togo 1996, p. 205]")."""
        text = list(self.body[span.start:span.end])
        for start, end in self.citation_spans:
            for i in range(max(start, span.start), min(end, span.end)):
                text[i - span.start] = " "
        return "".join(text)

    def _authority_roles(self, person: Person, record: AuthorityPerson, period: tuple[str, str] | None) -> None:
        """Dates for roles read in the text from the matching authority role (two wordings of one
        office, "USSR Foreign Commissar" and "Foreign Commissar", are kept once, the fuller);
        the authority's other roles held within the document's period are added without evidence."""
        by_row: dict[int, Role] = {}
        for role in list(person.roles):
            match = _matching_role(role.title, record.roles)
            if match is None:
                continue
            role.start, role.end = _iso(match.get("from")), _iso(match.get("to"))
            kept = by_row.get(id(match))
            if kept is None:
                by_row[id(match)] = role
                continue
            longer, shorter = (role, kept) if len(role.title) > len(kept.title) else (kept, role)
            person.roles.remove(shorter)
            by_row[id(match)] = longer
        used = set(by_row)
        for row in record.roles:
            if id(row) not in used and _overlaps(row, (self.day, self.day) if self.day else period):
                person.roles.append(Role(row["title"], _iso(row.get("from")), _iso(row.get("to"))))
        if person.side is None:
            person.side = record.side_on(self.day)

    def _side_from_roles(self, person: Person) -> str | None:
        """A nationality word or state in a role ("the former Japanese consul general")."""
        return next((side for role in person.roles if (side := side_in_words(role.title))), None)


def side_from_name_form(forms: list[ParsedName]) -> str | None:
    """A guess from the name alone: for a name of romanised Japanese words only, Japan, else the
    naming conventions of entity_rules.yaml (two initials before a family name, "-ov"/"-in"
    endings: USSR)."""
    if forms and all(not f.initials for f in forms) and any(len(f.words) > 1 and looks_japanese(f.words) for f in forms):
        return "JPN"
    return _side_by_naming(forms)


def role_head(title: str) -> str:
    """What a role is, without whose or where: "counsellor of the USSR plenipotentiary mission" → "counsellor"."""
    return re.split(r"\s+(?:of|to|in|at|for|with)\s+|\s*[,(]", fold(title), maxsplit=1)[0]


def _side_by_naming(forms: list[ParsedName]) -> str | None:
    for convention in entity_rules()["naming_conventions"]:
        initials = convention.get("initials")
        endings = tuple(convention.get("endings") or ())
        for form in forms:
            if convention.get("script") == "cyrillic" and not CYRILLIC.search("".join(form.words)):
                continue
            if initials and len(form.initials) == initials and len(form.words) == 1:
                return convention["side"]
            if endings and form.words and not form.initials and fold(form.words[-1]).endswith(endings):
                return convention["side"]
    return None


def _is_role_phrase(phrase: str) -> bool:
    """A role phrase is headed by a role word: past a determiner, modifiers, nationality words
    and at most two other nouns, with no preposition or second determiner before it ("the new
    USSR plenipotentiary representative in Tokyo", "a Soviet trade official"; not "a cousin of
    Emperor Hirohito", not "Japan expressed an official protest")."""
    words = re.findall(r"[\w'’\-.]+", phrase)
    if not words or len(words) > 14:
        return False
    sides = adjective_sides()
    others = 0
    for i, word in enumerate(words):
        lower = fold(word).rstrip(".") if not word.endswith(".") or len(word) > 4 else fold(word)
        if role_word(lower):
            return True
        if lower in DETERMINERS and i == 0 or lower in phrase_words() or lower in sides or fold(word) in sides:
            continue
        others += 1
        if lower in DETERMINERS or lower in PREPOSITIONS or others > 2:
            return False
    return False


def _matching_role(title: str, roles: list[dict[str, Any]]) -> dict[str, Any] | None:
    head = set(role_head(re.sub(r"^(?:the|a|an)\s+", "", title, flags=re.I)).split()) & role_tokens()
    for row in roles:
        if head & set(role_head(row["title"]).split()):
            return row
    return None


def _iso(value: Any) -> str | None:
    return None if value is None else str(value)


def _document_period(body: str) -> tuple[str, str] | None:
    """The span of years the text speaks of (four-digit years 1850–1999 in the body)."""
    years = sorted(int(y) for y in re.findall(r"(?<!\d)(1[89]\d\d)(?!\d)", body) if 1850 <= int(y) <= 1999)
    if not years:
        return None
    return str(years[0]), str(years[-1]) + "-12-31"


def _overlaps(row: dict[str, Any], period: tuple[str, str] | None) -> bool:
    if period is None:
        return True
    start, end = _iso(row.get("from")) or "0000", _iso(row.get("to")) or "9999"
    return start[:len(period[1])] <= period[1][:len(start)] and period[0][:len(end)] <= end[:len(period[0])]


def _first_date(sentence: str) -> str | None:
    """A year, month or day written in the sentence, as a partial ISO date."""
    match = _DATE.search(sentence)
    if not match:
        return None
    iso = match.group("year")
    if match.group("month"):
        iso += f"-{_MONTHS.index(match.group('month').lower()) + 1:02d}"
        if match.group("day"):
            iso += f"-{int(match.group('day')):02d}"
    return iso
