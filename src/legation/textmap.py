"""Clean text rebuilt from pieces of an original, remembering where every character came from.

Readers repair conversion debris (markup, entities, lost line joins) while copying text; a
TextMap records each copied run and each replacement so any offset in the clean text maps back
to the original file. Runs are stored, not characters, so mapping costs a binary search.
"""

from __future__ import annotations

from bisect import bisect_right


class TextMap:
    def __init__(self) -> None:
        self._pieces: list[str] = []
        self._clean_starts: list[int] = []
        self._source_starts: list[int] = []
        self._source_ends: list[int] = []
        self._exact: list[bool] = []  # True when the run is a verbatim copy
        self._length = 0
        self._text: str | None = None

    def __len__(self) -> int:
        return self._length

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "".join(self._pieces)
        return self._text

    def copy(self, original: str, start: int, end: int) -> None:
        """Append original[start:end] verbatim."""
        if end > start:
            self._append(original[start:end], start, end, exact=True)

    def emit(self, replacement: str, source_start: int, source_end: int) -> None:
        """Append text that stands for original[source_start:source_end] without copying it."""
        if replacement:
            self._append(replacement, source_start, source_end, exact=False)

    def last_char(self) -> str:
        return self._pieces[-1][-1] if self._pieces else ""

    def rstrip_spaces(self) -> None:
        """Drop trailing spaces (a removed marker or tag can leave one behind)."""
        while self._pieces and self._pieces[-1].endswith(" "):
            piece = self._pieces[-1]
            kept = piece.rstrip(" ")
            removed = len(piece) - len(kept)
            self._length -= removed
            if kept:
                self._pieces[-1] = kept
                if self._exact[-1]:
                    self._source_ends[-1] -= removed
            else:
                for column in (self._pieces, self._clean_starts, self._source_starts,
                               self._source_ends, self._exact):
                    column.pop()
            self._text = None

    def to_source(self, offset: int) -> int:
        """The original offset of the clean character at ``offset`` (or of the end, if at it)."""
        if not self._pieces:
            return 0
        if offset >= self._length:
            return self._source_ends[-1]
        i = bisect_right(self._clean_starts, offset) - 1
        if self._exact[i]:
            return self._source_starts[i] + (offset - self._clean_starts[i])
        return self._source_starts[i]

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) covering the clean span [start, end)."""
        if end <= start:
            point = self.to_source(start)
            return point, point
        last = end - 1
        i = bisect_right(self._clean_starts, last) - 1
        if self._exact[i]:
            source_end = self._source_starts[i] + (last - self._clean_starts[i]) + 1
        else:
            source_end = self._source_ends[i]
        return self.to_source(start), source_end

    def _append(self, piece: str, source_start: int, source_end: int, *, exact: bool) -> None:
        self._pieces.append(piece)
        self._clean_starts.append(self._length)
        self._source_starts.append(source_start)
        self._source_ends.append(source_end)
        self._exact.append(exact)
        self._length += len(piece)
        self._text = None
