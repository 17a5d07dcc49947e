"""Connected components: the one union-find of the corpus.

Linking joins articles into stories with it, and a trace numbers the parts of a
story's graph with it.

>>> parts = UnionFind(["a", "b", "c", "d"])
>>> parts.union("a", "b"); parts.union("d", "b")
>>> parts.groups()
[['a', 'b', 'd'], ['c']]
>>> parts.labels()
{'a': 0, 'b': 0, 'c': 1, 'd': 0}
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

__all__ = ["UnionFind"]

T = TypeVar("T", bound=Hashable)


class UnionFind(Generic[T]):
    """Disjoint sets over hashable items, with path halving; items join on first sight."""

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._parent: dict[T, T] = {}
        for item in items:
            self.find(item)

    def __contains__(self, item: object) -> bool:
        return item in self._parent

    def find(self, item: T) -> T:
        """The representative of ``item``'s set (``item`` joins as a set of its own if new)."""
        parent = self._parent
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: T, b: T) -> None:
        """Join the sets of ``a`` and ``b``."""
        self._parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list[T]]:
        """The sets, each in the order its items were first seen, ordered by their first item."""
        out: dict[T, list[T]] = {}
        for item in list(self._parent):
            out.setdefault(self.find(item), []).append(item)
        return list(out.values())

    def labels(self) -> dict[T, int]:
        """Each item's set number (sets numbered as :meth:`groups` orders them), items in the order first seen."""
        numbers: dict[T, int] = {}
        return {item: numbers.setdefault(self.find(item), len(numbers)) for item in list(self._parent)}
