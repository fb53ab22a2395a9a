"""Side codes as the user writes them and as a source's country implies them (data/sides.toml)."""

from __future__ import annotations

from functools import lru_cache

from legation.lexicon.matching import key, read_data
from legation.model import SIDES


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    data = read_data("sides.toml")
    aliases = {key(side): side for side in SIDES}
    for side, names in data["aliases"].items():
        aliases.update((key(name), side) for name in names)
    return aliases, dict(data["countries"])


def side_code(name: str) -> str:
    """The side a name stands for: "SUN", "Russia", "ussr" -> "USSR"; "Japan" -> "JPN"."""
    side = _tables()[0].get(key(name))
    if side is None:
        raise ValueError(f"{name!r} is not a known side ({', '.join(SIDES)}, or a name of one)")
    return side


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
