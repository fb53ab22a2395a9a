"""The one header reader (legation.ingest.headers): document-type lines, datelines and headings
of several editions — FRUS of every decade, the Australian DAFP, a user's transcription — read the
same way by the plain-text reader and the TEI reader."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from legation.ingest import headers
from legation.ingest.headers import (DATELINE, HEADING, TELEGRAM, editorial_note, header_fields, heading_dateline,
                                     line_kind, parse_heading, read_dateline, read_type_line, source_type)
from legation.ingest.reports import split_reports, split_reports_read


# ---------------------------------------------------------------------------------------------
# Document-type lines: kind, number, place, date, time


@pytest.mark.parametrize("line, expected", [
    ("Cablegram 99 WASHINGTON, 7 February 1941, 5.51 p.m.", ("cablegram", "99", "Washington", "1941-02-07", "17:51")),
    ("Cablegram unnumbered 15 June 1939,", ("cablegram", None, None, "1939-06-15", None)),
    ("Letter LONDON, 3 March 1940", ("letter", None, "London", "1940-03-03", None)),
    ("Dispatch 12/40 TOKYO, 20 May 1940", ("despatch", "12/40", "Tokyo", "1940-05-20", None)),
    ("Memorandum CANBERRA, undated", ("memorandum", None, "Canberra", None, None)),
    ("CANBERRA, 13 December 1941 Cablegram 153", ("cablegram", "153", "Canberra", "1941-12-13", None)),
    ("Telegram 1234 TOKYO, September 8, 1939—noon", ("telegram", "1234", "Tokyo", "1939-09-08", "12:00")),
    ("Circular cablegram M20[3] [1] LONDON, 2 August 1941, 6.20 p.m.",
     ("cablegram", "M20[3]", "London", "1941-08-02", "18:20")),
    ("Cablegram Johcu 86 WASHINGTON, 3 May 1944", ("cablegram", "Johcu 86", "Washington", "1944-05-03", None)),
    ("Cablegram 1009 [1] CANBERRA, 25 November 1941", ("cablegram", "1009", "Canberra", "1941-11-25", None)),
    ("Memorandum [1] 3 May 1937,", ("memorandum", None, None, "1937-05-03", None)),
    ("Letter (air mail), BATAVIA, 30 December 1937", ("letter", None, "Batavia", "1937-12-30", None)),
    ("Dispatch 12 (extracts) PARIS, 1 December 1945", ("despatch", "12", "Paris", "1945-12-01", None)),
    ("Cablegram 141 LONDON, 22, November 1937, 6.00 p.m.", ("cablegram", "141", "London", "1937-11-22", "18:00")),
    ("Cablegram 915 LONDON, 28 December 1941, [1.45 a.m.] [1]", ("cablegram", "915", "London", "1941-12-28", "01:45")),
    ("Cablegram 366 [1] TOKYO, 29 July 1941, 12 noon", ("cablegram", "366", "Tokyo", "1941-07-29", "12:00")),
    ("Draft Cablegram [111] [1] n.d. [30 December 1937]", ("cablegram", "[111]", None, None, None)),
    ("Cablegram 138 and 139 LONDON, 3 May 1940", ("cablegram", "138 and 139", "London", "1940-05-03", None)),
    ("Dispatch S-69 TOKYO, 29 July 1941", ("despatch", "S-69", "Tokyo", "1941-07-29", None)),
    ("circular Cablegram D1082 LONDON, 29 July 1944, 11.55 p.m.",
     ("cablegram", "D1082", "London", "1944-07-29", "23:55")),
    # a kind the tables do not know is still a document: typed `other` by the report reader
    ("Teleprinter message unnumbered CANBERRA, 4 May 1942", ("message", None, "Canberra", "1942-05-04", None)),
    ("Notification 12 CANBERRA, 4 May 1942", (None, "12", "Canberra", "1942-05-04", None)),
])
def test_type_lines(line, expected):
    found = read_type_line(line)
    assert found is not None and line_kind(line) == TELEGRAM
    dateline = found.dateline
    assert (found.type, found.number, dateline and dateline.place, dateline and dateline.date,
            dateline and dateline.time) == expected


@pytest.mark.parametrize("line", [
    "Tokyo, September 8, 1939—noon.",  # a dateline, not a kind "Tokyo"
    "New York 5 May 1945",
    "Telegram From the Embassy in Jordan to the Department of State",  # a heading
    "telegram, No. 122[A]. [2]",  # a line of a paragraph
    "Memorandum of a Conversation, Department of State, Washington, April 24, 1957, 3:32 p.m.",
    "Secret 5 May 1942",
])
def test_not_type_lines(line):
    assert read_type_line(line) is None


def test_undated_stays_unknown_and_a_supplied_place_is_marked():
    undated = read_dateline("Memorandum CANBERRA, undated".split(" ", 1)[1])
    assert (undated.place, undated.date, undated.undated) == ("Canberra", None, True)
    estimate = read_type_line("Draft Cablegram [111] [1] n.d. [30 December 1937]").dateline
    assert estimate.date is None and estimate.undated  # the editors' estimate is no date
    supplied = read_dateline("[LONDON], 18 May 1942")
    assert (supplied.place, supplied.place_supplied, supplied.date) == ("London", True, "1942-05-18")
    assert read_dateline("Extract [LONDON, 22(?) May 1944] [1]".split(" ", 1)[1]).date == "1944-05-22"
    assert line_kind("[LONDON], 18 May 1942") == DATELINE


# ---------------------------------------------------------------------------------------------
# Headings: sides, offices, several recipients


@pytest.mark.parametrize("heading, sender, recipient, kind", [
    ("Mr R.G. Menzies, Prime Minister, to Mr N. Chamberlain, U.K. Prime Minister, and Mr S.M. Bruce, "
     "High Commissioner in London", "R.G. Menzies", "N. Chamberlain; S.M. Bruce", None),
    ("Mr R. G. Casey, Minister to the United States, to Mr John Curtin, Prime Minister, and to Dr H. V. Evatt, "
     "Minister for External Affairs", "R. G. Casey", "John Curtin; H. V. Evatt", None),
    ("Dixon to Curtin, Chifley and Evatt", "Dixon", "Curtin; Chifley; Evatt", None),
    ("Commonwealth Government to Lord Cranborne, U.K. Secretary of State for Dominion Affairs",
     "Commonwealth Government", "Cranborne", None),
    ("Department of External Affairs to Mr David Ross, U.K. Consul in Dili", "Department of External Affairs",
     "David Ross", None),
    ("Note by Bruce of Conversation with Attlee", "Bruce", None, "note"),
    ("Note by Mr M. MacDonald, U.K. Secretary of State for the Colonies, of Conversation with Mr S. M. Bruce",
     "M. MacDonald", None, "note"),
    ("Cabinet Submission by Mr W. M. Hughes, Minister for External Affairs", "W. M. Hughes", None, "submission"),
    ("Memorandum by Tange", "Tange", None, "memorandum"),
    ("Telegram From the Embassy in Jordan to the Department of State", "Embassy in Jordan", "Department of State",
     "telegram"),
    ("Letter From Secretary of State Dulles to Foreign Secretary Lloyd", "Dulles", "Lloyd", "letter"),
    ("Memorandum From the Director of the Office of Near Eastern Affairs (Wilkins) to the Assistant Secretary of "
     "State for Near Eastern, South Asian, and African Affairs (Allen)", "Wilkins", "Allen", "memorandum"),
    ("Memorandum of a Telephone Conversation Between the Secretary of State and the Assistant Secretary of State "
     "for Near Eastern, South Asian, and African Affairs (Allen), Washington, January 5, 1956",
     "Secretary of State", "Allen", "memorandum"),
    ("Memorandum of a Conversation Between the Greek Ambassador (Melas) and Secretary of State Dulles, "
     "Department of State, Washington, April 5, 1956", "Melas", "Dulles", "memorandum"),
    ("Memorandum From Secretary of State Rusk and Secretary of Defense McNamara to President Kennedy",
     "Rusk", "Kennedy", "memorandum"),
    ("Report to the National Security Council by the Executive Secretary (Lay)", "Lay", "National Security Council",
     "report"),
    ("Memorandum From the Deputy Director (Plans) of Central Intelligence (Wisner) to the Director (Dulles)",
     "Wisner", "Dulles", "memorandum"),
    ("Telegram 124269 From the Department of State to the Embassy in Iran, August 1, 1970, 1617Z",
     "Department of State", "Embassy in Iran", "telegram"),
    ("Memorandum of Conference With President Kennedy", "Kennedy", None, "memorandum"),
])
def test_headings_of_several_editions(heading, sender, recipient, kind):
    parts = parse_heading(heading, loose=True)
    assert (parts.sender, parts.recipient, parts.type) == (sender, recipient, kind)


def test_a_person_with_an_office_keeps_the_office_in_the_role():
    parts = parse_heading("Mr R. G. Casey, Minister to the United States, to Department of External Affairs")
    assert parts.sender == "R. G. Casey"
    assert parts.sender_role == "Mr R. G. Casey, Minister to the United States"
    assert parts.recipient == "Department of External Affairs"


def test_surname_headings_need_their_place():
    assert parse_heading("Bruce to Curtin").sender is None  # on its own: no office, no heading
    assert (parse_heading("Bruce to Curtin", loose=True).sender,
            parse_heading("Bruce to Curtin", loose=True).recipient) == ("Bruce", "Curtin")


@pytest.mark.parametrize("heading, place, date", [
    ("Memorandum of a Conversation, Department of State, Washington, March 3, 1955", "Washington", "1955-03-03"),
    ("Memorandum of Discussion at the 250th Meeting of the National Security Council, Washington, June 30, 1955",
     "Washington", "1955-06-30"),
    ("Minutes of the Cabinet Meeting, White House, Washington, July 24, 1957, 10–11:35 a.m.", "Washington",
     "1957-07-24"),
])
def test_a_heading_that_carries_its_date_and_place(heading, place, date):
    assert line_kind(heading) == HEADING
    found = heading_dateline(heading)
    assert (found.place, found.date) == (place, date)


@pytest.mark.parametrize("heading, kind", [
    ("Editorial Note", "editorial note"),
    ("National Intelligence Estimate", "intelligence estimate"),
    ("Special National Intelligence Estimate", "intelligence estimate"),
    ("Briefing Paper Prepared in the Department of State", "paper"),
    ("Draft Memorandum", "memorandum"),
    ("Information Memorandum From the President's Special Assistant (Rostow) to President Johnson", "memorandum"),
])
def test_heading_types(heading, kind):
    assert headers.heading_type(heading)[0] == kind


def test_source_note_types_are_exact():
    assert source_type("894.628/1–1949: Telegram") == "telegram"
    assert source_type("894.628/1–1949: Circular airgram") == "airgram"
    assert source_type("Source: Department of State, Secretary’s Memoranda of Conversation: Lot 64 D 199. Secret.") \
        is None


def test_header_fields_from_a_dafp_header():
    fields = header_fields([("Bruce to Curtin", HEADING),
                            ("Cablegram 121[A] LONDON, 2 August 1942, 7.50 p.m.", TELEGRAM)])
    assert (fields["type"], fields["number"], fields["place"], fields["date"], fields["time"]) == (
        "cablegram", "121[A]", "London", "1942-08-02", "19:50")
    assert (fields["sender"], fields["recipient"]) == ("Bruce", "Curtin")
    unknown = header_fields([("Hood to Sinclair", HEADING), ("Notification 12 CANBERRA, 4 May 1942", TELEGRAM)])
    assert unknown["type"] == "other"


@pytest.mark.parametrize("note, kind", [
    ("Not printed.", "not printed"),
    ("Not printed, but see footnote 2, supra.", "not printed"),
    ("Telegram 239 from Amman, February 7, is not printed.", "not printed"),
    ("Document 278.", "cross-reference"),
    ("See Document 12.", "cross-reference"),
    ("Source: Department of State, Central Files, 611.94/2–1055. Secret.", "source note"),
    ("Coox, Nomonhan, 23.", None),
    ("Reference is to the proposed military alliance between Turkey and Iraq.", None),
])
def test_editorial_notes(note, kind):
    assert editorial_note(note) == kind


# ---------------------------------------------------------------------------------------------
# Splitting by the edition's shape

DAFP = """Mr R. G. Casey, Minister to the United States, to Department of External Affairs

Cablegram 562 (extract) WASHINGTON, 26 July 1941, 2 a.m.

MOST SECRET

The President told me this morning that the embargo would stand. [1]

CASEY

_

1 Document 12.

Enclosure

U.K. Embassy, Washington, to State Department

Note (copy) WASHINGTON, 25 July 1941

His Majesty's Embassy presents its compliments.
"""


def test_one_dafp_report_with_an_enclosure_is_one_report():
    [read] = split_reports_read(DAFP)
    report = read.report
    assert (report.type, report.own_number, report.place, report.date, report.time) == (
        "cablegram", "562", "Washington", "1941-07-26", "02:00")
    assert (report.sender, report.recipient, report.classification) == (
        "R. G. Casey", "Department of External Affairs", "most secret")
    assert read.text.endswith("His Majesty's Embassy presents its compliments.")


SURNAME_FILE = """Bruce to Curtin

Cablegram 121[A] LONDON, 2 August 1942, 7.50 p.m.

MOST SECRET

My telegram S.34.

BRUCE


Curtin to Bruce

Cablegram 2 CANBERRA, 4 August 1942

Your 121[A].

CURTIN


Evatt to Chifley and Makin

Memorandum CANBERRA, undated

Notes for the Prime Minister.
"""


def test_a_file_of_surname_headings_splits_by_its_own_shape():
    reports = [r for r, _ in split_reports(SURNAME_FILE)]
    assert [(r.sender, r.recipient, r.date, r.place) for r in reports] == [
        ("Bruce", "Curtin", "1942-08-02", "London"), ("Curtin", "Bruce", "1942-08-04", "Canberra"),
        ("Evatt", "Chifley; Makin", None, "Canberra")]


def test_an_unreadable_header_is_kept_and_says_what_is_missing():
    text = "No. 1\n\nEditorial Note\n\nThe editors say.\n\n\nNo. 2\n\nSituation Appraisal\n\nThe appraisal.\n\n\n" \
           "No. 3\n\nThe Ambassador in Japan (Grew) to the Secretary of State\n\nTokyo, May 1, 1941.\n\nReport.\n"
    read = split_reports_read(text)
    assert [r.report.number for r in read] == ["1", "2", "3"]  # the numbering continues past an unknown heading
    assert read[0].report.type == "editorial note" and read[0].gaps == []
    assert "date" in read[1].gaps and "sender" in read[1].gaps
    assert read[2].gaps == []


NUMBERED_UNKNOWN = "\n\n\n".join(
    f"No. {n}\nSource: Department of State, Central Files, 611.94/{n}–1055. Secret.\n"
    f"{heading}\nWashington, March {n}, 1955.\n\nText of document {n}."
    for n, heading in enumerate(["Telegram From the Embassy in Japan to the Department of State",
                                 "Operations Coordinating Board Report",
                                 "Memorandum for the Record",
                                 "Volcker Group Paper"], start=1))


def test_numbered_edition_with_source_notes_and_unknown_headings():
    reports = [r for r, _ in split_reports(NUMBERED_UNKNOWN)]
    assert [r.number for r in reports] == ["1", "2", "3", "4"]
    assert all(r.date == f"1955-03-{n:02d}" and r.place == "Washington" for n, r in enumerate(reports, 1))
    assert reports[0].source_note.startswith("Source: Department of State")
    assert (reports[0].sender, reports[0].recipient) == ("Embassy in Japan", "Department of State")


@given(st.text(max_size=200))
def test_header_reading_never_raises(text):
    line_kind(text.split("\n")[0] if text else "")
    read_type_line(text)
    parse_heading(text, loose=True)
    editorial_note(text)


CONVERSATION = """No. 12
Source: Department of State, Central Files, 684A.85/3–1057. Secret.
Memorandum of a Conversation, Department of State, Washington, March 10, 1957
Washington, March 10, 1957.

PARTICIPANTS
United States
The Secretary
Mr. Rountree
Israel
Mr. Abba Eban, Ambassador of Israel
Mr. Reuven Shiloah

SUBJECT
Aqaba

The Ambassador called at his own request.
"""


def test_a_conversation_names_its_participants_as_its_correspondents():
    [(report, _)] = split_reports(CONVERSATION, force=True)
    assert (report.sender, report.recipient) == ("Secretary", "Abba Eban; Reuven Shiloah")
    assert (report.place, report.date, report.type) == ("Washington", "1957-03-10", "memorandum")
    assert report.classification == "secret"  # read from the source note, as the TEI reader does


def test_an_essay_whose_title_a_dateline_follows_stays_an_article():
    essay = ("The Road to Moscow\n\nLondon, 3 March 1944\n\n" + "The talks began in earnest. " * 20 +
             "\n\nNotes\n\n1. Coox, Nomonhan, 23.\n")
    assert split_reports(essay) == []


def test_a_dateline_without_its_year_takes_the_year_of_the_reports_own_file_number():
    text = ("No. 74\nTelegram From the Department of State to the Embassy in the Republic of China[^1]\n"
            "Washington, October 16, 9:09 p.m.\n\n259. Eyes only for Ambassador Drumright.\n\n"
            "[^1]: Source: Department of State, Central Files, 303/10-1661. Top Secret; Niact.\n\n\n"
            "No. 75\nTelegram From the Embassy in the Republic of China to the Department of State\n"
            "Taipei, October 17, 1961, 4 p.m.\n\nReply.\n\n\n"
            "No. 76\nTelegram From the Department of State to the Embassy in the Republic of China\n"
            "Washington, October 18, 2 p.m.\n\nNo file number here.\n")
    first, second, third = (r for r, _ in split_reports(text))
    assert (first.date, first.place, first.time) == ("1961-10-16", "Washington", "21:09")
    assert third.date is None and third.place == "Washington"  # never the year of a neighbour


@pytest.mark.parametrize("line", ["Joshua Botts · October 27, 2011", "Lindsay Sarah Krasnoff · Preview Edition, "
                                  "September 2014"])
def test_a_byline_is_no_dateline(line):
    assert read_dateline(line) is None
