"""A documentary edition's list of persons, read from the front matter of a text file.

A printed FRUS volume (and DBPO, DDF, AAPD …) opens with a list of the persons its documents
name, one entry each: "Anderson, H. Eugenie, Minister to Bulgaria to December 1964",
"Chou En-lai, Premier of the People's Republic of China". The TEI volumes mark it up
(``ingest.tei.volume_info``); a text file of such a volume has it as lines under a heading
("Persons"). Each entry is split into the name as written and what the list says of the
person, with the entry's offset in the file, for the collection's people
(``extract.identities.CollectionPeople.add_listed``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from legation.ingest.headers import rules
from legation.lexicon.names import fold
from legation.lexicon.vocabulary import role_word


@dataclass(frozen=True, slots=True)
class ListedPerson:
    written: str  # the name as the list writes it ("Anderson, H. Eugenie")
    identification: str  # what it says of them ("Minister to Bulgaria to December 1964")
    start: int  # the entry's offset in the text


# An entry opens a line with a capitalised name and a comma: "Anderson, H. Eugenie, …",
# "Chou En-lai (Zhou Enlai), Premier …", "de Gaulle, Charles, …". A name holds at most six words.
_ENTRY = re.compile(r"(?:[a-z]{1,4}\s)?[^\W\d_a-z][\w'’.\-]*(?:\s[\w'’.\-()“”\"]+){0,5},\s+\S")
_PARTICLES = {"de", "da", "del", "der", "di", "do", "dos", "du", "la", "le", "van", "von", "y", "bin", "ibn", "al",
              "el", "ben"}
# A name's quoted nickname ("Reginald H., “Reg”", "James Earl, Jr. “Jimmy”"): part of the name.
_NICKNAME = re.compile(r"[“\"][^”\"]{1,30}[”\"]")


def persons_list(text: str) -> list[ListedPerson]:
    """The entries of the list of persons in ``text`` (the part of a file before its first
    document), or [] when it has none. The list runs from its heading to the first line that is
    neither an entry nor the continuation of one (a heading of the next section)."""
    return [entry for lines in _entry_lines(text)[1] if (entry := _entry(lines)) is not None]


def persons_list_span(text: str) -> tuple[int, int] | None:
    """Where the list of persons is in ``text``, from its heading to its last entry's end: its
    entries are no report headings ("Anderson, H. Eugenie, Minister to Bulgaria …")."""
    heading, entries = _entry_lines(text)
    if heading is None or not any(_entry(lines) for lines in entries):
        return None
    last_offset, last_line = entries[-1][-1]
    return heading, last_offset + len(last_line)


def _entry_lines(text: str) -> tuple[int | None, list[list[tuple[int, str]]]]:
    """The list's heading offset and its entries, each as its (offset, line)s."""
    lines = list(_lines(text))
    start = next((k for k, (_, line) in enumerate(lines) if _is_heading(line)), None)
    if start is None:
        return None, []
    entries: list[list[tuple[int, str]]] = []
    for offset, line in lines[start + 1:]:
        if not line.strip():
            continue
        if _ENTRY.match(line.strip()):
            entries.append([(offset, line)])
        elif entries and (line[:1].islower() or line.startswith((" ", "\t", "(", "[", "“", '"'))):
            entries[-1].append((offset, line))  # an entry wrapped onto the next line, or a gloss of its own
        else:
            break
    return lines[start][0], entries


def _lines(text: str):
    offset = 0
    for line in text.splitlines(keepends=True):
        yield offset, line.rstrip("\r\n")
        offset += len(line)


def _is_heading(line: str) -> bool:
    return len(line) < 60 and fold(line.strip().rstrip(":").strip()) in _headings()


@lru_cache(maxsize=1)
def _headings() -> frozenset[str]:
    return frozenset(fold(h) for h in rules().get("persons_list_headings", []))


def _entry(lines: list[tuple[int, str]]) -> ListedPerson | None:
    offset, first = lines[0]
    lead = len(first) - len(first.lstrip())
    text = " ".join(line.strip() for _, line in lines)
    text = re.sub(r",([”\"])", r"\1,", text)  # "“Sandy,” Deputy Director": the comma ends the nickname's part
    parts = [part.strip() for part in text.split(",")]
    family, rest = parts[0], parts[1:]
    name = [family]
    if rest and _given_names(_NICKNAME.sub("", rest[0])):
        name.append(rest.pop(0))
    suffixes = {fold(s) for s in rules().get("name_suffixes", [])}
    while rest and (fold(_NICKNAME.sub("", rest[0]).strip().rstrip(".")) in suffixes | {""}):
        name.append(rest.pop(0))  # "Jr.", "II.", "Jr. “Jimmy”", "“Reg”"
    identification = ", ".join(rest).strip()
    if not identification:
        return None  # a name alone is no entry of such a list (a line of an index, a signature)
    return ListedPerson(", ".join(name), identification, offset + lead)


def _given_names(part: str) -> bool:
    """Whether the part after a family name is the given names ("H. Eugenie", "General Charles
    H.") rather than what the list says of the person ("Premier of …", "Secretary of State")."""
    words = part.split()
    if not words or len(words) > 5:
        return False
    if any(w.islower() and fold(w) not in _PARTICLES for w in words):  # "deB." is an initial
        return False
    return not all(role_word(fold(w).rstrip(".")) for w in words)
