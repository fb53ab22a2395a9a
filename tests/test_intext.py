"""Author–year citations in the body: finding them, leaving prose brackets alone, linking them."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import FULL_TEXT
from legation.extract.intext import find_intext_citations, link_intext_citations
from legation.extract.references import parse_reference, parse_reference_list

SEED_CITATIONS = [
    ("Molodyakov 2012, p. 425", "molodyakov-2012"),
    ("Voennaya razvedka informiruet 2008, p. 163", "voennaya-razvedka-informiruet-2008"),
    ("Hosoya 1976, p. 193", "hosoya-1976"),
    ("Istoriya voiny na Tikhom okeane 1957, p. 307", "istoriya-voiny-na-tikhom-okeane-1957"),
    ("Dokumenty vneshnei politiki 1992, p. 111", "dokumenty-vneshnei-politiki-1992"),
    ("Russkii arkhiv 1997, p. 160", "russkii-arkhiv-1997"),
    ("Ibid, p. 161", "russkii-arkhiv-1997"),
    ("Togo 1996, p. 205", "togo-1996"),
    ("Korshenko 2018, p. 121", "korshenko-2018"),
    ("Mileev 2017, p. 109", "mileev-2017"),
    ("1941 god 1998, p. 579", "1941-god-1998"),
    ("SSSR i strany Vostoka 2010, p. 76", "sssr-i-strany-vostoka-nakanune-i-2010"),
    ("Filippov 2021, p. 105", "filippov-2021"),
    ("Samoylov 2015, p. 32", "samoylov-2015"),
    ("Dokumenty vneshnei politiki 1998, p. 619", "dokumenty-vneshnei-politiki-1998"),
    ("Ermakov 2022, p. 28", "ermakov-2022"),
]


@pytest.fixture(scope="module")
def seed():
    text = FULL_TEXT.read_text(encoding="utf-8")
    start = text.index("### References")
    chunks = [(m.group(), m.start()) for m in re.finditer(r"[^\n]+", text[:text.index("DEGTEV")])
              if m.start() > start and not m.group().startswith("<sup>")]
    return text, parse_reference_list(chunks)


def test_seed_citations_found_and_linked(seed):
    text, refs = seed
    citations = find_intext_citations(text)
    diagnostics = link_intext_citations(citations, refs)
    assert [(c.text, c.reference) for c in citations] == SEED_CITATIONS
    assert diagnostics == []
    for citation in citations:
        assert text[citation.start:citation.end] == citation.text
        assert text[citation.start - 1] == "[" and text[citation.end] == "]"
    ibid = citations[6]
    assert (ibid.key, ibid.year, ibid.pages) == ("Ibid", None, "161")
    assert (citations[10].key, citations[10].year, citations[10].pages) == ("1941 god", 1998, "579")


def test_seed_prose_brackets_are_not_citations(seed):
    text, _ = seed
    found = {c.text for c in find_intext_citations(text)}
    for prose in ("1939", "the USSR", "Japan", "is needed", "he holds", "snacks. – *I. D.*", "...",
                  "Zabaykalsk. – *I. D.*", "1941: In Two Parts. Part 2",
                  "Candidate of Historical Sciences Dissertation"):
        assert f"({prose})" in text or f"[{prose}]" in text
        assert prose not in found


# --- forms ----------------------------------------------------------------------------------

FORMS = [
    ("as shown [A 2001; B 2003, p. 5].", [("A 2001", "A", 2001, None), ("B 2003, p. 5", "B", 2003, "5")]),
    ("[Smith and Jones 2001, pp. 12–14]", [("Smith and Jones 2001, pp. 12–14", "Smith and Jones", 2001, "12–14")]),
    ("[Smith & Jones 2001: 7]", [("Smith & Jones 2001: 7", "Smith & Jones", 2001, "7")]),
    ("[Smith et al. 2001a: 425]", [("Smith et al. 2001a: 425", "Smith et al.", 2001, "425")]),
    ("(Hosoya 1976, p. 193)", [("Hosoya 1976, p. 193", "Hosoya", 1976, "193")]),
    ("(Hosoya 1976)", [("Hosoya 1976", "Hosoya", 1976, None)]),
    ("(Hosoya, 1976, p. 5)", [("Hosoya, 1976, p. 5", "Hosoya", 1976, "5")]),
    ("[Smith 2001, 2003b]", [("Smith 2001", "Smith", 2001, None), ("2003b", "Smith", 2003, None)]),
    ("[Smith 2001; 2003, p. 4]", [("Smith 2001", "Smith", 2001, None), ("2003, p. 4", "Smith", 2003, "4")]),
    ("[Ibid.]", [("Ibid.", "Ibid", None, None)]),
    ("[Там же. С. 5]", [("Там же. С. 5", "Ibid", None, "5")]),
    ("[Молодяков 2012. С. 425]", [("Молодяков 2012. С. 425", "Молодяков", 2012, "425")]),
    ("[Müller 1999, S. 5 f.]", [("Müller 1999, S. 5 f.", "Müller", 1999, "5 f.")]),
    ("[see Smith 2001, p. xii]", [("Smith 2001, p. xii", "Smith", 2001, "xii")]),
    ("[Molodyakov 2012, 425]", [("Molodyakov 2012, 425", "Molodyakov", 2012, "425")]),
    ("[Hosoya 1976, p. 193; Ibid, p. 5]", [("Hosoya 1976, p. 193", "Hosoya", 1976, "193"),
                                            ("Ibid, p. 5", "Ibid", None, "5")]),
]
NOT_CITATIONS = ["(1939)", "(In 1939)", "(September 1939)", "(Law of 1939)", "(1939 to 1941)", "(Tokyo, 1939)",
                 "(Hosoya, 1976)", "[is needed]", "[snacks. – I. D.]", "(Zabaykalsk. – I. D.)", "(the USSR)",
                 "[see the discussion of 1939 elsewhere]", "(1937–1939 gody)", "[1941: In Two Parts]",
                 "(Yōsuke -I. D.)", "(in 1939 and 1940)"]


@pytest.mark.parametrize("text, expected", FORMS, ids=[f[0] for f in FORMS])
def test_citation_forms(text, expected):
    citations = find_intext_citations(text)
    assert [(c.text, c.key, c.year, c.pages) for c in citations] == expected
    assert all(text[c.start:c.end] == c.text for c in citations)


@pytest.mark.parametrize("text", NOT_CITATIONS)
def test_prose_in_brackets(text):
    assert find_intext_citations(f"Some prose {text} goes on.") == []


# --- linking --------------------------------------------------------------------------------

REFERENCES = [
    "Smith, J. (2001a). First book. London: Macmillan.",
    "Smith, J. (2001b). Second book. London: Macmillan.",
    "Ōshima, H., & Tōgō, S. (1999). Memoirs. Tokyo: Iwanami.",
    "Pozdneev, D. M., Polivanov, E. D., & Nevsky, N. A. (1930). Japan. Leningrad: Nauka.",
    "Ёлкин А. Б. Дипломаты в Токио. М.: Наука, 1985.",
    "Dokumenty vneshnei politiki. T. 22. Moscow: Mezhdunarodnye otnosheniya, 1992.",
]


def link(body: str):
    refs = parse_reference_list([(line, 0) for line in REFERENCES])
    citations = find_intext_citations(body)
    return citations, link_intext_citations(citations, refs)


def test_links_by_family_title_and_letter():
    citations, diagnostics = link("[Smith 2001b, p. 3; Smith 2001a] (Oshima and Togo 1999) [Pozdneev et al. 1930]"
                                  " [Елкин 1985, с. 12] [Dokumenty vneshnei politiki 1992, p. 5] [Ibid.]")
    assert [c.reference for c in citations] == [
        "smith-2001b", "smith-2001a", "oshima-1999", "pozdneev-1930", "elkin-1985", "dokumenty-vneshnei-politiki-1992",
        "dokumenty-vneshnei-politiki-1992"]
    assert diagnostics == []


def test_unlinked_and_ambiguous_citations_are_diagnosed():
    citations, diagnostics = link("[Ibid.] [Smith 2002] [Ibid, p. 4] [Dokumenty 1993]")
    assert [c.reference for c in citations] == [None, None, None, None]
    assert [d.code for d in diagnostics] == ["citation-without-reference"] * 4
    assert "Smith" in diagnostics[1].message and "2002" in diagnostics[1].message
    refs = [parse_reference("Smith, J. (2001). One. London: Macmillan."),
            parse_reference("Smith, K. (2001). Two. London: Macmillan.")]
    citations = find_intext_citations("[Smith 2001]")
    diagnostics = link_intext_citations(citations, refs)
    assert citations[0].reference == "smith-2001" and [d.code for d in diagnostics] == ["citation-ambiguous"]


def test_duplicate_ids_resolve_by_letter():
    text = "Smith, J. (2001). One. London: Macmillan.\nSmith, J. (2001). Two. London: Macmillan."
    refs = parse_reference_list([(text, 0)])
    assert [r.id for r in refs] == ["smith-2001-a", "smith-2001-b"]
    citations = find_intext_citations("[Smith 2001b; Smith 2001a]")
    assert link_intext_citations(citations, refs) == []
    assert [c.reference for c in citations] == ["smith-2001-b", "smith-2001-a"]


# --- robustness -----------------------------------------------------------------------------

BODY_ALPHABET = st.sampled_from(list("[]();,.:– \naA1") + ["Smith ", "2001", "p. ", "Ibid", "et al. ", "and ",
                                                           "pp. 12–14", "(", "[", "1941 god "])


@given(st.lists(BODY_ALPHABET, max_size=80).map("".join))
def test_find_never_raises_and_offsets_hold(body):
    for citation in find_intext_citations(body):
        assert 0 <= citation.start < citation.end <= len(body)
        assert body[citation.start:citation.end] == citation.text
    link_intext_citations(find_intext_citations(body), [])


@given(st.text(max_size=400))
def test_find_never_raises_on_any_text(body):
    for citation in find_intext_citations(body):
        assert body[citation.start:citation.end] == citation.text
