"""References out to reference managers: CSL-JSON (Zotero, Pandoc) and BibTeX (biblatex-friendly).

Both keep the transliterated original title as the title and carry the bracketed English title
in a note, so no reading of the original is lost. BibTeX keeps UTF-8 (biber reads it) and only
escapes the characters TeX treats as commands.
"""

from __future__ import annotations

import json
import re
from typing import Any

from legation.model import Reference

# Reference field → CSL-JSON variable, for the plain string fields.
CSL_STRING_FIELDS = {
    "title": "title", "container": "container-title", "volume": "volume", "issue": "issue",
    "pages": "page", "publisher": "publisher", "place": "publisher-place", "doi": "DOI", "language": "language",
}
CSL_NAME_FIELDS = {"authors": "author", "editors": "editor", "translators": "translator"}
BIBTEX_TYPES = {"book": "book", "article-journal": "article", "chapter": "incollection", "thesis": "phdthesis"}
# Where the container goes in each BibTeX entry type.
BIBTEX_CONTAINER = {"article": "journal", "incollection": "booktitle"}
BIBTEX_STRING_FIELDS = {
    "title": "title", "volume": "volume", "issue": "number", "pages": "pages", "place": "address",
    "doi": "doi", "language": "language",
}
BIBTEX_NAME_FIELDS = {"authors": "author", "editors": "editor", "translators": "translator"}
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
# BibTeX.


def to_bibtex(refs: list[Reference]) -> str:
    """One entry per reference, keyed by its id, separated by blank lines."""
    return "\n\n".join(_bibtex_entry(ref) for ref in refs) + ("\n" if refs else "")


def _bibtex_entry(ref: Reference) -> str:
    entry_type = BIBTEX_TYPES.get(ref.type, "misc")
    fields = _bibtex_fields(ref, entry_type)
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry_type}{{{_bibtex_key(ref.id)},\n{body}\n}}"


def _bibtex_fields(ref: Reference, entry_type: str) -> list[tuple[str, str]]:
    """(field, TeX-escaped value) pairs."""
    names = [(bib_name, " and ".join(map(_bibtex_name, getattr(ref, field_name))))
             for field_name, bib_name in BIBTEX_NAME_FIELDS.items() if getattr(ref, field_name)]
    return names + [(name, _tex(value)) for name, value in _bibtex_strings(ref, entry_type)]


def _bibtex_strings(ref: Reference, entry_type: str) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    for field_name, bib_name in BIBTEX_STRING_FIELDS.items():
        value = getattr(ref, field_name)
        if value:
            fields.append((bib_name, value.replace("–", "--") if field_name == "pages" else value))
    if ref.container:
        fields.append((BIBTEX_CONTAINER.get(entry_type, "series"), ref.container))
    if ref.publisher:
        fields.append(("school" if entry_type == "phdthesis" else "publisher", ref.publisher))
    if ref.year is not None:
        fields.append(("year", str(ref.year)))
    if ref.title_en:
        fields.append(("note", f"English title: {ref.title_en}"))
    return fields


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
