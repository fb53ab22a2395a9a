"""Build src/legation/data/eventcoding.json from the shared event-coding tables.

The runtime never reads ../shared: this script derives one compact table (CAMEO code, name,
Goldstein score, PLOVER category and mode) and writes it with its attribution lines.

    .venv/bin/python scripts/build_eventcoding.py [--shared ../shared/data/eventcoding]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path
from legation.devdata import shared_path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = shared_path("data", "eventcoding")
OUTPUT = REPO / "src" / "legation" / "data" / "eventcoding.json"

HEADER = """\
# CAMEO event codes with their Goldstein scores and PLOVER categories, for legation.lexicon.eventcoding.
# Built by scripts/build_eventcoding.py; do not edit by hand.
# Sources:
# - CAMEO codes and names: the CAMEO codebook (Gerner, Schrodt, Yilmaz et al., public), via the GDELT
#   lookup table CAMEO.eventcodes.txt (mpiccirilli/UNDP-BCPR-Project @08d29bb).
# - Goldstein scores (-10 conflict ... +10 cooperation): Goldstein (1992), via the GDELT table
#   CAMEO.goldsteinscale.txt (same repository).
# - PLOVER category and mode: CAMEO2PLOVER conversion table, PLOVER manual Draft 0.8 (2021), by the
#   Open Event Data Alliance (openeventdata/PLOVER @5e0c24f). PLOVER is licensed under the Creative
#   Commons Attribution-ShareAlike 4.0 International License (CC BY-SA 4.0); the plover and mode columns
#   of this file are adapted from it and are shared under the same licence.
# - CAMEO 02 appeals are absent from CAMEO2PLOVER-2021; legation maps them to PLOVER REQUEST, mode
#   "appeal" (PLOVER's REQUEST covers asking for something; the 2021 table gives it CAMEO 10 demands,
#   and the seed's adjudicated gold codes "called for/urged/advised" so).
# CAMEO 01 statements have no PLOVER mapping: empty plover/mode.
"""

# CAMEO roots the 2021 table leaves out, with the category legation gives them (see HEADER).
UNMAPPED_ROOTS = {"02": ("REQUEST", "appeal")}
_PLOVER_LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*,\s*([^,#]*?)\s*,")


def read_names(shared: Path) -> dict[str, str]:
    return dict(_tab_rows(shared / "GDELT_CAMEO.eventcodes.txt"))


def read_goldstein(shared: Path) -> dict[str, float]:
    return {code: float(score) for code, score in _tab_rows(shared / "GDELT_CAMEO.goldsteinscale.txt")}


def read_plover(shared: Path) -> dict[str, tuple[str, str]]:
    """CAMEO code → (PLOVER category, mode); root lines ("03: AGREE") give the root's category."""
    mapping: dict[str, tuple[str, str]] = {}
    for line in (shared / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        root = re.match(r"^(\d{2}):\s*([A-Z]+)\s*$", line)
        if root and root.group(1) not in mapping:
            mapping[root.group(1)] = (root.group(2), "")
            continue
        match = _PLOVER_LINE.match(line)
        if match:
            code, category, mode = match.groups()
            mapping.setdefault(code, (category, mode.strip().lower()))
    return mapping


def _tab_rows(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    return [(row[0].strip(), row[1].strip()) for row in rows[1:] if len(row) >= 2 and row[0].strip()]


def build_rows(shared: Path) -> list[tuple[str, str, float, str, str]]:
    names, goldstein, plover = read_names(shared), read_goldstein(shared), read_plover(shared)
    rows = []
    for code, name in names.items():
        category, mode = (plover.get(code) or plover.get(code[:3]) or plover.get(code[:2])
                          or UNMAPPED_ROOTS.get(code[:2]) or ("", ""))
        rows.append((code, name, goldstein.get(code, 0.0), category, mode))
    return sorted(rows)


def write_table(rows: list[tuple[str, str, float, str, str]], output: Path) -> None:
    """JSON (not TSV) because the package ships data/*.json; the attribution travels inside it."""
    table = {
        "attribution": [line.removeprefix("# ") for line in HEADER.splitlines()],
        "columns": ["cameo", "name", "goldstein", "plover", "mode"],
        "codes": [list(row) for row in rows],
    }
    text = json.dumps(table, ensure_ascii=False, indent=0)
    output.write_text(re.sub(r"\[\n([^\[\]]*?)\n\]", lambda m: "[" + m.group(1).replace("\n", " ") + "]", text) + "\n",
                      encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    rows = build_rows(args.shared)
    write_table(rows, args.output)
    print(f"{len(rows)} codes -> {args.output}")


if __name__ == "__main__":
    main()
