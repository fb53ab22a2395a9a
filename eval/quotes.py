"""Score the quotations stage against the hand-written gold of the full-text seed.

    .venv/bin/python eval/quotes.py [--seed FILE] [--gold tests/gold/seed_quotes.yaml]

The default gold is the adjudicated consensus of two readings (tests/gold/consensus/), whose
convention counts short fragments attributed by a reporting frame ("called them 'idle talk'");
reader A's own file (tests/gold/seed_quotes.yaml) lists those fragments as non-quotes.

Prints quote-span precision / recall / F1 (a predicted quotation matches a gold one when both
its start and its end are the same), then, over the matched quotations: speaker accuracy (the
predicted Person's or organisation's name or variants contain the gold name, accents ignored;
a gold null speaker wants no speaker), addressee, medium, date (over gold quotations that have
a date: the predicted date starts with it) and footnote accuracy, and how many of the gold
non-quotes were (wrongly) taken for quotations.
"""

from __future__ import annotations

import argparse

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from legation.devdata import FULL_TEXT

REPO = Path(__file__).resolve().parents[1]
SEED = FULL_TEXT
GOLD = REPO / "tests" / "gold" / "consensus" / "seed_quotes.yaml"
_OPENING_MARKS = '"“„«'


@dataclass(frozen=True)
class GoldQuote:
    start: int
    end: int
    fields: dict[str, Any]


def load_gold(body: str, path: Path = GOLD) -> tuple[list[GoldQuote], list[str]]:
    """Place each gold quotation in the body by its first words (right after an opening mark)
    and its last words."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    placed = []
    for item in data["quotes"]:
        start = next(i + 1 for i in _occurrences(body, item["first"]) if i >= 0 and body[i] in _OPENING_MARKS)
        end = body.index(item["last"], start) + len(item["last"])
        placed.append(GoldQuote(start, end, item))
    return placed, data["non_quotes"]


def _occurrences(body: str, words: str) -> list[int]:
    out, i = [], body.find(words)
    while i >= 0:
        out.append(i - 1)
        i = body.find(words, i + 1)
    return out


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def _names(doc: Any, ident: str | None) -> list[str]:
    """The names a predicted id (or free text) stands for."""
    if ident is None:
        return []
    for record in [*doc.persons, *doc.organizations, *doc.places]:
        if record.id == ident:
            return [record.name, *record.variants]
    return [ident]


def _same(doc: Any, predicted: str | None, gold: str | None) -> bool:
    if gold is None:
        return predicted is None
    return any(_fold(gold) in _fold(name) for name in _names(doc, predicted))


def score(doc: Any, gold_path: Path = GOLD) -> dict[str, Any]:
    gold, non_quotes = load_gold(doc.body, gold_path)
    predicted = {(q.start, q.end): q for q in doc.quotes}
    matched = [(g, predicted[(g.start, g.end)]) for g in gold if (g.start, g.end) in predicted]
    tp = len(matched)
    precision = tp / len(doc.quotes) if doc.quotes else 0.0
    recall = tp / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0

    def accuracy(check: Any, pairs: list[tuple[GoldQuote, Any]]) -> float:
        return sum(1 for g, q in pairs if check(g.fields, q)) / len(pairs) if pairs else 0.0

    dated = [(g, q) for g, q in matched if g.fields["date"]]
    taken = {q.text.strip() for q in doc.quotes}
    return {
        "gold": len(gold), "predicted": len(doc.quotes), "matched": tp,
        "precision": precision, "recall": recall, "f1": f1,
        "speaker": accuracy(lambda g, q: _same(doc, q.speaker, g["speaker"]), matched),
        "addressee": accuracy(lambda g, q: _same(doc, q.addressee, g["addressee"]), matched),
        "medium": accuracy(lambda g, q: q.medium == g["medium"], matched),
        "date": accuracy(lambda g, q: bool(q.date) and q.date.startswith(str(g["date"])), dated),
        "dated": len(dated),
        "footnote": accuracy(lambda g, q: q.footnote == g["footnote"], matched),
        "non_quotes_taken": sum(1 for t in non_quotes if t.strip() in taken), "non_quotes": len(non_quotes),
        "misses": [(g.fields["first"], field, _shown(doc, q, field), g.fields[field])
                   for g, q in matched for field in ("speaker", "addressee", "medium", "footnote")
                   if not _field_ok(doc, g.fields, q, field)],
        "unmatched_gold": [g.fields["first"] for g in gold if (g.start, g.end) not in predicted],
        "spurious": [q.text[:40] for q in doc.quotes if (q.start, q.end) not in {(g.start, g.end) for g in gold}],
    }


def _field_ok(doc: Any, gold: dict[str, Any], quote: Any, field: str) -> bool:
    if field in ("speaker", "addressee"):
        return _same(doc, getattr(quote, field), gold[field])
    return getattr(quote, field) == gold[field]


def _shown(doc: Any, quote: Any, field: str) -> Any:
    value = getattr(quote, field)
    return _names(doc, value)[0] if field in ("speaker", "addressee") and value else value


def main() -> None:
    from legation.pipeline import extract_file

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=Path, default=SEED, help="the article to extract (default: the full-text seed)")
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold quotations (default: the consensus gold of the seed)")
    args = parser.parse_args()
    result = score(extract_file(args.seed), args.gold)
    print(f"quotations: gold {result['gold']}, predicted {result['predicted']}, matched {result['matched']}")
    print(f"span  P {result['precision']:.3f}  R {result['recall']:.3f}  F1 {result['f1']:.3f}")
    for field in ("speaker", "addressee", "medium", "footnote"):
        print(f"{field:<10} accuracy {result[field]:.3f}  (over {result['matched']} matched)")
    print(f"{'date':<10} accuracy {result['date']:.3f}  (over {result['dated']} matched gold quotations with a date)")
    print(f"non-quotes taken for quotations: {result['non_quotes_taken']} of {result['non_quotes']}")
    for first, field, got, want in result["misses"]:
        print(f"  miss {field:<9} {first[:38]!r:<42} got {got!r}, want {want!r}")
    for first in result["unmatched_gold"]:
        print(f"  gold not found: {first!r}")
    for text in result["spurious"]:
        print(f"  spurious: {text!r}")


if __name__ == "__main__":
    main()
