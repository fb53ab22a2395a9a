"""Linked Books validation split (``clean_valid.txt``; the models are trained on ``clean_train.txt`` only).

    .venv/bin/python eval/linkedbooks.py

Metrics, as the dataset's paper reports them (Rodrigues Alves, Colavizza & Kaplan 2018):

Each text line is labelled with the words of the two lines before it as context (inputs only,
never their labels), as in training.

- components, token level: each token's predicted component against the gold one. Micro P/R/F1
  leave out the ``o`` class (tokens outside any component): precision = correct non-``o``
  predictions / non-``o`` predictions, recall = correct non-``o`` predictions / non-``o`` gold
  tokens. Also per component, their macro average, the archival components as a group (micro over
  archive_lib, archivalreference, box, filza, registry, folder, cartulation, foliation), and plain
  token accuracy with ``o``;
- primary sources, reference level: references are the gold spans (``b-r`` … up to the next
  ``b-r``, across text lines); a reference is primary in gold when any of its tokens is typed
  ``*-primary``; predicted primary when at least a third of its tokens are archival
  components (``legation.extract.crf.primary_by_components``, the rule ``parse_line`` uses).
  P/R/F1 of the primary class;
- published monographs, field level: the references model (``legation.extract.crf.label_reference``)
  on the validation split's monographs (``legation.extract.labelled.linkedbooks_monographs``),
  scored as in ``eval/anystyle_gold.py``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from legation.extract.crf import (ARCHIVAL_COMPONENTS, LINKEDBOOKS_MODEL, label_reference, label_words,
                                  preceding_words, primary_by_components)
from legation.extract.labelled import ComponentLine, linkedbooks_monographs, read_linkedbooks

from anystyle_gold import evaluate, report  # this directory is on sys.path when run as a script

VALID = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "apparatus" / "linkedbooks" / "clean_valid.txt"


def prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def component_scores(gold: list[str], predicted: list[str]) -> dict:
    tp, n_pred, n_gold = Counter(), Counter(), Counter()
    for g, p in zip(gold, predicted):
        n_gold[g] += 1
        n_pred[p] += 1
        tp[g] += g == p
    classes = sorted(c for c in n_gold | n_pred if c != "o")
    per = {c: prf(tp[c], n_pred[c], n_gold[c]) for c in classes}
    arch = [c for c in classes if c in ARCHIVAL_COMPONENTS]
    return {
        "micro": prf(sum(tp[c] for c in classes), sum(n_pred[c] for c in classes), sum(n_gold[c] for c in classes)),
        "macro": sum(f for _, _, f in per.values()) / len(per),
        "archival": prf(sum(tp[c] for c in arch), sum(n_pred[c] for c in arch), sum(n_gold[c] for c in arch)),
        "accuracy": sum(tp.values()) / len(gold),
        "per": per, "support": n_gold,
    }


def references(lines: list[ComponentLine], component_labels: list[list[str]]) -> list[tuple[bool, bool]]:
    """(gold primary, predicted primary) for each gold reference span."""
    refs: list[tuple[list[str], list[str]]] = []
    for line, predicted in zip(lines, component_labels):
        for span, gold_type, guess in zip(line.spans, line.types, predicted):
            if span == "b-r" or (span != "o" and not refs):
                refs.append(([], []))
            if span != "o":
                refs[-1][0].append(gold_type)
                refs[-1][1].append(guess)
    return [(any(t.endswith("-primary") for t in gold), primary_by_components(guess)) for gold, guess in refs]


def main() -> None:
    lines = read_linkedbooks(VALID)
    words = [line.words for line in lines]
    components = [label_words(w, LINKEDBOOKS_MODEL, preceding_words(words, i)) for i, w in enumerate(words)]
    scores = component_scores([c for line in lines for c in line.components], [c for seq in components for c in seq])
    p, r, f = scores["micro"]
    print(f"{len(lines)} lines, {sum(map(len, components))} tokens of {VALID.name}")
    print(f"components: micro P {p:.3f} R {r:.3f} F1 {f:.3f}; macro F1 {scores['macro']:.3f}; "
          f"token accuracy (with o) {scores['accuracy']:.3f}")
    ap, ar, af = scores["archival"]
    print(f"archival components as a group: P {ap:.3f} R {ar:.3f} F1 {af:.3f}")
    for c, (cp, cr, cf) in scores["per"].items():
        mark = " *" if c in ARCHIVAL_COMPONENTS else ""
        print(f"  {c:28s} F1 {cf:.3f} (P {cp:.3f} R {cr:.3f}, gold {scores['support'][c]}){mark}")
    pairs = references(lines, components)
    tp = sum(g and p for g, p in pairs)
    rp, rr, rf = prf(tp, sum(p for _, p in pairs), sum(g for g, _ in pairs))
    print(f"primary references: P {rp:.3f} R {rr:.3f} F1 {rf:.3f} "
          f"({sum(g for g, _ in pairs)} primary of {len(pairs)} gold references)")
    books = linkedbooks_monographs(lines)
    report(f"references model on {len(books)} validation monographs", evaluate(books, label_reference))


if __name__ == "__main__":
    main()
