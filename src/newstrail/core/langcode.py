"""Language codes as the stages compare them: the base language of a tag.

Inputs state languages as ``pt-BR``, ``zh_Hant``, ``EN`` or not at all; every place that
picks a word list, a model or a translation pair by language wants the base code.
"""

from __future__ import annotations

__all__ = ["base_language"]


def base_language(code: str | None) -> str:
    """The lower-case base language of a BCP 47 or POSIX-style tag; ``""`` for none.

    >>> base_language("pt-BR"), base_language("zh_Hant"), base_language("EN"), base_language(None)
    ('pt', 'zh', 'en', '')
    """
    return (code or "").split("-")[0].split("_")[0].strip().lower()
