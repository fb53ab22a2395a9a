"""The foundation's acceptance facts, end to end through the pipeline on the full-text seed."""

from collections import Counter


def test_44_footnotes_two_inferred(seed_doc):
    assert [f.number for f in seed_doc.footnotes] == list(range(1, 45))
    assert [f.number for f in seed_doc.footnotes if f.number_inferred] == [5, 8]


def test_citation_kinds(seed_doc):
    assert Counter(c.kind for c in seed_doc.citations) == {"archival": 34, "published": 5, "newspaper": 4, "ibid": 1}
    assert [c.footnote for c in seed_doc.citations] == list(range(1, 45))


def test_archival_fields_and_provenance(seed_doc):
    note18 = next(c for c in seed_doc.citations if c.footnote == 18)
    assert {k: note18.fields[k] for k in ("archive", "fond", "opis", "papka", "delo", "folio_first", "folio_last",
                                           "verso", "path")} == {
        "archive": "AVP RF", "fond": "0146", "opis": "22", "papka": "192", "delo": "13",
        "folio_first": 258, "folio_last": 259, "verso": False, "path": ["F. 0146", "Op. 22", "Pap. 192", "D. 13"]}
    assert seed_doc.text[note18.source_start:note18.source_end] == note18.text
    note37 = next(c for c in seed_doc.citations if c.footnote == 37)
    assert (note37.fields["archive"], note37.fields["fond"], note37.fields["papka"], note37.fields["delo"]) == (
        "GA RF", "P-4459", None, "590")
    for citation in seed_doc.citations:
        assert seed_doc.text[citation.source_start:citation.source_end] == citation.text


def test_ibid_resolves_to_note_2(seed_doc):
    ibid = next(c for c in seed_doc.citations if c.kind == "ibid")
    assert ibid.footnote == 3 and ibid.fields["pages"] == "66"
    resolved = ibid.fields["resolved"]
    assert resolved.footnote == 2 and resolved.fields["series"] == "FRUS" and resolved.fields["volume"] == "III"


def test_newspapers(seed_doc):
    papers = [(c.footnote, c.fields["title"], c.fields["date"]) for c in seed_doc.citations if c.kind == "newspaper"]
    assert papers == [(12, "Nichibei Shimbun", "1939-09-23"), (16, "Hartlepool Northern Daily Mail", "1939-11-04"),
                      (33, "Shin Sekai Asahi Shimbun", "1940-09-06"), (41, "Nippo Jiji", "1941-04-29")]


def test_16_author_year_citations_all_linked(seed_doc):
    assert len(seed_doc.intext_citations) == 16
    ids = {r.id for r in seed_doc.references}
    assert all(c.reference in ids for c in seed_doc.intext_citations)
    for citation in seed_doc.intext_citations:
        assert seed_doc.body[citation.start:citation.end] == citation.text
        assert seed_doc.text[citation.source_start:citation.source_end] == citation.text


def test_15_references_all_cited(seed_doc):
    assert len(seed_doc.references) == 15
    labels = {r.label for r in seed_doc.references}
    assert {"Molodyakov 2012", "1941 god 1998", "Dokumenty vneshnei politiki 1992", "Dokumenty vneshnei politiki 1998",
            "SSSR i strany Vostoka 2010", "Russkii arkhiv 1997", "Voennaya razvedka informiruet 2008"} <= labels
    assert {c.reference for c in seed_doc.intext_citations} == {r.id for r in seed_doc.references}
    assert not [d for d in seed_doc.diagnostics if d.code in ("reference-not-cited", "citation-without-reference")]


def test_only_expected_diagnostics(seed_doc):
    assert Counter(d.code for d in seed_doc.diagnostics) == {"note-without-marker": 4}
