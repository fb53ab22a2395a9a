"""Where the development data lies: the examples shipped in the repository, and the shared corpora.

The examples (`examples/corpus/`: the seed article, its abstract page, a FRUS excerpt) travel with
every clone. The large corpora (FRUS volumes, labelled references, gold articles, event-coding
tables) live in a `shared` folder beside the repository, or wherever ``LEGATION_SHARED`` says; a
clone without them still runs the demo, the tests (those needing the corpora skip, saying so) and
the benchmarks that need no corpus. Tests, benchmarks and evaluation scripts all ask here.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "corpus"
FULL_TEXT = EXAMPLES / "001_f3ae314bfad271f2.txt"       # Degtev 2025, the seed article
ABSTRACT_PAGE = EXAMPLES / "000_bbb7d053b0870eff.txt"   # its journal abstract page
FRUS_EXCERPT = EXAMPLES / "frus1949v07p2-excerpt.xml"   # 32 documents of FRUS 1949, vol. VII, pt. 2


class MissingData(Exception):
    """A shared corpus that is not on this machine."""


def shared_dir() -> Path:
    """The shared corpora's folder: $LEGATION_SHARED, else `shared` beside the repository."""
    named = os.environ.get("LEGATION_SHARED")
    return Path(named) if named else REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path inside the shared corpora, whether or not it is there."""
    return shared_dir().joinpath(*parts)


def missing_reason(path: Path) -> str:
    return (f"needs {path}, which is not on this machine (the shared corpora are not beside this "
            f"clone; set LEGATION_SHARED to their folder)")


def require_shared(*parts: str) -> Path:
    """A path inside the shared corpora; MissingData, saying what is missing, when it is not there."""
    path = shared_path(*parts)
    if not path.exists():
        raise MissingData(missing_reason(path))
    return path
