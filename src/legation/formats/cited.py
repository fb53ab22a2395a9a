"""The published works cited in the notes, as CSL-JSON items for Zotero and as BibTeX entries, next
to the reference lists (``legation.formats.bibliography``): a volume of a document series or a book cited
in a note, an Ibid. that repeats one, and a newspaper issue.

One item per work: the same volume cited in several notes is one item whose ``note`` says which
notes cite it and at which pages (a reference manager's item is the work, not the page).
"""

from __future__ import annotations

import json
from typing import Any

from legation.extract.citations import published_to_csl
from legation.extract.parse_line import to_bibtex_entries
from legation.model import Citation, Reference
from legation.formats.bibliography import reference_to_csl, to_bibtex
from legation.store import queries
from legation.store.sqlite import Store


def cited_works(store: Store) -> list[dict[str, Any]]:
    """CSL-JSON items of the published works and newspapers cited in notes, in first-citation order."""
    works: dict[str, dict[str, Any]] = {}
    places: dict[str, list[str]] = {}
    for row in queries.citations_with_path(store):
        fields = json.loads(row["fields"])
        kind = row["kind"]
        if kind == "ibid" and isinstance(fields.get("resolved"), dict):
            kind, cited, pages = fields["resolved"]["kind"], fields["resolved"], fields.get("pages")
        else:
            cited, pages = fields, fields.get("pages")
        item = _item(kind, cited)
        if item is None:
            continue
        key = json.dumps(item, sort_keys=True, ensure_ascii=False)
        works.setdefault(key, item)
        places.setdefault(key, []).append(f"{row['footnote']}" + (f" (p. {pages})" if pages else ""))
    items = []
    for number, (key, item) in enumerate(works.items(), start=1):
        notes = places[key]
        items.append({"id": f"cited-{number}", **item,
                      "note": f"Cited in note{'s' if len(notes) > 1 else ''} {', '.join(notes)}"})
    return items


def _item(kind: str, fields: dict[str, Any]) -> dict[str, Any] | None:
    """The citation's work without its pages; None for an archival or unparsed citation."""
    if kind == "published":
        item = published_to_csl(Citation(kind, fields.get("text", ""), 0, 0, fields))
        item.pop("page", None)
        return item if item.get("title") else None
    if kind == "newspaper" and fields.get("title"):
        item: dict[str, Any] = {"type": "article-newspaper", "title": fields["title"],
                                "container-title": fields["title"]}
        if fields.get("date"):
            item["issued"] = {"date-parts": [[int(part) for part in fields["date"].split("-")]]}
        if fields.get("issue"):
            item["issue"] = str(fields["issue"])
        return item
    return None


def stored_references(store: Store) -> list[Reference]:
    return [Reference(**data) for data in store.references()]


def bibliography_csl(store: Store) -> list[dict[str, Any]]:
    """The reference lists and the works cited in notes, as CSL-JSON items."""
    return [reference_to_csl(ref) for ref in stored_references(store)] + cited_works(store)


def bibliography_bibtex(store: Store) -> str:
    references = to_bibtex(stored_references(store)).rstrip("\n")
    cited = to_bibtex_entries([{**item, "kind": "published"} for item in cited_works(store)]).rstrip("\n")
    return "\n\n".join(part for part in (references, cited) if part) + "\n"
