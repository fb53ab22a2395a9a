"""An experiment, not shipped: a second components CRF that reads the first one's labels.

    .venv/bin/python eval/stacked_components.py [WORK_DIR]   # /tmp/legation-stacked by default; ~25 min

The shipped components model labels a text line with the two lines before it. Its archival errors
come in runs (a whole list of archival series read as titles and publishers), so this tries
stacking: stage 1 is that model; stage 2 is a CRF with the same token features plus stage 1's
labels of the token and its neighbours, of the line's majority label and archival share, and of
those of the two lines before and after. Stage 2 is trained on out-of-fold stage-1 labels (two
models, each trained on one half of the first 90% of ``clean_train.txt``, label the other half) so
that it learns how stage 1 errs, not how it fits its own training data. It prints the components
scores of ``eval/linkedbooks.py`` for stage 1 and stage 2 on the development split (stage 1 the
model trained on the whole 90%) and on ``clean_valid.txt``. Models already in WORK_DIR are reused.

Measured 2026-11-24 (issue 3): dev micro 0.774 -> 0.768, macro 0.611 -> 0.578, archival group
0.650 -> 0.601; valid micro 0.884 -> 0.887, macro 0.572 -> 0.553, archival 0.514 -> 0.471. Worse.
"""
import sys
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

import pycrfsuite

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import linkedbooks as lb  # noqa: E402  (eval/ and scripts/ are put on sys.path above)
import train_crf  # noqa: E402
from legation.extract.crf import (ARCHIVAL_COMPONENTS, LINKEDBOOKS_MODEL, label_line, preceding_words,  # noqa: E402
                                  sequence_features)
from legation.extract.labelled import read_linkedbooks  # noqa: E402

NEIGHBOURS = (-2, -1, 0, 1, 2)


def model_name(path: Path) -> str:
    """``crf.tagger`` takes a model as its path without the suffix."""
    return str(path.with_suffix(""))


def trained(path: Path, lines, chosen: range) -> Path:
    if not path.exists():
        train_crf.train(LINKEDBOOKS_MODEL, train_crf.line_blocks(lines, chosen, False), path)
    return path


def stage1(words: list[list[str]], model: str, chosen: range) -> list[list[str]]:
    return [label_line(words, i, model) for i in chosen]


def out_of_fold(job: tuple[Path, range, range]) -> list[list[str]]:
    """Stage-1 labels of one half, by a model trained on the other half."""
    work, labelled, trained_on = job
    lines = train_crf.linkedbooks_train_dev()[0]
    model = trained(work / f"half{trained_on.start}.crfsuite", lines, trained_on)
    return stage1([line.words for line in lines], model_name(model), labelled)


def majority(labels: list[str]) -> str:
    counts = Counter(label for label in labels if label != "o")
    return counts.most_common(1)[0][0] if counts else ("o" if labels else "none")


def archival_share(labels: list[str]) -> str:
    if not labels:
        return "none"
    share = sum(label in ARCHIVAL_COMPONENTS for label in labels) / len(labels)
    return "0" if share == 0 else ("low" if share < 0.5 else "high")


def stacked_features(words: list[list[str]], first: list[list[str]], i: int) -> list[list[str]]:
    def labels_of(j: int) -> list[str]:
        return first[j] if 0 <= j < len(first) else []

    line, above, below = labels_of(i), labels_of(i - 1), labels_of(i + 1)
    majors = {d: f"major{d}={majority(labels_of(i + d))}" for d in NEIGHBOURS}
    around = (list(majors.values()) + [f"archival{d}={archival_share(labels_of(i + d))}" for d in NEIGHBOURS]
              + [f"above_last={above[-1] if above else 'none'}", f"below_first={below[0] if below else 'none'}"])
    rows = []
    for t, row in enumerate(sequence_features(words[i], preceding_words(words, i))):
        own = line[t]
        left = line[t - 1] if t else (above[-1] if above else "none")
        right = line[t + 1] if t + 1 < len(line) else (below[0] if below else "none")
        rows.append(row + [f"s1={own}", f"s1-1={left}", f"s1+1={right}", f"s1pair={left}|{own}"] + around
                    + [f"{majors[-1]}|s1={own}", f"{majors[1]}|s1={own}"])
    return rows


def scores(lines, predicted: list[list[str]]) -> str:
    s = lb.component_scores([c for line in lines for c in line.components], [c for seq in predicted for c in seq])
    return f"micro {s['micro'][2]:.3f} macro {s['macro']:.3f} archival {s['archival'][2]:.3f}"


def main(work: Path) -> None:
    work.mkdir(parents=True, exist_ok=True)
    train_lines, dev_lines = train_crf.linkedbooks_train_dev()
    half = len(train_lines) // 2
    first_half, second_half = range(0, half), range(half, len(train_lines))
    with Pool(2) as pool:
        labelled = pool.map(out_of_fold, [(work, first_half, second_half), (work, second_half, first_half)])
    first = labelled[0] + labelled[1]
    words = [line.words for line in train_lines]
    stage2 = work / "stage2.crfsuite"
    if not stage2.exists():
        trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
        for i, line in enumerate(train_lines):
            if line.words:
                trainer.append(stacked_features(words, first, i), line.components)
        trainer.set_params(train_crf.PARAMS[LINKEDBOOKS_MODEL])
        trainer.train(str(stage2))
    whole = model_name(trained(work / "stage1.crfsuite", train_lines, range(len(train_lines))))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(stage2))
    for split, lines in (("dev", dev_lines), ("valid", read_linkedbooks(lb.VALID))):
        split_words = [line.words for line in lines]
        first = stage1(split_words, whole, range(len(lines)))
        second = [tagger.tag(stacked_features(split_words, first, i)) if split_words[i] else []
                  for i in range(len(lines))]
        print(f"{split}: stage 1 {scores(lines, first)}; stage 2 {scores(lines, second)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/legation-stacked"))
