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
- ``linkedbooks``: Linked Books' components, on ``clean_train.txt`` only (``clean_valid.txt`` is the eval set),
  as blocks of ``crf.LINE_WINDOW`` consecutive text lines, so that labels carry across a line break
  (``crf.label_line`` labels a line together with the two before it);
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
from collections.abc import Iterable, Iterator
from pathlib import Path

import pycrfsuite

from legation.devdata import shared_path
from legation.extract.crf import (LINE_WINDOW, MODELS, block_features, label_words, line_features, line_windows,
                                  preceding_words, reference_kind, sequence_features)
from legation.extract.labelled import (ComponentLine, linkedbooks_monographs, read_anystyle, read_cora,
                                       read_linkedbooks, read_parscit)

APPARATUS = shared_path("data", "apparatus")
MONOGRAPH_STEP = 10
DEV_SHARE = 0.1  # the last tenth of clean_train.txt: the development split
PARAMS = {
    "references": {"c1": 0.05, "c2": 0.01, "max_iterations": 200, "feature.minfreq": 1},
    "linkedbooks": {"c1": 0.5, "c2": 0.01, "max_iterations": 150, "feature.minfreq": 5},
    "linkedbooks_types": {"c1": 0.5, "c2": 0.01, "max_iterations": 100, "feature.minfreq": 5},
    "linkedbooks_lines": {"c1": 0.1, "c2": 0.01, "max_iterations": 100, "feature.minfreq": 2},
}


Sequence = tuple[list[list[str]], list[str]]  # feature rows, labels
LineSequence = tuple[list[list[str]], list[str]]  # feature rows of a line and those before, labels


def reference_sequences() -> list[Sequence]:
    held_out = {letters_and_digits(r.text) for r in read_anystyle(APPARATUS / "anystyle" / "gold.xml")}
    refs = [r for r in read_anystyle(APPARATUS / "anystyle" / "core.xml") if letters_and_digits(r.text) not in held_out]
    for name in ("en-humanities.tagged.train", "it-humanities.train", "mixed-humanities.train"):
        refs += read_parscit(APPARATUS / "parscit" / name)
    refs += read_cora(APPARATUS / "parscit" / "tagged_references.txt")
    refs += linkedbooks_monographs(read_linkedbooks(APPARATUS / "linkedbooks" / "clean_train.txt"))[::MONOGRAPH_STEP]
    return [(sequence_features([t.text for t in r.tokens]), r.labels) for r in refs]


def letters_and_digits(text: str) -> str:
    return re.sub(r"\W", "", text.lower())


def linkedbooks_train_dev() -> tuple[list[ComponentLine], list[ComponentLine]]:
    """clean_train.txt split in file order: the first 90% to train on, the last 10% to measure on."""
    lines = read_linkedbooks(APPARATUS / "linkedbooks" / "clean_train.txt")
    cut = round(len(lines) * (1 - DEV_SHARE))
    return lines[:cut], lines[cut:]


def linkedbooks_sequences(dev: bool = False, types: bool = False) -> Iterator[Sequence]:
    """Text lines in file order, each with the words of the lines before it as context (a
    footnote's reference often runs over several lines); labelled with components, in blocks of
    ``LINE_WINDOW`` consecutive lines (``crf.block_features``), or with reference types, one line
    at a time (typed in blocks, primary F1 on the dev split fell from 0.851 to 0.844)."""
    lines = linkedbooks_train_dev()[0] if dev else read_linkedbooks(APPARATUS / "linkedbooks" / "clean_train.txt")
    return line_blocks(lines, range(len(lines)), types)


def line_blocks(lines: list[ComponentLine], chosen: range, types: bool) -> Iterator[Sequence]:
    """The chosen lines as training sequences: blocks of ``LINE_WINDOW`` lines for components,
    single lines for types (feature rows built as they are needed, to keep memory low)."""
    words = [line.words for line in lines]
    labels = [[reference_kind(t) for t in line.types] if types else line.components for line in lines]
    size = 1 if types else LINE_WINDOW
    for first in range(chosen.start, chosen.stop, size):
        last = min(first + size, chosen.stop)
        yield block_features(words, first, last), [label for i in range(first, last) for label in labels[i]]


def line_sequences(dev: bool = False) -> list[LineSequence]:
    """The lines model's sequences: each line with the two before it, as feature rows, labelled
    primary or other; the types in the features are predicted out-of-fold."""
    lines = linkedbooks_train_dev()[0] if dev else read_linkedbooks(APPARATUS / "linkedbooks" / "clean_train.txt")
    words = [line.words for line in lines]
    cut = len(lines) // 2
    kinds: list[list[str]] = []
    with tempfile.TemporaryDirectory() as folder:
        for fold, (trained_on, labelled) in enumerate(((range(cut, len(lines)), range(cut)), (range(cut), range(cut, len(lines))))):
            model = Path(folder) / f"fold{fold}.crfsuite"
            train("linkedbooks_types", line_blocks(lines, trained_on, types=True), model)
            kinds += [label_words(words[i], str(model.with_suffix("")), preceding_words(words, i)) for i in labelled]
    rows = [line_features(w, k) for w, k in zip(words, kinds)]
    labels = [line_label(line.types) for line in lines]
    return list(zip(line_windows(rows), line_windows(labels)))


def line_label(types: list[str]) -> str:
    """``primary`` when at least as many of the line's tokens are typed primary as otherwise."""
    kinds = Counter(reference_kind(t) for t in types)
    return "primary" if kinds["primary"] and kinds["primary"] >= kinds["secondary"] + kinds["meta-annotation"] else "other"


def train(name: str, sequences: Iterable[Sequence] | Iterable[LineSequence], target: Path) -> None:
    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    count = 0
    for rows, labels in sequences:
        trainer.append(rows, labels)
        count += 1
    trainer.set_params(PARAMS[name])
    trainer.train(str(target))
    size = target.stat().st_size / 1e6
    print(f"{name}: {count} sequences, {size:.1f} MB, {time.perf_counter() - started:.0f} s", flush=True)


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
