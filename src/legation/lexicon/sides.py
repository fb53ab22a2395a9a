"""Side codes as the user writes them and as a source's country implies them.

Any state, past or present, is a side: the built-in sides (legation.model.SIDES) and their
names (data/sides.toml), the states that no longer exist or began later than their present code
(data/states.toml, with their dates), and every ISO 3166 country, current or withdrawn, by its
alpha-3 code and its names (pycountry's tables, from its wheel).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from legation.lexicon.matching import key, read_data
from legation.model import SIDES

# How many known codes an unknown side's message suggests.
SUGGESTIONS = 3


@dataclass(frozen=True, slots=True)
class State:
    code: str
    name: str
    start: date | None = None  # first day as a state, where known
    end: date | None = None  # last day, for states that no longer exist

    def exists_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@lru_cache(maxsize=1)
def states() -> dict[str, State]:
    """Every known state by its code: ISO 3166 (current and withdrawn), then data/states.toml,
    then the built-in sides, each later table winning over the earlier ones."""
    import pycountry

    known: dict[str, State] = {}
    for country in pycountry.historic_countries:
        withdrawn = getattr(country, "withdrawal_date", None)
        end = date.fromisoformat(withdrawn) if withdrawn and len(withdrawn) == 10 else None
        known[country.alpha_3] = State(country.alpha_3, country.name, end=end)
    for country in pycountry.countries:
        known[country.alpha_3] = State(country.alpha_3, getattr(country, "common_name", None) or country.name)
    for entry in read_data("states.toml")["state"]:
        known[entry["code"]] = State(entry["code"], entry["name"], _day(entry.get("from")), _day(entry.get("to")))
    for side in SIDES:
        known.setdefault(side, State(side, side))
    return known


def _day(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(name or code as looked up -> side code, ISO alpha-2 country -> side code)."""
    import pycountry

    aliases: dict[str, str] = {}
    for country in [*pycountry.historic_countries, *pycountry.countries]:
        for name in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)):
            if name:
                aliases[key(name)] = country.alpha_3
    aliases.update((key(code), code) for code in states())  # a code is itself, whatever a name says
    for entry in read_data("states.toml")["state"]:
        aliases.update((key(name), entry["code"]) for name in entry.get("aliases", []))
    data = read_data("sides.toml")
    for side, names in data["aliases"].items():
        aliases.update((key(name), side) for name in names)
    aliases.update((key(side), side) for side in SIDES)
    return aliases, dict(data["countries"])


def side_code(name: str) -> str:
    """The side a name stands for: "SUN", "Russia", "ussr" -> "USSR"; "Japan" -> "JPN";
    "South Korea", "ROK" -> "KOR"; "Yugoslavia" -> "YUG". An unknown name raises ValueError naming
    the known codes that come closest."""
    side = _tables()[0].get(key(name))
    if side is None:
        raise ValueError(f"{name!r} is not a known side; closest: {', '.join(closest_sides(name))}")
    return side


def closest_sides(name: str) -> list[str]:
    """The codes whose names come closest to ``name``, each shown with its state's name."""
    from rapidfuzz import fuzz, process

    aliases = _tables()[0]
    found: list[str] = []
    for alias, _, _ in process.extract(key(name), list(aliases), scorer=fuzz.WRatio, limit=40):
        code = aliases[alias]
        if code not in found:
            found.append(code)
        if len(found) == SUGGESTIONS:
            break
    known = states()
    return [f"{code} ({known[code].name})" if code in known and known[code].name != code else code
            for code in found]


@lru_cache(maxsize=1)
def _series() -> list[dict]:
    return read_data("series.toml").get("series", [])


def edition_side(title: str | None) -> str | None:
    """The side whose government publishes a documentary edition, from the series its title names
    ("Foreign Relations of the United States, 1949, …" -> USA; data/series.toml)."""
    folded = key(title or "")
    for series in _series():
        if any(key(alias) in folded for alias in series.get("aliases", [])):
            return country_side(series.get("country"))
    return None


def series_side(series_id: str | None) -> str | None:
    """The side whose papers a document series publishes, by its id in data/series.toml ("DGFP" -> DEU)."""
    country = next((s.get("country") for s in _series() if s["id"] == series_id), None)
    return country_side(country)


def country_side(country: str | None) -> str | None:
    """The side an ISO 3166 country code of an archive or a document series stands for."""
    return _tables()[1].get(country.upper()) if country else None


@lru_cache(maxsize=1)
def _edition_offices() -> list[tuple[str, str]]:
    """(folded office phrase, side), longest first (data/sides.toml [edition_offices])."""
    table = read_data("sides.toml").get("edition_offices", {})
    return sorted(((key(phrase), side) for side, phrases in table.items() for phrase in phrases),
                  key=lambda pair: -len(pair[0]))


@lru_cache(maxsize=1)
def edition_titles() -> dict[str, tuple[str, ...]]:
    """Side → the titles its own officials bear in its edition's running text (data/sides.toml
    [edition_titles]), longest first."""
    table = read_data("sides.toml").get("edition_titles", {})
    return {side: tuple(sorted(titles, key=len, reverse=True)) for side, titles in table.items()}


def edition_offices_side(heading: str) -> str | None:
    """The government whose own office a heading names without a state ("The Secretary of State
    to the Embassy in Korea" → USA; "… to Department of External Affairs" → AUS), if one."""
    folded = key(heading)
    for phrase, side in _edition_offices():
        if phrase in folded:
            return side
    return None


@lru_cache(maxsize=1)
def _standing_in() -> dict[str, list[tuple[str, date | None, date | None]]]:
    """Code → [(the state it means, from, to)] (data/states.toml ``stands_for``)."""
    table: dict[str, list[tuple[str, date | None, date | None]]] = {}
    for entry in read_data("states.toml")["state"]:
        if entry.get("stands_for"):
            table.setdefault(entry["stands_for"], []).append(
                (entry["code"], _day(entry.get("from")), _day(entry.get("to"))))
    return table


def side_as_of(side: str | None, day: str | None) -> str | None:
    """The state a side's words meant on an ISO day (a year or month will do): DEU in 1958 is
    West Germany (FRG); otherwise the side itself."""
    if side is None or not day or side not in _standing_in():
        return side
    try:
        when = date.fromisoformat((day + "-01-01")[:10] if len(day) < 10 else day[:10])
    except ValueError:
        return side
    return next((code for code, first, last in _standing_in()[side]
                 if (first is None or first <= when) and (last is None or when <= last)), side)
