"""One settings object, built once (defaults, then a TOML file, then flags) and passed down.

>>> s = Settings.build(overrides={"db": "corpus.db"})
>>> s.db, s.fetch_timeout
('corpus.db', 10.0)

A settings file is TOML with a ``[newstrail]`` table whose keys are the field
names below::

    [newstrail]
    db = "team.db"
    fetch_timeout = 5
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstrail.core.errors import ConfigError

#: The settings file read when none is named and it exists in the working folder.
DEFAULT_FILE = "newstrail.toml"


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told. Field docs are the user-facing documentation."""

    #: store location: a SQLite file path (the default backend)
    db: str = "newstrail.db"
    #: seconds before a fetch gives up on connecting or reading
    fetch_timeout: float = 10.0
    #: extra attempts after a failed fetch (connection errors, 429, 5xx)
    fetch_retries: int = 2
    #: first back-off pause in seconds; doubles on every retry
    fetch_backoff: float = 0.5
    #: redirects followed before a fetch is refused
    max_redirects: int = 5
    #: how newstrail introduces itself to web servers
    user_agent: str = "newstrail/0.1 (news provenance research tool)"
    #: inputs (a file, a record, a download) larger than this are refused
    max_input_bytes: int = 5_000_000
    #: an article with less clean text than this is reported as having no body
    min_text_chars: int = 40
    #: articles written to the store per transaction
    batch_size: int = 200
    #: detect the language of articles whose input does not state it
    detect_language: bool = True
    #: link new articles into the corpus (reuse, stories, provenance) as they are stored
    link: bool = True
    #: which sentences' claims the stored record keeps: "all" (numbers and entities on check-worthy ones only) or "checkworthy"
    claims_keep: str = "all"
    #: analyze keeps a claim's fact-check matches whose calibrated score (0..1) is at least this
    factcheck_threshold: float = 0.5
    #: matcher analyze uses: "fast" (lexical + static embeddings), "hybrid" (adds the accurate rerank, ~6 ms a claim), "lexical"
    factcheck_matcher: str = "fast"

    @classmethod
    def build(cls, file: str | os.PathLike[str] | None = None, overrides: dict[str, Any] | None = None) -> Settings:
        """Defaults, then ``file`` (or ``./newstrail.toml`` if present), then ``overrides``.

        ``None`` values in ``overrides`` mean "not given" and are skipped, so the
        CLI can pass every flag through unchanged.
        """
        values: dict[str, Any] = {}
        path = Path(file) if file else Path(DEFAULT_FILE)
        if file or path.exists():
            values.update(_read_file(path))
        values.update({k: v for k, v in (overrides or {}).items() if v is not None})
        return cls._checked(values)

    def replace(self, **changes: Any) -> Settings:
        return self._checked({**dataclasses.asdict(self), **changes})

    @classmethod
    def _checked(cls, values: dict[str, Any]) -> Settings:
        fields = {f.name: f for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - set(fields))
        if unknown:
            raise ConfigError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(fields))}")
        out: dict[str, Any] = {}
        for name, value in values.items():
            kind = type(getattr(cls, name))
            try:
                out[name] = value if isinstance(value, kind) else kind(value)
            except (TypeError, ValueError) as exc:
                raise ConfigError(f"setting {name}={value!r} is not a {kind.__name__}") from exc
        return cls(**out)


def _read_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: settings file not found") from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read settings ({exc}); it must be TOML with a [newstrail] table") from exc
    table = data.get("newstrail")
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: no [newstrail] table; put the settings under a [newstrail] heading")
    return table
