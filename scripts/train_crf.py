"""Build the shipped CRF models of ``legation.extract.crf`` from the shared labelled sets.

    .venv/bin/python scripts/train_crf.py [references] [linkedbooks]

- ``references``: AnyStyle ``core.xml`` + ParsCit humanities + CORA. Never ``gold.xml``, the eval set:
  209 of its references are also in ``core.xml``, and those are left out of training (compared by
  their letters and digits), so the evaluation is on unseen references only. Every
  ``MONOGRAPH_STEP``-th Linked Books monograph of ``clean_train.txt`` is added (Italian "Author,
  Title, Place Year" books): on Linked Books' validation monographs field F1 rises from 0.72 to
  0.86, while gold.xml field F1 goes from 0.967 to 0.957 (every 4th: 0.88 and 0.946);
- ``linkedbooks``: Linked Books' components, on ``clean_train.txt`` only (``clean_valid.txt`` is the eval set).

Reproducible: the data are read in a fixed order, L-BFGS is deterministic (no random sampling,
so no seed to fix), the iteration count is fixed, and L1 regularisation with a minimum feature
frequency keeps each model to a few MB.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pycrfsuite

from legation.extract.crf import MODELS, preceding_words, sequence_features
from legation.extract.labelled import linkedbooks_monographs, read_anystyle, read_cora, read_linkedbooks, read_parscit

APPARATUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "apparatus"
MONOGRAPH_STEP = 10
PARAMS = {
    "references": {"c1": 0.05, "c2": 0.01, "max_iterations": 200, "feature.minfreq": 1},
    "linkedbooks": {"c1": 0.5, "c2": 0.01, "max_iterations": 150, "feature.minfreq": 5},
}


Sequence = tuple[list[str], list[str], list[str]]  # words, labels, words of the lines before


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


def linkedbooks_sequences() -> list[Sequence]:
    """Each text line in file order, with the lines before it as context (a footnote's reference
    often runs over several lines)."""
    lines = read_linkedbooks(APPARATUS / "linkedbooks" / "clean_train.txt")
    words = [line.words for line in lines]
    return [(words[i], lines[i].components, preceding_words(words, i)) for i in range(len(lines))]


def train(name: str, sequences: list[Sequence]) -> None:
    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for words, labels, before in sequences:
        trainer.append(sequence_features(words, before), labels)
    trainer.set_params(PARAMS[name])
    target = MODELS / f"{name}.crfsuite"
    trainer.train(str(target))
    size = target.stat().st_size / 1e6
    print(f"{name}: {len(sequences)} sequences, {size:.1f} MB, {time.perf_counter() - started:.0f} s", flush=True)


BUILDERS = {
    "references": reference_sequences,
    "linkedbooks": linkedbooks_sequences,
}

if __name__ == "__main__":
    MODELS.mkdir(parents=True, exist_ok=True)
    for model_name in sys.argv[1:] or list(BUILDERS):
        train(model_name, BUILDERS[model_name]())
