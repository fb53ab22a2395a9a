"""What the benchmarks read: the shared corpora when they are on this machine, else the examples
that travel with every clone (`legation.devdata` knows where both are).
"""

from __future__ import annotations

from pathlib import Path

from legation import devdata

SEED = devdata.FULL_TEXT
SEED_ARTICLES = [devdata.ABSTRACT_PAGE, devdata.FULL_TEXT]  # the files of ../shared/seeds, shipped
FRUS_VOLUMES = ("frus1949v07p2.xml", "frus1952-54v14p2.xml")


def frus_volumes(how_many: int = len(FRUS_VOLUMES)) -> list[Path]:
    """The first ``how_many`` shared FRUS volumes, or the examples' FRUS excerpt when they are not
    on this machine; prints which, and why."""
    volumes = [devdata.shared_path("data", "frus", name) for name in FRUS_VOLUMES[:how_many]]
    missing = [volume for volume in volumes if not volume.exists()]
    if missing:
        say_fallback(f"{devdata.FRUS_EXCERPT.relative_to(devdata.REPO)} (32 documents), not the full volumes",
                     missing[0])
        return [devdata.FRUS_EXCERPT]
    print(f"input: {', '.join(volume.name for volume in volumes)} from {volumes[0].parent}")
    return volumes


def say_fallback(used: str, missing: Path) -> None:
    print(f"input: {used}, since the full run {devdata.missing_reason(missing)}")
