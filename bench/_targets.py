"""How every benchmark states its targets: one line each, at its end, met or not met.

Targets are printed, never asserted: a benchmark that misses one still exits 0, so that
`make bench` runs them all and shows every figure.
"""

from __future__ import annotations

# "Flat" memory as a corpus grows: the larger run's peak at most this much above the smaller's
# (allocator noise moves a peak by a few MB; growing with the corpus would move it by far more).
FLAT = 1.10


def report(what: str, measured: str, goal: str, met: bool) -> None:
    print(f"target: {what} {measured} (goal {goal}) — {'met' if met else 'NOT met'}")


def none_stated(why: str) -> None:
    """For a benchmark that only measures: say so, rather than print nothing."""
    print(f"target: none stated — {why}")
