"""Every error newstrail raises on purpose derives from :class:`NewstrailError`.

The tree::

    NewstrailError
    ├── ConfigError            a settings file or flag that cannot be used
    ├── InputError             one input (file, record, URL) could not be turned into articles
    │   ├── UnreadableInput    missing, unreadable, or not decodable (bad UTF-8, wrong format)
    │   ├── InputTooLarge      over the size cap of the settings
    │   ├── NoArticleText      readable, but no article body in it
    │   ├── BadRecord          a JSONL/CSV record or column that does not fit
    │   └── FetchError         a URL or feed that could not be fetched (timeout, HTTP error)
    │       └── RefusedAddress a URL whose host is not public, refused by fetch.public_only (SSRF)
    ├── StageError             a per-article stage failed, or its requirements are missing
    ├── StoreError             the store cannot be opened, migrated or written (locked by another
    │                          writer, disk full, read-only: the message says what to do)
    │   └── NotFound           no stored article with that id or URL
    │       └── AmbiguousKey   an id prefix that several stored articles start with
    └── MissingExtra           an optional part is needed but its extra is not installed

Messages say what to do about it. :class:`InputError` carries the input's name
(``where``) so a batch can report it on one line and go on; the CLI maps each
branch to an exit code in one place (``newstrail.cli.EXIT_CODES``).
"""

from __future__ import annotations

from typing import Any


class NewstrailError(Exception):
    """Base class of every error newstrail raises on purpose."""


class ConfigError(NewstrailError):
    """A setting (file, environment or flag) that cannot be used."""


class InputError(NewstrailError):
    """One input could not be turned into articles; the batch goes on without it.

    >>> str(InputError("bad.csv", "no 'text' column"))
    "bad.csv: no 'text' column"
    """

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: {reason}")

    def __reduce__(self) -> tuple[type, tuple[str, str], dict[str, Any]]:
        # rebuilt from where and reason, then given its attributes (a subclass's too, such as
        # FetchError's retry_after): an error read by another process (a Dask worker) travels whole
        return type(self), (self.where, self.reason), self.__dict__


class UnreadableInput(InputError):
    """Missing, unreadable, or not decodable."""


class InputTooLarge(InputError):
    """Over the size cap (``max_input_bytes`` in the settings)."""


class NoArticleText(InputError):
    """Readable, but without an article body."""


class BadRecord(InputError):
    """A JSONL/CSV/TSV record or header that does not fit the expected fields."""


class FetchError(InputError):
    """A URL or feed that could not be fetched.

    ``retry_after``: the seconds the server asked to wait (a 429 or 503 with
    ``Retry-After``), so a watch polls it again no sooner.

    >>> FetchError("https://bayherald.example/rss", "HTTP 503", retry_after=120.0).retry_after
    120.0
    """

    def __init__(self, where: str, reason: str, retry_after: float | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(where, reason)


class RefusedAddress(FetchError):
    """A URL whose host resolves to a loopback, private or link-local address, with ``fetch.public_only`` on."""


class StageError(NewstrailError):
    """A per-article stage failed or cannot run."""


class StoreError(NewstrailError):
    """The store cannot be opened, migrated or written."""


class NotFound(StoreError):
    """No stored article matches the id or URL."""


class AmbiguousKey(NotFound):
    """An id prefix that more than one stored article starts with; the message lists them.

    >>> str(AmbiguousKey("33", ["3365b887 (Lantern)", "33aa0102 (Crosswind)"], 2, "x.db")).splitlines()[0]
    "'33' is ambiguous: 2 stored articles in x.db start with it; give more of the id:"
    """

    def __init__(self, key: str, candidates: list[str], total: int, location: str) -> None:
        self.key, self.candidates, self.total = key, candidates, total
        more = f"\n  ... and {total - len(candidates)} more" if total > len(candidates) else ""
        listed = "".join(f"\n  {c}" for c in candidates)
        super().__init__(f"{key!r} is ambiguous: {total} stored articles in {location} start with it; give more of the id:{listed}{more}")


class MissingExtra(NewstrailError):
    """An optional dependency is missing; the message names the ``pip install`` line."""

    def __init__(self, extra: str, feature: str, pip: str | None = None) -> None:
        self.extra, self.feature, self.pip = extra, feature, pip
        # ``pip`` names the packages when they are core dependencies that went missing
        # (a broken or hand-made environment) rather than an optional extra.
        if pip:
            super().__init__(f"{feature} needs packages that are not installed: {pip}")
        else:
            super().__init__(f"{feature} needs the '{extra}' extra: pip install 'newstrail[{extra}]'")

    def __reduce__(self) -> tuple[type, tuple[str, str, str | None]]:
        # a stage on a Dask worker that misses an extra reports it to the client whole
        return type(self), (self.extra, self.feature, self.pip)
