"""Repositories of articles and of the text index (n-gram postings; search per backend).

An article is one row: the columns queries filter on, its text, and its record as
JSON (read back whole, never queried by path). Its links and its claims' fact-check
matches go to side tables at put time.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

import orjson

from newstrail.core.article import Article
from newstrail.core.dates import instant_key
from newstrail.core.errors import AmbiguousKey, NotFound
from newstrail.outlets import canonical_url
from newstrail.store.rows import ADDED, EXISTS, ArticleRef, ArticleRow, ClaimMatch, OutletName, SearchHit
from newstrail.store.sql_db import SQLDB, bounds, chunks, marks, unique

_REF = "id, outlet, domain, url, published, story"
_PAGE = 500  # articles read per query when iterating over the corpus


def _ref(row: Sequence[Any]) -> ArticleRef:
    return ArticleRef(*row)


def _like_prefix(key: str) -> str:
    return key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


#: candidates an ambiguous id prefix lists
_CANDIDATES = 10


def search_parts(query: str, phrase: bool = False) -> list[str]:
    """What a search requires, each a phrase to find: each "quoted phrase", then every other
    word; ``phrase``: the whole query as one phrase. Every backend searches for all of them.

    >>> search_parts('pier "harbor council" vote')
    ['harbor council', 'pier', 'vote']
    >>> search_parts("harbor council", phrase=True)
    ['harbor council']
    """
    if phrase:
        words = " ".join(query.replace('"', " ").split())
        return [words] if words else []
    phrases = [" ".join(p.split()) for p in re.findall(r'"([^"]*)"', query)]
    rest = re.sub(r'"[^"]*"?', " ", query)  # an unclosed quote's words count as words
    rest = rest.replace('"', " ")
    return [p for p in phrases if p] + rest.split()


def fts_query(query: str, phrase: bool = False) -> str:
    """The FTS5 expression of a search (:func:`search_parts`), every part quoted: user text
    is words to find, never FTS5 syntax.

    >>> fts_query('pier "harbor council" vote')
    '"harbor council" "pier" "vote"'
    >>> fts_query("harbor council", phrase=True)
    '"harbor council"'
    """
    return " ".join('"' + part.replace('"', '""') + '"' for part in search_parts(query, phrase))


def _record(article: Article) -> str:
    # the text is kept once, in its own column (the search index reads it there); a text
    # with a NUL stays in the record too, as PostgreSQL's text column cannot hold that character
    return article.to_json(text="\x00" in article.text)


#: a run of digits an integer beyond 64 bits needs (-9223372036854775809 has 19), which orjson
#: reads back as a float where json keeps the integer: looked for in the record's UTF-8 bytes with
#: every ASCII digit made "1" and every other byte "0" (a table lookup and a substring search, about
#: an eighth of the cost of a regular expression over the text). Numbers in JSON are ASCII digits;
#: other digits stand in strings, which both decoders read alike.
_DIGIT_BYTES = bytes(0x31 if 0x30 <= b <= 0x39 else 0x30 for b in range(256))
_LONG_DIGITS = b"1" * 19


def _long_digits(record: str) -> bool:
    """Whether ``record`` holds a run of 19 ASCII digits.

    >>> _long_digits('{"n": 1234567890123456789}'), _long_digits('{"n": 123456789012345678, "m": 1}')
    (True, False)
    """
    # (surrogatepass: a lone surrogate, which orjson refuses and json reads, encodes to non-digits)
    return _LONG_DIGITS in record.encode("utf-8", "surrogatepass").translate(_DIGIT_BYTES)


def _decoded(record: str) -> dict[str, Any]:
    """A stored record as a dict: orjson's speed, json's exactness where orjson would round (a
    long integer in ``meta``) or refuses (NaN).

    >>> _decoded('{"meta": {"n": 123456789012345678901234}}')["meta"]["n"]
    123456789012345678901234
    """
    if _long_digits(record):
        return json.loads(record)
    try:
        return orjson.loads(record)
    except orjson.JSONDecodeError:  # NaN, which json writes and orjson refuses
        return json.loads(record)


def _article(text: str, record: str, story: str | None = None, without: Collection[str] = ()) -> Article:
    data = _decoded(record)
    for name in without:
        data.pop(name, None)
    data.setdefault("text", text)
    data["story"] = story  # linking moves articles between stories without rewriting records
    return Article.from_dict(data)


class SQLArticles:
    """Stored articles (see :class:`newstrail.store.protocols.Articles`)."""

    def __init__(self, db: SQLDB, location: str) -> None:
        self.db = db
        self.location = location

    # writing -----------------------------------------------------------------
    def _exists(self, article: Article) -> bool:
        # one statement (each index answers its part): a round trip to a server costs more than a lookup
        if article.url:
            sql, params = "SELECT 1 FROM articles WHERE id = ? OR url = ? LIMIT 1", (article.id, article.url)
        else:
            sql, params = "SELECT 1 FROM articles WHERE id = ? OR (content_hash = ? AND url IS NULL) LIMIT 1", (article.id, article.content_hash)
        return self.db.execute(sql, params).fetchone() is not None

    def _write_sides(self, stored: Sequence[tuple[int, Article]]) -> None:
        """The side tables of stored articles: their links and their claims' fact-check
        matches (one statement per table for the batch: a server's round trip costs more than a row)."""
        self.db.executemany(
            'INSERT INTO links(article, start, "end", url, domain, anchor) VALUES (?, ?, ?, ?, ?, ?)',
            [(rowid, ln.span.start, ln.span.end, ln.url, ln.domain, ln.anchor) for rowid, article in stored for ln in article.links],
        )
        self.db.executemany(
            "INSERT INTO claim_matches(article, claim, factcheck, rating, verdict) VALUES (?, ?, ?, ?, ?)",
            [(rowid, number, m.factcheck, m.rating, m.evidence.get("verdict"))
             for rowid, article in stored for number, claim in enumerate(article.claims) for m in claim.matches],
        )

    def _values(self, article: Article) -> tuple[Any, ...]:
        return (article.url, article.outlet, article.domain, article.title, article.published, instant_key(article.published), article.language,
                article.content_hash, article.source, article.text, _record(article), article.story)

    def put_many(self, articles: Sequence[Article]) -> list[str]:
        """Store a batch atomically; ``ADDED`` or ``EXISTS`` per article."""
        statuses: list[str] = []
        stored: list[tuple[int, Article]] = []
        with self.db.transaction():
            for article in articles:
                article.ensure_id()
                if self._exists(article):
                    statuses.append(EXISTS)
                    continue
                rowid = self.db.execute(
                    "INSERT INTO articles(id, url, outlet, domain, title, published, published_at, language, content_hash, source, text, record, story)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING rowid",
                    (article.id, *self._values(article)),
                ).fetchone()[0]
                stored.append((rowid, article))
                statuses.append(ADDED)
            self._write_sides(stored)
        return statuses

    def put(self, article: Article) -> str:
        """Store one article; ``ADDED`` or ``EXISTS``."""
        return self.put_many([article])[0]

    def update(self, article: Article) -> None:
        """Replace the stored record of an article already stored (its outlet facts, from the
        text as cleaned, stay indexed)."""
        with self.db.transaction():
            row = self.db.execute("SELECT rowid FROM articles WHERE id = ?", (article.id,)).fetchone()
            if row is None:
                raise NotFound(f"no stored article with id {article.id}; store it with put_many first")
            self.db.execute(
                "UPDATE articles SET url=?, outlet=?, domain=?, title=?, published=?, published_at=?, language=?, content_hash=?, source=?,"
                " text=?, record=?, story=? WHERE rowid=?",
                (*self._values(article), row[0]),
            )
            self.db.execute("DELETE FROM links WHERE article = ?", (row[0],))
            self.db.execute("DELETE FROM claim_matches WHERE article = ?", (row[0],))
            self._write_sides([(row[0], article)])

    # reading -----------------------------------------------------------------
    def get(self, article_id: str) -> Article:
        """The article with this id; raises NotFound."""
        row = self.db.execute("SELECT text, record, story FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(f"no stored article with id {article_id!r} in {self.location}")
        return _article(*row)

    def get_many(self, ids: Sequence[str], without: Collection[str] = ()) -> list[Article]:
        """The stored ones of ``ids``, in that order; ``without``: record fields left empty."""
        found = {i: _article(text, record, story, without)
                 for i, text, record, story in self.db.select_in("SELECT id, text, record, story FROM articles WHERE id IN ({})", ids)}
        return [found[i] for i in ids if i in found]

    def texts(self, ids: Sequence[str]) -> list[Article]:
        """The stored ones of ``ids``, in that order, with only their text, title, outlet,
        domain, URL and date, read from their columns (no record decoded). One whose columns
        may differ from its record (a NUL, which PostgreSQL's text holds as U+FFFD) is read whole."""
        found: dict[str, Article] = {}
        whole = []
        for i, text, title, outlet, domain, url, published in self.db.select_in(
            "SELECT id, text, title, outlet, domain, url, published FROM articles WHERE id IN ({})", ids
        ):
            if any(v and ("\x00" in v or "\ufffd" in v) for v in (text, title, outlet, domain, url)):
                whole.append(i)
            else:
                found[i] = Article(id=i, text=text, title=title, outlet=outlet, domain=domain, url=url, published=published)
        found |= {a.id: a for a in self.get_many(whole)}
        return [found[i] for i in ids if i in found]

    def languages(self, ids: Sequence[str]) -> dict[str, str | None]:
        """Article id -> its stored language, for the stored ones of ``ids``."""
        return {row[0]: row[1] for row in self.db.select_in("SELECT id, language FROM articles WHERE id IN ({})", ids)}

    def find(self, id_or_url: str) -> Article:
        """The article with this id, canonical URL or unique id prefix."""
        key = id_or_url.strip()
        row = self.db.execute("SELECT text, record, story FROM articles WHERE id = ?", (key,)).fetchone()
        if row is None and (url := canonical_url(key)):
            row = self.db.execute("SELECT text, record, story FROM articles WHERE url = ?", (url,)).fetchone()
        if row is None and len(key) >= 4:
            rows = self.db.execute("SELECT text, record, story FROM articles WHERE id LIKE ? ESCAPE '\\' LIMIT 2", (_like_prefix(key),)).fetchall()
            if len(rows) == 1:
                row = rows[0]
            elif rows:
                self._ambiguous(key)
        if row is None:
            raise NotFound(f"no stored article with id or URL {key!r} in {self.location}; list them with 'newstrail analyze' output or search the store")
        return _article(*row)

    def _ambiguous(self, key: str) -> None:
        """Raise AmbiguousKey listing the articles whose id starts with ``key``."""
        where = "FROM articles WHERE id LIKE ? ESCAPE '\\'"
        total = int(self.db.execute(f"SELECT count(*) {where}", (_like_prefix(key),)).fetchone()[0])
        rows = self.db.execute(f"SELECT id, outlet, published, title {where} ORDER BY id LIMIT ?", (_like_prefix(key), _CANDIDATES)).fetchall()
        listed = ["  ".join([r[0], " · ".join(str(p) for p in (r[1], r[2], r[3]) if p)]).rstrip() for r in rows]
        raise AmbiguousKey(key, listed, total, self.location)

    def listing(self, outlet: str | None = None, since: datetime | None = None, until: datetime | None = None,
                story: str | None = None, limit: int | None = None) -> list[ArticleRow]:
        """Stored articles, newest first (undated last): those of ``outlet`` (a name or a domain,
        any case), published in ``[since, until]`` (an open window keeps undated ones), of ``story``."""
        clauses: list[str] = []
        params: list[Any] = []
        if outlet:
            clauses.append("(lower(outlet) = lower(?) OR lower(domain) = lower(?))")
            params += [outlet.strip(), outlet.strip()]
        if since or until:
            clauses.append("published_at >= ? AND published_at <= ?")
            params += list(bounds(since, until))
        if story:
            clauses.append("story = ?")
            params.append(story)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        if limit is not None:
            params.append(limit)
        rows = self.db.execute(
            "SELECT id, outlet, domain, published, title, url, story, language FROM articles" + where
            + " ORDER BY published_at IS NULL, published_at DESC, rowid DESC" + (" LIMIT ?" if limit is not None else ""), params)
        return [ArticleRow(*r) for r in rows]

    def iter_articles(self) -> Iterator[Article]:
        """Every stored article, oldest first."""
        # pages by rowid: a server's cursor would otherwise hold the whole corpus in memory
        last = 0
        while rows := self.db.execute("SELECT rowid, text, record, story FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?", (last, _PAGE)).fetchall():
            for row in rows:
                yield _article(*row[1:])
            last = rows[-1][0]

    def count(self) -> int:
        """How many articles are stored."""
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def refs(self, ids: Sequence[str]) -> dict[str, ArticleRef]:
        """Id -> reference of the stored ones of ``ids``."""
        return {r[0]: _ref(r) for r in self.db.select_in(f"SELECT {_REF} FROM articles WHERE id IN ({{}})", ids)}

    def ids_for_urls(self, urls: Sequence[str]) -> dict[str, str]:
        """URL -> id of the stored articles at those URLs."""
        return dict(self.db.select_in("SELECT url, id FROM articles WHERE url IN ({})", urls))

    def outlet_names(self) -> list[OutletName]:
        """Distinct (outlet, domain) pairs of stored articles that name an outlet."""
        return [OutletName(*r) for r in self.db.execute("SELECT outlet, domain FROM articles WHERE outlet IS NOT NULL GROUP BY outlet, domain ORDER BY min(rowid)")]

    def of_outlets(self, outlets: Sequence[str], since: datetime | None = None, until: datetime | None = None, limit: int = 200) -> list[ArticleRef]:
        """The latest ``limit`` articles of these outlet names published in ``[since, until]`` (undated ones always qualify)."""
        low, high = bounds(since, until)
        rows: list[ArticleRef] = []
        for chunk in chunks(list(outlets)):
            rows += map(_ref, self.db.execute(
                f"SELECT {_REF} FROM articles WHERE outlet IN ({marks(chunk)})"
                " AND (published_at IS NULL OR (published_at >= ? AND published_at <= ?)) ORDER BY published_at DESC NULLS LAST LIMIT ?",
                [*chunk, low, high, limit],
            ))
        return rows

    def of_outlet(self, domains: Sequence[str] = (), names: Sequence[str] = (), hosts: Sequence[str] = (), latest: int | None = None) -> list[ArticleRef]:
        """One outlet's articles: by domain, by name (articles without a domain only), or by URL host; oldest first.
        ``latest``: only the last this many stored (what reads a sample need not read the whole outlet)."""
        found: dict[int, ArticleRef] = {}
        select = f"SELECT rowid, {_REF} FROM articles"
        last = f" ORDER BY rowid DESC LIMIT {int(latest)}" if latest is not None else ""
        for row in self.db.select_in(select + " WHERE domain IN ({})" + last, domains):
            found[row[0]] = _ref(row[1:])
        for row in self.db.select_in(select + " WHERE outlet IN ({}) AND (domain IS NULL OR domain = '')" + last, names):
            found[row[0]] = _ref(row[1:])
        for host in unique(hosts):
            for row in self.db.execute(f"{select} WHERE (url LIKE ? OR url LIKE ?){last}", (f"http://{host}/%", f"https://{host}/%")):
                found[row[0]] = _ref(row[1:])
        kept = sorted(found)[-latest:] if latest is not None else sorted(found)
        return [found[k] for k in kept]

    def claim_matches(self, ids: Sequence[str]) -> list[ClaimMatch]:
        """Every fact-check match stored in these articles' claims."""
        rows = self.db.select_in(
            "SELECT a.id, m.claim, m.factcheck, m.rating, m.verdict FROM claim_matches m JOIN articles a ON a.rowid = m.article"
            " WHERE a.id IN ({}) ORDER BY m.rowid", ids)
        return [ClaimMatch(*r) for r in rows]


class SQLText:
    """The n-gram postings corpus linking finds candidates with; a backend adds ``search``
    and ``gram_postings`` (see :class:`newstrail.store.protocols.TextIndex`)."""

    def __init__(self, db: SQLDB) -> None:
        self.db = db

    def search(self, query: str, limit: int = 10, phrase: bool = False) -> list[SearchHit]:
        """Full-text search over titles and texts, best first; ``query`` is words and "quoted phrases",
        never query syntax; ``phrase``: the whole query as one phrase."""
        raise NotImplementedError

    def gram_postings(self, hashes: Iterable[int]) -> dict[int, list[str]]:
        """Indexed article ids per n-gram hash, stop hashes left out."""
        raise NotImplementedError

    def gram_stops(self, hashes: Iterable[int]) -> set[int]:
        """Those of ``hashes`` on the stop list (in too many articles to be indexed)."""
        return {row[0] for row in self.db.select_in("SELECT hash FROM gram_stop WHERE hash IN ({})", [int(h) for h in hashes])}

    def add_grams(self, article_id: str, hashes: Iterable[int], known_df: Mapping[int, int], cap: int) -> None:
        """Index an article's sampled hashes; a hash already in ``cap`` articles becomes a stop hash."""
        with self.db.transaction():
            rowid = self.db.rowids([article_id])[article_id]
            values = [int(h) for h in hashes]
            self.db.executemany("INSERT INTO grams(hash, article) VALUES (?, ?) ON CONFLICT DO NOTHING",
                                ((h, rowid) for h in values if known_df.get(h, 0) < cap))
            self.db.executemany("INSERT INTO gram_stop(hash) VALUES (?) ON CONFLICT DO NOTHING", ((h,) for h in values if known_df.get(h, 0) >= cap))


class SQLiteText(SQLText):
    """Full-text search with FTS5, postings through a temporary probe table."""

    def search(self, query: str, limit: int = 10, phrase: bool = False) -> list[SearchHit]:
        """Full-text search over titles and texts, best first: see :func:`fts_query`."""
        terms = fts_query(query, phrase)
        if not terms:
            return []
        rows = self.db.execute(
            "SELECT a.id, a.title, snippet(articles_fts, 1, '[', ']', '…', 12), bm25(articles_fts)"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts) LIMIT ?",
            (terms, limit),
        ).fetchall()
        return [SearchHit(id=r[0], title=r[1], snippet=r[2], score=-r[3]) for r in rows]

    def gram_postings(self, hashes: Iterable[int]) -> dict[int, list[str]]:
        """Indexed article ids per hash (hashes on the stop list are left out)."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS probe (hash INTEGER PRIMARY KEY)")
        self.db.execute("DELETE FROM probe")
        self.db.executemany("INSERT OR IGNORE INTO probe(hash) VALUES (?)", ((int(h),) for h in hashes))
        # CROSS JOIN keeps the probe the outer loop: the planner, knowing nothing of the temp
        # table, would otherwise scan every posting of the corpus for each call
        rows = self.db.execute(
            "SELECT g.hash, a.id FROM probe p CROSS JOIN grams g ON g.hash = p.hash JOIN articles a ON a.rowid = g.article"
            " WHERE p.hash NOT IN (SELECT hash FROM gram_stop) ORDER BY p.hash, g.article"
        ).fetchall()
        return postings(rows)


def postings(rows: Iterable[tuple[int, str]]) -> dict[int, list[str]]:
    """(hash, article id) rows as the article ids per hash."""
    found: dict[int, list[str]] = defaultdict(list)
    for h, article in rows:
        found[h].append(article)
    return found
