"""Markdown sources of the PDF fixtures (tests/fixtures/pdf/src/), for scripts/typeset_pdf.sh.

    .venv/bin/python scripts/typeset_pdf.py seed OUT.md          # the seed article, notes as [^n]
    .venv/bin/python scripts/typeset_pdf.py lesson LESSON.md OUT.md   # a Programming Historian lesson
    .venv/bin/python scripts/typeset_pdf.py docx-furniture IN.docx HEAD FONT  # head, page numbers, font

Each source is at once what pandoc typesets and the article's "text rendering" that eval/pdf.py
compares the PDF's reading with: it is written so that legation's text reader and pandoc read
the same words (no links, code, images, tables or backslash escapes; pandoc runs with
``-f markdown-smart-citations-tex_math_dollars-raw_tex-subscript-superscript``).

The seed: ``legation.ingest.text.read_layout`` says where its 40 markers stand in the body and
what its 44 notes say. Four notes lost their markers in the seed's conversion (1, 7, 15, 36);
each gets one where the article most plausibly had it: at the last paragraph end between the
markers of the notes before and after it, else at the last sentence end before the next marker.
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SENTENCE_END = re.compile(r"""[.!?]["”’)\]]*(?=\s+["“(]?[A-Z])""")


def escape(text: str) -> str:
    """Only what pandoc would misread and legation's text reader keeps as it is: a line opening
    like a list item or heading. (Brackets, "<...>" and "*" of the seed are read alike by both.)"""
    if re.match(r"^(?:\d+[.)]\s|[-+#>|]\s?)", text):
        raise ValueError(f"a paragraph opens like Markdown block syntax: {text[:40]!r}")
    return text


def seed_markdown() -> str:
    from legation.devdata import FULL_TEXT
    from legation.ingest.text import read_layout

    text = FULL_TEXT.read_text(encoding="utf-8")
    layout = read_layout(text)
    body = layout.body.text
    at = {m.number: m.body_offset for m in layout.markers}
    paragraph_ends = [b.end for b in layout.blocks if b.kind != "heading"]
    for number in range(1, len(layout.notes) + 1):
        if number in at:
            continue
        low = at.get(number - 1, 0)
        high = next(at[n] for n in range(number + 1, len(layout.notes) + 1) if n in at)
        ends = [e for e in paragraph_ends if low < e < high]
        if not ends:
            ends = [m.end() for m in SENTENCE_END.finditer(body, low, high) if m.end() < high - 1]
        at[number] = ends[-1] if ends else high
    inserts = sorted(((offset, number) for number, offset in at.items()), reverse=True)
    marked = body
    for offset, number in inserts:
        marked = marked[:offset] + f"[^{number}]" + marked[offset:]
    # block boundaries move with the inserted markers: recompute them on the marked text
    shift = lambda o: o + sum(len(f"[^{n}]") for p, n in inserts if p <= o)  # noqa: E731
    heading_starts = {shift(b.start) for b in layout.blocks if b.kind == "heading"}
    kinds = {shift(b.start): b.kind for b in layout.blocks}
    out: list[str] = []
    front = [line for line, _ in layout.front_lines]
    journal, doi, title, author = front[0], front[1], front[2], front[3]
    out += [journal, doi, f"# {title}", author, "## Abstract", *layout.abstract,
            f"*Keywords:* {', '.join(layout.keywords)}."]
    for block in layout.blocks:
        start, end = shift(block.start), shift(block.end)
        chunk = marked[start:end].strip()
        if not chunk:
            continue
        if start in heading_starts:
            out.append(f"## {chunk}")
        elif kinds.get(start) == "quotation":
            out.append(f"> {chunk}")
        elif kinds.get(start) == "list-item":
            out.append(chunk)  # "- ..." is a list item to both readers
        else:
            out.append(escape(chunk))
    out.append("## References")
    out += [escape(re.sub(r"^[-*]\s+", "", line)) for line, _ in layout.reference_lines]
    out += [f"[^{k}]: {note.text}" for k, note in enumerate(layout.notes, 1)]
    return "\n\n".join(out).replace("25th", "25<sup>th</sup>") + "\n"


# --- Programming Historian lessons ----------------------------------------------------------

FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
NOTES_HEADING = re.compile(r"^#+\s*(?:Notes|Endnotes|Notas)\s*$", re.M)


def lesson_markdown(path: Path) -> str:
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    front = FRONT.match(text)
    meta = front.group(1) if front else ""
    text = text[front.end():] if front else text
    title = re.search(r'^title:\s*"?(.*?)"?\s*$', meta, re.M).group(1)
    listed = re.search(r"^authors:\n((?:-\s+.+\n?)+)", meta, re.M)
    authors = re.findall(r"^-\s+(.+)$", listed.group(1), re.M) if listed else []
    text = re.sub(r"^```.*?^```\s*$", "", text, flags=re.S | re.M)  # code blocks
    text = re.sub(r"<div[^>]*>.*?</div>", "", text, flags=re.S)
    text = re.sub(r"\{%.*?%\}", "", text, flags=re.S)  # liquid includes (figures, toc)
    text = re.sub(r"^\{:.*\}\s*$", "", text, flags=re.M)  # kramdown attributes
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"^\|.*$", "", text, flags=re.M)  # tables
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"(?<!\^)\[([^\]^][^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)", r"\1", text)  # links: their text
    text = re.sub(r"<(https?://[^>\s]+)>", r"\1", text)
    text = re.sub(r"</?a\b[^>]*>", "", text)
    text = re.sub(r"`+([^`\n]*)`+", r"\1", text)  # code spans: their text
    text = re.sub(r"\\([\\`*_{}\[\]()#+.!-])", r"\1", text)  # backslash escapes
    text = NOTES_HEADING.sub("", text)
    text = re.sub(r"\s?[\U00010000-\U0010ffff]", "", text)  # emoji: no font of the fixtures has them
    text = re.sub(r"[ \t]+$", "", text, flags=re.M)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    head = [f"# {title}"] + ([", ".join(authors)] if authors else [])
    return "\n\n".join(head) + "\n\n" + text + "\n"


# --- running head and page numbers for a .docx ------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="{W}" xmlns:r="{R}">'
          '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="18"/></w:rPr>'
          '<w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:hdr>')
FOOTER = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="{W}" xmlns:r="{R}">'
          '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
          '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
          '<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>')


def docx_furniture(path: Path, head: str, font: str) -> None:
    """Give a pandoc .docx a running head on every page, the page number at the foot, and one
    font (pandoc's reference document names theme fonts that LibreOffice would substitute)."""
    with zipfile.ZipFile(path) as old:
        parts = {name: old.read(name) for name in old.namelist()}
    fonts = f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}" w:eastAsia="{font}"/>'
    parts["word/styles.xml"] = re.sub(r"<w:rFonts\b[^>]*/>", fonts, parts["word/styles.xml"].decode()).encode()
    head_xml = head.replace("&", "&amp;").replace("<", "&lt;")
    parts["word/header9.xml"] = HEADER.replace("{text}", head_xml).encode()
    parts["word/footer9.xml"] = FOOTER.encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    rels = rels.replace("</Relationships>",
                        '<Relationship Id="rIdHead9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header9.xml"/>'
                        '<Relationship Id="rIdFoot9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer9.xml"/>'
                        "</Relationships>")
    parts["word/_rels/document.xml.rels"] = rels.encode()
    types = parts["[Content_Types].xml"].decode()
    types = types.replace("</Types>",
                          '<Override PartName="/word/header9.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
                          '<Override PartName="/word/footer9.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
                          "</Types>")
    parts["[Content_Types].xml"] = types.encode()
    document = parts["word/document.xml"].decode()
    section = ('<w:sectPr><w:headerReference w:type="default" r:id="rIdHead9"/>'
               '<w:footerReference w:type="default" r:id="rIdFoot9"/><w:pgSz w:w="11906" w:h="16838"/>'
               '<w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="709" '
               'w:footer="709" w:gutter="0"/></w:sectPr>')  # A4, 2.5 cm margins
    document = re.sub(r"<w:sectPr\b[^>]*/>|<w:sectPr\b.*?</w:sectPr>(?=</w:body>)", lambda m: section, document,
                      flags=re.S)
    parts["word/document.xml"] = document.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts.items():
            new.writestr(name, data)


def main(argv: list[str]) -> None:
    if argv[0] == "seed":
        Path(argv[1]).write_text(seed_markdown(), encoding="utf-8")
    elif argv[0] == "lesson":
        Path(argv[2]).write_text(lesson_markdown(Path(argv[1])), encoding="utf-8")
    elif argv[0] == "docx-furniture":
        docx_furniture(Path(argv[1]), argv[2], argv[3])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
