"""Where a span of the body sits: its sentence, its paragraph, and the footnote that sources it."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

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

    def end(self, offset: int) -> int:
        """The first newline at or after ``offset`` (the text's length when there is none)."""
        i = bisect.bisect_left(self._newlines, offset)
        return self._newlines[i] if i < len(self._newlines) else self._length


@lru_cache(maxsize=4)
def paragraphs(text: str) -> ParagraphIndex:
    """The paragraph index of a text, built once per document and shared by the stages."""
    return ParagraphIndex(text)


def footnote_for(doc: Document, start: int, end: int) -> Footnote | None:
    """The note that sources the words at body[start:end]: the first note anchored on or after
    them in the same paragraph (a marker closes the sentence or passage it sources)."""
    para_end = paragraphs(doc.body).end(end)
    best: Footnote | None = None
    for note in doc.footnotes:
        if note.anchor is None:
            continue
        if note.anchor.end >= end and note.anchor.start <= para_end and note.anchor.end <= para_end + 1:
            if best is None or note.anchor.end < best.anchor.end:  # type: ignore[union-attr]
                best = note
    return best
