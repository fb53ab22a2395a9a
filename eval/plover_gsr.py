"""Type the 322 PLOVER gold-standard records with the events stage's trigger rules and compare.

Each record is one sentence with one event category (PLOVER 0.5b1, the version the records were
coded in). The classifier is ``events.main_trigger`` (the trigger nearest the root of the parse);
its CAMEO code is translated to a 0.5b1 category: the 2021 CAMEO→PLOVER table of eventcoding.json
gives most, and 0.5b1 names four 2021 categories differently by CAMEO root (10 DEMAND for REQUEST,
and so 02 appeals, which eventcoding.json files under REQUEST;
09 INVESTIGATE and 11 DISAPPROVE for ACCUSE; 19 FIGHT for ASSAULT) and had sanctions (163) under
SANCTION. A record with no trigger found,
or whose category the rules do not cover, counts as a miss.

    .venv/bin/python eval/plover_gsr.py [--confusions N]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from legation.devdata import shared_path

REPO = Path(__file__).resolve().parents[1]
GSR = shared_path("data", "eventcoding", "PLOVER_GSR_CAMEO.txt")
# CAMEO roots whose 0.5b1 category differs in name from the 2021 table's.
ROOT_CATEGORY_0_5 = {"02": "DEMAND", "09": "INVESTIGATE", "10": "DEMAND", "11": "DISAPPROVE", "19": "FIGHT"}
# Codes the 2021 table moved to another category: sanctions were SANCTION in 0.5b1, COERCE in 2021.
CODE_CATEGORY_0_5 = {"163": "SANCTION"}
NO_EVENT = "(none)"


def category_0_5(cameo: str) -> str:
    from legation.lexicon.eventcoding import lookup

    if cameo in CODE_CATEGORY_0_5:
        return CODE_CATEGORY_0_5[cameo]
    if cameo[:2] in ROOT_CATEGORY_0_5:
        return ROOT_CATEGORY_0_5[cameo[:2]]
    code = lookup(cameo)
    return code.plover if code and code.plover else NO_EVENT


def load_records(path: Path = GSR) -> list[dict]:
    return [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("text") and r["event"] != "DOCUMENT"]


def classify(texts: list[str]) -> list[str]:
    from legation.extract.events import main_trigger
    from legation.nlp import english

    predictions = []
    for parsed in english().pipe(texts, batch_size=64):
        trigger = main_trigger(parsed)
        predictions.append(category_0_5(trigger.cameo) if trigger else NO_EVENT)
    return predictions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--confusions", type=int, default=15, help="how many confusions to list")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    records = load_records()
    gold = [r["event"] for r in records]
    predicted = classify([r["text"] for r in records])
    right = sum(g == p for g, p in zip(gold, predicted))
    print(f"records {len(records)}  correct {right}  accuracy {right / len(records):.3f}")
    print(f"no trigger found: {predicted.count(NO_EVENT)}")
    print(f"{'category':12} {'gold':>5} {'right':>6} {'recall':>7} {'predicted':>10} {'precision':>10}")
    for category in sorted(set(gold)):
        n_gold = gold.count(category)
        n_right = sum(g == p == category for g, p in zip(gold, predicted))
        n_pred = predicted.count(category)
        precision = f"{n_right / n_pred:.2f}" if n_pred else "-"
        print(f"{category:12} {n_gold:5} {n_right:6} {n_right / n_gold:7.2f} {n_pred:10} {precision:>10}")
    print("most frequent confusions (gold -> predicted):")
    for (g, p), n in Counter((g, p) for g, p in zip(gold, predicted) if g != p).most_common(args.confusions):
        print(f"  {g:12} -> {p:12} {n}")


if __name__ == "__main__":
    main()
