"""Failure classes of real articles (issue 15, "Real scholarship"), one or more tests per class.

The examples are written here anew, in the shapes the classes take in Office of the Historian
studies, Russian essays on Soviet archives and digital-history lessons: "Author, page" short
forms; Ibid and «Там же» chains; repositories named as written (a historical society, a
university's archives, an oral-history collection, a foreign ministry's archives); an archive's
town and state; decimal files ("123 H 43") and files listed before the place they share; places
that name no archive; second items in one note («Д. 12-а, 12-б», a document named again after its
place, a press release); Russian journals and titled collections; dated news items; Markdown
links and bibliography-style notes.
"""

from __future__ import annotations

import pytest

from conftest import resolved_notes
from legation.extract.citations import parse_note

LINK_SYNTAX = ("](", "[http", "(http")


def kinds(note: str) -> list[str]:
    return [c.kind for c in parse_note(note)]


def levels(citation, *names: str) -> dict:
    return {name: citation.fields.get(name) for name in names}


# --- 1. "Author, page" short forms ---------------------------------------------------------------

def test_author_and_page_is_a_short_form_of_the_authors_work_cited_before():
    citations, diagnostics = resolved_notes(
        "George F. Kennan, Memoirs, 1925–1950 (Boston: Little, Brown, 1967), 45.",
        "Dean Acheson, Present at the Creation (New York: Norton, 1969), 12.",
        "Kennan, 112.",
        "Kennan, pp. 120–22.")
    memoirs, _, first, second = citations
    for short in (first, second):
        assert short.kind == "published" and short.fields["form"] == "short"
        assert short.fields["authors"] == ["Kennan"]
        assert short.fields["refers_to"] == {"footnote": 1, "index": 0}
        assert short.fields["title"] == memoirs.fields["title"]
    assert (first.fields["pages"], second.fields["pages"]) == ("112", "120–22")
    assert diagnostics == []


def test_author_and_page_of_an_archival_source_is_an_archival_short_form():
    citations, _ = resolved_notes(
        "The Reminiscences of Loy W. Henderson, 1972, 12, in the Oral History Research Office, Columbia University.",
        "Henderson, 14.")
    reminiscences, short = citations
    assert reminiscences.kind == "archival"
    assert short.kind == "archival" and short.fields["form"] == "short"
    assert short.fields["refers_to"] == {"footnote": 1, "index": 0}
    assert short.fields["archive"] == reminiscences.fields["archive"] and short.fields["pages"] == "14"


@pytest.mark.parametrize("note", ["June, 12.", "Box, 4.", "RGASPI, 17.", "Memorandum, 3.", "London, 1742."])
def test_words_that_are_no_author_make_no_short_form(note):
    assert not any(c.kind == "published" and c.fields.get("form") == "short" for c in parse_note(note))


def test_a_volume_title_after_a_series_volume_is_no_author():
    """"…, vol. IX, The Far East; China, pp. 5–9": the volume's part and its pages, one citation."""
    note = "Foreign Relations of the United States, 1950, vol. VI, East Asia; Korea, pp. 101–118."
    (volume,) = parse_note(note)
    assert volume.fields["series"] == "FRUS" and volume.fields["pages"] == "101–118"


# --- 2. Ibid chains ------------------------------------------------------------------------------

def test_an_ibid_after_an_ibid_points_at_it_and_resolves_to_the_work():
    citations, _ = resolved_notes(
        "Dean Acheson, Present at the Creation (New York: Norton, 1969), 12.", "Ibid., 19.", "Ibid.", "Ibid., 31.")
    book, first, second, third = citations
    assert first.fields["refers_to"] == {"footnote": 1, "index": 0}
    assert second.fields["refers_to"] == {"footnote": 2, "index": 0}
    assert third.fields["refers_to"] == {"footnote": 3, "index": 0}
    assert all(ibid.fields["resolved"] is book for ibid in (first, second, third))
    assert third.fields["pages"] == "31" and third.fields["title"] == "Present at the Creation"


def test_a_tam_zhe_chain_points_back_one_by_one_and_carries_the_file_named_last():
    citations, diagnostics = resolved_notes(
        "ГАРФ. Ф. Р-9401. Оп. 2. Д. 64. Л. 10.", "Там же. Л. 12.", "Там же. Д. 65. Л. 3.", "Там же. Л. 8.")
    original, folio, file, last = citations
    assert diagnostics == []
    assert [c.fields["refers_to"]["footnote"] for c in (folio, file, last)] == [1, 2, 3]
    assert all(c.fields["resolved"] is original for c in (folio, file, last))
    assert levels(last, "archive", "fond", "opis", "delo", "folios") == {
        "archive": "ГАРФ", "fond": "Р-9401", "opis": "2", "delo": "65", "folios": "8"}


def test_an_ibid_in_the_same_note_after_an_ibid_points_at_it():
    citations, _ = resolved_notes("АП РФ. Ф. 3. Оп. 24. Д. 419. Л. 170.", "Там же. Л. 171; Там же. Л. 175.")
    _, first, second = citations
    assert second.fields["refers_to"] == {"footnote": 2, "index": 0}
    assert second.fields["delo"] == "419" and second.fields["folios"] == "175"


# --- 3. repositories named as written ------------------------------------------------------------

def test_a_historical_society_in_brackets_keeps_its_whole_name_and_its_town_is_no_level():
    note = ("Hayes to Evarts, June 3, 1878 (Minnesota Historical Society, St Paul, Minnesota, Kellogg Papers, "
            "Box 2, Folder 7).")
    (letter,) = parse_note(note)
    assert letter.fields["archive"] == "Minnesota Historical Society"
    assert levels(letter, "collection", "box", "folder") == {"collection": "Kellogg Papers", "box": "2", "folder": "7"}
    assert not letter.fields.get("series") and not letter.fields.get("subseries")


def test_a_universitys_archives_and_a_call_number_after_the_collection():
    note = ("Note from the Foreign Office, May 4, 1917. (Princeton University Archives, Princeton, New Jersey, "
            "Papers of John Smith, HUGFP 12.5 Box 3 Embassy Correspondence: 1915–1917).")
    (note_citation,) = parse_note(note)
    assert note_citation.fields["archive"] == "Princeton University Archives"
    assert levels(note_citation, "collection", "box", "folder") == {
        "collection": "Papers of John Smith, HUGFP 12.5", "box": "3", "folder": "Embassy Correspondence: 1915–1917"}


def test_a_collection_written_before_the_repository_whose_levels_follow_it():
    note = ("Lansing to Page, August 6, 1915, Robert Lansing Papers, Manuscripts and Archives, Yale University "
            "Library, New Haven, Connecticut, Box 3, Folder 12.")
    (letter,) = parse_note(note)
    assert letter.fields["archive"] == "Yale University Library"
    assert levels(letter, "collection", "box", "folder", "series") == {
        "collection": "Robert Lansing Papers", "box": "3", "folder": "12", "series": None}


def test_a_manuscript_division_and_a_short_name_given_subsequently():
    note = ("Smith letter to Jones, March 3, 1956 in “Committee Correspondence 1956,” Box 12, American Political "
            "Science Association Papers, Manuscript Division, Library of Congress (subsequently APSA Papers).")
    (letter,) = parse_note(note)
    assert letter.fields["archive_id"] == "LC"
    assert levels(letter, "collection", "box", "folder") == {
        "collection": "American Political Science Association Papers", "box": "12",
        "folder": "Committee Correspondence 1956"}
    assert letter.fields["short_title"] == "APSA Papers"
    assert not any("subsequently" in element or "1956 in" in element for element in letter.fields["path"])


def test_an_oral_history_held_in_a_named_collection():
    note = "The Reminiscences of James Wadsworth, 1952, 88, in the Columbia Center for Oral History Collection."
    (reminiscences,) = parse_note(note)
    assert reminiscences.kind == "archival"
    assert reminiscences.fields["archive"] == "Columbia Center for Oral History Collection"


@pytest.mark.parametrize("note, expected", [
    ("Cambon to Pichon, May 2, 1919. (Foreign Ministry Archives. Paix 1914–1920, Allemagne; Dossier Spécial "
     "Vol. 17, Mai 1919)", {"fonds": "Paix 1914–1920", "subseries": "Allemagne", "dossier": "Dossier Spécial",
                           "volume": "17"}),
    ("Cambon to Pichon, May 2, 1919. (Foreign Ministry Archives, Paix 1914–1920 Allemagne, Vol. 17 Dossier "
     "Spécial: Mai 1919)", {"fonds": "Paix 1914–1920", "subseries": "Allemagne", "dossier": "Dossier Spécial",
                           "volume": "17"}),
])
def test_a_foreign_ministrys_archives_read_level_by_level(note, expected):
    (dispatch,) = parse_note(note)
    assert dispatch.kind == "archival" and dispatch.fields["archive"] == "Foreign Ministry Archives"
    assert levels(dispatch, *expected) == expected


def test_a_collection_cited_by_volume_and_page_after_its_repository_is_archival():
    (papers,) = parse_note("Library of Congress, Manuscript Division, Papers of Tasker Bliss, Vol. 7, p. 88.")
    assert papers.kind == "archival" and papers.fields["archive_id"] == "LC"
    assert levels(papers, "collection", "folios") == {"collection": "Papers of Tasker Bliss", "folios": "88"}
    # a document series cited by volume and page stays a publication
    assert kinds("Foreign Relations of the United States: Diplomatic Papers, 1943, vol. 3, p. 5.") == ["published"]


# --- 4. an archive's town and state are its place --------------------------------------------------

@pytest.mark.parametrize("place", ["Fremont, Ohio", "Stanford, Calif.", "Princeton, N.J.", "Chicago, Illinois"])
def test_the_town_and_state_after_a_repository_are_no_levels(place):
    note = f"Bryan to Page, May 13, 1915 (Newberry Library, {place}, Bryan Collection, Box 2)."
    (letter,) = parse_note(note)
    assert letter.fields["archive"] == "Newberry Library"
    assert levels(letter, "collection", "box", "series", "subseries") == {
        "collection": "Bryan Collection", "box": "2", "series": None, "subseries": None}


def test_a_state_abbreviation_is_no_place_inside_a_lot_files_name():
    (citation,) = parse_note("NARA, RG 59, PA Lot File 82D297, Box 9.")
    assert levels(citation, "lot", "box") == {"lot": "82D297", "box": "9"}


def test_a_single_word_after_the_repository_is_its_town():
    (letter,) = parse_note("Grey to House, January 3, 1916, Seeley Mudd Library, Princeton, Dulles Papers, Box 4.")
    assert levels(letter, "collection", "box", "series") == {"collection": "Dulles Papers", "box": "4", "series": None}


# --- 5. decimal files --------------------------------------------------------------------------------

def test_a_decimal_file_of_1910_1929_keeps_its_number_whole():
    (telegram,) = parse_note("Telegram from Lansing to Page, May 4, 1915. (National Archives, RG 59, Central Decimal "
                             "File 1910–29, File 123 P 14)")
    assert levels(telegram, "record_group", "file") == {"record_group": "59", "file": "123 P 14"}
    (copy,) = parse_note("Copy from file 123 P 14/7, 1910–29 Central Decimal File, Record Group 59, National Archives.")
    assert copy.fields["file"] == "123 P 14/7" and copy.fields["record_group"] == "59"


def test_documents_listed_before_a_shared_place_keep_their_own_decimal_files():
    note = ("Smith letter to Jones, May 2, 1957, 711.00/5-257; Jones letter to Smith, June 1, 1957, 711.00/6-157; "
            "and Smith letter to Brown, July 9, 1957, 711.00/7-957 in Department of State Central Decimal File "
            "1955-1959, RG 59, National Archives, College Park, Maryland.")
    citations = parse_note(note)
    assert [c.fields["file"] for c in citations] == ["711.00/5-257", "711.00/6-157", "711.00/7-957"]
    for citation in citations:
        assert citation.fields["archive_id"] == "NARA" and citation.fields["record_group"] == "59"
        assert citation.fields["series"] == "Department of State Central Decimal File 1955-1959"
        assert "Maryland" not in citation.fields.values()


def test_papers_of_their_own_take_no_later_place():
    note = ("Brown letter to Gray, March 3, 1957; and Gray letter to Brown, March 9, 1957 in “Committee 1957,” "
            "Box 48, AHA Papers and Gray letter to Smith, May 2, 1957, 711.00/5-257 in Central Decimal File, RG 59, "
            "National Archives.")
    first, second, third = parse_note(note)
    for citation in (first, second):
        assert levels(citation, "collection", "box", "folder", "archive") == {
            "collection": "AHA Papers", "box": "48", "folder": "Committee 1957", "archive": None}
    assert third.fields["archive_id"] == "NARA" and third.fields["file"] == "711.00/5-257"


# --- 6. places that name no archive --------------------------------------------------------------

def test_a_place_without_an_archive_still_gives_its_levels():
    (letter,) = parse_note("Acheson to Webb, May 3, 1950, in Folder “Korea 1950,” Box 12, Subject Files, 1945–1955.")
    assert letter.kind == "archival" and letter.fields.get("archive") is None
    assert levels(letter, "folder", "box", "series") == {
        "folder": "Korea 1950", "box": "12", "series": "Subject Files, 1945–1955"}


# --- 7. second items ---------------------------------------------------------------------------------

@pytest.mark.parametrize("note, dela", [
    ("ЦА ФСБ. Ф. 8. Оп. 2. Д. 12-а, 12-б.", ["12-а", "12-б"]),
    ("ГАРФ. Ф. Р-5446. Оп. 1. Д. 12, 14 и 15.", ["12", "14", "15"]),
])
def test_files_listed_after_the_first_are_citations_of_their_own(note, dela):
    citations = parse_note(note)
    assert [c.kind for c in citations] == ["archival"] * len(dela)
    assert [c.fields["delo"] for c in citations] == dela
    assert len({(c.fields["archive"], c.fields["fond"], c.fields["opis"]) for c in citations}) == 1


def test_a_document_named_again_after_its_place_shares_it():
    note = ("Kennan memorandum to Acheson, March 4, 1948, Folder “Policy 1948,” Box 7, Policy Planning Staff Records, "
            "RG 59, National Archives, p. 3 and Kennan memorandum to Acheson, pp. 5-6.")
    first, second = parse_note(note)
    assert (first.kind, second.kind) == ("archival", "archival")
    assert second.fields["located_by"] == 0 and second.fields["folios"] == "5-6"
    assert levels(second, "record_group", "box", "folder") == {"record_group": "59", "box": "7", "folder": "Policy 1948"}


def test_a_press_release_is_a_document_that_shares_the_place_after_it():
    note = ("See State Department press release, October 3, 1955; and Smith letter to Jones, October 9, 1955 in "
            "“Press 1955,” Box 18, Jones Papers, Manuscript Division, Library of Congress.")
    release, letter = parse_note(note)
    assert release.kind == "archival" and release.fields["archive_id"] == "LC"
    assert levels(release, "collection", "box", "folder") == {"collection": "Jones Papers", "box": "18",
                                                              "folder": "Press 1955"}


# --- 8. Russian journals and titled collections ----------------------------------------------------

@pytest.mark.parametrize("note", [
    "АП РФ. Ф. 3. Оп. 58. Д. 9. Л. 1–3. Опубликовано с сокращениями: Исторический архив. 1994. № 3. С. 4–7.",
    "РГАНИ. Ф. 5. Оп. 30. Д. 1. Л. 2. Впервые опубл. в журн.: Вопросы истории. 1995. № 2. С. 12–15.",
])
def test_a_journal_issue_after_a_publication_cue(note):
    archival, journal = parse_note(note)
    assert archival.kind == "archival" and journal.kind == "published"
    assert journal.fields["issue"] and journal.fields["publication_year"]


def test_tam_zhe_after_a_journal_issue_repeats_the_journal():
    citations, _ = resolved_notes(
        "РГАСПИ. Ф. 17. Оп. 3. Д. 5. Л. 1. Опубликовано без указания архивного шифра: Источник. 1996. № 4. С. 10. "
        "Список см.: Там же. С. 12–14.")
    archival, journal, ibid = citations
    assert ibid.kind == "ibid" and ibid.fields["refers_to"] == {"footnote": 1, "index": 1}
    assert ibid.fields.get("delo") is None and ibid.fields["title"] == journal.fields["title"]


def test_a_russian_book_by_two_authors_and_its_op_cit():
    citations, diagnostics = resolved_notes(
        "ГАРФ. Ф. Р-9401. Оп. 2. Д. 64. Л. 10. Цит. по: Петров Н. В., Янсен М. Сталинский питомец. М., 2008. С. 45.",
        "Петров Н. В., Янсен М. Указ. соч. С. 50.")
    _, book, op_cit = citations
    assert book.fields["authors"] == ["Петров", "Янсен"] and book.fields["title"] == "Сталинский питомец"
    assert op_cit.fields["refers_to"] == {"footnote": 1, "index": 1} and diagnostics == []


@pytest.mark.parametrize("note, title", [
    ("Лубянка: Сталин и ГУГБ НКВД. М., 2004. С. 12.", "Лубянка: Сталин и ГУГБ НКВД"),
    ("Берия, Маленков, Хрущев, 1953. М., 1999. С. 45.", "Берия, Маленков, Хрущев, 1953"),
])
def test_a_russian_title_is_no_author(note, title):
    (work,) = parse_note(note)
    assert work.kind == "published" and work.fields.get("author") is None and work.fields["title"] == title


# --- 9. dated news items -------------------------------------------------------------------------------

@pytest.mark.parametrize("note, title, date", [
    ("“Allies Sign Armistice,” The Evening Star (Washington, D.C.), November 11, 1918, p. A2.", "The Evening Star",
     "1918-11-11"),
    ("“Notes of the Week,” The New York Times, May 4, 1919, p. SM3.", "The New York Times", "1919-05-04"),
    ("“War News,” The Day Book (Chicago, Ill.), August 14, 1914. http://chroniclingamerica.loc.gov/x/seq-3",
     "The Day Book", "1914-08-14"),
    ("Smith, J. (2019, March 3). “Archives reopen after the war”. The Guardian. https://www.theguardian.com/x",
     "The Guardian", "2019-03-03"),
    ("Doe, J. “Diplomats return to Paris”, 5 Mar. 2020, Politico. https://www.politico.eu/y. Accessed 1 Jan. 2021.",
     "Politico", "2020-03-05"),
])
def test_a_newspaper_and_a_day_date_is_a_newspaper_citation(note, title, date):
    (item,) = parse_note(note)
    assert item.kind == "newspaper" and (item.fields["title"], item.fields["date"]) == (title, date)


def test_a_news_item_after_commentary():
    note = ("The harvest was poor that year, as the consul noted. “From the Provinces,” The New York Times, June 9, "
            "1913, p. 4.")
    (item,) = parse_note(note)
    assert item.kind == "newspaper" and item.text.startswith("“From the Provinces,”")


def test_an_access_date_makes_no_news_item():
    assert kinds("“Diplomacy.” BoardGameGeek. Accessed March 3, 2024. https://boardgamegeek.com/boardgame/483") \
        == ["published"]


# --- 10. Markdown links and bibliography-style notes ---------------------------------------------------

def test_a_markdown_link_is_read_as_its_text():
    note = "Doe, Jane. “Reading the Archive.” Diplomatic History, 2019, [https://doi.org/10.1093/dh/1](https://perma.cc/AB-12)."
    (work,) = parse_note(note)
    assert work.kind == "published" and work.fields["url"] == "https://doi.org/10.1093/dh/1"
    assert work.fields["authors"] == ["Doe"] and work.fields["title"] == "Reading the Archive"
    assert work.text == note[work.start:work.end] and work.text.startswith("Doe, Jane.")
    for value in work.fields.values():
        if isinstance(value, str):
            assert not any(mark in value for mark in LINK_SYNTAX) and value != "https"
    assert work.fields.get("place") in (None, "") and work.fields.get("publisher") in (None, "")


def test_a_platform_and_its_address_end_the_work_they_hold():
    note = ("Treaty Games. Directed by Ann Lee, vol. 2, 2019. YouTube, [https://www.youtube.com/watch?v=abc]"
            "(https://www.youtube.com/watch?v=abc).")
    (work,) = parse_note(note)
    assert work.kind == "published" and work.fields["url"] == "https://www.youtube.com/watch?v=abc"
    assert work.fields["title"] == "Treaty Games"
    note = ("Brown, Ann, and Carl White. “Mapping Treaties.” Journal of Digital History 4, no. 2, 2021, pp. 10–30. "
            "JSTOR, [https://doi.org/10.1/jdh](https://doi.org/10.1/jdh).")
    (article,) = parse_note(note)
    assert article.fields["authors"] == ["Brown", "White"] and article.fields["url"] == "https://doi.org/10.1/jdh"


def test_a_bibliography_style_note_keeps_its_author():
    (work,) = parse_note("Zimmer, Eric. (2021). The Rules of Play: Games and History. Riverside Press.")
    assert work.kind == "published" and work.fields["authors"] == ["Zimmer"]
    assert work.fields["title"] == "The Rules of Play: Games and History" and work.fields["publication_year"] == 2021
    # a list of names written given name first is no such entry
    (work,) = parse_note("Alexandra Borchardt, Felix M. Simon, and Diego Bironzo, Interested but not Engaged "
                         "(Oxford: Reuters Institute, 2018), 23.")
    assert work.fields["authors"] == ["Borchardt", "Simon", "Bironzo"]
