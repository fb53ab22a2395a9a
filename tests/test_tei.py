"""The streaming FRUS TEI reader: real volumes, the newer encoding, and bad input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, FULL_TEXT, shared_path
from legation.ingest.tei import (
    FILE_PROBLEMS, REPORT_SEPARATOR, is_tei, iter_reports, render_volume, volume_info,
)

FRUS = shared_path("data", "frus")
V1949 = FRUS / "frus1949v07p2.xml"
V1952 = FRUS / "frus1952-54v14p2.xml"
TEI = FIXTURES / "tei"


@pytest.fixture(scope="module")
def items1949():
    return list(iter_reports(V1949))


@pytest.fixture(scope="module")
def items1952():
    return list(iter_reports(V1952))


def by_id(items, doc_id):
    return next(item for item in items if item.report and item.report.id == doc_id)


def codes(items):
    return [d.code for item in items for d in item.diagnostics]


# --- the real volumes ---------------------------------------------------------------------

@pytest.mark.shared("data", "frus")
def test_every_document_of_both_volumes_is_read(items1949, items1952):
    for items in (items1949, items1952):
        assert len(items) == 386
        assert all(item.report is not None for item in items)
        assert not set(codes(items)) & FILE_PROBLEMS
    assert [item.report.id for item in items1952][:2] == ["d462", "d463"]


@pytest.mark.shared("data", "frus")
def test_a_despatch_of_1949(items1949):
    """d6: opener/dateline with "[Received …]" after an <lb/>, a despatch number in the opener."""
    report = by_id(items1949, "d6").report
    assert report.sender == "Sebald"
    assert report.sender_role == "The Acting Political Adviser in Japan (Sebald)"
    assert report.recipient == "Acting Secretary of State"
    assert report.recipient_role == "the Acting Secretary of State"
    assert (report.place, report.date, report.time) == ("Tokyo", "1949-01-07", None)
    assert report.received == "[Received January 24.]"
    assert report.own_number == "11"
    assert report.type == "despatch"
    assert report.number == "6"
    assert report.source_note == "740.00119 Control (Japan)/1–749"
    assert report.chapter == "Occupation and control of Japan"
    assert report.line == 1954


@pytest.mark.shared("data", "frus")
def test_a_telegram_of_1949(items1949):
    report = by_id(items1949, "d7").report
    assert (report.date, report.time, report.place) == ("1949-01-10", "18:00", "Washington")
    assert report.classification == "confidential"
    assert report.type == "telegram"
    assert (report.sender, report.recipient) == ("Acting Secretary of State", "Sebald")


@pytest.mark.shared("data", "frus")
def test_rendering_follows_the_design(items1949):
    text = by_id(items1949, "d6").text
    assert text.startswith(
        "No. 6\n740.00119 Control (Japan)/1–749\n"
        "The Acting Political Adviser in Japan (Sebald) to the Acting Secretary of State\n"
        "Tokyo, January 7, 1949.\n[Received January 24.]\nNo. 11\n\n"
        "Sir: I have the honor to refer to this Mission’s despatch no. 800 of December 22, 1948[^1] and"
    )
    # footnotes: markers where the notes stood, numbered in text order, note lines at the end
    assert "held on January 5, 1949.[^2]\n\n" in text
    assert text.endswith("Respectfully yours,\n\nW. J. Sebald\n\n[^1]: Not printed.\n[^2]: Not printed.")


@pytest.mark.shared("data", "frus")
def test_a_1952_document_with_the_persons_list(items1952):
    item = by_id(items1952, "d462")
    report = item.report
    assert report.recipient == "Sebald" and report.recipient_person == "p_SWJ1"
    assert report.sender == "Secretary of State" and report.sender_person is None
    assert {"id": "p_ADG1", "name": "Acheson, Dean G."} in report.tagged_persons
    assert {"id": "p_YS1", "name": "Yoshida, Shigeru"} in report.tagged_persons
    assert report.classification == "top secret"
    assert (report.date, report.time) == ("1951-12-31", "14:26")
    assert report.source_note == "693.94/12–2951: Telegram"  # inside the head in 1952-54
    # the head's "No. 462<lb/>" is not printed twice, its footnote is a marker
    assert item.text.startswith("No. 462\n693.94/12–2951: Telegram\n"
                                "The Secretary of State to the United States Political Adviser to SCAP (Sebald)[^1]\n"
                                "Tokyo, December 31, 1951—2:26 p.m.\n\nTop Secret\nPriority\n\n")
    assert "\n[^1]: Drafted by Dulles and marked “Cleared by Secretary in draft”.\n" in item.text


@pytest.mark.shared("data", "frus")
def test_a_mark_on_the_wrong_side_is_read_by_its_place_and_reported(items1952):
    """d463 marks Sebald "to" inside "The United States Political Adviser to SCAP (Sebald)"."""
    item = by_id(items1952, "d463")
    assert (item.report.sender, item.report.sender_person) == ("Sebald", "p_SWJ1")
    assert (item.report.recipient, item.report.recipient_person) == ("Dean Rusk", "p_RD1")
    assert item.report.type == "letter"  # "Dear Dean:"
    assert [d.code for d in item.diagnostics] == ["tei-heading-markup"]


@pytest.mark.shared("data", "frus")
def test_enclosures_in_the_1949_binding(items1949):
    report = by_id(items1949, "d14").report
    assert report.enclosures == ["General of the Army Douglas MacArthur to the Department of the Army"]
    assert "\n\n[Enclosure—Copy]\nGeneral of the Army Douglas MacArthur to the Department of the Army\n" \
           "Tokyo, 22 January 1949.\nconfidential\n\n" in by_id(items1949, "d14").text


@pytest.mark.shared("data", "frus")
def test_documents_without_a_date_are_kept_and_reported(items1949):
    undated = [item for item in items1949 if item.report.date is None]
    assert len(undated) == 13  # 386 documents, 373 with a date@when (the corpus README)
    assert all(any(d.message == f"{i.report.id}: no date" for d in i.diagnostics) for i in undated)
    assert by_id(items1949, "d189").report.type == "editorial note"


@pytest.mark.shared("data", "frus")
def test_the_dateline_of_a_second_opener(items1949):
    """d286 opens with "[Extract]", then an opener holding the dateline and "No. 635"."""
    report = by_id(items1949, "d286").report
    assert (report.date, report.place, report.own_number) == ("1949-10-13", "Seoul", "635")
    assert report.classification == "confidential"


@pytest.mark.shared("data", "frus")
def test_offsets_place_each_report_in_the_volume_rendering():
    volume = "".join(render_volume(V1952))
    items = list(iter_reports(V1952))
    for item in items:
        assert volume[item.report.start:item.report.end] == item.text
    assert items[1].report.start == items[0].report.end + len(REPORT_SEPARATOR)
    assert items[-1].report.end == len(volume)


@pytest.mark.shared("data", "frus")
def test_volume_info():
    info = volume_info(V1952)
    assert info["idno"] == "frus1952-54v14p2"
    assert len(info["persons"]) == 139
    assert info["persons"]["p_ADG1"] == "Acheson, Dean G."
    assert volume_info(V1949)["idno"] == "frus1949v07p2"
    assert volume_info(V1949)["persons"] == {}
    assert volume_info(V1949)["title"].startswith("Foreign Relations of the United States, 1949, The Far East")


@pytest.mark.shared("data", "frus")
def test_is_tei_sniffs():
    assert is_tei(V1949) and is_tei(V1952) and is_tei(TEI / "newer.xml")
    assert not is_tei(TEI / "not_tei.xml")
    assert not is_tei(FULL_TEXT)


# --- the newer upstream encoding and the other namespace binding --------------------------

def test_the_newer_encoding():
    items = list(iter_reports(TEI / "newer.xml"))
    telegram, memo, note = (item.report for item in items)
    assert (telegram.date, telegram.time) == ("1941-01-10", "18:00+09:00")
    assert telegram.type == "telegram" and telegram.classification == "secret"  # "… Secret; Priority."
    assert (telegram.sender_role, telegram.recipient) == ("the Embassy in Japan", "Department of State")
    assert telegram.heading == "Telegram From the Embassy in Japan to the Department of State"  # "1." dropped
    # a day from frus:doc-dateTime-min/max when the document's dateline has none
    assert (memo.date, memo.time) == ("1941-01-12", None)
    assert (memo.sender, memo.sender_person) == ("Hull", "p_HC1")
    assert memo.enclosures == ["Enclosure: Note Verbale"]
    assert note.date is None and codes(items[2:]) == ["tei-no-date"]
    assert items[0].text.endswith("The Minister[^1] received me today.\n\nGrew\n\n[^1]: Matsuoka.")


def test_the_other_frus_binding_a_supplied_place_and_a_repeated_id():
    items = list(iter_reports(TEI / "other_binding.xml"))
    first, second = items
    assert first.report.enclosures == ["Annex: Aide-Mémoire"]
    assert (first.report.place, first.report.place_supplied) == ("Washington", True)
    assert first.report.chapter == "China"
    assert second.report.id == "d6-2"
    assert codes([second]) == ["tei-duplicate-id", "tei-no-date"]
    assert second.diagnostics[1].message == "d6-2: no date"


# --- bad input ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["billion_laughs.xml", "external_entity.xml"])
def test_entity_declarations_are_refused_without_expansion(name):
    items = list(iter_reports(TEI / name))
    assert len(items) == 1 and items[0].report is None
    assert codes(items) == ["tei-entities"]
    assert items[0].diagnostics[0].message.startswith("refused: the DOCTYPE declares entities")


def test_truncated_xml_keeps_the_reports_before_the_cut():
    items = list(iter_reports(TEI / "truncated.xml"))
    assert [item.report.id for item in items[:-1]] == ["d1", "d2"]
    assert items[-1].report is None and codes(items[-1:]) == ["tei-malformed"]
    assert items[-1].diagnostics[0].message.startswith("line 51: malformed XML: Premature end of data")


def test_malformed_xml_names_file_line_and_problem():
    items = list(iter_reports(TEI / "malformed.xml"))
    assert [item.report.id for item in items[:-1]] == ["d1"]
    assert items[-1].diagnostics[0].message == (
        "line 45: malformed XML: Opening and ending tag mismatch: p line 45 and q")


def test_not_tei():
    items = list(iter_reports(TEI / "not_tei.xml"))
    assert [d.message for d in items[0].diagnostics] == ["not a TEI file: root element is <html>"]


def test_missing_file(tmp_path):
    items = list(iter_reports(tmp_path / "absent.xml"))
    assert items[0].report is None and codes(items) == ["tei-unreadable"]


def test_script_writes_the_rendering(tmp_path):
    import runpy
    import sys

    out = tmp_path / "newer.txt"
    argv = sys.argv
    sys.argv = ["tei_to_text.py", str(TEI / "newer.xml"), "-o", str(out)]
    try:
        with pytest.raises(SystemExit) as done:
            runpy.run_path(str(FIXTURES.parents[1] / "scripts" / "tei_to_text.py"), run_name="__main__")
    finally:
        sys.argv = argv
    assert done.value.code == 0
    assert out.read_text("utf-8") == "".join(render_volume(TEI / "newer.xml"))
    assert out.read_text("utf-8").count(REPORT_SEPARATOR + "No. ") == 2


XMLISH = st.lists(st.sampled_from([
    "<TEI xmlns='http://www.tei-c.org/ns/1.0'>", "</TEI>", "<text>", "<body>", "<div type='document' xml:id='d1' n='1'>",
    "</div>", "<head>", "</head>", "<note>", "</note>", "<p>", "</p>", "<lb/>", "<dateline>", "</dateline>",
    "<date when='1949-13-99T25:00:00+99:00'>", "</date>", "<placeName>[", "</placeName>", "<persName type='to' corresp='#'>",
    "</persName>", "<gloss type='from'>", "</gloss>", "The Ambassador (Grew) to the Secretary", " to ", "&amp;", "&lol;",
    "<!DOCTYPE TEI [<!ENTITY lol 'x'>]>", "<?xml version='1.0'?>", "\x00", "é", "\u200b", "]]>", "<![CDATA[", "<!--",
]), max_size=40).map("".join)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(XMLISH.map(str.encode), st.binary(max_size=400)))
def test_any_bytes_give_items_or_diagnostics_never_exceptions(tmp_path, content):
    path = tmp_path / "random.xml"
    path.write_bytes(content)
    items = list(iter_reports(path))
    assert all(item.report is not None or item.diagnostics for item in items)
    is_tei(path)
    volume_info(path)
