"""The dates stage: every date of a document's body found and normalised (``lexicon.dates``
does the finding), and ``date_for``, the date that governs a passage."""

from __future__ import annotations

import re

from legation.extract.context import views
from legation.lexicon.dates import find_dates
from legation.model import DateMention, Diagnostic, Document


def annotate(doc: Document) -> list[Diagnostic]:
    citations = [(c.start, c.end) for c in doc.intext_citations]
    try:
        doc.dates = find_dates(doc.body, excluded=citations)
    except Exception as error:  # a stage must not take the document down with it
        doc.dates = []
        return [Diagnostic("dates-failed", f"dates not read: {type(error).__name__}: {error}")]
    return [Diagnostic("date-year-unknown", f"no year for {d.text!r}: none written before it")
            for d in doc.dates if d.iso is None]


_CLAUSE_BREAK = re.compile(r"[,;:()—–]")


def _distance(body: str, date: DateMention, start: int, end: int) -> tuple[bool, int, bool]:
    """How far a date stands from a span: across a clause break ("Having left Moscow on October
    22, Smetanin arrived … on November 6": the arrival is November 6) counts before characters."""
    after = date.start >= end
    gap = body[end:date.start] if after else body[date.end:start]
    return bool(_CLAUSE_BREAK.search(gap)), len(gap), after


def date_for(doc: Document, start: int, end: int) -> DateMention | None:
    """The date that governs body[start:end]: a date in the same sentence (the nearest, one in
    the same clause preferred, then one before the span), else the narrative date in force — the last day- or
    month-precision date earlier in the paragraph, or in the previous paragraph."""
    seen = views(doc)
    dates = [d for d in doc.dates if d.iso is not None]
    sentence = seen.sentences.at(start)
    if sentence is not None:
        inside = [d for d in dates if sentence.start <= d.start and d.end <= sentence.end]
        if inside:
            return min(inside, key=lambda d: _distance(doc.body, d, start, end))
    narrative = [d for d in dates if d.precision in ("day", "month") and d.end <= start]
    for lower in seen.paragraphs.starts_before(start, 2):
        in_range = [d for d in narrative if d.start >= lower]
        if in_range:
            return in_range[-1]
    return None
