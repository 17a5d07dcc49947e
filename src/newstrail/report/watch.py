"""What ``newstrail watch`` prints: one line a poll (text), or one record a poll.

>>> from newstrail.engines.watch import Poll
>>> poll = Poll("https://bayherald.example/rss", "2026-12-07T12:00:00Z", "unchanged", http=304, next_in=900)
>>> list(render("text", [poll], POLL_VIEW))
['2026-12-07T12:00:00Z https://bayherald.example/rss: 304 not modified; next poll in 15 min']
"""

from __future__ import annotations

import dataclasses

from newstrail.engines.watch import NEW, POLL_FAILED, UNCHANGED, Poll
from newstrail.report.formats import View, render

__all__ = ["POLL_VIEW", "duration", "poll_line", "render"]


def duration(seconds: float) -> str:
    """A wait as people read it.

    >>> duration(1.2), duration(900), duration(5400), duration(14400)
    ('1.2 s', '15 min', '90 min', '4 h')
    """
    if seconds < 90:
        return f"{seconds:.2g} s" if seconds < 10 else f"{seconds:.0f} s"
    if seconds <= 90 * 60:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.3g} h"


def poll_line(poll: Poll) -> str:
    """One poll on one line: when, which feed, what it found, when it is polled again."""
    head = f"{poll.at} {poll.feed}: "
    then = f"; next poll in {duration(poll.next_in)}"
    if poll.status == UNCHANGED:
        return head + f"{poll.http} not modified" + then
    if poll.status == NEW:
        skipped = f" ({poll.skipped} already stored, not fetched)" if poll.skipped else ""
        return (head + f"{poll.http}, {poll.entries} new entries{skipped}: {poll.added} added, "
                f"{poll.exists} already stored, {poll.failed} failed" + then)
    last = f": {poll.errors[0]}" if poll.errors else ""
    if poll.status == POLL_FAILED:
        return head + f"failed ({poll.failures} in a row){last}" + then
    return head + f"backing off after {poll.failures} failed poll(s){last}" + then


POLL_VIEW = View(
    record=lambda poll: {**dataclasses.asdict(poll), "next_in": round(poll.next_in, 3)},
    text=poll_line,
    columns=("at", "feed", "status", "http", "entries", "skipped", "added", "exists", "failed", "failures", "next_in", "errors"),
)

