"""American archival citations, read in free order: NARA and the presidential libraries, the
Department of State's central and lot files, the Library of Congress and other manuscript
repositories, CREST; and Russian regional archives named with their region.

The shapes are real: notes of the Office of the Historian's history of the FRUS series (the
articles of ../shared/data/articles/) and FRUS source notes (../shared/data/frus-series/)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legation.extract import archival
from legation.extract.citations import archival_key, parse_note

LEVELS = ("record_group", "entry", "series", "subseries", "collection", "lot", "accession", "file", "box",
          "container", "folder", "folios", "fond", "opis", "delo")


def archival_citation(note: str):
    """The note's one archival citation (the note may hold others of other kinds)."""
    found = [c for c in parse_note(note) if c.kind == "archival"]
    assert len(found) == 1, [(c.kind, c.text) for c in parse_note(note)]
    return found[0]


def levels(citation) -> dict:
    return {name: citation.fields.get(name) for name in LEVELS if citation.fields.get(name) is not None}


CASES = [
    # NARA: record group, a named series with its years, a decimal file written with en dashes
    ("Spaulding paper, May 15, 1945 attached to Spaulding to Archibald MacLeish, May 16, 1945, NARA, RG 59, "
     "CDF 1944–1949, 811.00/5–1645",
     "NARA", {"record_group": "59", "series": "CDF 1944–1949", "file": "811.00/5–1645"}),
    ("Wilder Spaulding to Breckinridge Long, March 15, 1940, NARA, RG 59, CDF 1940–1944, "
     "026 Foreign Relations/1456 1/2",
     "NARA", {"record_group": "59", "series": "CDF 1940–1944", "file": "026 Foreign Relations/1456 1/2"}),
    ("passim, in NARA, RG 59, CDF 1945–1949, 026 China",
     "NARA", {"record_group": "59", "series": "CDF 1945–1949", "file": "026 China"}),
    ("passim, NARA, RG 59, CDF 1950–1954, 023.1/3–2654 through 023.1/8–3054",
     "NARA", {"record_group": "59", "series": "CDF 1950–1954", "file": "023.1/3–2654 through 023.1/8–3054"}),
    # a series name that holds a comma and its years; a post file after the box
    ("William Gibson to [Department of State] (with enclosures), April 15, 1955, NARA, RG 84, Classified General "
     "Records of the Embassy in Paris, 1944–1963, 350—Political Reporting",
     "NARA", {"record_group": "84", "series": "Classified General Records of the Embassy in Paris, 1944–1963",
              "file": "350—Political Reporting"}),
    ("NARA, RG 84, Embassy Moscow Classified General Records, 1941–1963, Box 202, 310 Yalta",
     "NARA", {"record_group": "84", "series": "Embassy Moscow Classified General Records, 1941–1963", "box": "202",
              "file": "310 Yalta"}),
    # lot files: the name before "Lot File" is the series; the unlabelled title after the box, the folder
    ("James Penfield and Charles Stelle to Noble, November 20, 1947, NARA, RG 59, WTC Lot File 83D222, Box 5, "
     "1947–1948",
     "NARA", {"record_group": "59", "series": "WTC", "lot": "83D222", "box": "5", "folder": "1947–1948"}),
    ("Eden to Dulles, March 30, 1955, Eisenhower Library, Dulles Papers, Subject Series, Box 8, Yalta-Malta Papers, "
     "etc. 1955",
     "Eisenhower Library", {"collection": "Dulles Papers", "series": "Subject Series", "box": "8",
                            "folder": "Yalta-Malta Papers, etc. 1955"}),
    ("Trask to Dyess, April 23, 1980, Department of State, FRUS Clearance Lot File 04D114, Box 3, Documents "
     "Relating to the Re-Review of Foreign Relations, 1950–1954 (1980)",
     "Department of State", {"series": "FRUS Clearance", "lot": "04D114", "box": "3",
                             "folder": "Documents Relating to the Re-Review of Foreign Relations, 1950–1954 (1980)"}),
    ("Noble to Melville Osborne, November 3, 1958, NARA, RG 59, Kogan Papers Lot File 83D230, Box 2, Foreign "
     "Classified Documents General",  # a lot file's name, though it reads like a collection's
     "NARA", {"record_group": "59", "series": "Kogan Papers", "lot": "83D230", "box": "2",
              "folder": "Foreign Classified Documents General"}),
    ("minutes of 1957 HAC meeting, p. 73, Department of State, HAC Lot File 03D130, 1957–HAC–Annual Meeting",
     "Department of State", {"series": "HAC", "lot": "03D130", "folder": "1957–HAC–Annual Meeting"}),
    # an entry with its label: the names after "Entry …:" up to the lot in brackets are one series
    ("passim, NARA, RG 59, Entry A1–5066: Bureau of Public Affairs, Office of the Historian, Records Relating to "
     "the Compilation of the World War II Conferences Volumes of the Publication Foreign Relations of the United "
     "States (83D222)",
     "NARA", {"record_group": "59", "entry": "A1–5066", "lot": "83D222",
              "series": "Bureau of Public Affairs, Office of the Historian, Records Relating to the Compilation of the "
                        "World War II Conferences Volumes of the Publication Foreign Relations of the United States"}),
    ("Livingston Merchant to Dulles, August 27, 1954, NARA, RG 59, Entry UD–WW–9: Bureau of Public Affairs, Office "
     "of the Historian, Arthur Kogan Files, 1945–1980 (83D230) (henceforth Kogan Papers Lot File 83D230), Box 2, "
     "Clearances—Malta & Yalta",
     "NARA", {"record_group": "59", "entry": "UD–WW–9", "lot": "83D230", "box": "2",
              "series": "Bureau of Public Affairs, Office of the Historian, Arthur Kogan Files, 1945–1980",
              "folder": "Clearances—Malta & Yalta"}),
    ("Baehler through Aandahl to Trask, October 26, 1978, Department of State, Bureau of Public Affairs, Office of "
     "the Historian, Paul Claussen Files, 1976–1979 (Lot File 13D284), Box 1, [Chron File October–December 1978]",
     "Department of State", {"series": "Bureau of Public Affairs, Office of the Historian, Paul Claussen Files, "
                                       "1976–1979", "lot": "13D284", "box": "1",
                             "folder": "[Chron File October–December 1978]"}),
    # the repository written last: the levels before it are read backward, up to the document's date
    ("E. Wilder Spaulding to N. Andrew Cleven, July 26, 1932, 026 Foreign Relations/592, Department of State "
     "Decimal File, 1930–1939, RG 59, NA.",
     "NA", {"record_group": "59", "series": "Department of State Decimal File, 1930–1939",
            "file": "026 Foreign Relations/592"}),
    ("Hamilton Fish to James G. Blaine, December 6, 1869, in “Reports of the Secretary to the President and "
     "Congress,” Volume 10, page 198, Miscellaneous Correspondence of the Department of State, 1784–1906, RG 59, NA",
     "NA", {"record_group": "59", "series": "Miscellaneous Correspondence of the Department of State, 1784–1906",
            "file": "Reports of the Secretary to the President and Congress", "container": "Volume 10",
            "folios": "198"}),
    ("Hamilton Fish to Ulysses S. Grant, December 14, 1869, in “Reports of the Secretary to the President and "
     "Congress,” Volume 10, 208, Misc. Correspondence., Entry 145, RG 59, NA",
     "NA", {"record_group": "59", "entry": "145", "series": "Misc. Correspondence", "container": "Volume 10",
            "folios": "208", "file": "Reports of the Secretary to the President and Congress"}),
    ("Fish to Webb, January 1, 1870, Fish Papers, Container 277, Letters Sent, DLC",
     "DLC", {"collection": "Fish Papers", "container": "277", "series": "Letters Sent"}),
    ("Folder “June 1991 (84 Plan),” Box 1, Lot File 09 D 473, Department of State, Washington, DC.",
     "Department of State", {"lot": "09 D 473", "box": "1", "folder": "June 1991 (84 Plan)"}),
    ("P860009-1020, DoS P-Reels", "DoS", {"file": "P860009-1020", "series": "DoS P-Reels"}),
    # manuscript collections and libraries; a repository known by its kind ("… College", "University of …")
    ("Harry Truman to Samuel Eliot Morison, December 22, 1950, LCM, AHA Papers, Box 170, Committee on Historians "
     "and the Federal Government 1950–1951",
     "LCM", {"collection": "AHA Papers", "box": "170",
             "folder": "Committee on Historians and the Federal Government 1950–1951"}),
    ("Carl McCardle to Knowland, May 22, 1953, Reed College, G. Bernard Noble Papers (henceforth Noble Papers), "
     "Box 16, 6",
     "Reed College", {"collection": "G. Bernard Noble Papers", "box": "16", "folder": "6"}),
    ("Barron to O’Connor, December 7, 1952, University of Oregon, Special Collections and University Archives, "
     "Bryton Barron Papers, Ax 463 (henceforth Barron Papers), Box 5, Dulles 6",
     "University of Oregon", {"collection": "Bryton Barron Papers, Ax 463", "box": "5", "folder": "Dulles 6"}),
    ("I also examined Fish’s correspondence with Sumner as contained in the Charles Sumner Papers, Harvard "
     "University.",
     "Harvard University", {"collection": "Charles Sumner Papers"}),
    ("Winnacker to Secretary of Defense, March 18, 1955, Office of the Secretary of Defense Historical Office, "
     "Subject Files, Box 1283a, Yalta Papers",
     "Office of the Secretary of Defense Historical Office", {"series": "Subject Files", "box": "1283a",
                                                              "folder": "Yalta Papers"}),
    ("Charles Stuart Kennedy interview with John Burke, May 26, 1989, Library of Congress, ADST Oral History, "
     "http://hdl.loc.gov/loc.mss/mfdip.2004bur03",
     "Library of Congress", {"collection": "ADST Oral History"}),
    # presidential libraries, CREST, telegram and P-reel numbers, White House file codes
    ("Reger to Martin, September 20, 1985, Ronald Reagan Presidential Library and Museum (henceforth Reagan "
     "Library), White House Office of Records Management Subject File, PU001 33024855",
     "Ronald Reagan Presidential Library and Museum",
     {"series": "White House Office of Records Management Subject File", "file": "PU001 33024855"}),
    ("Robert McFarlane to Reagan, November 8, 1985, Reagan Library, Assistant to the President for National "
     "Security Affairs Chron File, 8505121",
     "Reagan Library", {"series": "Assistant to the President for National Security Affairs Chron File",
                        "file": "8505121"}),
    ("“Toward a Limited Systematic Review Program,” [no date] in CREST, CIA–RDP85B00552R001000070019–5",
     "CREST", {"file": "CIA–RDP85B00552R001000070019–5"}),
    ("U.S. Embassy Stockholm to Secretary of State, March 3, 1978, Department of State, SAS, 1978 STOCKH 00871",
     "Department of State", {"series": "SAS", "file": "1978 STOCKH 00871"}),
    ("Romberg through Dam to Shultz, October 10, 1984, Department of State, 985 P-Reels, P850114–0937 through 0941",
     "Department of State", {"series": "985 P-Reels", "file": "P850114–0937 through 0941"}),
    # FRUS source notes: the classification after the file ends the citation, with or without a stop
    ("Source: Department of State, Central Files, 611.94/2–1055. Secret; Priority.",
     "Department of State", {"series": "Central Files", "file": "611.94/2–1055"}),
    ("Source: Department of State, Central Files, POL 26 S VIET Secret; Exclusive; Eyes Only.",
     "Department of State", {"series": "Central Files", "file": "POL 26 S VIET"}),
    ("Source: Department of State, Central Files, POL 23–8 CYP. Secret; Exdis-TAG.",
     "Department of State", {"series": "Central Files", "file": "POL 23–8 CYP"}),
    ("Source: Eisenhower Library, Whitman File, International Series. Top Secret.",
     "Eisenhower Library", {"series": "Whitman File", "subseries": "International Series"}),
    ("Source: Department of State, Conference Files: Lot 60 D 627, CF 447. Top Secret; Niact.",
     "Department of State", {"series": "Conference Files", "lot": "60 D 627", "folder": "CF 447"}),
    ("Source: Washington National Records Center, RG 330, OSD/ISA Files: FRC 62 A 1698, 200 MAAG Vietnam. Secret.",
     "Washington National Records Center", {"record_group": "330", "series": "OSD/ISA Files",
                                            "accession": "62 A 1698", "file": "200 MAAG Vietnam"}),
    ("Source: Central Intelligence Agency, Job 79-01025A, Box 10, Folder 1. Secret; Priority.",
     "Central Intelligence Agency", {"accession": "79-01025A", "box": "10", "folder": "1"}),
    ("Source: Library of Congress, Manuscript Division, Kissinger Papers, Box CL 215, “D” File. Secret.",
     "Library of Congress, Manuscript Division", {"collection": "Kissinger Papers", "box": "CL 215",
                                                  "folder": "“D” File"}),
    ("Source: National Archives, Nixon Presidential Materials, NSC Files, NSC Institutional Files (H-Files), "
     "Box H–070, Washington Special Actions Group, WSAG Mtg. 7/11/69 Korea. Top Secret.",
     "National Archives", {"collection": "Nixon Presidential Materials", "series": "NSC Files",
                           "subseries": "NSC Institutional Files (H-Files)", "box": "H–070",
                           "folder": "Washington Special Actions Group, WSAG Mtg. 7/11/69 Korea"}),
    ("Source: Kennedy Library, National Security Files, Countries Series, Germany. Secret.",
     "Kennedy Library", {"series": "National Security Files", "subseries": "Countries Series", "folder": "Germany"}),
    ("Source: National Archives, RG 59, Central Files 1970-73, DEF 12-5 IRAN. Secret; Priority; Exdis.",
     "National Archives", {"record_group": "59", "series": "Central Files 1970-73", "file": "DEF 12-5 IRAN"}),
    ("Source: Johnson Library, Confidential File, ND 19/CO 312. Confidential.",
     "Johnson Library", {"series": "Confidential File", "subseries": "ND 19/CO 312"}),
]


@pytest.mark.parametrize("note, archive, expected", CASES, ids=[case[0][:50] for case in CASES])
def test_american_citations(note, archive, expected):
    citation = archival_citation(note)
    assert citation.fields["archive"] == archive
    assert levels(citation) == expected
    assert citation.fields["source_type"] == "primary"
    assert citation.fields["fond"] is None and citation.fields["verso"] is False  # the contract's common fields


def test_repositories_of_the_table_and_by_their_kind():
    nara = archival_citation("Source: National Archives, RG 63, Entry 111, Correspondence of Arthur Wood, Box 1, "
                             "Commission in Spain and Italy Frank J. Marion. No classification marking.")
    assert (nara.fields["archive_id"], nara.fields["country"], nara.fields["scheme"]) == ("NARA", "US", "nara")
    state = archival_citation("Department of State, CDC Lot File 95D113, Box 1, CIA General")
    assert (state.fields["archive_id"], state.fields["scheme"]) == ("DoS", "us_records")
    college = archival_citation("passim, Reed College, Noble Papers, Box 16, 20")
    assert (college.fields["archive"], college.fields["archive_id"], college.fields["country"]) == (
        "Reed College", None, None)
    assert archival_key(college) == ("Reed College", "Noble Papers", None, None, "16")  # folders of a box share it


def test_implied_archives():
    """A record group names NARA, a lot file the Department of State, a decimal file alone the
    Department's central files; papers cited by their name alone keep their archive unnamed."""
    rg = archival_citation("RG 59, Central Decimal File 761.94/1123")
    assert (rg.fields["archive"], rg.fields["archive_implied"], rg.fields["file"]) == ("NARA", True, "761.94/1123")
    lot = archival_citation("S/S–NSC (Miscellaneous) files, lot 66 D 95, “Misc. NSC memos”")
    assert (lot.fields["archive_id"], lot.fields["archive_implied"]) == ("DoS", True)
    assert levels(lot) == {"series": "S/S–NSC (Miscellaneous) files", "lot": "66 D 95", "folder": "Misc. NSC memos"}
    folder = archival_citation("Folder “FRUS – Memos of Understanding – Access 1992,” Lot File 09 D 480")
    assert folder.fields["archive_id"] == "DoS"
    assert levels(folder) == {"lot": "09 D 480", "folder": "FRUS – Memos of Understanding – Access 1992"}
    heading = archival_citation("793B.00/7–1751: Telegram")
    assert (heading.fields["archive_id"], heading.fields["file"]) == ("DoS", "793B.00/7–1751")
    papers = archival_citation("Charles Sumner to Hamilton Fish, December 17, 1869, Letters Received, Container 188, "
                               "Fish Papers.")
    assert papers.fields["archive"] is None and papers.fields["scheme"] == "us_papers"
    assert levels(papers) == {"collection": "Fish Papers", "series": "Letters Received", "container": "188"}
    roll = archival_citation("Fish Diary, March 30, 1870, Microfilm Roll 277, Fish Papers.")
    assert levels(roll) == {"collection": "Fish Papers", "container": "Microfilm Roll 277"}


@pytest.mark.parametrize("note", [
    "See the Stettinius Papers.",  # a collection named as a subject, located nowhere
    "Source: Department of State Bulletin, November 5, 1956, pp. 697–698.",
    "U.S. Department of State, Foreign Relations of the United States: Diplomatic Papers, 1943, vol. 3 "
    "(Washington, 1963), p. 5.",
    "John Lewis Gaddis, The Long Peace (New York: Oxford University Press, 1987), 12.",
    "Bryton Barron, “The Historical Blackout in the State Department,” National Review (March 14, 1956), pp. 19–21.",
    "He paid $123.45 for it in 1950.",
])
def test_what_is_not_an_american_archival_citation(note):
    assert not [c for c in parse_note(note) if c.kind == "archival"]


def test_prose_after_a_file_is_not_a_level():
    citation = archival_citation("NARA, RG 59, 711.94/2045, Hornbeck to Welles, memorandum, 12 May 1941")
    assert levels(citation) == {"record_group": "59", "file": "711.94/2045"}
    assert citation.fields["path"] == ["RG 59", "711.94/2045"]


def test_a_title_ends_before_the_next_document():
    """Where a note joins two documents with "and", the folder title after a box stops before the
    second one (read here as the scheme reads the text it is given, whatever the note's cutting)."""
    text = ("Trask to McManaway, NARA, RG 59, PA Lot File 82D297, Box 4, Minutes 1985 and Charles Stuart Kennedy "
            "interview with John Burke, May 26, 1989, Library of Congress, ADST Oral History")
    reading = archival.read_scheme_levels(text, text.index("NARA") + len("NARA"), archival.schemes()["nara"])
    assert reading.values["folder"] == "Minutes 1985"
    assert reading.values["box"] == "4" and reading.values["lot"] == "82D297"


def test_path_keeps_the_levels_as_written():
    citation = archival_citation("passim, NARA, RG 59, WTC Lot File 83D222, Box 5, 1947–1948")
    assert citation.fields["path"] == ["RG 59", "WTC Lot File 83D222", "Box 5", "1947–1948"]


@pytest.mark.parametrize("note, archive, expected", [
    ("Архив УФСБ РФ по Новосибирской области. Ф. 7. Оп. 1. Д. 123. Л. 45.",
     "Архив УФСБ РФ по Новосибирской области", {"fond": "7", "opis": "1", "delo": "123", "folios": "45"}),
    ("Архив УФСБ России по Санкт-Петербургу и Ленинградской области. Ф. 6. Оп. 2. Д. 15. Л. 3–4.",
     "Архив УФСБ России по Санкт-Петербургу и Ленинградской области",
     {"fond": "6", "opis": "2", "delo": "15", "folios": "3–4"}),
    ("Архив УФСБ по Свердловской обл. Д. П-1234. Л. 12.",
     "Архив УФСБ по Свердловской обл.", {"delo": "П-1234", "folios": "12"}),
    ("Arkhiv UFSB RF po Novosibirskoi oblasti. F. 7. Op. 1. D. 123. L. 45.",
     "Arkhiv UFSB RF po Novosibirskoi oblasti", {"fond": "7", "opis": "1", "delo": "123", "folios": "45"}),
    ("РГАСПИ. Ф.17. Оп.166. Д.575. Л.17", "РГАСПИ", {"fond": "17", "opis": "166", "delo": "575", "folios": "17"}),
    ("АП РФ. Ф. 3. Оп. 58. Д. 230. Л. 60", "АП РФ", {"fond": "3", "opis": "58", "delo": "230", "folios": "60"}),
    ("ЦА ФСБ. Ф.3. Оп.5. Д.1689. Л.125", "ЦА ФСБ", {"fond": "3", "opis": "5", "delo": "1689", "folios": "125"}),
])
def test_russian_archives_with_their_region(note, archive, expected):
    citation = archival_citation(note)
    assert citation.fields["archive"] == archive
    assert levels(citation) == expected


def test_each_region_is_an_archive_of_its_own():
    a = archival_citation("Архив УФСБ РФ по Новосибирской области. Ф. 7. Оп. 1. Д. 123. Л. 45.")
    b = archival_citation("Архив УФСБ РФ по Томской области. Ф. 7. Оп. 1. Д. 123. Л. 5.")
    assert a.fields["path"] == ["Ф. 7", "Оп. 1", "Д. 123"]
    assert archival_key(a) != archival_key(b)


def test_every_free_order_scheme_reads_its_data():
    for scheme_id in ("nara", "us_records", "us_decimal", "us_papers"):
        scheme = archival.schemes()[scheme_id]
        assert scheme.free is not None and {"series", "folder", "lot", "box"} <= set(scheme.fields)


# Pieces of American and Russian citations, so that generated notes reach deep into the readers.
PIECES = ["NARA", "NA", "RG 59", "Record Group", "Entry A1–5066:", "Entry", "Box 5", "Box", "Boxes 3–4", "Folder",
          "Folder “June 1991 (84 Plan),”", "Container 188", "Roll 277", "Volume 10", "Vol. IV", "page 198", "p. 4",
          "Lot File 83D222", "Lot 64 D 199", "(83D222)", "(Lot File 13D284)", "(henceforth Noble Papers)", "[sic]",
          "WTC", "CDF 1950–1954", "811.00/5–1645", "026 China", "023.1/3–2654 through", "POL 27 VIET S", "P850114–0937",
          "1979 STATE 287775", "CIA–RDP85B00552R001000070019–5", "PU001 33024855", "FRC 62 A 1698", "Job 79-01025A",
          "Department of State", "Department of States", "Department", "DoS P-Reels", "Central Files", "Whitman File",
          "Eisenhower Library", "Library of Congress", "LCM", "DLC", "Reed College", "University of Oregon",
          "University Press", "Fish Papers", "Papers of", "Letters Sent", "Washington, DC", "Source:", "Secret",
          "Confidential Files", "Архив УФСБ РФ", "по", "Новосибирской", "области", "Ф. 7", "Оп. 1", "Д. 123", "Л. 45",
          "March 15, 1940", "[no date]", "1944–1963", "Hornbeck to Welles", "passim", "and", "all in", "in", "etc.",
          "“", "”", '"', "(", ")", "[", "]", ",", ".", ";", ":", " ", "\n", "–", "9" * 300]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=120), st.lists(st.sampled_from(PIECES), max_size=30).map(" ".join)))
def test_the_american_readers_never_fail(note):
    for citation in parse_note(note):
        assert note[citation.start:citation.end] == citation.text
    for scheme in archival.schemes().values():  # at every place a reading may start
        for pos in range(0, len(note) + 1, max(1, len(note) // 12)):
            reading = archival.read_scheme_levels(note, pos, scheme)
            assert isinstance(reading.found_a_level(scheme), bool)
            assert all(isinstance(value, str) and value for value in reading.values.values())
        archival.implied_start(note, scheme)


def test_a_citation_that_lists_one_more_folder_or_box():
    """``continue_levels`` gives the levels of a folder listed after the citation of its box
    ("Box 5, 1947–1948; 1949–1950") or of another box of the same papers ("…; Box 20, 10")."""
    box = archival_citation("passim, NARA, RG 59, WTC Lot File 83D222, Box 5, 1947–1948").fields
    assert archival.continue_levels("1949–1950", box)["folder"] == "1949–1950"
    assert archival.continue_levels("“1992 – HAC Declassification of FRUS”", box)["folder"] == \
        "1992 – HAC Declassification of FRUS"
    papers = archival_citation("passim, Reed College, Noble Papers, Box 16, 20").fields
    other_box = archival.continue_levels("Box 20, 10", papers)
    assert {k: v for k, v in other_box.items() if v and k != "path"} == {
        "collection": "Noble Papers", "box": "20", "folder": "10"}
    for text in ("Exdis", "Trask to Slany, May 5, 1980", "NARA, RG 59, Box 5",
                 "and the rest of the file was lost in the fire of 1970"):
        assert archival.continue_levels(text, papers) is None
    assert archival.continue_levels("1949–1950", archival_citation("РГАСПИ. Ф. 17. Оп. 162. Д. 7. Л. 99.").fields) \
        is None
