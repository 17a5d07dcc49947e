"""JSON read from untrusted input: nesting depth bounded, NaN and Infinity refused.

Every reader of outside JSON (article records, fact-checks, rating lists, loose texts)
parses through :func:`loads`, so a record nested 900 levels deep, or one whose numbers
are ``NaN``, is one bad record with a clear message, not a ``RecursionError`` or a value
that breaks arithmetic later. Problems are raised as :class:`json.JSONDecodeError`, the
error the readers already report as ``FILE:LINE: not valid JSON (...)``.

>>> loads('{"a": [1, 2]}')
{'a': [1, 2]}
>>> loads('{"rating": NaN}')
Traceback (most recent call last):
...
json.decoder.JSONDecodeError: NaN is not a number JSON allows (write null or a number): line 1 column 12 (char 11)
>>> loads("[" * 100 + "]" * 100)
Traceback (most recent call last):
...
json.decoder.JSONDecodeError: nested more than 64 levels deep (no record needs that many): line 1 column 1 (char 0)
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["MAX_DEPTH", "MAX_ITEMS", "loads", "shape_problem"]

#: deepest nesting of objects and lists a record may have (ClaimReview feeds need about 8)
MAX_DEPTH = 64
#: most values one record may hold once shared parts are counted each time they appear:
#: YAML aliases let a few lines name billions (the "billion laughs"), which serialising expands
MAX_ITEMS = 1_000_000


def loads(text: str, max_depth: int = MAX_DEPTH, **kwargs: Any) -> Any:
    """``json.loads`` with nesting at most ``max_depth`` deep and no NaN/Infinity."""

    def refuse(name: str) -> Any:
        raise json.JSONDecodeError(f"{name} is not a number JSON allows (write null or a number)", text, max(0, text.find(name)))

    deep = f"nested more than {max_depth} levels deep (no record needs that many)"
    try:
        data = json.loads(text, parse_constant=refuse, **kwargs)
    except RecursionError:
        raise json.JSONDecodeError(deep, text, 0) from None
    problem = shape_problem(data, max_depth)
    if problem:
        raise json.JSONDecodeError(problem, text, 0)
    return data


def shape_problem(data: Any, max_depth: int = MAX_DEPTH, max_items: int = MAX_ITEMS) -> str | None:
    """What is wrong with the shape of parsed data (too deep, too many values), or ``None``.

    >>> shape_problem({"a": [1, {"b": 2}]}) is None
    True
    """
    # iterative: the point is not to recurse on what may be nested a thousand deep
    stack = [(data, 1)]
    seen = 0
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = list(item.values())
        elif isinstance(item, (list, tuple)):
            children = list(item)
        else:
            continue
        if depth > max_depth:
            return f"nested more than {max_depth} levels deep (no record needs that many)"
        seen += len(children)
        if seen > max_items:
            return f"more than {max_items:,} values once repeated parts are counted (YAML aliases?)"
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list, tuple)))
    return None
