"""Footnotes: numbers (inferred where a note lost its own), anchors in the body, diagnostics."""

from __future__ import annotations

import re

from legation.model import Diagnostic, Footnote, Layout, Marker, NoteBlock, Span

# A sentence ends at . ! ? … (and any closing quotes/brackets) followed by space. The word
# before the stop tells whether it was really an abbreviation or an initial instead.
SENTENCE_STOP = re.compile(r"""[.!?…]["”»’')\]]*\s+(?=["“«'‘(\[<]*[A-ZА-ЯЁ\d])|\n\n""")
WORD_BEFORE_STOP = re.compile(r"([\w.]+)[.!?…]?[\"”»’')\]]*\s*$")
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st mt no nos vol vols p pp ch art gen adm lt col capt maj prof sr jr vs cf e.g "
    "i.e u.s u.k etc op ibid ed eds trans fig ca c comp dept govt jan feb mar apr jun jul aug sep "
    "sept oct nov dec "
    "гг тыс млн руб стр см ср др пр ул им т.е т.д т.п т.к проф ген адм акад".split()
)


def build_footnotes(layout: Layout) -> tuple[list[Footnote], list[Diagnostic]]:
    """Footnotes in document order, each tied to its marker's sentence in the body."""
    diagnostics: list[Diagnostic] = []
    numbers = _numbers(layout.notes, diagnostics)
    anchors = _anchors(layout.body.text, layout.markers)
    footnotes = []
    for note, (number, inferred) in zip(layout.notes, numbers):
        marker = anchors.get(number) if number is not None else None
        footnotes.append(Footnote(
            number=number,
            text=note.text,
            number_inferred=inferred,
            anchor=marker[0] if marker else None,
            source_start=note.source_start,
            source_end=note.source_end,
            marker_source=marker[1] if marker else None,
        ))
    diagnostics.extend(_consistency(footnotes, layout.markers))
    return footnotes, diagnostics


def _numbers(notes: list[NoteBlock], diagnostics: list[Diagnostic]) -> list[tuple[int | None, bool]]:
    """Each note's number; a note without one gets the number its neighbours leave for it."""
    result: list[tuple[int | None, bool]] = []
    for i, note in enumerate(notes):
        if note.number is not None:
            result.append((note.number, False))
            continue
        before = result[-1][0] if result else 0
        after = next((n.number for n in notes[i + 1:] if n.number is not None), None)
        guess = (before or 0) + 1
        result.append((guess, True))
        if after is not None and after != guess + 1:
            where = f"between notes {before} and {after}" if before else f"before note {after}"
            diagnostics.append(Diagnostic(
                "footnote-number-uncertain",
                f"a note without a number stands {where}; taken as {guess}",
                footnote=guess, source_start=note.source_start, source_end=note.source_end,
            ))
    return result


def _anchors(body: str, markers: list[Marker]) -> dict[int, tuple[Span, Span]]:
    """For each marked note, the body span of the sentence (or clause) its marker closes."""
    anchors: dict[int, tuple[Span, Span]] = {}
    previous_marker = 0
    for marker in markers:
        end = marker.body_offset
        start = _sentence_start(body, previous_marker, end)
        while start < end and body[start].isspace():
            start += 1
        anchors.setdefault(marker.number, (Span(start, end), Span(marker.source_start, marker.source_end)))
        previous_marker = end
    return anchors


def _sentence_start(body: str, floor: int, end: int) -> int:
    """Where the sentence ending at ``end`` begins, not before ``floor`` (the previous marker)."""
    window_start = max(floor, end - 3000)
    # the stop right at the marker ("Germans.¹") ends this sentence, it does not start it
    tail = end - 1
    while tail > window_start and body[tail - 1] in "\"”»’')]":
        tail -= 1
    stops = list(SENTENCE_STOP.finditer(body, window_start, max(window_start, tail)))
    for stop in reversed(stops):  # the last real stop before the marker
        if stop.group() == "\n\n" or not _is_abbreviation(body, stop.start()):
            return stop.end()
    return window_start


def _is_abbreviation(body: str, stop_at: int) -> bool:
    if body[stop_at] != ".":
        return False
    word = WORD_BEFORE_STOP.search(body, max(0, stop_at - 20), stop_at + 1)
    if word is None:
        return False
    token = word.group(1).rstrip(".")
    last = token.rsplit(".", 1)[-1]
    # a single letter is an initial ("N. I. Generalov") or an abbreviation ("1939 г.", "p.")
    return len(last) == 1 or token.lower() in ABBREVIATIONS


def _consistency(footnotes: list[Footnote], markers: list[Marker]) -> list[Diagnostic]:
    """Gaps, duplicates, markers without notes and notes without markers."""
    problems: list[Diagnostic] = []
    numbers = [f.number for f in footnotes if f.number is not None]
    seen: set[int] = set()
    for footnote in footnotes:
        if footnote.number in seen:
            problems.append(Diagnostic("footnote-duplicate", f"note {footnote.number} appears more than once",
                                       footnote.number, footnote.source_start, footnote.source_end))
        seen.add(footnote.number)
    if numbers:
        for first, last in _runs(sorted(set(range(1, max(numbers) + 1)) - seen)):
            shown = f"note numbered {first}" if first == last else f"notes numbered {first}–{last}"
            problems.append(Diagnostic("footnote-gap", f"no {shown}", first))
    for marker in markers:
        if marker.number not in seen:
            problems.append(Diagnostic("marker-without-note", f"marker {marker.number} has no note",
                                       marker.number, marker.source_start, marker.source_end))
    for footnote in footnotes:
        if footnote.anchor is None:
            problems.append(Diagnostic("note-without-marker",
                                       f"note {footnote.number} has no marker in the body (lost in conversion)",
                                       footnote.number, footnote.source_start, footnote.source_end))
    return problems


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted numbers as runs of consecutive ones: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs
