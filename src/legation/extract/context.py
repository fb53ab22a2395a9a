"""Where a span of the body sits: its sentence, its paragraph, and the footnote that sources it."""

from __future__ import annotations

import bisect
import re
from typing import Any

from legation.model import Document, Footnote, Span

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace and
# an upper-case letter, a digit or an opening quote. Initials ("K. A. Smetanin") and common
# abbreviations are not ends.
_END = re.compile(r"[.!?…][\"'»”’)\]]*(?=\s+[\"'«“‘(\[]?[A-ZА-ЯЁ0-9])")
_NOT_END = re.compile(r"(?:\b[A-ZА-ЯЁ]|\b(?:Mr|Mrs|Dr|St|No|vol|p|pp|cf|ca|Gen|Col|Lt|Adm|Capt|"
                      r"Prof|Jr|Sr|etc|i\.e|e\.g|т|г|гг|см|ст|им|тов|Op|Ibid|ibid))\.$")


def sentence_spans(text: str) -> list[Span]:
    """Sentences of running text by punctuation; paragraphs (blank or single newlines) also end them."""
    spans: list[Span] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for end_mark in _END.finditer(para.group()):
            end = para.start() + end_mark.end()
            if _NOT_END.search(text[max(start, end - 8):end].rstrip("\"'»”’)]")):
                continue
            if text[start:end].strip():
                spans.append(_trimmed(text, start, end))
            start = end
        if text[start:para.end()].strip():
            spans.append(_trimmed(text, start, para.end()))
    return spans


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


class SentenceIndex:
    """Find the sentence that holds an offset in O(log n)."""

    def __init__(self, text: str) -> None:
        self.spans = sentence_spans(text)
        self._starts = [s.start for s in self.spans]

    def at(self, offset: int) -> Span | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.spans[i].start <= offset < max(self.spans[i].end, self.spans[i].start + 1):
            return self.spans[i]
        return None


class ParagraphIndex:
    """The paragraph (line) bounds around an offset in O(log n): a 1 MB paragraph is not
    rescanned for every lookup."""

    def __init__(self, text: str) -> None:
        self._newlines = [m.start() for m in re.finditer("\n", text)]
        self._length = len(text)

    def start(self, offset: int) -> int:
        """Where the paragraph holding ``offset`` begins (just after the newline before it)."""
        i = bisect.bisect_left(self._newlines, offset) - 1
        return self._newlines[i] + 1 if i >= 0 else 0

    def starts_before(self, offset: int, count: int) -> list[int]:
        """The starts of the paragraph holding ``offset`` and of up to ``count - 1`` non-empty
        paragraphs before it, nearest first."""
        starts = [self.start(offset)]
        while len(starts) < count and starts[-1] > 0:
            i = bisect.bisect_left(self._newlines, starts[-1] - 1)  # the newline ending the line before
            while i > 0 and self._newlines[i - 1] == self._newlines[i] - 1:
                i -= 1  # blank lines between paragraphs
            starts.append(self._newlines[i - 1] + 1 if i > 0 else 0)
        return starts

    def end(self, offset: int) -> int:
        """The first newline at or after ``offset`` (the text's length when there is none)."""
        i = bisect.bisect_left(self._newlines, offset)
        return self._newlines[i] if i < len(self._newlines) else self._length


class Views:
    """What the stages read of one body besides its text, each built once, when first asked
    for: its sentences, its paragraphs (lines), and spaCy's parse of its English paragraphs."""

    def __init__(self, body: str) -> None:
        self.body = body
        self._sentences: SentenceIndex | None = None
        self._paragraphs: ParagraphIndex | None = None
        self._english: list[tuple[int, Any]] | None = None

    @property
    def sentences(self) -> SentenceIndex:
        if self._sentences is None:
            self._sentences = SentenceIndex(self.body)
        return self._sentences

    @property
    def paragraphs(self) -> ParagraphIndex:
        if self._paragraphs is None:
            self._paragraphs = ParagraphIndex(self.body)
        return self._paragraphs

    @property
    def english(self) -> list[tuple[int, Any]]:
        """Each parseable English paragraph with its offset, parsed by spaCy's pipeline."""
        if self._english is None:
            from legation.nlp import parse_english  # loads the model: only when there is prose to parse

            self._english = parse_english(self.body)
        return self._english


def views(doc: Document) -> Views:
    """The document's views, made on first use and kept on it (a new body gets new ones)."""
    if doc.views is None or doc.views.body is not doc.body:
        doc.views = Views(doc.body)
    return doc.views


def footnote_for(doc: Document, start: int, end: int) -> Footnote | None:
    """The note that sources the words at body[start:end]: the first note anchored on or after
    them in the same paragraph (a marker closes the sentence or passage it sources)."""
    para_end = views(doc).paragraphs.end(end)
    best: Footnote | None = None
    for note in doc.footnotes:
        if note.anchor is None:
            continue
        if note.anchor.end >= end and note.anchor.start <= para_end and note.anchor.end <= para_end + 1:
            if best is None or note.anchor.end < best.anchor.end:  # type: ignore[union-attr]
                best = note
    return best
