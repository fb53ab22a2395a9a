"""Published works in notes, back-references (Ibid., ders., op. cit.), short forms, primary vs secondary."""

from __future__ import annotations

import pytest

from legation.extract.citations import archival_key, parse_note
from conftest import resolved_notes
from legation.model import Citation


def subset(citation: Citation, expected: dict) -> dict:
    return {k: citation.fields.get(k) for k in expected}


# --- published works cited in full ---------------------------------------------------------

WORKS = [
    ("V. E. Molodyakov, Rossiya i Yaponiya: v poiskakh soglasiya (Moscow: AIRO-XXI, 2012), p. 425.",
     {"author": "V. E. Molodyakov", "title": "Rossiya i Yaponiya: v poiskakh soglasiya", "place": "Moscow",
      "publisher": "AIRO-XXI", "publication_year": 2012, "pages": "425", "page_first": 425, "work_type": "book",
      "form": "full", "container": None}),
    ("Hosoya Chihiro, \"The Japanese-Soviet Neutrality Pact,\" in James W. Morley, ed., The Fateful Choice "
     "(New York, 1980), 13–114.",
     {"author": "Hosoya Chihiro", "title": "The Japanese-Soviet Neutrality Pact", "container": "The Fateful Choice",
      "editors": "James W. Morley", "place": "New York", "publisher": None, "publication_year": 1980,
      "pages": "13–114", "page_first": 13, "page_last": 114, "work_type": "chapter"}),
    ("Ernst L. Presseisen, Germany and Japan: A Study in Totalitarian Diplomacy, 1933–1941 "
     "(The Hague: Martinus Nijhoff, 1958), S. 112.",
     {"author": "Ernst L. Presseisen", "title": "Germany and Japan: A Study in Totalitarian Diplomacy, 1933–1941",
      "place": "The Hague", "publisher": "Martinus Nijhoff", "publication_year": 1958, "pages": "112"}),
    ("Theo Sommer, „Der Dreimächtepakt“, in: Vierteljahrshefte für Zeitgeschichte 10 (1962), S. 1–20.",
     {"author": "Theo Sommer", "title": "Der Dreimächtepakt", "container": "Vierteljahrshefte für Zeitgeschichte",
      "volume": "10", "publication_year": 1962, "pages": "1–20", "work_type": "article-journal"}),
    ("Jean-Louis Margolin, « La France et le Japon », Revue d'histoire diplomatique 98, no. 2 (1984) : 23–45.",
     {"author": "Jean-Louis Margolin", "title": "La France et le Japon", "container": "Revue d'histoire diplomatique",
      "volume": "98", "issue": "2", "publication_year": 1984, "page_first": 23, "page_last": 45}),
    ("Rosaria Quartararo, Roma tra Londra e Berlino (Roma: Bonacci, 1980), p. 212.",
     {"author": "Rosaria Quartararo", "place": "Roma", "publisher": "Bonacci", "publication_year": 1980}),
    ("Б. Н. Славинский, Пакт о нейтралитете между СССР и Японией (М.: Новина, 1995), с. 112.",
     {"author": "Б. Н. Славинский", "title": "Пакт о нейтралитете между СССР и Японией", "place": "М.",
      "publisher": "Новина", "publication_year": 1995, "pages": "112"}),
    ("Tōgō Shigenori, Jidai no ichimen (Tokyo: Kaizōsha, 1952), 234.",
     {"author": "Tōgō Shigenori", "title": "Jidai no ichimen", "place": "Tokyo", "pages": "234"}),
    ("G. Krebs and B. Martin, eds., Formierung und Fall der Achse Berlin–Tokyo (München: Iudicium, 1994), 45.",
     {"author": "G. Krebs and B. Martin", "title": "Formierung und Fall der Achse Berlin–Tokyo",
      "place": "München", "publisher": "Iudicium", "publication_year": 1994}),
    ("Memoirs of Cordell Hull (New York: Macmillan, 1948), 1000.",
     {"author": None, "title": "Memoirs of Cordell Hull", "publisher": "Macmillan", "publication_year": 1948}),
]


@pytest.mark.parametrize("note, expected", WORKS, ids=[case[0][:30] for case in WORKS])
def test_published_works_in_notes(note, expected):
    [citation] = parse_note(note)
    assert citation.kind == "published"
    assert subset(citation, expected) == expected
    # the contract's published fields are all there
    assert {"series", "year", "volume", "pages"} <= set(citation.fields)


@pytest.mark.parametrize("note", [
    "Molodyakov, V. E. (2012). Rossiya i Yaponiya v poiskakh soglasiya. Moscow: AIRO-XXI.",  # a reference-list entry
    "See the discussion above.",
    "Smetanin to Molotov, telegram.",
])
def test_what_is_not_a_work_in_a_note(note):
    citations = parse_note(note)
    assert not any(c.kind == "published" and c.fields.get("form") == "full" and c.fields.get("title") == "V. E"
                   for c in citations)
    assert all(c.kind != "published" or c.fields.get("title") not in ("V. E", "telegram") for c in citations)


# --- back-references -----------------------------------------------------------------------

def test_ibid_repeats_the_citation_before_with_its_own_pages():
    (book, ibid), diagnostics = resolved_notes(
        "Rosaria Quartararo, Roma tra Londra e Berlino (Roma: Bonacci, 1980), p. 212.", "Ivi, p. 216.")
    assert diagnostics == [] and ibid.kind == "ibid" and ibid.fields["resolved"] is book
    assert ibid.fields["refers_to"] == {"footnote": 1, "index": 0}
    assert subset(ibid, {"pages": "216", "page_first": 216, "title": "Roma tra Londra e Berlino",
                         "publisher": "Bonacci", "source_type": "secondary"}) == {
        "pages": "216", "page_first": 216, "title": "Roma tra Londra e Berlino", "publisher": "Bonacci",
        "source_type": "secondary"}
    assert (ibid.text, ibid.start, ibid.end) == ("Ivi, p. 216.", 0, 12)


def test_ibid_of_an_archival_citation_takes_its_file_and_gives_its_folios():
    (paper, ibid), _ = resolved_notes("TNA, FO 371/24725, F 3591/23/23, f. 3.", "Ibid., f. 12v.")
    assert archival_key(ibid) == archival_key(paper) == ("TNA", "FO", "371", "24725", None)
    assert subset(ibid, {"piece": "24725", "folio_first": 12, "verso": True, "source_type": "primary"}) == {
        "piece": "24725", "folio_first": 12, "verso": True, "source_type": "primary"}
    assert paper.fields["folio_first"] == 3


@pytest.mark.parametrize("marker", ["Ib.", "Ebda.", "Ebenda,", "ibidem,"])
def test_more_ibid_spellings(marker):
    (original, ibid), diagnostics = resolved_notes("PA AA, R 29843, Bl. 12", f"{marker} Bl. 14.")
    assert ibid.kind == "ibid" and ibid.fields["resolved"] is original and ibid.fields["pages"] == "14"


@pytest.mark.parametrize("full, back, author, marker", [
    ("V. E. Molodyakov, Rossiya i Yaponiya (Moscow: AIRO-XXI, 2012), p. 425.", "Molodyakov, op. cit., p. 12.",
     "Molodyakov", "op. cit."),
    ("Theo Sommer, Deutschland und Japan zwischen den Mächten 1935–1940 (Tübingen: Mohr, 1962), 45–47.",
     "Sommer, a.a.O., S. 50.", "Sommer", "a.a.O."),
    ("Б. Н. Славинский, Пакт о нейтралитете между СССР и Японией (М.: Новина, 1995), с. 112.",
     "Славинский, указ. соч., с. 120.", "Славинский", "указ. соч."),
    ("Rosaria Quartararo, Roma tra Londra e Berlino (Roma: Bonacci, 1980), p. 212.", "Quartararo, cit., p. 215.",
     "Quartararo", "cit."),
    ("Molodyakov V. E. Rossiya i Yaponiya. M., 2012. P. 425.", "Молодяков В. Э. Указ. соч. С. 12.",
     "Молодяков В. Э.", "Указ. соч."),
])
def test_op_cit_repeats_the_authors_earlier_work(full, back, author, marker):
    (work, other, op_cit), diagnostics = resolved_notes(full, "Pravda. 24.09.1939.", back)
    assert diagnostics == []
    assert op_cit.kind == "published" and op_cit.fields["form"] == "earlier_work"
    assert (op_cit.fields["author"], op_cit.fields["back_reference"]) == (author, marker)
    assert op_cit.fields["refers_to"] == {"footnote": 1, "index": 0}
    assert op_cit.fields["title"] == work.fields["title"]
    assert op_cit.fields["publication_year"] == work.fields["publication_year"]
    assert op_cit.fields["pages"] != work.fields["pages"]


def test_op_cit_picks_the_work_of_the_named_author():
    citations, _ = resolved_notes(
        "Hosoya Chihiro, \"The Japanese-Soviet Neutrality Pact,\" in James W. Morley, ed., The Fateful Choice "
        "(New York, 1980), 13–114; V. E. Molodyakov, Rossiya i Yaponiya (Moscow: AIRO-XXI, 2012), p. 425.",
        "Hosoya, op. cit., 20.")
    assert citations[-1].fields["refers_to"] == {"footnote": 1, "index": 0}
    assert citations[-1].fields["container"] == "The Fateful Choice"


def test_op_cit_without_an_earlier_work_is_reported():
    (op_cit,), diagnostics = resolved_notes("Smith, op. cit., p. 3.")
    assert op_cit.fields.get("refers_to") is None and op_cit.fields["source_type"] is None
    assert [(d.code, d.footnote) for d in diagnostics] == [("back-reference-unresolved", 1)]


def test_ders_repeats_the_previous_author():
    (first, second), _ = resolved_notes(
        "Theo Sommer, Deutschland und Japan zwischen den Mächten 1935–1940 (Tübingen: Mohr, 1962), 45.",
        "Ders., „Der Dreimächtepakt“, in: Vierteljahrshefte für Zeitgeschichte 10 (1962), S. 1–20.")
    assert second.fields["author"] == "Theo Sommer" and second.fields["back_reference"] == "Ders."
    assert second.fields["title"] == "Der Dreimächtepakt" and second.fields["refers_to"] == {"footnote": 1, "index": 0}


def test_russian_same_author_in_one_note():
    [first, second], _ = resolved_notes(
        "Молодяков В. Э. Россия и Япония. М., 2012. С. 5; Он же. Подлинная история. М., 2005. С. 7.")
    assert second.fields["author"] == "Молодяков В. Э." and second.fields["title"] == "Подлинная история"
    assert second.fields["refers_to"] == {"footnote": 1, "index": 0} and second.fields["publication_year"] == 2005


@pytest.mark.parametrize("short, index", [
    ("Molodyakov, Rossiya i Yaponiya, p. 430", 1),
    ("Hosoya, \"Japanese-Soviet Neutrality\", 50", 0),
    ("Hosoya, The Japanese-Soviet Neutrality Pact, 51.", 0),
])
def test_short_forms_link_to_the_full_citation(short, index):
    citations, diagnostics = resolved_notes(
        "Hosoya Chihiro, \"The Japanese-Soviet Neutrality Pact,\" in James W. Morley, ed., The Fateful Choice "
        "(New York, 1980), 13–114; V. E. Molodyakov, Rossiya i Yaponiya: v poiskakh soglasiya "
        "(Moscow: AIRO-XXI, 2012), p. 425.",
        short)
    full, linked = citations[index], citations[-1]
    assert diagnostics == [] and linked.fields["form"] == "short"
    assert linked.fields["refers_to"] == {"footnote": 1, "index": index}
    assert linked.fields["publication_year"] == full.fields["publication_year"]
    assert linked.fields["pages"] not in (None, full.fields["pages"])


def test_a_short_form_of_an_unknown_work_stays_unlinked():
    (work, short), diagnostics = resolved_notes(
        "Tōgō Shigenori, Jidai no ichimen (Tokyo: Kaizōsha, 1952), 234.", "Tōgō, Gaikō shuki, 12.")
    assert short.fields["form"] == "short" and short.fields.get("refers_to") is None and diagnostics == []


def test_an_ibid_after_a_short_form_repeats_it():
    (full, short, ibid), _ = resolved_notes(
        "Tōgō Shigenori, Jidai no ichimen (Tokyo: Kaizōsha, 1952), 234.", "Tōgō, Jidai no ichimen, 240.",
        "Ibid., 241.")
    assert ibid.fields["resolved"] is short and ibid.fields["refers_to"] == {"footnote": 2, "index": 0}
    assert ibid.fields["publisher"] == "Kaizōsha" and ibid.fields["pages"] == "241"


# --- primary or secondary ------------------------------------------------------------------

@pytest.mark.parametrize("note, source_type", [
    ("AVP RF. F. 0146. Op. 22. Pap. 192. D. 13. L. 170.", "primary"),
    ("NAA: A981, FAR EAST 25B", "primary"),
    ("Pravda. 24.09.1939.", "primary"),
    ("FRUS, 1941, vol. IV, p. 12", "primary"),
    ("ДВП СССР. Т. XXII. Кн. 2. М., 1992. С. 111.", "primary"),
    ("Memoirs of Cordell Hull (New York: Macmillan, 1948), 1000.", "primary"),
    ("Joseph C. Grew, Ten Years in Japan: A Contemporary Record Drawn from the Diaries and Private and Official "
     "Papers of Joseph C. Grew (New York: Simon and Schuster, 1944), 412.", "primary"),
    ("Майский И. М. Дневник дипломата. М.: Наука, 2009. С. 5.", "primary"),
    ("Ernst von Weizsäcker, Erinnerungen (München: List, 1950), S. 300.", "primary"),
    ("V. E. Molodyakov, Rossiya i Yaponiya (Moscow: AIRO-XXI, 2012), p. 425.", "secondary"),
    ("Istoriya voiny na Tikhom okeane. T. 2. M., 1957. S. 45.", "secondary"),
    ("See the discussion above.", None),
])
def test_source_type(note, source_type):
    [citation] = parse_note(note)
    assert citation.fields["source_type"] == source_type


@pytest.mark.parametrize("body, key", [
    ("Later [Ivi, p. 5].", "Ibid"), ("Later [Ebda., S. 5].", "Ibid"), ("As shown [Ivins 2001, p. 4].", "Ivins")])
def test_running_text_reads_the_same_ibid_words(body, key):
    from legation.extract.intext import find_intext_citations

    [citation] = find_intext_citations(body)
    assert citation.key == key and citation.pages in ("4", "5")
