"""When what a linking run holds in memory of the store goes stale.

A linking run keeps what it reads of the store (the leads of a window of days, the
n-gram postings) rather than reading it again per article, and adds what it writes
itself. That holds only while no other connection writes: two ``analyze`` processes
linking one store must see each other's work. The store says whether another
connection wrote since the last time it was asked
(:meth:`~newstrail.store.protocols.Links.written_elsewhere`), once: so the holders of one
run share a :class:`StoreWrites`, which counts the writes seen and lets each holder tell
whether one came since it last looked.

>>> import tempfile, os
>>> from newstrail.store import open_store
>>> writes = StoreWrites(open_store(os.path.join(tempfile.mkdtemp(), "w.db")))
>>> seen = writes.seen()
>>> writes.seen() == seen  # nothing written elsewhere in between
True
"""

from __future__ import annotations

from newstrail.store import Store

__all__ = ["StoreWrites"]


class StoreWrites:
    """Counts the writes of other connections a store reports, for several holders at once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._count = 0

    def seen(self) -> int:
        """How many times another connection has been seen writing so far (this call asks the
        store): a holder whose last count differs reads what it holds again. A backend that
        cannot tell says so every time (:meth:`~newstrail.store.protocols.Links.written_elsewhere`)."""
        if self.store.links.written_elsewhere():
            self._count += 1
        return self._count
