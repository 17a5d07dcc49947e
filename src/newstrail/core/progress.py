"""How a long job says how far it got: a callback, never printing.

The library calls ``progress(what, done, total)`` as work advances: ``what`` names
the unit being counted ("articles", "fact-checks embedded", ...), ``done`` how
many are finished, ``total`` how many there will be, or ``None`` when that is not
known in advance (a CSV export of unknown length). A new ``what`` starts a new
phase. The command line turns the calls into progress bars on standard error;
a library user may log them, or pass nothing.

>>> seen = []
>>> report = counter(lambda what, done, total: seen.append((what, done, total)), "files", 2)
>>> report(); report()
>>> seen
[('files', 0, 2), ('files', 1, 2), ('files', 2, 2)]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

#: progress(what, done, total): ``total`` is None when not known in advance
Progress = Callable[[str, int, "int | None"], None]


class Step(Protocol):
    """One phase's step function: ``step()`` adds one done, ``step(n)`` adds ``n``."""

    def __call__(self, count: int = 1) -> None: ...


def silent(what: str, done: int, total: int | None) -> None:
    """The progress callback that reports nothing (the default)."""


def counter(progress: Progress | None, what: str, total: int | None) -> Step:
    """A step function over ``progress`` for one phase: each call adds ``step`` (1) done.

    It reports the phase at 0 at once, so a bar shows before the first item ends.
    """
    report = progress or silent
    done = 0
    report(what, 0, total)

    def step(count: int = 1) -> None:
        nonlocal done
        done += count
        report(what, done, total)

    return step
