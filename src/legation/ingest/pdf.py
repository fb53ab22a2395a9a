"""Reader for articles as PDF: the layout read from each character's font, size and position.

pdfplumber (on pdfminer.six) gives every glyph of the text layer with its font, size, box and
baseline. From those alone, with no model and no Java, the reader finds:

* lines, and on a two-column page the columns (a gutter free of text in the middle of the
  page), read column by column; a line across the gutter (a head, a page number, a title)
  separates the bands of a page, each read left column first;
* running heads and feet (a line, digits aside, repeated at the top or bottom of several
  pages) and page numbers, which stay in the text but not in the body;
* note zones: lines smaller than the body at the foot of a column, below a short rule or
  opening with the next note number; notes numbered in sequence across pages, a note that runs
  on at the foot of the next page joined to it; an endnotes section ("Notes") read the same way;
* note markers: digits smaller than their line and raised above its baseline (Unicode
  superscript digits too), and, where a PDF lost them, digits glued after punctuation that
  fall in the note sequence;
* headings, by size (larger than the body) or weight (a bold line of its own); a heading
  named in ``text.SECTION_NAMES`` ("References", "Notes", "Список литературы") opens that
  section; front matter (title, authors, abstract, keywords) before the body;
* line-end hyphenation undone, the hyphen kept where the word is a compound (see
  ``_keeps_hyphen``); ligatures (U+FB00–FB06) spelled out; Cyrillic set in a font with a
  Windows-1251 encoding but no Unicode map (read as Latin-1 mojibake, "Ñîâåòñêèé") decoded.

``Layout.text`` is the text layer as read: the pages in order, separated by a form feed line
(``"\\f"``), each page's lines in reading order, a blank line between blocks (paragraphs,
notes, headings). Every offset (body map, notes, markers, headings, reference lines) points
into it, and ``Layout.pages`` gives each page's range. Each note's boxes (page, x0, top, x1,
bottom in PDF points from the page's top left) are in ``NoteBlock.boxes``.

What it refuses, each as one line (``InputError``): a file that is no PDF, a damaged or
truncated one, an encrypted one it cannot open, one without a text layer (a scan: OCR it
first), and one of more than ``PAGE_LIMIT`` pages. The limit, not streaming: a PDF is an
article here, its text and layout are held whole (a 1,500-page book is ~5 MB of text, read at
tens of pages a second), and a volume that long is better split (``qpdf --pages``) and read as
the articles or chapters it holds.

What it does not do: OCR; tables, figures and formulas (their text is read as lines); notes
set in the margin or numbered by symbols (*, †); rotated text (skipped).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from legation.errors import InputError
from legation.ingest.text import (ABSTRACT_LINE, BACK_MATTER_LINE, ENTRY_START, KEYWORDS_LINE, SECTION_NAMES,
                                  TERMINAL, _reads_as_entries)
from legation.model import BodyBlock, Heading, Layout, Marker, NoteBlock, Page
from legation.textmap import TextMap

PAGE_LIMIT = 1500
PAGE_BREAK = "\f\n"  # between two pages' text
# Alphabetic presentation forms: what NFKC makes of them, and nothing else NFKC would change
# (it would also turn superscript digits, the markers, into plain ones).
LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                           "\ufb05": "st", "\ufb06": "st"})
SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
BOLD_FONT = re.compile(r"bold|black|heavy|demi|semibold|[-,]bd\b|\.b\b", re.I)
PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:page\s+|p\.\s*|с\.\s*)?\d{1,4}(?:\s*(?:of|/|из)\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.I)
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
NOTE_NUMBER_START = re.compile(r"^(\d{1,4})(?:[.)]\s*|\s+)(?=\S)")
MOJIBAKE_WORD = re.compile(r"\b[\u00c0-\u00ff]{3,}\b")
LIST_BULLET = re.compile(r"^[•◦▪‣∙·–—-]\s")
BARE_MARKER = re.compile(r"(?<=[.,;:!?\"”’»)\]])(\d{1,3})(?=\s|$)")
SPACE, GLUE, DROP = " ", "", "-"  # how a line joins the next
URL = re.compile(r"(?:https?://|www\.)\S*")
URL_TAIL = re.compile(r"(?:https?://|www\.|doi\.org/)\S*$")


@dataclass(slots=True)
class _Line:
    """One line of a page: its text as read, with raised runs and bold noted, and where it lies."""

    page: int  # 0-based
    column: int  # 0: the page's width (one column, or across the gutter); 1 left; 2 right
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float  # the size most of its characters have
    bold: bool
    text: str
    raised: list[tuple[int, int, bool]] = field(default_factory=list)  # markers: [start, end), raised or bare
    role: str = "body"  # body | furniture | note
    note_number: int | None = None  # a note's first line: its number
    number_end: int = 0  # where the note's own number ends in text
    new_block: bool = False
    heading: bool = False
    full: bool = False  # it reaches its column's right edge (a paragraph's last line rarely does)
    start: int = 0  # offset of text in Layout.text


def read_pdf(path: str | Path) -> Layout:
    """Lay out a PDF article: body, notes and markers, headings, front matter, references, pages."""
    path = Path(path)
    shown = str(path)
    pdf = _open(path, shown)
    try:
        pages, rules, images, sizes = _read_pages(pdf)
    except InputError:
        raise
    except Exception as problem:  # pdfminer fails deep inside on a damaged content stream
        raise InputError(shown, f"damaged PDF: {_one_line(problem)}") from None
    finally:
        pdf.close()
    lines = [line for page in pages for line in page]
    if sum(len(line.text.strip()) for line in lines) < 20:
        raise InputError(shown, "no text layer (a scanned PDF?): run OCR first")
    garbled = sum(line.text.count("(cid:") for line in lines)
    if garbled * 8 > sum(len(line.text) for line in lines):
        raise InputError(shown, "no usable text layer (glyphs without Unicode mapping): run OCR first")
    _decode_cp1251(lines)
    return _Reader(pages, rules, sizes).layout()


# --- opening ---------------------------------------------------------------------------------

def _open(path: Path, shown: str):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdftypes import resolve1
    from pdfplumber.utils.exceptions import PdfminerException

    if path.is_dir():
        raise InputError(shown, "is a directory")
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - 2048))
            tail = handle.read()
    except OSError as err:
        raise InputError(shown, f"cannot be read ({err.strerror or err})") from None
    if not head.strip():
        raise InputError(shown, "empty file")
    if b"%PDF-" not in head:
        raise InputError(shown, "not a PDF (no %PDF header)")
    if b"%%EOF" not in tail:
        raise InputError(shown, "truncated or damaged PDF (no end-of-file marker): save or download it again")
    try:
        pdf = pdfplumber.open(path)
        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
    except PdfminerException as wrapped:
        problem = wrapped.args[0] if wrapped.args else wrapped
        if isinstance(problem, PDFPasswordIncorrect):
            raise InputError(shown, "encrypted PDF: it needs a password to open; save a copy without one") from None
        if isinstance(problem, PDFEncryptionError):
            raise InputError(shown, f"encrypted PDF: {_one_line(problem)}") from None
        raise InputError(shown, f"damaged PDF: {_one_line(problem)}") from None
    except Exception as problem:
        raise InputError(shown, f"damaged PDF: {_one_line(problem)}") from None
    if not isinstance(count, int):
        pdf.close()
        raise InputError(shown, "damaged PDF: no page count in its page tree")
    if count > PAGE_LIMIT:
        pdf.close()
        raise InputError(shown, f"{count:,} pages: more than the {PAGE_LIMIT:,} a PDF may have here "
                                f"(an article or a book's chapter); split it, e.g. qpdf --pages")
    return pdf


def _one_line(problem: object) -> str:
    text = " ".join(str(problem).split()) or type(problem).__name__
    return text[:160]


# --- characters to lines ------------------------------------------------------------------------

def _read_pages(pdf) -> tuple[list[list[_Line]], list[list[tuple[float, float, float]]], int, Counter]:
    """Each page's lines, its short horizontal rules (x0, top, x1), the images, the sizes."""
    pages: list[list[_Line]] = []
    rules: list[list[tuple[float, float, float]]] = []
    images = 0
    sizes: Counter = Counter()  # rounded size -> characters
    for number, page in enumerate(pdf.pages):
        chars = [c for c in page.chars if c.get("upright", True) and c["text"]]
        rules.append([(o["x0"], o["top"], o["x1"]) for o in (*page.lines, *page.rects)
                      if abs(o["bottom"] - o["top"]) < 2 and o["x1"] - o["x0"] > 20])
        images += len(page.images)
        lines = _page_lines(chars, number, float(page.height), float(page.width))
        for line in lines:
            sizes[round(line.size, 1)] += len(line.text)
        pages.append(lines)
        page.close()
    return pages, rules, images, sizes


def _page_lines(chars: list[dict], page: int, height: float, width: float) -> list[_Line]:
    """The page's lines in reading order: on a two-column page, the rows across the gutter
    (heads, titles, page numbers) part it into bands, each read left column, then right."""
    rows = _rows(chars)
    gutter = _gutter(rows, width)
    if gutter is None:
        return [line for line in (_make_line(row, page, height, 0) for row in rows) if line.text.strip()]
    left, right = gutter
    middle = (left + right) / 2
    across = [row for row in rows if any(c["x0"] < right and c["x1"] > left for c in row)]
    spanning = {id(c) for row in across for c in row}
    rest = [c for c in chars if id(c) not in spanning]
    sides = {1: _rows([c for c in rest if (c["x0"] + c["x1"]) / 2 < middle]),
             2: _rows([c for c in rest if (c["x0"] + c["x1"]) / 2 >= middle])}
    lines: list[_Line] = []
    fences = [min(c["top"] for c in row) for row in across] + [float("inf")]
    floor = float("-inf")
    for k, fence in enumerate(fences):
        for column in (1, 2):
            lines.extend(_make_line(row, page, height, column) for row in sides[column]
                         if floor <= min(c["top"] for c in row) < fence)
        if k < len(across):
            lines.append(_make_line(across[k], page, height, 0))
        floor = fence
    return [line for line in lines if line.text.strip()]


def _rows(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into rows by their tops (a superscript's top is near its line's)."""
    rows: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        if rows and abs(char["top"] - rows[-1][0]["top"]) <= min(2.5, 0.3 * char["size"] + 0.5):
            rows[-1].append(char)
        else:
            rows.append([char])
    # a row of raised characters only (a marker set high) belongs to the line under it
    merged: list[list[dict]] = []
    for row in rows:
        if merged and _raised_only(merged[-1], row):
            row = merged.pop() + row
        merged.append(row)
    return merged


def _raised_only(row: list[dict], below: list[dict]) -> bool:
    size = max(c["size"] for c in below)
    return (all(c["size"] < 0.8 * size for c in row) and len(row) <= 4
            and 0 < min(c["bottom"] for c in below) - max(c["bottom"] for c in row) < 0.7 * size)


def _gutter(rows: list[list[dict]], width: float) -> tuple[float, float] | None:
    """The x-range between two columns: a run of at least 6 pt in the page's middle two-fifths
    that nearly no row of text crosses, with many rows on either side of it."""
    text_rows = [row for row in rows if len(row) >= 8]
    if len(text_rows) < 8:
        return None
    step = 2.0
    bins = int(width / step) + 1
    cover = [0] * bins
    for row in text_rows:
        seen = set()
        for c in row:
            for b in range(max(0, int(c["x0"] / step)), min(bins, int(c["x1"] / step) + 1)):
                seen.add(b)
        for b in seen:
            cover[b] += 1
    limit = max(1, len(text_rows) // 10)
    best: tuple[int, int] | None = None
    b = int(0.3 * width / step)
    while b < int(0.7 * width / step):
        if cover[b] <= limit:
            end = b
            while end < bins and cover[end] <= limit:
                end += 1
            if best is None or end - b > best[1] - best[0]:
                best = (b, end)
            b = end
        b += 1
    if best is None or (best[1] - best[0]) * step < 6:
        return None
    left = max(cover[max(0, best[0] - 10):best[0]] or [0])
    right = max(cover[best[1]:best[1] + 10] or [0])
    if min(left, right) < 0.2 * len(text_rows):
        return None
    return best[0] * step, best[1] * step


def _make_line(chars: list[dict], page: int, height: float, column: int) -> _Line:
    chars = sorted(chars, key=lambda c: c["x0"])
    glyphs = [c for c in chars if not c["text"].isspace()] or chars
    size = Counter(round(c["size"], 1) for c in glyphs).most_common(1)[0][0]
    base = [height - c["matrix"][5] for c in glyphs if abs(c["size"] - size) < 0.3] or [glyphs[0]["bottom"]]
    baseline = statistics.median(base)
    bold = all(BOLD_FONT.search(c.get("fontname", "").split("+")[-1]) for c in glyphs if c["text"].isalpha()) and any(
        c["text"].isalpha() for c in glyphs)
    parts: list[str] = []
    raised: list[tuple[int, int]] = []
    length = 0
    previous: dict | None = None
    pending_space = False
    for c in chars:
        text = c["text"].translate(LIGATURES).replace("\uffff", "").replace("\ufffd", "")  # no glyph's Unicode
        if not text:
            continue
        if text.isspace():
            pending_space = previous is not None
            continue
        if previous is not None:
            if abs(c["x0"] - previous["x0"]) < 0.05 * size and text == previous["text"]:
                continue  # overprinted (a fake bold)
            gap = c["x0"] - previous["x1"]
            if pending_space or gap > 0.12 * min(size, c["size"]):
                parts.append(" ")
                length += 1
        pending_space = False
        is_raised = (c["size"] < 0.86 * size and (baseline - (height - c["matrix"][5])) > 0.18 * size) or (
            text in "⁰¹²³⁴⁵⁶⁷⁸⁹")
        if is_raised and text.translate(SUPERSCRIPT_DIGITS).isdigit():
            text = text.translate(SUPERSCRIPT_DIGITS)
            if raised and raised[-1][1] == length:
                raised[-1] = (raised[-1][0], length + len(text), True)
            else:
                raised.append((length, length + len(text), True))
        parts.append(text)
        length += len(text)
        previous = c
    return _Line(page, column, min(c["x0"] for c in chars), max(c["x1"] for c in chars),
                 min(c["top"] for c in glyphs), max(c["bottom"] for c in glyphs), baseline, size, bold,
                 "".join(parts), raised)


def _decode_cp1251(lines: list[_Line]) -> None:
    """Cyrillic in a font whose encoding says Windows-1251 but whose glyph names pdfminer reads
    as Latin-1 ("Ñîâåòñêèé"): re-decoded when many words of the document read so."""
    if sum(len(MOJIBAKE_WORD.findall(line.text)) for line in lines) < 20:
        return
    for line in lines:
        line.text = MOJIBAKE_WORD.sub(lambda m: m.group().encode("latin-1").decode("cp1251"), line.text)


# --- the layout -------------------------------------------------------------------------------

class _Reader:
    def __init__(self, pages: list[list[_Line]], rules: list[list[tuple[float, float, float]]], sizes: Counter):
        self.pages = pages
        self.rules = rules
        self.lines = [line for page in pages for line in page]
        self.body_size = max(sizes.items(), key=lambda item: item[1])[0]
        self.words, self.compound_heads = self._words()
        self.hyphenates = self._hyphenates()
        self.layout_ = Layout(text="", body=TextMap())

    # -- the steps
    def layout(self) -> Layout:
        self._furniture()
        self._note_zones()
        self._blocks()
        self._compose()
        self._sections()
        return self.layout_

    def _words(self) -> tuple[set[str], set[str]]:
        """The words printed whole inside lines, and the first parts of the hyphenated ones
        ("советско" of "советско-японских"): a hyphen's evidence."""
        words: set[str] = set()
        for line in self.lines:
            found = WORD.findall(URL.sub(" ", line.text))
            if line.text.rstrip().endswith("-") and found:
                found = found[:-1]  # a word cut at the line's end is no evidence
            words.update(w.lower() for w in found)
        heads = {w.split("-", 1)[0] for w in words if "-" in w}
        return words, heads

    def _hyphenates(self) -> bool:
        """Did the typesetter hyphenate at all? Some line-end hyphen joins into a word the
        document prints whole elsewhere. Word processors mostly do not (then every hyphen at a
        line's end is the word's own)."""
        for line, following in zip(self.lines, self.lines[1:]):
            head = re.search(r"([^\W\d_]+)-$", line.text.rstrip())
            tail = re.match(r"([^\W\d_]+)", following.text.lstrip())
            if head and tail and (head.group(1) + tail.group(1)).lower() in self.words:
                return True
        return False

    def _furniture(self) -> None:
        """Running heads and feet, page numbers: lines at a page's top or foot seen again and
        again (digits aside), or a bare number there."""
        if not self.pages:
            return
        edges: list[list[_Line]] = []
        seen: Counter = Counter()
        for page in self.pages:
            ordered = sorted(page, key=lambda line: line.top)
            ends = ordered[:1] + ordered[-1:]
            if len(ordered) > 3:  # a page number above or below a running head or foot
                ends += [ordered[1]] * bool(PAGE_NUMBER.match(ordered[0].text))
                ends += [ordered[-2]] * bool(PAGE_NUMBER.match(ordered[-1].text))
            ends = [line for line in ends if not (line.raised and line.raised[0][0] == 0)]  # a note's first line
            edges.append(ends)
            for key in {_furniture_key(line.text) for line in ends}:
                seen[key] += 1
        repeated = max(2, min(3, (len(self.pages) + 1) // 2))
        for ends in edges:
            for line in ends:
                key = _furniture_key(line.text)
                if PAGE_NUMBER.match(line.text) or (seen[key] >= repeated and len(line.text) < 150):
                    line.role = "furniture"

    def _note_zones(self) -> None:
        """Footnotes: per page and column, the lines smaller than the body at its foot (under a
        rule, or opening with the next note's number); numbered in sequence across pages."""
        last = 0  # the last note number seen
        open_note: _Line | None = None  # the note the page before ended in
        limit = self.body_size * 0.93
        for page, rules in zip(self.pages, self.rules):
            for column in sorted({line.column for line in page}):
                lines = [line for line in page if line.column == column and line.role != "furniture"]
                lines.sort(key=lambda line: line.top)
                zone = self._ruled_zone(lines, rules, last, open_note is not None)
                if zone is None:
                    zone = []
                    for line in reversed(lines):
                        if line.size > limit:
                            break
                        zone.insert(0, line)
                    if not zone or (self._note_number(zone[0], last, strict=True) is None
                                    and not self._rule_above(zone[0], lines, rules)):
                        continue
                for line in zone:
                    number = self._note_number(line, last, strict=False)
                    line.role = "note"
                    if number is not None:
                        line.note_number, last = number, number
                        open_note = line
                    elif open_note is None:
                        line.note_number = None  # a note without a number of its own
                        line.new_block = True
                        open_note = line

    def _ruled_zone(self, lines: list[_Line], rules: list[tuple[float, float, float]], last: int,
                    running_on: bool) -> list[_Line] | None:
        """The lines under a short rule low on the page (a footnote separator), when the first
        of them opens the next note or a note runs on from the page before."""
        if not lines:
            return None
        left, right = min(line.x0 for line in lines), max(line.x1 for line in lines)
        middle = (lines[0].top + lines[-1].bottom) / 2
        separators = [top for x0, top, x1 in rules
                      if abs(x0 - left) < 12 and x1 - x0 < 0.6 * (right - left) and top > middle]
        for top in sorted(separators, reverse=True):
            below = [line for line in lines if line.top > top]
            if below and (running_on or self._note_number(below[0], last, strict=False) is not None):
                return below
        return None

    def _rule_above(self, line: _Line, lines: list[_Line], rules: list[tuple[float, float, float]]) -> bool:
        above = [other for other in lines if other.top < line.top]
        return any(top <= line.top and (not above or top >= above[-1].bottom - 1) for _, top, _ in rules)

    def _note_number(self, line: _Line, last: int, *, strict: bool) -> int | None:
        """The number a note line opens with: raised digits at its start, or (in sequence) plain
        digits and a space or full stop."""
        if line.raised and line.raised[0][0] == 0:
            start, end, _ = line.raised[0]
            number = int(line.text[start:end])
            if number > last and number <= last + 5 or (not strict and number == last + 1):
                line.number_end = end
                return number
            return None
        plain = NOTE_NUMBER_START.match(line.text)
        if plain and int(plain.group(1)) == last + 1:
            line.number_end = plain.end()
            return int(plain.group(1))
        return None

    def _blocks(self) -> None:
        """Paragraph and heading starts among the body lines, by gaps, indents, short lines
        and type; a note starts where its number stands."""
        heading_sizes = self.body_size * 1.12
        for page in self.pages:
            for column in sorted({line.column for line in page}):
                body = [line for line in page if line.column == column and line.role == "body"]
                if not body:
                    continue
                left = Counter(round(line.x0) for line in body).most_common(1)[0][0]
                right = max(line.x1 for line in body)
                gaps = [b.baseline - a.baseline for a, b in zip(body, body[1:]) if abs(a.size - b.size) < 0.3
                        and 0 < b.baseline - a.baseline < 3 * a.size]
                leading = statistics.median(gaps) if gaps else 1.2 * self.body_size
                previous: _Line | None = None
                for line in body:
                    line.full = line.x1 > right - 1.5 * line.size
                    line.heading = line.size >= heading_sizes or (line.bold and len(line.text) < 200)
                    if previous is None:
                        line.new_block = True
                    else:
                        gap = line.baseline - previous.baseline
                        indented = line.x0 - left > 0.6 * line.size and line.x0 - left < 5 * line.size
                        ended = TERMINAL.search(_without_marker(previous)) is not None
                        short = right - previous.x1 > _first_word_width(line)  # it would have fit
                        line.new_block = (
                            line.heading != previous.heading
                            or (line.heading and (abs(line.size - previous.size) > 0.3 or gap > 1.8 * line.size))
                            or gap > 1.35 * max(leading, line.size) or gap < 0
                            or (indented and previous.x0 - left < 0.3 * line.size and (ended or short))
                            or (short and ended)
                            or bool(LIST_BULLET.match(line.text))
                            or (line.x0 < previous.x0 - 0.6 * line.size and ended))
                    previous = line
            for line in page:
                if line.role == "note" and line.note_number is not None:
                    line.new_block = True
        self._unbold_long_headings()  # a heading is short: a bold paragraph is not one

    def _unbold_long_headings(self) -> None:
        block: list[_Line] = []
        for line in [*self.lines, None]:
            if line is None or line.role != "body" or line.new_block:
                large = block and block[0].size >= self.body_size * 1.12
                if block and block[0].heading and (len(block) > (6 if large else 3)
                                                   or sum(len(b.text) for b in block) > 300):
                    for member in block:
                        member.heading = False
                block = []
            if line is not None and line.role == "body":
                block.append(line)

    def _compose(self) -> None:
        """Layout.text: the pages' lines in reading order, blocks apart, pages by a form feed."""
        parts: list[str] = []
        length = 0
        for number, page in enumerate(self.pages, 1):
            if number > 1:
                parts.append(PAGE_BREAK)
                length += len(PAGE_BREAK)
            page_start = length
            for i, line in enumerate(page):
                if i:
                    separator = "\n\n" if (line.new_block or line.role != page[i - 1].role
                                           or line.column != page[i - 1].column) else "\n"
                    parts.append(separator)
                    length += len(separator)
                line.start = length
                parts.append(line.text)
                length += len(line.text)
            self.layout_.pages.append(Page(number, page_start, length))
        self.layout_.text = "".join(parts)

    # -- sections, body and notes
    def _sections(self) -> None:
        layout = self.layout_
        blocks = self._body_blocks()
        state = "front"
        seen_title = False
        body_blocks: list[list[_Line]] = []
        heading_levels = self._heading_levels(blocks)
        entry: list[_Line] = []  # the reference-list entry read last
        for lines in blocks:
            text = self._plain(lines)
            if lines[0].heading:
                section = SECTION_NAMES.get(text.strip().strip("*_:.").strip().lower()) if len(text) < 45 else None
                if section:
                    state = section
                elif state in ("abstract", "front") and seen_title and state == "abstract":
                    state = "body"
                elif state == "front":
                    seen_title = True
                level = heading_levels.get((round(lines[0].size, 1), lines[0].bold), 3)
                layout.headings.append(Heading(level, text, lines[0].start, section or state))
                if state == "front":
                    layout.front_lines.append((text, lines[0].start))
                elif state == "body":
                    body_blocks.append(lines)
                continue
            labelled = ABSTRACT_LINE.match(text)
            if labelled and state in ("front", "abstract"):
                layout.abstract.append(text[labelled.end():].strip())
                state, seen_title = "front", True
                continue
            keywords = KEYWORDS_LINE.match(text)
            if keywords and state in ("front", "abstract"):
                layout.keywords = [k.strip().rstrip(".") for k in re.split(r"[;,]", text[keywords.end():])
                                   if k.strip().rstrip(".")]
                state = "body"
                continue
            if state in ("references", "notes", "readings") and BACK_MATTER_LINE.match(text):
                state = "back"
            elif state == "front" and seen_title and _is_prose(text, lines):
                state = "body"
            elif state == "abstract" and (len(layout.abstract) >= 4 or any(line.raised for line in lines)):
                state = "body"
            if state == "abstract":
                layout.abstract.append(text)
            elif state == "front":
                layout.front_lines.extend((line.text.strip(), line.start) for line in lines)
            elif state == "back":
                layout.back_lines.extend((line.text.strip(), line.start) for line in lines)
            elif state == "references" or (state == "readings" and _reads_as_entries(text)):
                if entry and (entry[-1].page, entry[-1].column) != (lines[0].page, lines[0].column) and \
                        self._runs_on(entry[-1], lines[0]):  # an entry broken by a page or column break
                    entry += lines
                    layout.reference_lines[-1] = (self._plain(entry), entry[0].start)
                else:
                    entry = list(lines)
                    layout.reference_lines.append((text, lines[0].start))
            elif state == "notes":
                self._endnote(lines)
            else:
                body_blocks.append(lines)
        self._front_furniture()
        self._build_notes()
        self._build_body(body_blocks)

    def _plain(self, lines: list[_Line]) -> str:
        """The lines' text as one: joined, hyphenation undone, markers left out."""
        out = TextMap()
        self._copy_lines(out, lines, 0, markers=None)
        return out.text.strip()

    def _front_furniture(self) -> None:
        """The first page's running head often names the journal, volume and pages: it is
        front matter as well (the work's metadata reads it there)."""
        heads = [line for line in self.pages[0] if line.role == "furniture" and not PAGE_NUMBER.match(line.text)] if self.pages else []
        self.layout_.front_lines[:0] = [(line.text.strip(), line.start) for line in heads]

    def _heading_levels(self, blocks: list[list[_Line]]) -> dict[tuple[float, bool], int]:
        styles = sorted({(round(b[0].size, 1), b[0].bold) for b in blocks if b[0].heading}, key=lambda s: (-s[0], not s[1]))
        return {style: min(6, k) for k, style in enumerate(styles, 1)}

    def _body_blocks(self) -> list[list[_Line]]:
        blocks: list[list[_Line]] = []
        for line in self.lines:
            if line.role != "body":
                continue
            if line.new_block or not blocks:
                blocks.append([line])
            else:
                blocks[-1].append(line)
        return blocks

    def _endnote(self, lines: list[_Line]) -> None:
        """A paragraph of an endnotes section: a note, numbered by its opening digits."""
        first = lines[0]
        number = self._note_number(first, self._last_endnote(), strict=False)
        if number is None:
            plain = NOTE_NUMBER_START.match(first.text)
            if plain:
                number, first.number_end = int(plain.group(1)), plain.end()
        for line in lines:
            line.role = "note"
        first.note_number = number
        first.new_block = True
        if number is None:
            first.number_end = 0

    def _last_endnote(self) -> int:
        numbers = [line.note_number for line in self.lines if line.role == "note" and line.note_number]
        return max(numbers, default=0)

    def _build_notes(self) -> None:
        layout = self.layout_
        notes: list[list[_Line]] = []
        for line in self.lines:  # in reading order: a note's run-on at the next page's foot follows it
            if line.role != "note":
                continue
            if line.note_number is not None or line.new_block and not notes or not notes:
                notes.append([line])
            else:
                notes[-1].append(line)
        for lines in notes:
            note_map = TextMap()
            self._copy_lines(note_map, lines, lines[0].number_end, markers=None)
            text = note_map.text
            boxes: dict[int, list[float]] = {}
            for line in lines:
                box = boxes.setdefault(line.page, [line.x0, line.top, line.x1, line.bottom])
                box[0], box[1] = min(box[0], line.x0), min(box[1], line.top)
                box[2], box[3] = max(box[2], line.x1), max(box[3], line.bottom)
            layout.notes.append(NoteBlock(
                number=lines[0].note_number, text=text.strip(), map=note_map,
                source_start=lines[0].start, source_end=lines[-1].start + len(lines[-1].text),
                boxes=[(page + 1, *(round(v, 1) for v in box)) for page, box in boxes.items()]))

    def _build_body(self, blocks: list[list[_Line]]) -> None:
        layout = self.layout_
        body = layout.body
        self._bare_markers(blocks)
        previous: list[_Line] | None = None
        for lines in blocks:
            heading = lines[0].heading
            continued = (previous is not None and not heading and not previous[0].heading
                         and (previous[-1].page != lines[0].page or previous[-1].column != lines[0].column)
                         and self._runs_on(previous[-1], lines[0]))
            if previous is not None:
                body.rstrip_spaces()
                end = previous[-1].start + len(previous[-1].text)
                if continued and self._joins(previous[-1], lines[0]) != SPACE:
                    self._unhyphen_tail(body, previous[-1], lines[0])
                else:
                    body.emit(" " if continued else "\n\n", end, lines[0].start)
            opened = len(body)
            self._copy_lines(body, lines, 0, markers=layout.markers)
            body.rstrip_spaces()
            if continued and layout.blocks:
                layout.blocks[-1].end = len(body)
            else:
                kind = "heading" if heading else "list-item" if LIST_BULLET.match(lines[0].text) else "paragraph"
                layout.blocks.append(BodyBlock(kind, opened, len(body)))
            previous = lines

    def _runs_on(self, last: _Line, first: _Line) -> bool:
        """Does a paragraph broken by a page or column break go on in ``first``?"""
        tail = _without_marker(last)
        return (TERMINAL.search(tail) is None or first.text[:1].islower()
                or (last.full and not ENTRY_START.match(first.text)))

    def _unhyphen_tail(self, body: TextMap, last: _Line, first: _Line) -> None:
        """A word hyphenated across a page break: the hyphen already copied is taken back."""
        if self._joins(last, first) == DROP and body.last_char() in "-\u00ad":
            _drop_last_char(body)

    def _joins(self, line: _Line, following: _Line) -> str:
        """How a line joins the next: DROP the hyphen the typesetter added ("diplo-|matic"),
        GLUE without a space (a compound's own hyphen, a dash between numbers or words, a URL
        broken without a hyphen), or SPACE."""
        text = line.text.rstrip()
        if URL_TAIL.search(text) and text[-1] not in ",;)" and not following.text[:1].isupper():
            return GLUE
        if text.endswith("\u00ad"):
            return DROP
        if len(text) > 1 and text[-1] in "-‐" and text[-2].isalpha():
            return GLUE if self._keeps_hyphen(text, following.text.lstrip()) else DROP
        if len(text) > 1 and text[-1] in "-‐–—" and not text[-2].isspace():
            return GLUE
        return SPACE

    def _keeps_hyphen(self, text: str, following: str) -> bool:
        """The rule for a hyphen at a line's end: it is the word's own (kept) when what follows
        starts with a capital or a digit ("Soviet-|Japanese", "Sino-|Soviet", "1939-|1941"); when
        the document writes the hyphenated form elsewhere and never the joined one
        ("non-|aggression" with "non-aggression" on another line), or other compounds of the
        same first part ("советско-|японские" beside "советско-германского"); and always when
        the typesetter did not hyphenate at all (``_hyphenates``). Otherwise it is the
        typesetter's, and dropped ("diplo-|matic"). A soft hyphen (U+00AD) is always dropped."""
        head = re.search(r"([^\W\d_]+)-$", text)
        tail = re.match(r"([^\W_]+)", following)
        if head is None or tail is None or not self.hyphenates:
            return True
        if tail.group(1)[:1].isupper() or tail.group(1)[:1].isdigit():
            return True
        joined = (head.group(1) + tail.group(1)).lower()
        hyphenated = f"{head.group(1)}-{tail.group(1)}".lower()
        if joined in self.words:
            return False
        return hyphenated in self.words or head.group(1).lower() in self.compound_heads

    def _copy_lines(self, out: TextMap, lines: list[_Line], skip: int, markers: list[Marker] | None) -> None:
        """Lines into ``out``: joined, hyphenation undone, raised digits taken out as markers
        (or, in a note, left out)."""
        text = self.layout_.text
        for i, line in enumerate(lines):
            start = line.start + (skip if i == 0 else 0)
            end = line.start + len(line.text.rstrip())
            joint = self._joins(line, lines[i + 1]) if i + 1 < len(lines) else SPACE
            copy_end = end - 1 if joint == DROP else end
            position = start
            for r_start, r_end, raised in line.raised:
                at, to = line.start + r_start, line.start + r_end
                if at < position or to > copy_end:
                    continue
                out.copy(text, position, at)
                if markers is not None:
                    out.rstrip_spaces()
                    markers.append(Marker(int(text[at:to]), len(out), at, to, explicit=raised))
                position = to
            out.copy(text, position, copy_end)
            if i + 1 < len(lines):
                if joint == SPACE:
                    out.rstrip_spaces()
                    out.emit(" ", end, lines[i + 1].start)

    def _bare_markers(self, blocks: list[list[_Line]]) -> None:
        """Where a PDF printed markers as plain digits glued after punctuation ("actions.20"),
        take those that fall in the note sequence between the raised ones (so years, counts
        and list numbers stay text)."""
        notes = {note.number for note in self.layout_.notes if note.number is not None}
        explicit = [(line, int(line.text[s:e])) for lines in blocks for line in lines for s, e, _ in line.raised]
        missing = notes - {n for _, n in explicit}
        if not missing:
            return
        events: list[tuple[_Line, int, int, int, bool]] = []  # line, start, end, number, explicit
        for lines in blocks:
            for line in lines:
                spans = [(s, e, int(line.text[s:e]), True) for s, e, _ in line.raised]
                for m in BARE_MARKER.finditer(line.text):
                    if not any(s <= m.start(1) < e for s, e, _, _ in spans):
                        spans.append((m.start(1), m.end(1), int(m.group(1)), False))
                events.extend((line, s, e, n, x) for s, e, n, x in sorted(spans))
        last = 0
        for k, (line, start, end, number, is_explicit) in enumerate(events):
            if is_explicit:
                last = max(last, number)
                continue
            ceiling = next((n for _, _, _, n, x in events[k + 1:] if x), max(notes) + 1)
            if number in missing and last < number < ceiling:
                line.raised.append((start, end, False))
                line.raised.sort()
                missing.discard(number)
                last = number


def _drop_last_char(body: TextMap) -> None:
    body.rstrip_spaces()
    pieces = body._pieces  # noqa: SLF001 - TextMap has no public "take back one character"
    if pieces and pieces[-1]:
        piece = pieces[-1]
        if len(piece) == 1:
            for column in (body._pieces, body._clean_starts, body._source_starts, body._source_ends, body._exact):
                column.pop()
        else:
            pieces[-1] = piece[:-1]
            if body._exact[-1]:
                body._source_ends[-1] -= 1
        body._length -= 1
        body._text = None


def _first_word_width(line: _Line) -> float:
    """About how wide the line's first word (and a space) is set."""
    word = line.text.split(" ", 1)[0]
    return (len(word) + 1) * (line.x1 - line.x0) / max(1, len(line.text))


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _without_marker(line: _Line) -> str:
    text = line.text.rstrip()
    if line.raised and line.raised[-1][1] >= len(text):
        text = text[:line.raised[-1][0]]
    return text.rstrip()




def _is_prose(text: str, lines: list[_Line]) -> bool:
    """Running text, not a title-page line: long, or a sentence a note supports."""
    if any(line.raised for line in lines):
        return True
    return len(text) > 200 and TERMINAL.search(text) is not None or len(lines) >= 3
