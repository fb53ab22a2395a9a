"""Citations in notes: the seed article's 44 notes field by field, then fixtures of other forms."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from legation.extract.citations import archival_key, parse_note, published_to_csl, resolve_back_references
from legation.model import Citation
from conftest import FULL_TEXT, resolved_notes

SEED = FULL_TEXT
NOTE_LINE = re.compile(r"(?:<sup>&</sup>lt;sup>|<sup>)(\d+)</sup>\s*(.+)")
# Two notes lost their numbers in conversion; each is the note after the one before it.
NOTES_WITHOUT_NUMBERS = (
    "FRUS, 1940. Vol. I",
    "FRUS, 1939. Vol. III, the Far East. Washington: United Press Government Printing Office, 1955. Pp. 62–63.",
)

AVP_RF = {"archive": "AVP RF", "archive_id": "AVP RF",
          "archive_name": "Archive of Foreign Policy of the Russian Federation", "country": "RU"}
GARF = {"archive_id": "GARF", "archive_name": "State Archive of the Russian Federation", "country": "RU"}
WASHINGTON_GPO = {"place": "Washington", "publisher": "United Press Government Printing Office"}
FRUS = {"series": "FRUS", "series_name": "Foreign Relations of the United States", "series_letter": None,
        "part": None, "author": None, "title": None, "source_type": "primary"}


def seed_notes() -> dict[int, str]:
    notes: dict[int, str] = {}
    number = 0
    for line in SEED.read_text(encoding="utf-8").splitlines():
        marked = NOTE_LINE.fullmatch(line)
        if marked:
            number, text = int(marked[1]), marked[2]
        elif line.startswith(NOTES_WITHOUT_NUMBERS):
            number, text = number + 1, line
        else:
            continue
        notes[number] = text.strip()
    return notes


@pytest.fixture(scope="module")
def seed() -> dict[int, Citation]:
    """The seed's citations by note number, Ibids resolved as the pipeline resolves them."""
    notes = seed_notes()
    assert sorted(notes) == list(range(1, 45))
    citations = []
    for number, text in notes.items():
        found = parse_note(text)
        assert len(found) == 1, text
        assert (found[0].text, found[0].start, found[0].end) == (text, 0, len(text))
        found[0].footnote = number
        citations.extend(found)
    assert resolve_back_references(citations) == []
    return {c.footnote: c for c in citations}


def archival(fond, opis, papka, delo, folios, first, last, path, verso=False, **archive):
    return {**(archive or AVP_RF), "fond": fond, "opis": opis, "papka": papka, "delo": delo, "folios": folios,
            "folio_first": first, "folio_last": last, "verso": verso, "path": path, "source_type": "primary"}


# --- the seed article ------------------------------------------------------------------

def test_seed_kinds(seed):
    assert Counter(c.kind for c in seed.values()) == {"archival": 34, "published": 5, "newspaper": 4, "ibid": 1}
    assert [n for n, c in seed.items() if c.kind == "published"] == [2, 4, 5, 6, 8]
    assert [n for n, c in seed.items() if c.kind == "newspaper"] == [12, 16, 33, 41]


@pytest.mark.parametrize("number, fields", [
    (1, archival("0146", "22", "192", "13", "170", 170, 170, ["F. 0146", "Op. 22", "Pap. 192", "D. 13"])),
    (18, archival("0146", "22", "192", "13", "258–259", 258, 259, ["F. 0146", "Op. 22", "Pap. 192", "D. 13"])),
    (19, archival("0146", "23", "206", "14", "94", 94, 94, ["F. 0146", "Op. 23", "Pap. 206", "D. 14"])),
    (20, archival("06", "6", "58", "803a", "193", 193, 193, ["F. 06", "Op. 6", "Pap. 58", "D. 803a"])),
    (37, archival("P-4459", "27", None, "590", "1", 1, 1, ["F. P-4459", "Op. 27", "D. 590"],
                  archive="GA RF", **GARF)),
    (42, archival("P-4459", "27", None, "590", "339", 339, 339, ["F. P-4459", "Op. 27", "D. 590"],
                  archive="GA RF", **GARF)),
])
def test_seed_archival_fields(seed, number, fields):
    assert seed[number].kind == "archival"
    assert seed[number].fields == fields


def test_seed_archival_files_are_told_apart(seed):
    assert archival_key(seed[18]) == ("AVP RF", "0146", "22", "192", "13")
    assert archival_key(seed[20]) == ("AVP RF", "06", "6", "58", "803a")
    assert archival_key(seed[37]) == ("GARF", "P-4459", "27", None, "590")
    assert len({archival_key(c) for c in seed.values() if c.kind == "archival"}) == 6


@pytest.mark.parametrize("number, fields", [
    (2, {**FRUS, "year": "1939", "volume": "III", "volume_title": "the Far East", "pages": "51",
         "page_first": 51, "page_last": 51, **WASHINGTON_GPO, "publication_year": 1955}),
    (4, {"series": "DGFP", "series_name": "Documents on German Foreign Policy", "year": "1918–1945",
         "volume": "VII", "series_letter": "D", "part": None, "volume_title": None, "pages": "278",
         "page_first": 278, "page_last": 278, "place": "Washington",
         "publisher": "United States Government Printing Office", "publication_year": 1956,
         "author": None, "title": None, "source_type": "primary"}),
    (5, {**FRUS, "year": "1940", "volume": "I", "volume_title": "General", "pages": "654",
         "page_first": 654, "page_last": 654, **WASHINGTON_GPO, "publication_year": 1959}),
    (6, {**FRUS, "year": "1939", "volume": "IV", "volume_title": "the Far East, the Near East and Africa",
         "pages": "459", "page_first": 459, "page_last": 459, **WASHINGTON_GPO, "publication_year": 1965}),
    (8, {**FRUS, "year": "1939", "volume": "III", "volume_title": "the Far East", "pages": "62–63",
         "page_first": 62, "page_last": 63, **WASHINGTON_GPO, "publication_year": 1955}),
])
def test_seed_published_fields(seed, number, fields):
    assert seed[number].kind == "published"
    assert seed[number].fields == fields


@pytest.mark.parametrize("number, title, date, written", [
    (12, "Nichibei Shimbun", "1939-09-23", "23.09.1939"),
    (16, "Hartlepool Northern Daily Mail", "1939-11-04", "04.11.1939"),
    (33, "Shin Sekai Asahi Shimbun", "1940-09-06", "06.09.1940"),
    (41, "Nippo Jiji", "1941-04-29", "29.04.1941"),
])
def test_seed_newspapers(seed, number, title, date, written):
    assert seed[number].kind == "newspaper"
    assert seed[number].fields == {"title": title, "date": date, "date_as_written": written, "issue": None,
                                   "pages": None, "page_first": None, "page_last": None,
                                   "source_type": "primary"}


def test_seed_ibid_repeats_note_2(seed):
    ibid = seed[3]
    assert ibid.kind == "ibid"
    assert {k: ibid.fields[k] for k in ("pages", "page_first", "page_last")} == {
        "pages": "66", "page_first": 66, "page_last": 66}
    assert ibid.fields["resolved"] is seed[2]
    repeated = ibid.to_dict()["resolved"]
    assert [repeated[k] for k in ("footnote", "series", "year", "volume")] == [2, "FRUS", "1939", "III"]


def test_seed_published_as_csl(seed):
    assert published_to_csl(seed[2]) == {
        "type": "book",
        "title": "Foreign Relations of the United States, 1939: the Far East",
        "collection-title": "Foreign Relations of the United States",
        "volume": "III",
        "page": "51",
        "publisher": "United Press Government Printing Office",
        "publisher-place": "Washington",
        "issued": {"date-parts": [[1955]]},
    }
    dgfp = published_to_csl(seed[4])
    assert (dgfp["title"], dgfp["collection-number"], dgfp["volume"]) == (
        "Documents on German Foreign Policy, 1918–1945", "D", "VII")


# --- other notes, other forms --------------------------------------------------------

ARCHIVAL_CASES = [
    # Cyrillic originals
    ("АВП РФ. Ф. 0146. Оп. 22. П. 192. Д. 13. Л. 170.",
     {"archive": "АВП РФ", "archive_id": "AVP RF", "fond": "0146", "opis": "22", "papka": "192", "delo": "13",
      "folios": "170", "folio_first": 170, "folio_last": 170, "verso": False,
      "path": ["Ф. 0146", "Оп. 22", "П. 192", "Д. 13"]}),
    ("ГА РФ. Ф. Р-4459. Оп. 27. Д. 590. Л. 1 об.",
     {"archive": "ГА РФ", "archive_id": "GARF", "fond": "Р-4459", "papka": None, "delo": "590",
      "folios": "1 об.", "folio_first": 1, "folio_last": 1, "verso": True}),
    ("РГАСПИ. Ф. 558. Оп. 11. Д. 1. Лл. 5–6 об.",
     {"archive_id": "RGASPI", "archive_name": "Russian State Archive of Socio-Political History",
      "fond": "558", "opis": "11", "delo": "1", "folios": "5–6 об.", "folio_first": 5, "folio_last": 6,
      "verso": True}),
    ("ЦАМО РФ. Ф. 500. Оп. 12462. Д. 45. Л. 3.",
     {"archive": "ЦАМО РФ", "archive_id": "TsAMO", "fond": "500", "opis": "12462", "delo": "45"}),
    # lower case, commas, Ll., hyphen ranges, transliterated verso
    ("AVP RF, f. 0146, op. 22, d. 13, ll. 170–171",
     {"archive_id": "AVP RF", "fond": "0146", "opis": "22", "papka": None, "delo": "13", "folios": "170–171",
      "folio_first": 170, "folio_last": 171, "path": ["f. 0146", "op. 22", "d. 13"]}),
    ("RGASPI. F. 17. Op. 162. D. 26. Ll. 12-14.",
     {"archive_id": "RGASPI", "fond": "17", "opis": "162", "delo": "26", "folios": "12-14",
      "folio_first": 12, "folio_last": 14}),
    ("RGVA. F. 33987. Op. 3. D. 1376. L. 45 ob.",
     {"archive_id": "RGVA", "archive_name": "Russian State Military Archive", "fond": "33987",
      "folios": "45 ob.", "verso": True}),
    # other archives, other level markers
    ("GARF. F. R-5446. Op. 1. D. 4. L. 5.", {"archive": "GARF", "archive_id": "GARF", "fond": "R-5446"}),
    ("AP RF. F. 3. Op. 64. D. 471. L. 12.",
     {"archive_id": "AP RF", "archive_name": "Archive of the President of the Russian Federation"}),
    ("RGAE. F. 413. Op. 13. D. 1234. L. 7–8.", {"archive_id": "RGAE", "folio_first": 7, "folio_last": 8}),
    ("RGAVMF. F. R-92. Op. 2. D. 45. L. 7.", {"archive_id": "RGAVMF", "fond": "R-92"}),
    ("RGVIA. F. 2000. Op. 1. D. 3. L. 9.", {"archive_id": "RGVIA"}),
    ("RGALI. F. 1038. Op. 1. Ed. khr. 2. L. 4.", {"archive_id": "RGALI", "delo": "2", "path": [
        "F. 1038", "Op. 1", "Ed. khr. 2"]}),
    ("AVPRI. F. Yaponskii stol. Op. 493. D. 12. L. 5.",
     {"archive_id": "AVPRI", "fond": "Yaponskii stol", "opis": "493", "delo": "12"}),
    ("RGIA DV. F. 702. Op. 1. D. 3. L. 15.", {"archive_id": "RGIA DV", "fond": "702"}),
    ("AVP RF. F. 0146. Op. 22. Karton 5. D. 13. L. 1.", {"papka": "5", "path": [
        "F. 0146", "Op. 22", "Karton 5", "D. 13"]}),
    # an archive the table does not list is kept as written
    ("GAKhK. F. 1. Op. 2. D. 3. L. 4.",
     {"archive": "GAKhK", "archive_id": None, "archive_name": None, "fond": "1", "delo": "3"}),
]


@pytest.mark.parametrize("note, expected", ARCHIVAL_CASES, ids=[case[0][:30] for case in ARCHIVAL_CASES])
def test_archival_forms(note, expected):
    [citation] = parse_note(note)
    assert citation.kind == "archival"
    assert {k: citation.fields[k] for k in expected} == expected


PUBLISHED_CASES = [
    ("Foreign Relations of the United States, 1939, vol. III, p. 51",
     {"series": "FRUS", "year": "1939", "volume": "III", "volume_title": None, "pages": "51", "place": None}),
    ("FRUS 1941, IV, pp. 12–14",
     {"series": "FRUS", "year": "1941", "volume": "IV", "pages": "12–14", "page_first": 12, "page_last": 14}),
    ("Dokumenty vneshnei politiki SSSR. T. XXII. Kn. 2. M., 1992. S. 111.",
     {"series": "DVP", "series_name": "Dokumenty vneshnei politiki SSSR", "year": None, "volume": "XXII",
      "part": "2", "place": "M.", "publisher": None, "publication_year": 1992, "pages": "111"}),
    ("ДВП СССР. Т. XXII. Кн. 2. М., 1992. С. 111.",
     {"series": "DVP", "volume": "XXII", "part": "2", "place": "М.", "publication_year": 1992, "pages": "111"}),
    ("DBFP. Third Series. Vol. VII. London: HMSO, 1954. P. 12.",
     {"series": "DBFP", "series_letter": "Third", "volume": "VII", "place": "London", "publisher": "HMSO"}),
    ("Molodyakov V. E. Rossiya i Yaponiya. M., 2012. P. 425.",
     {"series": None, "author": "Molodyakov V. E.", "title": "Rossiya i Yaponiya", "place": "M.",
      "publication_year": 2012, "pages": "425", "page_first": 425}),
    ("Istoriya voiny na Tikhom okeane. T. 2. M., 1957. S. 45.",
     {"series": None, "author": None, "title": "Istoriya voiny na Tikhom okeane", "volume": "2",
      "publication_year": 1957, "pages": "45"}),
]


@pytest.mark.parametrize("note, expected", PUBLISHED_CASES, ids=[case[0][:30] for case in PUBLISHED_CASES])
def test_published_forms(note, expected):
    [citation] = parse_note(note)
    assert citation.kind == "published"
    assert {k: citation.fields[k] for k in expected} == expected


def test_a_book_as_csl_expands_the_place():
    [book] = parse_note("Molodyakov V. E. Rossiya i Yaponiya. M.: AIRO-XXI, 2012. P. 425.")
    assert published_to_csl(book) == {
        "type": "book", "title": "Rossiya i Yaponiya", "author": [{"family": "Molodyakov", "given": "V. E."}],
        "page": "425", "publisher": "AIRO-XXI", "publisher-place": "Moscow", "issued": {"date-parts": [[2012]]}}


NEWSPAPER_CASES = [
    ("Pravda. 24.09.1939.", "Pravda", "1939-09-24", "24.09.1939"),
    ("Izvestiya, September 23, 1939, p. 1", "Izvestiya", "1939-09-23", "September 23, 1939"),
    ("The Times. 23 September 1939. P. 12.", "The Times", "1939-09-23", "23 September 1939"),
    ("Правда. 23 сентября 1939 г. № 264.", "Правда", "1939-09-23", "23 сентября 1939 г."),
    ("Japan Times and Advertiser, 2 Oct. 1940", "Japan Times and Advertiser", "1940-10-02", "2 Oct. 1940"),
]


@pytest.mark.parametrize("note, title, date, written", NEWSPAPER_CASES)
def test_newspaper_date_forms(note, title, date, written):
    [citation] = parse_note(note)
    assert citation.kind == "newspaper"
    assert (citation.fields["title"], citation.fields["date"], citation.fields["date_as_written"]) == (
        title, date, written)


def test_newspaper_issue_and_page():
    [citation] = parse_note("Правда. 23 сентября 1939 г. № 264. С. 2.")
    assert (citation.fields["issue"], citation.fields["pages"], citation.fields["page_first"]) == ("264", "2", 2)


@pytest.mark.parametrize("note, reason", [
    ("Nichibei Shimbun. 31.02.1939.", "'31.02.1939' is not a valid date"),
    ("See the discussion above.", "not an archival, published, newspaper or Ibid citation"),
    ("AVP RF, unsorted papers of the embassy", "archive AVP RF named without fond, opis or delo"),
    ("F. 0146. Op. 22. D. 13. L. 170.", "fond, opis or delo without an archive"),
    ("))((;;F. Op. D. L.", None),
])
def test_what_cannot_be_typed_is_other_with_a_reason(note, reason):
    citations = parse_note(note)
    assert citations and all(c.kind == "other" and c.fields["reason"] for c in citations)
    if reason:
        assert citations[0].fields["reason"] == reason


@pytest.mark.parametrize("note", ["", "   ", "\n\t ", ";", " ; ; "])
def test_empty_notes_have_no_citations(note):
    assert parse_note(note) == []


# --- several citations in one note, and back references -------------------------------

def test_semicolons_split_citations_with_their_offsets():
    note = "AVP RF. F. 0146. Op. 22. Pap. 192. D. 13. L. 170;  RGASPI. F. 17. Op. 162. D. 26. L. 3; Pravda. 24.09.1939."
    citations = parse_note(note)
    assert [c.kind for c in citations] == ["archival", "archival", "newspaper"]
    assert [c.text for c in citations] == ["AVP RF. F. 0146. Op. 22. Pap. 192. D. 13. L. 170",
                                           "RGASPI. F. 17. Op. 162. D. 26. L. 3", "Pravda. 24.09.1939."]
    assert all(note[c.start:c.end] == c.text for c in citations)


def test_no_split_inside_brackets():
    note = "Smetanin to Molotov (copies to Voroshilov; Zhdanov). AVP RF. F. 06. Op. 1. D. 5. L. 3."
    [citation] = parse_note(note)
    assert citation.kind == "archival" and citation.fields["delo"] == "5"


def test_a_later_citation_in_a_note_repeats_the_levels_it_leaves_out():
    first, second, third = parse_note("GARF. F. R-5446. Op. 1. D. 4. L. 5; D. 7. L. 2; F. R-8131. Op. 27. D. 19. L. 3")
    assert archival_key(second) == ("GARF", "R-5446", "1", None, "7")
    assert second.fields["path"] == ["D. 7"] and second.fields["archive"] == "GARF"
    assert archival_key(third) == ("GARF", "R-8131", "27", None, "19")


@pytest.mark.parametrize("marker", ["Ibid.", "Ibidem.", "Ibid", "Там же.", "Tam zhe.", "Ebd.", "Ebenda."])
def test_ibid_spellings(marker):
    (original, ibid), diagnostics = resolved_notes("RGASPI. F. 17. Op. 162. D. 26. L. 3.", f"{marker} L. 5.")
    assert ibid.kind == "ibid" and ibid.fields["resolved"] is original and diagnostics == []
    assert ibid.fields["pages"] == "5"


def test_an_ibid_chain_resolves_to_the_original():
    (original, first, second, book, third), _ = resolved_notes(
        "ДВП СССР. Т. XXII. Кн. 2. М., 1992. С. 111.", "Там же. С. 115.", "Там же. С. 120–121.",
        "Molodyakov V. E. Rossiya i Yaponiya. M., 2012. P. 425.", "Ibid., p. 430")
    assert first.fields["resolved"] is original and second.fields["resolved"] is original
    assert (second.fields["page_first"], second.fields["page_last"]) == (120, 121)
    assert third.fields["resolved"] is book and third.fields["pages"] == "430"


def test_an_ibid_in_the_same_note_repeats_the_citation_before_it():
    (archive_file, ibid), _ = resolved_notes("AVP RF. F. 06. Op. 1. P. 3. D. 28. L. 10; Ibid. L. 12 ob.")
    assert ibid.fields["resolved"] is archive_file and ibid.fields["pages"] == "12 ob."
    assert archival_key(ibid) == archival_key(archive_file)


def test_an_ibid_with_nothing_before_it_is_reported():
    (ibid, _), diagnostics = resolved_notes("Ibid. P. 3.", "Pravda. 24.09.1939.")
    assert ibid.fields["resolved"] is None
    assert [(d.code, d.footnote) for d in diagnostics] == [("ibid-unresolved", 1)]


def test_keys_and_csl_only_for_their_kinds():
    [paper] = parse_note("Pravda. 24.09.1939.")
    with pytest.raises(ValueError):
        archival_key(paper)
    with pytest.raises(ValueError):
        published_to_csl(paper)
