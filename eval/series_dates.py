"""Dates that hold, over every report of a store (issue 21's dating checks, at the size of a series).

Run on the store of the FRUS series (bench/series.py keeps it) or any store of reports:

    .venv/bin/python eval/series_dates.py --db /tmp/legation_series.db [--examples 5]

Per collection file and overall, over the events of its reports:
- events dated before 1900;
- events whose date begins more than a year (366 days) after their report's date;
- events with a span (date .. date_end), and how many run over more than a month;
- "counted in more than one month": by construction of ``legation.analyze.relations`` every event
  counts once, in the month its date (or span) begins; the script checks it on the monthly series
  of every pair of sides, counting events placed in more than one month (must be 0) and spans
  listed apart (``Relations.spans``, drawn as one band).

Targets (issue 21): no event before 1900 nor more than a year after its report; none counted in
more than one month; every span listed once.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

from legation.analyze.evidence import load_events
from legation.analyze.relations import relations
from legation.lexicon.dates import date_span
from legation.store.sqlite import Store

EVENTS_OF_REPORTS = """
    SELECT r.file, r.id, r.date, e.date, e.date_end, e.date_precision,
           substr(s.body, e.evidence_start + 1, min(e.evidence_end - e.evidence_start, 160))
    FROM events e JOIN reports r ON r.source_id = e.source_id JOIN sources s ON s.id = e.source_id"""


def _day(value: str | None, last: bool = False) -> date | None:
    span = date_span(value, None) if value else None
    return (span[1] if last else span[0]) if span else None


def check_events(db: sqlite3.Connection, examples: int) -> dict[str, Counter]:
    by_file: dict[str, Counter] = defaultdict(Counter)
    shown: dict[str, list[str]] = defaultdict(list)
    for path, report, reported, start, end, precision, sentence in db.execute(EVENTS_OF_REPORTS):
        tally = by_file[Path(path).name]
        tally["events"] += 1
        first, last = _day(start), _day(end or start, last=True)
        reported_day = _day(reported)
        problems = []
        if first is None:
            tally["undated"] += 1
            continue
        if first.year < 1900:
            problems.append("before 1900")
        if reported_day and first > reported_day + timedelta(days=366):
            problems.append("after report")
        if end:
            tally["spans"] += 1
            if last and (last - first).days > 31:
                tally["spans over a month"] += 1
        for problem in problems:
            tally[problem] += 1
            if len(shown[problem]) < examples:
                shown[problem].append(f"{Path(path).name}#{report} ({reported}): {start}..{end or ''} "
                                      f"({precision}) {' '.join(sentence.split())!r}")
    for problem, lines in shown.items():
        print(f"-- {problem}:")
        for line in lines:
            print(f"   {line}")
    return by_file


def check_months(store: Store) -> Counter:
    """Every pair of sides by month: is any event placed in more than one month, and how many spans
    are listed apart."""
    events = load_events(store)
    pairs = Counter((e.source_side, e.target_side) for e in events if e.source_side and e.target_side)
    tally: Counter = Counter()
    for (a, b), _ in pairs.most_common(40):  # the pairs that carry the series
        if a == b:
            continue
        try:
            series = relations(events, a, b, by="month", directed=True)
        except ValueError:
            continue
        placed = Counter(id(e) for row in series.rows for e in row.events)
        tally["pairs"] += 1
        tally["events counted"] += len(placed)
        tally["counted in more than one month"] += sum(1 for n in placed.values() if n > 1)
        tally["spans listed apart"] += len(series.spans)
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--examples", type=int, default=5)
    args = parser.parse_args()
    if not args.db.exists():
        print(f"skipped: {args.db} does not exist (bench/series.py --whole builds the series store)")
        return 0
    with Store(args.db, readonly=True) as store:
        by_file = check_events(store.db, args.examples)
        months = check_months(store)
    total = sum(by_file.values(), Counter())
    columns = ("events", "undated", "before 1900", "after report", "spans", "spans over a month")
    print(f"{'file':<28}" + "".join(f"{c:>20}" for c in columns))
    for name, tally in sorted(by_file.items()):
        if tally["before 1900"] or tally["after report"]:
            print(f"{name:<28}" + "".join(f"{tally[c]:>20}" for c in columns))
    print(f"{f'all {len(by_file)} files':<28}" + "".join(f"{total[c]:>20}" for c in columns))
    print(f"monthly series of {months['pairs']} directed pairs: {months['events counted']} events counted, "
          f"{months['counted in more than one month']} in more than one month, "
          f"{months['spans listed apart']} spans listed apart (each drawn as one band)")
    met = not total["before 1900"] and not total["after report"] and not months["counted in more than one month"]
    print(f"target: no event before 1900 or over a year after its report, none counted twice — "
          f"{'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
