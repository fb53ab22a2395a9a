"""Pages of a long list: which rows a request asks for (``?page=N`` or ``?offset=N``, and
``?size=N``), and the links to the pages around it, keeping every other parameter of the request.

A list page says how many rows there are in all and which are shown ("746 people, 1–100
shown"), whatever page it is; a URL without these parameters is the first page, as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Optional
from urllib.parse import urlencode

from fastapi import Query

MAX_SIZE = 500  # rows one page may ask for


@dataclass(frozen=True)
class Window:
    """The rows a request asks for: ``size`` rows from ``offset``."""

    offset: int
    size: int
    default: int  # the list's page size when none is asked for (left out of the links)


def window(default: int) -> Callable[..., Window]:
    """A FastAPI dependency reading ``page`` (from 1), ``offset`` (from 0; wins over page) and ``size``."""

    def read(page: Optional[int] = Query(None, ge=1, le=10_000_000),
             offset: Optional[int] = Query(None, ge=0, le=1_000_000_000),
             size: int = Query(default, ge=1, le=MAX_SIZE)) -> Window:
        start = offset if offset is not None else ((page or 1) - 1) * size
        return Window(start, size, default)

    return read


@dataclass(frozen=True)
class Page:
    """One page of a list of ``total`` rows, with the links to the first, previous, next and last."""

    total: int
    window: Window
    noun: str  # what the rows are, in the plural: "people", "quotations"
    path: str  # the list's URL path
    params: dict[str, str] = field(default_factory=dict)  # the request's other parameters, kept in every link

    @property
    def offset(self) -> int:
        return self.window.offset

    @property
    def size(self) -> int:
        return self.window.size

    @property
    def shown(self) -> int:
        return max(0, min(self.size, self.total - self.offset))

    @property
    def first(self) -> int:
        """The number of the first row shown (from 1); 0 when none is."""
        return self.offset + 1 if self.shown else 0

    @property
    def last(self) -> int:
        return self.offset + self.shown

    @property
    def number(self) -> int:
        return self.offset // self.size + 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    def url(self, offset: int) -> str:
        offset = max(0, offset)
        params = {k: v for k, v in self.params.items() if v not in (None, "")}
        if offset % self.size == 0:
            if offset:
                params["page"] = str(offset // self.size + 1)
        else:
            params["offset"] = str(offset)
        if self.size != self.window.default:
            params["size"] = str(self.size)
        return self.path + ("?" + urlencode(params) if params else "")

    def reordered(self, sort: str | None) -> str:
        """The list's first page in another order (``sort`` a ``sort`` value; None: the default)."""
        params = {k: v for k, v in self.params.items() if k != "sort"} | ({"sort": sort} if sort else {})
        return replace(self, params=params).url(0)

    @property
    def previous_url(self) -> str | None:
        return self.url(self.offset - self.size) if self.offset > 0 else None

    @property
    def next_url(self) -> str | None:
        return self.url(self.offset + self.size) if self.offset + self.size < self.total else None

    @property
    def first_url(self) -> str | None:
        return self.url(0) if self.offset > self.size else None

    @property
    def last_url(self) -> str | None:
        last = (self.pages - 1) * self.size
        return self.url(last) if last > self.offset + self.size else None
