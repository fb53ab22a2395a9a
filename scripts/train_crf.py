"""Build the shipped CRF models of ``legation.extract.crf`` from the shared labelled sets.

    .venv/bin/python scripts/train_crf.py [references] [linkedbooks] [linkedbooks_types] [linkedbooks_lines]
    .venv/bin/python scripts/train_crf.py {linkedbooks|linkedbooks_types|linkedbooks_lines} --dev OUT.crfsuite

``--dev`` trains on the first 90% of ``clean_train.txt`` only and writes the model to OUT: the last
10% (``DEV_SHARE``) is the development split on which feature and rule choices are measured
(``eval/linkedbooks.py --dev``), so that ``clean_valid.txt`` stays the final measure only.

- ``references``: AnyStyle ``core.xml`` + ParsCit humanities + CORA. Never ``gold.xml``, the eval set:
  209 of its references are also in ``core.xml``, and those are left out of training (compared by
  their letters and digits), so the evaluation is on unseen references only. Every
  ``MONOGRAPH_STEP``-th Linked Books monograph of ``clean_train.txt`` is added (Italian "Author,
  Title, Place Year" books): on Linked Books' validation monographs field F1 rises from 0.72 to
  0.86, while gold.xml field F1 goes from 0.967 to 0.957 (every 4th: 0.88 and 0.946);
- ``linkedbooks``: Linked Books' components, on ``clean_train.txt`` only (``clean_valid.txt`` is the eval set);
- ``linkedbooks_types``: the same tokens and features, labelled with Linked Books' reference type
  (primary, secondary, meta-annotation, o; the b-/i-/e- position dropped): with the components and
  the lines model it types a reference primary or secondary (``crf.archival_evidence``). About 2.5 minutes (the
  components model: 12-18), as it has 4 labels instead of 27;
- ``linkedbooks_lines``: text lines labelled primary (most of their typed tokens are) or other,
  with the types model's labels among their features (``crf.line_features``). So that those
  labels are as good as on unseen text, they come out-of-fold: a types model trained on each
  half of the training lines labels the other half (two types models, about 4 minutes, then 1
  to label and 20 s to train).

Reproducible: the data are read in a fixed order, L-BFGS is deterministic (no random sampling,
so no seed to fix), the iteration count is fixed, and L1 regularisation with a minimum feature
frequency keeps each model to a few MB.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pycrfsuite

from legation.extract.crf import (MODELS, label_words, line_features, line_windows, preceding_words, reference_kind,
                                  sequence_features)
from legation.extract.labelled import (ComponentLine, linkedbooks_monographs, read_anystyle, read_cora,
                                       read_linkedbooks, read_parscit)

APPARATUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "apparatus"
MONOGRAPH_STEP = 10
DEV_SHARE = 0.1  # the last tenth of clean_train.txt: the development split
PARAMS = {
    "references": {"c1": 0.05, "c2": 0.01, "max_iterations": 200, "feature.minfreq": 1},
    "linkedbooks": {"c1": 0.5, "c2": 0.01, "max_iterations": 150, "feature.minfreq": 5},
    "linkedbooks_types": {"c1": 0.5, "c2": 0.01, "max_iterations": 100, "feature.minfreq": 5},
    "linkedbooks_lines": {"c1": 0.1, "c2": 0.01, "max_iterations": 100, "feature.minfreq": 2},
}


Sequence = tuple[list[str], list[str], list[str]]  # words, labels, words of the lines before
LineSequence = tuple[list[list[str]], list[str]]  # feature rows of a line and those before, labels


def reference_sequences() -> list[Sequence]:
    held_out = {letters_and_digits(r.text) for r in read_anystyle(APPARATUS / "anystyle" / "gold.xml")}
    refs = [r for r in read_anystyle(APPARATUS / "anystyle" / "core.xml") if letters_and_digits(r.text) not in held_out]
    for name in ("en-humanities.tagged.train", "it-humanities.train", "mixed-humanities.train"):
        refs += read_parscit(APPARATUS / "parscit" / name)
    refs += read_cora(APPARATUS / "parscit" / "tagged_references.txt")
    refs += linkedbooks_monographs(read_linkedbooks(APPARATUS / "linkedbooks" / "clean_train.txt"))[::MONOGRAPH_STEP]
    return [([t.text for t in r.tokens], r.labels, []) for r in refs]


def letters_and_digits(text: str) -> str:
    return re.sub(r"\W", "", text.lower())


def linkedbooks_train_dev() -> tuple[list[ComponentLine], list[ComponentLine]]:
    """clean_train.txt split in file order: the first 90% to train on, the last 10% to measure on."""
    lines = read_linkedbooks(APPARATUS / "linkedbooks" / "clean_train.txt")
    cut = round(len(lines) * (1 - DEV_SHARE))
    return lines[:cut], lines[cut:]


def linkedbooks_sequences(dev: bool = False, types: bool = False) -> list[Sequence]:
    """Each text line in file order, with the lines before it as context (a footnote's reference
    often runs over several lines); labelled with components, or with reference types."""
    lines = linkedbooks_train_dev()[0] if dev else read_linkedbooks(APPARATUS / "linkedbooks" / "clean_train.txt")
    words = [line.words for line in lines]
    labels = [[reference_kind(t) for t in line.types] if types else line.components for line in lines]
    return [(words[i], labels[i], preceding_words(words, i)) for i in range(len(lines))]


def line_sequences(dev: bool = False) -> list[LineSequence]:
    """The lines model's sequences: each line with the two before it, as feature rows, labelled
    primary or other; the types in the features are predicted out-of-fold."""
    lines = linkedbooks_train_dev()[0] if dev else read_linkedbooks(APPARATUS / "linkedbooks" / "clean_train.txt")
    typed = linkedbooks_sequences(dev, types=True)
    words = [line.words for line in lines]
    cut = len(lines) // 2
    kinds: list[list[str]] = []
    with tempfile.TemporaryDirectory() as folder:
        for fold, (trained_on, labelled) in enumerate(((range(cut, len(lines)), range(cut)), (range(cut), range(cut, len(lines))))):
            model = Path(folder) / f"fold{fold}.crfsuite"
            train("linkedbooks_types", [typed[i] for i in trained_on], model)
            kinds += [label_words(words[i], str(model.with_suffix("")), preceding_words(words, i)) for i in labelled]
    rows = [line_features(w, k) for w, k in zip(words, kinds)]
    labels = [line_label(line.types) for line in lines]
    return list(zip(line_windows(rows), line_windows(labels)))


def line_label(types: list[str]) -> str:
    """``primary`` when at least as many of the line's tokens are typed primary as otherwise."""
    kinds = Counter(reference_kind(t) for t in types)
    return "primary" if kinds["primary"] and kinds["primary"] >= kinds["secondary"] + kinds["meta-annotation"] else "other"


def train(name: str, sequences: list[Sequence] | list[LineSequence], target: Path) -> None:
    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for sequence in sequences:
        if name == "linkedbooks_lines":
            trainer.append(*sequence)
        else:
            words, labels, before = sequence
            trainer.append(sequence_features(words, before), labels)
    trainer.set_params(PARAMS[name])
    trainer.train(str(target))
    size = target.stat().st_size / 1e6
    print(f"{name}: {len(sequences)} sequences, {size:.1f} MB, {time.perf_counter() - started:.0f} s", flush=True)


BUILDERS = {
    "references": reference_sequences,
    "linkedbooks": linkedbooks_sequences,
    "linkedbooks_types": lambda: linkedbooks_sequences(types=True),
    "linkedbooks_lines": line_sequences,
}

if __name__ == "__main__":
    args = sys.argv[1:]
    if "--dev" in args:
        name = args[0]
        sequences = line_sequences(dev=True) if name == "linkedbooks_lines" else \
            linkedbooks_sequences(dev=True, types=name == "linkedbooks_types")
        train(name, sequences, Path(args[args.index("--dev") + 1]))
    else:
        MODELS.mkdir(parents=True, exist_ok=True)
        for model_name in args or list(BUILDERS):
            train(model_name, BUILDERS[model_name](), MODELS / f"{model_name}.crfsuite")
