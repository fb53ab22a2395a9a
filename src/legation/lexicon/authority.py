"""The authority files: known people, organisations and places (``data/authorities/*.yaml``),
indexed by every folded form they may be written in and compiled into one scanning pattern."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from legation.lexicon.names import ParsedName, fold_same_length, parse_name, token_key
from legation.lexicon.wordtrie import trie_pattern
from legation.nlp import CYRILLIC

# Russian case endings of a surname or a noun (Сметанин-а/-у/-ым/-е, Москв-ы/-е).
_CYRILLIC_ENDINGS = r"(?:а|у|ым|ом|е|ой|ую|ого|ому|ым|ых|ы|и)"


@dataclass(slots=True)
class AuthorityPerson:
    id: str
    name: str
    family: str
    side: str | None
    eastern: bool
    titles: list[str]
    roles: list[dict[str, Any]]
    variants: list[str]
    wikidata: str | None
    parsed: list[ParsedName] = field(default_factory=list)


@dataclass(slots=True)
class AuthorityEntity:
    id: str
    kind: str  # "organization" | "place"
    name: str
    side: str | None  # the side when no date is known (the file's own period)
    variants: list[str]
    type: str | None = None
    adjectives: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    wikidata: str | None = None
    # the sides it belonged to over time: (side, first day, last day), a missing day open
    dated_sides: list[tuple[str, str | None, str | None]] = field(default_factory=list)

    def side_on(self, day: str | None) -> str | None:
        """The side it belonged to on an ISO day ("1949-06-01"; a year or month will do), where
        the file dates its sides (Seoul is Japan's in 1939, Korea's in 1949); else its side."""
        if day is None or not self.dated_sides:
            return self.side
        for side, first, last in self.dated_sides:
            if (first is None or first[:len(day)] <= day) and (last is None or day <= last[:len(day)]):
                return side
        return None


@dataclass(slots=True)
class Authorities:
    persons: dict[str, AuthorityPerson]
    entities: dict[str, AuthorityEntity]
    forms: dict[str, list[tuple[str, str]]]  # folded form → [(kind, id)]
    pattern: re.Pattern[str]
    by_family: dict[str, list[str]]  # family-name key → person ids


def _load(name: str) -> list[dict[str, Any]]:
    text = (resources.files("legation") / "data" / "authorities" / name).read_text(encoding="utf-8")
    return yaml.safe_load(text) or []


def person_forms(person: AuthorityPerson) -> list[str]:
    """Every form a person may be written in: name, variants, family name, both name orders."""
    forms = [person.name, *person.variants, person.family]
    for written in (person.name, *person.variants):
        parsed = parse_name(written)
        if person.eastern and len(parsed.words) == 2 and not parsed.initials:
            forms.append(" ".join(reversed(parsed.words)) + (f" {parsed.ordinal}" if parsed.ordinal else ""))
    return list(dict.fromkeys(forms))


@lru_cache(maxsize=1)
def authorities() -> Authorities:
    """The three authority files, read once, with the index of their written forms."""
    persons = {}
    for row in _load("people.yaml"):
        person = AuthorityPerson(
            id=row["id"], name=row["name"], family=row["family"], side=row.get("side"),
            eastern=row.get("order") == "eastern", titles=row.get("titles") or [],
            roles=row.get("roles") or [], variants=row.get("variants") or [], wikidata=row.get("wikidata"))
        person.parsed = [parse_name(f) for f in (person.name, *person.variants)]
        persons[person.id] = person
    entities = {}
    for kind, file in (("organization", "organizations.yaml"), ("place", "places.yaml")):
        for row in _load(file):
            entities[row["id"]] = AuthorityEntity(
                id=row["id"], kind=kind, name=row["name"], side=row.get("side"),
                variants=row.get("variants") or [], type=row.get("type") or row.get("kind"),
                adjectives=row.get("adjectives") or [], people=row.get("people") or [],
                wikidata=row.get("wikidata"),
                dated_sides=[(s["side"], _iso(s.get("from")), _iso(s.get("to"))) for s in row.get("sides") or []])
    forms: dict[str, list[tuple[str, str]]] = {}
    for person in persons.values():
        for form in person_forms(person):
            ids = forms.setdefault(fold_same_length(form), [])
            if ("person", person.id) not in ids:
                ids.append(("person", person.id))
    for entity in entities.values():
        for form in (entity.name, *entity.variants):
            forms.setdefault(fold_same_length(form), []).append((entity.kind, entity.id))
    by_family: dict[str, list[str]] = {}
    for person in persons.values():
        by_family.setdefault(token_key(person.family), []).append(person.id)
    return Authorities(persons, entities, forms, _compile(forms), by_family)


def _iso(value: Any) -> str | None:
    """A date of the YAML file (read as a date or a string) as ISO text."""
    return None if value is None else str(value)


def _compile(forms: dict[str, list[tuple[str, str]]]) -> re.Pattern[str]:
    """All forms as one pattern, whole words only, case as written, spaces as any white space;
    a Cyrillic form may take a case ending. Laid out as a trie, the scan costs about one pass
    over the text whatever the size of the authority files; at each point the longest form wins."""
    pattern = trie_pattern((re.sub(r"\s+", " ", form) for form in forms), space=r"\s+",
                           ending=lambda form: _CYRILLIC_ENDINGS if CYRILLIC.search(form[-1:]) else "")
    return re.compile(r"(?<![\w'])" + pattern + r"(?![\w])")


def lookup(form: str) -> list[tuple[str, str]]:
    """The (kind, id) pairs an exact written form names; Cyrillic case endings are tried off."""
    table = authorities().forms
    folded = " ".join(fold_same_length(form).split())
    if folded in table:
        return table[folded]
    if CYRILLIC.search(folded):
        for cut in (3, 2, 1):
            if folded[:-cut] in table:
                return table[folded[:-cut]]
    return []

