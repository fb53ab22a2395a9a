"""Notes cut into citations the way a reader cuts them: one citation per source, each with its own
span and kind, commentary left outside, back-references resolved.

The notes are real shapes from the development articles (the Office of the Historian's history of
FRUS, Memorial's essay on the Stalin lists, Programming Historian lessons), each standing for a
class of notes; what is asserted is what GOLD-FORMAT.md asks of them: kinds, spans, and the fields
that this parser (not the archive schemes) decides.
"""

from __future__ import annotations

from collections import Counter

import pytest

from legation.extract.citations import parse_note
from legation.extract.intext import find_intext_citations
from legation.pipeline import extract_text
from legation.model import Source
from conftest import resolved_notes


def kinds(note: str) -> list[str]:
    return [c.kind for c in parse_note(note)]


def texts(note: str) -> list[str]:
    return [c.text.rstrip(".") for c in parse_note(note)]


def check_offsets(note: str) -> None:
    for citation in parse_note(note):
        assert note[citation.start:citation.end] == citation.text


# --- 1. several sources in one note: sentences, "and", "quoted in", Цит. по, brackets ---------

def test_sources_in_separate_sentences_are_separate_citations():
    note = ("Papers Relating to the Foreign Relations of the United States, 1919, The Paris Peace Conference, "
            "vol. I, p. IV. See also Wilder Spaulding to Breckinridge Long, March 15, 1940, NARA, RG 59, "
            "CDF 1940–1944, 026 Foreign Relations/1456 1/2 and Long to Spaulding, March 16, 1940, NARA, RG 59, "
            "CDF 1940–1944, 026 Foreign Relations/1458 1/4.")
    assert kinds(note) == ["published", "archival", "archival"]
    assert texts(note) == [
        "Papers Relating to the Foreign Relations of the United States, 1919, The Paris Peace Conference, vol. I, p. IV",
        "Wilder Spaulding to Breckinridge Long, March 15, 1940, NARA, RG 59, CDF 1940–1944, 026 Foreign Relations/1456 1/2",
        "Long to Spaulding, March 16, 1940, NARA, RG 59, CDF 1940–1944, 026 Foreign Relations/1458 1/4"]
    check_offsets(note)


def test_commentary_sentences_stay_outside():
    note = ("Noble to Robert Murphy, May 19, 1955, NARA, RG 59, CDF 1955–1959, 023.1/3–755. Quote from p. 3.")
    [citation] = parse_note(note)
    assert citation.kind == "archival" and "Quote" not in citation.text
    note = ("Samuel Flagg Bemis review of Foreign Relations of the United States: Diplomatic Papers, 1932 in the "
            "American Historical Review (July 1949), pp. 856–858. Quote on p. 857. The Washington Post, like Bemis, "
            "called upon Congress to increase funding for FRUS at the end of 1948. See Ferdinand Kuhn, “17–Year "
            "Lag: State Dept. Holds Secret Papers Tight,” Washington Post, December 26, 1948. The article, which "
            "blamed resource limitations for the lagging pace of publication, resonated with an anonymous "
            "“Historian” in Washington. See Letter to the Editor from Historian, January 6, 1949, Washington Post, "
            "p. 10.")
    assert kinds(note) == ["published", "newspaper", "newspaper"]
    review, kuhn, letter = parse_note(note)
    assert review.fields["title"].startswith("review of Foreign Relations")
    assert kuhn.text.startswith("Ferdinand Kuhn") and letter.text.startswith("Letter to the Editor")
    assert (letter.fields["title"], letter.fields["date"]) == ("Washington Post", "1949-01-06")


def test_quoted_in_is_the_original_and_the_work_it_was_read_in():
    note = ("Richard Humphrey to Francis Russell, quoted in Astrid Eckert, The Struggle for the Files: The Western "
            "Allies and the Return of German Archives after the Second World War (Cambridge: Cambridge University "
            "Press, 2012; original German language publication 2004), p. 94.")
    original, book = parse_note(note)
    assert (original.kind, original.text) == ("archival", "Richard Humphrey to Francis Russell")
    assert original.fields["archive"] is None and original.fields["cited_in"] == 1
    assert book.kind == "published" and book.text.startswith("Astrid Eckert")
    assert (book.fields["authors"], book.fields["publication_year"], book.fields["pages"]) == (["Eckert"], 2012, "94")


@pytest.mark.parametrize("note, work", [
    ("ЦА ФСБ. Ф.3. Оп.4. Д.1464. Л.166–167. Цит по: Хаустов В., Самуэльсон Л. Сталин, НКВД и репрессии "
     "1936—1938 гг. М., 2009. С.331.", "Хаустов"),
    ("ГА РФ. Ф. Р-9401. Оп. 1. Д. 595. Л. 186–189. Цит. по: Сануков К. Н. Исторические судьбы народов. "
     "Саранск, 2001. С. 45.", "Сануков"),
])
def test_tsit_po_is_two_citations(note, work):
    original, book = parse_note(note)
    assert original.kind == "archival" and original.fields["cited_in"] == 1
    assert original.fields["folios"] in ("166–167", "186–189")
    assert book.kind == "published" and book.text.startswith(work) and "Цит" not in book.text


def test_russian_sources_in_brackets_inside_commentary():
    note = ("Так, по предложению Вышинского 25 декабря 1935 года политбюро постановило: «Дело по обвинению "
            "Соколова и Телицыных в организации террористических актов передать в Военный трибунал ЛВО» "
            "(АП РФ. Ф. 3. Оп. 58. Д. 230. Л. 60). К числу таких редких исключений относится и решение Политбюро "
            "от 02.07.1937 «о передаче дел на рассмотрение Верхсуда Грузинской ССР» (РГАСПИ. Ф.17. Оп.166. "
            "Д.575. Л.17).")
    first, second = parse_note(note)
    assert (first.text, first.fields["archive"], first.fields["delo"]) == ("АП РФ. Ф. 3. Оп. 58. Д. 230. Л. 60",
                                                                          "АП РФ", "230")
    assert (second.text, second.fields["archive"], second.fields["folios"]) == (
        "РГАСПИ. Ф.17. Оп.166. Д.575. Л.17", "РГАСПИ", "17")


def test_a_book_in_brackets_between_two_files():
    note = ("Впрочем, в санкции Сталина на такое решение можно не сомневаться. См. в связи с этим письмо Ежова "
            "Сталину от 09.09.1936 с резолюцией Сталина (РГАСПИ. Ф.558. Оп.11. Д.729. Л.83–85), черновик этого "
            "письма (Хлевнюк О. В. Политбюро: Механизмы политической власти в 30-е годы. М., 1996. С. 205–206) и, "
            "как реакция, продиктованное Сталиным решение Политбюро (РГАСПИ. Ф.17. Оп.171. Д.241. Л.213).")
    assert kinds(note) == ["archival", "published", "archival"]
    assert parse_note(note)[1].fields["publication_year"] == 1996


@pytest.mark.parametrize("note, expected", [
    ("См.: Известия ЦК КПСС. 1989. № 7. С.86–93.",
     {"title": "Известия ЦК КПСС", "publication_year": 1989, "issue": "7", "pages": "86–93"}),
    ("Хлевнюк О. В. Сталин и репрессии // Вопросы истории. 1995. № 2. С. 12.",
     {"author": "Хлевнюк О. В.", "title": "Сталин и репрессии", "container": "Вопросы истории",
      "publication_year": 1995, "issue": "2", "pages": "12"}),
    ("Петров Н. В. Сталин и органы НКВД // Сталинский террор 1937–1938 гг. М., 2008. С. 45–50.",
     {"title": "Сталин и органы НКВД", "publication_year": 2008, "pages": "45–50"}),
    ("Лубянка. Сталин и ВЧК–ГПУ–ОГПУ–НКВД. Январь 1922 – декабрь 1936: Документы. М., 2003. С. 5.",
     {"publication_year": 2003, "pages": "5"}),
])
def test_russian_journals_and_collections(note, expected):
    [work] = parse_note(note)
    assert work.kind == "published" and {k: work.fields.get(k) for k in expected} == expected


def test_a_title_split_by_a_full_stop_after_a_lead_in_is_one_book():
    [book] = parse_note("См.: Политбюро ЦК РКП(б)-ВКП(б). Повестки дня заседаний, 1919–1952: Каталог. Т.2. М., 2001.")
    assert book.kind == "published" and book.text.startswith("Политбюро") and book.fields["publication_year"] == 2001


# --- 2. commentary is no citation ---------------------------------------------------------

@pytest.mark.parametrize("note", [
    "FRUS has been published regularly and continuously since 1861. Chapter 3 discusses why the Department did "
    "not produce a volume covering diplomatic events for 1869. Chapter 4 explains the late appearance of the 1881 "
    "and 1898–1900 volumes.",
    "Всего в списках 1937–1938 годов таких справок 205, из них шесть повторяются; кроме того, в списки "
    "иностранных граждан включены 74 человека без приложения справок.",
    "Normally Congress simply requested any correspondence that the Department might have on a subject; in this "
    "case the request was directed to Fish by name.",
    "Thanks to Mounika Puligurthi, intern at the University of Texas (UT) Digital Scholarship Office (during the "
    "spring of 2019), for her help interpreting this calculation.",
    "Baehler’s statement was misleading. Although FRUS did not cause significant “foreign policy difficulties,” "
    "volumes did, on occasion, irritate foreign governments. See chapters 7 and 8.",
])
def test_commentary_only_notes_have_no_citation(note):
    assert parse_note(note) == []


@pytest.mark.parametrize("note", ["See footnote 2 above.", "For the type of measures considered, see Document 37.",
                                  "Neither Jidda telegram printed, but see footnotes 8 and 9.", "See supra."])
def test_cross_references_are_no_citations(note):
    assert parse_note(note) == []


def test_cross_references_and_leftovers_are_not_other():
    note = "Hoffman, Governmental Secrecy and the Founding Fathers, pp. 69–83; note 5 above."
    [short] = parse_note(note)
    assert short.kind == "published" and short.fields["form"] == "short" and short.fields["pages"] == "69–83"


def test_commentary_notes_raise_no_citation_unparsed_diagnostic():
    text = ("# Title\n\nA claim.[^1] Another claim.[^2]\n\n"
            "[^1]: FRUS has been published regularly and continuously since 1861. Chapter 3 discusses it.\n"
            "[^2]: Perkins to Franklin, June 21, 1948, NARA, RG 59, WTC Lot File 83D222, Box 5, 1947–1948.\n")
    doc = extract_text(Source("x", "x.md", "markdown", "0", len(text)), text, ("apparatus",))
    assert [c.kind for c in doc.citations] == ["archival"]
    assert not [d for d in doc.diagnostics if d.code == "citation-unparsed"]


# --- 3. letters and memoranda -------------------------------------------------------------

def test_letters_are_not_newspapers():
    assert kinds("Perkins to Noble, March 3, 1950.") == ["archival"]
    assert kinds("Trask memorandum, April 11, 1980, Department of State, FRUS Clearance Lot File 04D114, Box 3, "
                 "Dissent Channel Package (1980).") == ["archival"]


def test_letters_listed_before_a_shared_location_are_kept_there():
    note = ("Bernard Noble to George Reinhardt, December 14, 1950; Perkins to Noble, March 23, 1951; and Noble to "
            "Reinhardt (unsent), March 29, 1951 in NARA, RG 59, CDF 1950–1954, 023.1/3–2351.")
    first, second, third = parse_note(note)
    assert [c.kind for c in (first, second, third)] == ["archival"] * 3
    assert (first.text, second.text) == ("Bernard Noble to George Reinhardt, December 14, 1950",
                                         "Perkins to Noble, March 23, 1951")
    assert first.fields["located_by"] == second.fields["located_by"] == 2
    assert first.fields["archive"] == third.fields["archive"]


def test_a_letter_printed_in_an_edition_is_published():
    note = ("Eisenhower to Winston Churchill, March 22, 1955 in Peter Boyle, ed., The Churchill–Eisenhower "
            "Correspondence, 1953–1955 (Chapel Hill, North Carolina: University of North Carolina Press, 1990), "
            "pp. 201–203. See also Churchill to Eisenhower, March 18, 1955 in Boyle, The Churchill–Eisenhower "
            "Correspondence, p. 200.")
    (full, short), _ = resolved_notes(note)
    assert (full.kind, short.kind) == ("published", "published")
    assert full.fields["title"].startswith("The Churchill–Eisenhower Correspondence")
    assert short.fields["form"] == "short" and short.fields["refers_to"] == {"footnote": 1, "index": 0}


def test_a_document_and_passim_in_its_folder_is_one_citation():
    note = ("Karl Honaman to McIlvaine (with agreed terms of reference, October 19, 1955), October 25, 1955 and "
            "passim, NARA, RG 59, WTC Lot File 83D222, Box 4, World War II Conference—Defense Department.")
    assert kinds(note) == ["archival"]
    note = ("Spaulding to Linebaugh, July 2, 1946, NARA, RG 59, CDF 1945–1949, 741.00/6–2646 and passim, NARA, "
            "RG 59, CDF 1945–1959, 741.00/3–746 through 741.00/6–2646.")
    assert kinds(note) == ["archival", "archival"]


def test_folders_listed_after_a_box_are_citations_of_that_box():
    note = "See passim, NARA, RG 59, WTC Lot File 83D222, Box 5, 1947–1948; 1949–1950; and 1951–1952."
    box, second, third = parse_note(note)
    assert [c.kind for c in (box, second, third)] == ["archival"] * 3
    assert (box.text, second.text, third.text.rstrip(".")) == (
        "passim, NARA, RG 59, WTC Lot File 83D222, Box 5, 1947–1948", "1949–1950", "1951–1952")
    assert second.fields["continues"] and second.fields["archive"] == box.fields["archive"]
    note = "See passim, Reed College, Noble Papers, Box 16, 9; 20; and 21 and Box 20, 10."
    assert kinds(note) == ["archival"] * 4


def test_and_inside_a_series_name_or_a_folder_title_joins_no_works():
    note = ("John Hughes to Secretary of State, January 30, 1984 attached to Alan Romberg to Kenneth Dam, July 27, "
            "1984, Department of State, George Shultz and Charles Hill Subject Files, 1982–1988 (Lot File 89D250) "
            "(henceforth Shultz Lot File 89D250), Box 1, Miscellaneous File 6/84.")
    assert kinds(note) == ["archival"]
    note = ("Harry Truman to Samuel Eliot Morison, December 22, 1950, LCM, AHA Papers, Box 170, Committee on "
            "Historians and the Federal Government 1950–1951.")
    assert kinds(note) == ["archival"]
    note = ("See also Noble to Kenneth Atkinson, October 6, 1955 and Department of State Manual of Regulations and "
            "Procedures, Section 045, October 31, 1955 in NARA, RG 59, Entry UD-07D-4: Bureau of Administration, "
            "Regulations and Procedures Files, 1947-1963, Box 94, Transmittal Letter: RP-162.")
    assert kinds(note) == ["archival", "archival"]


def test_a_second_location_in_brackets_is_a_citation_of_its_own():
    note = ("“EUR Comments on Historian David Trask’s Memorandum (TAB A),” August 12, 1980, NARA, RG 59, Kogan "
            "Papers Lot File 83D230, Box 2, Foreign Relations 2 (also in NARA, RG 59, CFPF 1980, P800143–0201).")
    document, copy = parse_note(note)
    assert (document.kind, copy.kind) == ("archival", "archival")
    assert copy.text == "NARA, RG 59, CFPF 1980, P800143–0201"


# --- 4. newspapers --------------------------------------------------------------------------

@pytest.mark.parametrize("note, title, date", [
    ("Bernard Gwertzman, “U.S. Tells of ’54 Guatemala Invasion,” New York Times, January 4, 1984, p. A3.",
     "New York Times", "1984-01-04"),
    ("“Fifty Important Dates of 1955,” New York Times, January 1, 1956, p. E8.", "New York Times", "1956-01-01"),
    ("New York Herald Tribune, December 9, 1869", "New York Herald Tribune", "1869-12-09"),
    ("“Turmoil Inside the State Department,” U.S. News and World Report, December 18, 1953",
     "U.S. News and World Report", "1953-12-18"),
])
def test_newspapers_after_a_headline(note, title, date):
    [paper] = parse_note(note)
    assert paper.kind == "newspaper" and (paper.fields["title"], paper.fields["date"]) == (title, date)


def test_journals_cited_by_issue_are_published():
    assert kinds("Raymond Sontag, “Reflections on the Yalta Papers,” Foreign Affairs, July 1955, pp. 615–623") == [
        "published"]
    assert kinds("Bryton Barron, “The Historical Blackout in the State Department,” National Review (March 14, "
                 "1956), pp. 19–21") == ["published"]


def test_two_headlines_share_one_newspaper():
    note = ("Henry Hayward and Neal Stanford, “U.S. ‘Y–Bomb’ Jars Alliance; Washington Studies ‘Whys’” and "
            "“Political Use for Yalta Papers?,” Christian Science Monitor, March 18, 1955, pp. 1 and 6")
    first, second = parse_note(note)
    assert (first.kind, second.kind) == ("newspaper", "newspaper")
    assert first.fields["title"] == second.fields["title"] == "Christian Science Monitor"


# --- 5. FRUS named, not cited -------------------------------------------------------------

def test_foreign_relations_in_a_title_or_a_lot_file_is_no_frus_volume():
    [archival] = parse_note("Trask to Vest, April 14, 1980, Department of State, FRUS Clearance Lot File 04D114, "
                            "Box 3, Dissent Channel Package (1980).")
    assert archival.kind == "archival"
    [short] = parse_note("Leopold, “The Foreign Relations Series,” p. 596")
    assert short.kind == "published" and short.fields["series"] is None and short.fields["form"] == "short"
    [volume] = parse_note("Foreign Relations of the United States, 1949, vol. IX, The Far East; China, pp. 1365–1409")
    assert (volume.fields["series"], volume.fields["volume"], volume.fields["pages"]) == ("FRUS", "IX", "1365–1409")


# --- 6. congressional and official publications ----------------------------------------

@pytest.mark.parametrize("note", [
    "Annals of Congress, House of Representatives, 2nd Cong., 1st Sess., April 4, 1792, pp. 535–536 (emphasis added).",
    "Congressional Record – Senate, vol. 136, pt. 22, October 19, 1990, p. 31389.",
    "Message of the President of the United States with the Reports of the Postmaster General and of the Secretary "
    "of the Navy, 41st Cong., 2d Sess., H. Ex. Doc. 1, pt. 1 (serial 1445), 7.",
    "Correspondence Concerning Claims against Great Britain, 41st Cong. 1st Sess. S. Ex. Doc. 11 (serial 1440), 4",
    "Hansard, House of Commons Debates, March 17, 1955, Vol. 538, 1449–1451",
    "Report by the Committee on Department Methods, p. 10.",
])
def test_official_publications_are_published(note):
    assert kinds(note) == ["published"]


# --- 7. Chicago notes -------------------------------------------------------------------------

@pytest.mark.parametrize("note, expected", [
    ("Miguel Escobar Varela, Theater as Data: Computational Journeys into Theater Research (Ann Arbor, MI: "
     "University of Michigan Press, 2021), 94.",
     {"title": "Theater as Data: Computational Journeys into Theater Research", "place": "Ann Arbor, MI",
      "publisher": "University of Michigan Press", "publication_year": 2021, "pages": "94"}),
    ("Anne Morris Boyd and Rae Elizabeth Rips, United States Government Publications, 3d ed., revised (New York: "
     "H. W. Wilson, 1949), pp. 26–28.",
     {"authors": ["Boyd", "Rips"], "title": "United States Government Publications", "publication_year": 1949}),
    ("David Tarditi, Sidd Puri, and Jose Oglesby, \"Accelerator: Using data parallelism to program GPUs for "
     "general-purpose uses,\" Operating Systems Review 40, (2006): 325-326.",
     {"authors": ["Tarditi", "Puri", "Oglesby"], "title": "Accelerator: Using data parallelism to program GPUs for "
      "general-purpose uses", "container": "Operating Systems Review", "publication_year": 2006}),
    ("Emily M. Bender, Timnit Gebru, Angelina McMillan-Major, and Shmargaret Shmitchell, \"On the Dangers of "
     "Stochastic Parrots: Can Language Models Be Too Big?,\" ACM Conference on Fairness, Accountability, and "
     "Transparency (March 2021): 614, https://doi.org/10.1145/3442188.3445922.",
     {"authors": ["Bender", "Gebru", "McMillan-Major", "Shmitchell"], "publication_year": 2021, "pages": "614"}),
    ("For secondary treatments of the early republic era, see Daniel N. Hoffman, Governmental Secrecy and the "
     "Founding Fathers (Westport, CT: Greenwood Press, 1981)",
     {"author": "Daniel N. Hoffman", "authors": ["Hoffman"], "title": "Governmental Secrecy and the Founding Fathers"}),
    ("Alvin D. Coox, *Nomonhan* (Westport, CT: Greenwood Press, 1977)",
     {"authors": ["Coox"], "title": "Nomonhan", "publication_year": 1977}),
    ("Jeffrey Wu et al., 7.", {"authors": ["Wu"], "form": "short", "pages": "7"}),
])
def test_chicago_fields(note, expected):
    [work] = parse_note(note)
    assert work.kind == "published"
    assert {k: work.fields.get(k) for k in expected} == expected


def test_author_year_pointers_to_the_bibliography():
    note = ("Ver en la bibliografía: Martínez Carro 2018 y 2019, Martínez Carro y Santa María Fernández 2019, "
            "Jiménez Fernández y Calvo Tello 2020.")
    citations = parse_note(note)
    assert [c.text for c in citations] == ["Martínez Carro 2018", "2019", "Martínez Carro y Santa María Fernández 2019",
                                           "Jiménez Fernández y Calvo Tello 2020"]
    assert all(c.kind == "published" and c.fields["form"] == "short" for c in citations)


# --- 8. back-references ---------------------------------------------------------------------

def test_short_forms_link_to_a_full_citation_that_had_a_lead_in():
    (*works_, hoffman, sofaer), diagnostics = resolved_notes(
        "For secondary treatments of the early republic era, see Daniel N. Hoffman, Governmental Secrecy and the "
        "Founding Fathers (Westport, CT: Greenwood Press, 1981); Abraham D. Sofaer, “Executive Power and the "
        "Control of Information: Practice Under the Framers,” Duke Law Journal 77, no. 1 (March 1977): pp. 1–57.",
        "Hoffman, Governmental Secrecy and the Founding Fathers, pp. 69–83; note 5 above.",
        "Key cases include Washington’s handling of records relating to the controversial Jay Treaty. For a brief "
        "overview, see Sofaer, “Executive Power and the Control of Information,” pp. 8–45.")
    assert diagnostics == []
    assert hoffman.fields["refers_to"] == {"footnote": 1, "index": 0}
    assert sofaer.fields["refers_to"] == {"footnote": 1, "index": 1}
    assert hoffman.fields["publication_year"] == 1981 and hoffman.fields["pages"] == "69–83"


def test_a_short_form_of_an_article_is_not_a_frus_volume():
    (full, short), _ = resolved_notes(
        "George Green Shackelford, “William Short, Jefferson’s Adopted Son,” Virginia Magazine of History and "
        "Biography 73, no. 2 (1965): 160–180.", "Shackelford, “William Short,” 171–172.")
    assert short.fields["form"] == "short" and short.fields["refers_to"] == {"footnote": 1, "index": 0}


def test_a_henceforth_title_links_its_short_form():
    (message, report), _ = resolved_notes(
        "Message from the President of the United States, Transmitting a Report by the Committee on Department "
        "methods on the Documentary Historical Publications of the United States Government (Washington: "
        "Government Printing Office, 1909) (hereafter Report by the Committee on Department Methods), pp. 31–33.",
        "Report by the Committee on Department Methods, p. 10.")
    assert message.fields["short_title"] == "Report by the Committee on Department Methods"
    assert report.fields["refers_to"] == {"footnote": 1, "index": 0} and report.fields["pages"] == "10"


def test_an_author_et_al_short_form_links_to_that_author():
    (wu, other, short), _ = resolved_notes(
        "Jeffrey Wu et al., \"Language Models Are Unsupervised Multitask Learners,\" OpenAI, (February 2019): 7.",
        "Michael Barthel et al., Seven-in-Ten Reddit Users Get News on the Site, (Washington: Pew Research "
        "Center, 2016).",
        "Jeffrey Wu et al., 7.")
    assert short.fields["refers_to"] == {"footnote": 1, "index": 0}


def test_tam_zhe_replaces_the_levels_it_names_and_keeps_those_above():
    (original, opis, folio, fond), diagnostics = resolved_notes(
        "ЦА ФСБ. Ф.3. Оп.5. Д.1410. Л.212", "Там же. Оп.4. Д.2241. Л.685.",
        "Там же. Л. 55. Список см.: Л. 55–76.", "Там же. Ф. 7. Оп. 1. Д. 9.")
    assert diagnostics == []
    levels = ("archive", "fond", "opis", "delo", "folios")
    assert [opis.fields[k] for k in levels] == ["ЦА ФСБ", "3", "4", "2241", "685"]
    assert opis.fields["refers_to"] == {"footnote": 1, "index": 0}
    assert [folio.fields[k] for k in levels] == ["ЦА ФСБ", "3", "4", "2241", "55"]  # the first folio written
    assert folio.text == "Там же. Л. 55."
    assert [fond.fields[k] for k in levels] == ["ЦА ФСБ", "7", "1", "9", None]
    assert opis.fields["resolved"] is folio.fields["resolved"] is original


def test_tam_zhe_after_a_publication_of_the_file_repeats_the_file():
    (original, book, first, second, later), diagnostics = resolved_notes(
        "ЦА ФСБ. Ф. 3. Оп. 4. Д. 170. Л. 1–4. Опубл.: Лубянка. Сталин и ВЧК–ГПУ–ОГПУ–НКВД. Январь 1922 – декабрь "
        "1936. М., 2003. С. 52–53.",
        "Там же. Оп. 1. Д. 5. Л. 3–3 об.; Д. 6. Л. 1.", "Там же. Л. 7.")
    assert (original.kind, book.kind) == ("archival", "published") and original.fields["cited_in"] == 1
    levels = ("archive", "fond", "opis", "delo", "folios")
    assert [first.fields[k] for k in levels] == ["ЦА ФСБ", "3", "1", "5", "3–3 об."]
    assert (second.kind, second.text) == ("ibid", "Д. 6. Л. 1.")
    assert [second.fields[k] for k in levels] == ["ЦА ФСБ", "3", "1", "6", "1"]
    assert [later.fields[k] for k in levels] == ["ЦА ФСБ", "3", "1", "6", "7"]
    assert diagnostics == []


def test_ibid_pages_stay_pages():
    (_, ibid), _ = resolved_notes("FRUS, 1939. Vol. III, the Far East. Washington: United Press Government Printing "
                                  "Office, 1955. P. 51.", "Ibid. P. 66.")
    assert ibid.fields["pages"] == "66" and ibid.fields.get("papka") is None


# --- 9. running text --------------------------------------------------------------------------

def test_tam_zhe_in_running_text_is_no_author_year_citation():
    body = "Ежов писал Сталину (Там же. Л. 87), а затем (Т.5. Л.373) повторил это."
    assert find_intext_citations(body) == []
    assert [c.key for c in find_intext_citations("Later [Ibid, p. 161].")] == ["Ibid"]


# --- robustness ----------------------------------------------------------------------------------

@pytest.mark.parametrize("note", [
    "9" * 20000,
    "“A” and “B,” " * 2000,
    "Robert Barnes to Noble, March 1, 1950 and " * 500,
    "See passim, NARA, RG 59, Box 5, 1947–1948; " * 500,
    "(see (see (see " * 300,
])
def test_long_and_odd_notes_are_read_quickly(note):
    import time

    start = time.perf_counter()
    citations = parse_note(note)
    assert time.perf_counter() - start < 20
    check_offsets(note)
    assert all(c.text.strip() for c in citations)


def test_the_development_articles_kinds():
    """The kinds of the gold notes of the development articles that these rules were written for."""
    from legation.devdata import shared_path

    import json

    folder = shared_path("data", "articles")
    if not folder.is_dir():
        pytest.skip(f"needs {folder}")
    right = total = 0
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for note in gold["notes"]:
            total += 1
            right += Counter(c["kind"] for c in note["citations"]) == Counter(kinds(note["text"]))
    assert right >= 0.9 * total
