"""Work metadata from an article's front and back matter: title, authors, DOI, journal, issue.

Journals print the same facts in different places: a running line (``Russian Japanology
Review, 2025, 1, pp. 73–92``), a DOI line, a "For citations" line in Vancouver style
(``Journal. 2025;8(1):73-92.``), an author heading or an "About the Author" block. Each pattern
below fills what it can; earlier, more specific sources win.
"""

from __future__ import annotations

import re

from legation.lexicon.journals import JOURNAL_LINES
from legation.model import Layout, Work

DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>\]]+[^\s\"<>\].,;)])")
VANCOUVER = re.compile(
    r"(?P<journal>[A-ZА-ЯЁ][^.;\n]{2,120})\.\s*(?P<year>(?:1[5-9]|20)\d{2});\s*(?P<volume>\w+)"
    r"(?:\((?P<issue>[^)]{1,10})\))?:\s*(?P<pages>\d+\s*[–—-]\s*\d+)"
)
CITATION_AUTHORS = re.compile(r"^(?P<names>(?:[A-ZА-ЯЁ][\w'’-]+\s+(?:[A-ZА-ЯЁ]\.\s?){1,3},?\s*)+)")
NAME_INITIALS_FIRST = re.compile(r"^((?:[A-ZА-ЯЁ]\.\s?){1,3}\s?[A-ZА-ЯЁ][a-zа-яё'’-]+)")
PERSONAL_NAME = re.compile(r"^(?:[A-ZА-ЯЁ][a-zа-яё'’-]+|[A-ZА-ЯЁ]\.)(?:\s*(?:[A-ZА-ЯЁ][a-zа-яё'’-]+|[A-ZА-ЯЁ]\.)){1,3}$")
NAME_LIST_SEPARATOR = re.compile(r"\s*(?:,|\band\b|&|\bи\b)\s*")
URL_LINE = re.compile(r"^(?:https?://|DOI:?\s|doi:)", re.I)


def extract_work(layout: Layout) -> Work:
    if layout.work is not None:
        return layout.work  # the reader knew it from the markup
    work = Work(abstract="\n\n".join(layout.abstract) or None, keywords=layout.keywords)
    front = [text for text, _ in layout.front_lines]
    back = [text for text, _ in layout.back_lines]
    _title(work, layout, front)
    _doi(work, front, layout.text)
    for line in front:
        _journal_line(work, line)
    _citation_line(work, back)
    _authors(work, layout, back)
    if work.pages:
        work.pages = re.sub(r"\s*[—-]\s*", "–", work.pages)
    return work


def _title(work: Work, layout: Layout, front: list[str]) -> None:
    headings = [h for h in layout.headings if h.section == "front"]
    if headings:
        work.title = headings[0].text
        return
    for line in front:
        if not URL_LINE.match(line) and not _journal_match(line) and len(line) > 15:
            work.title = line
            return


def _doi(work: Work, front: list[str], text: str) -> None:
    match = next((m for m in map(DOI.search, front) if m), None) or DOI.search(text[:5000])
    if match:
        work.doi = match.group(1)


def _journal_match(line: str) -> re.Match | None:
    return next((m for m in (p.match(line) for p in JOURNAL_LINES) if m), None)


def _journal_line(work: Work, line: str) -> None:
    match = _journal_match(line)
    if match and not work.journal:
        _fill(work, match)


def _citation_line(work: Work, back: list[str]) -> None:
    """"For citations: Degtev I.A. Title. Journal. 2025;8(1):73-92." fills gaps and authors."""
    for line in back:
        match = VANCOUVER.search(line)
        if match:
            _fill(work, match)
            names = CITATION_AUTHORS.match(line)
            if names and not work.authors:
                work.authors = [_initials_first(n) for n in re.split(r",\s*", names.group("names").strip(", "))]
            return


def _fill(work: Work, match: re.Match) -> None:
    found = match.groupdict()
    for field in ("journal", "volume", "issue", "pages"):
        if found.get(field) and not getattr(work, field):
            setattr(work, field, found[field].strip())
    if found.get("year") and not work.year:
        work.year = int(found["year"])


def _initials_first(name: str) -> str:
    """"Degtev I.A." -> "I. A. Degtev": one form whichever way a source prints the name."""
    parts = name.split(None, 1)
    if len(parts) < 2:
        return name
    initials = " ".join(f"{c}." for c in re.findall(r"([A-ZА-ЯЁ])\.", parts[1]))
    return f"{initials} {parts[0]}"


def _authors(work: Work, layout: Layout, back: list[str]) -> None:
    if work.authors:
        return
    headings = [h for h in layout.headings if h.section == "front"][1:]
    for heading in headings:
        names = [n.strip() for n in re.split(r",| and ", heading.text) if NAME_INITIALS_FIRST.match(n.strip())]
        if names:
            work.authors = [NAME_INITIALS_FIRST.match(n).group(1) for n in names]
            return
    names = _name_line_after_title(work, layout)
    if names:
        work.authors = names
        return
    for line in back:
        match = NAME_INITIALS_FIRST.match(line)
        if match:
            work.authors = [re.sub(r"\.\s?", ". ", match.group(1)).replace("  ", " ")]
            return


def _name_line_after_title(work: Work, layout: Layout) -> list[str]:
    """In plain text the authors stand on the line after the title: "John A. Smith and B. Jones"."""
    lines = [text for text, _ in layout.front_lines]
    if work.title not in lines:
        return []
    following = lines[lines.index(work.title) + 1:lines.index(work.title) + 2]
    for line in following:
        parts = [p for p in NAME_LIST_SEPARATOR.split(line.strip()) if p]
        if parts and len(line) < 150 and all(PERSONAL_NAME.match(p) for p in parts):
            return parts
    return []
