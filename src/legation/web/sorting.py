"""The order a list is shown in: ``?sort=KEY`` ascending, ``?sort=-KEY`` descending, KEY one of
the list's own sort keys. Anything else (an unknown key, a stray character) is the list's default
order, never an error; a key reaches SQL only by choosing one of the store's named queries.

The store sorts a whole list before it is cut into pages (the lists derived in Python, a
network's links and a period's events, are sorted whole too), so page 2 continues page 1. The
header of each sortable column links to the list in that order, and the current order is said in
``aria-sort`` and in visible words ("▼ most first"), not by colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Optional

from fastapi import Query

from legation.store import library, queries
from legation.store import search
from legation.store.queries import Order


@dataclass(frozen=True)
class Way:
    """How the two directions of a sort key are said, and which one a first click asks for."""

    ascending: str
    descending: str
    descending_first: bool = False


ALPHABET = Way("A–Z", "Z–A")
COUNT = Way("fewest first", "most first", descending_first=True)
TIME = Way("earliest first", "latest first")
PLACE = Way("in order", "in reverse order")  # a place in the corpus: file, then position
TONE = Way("most conflictual first", "most cooperative first")
RELEVANCE = Way("best first", "worst first")


@dataclass(frozen=True)
class Sorting:
    """A list's sort keys, each with its way of saying its directions, and its default order."""

    ways: dict[str, Way]
    default: Order

    def __post_init__(self) -> None:
        if self.default.key not in self.ways:
            raise ValueError(f"the default order {self.default.key!r} is not one of the sort keys")

    @classmethod
    def of(cls, sorts: Iterable[str], default: Order, **ways: Way) -> "Sorting":
        """The sorting of a list the store sorts: its ways must name exactly the store's keys."""
        keys = set(sorts)
        if keys != set(ways):
            raise ValueError(f"sort keys {sorted(keys)} are said as {sorted(ways)}")
        return cls(ways, default)

    def read(self, value: str | None) -> Order:
        """The order a ``sort`` parameter asks for; the default order for anything else."""
        asked = (value or "").strip()
        key = asked.removeprefix("-")
        return Order(key, asked.startswith("-")) if key in self.ways else self.default

    def requested(self) -> Callable[..., "Sorted"]:
        """A FastAPI dependency reading ``sort`` (any text: what is not a key is the default)."""

        def read(sort: Optional[str] = Query(None)) -> Sorted:
            return Sorted(self, self.read(sort))

        return read


@dataclass(frozen=True)
class Sorted:
    """One list's order as a page shows it: the parameter that keeps it in every link, and what
    each column's header says and links to."""

    sorting: Sorting
    order: Order

    @property
    def param(self) -> str | None:
        """The ``sort`` value of this order; None for the default (left out of the links)."""
        return None if self.order == self.sorting.default else self.value(self.order)

    @staticmethod
    def value(order: Order) -> str:
        return ("-" if order.descending else "") + order.key

    def choose(self, key: str) -> str | None:
        """The ``sort`` value a column's header links to: the current key turned the other way,
        another key its first way (counts most first, names A–Z)."""
        if key == self.order.key:
            chosen = Order(key, not self.order.descending)
        else:
            chosen = Order(key, self.sorting.ways[key].descending_first)
        return None if chosen == self.sorting.default else self.value(chosen)

    def state(self, key: str) -> str | None:
        """``aria-sort`` of a column's header: "ascending" or "descending" for the current key."""
        if key != self.order.key:
            return None
        return "descending" if self.order.descending else "ascending"

    @property
    def words(self) -> str:
        """The current order in words: "most first", "A–Z"."""
        way = self.sorting.ways[self.order.key]
        return way.descending if self.order.descending else way.ascending

    @property
    def arrow(self) -> str:
        return "▼" if self.order.descending else "▲"


def in_order(rows: list[Any], value: Callable[[Any], Any], order: Order) -> list[Any]:
    """A whole list sorted by ``value`` as ``order`` asks, the rows without one last either way;
    equal rows keep the order they came in (the list's own)."""
    present = [row for row in rows if value(row) is not None]
    absent = [row for row in rows if value(row) is None]
    return sorted(present, key=value, reverse=order.descending) + absent


# --- the lists of the workbench, and how each is sorted ----------------------------------------------

WORKS = Sorting.of(queries.WORK_SORTS, queries.WORKS_IN_ORDER, added=Way("first ingested first", "last ingested first"),
                   title=ALPHABET, year=TIME, sources=COUNT, citations=COUNT)
SOURCES = Sorting.of(queries.SOURCE_SORTS, queries.SOURCES_IN_ORDER, document=PLACE, date=TIME, heading=ALPHABET,
                     **{key: COUNT for key in queries.SOURCE_SORTS if key not in ("document", "date", "heading")})
PEOPLE = Sorting.of(queries.PEOPLE_SORTS, queries.PEOPLE_IN_ORDER, name=ALPHABET, side=ALPHABET, mentions=COUNT,
                    sources=COUNT, quotes=COUNT)
ARCHIVE_FILES = Sorting.of(queries.FILE_SORTS, queries.FILES_IN_ORDER, file=ALPHABET, notes=COUNT, citations=COUNT)
FILE_NOTES = Sorting.of(queries.FILE_NOTE_SORTS, queries.FILE_NOTES_IN_ORDER, document=PLACE, folio=PLACE)
QUOTES = Sorting.of(queries.QUOTE_SORTS, queries.QUOTES_IN_ORDER, document=PLACE, date=TIME, speaker=ALPHABET)
HITS = Sorting.of(search.QUOTE_HIT_SORTS.keys() | search.DOCUMENT_HIT_SORTS.keys(), search.HITS_IN_ORDER,
                  relevance=RELEVANCE, date=TIME, document=PLACE)
# sorted in Python, whole: a network's links (a derived graph) and one period's events of a relations series
LINKS = Sorting({"person": ALPHABET, "weight": COUNT, "events": COUNT, "quotes": COUNT, "first": TIME, "last": TIME},
                Order("weight", descending=True))
PERIOD_EVENTS = Sorting({"date": TIME, "tone": TONE, "type": ALPHABET}, Order("date"))
# the items of the libraries given to ingest (a Zotero export)
LIBRARY_ITEMS = Sorting.of(library.ITEM_SORTS, library.ITEMS_IN_ORDER, file=PLACE, key=ALPHABET, author=ALPHABET,
                           year=TIME, title=ALPHABET, type=ALPHABET, text=COUNT, notes=COUNT)
