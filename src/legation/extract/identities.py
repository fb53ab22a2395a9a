"""Who a collection's people are, from the collection itself.

A documentary edition says who its people are: a FRUS volume's list of persons ("Acheson, Dean
G., Secretary of State, January 1949–January 1953"), the editors' notes at a first mention
("Syngman Rhee, President of the Republic of Korea."), and its headings ("The Ambassador in
Korea (Muccio) to the Secretary of State"). Read before the reports, these become an authority
layer (``legation.lexicon.authority.Layer``) in force while each report of the collection is
read: a person named by the family name alone in a later report is the person identified
earlier, one person across the volume, with the side their identification gives at the
report's date.

A side is read from an identification as the state it names that the person acts for: "the
Philippine Secretary of Foreign Affairs", "President of the Republic of Korea"; a state after
"to", "in" or "at" is where the office is, not whose ("Ambassador in Korea"). An office that
names no state is the edition's own government's ("Secretary of State" in FRUS), unless it is
an international organisation's ("Secretary-General of the United Nations": no side).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from legation.lexicon.authority import Layer
from legation.lexicon.names import fold, parse_name, slug, split_titles, token_key
from legation.lexicon.vocabulary import role_word, side_in_words
from legation.model import Layout, Report

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_DATE = (r"(?:(?P<{0}m>January|February|March|April|May|June|July|August|September|October|November|December)"
         r"\s+(?:(?P<{0}d>\d{{1,2}}),?\s+)?)?(?P<{0}y>1[89]\d\d)")
_RANGE = re.compile(_DATE.format("a") + r"\s*(?:–|—|-|to|until)\s*" + _DATE.format("b"))
_UNTIL = re.compile(r"\b(?:until|through|to)\s+" + _DATE.format("b"))
_FROM = re.compile(r"\b(?:from|after|since|beginning|as of)\s+" + _DATE.format("a"))
# International bodies: an office of one acts for no state.
_INTERNATIONAL = re.compile(
    r"\b(?:United Nations|U\.\s?N\.|UN|NATO|SEATO|CENTO|OAS|Organization of American States|International|"
    r"World Bank|European (?:Community|Communities|Commission)|Vatican|Holy See|Red Cross|League of Nations)\b")
# The bodies an official serves in: "of the Division of Northeast Asian Affairs" is an office.
_OFFICE_BODY = re.compile(r"\b(?:Department|Division|Office|Bureau|Embassy|Legation|Consulate|Mission|Delegation|"
                          r"Staff|Agency|Council|Army|Navy|Air Force|Marine Corps|Command|Headquarters)\b")
# A note that identifies: a name of two to five words, a comma, then who they are.
_NOTE = re.compile(r"^(?P<name>(?:[A-Z][\w'’\-]*\.?\s+){1,4}[A-Z][\w'’\-]+),\s+(?P<who>[^\n]{3,300}?)\.?$")


def identification_side(text: str, edition_side: str | None) -> str | None:
    """The side an identification gives (see the module's docstring)."""
    side = side_in_words(text)
    if side or _INTERNATIONAL.search(text):
        return side
    words = re.findall(r"[\w.]+", fold(text))
    return edition_side if any(role_word(w) for w in words) or _OFFICE_BODY.search(text) else None


def role_dates(text: str) -> tuple[str | None, str | None]:
    """(from, to) as partial ISO days, where a role's words date it: "January 30, 1962–September
    30, 1966", "until October 1966", "from March 1978 until January 1981", "1965–1966"."""
    found = _RANGE.search(text)
    if found:
        return _iso(found, "a"), _iso(found, "b")
    first, last = _FROM.search(text), _UNTIL.search(text)
    return (_iso(first, "a") if first else None), (_iso(last, "b") if last else None)


def _iso(match: re.Match[str], which: str) -> str:
    iso = match.group(which + "y")
    month = match.group(which + "m")
    if month:
        iso += f"-{_MONTHS[month.lower()]:02d}"
        if match.group(which + "d"):
            iso += f"-{int(match.group(which + 'd')):02d}"
    return iso


def listed_name(written: str) -> tuple[str, str | None]:
    """(name in reading order, family name) of a list's entry: "Acheson, Dean G." → ("Dean G.
    Acheson", "Acheson"); "Bonesteel, General Charles H., III" → ("Charles H. Bonesteel III",
    "Bonesteel"); an entry without a comma is kept as written ("Chiang Kai-shek"), its first word
    the family name."""
    parts = [p.strip() for p in written.split(",") if p.strip()]
    if len(parts) < 2:
        return written.strip(), (written.split() or [None])[0]
    family, given, *rest = parts
    given = " ".join(w for w in given.split() if not role_word(fold(w).rstrip(".")))  # "General Charles H."
    return " ".join([given, family, *rest]).strip(), family


@dataclass(slots=True)
class _Known:
    """One person of the collection while its layer is built."""

    name: str
    family: str
    side: str | None = None
    roles: list[dict[str, Any]] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    eastern: bool = False
    refs: list[str] = field(default_factory=list)  # the edition's keys for the person

    def row(self) -> dict[str, Any]:
        return {"id": slug(self.name), "name": self.name, "family": self.family, "side": self.side,
                "order": "eastern" if self.eastern else None, "roles": _merged(self.roles),
                "variants": [v for v in dict.fromkeys(self.variants) if v != self.name], "refs": self.refs}


def _merged(roles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One role per office and side, dated from its earliest to its latest evidence (a heading
    of every report names the Ambassador in Korea: one role, from the first to the last); an
    end or start left open by any evidence ("from March 1950") stays open."""
    merged: dict[tuple[str, str | None], dict[str, Any]] = {}
    for role in roles:
        key = (fold(role["title"]), role["side"])
        if key not in merged:
            merged[key] = dict(role)
            continue
        kept = merged[key]
        kept["from"] = None if None in (kept["from"], role["from"]) else min(kept["from"], role["from"])
        kept["to"] = None if None in (kept["to"], role["to"]) else max(kept["to"], role["to"])
    return list(merged.values())


class CollectionPeople:
    """The people a collection identifies, gathered report by report into one authority layer."""

    def __init__(self, name: str, edition_side: str | None) -> None:
        self.name = name
        self.edition_side = edition_side
        self.people: dict[str, list[_Known]] = {}  # family key → the people of that family name

    def add_listed(self, written: str, identification: str, ref: str | None = None) -> None:
        """An entry of the edition's list of persons, under the edition's key for it."""
        name, family = listed_name(written)
        if family is None:
            return
        known = self._person(name, family, eastern="," not in written and len(name.split()) > 1)
        known.refs.extend([ref] if ref else [])
        self._add_roles(known, identification, None)

    def add_report(self, report: Report, layout: Layout | None) -> None:
        """What one report says of its people: its correspondents, its notes that identify."""
        for name, role, side in ((report.sender, report.sender_role, report.sender_side),
                                 (report.recipient, report.recipient_role, report.recipient_side)):
            office = _office_of(name, role)
            if office is not None:
                self._holds(name, office, report.date, side)
        signer = _signer(layout) if layout is not None else None
        if signer and report.sender and report.sender_role:
            self._signed(signer, report)
        for note in layout.notes if layout is not None else ():
            found = _NOTE.match(" ".join(note.text.split()))
            if found and _is_person_name(found["name"]) and _names_an_office(found["who"]):
                known = self._person(found["name"], found["name"].split()[-1])
                self._add_roles(known, found["who"], report.date)

    def _signed(self, signer: str, report: Report) -> None:
        """A report signed by name: a heading that names an office only ("The Secretary of State",
        signed "Acheson") gives the signer that office; one that names its writer ("(Sebald)",
        signed "W. J. Sebald") gives that writer's fuller name, and nothing else."""
        sender, role = report.sender or "", report.sender_role or ""
        if f"({sender.casefold()})" in role.casefold() or _office_of(sender, role) is not None:
            if token_key(signer.split()[-1]) == token_key(sender.split()[-1]):
                self._person(signer, signer.split()[-1])
        elif not _is_person_name(sender):
            self._holds(signer, re.sub(r"^(?:the|The)\s+", "", role.strip(" ,")), report.date, report.sender_side)

    def _holds(self, name: str, office: str, day: str | None, side: str | None) -> None:
        """A person who held an office on a day (a heading's correspondent, a signer)."""
        side = identification_side(office, self.edition_side) if office else side
        known = self._person(name, name.split()[-1])
        if office:
            known.roles.append({"title": office, "from": day, "to": day, "side": side})
        known.side = known.side or side

    def layer(self) -> Layer | None:
        rows = [known.row() for group in self.people.values() for known in group]
        return Layer(self.name, people=tuple(rows)) if rows else None

    def _person(self, name: str, family: str, eastern: bool = False) -> _Known:
        """The person of this name: one already known of the same family name whose given names
        agree (or who has none yet), else a new one; a fuller name replaces a shorter. Titles
        ("Lt. Gen.", "Dr.", "Mme.") are not part of the name."""
        name = _name_words(split_titles(name)[1] or name)
        group = self.people.setdefault(token_key(family), [])
        given = _given(name, family)
        for known in group:
            theirs = _given(known.name, known.family)
            if not given or not theirs or given[0][0] == theirs[0][0]:
                if len(name) > len(known.name) and given:
                    known.variants.append(known.name)
                    known.name = name
                else:
                    known.variants.append(name)
                return known
        known = _Known(name, family, eastern=eastern)
        group.append(known)
        return known

    def _add_roles(self, known: _Known, identification: str, day: str | None) -> None:
        """Each office of an identification ("…until April 1959; thereafter Director") as a dated
        role with its side; an office that names no side keeps the one before it."""
        side = None
        for segment in (s.strip() for s in identification.split(";") if s.strip()):
            side = identification_side(segment, self.edition_side) or side
            first, last = role_dates(segment)
            title = re.split(r",?\s+(?:until|from|since|after|through)\b|,\s*(?:January|February|March|April|May|June|"
                             r"July|August|September|October|November|December|1[89]\d\d)", segment)[0].strip(" ,")
            known.roles.append({"title": title or segment, "from": first or day, "to": last or day, "side": side})
            known.side = known.side or side


def _office_of(name: str | None, role: str | None) -> str | None:
    """The office a heading gives a named correspondent: "The Ambassador in Korea (Muccio)" →
    "Ambassador in Korea"; "Mr. Robert A. Fearey, of the Division of Northeast Asian Affairs" →
    "Division of Northeast Asian Affairs"; None when the heading names an office, not a person."""
    if not name or not role or not name[:1].isupper():
        return None
    if f"({name})" in role:
        return re.sub(r"^(?:the|The)\s+", "", role.split("(")[0].strip(" ,"))
    at = role.find(name + ",")
    if at >= 0 and _is_person_name(name):
        office = re.sub(r"^(?:of\s+)?(?:the\s+)?", "", role[at + len(name) + 1:].strip(" ,"))
        return office if _names_an_office(office) or _OFFICE_BODY.search(office) else None
    return None


def _given(name: str, family: str) -> list[str]:
    """The given names and initials of a name, folded ("W. J. Sebald" → ["w", "j"])."""
    parsed = parse_name(name)
    return [k for k in parsed.keys if k != token_key(family)] + [token_key(i) for i in parsed.initials]


def _name_words(text: str) -> str:
    """The name at the end of a phrase: its last run of capitalised words and initials ("General
    of the Army Douglas MacArthur" → "Douglas MacArthur")."""
    words = text.split()
    k = len(words)
    while k > 0 and (words[k - 1][:1].isupper() or words[k - 1][:1] == "[") and not (
            k < len(words) and role_word(fold(words[k - 1]).rstrip("."))):
        k -= 1
    return " ".join(words[k:]) or text


def _signer(layout: Layout) -> str | None:
    """The name a report is signed with: its last line, when that is a name ("Acheson", "W. J.
    Sebald", "M[ax] W. B[ishop]" with the editors' brackets read through)."""
    lines = layout.body.text.rstrip().rsplit("\n", 1)
    line = lines[-1].replace("[", "").replace("]", "").strip()
    words = line.split()
    if not 1 <= len(words) <= 4 or not all(w[:1].isupper() for w in words) or any(role_word(fold(w)) for w in words):
        return None
    parsed = parse_name(line)
    return line if parsed.words and not re.search(r"[^\w\s.'’\-]", line) else None


def _is_person_name(text: str) -> bool:
    """Two or more name words, none an office or a common word of a title ("Foreign Relations")."""
    parsed = parse_name(text)
    return len(parsed.words) + len(parsed.initials) >= 2 and not any(role_word(fold(w)) for w in parsed.words) \
        and not _OFFICE_BODY.search(text) \
        and not re.search(r"\b(?:Foreign|Relations|Bulletin|Treaty|Agreement|Conference|Committee|Ministry|"
                          r"Government|Press|Papers|Report|Records|Files|Library)\b", text)


def _names_an_office(who: str) -> bool:
    """An identification opens with an office or a description of one within its first words."""
    words = re.findall(r"[\w'’\-]+", who)[:8]
    return any(role_word(fold(w)) for w in words)


def collection_people(name: str, edition_side: str | None, listed: dict[str, str] | None,
                      identifications: dict[str, str] | None,
                      reports: Iterable[tuple[Report, Layout | None]]) -> Layer | None:
    """The authority layer of a collection: its list of persons (id → name as listed, id →
    identification), then what each report says of its people."""
    people = CollectionPeople(name, edition_side)
    for key, written in (listed or {}).items():
        people.add_listed(written, (identifications or {}).get(key, ""), key)
    for report, layout in reports:
        people.add_report(report, layout)
    return people.layer()
