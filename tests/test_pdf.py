"""The PDF reader on PDFs typeset from the seed, three Programming Historian lessons and a
Russian sample (tests/fixtures/pdf, made by scripts/typeset_pdf.sh), and on bad input."""

from __future__ import annotations

import hashlib
import re
import struct
from collections import Counter

import pytest

from conftest import FIXTURES
from legation.devdata import FULL_TEXT

PDFS = FIXTURES / "pdf"
SEED_PDFS = ["seed-latex.pdf", "seed-word.pdf", "seed-twocol.pdf"]
LAYERS = ("apparatus",)


def squeeze(text: str) -> str:
    return " ".join(text.split())


def extract(path):
    from legation.ingest.units import read_units
    from legation.pipeline import extract_unit

    (unit,) = list(read_units(path))
    return extract_unit(unit, LAYERS)


@pytest.fixture(scope="module")
def seed_text_doc():
    from legation.pipeline import extract_file

    return extract_file(FULL_TEXT, LAYERS)


@pytest.fixture(scope="module", params=SEED_PDFS)
def seed_pdf_doc(request):
    return extract(PDFS / request.param)


@pytest.fixture(scope="module")
def seed_layout():
    from legation.ingest.pdf import read_pdf

    return read_pdf(PDFS / "seed-latex.pdf")


def fields(citation) -> dict:
    """A citation's fields as comparable between two files (offsets aside)."""
    out = {}
    for key, value in citation.fields.items():
        if hasattr(value, "fields"):
            value = (value.kind, value.footnote, fields(value))
        out[key] = value
    return out


# --- the seed, in three layouts ------------------------------------------------------------

def test_44_notes_at_their_anchors(seed_pdf_doc):
    assert [f.number for f in seed_pdf_doc.footnotes] == list(range(1, 45))
    assert not [f.number for f in seed_pdf_doc.footnotes if f.number_inferred or f.anchor is None]
    for footnote in seed_pdf_doc.footnotes:  # the anchor is the sentence the marker closes
        assert seed_pdf_doc.body[footnote.anchor.start:footnote.anchor.end].strip()
        assert seed_pdf_doc.text[footnote.marker_source.start:footnote.marker_source.end] == str(footnote.number)


def test_citations_as_from_the_text(seed_pdf_doc, seed_text_doc):
    assert Counter(c.kind for c in seed_pdf_doc.citations) == {"archival": 34, "published": 5, "newspaper": 4,
                                                               "ibid": 1}
    assert len(seed_pdf_doc.citations) == len(seed_text_doc.citations) == 44
    for got, want in zip(seed_pdf_doc.citations, seed_text_doc.citations):
        assert (got.footnote, got.kind, squeeze(got.text)) == (want.footnote, want.kind, squeeze(want.text))
        assert fields(got) == fields(want), got.footnote
    note18 = next(c for c in seed_pdf_doc.citations if c.footnote == 18)
    assert (note18.fields["archive"], note18.fields["fond"], note18.fields["opis"], note18.fields["papka"],
            note18.fields["delo"], note18.fields["folio_first"], note18.fields["folio_last"]) == (
        "AVP RF", "0146", "22", "192", "13", 258, 259)
    ibid = next(c for c in seed_pdf_doc.citations if c.kind == "ibid")
    assert ibid.fields["resolved"].footnote == 2


def test_citation_offsets_point_at_the_citation(seed_pdf_doc):
    """In the extracted text a citation may run over a line break (and a hyphen there)."""
    bare = lambda text: re.sub(r"[\s\-]", "", text)  # noqa: E731
    for citation in seed_pdf_doc.citations:
        assert bare(seed_pdf_doc.text[citation.source_start:citation.source_end]) == bare(citation.text)


def test_15_references(seed_pdf_doc, seed_text_doc):
    assert len(seed_pdf_doc.references) == 15
    assert {r.label for r in seed_pdf_doc.references} == {r.label for r in seed_text_doc.references}


def test_work_from_the_title_page(seed_pdf_doc):
    work = seed_pdf_doc.work
    assert work.title.startswith("From the Khalkhin Gol Events to the Neutrality Pact")
    assert (work.journal, work.year, work.doi) == ("Russian Japanology Review", 2025, "10.55105/2658-6444-2025-1-73-92")
    assert work.keywords[-1] == "Neutrality Pact"


def test_body_has_no_page_debris(seed_pdf_doc):
    """Hyphenation undone, ligatures spelled out, running heads and page numbers out: the body
    is word for word the Markdown's the PDF was typeset from."""
    from legation.pipeline import extract_file

    text_body = extract_file(PDFS / "src" / "seed.md", LAYERS).body
    words = lambda body: re.findall(r"\w+(?:[-'’]\w+)*", body)  # noqa: E731
    assert words(seed_pdf_doc.body) == words(text_body)
    assert not re.search("[\ufb00-\ufb06]", seed_pdf_doc.body)
    assert "Japanology" not in seed_pdf_doc.body  # the running head
    assert "official" in seed_pdf_doc.body and "Soviet-Japanese" in seed_pdf_doc.body


def test_hyphenation_rule(seed_layout):
    text = seed_layout.text
    cut = [m for m in re.finditer(r"(\w+)-\n(\w+)", text)]
    assert cut, "the LaTeX seed hyphenates"
    body = seed_layout.body.text
    opens = seed_layout.body.to_source(0)
    closes = next(h.source_start for h in seed_layout.headings if h.text == "References")
    for m in (m for m in cut if opens <= m.start() < closes):
        head, tail = m.groups()
        if tail[:1].isupper():
            assert f"{head}-{tail}" in body  # a compound's own hyphen: "Anti-|Comintern"
        elif not head.isdigit():
            assert f"{head}{tail}" in body or f"{head}-{tail}" in body


def test_two_columns_read_in_order():
    from legation.ingest.pdf import read_pdf

    one = read_pdf(PDFS / "seed-latex.pdf").body.text
    two = read_pdf(PDFS / "seed-twocol.pdf").body.text
    assert squeeze(two) == squeeze(one)


def test_pages_and_note_boxes(seed_layout):
    assert [p.number for p in seed_layout.pages] == list(range(1, 11))
    assert seed_layout.text.count("\f") == 9
    for page in seed_layout.pages:
        assert "\f" not in seed_layout.text[page.source_start:page.source_end]
    by_number = {n.number: n for n in seed_layout.notes}
    assert by_number[1].boxes[0][0] == 1 and by_number[3].boxes[0][0] == 2 and by_number[44].boxes[0][0] == 9
    for note in seed_layout.notes:
        page, x0, top, x1, bottom = note.boxes[0]
        assert seed_layout.page_at(note.source_start) == page
        assert top > 600 and x0 < x1 and top < bottom  # at the page's foot
    for marker in seed_layout.markers:  # LaTeX sets a note on its marker's page
        assert seed_layout.page_at(marker.source_start) == by_number[marker.number].boxes[0][0]


def test_a_note_run_on_to_the_next_page_is_one_note():
    from legation.ingest.pdf import read_pdf

    layout = read_pdf(PDFS / "ph-interrogating-national-narrative-gpt-latex.pdf")
    note = next(n for n in layout.notes if n.number == 17)
    assert [box[0] for box in note.boxes] == [13, 14]
    assert note.text.startswith("Emma Strubell") and note.text.endswith("arXiv.1906.02243.")


def test_cyrillic_notes_and_compounds():
    doc = extract(PDFS / "ru-sample-latex.pdf")
    assert [c.kind for c in doc.citations] == ["archival", "ibid", "newspaper", "archival", "published", "archival",
                                              "newspaper", "archival"]
    assert doc.citations[0].fields["archive"] == "АВП РФ" and doc.citations[0].fields["delo"] == "13"
    assert "Советско-японские переговоры" in doc.body  # a compound cut at its hyphen keeps it
    assert doc.work.title.startswith("Советско-японские отношения")


def test_the_lessons_read_as_their_text():
    from legation.pipeline import extract_file

    for name, source in (("ph-interrogating-national-narrative-gpt-latex.pdf", "ph-interrogating-national-narrative-gpt"),
                         ("ph-sentiment-analysis-syuzhet-word.pdf", "ph-sentiment-analysis-syuzhet"),
                         ("ph-analisis-redes-sociales-teatro-1-twocol.pdf", "ph-analisis-redes-sociales-teatro-1")):
        got, want = extract(PDFS / name), extract_file(PDFS / "src" / f"{source}.md", LAYERS)
        assert [(c.footnote, c.kind, squeeze(c.text)) for c in got.citations] == [
            (c.footnote, c.kind, squeeze(c.text)) for c in want.citations], name


def test_cp1251_mojibake_is_decoded():
    from legation.ingest.pdf import _decode_cp1251, _Line

    line = _Line(0, 0, 0, 100, 0, 10, 10, 10, False, "Ñîâåòñêèé Ñîþç " * 20)
    _decode_cp1251([line])
    assert line.text.startswith("Советский Союз")
    french = _Line(0, 0, 0, 100, 0, 10, 10, 10, False, "déjà vu à Paris")
    _decode_cp1251([french])
    assert french.text == "déjà vu à Paris"


# --- bad input ------------------------------------------------------------------------------

def minimal_pdf(pages: list[str], password: bytes | None = None) -> bytes:
    """A PDF of one Helvetica line a page; with ``password``, encrypted with it (RC4, 40 bits:
    the standard security handler, revision 2)."""
    pad = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
    file_id = hashlib.md5(b"legation").digest()
    key = o_entry = u_entry = None
    if password is not None:
        padded = (password + pad)[:32]
        o_entry = rc4(hashlib.md5((b"owner" + pad)[:32]).digest()[:5], padded)
        key = hashlib.md5(padded + o_entry + struct.pack("<i", -44) + file_id).digest()[:5]
        u_entry = rc4(key, pad)
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for text in pages:
        content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
        number = len(objects) + 2  # the content stream's object number
        if key is not None:
            content = rc4(hashlib.md5(key + number.to_bytes(3, "little") + b"\0\0").digest()[:10], content)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {number} 0 R >>".encode())
        kids.append(f"{len(objects)} 0 R")
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode()
    if key is not None:
        objects.append(f"<< /Filter /Standard /V 1 /R 2 /O <{o_entry.hex()}> /U <{u_entry.hex()}> /P -44 >>".encode())
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    encrypt = f" /Encrypt {len(objects)} 0 R" if key is not None else ""
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{encrypt} /ID [<{file_id.hex()}> <{file_id.hex()}>] >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def image_only_pdf(path) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("L", (600, 800), 255)
    ImageDraw.Draw(image).rectangle((50, 50, 550, 90), fill=0)  # a "scanned" line
    image.save(path, "PDF", resolution=72)


def test_a_minimal_pdf_reads():
    """The hand-made PDF of the bad-input cases is a good PDF when nothing is wrong with it."""
    from legation.ingest.pdf import read_pdf

    layout = read_pdf_bytes(read_pdf, minimal_pdf(["Legation reads this sentence."]))
    assert "Legation reads this sentence." in layout.text


def read_pdf_bytes(read_pdf, data: bytes):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "x.pdf"
        path.write_bytes(data)
        return read_pdf(path)


BAD = {
    "truncated.pdf": (lambda path: path.write_bytes((PDFS / "seed-latex.pdf").read_bytes()[:40000]),
                      "truncated or damaged PDF"),
    "scan.pdf": (image_only_pdf, "no text layer (a scanned PDF?): run OCR first"),
    "locked.pdf": (lambda path: path.write_bytes(minimal_pdf(["Secret text of the article."], b"secret")),
                   "encrypted PDF: "),
    "huge.pdf": (lambda path: path.write_bytes(minimal_pdf([f"Page {n}" for n in range(2000)])),
                 "2,000 pages: more than the 1,500"),
    "notes.pdf": (lambda path: path.write_text("Just some notes, not a PDF at all."), "not a PDF (no %PDF header)"),
    "empty.pdf": (lambda path: path.write_bytes(b""), "empty file"),
    "damaged.pdf": (lambda path: path.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n"),
                    "damaged PDF"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_pdf_is_refused_in_one_line_and_nothing_stored(name, tmp_path):
    from typer.testing import CliRunner

    from legation.cli import app
    from legation.store.sqlite import Store

    make, message = BAD[name]
    path = tmp_path / name
    make(path)
    db = tmp_path / "s.db"
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert f"{name}: {message}" in result.stderr
    problem = [line for line in result.stderr.splitlines() if name in line]
    assert len(problem) == 1 and "Traceback" not in result.stderr
    with Store(db) as store:
        assert store.db.execute("SELECT count(*) FROM sources").fetchone()[0] == 0


def test_a_pdf_named_txt_says_so(tmp_path):
    from legation.errors import InputError
    from legation.ingest.source import read_source

    path = tmp_path / "article.txt"
    path.write_bytes((PDFS / "ru-sample-word.pdf").read_bytes())
    with pytest.raises(InputError, match="article.txt: is a PDF by its content: name it .pdf"):
        read_source(path)


# --- the CLI --------------------------------------------------------------------------------

def test_extract_json_and_ingest_the_folder(tmp_path):
    import json

    from typer.testing import CliRunner

    from legation.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["extract", str(PDFS / "ru-sample-word.pdf"), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["source"]["format"] == "pdf" and len(out["footnotes"]) == 8
    assert out["citations"][0]["archive"] == "АВП РФ"
    result = runner.invoke(app, ["ingest", str(PDFS), "--db", str(tmp_path / "s.db"), "--layers", "apparatus"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("ingested") >= len(list(PDFS.glob("*.pdf")))


def test_fixtures_are_small():
    sizes = {p.name: p.stat().st_size for p in PDFS.glob("*.pdf")}
    assert len(sizes) >= 8 and max(sizes.values()) < 150_000 and sum(sizes.values()) < 1_500_000


def test_the_workbench_shows_each_note_s_page(tmp_path):
    """The page of a note comes from the stored text's page breaks: "(p. 1)" beside notes 1 and 2."""
    from fastapi.testclient import TestClient

    from legation.ingest.units import read_units
    from legation.pipeline import extract_unit
    from legation.store.sqlite import Store
    from legation.web.app import create_app

    db = tmp_path / "s.db"
    [unit] = list(read_units(PDFS / "seed-latex.pdf"))
    doc = extract_unit(unit, layers=("apparatus",))
    with Store(db) as store:
        store.add_document(doc)
    page = TestClient(create_app(str(db))).get(f"/sources/{doc.source.id}").text
    shown = [int(n) for n in re.findall(r"\(p\. (\d+)\)", page)]
    assert shown == [f.page for f in doc.footnotes] and shown[:2] == [1, 1] and shown[-1] > 5
