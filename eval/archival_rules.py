"""The rule-based note parser (``legation.extract.citations.parse_note``) on Linked Books: does it
tell archival (primary) references from published ones?

    .venv/bin/python eval/archival_rules.py [--split valid|train]

A reference is a gold span (``b-r`` up to the next ``b-r``, across text lines); it is primary in
gold when any of its tokens is typed ``*-primary`` (Linked Books' primary = archival). The rules
call it primary when ``parse_note`` finds an archival citation in its text (tokens joined with
single spaces, no space before closing punctuation). Reported: P/R/F1 of the primary class, and
recall on the gold primary references that name an archive (an ``archive_lib`` token), where the
archive scheme table, not the level markers alone, has to do the work.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from legation.devdata import shared_path
from legation.extract.citations import parse_note

DATA = shared_path("data", "apparatus", "linkedbooks")
CLOSING = frozenset(",.;:)]")


def references(path: Path) -> list[list[tuple[str, str, str]]]:
    """Each reference's (token, component, type) rows."""
    found: list[list[tuple[str, str, str]]] = []
    for line in re.split(r"\r\n|\r|\n", path.read_bytes().decode("utf-8", errors="replace")):
        cols = line.split()
        if len(cols) != 4 or cols[0] == "-DOCSTART-":
            continue
        token, component, kind, span = cols
        if span == "b-r" or not found:
            found.append([])
        found[-1].append((token, component, kind))
    return found


def detokenise(tokens: list[str]) -> str:
    text = ""
    for token in tokens:
        text += token if not text or token[0] in CLOSING or text.endswith(("(", "[")) else " " + token
    return text


def evaluate(path: Path) -> dict[str, float]:
    tp = predicted = gold = named = named_found = 0
    for rows in references(path):
        is_primary = any(kind.endswith("primary") for _, _, kind in rows)
        found = any(c.kind == "archival" for c in parse_note(detokenise([token for token, _, _ in rows])))
        gold += is_primary
        predicted += found
        tp += is_primary and found
        if is_primary and any(component == "archive_lib" for _, component, _ in rows):
            named += 1
            named_found += found
    p, r = (tp / predicted if predicted else 0.0), (tp / gold if gold else 0.0)
    return {"references": len(references(path)), "gold primary": gold, "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "recall, archive named": named_found / named if named else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("valid", "train"), default="valid")
    args = parser.parse_args()
    for name, value in evaluate(DATA / f"clean_{args.split}.txt").items():
        print(f"{name:>24}: {value:.3f}" if isinstance(value, float) else f"{name:>24}: {value}")


if __name__ == "__main__":
    main()
