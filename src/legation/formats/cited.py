"""What a store's documents are and cite, as CSL-JSON items for Zotero and as BibTeX entries: the
works ingested (an article with its DOI, a volume of reports), the reference lists
(``legation.formats.bibliography``), and what the notes cite — a volume of a document series or a
book, an Ibid. that repeats one, a newspaper issue with its full date, and an archive file, as a
``manuscript`` item whose ``archive`` and ``archive_location`` ("F. 0146, Op. 22, Pap. 192, D. 13")
are the citation's levels.

One item per work: the same volume or archive file cited in several notes is one item whose
``note`` says which notes cite it and at which pages or folios (a reference manager's item is the
work, not the page). Keys are the author–year–title keys reference managers make
("degtev2025khalkhin"), stable for the same store. Nothing that is not a work is exported: a
note's telegram number ("Embtel 1295") or its debris ("[^1]") is no book.
"""

from __future__ import annotations

import json
from typing import Any

import re

from legation.extract.citations import csl_name, published_to_csl
from legation.model import Citation, Reference
from legation.formats.bibliography import citation_key, csl_to_bibtex, reference_to_csl
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
        if kind == "archival":
            pages = cited.get("folios")
        key = json.dumps(item, sort_keys=True, ensure_ascii=False)
        works.setdefault(key, item)
        where = f" ({'fol.' if kind == 'archival' else 'p.'} {pages})" if pages else ""
        places.setdefault(key, []).append(f"{row['footnote']}{where}")
    items = []
    for key, item in works.items():
        notes = places[key]
        items.append({"id": "", **item, "note": f"Cited in note{'s' if len(notes) > 1 else ''} {', '.join(notes)}"})
    return items


def _item(kind: str, fields: dict[str, Any]) -> dict[str, Any] | None:
    """The citation's work without its pages or folios; None for what is no work."""
    if kind == "archival":
        return _archive_file(fields)
    if kind == "published":
        item = published_to_csl(Citation(kind, fields.get("text", ""), 0, 0, fields))
        item.pop("page", None)
        return item if is_work_title(item.get("title")) else None
    if kind == "newspaper" and fields.get("title"):
        item: dict[str, Any] = {"type": "article-newspaper", "title": fields["title"],
                                "container-title": fields["title"]}
        if fields.get("date"):
            item["issued"] = {"date-parts": [[int(part) for part in fields["date"].split("-")]]}
        if fields.get("issue"):
            item["issue"] = str(fields["issue"])
        return item
    return None


def _archive_file(fields: dict[str, Any]) -> dict[str, Any] | None:
    """An archive file as a manuscript: the archive, and its place there as the levels cite it."""
    archive = fields.get("archive") or fields.get("archive_id")
    levels = [str(level) for level in fields.get("path") or []]
    if not archive or not levels:
        return None
    location = ", ".join(levels)
    item: dict[str, Any] = {"type": "manuscript", "title": f"{archive}, {location}", "archive": archive,
                            "archive_location": location}
    if fields.get("archive_name"):
        item["archive-place"] = fields["archive_name"]
    return item


# a telegram's or a file's reference ("Embtel 1295, October 19", "Warx 90992", "Deptel 311") and a
# note's debris ("[^1]"): what a reader may take for a title and no work has
_NOT_A_TITLE = re.compile(r"\[\^|^\W*(?:[A-Z][a-z]{1,6}tel|Warx|Topad|Niact|Reftel|Circtel|Depcirtel)\b|^\W*[A-Z][a-z]+\s+\d{3,}",
                          re.IGNORECASE)


def is_work_title(title: str | None) -> bool:
    """A title a work may have: words, not a telegram's number nor a note's debris."""
    return bool(title) and len(re.findall(r"[^\W\d_]{3,}", title)) > 0 and not _NOT_A_TITLE.search(title)


def ingested_works(store: Store) -> list[dict[str, Any]]:
    """The works the store's documents are (an article with its DOI, a volume of reports)."""
    _, works = queries.works_page(store, sources_shown=0)
    items = []
    for work in works:
        if not work.get("title"):
            continue
        item: dict[str, Any] = {"id": "", "type": "article-journal" if work.get("journal") else "book",
                                "title": work["title"]}
        if work["authors"]:
            item["author"] = [csl_name(author) for author in work["authors"]]
        for column, variable in (("journal", "container-title"), ("volume", "volume"), ("issue", "issue"),
                                 ("pages", "page"), ("doi", "DOI")):
            if work.get(column):
                item[variable] = str(work[column])
        if work.get("year"):
            item["issued"] = {"date-parts": [[int(work["year"])]]}
        items.append(item)
    return items


def stored_references(store: Store) -> list[Reference]:
    return [Reference(**data) for data in store.references()]


def bibliography_csl(store: Store) -> list[dict[str, Any]]:
    """The works ingested, the reference lists and the works cited in notes, as CSL-JSON items,
    each keyed in the author–year–title style (a reference list's own ids are such keys already)."""
    references = [reference_to_csl(ref) for ref in stored_references(store)]
    taken = {item["id"] for item in references}
    keyed = [{**item, "id": citation_key(item, taken)} for item in ingested_works(store)]
    return keyed + references + [{**item, "id": citation_key(item, taken)} for item in cited_works(store)]


def bibliography_bibtex(store: Store) -> str:
    return csl_to_bibtex(bibliography_csl(store))
