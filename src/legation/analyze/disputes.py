"""Relations checked against data nobody here made: militarized interstate disputes by dyad-year.

The Gibler–Miller–Little MID data says in which years two states were in a militarized dispute
and how hostile it got. Two shapes of it are read: dyad-years (one row per year and direction,
disputes or not: ``midongoing``, ``midonset``, ``hostlev_dyad`` 0–5, ``dispnums``) and directed
dispute-years (one row per dispute, year and direction, only years with a dispute: ``dispnum``,
``hostlev1``/``hostlev2``, each state's own level); in the second, a year it does not list had no
dispute. A series of interactions read from the
documents should be more conflictual in those years than in the others, and its turning points
should fall near a dispute's onset — where it does not, either the documents are silent on the
dispute (an edition covers some years and topics, not others) or the reading is wrong; the
comparison shows which years to read.

A year counts only with at least ``min_events`` scored events: a year the documents barely touch
has no tone worth comparing, and it is listed as thin rather than averaged in.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from legation.analyze.relations import Relations, TurningPoint
from legation.errors import InputError

REQUIRED = ("year", "ccode1", "ccode2", "midongoing", "midonset")
DYAD_YEARS = ("hostlev_dyad", "dispnums")  # one row a year and direction, disputes or not
DISPUTE_YEARS = ("hostlev1", "hostlev2", "dispnum")  # one row a dispute, year and direction


@dataclass(frozen=True, slots=True)
class DyadYear:
    """One year of a dyad, both directions together."""

    year: int
    ongoing: bool  # a dispute between the two was under way in the year
    onset: bool  # one began in it
    hostility: int  # the highest hostility level the two reached against each other, 0 when none
    disputes: tuple[str, ...]


def read_dyad_years(path: str | Path) -> "DyadYears":
    """The years of the one dyad a GML file holds (its rows in either direction joined); for a file
    of dispute-years, only the years with a dispute (``year_of`` gives the others)."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError) as problem:
        raise InputError(str(path), f"cannot be read ({problem})") from None
    shape = next((s for s in (DYAD_YEARS, DISPUTE_YEARS) if rows and all(c in rows[0] for c in (*REQUIRED, *s))),
                 None)
    if shape is None:
        raise InputError(str(path), f"not a GML dyad-year or dispute-year file: it needs the columns "
                                    f"{', '.join(REQUIRED)} and {' or '.join(', '.join(s) for s in (DYAD_YEARS, DISPUTE_YEARS))}")
    dyads = {frozenset((row["ccode1"], row["ccode2"])) for row in rows}
    if len(dyads) != 1:
        shown = ", ".join("–".join(sorted(d)) for d in sorted(dyads, key=sorted)[:5])
        raise InputError(str(path), f"holds {len(dyads)} dyads ({shown}); give a file of one dyad")
    years: dict[int, DyadYear] = {}
    try:
        for row in rows:
            year = int(row["year"])
            known = years.get(year)
            if shape is DYAD_YEARS:
                disputes = tuple(d for d in (row["dispnums"] or "").split(";") if d)
                hostility = int(row["hostlev_dyad"] or 0)
            else:
                disputes = (row["dispnum"],)
                hostility = max(int(row["hostlev1"] or 0), int(row["hostlev2"] or 0))
            years[year] = DyadYear(
                year=year,
                ongoing=(known is not None and known.ongoing) or row["midongoing"] == "1",
                onset=(known is not None and known.onset) or row["midonset"] == "1",
                hostility=max(known.hostility if known else 0, hostility),
                disputes=tuple(dict.fromkeys((*(known.disputes if known else ()), *disputes))))
    except ValueError as problem:
        raise InputError(str(path), f"a year or hostility level is not a number ({problem})") from None
    return DyadYears(years, every_year=shape is DISPUTE_YEARS)


@dataclass(slots=True)
class DyadYears:
    """A dyad's years; ``every_year``: a year not listed had no dispute (a file of dispute-years),
    rather than not covered (a file of dyad-years says each year it covers)."""

    years: dict[int, DyadYear]
    every_year: bool = False

    def year_of(self, year: int) -> DyadYear | None:
        if year in self.years:
            return self.years[year]
        return DyadYear(year, False, False, 0, ()) if self.every_year else None

    @property
    def onsets(self) -> set[int]:
        return {year for year, dyad in self.years.items() if dyad.onset}


@dataclass(slots=True)
class YearRow:
    year: int
    events: int
    tone: float | None  # the year's Goldstein mean
    dispute: DyadYear
    thin: bool  # fewer scored events than the comparison needs


@dataclass(slots=True)
class DisputeComparison:
    rows: list[YearRow]
    min_events: int
    turning_points: list[tuple[str, bool]] = field(default_factory=list)  # (period, a dispute began that year)

    def _compared(self, in_dispute: bool) -> list[YearRow]:
        return [r for r in self.rows if not r.thin and r.dispute.ongoing == in_dispute]

    def tone(self, in_dispute: bool) -> float | None:
        """The mean of the years' tones, dispute years or the others."""
        tones = [r.tone for r in self._compared(in_dispute) if r.tone is not None]
        return sum(tones) / len(tones) if tones else None

    @property
    def difference(self) -> float | None:
        """How much lower tone is in dispute years than in the others (positive: lower)."""
        dispute, other = self.tone(True), self.tone(False)
        return None if dispute is None or other is None else other - dispute

    @property
    def correlation(self) -> float | None:
        """Spearman's rank correlation of the year's hostility level (0 when no dispute) with its
        tone, over the compared years; negative when more hostile years read more conflictual."""
        pairs = [(r.dispute.hostility, r.tone) for r in self.rows if not r.thin and r.tone is not None]
        return spearman([p[0] for p in pairs], [p[1] for p in pairs]) if len(pairs) >= 3 else None

    @property
    def thin_years(self) -> list[int]:
        return [r.year for r in self.rows if r.thin]

    def summary(self) -> dict[str, Any]:
        dispute, other = self._compared(True), self._compared(False)
        return {"years": len(self.rows), "compared": len(dispute) + len(other), "min_events": self.min_events,
                "dispute_years": len(dispute), "other_years": len(other),
                "tone_dispute_years": _rounded(self.tone(True)), "tone_other_years": _rounded(self.tone(False)),
                "difference": _rounded(self.difference), "spearman_hostility_tone": _rounded(self.correlation),
                "thin_years": self.thin_years,
                "turning_points": [{"period": p, "dispute_onset_that_year": hit} for p, hit in self.turning_points]}

    def table(self) -> list[dict[str, Any]]:
        return [{"year": r.year, "events": r.events, "tone": _rounded(r.tone), "dispute": r.dispute.ongoing,
                 "onset": r.dispute.onset, "hostility": r.dispute.hostility,
                 "disputes": ";".join(r.dispute.disputes), "thin": r.thin} for r in self.rows]


def compare(yearly: Relations, dyad_years: DyadYears, points: list[TurningPoint] = (),
            min_events: int = 10) -> DisputeComparison:
    """The yearly series beside the dispute years it shares with them; ``points`` (turning points of
    this or a finer series of the same pair) are marked where a dispute began in their year."""
    if yearly.by != "year":
        raise ValueError("compare a series by year with dyad-years (relations … --by year)")
    rows = []
    for row in yearly.rows:
        year = row.period.first.year
        dyad = dyad_years.year_of(year)
        if dyad is None:
            continue
        rows.append(YearRow(year, row.count, row.goldstein_mean, dyad, thin=len(row.scores) < min_events))
    marked = [(p.period, int(p.period[:4]) in dyad_years.onsets) for p in points]
    return DisputeComparison(rows, min_events, marked)


def spearman(xs: list[float], ys: list[float]) -> float | None:
    """Rank correlation (ties given their mean rank); None when either side is constant."""
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    return cov / math.sqrt(vx * vy) if vx and vy else None


def _ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
