"""Who the people of the FRUS series were, for a side no report states.

A report names "de Gaulle", "Makarios" or "Gromyko" and never says whose they were: its readers
knew. The editors of Foreign Relations of the United States say it in each volume's list of
persons; ``data/persons_reference.tsv`` (built by ``scripts/build_persons_reference.py``) holds
each listed person's offices with the side each names and its years. It is the last source of a
side: a person the report, its collection, the authority files or the user's file give a side
keeps it. It gives a side only on a dated report (an undated one of a collection: within the
collection's years), and only where every listed person whose name agrees with the person's
forms and who held an office within two years of those dates has the same side: two Smiths of
one year with two sides give none. A name listed in no office of those years is looked for in
all years, and gives a side only if all its bearers of every year agree. Of one listed person's
offices, those whose entry names the state outweigh those taken for the edition's own for
naming none ("Prime Minister of Laos" over "Lao Prime Minister"). It finds no one: a name the
reader did not take for a person stays unnamed; it only tells whose a found person was.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

from legation.lexicon.names import ParsedName, compatible, parse_name, token_key

MARGIN_YEARS = 2  # a list dates an office by its volume's years: two years either side still hold


@dataclass(frozen=True, slots=True)
class ListedOffice:
    """One office of a listed person, as the table gives it."""

    name: str
    family_keys: frozenset[str]  # "Castro Ruz": either word alone names him
    parsed: ParsedName
    side: str
    stated: bool  # the entry's words name the state; else an office naming none, the edition's own
    first: int
    last: int
    office: str
    volumes: str

    def held_within(self, first: int, last: int) -> bool:
        return self.first - MARGIN_YEARS <= last and first <= self.last + MARGIN_YEARS


@lru_cache(maxsize=1)
def _offices() -> dict[str, tuple[ListedOffice, ...]]:
    """The table's offices by family-name key."""
    text = (resources.files("legation") / "data" / "persons_reference.tsv").read_text("utf-8")
    by_family: dict[str, list[ListedOffice]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, family, _order, side, basis, first, last, office, volumes = line.split("\t")
        keys = frozenset(parse_name(family).keys) or frozenset({token_key(family)})
        row = ListedOffice(name, keys, parse_name(name), side, basis == "stated", int(first), int(last), office,
                           volumes)
        for key in keys:
            by_family.setdefault(key, []).append(row)
    return {key: tuple(rows) for key, rows in by_family.items()}


def listed_offices(forms: Iterable[str], day: str | None, last_day: str | None = None,
                   any_year: bool = False) -> list[ListedOffice]:
    """The listed offices held within two years of ``day`` (or of the days from ``day`` to
    ``last_day``: an undated report's collection's years), or in any year, by a person written
    in these forms, read by the fullest of them: a family name alone finds by the family name; a
    longer name, a listed name it agrees with or is part of ("Lopez Mateos" of "Adolfo Lopez
    Mateos")."""
    if not day or not day[:4].isdigit():
        return []
    first = int(day[:4])
    last = int(last_day[:4]) if last_day and last_day[:4].isdigit() else first
    name = max((parse_name(f) for f in forms), key=lambda p: len(p.words) + len(p.initials), default=None)
    if name is None or not name.words:
        return []
    held = [office for key in dict.fromkeys(name.keys) for office in _offices().get(key, ())
            if any_year or office.held_within(first, last)]
    found = [office for office in held if _names(name, office)] or [
        office for office in held if _same_initial(name, office)]  # "Gamal Abdel Nasser", listed "Gamal Abdul Nasser"
    return list(dict.fromkeys(found))


def _names(name: ParsedName, office: ListedOffice) -> bool:
    """Whether a written name may be the listed person's: a family name alone, theirs; a fuller
    name, one agreeing with (or part of) a listed name that gives more than a family name — a
    list's "Trujillo" (of Ecuador) is not "Rafael Trujillo"."""
    if len(name.words) == 1:
        return name.keys[0] in office.family_keys and compatible(name, office.parsed)
    if len(office.parsed.words) + len(office.parsed.initials) < 2:
        return False
    return compatible(name, office.parsed) or (
        set(name.keys) <= set(office.parsed.keys) and bool(office.family_keys & set(name.keys)))


def _same_initial(name: ParsedName, office: ListedOffice) -> bool:
    """A fuller name and a listed one of the same family name whose first given names (or
    initials) begin alike: one person written two ways ("W.E. Colby", "William E. Colby"). The
    family name is the written name's own: "Generalissimo Rafael Trujillo" is not the listed
    "Gideon Rafael" for a "Rafael" and a "G" in both."""
    def first_given(parsed: ParsedName) -> str:
        given = [k for k in parsed.keys if k not in office.family_keys] + [i.casefold() for i in parsed.initials]
        return given[0][:1] if given else ""
    mine = first_given(name)
    return bool(mine) and name.family_key() in office.family_keys and mine == first_given(office.parsed)


def listed_side(forms: Iterable[str], day: str | None, last_day: str | None = None) -> ListedOffice | None:
    """The office that gives a person written in these forms a side on ``day`` (or from ``day``
    to ``last_day``): one of the listed offices found, when all the people found (by listed name)
    have one side. Of one person's offices, those whose entry names the state outweigh those taken
    for the edition's own for naming none ("Prime Minister of Laos" over "Lao Prime Minister").
    A name no list gives within those years is looked for in every year: an office ends, a
    nationality seldom does ("Truman" in 1979, "Perón" in 1958, listed from 1961) — and there
    too only where every listed bearer of the name, of every year, has one side."""
    offices = listed_offices(forms, day, last_day) or listed_offices(forms, day, last_day, any_year=True)
    by_person: dict[str, list[ListedOffice]] = {}
    for office in offices:
        by_person.setdefault(office.name, []).append(office)
    chosen = [office for offices in by_person.values()
              for office in ([o for o in offices if o.stated] or offices)]
    return chosen[0] if chosen and len({office.side for office in chosen}) == 1 else None
