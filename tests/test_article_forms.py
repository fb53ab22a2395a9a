"""Articles laid out unlike the seed: Russian with Cyrillic notes, English with endnotes and running heads."""

from collections import Counter

from legation.extract.intext import find_intext_citations, link_intext_citations
from legation.extract.references import parse_reference
from legation.pipeline import extract_file
from conftest import FIXTURES


def anchored(doc):
    return {f.number: doc.body[f.anchor.start:f.anchor.end] for f in doc.footnotes if f.anchor}


def test_russian_article_with_unicode_markers_and_notes_on_consecutive_lines():
    doc = extract_file(FIXTURES / "ru_article.md")
    assert doc.work.title == "От событий на Халхин-Голе до пакта о нейтралитете"
    assert doc.work.authors == ["И. А. Дегтев"]
    assert (doc.work.journal, doc.work.year, doc.work.issue, doc.work.pages) == (
        "Японские исследования в России", 2025, "2", "5–19")
    assert doc.work.abstract.startswith("В конце 1930-х")
    assert doc.work.keywords == ["СССР", "Япония", "Халхин-Гол"]
    assert [f.number for f in doc.footnotes] == [1, 2, 3]
    # "1939 г." is an abbreviation, not the end of a sentence
    assert anchored(doc)[1].startswith("В 1939 г. Япония приняла")
    assert anchored(doc)[2].startswith("Как писал К. А. Сметанин В. М. Молотову")
    assert Counter(c.kind for c in doc.citations) == {"archival": 3, "ibid": 1}
    ibid = next(c for c in doc.citations if c.kind == "ibid")
    assert ibid.fields["resolved"].footnote == 1 and ibid.fields["pages"] == "171 об."
    assert [c.fields["archive"] for c in doc.citations if c.footnote == 3] == ["ГА РФ", "РГАСПИ"]
    [intext] = doc.intext_citations
    assert intext.reference == doc.references[0].id and intext.pages == "425"
    assert doc.diagnostics == []


def test_english_article_with_endnotes_running_heads_and_narrative_citations():
    doc = extract_file(FIXTURES / "en_endnotes.txt")
    work = doc.work
    assert (work.title, work.authors) == ("Moscow's Envoys in Tokyo, 1939–1941", ["John A. Smith"])
    assert (work.journal, work.volume, work.issue, work.year, work.pages) == (
        "Diplomatic History", "44", "2", 2020, "210–235")
    assert work.abstract == "This article examines the Soviet mission in Tokyo."
    assert doc.body.startswith("When Konstantin Smetanin arrived")
    assert "Diplomatic History" not in doc.body and "212" not in doc.body  # running head, page number
    assert doc.body.endswith("in Moscow.")
    assert anchored(doc) == {
        1: "When Konstantin Smetanin arrived in Tokyo in November 1939, the Japanese press greeted him warmly.",
        2: "The Foreign Minister, Nomura Kichisaburō, promised better conditions for the mission.",
        3: "Yet by the spring of 1941 the two governments had signed a neutrality pact, which Matsuoka Yōsuke "
           "cele-brated in Moscow.",
    }
    assert [c.kind for c in doc.citations] == ["newspaper", "archival", "published"]
    assert [(c.key, c.year, c.pages, c.narrative) for c in doc.intext_citations] == [
        ("Hosoya", 1976, "193", True), ("Molodyakov", 2012, "425", False), ("Togo", 1996, None, False)]
    assert all(c.reference for c in doc.intext_citations)
    assert doc.diagnostics == []


def test_narrative_form_without_a_reference_is_prose():
    body = "Relations with the USSR (1939) worsened, as Smith and Jones (2001, p. 5) and Brown et al. (1999) show."
    citations = find_intext_citations(body)
    refs = [parse_reference("Smith, J., and Jones, K. (2001). A Book. London: Penguin."),
            parse_reference("Brown, A., White, B., and Green, C. (1999). Another. Paris: Seuil.")]
    assert link_intext_citations(citations, refs) == []
    assert [(c.text, c.reference) for c in citations] == [
        ("Smith and Jones (2001, p. 5", refs[0].id), ("Brown et al. (1999", refs[1].id)]
