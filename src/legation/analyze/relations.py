"""Relations between two sides over time: per week, month or quarter, how many interactions,
their mean and summed Goldstein score, how many cooperative and conflictual, split by the side
whose papers report them; and the turning points of the tone, each with its evidence.

Placing events in periods:
- an event with a span (date..date_end: a battle) counts once in every period it overlaps, when
  both ends are known finely enough to fall in one period each; "throughout 1939–1941" is not
  spread over the months of three years;
- an event with one date counts in the period holding it; when that date is known only more
  coarsely than the periods ("in 1939" in a monthly series), no period can be chosen: it is left
  out and counted in ``Relations.imprecise``; undated events in ``Relations.undated``;
- a named event ("Battles of Khalkhin Gol") counts once per period however many sentences present
  it; its sentences are all kept as its evidence.
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

GRANULARITIES = ("week", "month", "quarter")
FIXED_COLUMNS = ("period", "start", "end", "count", "goldstein_mean", "goldstein_sum", "cooperative",
                 "conflictual", "neutral", "share_cooperative", "share_conflictual")
UNKNOWN_REPORTER = "unknown"
# Turning points: a segment must hold at least this many non-empty periods, so that one odd
# month is an outlier, not a regime of its own.
MIN_SEGMENT = 2


@dataclass(frozen=True, slots=True)
class Period:
    label: str  # "1939-09", "1939-W36", "1939-Q3"
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
class Relations:
    sides: tuple[str, str]
    by: str
    directed: bool
    reporter: str | None
    rows: list[PeriodRow]
    undated: int = 0  # events of the pair with no date
    imprecise: int = 0  # events of the pair dated more coarsely than the periods
    outside: int = 0  # events of the pair dated outside [from, to]

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

    def summary(self) -> dict[str, Any]:
        return {"sides": list(self.sides), "by": self.by, "directed": self.directed, "reporter": self.reporter,
                "periods": len(self.rows), "counted": sum(row.count for row in self.rows),
                "undated": self.undated, "imprecise": self.imprecise, "outside": self.outside}


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
    for event in dated:
        labels = _periods_of(event, by, first, last)
        if labels is None:
            result.imprecise += 1
            continue
        result.outside += not labels
        for label in labels:
            rows[label].events.append(event)
    result.rows = [PeriodRow(row.period, _merge_named(row.events)) for row in rows.values()]
    return result


def _between(event: EventRecord, sides: tuple[str, str], directed: bool) -> bool:
    actors = (event.source_side, event.target_side)
    return actors == sides or (not directed and actors == sides[::-1])


def _reported_by(event: EventRecord, side: str | None) -> EventRecord | None:
    if side is None:
        return event
    kept = [e for e in event.evidence if e.reporter == side]
    return replace(event, evidence=kept) if kept else None


def _periods_of(event: EventRecord, by: str, low: date, high: date) -> list[str] | None:
    """The labels of the periods in [low, high] an event counts in; None when its one date is too
    coarse to place in one period."""
    first, last = event.first_day, event.last_day
    ends = (event.date, event.date_end) if event.is_interval else (event.date,)
    if any(not _within_one_period(end, by) for end in ends):
        return None
    if last < low or first > high:
        return []
    return [p.label for p in periods(max(first, low), min(last, high), by)]


def _within_one_period(partial: str, by: str) -> bool:
    """Whether a date is known finely enough to fall in one period: "1939-07" in a monthly series,
    not "1939" (so "throughout 1939–1941" is not spread as +3 over every month of three years)."""
    first, last = day_span(partial)
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


def write_csv(series: Relations, path: str | Path) -> None:
    rows = series.table()
    columns = list(rows[0]) if rows else list(FIXED_COLUMNS)
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
    many periods share one value (an event spanning years gives them all its score)."""
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
    """What drives a change between two adjacent periods: the events that end with the first or
    begin with the second. One lasting through both (a battle, a pact's years) moves neither side."""
    ended = {_identity(e) for e in before}
    begun = {_identity(e) for e in after}
    return [e for e in before if _identity(e) not in begun] + [e for e in after if _identity(e) not in ended]


def _identity(event: EventRecord) -> tuple:
    if event.name:
        return ("named", event.name)
    first = event.evidence[0] if event.evidence else None
    return (event.type, event.source, event.target, event.date, event.date_end,
            first.source_id if first else None, first.start if first else None)
