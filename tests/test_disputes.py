"""Relations set against militarized dispute data (GML MID), read from the shared CSV files."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from legation.analyze.disputes import compare, read_dyad_years, spearman
from legation.analyze.evidence import EventRecord
from legation.analyze.relations import relations, turning_points
from legation.cli import app
from legation.devdata import missing_reason, shared_path
from legation.errors import InputError

USA_USSR = shared_path("data", "eventcoding", "gml_ddy_USA_USSR_1945_1991.csv")
USSR_JPN = shared_path("data", "eventcoding", "gml_ddy_USSR_JPN_all_years.csv")
needs_usa_ussr = pytest.mark.skipif(not USA_USSR.exists(), reason=missing_reason(USA_USSR))
needs_ussr_jpn = pytest.mark.skipif(not USSR_JPN.exists(), reason=missing_reason(USSR_JPN))


def rows_of(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def event(day: str, score: float, source="USA", target="USSR") -> EventRecord:
    return EventRecord(type="010", plover=None, goldstein=score, source=None, target=None, source_side=source,
                       target_side=target, date=day, date_end=None, date_precision="day", name=None, trigger=None)


@needs_usa_ussr
def test_dyad_years_join_both_directions():
    years = read_dyad_years(USA_USSR)
    rows = rows_of(USA_USSR)
    assert set(years.years) == {int(r["year"]) for r in rows}
    for r in rows:  # each directed row is within its year's joined reading
        joined = years.years[int(r["year"])]
        assert joined.ongoing >= (r["midongoing"] == "1")
        assert joined.hostility >= int(r["hostlev_dyad"])
    assert years.years[1962].ongoing and years.years[1962].hostility == 4 and "61" in years.years[1962].disputes
    assert not years.years[1950].ongoing and years.year_of(2030) is None  # a dyad-year file says what it covers


@needs_ussr_jpn
def test_dispute_years_say_no_dispute_for_a_year_they_do_not_list():
    years = read_dyad_years(USSR_JPN)
    assert years.years[1939].onset and years.years[1939].hostility == 5  # Khalkhin Gol
    assert 1940 not in years.years and not years.year_of(1940).ongoing


@needs_usa_ussr
def test_conflictual_dispute_years_show_as_lower_tone():
    years = read_dyad_years(USA_USSR)
    events = []
    for year, dyad in years.years.items():  # a tone that follows the disputes, twelve events a year
        events += [event(f"{year}-{month:02d}-15", -dyad.hostility if dyad.ongoing else 3.0) for month in range(1, 13)]
    series = relations(events, "USA", "USSR", "1948", "1991", by="year")
    comparison = compare(series, years, turning_points(series), min_events=10)
    dispute_years = sum(1 for y in range(1948, 1992) if years.years[y].ongoing)
    assert comparison.summary()["dispute_years"] == dispute_years
    assert comparison.summary()["other_years"] == 44 - dispute_years
    assert comparison.difference > 3  # others +3, disputes at or below -2
    assert comparison.correlation < -0.9
    assert comparison.thin_years == [] and comparison.tone(False) == 3.0


def test_thin_years_are_listed_not_compared(tmp_path):
    path = tmp_path / "dyad.csv"
    path.write_text("year,ccode1,ccode2,midongoing,midonset,dispnums,hostlev_dyad\n"
                    "1949,2,365,1,1,26,4\n1949,365,2,1,1,26,4\n1950,2,365,0,0,,0\n1950,365,2,0,0,,0\n")
    events = [event("1949-03-01", -5.0), event("1950-03-01", 4.0)]
    comparison = compare(relations(events, "USA", "USSR", "1949", "1950", by="year"), read_dyad_years(path),
                         min_events=2)
    assert comparison.thin_years == [1949, 1950] and comparison.tone(True) is None


def test_a_file_that_is_not_dyad_years_is_one_clear_error(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("year,value\n1949,3\n")
    with pytest.raises(InputError, match="other.csv.*not a GML"):
        read_dyad_years(path)
    two = tmp_path / "two.csv"
    two.write_text("year,ccode1,ccode2,midongoing,midonset,dispnums,hostlev_dyad\n"
                   "1949,2,365,0,0,,0\n1949,2,740,0,0,,0\n")
    with pytest.raises(InputError, match="holds 2 dyads"):
        read_dyad_years(two)


def test_spearman_ranks_with_ties():
    assert spearman([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert spearman([0, 0, 4, 5], [2, 2, -1, -3]) == pytest.approx(-1.0)
    assert spearman([1, 1, 1], [1, 2, 3]) is None


@needs_ussr_jpn
def test_relations_command_sets_the_seed_against_the_disputes(seeds_db):
    result = CliRunner().invoke(app, ["relations", "USSR", "JPN", "--from", "1939-01", "--to", "1941-12",
                                      "--by", "quarter", "--disputes", str(USSR_JPN), "--min-events", "1",
                                      "--json", "--db", str(seeds_db)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["disputes"]
    by_year = {row["year"]: row for row in data["years"]}
    assert set(by_year) == {1939, 1940, 1941}
    assert by_year[1939]["hostility"] == 5 and by_year[1939]["onset"] and not by_year[1940]["dispute"]
    assert data["summary"]["dispute_years"] + data["summary"]["other_years"] == 3
