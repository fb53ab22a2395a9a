"""Bad input through the whole pipeline (apparatus and actors layers): no crash, diagnostics
instead, and every actors item keeps its provenance — offsets inside the texts, names that
resolve, the same output on every run."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legation.ingest.source import source_id
from legation.model import SIDES, Document, Source
from legation.pipeline import extract_text

from conftest import FULL_TEXT

SOURCE = Source(id=source_id("0" * 64), path="bad.md", format="markdown", sha256="0" * 64, size=0)


def extract(text: str) -> Document:
    return extract_text(SOURCE, text)


def check_actors(doc: Document) -> None:
    """The invariants every actors item keeps, whatever the input."""
    body, n = doc.body, len(doc.text)
    known = {e.id for e in [*doc.persons, *doc.organizations, *doc.places]}

    def resolves(ref: str | None) -> bool:
        return ref is None or ref in SIDES or ref in known

    for item in [*doc.mentions, *doc.dates, *doc.quotes]:
        assert 0 <= item.start <= item.end <= len(body), item
        assert body[item.start:item.end] == item.text, item
        assert item.source_start is not None and 0 <= item.source_start <= item.source_end <= n, item
    for mention in doc.mentions:
        assert resolves(mention.entity), mention
    for quote in doc.quotes:
        assert resolves(quote.speaker), quote
    for event in doc.events:
        assert 0 <= event.evidence.start <= event.evidence.end <= len(body), event
        assert event.source_start is not None and 0 <= event.source_start <= event.source_end <= n, event
        assert resolves(event.source) and resolves(event.target), event
    assert [m.start for m in doc.mentions] == sorted(m.start for m in doc.mentions)


def extract_checked(text: str) -> Document:
    """Extract twice: the invariants hold and both runs agree to the last field."""
    doc = extract(text)
    check_actors(doc)
    assert extract(text).to_dict() == doc.to_dict()
    return doc


def codes(doc: Document) -> set[str]:
    return {d.code for d in doc.diagnostics}


# --- no people, no quotes, nothing --------------------------------------------------------------

@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "\ufeff", ".", "\u200b\u00a0\t", "#", "*", "1."])
def test_empty_ish_text(text):
    doc = extract_checked(text)
    assert doc.mentions == doc.dates == doc.quotes == doc.events == []


def test_text_with_no_people_and_no_quotes():
    text = ("The weather was mild and the harvest was good.\n\n"
            "Prices of rice rose slowly while the rivers stayed high.\n")
    doc = extract_checked(text)
    assert doc.persons == [] and doc.quotes == [] and doc.dates == []


def test_only_footnote_markers():
    doc = extract_checked("¹ ² ³\n\n[1] [2] [3]\n\n1 2 3\n\n^1^ ^2^\n\n[^1]: \n[^2]:\n")
    assert doc.quotes == [] and doc.events == []


# --- quotation marks that never close -----------------------------------------------------------

@pytest.mark.parametrize("mark", ['"', "“", "«", "„", "‘"])
def test_only_unbalanced_quotes_of_every_kind(mark):
    text = (f"On October 29, 1939, Smetanin wrote {mark}the talks will go on for a long time and\n\n"
            f"The Japanese side replied {mark}nothing.\n\n{mark}{mark}{mark}\n")
    doc = extract_checked(text)
    if mark != "‘":  # single quotes are not read as passages: they cannot be told from apostrophes
        assert "quote-unbalanced" in codes(doc)
    assert not any(q.text.startswith("the talks") for q in doc.quotes)  # never closed: no quotation


def test_marks_only():
    doc = extract_checked('" “ « „ ‘ ” » ’ "\n\n»«\n\n""""\n')
    assert all(0 <= q.start <= q.end <= len(doc.body) for q in doc.quotes)


# --- scripts and sizes ----------------------------------------------------------------------------

def test_mixed_latin_cyrillic_japanese_paragraph():
    text = ("On 25 November 1939 Smetanin (Сметанин) met Nomura Kichisaburō (野村吉三郎) in Tokyo; "
            "Сметанин сказал: «Мы готовы к переговорам», and the Gaimushō (外務省) replied "
            "“日本政府は交渉を望む” the next day. 1940年4月13日, 日ソ中立条約 was signed in Moscow.\n")
    doc = extract_checked(text)
    assert "1939-11-25" in {d.iso for d in doc.dates}
    assert any("Мы готовы к переговорам" == q.text for q in doc.quotes)


def _one_megabyte_paragraph() -> str:
    """The seed's body run into one 1 MB line: a runaway PDF conversion, not prose."""
    body = extract_text(SOURCE, FULL_TEXT.read_text(encoding="utf-8"), ("apparatus",)).body
    line = " ".join(body.split())
    return ((line + " ") * (1_000_000 // len(line) + 1))[:1_000_000]


def test_a_one_megabyte_paragraph_ends_with_diagnostics():
    doc = extract(_one_megabyte_paragraph())
    check_actors(doc)
    assert {"ner-skipped", "events-paragraph-too-long"} <= codes(doc)
    assert doc.dates and doc.quotes  # rules still read it


# --- random text ------------------------------------------------------------------------------------

_PIECES = st.sampled_from(['"', "“", "”", "«", "»", "„", "‘", "’", "'", " ", "\n", "\n\n", ".", ",", ":",
                           "Smetanin", "Сметанин", "野村", "Japan", "the Japanese side", "said ", "wrote ",
                           "protested", "the pact", "1939", "October 29", "the next day", "¹", "[1]",
                           "Molodyakov 2012", "[Molodyakov 2012, p. 5]", "—", "(", ")"])


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), st.lists(_PIECES, max_size=60).map("".join)))
def test_random_unicode_keeps_every_invariant(text):
    extract_checked(text)


# --- regressions ------------------------------------------------------------------------------------

def test_events_read_a_runaway_paragraph_by_rules_only(monkeypatch):
    """Sentences of a paragraph over MAX_PARAGRAPH are not parsed one by one (a 1 MB line took
    minutes): triggers are skipped with a diagnostic, named events are still found."""
    from legation.extract import events

    body = "Japan protested to the Soviet Union. The fighting at Khalkhin Gol went on.\nJapan protested again."
    monkeypatch.setattr(events, "MAX_PARAGRAPH", 60)
    doc = Document(source=SOURCE, text=body, body=body)
    diagnostics = events.annotate(doc)
    assert [d.code for d in diagnostics] == ["events-paragraph-too-long"]
    assert [(e.name, e.evidence.start > 0) for e in doc.events if e.name] == [("Battles of Khalkhin Gol", True)]
    assert [body[e.evidence.start:e.evidence.end] for e in doc.events if not e.name] == ["Japan protested again."]


def test_events_do_not_parse_a_sentence_of_debris(monkeypatch):
    """A run of quotation marks costs spaCy's tokenizer time quadratic in its length: such a
    sentence is reported, not parsed, and the prose around it still is."""
    from legation.extract import events

    body = "Japan protested to the Soviet Union.\n" + "\u201c\u00ab" * 600 + "\nJapan protested again."
    parsed = []
    real = events._parsed_sentences
    monkeypatch.setattr(events, "_parsed_sentences",
                        lambda text, spans: (parsed.extend(spans), real(text, spans))[1])
    doc = Document(source=SOURCE, text=body, body=body)
    diagnostics = events.annotate(doc)
    assert [d.code for d in diagnostics] == ["events-sentence-not-prose"]
    assert [body[s.start:s.end] for s in parsed] == ["Japan protested to the Soviet Union.", "Japan protested again."]
    assert len(doc.events) == 2

@pytest.mark.parametrize("text", ["in 1٩٣٩", "on 1９３９", "May 1٥", "the 1٩30s", "1939-09-1٥"])
def test_digits_of_other_scripts_make_no_date(text):
    """Python's \\d is any script's digit: a date is read from ASCII digits only."""
    from legation.lexicon.dates import find_dates

    assert find_dates(text) == []


def test_a_description_resolves_only_to_a_person_of_the_document():
    doc = extract("He was loyal to the Emperor.")
    check_actors(doc)
    [emperor] = [m for m in doc.mentions if m.text == "the Emperor"]
    assert any(p.id == emperor.entity and p.side == "JPN" for p in doc.persons)


def test_a_description_resolved_later_adds_its_person():
    from legation.extract.entities import resolve_description

    doc = extract("The audience was short.")
    person_id = resolve_description(doc, "the Emperor", 0)
    assert person_id is not None and [p.id for p in doc.persons] == [person_id]
