"""A document's text as HTML with its annotations as elements: spans that may nest or cross,
and points (footnote markers) inserted between characters. Every character of the text is
escaped; only the markup given by the caller (built with escaped values) is trusted."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    open: Markup  # the opening tag(s)
    close: Markup  # the matching closing tag(s)
    layer: int  # outer annotations have lower layers: a sentence holds a quote holds a name
    again: Markup | None = None  # the opening tag when reopened after a crossing span (no id twice)


@dataclass(frozen=True, slots=True)
class Point:
    at: int
    html: Markup


def render(text: str, spans: list[Span], points: list[Point]) -> Markup:
    """The text with every span wrapped and every point inserted. Where two spans cross, the inner
    one is closed at the boundary and opened again after it, so the HTML stays well nested."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    bounds = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans),
                     *(p.at for p in points if 0 <= p.at <= len(text))})
    starting: dict[int, list[Span]] = {}
    for span in spans:
        starting.setdefault(span.start, []).append(span)
    inserted: dict[int, list[Point]] = {}
    for point in points:
        inserted.setdefault(point.at, []).append(point)
    out: list[str] = []
    open_spans: list[Span] = []  # the stack of open elements, outermost first
    for i, at in enumerate(bounds):
        # close what ends here, reopening (after) the spans opened inside it that go on
        ending = [s for s in open_spans if s.end == at]
        if ending:
            cut = min(open_spans.index(s) for s in ending)
            for span in reversed(open_spans[cut:]):
                out.append(span.close)
            reopened = [s for s in open_spans[cut:] if s.end != at]
            del open_spans[cut:]
            _open(out, open_spans, reopened, again=True)
        out.extend(p.html for p in inserted.get(at, []))
        _open(out, open_spans, sorted(starting.get(at, []), key=lambda s: (s.layer, -s.end)))
        if i + 1 < len(bounds):
            out.append(str(escape(text[at:bounds[i + 1]])))
    for span in reversed(open_spans):
        out.append(span.close)
    return Markup("".join(out))


def _open(out: list[str], stack: list[Span], spans: list[Span], again: bool = False) -> None:
    for span in spans:
        out.append(span.again if again and span.again is not None else span.open)
        stack.append(span)


@dataclass(frozen=True, slots=True)
class Region:
    """A block of the text rendered as an element of its own: a heading, a paragraph."""

    start: int
    end: int
    open: Markup
    close: Markup


def render_regions(text: str, regions: list[Region], spans: list[Span], points: list[Point]) -> Markup:
    """The text as a run of block elements (``regions``, in order, not overlapping; what lies
    between two of them, blank lines, is left out), each holding its part of the text with the
    spans and points inside it. A span running over a region's end is closed there and opened
    again (with ``again``) in the next region it reaches."""
    placed = _points_by_region(regions, points)
    by_start = sorted(range(len(spans)), key=lambda n: spans[n].start)  # spans by where they begin
    begun = 0  # how many of them begin before the region at hand ends
    running: list[int] = []  # those of them that reach into it
    opened: set[int] = set()  # those whose first piece (with its id) has been placed
    out: list[str] = []
    for i, region in enumerate(regions):
        while begun < len(by_start) and spans[by_start[begun]].start < region.end:
            running.append(by_start[begun])
            begun += 1
        running = [n for n in running if spans[n].end > region.start]
        pieces = []
        for n in running:
            span = spans[n]
            start, end = max(span.start, region.start), min(span.end, region.end)
            if start < end:
                again = n in opened and span.again is not None
                pieces.append(Span(start - region.start, end - region.start, span.again if again else span.open,
                                   span.close, span.layer, span.again))
                opened.add(n)
        out.append(region.open + render(text[region.start:region.end], pieces, placed.get(i, [])) + region.close)
    return Markup("").join(out)


def _points_by_region(regions: list[Region], points: list[Point]) -> dict[int, list[Point]]:
    """Region index -> the points that stand in it or follow it (one at a region's end, a
    footnote's marker, stays with it), each at its offset in the region."""
    starts = [region.start for region in regions]
    placed: dict[int, list[Point]] = {}
    for point in points if regions else ():
        i = max(bisect_right(starts, point.at) - 1, 0)
        if i and point.at <= regions[i - 1].end:  # the end of one region where the next begins
            i -= 1
        region = regions[i]
        placed.setdefault(i, []).append(Point(min(max(point.at, region.start), region.end) - region.start,
                                              point.html))
    return placed
