"""References out to reference managers: CSL-JSON (Zotero, Pandoc) and BibTeX (biblatex-friendly).

Both keep the transliterated original title as the title and carry the bracketed English title
in a note, so no reading of the original is lost. BibTeX keeps UTF-8 (biber reads it) and only
escapes the characters TeX treats as commands.
"""

from __future__ import annotations

import json
import re
from typing import Any

from legation.lexicon.names import slug
from legation.model import Reference

# Reference field → CSL-JSON variable, for the plain string fields.
CSL_STRING_FIELDS = {
    "title": "title", "container": "container-title", "volume": "volume", "issue": "issue",
    "pages": "page", "publisher": "publisher", "place": "publisher-place", "doi": "DOI", "language": "language",
}
CSL_NAME_FIELDS = {"authors": "author", "editors": "editor", "translators": "translator"}
BIBTEX_TYPES = {"book": "book", "article-journal": "article", "chapter": "incollection", "thesis": "phdthesis",
                "article-newspaper": "article", "article-magazine": "article", "manuscript": "misc"}
# Where the container goes in each BibTeX entry type.
BIBTEX_CONTAINER = {"article": "journal", "incollection": "booktitle"}
# CSL-JSON variable → BibTeX field
BIBTEX_STRINGS = {
    "title": "title", "volume": "volume", "issue": "number", "page": "pages", "publisher-place": "address",
    "DOI": "doi", "language": "language",
}
BIBTEX_NAMES = {"author": "author", "editor": "editor", "translator": "translator"}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
KEY_STOP_WORDS = frozenset("a an the of on in and to for from with at by la le les de des du der die das".split())
TEX_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "#": r"\#", "$": r"\$", "%": r"\%", "&": r"\&",
    "_": r"\_", "^": r"\^{}", "~": r"\~{}",
}
TEX_SPECIAL = re.compile("|".join(map(re.escape, TEX_SPECIALS)))


# ---------------------------------------------------------------------------------------------
# CSL-JSON.


def reference_to_csl(ref: Reference) -> dict[str, Any]:
    """One CSL-JSON item; fields the reference lacks are left out."""
    item: dict[str, Any] = {"id": ref.id, "type": ref.type}
    for field_name, variable in CSL_NAME_FIELDS.items():
        names = getattr(ref, field_name)
        if names:
            item[variable] = [dict(name) for name in names]
    for field_name, variable in CSL_STRING_FIELDS.items():
        value = getattr(ref, field_name)
        if value:
            item[variable] = value
    if ref.year is not None:
        item["issued"] = {"date-parts": [[ref.year]]}
    if ref.title_en:
        item["note"] = f"English title: {ref.title_en}"
    return item


def to_csl_json(refs: list[Reference]) -> str:
    return json.dumps([reference_to_csl(ref) for ref in refs], ensure_ascii=False, indent=2)


# ---------------------------------------------------------------------------------------------
# BibTeX: written from CSL-JSON items, so a reference list, a note's work and an archive file
# all go out through one writer.


def to_bibtex(refs: list[Reference]) -> str:
    """One entry per reference, keyed by its id, separated by blank lines."""
    return csl_to_bibtex([reference_to_csl(ref) for ref in refs])


def csl_to_bibtex(items: list[dict[str, Any]]) -> str:
    """One BibTeX entry per CSL-JSON item, keyed by its id."""
    return "\n\n".join(_bibtex_entry(item) for item in items) + ("\n" if items else "")


def _bibtex_entry(item: dict[str, Any]) -> str:
    entry_type = BIBTEX_TYPES.get(item.get("type", ""), "misc")
    fields = [(name, " and ".join(map(_bibtex_name, item[variable])))
              for variable, name in BIBTEX_NAMES.items() if item.get(variable)]
    fields += [(name, _tex(value)) for name, value in _bibtex_strings(item, entry_type)]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry_type}{{{_bibtex_key(str(item['id']))},\n{body}\n}}"


def _bibtex_strings(item: dict[str, Any], entry_type: str) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    for variable, name in BIBTEX_STRINGS.items():
        value = item.get(variable)
        if value:
            fields.append((name, str(value).replace("–", "--") if variable == "page" else str(value)))
    if item.get("container-title"):
        fields.append((BIBTEX_CONTAINER.get(entry_type, "series"), item["container-title"]))
    elif item.get("collection-title"):
        fields.append(("series", item["collection-title"]))
    if item.get("publisher"):
        fields.append(("school" if entry_type == "phdthesis" else "publisher", item["publisher"]))
    if item.get("archive") or item.get("archive_location"):  # an archive file: where it is kept
        fields.append(("howpublished", ", ".join(filter(None, (item.get("archive"), item.get("archive_location"))))))
    parts = (item.get("issued") or {}).get("date-parts", [[]])[0]
    if parts and parts[0]:
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", MONTHS[int(parts[1]) - 1]))
        if len(parts) > 2:  # a newspaper's issue: its day too (biblatex reads date; BibTeX passes it by)
            fields.append(("date", "-".join(f"{int(p):02d}" if k else str(p) for k, p in enumerate(parts))))
    if item.get("note"):
        fields.append(("note", item["note"]))
    return fields


def citation_key(item: dict[str, Any], taken: set[str]) -> str:
    """An author–year–title key as reference managers make them ("degtev2025khalkhin",
    "nichibei1939"): the first author's or editor's family name, the year, the title's first
    significant word, in plain lower-case letters; a letter added when the key is taken."""
    if item.get("type") == "manuscript" and item.get("archive"):  # an archive file: its archive and signature
        numbers = re.findall(r"\d+[a-z]?", item.get("archive_location") or "")
        base = "-".join([slug(item["archive"]).replace("-", ""), *numbers])
        return _unique_key(base, taken)
    names = item.get("author") or item.get("editor") or []
    first = names[0] if names else {}
    author = first.get("family") or first.get("literal") or ""
    year = str(((item.get("issued") or {}).get("date-parts") or [[""]])[0][0] or "")
    words = [w for w in slug(item.get("title") or "").split("-") if w not in KEY_STOP_WORDS and not w.isdigit()]
    if not author and words:
        author, words = words[0], words[1:]
    base = "".join((slug(author).replace("-", "") if author else "", year, words[0] if words else "")) or "item"
    return _unique_key(base, taken)


def _unique_key(base: str, taken: set[str]) -> str:
    key, n = base, 0
    while key in taken:
        key = base + _letters(n)
        n += 1
    taken.add(key)
    return key


def _letters(n: int) -> str:
    """a, b, …, z, aa, ab, …"""
    return _letters(n // 26 - 1) + chr(97 + n % 26) if n >= 26 else chr(97 + n)


def _bibtex_name(name: dict[str, str]) -> str:
    if name.get("literal") in ("et al.", "others"):
        return "others"  # BibTeX's own spelling of "et al."
    if "family" not in name:
        return "{" + _tex(name.get("literal", "")) + "}"  # braces keep an institution's name whole
    family = _tex(name["family"])
    return f"{family}, {_tex(name['given'])}" if name.get("given") else family


def _bibtex_key(ref_id: str) -> str:
    return re.sub(r"[\s,{}%#\\\"'()=~]", "-", ref_id) or "ref"


def _tex(value: str) -> str:
    return TEX_SPECIAL.sub(lambda m: TEX_SPECIALS[m.group()], value)
