"""Linked Books validation split (``clean_valid.txt``; the models are trained on ``clean_train.txt`` only).

    .venv/bin/python eval/linkedbooks.py
    .venv/bin/python eval/linkedbooks.py --dev --model /tmp/dev.crfsuite --types-model /tmp/dev_types.crfsuite \
        --lines-model /tmp/dev_lines.crfsuite

``--file PATH`` measures on another split in the same CoNLL form (the held-back test split,
say) instead of ``clean_valid.txt``. ``--dev`` measures on the development split instead (the
last 10% of ``clean_train.txt``, see ``scripts/train_crf.py --dev``), with models trained on the
rest; it also lists the primary references' scores under other shares, and by each model alone,
which is where the typing rule is chosen. ``--model``, ``--types-model`` and ``--lines-model``
label with other model files than the shipped ones. ``--worst N`` lists the N text lines (numbered
from 0 in the split) with the most archival-group errors.

Metrics, as the dataset's paper reports them (Rodrigues Alves, Colavizza & Kaplan 2018):

As in training, components are labelled for a text line together with the two lines before it, as
one sequence (``crf.label_line``), types for a line with the words of the two lines before it as
context; gold labels are never seen.

- components, token level: each token's predicted component against the gold one. Micro P/R/F1
  leave out the ``o`` class (tokens outside any component): precision = correct non-``o``
  predictions / non-``o`` predictions, recall = correct non-``o`` predictions / non-``o`` gold
  tokens. Also per component, their macro average, the archival components as a group (micro over
  archive_lib, archivalreference, box, filza, registry, folder, cartulation, foliation) with where
  its errors are (confused within the group, or with components outside it), and plain token
  accuracy with ``o``;
- primary sources, reference level: references are the gold spans (``b-r`` … up to the next
  ``b-r``, across text lines); a reference is primary in gold when any of its tokens is typed
  ``*-primary``; predicted primary when at least ``PRIMARY_SHARE`` of its tokens are archival
  components, typed primary by the types model, or on a line the lines model calls primary
  (``legation.extract.crf.archival_evidence`` and ``primary_by_share``), after the rules of source
  typing over the lines in order (``crf.source_evidence``: together, what ``parse_line`` uses).
  P/R/F1 of the primary class;
- parse-refs, archival landing: each validation text line through ``legation parse-refs``
  (``parse_line.parse_lines``, every line with the two before it); a gold archival component's
  token lands when parse-refs reads its line as an archival source and the token lies inside one
  archival output field (the archive, a ``path`` level, or a named level of any archive scheme
  or of the Linked Books models' mapping). The share of gold archival tokens that land, overall
  and per component, and how many tokens outside the archival group land too;
- published monographs, field level: the references model (``legation.extract.crf.label_reference``)
  on the validation split's monographs (``legation.extract.labelled.linkedbooks_monographs``),
  scored as in ``eval/anystyle_gold.py``.
"""

from __future__ import annotations

import sys
from collections import Counter
from fractions import Fraction
from pathlib import Path

from legation.devdata import shared_path
from legation.extract.archival import schemes
from legation.extract.crf import (ARCHIVAL_COMPONENTS, ARCHIVAL_FIELDS, LINKEDBOOKS_LINES_MODEL, LINKEDBOOKS_MODEL,
                                  LINKEDBOOKS_TYPES_MODEL, PRIMARY_SHARE, archival_evidence, label_line,
                                  label_reference, label_words, preceding_words, primary_by_share,
                                  primary_line_probabilities, source_evidence)
from legation.extract.labelled import ComponentLine, linkedbooks_monographs, read_linkedbooks
from legation.extract.parse_line import parse_lines

from anystyle_gold import evaluate, report  # this directory is on sys.path when run as a script

VALID = shared_path("data", "apparatus", "linkedbooks", "clean_valid.txt")
SHARES_TRIED = (Fraction(1, 5), Fraction(1, 4), Fraction(1, 3), Fraction(2, 5), Fraction(1, 2))


def model_option(args: list[str], option: str, default: str) -> str:
    """A model file given on the command line, as a model name: its path without the suffix
    (``MODELS / "/abs/path.crfsuite"`` is that path)."""
    return str(Path(args[args.index(option) + 1]).with_suffix("")) if option in args else default


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
        "archival_errors": archival_errors(gold, predicted),
    }


def archival_errors(gold: list[str], predicted: list[str]) -> Counter:
    """Where the archival group's errors are: a gold archival token labelled another archival
    component, or a component outside the group (``o`` included); a token outside the group
    labelled archival."""
    errors = Counter()
    for g, p in zip(gold, predicted):
        if g != p and g in ARCHIVAL_COMPONENTS:
            errors["other archival" if p in ARCHIVAL_COMPONENTS else "not archival"] += 1
        elif g != p and p in ARCHIVAL_COMPONENTS:
            errors["wrongly archival"] += 1
    return errors


def worst_lines(lines: list[ComponentLine], components: list[list[str]], count: int) -> list[tuple[int, int, str]]:
    """The text lines with the most archival-group errors: (line number from 0, errors, text)."""
    errors = [(i, sum(archival_errors(line.components, labels).values()), " ".join(line.words))
              for i, (line, labels) in enumerate(zip(lines, components))]
    return sorted((e for e in errors if e[1]), key=lambda e: (-e[1], e[0]))[:count]


def references(lines: list[ComponentLine], evidence: list[list[bool]],
               share: Fraction = PRIMARY_SHARE) -> list[tuple[bool, bool]]:
    """(gold primary, predicted primary) for each gold reference span, from per-token archival
    evidence."""
    refs: list[tuple[list[str], list[bool]]] = []
    for line, line_evidence in zip(lines, evidence):
        for span, gold_type, archival in zip(line.spans, line.types, line_evidence):
            if span == "b-r" or (span != "o" and not refs):
                refs.append(([], []))
            if span != "o":
                refs[-1][0].append(gold_type)
                refs[-1][1].append(archival)
    return [(any(t.endswith("-primary") for t in gold), primary_by_share(guess, share)) for gold, guess in refs]


def primary_scores(pairs: list[tuple[bool, bool]]) -> tuple[float, float, float]:
    return prf(sum(g and p for g, p in pairs), sum(p for _, p in pairs), sum(g for g, _ in pairs))


def archival_output_fields() -> frozenset[str]:
    """The output fields that hold an archival source's parts: its archive, path and named levels."""
    levels = {name for scheme in schemes().values() for name in scheme.fields}
    return frozenset({"archive", "archive_name", "path", "folios", *levels, *ARCHIVAL_FIELDS.values()})


def is_archival(result: dict) -> bool:
    """parse-refs said the line is an archival source (or a note holding one)."""
    return result["kind"] == "archival" or any(c.get("kind") == "archival" for c in result.get("citations", []))


def landing(lines: list[ComponentLine]) -> Counter:
    """For each gold archival component: how many of its tokens parse-refs puts inside an archival
    output field of their line ("landed"), and how many tokens in all ("gold")."""
    texts = [" ".join(line.words) for line in lines]
    archival = archival_output_fields()
    counts: Counter = Counter()
    for line, text, result in zip(lines, texts, parse_lines(texts)):
        spans = [(f["start"], f["end"]) for f in result["fields"] if f["field"] in archival] if is_archival(result) else []
        at = 0
        for word, component in zip(line.words, line.components):
            start, end = at, at + len(word)
            at = end + 1
            inside = any(s <= start and end <= e for s, e in spans)
            if component in ARCHIVAL_COMPONENTS:
                counts[(component, "gold")] += 1
                counts[(component, "landed")] += inside
            else:
                counts["outside the group", "wrongly archival" if inside else "kept out"] += 1
    return counts


def main(args: list[str]) -> None:
    dev = "--dev" in args
    model = model_option(args, "--model", LINKEDBOOKS_MODEL)
    types_model = model_option(args, "--types-model", LINKEDBOOKS_TYPES_MODEL)
    lines_model = model_option(args, "--lines-model", LINKEDBOOKS_LINES_MODEL)
    if dev:
        from train_crf import linkedbooks_train_dev  # scripts/ is put on sys.path below
        lines = linkedbooks_train_dev()[1]
    else:
        split = Path(args[args.index("--file") + 1]) if "--file" in args else VALID
        lines = read_linkedbooks(split)
    words = [line.words for line in lines]
    components = [label_line(words, i, model) for i in range(len(words))]
    kinds = [label_words(w, types_model, preceding_words(words, i)) for i, w in enumerate(words)]
    scores = component_scores([c for line in lines for c in line.components], [c for seq in components for c in seq])
    p, r, f = scores["micro"]
    print(f"{len(lines)} lines, {sum(map(len, components))} tokens of {'the dev split' if dev else split.name}")
    print(f"components: micro P {p:.3f} R {r:.3f} F1 {f:.3f}; macro F1 {scores['macro']:.3f}; "
          f"token accuracy (with o) {scores['accuracy']:.3f}")
    ap, ar, af = scores["archival"]
    errors = scores["archival_errors"]
    print(f"archival components as a group: P {ap:.3f} R {ar:.3f} F1 {af:.3f}; of "
          f"{sum(scores['support'][c] for c in ARCHIVAL_COMPONENTS)} gold archival tokens, "
          f"{errors['other archival']} labelled another archival component and {errors['not archival']} "
          f"a component outside the group; {errors['wrongly archival']} tokens outside it labelled archival")
    if "--worst" in args:
        for i, count, text in worst_lines(lines, components, int(args[args.index("--worst") + 1])):
            print(f"  line {i}: {count} archival errors: {text[:100]}")
    for c, (cp, cr, cf) in scores["per"].items():
        mark = " *" if c in ARCHIVAL_COMPONENTS else ""
        print(f"  {c:28s} F1 {cf:.3f} (P {cp:.3f} R {cr:.3f}, gold {scores['support'][c]}){mark}")
    line_primary = primary_line_probabilities(words, kinds, lines_model)
    evidence = source_evidence(words, components, kinds, line_primary)
    pairs = references(lines, evidence)
    rp, rr, rf = primary_scores(pairs)
    print(f"primary references: P {rp:.3f} R {rr:.3f} F1 {rf:.3f} "
          f"({sum(g for g, _ in pairs)} primary of {len(pairs)} gold references)")
    if dev:
        by_types = [[k == "primary" for k in line] for line in kinds]
        by_components = [[c in ARCHIVAL_COMPONENTS for c in line] for line in components]
        token_models = [archival_evidence(c, k) for c, k in zip(components, kinds)]
        for name, tried in (("any model", evidence), ("either token model", token_models), ("typed primary", by_types),
                            ("archival components", by_components)):
            for share in SHARES_TRIED:
                sp, sr, sf = primary_scores(references(lines, tried, share))
                print(f"  primary when {name} >= {share}: P {sp:.3f} R {sr:.3f} F1 {sf:.3f}")
        return
    counts = landing(lines)
    gold, landed = (sum(v for (_, kind), v in counts.items() if kind == which) for which in ("gold", "landed"))
    wrong = counts["outside the group", "wrongly archival"]
    print(f"parse-refs: {landed} of {gold} gold archival tokens land in an archival output field "
          f"({landed / gold if gold else 0:.3f}); {wrong} of {wrong + counts['outside the group', 'kept out']} "
          f"tokens outside the archival group are put in one")
    for component in sorted({c for c, _ in counts if c in ARCHIVAL_COMPONENTS}):
        print(f"  {component:28s} {counts[(component, 'landed')]} of {counts[(component, 'gold')]}")
    books = linkedbooks_monographs(lines)
    report(f"references model on {len(books)} validation monographs", evaluate(books, label_reference))


if __name__ == "__main__":
    sys.path.append(str(Path(__file__).resolve().parents[1] / "scripts"))
    main(sys.argv[1:])
