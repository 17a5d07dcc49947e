"""Progress bars on standard error for the long jobs (analyze, link, factchecks import, rhetoric, export).

The library reports progress through a callback (:mod:`newstrail.core.progress`);
:class:`Bars` is the command line's callback: one tqdm bar a phase, with the count,
the rate and, when the total is known, the time left. Bars are drawn only when
standard error is a terminal and ``--quiet`` is not given, so pipes, logs, CI and
scripts see none of them.

>>> import io
>>> with Bars(enabled=False) as bars:
...     bars("articles", 1, 2)
>>> bars.seen
{'articles': 1}
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import IO, Any

import click

#: the option every long job takes
QUIET = click.option("--quiet", "-q", is_flag=True, help="No progress bars (they are off anyway when standard error is not a terminal).")


def wanted(quiet: bool, stream: IO[str] | None = None) -> bool:
    """Whether to draw bars: not ``quiet``, and ``stream`` (standard error) is a terminal."""
    stream = stream if stream is not None else sys.stderr
    isatty = getattr(stream, "isatty", None)
    return not quiet and bool(isatty and isatty())


class Bars:
    """A progress callback drawing one bar a phase (``what``) on ``stream``; a context manager that closes them."""

    def __init__(self, enabled: bool, stream: IO[str] | None = None) -> None:
        self.enabled = enabled
        self.stream = stream
        self.bar: Any = None
        self.what: str | None = None
        self.seen: dict[str, int] = {}  # phase -> last count reported (kept even without bars)

    def __call__(self, what: str, done: int, total: int | None) -> None:
        self.seen[what] = done
        if not self.enabled:
            return
        if what != self.what:
            self.close()
            self.what = what
            from tqdm import tqdm  # only when a bar is drawn: 15 ms the command line need not pay otherwise

            self.bar = tqdm(total=total, desc=what, unit="", file=self.stream if self.stream is not None else sys.stderr,
                            dynamic_ncols=True, leave=True, mininterval=0.2)
        if total is not None and self.bar.total != total:
            self.bar.total = total
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        self.bar = self.what = None

    def __enter__(self) -> Bars:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def bars(quiet: bool) -> Bars:
    """The bars of a command: drawn on standard error when it is a terminal and not ``quiet``."""
    return Bars(wanted(quiet))
