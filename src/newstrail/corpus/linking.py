"""Linking new articles into the corpus: shared passages, resolved citations, stories.

Linking is incremental: only articles the store marks as not linked yet are
processed, each against the index of everything linked before it, so adding a
batch costs in proportion to the batch, not to the corpus. Per batch:

1. fingerprint every article; look up its sampled n-grams in the store's index
   (one query per batch); articles sharing enough n-grams are candidates;
2. align each candidate pair (:func:`~newstrail.corpus.reuse.align`) and store the
   shared passages;
3. resolve every outlet the article credits to the corpus article it most likely
   took from (same outlet, published before it within a window, the most shared
   names and figures), and credits made earlier by other articles to this one;
4. compare each article's lead with the leads published days around it
   (:mod:`~newstrail.corpus.leads`): outlets that report one event on their own tell
   one story without sharing a passage;
5. join articles connected by passages, resolved credits, hyperlinks or same-story
   leads into stories; a story keeps the id of its oldest member's story as it grows.
"""

from __future__ import annotations

import gc
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from datetime import timedelta
from typing import TYPE_CHECKING

from newstrail.analyze.numbers import CARDINALS
from newstrail.core.article import Article, Passage
from newstrail.core.dates import has_time, instant_key, parse_date
from newstrail.store import Store, write_in_turns
from newstrail.store.rows import Alias, Cite, StoryInfo
from newstrail.corpus.boilerplate import SiteTemplates
from newstrail.corpus.components import UnionFind
from newstrail.corpus.events import OutsideAnchors, anchors, event_terms, reuse_joins_story, same_outlet, without_masthead
from newstrail.corpus.fingerprints import Fingerprint
from newstrail.corpus.gram_index import GramIndex
from newstrail.corpus.leads import LeadWindow, SameEvent, Tie
from newstrail.corpus.outlets import resolver_for
from newstrail.outlets.keys import outlet_key
from newstrail.outlets.resolver import own_text
from newstrail.corpus.reuse import align
from newstrail.corpus.staleness import StoreWrites
from newstrail.corpus.translation import Translations

if TYPE_CHECKING:
    from newstrail.corpus.prepare import Prepared


@dataclass(frozen=True)
class LinkOptions:
    #: words a shared passage needs to count as reuse
    min_words: int = 12
    #: words two articles must share in all (unless one passage is long) to be linked by reuse
    min_pair_words: int = 30
    #: words shared that put two articles in one story without a credit or a link
    story_words: int = 50
    #: sampled n-grams two articles must share to be aligned
    candidate_hits: int = 3
    #: an n-gram in this many articles is boilerplate or a stock phrase: no longer indexed
    df_cap: int = 40
    #: at most this many candidates (those sharing the most n-grams) are aligned per article
    max_candidates: int = 15
    #: how far back a credited outlet's article may lie
    window_days: int = 14
    #: shared names and figures that make a credited article the source
    min_anchors: int = 5
    #: recent articles of a credited outlet compared by names and figures
    anchor_candidates: int = 40
    #: cosine of two leads (fast embeddings) that, with shared names, makes one story; above 1: off
    lead_similarity: float = 0.93
    #: a looser lead cosine that, with a larger share of names, brings a lone article into
    #: a story. On part a of the outside development set the follow-ups, denials and
    #: uncredited retellings that only the event ties to their story reach 0.70-0.88 with
    #: their closest member (a broadcaster's reality check 0.70, a retelling abroad 0.72-0.74,
    #: a radio piece 0.73-0.88); above 1: off
    event_similarity: float = 0.70
    #: share of the smaller article's names and figures a loose tie needs. On part a the
    #: weakest such ties hold 0.35 (a reality check: 7 of its 20) and 0.36 (a radio
    #: retelling: 4 of its 11); on the generator, stories that reuse the town, the mayor
    #: and the day of another event reach 0.34-0.38 between wire copies, and stay apart
    #: by ``event_join_max``
    event_share: float = 0.34
    #: cosine of two leads with their names and figures left out (what happened) that a
    #: loose tie needs. On part a each article only a loose tie brings in has one at 0.67
    #: or more (a reality check 0.67, a radio retelling 0.73, updates 0.70-0.87); the
    #: team's fixture of one ferry's new timetable the day after its hull cracked (the
    #: same line, ship, harbourmaster and street) is at 0.60
    event_what: float = 0.63
    #: a loose tie joins two parts only when one holds at most this many articles (a lone
    #: retelling, or an update with its one copy, as on part a): two stories already built
    #: of copies and credits are joined by an edge or a close lead, never by resemblance
    event_join_max: int = 2
    #: days apart two same-story leads may lie
    lead_window_days: int = 3
    #: names and figures two same-story leads' articles must share
    lead_min_anchors: int = 4


@dataclass
class LinkReport:
    articles: int = 0
    passages: int = 0
    citations: int = 0
    resolved: int = 0
    stories: set[str] = field(default_factory=set)


_NUMBER_WORDS = {w: str(n) for w, n in CARDINALS.items()}
_FIGURE = re.compile(r"\b(?:\d[\d,.]*\d|\d|" + "|".join(_NUMBER_WORDS) + r")\b", re.I)


def _figures(text: str) -> set[str]:
    """The figures of a text, number words as digits ("Nineteen" and "19" are one figure).

    >>> sorted(_figures("Nineteen were hurt; 12 went home after 2.5 hours."))
    ['12', '19', '2.5']
    """
    return {_NUMBER_WORDS.get(m.lower(), m.replace(",", "")) for m in _FIGURE.findall(text)}


#: what linking never reads of a stored article, left undecoded (a record's claims are most of
#: its objects): an article read so is compared and cited, never written back
UNREAD = ("claims", "rhetoric")


#: objects allocated between two runs of the cyclic garbage collector's youngest generation,
#: at least, while linking (Python's default is 700)
GC_THRESHOLD = 50_000


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often inside the block. Linking allocates and
    keeps millions of small objects (its caches: word offsets, names, postings), and with the
    default threshold the collector ran some 3,000 times over 10,000 articles, each pass
    tracing the objects kept, for 8% of the CPU time (6.5 s of 81): 50,000 cut that to a
    quarter on the first 4,000. Nothing linking frees waits for the collector (no cycles)."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], GC_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


class Linker:
    """Links batches of stored articles; holds per-run caches, never module state."""

    #: fingerprints and texts kept between batches: a candidate not kept is read and
    #: fingerprinted again (at 10,000 articles of the cycled bench corpus, most of the 15
    #: candidates an article had, with 3,000 kept); some 25 kB an article
    texts_size = 12000
    #: what else is kept per text or pair between batches
    cache_size = 3000
    #: whole articles kept between batches (the recent ones)
    recent_size = 300

    def __init__(self, store: Store, options: LinkOptions | None = None) -> None:
        self.store = store
        self.options = options or LinkOptions()
        self.resolver = resolver_for(store)
        self._fingerprints: dict[str, Fingerprint] = {}
        self._anchors: dict[str, set[str]] = {}
        self._recent: dict[str, Article] = {}
        # what comparing a pair reads of an article (text, outlet, site, title), kept as long as
        # its fingerprint: the candidates of the next articles are mostly ones seen before
        self._texts: dict[str, Article] = {}
        self._link_targets: dict[str, set[str]] = {}  # per batch: see _linked_ids
        self._prepared: dict[str, Prepared] = {}  # handed over by prime(), used once
        # per article of the batch, the passages of the candidates guessed for it (see prime)
        self._ahead: dict[str, dict[str, list[Passage]]] = {}
        # per pair of texts, not of articles: see _align and _terms_outside
        self._aligned: dict[tuple[str, str], list[Passage]] = {}
        self._outside: dict[tuple[str, tuple[tuple[int, int], ...], str | None], set[str]] = {}
        # names and figures of each text, run by run: those outside passages without matching it again
        self._layouts: dict[tuple[str, str | None], OutsideAnchors] = {}
        opts = self.options
        # site boilerplate (comment policies, group footers) is never reuse evidence
        self.templates = SiteTemplates(store, anchors, opts.min_anchors, load=lambda ids: self._articles(ids, texts=True),
                                       fingerprints=self._fingerprints.get)
        # what the run holds of the store (the n-gram postings, the leads published around each
        # article, which translations and same-event ties both look at) is read again once
        # another connection writes: one count of such writes for both
        writes = StoreWrites(store)
        self.index = GramIndex(store, opts.df_cap, writes)
        leads = LeadWindow(store, writes)
        self.translations = Translations(store, window=leads)
        self.same_event = SameEvent(store, opts.lead_similarity, opts.lead_window_days, opts.lead_min_anchors, self.anchors_of,
                                    opts.event_similarity, opts.event_share, opts.event_what, window=leads, load=self._articles)

    def prime(self, prepared: Mapping[str, Prepared]) -> None:
        """Take the per-article inputs of articles about to be linked, computed elsewhere
        (:func:`newstrail.corpus.prepare.prepare`, on a Dask worker): each is used once,
        in place of computing it here. What an earlier call handed over and no batch used
        is dropped (memory follows the articles about to be linked). The passages an
        article shares with the candidates guessed for it are used for those of its pairs
        that it is compared in: the same two texts give the same passages.

        >>> from newstrail.corpus.prepare import prepare                                   # doctest: +SKIP
        >>> linker.prime(prepare(store.articles.get_many(ids)))                             # doctest: +SKIP
        >>> linker.link_ids(ids, report)                                                    # doctest: +SKIP
        """
        self._prepared = dict(prepared)
        self.same_event.prime({i: p.lead for i, p in prepared.items()})
        self.templates.prime({i: p.layout for i, p in prepared.items()})

    # caches ------------------------------------------------------------------------
    def _remember(self, article: Article, whole: bool = True) -> None:
        """Cache what comparing reads of ``article``; ``whole``: a whole stored article (not
        only its text, title, outlet and domain), kept among the recent ones too."""
        ready = self._prepared.pop(article.id, None)
        if ready is not None and ready.aligned:
            self._ahead[article.id] = ready.aligned
        # bounded caches, oldest out first: memory follows the batch, not the corpus
        while len(self._fingerprints) >= self.texts_size:
            del self._fingerprints[next(iter(self._fingerprints))]
        self._fingerprints[article.id] = ready.fingerprint if ready is not None else Fingerprint.of(article.text)
        while len(self._texts) >= self.texts_size:
            del self._texts[next(iter(self._texts))]
        self._texts[article.id] = Article(id=article.id, text=article.text, title=article.title, outlet=article.outlet, domain=article.domain)
        self._remember_anchors(article, ready)
        if whole:
            self._keep(article)

    def _keep(self, article: Article) -> None:
        # articles are linked one at a time: the ones just linked are the likeliest
        # candidates of the next, and reading a record back costs more than keeping it
        while len(self._recent) >= self.recent_size:
            del self._recent[next(iter(self._recent))]
        self._recent[article.id] = article

    def _articles(self, ids: Sequence[str], keep: bool = False, texts: bool = False) -> list[Article]:
        """The stored articles of ``ids``, in that order, from memory where held: whole but for
        what linking never reads (:data:`UNREAD`), held among the recent ones; or (``texts``) only
        what a pair's comparison reads (text, title, outlet, domain), held among the texts too,
        and read from their columns, no record decoded. ``keep``: the whole ones read join the
        recent ones (a site's templates read hundreds at once, and keep none)."""
        held = (self._texts, self._recent) if texts else (self._recent,)
        missing = [i for i in ids if not any(i in h for h in held)]
        read = [] if not missing else self.store.articles.texts(missing) if texts else self.store.articles.get_many(missing, without=UNREAD)
        found = {a.id: a for a in read}
        articles = [a for i in ids if (a := next((h[i] for h in held if i in h), None) or found.get(i)) is not None]
        if keep:
            for article in read:
                self._keep(article)
        return articles

    def _remember_anchors(self, article: Article, ready: Prepared | None = None) -> None:
        while len(self._anchors) >= 10 * self.cache_size:
            del self._anchors[next(iter(self._anchors))]
        # the outlet's own name in its text is who publishes, not what it reports
        self._anchors[article.id] = ready.anchors if ready is not None else anchors(without_masthead(article.text, article.outlet))

    def _load(self, ids: list[str]) -> dict[str, Fingerprint]:
        """The fingerprints of the stored ones of ``ids``, kept or read: returned, not only
        cached, as reading some may push others out of the cache (which once left a
        candidate unaligned, depending on the cache's size)."""
        # a candidate's text alone: the record of one read back (its claims, sentences, ...)
        # costs more to decode than the comparison does
        held = {i: self._fingerprints[i] for i in ids if i in self._fingerprints}
        for article in self._articles([i for i in ids if i not in held], texts=True):
            self._remember(article, whole=False)
            held[article.id] = self._fingerprints[article.id]
        return held

    def anchors_of(self, ids: list[str]) -> dict[str, set[str]]:
        """Names and figures of each of ``ids`` (cached)."""
        self._load_anchors(ids)
        return {i: self._anchors[i] for i in ids if i in self._anchors}

    def _load_anchors(self, ids: list[str]) -> None:
        missing = [i for i in ids if i not in self._anchors]
        for article in self._articles(missing, texts=True):
            self._remember_anchors(article)

    # one batch ---------------------------------------------------------------------
    def link_ids(self, ids: Sequence[str], report: LinkReport) -> None:
        """Link the stored articles ``ids``, one at a time in that order, in short write
        transactions (see :func:`~newstrail.store.write_in_turns`)."""
        with _fewer_collections():
            write_in_turns(self.store, self.store.articles.get_many(list(ids), without=UNREAD), lambda article: self.link_one(article, report))

    def link_one(self, article: Article, report: LinkReport) -> None:
        """Link one stored article, in a write transaction, unless another process linking the
        same store (PostgreSQL, or SQLite) linked it since this one read its queue."""
        if self.store.links.unlinked_among([article.id]):
            self.link_batch([article], report)

    def link_batch(self, articles: list[Article], report: LinkReport) -> None:
        """Link stored ``articles`` into the corpus, each against what was linked before.

        What a batch knows grows with its articles: the resolver learns each one's
        outlet. A site's templates are learned once a run, from all of its stored
        articles (:func:`newstrail.engines.local.analyze` links once the run's articles
        are all stored, one at a time, so its results do not depend on the batch size).
        """
        opts = self.options
        self._link_targets, self._ahead = {}, {}
        for article in articles:
            # what the store now knows of these outlets, without reading every outlet again
            self.resolver.learn(article.outlet, article.domain)
        for article in articles:
            self._remember(article)
        own = {a.id: self._fingerprints[a.id] for a in articles}
        sampled = {i: fingerprint.sampled() for i, fingerprint in own.items()}
        postings = self.index.postings({int(h) for hs in sampled.values() for h in hs})
        in_batch: dict[int, list[str]] = defaultdict(list)
        neighbours: dict[str, set[str]] = defaultdict(set)
        shared_words: dict[str, dict[str, int]] = defaultdict(dict)
        batch = {a.id: a for a in articles}
        for article in articles:
            hashes = [int(h) for h in sampled[article.id]]
            df = {h: len(postings.get(h, ())) + len(in_batch.get(h, ())) for h in hashes}
            # counted in one pass (C), not one update per n-gram
            hits: Counter[str] = Counter(chain.from_iterable(
                chain(postings.get(h, ()), in_batch.get(h, ())) for h in hashes if df[h] < opts.df_cap
            ))
            # ties broken by id, not by the order the index returned postings in (which
            # follows SQLite's query plan, and so the size of the query)
            ranked = sorted(hits.items(), key=lambda hit: (-hit[1], hit[0]))[: opts.max_candidates + 1]
            candidates = [c for c, n in ranked if n >= opts.candidate_hits and c != article.id]
            fingerprints = self._load(candidates)
            for other in candidates:
                if other not in fingerprints:
                    continue
                passages = self._align(other, article.id, fingerprints[other], own[article.id])
                passages = self.templates.evidence(other, article.id, passages, opts.min_words)
                # stock phrases make short passages between unrelated articles; a copy shares more
                shared = sum(p.words for p in passages)
                if passages and (shared >= opts.min_pair_words or max(p.words for p in passages) >= 25):
                    self.store.links.add_reuse(other, article.id, passages)
                    report.passages += len(passages)
                    shared_words[article.id][other] = shared
                    shared_words[other][article.id] = shared
                    if self._reuse_is_story(article, other, passages, batch) or self._same_quote(article, other, passages):
                        neighbours[article.id].add(other)
            self.index.add(article.id, hashes, df)
            for h in hashes:
                in_batch[h].append(article.id)
        self.index.done()
        self._learn_renames(articles)
        for article in articles:
            neighbours[article.id] |= self._resolve_citations(article, shared_words[article.id], report)
            neighbours[article.id] |= self._hyperlinked(article)
        # articles of different languages that align sentence by sentence: translations
        for found in self.translations.find(articles):
            neighbours[found.target].add(found.source)
            neighbours[found.source].add(found.target)
        # one event told in two languages, neither translating the other: one story, no edge
        for earlier, later in self.translations.related:
            neighbours[later].add(earlier)
            neighbours[earlier].add(later)
        ties = self.same_event.link(articles)
        for tie in ties:
            if tie.close:
                neighbours[tie.a].add(tie.b)
        self._assign_stories(articles, neighbours, report, [t for t in ties if not t.close])
        self.store.links.mark_linked([a.id for a in articles])
        report.articles += len(articles)

    def _learn_renames(self, articles: list[Article]) -> None:
        """Store the former names outlets give in their own text as aliases of their
        domain, so a credit by the old name ("the Harbor & District Courier") resolves
        to the renamed outlet now and at trace time. A name another corpus outlet still
        uses stays that outlet's."""
        rows = []
        for article in articles:
            for row in self.resolver.learn_former_names(own_text(article), article.outlet, article.domain, f"article {article.id}"):
                rows.append(Alias(**row))
        if rows:
            self.store.ratings.put_aliases(rows)

    def _reuse_is_story(self, article: Article, other_id: str, passages: list, batch: dict[str, Article]) -> bool:
        """Whether shared passages put ``article`` and ``other_id`` in one story: a long
        copy between two outlets does; a site's template or a network footer does not
        (see :func:`~newstrail.corpus.events.reuse_joins_story`)."""
        words = sum(p.words for p in passages)
        other = batch.get(other_id) or next(iter(self._articles([other_id], texts=True)), None)
        if other is None:
            return False
        between = not same_outlet(article, other)
        if between and words >= self.options.story_words:
            return True
        # passages run from ``other`` (a) to ``article`` (b)
        mine = self._terms_outside(article, tuple((p.b_start, p.b_end) for p in passages))
        theirs = self._terms_outside(other, tuple((p.a_start, p.a_end) for p in passages))
        return reuse_joins_story(words, between, (mine, theirs), self.options.story_words, self.options.lead_min_anchors)

    def _align(self, a_id: str, b_id: str, a: Fingerprint, b: Fingerprint) -> list[Passage]:
        """The passages of two articles' fingerprints (:func:`~newstrail.corpus.reuse.align`). Two
        texts met before (copies of one story compared with copies of another) are aligned once:
        the same texts give the same passages, whichever articles hold them."""
        a_text, b_text = self._texts.get(a_id), self._texts.get(b_id)
        key = (a_text.text, b_text.text) if a_text is not None and b_text is not None else None
        if key is None or key not in self._aligned:
            ahead = self._ahead.get(b_id, {}).get(a_id)  # aligned on a Dask worker (see prime)
            passages = list(ahead) if ahead is not None else align(a, b, min_words=self.options.min_words)
            if key is None:
                return passages
            while len(self._aligned) >= self.cache_size:
                del self._aligned[next(iter(self._aligned))]
            self._aligned[key] = passages
        return list(self._aligned[key])

    def _terms_outside(self, article: Article, spans: tuple[tuple[int, int], ...]) -> set[str]:
        """The event terms of ``article``'s text outside ``spans`` (its outlet's name left out),
        once per text, spans and outlet (copies of one story share them)."""
        key = (article.text, spans, article.outlet)
        if key not in self._outside:
            while len(self._outside) >= self.cache_size:
                del self._outside[next(iter(self._outside))]
            layout = (article.text, article.outlet)
            if layout not in self._layouts:
                while len(self._layouts) >= self.cache_size:
                    del self._layouts[next(iter(self._layouts))]
                self._layouts[layout] = OutsideAnchors(article.text, article.outlet)
            self._outside[key] = event_terms(self._layouts[layout].of(spans))
        return self._outside[key]

    def _join_loose(self, parts: UnionFind[str], batch: set[str], loose: Sequence[Tie], current: dict[str, str | None] | None = None) -> None:
        """Join the parts loose same-event ties connect, the closest first, when one of
        the two parts is small (``event_join_max``): a part counts its batch articles and
        the stored stories of its other members (``current``: the stories of the nodes,
        read from the store when not given)."""
        if not loose:
            return
        groups = parts.groups()
        nodes = sorted({n for t in loose for n in (t.a, t.b)} | {n for g in groups for n in g})
        if current is None:
            current = self.store.links.stories_of([n for n in nodes if n not in batch])
        stored = {n: story for n in nodes if n not in batch and (story := current.get(n)) is not None}
        known = self.store.links.stories(sorted({s for s in stored.values() if s}))

        def weight(members: list[str]) -> int:
            stories = {stored[m] for m in members if stored.get(m)}
            return sum(1 for m in members if not stored.get(m)) + sum(known[s].size if s in known else 1 for s in stories)

        # a stored article a tie names joins the parts only if the tie holds: a part of
        # stored articles alone would be reassigned to a story another part just absorbed
        size = {parts.find(g[0]): weight(g) for g in groups} | {n: weight([n]) for n in nodes if n not in parts}
        root = lambda n: parts.find(n) if n in parts else n  # noqa: E731
        for tie in sorted(loose, key=lambda t: (-t.similarity, t.a, t.b)):
            ra, rb = root(tie.a), root(tie.b)
            if ra != rb and min(size[ra], size[rb]) <= self.options.event_join_max:
                parts.union(ra, rb)
                size[parts.find(rb)] = size[ra] + size[rb]

    def _same_quote(self, article: Article, other: str, passages: list) -> bool:
        """Two articles quoting the same long passage word for word (a leaked document, a
        decree) tell the same story when they also share names and figures."""
        for p in passages:
            inside = sum(max(0, min(p.b_end, q.span.end) - max(p.b_start, q.span.start)) for q in article.quotes)
            if p.words >= 30 and inside >= 0.8 * (p.b_end - p.b_start):
                common = self._anchors.get(article.id, set()) & self._anchors.get(other, set())
                return len(common) >= self.options.min_anchors
        return False

    def _resolve_citations(self, article: Article, shared: dict[str, int], report: LinkReport) -> set[str]:
        found: set[str] = set()
        own = set(self.resolver.corpus_outlets(article.outlet)) if article.outlet else set()
        for attribution in article.attributions:
            if attribution.kind != "outlet" or not attribution.source:
                continue
            if attribution.where == "own":
                # its own outlet's earlier article: strictly before it, never itself
                source = self._best_source(article, sorted(own), shared, before_only=True)
            else:
                outlets = [o for o in self.resolver.corpus_outlets(attribution.source) if o not in own]
                source = self._best_source(article, outlets, shared, said=attribution.evidence)
            self.store.links.add_cite(Cite(article.id, outlet_key(attribution.source), source))
            report.citations += 1
            if source:
                report.resolved += 1
                found.add(source)
        # credits made earlier to this article's outlet by articles linked before it
        if article.outlet:
            keys = self.resolver.cite_keys(article.outlet)
            when = parse_date(article.published)
            since = when - timedelta(days=1) if when else None
            until = when + timedelta(days=self.options.window_days) if when else None
            for cite in self.store.links.unresolved_cites(sorted(keys), since, until):
                citer, key = cite.article, cite.outlet
                if citer == article.id:
                    continue
                best = self._best_source(self._articles([citer], keep=True)[0], [article.outlet])
                if best == article.id:
                    self.store.links.add_cite(Cite(citer, key, article.id))
                    report.resolved += 1
                    found.add(citer)
        return found

    def _best_source(self, article: Article, outlets: list[str], shared: dict[str, int] | None = None, before_only: bool = False,
                     said: str = "") -> str | None:
        """The article of ``outlets`` that ``article`` most likely took from, or None.

        Candidates are the outlets' articles published up to ``window_days`` before
        it (one indexed query). The candidate it shares the most passage words with
        wins (``shared``: words per article, from this batch's alignment); without
        shared text, the most recent candidates are compared by names and figures,
        each weighted by how few candidates hold it (the town every story of a local
        paper names tells nothing), and must overlap clearly.
        """
        if not outlets:
            return None
        when = parse_date(article.published)
        window = timedelta(days=self.options.window_days)
        # a date without a time may be any hour of that day
        slack = timedelta(days=1) if article.published and not has_time(article.published) else timedelta(hours=1)
        since = when - window if when else None
        until = (when - timedelta(seconds=1) if before_only else when + slack) if when else None
        # every spelling the corpus stores the outlets under ("ENETEnglish", "EnetEnglish")
        candidates = [ref.id for ref in self.store.articles.of_outlets(self.resolver.spellings(outlets), since, until) if ref.id != article.id]
        if not candidates:
            return None
        if shared is None:
            shared = Counter()
            for r in self.store.links.reuse_among([article.id, *candidates[:50]]):
                if article.id in (r.a, r.b):
                    shared[r.a if r.b == article.id else r.b] += r.passage.words
        # the credited outlet's article the text links to is the one it means ("the Gazette"
        # with a link, when two Gazettes are in the corpus)
        linked = self._linked_ids(article)
        linked_candidates = [c for c in candidates if c in linked]
        if linked_candidates:
            return linked_candidates[0]
        reused = [(words, other) for other, words in shared.items() if other in set(candidates)]
        if reused:
            return max(reused)[1]
        recent = candidates[: self.options.anchor_candidates]
        self._load_anchors(recent)
        names = set()
        for outlet in [*outlets, article.outlet or ""]:
            names |= {w.lower() for w in re.findall(r"\w+", outlet)}
        mine = (self._anchors.get(article.id) or anchors(article.text)) - names
        held = Counter(a for other in recent for a in mine & self._anchors.get(other, set()))
        scored = []
        # the figures of the credit sentence ("as NWS reported, 19 were hurt") pick the
        # outlet's article that states them: a wire's update, not its first report
        stated = self._stating(recent, said) if len(recent) > 1 else set()
        for other in recent:
            theirs = self._anchors.get(other, set())
            common = mine & theirs
            # one article of the credited outlet in the window (or the one stating the
            # credited figures) leaves nothing to choose: the question is only whether it
            # tells the same event, which fewer shared names show
            share = 0.25 if len(recent) == 1 or other in stated else 0.4
            if len(common) >= max(self.options.min_anchors, share * min(len(mine), len(theirs))):
                scored.append((other in stated, sum(1 / held[a] for a in common), other))
        return max(scored)[2] if scored else None

    def _stating(self, candidates: list[str], said: str) -> set[str]:
        """The candidates whose text states every figure of the credit sentence ``said``
        (as digits or words); empty when it states none or more than one candidate does."""
        wanted = _figures(said)
        if not wanted:
            return set()
        found = {a.id for a in self._articles(candidates, keep=True) if wanted <= _figures(a.text)}
        return found if len(found) == 1 else set()

    def _linked_ids(self, article: Article) -> set[str]:
        """The stored articles at the URLs ``article`` links to (read once a batch: each
        credit it makes and its hyperlinks ask)."""
        if article.id not in self._link_targets:
            self._link_targets[article.id] = set(self.store.articles.ids_for_urls([ln.url for ln in article.links if ln.url]).values())
        return self._link_targets[article.id]

    def _hyperlinked(self, article: Article) -> set[str]:
        found = set(self._linked_ids(article))
        if article.url:
            found |= {link.article for link in self.store.links.linking_to([article.url])}
        found.discard(article.id)
        return found

    def _assign_stories(self, articles: list[Article], neighbours: dict[str, set[str]], report: LinkReport, loose: Sequence[Tie] = ()) -> None:
        parts: UnionFind[str] = UnionFind()
        for article in articles:
            parts.find(article.id)
            for other in neighbours[article.id]:
                parts.union(other, article.id)
        batch = {a.id for a in articles}
        # the stories of every node, read once: the loose ties' weights and the assignment both need them
        current = self.store.links.stories_of(sorted({n for g in parts.groups() for n in g} | {n for t in loose for n in (t.a, t.b)}))
        self._join_loose(parts, batch, loose, current)
        groups = parts.groups()
        # UTC instants: the earliest member names a new story (an undated one sorts first,
        # as it always has, so story ids stay what they were)
        published = {a.id: instant_key(a.published) or "" for a in articles}
        for members in groups:
            existing = sorted({story for m in members if (story := current.get(m))})
            if existing:
                known = self.store.links.stories(existing)
                info = [known.get(s) or StoryInfo(s, None, None, 0) for s in existing]
                winner = min(info, key=lambda i: ((i.first_seen or "9999"), i.id)).id
            else:
                first = min((m for m in members if m in batch), key=lambda m: (published.get(m, ""), m))
                winner = f"story-{first}"
            self.store.links.assign_story(winner, [m for m in members if m in batch or not current.get(m)], [s for s in existing if s != winner])
            report.stories.add(winner)
