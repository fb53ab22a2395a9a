"""Field-level F1 of the reference parser on AnyStyle's ``gold.xml`` (never used in training).

    .venv/bin/python eval/anystyle_gold.py [--mode crf|combined|both] [--errors N]

Metric. Each gold ``<sequence>`` is joined into one line (its segments separated by single
spaces) and parsed. AnyStyle's tags are mapped to legation's field set by ``data/crf_fields.toml``
(``journal`` and ``container-title`` are both ``container-title``, …). For each reference the gold
and the predicted fields are multisets of (field, normalised value) pairs, one pair per
contiguous field segment; a value is normalised by collapsing whitespace and trimming
non-alphanumeric characters at both ends (so ``"2005,"``, ``"(2005)"`` and ``"2005"`` are equal;
case and inner punctuation count). True positives are the multiset intersection; precision,
recall and F1 are micro-averaged over all pairs of all references; per-field F1 the same way
within each field. Token accuracy: the share of whitespace tokens whose predicted field (the
field whose span overlaps the token; none if no field does) equals the gold one.

Modes: ``crf`` — the CRF labeller alone (``legation.extract.crf.label_reference``); ``combined`` —
``legation.extract.parse_line.parse_line``'s ``fields`` (CRF and rules together).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Callable

from legation.devdata import shared_path
from legation.extract.crf import Field, label_reference
from legation.extract.labelled import Labelled, read_anystyle
from legation.extract.parse_line import parse_line

GOLD = shared_path("data", "apparatus", "anystyle", "gold.xml")
EDGES = re.compile(r"^\W+|\W+$")


def normalised(value: str) -> str:
    return EDGES.sub("", " ".join(value.split()))


def pairs(items: list[tuple[str, str]]) -> Counter:
    return Counter((f, normalised(v)) for f, v in items if normalised(v))


def combined_fields(text: str) -> list[Field]:
    return [Field(**f) for f in parse_line(text)["fields"]]


def token_labels(ref: Labelled, spans: list[tuple[str, int, int]]) -> list[str | None]:
    return [next((f for f, s, e in spans if s < t.end and t.start < e), None) for t in ref.tokens]


def evaluate(refs: list[Labelled], parse: Callable[[str], list[Field]], errors: int = 0) -> dict:
    tp, n_pred, n_gold = Counter(), Counter(), Counter()
    right_tokens = all_tokens = shown = 0
    for ref in refs:
        predicted = parse(ref.text)
        gold = pairs([(f, ref.text[s:e]) for f, s, e in ref.spans])
        got = pairs([(f.field, f.value) for f in predicted])
        for (field, _), n in (gold & got).items():
            tp[field] += n
        for (field, _), n in got.items():
            n_pred[field] += n
        for (field, _), n in gold.items():
            n_gold[field] += n
        guessed = token_labels(ref, [(f.field, f.start, f.end) for f in predicted])
        right_tokens += sum(g == p for g, p in zip(ref.labels, guessed))
        all_tokens += len(ref.tokens)
        if gold != got and shown < errors:
            shown += 1
            print(ref.text, "\n  missed:", dict(gold - got), "\n  wrong: ", dict(got - gold), file=sys.stderr)
    return {"micro": prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values())),
            "token_accuracy": right_tokens / all_tokens,
            "fields": {f: (prf(tp[f], n_pred[f], n_gold[f]), n_gold[f]) for f in sorted(n_gold | n_pred)}}


def prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(name: str, result: dict) -> None:
    p, r, f = result["micro"]
    print(f"{name}: field P {p:.3f} R {r:.3f} F1 {f:.3f}; token accuracy {result['token_accuracy']:.3f}")
    for field, ((fp, fr, ff), n) in result["fields"].items():
        print(f"  {field:18s} F1 {ff:.3f} (P {fp:.3f} R {fr:.3f}, gold {n})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=("crf", "combined", "both"), default="both")
    parser.add_argument("--errors", type=int, default=0, help="print this many misparsed references to stderr")
    args = parser.parse_args()
    refs = read_anystyle(GOLD)
    print(f"{len(refs)} references of {GOLD.name}")
    if args.mode in ("crf", "both"):
        report("CRF alone", evaluate(refs, label_reference, args.errors))
    if args.mode in ("combined", "both"):
        report("CRF + rules (parse_line)", evaluate(refs, combined_fields, args.errors))


if __name__ == "__main__":
    main()
