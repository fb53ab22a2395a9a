"""Reference lists: the seed's full text and abstract page, other citation styles, robustness."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ABSTRACT_PAGE, FULL_TEXT
from legation.extract.references import parse_reference, parse_reference_list


def section_chunks(text: str, heading: str, stop: str) -> list[tuple[str, int]]:
    """The lines after ``heading`` up to ``stop``, skipping footnote blocks, as (line, offset)."""
    start = re.search(rf"^{re.escape(heading)}\s*$", text, re.M).end()
    end = text.index(stop, start)
    return [(m.group(), m.start()) for m in re.finditer(r"[^\n]+", text[:end]) if m.start() >= start
            and not m.group().startswith("<sup>")]


@pytest.fixture(scope="module")
def full_text() -> str:
    return FULL_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_refs(full_text):
    return {ref.id: ref for ref in parse_reference_list(section_chunks(full_text, "### References", "DEGTEV"))}


@pytest.fixture(scope="module")
def abstract_refs():
    text = ABSTRACT_PAGE.read_text(encoding="utf-8")
    return parse_reference_list(section_chunks(text, "References", "\nReview"))


# --- the seed -------------------------------------------------------------------------------

def test_full_text_has_fifteen_references_all_dated_and_in_the_file(seed_refs, full_text):
    assert len(seed_refs) == 15
    for ref in seed_refs.values():
        assert ref.year is not None, ref.text
        assert full_text[ref.source_start:ref.source_end] == ref.text
        assert (ref.language == "Russian") == ("(In Russian)" in ref.text)
        assert ref.title and ref.label.endswith(str(ref.year))


def test_book_with_english_title(seed_refs):
    ref = seed_refs["molodyakov-2012"]
    assert ref.authors == [{"family": "Molodyakov", "given": "V. E."}]
    assert ref.label == "Molodyakov 2012"
    assert ref.title == "Rossiya i Yaponiya v poiskakh soglasiya (1905–1945). Geopolitika. Diplomatiya. Lyudi i idei"
    assert ref.title_en == ("Russia and Japan in Search of Amity (1905–1945). Geopolitics. Diplomacy. "
                            "People and Ideas")
    assert (ref.type, ref.place, ref.publisher, ref.language) == ("book", "Moscow", "AIRO-XXI", "Russian")
    assert ref.container is None and ref.pages is None


def test_chapter_with_translator(seed_refs):
    ref = seed_refs["hosoya-1976"]
    assert ref.authors == [{"family": "Hosoya", "given": "C."}]
    assert ref.title == "The Tripartite Pact, 1939–1940"
    assert ref.translators == [{"family": "Morley", "given": "J. W."}]
    assert ref.container == "Deterrent Diplomacy: Japan, Germany, and the USSR, 1935–1940"
    assert (ref.type, ref.place, ref.publisher, ref.pages) == (
        "chapter", "New York", "Columbia University Press", "179–257")
    assert ref.language is None and ref.title_en is None


def test_article_numbered_by_issue_within_year(seed_refs):
    ref = seed_refs["ermakov-2022"]
    assert ref.authors == [{"family": "Ermakov", "given": "D. N."}]
    assert ref.title.startswith("Politicheskaya otsenka sobytii") and ref.title.endswith("predstavitelei")
    assert ref.title_en.startswith("Political Assessment")
    assert (ref.type, ref.container, ref.volume, ref.issue, ref.pages) == (
        "article-journal", "Konfliktologiya / nota bene", None, "3", "16–32")


def test_article_with_volume_and_issue(seed_refs):
    ref = seed_refs["filippov-2021"]
    assert (ref.type, ref.container, ref.volume, ref.issue, ref.pages) == (
        "article-journal", "Kontury globalnykh transformatsii: politika, ekonomika, pravo", "14", "6", "92–116")
    samoylov = seed_refs["samoylov-2015"]
    assert (samoylov.container, samoylov.volume, samoylov.issue, samoylov.pages) == (
        "Istoriya Peterburga", "1", "75", "28–33")


def test_thesis(seed_refs):
    ref = seed_refs["korshenko-2018"]
    assert (ref.type, ref.place, ref.publisher) == ("thesis", "Saint Petersburg", None)
    assert ref.title == ("Obraz Yaponii i yapontsev v sovetskom massovom soznanii nakanune i v period Vtoroi "
                         "mirovoi voiny")


def test_title_led_works(seed_refs):
    ref = seed_refs["1941-god-1998"]
    assert (ref.authors, ref.label, ref.year) == ([], "1941 god 1998", 1998)
    assert ref.title == "1941 god: v 2 knigah. Kniga 2"
    assert ref.title_en == "1941: In Two Parts. Part 2"
    assert (ref.place, ref.publisher) == ("Moscow", 'International Fund "Democracy"')
    assert seed_refs["russkii-arkhiv-1997"].label == "Russkii arkhiv 1997"
    assert seed_refs["russkii-arkhiv-1997"].title.endswith("Dokumenty i materialy v 2 t.")
    assert seed_refs["voennaya-razvedka-informiruet-2008"].publisher == 'International Fund "Democracy"'


def test_two_volumes_of_one_series_stay_apart(seed_refs):
    older, newer = seed_refs["dokumenty-vneshnei-politiki-1992"], seed_refs["dokumenty-vneshnei-politiki-1998"]
    assert (older.label, newer.label) == ("Dokumenty vneshnei politiki 1992", "Dokumenty vneshnei politiki 1998")
    assert "T. XXII." in older.title and "T. XXIII." in newer.title
    assert older.publisher == newer.publisher == "Mezhdunarodnye otnosheniya"


def test_unbulleted_entries_and_back_matter(seed_refs):
    assert seed_refs["togo-1996"].title == "Vospominaniya yaponskogo diplomata"
    assert not any("Degtev" in ref.text or "@" in ref.text for ref in seed_refs.values())


def test_abstract_page_has_the_same_list_less_one(abstract_refs, seed_refs):
    assert len(abstract_refs) == 14
    assert set(seed_refs) - {ref.id for ref in abstract_refs} == {"samoylov-2015"}
    by_id = {ref.id: ref for ref in abstract_refs}
    for ref_id in ("molodyakov-2012", "hosoya-1976", "ermakov-2022", "filippov-2021", "korshenko-2018"):
        seen, full = by_id[ref_id], seed_refs[ref_id]
        assert (seen.authors, seen.type, seen.container, seen.volume, seen.issue, seen.pages, seen.publisher) == (
            full.authors, full.type, full.container, full.volume, full.issue, full.pages, full.publisher)


# --- other styles ---------------------------------------------------------------------------

STYLES = [
    ("Molodyakov, Vasilii. 2012. Rossiya i Yaponiya v poiskakh soglasiya. Moscow: AIRO-XXI.",
     dict(id="molodyakov-2012", authors=[{"family": "Molodyakov", "given": "Vasilii"}], year=2012,
          title="Rossiya i Yaponiya v poiskakh soglasiya", place="Moscow", publisher="AIRO-XXI", type="book")),
    ("Molodyakov V. E. Rossiya i Yaponiya v poiskakh soglasiya (1905–1945). Moscow: AIRO-XXI, 2012. 448 p.",
     dict(label="Molodyakov 2012", year=2012, title="Rossiya i Yaponiya v poiskakh soglasiya (1905–1945)",
          place="Moscow", publisher="AIRO-XXI", pages=None)),
    ("Молодяков В. Э. Россия и Япония в поисках согласия (1905–1945). М.: АИРО-XXI, 2012. 448 с.",
     dict(id="molodiakov-2012", authors=[{"family": "Молодяков", "given": "В. Э."}], year=2012, place="М.",
          publisher="АИРО-XXI")),
    ("Ermakov D. N. Politicheskaya otsenka sobytii // Konfliktologiya. 2022. No. 3. P. 16–32.",
     dict(type="article-journal", title="Politicheskaya otsenka sobytii", container="Konfliktologiya",
          year=2022, issue="3", pages="16–32")),
    ("Кошкин А. А. Японский фронт маршала Сталина / под ред. В. Э. Молодякова. М.: Вече, 2003. 480 с.",
     dict(title="Японский фронт маршала Сталина", editors=[{"family": "Молодякова", "given": "В. Э."}],
          place="М.", publisher="Вече", year=2003, type="book")),
    ('Hosoya, Chihiro. 1974. "Northern Defense and Japanese Policy." World Politics 26 (3): 353–72.',
     dict(type="article-journal", title="Northern Defense and Japanese Policy", container="World Politics",
          volume="26", issue="3", pages="353–72")),
    ("Hosoya, C. (1976). The Tripartite Pact, 1939–1940 (J. W. Morley, Trans.). In J. W. Morley (Ed.), "
     "Deterrent diplomacy: Japan, Germany, and the USSR, 1935–1940 (pp. 179–257). Columbia University Press.",
     dict(type="chapter", title="The Tripartite Pact, 1939–1940", translators=[{"family": "Morley", "given": "J. W."}],
          editors=[{"family": "Morley", "given": "J. W."}], pages="179–257", publisher="Columbia University Press",
          container="Deterrent diplomacy: Japan, Germany, and the USSR, 1935–1940")),
    ('Hosoya, Chihiro. 1976. "The Tripartite Pact, 1939–1940." In Deterrent Diplomacy, edited by James William '
     "Morley, 179–257. New York: Columbia University Press.",
     dict(type="chapter", container="Deterrent Diplomacy", pages="179–257", place="New York",
          editors=[{"family": "Morley", "given": "James William"}])),
    ("Smith, J., Jones, K., & Brown, L. (2001a). Soviet diplomats in Tokyo. Journal of Cold War Studies, 3(2), "
     "1–20. doi:10.1162/152039701750231581",
     dict(id="smith-2001a", label="Smith et al. 2001a", year=2001, title="Soviet diplomats in Tokyo",
          container="Journal of Cold War Studies", volume="3", issue="2", pages="1–20",
          doi="10.1162/152039701750231581", type="article-journal")),
    ("Slavinsky, B. N., & Hasegawa, T. (2004). The Japanese-Soviet neutrality pact. London: RoutledgeCurzon. "
     "https://doi.org/10.4324/9780203301340",
     dict(label="Slavinsky and Hasegawa 2004", doi="10.4324/9780203301340", place="London",
          publisher="RoutledgeCurzon", title="The Japanese-Soviet neutrality pact")),
    ("Hasegawa, Tsuyoshi, and Jonathan Haslam. 2005. Racing the Enemy. Cambridge, MA: Harvard University Press.",
     dict(authors=[{"family": "Hasegawa", "given": "Tsuyoshi"}, {"family": "Haslam", "given": "Jonathan"}],
          label="Hasegawa and Haslam 2005", place="Cambridge, MA", publisher="Harvard University Press")),
    ("Kuromiya H. Stalin and Japan // Europe-Asia Studies. 2001. Vol. 53, no. 2, pp. 1–20.",
     dict(container="Europe-Asia Studies", volume="53", issue="2", pages="1–20", year=2001)),
    ("Smith, J. et al. (2010). A history of something. Oxford: Clarendon Press.",
     dict(authors=[{"family": "Smith", "given": "J."}, {"literal": "et al."}], label="Smith et al. 2010")),
    ("Erickson, John. The Soviet High Command: A Military-Political History, 1918–1941. London: Macmillan, 1962.",
     dict(title="The Soviet High Command: A Military-Political History, 1918–1941", year=1962, place="London",
          publisher="Macmillan")),
    ("Dokumenty vneshnei politiki. T. 22. Moscow: Mezhdunarodnye otnosheniya, 1992.",
     dict(id="dokumenty-vneshnei-politiki-1992", authors=[], volume="22", year=1992)),
    ("Korshenko S. V. Obraz Yaponii v sovetskom massovom soznanii: dis. ... kand. ist. nauk. SPb., 2018. 250 p.",
     dict(type="thesis", title="Obraz Yaponii v sovetskom massovom soznanii", year=2018)),
    ("Kuromiya, Hiroaki. “The Mystery of Nomonhan, 1939.” Journal of Slavic Military Studies 24, no. 4 (2011): "
     "659–77.",
     dict(year=2011, title="The Mystery of Nomonhan, 1939", container="Journal of Slavic Military Studies",
          volume="24", issue="4", pages="659–77", type="article-journal")),
    ("Morley, J. W. (Ed.). (1976). Deterrent diplomacy: Japan, Germany, and the USSR, 1935–1940. New York: "
     "Columbia University Press.",
     dict(authors=[], editors=[{"family": "Morley", "given": "J. W."}], label="Morley 1976", type="book",
          title="Deterrent diplomacy: Japan, Germany, and the USSR, 1935–1940")),
    ("Kirichenko, A. A. (2012). Arkhivy [Archives]. Yaponskie issledovaniya, (2), 5–20. "
     "https://doi.org/10.24411/2500-2872-2012-00012 (In Russ.)",
     dict(container="Yaponskie issledovaniya", volume=None, issue="2", pages="5–20", language="Russian",
          doi="10.24411/2500-2872-2012-00012")),
    ("Pozdneev D. M., Polivanov E. D. Japan and Russia. Leningrad, 1930.",
     dict(label="Pozdneev and Polivanov 1930", title="Japan and Russia", place="Leningrad", publisher=None)),
    ("Кошкин А. А. «Кантокуэн» — «Барбаросса» по-японски. М.: Вече, 2011. 384 с.",
     dict(title="«Кантокуэн» — «Барбаросса» по-японски", year=2011, publisher="Вече")),
    ("Weizsäcker, E. von (1950). Erinnerungen. München: Paul List Verlag.",
     dict(id="weizsacker-1950", label="Weizsäcker 1950", title="Erinnerungen", place="München")),
    ("FRUS, 1939. Vol. III, the Far East. Washington: Government Printing Office, 1955.",
     dict(title="FRUS, 1939", volume="III", year=1955, type="book", container=None)),
    ("- *Togo, S.* (1996). *Vospominaniya yaponskogo diplomata* [The Memoirs of a Japanese Diplomat]. "
     "Moscow: Novina. (in Japanese)",
     dict(id="togo-1996", title="Vospominaniya yaponskogo diplomata", title_en="The Memoirs of a Japanese Diplomat",
          language="Japanese")),
]


@pytest.mark.parametrize("text, expected", STYLES, ids=[s[0][:40] for s in STYLES])
def test_reference_styles(text, expected):
    ref = parse_reference(text)
    assert {name: getattr(ref, name) for name in expected} == expected


def test_emphasis_and_markers_do_not_matter(full_text):
    for line, _ in section_chunks(full_text, "### References", "DEGTEV"):
        plain = re.sub(r"^- |\*", "", line)
        marked, unmarked = parse_reference(line).to_dict(), parse_reference(plain).to_dict()
        assert {k: v for k, v in marked.items() if k != "text"} == {k: v for k, v in unmarked.items() if k != "text"}


# --- the list -------------------------------------------------------------------------------

def test_list_markers_joined_lines_and_non_entries():
    text = ("[1] Haslam, J. (1992). The Soviet Union and the threat from the East.\n"
            "Pittsburgh: University of Pittsburgh Press.\n"
            "2) Smith, J. (2001). Soviet diplomats\n"
            "in Tokyo. Moscow: Nauka.\n"
            "• Smith, J. (2001). Japanese diplomats in Moscow. Tokyo: Iwanami.\n"
            "E-mail: someone@example.org\n"
            "IVANOV Ivan Ivanovich – Professor, Moscow State University.\n"
            "Review\n")
    refs = parse_reference_list([(text, 100)])
    assert [r.id for r in refs] == ["haslam-1992", "smith-2001-a", "smith-2001-b"]
    assert refs[0].publisher == "University of Pittsburgh Press"  # a marked list: unmarked lines continue
    assert refs[1].text == "Smith, J. (2001). Soviet diplomats in Tokyo. Moscow: Nauka."
    assert refs[1].title == "Soviet diplomats in Tokyo"
    joined = text[refs[1].source_start - 100:refs[1].source_end - 100]
    assert joined == "Smith, J. (2001). Soviet diplomats\nin Tokyo. Moscow: Nauka."


def test_unmarked_lines_are_entries_unless_they_clearly_continue():
    text = ("Molodyakov, V. E.\n(2012). Rossiya i Yaponiya. Moscow: AIRO-XXI.\n"
            "Togo, S. (1996). Vospominaniya yaponskogo diplomata. Moscow:\nNovina.\n"
            "Mileev, D. A. (2017). Otnosheniya Yaponii i Germanii v XX veke: slozhnye poiski modus vivendi. Moscow\n"
            "Institute of Oriental Studies of RAS.\n"
            "Haslam, J. (1992). The Soviet Union and the threat from the East. Pittsburgh: University of Pittsburgh "
            "Press.\nArchive of Foreign Policy of the Russian Federation.\n")
    refs = parse_reference_list([(text, 0)])
    assert [r.id for r in refs] == ["molodyakov-2012", "togo-1996", "mileev-2017", "haslam-1992",
                                    "archive-of-foreign-policy-of-the-nd"]
    assert [r.publisher for r in refs[:2]] == ["AIRO-XXI", "Novina"]
    assert refs[4].label == "Archive of Foreign Policy of the Russian Federation n.d."


def test_paragraph_chunks_keep_offsets():
    chunks = [("- Togo, S. (1996). Vospominaniya. Moscow: Novina.", 10),
              ("Mileev, D. A. (2017). Otnosheniya. Moscow: IV RAN.", 70)]
    refs = parse_reference_list(chunks)
    assert [(r.source_start, r.source_end) for r in refs] == [(12, 59), (70, 120)]


# --- robustness -----------------------------------------------------------------------------

ENTRY_ALPHABET = st.sampled_from(list("AaBbVvMm .,:;()[]/-–\n*12 90") + ["In: ", "(2001)", "Ed. by ", "//", "pp. ",
                                                                        "Молодяков В. Э.", "(In Russian)", "J. W. "])


@settings(max_examples=300, deadline=None)
@given(st.lists(ENTRY_ALPHABET, max_size=60).map("".join))
def test_parse_never_raises_and_offsets_hold(text):
    parse_reference(text)
    offset = 7
    chunks = [(m.group(), offset + m.start()) for m in re.finditer(r"[^\n]+", text)]
    for ref in parse_reference_list(chunks):
        assert offset <= ref.source_start <= ref.source_end <= offset + len(text)
        seen = text[ref.source_start - offset:ref.source_end - offset]
        assert " ".join(seen.split()) == " ".join(ref.text.split())


@given(st.text(max_size=300))
def test_parse_never_raises_on_any_text(text):
    ref = parse_reference(text)
    assert ref.id and isinstance(ref.label, str)
    parse_reference_list([(text, 0)])


@pytest.mark.parametrize("text", ["A. " * 3000, "Aa " * 3000 + "(", "Smith, J., " * 1000, "(1999) [x] " * 500,
                                  "Aa Bb, " * 1000 + "(Ed.)"])
def test_pathological_input_parses(text):
    # inputs that would backtrack catastrophically in a careless pattern (a hang here is the failure)
    assert parse_reference(text).text
    assert all(ref.source_end >= ref.source_start for ref in parse_reference_list([(text, 0)]))
