"""Readers of the labelled reference sets in ``../shared/data/apparatus`` (for training and eval).

- AnyStyle's XML (``core.xml``, ``gold.xml``): one ``<sequence>`` per reference, one child per field;
- ParsCit's humanities sets: CRF++ rows, the token first and the label last, a blank line between
  references;
- CORA (``tagged_references.txt``): one reference per line with inline ``<field> … </field>`` tags;
- Linked Books: CoNLL rows (token, component, type, span) with CR line endings.

The first three come out as :class:`Labelled` references: the reference text, its whitespace tokens
with offsets, one field label per token (tags mapped to one field set by ``data/crf_fields.toml``),
and the gold fields as (field, start, end) spans into the text.
"""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from legation.extract.crf import Token, tokenize

CORA_FIELD = re.compile(r"<([\w-]+)>(.*?)</\1>", re.DOTALL)
# Detokenising Linked Books: no space before closing marks, none after opening ones, none around
# an elision apostrophe ("dell ’ arte" -> "dell’arte").
NO_SPACE_BEFORE = frozenset(",.;:)]»’'!?")
NO_SPACE_AFTER = frozenset("([«‘’'")


@dataclass(frozen=True, slots=True)
class Labelled:
    text: str
    tokens: list[Token]
    labels: list[str]
    spans: list[tuple[str, int, int]]  # gold fields: (field, start, end) into text


@dataclass(frozen=True, slots=True)
class ComponentLine:
    """One Linked Books text line: tokens with component, type (b/i/e-primary|secondary|…) and span."""

    words: list[str]
    components: list[str]
    types: list[str]
    spans: list[str]


@lru_cache(maxsize=1)
def field_map() -> dict[str, str]:
    data = tomllib.loads((resources.files("legation") / "data" / "crf_fields.toml").read_text("utf-8"))
    return data["fields"]


def field_name(tag: str) -> str:
    return field_map().get(tag, tag)


def from_segments(segments: list[tuple[str, str]]) -> Labelled:
    """A reference from its (tag, text) segments in order, joined by single spaces."""
    text, spans = "", []
    for tag, segment in segments:
        segment = " ".join(segment.split())
        if not segment:
            continue
        start = len(text) + (1 if text else 0)
        text = f"{text} {segment}" if text else segment
        spans.append((field_name(tag), start, len(text)))
    tokens = tokenize(text)
    labels = [next(f for f, s, e in spans if s <= t.start < e) for t in tokens]
    return Labelled(text, tokens, labels, spans)


def from_fine_tokens(words: list[str], labels: list[str]) -> Labelled:
    """A reference from Linked Books-style tokens: detokenised, then labelled per whitespace token
    (by its first fine token)."""
    text, starts = "", []
    for i, word in enumerate(words):
        joined = i == 0 or word in NO_SPACE_BEFORE or words[i - 1] in NO_SPACE_AFTER
        text += word if joined else " " + word
        starts.append(len(text) - len(word))
    tokens = tokenize(text)
    token_labels = [labels[max(i for i, s in enumerate(starts) if s <= t.start)] for t in tokens]
    spans: list[tuple[str, int, int]] = []
    for token, label in zip(tokens, token_labels):
        if spans and spans[-1][0] == label:
            spans[-1] = (label, spans[-1][1], token.end)
        else:
            spans.append((label, token.start, token.end))
    return Labelled(text, tokens, token_labels, spans)


def linkedbooks_monographs(lines: list[ComponentLine]) -> list[Labelled]:
    """Linked Books' secondary references made only of book components (see ``crf_fields.toml``)."""
    mapping = tomllib.loads((resources.files("legation") / "data" / "crf_fields.toml").read_text("utf-8"))["linkedbooks"]
    books = []
    for words, components in _references(lines):
        runs = [c for i, c in enumerate(components) if i == 0 or components[i - 1] != c]
        if all(c in mapping for c in components) and runs.count("title") == 1 and "in" not in words:
            books.append(from_fine_tokens(words, [mapping[c] for c in components]))
    return books


def _references(lines: list[ComponentLine]) -> Iterator[tuple[list[str], list[str]]]:
    """Gold references (``b-r`` up to the next ``b-r``, across lines) that are secondary throughout."""
    words: list[str] = []
    components: list[str] = []
    secondary = True
    for line in lines + [ComponentLine(["."], ["o"], ["o"], ["b-r"])]:
        for word, component, kind, span in zip(line.words, line.components, line.types, line.spans):
            if span == "b-r":
                if words and secondary:
                    yield words, components
                words, components, secondary = [], [], True
            if span != "o":
                words.append(word)
                components.append(component)
                secondary = secondary and kind.endswith("-secondary")


def read_anystyle(path: Path) -> list[Labelled]:
    root = ET.parse(path).getroot()
    refs = [from_segments([(child.tag, child.text or "") for child in seq]) for seq in root.iter("sequence")]
    return [r for r in refs if r.tokens]


def read_parscit(path: Path) -> list[Labelled]:
    refs, current = [], []
    for line in path.read_text("utf-8", errors="replace").splitlines() + [""]:
        cols = line.split()
        if cols:
            current.append((cols[-1], cols[0]))
        elif current:
            refs.append(from_segments(current))
            current = []
    return refs


def read_cora(path: Path) -> list[Labelled]:
    refs = []
    for line in path.read_text("utf-8", errors="replace").splitlines():
        segments = [(m.group(1), m.group(2)) for m in CORA_FIELD.finditer(line)]
        if segments:
            refs.append(from_segments(segments))
    return refs


def read_linkedbooks(path: Path) -> list[ComponentLine]:
    return list(_component_lines(path.read_bytes().decode("utf-8", errors="replace")))


def _component_lines(text: str) -> Iterator[ComponentLine]:
    rows: list[list[str]] = []
    for line in re.split(r"\r\n|\r|\n", text) + [""]:
        cols = line.split()
        if len(cols) == 4 and cols[0] != "-DOCSTART-":
            rows.append(cols)
        elif not cols and rows:
            yield ComponentLine(*(list(col) for col in zip(*rows)))
            rows = []
