"""Reports of other editions read as plain text: the Australian DAFP reports (one report per file,
read as legation reads a file: read_units), and FRUS volumes of every decade rendered to text, at
the issue's targets (reports found ≥ 0.99, date ≥ 0.99, place ≥ 0.97, sender and recipient
≥ 0.95)."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from conftest import REPO, shared_path
from legation.ingest.units import Unit, read_units


def _eval_module(name: str):
    key = f"eval_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, REPO / "eval" / f"{name}.py")
        sys.modules[key] = module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return sys.modules[key]


TARGETS = {"date": 0.99, "place": 0.97, "sender": 0.95, "recipient": 0.95}


@pytest.mark.shared("data", "reports", "dfat-dev")
def test_dafp_reports_one_per_file_at_the_targets():
    import json

    dfat = _eval_module("dfat")
    folder = shared_path("data", "reports", "dfat-dev")
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    score = dfat.Score()
    for name, record in sorted(gold.items()):
        dfat.score_file(folder / name, record, score, None)
    assert score.found / score.files >= 0.99, score.misses
    for name, target in TARGETS.items():
        assert score.fields[name].share >= target, (name, score.fields[name].misses[:10])


@pytest.mark.shared("data", "reports", "dfat-dev")
def test_a_dafp_file_is_one_report_that_says_how_it_was_read():
    path = next(shared_path("data", "reports", "dfat-dev").glob("v06_14-*.txt"))
    [unit] = [u for u in read_units(path) if isinstance(u, Unit)]
    report = unit.report
    assert (report.sender, report.recipient, report.type, report.own_number) == (
        "Bruce", "Curtin", "cablegram", "121[A]")
    assert (report.place, report.date, report.time) == ("London", "1942-08-02", "19:50")
    [said] = [d for d in unit.diagnostics if d.code == "read-as-reports"]
    assert said.message.startswith("read as one report")


def test_a_report_whose_header_cannot_be_read_is_kept_with_a_diagnostic(tmp_path):
    path = tmp_path / "two.txt"
    path.write_text("Bruce to Curtin\n\nCablegram 12 LONDON, 3 March 1944\n\nText.\n\n\n"
                    "Curtin to Bruce\n\nCablegram unnumbered [CANBERRA], undated\n\nReply.\n", encoding="utf-8")
    first, second = [u for u in read_units(path) if isinstance(u, Unit)]
    assert first.report.date == "1944-03-03" and not [d for d in first.diagnostics
                                                       if d.code == "report-header-incomplete"]
    assert (second.report.date, second.report.place, second.report.place_supplied) == (None, "Canberra", True)
    [gap] = [d for d in second.diagnostics if d.code == "report-header-incomplete"]
    assert "no date (the header says undated)" in gap.message and "kept" in gap.message


SERIES = shared_path("data", "frus-series")


@pytest.mark.shared("data", "frus-series", "frus1955-57v13.xml.gz")
@pytest.mark.parametrize("volume", ["frus1955-57v13.xml.gz", "frus1964-68v07.xml.gz", "frus1977-80v01.xml.gz"])
def test_frus_series_rendered_as_text_at_the_targets(volume):
    reports_text = _eval_module("reports_text")
    path = SERIES / volume
    text, gold = reports_text.rendered_volume(path)
    score = reports_text.Score()
    reports_text.score_volume(text, gold, score, reports_text.heading_marks(path))
    assert score.found / score.gold >= 0.99 and len(score.spurious) <= 0.01 * score.gold, score.missed[:5]
    for name, target in TARGETS.items():
        tally = score.fields[name]
        assert tally.share is None or tally.share >= target, (name, tally.misses[:10])


def test_the_sample_draws_every_decade():
    reports_text = _eval_module("reports_text")
    if not SERIES.exists():
        pytest.skip("needs the FRUS series")
    chosen = reports_text.sample(SERIES, 20)
    assert len(chosen) == 20
    assert {reports_text.decade(path) for path in chosen} == {"1940s", "1950s", "1960s", "1970s"}
