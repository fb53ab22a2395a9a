"""Relations between two sides over time: per week, month, quarter or year, how many interactions,
their mean and summed Goldstein score, how many cooperative and conflictual, split by the side
whose papers report them; and the turning points of the tone, each with its evidence.

Placing events in periods: every event counts once, in one period.
- an event with one date counts in the period holding it; when that date is known only more
  coarsely than the periods ("in 1939" in a monthly series), no period can be chosen: it is left
  out and counted in ``Relations.imprecise``; undated events in ``Relations.undated``;
- an event with a span (date..date_end: a battle, a war, "in the second half of 1939") counts
  once, in the period where it begins, when both ends are known finely enough to fall in one
  period each ("throughout 1939–1941" is imprecise, as above). Counting it in every period it
  overlaps would turn one sentence into months of interactions: one 1949 mention of "World War II"
  (1939-09..1945-09) would be six years of attacks, and a four-month battle four battles. The
  beginning is where the act is: the outbreak of a war, the opening of a battle or a talk, the
  date the text gives first; and it is how the dispute data the seed is checked against count (a
  militarized dispute is one dispute, begun in its start month, however long it lasts). Counting it
  where it ends would date a battle by its armistice; fractions of it over its periods would make
  counts that are no counts and dilute a war's tone into every month it lasts. The period of its
  beginning does not depend on the range asked for: a span that begins before ``start`` is not in
  the figures (it is counted in ``Relations.outside``), though it is still drawn where it runs
  inside the range;
- a span that runs over more than one period is also listed in ``Relations.spans``, once, with the
  period it begins in and the one it ends in, so that a chart draws it as one band across them
  and a table lists it apart from the per-period rows;
- a named event ("Battles of Khalkhin Gol") counts once per period however many sentences present
  it; its sentences are all kept as its evidence. A named event with a span is one event: every
  sentence naming it, whatever date it gives, joins that span and is counted with it, once.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import ruptures

from legation.analyze.evidence import EventRecord
from legation.lexicon.dates import day_span
from legation.lexicon.sides import side_code

GRANULARITIES = ("week", "month", "quarter", "year")
FIXED_COLUMNS = ("period", "start", "end", "count", "goldstein_mean", "goldstein_sum", "cooperative",
                 "conflictual", "neutral", "share_cooperative", "share_conflictual")
SPAN_COLUMNS = ("first_period", "last_period", "counted_in", "date", "date_end", "name", "label", "type", "plover",
                "goldstein", "source", "target", "source_side", "target_side", "sentences", "reporters", "evidence",
                "sentence")
UNKNOWN_REPORTER = "unknown"
# Turning points: a segment must hold at least this many non-empty periods, so that one odd
# month is an outlier, not a regime of its own.
MIN_SEGMENT = 2


@dataclass(frozen=True, slots=True)
class Period:
    label: str  # "1939-09", "1939-W36", "1939-Q3", "1939"
    first: date
    last: date


@dataclass(slots=True)
class PeriodRow:
    period: Period
    events: list[EventRecord]

    @property
    def scores(self) -> list[float]:
        return [e.goldstein for e in self.events if e.goldstein is not None]

    @property
    def count(self) -> int:
        return len(self.events)

    @property
    def goldstein_mean(self) -> float | None:
        return sum(self.scores) / len(self.scores) if self.scores else None

    @property
    def goldstein_sum(self) -> float:
        return sum(self.scores)

    @property
    def cooperative(self) -> int:
        return sum(1 for s in self.scores if s > 0)

    @property
    def conflictual(self) -> int:
        return sum(1 for s in self.scores if s < 0)

    def reported_by(self, side: str) -> list[EventRecord]:
        """The events that this side's papers report (an event several sides report is in each list)."""
        return [e for e in self.events if side in (r or UNKNOWN_REPORTER for r in e.reporters)]

    def to_row(self, reporters: list[str]) -> dict[str, Any]:
        count = self.count
        row: dict[str, Any] = {
            "period": self.period.label, "start": self.period.first.isoformat(), "end": self.period.last.isoformat(),
            "count": count, "goldstein_mean": _rounded(self.goldstein_mean), "goldstein_sum": _rounded(self.goldstein_sum),
            "cooperative": self.cooperative, "conflictual": self.conflictual,
            "neutral": len(self.scores) - self.cooperative - self.conflictual,
            "share_cooperative": _rounded(self.cooperative / count) if count else None,
            "share_conflictual": _rounded(self.conflictual / count) if count else None,
        }
        for side in reporters:
            scores = [e.goldstein for e in self.reported_by(side) if e.goldstein is not None]
            row[f"count_{side}_sources"] = len(self.reported_by(side))
            row[f"goldstein_mean_{side}_sources"] = _rounded(sum(scores) / len(scores)) if scores else None
        return row


@dataclass(slots=True)
class EventSpan:
    """An event that runs over more than one period, listed once: its figures are counted in
    the period it begins in (when that is in the series' range), and a chart draws it as one band
    from ``shown[0]`` to ``shown[1]``, the periods of the range it covers."""

    first: Period  # the period it begins in
    last: Period  # the period it ends in
    event: EventRecord  # one record; a named event's holds the evidence of every sentence naming it
    counted: bool  # whether it begins inside the range, so that its first period's figures hold it
    shown: tuple[str, str]  # the first and last period of the range it covers

    @property
    def counted_in(self) -> str | None:
        return self.first.label if self.counted else None

    @property
    def label(self) -> str:
        """What a reader calls it: its name, else who did what ("JPN→USSR pressure decreased")."""
        if self.event.name:
            return self.event.name
        actors = f"{self.event.source_side or '?'}→{self.event.target_side or '?'}"
        return f"{actors} {self.event.trigger}" if self.event.trigger else f"{actors} CAMEO {self.event.type}"

    @property
    def periods_label(self) -> str:
        return f"{self.first.label}..{self.last.label}"

    def to_row(self) -> dict[str, Any]:
        """One row of the spans table: where it begins, ends and is counted, what it is, and its
        evidence as places in the sources ("source_id:start-end", the sentences in document order)."""
        event = self.event
        return {"first_period": self.first.label, "last_period": self.last.label, "counted_in": self.counted_in,
                "date": event.date, "date_end": event.date_end, "name": event.name, "label": self.label,
                "type": event.type, "plover": event.plover, "goldstein": event.goldstein,
                "source": event.source, "target": event.target, "source_side": event.source_side,
                "target_side": event.target_side, "sentences": len(event.evidence),
                "reporters": "; ".join(r or UNKNOWN_REPORTER for r in event.reporters),
                "evidence": "; ".join(f"{e.source_id}:{e.start}-{e.end}" for e in event.evidence),
                "sentence": event.evidence[0].sentence if event.evidence else None}

    def to_dict(self) -> dict[str, Any]:
        return {"first": self.first.label, "last": self.last.label, "counted_in": self.counted_in,
                "shown": list(self.shown), "label": self.label, "start": self.event.first_day.isoformat(),
                "end": self.event.last_day.isoformat(), "event": self.event.to_dict()}


@dataclass(slots=True)
class Relations:
    sides: tuple[str, str]
    by: str
    directed: bool
    reporter: str | None
    rows: list[PeriodRow]
    undated: int = 0  # events of the pair with no date
    imprecise: int = 0  # events of the pair dated more coarsely than the periods
    outside: int = 0  # events of the pair that begin outside [from, to]
    spans: list[EventSpan] = field(default_factory=list)  # events running over several periods, once each

    @property
    def reporters(self) -> list[str]:
        """The reporting sides met, known ones first, for the count_<SIDE>_sources columns."""
        seen = {r or UNKNOWN_REPORTER for row in self.rows for e in row.events for r in e.reporters}
        return sorted(seen - {UNKNOWN_REPORTER}) + ([UNKNOWN_REPORTER] if UNKNOWN_REPORTER in seen else [])

    def table(self) -> list[dict[str, Any]]:
        reporters = self.reporters
        return [row.to_row(reporters) for row in self.rows]

    def events_in(self, period: str) -> list[EventRecord]:
        """The events behind one period's numbers, each with its sentences, notes and citations."""
        for row in self.rows:
            if row.period.label == period:
                return row.events
        raise KeyError(f"{period!r} is not a period of this series")

    def span_table(self) -> list[dict[str, Any]]:
        return [span.to_row() for span in self.spans]

    def summary(self) -> dict[str, Any]:
        return {"sides": list(self.sides), "by": self.by, "directed": self.directed, "reporter": self.reporter,
                "periods": len(self.rows), "counted": sum(row.count for row in self.rows),
                "undated": self.undated, "imprecise": self.imprecise, "outside": self.outside,
                "spans": len(self.spans)}


# --- periods ---------------------------------------------------------------------------------------

def parse_bound(text: str, last: bool = False) -> date:
    """A --from/--to bound: "1939", "1939-01", "1939-01-15"; its first day, or its last with ``last``."""
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text.strip()):
        raise ValueError(f"{text!r} is not a date such as 1939, 1939-01 or 1939-01-15")
    span = day_span(text.strip())
    if span is None or (len(text.strip()) > 4 and not 1 <= int(text.strip()[5:7]) <= 12):
        raise ValueError(f"{text!r} is not a valid date")
    return span[1] if last else span[0]


def period_of(day: date, by: str) -> Period:
    if by == "month":
        next_month = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return Period(f"{day.year}-{day.month:02d}", day.replace(day=1), next_month - timedelta(days=1))
    if by == "quarter":
        quarter = (day.month - 1) // 3 + 1
        first = date(day.year, 3 * quarter - 2, 1)
        last = date(day.year, 12, 31) if quarter == 4 else date(day.year, 3 * quarter + 1, 1) - timedelta(days=1)
        return Period(f"{day.year}-Q{quarter}", first, last)
    if by == "year":
        return Period(str(day.year), date(day.year, 1, 1), date(day.year, 12, 31))
    if by == "week":  # ISO weeks, Monday to Sunday, labelled by their ISO year
        year, week, weekday = day.isocalendar()
        first = day - timedelta(days=weekday - 1)
        return Period(f"{year}-W{week:02d}", first, first + timedelta(days=6))
    raise ValueError(f"by must be one of {', '.join(GRANULARITIES)}, not {by!r}")


def periods(start: date, end: date, by: str) -> list[Period]:
    """Every period from the one holding ``start`` to the one holding ``end``."""
    found = []
    current = period_of(start, by)
    while current.first <= end:
        found.append(current)
        current = period_of(current.last + timedelta(days=1), by)
    return found


# --- the series ------------------------------------------------------------------------------------

def relations(events: Iterable[EventRecord], a: str, b: str, start: str | None = None, end: str | None = None,
              by: str = "month", directed: bool = False, reporter: str | None = None) -> Relations:
    """The series of interactions between sides ``a`` and ``b`` (codes or names: "SUN", "Japan").
    Either direction unless ``directed`` (then a -> b only); ``reporter`` keeps only what that
    side's papers report. Without ``start``/``end`` the series spans the pair's dated events."""
    if by not in GRANULARITIES:
        raise ValueError(f"by must be one of {', '.join(GRANULARITIES)}, not {by!r}")
    sides = (side_code(a), side_code(b))
    wanted = side_code(reporter) if reporter else None
    pair = [e for e in (_reported_by(e, wanted) for e in events if _between(e, sides, directed)) if e]
    dated = [e for e in pair if e.first_day is not None]
    first = parse_bound(start) if start else min((e.first_day for e in dated), default=None)
    last = parse_bound(end, last=True) if end else max((e.last_day for e in dated), default=None)
    result = Relations(sides, by, directed, wanted, [], undated=len(pair) - len(dated))
    if first is None or last is None or first > last:
        result.outside = len(dated)
        return result
    rows = {p.label: PeriodRow(p, []) for p in periods(first, last, by)}
    placed: list[tuple[EventRecord, _Placing]] = []
    for event in dated:
        placing = _placed(event, by)
        if placing is None:
            result.imprecise += 1
        else:
            placed.append((event, placing))
    # a named event with a span is one event: every sentence naming it is placed as that span, and
    # carries its dates (its record is one with theirs once merged)
    named_spans: dict[str, tuple[EventRecord, _Placing]] = {}
    for event, placing in placed:
        if event.name and placing.spans:
            named_spans.setdefault(event.name, (event, placing))
    spanning: dict[Any, tuple[_Placing, list[EventRecord]]] = {}
    for i, (event, placing) in enumerate(placed):
        if event.name in named_spans and placing != named_spans[event.name][1]:
            head, placing = named_spans[event.name]
            event = replace(event, date=head.date, date_end=head.date_end, date_precision=head.date_precision)
        if placing.until < first or placing.onset[0] > last:
            result.outside += 1
            continue
        if placing.onset[1] >= first:  # it begins in the range: counted where it begins
            rows[placing.begin.label].events.append(event)
        else:  # it begins before the range: counted there, not here, though drawn here
            result.outside += 1
        if placing.spans:
            spanning.setdefault(("named", event.name) if event.name else i, (placing, []))[1].append(event)
    result.rows = [PeriodRow(row.period, _merge_named(row.events)) for row in rows.values()]
    labels = list(rows)
    for placing, records in spanning.values():
        begin, end = placing.begin, placing.end
        shown = (begin.label if begin.label in rows else labels[0], end.label if end.label in rows else labels[-1])
        result.spans.append(EventSpan(begin, end, _merge_named(records)[0], placing.onset[1] >= first, shown))
    return result


def _between(event: EventRecord, sides: tuple[str, str], directed: bool) -> bool:
    actors = (event.source_side, event.target_side)
    return actors == sides or (not directed and actors == sides[::-1])


def _reported_by(event: EventRecord, side: str | None) -> EventRecord | None:
    if side is None:
        return event
    kept = [e for e in event.evidence if e.reporter == side]
    return replace(event, evidence=kept) if kept else None


@dataclass(frozen=True, slots=True)
class _Placing:
    """Where an event stands in a series: the days its (first) date stands for, the last day it
    lasts to, and the periods it begins and ends in."""

    onset: tuple[date, date]
    until: date
    begin: Period
    end: Period

    @property
    def spans(self) -> bool:
        return self.begin != self.end


def _placed(event: EventRecord, by: str) -> _Placing | None:
    """An event's placing; None when a date it gives is too coarse to fall in one period (an
    end too, for a span: "from July 1939 into 1940" is not drawn to December 1940)."""
    onset = day_span(event.date)
    if onset is None or not _within_one_period(onset, by):
        return None
    until = day_span(event.date_end) if event.date_end else None
    if until is None or until[1] < onset[0]:  # no end it lasted to: an event of one date
        until = onset
    elif not _within_one_period(until, by):
        return None
    return _Placing(onset, until[1], period_of(onset[0], by), period_of(until[1], by))


def _within_one_period(days: tuple[date, date], by: str) -> bool:
    """Whether a date is known finely enough to fall in one period: "1939-07" in a monthly series,
    not "1939" (so "throughout 1939–1941" is not placed in one of the months of three years)."""
    first, last = days
    return period_of(first, by) == period_of(last, by)


def _merge_named(events: list[EventRecord]) -> list[EventRecord]:
    """One record per named event, holding the evidence of all the sentences that present it."""
    merged: list[EventRecord] = []
    by_name: dict[str, EventRecord] = {}
    for event in events:
        if event.name is None:
            merged.append(event)
        elif event.name in by_name:
            by_name[event.name].evidence.extend(event.evidence)
        else:
            by_name[event.name] = replace(event, evidence=list(event.evidence))
            merged.append(by_name[event.name])
    return merged


def spans_path(path: str | Path) -> Path:
    """Where ``write_csv`` writes the spans beside the per-period table: relations.spans.csv
    beside relations.csv."""
    path = Path(path)
    return path.with_name(f"{path.stem}.spans{path.suffix or '.csv'}")


def write_csv(series: Relations, path: str | Path) -> Path:
    """The per-period table at ``path``, one row per period (its columns as they always were), and
    the spans, one row each, in a table of their own beside it (``spans_path``), written even when
    there are none so that a script can rely on it. Returns the spans' path."""
    rows = series.table()
    _write_rows(path, list(rows[0]) if rows else list(FIXED_COLUMNS), rows)
    beside = spans_path(path)
    _write_rows(beside, list(SPAN_COLUMNS), series.span_table())
    return beside


def _write_rows(path: str | Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


# --- turning points --------------------------------------------------------------------------------

@dataclass(slots=True)
class TurningPoint:
    """Where the tone changes: ``period`` opens a new segment of the Goldstein-mean series."""

    period: str
    before: tuple[str, str]  # first and last period of the segment before
    after: tuple[str, str]
    mean_before: float  # mean of the segment's period means
    mean_after: float
    evidence: list[EventRecord] = field(default_factory=list)  # what ends or begins at the change

    def to_dict(self) -> dict[str, Any]:
        return {"period": self.period, "before": list(self.before), "after": list(self.after),
                "mean_before": round(self.mean_before, 3), "mean_after": round(self.mean_after, 3),
                "evidence": [e.to_dict() for e in self.evidence]}


def penalty(signal: np.ndarray) -> float:
    """The BIC penalty for one more change in mean under Gaussian noise, 2 σ² ln n, with σ² from
    Rice's difference-based estimator Σ(Δy)² / 2(n−1): a level shift moves one difference only, so
    the noise is not mistaken for regimes; and unlike a MAD it does not collapse to nothing when
    many periods share one value (a long run of months with the same one kind of event)."""
    n = len(signal)
    if n < 2:
        return 0.0
    variance = float(np.sum(np.diff(signal) ** 2)) / (2 * (n - 1))
    return 2 * variance * math.log(n)


def turning_points(series: Relations) -> list[TurningPoint]:
    """Change points of the per-period Goldstein mean (PELT, least squares, BIC penalty) over the
    periods that have events: an empty period has no tone, and filling it would invent one."""
    scored = [row for row in series.rows if row.goldstein_mean is not None]
    if len(scored) < 2 * MIN_SEGMENT:
        return []
    signal = np.array([row.goldstein_mean for row in scored], dtype=float)
    pen = penalty(signal)
    if pen == 0.0:  # a constant series has no change
        return []
    ends = ruptures.Pelt(model="l2", min_size=MIN_SEGMENT, jump=1).fit(signal).predict(pen=pen)
    bounds = [0, *ends]
    points = []
    for i in range(1, len(bounds) - 1):
        before, after = scored[bounds[i - 1]:bounds[i]], scored[bounds[i]:bounds[i + 1]]
        points.append(TurningPoint(
            period=after[0].period.label,
            before=(before[0].period.label, before[-1].period.label),
            after=(after[0].period.label, after[-1].period.label),
            mean_before=float(np.mean(signal[bounds[i - 1]:bounds[i]])),
            mean_after=float(np.mean(signal[bounds[i]:bounds[i + 1]])),
            evidence=_changed(before[-1].events, after[0].events)))
    return points


def _changed(before: list[EventRecord], after: list[EventRecord]) -> list[EventRecord]:
    """What drives a change between two adjacent periods: the events of the first that the second
    does not hold, and those of the second that the first does not. Each event is counted in one
    period, so only a named event told in both (once a period) moves neither side."""
    ended = {_identity(e) for e in before}
    begun = {_identity(e) for e in after}
    return [e for e in before if _identity(e) not in begun] + [e for e in after if _identity(e) not in ended]


def _identity(event: EventRecord) -> tuple:
    if event.name:
        return ("named", event.name)
    first = event.evidence[0] if event.evidence else None
    return (event.type, event.source, event.target, event.date, event.date_end,
            first.source_id if first else None, first.start if first else None)
