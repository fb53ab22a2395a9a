"""Citations that share a place, and archival citations set in sentences (issue 15, "Real scholarship").

Each test stands for a class of notes seen in the Office of the Historian's articles and written
here anew: documents listed before the place they share, each keeping the levels it writes itself;
a place shared after "all in"; folders listed before the box they share; another box of the same
papers; several lot files in one sentence; lot numbers named in prose where the note says what they
are; an author's pages given in a sentence about the work cited before; a title before an imprint
in brackets; citations announced by a sentence and a colon; folder titles that read like official
designations or open alike; an Ibid that names American levels anew; a Russian file continued
after an archive the tables do not list.
"""

from __future__ import annotations

from legation.extract import archival
from legation.extract.citations import parse_note
from conftest import resolved_notes


def kinds(note: str) -> list[str]:
    return [c.kind for c in parse_note(note)]


def levels(citation, *names: str) -> dict:
    return {name: citation.fields.get(name) for name in names}


# --- documents listed before a place they share ---------------------------------------------

def test_a_series_abbreviated_in_brackets_names_its_repository():
    note = ("Lawrence Eagleburger cable to all diplomatic posts, March 4, 1982, 1982 State 061234 in Department "
            "of State Central Files (SAS), Washington, DC.")
    (cable,) = parse_note(note)
    assert cable.fields["archive_id"] == "DoS"
    assert levels(cable, "series", "file") == {"series": "Department of State Central Files (SAS)",
                                                "file": "1982 State 061234"}


def test_documents_before_a_shared_place_keep_their_own_file_numbers():
    note = ("Walter Stoessel memorandum to Secretary of State, May 2, 1982, P820077-0123 and Dean Fischer cable "
            "to all diplomatic posts, June 3, 1982, 1982 State 165432 in Department of State Central Files (SAS).")
    memo, cable = parse_note(note)
    assert (memo.kind, cable.kind) == ("archival", "archival")
    assert levels(memo, "archive_id", "series", "file") == {
        "archive_id": "DoS", "series": "Department of State Central Files (SAS)", "file": "P820077-0123"}
    assert cable.fields["file"] == "1982 State 165432"
    assert memo.fields["located_by"] == 1
    note = ("Ernest May letter to Alexander Haig, March 2, 1982, P820041-0777 and Akira Iriye letter to Haig, "
            "May 9, 1982, P820093-0456 in DoS P-Reels.")
    first, second = parse_note(note)
    assert (first.fields["file"], second.fields["file"]) == ("P820041-0777", "P820093-0456")
    assert first.fields["series"] == second.fields["series"] == "DoS P-Reels"


def test_folders_listed_before_the_box_they_share():
    note = ("See Folders “1979 – Budget Papers”; “1980 – Budget Correspondence”; and “1981 Staffing and Budget” "
            "in Box 4, Lot File 88 D 123 and Folder “Reorganization – Memoranda,” in Lot File 91 D 77, Department "
            "of State, Washington, DC.")
    first, second, third, fourth = parse_note(note)
    assert [c.kind for c in (first, second, third, fourth)] == ["archival"] * 4
    assert levels(first, "lot", "box", "folder") == {"lot": "88 D 123", "box": "4", "folder": "1979 – Budget Papers"}
    assert levels(second, "lot", "box", "folder") == {"lot": "88 D 123", "box": "4",
                                                      "folder": "1980 – Budget Correspondence"}
    assert third.fields["folder"] == "1981 Staffing and Budget"
    assert levels(fourth, "lot", "folder") == {"lot": "91 D 77", "folder": "Reorganization – Memoranda"}
    assert not any("1981 Staffing" in element for element in first.fields["path"])  # no other folder's title


def test_a_quoted_title_before_a_place_is_a_document_not_a_folder():
    """Only in a list of folders is a quoted title a folder: a dated document keeps the folder cited."""
    note = ("“A Program for the Series,” June 5, 1983 and Slany memorandum for the record, June 5, 1983 in "
            "Folder “Program – 1983,” Box 2, Lot File 09 D 473, Department of State.")
    program, memo = parse_note(note)
    assert program.fields["folder"] == memo.fields["folder"] == "Program – 1983"


def test_a_place_shared_after_all_in():
    note = ("Hull Diary, March 3 and 4, 1941, to Welles, March 5, 1941, Reel 12; Berle Files, Container 44; and "
            "Hull to Stimson, March 9, 1941, Container 90, Letters Sent, all in Hull Papers, LC; Julius Pratt, "
            "Cordell Hull (New York: Cooper Square, 1964), 12–14.")
    diary, letter, files, sent, book = parse_note(note)
    assert [c.kind for c in (diary, letter, files, sent, book)] == ["archival"] * 4 + ["published"]
    assert (diary.text, letter.text) == ("Hull Diary, March 3 and 4, 1941", "to Welles, March 5, 1941, Reel 12")
    for citation in (diary, letter, files):
        assert citation.fields["archive_id"] == "LC" and citation.fields["collection"] == "Hull Papers"
        assert citation.fields.get("series") != "Letters Sent"  # the tail after "all in" is what they share
    assert letter.fields["container"] == "Reel 12"
    assert levels(files, "series", "container") == {"series": "Berle Files", "container": "44"}
    assert levels(sent, "series", "container") == {"series": "Letters Sent", "container": "90"}


def test_levels_of_their_own_take_no_newspaper_for_their_place():
    note = "Moore Files, Container 369; New York Herald Tribune, December 9, 1869."
    files, paper = parse_note(note)
    assert (files.kind, paper.kind) == ("archival", "newspaper")


def test_another_box_of_the_same_papers():
    note = "See passim, Hoover Institution, Smith Papers, Box 4, 12; 13; and 15 and Box 7, 2."
    citations = parse_note(note)
    assert [c.kind for c in citations] == ["archival"] * 4
    assert [levels(c, "box", "folder") for c in citations] == [
        {"box": "4", "folder": "12"}, {"box": "4", "folder": "13"}, {"box": "4", "folder": "15"},
        {"box": "7", "folder": "2"}]
    assert all(c.fields["collection"] == "Smith Papers" for c in citations)


# --- files named in a sentence ------------------------------------------------------------

def test_several_lot_files_in_one_sentence():
    note = "Department of State, S/S Files: Lot 66 D 95 and Lot 71 D 227, Box 2."
    first, second = parse_note(note)
    assert levels(first, "series", "lot") == {"series": "S/S Files", "lot": "66 D 95"}
    assert levels(second, "archive", "series", "lot", "box") == {
        "archive": "Department of State", "series": "S/S Files", "lot": "71 D 227", "box": "2"}
    note = "The minutes are in Lot 66 D 95 and Lot 71 D 227, RG 59, National Archives."
    first, second = parse_note(note)
    assert (first.fields["lot"], second.fields["lot"]) == ("66 D 95", "71 D 227")
    assert second.fields["archive_id"] == "NARA" and second.fields["record_group"] == "59"


def test_the_subject_of_a_sentence_is_no_series():
    (citation,) = parse_note("Records of the Policy Planning Staff are in RG 59, Lot 64 D 563.")
    assert levels(citation, "record_group", "lot") == {"record_group": "59", "lot": "64 D 563"}
    assert not citation.fields.get("series")


def test_lot_numbers_named_in_prose_where_the_note_says_what_they_are():
    note = ("Records of the committee are kept in Department of State lot files. Earlier minutes are in 71 D 140. "
            "Later ones are in 78 D 302 (1975–1977 meetings), 81 D 19 (1978–1980 meetings), and in current S/P "
            "office files.")
    citations = parse_note(note)
    assert [c.kind for c in citations] == ["archival"] * 4
    assert [c.fields.get("lot") for c in citations[:3]] == ["71 D 140", "78 D 302", "81 D 19"]
    assert citations[1].text == "78 D 302 (1975–1977 meetings)"
    assert citations[3].fields["series"] == "current S/P office files"
    assert all(c.fields["archive_id"] == "DoS" for c in citations)
    # without a word saying what they are, such numbers are none
    assert parse_note("The vote was recorded as 71 D 140 in the committee's tally.") == []


# --- published works in sentences -----------------------------------------------------------

def test_an_authors_pages_in_a_sentence_about_the_work_cited():
    note = ("Rusk to Bundy, quoted in Mary Brown, The Cold Archive: Records and Power in Washington (Boston: Beacon "
            "Press, 2001), p. 12. Brown discusses the later transfer of the files to the National Archives on "
            "pp. 140–45.")
    (original, book, pages), _ = resolved_notes(note)
    assert (original.kind, book.kind, pages.kind) == ("archival", "published", "published")
    assert pages.text == "pp. 140–45"
    assert pages.fields["form"] == "short" and pages.fields["pages"] == "140–45"
    assert pages.fields["refers_to"] == {"footnote": 1, "index": 1}


def test_a_title_before_an_imprint_in_brackets():
    note = ("Brown treats the release of Documents on German Foreign Policy, 1918–1945 (Washington: Government "
            "Printing Office, 1949) as a joint Anglo-American project.")
    (work,) = parse_note(note)
    assert work.kind == "published"
    assert work.fields["title"] == "Documents on German Foreign Policy, 1918–1945"
    assert work.fields["publication_year"] == 1949 and not work.fields.get("author")


def test_citations_announced_by_a_sentence_and_a_colon():
    note = ("Two documents accompanied the annual message to Congress: Correspondence Concerning Claims Against "
            "Great Britain, 40th Cong., 3d Sess., S. Ex. Doc. 10 (serial 1360), 1-42, and Papers Relating to the "
            "Treaty of Washington, 42d Cong., 2d Sess., H. Ex. Doc. 1, pt. 1 (serial 1502), iii-xx.")
    first, second = parse_note(note)
    assert (first.kind, second.kind) == ("published", "published")
    assert first.text.startswith("Correspondence Concerning Claims")
    assert second.text.startswith("Papers Relating to the Treaty of Washington")
    # a title's colon announces nothing
    note = "Foreign Relations of the United States: Diplomatic Papers, 1943, vol. III, p. 5."
    assert kinds(note) == ["published"]


# --- folder titles after a box ---------------------------------------------------------------

def test_folder_titles_that_read_like_designations():
    note = "passim, NARA, RG 59, Lot 82 D 297, Box 7, E.O. 11652 January–June 1973; E.O. 11652 July–December 1973."
    first, second = parse_note(note)
    assert (first.kind, second.kind) == ("archival", "archival")
    assert levels(second, "lot", "box", "folder") == {"lot": "82 D 297", "box": "7",
                                                      "folder": "E.O. 11652 July–December 1973"}


def test_folders_of_one_box_whose_titles_open_alike():
    note = "passim, NARA, RG 59, Lot 70 D 12, Box 3, Berlin Crisis—Press Reaction and Berlin Crisis 1961."
    first, second = parse_note(note)
    assert (first.fields["folder"], second.fields["folder"]) == ("Berlin Crisis—Press Reaction", "Berlin Crisis 1961")
    assert second.kind == "archival" and second.fields["box"] == "3"
    # a title's own "and" joins words, not folders
    for title in ("Origins and Functions of the Committee", "Executive Order 11652 and NSC Directive and Related Papers",
                  "Lindh and Holm Files"):
        (citation,) = parse_note(f"passim, NARA, RG 59, Lot 70 D 12, Box 4, {title}.")
        assert citation.fields["folder"] == title


# --- back-references and continued files -------------------------------------------------------

def test_an_ibid_that_names_american_levels_anew():
    (full, box, page), _ = resolved_notes(
        "Kennan to Byrnes, March 1, 1946, NARA, RG 59, Lot 64 D 199, Box 3, Folder 7.", "Ibid., Box 5, Folder 3.",
        "Ibid., p. 4.")
    assert box.kind == "ibid" and box.fields["refers_to"] == {"footnote": 1, "index": 0}
    assert levels(box, "archive", "record_group", "lot", "box", "folder") == {
        "archive": "NARA", "record_group": "59", "lot": "64 D 199", "box": "5", "folder": "3"}
    assert "Folder 7" not in box.fields["path"]
    assert levels(page, "box", "folder", "pages") == {"box": "5", "folder": "3", "pages": "4"}


def test_a_file_continued_after_an_archive_the_tables_do_not_list():
    first, second = parse_note("ГАНО. Ф. Р-1. Оп. 2. Д. 3. Л. 4; Д. 5. Л. 6.")
    assert second.kind == "archival"
    assert levels(second, "archive", "fond", "opis", "delo", "folios") == {
        "archive": "ГАНО", "fond": "Р-1", "opis": "2", "delo": "5", "folios": "6"}


def test_continue_levels_drops_the_folder_it_replaces_from_the_path():
    box = parse_note("“1992 Advisory Materials” in Box 1, Lot File 99 D 041")[0].fields
    other = archival.continue_levels("“1992 – HAC Meetings”", box)
    assert other["folder"] == "1992 – HAC Meetings"
    assert not any("Advisory" in element for element in other["path"])


# --- documents in sentences and lists ----------------------------------------------------------

def test_archival_citations_set_inside_a_sentence():
    note = ("Although Rusk to Home, May 3, 1962, Department of State, S/S Lot File 66D95, Box 4, UK invited the "
            "British Government to consult on “a basis for regular exchanges,” Secretary of State to U.S. Embassy "
            "London, June 5, 1962, Department of State, SAS, 1962 STATE 123456 reported that no reply had come.")
    first, second = parse_note(note)
    assert (first.kind, second.kind) == ("archival", "archival")
    assert first.text.endswith("Box 4, UK") and levels(first, "lot", "box") == {"lot": "66D95", "box": "4"}
    assert second.text.startswith("Secretary of State to U.S. Embassy London")
    assert levels(second, "series", "file") == {"series": "SAS", "file": "1962 STATE 123456"}


def test_a_titled_paper_of_a_kind_and_a_dated_memo_share_the_place_after_them():
    note = ("See also [Bundy], “Points on the Berlin Talks,” talking points, and “Memo for the Record (draft),” "
            "July 5, 1961 and [Bundy] memorandum, July 7, 1961, Department of State, S/P Lot File 67D548, Box 2, "
            "Berlin Talks (July 1961).")
    points, memo_for_record, memo = parse_note(note)
    assert [c.kind for c in (points, memo_for_record, memo)] == ["archival"] * 3
    assert points.text == "[Bundy], “Points on the Berlin Talks,” talking points"
    for citation in (points, memo_for_record):
        assert levels(citation, "lot", "box", "folder") == {"lot": "67D548", "box": "2",
                                                            "folder": "Berlin Talks (July 1961)"}


def test_a_memorandum_by_several_writers_after_another_document():
    note = ("Hughes to Rusk, March 2, 1964 and Allen, Barnes, and Cole memorandum (with attached tables), March 3, "
            "1964, Department of State, INR Lot File 70D12, Box 6, Staff Papers 1964.")
    first, second = parse_note(note)
    assert (first.kind, second.kind) == ("archival", "archival")
    assert second.text.startswith("Allen, Barnes, and Cole memorandum")
    assert first.fields["lot"] == "70D12"
    # a list of offices before a record series is no list of writers
    note = ("Department of State, Bureau of Administration, Office of Information, Privacy, and Classification, "
            "Review Office Record Files, 1950–1993 (Lot File 95D113), Box 1, Origins of the Office.")
    assert kinds(note) == ["archival"]
