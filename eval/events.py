"""Score the events stage against the seed's gold events (default: the adjudicated consensus,
tests/gold/consensus/seed_events.yaml; reader A's reading is tests/gold/seed_events.yaml).

Matching: a system event matches a gold event when its evidence span overlaps the gold evidence
text in the body and both have the same PLOVER category; one-to-one, greedily, preferring the same
CAMEO code, then the nearest evidence. Reported: precision, recall, F1; over matched pairs, CAMEO
root agreement, source/target side accuracy (a gold list accepts any of its sides; a "mutual"
gold event accepts the sides either way round) and date accuracy (the system date must start with
the gold date: a gold "1939-11" accepts "1939-11-25", a gold "1939-11-06" does not accept "1939-11").

    .venv/bin/python eval/events.py [--verbose] [--gold tests/gold/seed_events.yaml]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from legation.devdata import FULL_TEXT

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "gold" / "consensus" / "seed_events.yaml"
READER_A = REPO / "tests" / "gold" / "seed_events.yaml"
SEED = FULL_TEXT


@dataclass
class Scores:
    gold: int
    system: int
    matched: list[tuple[dict[str, Any], Any]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[Any] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return len(self.matched) / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return len(self.matched) / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["events"]


def score(body: str, events: list[Any], gold: list[dict[str, Any]]) -> Scores:
    result = Scores(gold=len(gold), system=len(events))
    free = list(events)
    for item in gold:
        start = body.find(item["evidence"])
        end = start + len(item["evidence"])
        candidates = [e for e in free if start >= 0 and e.evidence.start < end and start < e.evidence.end
                      and e.plover == item["plover"]]
        if not candidates:
            result.missed.append(item)
            continue
        best = min(candidates, key=lambda e: (e.type != item["cameo"], abs(e.evidence.start - start)))
        free.remove(best)
        result.matched.append((item, best))
    result.spurious = free
    return result


def _accepts(gold_value: Any, value: str | None) -> bool:
    return value in gold_value if isinstance(gold_value, list) else value == gold_value


def sides_right(item: dict[str, Any], event: Any) -> tuple[bool | None, bool | None]:
    """(source side right, target side right); None where the gold gives no side."""
    pairs = [(event.source_side, event.target_side)]
    if item.get("mutual"):
        pairs.append((event.target_side, event.source_side))
    source = None if item.get("source_side") is None else any(_accepts(item["source_side"], s) for s, _ in pairs)
    target = None if item.get("target_side") is None else any(_accepts(item["target_side"], t) for _, t in pairs)
    return source, target


def date_right(item: dict[str, Any], event: Any) -> bool | None:
    if not item.get("date"):
        return None
    return bool(event.date) and str(event.date).startswith(str(item["date"]))


def _rate(values: list[bool | None]) -> tuple[int, int]:
    known = [v for v in values if v is not None]
    return sum(known), len(known)


def report(result: Scores) -> dict[str, Any]:
    roots = [item["cameo"][:2] == event.type[:2] for item, event in result.matched]
    source_sides, target_sides = zip(*[sides_right(i, e) for i, e in result.matched]) if result.matched else ((), ())
    dates = [date_right(i, e) for i, e in result.matched]
    return {
        "gold": result.gold, "system": result.system, "matched": len(result.matched),
        "precision": round(result.precision, 3), "recall": round(result.recall, 3), "f1": round(result.f1, 3),
        "cameo_root_agreement": _rate(list(roots)),
        "source_side_accuracy": _rate(list(source_sides)),
        "target_side_accuracy": _rate(list(target_sides)),
        "date_accuracy": _rate(dates),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list misses and spurious events")
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold events file (default: the seed's consensus)")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    from legation.pipeline import extract_file

    doc = extract_file(SEED)
    result = score(doc.body, doc.events, load_gold(args.gold))
    for key, value in report(result).items():
        if isinstance(value, tuple):
            right, total = value
            value = f"{right}/{total} = {right / total:.3f}" if total else "n/a"
        print(f"{key:22} {value}")
    if args.verbose:
        for item in result.missed:
            print("MISSED  ", item["plover"], item["cameo"], "|", item["evidence"][:90])
        for event in result.spurious:
            print("SPURIOUS", event.plover, event.type, event.trigger, "|", doc.body[event.evidence.start:event.evidence.start + 70])
        for item, event in result.matched:
            s, t = sides_right(item, event)
            d = date_right(item, event)
            if s is False or t is False or d is False:
                print("MATCHED ", item["plover"], f"sides gold {item.get('source_side')}->{item.get('target_side')} "
                      f"sys {event.source_side}->{event.target_side}; date gold {item.get('date')} sys {event.date}",
                      "|", item["evidence"][:60])


if __name__ == "__main__":
    main()
