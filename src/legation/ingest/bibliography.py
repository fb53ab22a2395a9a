"""A reference manager's export read as a bibliography: Zotero's CSL-JSON or a BibTeX file.

What a historian keeps in Zotero is the bibliography their notes and author–year citations
point to. ``read_library`` reads such an export into a ``Library``: one ``Reference`` per item
(``id`` is the item's citation key — CSL-JSON's ``citation-key`` where Zotero writes one, else
its ``id``; BibTeX's entry key), each with its place in the file (``source_start``/``source_end``
are character offsets into the decoded file, ``text`` is the item as written there) and its
position among the file's items; and the item itself as CSL-JSON, BibTeX read into CSL's
variables, so that what the store keeps of either format is the same.

The format is told by the content (a JSON list, or ``@type{key,`` entries), not the name. A file
that is neither, JSON that does not parse, an item that is not a CSL item, BibTeX with an
unbalanced brace or a field without its value is refused whole with one line naming the file and
the place (line, item); nothing of it is used.

BibTeX is read by the small reader below rather than a library: it keeps every entry's
character offsets (a parser such as bibtexparser gives the line only), and it decodes what
reference managers write — LaTeX accents in either spelling (``\\'{e}``, ``{\\'e}``, ``\\=O`` for
Ō), ``\\ss``, ``\\o``, ``\\l``, escaped specials (``\\&``, ``\\%``), dashes (``--``), and braces
kept around a word to protect its case. Names are read as BibTeX reads them ("von Last, Jr,
First", "Last, First", "First von Last"; ``and`` at the top level separates them; a braced name
is an institution's, kept whole), except that a name in Chinese or Japanese script written
without a comma ("細谷 千博") is family name first, as it is written; Cyrillic names are read as
any other.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from legation.errors import InputError
from legation.model import Reference

# Names a bibliography goes by on the command line: `legation ingest library.json article.md`.
LIBRARY_SUFFIXES = frozenset({".json", ".csljson", ".bib", ".bibtex"})

# ---------------------------------------------------------------------------------------------
# The library read.


@dataclass(slots=True)
class Library:
    """A bibliography file read: its items as References (``id`` the citation key, offsets into
    ``text``) and as CSL-JSON, in file order; what was passed over is said in ``notes``."""

    path: str
    sha256: str
    size: int
    format: str  # "csljson" or "bibtex"
    text: str
    items: list[Reference] = field(default_factory=list)
    csl: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.sha256[:16]


def read_library(path: str | Path) -> Library:
    """The bibliography in ``path``, or an InputError saying in one line why it is none."""
    shown = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as problem:
        raise InputError(shown, f"cannot be read ({problem.strerror or problem})") from None
    if not data.strip():
        raise InputError(shown, "empty file, not a bibliography")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        raise InputError(shown, f"not UTF-8 text (invalid byte at offset {problem.start})") from None
    library = Library(shown, hashlib.sha256(data).hexdigest(), len(data), "", text)
    head = text.lstrip()[:1]
    if head in "[{":
        library.format = "csljson"
        entries = _csl_items(shown, text)
    elif "@" in text:
        library.format = "bibtex"
        entries = _bibtex_items(shown, text)
    else:
        raise InputError(shown, "neither CSL-JSON (a list of items) nor BibTeX (@type{key, …} entries)")
    if not entries:
        raise InputError(shown, "no items in this bibliography")
    seen: set[str] = set()
    for item, start, end in entries:
        key = str(item.get("citation-key") or item["id"])
        if key in seen:
            library.notes.append(f"{key!r} again at line {_line(text, start)}: the first item of that key is kept")
            continue
        seen.add(key)
        library.csl.append(item)
        library.items.append(csl_reference(item, key, text[start:end], start, end))
    return library


def csl_reference(item: dict[str, Any], key: str, text: str, start: int | None = None,
                  end: int | None = None) -> Reference:
    """A CSL-JSON item as a Reference keyed ``key``: what citations are matched against."""
    year = csl_year(item)
    authors = [_reference_name(n) for n in item.get("author") or [] if _reference_name(n)]
    editors = [_reference_name(n) for n in item.get("editor") or [] if _reference_name(n)]
    names = authors or editors
    title = _text(item.get("title"))
    lead = names[0]["family"] if names else " ".join(re.split(r"[:.;,(\[]", title or key)[0].split()[:4])
    label = f"{lead} {year}" if year else lead
    return Reference(
        id=key, label=label, text=text, authors=authors, year=year, title=title,
        container=_text(item.get("container-title") or item.get("collection-title")),
        volume=_text(item.get("volume")), issue=_text(item.get("issue")),
        place=_text(item.get("publisher-place")), publisher=_text(item.get("publisher")),
        pages=_text(item.get("page")), language=_text(item.get("language")), doi=_text(item.get("DOI")),
        type=str(item.get("type") or "book"), editors=editors,
        translators=[_reference_name(n) for n in item.get("translator") or [] if _reference_name(n)],
        source_start=start, source_end=end)


def csl_year(item: dict[str, Any]) -> int | None:
    """The year an item was issued: its first date part, or the first year in a raw or literal date."""
    issued = item.get("issued")
    if not isinstance(issued, dict):
        return None
    parts = issued.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        found = re.match(r"\s*(-?\d{1,4})\s*$", str(parts[0][0]))
        if found:
            return int(found.group(1))
    for name in ("raw", "literal"):
        found = re.search(r"(?<!\d)(\d{4})(?!\d)", str(issued.get(name) or ""))
        if found:
            return int(found.group(1))
    return None


def _reference_name(name: dict[str, Any]) -> dict[str, str] | None:
    """A CSL name as a Reference's: the family name with its non-dropping particle ("van der
    Zwaan"), the given name; a literal name (an institution, a name Zotero keeps in one field) as
    the family name, which is what a citation names."""
    family = " ".join(p for p in (_text(name.get("non-dropping-particle")), _text(name.get("family"))) if p)
    if not family:
        literal = _text(name.get("literal"))
        return {"family": literal} if literal else None
    given = " ".join(p for p in (_text(name.get("given")), _text(name.get("dropping-particle"))) if p)
    return {"family": family, "given": given} if given else {"family": family}


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(str(value).split())
    return text or None


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


# ---------------------------------------------------------------------------------------------
# CSL-JSON: a list of items, each read with its offsets (the decoder's own positions).

CSL_NAME_VARIABLES = ("author", "editor", "translator", "container-author", "collection-editor", "director",
                      "interviewer", "recipient", "reviewed-author", "composer", "illustrator")
CSL_DATE_VARIABLES = ("issued", "accessed", "event-date", "original-date", "submitted")


def _csl_items(path: str, text: str) -> list[tuple[dict[str, Any], int, int]]:
    decoder = json.JSONDecoder()
    pos = _skip_space(text, 0)
    if text[pos] == "{":  # one item, or an object that is no bibliography
        item, end = _decode(path, decoder, text, pos)
        if isinstance(item, dict) and "items" in item and isinstance(item["items"], list):
            raise InputError(path, "a JSON object with 'items', not CSL-JSON: export the library as CSL JSON "
                                   "(a list of items)")
        _check_csl_item(path, text, item, 1, pos)
        if _skip_space(text, end) != len(text):
            raise InputError(path, f"not valid JSON: extra data at line {_line(text, _skip_space(text, end))}")
        return [(item, pos, end)]
    entries: list[tuple[dict[str, Any], int, int]] = []
    pos = _skip_space(text, pos + 1)
    while pos < len(text) and text[pos] != "]":
        item, end = _decode(path, decoder, text, pos)
        _check_csl_item(path, text, item, len(entries) + 1, pos)
        entries.append((item, pos, end))
        pos = _skip_space(text, end)
        if pos < len(text) and text[pos] == ",":
            pos = _skip_space(text, pos + 1)
        elif pos < len(text) and text[pos] != "]":
            raise InputError(path, f"not valid JSON: ',' or ']' expected at line {_line(text, pos)}")
    if pos >= len(text):
        raise InputError(path, "not valid JSON: the list of items is not closed (']' missing at the end)")
    if _skip_space(text, pos + 1) != len(text):
        raise InputError(path, f"not valid JSON: extra data at line {_line(text, _skip_space(text, pos + 1))}")
    return entries


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _decode(path: str, decoder: json.JSONDecoder, text: str, pos: int) -> tuple[Any, int]:
    try:
        return decoder.raw_decode(text, pos)
    except json.JSONDecodeError as problem:
        raise InputError(path, f"not valid JSON: {problem.msg} at line {problem.lineno}, "
                               f"column {problem.colno}") from None


def _check_csl_item(path: str, text: str, item: Any, number: int, pos: int) -> None:
    """A CSL item has an id and a type; its names are lists of name objects, its dates objects."""
    where = f"item {number} (line {_line(text, pos)})"
    if not isinstance(item, dict):
        raise InputError(path, f"not CSL-JSON: {where} is a {type(item).__name__}, not an item")
    for name in ("id", "type"):
        if isinstance(item.get(name), (dict, list, bool)) or item.get(name) in (None, ""):
            raise InputError(path, f"not CSL-JSON: {where} has no {name}")
    for variable in CSL_NAME_VARIABLES:
        names = item.get(variable)
        if names is not None and not (isinstance(names, list) and all(isinstance(n, dict) for n in names)):
            raise InputError(path, f"not CSL-JSON: {where}: '{variable}' is not a list of names")
    for variable in CSL_DATE_VARIABLES:
        if item.get(variable) is not None and not isinstance(item[variable], dict):
            raise InputError(path, f"not CSL-JSON: {where}: '{variable}' is not a date object")


# ---------------------------------------------------------------------------------------------
# BibTeX: entries with their offsets, fields decoded from LaTeX, and read into CSL variables.

BIBTEX_TYPES = {
    "article": "article-journal", "book": "book", "booklet": "book", "inbook": "chapter", "incollection": "chapter",
    "inproceedings": "paper-conference", "conference": "paper-conference", "proceedings": "book",
    "collection": "book", "mvbook": "book", "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
    "techreport": "report", "report": "report", "manual": "book", "unpublished": "manuscript",
    "online": "webpage", "www": "webpage", "misc": "document", "periodical": "periodical",
}
# BibTeX (and biblatex) field -> CSL variable, for the plain fields
BIBTEX_FIELDS = {
    "title": "title", "shorttitle": "title-short", "volume": "volume", "edition": "edition", "pages": "page",
    "publisher": "publisher", "address": "publisher-place", "location": "publisher-place", "doi": "DOI",
    "url": "URL", "isbn": "ISBN", "issn": "ISSN", "language": "language", "langid": "language", "note": "note",
    "abstract": "abstract", "series": "collection-title", "archiveprefix": "archive", "archive": "archive",
    "howpublished": "medium", "keywords": "keyword", "eprint": "number", "type": "genre",
    "journal": "container-title", "journaltitle": "container-title", "booktitle": "container-title",
    "school": "publisher", "institution": "publisher", "organization": "publisher",
    "archive_location": "archive_location", "library": "archive-place",
}
BIBTEX_NAME_FIELDS = {"author": "author", "editor": "editor", "translator": "translator"}
MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
ENTRY_START = re.compile(r"@[ \t]*([A-Za-z]\w*)[ \t\r\n]*([{(])")
KEY = re.compile(r"[^\s,{}()\"#%'=\\]+")
FIELD_NAME = re.compile(r"[A-Za-z_][\w:.+-]*")
NUMBER = re.compile(r"\d+")
SKIPPED_ENTRIES = frozenset({"comment", "preamble"})


def _bibtex_items(path: str, text: str) -> list[tuple[dict[str, Any], int, int]]:
    strings: dict[str, str] = {name: str(number) for name, number in MONTHS.items()}
    entries = []
    pos = 0
    while (start := text.find("@", pos)) != -1:
        match = ENTRY_START.match(text, start)
        if match is None:  # an @ in the text between entries, which BibTeX passes over
            pos = start + 1
            continue
        kind, closing = match.group(1).lower(), "}" if match.group(2) == "{" else ")"
        if kind in SKIPPED_ENTRIES:
            pos = _balanced_end(path, text, match.end() - 1, closing)
            continue
        reader = _EntryReader(path, text, match.end(), closing, strings, start)
        if kind == "string":
            strings.update(reader.fields(string=True))
            pos = reader.pos
            continue
        key = reader.key()
        fields = reader.fields()
        entries.append((bibtex_to_csl(kind, key, fields), start, reader.pos))
        pos = reader.pos
    return entries


def _balanced_end(path: str, text: str, opening: int, closing: str, what: str = "entry") -> int:
    """The offset after the delimiter that closes the one at ``opening`` (braces balanced inside):
    an entry's brace or parenthesis, a value's brace or quote."""
    depth, pos = 0, opening + 1
    while pos < len(text):
        char = text[pos]
        if char == "\\":
            pos += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0 and closing == "}":
                return pos + 1
            depth -= 1
        elif char == closing and depth == 0:
            return pos + 1
        pos += 1
    raise InputError(path, f"not BibTeX: the {what} that begins on line {_line(text, opening)} is not closed "
                           f"(unbalanced braces)")


class _EntryReader:
    """Reads one entry's key and fields from just after its opening delimiter."""

    def __init__(self, path: str, text: str, pos: int, closing: str, strings: dict[str, str], start: int):
        self.path, self.text, self.pos, self.closing, self.strings = path, text, pos, closing, strings
        self.where = f"the entry that begins on line {_line(text, start)}"

    def fail(self, what: str) -> InputError:
        return InputError(self.path, f"not BibTeX: {self.where}: {what} (line {_line(self.text, self.pos)})")

    def skip(self) -> None:
        self.pos = _skip_space(self.text, self.pos)

    def key(self) -> str:
        self.skip()
        match = KEY.match(self.text, self.pos)
        if match is None:
            raise self.fail("no citation key")
        self.pos = match.end()
        self.skip()
        if self.text.startswith(",", self.pos):
            self.pos += 1
        elif not self.text.startswith(self.closing, self.pos):
            raise self.fail(f"',' expected after the key {match.group()!r}")
        return match.group()

    def fields(self, string: bool = False) -> dict[str, str]:
        found: dict[str, str] = {}
        while True:
            self.skip()
            if self.pos >= len(self.text):
                raise self.fail("not closed (unbalanced braces)")
            if self.text.startswith(self.closing, self.pos):
                self.pos += 1
                return found
            name = FIELD_NAME.match(self.text, self.pos)
            if name is None:
                raise self.fail(f"a field name expected, not {self.text[self.pos:self.pos + 12]!r}")
            self.pos = name.end()
            self.skip()
            if not self.text.startswith("=", self.pos):
                raise self.fail(f"'=' expected after the field {name.group()!r}")
            self.pos += 1
            value = self.value()
            found[name.group() if string else name.group().lower()] = value
            self.skip()
            if self.pos >= len(self.text):
                raise self.fail("not closed (unbalanced braces)")
            if self.text.startswith(",", self.pos):
                self.pos += 1
            elif not self.text.startswith(self.closing, self.pos):
                raise self.fail(f"',' expected after the field {name.group()!r}")

    def value(self) -> str:
        """A field's value as written (braces kept, for the names): parts joined by #."""
        parts = []
        while True:
            self.skip()
            char = self.text[self.pos:self.pos + 1]
            if char == "{":
                end = _balanced_end(self.path, self.text, self.pos, "}", "value")
                parts.append(self.text[self.pos + 1:end - 1])
                self.pos = end
            elif char == '"':
                end = _balanced_end(self.path, self.text, self.pos, '"', "value")
                parts.append(self.text[self.pos + 1:end - 1])
                self.pos = end
            elif number := NUMBER.match(self.text, self.pos):
                parts.append(number.group())
                self.pos = number.end()
            elif macro := FIELD_NAME.match(self.text, self.pos):
                if macro.group().lower() not in {k.lower() for k in self.strings}:
                    raise self.fail(f"undefined string {macro.group()!r}")
                parts.append(next(v for k, v in self.strings.items() if k.lower() == macro.group().lower()))
                self.pos = macro.end()
            else:
                raise self.fail("a field without its value")
            self.skip()
            if not self.text.startswith("#", self.pos):
                return "".join(parts)
            self.pos += 1


def bibtex_to_csl(kind: str, key: str, fields: dict[str, str]) -> dict[str, Any]:
    """A BibTeX entry (fields as written) as a CSL-JSON item."""
    item: dict[str, Any] = {"id": key, "type": BIBTEX_TYPES.get(kind, "document")}
    for name, variable in BIBTEX_NAME_FIELDS.items():
        if fields.get(name):
            names = [n for n in (bibtex_name(part) for part in split_names(fields[name])) if n]
            if names:
                item[variable] = names
    for name, value in fields.items():
        variable = BIBTEX_FIELDS.get(name)
        if variable and variable not in item and (decoded := latex_to_text(value)):
            item[variable] = decoded.replace("--", "–") if variable == "page" else decoded
    if kind == "article" and fields.get("number"):
        item["issue"] = latex_to_text(fields["number"])
    elif fields.get("number"):
        item["number"] = latex_to_text(fields["number"])
    if fields.get("issue") and "issue" not in item:
        item["issue"] = latex_to_text(fields["issue"])
    date = _bibtex_date(fields)
    if date:
        item["issued"] = {"date-parts": [date]}
    return item


def _bibtex_date(fields: dict[str, str]) -> list[int]:
    """[year, month, day] from biblatex's date or BibTeX's year and month, as far as given."""
    date = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", latex_to_text(fields.get("date", "")))
    if date:
        return [int(part) for part in date.groups() if part]
    year = re.search(r"(?<!\d)(\d{4})(?!\d)", latex_to_text(fields.get("year", "")))
    if not year:
        return []
    parts = [int(year.group(1))]
    month = latex_to_text(fields.get("month", "")).strip().lower()[:3]
    number = MONTHS.get(month) or (int(month) if month.isdigit() and 1 <= int(month) <= 12 else None)
    return parts + [number] if number else parts


# --- names ---------------------------------------------------------------------------------------

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def _top_level(text: str, pattern: re.Pattern[str]) -> list[str]:
    """``text`` split where ``pattern`` matches outside braces."""
    parts, depth, last, pos = [], 0, 0, 0
    while pos < len(text):
        char = text[pos]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and (match := pattern.match(text, pos)):
            parts.append(text[last:pos])
            last = pos = match.end()
            continue
        pos += 1
    parts.append(text[last:])
    return parts


def split_names(value: str) -> list[str]:
    """The names of an author field: separated by ``and`` outside braces; ``others`` (et al.) left out."""
    return [part.strip() for part in _top_level(value.strip(), AND) if part.strip() and part.strip() != "others"]


def bibtex_name(name: str) -> dict[str, str] | None:
    """A BibTeX name as a CSL name: "Last, First", "von Last, Jr, First", "First von Last"; a
    name braced whole is an institution's (``literal``); a CJK name without a comma is family first."""
    name = name.strip()
    if not name:
        return None
    if name.startswith("{") and _brace_closing(name) == len(name) - 1:
        return {"literal": latex_to_text(name)}
    parts = [part.strip() for part in _top_level(name, re.compile(","))]
    if len(parts) >= 2:
        family, given = parts[0], parts[-1]
        result = {"family": latex_to_text(family)}
        if latex_to_text(given):
            result["given"] = latex_to_text(given)
        if len(parts) == 3 and latex_to_text(parts[1]):
            result["suffix"] = latex_to_text(parts[1])
        return result
    words = [word for word in _top_level(name, re.compile(r"\s+")) if word]
    if len(words) == 1:
        return {"family": latex_to_text(words[0])}
    if CJK.search(name):  # 細谷 千博: written family name first
        return {"family": latex_to_text(words[0]), "given": latex_to_text(" ".join(words[1:]))}
    last = len(words) - 1
    while last > 1 and _lower_case(words[last - 1]):  # "Ludwig van Beethoven": the particle goes with the family
        last -= 1
    given, family = words[:last], words[last:]
    result = {"family": latex_to_text(" ".join(family))}
    if given:
        result["given"] = latex_to_text(" ".join(given))
    return result


def _brace_closing(text: str) -> int:
    """Where the brace that opens ``text`` closes (-1: it does not)."""
    depth = 0
    for pos, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return pos
    return -1


def _lower_case(word: str) -> bool:
    """A von part: a word whose first letter outside braces is lower case."""
    letters = [ch for ch in latex_to_text(word) if ch.isalpha()]
    return bool(letters) and letters[0].islower() and not word.startswith("{")


# --- LaTeX ---------------------------------------------------------------------------------------

ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
           ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
           "r": "\u030a", "b": "\u0331", "d": "\u0323", "t": "\u0361"}
SYMBOLS = {"ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
           "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ",
           "NG": "Ŋ", "textendash": "–", "textemdash": "—", "textquoteright": "’", "textquoteleft": "‘",
           "textquotedblleft": "“", "textquotedblright": "”", "textbackslash": "\\", "textasciitilde": "~",
           "textasciicircum": "^", "textunderscore": "_", "textbar": "|", "guillemotleft": "«",
           "guillemotright": "»", "S": "§", "P": "¶", "dag": "†", "copyright": "©", "ldots": "…", "dots": "…",
           "textellipsis": "…", "LaTeX": "LaTeX", "TeX": "TeX", "nobreakspace": " ", "textnumero": "№"}
# \accent{letter}, {\accent letter}, \accent letter: the accent commands of a letter
ACCENT = re.compile(r"\\([`'^\"~=.]|[uvHckrbdt](?![A-Za-z]))\s*(?:\{\s*(\\[ij](?![A-Za-z])|[^{}\\])?\s*\}|(\\[ij](?![A-Za-z])|[^\s{}\\]))")
SYMBOL = re.compile(r"\\([A-Za-z]+)(?![A-Za-z])(?:\{\})?\s?")
ESCAPED = re.compile(r"\\([&%$#_{}~^ ,;:!/@])")
COMMAND_WITH_ARGUMENT = re.compile(r"\\[A-Za-z]+\*?\s*(?=\{)")
PUNCTUATION = (("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"), ("~", " "))


def latex_to_text(value: str) -> str:
    """What LaTeX would print, in Unicode: accents composed, specials and dashes as characters,
    formatting commands (\\emph{…}) and case-protecting braces gone, spaces collapsed."""
    if not value:
        return ""
    held: list[str] = []  # what a command or an escape stands for, kept from the steps after it
    text = ACCENT.sub(lambda m: _accented(m, held), value)
    text = SYMBOL.sub(lambda m: _hold(held, SYMBOLS[m.group(1)]) if m.group(1) in SYMBOLS else m.group(0), text)
    text = COMMAND_WITH_ARGUMENT.sub("", text)  # \emph{X} -> {X}; an unknown \command{X} keeps X
    text = re.sub(r"\\[A-Za-z]+\*?", "", text)  # an unknown command without argument
    text = ESCAPED.sub(lambda m: _hold(held, " " if m.group(1) in " ,;:!/@" else m.group(1)), text)
    for written, meant in PUNCTUATION:
        text = text.replace(written, meant)
    text = text.replace("{", "").replace("}", "").replace("$", "")
    text = HELD.sub(lambda m: held[int(m.group(1))], text)
    return unicodedata.normalize("NFC", " ".join(text.split()))


HELD = re.compile("\x00(\\d+)\x00")


def _hold(held: list[str], text: str) -> str:
    """A placeholder for what a command or an escape stands for ("\\&", "\\textbackslash{}"), so
    that the braces, dashes and backslashes it may be are not read again."""
    held.append(text)
    return f"\x00{len(held) - 1}\x00"


def _accented(match: re.Match[str], held: list[str]) -> str:
    base = match.group(2) or match.group(3) or ""
    if base in ("\\i", "\\j"):
        base = base[1]  # \'{\i}: the dotless i takes the accent as i
    if not base:  # "\~{}", "\^{}": the accent's own character
        return _hold(held, match.group(1) if match.group(1) in "~^'`\"" else "")
    return base + ACCENTS[match.group(1)]
