"""An experiment, not shipped: a neural tagger for Linked Books components, against the CRF.

    .venv/bin/pip install torch==2.13.0   # not a project dependency
    .venv/bin/python eval/bilstm_components.py [EPOCHS]   # 10 by default, about 30 s each

Word embeddings (words seen twice or more in training), a character CNN over each word (its first
16 characters), the CRF's dictionary hits and a few shape flags, and a mark on each text line's
first token, into one bidirectional LSTM with a softmax layer; trained with Adam (fixed seeds)
on the same blocks of three text lines as the CRF, on the first 90% of ``clean_train.txt``.
Every second epoch it prints the components scores of ``eval/linkedbooks.py`` on the development
split (the last 10%) and on ``clean_valid.txt``, each line labelled with the two lines before it.
It was run to see whether a neural labeller of the kind the dataset's authors used would lift the
archival components where CRF features had stopped helping (see the issue-3 progress note).
"""
import random
import sys
import time
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np
import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import linkedbooks as lb  # noqa: E402  (eval/ and scripts/ are put on sys.path above)
import train_crf  # noqa: E402
from legation.extract.crf import ARCHIVAL_COMPONENTS, EDGE_PUNCT, LINE_WINDOW, lexicon  # noqa: E402
from legation.extract.labelled import ComponentLine, read_linkedbooks  # noqa: E402

MAX_CHARS = 16
BATCH = 32
LEXICON_NAMES = sorted(lexicon())
SHAPE_FLAGS = 6

Block = tuple[list[str], list[str], list[float], int]  # words, components, line-start marks, last line's length


@lru_cache(maxsize=None)  # the same words come back in every epoch
def word_flags(word: str) -> tuple[bool, ...]:
    core = EDGE_PUNCT.sub("", word).lower()
    lex = lexicon()
    shape = [word[:1].isupper(), word.isupper() and word.isalpha(), any(c.isdigit() for c in word), word.isdigit(),
             not any(c.isalnum() for c in word), len(core) == 1]
    return (*shape, *(core in lex[name] for name in LEXICON_NAMES))


class Vocabulary:
    def __init__(self, lines: list[ComponentLine]):
        words = Counter(w.lower() for line in lines for w in line.words)
        self.words = {w: i + 2 for i, (w, n) in enumerate(words.most_common()) if n >= 2}  # 0 pad, 1 unknown
        chars = Counter(c for line in lines for w in line.words for c in w)
        self.chars = {c: i + 2 for i, (c, n) in enumerate(chars.most_common()) if n >= 3}
        self.labels = sorted({c for line in lines for c in line.components})
        self.label_ids = {c: i for i, c in enumerate(self.labels)}

    def encode(self, words: list[str]) -> tuple[list[int], list[list[int]], list[tuple[bool, ...]]]:
        word_ids = [self.words.get(w.lower(), 1) for w in words]
        char_ids = [[self.chars.get(c, 1) for c in w[:MAX_CHARS]] + [0] * (MAX_CHARS - len(w[:MAX_CHARS])) for w in words]
        return word_ids, char_ids, [word_flags(w) for w in words]


class Tagger(nn.Module):
    def __init__(self, n_words: int, n_chars: int, n_flags: int, n_labels: int,
                 word_dim: int = 64, char_dim: int = 24, char_filters: int = 48, hidden: int = 128):
        super().__init__()
        self.word_embedding = nn.Embedding(n_words, word_dim, padding_idx=0)
        self.char_embedding = nn.Embedding(n_chars, char_dim, padding_idx=0)
        self.char_cnn = nn.Conv1d(char_dim, char_filters, 3, padding=1)
        self.lstm = nn.LSTM(word_dim + char_filters + n_flags + 1, hidden, batch_first=True, bidirectional=True)
        self.dropout = nn.Dropout(0.3)
        self.output = nn.Linear(2 * hidden, n_labels)

    def forward(self, words, chars, flags, line_starts):
        batch, length, width = chars.shape
        embedded = self.char_embedding(chars.view(batch * length, width)).transpose(1, 2)
        char_features = torch.relu(self.char_cnn(embedded)).max(dim=2).values.view(batch, length, -1)
        x = torch.cat([self.word_embedding(words), char_features, flags, line_starts.unsqueeze(-1)], -1)
        states, _ = self.lstm(self.dropout(x))
        return self.output(self.dropout(states))


def blocks(lines: list[ComponentLine], for_training: bool) -> list[Block]:
    """Training: consecutive blocks of ``LINE_WINDOW`` lines. Labelling: each line with the lines before it."""
    out = []
    for i in range(0, len(lines), LINE_WINDOW) if for_training else range(len(lines)):
        first, last = (i, min(i + LINE_WINDOW, len(lines))) if for_training else (max(0, i - LINE_WINDOW + 1), i + 1)
        words, labels, starts = [], [], []
        for j in range(first, last):
            words += lines[j].words
            labels += lines[j].components
            starts += [1.0] + [0.0] * (len(lines[j].words) - 1)
        out.append((words, labels, starts, len(lines[last - 1].words)))
    return out


def tensors(vocabulary: Vocabulary, items: list[Block]):
    length = max(len(item[0]) for item in items)
    words = torch.zeros(len(items), length, dtype=torch.long)
    chars = torch.zeros(len(items), length, MAX_CHARS, dtype=torch.long)
    flags = torch.zeros(len(items), length, SHAPE_FLAGS + len(LEXICON_NAMES))
    starts = torch.zeros(len(items), length)
    gold = torch.full((len(items), length), -100, dtype=torch.long)
    for b, (block_words, labels, block_starts, _) in enumerate(items):
        word_ids, char_ids, word_flag_rows = vocabulary.encode(block_words)
        n = len(block_words)
        words[b, :n] = torch.tensor(word_ids)
        chars[b, :n] = torch.tensor(char_ids)
        flags[b, :n] = torch.tensor(word_flag_rows, dtype=torch.float)
        starts[b, :n] = torch.tensor(block_starts)
        gold[b, :n] = torch.tensor([vocabulary.label_ids.get(label, 0) for label in labels])
    return words, chars, flags, starts, gold


def predict(model: Tagger, vocabulary: Vocabulary, lines: list[ComponentLine]) -> list[list[str]]:
    """Each line's labels, tagged with the lines before it."""
    model.eval()
    items = blocks(lines, for_training=False)
    predicted = []
    with torch.no_grad():
        for k in range(0, len(items), 64):
            chunk = items[k:k + 64]
            padded = [item if item[0] else (["."], ["o"], [1.0], 0) for item in chunk]
            words, chars, flags, starts, _ = tensors(vocabulary, padded)
            best = model(words, chars, flags, starts).argmax(-1)
            for b, (block_words, _, _, own) in enumerate(chunk):
                n = len(block_words)
                predicted.append([vocabulary.labels[x] for x in best[b, n - own:n].tolist()] if own else [])
    return predicted


def report(model: Tagger, vocabulary: Vocabulary, lines: list[ComponentLine], name: str) -> None:
    predicted = predict(model, vocabulary, lines)
    scores = lb.component_scores([c for line in lines for c in line.components], [c for p in predicted for c in p])
    per = {c: round(f, 3) for c, (_, _, f) in scores["per"].items() if c in ARCHIVAL_COMPONENTS}
    print(f"{name}: micro {scores['micro'][2]:.3f} macro {scores['macro']:.3f} archival {scores['archival'][2]:.3f}",
          per, flush=True)


def main(epochs: int) -> None:
    torch.manual_seed(0)
    random.seed(0)
    np.random.seed(0)
    torch.set_num_threads(2)
    train, dev = train_crf.linkedbooks_train_dev()
    valid = read_linkedbooks(lb.VALID)
    vocabulary = Vocabulary(train)
    print(f"{len(vocabulary.words)} words, {len(vocabulary.chars)} characters, {len(vocabulary.labels)} labels", flush=True)
    items = [item for item in blocks(train, for_training=True) if item[0]]
    model = Tagger(len(vocabulary.words) + 2, len(vocabulary.chars) + 2, SHAPE_FLAGS + len(LEXICON_NAMES),
                   len(vocabulary.labels))
    optimiser = torch.optim.Adam(model.parameters(), lr=2e-3)
    loss_of = nn.CrossEntropyLoss(ignore_index=-100)
    for epoch in range(epochs):
        model.train()
        started, total = time.time(), 0.0
        random.shuffle(items)
        items.sort(key=lambda item: len(item[0]) // 8 + random.random())  # batches of similar length
        order = list(range(0, len(items), BATCH))
        random.shuffle(order)
        for k in order:
            words, chars, flags, starts, gold = tensors(vocabulary, items[k:k + BATCH])
            logits = model(words, chars, flags, starts)
            loss = loss_of(logits.view(-1, logits.shape[-1]), gold.view(-1))
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimiser.step()
            total += loss.item()
        print(f"epoch {epoch}: loss {total / len(order):.3f}, {time.time() - started:.0f} s", flush=True)
        if epoch % 2 == 1 or epoch == epochs - 1:
            report(model, vocabulary, dev, "dev")
            report(model, vocabulary, valid, "valid")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
