"""CAMEO event codes: name, Goldstein score and PLOVER category, from the table shipped in data/.

The table (``data/eventcoding.json``) is derived from the public CAMEO, Goldstein and PLOVER tables
by ``scripts/build_eventcoding.py``; its header carries the attribution (PLOVER is CC BY-SA 4.0).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class EventCode:
    cameo: str
    name: str
    goldstein: float
    plover: str | None  # None for CAMEO 01 (statements) and 02 (appeals): PLOVER has no category
    mode: str | None


@lru_cache(maxsize=1)
def table() -> dict[str, EventCode]:
    text = resources.files("legation.data").joinpath("eventcoding.json").read_text(encoding="utf-8")
    return {code: EventCode(code, name, float(score), plover or None, mode or None)
            for code, name, score, plover, mode in json.loads(text)["codes"]}


def lookup(cameo: str) -> EventCode | None:
    """The code itself, else its nearest listed parent (an unlisted "0361" falls back to "036")."""
    codes = table()
    for length in range(len(cameo), 1, -1):
        found = codes.get(cameo[:length])
        if found is not None:
            return found
    return None


def root(cameo: str) -> str:
    """The CAMEO root (the first two digits): "0871" → "08"."""
    return cameo[:2]
