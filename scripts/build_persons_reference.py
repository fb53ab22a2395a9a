"""Build src/legation/data/persons_reference.tsv: who the people of the FRUS series were, read
from the editors' lists of persons, so that a report naming "de Gaulle" or "Makarios" without
saying whose they were still gives them their side.

The runtime reads only the table this writes (``legation.lexicon.reference``). Each list's entry
("Couve de Murville, Maurice, French Foreign Minister") is read by the same rules a collection's
own list is read by (``legation.extract.identities.CollectionPeople``): the name in reading order,
its family name, each office with the side it names and the dates it gives. An office the entry
does not date is dated by the volume's years; a side is as of its first year ("German" in 1958
is the Federal Republic's). A person listed with one side in several volumes is one line from
the first year to the last; the runtime gives a side only where every listed person of the name
in the report's years agrees.

    .venv/bin/python scripts/build_persons_reference.py [--series ../shared/data/frus-series]

The volumes ``eval/frus_people.py`` scores by default are left out (``--exclude``), so that its
scores measure reports whose editors' list the table has not read. A volume spanning more than
12 years (a collection across decades) is left out too: its years date nothing.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from legation.devdata import shared_path
from legation.extract.identities import CollectionPeople
from legation.ingest.tei import volume_info
from legation.lexicon.sides import side_as_of
from legation.lexicon.vocabulary import side_in_words

REPO = Path(__file__).resolve().parents[1]
OUTPUT = REPO / "src" / "legation" / "data" / "persons_reference.tsv"
sys.path.insert(0, str(REPO / "eval"))
from frus_people import DEFAULT_VOLUMES  # noqa: E402  (the scored volumes: left out)

HEADER = """\
# Who the people of the FRUS series were: each office of each person in the lists of persons of
# {volumes} volumes of Foreign Relations of the United States ({first}–{last}; public domain, U.S.
# Government works), with the side it names and its years (the volume's years where the list gives
# none), for legation.lexicon.reference. Left out: the volumes eval/frus_people.py scores.
# Built by scripts/build_persons_reference.py; do not edit by hand.
# name\tfamily\torder\tside\tbasis (stated: the entry names the state; office: an office naming none,
# the edition's own)\tfrom\tto\toffice\tvolumes
"""
MAX_YEARS = 12
IDENTIFICATION_CHARACTERS = 100


def volume_years(title: str | None) -> tuple[int, int] | None:
    """The years a volume's title gives ("Foreign Relations of the United States, 1958–1960, …"
    → (1958, 1960); "…, 1949, …" → (1949, 1949))."""
    found = re.search(r"\b(1[89]\d\d)(?:\s*[–-]\s*(1[89]\d\d|\d\d)\b)?", title or "")
    if not found:
        return None
    first = int(found.group(1))
    last = found.group(2)
    return first, (int(last) if len(last or "") == 4 else first // 100 * 100 + int(last) if last else first)


def volume_rows(path: Path) -> tuple[list[tuple[str, ...]], tuple[int, int] | None]:
    """One row per listed person and office of a volume, and the volume's years."""
    info = volume_info(path)
    years = volume_years(info["title"])
    if not info["persons"] or years is None or years[1] - years[0] > MAX_YEARS:
        return [], None
    people = CollectionPeople(path.name, "USA")
    for key, written in info["persons"].items():
        people.add_listed(written, info["identifications"].get(key, ""), key)
    layer = people.layer()
    volume = path.name.removesuffix(".xml.gz")
    rows = []
    for person in layer.people if layer else ():
        for role in person["roles"]:
            first = int(str(role["from"])[:4]) if role["from"] else years[0]
            last = int(str(role["to"])[:4]) if role["to"] else years[1]
            side = side_as_of(role["side"], str(min(first, last)))  # "German" in 1958: FRG
            if not side:
                continue
            office = " ".join(role["title"].split())
            # "stated": the entry's words name the state ("Prime Minister of Laos"); "office": an
            # office that names none, the edition's own ("Assistant Secretary of State")
            basis = "stated" if role["side"] and side_in_words(office) else "office"
            rows.append((person["name"], person["family"], person["order"] or "", side, basis,
                         str(min(first, last)), str(max(first, last)), office[:IDENTIFICATION_CHARACTERS], volume))
    return rows, years


def merged(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """One row per name, side and basis: a person listed with one side in volume after volume is
    one line from the first year to the last, across the years no volume lists them in (Mao
    Tse-tung, listed for 1952–1963 and 1969–1976, was China's between), with the first office and
    the volumes joined."""
    by_name: dict[tuple[str, ...], list[str]] = {}
    for row in sorted(set(rows), key=lambda r: (int(r[5]), int(r[6]), r[8], r)):
        kept = by_name.get(row[:5])
        if kept is None:
            by_name[row[:5]] = list(row)
            continue
        kept[6] = str(max(int(kept[6]), int(row[6])))
        kept[8] += "" if row[8] in kept[8].split(",") else "," + row[8]
    return sorted((tuple(row) for row in by_name.values()), key=lambda r: (r[1].casefold(), r[0], int(r[5]), r[3]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--series", type=Path, default=shared_path("data", "frus-series"))
    parser.add_argument("--exclude", nargs="*", default=list(DEFAULT_VOLUMES),
                        help="volume ids to leave out (default: those eval/frus_people.py scores)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    rows, volumes, years = [], 0, []
    for path in sorted(args.series.glob("*.xml.gz")):
        if path.name.removesuffix(".xml.gz") in set(args.exclude):
            continue
        found, span = volume_rows(path)
        if found and span:
            volumes += 1
            years += span
        rows += found
    rows = merged(rows)
    with args.output.open("w", encoding="utf-8") as handle:
        handle.write(HEADER.format(volumes=volumes, first=min(years), last=max(years)))
        for row in rows:
            handle.write("\t".join(cell.replace("\t", " ") for cell in row) + "\n")
    print(f"{args.output}: {len(rows)} offices of {len({(r[0], r[1]) for r in rows})} names from {volumes} volumes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
