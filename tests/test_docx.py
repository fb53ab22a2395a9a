"""The DOCX reader: a historian's own manuscript, its notes read from the document's structure.

Real articles typeset as Word documents (tests/fixtures/docx, made by scripts/typeset_docx.sh)
read as their text renderings read; small documents built here try each part of the format
(tracked changes, fields, numbering, styles, core properties); bad files are refused in one line.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sqlite3
import sys
import zipfile
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, FULL_TEXT, REPO
from legation.cli import app
from legation.errors import InputError
from legation.ingest.docx import read_docx
from legation.ingest.units import read_units
from legation.pipeline import extract_file, extract_unit

DOCX = FIXTURES / "docx"
SEED_DOCX = DOCX / "seed-001.docx"
APPARATUS = ("apparatus",)
runner = CliRunner()
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# The seed's notes whose markers its text lost, and the words the DOCX anchors them after
# (scripts/docx_sources.py LOST_ANCHORS).
LOST_ANCHORS = {1: "spheres of influence in China.", 7: "were necessary to counter Great Britain.",
                15: "throughout the entire journey to Tokyo.",
                36: "when a director of a theater personally invites an ambassador.\""}


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def read(path: Path):
    return extract_unit(next(read_units(path)), layers=APPARATUS)


@pytest.fixture(scope="module")
def seed_docx():
    return read(SEED_DOCX)


@pytest.fixture(scope="module")
def seed_text():
    return extract_file(FULL_TEXT, layers=APPARATUS)


# --- the seed, typeset ---------------------------------------------------------------------------

def test_seed_44_notes_numbered_as_shown_none_inferred(seed_docx):
    assert [f.number for f in seed_docx.footnotes] == list(range(1, 45))
    assert not any(f.number_inferred for f in seed_docx.footnotes)
    assert seed_docx.source.format == "docx"
    assert seed_docx.diagnostics == []  # the text's four notes without markers have them here


def test_seed_every_note_at_its_anchor(seed_docx, seed_text):
    for ours, theirs in zip(seed_docx.footnotes, seed_text.footnotes, strict=True):
        assert ours.text == theirs.text
        assert ours.anchor is not None
        sentence = seed_docx.body[ours.anchor.start:ours.anchor.end]
        if theirs.anchor is not None:
            assert sentence == seed_text.body[theirs.anchor.start:theirs.anchor.end], ours.number
        else:
            assert sentence.endswith(LOST_ANCHORS[ours.number]), ours.number
    assert sorted(f.number for f in seed_text.footnotes if f.anchor is None) == sorted(LOST_ANCHORS)


def test_seed_citations_as_from_the_text(seed_docx, seed_text):
    assert Counter(c.kind for c in seed_docx.citations) == {"archival": 34, "published": 5, "newspaper": 4, "ibid": 1}
    archival = [c for c in seed_docx.citations if c.kind == "archival"]
    theirs = [c for c in seed_text.citations if c.kind == "archival"]
    assert len(archival) == 34
    for ours, other in zip(archival, theirs, strict=True):
        assert (ours.footnote, ours.text, ours.fields) == (other.footnote, other.text, other.fields)
        assert all(ours.fields[key] is not None for key in ("archive", "fond", "opis", "delo", "folio_first"))
    for citation in seed_docx.citations:
        assert seed_docx.text[citation.source_start:citation.source_end] == citation.text
    ibid = next(c for c in seed_docx.citations if c.kind == "ibid")
    assert ibid.fields["resolved"].footnote == 2


def test_seed_references_in_text_citations_and_work(seed_docx, seed_text):
    assert len(seed_docx.references) == 15
    assert [r.label for r in seed_docx.references] == [r.label for r in seed_text.references]
    assert len(seed_docx.intext_citations) == 16
    assert {c.reference for c in seed_docx.intext_citations} == {r.id for r in seed_docx.references}
    for citation in seed_docx.intext_citations:
        assert seed_docx.text[citation.source_start:citation.source_end] == citation.text
    assert seed_docx.work.to_dict() == seed_text.work.to_dict()


@pytest.mark.parametrize("fixture", sorted(DOCX.glob("*.docx")), ids=lambda p: p.stem)
def test_offsets_point_at_what_they_name(fixture):
    layout = read_docx(fixture)
    notes_start = layout.notes[0].source_start if layout.notes else len(layout.text)
    for marker in layout.markers:
        assert layout.text[marker.source_start:marker.source_end] == f"[^{marker.number}]"
        assert marker.source_end <= notes_start
        assert 0 <= marker.body_offset <= len(layout.body.text)
    for note in layout.notes:
        assert layout.text[note.source_start:note.source_end] == f"[^{note.number}]: {note.text}"
        start, end = note.map.span_to_source(0, len(note.map.text))
        assert layout.text[start:end] == note.map.text
    body = layout.body.text
    for i, char in enumerate(body):  # every body character but the spaces the reader put in is the text's own
        if not char.isspace():
            assert layout.text[layout.body.to_source(i)] == char, i
    assert all(layout.text[layout.body.to_source(b.start)] == body[b.start] for b in layout.blocks)
    for line, at in layout.reference_lines + layout.front_lines + layout.back_lines:
        assert layout.text[at:at + len(line)] == line


def test_plain_paragraphs_read_as_the_full_walk_reads_them(monkeypatch):
    """The reader reads a paragraph without fields, deletions, hidden text … from its text, break
    and note reference elements, not walking its runs; walking every paragraph gives the same layout."""
    from legation.ingest import docx

    fast = {path: read_docx(path) for path in sorted(DOCX.glob("*.docx"))}
    init = docx._Word.__init__

    def walk_all(self, namespace):
        init(self, namespace)
        self.hard = (*self.hard, self.p)  # every paragraph needs the full walk

    monkeypatch.setattr(docx._Word, "__init__", walk_all)
    for path, layout in fast.items():
        walked = read_docx(path)
        assert walked.text == layout.text and walked.body.text == layout.body.text, path.name
        assert [(m.number, m.body_offset) for m in walked.markers] == [(m.number, m.body_offset) for m in layout.markers]


# --- every fixture against the text it was typeset from -----------------------------------------

def _docx_eval():
    if "eval_docx" not in sys.modules:
        spec = importlib.util.spec_from_file_location("eval_docx", REPO / "eval" / "docx.py")
        sys.modules["eval_docx"] = module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return sys.modules["eval_docx"]


@pytest.mark.shared("data", "articles")
@pytest.mark.parametrize("fixture", sorted(DOCX.glob("*.docx")), ids=lambda p: p.stem)
def test_each_fixture_reads_as_its_text(fixture):
    row = _docx_eval().compare(fixture)
    for measure in ("notes P", "notes R", "anchors", "at anchor"):
        passed, total = row.figures[measure]
        assert passed == total, (measure, row.errors)
    passed, total = row.figures["kinds"]
    assert passed >= 0.95 * total, row.errors
    assert row.figures["refs R"][0] == row.figures["refs R"][1], row.errors


# --- the format, piece by piece -------------------------------------------------------------------

def _p(inner: str, style: str | None = None, ppr: str = "") -> str:
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + ppr
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{inner}</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _fn(note_id: int) -> str:
    return f'<w:r><w:footnoteReference w:id="{note_id}"/></w:r>'


def _en(note_id: int) -> str:
    return f'<w:r><w:endnoteReference w:id="{note_id}"/></w:r>'


def _notes(kind: str, notes: dict[int, str]) -> str:
    separators = (f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
                  f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
                  f'</w:p></w:{kind}>')
    body = "".join(f'<w:{kind} w:id="{i}"><w:p><w:r><w:{kind}Ref/></w:r>{_r(" ")}{text}</w:p></w:{kind}>'
                   for i, text in notes.items())
    return f'<w:{kind}s xmlns:w="{W}">{separators}{body}</w:{kind}s>'


def make_docx(path: Path, body: str, *, footnotes: dict[int, str] | None = None,
              endnotes: dict[int, str] | None = None, styles: str | None = None, core: str | None = None,
              settings: str | None = None, sect: str = "", extra: dict[str, bytes] | None = None) -> Path:
    """A minimal Word package: the parts given, tied together by their relationships."""
    rels = []
    parts = {"word/document.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                                  f'<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr>{sect}</w:sectPr>'
                                  f'</w:body></w:document>'}
    for name, content in (("footnotes", _notes("footnote", footnotes) if footnotes is not None else None),
                          ("endnotes", _notes("endnote", endnotes) if endnotes is not None else None),
                          ("styles", f'<w:styles xmlns:w="{W}">{styles}</w:styles>' if styles else None),
                          ("settings", f'<w:settings xmlns:w="{W}">{settings}</w:settings>' if settings else None)):
        if content is not None:
            parts[f"word/{name}.xml"] = content
            rels.append(f'<Relationship Id="r{len(rels)}" Type="http://schemas.openxmlformats.org/officeDocument/'
                        f'2006/relationships/{name}" Target="{name}.xml"/>')
    package_rels = ['<Relationship Id="p1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'relationships/officeDocument" Target="word/document.xml"/>']
    if core is not None:
        parts["docProps/core.xml"] = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
                                      'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                                      f'{core}</cp:coreProperties>')
        package_rels.append('<Relationship Id="p2" Type="http://schemas.openxmlformats.org/package/2006/'
                            'relationships/metadata/core-properties" Target="docProps/core.xml"/>')
    relationships = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>'
    parts["_rels/.rels"] = relationships.format("".join(package_rels))
    parts["word/_rels/document.xml.rels"] = relationships.format("".join(rels))
    parts["[Content_Types].xml"] = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                                    '<Default Extension="xml" ContentType="application/xml"/></Types>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
        for name, data in (extra or {}).items():
            package.writestr(name, data)
    return path


def test_tracked_changes_insertions_read_deletions_not(tmp_path):
    body = (_p(_r("The treaty was ") + f"<w:ins w:id=\"1\" w:author=\"A\">{_r('never ')}</w:ins>"
               + f"<w:del w:id=\"2\" w:author=\"A\"><w:r><w:delText>quickly </w:delText></w:r></w:del>"
               + _r("ratified.") + f"<w:moveFrom w:id=\"3\">{_r(' Moved away.')}</w:moveFrom>")
            # a paragraph whose mark was deleted runs on into the next
            + _p(_r("Part one"), ppr='<w:rPr><w:del w:id="4" w:author="A"/></w:rPr>') + _p(_r(" and part two.")))
    layout = read_docx(make_docx(tmp_path / "t.docx", body))
    assert layout.body.text == "The treaty was never ratified.\n\nPart one and part two."


def test_fields_show_their_result_never_their_instruction(tmp_path):
    zotero = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
              '<w:r><w:instrText xml:space="preserve"> ADDIN ZOTERO_ITEM CSL_CITATION {"citationID":"x"} </w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
              + _r("AVP RF. F. 0146. Op. 22. Pap. 192. D. 13. L. 170.") +
              '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    nested = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _r("9") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
              '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _r("shown") +
              '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    simple = f'<w:fldSimple w:instr=" NOTEREF _Ref1 \\h ">{_r("3")}</w:fldSimple>'
    body = _p(_r("Generalov reported it.") + _fn(5)) + _p(_r("A field: ") + nested + _r("; see note ") + simple + _r("."))
    layout = read_docx(make_docx(tmp_path / "t.docx", body, footnotes={5: zotero}))
    assert layout.notes[0].text == "AVP RF. F. 0146. Op. 22. Pap. 192. D. 13. L. 170."
    assert layout.body.text.endswith("A field: shown; see note 3.")
    assert "ZOTERO" not in layout.text and "PAGE" not in layout.text


def test_soft_hyphens_tabs_breaks_hidden_text_symbols_and_ruby(tmp_path):
    body = _p(_r("Plenipo\u00adtentiary") + "<w:r><w:tab/></w:r>" + _r("Smetanin") + "<w:r><w:br/></w:r>"
              + _r("in Tokyo") + '<w:r><w:rPr><w:vanish/></w:rPr><w:t>HIDDEN</w:t></w:r>'
              + '<w:r><w:noBreakHyphen/></w:r>' + _r("1940") + '<w:r><w:softHyphen/></w:r>'
              + '<w:r><w:sym w:font="Symbol" w:char="F0B7"/></w:r>'
              + '<w:r><w:ruby><w:rt><w:r><w:t>とうきょう</w:t></w:r></w:rt>'
                '<w:rubyBase><w:r><w:t>東京</w:t></w:r></w:rubyBase></w:ruby></w:r>')
    layout = read_docx(make_docx(tmp_path / "t.docx", body))
    assert layout.text == "Plenipotentiary\tSmetanin\nin Tokyo-1940\u00b7東京"
    assert layout.body.text == "Plenipotentiary Smetanin in Tokyo-1940\u00b7東京"


def test_notes_numbered_as_displayed_footnotes_then_endnotes(tmp_path):
    body = (_p(_r("First claim.") + _fn(12) + _r(" Second claim.") + _en(3) + _r(" Third.") + _fn(7))
            + _p(_r("Fourth.") + _en(2) + _r(" Starred.") + '<w:r><w:footnoteReference w:customMarkFollows="1" '
                 'w:id="9"/><w:t>*</w:t></w:r>'))
    layout = read_docx(make_docx(tmp_path / "t.docx", body,
                                 footnotes={7: _r("Note on the third."), 12: _r("Note on the first."),
                                            9: _r("A starred note."), 40: _r("Never referenced.")},
                                 endnotes={2: _r("Endnote on the fourth."), 3: _r("Endnote on the second.")}))
    assert [(n.number, n.text) for n in layout.notes] == [
        (1, "Note on the first."), (2, "Note on the third."),  # footnotes, by their references
        (3, "Endnote on the second."), (4, "Endnote on the fourth."),  # endnotes after them
        (5, "A starred note.")]  # a mark of its own: after all the numbered ones
    assert [(m.number, layout.body.text[:m.body_offset][-7:]) for m in layout.markers] == [
        (1, " claim."), (3, " claim."), (2, " Third."), (4, "Fourth."), (5, "tarred.")]
    assert layout.body.text.endswith("Starred.") and layout.text.count("[^5]") == 2  # the mark is the marker
    assert "Never referenced" not in layout.text


def test_numbering_starts_where_the_document_says(tmp_path):
    body = _p(_r("A claim.") + _fn(1) + _r(" Another.") + _fn(2))
    sect = '<w:footnotePr><w:numStart w:val="20"/></w:footnotePr>'
    layout = read_docx(make_docx(tmp_path / "t.docx", body, footnotes={1: _r("One."), 2: _r("Two.")}, sect=sect))
    assert [n.number for n in layout.notes] == [20, 21] == [m.number for m in layout.markers]
    settings = '<w:endnotePr><w:numStart w:val="5"/></w:endnotePr>'
    layout = read_docx(make_docx(tmp_path / "e.docx", _p(_r("A claim.") + _en(1)), endnotes={1: _r("One.")},
                                 settings=settings))
    assert [n.number for n in layout.notes] == [5]


def test_a_note_on_the_title_is_anchored_before_the_body(tmp_path):
    title = _p(_r("The Manuscript Title") + '<w:r><w:footnoteReference w:customMarkFollows="1" w:id="3"/>'
               '<w:t>*</w:t></w:r>', "Title")
    prose = _p(_r("In 1939, Japan reconsidered its relations with the Soviet Union. The press followed it.") + _fn(1))
    doc = read(make_docx(tmp_path / "t.docx", title + prose, footnotes={1: _r("AVP RF. F. 0146."),
                                                                       3: _r("I thank the archivists.")}))
    assert [(f.number, f.text, doc.body[f.anchor.start:f.anchor.end]) for f in doc.footnotes] == [
        (1, "AVP RF. F. 0146.", "The press followed it."), (2, "I thank the archivists.", "")]
    assert doc.text[doc.footnotes[1].marker_source.start:doc.footnotes[1].marker_source.end] == "[^2]"
    assert doc.work.title == "The Manuscript Title" and doc.diagnostics == []


def test_a_reference_to_a_missing_note_is_a_marker_without_a_note(tmp_path):
    path = make_docx(tmp_path / "t.docx", _p(_r("A claim.") + _fn(1) + _r(" More.") + _fn(2)),
                     footnotes={1: _r("One.")})
    doc = read(path)
    assert [(d.code, d.footnote) for d in doc.diagnostics] == [("marker-without-note", 2)]


STYLES = ('<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/>'
          '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
          '<w:style w:type="paragraph" w:styleId="Zitat"><w:name w:val="Quote"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="MyQuote"><w:name w:val="My quote"/><w:basedOn w:val="Zitat"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Literatur"><w:name w:val="Bibliography"/></w:style>')


def test_structure_from_styles_outline_levels_numbering_and_tables(tmp_path):
    body = (_p(_r("The Manuscript Title"), "Titel")
            + _p(_r("Introduction"), "berschrift1")
            + _p(_r("The ambassador wrote at length, and the Foreign Ministry answered him within the week."))
            + _p(_r("A quotation from the telegram.") + _fn(1), "MyQuote")
            + _p(_r("Sub-part"), ppr='<w:outlineLvl w:val="2"/>')
            + _p(_r("An item of a list."), ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>')
            + '<w:tbl><w:tr><w:tc>' + _p(_r("Fond")) + '</w:tc><w:tc>' + _p(_r("Delo") + _fn(2)) + '</w:tc></w:tr>'
            + '<w:tr><w:tc>' + _p(_r("0146")) + '</w:tc><w:tc>' + _p(_r("13")) + '</w:tc></w:tr></w:tbl>'
            + '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
            + '<w:sdtContent>' + _p(_r("Contents 1")) + '</w:sdtContent></w:sdt>')
    layout = read_docx(make_docx(tmp_path / "t.docx", body, footnotes={1: _r("One."), 2: _r("Two.")}, styles=STYLES))
    kinds = [(b.kind, layout.body.text[b.start:b.end]) for b in layout.blocks]
    assert kinds == [("heading", "Introduction"),
                     ("paragraph", "The ambassador wrote at length, and the Foreign Ministry answered him within the week."),
                     ("quotation", "A quotation from the telegram."), ("heading", "Sub-part"),
                     ("list-item", "An item of a list."), ("table", "Fond Delo 0146 13")]
    assert "Fond\tDelo[^2]\n0146\t13" in layout.text
    assert [(h.level, h.text, h.section) for h in layout.headings] == [
        (1, "The Manuscript Title", "front"), (1, "Introduction", "heading"), (3, "Sub-part", "heading")]
    assert "Contents 1" not in layout.text


@pytest.mark.parametrize("name", ["Bibliography", "References", "Works Cited", "Список литературы",
                                  "Источники и литература"])
def test_a_reference_list_heading_opens_the_reference_list(tmp_path, name):
    body = (_p(_r("Introduction"), "Heading1")
            + _p(_r("The pact surprised Tokyo [Molodyakov 2012, p. 425]. The press turned on the government at once."))
            + _p(_r(name), "Heading1")
            + _p(_r("Molodyakov, V. E. (2012). Rossiya i Yaponiya. Moscow: AIRO-XXI."))
            + _p(_r("Hosoya, C. (1976). The Tripartite Pact. New York: Columbia University Press.")))
    doc = read(make_docx(tmp_path / "t.docx", body))
    assert [r.label for r in doc.references] == ["Molodyakov 2012", "Hosoya 1976"]
    assert "Hosoya" not in doc.body
    assert [c.reference for c in doc.intext_citations] == ["molodyakov-2012"]


def test_bibliography_styled_entries_are_references_wherever_they_stand(tmp_path):
    body = (_p(_r("Some prose, of a length that reads as prose: the pact was signed in April 1941 in Moscow."))
            + _p(_r("Togo, S. (1996). Vospominaniya yaponskogo diplomata. Moscow: Novina."), "Literatur"))
    layout = read_docx(make_docx(tmp_path / "t.docx", body, styles=STYLES))
    assert [line for line, _ in layout.reference_lines] == [
        "Togo, S. (1996). Vospominaniya yaponskogo diplomata. Moscow: Novina."]


def test_front_matter_abstract_keywords_and_core_properties(tmp_path):
    body = (_p(_r("Diplomatic History 44, no. 2 (2020): 210–235"))
            + _p(_r("DOI: 10.1093/dh/dhz001"))
            + _p(_r("Abstract: The article reads the reports of Soviet diplomats in Tokyo."))
            + _p(_r("Keywords: USSR; Japan; diplomats"))
            + _p(_r("Introduction"), "Heading1")
            + _p(_r("In 1939, Japan reconsidered its relations with the Soviet Union, and the press followed.")))
    core = "<dc:title>Soviet Diplomats in Tokyo</dc:title><dc:creator>I. A. Degtev; A. N. Other</dc:creator>"
    doc = read(make_docx(tmp_path / "t.docx", body, core=core))
    work = doc.work
    assert (work.title, work.authors, work.doi, work.journal, work.year, work.volume, work.issue, work.pages) == (
        "Soviet Diplomats in Tokyo", ["I. A. Degtev", "A. N. Other"], "10.1093/dh/dhz001", "Diplomatic History",
        2020, "44", "2", "210–235")
    assert work.abstract == "The article reads the reports of Soviet diplomats in Tokyo."
    assert work.keywords == ["USSR", "Japan", "diplomats"]
    assert doc.body == "Introduction\n\nIn 1939, Japan reconsidered its relations with the Soviet Union, and the press followed."


@pytest.mark.parametrize("core", ["<dc:title>  </dc:title><dc:creator></dc:creator>",
                                  "<dc:creator>Microsoft Office User</dc:creator>"])
def test_empty_or_placeholder_core_properties_leave_the_work_to_the_text(tmp_path, core):
    body = _p(_r("The Manuscript Title"), "Title") + _p(_r("I. A. Degtev"), "Author") + _p(
        _r("In 1939, Japan reconsidered its relations with the Soviet Union, and the press followed it closely."))
    layout = read_docx(make_docx(tmp_path / "t.docx", body, core=core))
    assert layout.work is None
    doc = read(tmp_path / "t.docx")
    assert (doc.work.title, doc.work.authors) == ("The Manuscript Title", ["I. A. Degtev"])


# --- bad input ---------------------------------------------------------------------------------

def _seed_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(SEED_DOCX) as package:
        return {name: package.read(name) for name in package.namelist()}


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return path


def _bad_not_zip(folder: Path) -> Path:
    (folder / "bad.docx").write_bytes(b"Dear colleague, the manuscript follows by post.\n")
    return folder / "bad.docx"


def _bad_truncated(folder: Path) -> Path:
    data = SEED_DOCX.read_bytes()
    (folder / "bad.docx").write_bytes(data[:len(data) // 2])
    return folder / "bad.docx"


def _bad_crc(folder: Path) -> Path:
    data = bytearray(SEED_DOCX.read_bytes())
    with zipfile.ZipFile(SEED_DOCX) as package:
        info = package.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 100
    data[start:start + 64] = bytes(64)
    (folder / "bad.docx").write_bytes(bytes(data))
    return folder / "bad.docx"


def _bad_no_document(folder: Path) -> Path:
    return _zip(folder / "bad.docx", {"xl/workbook.xml": b"<workbook/>"})


def _bad_encrypted(folder: Path) -> Path:
    shutil.copy(DOCX / "encrypted.docx.bin", folder / "bad.docx")
    return folder / "bad.docx"


def _bad_macros(folder: Path) -> Path:
    return _zip(folder / "bad.docx", {**_seed_parts(), "word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(60)})


def _bad_docm(folder: Path) -> Path:
    shutil.copy(SEED_DOCX, folder / "bad.docm")
    return folder / "bad.docm"


def _bad_malformed(folder: Path) -> Path:
    parts = _seed_parts()
    parts["word/footnotes.xml"] = parts["word/footnotes.xml"][:3000]
    return _zip(folder / "bad.docx", parts)


def _bad_doctype(folder: Path) -> Path:
    parts = _seed_parts()
    laughs = b'<!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"?>", b"?>" + laughs, 1)
    return _zip(folder / "bad.docx", parts)


def _bad_bomb(folder: Path) -> Path:
    """201 MB of spaces in word/document.xml, deflated to some 200 KB."""
    path = folder / "bad.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in _seed_parts().items():
            if name != "word/document.xml":
                package.writestr(name, data)
        with package.open("word/document.xml", "w") as handle:
            chunk = b" " * (1 << 20)
            for _ in range(201):
                handle.write(chunk)
    return path


BAD = [(_bad_not_zip, "not a Word document (not a zip file)"),
       (_bad_truncated, "damaged Word document (the zip is cut short or corrupt)"),
       (_bad_crc, "damaged Word document (the zip is corrupt"),
       (_bad_no_document, "not a Word document (no word/document.xml)"),
       (_bad_encrypted, "encrypted Word document: save it without a password"),
       (_bad_macros, "macro-enabled Word document (.docm): save it as .docx"),
       (_bad_docm, "macro-enabled Word document (.docm): save it as .docx"),
       (_bad_malformed, "malformed XML in word/footnotes.xml at line"),
       (_bad_doctype, "word/document.xml declares a DOCTYPE, which Word never writes: refused"),
       (_bad_bomb, "word/document.xml unpacks to 201 MB, more than 200 MB: refused (a zip bomb?)")]


@pytest.mark.parametrize("make, problem", BAD, ids=[make.__name__[5:] for make, _ in BAD])
def test_bad_input_one_line_exit_2_nothing_stored(tmp_path, make, problem):
    path = make(tmp_path)
    db = tmp_path / "s.db"
    result = run("ingest", path, "--db", db)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and problem in lines[0], lines
    with sqlite3.connect(db) as store:
        assert store.execute("SELECT count(*) FROM sources").fetchone() == (0,)
    extracted = run("extract", path, "--json")
    assert extracted.exit_code == 2 and extracted.stdout == ""
    assert extracted.stderr.strip().splitlines() == lines


def test_a_word_document_met_as_text_is_named(tmp_path):
    renamed = tmp_path / "manuscript.txt"
    shutil.copy(SEED_DOCX, renamed)
    result = run("extract", renamed)
    assert result.exit_code == 2
    assert "manuscript.txt: a Word document (DOCX), not text: name it .docx to have it read" in result.stderr
    with pytest.raises(InputError, match="not a Word document"):
        read_docx(_bad_not_zip(tmp_path))


# --- the command line --------------------------------------------------------------------------

SCHEMA = json.loads((REPO / "docs" / "json-contract.schema.json").read_text())


def test_extract_json_of_a_docx_follows_the_contract():
    result = run("extract", SEED_DOCX, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["source"]["format"] == "docx"
    schema = json.loads(json.dumps(SCHEMA))  # "docx" is a source format (docs/json-contract.md)
    formats = schema["properties"]["source"]["properties"]["format"]["enum"]
    if "docx" not in formats:
        formats.append("docx")
    jsonschema.validate(data, schema)
    assert len(data["footnotes"]) == 44 and all(f["anchor"] for f in data["footnotes"])
    assert Counter(c["kind"] for c in data["citations"]) == {"archival": 34, "published": 5, "newspaper": 4, "ibid": 1}


def test_ingest_the_fixture_folder_then_check(tmp_path):
    db = tmp_path / "s.db"
    result = run("ingest", DOCX, "--db", db, "--layers", "apparatus")
    assert result.exit_code == 0, result.output
    assert "encrypted.docx.bin" not in result.stdout  # left out: not a readable suffix
    with sqlite3.connect(db) as store:
        paths = {row[0] for row in store.execute("SELECT path FROM sources WHERE format = 'docx'")}
    assert {Path(p).name for p in paths} == {p.name for p in DOCX.glob("*.docx")}
    report = json.loads(run("check", "--db", db, "--json").stdout)
    seed_problems = [r for r in report if r["path"].endswith("seed-001.docx")]
    assert seed_problems == []  # the text's "note-without-marker" four are anchored here
    assert {r["code"] for r in report} <= {"reference-not-cited", "citation-unparsed"}
    shown = run("check", "--db", db)
    assert shown.exit_code == 0
    again = run("ingest", SEED_DOCX, "--db", db, "--layers", "apparatus")
    assert again.exit_code == 0 and "unchanged" in again.stdout
