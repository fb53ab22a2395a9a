"""The dates stage: expressions found, normalised to ISO and EDTF, years read from the narrative."""

from __future__ import annotations

import importlib.util
import sys

import pytest
import yaml
from edtf import parse_edtf
from hypothesis import given
from hypothesis import strategies as st

from legation.lexicon.dates import find_dates
from legation.extract.dates import annotate, date_for
from legation.extract.intext import find_intext_citations
from legation.model import DateMention, Document, InTextCitation, Source

from conftest import REPO

GOLD = yaml.safe_load((REPO / "tests" / "gold" / "seed_dates.yaml").read_text("utf-8"))["dates"]


def _doc(body: str, citations: list[InTextCitation] | None = None) -> Document:
    source = Source(id="0" * 16, path="fixture.txt", format="text", sha256="0" * 64, size=len(body))
    return Document(source=source, text=body, body=body, intext_citations=citations or [])


def _only(text: str, context_year: int | None = None) -> DateMention:
    found = find_dates(text, context_year)
    assert len(found) == 1, [d.text for d in found]
    return found[0]


@pytest.fixture(scope="module")
def seed_dates(seed_layout):
    doc = _doc(seed_layout.body.text)
    doc.intext_citations = find_intext_citations(doc.body)
    assert annotate(doc) == []
    return doc


def _evaluation():
    """eval/dates.py: the one scorer of the gold files, shared with the report."""
    if "eval_dates" not in sys.modules:
        spec = importlib.util.spec_from_file_location("eval_dates", REPO / "eval" / "dates.py")
        sys.modules["eval_dates"] = module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return sys.modules["eval_dates"]


def test_seed_gold_meets_the_target():
    score = _evaluation().score_seed()
    assert score.gold == len(GOLD)
    assert score.f1 >= 0.95 and score.value_accuracy >= 0.95, score.notes


@pytest.mark.shared("data", "frus")
def test_held_out_frus_paragraphs_meet_the_target():
    score = _evaluation().score_frus_sample()
    assert score.f1 >= 0.95 and score.value_accuracy >= 0.95, score.notes


@pytest.mark.shared("data", "frus")
def test_frus_datelines_give_the_editors_day():
    score = _evaluation().score_frus_datelines()
    assert score.gold > 700 and score.right / score.gold >= 0.99, score.notes


def test_seed_offsets_point_at_the_words(seed_dates):
    for date in seed_dates.dates:
        assert seed_dates.body[date.start:date.end] == date.text


def test_author_year_citations_are_not_dates(seed_dates):
    for citation in seed_dates.intext_citations:
        assert not [d for d in seed_dates.dates if d.start < citation.end and citation.start < d.end]
    assert "1941" not in [d.text for d in seed_dates.dates]  # "[1941 god 1998, p. 579]" is a title


def test_a_date_in_a_quotation_does_not_move_the_narrative_year(seed_dates):
    # "… as in August 1939 its treaty …" quotes the Washington Post; "On April 29" follows "April 1941".
    april_29 = next(d for d in seed_dates.dates if d.text == "April 29")
    assert (april_29.iso, april_29.year_inferred) == ("1941-04-29", True)


def test_a_month_going_backwards_stays_in_the_narrative_year(seed_dates):
    # Nov 25, 1939 → "Having left Moscow on October 22 …" is a flashback, not October 1940.
    assert next(d for d in seed_dates.dates if d.text == "October 22").iso == "1939-10-22"


@pytest.mark.parametrize("text, iso, iso_end, precision, edtf, inferred", [
    ("On September 4, 1939, the statement", "1939-09-04", "1939-09-04", "day", "1939-09-04", False),
    ("in October 1940", "1940-10", "1940-10-31", "month", "1940-10", False),
    ("Towards the end of 1939", "1939-12", "1939-12-31", "month", "1939-12~", False),
    ("the first day of the year 1940", "1940-01-01", "1940-01-01", "day", "1940-01-01", False),
    ("25 ноября 1939 г.", "1939-11-25", "1939-11-25", "day", "1939-11-25", False),
    ("в ноябре 1939 г.", "1939-11", "1939-11-30", "month", "1939-11", False),
    ("в конце 1939 г.", "1939-12", "1939-12-31", "month", "1939-12~", False),
    ("25 noyabrya 1939", "1939-11-25", "1939-11-25", "day", "1939-11-25", False),
    ("am 4. September 1939", "1939-09-04", "1939-09-04", "day", "1939-09-04", False),
    ("le 1er janvier 1940", "1940-01-01", "1940-01-01", "day", "1940-01-01", False),
    ("il 12 maggio 1941", "1941-05-12", "1941-05-12", "day", "1941-05-12", False),
    ("23.09.1939", "1939-09-23", "1939-09-23", "day", "1939-09-23", False),
    ("1939-09-23", "1939-09-23", "1939-09-23", "day", "1939-09-23", False),
    ("Sept. 4, 1939", "1939-09-04", "1939-09-04", "day", "1939-09-04", False),
    ("September 4–5, 1939", "1939-09-04", "1939-09-05", "day", "1939-09-04/1939-09-05", False),
    ("September 30 – October 2, 1939", "1939-09-30", "1939-10-02", "day", "1939-09-30/1939-10-02", False),
    ("from 11 May to 16 September 1939", "1939-05-11", "1939-09-16", "day", "1939-05-11/1939-09-16", False),
    ("from May to September 1939", "1939-05", "1939-09-30", "month", "1939-05/1939-09", False),
    ("from November to February 1940", "1939-11", "1940-02-29", "month", "1939-11/1940-02", False),
    ("1939–1941", "1939", "1941-12-31", "year", "1939/1941", False),
    ("between 1939 and 1941", "1939", "1941-12-31", "year", "1939/1941", False),
    ("в 1938–1939 гг.", "1938", "1939-12-31", "year", "1938/1939", False),
    ("the spring of 1940", "1940-03", "1940-05-31", "season", "1940-21", False),
    ("осенью 1939 г.", "1939-09", "1939-11-30", "season", "1939-23", False),
    ("the winter of 1939", "1939-12", "1940-02-29", "season", "1939-24", False),
    ("in the 1930s", "1930", "1939-12-31", "decade", "193X", False),
    ("в 1930-е годы", "1930", "1939-12-31", "decade", "193X", False),
    ("by the end of the 1930s", "1937", "1939-12-31", "year", "1937~/1939~", False),
    ("in the mid-1930s", "1934", "1936-12-31", "year", "1934~/1936~", False),
    ("in early 1940", "1940-01", "1940-01-31", "month", "1940-01~", False),
    ("the second half of 1939", "1939-07", "1939-12-31", "month", "1939-07/1939-12", False),
])
def test_expressions_normalise(text, iso, iso_end, precision, edtf, inferred):
    date = _only(text)
    assert (date.iso, date.iso_end, date.precision, date.date_edtf, date.year_inferred) == (
        iso, iso_end, precision, edtf, inferred)
    assert text[date.start:date.end] == date.text


@pytest.mark.parametrize("text, span", [
    ("On the morning of October 29, we crossed", "the morning of October 29"),
    ("on September 13, it was announced", "September 13"),
    ("Towards the end of 1939, in the Kremlin", "Towards the end of 1939"),
    ("Smetanin wrote in June of that year", "June of that year"),
    ("planned to meet him in mid-October", "mid-October"),
])
def test_spans_keep_the_words_that_change_the_meaning(text, span):
    assert _only(text, context_year=1939).text == span


def test_omitted_year_comes_from_the_last_written_one():
    dates = find_dates("In 1939 the talks began. On September 13 it was announced. The autumn passed.")
    assert [(d.iso, d.year_inferred) for d in dates] == [
        ("1939", False), ("1939-09-13", True), ("1939-09", True)]
    assert dates[2].date_edtf == "1939-23"


def test_without_any_year_a_partial_date_stays_unresolved():
    doc = _doc("They met on October 13 in Tokyo.")
    diagnostics = annotate(doc)
    assert [(d.text, d.iso) for d in doc.dates] == [("October 13", None)]
    assert [d.code for d in diagnostics] == ["date-year-unknown"]


def test_context_year_stands_in_before_the_text_writes_one():
    assert _only("on October 13", context_year=1940).iso == "1940-10-13"


def test_relative_days_count_from_the_narrative_day():
    dates = find_dates("Molotov received him on April 12, 1941. The next day the pact was signed; "
                       "the same day Matsuoka left.")
    assert [(d.text, d.iso) for d in dates] == [
        ("April 12, 1941", "1941-04-12"), ("The next day", "1941-04-13"), ("the same day", "1941-04-13")]


def test_the_following_year_moves_the_narrative_on():
    dates = find_dates("In 1940 the talks stalled. The following year, in March, Matsuoka came; "
                       "on April 13 the pact was signed.")
    assert [(d.text, d.iso, d.year_inferred) for d in dates] == [
        ("1940", "1940", False), ("The following year", "1941", True), ("March", "1941-03", True),
        ("April 13", "1941-04-13", True)]


def test_relative_day_without_an_anchor_is_no_date():
    assert find_dates("The next day nothing happened.") == []


@pytest.mark.parametrize("text", [
    "[Molodyakov 2012, p. 425]",  # a citation year
    "see p. 1939 and No. 1940",  # a page and a number
    "pp. 1910–1939",  # a page range
    "the 25th International Youth Day",
    "the 2600th anniversary",
    "after the fall of France",
    "on 30 February 1940",  # no such day
    "he may come in may",  # the verb, not the month
])
def test_numbers_and_words_that_are_not_dates(text):
    assert find_dates(text) == []


def test_every_edtf_value_parses(seed_dates):
    samples = find_dates("from 11 May to 16 September 1939; the spring of 1940; the 1930s; "
                         "by the end of the 1930s; Towards the end of 1939; the winter of 1939")
    for date in [*seed_dates.dates, *samples]:
        parse_edtf(date.date_edtf)


def test_date_for_prefers_a_date_in_the_sentence(seed_dates):
    body = seed_dates.body
    start = body.index("Smetanin arrived in Tokyo")
    assert date_for(seed_dates, start, start + 25).iso == "1939-11-06"  # "… on November 6"
    left = body.index("Having left Moscow")  # "…, Smetanin arrived": the comma ends its clause
    assert date_for(seed_dates, left, left + 18).iso == "1939-10-22"


def test_date_for_falls_back_on_the_paragraph_then_the_previous_one(seed_dates):
    body = seed_dates.body
    interview = body.index("Upon arrival in the city")
    assert date_for(seed_dates, interview, interview + 24).text == "November 2"
    next_paragraph = body.index("The change that occurred in relation")
    assert date_for(seed_dates, next_paragraph, next_paragraph + 10).text == "November 2"
    after_heading = body.index("In order to emphasize the progressive nature")
    assert date_for(seed_dates, after_heading, after_heading + 10) is None


def test_date_for_on_a_hand_built_document():
    doc = _doc("In October 1940 the director came. He invited Smetanin.\n\nNothing else.")
    annotate(doc)
    invited = doc.body.index("He invited")
    assert date_for(doc, invited, invited + 10).iso == "1940-10"
    assert date_for(doc, doc.body.index("Nothing"), len(doc.body)).iso == "1940-10"


def test_citations_are_excluded_through_the_document():
    body = "The talks [Togo 1996, p. 205] ended in 1940."
    citation = InTextCitation(text="Togo 1996, p. 205", start=11, end=28, key="Togo", year=1996, pages="205")
    doc = _doc(body, [citation])
    annotate(doc)
    assert [d.text for d in doc.dates] == ["1940"]


_date_words = st.sampled_from(["1939", "–", " ", ",", ".", "May", "September 4", "ноября", "the",
                               "end of", "\n", "\"", "«", "from", "to", "the next day", "1930s", "23.09.",
                               "spring", "p.", "mid-", "of that year", "г."])


@given(st.one_of(st.text(max_size=400), st.lists(_date_words, max_size=60).map("".join)))
def test_any_text_gives_in_range_deterministic_dates(text):
    first = find_dates(text)
    assert find_dates(text) == first
    for date in first:
        assert 0 <= date.start < date.end <= len(text)
        assert text[date.start:date.end] == date.text
        if date.date_edtf is not None:
            parse_edtf(date.date_edtf)


@given(st.text(max_size=300), st.integers(0, 300), st.integers(0, 300))
def test_annotate_and_date_for_never_raise(text, a, b):
    doc = _doc(text)
    diagnostics = annotate(doc)
    assert all(d.code == "date-year-unknown" for d in diagnostics)
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    found = date_for(doc, start, end)
    assert found is None or found in doc.dates


@given(st.lists(_date_words, max_size=40).map("".join), st.lists(st.tuples(st.integers(0, 200), st.integers(0, 40))))
def test_no_date_touches_an_excluded_span(text, spans):
    excluded = [(start, start + length) for start, length in spans]
    for date in find_dates(text, excluded=excluded):
        assert all(date.end <= start or end <= date.start for start, end in excluded)


def test_a_long_mixed_script_paragraph():
    paragraph = "Сметанин прибыл 6 ноября 1939 г.; Smetanin arrived on November 6. " * 3000
    dates = find_dates(paragraph)
    assert len(dates) == 6000
    assert {d.iso for d in dates} == {"1939-11-06"}
