"""Relations over time: periods, the series' rules, who reports, turning points, the CLI, and the
seed article checked against the militarized-dispute and alliance data (ground truth nobody here made)."""

import csv
import json
import re
import sqlite3
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import shared_path
from legation.analyze.evidence import Evidence, EventRecord, citation_side, load_events
from legation.analyze.relations import (FIXED_COLUMNS, SPAN_COLUMNS, parse_bound, period_of, periods, relations,
                                        spans_path, turning_points, write_csv)
from legation.lexicon.sides import side_code
from legation.cli import app
from legation.store.sqlite import Store

EVENTCODING = shared_path("data", "eventcoding")
USSR, JAPAN = 365, 740  # Correlates of War country codes


@pytest.fixture(scope="module")
def seed_store(seeds_db):
    return seeds_db  # read only


@pytest.fixture(scope="module")
def seed_events(seed_store):
    with Store(seed_store) as store:
        return load_events(store)


def event(date_, goldstein=1.0, a="USSR", b="JPN", date_end=None, name=None, reporter="USSR", footnote=1):
    evidence = Evidence("x.txt", "s", f"sentence of {name or date_}", 0, 10, 0, 10, footnote, ("AVP RF. F. 1.",), reporter)
    return EventRecord("040", "CONSULT", goldstein, a, b, a, b, date_, date_end, "day", name, None, [evidence])


# --- sides and periods ---------------------------------------------------------------------------

def test_side_aliases_are_data():
    assert [side_code(n) for n in ("SUN", "RUS", "ussr", "Soviet Union", "Japan", "jpn", "UK", "Germany")] == \
        ["USSR", "USSR", "USSR", "USSR", "JPN", "JPN", "GBR", "DEU"]
    with pytest.raises(ValueError, match="not a known side"):
        side_code("Atlantis")


def test_any_state_past_or_present_is_a_side():
    """ISO 3166 codes and names, common names, and states that no longer exist, with their dates."""
    from legation.lexicon.sides import states

    assert [side_code(n) for n in ("KOR", "Korea", "South Korea", "ROK", "North Korea", "Philippines", "PHL",
                                   "Yugoslavia", "East Germany", "Manchukuo", "South Vietnam")] == \
        ["KOR", "KOR", "KOR", "KOR", "PRK", "PHL", "PHL", "YUG", "DDR", "MAN", "RVN"]
    manchukuo = states()["MAN"]
    assert manchukuo.exists_on(date(1939, 5, 1)) and not manchukuo.exists_on(date(1949, 5, 1))
    assert states()["KOR"].exists_on(date(1949, 1, 1)) and not states()["KOR"].exists_on(date(1939, 1, 1))
    with pytest.raises(ValueError, match=r"closest: KOR \(Republic of Korea\), PRK"):
        side_code("Koreaa")


def test_relations_of_any_pair(tmp_path):
    events = [event("1949-06-01", 3, a="USA", b="KOR"), event("1949-06-20", -2, a="KOR", b="USA")]
    series = relations(events, "USA", "South Korea", "1949-06", "1949-06")
    assert series.sides == ("USA", "KOR") and series.table()[0]["count"] == 2


def test_period_labels():
    assert [p.label for p in periods(date(1939, 8, 15), date(1939, 10, 1), "month")] == ["1939-08", "1939-09", "1939-10"]
    assert [p.label for p in periods(date(1939, 9, 1), date(1939, 9, 10), "week")] == ["1939-W35", "1939-W36"]
    assert [p.label for p in periods(date(1939, 6, 30), date(1940, 1, 1), "quarter")] == \
        ["1939-Q2", "1939-Q3", "1939-Q4", "1940-Q1"]
    q4 = periods(date(1939, 11, 5), date(1939, 11, 5), "quarter")[0]
    assert (q4.first, q4.last) == (date(1939, 10, 1), date(1939, 12, 31))
    assert parse_bound("1941-02", last=True) == date(1941, 2, 28) and parse_bound("1939") == date(1939, 1, 1)
    for bad in ("1939-13", "1939/05", "spring"):
        with pytest.raises(ValueError):
            parse_bound(bad)


@given(st.text(max_size=30))
def test_any_bound_is_a_date_or_a_clear_error(text):
    try:
        assert isinstance(parse_bound(text), date)
    except ValueError as problem:
        assert "date" in str(problem)


# --- the series' rules ---------------------------------------------------------------------------

def test_spans_named_events_empty_and_left_out_periods():
    """Issue 21's rule: a span counts once, where it begins; a named event is one event."""
    events = [
        event("1939-05-11", -10, date_end="1939-09-16", name="Khalkhin Gol"),  # a span: May..September
        event("1939-06-02", -10, name="Khalkhin Gol"),  # another sentence naming it: the same battle
        event("1939-06-20", 4, a="JPN", b="USSR"),  # the other direction
        event("1939-06", -4, reporter=None),
        event("1939", 3),  # "in 1939": too coarse for a month
        event(None, 5),  # undated
        event("1939-06-05", 8, a="USSR", b="DEU"),  # another pair
        event("1938-01-01", 2),  # outside the range
    ]
    series = relations(events, "SUN", "Japan", "1939-04", "1939-10")
    table = {row["period"]: row for row in series.table()}
    assert list(table) == ["1939-04", "1939-05", "1939-06", "1939-07", "1939-08", "1939-09", "1939-10"]
    assert [table[p]["count"] for p in table] == [0, 1, 2, 0, 0, 0, 0]  # the battle once, in May
    assert table["1939-04"]["goldstein_mean"] is None and table["1939-04"]["goldstein_sum"] == 0
    may, june = table["1939-05"], table["1939-06"]
    assert (may["goldstein_mean"], may["goldstein_sum"], may["conflictual"]) == (-10.0, -10.0, 1)
    assert (june["goldstein_mean"], june["goldstein_sum"], june["cooperative"], june["conflictual"]) == \
        (0.0, 0.0, 1, 1)
    assert (june["count_USSR_sources"], june["count_unknown_sources"]) == (1, 1)
    assert (june["goldstein_mean_USSR_sources"], june["goldstein_mean_unknown_sources"]) == (4.0, -4.0)
    [battle] = series.events_in("1939-05")
    assert battle.name == "Khalkhin Gol" and len(battle.evidence) == 2  # both sentences kept as its evidence
    assert (battle.date, battle.date_end) == ("1939-05-11", "1939-09-16")  # the June sentence joins the span
    assert not [e for e in series.events_in("1939-06") if e.name]
    [span] = series.spans
    assert (span.first.label, span.last.label, span.counted_in, span.shown) == \
        ("1939-05", "1939-09", "1939-05", ("1939-05", "1939-09"))
    assert span.event.evidence == battle.evidence
    assert (series.undated, series.imprecise, series.outside) == (1, 1, 1)
    # June alone: the battle began in May, before the range, so it is not in June's figures
    directed = relations(events, "USSR", "JPN", "1939-06", "1939-06", directed=True)
    assert directed.table()[0]["count"] == 1 and directed.outside == 3  # the battle's two sentences, 1938
    assert [(s.first.label, s.counted, s.shown) for s in directed.spans] == [("1939-05", False, ("1939-06", "1939-06"))]
    assert relations(events, "USSR", "JPN", "1939-06", "1939-06", reporter="SUN").table()[0]["count"] == 1
    june = [event("1939-06")]  # known to the month: too coarse for weeks, placed in a quarter
    assert relations(june, "USSR", "JPN", by="week").imprecise == 1
    assert [r["count"] for r in relations(june, "USSR", "JPN", by="quarter").table()] == [1]
    with pytest.raises(KeyError):
        series.events_in("1940-01")


def test_a_four_month_span_counts_once_where_it_begins():
    battle = event("1939-05-11", -10, date_end="1939-08-20", a="JPN", b="USSR")  # May..August
    talk = event("1939-07-03", 4)  # one date: July, as always
    series = relations([battle, talk], "USSR", "JPN", "1939-04", "1939-09")
    table = {row["period"]: row for row in series.table()}
    assert [table[p]["count"] for p in table] == [0, 1, 0, 1, 0, 0]
    assert (table["1939-05"]["goldstein_mean"], table["1939-05"]["goldstein_sum"], table["1939-05"]["conflictual"]) == \
        (-10.0, -10.0, 1)
    assert table["1939-06"]["goldstein_mean"] is None and table["1939-08"]["goldstein_sum"] == 0
    assert series.summary()["counted"] == 2 and series.summary()["spans"] == 1
    [span] = series.spans
    assert (span.first.label, span.last.label, span.counted_in, span.shown, span.periods_label) == \
        ("1939-05", "1939-08", "1939-05", ("1939-05", "1939-08"), "1939-05..1939-08")
    assert span.event.evidence == battle.evidence and span.label == "JPN→USSR CAMEO 040"
    # the single-date event's month is what it is without the span
    alone = relations([talk], "USSR", "JPN", "1939-04", "1939-09")
    assert alone.table()[3] == table["1939-07"] and alone.spans == []
    # once by week and by quarter too; a span inside one period is no band
    weekly = relations([battle, talk], "USSR", "JPN", "1939-04", "1939-09", by="week")
    assert sum(row.count for row in weekly.rows) == 2
    assert [(s.first.label, s.last.label) for s in weekly.spans] == [("1939-W19", "1939-W33")]  # Sunday 20 August
    quarterly = relations([battle, talk], "USSR", "JPN", "1939-04", "1939-09", by="quarter")
    assert [r["count"] for r in quarterly.table()] == [1, 1]
    assert [(s.first.label, s.last.label) for s in quarterly.spans] == [("1939-Q2", "1939-Q3")]
    inside = relations([event("1939-05-02", -10, date_end="1939-05-20")], "USSR", "JPN", "1939-04", "1939-09")
    assert [r["count"] for r in inside.table()] == [0, 1, 0, 0, 0, 0] and inside.spans == []


def test_a_span_cut_by_the_range_is_drawn_where_it_runs_and_counted_where_it_begins():
    battle = event("1939-05-11", -10, date_end="1939-09-16", name="Khalkhin Gol")
    pact = event("1939-08-23", 8, date_end="1941-06-22", name="Pact")  # runs past the range
    later = relations([battle, pact], "USSR", "JPN", "1939-07", "1939-12")
    assert [r["count"] for r in later.table()] == [0, 1, 0, 0, 0, 0]  # the pact in August; not the battle
    assert later.outside == 1  # the battle begins before the range: counted in May, not here
    assert [(s.label, s.first.label, s.last.label, s.counted_in, s.shown) for s in later.spans] == [
        ("Khalkhin Gol", "1939-05", "1939-09", None, ("1939-07", "1939-09")),
        ("Pact", "1939-08", "1941-06", "1939-08", ("1939-08", "1939-12"))]
    # a span whose end is too coarse for the periods is left out as before, not spread to its year's end
    vague = relations([event("1939-07-01", 3, date_end="1940")], "USSR", "JPN", "1939-01", "1940-12")
    assert vague.imprecise == 1 and vague.spans == [] and sum(r.count for r in vague.rows) == 0
    # an end before the start, or none that is a date, states no span: one date
    odd = relations([event("1939-07-01", 3, date_end="1939-06-01"), event("1939-07-02", 3, date_end="soon")],
                    "USSR", "JPN", "1939-07", "1939-07")
    assert odd.table()[0]["count"] == 2 and odd.spans == []


def test_csv_columns_and_empty_means(tmp_path):
    series = relations([event("1939-02-03", -2), event("1939-02-20", 4)], "USSR", "JPN", "1939-01", "1939-02")
    write_csv(series, tmp_path / "out.csv")
    with open(tmp_path / "out.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [c for c in rows[0] if c in ("period", "count", "goldstein_mean", "goldstein_sum", "cooperative",
                                        "conflictual")] == ["period", "count", "goldstein_mean", "goldstein_sum",
                                                             "cooperative", "conflictual"]
    assert set(FIXED_COLUMNS) <= set(rows[0])
    assert rows[0]["period"] == "1939-01" and rows[0]["count"] == "0" and rows[0]["goldstein_mean"] == ""
    assert (rows[1]["count"], rows[1]["goldstein_mean"], rows[1]["cooperative"], rows[1]["conflictual"]) == \
        ("2", "1.0", "1", "1")
    with open(tmp_path / "out.spans.csv", newline="") as handle:  # beside it, a header even with no spans
        assert list(csv.reader(handle)) == [list(SPAN_COLUMNS)]


def test_spans_are_written_beside_the_periods_not_among_them(tmp_path):
    events = [event("1939-05-11", -10, date_end="1939-09-16", name="Khalkhin Gol"), event("1939-06-02", 4)]
    series = relations(events, "USSR", "JPN", "1939-05", "1939-06")
    assert write_csv(series, tmp_path / "rel.csv") == tmp_path / "rel.spans.csv" == spans_path(tmp_path / "rel.csv")
    with open(tmp_path / "rel.csv", newline="") as handle:
        periods_read = list(csv.DictReader(handle))
    assert [(r["period"], r["count"]) for r in periods_read] == [("1939-05", "1"), ("1939-06", "1")]
    assert list(periods_read[0]) == list(series.table()[0])  # the per-period columns as they were
    with open(tmp_path / "rel.spans.csv", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert (row["first_period"], row["last_period"], row["counted_in"], row["date"], row["date_end"]) == \
        ("1939-05", "1939-09", "1939-05", "1939-05-11", "1939-09-16")
    assert (row["name"], row["type"], row["goldstein"], row["sentences"], row["reporters"]) == \
        ("Khalkhin Gol", "040", "-10", "1", "USSR")
    assert row["evidence"] == "s:0-10" and row["sentence"] == "sentence of Khalkhin Gol"


def test_no_events_of_the_pair():
    series = relations([event("1939-02-03", a="USA", b="GBR")], "USSR", "JPN")
    assert series.rows == [] and turning_points(series) == []


@given(st.lists(st.tuples(st.integers(1930, 1950), st.integers(0, 14), st.integers(0, 31),
                          st.floats(-10, 10), st.integers(0, 400)), max_size=30),
       st.sampled_from(["week", "month", "quarter"]))
def test_any_dates_make_a_series_not_a_crash(items, by):
    events = [event(f"{y}-{m:02d}-{d:02d}" if m else str(y), g, date_end=f"{y + 1}" if span > 300 else None)
              for y, m, d, g, span in items]
    series = relations(events, "USSR", "JPN", by=by)
    placed = sum(row.count for row in series.rows)
    assert placed == len(events) - series.undated - series.imprecise - series.outside  # each once at most
    turning_points(series)


@given(st.lists(st.tuples(st.dates(date(1938, 1, 1), date(1942, 12, 31)), st.integers(0, 400), st.floats(-10, 10)),
                max_size=25),
       st.sampled_from(["week", "month", "quarter"]), st.sampled_from([None, "1939-03"]), st.sampled_from([None, "1941-06"]))
def test_every_event_counts_once_and_every_span_is_one_band(items, by, start, end):
    events = [event(day.isoformat(), g, date_end=(day + timedelta(days=length)).isoformat() if length else None)
              for day, length, g in items]
    series = relations(events, "USSR", "JPN", start, end, by=by)
    assert sum(row.count for row in series.rows) + series.undated + series.imprecise + series.outside == len(events)
    labels = [row.period.label for row in series.rows]
    for span in series.spans:
        assert span.first != span.last and span.event.is_interval
        assert labels.index(span.shown[0]) <= labels.index(span.shown[1])
        if span.counted:  # counted in its first period's row, and in no other
            assert [row.period.label for row in series.rows if span.event in row.events] == [span.first.label]
        else:  # it begins before the range asked for
            assert start and span.event.first_day < parse_bound(start)
    assert len(series.spans) == sum(1 for e in events if (p := _ends(e, by)) and p[0] != p[1] and
                                    (not start or e.last_day >= parse_bound(start)) and
                                    (not end or e.first_day <= parse_bound(end, last=True)))
    turning_points(series)


def _ends(event_, by):
    return (period_of(event_.first_day, by).label, period_of(event_.last_day, by).label)


# --- who reports ---------------------------------------------------------------------------------

def test_reporting_side_of_a_citation():
    assert citation_side("archival", {"archive_id": "AVP RF", "country": "RU"}) == "USSR"
    assert citation_side("published", {"series": "FRUS"}) == "USA"  # series.toml gives its country
    assert citation_side("ibid", {"resolved": {"series": "DGFP"}}) == "DEU"
    assert citation_side("newspaper", {"title": "Nichibei Shimbun"}) == "USA"  # the organisations authority
    assert citation_side("newspaper", {"title": "The Unknown Gazette"}) is None


def test_seed_events_carry_their_sentence_note_and_reporter(seed_events, seed_store):
    with Store(seed_store) as store:
        bodies = dict(store.db.execute("SELECT id, body FROM sources").fetchall())
    for record in seed_events:
        for evidence in record.evidence:
            assert bodies[evidence.source_id][evidence.start:evidence.end] == evidence.sentence
    by_note = {e.evidence[0].footnote: e.evidence[0] for e in seed_events if e.evidence[0].footnote}
    assert by_note[14].reporter == "USSR" and by_note[14].cited[0].startswith("AVP RF")  # the embassy's papers
    assert by_note[12].reporter == "USA"  # Nichibei Shimbun, a San Francisco paper
    assert all(e.evidence[0].reporter is None for e in seed_events if e.evidence[0].footnote is None)


def test_a_report_speaks_for_its_sender(seed_store, tmp_path):
    """An event's reporter is the sender's side of its report: the two columns of the store's
    reports table it reads (the rest of that table is the store's business)."""
    copy = tmp_path / "reports.db"
    with sqlite3.connect(seed_store) as source, sqlite3.connect(copy) as target:
        source.backup(target)
        target.execute("CREATE TABLE IF NOT EXISTS reports (source_id TEXT, sender_side TEXT)")
        columns = target.execute("PRAGMA table_info(reports)").fetchall()
        # the other required columns of the store's table, whatever they are, get placeholders
        values = {c[1]: "" if "TEXT" in c[2] else 0 for c in columns if c[3]}
        values.update(sender_side="JPN")
        names = ", ".join(f'"{n}"' for n in values)
        target.execute(f"INSERT INTO reports (source_id, {names}) SELECT id, {', '.join('?' * len(values))} "
                       "FROM sources", list(values.values()))
    with Store(copy) as store:
        assert {r for e in load_events(store) for r in e.reporters} == {"JPN"}


# --- turning points ------------------------------------------------------------------------------

def test_a_shift_in_tone_is_found_where_it_happens():
    months = [f"1940-{m:02d}-10" for m in range(1, 13)]
    scores = [-6, -7, -5, -6, -6.5, -5.5, 4, 5, 3.5, 4.5, 5, 4]
    series = relations([event(d, g) for d, g in zip(months, scores)], "USSR", "JPN", "1940-01", "1940-12")
    [point] = turning_points(series)
    assert point.period == "1940-07" and point.before == ("1940-01", "1940-06") and point.after == ("1940-07", "1940-12")
    assert point.mean_before == pytest.approx(-6.0) and point.mean_after == pytest.approx(4.333, abs=1e-3)
    assert [e.date for e in point.evidence] == ["1940-06-10", "1940-07-10"]


def test_noise_alone_is_no_turning_point():
    scores = [2, 3, 2.5, 3.5, 2, 3, 2.5, 3, 3.5, 2]
    series = relations([event(f"1940-{m:02d}-01", g) for m, g in enumerate(scores, 1)], "USSR", "JPN")
    assert turning_points(series) == []


# --- the seed against ground truth ---------------------------------------------------------------

def _hostile_months(first: str = "1939-01", last: str = "1941-12") -> list[str]:
    """The months of the USSR–Japan disputes at hostility level 5 (GML MID) that begin and end
    inside the seed's years. (The Pacific War's dispute opens in 1941 but ends in 1945: its
    fighting is not in the seed's window.)"""
    with open(EVENTCODING / "gml_ddy_USSR_JPN_all_years.csv", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if (int(r["ccode1"]), int(r["ccode2"])) == (USSR, JAPAN)
                and r["hostlev"] == "5"]
    disputes: dict[str, list[dict]] = {}
    for row in rows:
        disputes.setdefault(row["dispnum"], []).append(row)
    months = []
    for years in disputes.values():
        start = f"{min(int(r['year']) for r in years)}-{int(years[0]['stmon']):02d}"
        end = f"{max(int(r['year']) for r in years)}-{int(years[0]['endmon']):02d}"
        if first <= start and end <= last:
            months += [p.label for p in periods(parse_bound(start), parse_bound(end), "month")]
    return sorted(months)


def _pact_year() -> int:
    """The first year ATOP codes the USSR–Japan neutrality pact in force."""
    with open(EVENTCODING / "atop_USSR_JPN_1925_1946.csv", newline="") as handle:
        return min(int(float(r["year"])) for r in csv.DictReader(handle)
                   if int(float(r["ccode1"])) == USSR and float(r["atop_neutral"]) == 1)


@pytest.fixture(scope="module")
def seed_series(seed_events):
    return relations(seed_events, "USSR", "JPN", "1939-01", "1941-12")


@pytest.mark.shared("data", "eventcoding")
def test_seed_tone_is_lowest_in_the_khalkhin_gol_months(seed_series):
    hostile = _hostile_months()
    assert hostile == ["1939-05", "1939-06", "1939-07", "1939-08", "1939-09"]  # what the file says
    means = {row["period"]: row["goldstein_mean"] for row in seed_series.table() if row["goldstein_mean"] is not None}
    # the battle counts once, in the month it begins: the dispute's first month is the lowest,
    # and every month of a hostile tone (a mean below zero) is a month of the dispute
    assert min(means, key=means.get) == hostile[0]
    assert [m for m in means if means[m] < 0] and all(m in hostile for m in means if means[m] < 0)
    khalkhin = [e for e in seed_series.events_in(hostile[0]) if e.name and "Khalkhin" in e.name]
    assert len(khalkhin) == 1 and len(khalkhin[0].evidence) >= 2  # one battle, presented by several sentences
    # and it is one span over exactly the dispute's months, in no other month's figures
    [battle] = [s for s in seed_series.spans if "Khalkhin" in s.label]
    assert (battle.first.label, battle.last.label, battle.counted_in) == (hostile[0], hostile[-1], hostile[0])
    assert not [e for row in seed_series.rows if row.period.label != hostile[0] for e in row.events
                if e.name and "Khalkhin" in e.name]


def test_seed_september_1939_counts_what_begins_in_it(seed_series):
    """Issue 21: of the twelve "interactions" of 1939-09 under the old rule, five were spans begun
    in May or July and repeated month by month. Now the month holds what begins in it, and the
    spans are listed once each."""
    september = {row["period"]: row for row in seed_series.table()}["1939-09"]
    assert (september["count"], september["goldstein_mean"], september["goldstein_sum"]) == (7, 5.071, 35.5)
    assert all(e.first_day >= date(1939, 9, 1) for e in seed_series.events_in("1939-09"))
    spans = [(s.first.label, s.last.label, s.label, len(s.event.evidence)) for s in seed_series.spans]
    assert spans[0] == ("1939-05", "1939-09", "Battles of Khalkhin Gol", 3)
    assert [s[:2] for s in spans[1:]] == [("1939-07", "1939-12")] * 4  # "in the second half of 1939"
    assert all(s.counted for s in seed_series.spans)
    assert sum(row["count"] for row in seed_series.table()) == seed_series.summary()["counted"] == 55


@pytest.mark.shared("data", "eventcoding")
def test_seed_tone_rises_to_its_high_with_the_neutrality_pact(seed_events):
    """By quarter: a month holds too few events for its mean to be the tone of relations (December
    1939 is three acts of the fisheries protocol's signing, +6.1, above April 1941's +4.6; only
    counting the spans of "the second half of 1939" in every month to December, +4.2, hid that)."""
    series = relations(seed_events, "USSR", "JPN", "1939-01", "1941-12", by="quarter")
    means = {row["period"]: row["goldstein_mean"] for row in series.table() if row["goldstein_mean"] is not None}
    peak = max(means, key=means.get)
    pact = [e for e in series.events_in(peak) if e.name and "Neutrality" in e.name]
    assert int(peak[:4]) == _pact_year() and pact


@pytest.mark.shared("data", "eventcoding")
def test_seed_turning_point_is_the_end_of_the_fighting(seed_series):
    """The first change in tone falls within the dispute's months and is the climb out of it:
    from a hostile segment (mean below zero) to a cooperative one, with the events as evidence."""
    hostile = _hostile_months()
    first = turning_points(seed_series)[0]
    assert first.period in hostile
    assert first.mean_before < 0 < first.mean_after
    assert first.evidence and all(e.evidence for e in first.evidence)


# --- the command line ----------------------------------------------------------------------------

def test_cli_relations_writes_csv_chart_and_json(seed_store, tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["relations", "SUN", "Japan", "--from", "1939-01", "--to", "1941-12", "--by", "month",
                                 "--csv", str(tmp_path / "o.csv"), "--plot", str(tmp_path / "o.html"),
                                 "--db", str(seed_store)])
    assert result.exit_code == 0, result.output
    assert "turning point 1939-07" in result.output
    output = " ".join(result.output.split())  # as printed, unwrapped
    assert "1939-05..1939-09 Battles of Khalkhin Gol (CAMEO 190, -10.0, 3 sentences)" in output
    assert output.index("spans (each counted once") < output.index("turning point 1939-07")  # below the table
    with open(tmp_path / "o.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 36 and rows[8]["period"] == "1939-09"
    with open(tmp_path / "o.spans.csv", newline="") as handle:
        spans = list(csv.DictReader(handle))
    assert [(r["first_period"], r["last_period"], r["name"]) for r in spans][0] == \
        ("1939-05", "1939-09", "Battles of Khalkhin Gol")
    html = (tmp_path / "o.html").read_text(encoding="utf-8")
    assert "Goldstein mean" in html and not re.search(r"<script[^>]+src=", html)  # the JavaScript is inside
    data = json.loads(runner.invoke(app, ["relations", "USSR", "JPN", "--by", "quarter", "--json",
                                          "--db", str(seed_store)]).stdout)
    assert re.fullmatch(r"\d{4}-Q[1-4]", data["periods"][0]["period"]) and data["turning_points"]
    khalkhin = [s for s in data["spans"] if s["label"] == "Battles of Khalkhin Gol"]
    assert [(s["first"], s["last"], s["counted_in"], len(s["event"]["evidence"])) for s in khalkhin] == \
        [("1939-Q2", "1939-Q3", "1939-Q2", 3)]
    assert data["summary"]["spans"] == len(data["spans"])
    assert runner.invoke(app, ["relations", "USSR", "Atlantis", "--db", str(seed_store)]).exit_code == 2
    assert runner.invoke(app, ["relations", "USSR", "JPN", "--by", "day", "--db", str(seed_store)]).exit_code == 2
