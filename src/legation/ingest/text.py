"""Reader for articles as plain text or Markdown, including PDF-conversion debris.

The reader lays a file out as a historian reads it: front matter (title, authors, abstract,
keywords), the running body, footnote blocks, the reference list and back matter. It repairs
debris while copying into TextMaps, so every clean character still maps to the original file:

* footnote markers in any of the forms converters leave (``<sup>12</sup>``,
  ``<sup>&</sup>lt;sup>12</sup>``, ``&lt;sup&gt;12&lt;/sup&gt;``, ``[^12]``, ``¹²``, and bare
  numerals glued after punctuation: ``manner." 9 "Now``, ``actions.20 "We``);
* HTML entities and tags, Markdown emphasis and headings;
* body sentences cut in two by a footnote block or page furniture are joined again;
* running heads and page numbers are dropped.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

from legation.lexicon.journals import JOURNAL_LINES
from legation.model import BodyBlock, Heading, Layout, Marker, NoteBlock
from legation.textmap import TextMap

# --- patterns, as data --------------------------------------------------------------------

# Section names a line may consist of (Markdown heading or a line of its own), by what they open.
SECTION_NAMES: dict[str, str] = {
    "abstract": "abstract", "summary of the article": "abstract", "аннотация": "abstract",
    "резюме": "abstract",
    "references": "references", "bibliography": "references", "works cited": "references",
    "literature": "references", "sources and literature": "references",
    "список литературы": "references", "литература": "references", "библиография": "references",
    "reference list": "references", "references cited": "references", "literature cited": "references",
    "works consulted": "references", "sources": "references", "sources and references": "references",
    "select bibliography": "references", "selected bibliography": "references",
    "bibliography and sources": "references", "sources and bibliography": "references",
    "bibliografía": "references", "bibliografia": "references", "referencias": "references",
    "referencias bibliográficas": "references", "obras citadas": "references", "fuentes": "references",
    "fuentes y bibliografía": "references", "bibliographie": "references", "références": "references",
    "literaturverzeichnis": "references", "quellen und literatur": "references",
    "источники и литература": "references", "литература и источники": "references",
    "источники": "references", "список источников и литературы": "references",
    "список использованной литературы": "references", "библиографический список": "references",
    # lists that are sometimes bibliographies and sometimes prose about the literature: each
    # paragraph goes where it reads (see _reads_as_entries)
    "further reading": "readings", "further readings": "readings", "suggested reading": "readings",
    "suggested readings": "readings", "recommended reading": "readings", "for further reading": "readings",
    "дополнительная литература": "readings", "lecturas recomendadas": "readings",
    "notes": "notes", "endnotes": "notes", "примечания": "notes",
    "about the author": "back", "about the authors": "back", "author information": "back",
    "сведения об авторе": "back", "об авторе": "back", "for citations": "back",
    "for citation": "back", "для цитирования": "back", "acknowledgements": "back",
}
ABSTRACT_LINE = re.compile(r"^[*_]*(?:abstract|summary|аннотация|резюме)[.:]?[*_]*[.:]?[*_]*\s+(?=\S)", re.I)
MAX_ABSTRACT_PARAGRAPHS = 4
KEYWORDS_LINE = re.compile(r"^[*_]*(?:key\s*words|keywords|ключевые слова)[*_]*\s*:[*_]*\s*", re.I)
# Lines that end a reference list: an author's bio ("SURNAME Name ..."), contact details.
BACK_MATTER_LINE = re.compile(
    r"^(?:[A-ZА-ЯЁ]{3,}\s+[A-ZА-ЯЁ][a-zа-яё]+\s+[A-ZА-ЯЁ][a-zа-яё]+\s+[–—-]|e-?mail\s*:|orcid\s*:"
    r"|this article was (?:originally )?published)",
    re.I,
)
FRONT_MATTER_LINE = re.compile(r"^(?:DOI:?\s*10\.|https?://(?:dx\.)?doi\.org/)", re.I)
BLANK_LINES = re.compile(r"\n[ \t\r]*\n\s*")  # a CRLF "\r" before it is trimmed with the block
LINE = re.compile(r"[^\r\n]+")
LIST_ITEM = re.compile(r"[-*+•]\s|\d{1,2}[.)]\s")
MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
PAGE_NUMBER = re.compile(r"^\s*[-–—]?\s*\d{1,4}\s*[-–—]?\s*$")

# A footnote block's own number at its start.
NOTE_START = re.compile(
    r"^\s*(?:"
    r"(?:<sup>\s*&</sup>lt;sup>|<sup>\s*&lt;sup>|&lt;sup&gt;|<sup>)\s*(?P<sup>\d{1,4})\s*(?:</sup>|&lt;/sup&gt;)"
    r"|\[\^(?P<md>\d{1,4})\]:"
    r"|(?P<uni>[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,4})"
    r"|(?P<bare>\d{1,3})\.?(?=\s+\S)"
    r")\s*"
)
# Does a short paragraph read like a note (a citation) rather than prose?
NOTE_LIKE = re.compile(
    r"\b(?:[FfФф]\.\s*[\w-]+[.,]\s*(?:[OoОо][pп]\.)"  # archival F. … Op.
    r"|(?:P|Pp|pp|S|С|L|Ll|Л|Лл|Bl|c|s)\.\s*\d"  # page or folio
    r"|Vols?\.\s*[IVXLC\d]|T\.\s*[IVXLC\d]"
    r"|FRUS|DGFP|DBFP|DVP|ДВП"
    r"|\d{1,2}\.\d{1,2}\.\d{4})"
    r"|^\s*(?:Ibid|Ibidem|Там же|Op\. cit|See |Cf\. |Cited)",
    re.I,
)
# A reference-list entry's start: "Choi, Yejin.", "- Agüera y Arcas, Blaise.", "1. Coox, A. D." — the
# family name, a comma, a capital (as against "Smith et al. (2015) introduce ...").
ENTRY_START = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])?\s*(?:[*_]{1,2})?[^\W\d_][\w'’-]+(?:\s+[\w'’-]+){0,3},\s+[^\W\d_]")
ENTRY_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b|\bn\.\s?d\.")
TERMINAL = re.compile(r"""[.!?…:;]["”»’')\]]*$""")
SENTENCE_END = re.compile(r"""[.!?…]["”»’')\]]*\s+(?=[A-ZА-ЯЁ"“«])|[.!?…]["”»’')\]]*$""")
# A note marker closing a paragraph: [^3], <sup>3</sup>, ³, or a numeral glued after the stop (".40").
TRAILING_MARKER = re.compile(r"(?:\[\^\d{1,4}\]|<sup>\s*\d{1,4}\s*</sup>|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,4}|(?<=[.!?\"”’»)])\d{1,4})+$")
UNICODE_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")

# Inline debris inside a paragraph. Order matters: marker forms before generic tags. The
# leading lookahead lets the scanner skip plain letters without trying each alternative.
_SUP_MARKER = (r"(?:<sup>\s*&</sup>lt;sup>|<sup>\s*&lt;sup>|&lt;sup&gt;|<sup>)\s*(?P<sup_n>\d{1,4})\s*"
               r"(?:</sup>|&lt;/sup&gt;)")
_MD_MARKER = r"\[\^(?P<md_n>\d{1,4})\](?!:)"
_UNI_MARKER = r"(?<=[\w.,;:!?\"”’»)])[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,4}"
INLINE = re.compile(
    r"(?=[<&\[¹²³⁴⁵⁶⁷⁸⁹⁰*_\r\n.,;:!?\"”’»)])(?:"
    rf"(?P<sup_marker>{_SUP_MARKER})"
    rf"|(?P<md_marker>{_MD_MARKER})"
    rf"|(?P<uni_marker>{_UNI_MARKER})"
    r"|(?P<sup_other><sup>(?P<sup_text>[^<]{0,20})</sup>)"
    r"|(?P<tag></?(?:i|b|em|strong|u|sub|span|small|br|p|div|a)\b[^<>]{0,200}>)"
    r"|(?P<entity>&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});)"
    r"|(?P<emph>\*{1,3}|(?<!\w)_{1,2}(?=\S)|(?<=\S)_{1,2}(?!\w))"
    r"|(?P<newline>\r?\n[ \t]*)"
    # a bare numeral glued to punctuation ("actions.20") or after a closing quote ("manner." 9);
    # "no. 2" and "p. 5", with a space after the full stop, are text
    r"|(?P<bare>(?:(?P<bare_stop>[.,;:!?])|(?P<bare_quote>[\"”’»)])[ ]?)(?P<bare_n>\d{1,3})(?=\s|$))"
    r")"
)
EXPLICIT_MARKER = re.compile(rf"(?=[<&\[¹²³⁴⁵⁶⁷⁸⁹⁰])(?:{_SUP_MARKER}|{_MD_MARKER}|(?P<uni>{_UNI_MARKER}))")


# --- layout --------------------------------------------------------------------------------

@dataclass(slots=True)
class Block:
    """A paragraph of the original (or a line of its own, for headings): [start, end)."""

    start: int
    end: int
    kind: str = "text"  # text | heading | note | furniture
    level: int = 0  # heading level
    note_number: int | None = None
    note_text_start: int = 0  # where a note's text begins after its marker


def read_layout(text: str) -> Layout:
    """Lay out an article's text: body, notes, headings, front and back matter."""
    blocks = _classify(text, _split_blocks(text))
    layout = Layout(text=text, body=TextMap())
    sections = _assign_sections(text, blocks, layout)
    _mark_notes_in_running_text(text, blocks, sections)
    placed = _split_note_runs(text, list(zip(blocks, sections)))
    layout.notes = [_note_block(text, b) for b, _ in placed if b.kind == "note"]
    _build_body(text, placed, layout)
    return layout


def _split_note_runs(text: str, placed: list[tuple[Block, str]]) -> list[tuple[Block, str]]:
    """A note block whose later lines open with note numbers of their own is several notes
    (notes set one per line, without blank lines between them)."""
    result: list[tuple[Block, str]] = []
    for block, section in placed:
        if block.kind != "note":
            result.append((block, section))
            continue
        own = NOTE_START.match(text[block.start:block.end])
        # bare numbers open notes only where notes are numbered that way (not "1939 г." in a note)
        bare_allowed = section == "notes" or (own is not None and own.group("bare") is not None)
        starts = [block.start]
        for line in LINE.finditer(text, block.start, block.end):
            if line.start() == block.start:
                continue
            found = NOTE_START.match(line.group())
            if found and (found.group("bare") is None or bare_allowed):
                starts.append(line.start())
        for start, end in zip(starts, [*starts[1:], block.end]):
            part = Block(start, end)
            _trim(text, part)
            found = NOTE_START.match(text[part.start:part.end])
            if found and (found.group("bare") is None or bare_allowed):
                _mark_note(part, found)
            else:
                part.kind, part.note_text_start = "note", part.start
            result.append((part, section))
    return result


def _split_blocks(text: str) -> list[Block]:
    """Paragraphs separated by blank lines; heading lines become blocks of their own."""
    blocks: list[Block] = []
    start = 0
    for separator in BLANK_LINES.finditer(text):
        _add_paragraph(text, start, separator.start(), blocks)
        start = separator.end()
    _add_paragraph(text, start, len(text), blocks)
    for block in blocks:
        _trim(text, block)
    return [b for b in blocks if b.end > b.start]


def _add_paragraph(text: str, start: int, end: int, blocks: list[Block]) -> None:
    if "\n" not in text[start:end] and not _is_heading_line(text[start:end]):
        blocks.append(Block(start, end))  # the common case: a one-line paragraph of prose
        return
    for line in LINE.finditer(text, start, end):
        if _is_heading_line(line.group()):
            if line.start() > start:
                blocks.append(Block(start, line.start()))
            blocks.append(Block(line.start(), line.end(), kind="heading"))
            start = line.end()
    if end > start:
        blocks.append(Block(start, end))


def _is_heading_line(line: str) -> bool:
    line = line.strip()
    return line.startswith("#") and MD_HEADING.match(line) is not None or (
        len(line) < 45 and _section_of(line) is not None)


def _trim(text: str, block: Block) -> None:
    while block.start < block.end and text[block.start].isspace():
        block.start += 1
    while block.end > block.start and text[block.end - 1].isspace():
        block.end -= 1


def _section_of(line: str) -> str | None:
    name = MD_HEADING.sub(r"\2", line).strip().strip("*_:").strip().lower()
    return SECTION_NAMES.get(name) if len(name) < 40 else None


def _classify(text: str, blocks: list[Block]) -> list[Block]:
    """Mark headings, page furniture and notes that open with an explicit marker."""
    repeated = Counter(text[b.start:b.end] for b in blocks if b.end - b.start < 120)
    for block in blocks:
        chunk = text[block.start:block.end]
        if block.kind == "heading":
            heading = MD_HEADING.match(chunk)
            block.level = len(heading.group(1)) if heading else 2
            continue
        if PAGE_NUMBER.match(chunk) or _is_running_head(chunk, repeated[chunk]):
            block.kind = "furniture"
            continue
        start = NOTE_START.match(chunk)
        if start and start.group("bare") is None:
            _mark_note(block, start)
    return blocks


def _is_running_head(chunk: str, times: int) -> bool:
    """A short line printed again and again (page headers); twice is enough for a bare title line."""
    if NOTE_START.match(chunk):
        return False
    return times >= 3 or (times == 2 and TERMINAL.search(chunk) is None)


def _mark_note(block: Block, start: re.Match) -> None:
    block.kind = "note"
    digits = next(g for g in start.group("sup", "md", "uni", "bare") if g)
    block.note_number = int(digits.translate(UNICODE_SUPERSCRIPT_DIGITS))
    block.note_text_start = block.start + start.end()


def _mark_notes_in_running_text(text: str, blocks: list[Block], sections: list[str]) -> None:
    """In the body, a citation-like paragraph opening with a bare number is a numbered note,
    and one standing next to notes without any number is a note that lost it. (In a reference
    list the same shapes are numbered entries, so this runs only on body sections.)"""
    for block, section in zip(blocks, sections):
        if block.kind == "text" and section == "body":
            chunk = text[block.start:block.end]
            start = NOTE_START.match(chunk)
            if start and start.group("bare") and NOTE_LIKE.search(chunk[start.end():]):
                _mark_note(block, start)
    for i, (block, section) in enumerate(zip(blocks, sections)):
        if block.kind == "text" and section == "body" and _is_unnumbered_note(text, blocks, i):
            block.kind = "note"
            block.note_text_start = block.start


def _is_unnumbered_note(text: str, blocks: list[Block], i: int) -> bool:
    """A short, citation-like paragraph standing next to footnote blocks is a note that lost its
    number (PDF conversion drops superscripts)."""
    chunk = text[blocks[i].start:blocks[i].end]
    if len(chunk) > 300 or not chunk[:1].isupper() and not chunk[:1].isdigit():
        return False
    if not NOTE_LIKE.search(chunk) or TERMINAL.search(chunk) is None:
        return False
    neighbours = [blocks[j] for j in (i - 1, i + 1) if 0 <= j < len(blocks)]
    return any(b.kind == "note" and b.note_number is not None for b in neighbours)


def _assign_sections(text: str, blocks: list[Block], layout: Layout) -> list[str]:
    """Walk the blocks with a small state machine; return each block's section."""
    state = "front" if _has_front_matter(text, blocks) else "body"
    seen_title = False
    sections: list[str] = []
    for block in blocks:
        chunk = text[block.start:block.end]
        if block.kind == "heading":
            section = _section_of(chunk)
            title = MD_HEADING.sub(r"\2", chunk).strip()
            if section:
                state = section
            elif state == "abstract":
                state = "body"  # an ordinary heading ends the abstract
            elif state == "front":
                seen_title = True  # title, then author or subtitle lines, until prose begins
            layout.headings.append(Heading(block.level, title, block.start, section or state))
            if state == "front":
                layout.front_lines.append((title, block.start))
            sections.append("heading" if state == "body" else state)
            continue
        if block.kind == "text":
            labelled_abstract = ABSTRACT_LINE.match(chunk)
            if labelled_abstract and state in ("front", "abstract"):
                layout.abstract.append(_plain(chunk[labelled_abstract.end():]))
                state, seen_title = "front", True  # a labelled abstract is one paragraph
                sections.append("abstract")
                continue
            keywords = KEYWORDS_LINE.match(chunk)
            if keywords and state in ("front", "abstract"):
                layout.keywords = _split_keywords(_plain(chunk[keywords.end():]))
                state = "body"
                sections.append("keywords")
                continue
            if state == "readings":  # each paragraph where it reads: entries to the list, prose to the body
                reads_as = "references" if _reads_as_entries(chunk) else "body"
                if reads_as == "references":
                    layout.reference_lines.extend(_lines(text, block))
                sections.append(reads_as)
                continue
            if state in ("references", "notes") and BACK_MATTER_LINE.match(chunk):
                state = "back"
            elif state == "front" and (seen_title or block is not blocks[0]) and _is_prose(chunk):
                state = "body"
            elif state == "abstract" and (len(layout.abstract) >= MAX_ABSTRACT_PARAGRAPHS
                                          or EXPLICIT_MARKER.search(chunk)):
                state = "body"  # no keywords or heading closed the abstract: the article has begun
            if state == "abstract":
                layout.abstract.append(_plain(chunk))
            elif state in ("front", "back", "references"):
                target = {"front": layout.front_lines, "back": layout.back_lines,
                          "references": layout.reference_lines}[state]
                target.extend(_lines(text, block))
            elif state == "notes" and block.kind == "text":
                _mark_endnote(block, chunk)
        sections.append(state)
    if all(section == "front" for section in sections):
        _front_matter_was_body(text, blocks, sections, layout)
    return sections


def _front_matter_was_body(text: str, blocks: list[Block], sections: list[str], layout: Layout) -> None:
    """Nothing but a title page, by the rules: no paragraph read as running text and no
    abstract, notes or references section opened. A short article (a title and a few
    sentences): what followed its title, DOI and journal lines is its body after all."""
    moved = [i for i in range(1, len(blocks)) if not _is_title_page_line(text[blocks[i].start:blocks[i].end])]
    for i in moved:
        sections[i] = "heading" if blocks[i].kind == "heading" else "body"
    starts = {blocks[i].start for i in moved}
    ends = [(blocks[i].start, blocks[i].end) for i in moved]
    layout.front_lines = [(line, at) for line, at in layout.front_lines
                          if not any(start <= at < end for start, end in ends)]
    for heading in layout.headings:
        if heading.source_start in starts:
            heading.section = "body"


def _is_title_page_line(chunk: str) -> bool:
    return FRONT_MATTER_LINE.search(chunk) is not None or any(p.match(chunk.splitlines()[0]) for p in JOURNAL_LINES)


def _reads_as_entries(chunk: str) -> bool:
    """Do most lines of a paragraph open like reference-list entries and name a year? (A line
    that is only a bold or italic label, "**Passim**", does not count either way.)"""
    lines = [line for line in chunk.splitlines() if line.strip() and not re.fullmatch(r"\s*[*_]+[^*_]+[*_]+\s*", line)]
    entries = [line for line in lines if ENTRY_START.match(line) and ENTRY_YEAR.search(line)]
    return bool(entries) and 2 * len(entries) >= len(lines)


def _has_front_matter(text: str, blocks: list[Block]) -> bool:
    """Does the file open with a title page (a title heading, DOI, journal line) rather than
    prose? A title or "Abstract" heading says so; a "Notes" or "References" heading does not."""
    for block in blocks[:5]:
        chunk = text[block.start:block.end]
        first_line = chunk.splitlines()[0]
        if (block.kind == "heading" and _section_of(chunk) in (None, "abstract")) or FRONT_MATTER_LINE.search(chunk) or any(
                p.match(first_line) for p in JOURNAL_LINES):
            return True
    return False


def _mark_endnote(block: Block, chunk: str) -> None:
    """In an endnotes section every paragraph is a note, numbered or not."""
    start = NOTE_START.match(chunk)
    if start:
        _mark_note(block, start)
    else:
        block.kind = "note"
        block.note_text_start = block.start


def _is_prose(chunk: str) -> bool:
    """Running text, not a title-page line: a paragraph that ends a sentence (a note marker after
    the full stop notwithstanding) and is long, or has two sentences, or is a sentence that a
    note supports."""
    plain = TRAILING_MARKER.sub("", chunk.rstrip())
    if TERMINAL.search(plain) is None:
        return False
    sentences = len(SENTENCE_END.findall(plain))
    return (len(plain) > 200 or (sentences >= 2 and len(plain.split()) >= 12)
            or (EXPLICIT_MARKER.search(chunk) is not None and len(plain.split()) >= 4 and plain[:1].isupper()))


def _lines(text: str, block: Block) -> list[tuple[str, int]]:
    return [(m.group().strip(), block.start + m.start())
            for m in LINE.finditer(text[block.start:block.end]) if m.group().strip()]


def _plain(chunk: str) -> str:
    clean = TextMap()
    _clean_into(clean, chunk, 0, len(chunk), _never, [])
    return clean.text.strip()


def _never(number: int, at: int) -> bool:
    return False


def _split_keywords(text: str) -> list[str]:
    return [k.strip().rstrip(".") for k in re.split(r"[;,]", text) if k.strip().rstrip(".")]


def _note_block(text: str, block: Block) -> NoteBlock:
    note_map = TextMap()
    _clean_into(note_map, text, block.note_text_start, block.end, _never, [])
    return NoteBlock(
        number=block.note_number,
        text=note_map.text.strip(),
        map=note_map,
        source_start=block.start,
        source_end=block.end,
    )


# --- body ----------------------------------------------------------------------------------

class _BareMarkerJudge:
    """Decides whether a bare numeral after punctuation is a footnote marker.

    A bare ``9`` is a marker only when a note 9 can exist and it falls in sequence between the
    markers around it, so years, counts and list numbers stay text.
    """

    def __init__(self, text: str, body_blocks: list[Block], highest_note: int):
        self.explicit: list[tuple[int, int]] = []  # (source offset, number)
        for block in body_blocks:
            for m in EXPLICIT_MARKER.finditer(text, block.start, block.end):
                n = m.group("sup_n") or m.group("md_n") or m.group("uni").translate(UNICODE_SUPERSCRIPT_DIGITS)
                self.explicit.append((m.start(), int(n)))
        self.explicit_numbers = {n for _, n in self.explicit}
        self.highest = max([highest_note, *self.explicit_numbers], default=0)
        self.last = 0
        self._next = 0

    def accept(self, number: int, at: int) -> bool:
        while self._next < len(self.explicit) and self.explicit[self._next][0] < at:
            self.last = max(self.last, self.explicit[self._next][1])
            self._next += 1
        upper = self.explicit[self._next][1] if self._next < len(self.explicit) else self.highest + 1
        ok = number not in self.explicit_numbers and self.last < number < upper
        if ok:
            self.last = number
        return ok


def _build_body(text: str, blocks: list[tuple[Block, str]], layout: Layout) -> None:
    body_blocks = [b for b, s in blocks if s in ("body", "heading") and b.kind in ("text", "heading")]
    highest = max((n.number or 0 for n in layout.notes), default=0)
    judge = _BareMarkerJudge(text, body_blocks, highest)
    body = layout.body
    previous: Block | None = None
    skipped_since_previous = False
    for block, section in blocks:
        in_body = section in ("body", "heading") and block.kind in ("text", "heading")
        if not in_body:
            if previous is not None and block.kind in ("note", "furniture"):
                skipped_since_previous = True
            elif previous is not None and section not in ("body", "heading"):
                previous = None  # body ended (references, back matter)
            continue
        continued = previous is not None and _continues(text, previous, block, skipped_since_previous)
        if previous is not None:
            body.rstrip_spaces()
            body.emit(" " if continued else "\n\n", previous.end, block.start)
        start = block.start
        if block.kind == "heading":
            heading = MD_HEADING.match(text[block.start:block.end])
            start = block.start + (heading.start(2) if heading else 0)
        opened = len(body)
        _clean_into(body, text, start, block.end, judge.accept, layout.markers)
        body.rstrip_spaces()
        if continued and layout.blocks:
            layout.blocks[-1].end = len(body)  # the sentence a note block cut in two is one paragraph
        else:
            layout.blocks.append(BodyBlock(_block_kind(text, block), opened, len(body)))
        previous = block
        skipped_since_previous = False


def _block_kind(text: str, block: Block) -> str:
    if block.kind == "heading":
        return "heading"
    opening = text[block.start:block.start + 4]
    if opening.startswith(">"):
        return "quotation"
    if LIST_ITEM.match(opening):
        return "list-item"
    return "paragraph"


def _continues(text: str, previous: Block, block: Block, skipped: bool) -> bool:
    """Is ``block`` the rest of the sentence ``previous`` broke off?"""
    if previous.kind == "heading" or block.kind == "heading":
        return False
    tail = INLINE.sub("", text[max(previous.start, previous.end - 80):previous.end]).rstrip()
    if TERMINAL.search(tail):
        return False
    head = text[block.start:block.start + 1]
    return skipped or head.islower()


def _clean_into(out: TextMap, text: str, start: int, end: int, accept_bare, markers: list[Marker]) -> None:
    """Copy text[start:end] into ``out``, repairing inline debris and collecting markers."""
    position = start
    for m in INLINE.finditer(text, start, end):
        kind = m.lastgroup  # the outer alternative: it closes after its inner groups
        if kind == "bare" and not accept_bare(int(m.group("bare_n")), m.start()):
            continue
        out.copy(text, position, max(m.end("bare_stop"), m.end("bare_quote")) if kind == "bare" else m.start())
        position = m.end()
        if kind in ("sup_marker", "md_marker", "uni_marker", "bare"):
            digits = m.group("sup_n") or m.group("md_n") or m.group("bare_n") or m.group("uni_marker")
            out.rstrip_spaces()
            markers.append(Marker(int(digits.translate(UNICODE_SUPERSCRIPT_DIGITS)), len(out),
                                  m.start(), m.end(), explicit=kind != "bare"))
        elif kind == "sup_other":
            out.copy(text, m.start("sup_text"), m.end("sup_text"))
        elif kind == "entity":
            out.emit(html.unescape(m.group()), m.start(), m.end())
        elif kind == "newline":
            out.rstrip_spaces()
            if out.last_char() not in ("-", ""):
                out.emit(" ", m.start(), m.end())
        elif kind == "tag" and m.group().lower().startswith("<br"):
            out.emit(" ", m.start(), m.end())
        # emphasis and other tags are dropped
    out.copy(text, position, end)
