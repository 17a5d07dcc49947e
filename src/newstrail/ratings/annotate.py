"""Source ratings next to article records and provenance-graph nodes.

Ratings are looked up at output time, from the lists in the store, so a list
imported (or replaced) today shows on articles stored last year; they are never
written into the stored articles.

Each rating is ``{"list", "date", "site", "fields", "via"}``: the list's name and
date, the site the list rates (host, plus a section path when the list rates one
part of a site only), its fields as the list gives them, and ``via``, how the
rating reached this article (``site``, ``parent domain``, ``old domain X of the
same outlet``, ``masthead``).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from newstrail.corpus.outlets import resolver_for
from newstrail.outlets.resolver import OutletResolver
from newstrail.outlets.urls import domain_of, host_of


def _suffixes(host: str) -> list[str]:
    labels = host.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)] or [host]


class Ratings:
    """Looks up the ratings of articles, outlets and trace nodes in one store.

    >>> import tempfile, os
    >>> from newstrail.store import open_store
    >>> store = open_store(os.path.join(tempfile.mkdtemp(), "r.db"))
    >>> from newstrail.store.rows import RatingListInfo, RatingRow
    >>> _ = store.ratings.put_list(RatingListInfo("watch", date="2025-04-01"),
    ...     [RatingRow(host="lantern.example", domain="lantern.example", fields={"rating": "high"}, line=2)])
    >>> [(r["list"], r["fields"], r["via"]) for r in Ratings(store).for_url("https://news.lantern.example/a")]
    [('watch', {'rating': 'high'}, 'parent domain')]
    """

    def __init__(self, store, identity: OutletResolver | None = None) -> None:
        self.store = store
        self.identity = identity or resolver_for(store)
        self._any = bool(store.ratings.lists())
        self._cache: dict[tuple[str, str | None], list[dict[str, Any]]] = {}

    def for_site(self, host: str, path: str | None = None) -> list[dict[str, Any]]:
        """Every rating that applies to a page on ``host`` at ``path`` (``None``: the site
        as a whole; ratings of one section of it are then kept and marked)."""
        if not self._any or not host:
            return []
        key = (host, path or "" if path is not None else None)
        if key not in self._cache:
            self._cache[key] = self._lookup(host, path)
        return self._cache[key]

    def _lookup(self, host: str, path: str | None) -> list[dict[str, Any]]:
        domain = domain_of("http://" + host) or host
        group = self.identity.domains_of(self.identity.canonical(host) if host in self.identity.domain_alias else domain)
        others = [d for d in group if d not in _suffixes(host)]
        rows = [r.to_dict() for r in self.store.ratings.rows_for(hosts=_suffixes(host) + others)]
        out = []
        for row in rows:
            if row["host"] in others:
                which = "current" if row["host"] == group[0] else "old"
                via = f"{which} domain {row['host']} of the same outlet"
            elif row["host"] == host:
                via = "site"
            else:
                via = "parent domain"
            if row["section"]:
                if path is not None and not (path == row["section"] or path.startswith(row["section"] + "/")):
                    continue
                via += f", section {row['section']} only" if path is None else ""
            out.append(_public(row, via))
        return out

    def for_url(self, url: str | None) -> list[dict[str, Any]]:
        if not url:
            return []
        return self.for_site(host_of(url), urlsplit(url).path.rstrip("/"))

    def for_article(self, article) -> list[dict[str, Any]]:
        """The ratings of an article's site (its URL, else its domain, else its masthead)."""
        if article.url:
            return self.for_url(article.url)
        domain = article.domain or self.identity.domain_for_name(article.outlet)
        found = self.for_site(domain) if domain else []
        if domain and not article.domain:
            found = [{**r, "via": _by_masthead(r["via"])} for r in found]
        return found

    def for_name(self, name: str) -> list[dict[str, Any]]:
        domain = self.identity.domain_for_name(name)
        return [{**r, "via": _by_masthead(r["via"])} for r in self.for_site(domain)] if domain else []

    def for_record(self, record: dict[str, Any]) -> list[dict[str, Any]]:
        """The ratings for a JSON record or a trace's article entry."""
        if record.get("url"):
            return self.for_url(record["url"])
        if record.get("domain"):
            return self.for_site(record["domain"])
        return self.for_name(record["outlet"]) if record.get("outlet") else []

    # output decorations ------------------------------------------------------------------
    def add_to_record(self, record: dict[str, Any]) -> dict[str, Any]:
        """``record["source_ratings"]``: the ratings of an ``article_record``."""
        record["source_ratings"] = self.for_record(record)
        return record

    def add_to_trace(self, trace: dict[str, Any]) -> dict[str, Any]:
        """Every article of a trace gains ``"ratings"``; ``"external_outlets"`` lists the
        ``external:<Outlet>`` nodes with the domain their name resolves to and its ratings.
        The trace's other keys are left as they are."""
        for entry in trace["articles"]:
            entry["ratings"] = self.for_record(entry)
        nodes = sorted({n for e in trace["edges"] for n in (e["from"], e["to"]) if n.startswith("external:")})
        external = []
        for node in nodes:
            name = node.removeprefix("external:")
            domain = self.identity.domain_for_name(name)
            external.append({"id": node, "outlet": name, "domain": domain, "ratings": self.for_name(name)})
        trace["external_outlets"] = external
        return trace


def _by_masthead(via: str) -> str:
    return "masthead" if via == "site" else f"masthead; {via}"


def _public(row: dict[str, Any], via: str) -> dict[str, Any]:
    return {"list": row["list"], "date": row["date"], "site": row["host"] + (row["section"] or ""), "fields": row["fields"], "via": via}
