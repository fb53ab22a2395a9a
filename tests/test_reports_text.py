"""The plain-text report reader: splitting a file of transcribed reports and reading their
first lines. Transcriptions here are written by hand in styles the FRUS volumes do not use."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from conftest import SEED_TEXTS, shared_path
from legation.ingest.reports import HeadingParts, parse_heading, read_header, split_reports

TELEGRAMS_1939 = """\
Telegram 1234 TOKYO, September 8, 1939—noon [Received September 8, 6:40 a.m.]

Strictly Confidential

The Foreign Minister told me this morning that the Japanese Government wishes to settle the
Nomonhan affair by negotiation in Moscow.

Grew

Telegram 1241 TOKYO, September 9, 1939—6 p. m.

Secret

Reference my 1234, September 8, noon. Togo has been instructed to open talks with Molotov.

Grew
"""

HEADINGS_1941 = """\
The Ambassador in the Soviet Union (Steinhardt) to the Secretary of State
Moscow, April 13, 1941—8 p. m. [Received April 13—4:47 p. m.]

Molotov and Matsuoka signed the neutrality pact this afternoon.

The Japanese Ambassador (Nomura) to the Secretary of State
[Washington,] April 14, 1941.

Personal

Sir: I have the honour to inform you of the pact concluded in Moscow.

Memorandum of Conversation, by the Secretary of State
[Washington,] April 16, 1941.

The Japanese Ambassador called at my apartment this evening.
"""

BRITISH_CABLEGRAMS = """\
**Cablegram 99** WASHINGTON, 7 February 1941, 5.51 p.m.

MOST SECRET

Lord Halifax saw the President this morning about the Far Eastern situation.

**Cablegram 104** WASHINGTON, 12 March 1941, 11.10 a.m.

Halifax reports that the State Department expects no Japanese move before June.
"""

MARKDOWN_EDITION = """\
# Selected documents, 1949

## No. 11

894.00/1–2449

### The Acting Political Adviser in Japan (Sebald) to the Secretary of State

Tokyo, January 24, 1949.
[Received January 31.]

No. 50
Restricted

Sir: I have the honor to report on the election campaign.

Enclosure

Memorandum by the Second Secretary of the Mission (Finn) to the Acting Political Adviser in Japan (Sebald)

Tokyo, January 20, 1949.

The campaign opened quietly.

## No. 12

740.00119 Control (Japan)/1–2549: Telegram

### The Secretary of State to the Acting Political Adviser in Japan (Sebald)

Washington, January 25, 1949—7 p. m.

Confidential

Your 50 January 24 received.
"""


def only(text: str) -> list[dict]:
    return [r.to_dict() for r, _ in split_reports(text)]


# ---------------------------------------------------------------------------------------------
# Not a collection


@pytest.mark.parametrize("seed", SEED_TEXTS, ids=lambda p: p.name)
def test_seed_articles_are_not_report_collections(seed):
    assert split_reports(seed.read_text(encoding="utf-8")) == []


def test_a_document_quoted_in_an_article_is_not_a_collection():
    text = ("Relations worsened in the autumn.\n\nThe Ambassador in Japan (Grew) to the Secretary of State\n"
            "Tokyo, October 2, 1939.\n\nThe situation is grave.\n")
    assert split_reports(text) == []


def test_prose_that_reads_like_a_heading_is_not_one():
    lines = ["The Soviet government refused to sign the pact proposed to it in June.",
             "Memorandum by Ambassador Grew was handed to Togo on Monday and discussed at length.",
             "From the Khalkhin Gol Events to the Neutrality Pact: Relations Between the USSR and Japan"]
    assert all(parse_heading(line) == HeadingParts() for line in lines)
    assert split_reports("\n\n".join(lines * 2)) == []


# ---------------------------------------------------------------------------------------------
# Telegrams, cablegrams, headings


def test_telegram_lines_1939():
    reports = split_reports(TELEGRAMS_1939)
    assert [r.id for r, _ in reports] == ["r1", "r2"]
    first, second = reports[0][0], reports[1][0]
    assert (first.type, first.own_number, first.number) == ("telegram", "1234", "1234")
    assert (first.place, first.date, first.time) == ("Tokyo", "1939-09-08", "12:00")
    assert first.received == "[Received September 8, 6:40 a.m.]"
    assert first.classification == "strictly confidential"
    assert (second.own_number, second.date, second.time, second.classification) == (
        "1241", "1939-09-09", "18:00", "secret")


FILE_NOTES_1939 = """\
761.94/1140: Telegram

The Ambassador in Japan (Grew) to the Secretary of State

Tokyo, September 8, 1939—noon.
[Received September 8—6:40 a. m.]

423. 1. The Foreign Minister told me that the Japanese Government would ask Moscow for talks.

Grew

761.94/1152

Memorandum by the Chief of the Division of Far Eastern Affairs (Hamilton)

[Washington,] September 12, 1939.

The Japanese Ambassador called this morning.
* * *
Document 3
The Japanese Minister for Foreign Affairs (Matsuoka) to the Japanese Ambassador in the Soviet Union (Tatekawa)
Tokyo, 5 April 1941
Urgent
Proceed to the Kremlin at once.
"""


def test_file_notes_document_numbers_and_rules_between_reports():
    reports = split_reports(FILE_NOTES_1939)
    grew, hamilton, matsuoka = (r for r, _ in reports)
    assert (grew.source_note, grew.type, grew.time) == ("761.94/1140: Telegram", "telegram", "12:00")
    assert (hamilton.type, hamilton.sender, hamilton.recipient, hamilton.date) == (
        "memorandum", "Hamilton", None, "1939-09-12")
    assert reports[1][1].endswith("called this morning.")  # the "* * *" rule is nobody's text
    assert (matsuoka.number, matsuoka.sender, matsuoka.recipient) == ("3", "Matsuoka", "Tatekawa")
    assert (matsuoka.sender_side, matsuoka.recipient_side, matsuoka.date) == ("JPN", "JPN", "1941-04-05")


def test_report_texts_and_offsets():
    for text in (TELEGRAMS_1939, HEADINGS_1941, BRITISH_CABLEGRAMS, MARKDOWN_EDITION, FILE_NOTES_1939):
        reports = split_reports(text)
        for report, own in reports:
            assert text[report.start:report.end] == own
            assert own == own.strip()
    first, second = split_reports(TELEGRAMS_1939)
    assert first[1].startswith("Telegram 1234") and first[1].endswith("Grew")
    assert second[1].startswith("Telegram 1241")


def test_headings_with_datelines_1941():
    reports = [r for r, _ in split_reports(HEADINGS_1941)]
    assert len(reports) == 3
    steinhardt, nomura, memo = reports
    assert (steinhardt.sender, steinhardt.recipient) == ("Steinhardt", "Secretary of State")
    assert (steinhardt.place, steinhardt.date, steinhardt.time) == ("Moscow", "1941-04-13", "20:00")
    assert steinhardt.sender_side is None  # the lead defaults a collection's side
    assert steinhardt.received == "[Received April 13—4:47 p. m.]"
    assert (nomura.sender, nomura.sender_side, nomura.type) == ("Nomura", "JPN", "letter")
    assert (nomura.place, nomura.place_supplied, nomura.date) == ("Washington", True, "1941-04-14")
    assert (memo.type, memo.sender, memo.recipient) == ("memorandum", "Secretary of State", None)


def test_british_cablegrams():
    reports = [r for r, _ in split_reports(BRITISH_CABLEGRAMS)]
    assert [(r.type, r.own_number, r.place, r.date, r.time) for r in reports] == [
        ("cablegram", "99", "Washington", "1941-02-07", "17:51"),
        ("cablegram", "104", "Washington", "1941-03-12", "11:10"),
    ]
    assert reports[0].classification == "most secret"


def test_markdown_edition_with_an_enclosure():
    reports = [r for r, _ in split_reports(MARKDOWN_EDITION)]
    # the enclosure's heading has no edition number: it stays inside report No. 11
    assert [r.number for r in reports] == ["11", "12"]
    despatch, telegram = reports
    assert despatch.source_note == "894.00/1–2449"
    assert (despatch.type, despatch.own_number, despatch.classification) == ("despatch", "50", "restricted")
    assert (despatch.sender, despatch.recipient, despatch.date) == ("Sebald", "Secretary of State", "1949-01-24")
    assert despatch.received == "[Received January 31.]"
    assert (telegram.type, telegram.recipient, telegram.time) == ("telegram", "Sebald", "19:00")
    assert telegram.heading == "The Secretary of State to the Acting Political Adviser in Japan (Sebald)"


def test_one_report_at_the_top_of_a_file():
    text = "No. 467\n693.94/1–952\nMemorandum of Conversation, by the Acting Assistant Secretary of State " \
           "for Far Eastern Affairs (Allison)\n[Washington,] January 9, 1952.\n\nSecret\n\nMr. Dulles called.\n"
    [(report, own)] = split_reports(text)
    assert (report.number, report.type, report.sender, report.recipient) == ("467", "memorandum", "Allison", None)
    assert (report.place, report.place_supplied, report.date, report.classification) == (
        "Washington", True, "1952-01-09", "secret")
    assert own == text.strip()


def test_soviet_style_telegram():
    text = ("Телеграмма 123 ТОКИО, 13 апреля 1941 г., 18.30\nСовершенно секретно\n\nМацуока сообщил ...\n\n"
            "Телеграмма 124 ТОКИО, 14 апреля 1941 г.\n\nСегодня ...\n")
    reports = [r for r, _ in split_reports(text)]
    assert [(r.type, r.own_number, r.place, r.date, r.time) for r in reports] == [
        ("telegram", "123", "Токио", "1941-04-13", "18:30"), ("telegram", "124", "Токио", "1941-04-14", None)]
    assert reports[0].classification == "совершенно секретно"


# ---------------------------------------------------------------------------------------------
# Headings alone (the TEI reader calls parse_heading for headings without from/to markup)


@pytest.mark.parametrize("heading, expected", [
    ("The Acting Political Adviser in Japan (Sebald) to the Acting Secretary of State",
     HeadingParts("Sebald", "The Acting Political Adviser in Japan (Sebald)", "Acting Secretary of State",
                  "the Acting Secretary of State")),
    ("The Secretary of State to the Acting Political Adviser in Japan ( Sebald )",
     HeadingParts("Secretary of State", "The Secretary of State", "Sebald",
                  "the Acting Political Adviser in Japan (Sebald)")),
    ("Memorandum of Conversation, by the Acting Assistant Secretary of State for Far Eastern Affairs (Allison)",
     HeadingParts("Allison", "the Acting Assistant Secretary of State for Far Eastern Affairs (Allison)",
                  type="memorandum")),
    ("The United States Political Adviser to SCAP (Sebald) to the Department of State",
     HeadingParts("Sebald", "The United States Political Adviser to SCAP (Sebald)", "Department of State",
                  "the Department of State", sender_side="USA")),
    ("Memorandum by John Foster Dulles, Consultant to the Secretary of State, to the Secretary of State",
     HeadingParts("John Foster Dulles", "John Foster Dulles, Consultant to the Secretary of State",
                  "Secretary of State", "the Secretary of State", type="memorandum")),
    ("The Soviet Ambassador in Japan (Smetanin) to the People's Commissar for Foreign Affairs (Molotov)[^1]",
     HeadingParts("Smetanin", "The Soviet Ambassador in Japan (Smetanin)", "Molotov",
                  "the People's Commissar for Foreign Affairs (Molotov)", sender_side="USSR")),
    ("Editorial Note", HeadingParts(type="editorial note")),
    ("The Secretary of State to the Embassy in the Soviet Union",  # the US embassy: no Soviet side
     HeadingParts("Secretary of State", "The Secretary of State", "Embassy in the Soviet Union",
                  "the Embassy in the Soviet Union")),
])
def test_parse_heading(heading, expected):
    assert parse_heading(heading) == expected


def test_parse_heading_of_prose_names_nobody():
    assert parse_heading("From the Khalkhin Gol Events to the Neutrality Pact: Relations Between the USSR "
                         "and Japan") == HeadingParts()


def test_read_header_lines():
    fields = read_header(["No. 6", "740.00119 Control (Japan)/1–749",
                          "The Acting Political Adviser in Japan (Sebald) to the Acting Secretary of State",
                          "Tokyo, January 7, 1949.", "[Received January 24.]", "No. 11"])
    assert fields["number"] == "6" and fields["own_number"] == "11" and fields["type"] == "despatch"
    assert (fields["date"], fields["place"], fields["received"]) == ("1949-01-07", "Tokyo", "[Received January 24.]")
    assert read_header(["Washington, January 10, 1949—6 p. m."])["time"] == "18:00"
    assert read_header(["Tokyo, December 31, 1951—2:26 p.m."])["time"] == "14:26"


# ---------------------------------------------------------------------------------------------
# Real gold: the FRUS volumes' text rendering against their TEI metadata


FRUS = shared_path("data", "frus", "frus1949v07p2.xml")


@pytest.mark.shared("data", "frus", "frus1949v07p2.xml")
def test_frus_rendering_splits_and_reads_like_the_tei():
    tei = pytest.importorskip("legation.ingest.tei")
    items = [item for item in tei.iter_reports(FRUS) if item.report is not None]
    text = tei.REPORT_SEPARATOR.join(item.text for item in items)
    found = split_reports(text)
    assert [r.start for r, _ in found] == [item.report.start for item in items]
    dates = [(item.report.date, r.date) for item, (r, _) in zip(items, found) if item.report.date]
    places = [(item.report.place, r.place) for item, (r, _) in zip(items, found) if item.report.place]
    assert sum(gold == mine for gold, mine in dates) >= 0.99 * len(dates)
    assert sum(gold == mine for gold, mine in places) >= 0.97 * len(places)


# ---------------------------------------------------------------------------------------------
# Never raises; offsets in order

HEADER_BITS = ["No. 12", "894.628/1–1949: Telegram", "The Ambassador in Japan (Grew) to the Secretary of State",
               "Tokyo, January 7, 1949.", "[Received January 24.]", "Secret", "Telegram 12 TOKYO, May 1, 1939—noon",
               "Memorandum by", "(", ")", " to ", "[", "]", "—", "p. m.", "\n", "\n\n", "Dear Sir:", "## ", "**",
               "[^1]", "Телеграмма", "Токио, 13 апреля 1941 г.", "\x00", "\u2028"]


@given(st.lists(st.one_of(st.sampled_from(HEADER_BITS), st.text(max_size=30)), max_size=40).map("".join))
def test_split_reports_never_raises_and_keeps_offsets_ordered(text):
    reports = split_reports(text)
    previous_end = 0
    for report, own in reports:
        assert 0 <= previous_end <= report.start < report.end <= len(text)
        assert text[report.start:report.end] == own
        previous_end = report.end


@given(st.text(max_size=300))
def test_parse_heading_never_raises(text):
    assert isinstance(parse_heading(text), HeadingParts)


UNDATED_AMONG_DATED = """The Ambassador in Korea (Muccio) to the Secretary of State

Seoul, June 25, 1949.

The Soviet Union attacked the Republic of Korea today.

Muccio

The Secretary of State to the Embassy in Korea

Washington, July 2, 1949.

The United States protested to the Soviet Union.

Acheson

Memorandum by the Secretary of State

In 1666 the Soviet Union attacked the Republic of Korea, as Conference Files, CF 1666, record.
"""


def test_an_undated_report_speaks_from_its_collections_time(tmp_path):
    """A report whose header gives no date (an editors' memorandum) is read in the time of the
    file's other reports: a file number read as a year far outside it is no event date."""
    from legation.pipeline import extract_unit, read_collection

    path = tmp_path / "telegrams.txt"
    path.write_text(UNDATED_AMONG_DATED, encoding="utf-8")
    units = [u for u in read_collection(path, "reports")]
    assert len(units) == 3 and units[2].report.date is None
    assert units[2].period == ("1949-06-25", "1949-07-02")
    doc = extract_unit(units[2])
    assert not [e for e in doc.events if (e.date or "9999") < "1900"]
    assert any(d.code == "event-outside-report-time" for d in doc.diagnostics)


def test_a_span_that_begins_long_before_the_report_is_no_event_of_it(tmp_path):
    """Events count where they begin: "1500–2000" (troops) read as years begins five centuries
    before a 1953 report, and is a diagnostic, not an event dated 1500."""
    from legation.pipeline import extract_unit, read_collection

    path = tmp_path / "telegram.txt"
    path.write_text("The Ambassador in Korea (Briggs) to the Department of State\n\nSeoul, October 13, 1953.\n\n"
                    "Unable formally accept Chinese proposal 1500–2000 represents maximum number troops to be "
                    "repatriated.\n\n"
                    "Briggs\n", encoding="utf-8")
    [unit] = [u for u in read_collection(path, "reports")]
    doc = extract_unit(unit)
    assert unit.report.date == "1953-10-13"
    assert not [e for e in doc.events if (e.date or "9999") < "1900"]
    assert any(d.code == "event-outside-report-time" for d in doc.diagnostics)
