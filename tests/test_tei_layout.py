"""A TEI report's layout comes from its markup: paragraphs stay paragraphs, notes are its <note>s."""

from __future__ import annotations

from legation.ingest.tei import iter_reports
from legation.ingest.text import read_layout
from legation.pipeline import extract_unit
from legation.ingest.units import read_units

TELEGRAM = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Test volume</title></titleStmt>
<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><div type="chapter"><head>Japan</head>
<div type="document" xml:id="d7" n="7">
<head>The Ambassador in Japan (Allison) to the Secretary of State<note n="1" type="source">Source: Department of State, Central Files, 611.94/1-1555. Top Secret.</note></head>
<opener><dateline><placeName>Tokyo</placeName>, <date when="1955-01-15">January 15, 1955</date>.</dateline></opener>
<p>Top Secret</p>
<p>1. The Foreign Minister received me this morning.<note n="2" xml:id="d7fn2">Not printed.</note></p>
<p>2. See my telegram 1234 of January 3, p. 3, on the fisheries talks.</p>
<p>Top Secret</p>
<p>3. He said the Soviet proposal would be answered within a week.</p>
<closer><signed>Allison</signed></closer>
</div></div></body></text></TEI>
"""


def _unit(tmp_path):
    path = tmp_path / "volume.xml"
    path.write_text(TELEGRAM, encoding="utf-8")
    return next(u for u in read_units(path))


def test_numbered_paragraphs_stay_in_the_body_and_the_note_is_the_tei_note(tmp_path):
    unit = _unit(tmp_path)
    layout = unit.layout()
    assert "2. See my telegram 1234 of January 3, p. 3, on the fisheries talks." in layout.body.text
    assert layout.body.text.count("Top Secret") >= 2  # printed twice, kept twice: no running-head guess
    assert [(n.number, n.text) for n in layout.notes] == [(1, "Not printed.")]
    assert [m.number for m in layout.markers] == [1]
    # the plain-text heuristics, given the same rendering, lose the numbered paragraph to a note
    guessed = read_layout(unit.text)
    assert "2. See my telegram" not in guessed.body.text


def test_the_marker_stands_after_its_sentence_and_blocks_have_kinds(tmp_path):
    layout = _unit(tmp_path).layout()
    marker = layout.markers[0]
    assert layout.body.text[:marker.body_offset].endswith("received me this morning.")
    assert layout.text[marker.source_start:marker.source_end] == "[^1]"
    kinds = [b.kind for b in layout.blocks]
    assert kinds[0] == "heading" and kinds.count("paragraph") >= 5
    first = layout.blocks[1]
    assert layout.body.text[first.start:first.end] == "Top Secret"


def test_the_extracted_document_keeps_the_paragraph_and_one_note(tmp_path):
    doc = extract_unit(_unit(tmp_path), layers=("apparatus",))
    assert [f.number for f in doc.footnotes] == [1]
    assert "See my telegram 1234" in doc.body
    assert not [d for d in doc.diagnostics if d.code == "citation-unparsed" and d.footnote == 2]


def test_every_note_of_a_real_volume_excerpt_is_its_tei_note():
    from legation.devdata import FRUS_EXCERPT

    for item in iter_reports(FRUS_EXCERPT):
        layout = item.layout
        assert layout.text == item.text
        assert [n.number for n in layout.notes] == list(range(1, len(layout.notes) + 1))
        assert sorted({m.number for m in layout.markers}) == [n.number for n in layout.notes]
        for note in layout.notes:  # a note's offsets point at its line in the rendering
            assert layout.text[note.source_start:note.source_end].endswith(note.text)


def test_the_editors_not_printed_note_is_typed_editorial_not_unparsed(tmp_path):
    path = tmp_path / "volume.xml"
    path.write_text(TELEGRAM.replace(">Not printed.<", ">Telegram 239 from Amman is not printed.<"), encoding="utf-8")
    doc = extract_unit(next(u for u in read_units(path)), layers=("apparatus",))
    note = next(c for c in doc.citations if c.footnote == 1)
    assert (note.kind, note.fields["editorial"]) == ("editorial", "not printed")
    assert not [d for d in doc.diagnostics if d.code == "citation-unparsed"]
