"""A journal article in TEI is read from its markup: notes where they stand, headings, the
reference list, citations of its entries, the header's work, every offset into the XML itself."""

from __future__ import annotations

import pytest

from legation.ingest.units import Unit, read_units
from legation.pipeline import extract_unit
from conftest import shared_path

ARTICLE = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Envoys &amp; Archives</title><author>Jane Roe</author></titleStmt>
    <publicationStmt><idno type="DOI">10.1234/envoys</idno></publicationStmt></fileDesc></teiHeader>
  <text>
    <front><div type="abstract"><p>An abstract of the essay.</p></div></front>
    <body>
      <head>Introduction</head>
      <p>The embassy reported in 1939<note n="1">AVP RF. F. 0146. Op. 22. Pap. 192. D. 13. L. 258.</note> and
        again in <hi rend="italic">1940</hi>.<note n="2">Ibid. L. 259.</note> Scholars agree<lb/>on this
        <ptr target="#roe2001" loc="12"/>.</p>
      <div><head>Sources</head><p>See <title rend="quotes">The Papers</title> for more.</p></div>
    </body>
    <back><listBibl><bibl xml:id="roe2001" label="Roe 2001">Roe, Jane. <title rend="italic">Envoys</title>.
      Oxford: Clarendon, 2001.</bibl></listBibl></back>
  </text>
</TEI>
"""


@pytest.fixture(scope="module")
def article(tmp_path_factory):
    path = tmp_path_factory.mktemp("tei") / "essay.xml"
    path.write_text(ARTICLE, encoding="utf-8")
    [unit] = list(read_units(path))
    assert isinstance(unit, Unit) and unit.report is None and unit.source.format == "tei-article"
    return extract_unit(unit, layers=("apparatus",))


def test_body_headings_and_work_from_the_markup(article):
    assert article.body.startswith("Introduction\n\nThe embassy reported in 1939 and again in 1940.")
    assert "agree on this (Roe 2001, 12)" in article.body and "See “The Papers” for more." in article.body
    assert article.work.title == "Envoys & Archives" and article.work.authors == ["Jane Roe"]
    assert article.work.doi == "10.1234/envoys" and article.work.abstract == "An abstract of the essay."


def test_notes_stand_where_their_markers_stand_and_point_into_the_xml(article):
    first, second = article.footnotes
    assert (first.number, second.number) == (1, 2)
    assert article.body[first.anchor.start:first.anchor.end].endswith("reported in 1939")
    assert ARTICLE[first.source_start:first.source_end].startswith('<note n="1">AVP RF.')
    archival, ibid = article.citations
    assert archival.kind == "archival" and archival.fields["delo"] == "13"
    assert ibid.kind == "ibid" and ibid.fields["resolved"].footnote == 1
    assert ARTICLE[archival.source_start:archival.source_end].startswith("AVP RF. F. 0146")


def test_the_reference_list_and_a_citation_of_its_entry(article):
    [reference] = article.references
    assert reference.year == 2001 and reference.text.startswith("Roe, Jane.")
    assert ARTICLE[reference.source_start:].startswith('<bibl xml:id="roe2001"')
    [cited] = article.intext_citations
    assert cited.reference == reference.id and cited.pages == "12"


@pytest.mark.shared("data", "articles", "tei", "dhq-000041.xml")
def test_a_dhq_article_reads_as_its_text_does():
    [unit] = list(read_units(shared_path("data", "articles", "tei", "dhq-000041.xml")))
    doc = extract_unit(unit, layers=("apparatus",))
    assert doc.work.authors == ["Shlomo Argamon", "Mark Olsen"] and len(doc.footnotes) == 2
    assert [r.text for r in doc.references][2] == "Ramsay, Stephen, “In Praise of Pattern,” Text Technology 2 (2005)."
    assert "One of the emerging grand challenges for digital humanities" in doc.body


def test_body_blocks_keep_their_kinds(tmp_path):
    path = tmp_path / "essay.xml"
    path.write_text(ARTICLE, encoding="utf-8")
    [unit] = list(read_units(path))
    layout = unit.layout()
    shown = [(b.kind, layout.body.text[b.start:b.end][:24]) for b in layout.blocks]
    assert shown == [("heading", "Introduction"), ("paragraph", "The embassy reported in "),
                     ("heading", "Sources"), ("paragraph", "See “The Papers” for mor")]
