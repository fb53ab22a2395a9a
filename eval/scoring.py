"""What the report-header evaluations share: a tally per field, summed over files or volumes,
printed as a table against the targets, and the misses listed (eval/dfat.py, eval/reports_text.py)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Tally:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def share(self) -> float | None:
        return self.right / self.total if self.total else None

    def add(self, other: "Tally") -> None:
        self.right += other.right
        self.total += other.total
        self.misses += other.misses


def add_fields(into: dict[str, Tally], fields: dict[str, Tally]) -> None:
    for name, tally in fields.items():
        into[name].add(tally)


def print_fields(fields: dict[str, Tally], targets: dict[str, float], width: int) -> None:
    """One row per field: right, of, share and its target where it has one."""
    for name, tally in fields.items():
        share = f"{tally.share:.3f}" if tally.share is not None else "-"
        target = f"{targets[name]:.2f}" if name in targets else ""
        print(f"{name:<{width}}{tally.right:>7}{tally.total:>7}{share:>8}{target:>8}")


def print_field_misses(fields: dict[str, Tally]) -> None:
    for name, tally in fields.items():
        if tally.misses:
            print(f"\n{name} misses:")
            print("\n".join(f"  {row}" for row in tally.misses))
