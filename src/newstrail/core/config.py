"""One settings object, built once (defaults, then a TOML file, then flags and ``--set``) and passed down.

>>> s = Settings.build(overrides={"db": "corpus.db"}, sets=["factchecks.threshold=0.6"])
>>> s.db, s.fetch_timeout, s.factcheck_threshold
('corpus.db', 10.0, 0.6)
>>> s.section("claims")
{'keep': 'all', 'model': 'fast'}

A settings file is TOML with one table per section; every key is documented on
the :class:`Settings` field it sets (``section.key`` in :data:`SECTIONS`)::

    [store]
    db = "team.db"

    [pipeline]
    stages = ["clean", "body-check", "sentences", "attributions", "quotes", "claims", "rhetoric"]

    [factchecks]
    threshold = 0.6

The flat ``[newstrail]`` table of earlier versions, keyed by field name
(``fetch_timeout = 5``), is still read.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newstrail.core.errors import ConfigError

#: The settings file read when none is named and it exists in the working folder.
DEFAULT_FILE = "newstrail.toml"

#: Every per-article stage a pipeline can name, in the order they can run
#: (the registry in :mod:`newstrail.engines.stages` builds each one).
STAGE_NAMES: tuple[str, ...] = (
    "clean", "body-check", "language", "sentences", "attributions", "quotes", "claims", "rhetoric", "factchecks", "outlet",
)
#: The stages ``analyze`` runs unless told otherwise: all of them (``pipeline.rhetoric = false``
#: or ``--no-rhetoric`` skips the rhetoric stage, as ``pipeline.detect_language`` the language one).
DEFAULT_STAGES: tuple[str, ...] = STAGE_NAMES

#: Seconds a write waits for another process's write lock on the store (``store.busy_timeout``).
DEFAULT_BUSY_TIMEOUT = 30.0

#: The table of the settings file's earlier, flat layout (keys are field names).
LEGACY_TABLE = "newstrail"


def _setting(default: Any, section: str, key: str, choices: tuple[str, ...] = (), low: float | None = None,
             high: float | None = None, above: bool = False) -> Any:
    """A field of :class:`Settings` with where it lives in the file and what it accepts.

    ``low``/``high`` bound numbers inclusively; ``above`` makes ``low`` exclusive.
    """
    meta = {"section": section, "key": key, "choices": choices, "low": low, "high": high, "above": above}
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class Settings:
    """Everything a run can be told. Field comments are the user-facing documentation.

    Constructing one validates it, so ``Settings(batch_size=0)`` raises
    :class:`~newstrail.core.errors.ConfigError` at once.
    """

    #: store location: a SQLite file path (the default backend) or a postgresql:// URL
    db: str = _setting("newstrail.db", "store", "db")
    #: seconds a write waits for another process's write lock on the store before it gives up (exit 3)
    busy_timeout: float = _setting(DEFAULT_BUSY_TIMEOUT, "store", "busy_timeout", low=0)
    #: seconds before a fetch gives up on connecting or reading
    fetch_timeout: float = _setting(10.0, "fetch", "timeout", low=0, above=True)
    #: seconds one URL may take in all (retries and a server that drips its answer included)
    fetch_deadline: float = _setting(60.0, "fetch", "deadline", low=0, above=True)
    #: seconds a feed may take in all, its entries' pages included; entries left are reported
    feed_deadline: float = _setting(300.0, "fetch", "feed_deadline", low=0, above=True)
    #: extra attempts after a failed fetch (connection errors, 429, 5xx)
    fetch_retries: int = _setting(2, "fetch", "retries", low=0)
    #: first back-off pause in seconds; doubles on every retry
    fetch_backoff: float = _setting(0.5, "fetch", "backoff", low=0)
    #: redirects followed before a fetch is refused
    max_redirects: int = _setting(5, "fetch", "max_redirects", low=0)
    #: how newstrail introduces itself to web servers
    user_agent: str = _setting("newstrail/0.1 (news provenance research tool)", "fetch", "user_agent")
    #: minutes between two polls of a feed ``newstrail watch`` follows (``--every``)
    watch_every: float = _setting(15.0, "watch", "every", low=0, above=True)
    #: longest wait, in minutes, after failed polls of a feed: the wait doubles from ``every`` on
    #: each failure in a row up to this (a server's longer Retry-After is honoured as it is)
    watch_max_backoff: float = _setting(240.0, "watch", "max_backoff", low=0, above=True)
    #: inputs (a file, a record, a download) larger than this are refused
    max_input_bytes: int = _setting(5_000_000, "ingest", "max_input_bytes", low=1)
    #: the per-article stages, by name, in order (see ``newstrail pipeline``)
    pipeline: tuple[str, ...] = _setting(DEFAULT_STAGES, "pipeline", "stages", choices=STAGE_NAMES)
    #: an article with less clean text than this is reported as having no body
    min_text_chars: int = _setting(40, "pipeline", "min_text_chars", low=0)
    #: articles written to the store per transaction
    batch_size: int = _setting(200, "pipeline", "batch_size", low=1)
    #: detect the language of articles whose input does not state it (off: the language stage is skipped)
    detect_language: bool = _setting(True, "pipeline", "detect_language")
    #: find propaganda techniques in every article (off: the rhetoric stage is skipped, as if not listed)
    rhetoric: bool = _setting(True, "pipeline", "rhetoric")
    #: what finds propaganda spans: "fast" (the CRF tagger, ~2 ms an article) or "finetuned" (all-MiniLM-L6-v2 fine-tuned as a token tagger, analyze/rhetoric/finetuned.py: better spans, far slower)
    rhetoric_spans: str = _setting("fast", "rhetoric", "spans", choices=("fast", "finetuned"))
    #: how analyze runs: "local" (this process) or "dask" (per-article work on a Dask cluster; the [dask] extra)
    engine: str = _setting("local", "engine", "name", choices=("local", "dask"))
    #: the Dask scheduler's address (tcp://host:8786); empty: the dask engine starts a local cluster
    dask_scheduler: str = _setting("", "engine", "scheduler")
    #: worker processes of the local cluster the dask engine starts (one thread each)
    dask_workers: int = _setting(2, "engine", "workers", low=1)
    #: the dask engine's workers also guess and align each article's linking candidates (the same results; on 2 cores it costs the workers more than it saves the client)
    dask_align_ahead: bool = _setting(False, "engine", "align_ahead")
    #: link new articles into the corpus (reuse, stories, provenance) as they are stored
    link: bool = _setting(True, "link", "enabled")
    #: which sentences' claims the stored record keeps: "all" (numbers and entities on check-worthy ones only) or "checkworthy"
    claims_keep: str = _setting("all", "claims", "keep", choices=("all", "checkworthy"))
    #: check-worthiness model: "fast" (features, terms, static embeddings), "accurate" (the same over all-MiniLM-L6-v2 embeddings: +0.016 F1 on unseen debates, ~80x the stage's CPU) or "finetuned" (all-MiniLM-L6-v2 fine-tuned, analyze/checkworthy_ft.py)
    claims_model: str = _setting("fast", "claims", "model", choices=("fast", "accurate", "finetuned"))
    #: analyze keeps a claim's fact-check matches whose calibrated score (0..1) is at least this
    factcheck_threshold: float = _setting(0.5, "factchecks", "threshold", low=0, high=1)
    #: `factchecks match` shows matches scoring at least this (chosen on CheckThat! 2020 dev by F1 of the shown top-5 matches; --all shows every one)
    factcheck_match_threshold: float = _setting(0.4, "factchecks", "match_threshold", low=0, high=1)
    #: matcher analyze uses: "fast" (lexical + static embeddings), "hybrid" (adds the accurate rerank, ~6 ms a claim), "accurate", "lexical",
    #: "rerank" (the hybrid, then a fine-tuned cross-encoder over its top candidates, factchecks/rerank.py)
    factcheck_matcher: str = _setting("fast", "factchecks", "matcher", choices=("fast", "hybrid", "accurate", "lexical", "rerank"))
    #: refuse to fetch a URL whose host resolves to a loopback, private, link-local or other non-public address
    #: (checked at every connection, redirects included); ``newstrail serve`` turns it on unless web.allow_private_urls
    fetch_public_only: bool = _setting(False, "fetch", "public_only")
    #: the address ``newstrail serve`` binds to, and only to; beyond loopback it needs web.token
    web_host: str = _setting("127.0.0.1", "web", "host")
    #: the port ``newstrail serve`` listens on
    web_port: int = _setting(8000, "web", "port", low=1, high=65535)
    #: the token writes (storing articles, importing fact-checks) need; empty: writes are open (loopback only).
    #: Prefer the NEWSTRAIL_TOKEN environment variable to writing it in a file
    web_token: str = _setting("", "web", "token")
    #: let the web app fetch submitted URLs at loopback, private and link-local addresses (off: refused, against SSRF)
    web_allow_private_urls: bool = _setting(False, "web", "allow_private_urls")
    #: largest request body the web app reads (JSON and form submissions); larger ones get 413
    web_max_body_bytes: int = _setting(1_000_000, "web", "max_body_bytes", low=1)
    #: largest file upload (multipart) the web app reads; larger ones get 413
    web_max_upload_bytes: int = _setting(10_000_000, "web", "max_upload_bytes", low=1)

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            object.__setattr__(self, f.name, _validated(f, getattr(self, f.name)))

    @classmethod
    def build(cls, file: str | os.PathLike[str] | None = None, overrides: dict[str, Any] | None = None,
              sets: list[str] | tuple[str, ...] = ()) -> Settings:
        """Defaults, then ``file`` (or ``./newstrail.toml`` if present), then ``overrides``, then ``sets``.

        ``overrides`` maps field names (``fetch_timeout``) or dotted names
        (``fetch.timeout``) to values; ``None`` means "not given" and is skipped,
        so the CLI can pass every flag through unchanged. ``sets`` are
        ``section.key=value`` strings (``--set``), typed by the field they name.
        """
        values: dict[str, Any] = {}
        origin: dict[str, str] = {}  # field -> where its value came from, for the error message
        path = Path(file) if file else Path(DEFAULT_FILE)
        if file or path.exists():
            read = _read_file(path)
            values.update(read)
            origin.update(dict.fromkeys(read, str(path)))
        for name, value in (overrides or {}).items():
            if value is not None:
                field_name = _field_name(name, "override")
                values[field_name], origin[field_name] = value, "option"
        for assignment in sets:
            name, value = _parse_set(assignment)
            values[name], origin[name] = value, f"--set {assignment}"
        for name, value in values.items():
            if name in _FIELDS:
                try:
                    _validated(_FIELDS[name], value)
                except ConfigError as exc:
                    raise ConfigError(f"{origin[name]}: {exc}") from exc
        return cls._checked(values)

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` (field names) applied and validated."""
        return self._checked({**{f.name: getattr(self, f.name) for f in dataclasses.fields(self)}, **changes})

    def section(self, name: str) -> dict[str, Any]:
        """The settings of one section as ``{key: value}``, e.g. ``section("factchecks")``."""
        if name not in SECTIONS:
            raise ConfigError(f"unknown section [{name}]; known: {', '.join(SECTIONS)}")
        return {f.metadata["key"]: getattr(self, f.name) for f in dataclasses.fields(self) if f.metadata["section"] == name}

    def sections(self) -> dict[str, dict[str, Any]]:
        """Every section as ``{section: {key: value}}``: what a settings file would say."""
        return {name: self.section(name) for name in SECTIONS}

    @classmethod
    def _checked(cls, values: dict[str, Any]) -> Settings:
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ConfigError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(DOTTED))}")
        return cls(**values)


#: section -> its keys, in field order
SECTIONS: dict[str, tuple[str, ...]] = {}
#: ``section.key`` -> field name
DOTTED: dict[str, str] = {}
for _f in dataclasses.fields(Settings):
    SECTIONS.setdefault(_f.metadata["section"], ())
    SECTIONS[_f.metadata["section"]] += (_f.metadata["key"],)
    DOTTED[f"{_f.metadata['section']}.{_f.metadata['key']}"] = _f.name
_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}


def _field_name(name: str, where: str) -> str:
    """The field a flat (``fetch_timeout``) or dotted (``fetch.timeout``) name sets."""
    if name in _FIELDS:
        return name
    if name in DOTTED:
        return DOTTED[name]
    raise ConfigError(f"{where}: unknown setting(s) {name}; known: {', '.join(sorted(DOTTED))}")


def _dotted(f: dataclasses.Field[Any]) -> str:
    return f"{f.metadata['section']}.{f.metadata['key']}"


def _kind(f: dataclasses.Field[Any]) -> type[Any]:
    """The type of a setting: that of its default (every setting has one)."""
    default: Any = f.default
    return type(default)


def _validated(f: dataclasses.Field[Any], value: Any) -> Any:
    """``value`` as the type of field ``f``, or ConfigError naming the key and what it accepts."""
    kind, name, meta = _kind(f), _dotted(f), f.metadata
    if kind is bool:
        if not isinstance(value, bool):
            # bool("false") is True: a quoted boolean is refused, never read as text
            hint = f" (write it without quotes: {meta['key']} = {value.lower()})" if isinstance(value, str) and value.lower() in ("true", "false") else ""
            raise ConfigError(f"setting {name}={value!r} must be true or false{hint}")
    elif kind in (int, float):
        wrong = isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and not isinstance(value, int))
        if wrong:
            raise ConfigError(f"setting {name}={value!r} is not {'an int' if kind is int else 'a number'}")
        value = kind(value)
        low, high = meta["low"], meta["high"]
        if (low is not None and (value <= low if meta["above"] else value < low)) or (high is not None and value > high):
            bounds = f"{'above' if meta['above'] else 'at least'} {low}" + (f" and at most {high}" if high is not None else "")
            raise ConfigError(f"setting {name}={value!r} is out of range: it must be {bounds}")
    elif kind is tuple:
        if isinstance(value, str) or not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"setting {name}={value!r} must be a list of names from: {', '.join(meta['choices'])}")
        value = tuple(value)
        bad = [v for v in value if v not in meta["choices"]]
        twice = sorted({v for v in value if value.count(v) > 1})
        if bad or twice:
            problem = f"unknown {', '.join(map(repr, bad))}" if bad else f"repeats {', '.join(map(repr, twice))}"
            raise ConfigError(f"setting {name} {problem}; allowed: {', '.join(meta['choices'])}")
    elif not isinstance(value, str):
        raise ConfigError(f"setting {name}={value!r} is not a string")
    if kind is str and meta["choices"] and value not in meta["choices"]:
        raise ConfigError(f"setting {name}={value!r} is not allowed; allowed: {', '.join(meta['choices'])}")
    return value


def _parse_set(assignment: str) -> tuple[str, Any]:
    """``"section.key=value"`` -> (field name, value typed by the field).

    >>> _parse_set("pipeline.stages=clean, sentences")
    ('pipeline', ('clean', 'sentences'))
    >>> _parse_set("link.enabled=false")
    ('link', False)
    """
    name, sep, text = assignment.partition("=")
    if not sep:
        raise ConfigError(f"--set {assignment!r}: expected section.key=value, e.g. factchecks.threshold=0.6")
    f = _FIELDS[_field_name(name.strip(), "--set")]
    text, kind = text.strip(), _kind(f)
    if kind is bool:
        if text.lower() not in ("true", "false"):
            raise ConfigError(f"--set {assignment}: setting {_dotted(f)}={text!r} must be true or false")
        return f.name, text.lower() == "true"
    if kind is tuple:
        return f.name, tuple(p.strip().strip("'\"") for p in text.strip("[]").split(",") if p.strip())
    if kind in (int, float):
        try:
            return f.name, kind(text)
        except ValueError as exc:
            raise ConfigError(f"--set {assignment}: setting {_dotted(f)}={text!r} is not {'an int' if kind is int else 'a number'}") from exc
    return f.name, text


def _read_file(path: Path) -> dict[str, Any]:
    """The settings a TOML file gives, as field names -> values (not yet validated)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: settings file not found") from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read settings ({exc}); it must be TOML with tables like [pipeline] or [store]") from exc
    values: dict[str, Any] = {}
    for table, keys in data.items():
        if not isinstance(keys, dict):
            raise ConfigError(f"{path}: {table!r} is outside a table; put settings under a heading like [{next(iter(SECTIONS))}]")
        if table == LEGACY_TABLE:
            values.update({_field_name(k, str(path)): v for k, v in keys.items()})
        elif table in SECTIONS:
            values.update({_field_name(f"{table}.{k}", str(path)): v for k, v in keys.items()})
        else:
            raise ConfigError(f"{path}: unknown section [{table}]; known: {', '.join(SECTIONS)} (or the flat [{LEGACY_TABLE}] table)")
    return values
