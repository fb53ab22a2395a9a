"""Who a collection's people are, from the collection itself.

A documentary edition says who its people are: a FRUS volume's list of persons ("Acheson, Dean
G., Secretary of State, January 1949–January 1953"), the editors' notes at a first mention
("Syngman Rhee, President of the Republic of Korea."), its headings ("The Ambassador in Korea
(Muccio) to the Secretary of State") and the names that sign them ("The Secretary of State",
signed "Acheson"), its source notes ("Drafted by Howison; cleared by Meeker"), and its running
text ("Soviet Ambassador Dobrynin"). Read before the reports, these become an authority
layer (``legation.lexicon.authority.Layer``) in force while each report of the collection is
read: a person named by the family name alone in a later report is the person identified
earlier, one person across the volume, with the side their identification gives at the
report's date.

A side is read from an identification as the state it names that the person acts for: "the
Philippine Secretary of Foreign Affairs", "President of the Republic of Korea"; a state after
"to", "in" or "at" is where the office is, not whose ("Ambassador in Korea"). An office that
names no state is the edition's own government's ("Secretary of State" in FRUS) — in its lists,
notes and bracketed headings, not in a title before a name ("President Rhee") — unless it is an
international organisation's ("Secretary-General of the United Nations": no side). The edition
is the one its title names (a TEI volume's series), else the government whose own offices most
of the headings name (``sides.toml [edition_offices]``).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Any, Iterable

from legation.extract.references import NAME_PARTICLES
from legation.lexicon.authority import Layer, lookup
from legation.lexicon.sides import edition_offices_side, edition_titles
from legation.lexicon.names import fold, given_keys, parse_name, slug, split_titles, title_run, token_key
from legation.lexicon.vocabulary import (
    DETERMINERS, PREPOSITIONS, is_place_name, not_person_words, place_names, role_heads, role_word, side_in_words,
    state_sides,
)
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
    r"World Bank|European (?:Community|Communities|Commission)|Vatican|Holy See|Red Cross|League of Nations)(?!\w)")
_CAPITALISED = re.compile(r"[A-Z][\w'’\-]*")
# An identification by kinship names a relative's office, not the person's own.
_KIN = re.compile(r"(?:the\s+)?(?:\w+-in-law|son|daughter|brother|sister|wife|husband|widow|nephew|niece|father|"
                  r"mother|cousin|uncle|aunt|grandson|granddaughter)s?\s+of\b", re.IGNORECASE)
_NOTE_MARKER = re.compile(r"\[\^[^\]\s]{1,12}\]|<sup>[^<]{1,12}</sup>")  # "[^4]", "<sup>4</sup>"
# A person named with their state and office in running text: "Soviet Ambassador Dobrynin",
# "Turkish Foreign Minister Caglayangil"; and "Dobrynin, the Soviet Ambassador,". A name and its
# office stay on one line: a heading's last word and the dateline under it ("… Prime Minister
# Demirel" / "Washington, March 16, 1977") are no name.
_STATED_AFTER = re.compile(r"(?P<name>[A-Z][\w'’\-]+(?:[^\S\n]+[A-Z][\w'’\-]+){0,2}),[^\S\n]+(?:the[^\S\n]+)?"
                           r"(?P<adj>[A-Z][a-z]+)[^\S\n]+(?P<office>[A-Za-z ]{3,40}?)(?=[,.;])")
# A name in full and, after a comma, an office whose words name its state: "General Kenan Evren,
# Chief of the Turkish General Staff,"; "Rupiah Banda, Minister of Foreign Affairs of Zambia".
_APPOSED_OFFICE = re.compile(r"(?P<name>(?:[A-Z][\w'’\-]+|[A-Z]\.)(?:[^\S\n]+(?:[A-Z][\w'’\-]+|[A-Z]\.)){1,4}),"
                             r"[^\S\n]+(?P<office>(?P<head>[A-Z][a-z]+)[^\S\n][^,.;:()\n]{3,80}?)(?=[,.;)]|$)",
                             re.MULTILINE)
# A person of a state: "President Lemus of El Salvador", "Samora Machel of Mozambique".
_OF_STATE = re.compile(r"(?P<run>(?:[A-Z][\w'’\-]+\.?[^\S\n]+){0,4}[A-Z][\w'’\-]+)[^\S\n]+of[^\S\n]+"
                       r"(?P<state>(?:the[^\S\n]+)?[A-Z][\w'’\-]*(?:[^\S\n]+[A-Z][\w'’\-]*){0,3})"
                       # the state's name ends the phrase: not "assuring President Toure of United States interest"
                       r"(?=[,.;:)]|[^\S\n]*$|[^\S\n]+(?:and|or|in|to|at|for|on|with|was|were|is|has|had|who|whom|which|"
                       r"said|says|met|visited|arrived|came|told|asked|would|will|did)\b)", re.MULTILINE)
_APPOSED_HEADS = frozenset({"assistant", "aide", "spokesman", "advisor", "adviser"})
# The bodies an official serves in: "of the Division of Northeast Asian Affairs" is an office.
_OFFICE_BODY = re.compile(r"\b(?:Department|Division|Office|Bureau|Embassy|Legation|Consulate|Mission|Delegation|"
                          r"Staff|Agency|Council|Army|Navy|Air Force|Marine Corps|Command|Headquarters|White House|"
                          r"Counsel|Emissary)\b")
# A note that identifies: a name of two to five words, a comma, then who they are.
_NOTE = re.compile(r"^(?P<name>(?:[A-Z][\w'’\-]*\.?\s+){1,4}[A-Z][\w'’\-]+),\s+(?P<who>[^\n]{3,300}?)\.?$")


def identification_side(text: str, edition_side: str | None) -> str | None:
    """The side an identification gives (see the module's docstring)."""
    side = side_in_words(text)
    if _KIN.match(text):
        return side  # "brother of Generalissimo Rafael Trujillo": the office is the relative's
    body = _INTERNATIONAL.search(text)
    if side or body and not re.search(r"\b(?:to|at|in|on)\s+(?:the\s+)?$", text[:body.start()]):
        return side  # an international body's own office has no side; its member's delegate has ("Representative at the UN")
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


_OTHER_SPELLING = re.compile(r"\s*\((?:also(?:\s+spelled)?\s+|or\s+)?(?P<other>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?)\)")


def _other_spellings(written: str) -> tuple[str, list[str]]:
    """A list's entry without the other spellings it gives its family name in brackets, and
    those spellings: "Vorster (also Voerster), Balthazar Johannes" → ("Vorster, Balthazar
    Johannes", ["Voerster"]); "Salim (Salem), Maj. Salaheddin" → ("Salim, Maj. Salaheddin",
    ["Salem"]). Only before the first comma: a name in brackets after the given names is how
    the entry is called ("Zhou Enlai (Chou En-lai)"), read by the list's reader."""
    head, comma, rest = written.partition(",")
    others = [m["other"] for m in _OTHER_SPELLING.finditer(head)] if comma else []
    return (_OTHER_SPELLING.sub("", head) + comma + rest if others else written), others


def _first_surname_forms(name: str, family: str) -> list[str]:
    """A family name of two plain words in a list ("Castro Ruz, Fidel", "López Mateos, Adolfo"):
    a father's and a mother's surname, the first of which alone names the person in the
    documents ("Castro", "Fidel Castro"). Not a name with a particle ("Van der Byl", "Ben Bella",
    "Ould Daddah") nor a hyphenated one."""
    words = family.split()
    if len(words) != 2 or any(w.casefold() in _NOT_FIRST_SURNAME or not w[:1].isupper() or "-" in w for w in words):
        return []
    given = name[:name.index(family)].strip() if family in name else ""
    return [f"{given} {words[0]}".strip(), words[0]]


_NOT_FIRST_SURNAME = frozenset(NAME_PARTICLES) | {"ben", "abu", "abd", "ould", "mac", "st", "st.", "saint", "san",
                                                  "santa", "o"}


def listed_name(written: str) -> tuple[str, str | None]:
    """(name in reading order, family name) of a list's entry: "Acheson, Dean G." → ("Dean G.
    Acheson", "Acheson"); "Bonesteel, General Charles H., III" → ("Charles H. Bonesteel III",
    "Bonesteel"); an entry without a comma is kept as written ("Chiang Kai-shek"), its first word
    the family name."""
    parts = [p.strip() for p in written.split(",") if p.strip()]
    if len(parts) < 2:
        return written.strip(), (written.split() or [None])[0]
    family, given, *rest = parts
    # "General Charles H.", "Maj. Gen. E.L.M.": ranks are no part of the name (a title's token may keep its dot)
    given = " ".join(w for w in given.split() if not (role_word(fold(w)) or role_word(fold(w).rstrip("."))))
    return " ".join([given, family, *rest]).strip(), family


@dataclass(slots=True)
class _Known:
    """One person of the collection while its layer is built."""

    name: str
    family: str
    # what the collection says the person was (an identification or an office, and the day it
    # was said), read into dated roles with sides once the edition's side is known
    # and whether an office that names no state there is the edition's government's: so in its
    # lists, notes and bracketed headings ("The Ambassador in Korea (Muccio)"), not in a title
    # before a name ("President Rhee", "Ambassador Yang")
    said: list[tuple[str, str | None, bool]] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    eastern: bool = False
    refs: list[str] = field(default_factory=list)  # the edition's keys for the person
    listed: bool = False  # an entry of the edition's list of persons

    def row(self, edition_side: str | None) -> dict[str, Any]:
        roles = [role for text, day, own in self.said for role in _roles(text, day, edition_side if own else None)]
        side = next((role["side"] for role in roles if role["side"]), None)
        return {"id": slug(self.name), "name": self.name, "family": self.family, "side": side,
                "order": "eastern" if self.eastern else None, "roles": _merged(roles),
                "variants": [v for v in dict.fromkeys(self.variants) if v != self.name], "refs": self.refs}


def _roles(identification: str, day: str | None, edition_side: str | None) -> list[dict[str, Any]]:
    """Each office of an identification ("…until April 1959; thereafter Director") as a dated
    role with its side: the state its words name, else the side of the office before it, else
    for an office that names no state, the edition's government's (identification_side)."""
    segments = [s.strip() for s in identification.split(";") if s.strip()]
    named = [side_in_words(segment) for segment in segments]
    roles = []
    for k, segment in enumerate(segments):
        # an office that names no state is of the state the nearest one before it names, else the
        # nearest after ("member of the Politburo; Premier of the State Council of the PRC")
        side = next((named[j] for j in range(k, -1, -1) if named[j]), None) or next(
            (named[j] for j in range(k, len(segments)) if named[j]), None)
        first, last = role_dates(segment)
        title = re.split(r",?\s+(?:until|from|since|after|through)\b|,\s*(?:January|February|March|April|May|June|"
                         r"July|August|September|October|November|December|1[89]\d\d)", segment)[0].strip(" ,")
        roles.append({"title": title or segment, "from": first or day, "to": last or day,
                      "side": side or identification_side(segment, edition_side)})
    return roles


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
        self.offices: Counter[str] = Counter()  # whose own offices the headings name, as evidence of the edition
        # (name, title, day) of "Secretary Kissinger" in running text: the edition's own official
        # if the title is one of its government's (known once every report is read)
        self.titled: list[tuple[str, str, str | None]] = []
        # (name, office, day, the other correspondent's state) of a heading whose one correspondent
        # is named by a title alone and the other with a state: "Letter From President Carter to
        # Turkish Prime Minister Demirel" — the first is the edition's own if the second is foreign
        self.facing: list[tuple[str, str, str | None, str]] = []
        # the places its reports are written at and its posts are in (datelines, "Embassy in
        # Angola", "Consulate in Luanda"): folded → as written
        self.places: dict[str, str] = {}

    def add_listed(self, written: str, identification: str, ref: str | None = None) -> None:
        """An entry of the edition's list of persons, under the edition's key for it."""
        written, spellings = _other_spellings(written)
        name, family = listed_name(written)
        if family is None:
            return
        known = self._person(name, family, eastern="," not in written and len(name.split()) > 1)
        known.listed = True
        known.variants.extend(name.replace(family, other) for other in spellings)
        known.variants.extend(_first_surname_forms(name, family))
        known.refs.extend([ref] if ref else [])
        known.said.append((identification, None, True))

    def add_report(self, report: Report, layout: Layout | None,
                   participants: Iterable[tuple[str, str, str]] = ()) -> None:
        """What one report says of its people: its correspondents and signer, the officials its
        source note says drafted it, the people it names with their state and office, its notes
        that identify, the participants its list places under a state's label ((label, name,
        entry): "UK:" over "Mr. Macmillan"). A name is taken only where it reads as one
        (``_plausible``)."""
        home = edition_offices_side(" ".join(filter(None, (report.sender_role, report.recipient_role, report.heading))))
        for place in _places_of(report):
            self.places.setdefault(fold(place), place)
        if home:
            self.offices[home] += 1
        notes = [report.source_note or "", *(note.text for note in (layout.notes if layout is not None else ()))]
        body = layout.body.text if layout is not None else ""
        lower = set(re.findall(r"(?<![\w'’])[a-z][a-z'’\-]+", body + " ".join(notes)))
        plausible = lambda name: _plausible(name, lower)  # noqa: E731
        pairs = ((report.sender, report.sender_role), (report.recipient, report.recipient_role))
        for (name, role), (_, other_role) in zip(pairs, pairs[::-1]):
            office = _office_of(name, role)
            if office is not None and plausible(name):
                self._holds(name, office, report.date, own=f"({name})" in (role or ""))
                other_side = side_in_words(other_role or "")
                if other_side and not side_in_words(role or ""):
                    self.facing.append((name, office, report.date, other_side))
        signer = _signer(layout) if layout is not None else None
        if signer and report.sender and report.sender_role and plausible(signer):
            self._signed(signer, report)
        for name in (name for note in notes for name in _drafters(note) if plausible(name)):
            self._holds(name, "official who drafted, cleared or approved the government's paper", report.date)
        for name, office in _present(layout.text if layout is not None else ""):
            if plausible(name):
                self._holds(name, office, report.date)
        # the text as written, by its lines: a reader that joins a report's header lines into one
        # paragraph ("… Prime Minister Demirel Washington, March 16, 1977") would join a name too
        lines = _NOTE_MARKER.sub("", layout.text) if layout is not None else ""
        for name, office in _stated_people(lines):
            if plausible(name):
                self._holds(name, office, report.date, own=False)
        self.titled.extend((name, title, report.date) for name, title in _home_titled(lines) if plausible(name))
        for label, name, entry in [*participants, *_side_lists(body)]:
            if not plausible(name):
                continue
            if side_in_words(label):
                self._holds(name, f"{label} {_office_words(entry, name)}", report.date, own=False)
            elif not label and entry.startswith(f"{name},"):  # "Mark Chona, Assistant to the President of Zambia"
                office = entry[len(name) + 1:].strip()
                if side_in_words(office):
                    self._holds(name, office, report.date, own=False)
        for note in layout.notes if layout is not None else ():
            found = _NOTE.match(" ".join(note.text.split()))
            if found and _is_person_name(found["name"]) and _names_an_office(found["who"]) and plausible(found["name"]):
                self._person(found["name"], found["name"].split()[-1]).said.append((found["who"], report.date, True))

    def _signed(self, signer: str, report: Report) -> None:
        """A report signed by name: a heading that names an office only ("The Secretary of State",
        signed "Acheson") gives the signer that office; one that names its writer ("(Sebald)",
        signed "W. J. Sebald") gives that writer's fuller name, and nothing else."""
        sender, role = report.sender or "", report.sender_role or ""
        if f"({sender.casefold()})" in role.casefold() or _office_of(sender, role) is not None:
            if token_key(signer.split()[-1]) == token_key(sender.split()[-1]):
                self._person(signer, signer.split()[-1])
        elif not _is_person_name(sender):
            self._holds(signer, re.sub(r"^(?:the|The)\s+", "", role.strip(" ,")), report.date)

    def _holds(self, name: str, office: str, day: str | None, own: bool = True) -> None:
        """A person who held an office on a day; ``own``: an office that names no state is the edition's."""
        known = self._person(name, name.split()[-1])
        if office:
            known.said.append((office, day, own))

    def edition(self) -> str | None:
        """The government whose papers these are: as given (a TEI volume's title names its
        series), else the one whose own offices the headings name in most reports, if it is
        most of those that name any (a text file of FRUS telegrams: "The Secretary of State to …")."""
        if self.edition_side or not self.offices:
            return self.edition_side
        side, count = self.offices.most_common(1)[0]
        return side if count * 2 > sum(self.offices.values()) else None

    def layer(self) -> Layer | None:
        edition = self.edition()
        own_titles = {fold(t) for t in edition_titles().get(edition or "", ())}
        for name, title, day in self.titled:
            if fold(title) in own_titles and not self._stated_elsewhere(name, edition):
                self._holds(name, title, day)
        for name, office, day, other_side in self.facing:
            if edition and other_side != edition:
                self._holds(name, office, day)
        self.titled, self.facing = [], []
        rows = [known.row(edition) for group in self.people.values() for known in group
                if known.listed or not self._is_place(known.name)]
        places = self._place_rows()
        return Layer(self.name, people=tuple(rows), places=places) if rows or places else None

    def _stated_elsewhere(self, name: str, edition: str | None) -> bool:
        """Whether the collection states another state for the person a title names ("Philippine
        Senator Aquino"): then "Senator Aquino" is that state's senator, not the edition's."""
        known = self._find(_name_words(split_titles(name)[1] or name) or name, name.split()[-1])
        return known is not None and any((side_in_words(text) or edition) != edition for text, _, _ in known.said)

    def _is_place(self, name: str) -> bool:
        """A "person" the collection's own words make a place: a dateline's or a post's place, or a
        state's, region's or large city's name ("London, the British …" read as a name and an office)."""
        return fold(name) in self.places or is_place_name(name)

    def _place_rows(self) -> tuple[dict[str, Any], ...]:
        """The collection's places the authority does not know yet, as places (no side: a dateline
        does not say whose the place was), unless a person of the collection bears the name as a
        family name ("Austin", Texas, and Warren Austin)."""
        rows = []
        for key, place in sorted(self.places.items()):
            if lookup(place) or key in place_names() or any(
                    len(known.name.split()) > 1 for known in self.people.get(token_key(place.split()[-1]), ())):
                continue
            rows.append({"id": "place-" + slug(place), "kind": "city", "name": place})
        return tuple(rows)

    def _person(self, name: str, family: str, eastern: bool = False) -> _Known:
        """The person of this name: one already known of the same family name whose given names
        agree (or who has none yet), else a new one; a fuller name replaces a shorter. Titles
        ("Lt. Gen.", "Dr.", "Mme.") are not part of the name, nor a possessive ("Malik's")."""
        name, family = _POSSESSIVE.sub("", name), _POSSESSIVE.sub("", family)
        name = _name_words(split_titles(name)[1] or name) or name
        known = self._find(name, family)
        if known is None:
            known = _Known(name, family, eastern=eastern)
            self.people.setdefault(token_key(family), []).append(known)
        elif len(name) > len(known.name) and given_keys(parse_name(name), family):
            known.variants.append(known.name)
            known.name = name
        else:
            known.variants.append(name)
        return known

    def _find(self, name: str, family: str) -> _Known | None:
        """The person already known of the same family name whose given names agree (or who has
        none yet, or the name gives none)."""
        given = given_keys(parse_name(name), family)
        for known in self.people.get(token_key(family), ()):
            theirs = given_keys(parse_name(known.name), known.family)
            if not given or not theirs or given[0][0] == theirs[0][0]:
                return known
        return None



_DRAFTED = re.compile(r"\b(?:[Dd]rafted|[Cc]leared|[Aa]pproved|[Ii]nitialed|[Rr]evised)(?:\s+in\s+(?:[A-Z/]+|draft))?\s+by\s+"
                      r"(?P<names>.+?)(?=;|(?<!\s[A-Z])\.\s+[A-Z][a-z]|\.?$|\s+on\s+[A-Z][a-z]+\s+\d)")


# A post's place in a heading: "the Embassy in Angola", "Consulate General at Luanda" (not an
# "Ambassador at Large").
_POST_IN = re.compile(r"\b(?:Embassy|Legation|Consulate(?:[^\S\n]+General)?|Mission|Consul(?:[^\S\n]+General)?|"
                      r"Ambassador|Minister|Chargé(?:[^\S\n]+d[’']Affaires)?)[^\S\n]+(?:in|at)[^\S\n]+(?:the[^\S\n]+)?"
                      r"(?!Large\b)(?P<place>[A-Z][\w'’\-]+(?:[^\S\n]+(?:es[^\S\n]+)?[A-Z][\w'’\-]+){0,2})")


def _places_of(report: Report) -> Iterable[str]:
    """The places a report's dateline and heading name: where it was written ("Luanda, July 2,
    1975"; "Oeiras, Portugal" → "Oeiras"), where its correspondents' posts are."""
    if report.place:
        place = report.place.split(",")[0].strip(" []")
        if place[:1].isupper() and len(place.split()) <= 4:
            yield place
    for text in (report.heading, report.sender_role, report.recipient_role):
        for found in _POST_IN.finditer(text or ""):
            yield found["place"]


def _drafters(note: str) -> Iterable[str]:
    """The officials a source note says drafted, cleared or approved the paper ("Drafted by
    Howison; cleared by Meeker, Lee, Frazier Meade in EUR/BNA, and Officer in Charge of …
    L. Dean Brown"): the edition's government's own people."""
    for found in _DRAFTED.finditer(" ".join(note.split())):
        for piece in re.split(r",\s*(?:and\s+)?|\s+and\s+", found["names"]):
            name = _closing_name(re.split(r"\s+(?:in|of|at|on)\s+", piece.strip(" ,."))[0])
            if name:
                yield name


_AN_INITIAL = re.compile(r"[A-Z]\.")  # "A." of "Henry A. Kissinger" (a determiner's word otherwise)
_INITIALS_ALONE = re.compile(r"[A-Z]{2,5}")  # "AF", "EUR", "GRC", "CIA": a bureau's or a government's initials
_POSSESSIVE = re.compile(r"['’‘]s?$")  # "Malik's", "Jones'": no part of the name


def _closing_name(piece: str) -> str | None:
    """The name that closes an office's phrase ("Assistant Secretary for South Asian Affairs
    James P. Grant" → "James P. Grant"), if the phrase ends in one: its last run of name words, not
    the complement of an office ("… for Near Eastern Affairs"), without "Jr."."""
    words = _name_words(piece).split()
    k = len(words)
    while k > 0 and (_AN_INITIAL.fullmatch(words[k - 1]) or re.fullmatch(r"[A-Z][\w'’\-]*\.?", words[k - 1])
                     and _is_name_word(words[k - 1]) and not _INITIALS_ALONE.fullmatch(words[k - 1])):
        k -= 1  # an initial ("Henry A. Kissinger"), not an acronym ("Deputy Director of CIA William Nelson")
    name = " ".join(words[k:])
    before = piece[:len(piece) - len(name)].split()
    if before and (before[-1] in PREPOSITIONS or before[-1] in DETERMINERS):
        return None  # the complement of an office: "Deputy Assistant Secretary for Near Eastern …"
    name = re.sub(r"(?:^|\s+)(?:Jr|Sr|II|III|IV)\.?$", "", name)  # "Victor Wolf, Jr."
    if name and _is_person_name(name, least=1) and all(_AN_INITIAL.fullmatch(w) or _is_name_word(w) for w in name.split()) \
            and not any(role_word(fold(w.rstrip("."))) for w in name.split()):
        return name
    return None


# The officials a meeting's minutes list as present, office and name, one after another:
# "Also Present: Director of INR William Hyland; Chief, Africa Division, CIA, James M. Potts".
_PRESENT = re.compile(r"^(?:Members|Also|Others)[^\S\n]+Present:[^\S\n]*(?P<list>[^\n]+)", re.MULTILINE)


# A full stop that ends a sentence, not an initial's or a title's ("William P. Clements", "Lt. General").
_SENTENCE_END = r"(?<!\b[A-Z])(?<!\bLt)(?<!\bGen)(?<!\bCol)(?<!\bAdm)(?<!\bMaj)(?<!\bDr)(?<!\bMr)(?<!\bMrs)(?<!\bSt)\.\s+(?=[A-Z])"


def _present(text: str) -> Iterable[tuple[str, str]]:
    """(name, office) of each official a meeting's minutes list as present: the office before the
    name ("Deputy Director of CIA William Nelson"; "Chief, Africa Division, CIA, James M. Potts")
    or after it ("Lt. General W. Y. Smith, Assistant to the Chairman …")."""
    for found in _PRESENT.finditer(text):
        for entry in re.split(r";\s*(?:and\s+)?|\s+and\s+(?=[A-Z])", found["list"]):
            entry = re.split(r"\s+(?:was|were)\s|" + _SENTENCE_END, entry.strip())[0].strip(" .,")
            head, _, rest = entry.partition(",")
            head = split_titles(head)[1] or head
            named = _closing_name(head) if rest else None
            if named and named == head and _names_an_office(rest):
                yield named, rest.strip()  # "W. Y. Smith, Assistant to the Chairman …"
                continue
            last = entry.rsplit(",", 1)[-1].strip() if "," in entry else entry
            name = _closing_name(last)
            office = entry[:len(entry) - len(name)].strip(" ,") if name else ""
            if name and office and (_names_an_office(office) or _OFFICE_BODY.search(office)):
                yield name, office


# A side's participants named in a sentence: "Present on Indonesian side: Malik, LtGen Sumitro,
# MajGen Alamsjah (State Secretary), …"; "Participants on Thai side were Prime Minister Thanom,
# Deputy Prime Ministers Praphat and Pote, …"; "On American side were …".
_SIDE_LIST = re.compile(
    r"(?:\b(?:Present|Participants|Participating|Attending)[^\S\n]+(?:on|for)|(?:^|(?<=[.:]\s))On)[^\S\n]+"
    r"(?:the[^\S\n]+)?(?P<label>[A-Z][\w.]*(?:[^\S\n]+[A-Z][\w.]*)?)[^\S\n]+side"
    r"(?:[^\S\n]+(?:were|was|included|in[^\S\n]+addition[^\S\n]+to)[^\S\n]+|[^\S\n]*:[^\S\n]*)"
    r"(?P<list>[^\n]+?)(?=" + _SENTENCE_END + r"|$)", re.MULTILINE)


_SIDE_WORD = re.compile(r"[^\S\n]side(?:[^\S\n]|:)")  # " side were", " side:" ("president" holds "side" too)


def _side_lists(text: str) -> Iterable[tuple[str, str, str]]:
    """(side's label, name, entry) of each participant a sentence places on a side."""
    if not _SIDE_WORD.search(text):  # what every such sentence has: most reports are read no further
        return
    for found in _SIDE_LIST.finditer(text):
        if not side_in_words(found["label"]):
            continue
        for entry in re.split(r",\s*(?:and\s+)?|\s+and\s+", re.sub(r"\s*\([^()]*\)", "", found["list"])):
            name = _closing_name(entry.strip(" .;"))
            words = (split_titles(name)[1] or name).split() if name else []
            while len(words) > 1 and role_word(fold(words[0]).removesuffix("s")):
                words.pop(0)  # "Deputy Prime Ministers Praphat and Pote"
            if words:
                yield found["label"], " ".join(words), entry.strip(" .;")


def _stated_people(text: str) -> Iterable[tuple[str, str]]:
    """(name, "Soviet Ambassador") for each person the text names with their state: an adjective
    and an office before the name ("Soviet Ambassador Dobrynin") or after it ("Dobrynin, the
    Soviet Ambassador,"), the state after "of" ("President Lemus of El Salvador"), an office
    after a comma that names it ("Kenan Evren, Chief of the Turkish General Staff,")."""
    yield from _stated_before(text)
    yield from _stated_after(text)
    yield from _of_state(text)
    yield from _apposed_office(text)


def _stated_before(text: str) -> Iterable[tuple[str, str]]:
    """"Soviet Ambassador Dobrynin", "East German party leader Ulbricht": the adjective, the office
    and the name on one line, so each line is read alone, from its capitalised words."""
    for line in text.split("\n"):
        words = line.split()
        for i in [k for k, word in enumerate(words) if word[0].isupper()]:
            yield from _stated_at(words, i)


def _stated_at(words: list[str], i: int) -> Iterable[tuple[str, str]]:
    """The person a line's words name with their state from the ``i``-th word on, if any."""
    word = words[i]
    if not _CAPITALISED.fullmatch(word):
        return
    # a state's adjective of two words ("East German", "South Vietnamese") before one of its words alone
    pair = i + 1 < len(words) and _names_a_state(word, words[i + 1])
    if i > 0 and _names_a_state(words[i - 1], word) or not pair and not side_in_words(word):
        return
    j = opened = i + 2 if pair else i + 1
    while j < len(words) and _is_office_word(words[j]):
        j += 1
        if not _BARE_WORD.fullmatch(words[j - 1]):
            return  # "… Chief of Staff. At …": the sentence ends before a name
    k = j
    while k < len(words) and k - j < 3 and _CAPITALISED.match(words[k]) and _is_name_word(words[k]):
        k += 1
        if not _BARE_WORD.fullmatch(words[k - 1]):
            break  # "Dobrynin," ends the name
    office = " ".join(words[opened:j])
    if j > opened and k > j and fold(office.split()[-1]) in role_heads():  # "US-Greek Defense" heads none
        name = " ".join(_TRAILING_PUNCTUATION.sub("", w) for w in words[j:k])
        yield name, f"{' '.join(words[i:opened])} {office}"


def _names_a_state(first: str, second: str) -> bool:
    """Two words that name a state or its people ("East German", "South Vietnamese"). Two ASCII
    words fold word by word, so a first word that opens no such name settles it (most words,
    and without folding the pair: pairs are too many to be remembered)."""
    if first.isascii() and second.isascii() and fold(first) not in _two_word_openers():
        return False
    return fold(f"{first} {second}") in state_sides()


@lru_cache(maxsize=1)
def _two_word_openers() -> frozenset[str]:
    return frozenset(key.split(" ")[0] for key in state_sides() if key.count(" ") == 1)


_BARE_WORD = re.compile(r"[\w'’\-]+")
_TRAILING_PUNCTUATION = re.compile(r"[^\w'’\-]+$")


def _stated_after(text: str) -> Iterable[tuple[str, str]]:
    """"Dobrynin, the Soviet Ambassador,"."""
    for found in _STATED_AFTER.finditer(text):
        office = found["office"].strip().split()
        if side_in_words(found["adj"]) and office and all(_is_office_word(w) for w in office) \
                and _is_person_name(found["name"], least=1) and all(_is_name_word(w) for w in found["name"].split()):
            yield found["name"], f"{found['adj']} {' '.join(office)}"


def _of_state(text: str) -> Iterable[tuple[str, str]]:
    """"President Lemus of El Salvador" → ("Lemus", "President of El Salvador")."""
    for found in _OF_STATE.finditer(text):
        name = _closing_name(found["run"])
        side = state_sides().get(fold(re.sub(r"^the\s+", "", found["state"])))
        if name and side and (len(name.split()) > 1 or found["run"] != name):
            titles = [w for w in found["run"][:len(found["run"]) - len(name)].split() if _is_office_word(w.rstrip("."))]
            yield name, f"{' '.join(titles) or 'leader'} of {found['state']}"


def _apposed_office(text: str) -> Iterable[tuple[str, str]]:
    """"General Kenan Evren, Chief of the Turkish General Staff," → ("Kenan Evren", "Chief of …")."""
    for found in _APPOSED_OFFICE.finditer(text):
        name = split_titles(found["name"])[1] or found["name"]
        if (_is_office_word(found["head"]) or fold(found["head"]) in _APPOSED_HEADS) and len(name.split()) > 1 \
                and _is_person_name(name) \
                and all(_AN_INITIAL.fullmatch(w) or _is_name_word(w) for w in name.split()) \
                and side_in_words(found["office"]):
            yield name, found["office"]


def _home_titled(text: str) -> Iterable[tuple[str, str]]:
    """(name, title) for a name after a title any edition's government gives its own officials
    ("Secretary Kissinger", "Senator Sarbanes"), standing alone: not the end of a longer title
    ("Foreign Secretary Callaghan", "Soviet Party Secretary") nor "Secretary General Waldheim"."""
    for found in _home_title_pattern().finditer(text):
        before = text[max(0, found.start() - 200):found.start()].rstrip(" \t")  # the words just before it
        last = re.search(r"(\S+)$", before)
        if last and last.group(1)[:1].isupper() and not before.endswith((".", ":", ";", "!", "?")) \
                and last.group(1).lower() not in DETERMINERS | PREPOSITIONS | {"and", "or", "but"}:
            continue  # "Foreign Secretary", "Party Secretary"
        words = []
        for word in found["name"].split():
            bare = re.sub(r"(?:['’]s?)?[^\w'’\-]*$", "", word)
            if not bare or not _is_name_word(bare):
                break
            words.append(bare)
            if bare != word:
                break  # "Kissinger’s", "Vance,": the name ends
        if words:
            yield " ".join(words), found["title"]


@lru_cache(maxsize=1)
def _home_title_pattern() -> re.Pattern[str]:
    titles = sorted({t for ts in edition_titles().values() for t in ts}, key=len, reverse=True)
    return re.compile(rf"(?<![\w\-])(?P<title>{'|'.join(re.escape(t) for t in titles)})[^\S\n]+"
                      r"(?P<name>[A-Z][\w'’\-]+\S*(?:[^\S\n]+[A-Z][\w'’\-.]*\S*){0,2})")


def _plausible(name: str, lower: set[str]) -> bool:
    """A name as a collection's people are named: capitalised, every word a name's (no office,
    state, title, month or article: not "Frondizi Dr", "Credit Program"), none of its words
    written in lower case in the report ("policy", "approved"), not initials alone ("GRC")."""
    words = name.split()
    return bool(words) and name[:1].isupper() and all(_is_name_word(w) for w in words) \
        and not any(w.lower().rstrip(".") in lower for w in words) and not title_run(words[-1]) \
        and not (len(words) == 1 and _INITIALS_ALONE.fullmatch(words[0]))


def _is_office_word(word: str) -> bool:
    return role_word(fold(word)) or fold(word) in _OFFICE_WORDS


def _is_name_word(word: str) -> bool:
    """A word that may be part of a person's name: not an office, a state, a month or a weekday."""
    bare = re.sub(r"[^\w'’\-]+$", "", word)
    return bool(bare) and not _is_office_word(bare) and not side_in_words(bare) and fold(bare) not in not_person_words() \
        and fold(bare) not in DETERMINERS and fold(bare) not in PREPOSITIONS




_OFFICE_WORDS = frozenset({"foreign", "prime", "defense", "defence", "finance", "war", "navy", "army", "air",
                           "interior", "first", "deputy", "vice", "acting", "chief", "affairs", "of", "state"})


def _office_of(name: str | None, role: str | None) -> str | None:
    """The office a heading gives a named correspondent: "The Ambassador in Korea (Muccio)" →
    "Ambassador in Korea"; "Mr. Robert A. Fearey, of the Division of Northeast Asian Affairs" →
    "Division of Northeast Asian Affairs"; None when the heading names an office, not a person."""
    if not name or not role or not name[:1].isupper():
        return None
    if f"({name})" in role:
        return re.sub(r"^(?:the|The)\s+", "", role.split("(")[0].strip(" ,"))
    if role.endswith(" " + name):  # "President Johnson", "Secretary of State Dulles"
        office = re.sub(r"^(?:the|The)\s+", "", role[:-len(name)].strip(" ,"))
        return office if office and any(role_word(fold(w)) for w in office.split()) else None
    at = role.find(name + ",")
    if at >= 0 and _is_person_name(name):
        office = re.sub(r"^(?:of\s+)?(?:the\s+)?", "", role[at + len(name) + 1:].strip(" ,"))
        return office if _names_an_office(office) or _OFFICE_BODY.search(office) else None
    return None


def _office_words(entry: str, name: str) -> str:
    """What a participant's entry says besides the name and a form of address: "Ambassador" of
    "Ambassador Eban", "Minister" of "Mr. Reuven Shiloah, Minister"; "participant" if nothing."""
    rest = " ".join(entry.replace(name, " ").replace(",", " ").split())
    words = [w for w in rest.split() if not title_run(w) or role_word(fold(w).rstrip("."))]
    return " ".join(words) or "participant"


def _name_words(text: str) -> str:
    """The name at the end of a phrase: its last run of capitalised words and initials ("General
    of the Army Douglas MacArthur" → "Douglas MacArthur")."""
    words = text.split()
    k = len(words)
    while k > 0 and (words[k - 1][:1].isupper() or words[k - 1][:1] == "[") and not (
            k < len(words) and role_word(fold(words[k - 1]).rstrip("."))):
        k -= 1
    return " ".join(words[k:])


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


def _is_person_name(text: str, least: int = 2) -> bool:
    """Two (or ``least``) or more name words, none an office or a common word of a title
    ("Foreign Relations")."""
    parsed = parse_name(text)
    return len(parsed.words) + len(parsed.initials) >= least and not any(role_word(fold(w)) for w in parsed.words) \
        and not _OFFICE_BODY.search(text) \
        and not re.search(r"\b(?:Foreign|Relations|Bulletin|Treaty|Agreement|Conference|Committee|Ministry|"
                          r"Government|Press|Papers|Report|Records|Files|Library)\b", text)


def _names_an_office(who: str) -> bool:
    """An identification opens with an office or a description of one within its first words."""
    words = re.findall(r"[\w'’\-]+", who)[:8]
    return any(role_word(fold(w)) for w in words)
