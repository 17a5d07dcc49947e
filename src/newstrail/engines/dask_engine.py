"""The Dask engine: ``newstrail analyze --engine dask``, the per-article work on a Dask cluster.

What runs where, and why (the results equal :mod:`newstrail.engines.local`'s):

1. **Workers read and clean.** The inputs are cut into parts (a file, a URL, a run of
   :data:`TASK_ARTICLES` lines of a JSON Lines file: :mod:`newstrail.ingest.parts`); a task
   reads a few parts and runs the stages that need no outlet knowledge (``clean``,
   ``body-check``, ``language``, ``sentences``) on what it read. The articles stay
   on the worker; the client gets each one's outlet, domain, URL and own text.
2. **The client replays the outlet facts, in input order.** The attribution and
   outlet stages share an outlet resolver that learns each article's outlet and
   former names as the run goes: locally an article is analysed knowing exactly the
   articles before it. The client runs the outlet stage's learning over the facts
   in input order (cheap: no text analysis but a search for "formerly ...") and
   sends each part the outlets learned before its first article.
3. **Workers analyse.** A second task per part rebuilds the resolver as it stood at
   the part's first article and runs the remaining stages (``attributions``,
   ``quotes``, ``claims``, ``rhetoric``, ``factchecks``, ``outlet``). Workers read the
   store only for its fact-checks (read-only): they must reach it (a PostgreSQL URL,
   or a SQLite file on their machine).
4. **The client stores and links.** It stores the articles in input order, in
   ``batch_size`` batches, exactly as the local engine does (ids that collide, an
   article met twice, the ``exists`` check of a rerun), then links the run's
   articles one at a time in input order (:func:`~newstrail.engines.local.store_outcomes`):
   each article is linked against every article linked before it, so the linking
   cannot be cut into independent parts without changing what it finds.
5. **Workers prepare the linking, in partitions.** While the client links a chunk of
   articles, the workers read the next chunks from the store (read-only), one piece per
   worker thread, and compute what linking needs of each article alone
   (:mod:`newstrail.corpus.prepare`: fingerprints, names and figures, lead vectors, word
   spans), and (``engine.align_ahead``) generate and align its candidates: those the
   store's index holds by then and the run's articles just before it. The client's linker looks them up
   (:meth:`~newstrail.corpus.linking.Linker.prime`) instead of computing them; what it
   decides from them (site templates, credits, same-event ties, stories) and every
   write stay in the client, in input order.

Without a scheduler address a :class:`distributed.LocalCluster` of
``settings.dask_workers`` processes (one thread each, on 127.0.0.1) is started for
the run and shut down after it; its workers are forked from a server that loaded the
stages' modules and models once (:mod:`newstrail.engines.dask_preload`), and send
their analysed articles back as one pickle each task (:func:`packed`).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing.context
import multiprocessing.forkserver
import pickle
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

import dask
from distributed import Client, Future, LocalCluster, WorkerPlugin, get_worker
from distributed.utils import get_mp_context

from newstrail.analyze import Stage
from newstrail.core.article import Article, article_id_for
from newstrail.core.config import Settings
from newstrail.core.errors import ConfigError, InputError, NewstrailError, StoreError
from newstrail.core.progress import Progress, Step, counter
from newstrail.corpus.linking import UNREAD
from newstrail.corpus.prepare import Held, Prepared
from newstrail.corpus.prepare import prepare as prepare_linking
from newstrail.engines.local import Outcome, prepare, process, process_many, store_outcomes
from newstrail.engines.stages import REGISTRY, StageContext, build_pipeline
from newstrail.ingest import planned_articles
from newstrail.ingest.parts import Part, plan_parts, read_part
from newstrail.outlets.resolver import ListedSite, OutletResolver, own_text
from newstrail.outlets.urls import domain_of
from newstrail.store import Store, open_store

__all__ = ["analyze"]

#: stages that read or teach the run's outlet resolver: they run once the client has
#: replayed the outlets learned before a part (see the module docstring)
RESOLVER_STAGES = frozenset({"attributions", "outlet"})
#: the fields the outlet stage learns from: no stage after the first part may change them
OUTLET_FIELDS = frozenset({"text", "removed", "outlet", "domain", "url"})
#: seconds the client tries to reach a scheduler given by its address
CONNECT_TIMEOUT = 10
#: the plugin name the workers keep their stages under
PLUGIN = "newstrail-stages"
#: chunks of articles to link whose linking inputs the workers compute ahead of the client
LINK_AHEAD = 2
#: articles a worker task reads and analyses, at most: small tasks keep every worker busy
#: to the end of the run (1,000 articles in tasks of 200 left one of two workers idle for a
#: task's time) and let the client store the first articles while the workers analyse the
#: rest; a task costs the scheduler a few milliseconds
TASK_ARTICLES = 50
#: the module the local cluster's fork server imports before forking the workers
PRELOAD = "newstrail.engines.dask_preload"
#: the local cluster's workers: forked from a server that loaded the stages once
#: (:func:`preload_fork_server`); no statistical profile of their tasks (a sample of every
#: worker's stack every 10 ms, for a dashboard the run does not serve)
LOCAL_CONFIG = {"distributed.worker.profile.enabled": False} | (
    {"distributed.worker.multiprocessing-method": "forkserver"} if "forkserver" in multiprocessing.get_all_start_methods() else {})


@dataclass
class Entry:
    """One item a worker read: an article (with the id and the fallback id of the item
    as read, see :func:`~newstrail.engines.local.prepare`) or the error of an input."""

    where: str
    article: Article | None = None
    error: NewstrailError | None = None
    read_id: str = ""
    read_url: str | None = None
    fallback: str = ""


@dataclass(frozen=True)
class OutletFacts:
    """What the outlet stage learns from: the fields it reads, before it runs."""

    outlet: str | None
    domain: str
    url: str | None
    text: str


@dataclass(frozen=True)
class Learned:
    """One article's lesson to the resolver: its (outlet, domain) pair and the former names
    of its outlet (alias rows); replayed in order, it makes a copy of the resolver."""

    outlet: str | None
    domain: str
    rows: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class ResolverBase:
    """What the run's resolver starts from: the store's outlets, aliases and listed sites."""

    pairs: tuple[tuple[str | None, str | None], ...]
    aliases: tuple[dict[str, Any], ...]
    listed: tuple[ListedSite, ...]

    @classmethod
    def of(cls, store: Store) -> ResolverBase:
        return cls(tuple((n.outlet, n.domain) for n in store.articles.outlet_names()), tuple(a.to_dict() for a in store.ratings.aliases()),
                   tuple(store.ratings.listed_sites()))

    def resolver(self, lessons: Iterable[Learned] = ()) -> OutletResolver:
        """A new resolver as it stands after ``lessons``."""
        resolver = OutletResolver(self.pairs, self.aliases, self.listed)
        for lesson in lessons:
            resolver.learn(lesson.outlet, lesson.domain)
            resolver.adopt(lesson.rows)
        return resolver


class StagePlugin(WorkerPlugin):
    """Each worker's stages for the run: built once, the store opened read-only when a
    stage needs it (the fact-checks), closed when the worker shuts down."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._store: Store | None = None
        self._built: dict[str, Stage | None] = {}
        #: fingerprints of the run's articles, kept between linking tasks (see prepare_stored)
        self.fingerprints: dict[str, Held] = {}
        #: one aligning task at a time changes them (a worker may run several threads);
        #: made on the worker, as a lock is not sent
        self.holding: Any = None

    def setup(self, worker: Any) -> None:
        self._store, self._built, self.fingerprints, self.holding = None, {}, {}, threading.Lock()

    def teardown(self, worker: Any) -> None:
        if self._store is not None:
            self._store.close()

    def store(self) -> Store:
        if self._store is None:
            try:
                self._store = open_store(self.settings.db, read_only=True, busy_timeout=self.settings.busy_timeout)
            except NewstrailError as exc:
                raise StoreError(f"a Dask worker cannot open the store {self.settings.db} ({exc}); the workers read its fact-checks: "
                                 "on a cluster of other machines use a PostgreSQL store (--db postgresql://...) they all reach") from exc
        return self._store

    def stages(self, names: Sequence[str], resolver: OutletResolver | None = None) -> list[Stage]:
        """The stages ``names``: the resolver's built around ``resolver``, the others once."""
        out: list[Stage] = []
        for name in names:
            if name in RESOLVER_STAGES:
                stage = REGISTRY[name](self.settings, StageContext(known_outlets=resolver))
            else:
                if name not in self._built:
                    context = StageContext(self.store()) if name == "factchecks" else StageContext()
                    self._built[name] = REGISTRY[name](self.settings, context)
                stage = self._built[name]
            if stage is not None:
                out.append(stage)
        return out


class Segment:
    """Some stages of the pipeline, run in order (the pipeline as a whole was checked)."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        self.stages = list(stages)

    def __call__(self, article: Article) -> Article:
        for stage in self.stages:
            article = stage(article)
        return article


def _plugin() -> StagePlugin:
    plugin = get_worker().plugins[PLUGIN]
    assert isinstance(plugin, StagePlugin)
    return plugin


def read_and_clean(parts: Sequence[Part], settings: Settings, names: Sequence[str]) -> list[Entry]:
    """Worker task: read ``parts`` and run the stages ``names`` (none of the resolver's)."""
    segment = Segment(_plugin().stages(names))
    entries = []
    for part in parts:
        for item in read_part(part, settings):
            if not isinstance(item, Article):
                entries.append(Entry(item.where, error=item))
                continue
            item.ensure_id()
            entry = Entry(item.source, read_id=item.id, read_url=item.url, fallback=article_id_for(item.url, item.text))
            try:
                entry.article = process(item, segment)
            except NewstrailError as exc:
                entry.error = exc  # the client fails it as the local engine does (see _prepare)
            entries.append(entry)
    return entries


def outlet_facts(entries: Sequence[Entry]) -> list[OutletFacts | None]:
    """Worker task: what the outlet stage will learn from, per entry (None: no article)."""
    return [OutletFacts(e.article.outlet, e.article.domain or "", e.article.url, own_text(e.article)) if e.article is not None else None
            for e in entries]


def analyse(entries: list[Entry], base: ResolverBase, lessons: Sequence[Learned], names: Sequence[str]) -> bytes:
    """Worker task: run the stages ``names`` on the entries' articles, the resolver as it
    stood at the first of them (``base`` and the ``lessons`` of the articles before);
    the entries :func:`packed` for the client."""
    stages = _plugin().stages(names, base.resolver(lessons))
    live = [(entry, entry.article) for entry in entries if entry.article is not None]
    for (entry, _), done in zip(live, process_many([article for _, article in live], stages)):  # (claims and rhetoric take them at once)
        entry.article, entry.error = (done, entry.error) if isinstance(done, Article) else (None, done)
    return packed(entries)


def packed(entries: list[Entry]) -> bytes:
    """Analysed entries as one pickle, which the client unpickles itself (:func:`unpacked`).

    >>> unpacked(packed([Entry("a.txt", Article(text="The pier closed."))]))[0].article.text
    'The pier closed.'
    """
    return pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)


def unpacked(blob: bytes) -> list[Entry]:
    """The entries of :func:`packed`, rebuilt with the cycle collector paused: an analysed
    article is thousands of small objects (spans, claims, entities), and collections
    triggered while they are made walk the client's whole heap again and again (they cost
    five times the unpickling itself); what is made here is collected later as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        entries: list[Entry] = pickle.loads(blob)
    finally:
        if enabled:
            gc.enable()
    return entries


def split_pipeline(settings: Settings) -> tuple[list[str], list[str]]:
    """The stage names run before the resolver's first stage, and the rest.

    >>> first, rest = split_pipeline(Settings())
    >>> first, rest[0], rest[-1]
    (['clean', 'body-check', 'language', 'sentences'], 'attributions', 'outlet')
    """
    pipeline = build_pipeline(settings)  # the whole pipeline's contract, checked as the local engine checks it
    names = list(settings.pipeline)
    cut = next((i for i, name in enumerate(names) if name in RESOLVER_STAGES), len(names))
    first, rest = names[:cut], names[cut:]
    if "outlet" in rest:
        between = [stage for stage in pipeline.stages if stage.name in rest[: rest.index("outlet")]]
        changed = sorted({field for stage in between for field in stage.assigns} & OUTLET_FIELDS)
        if changed:
            raise ConfigError(f"setting pipeline.stages: the dask engine needs the stages before 'outlet' to leave {', '.join(changed)} "
                              "as the stages before 'attributions' made them; run this pipeline with --engine local")
    return first, rest


def task_articles(settings: Settings) -> int:
    """Articles a task takes: :data:`TASK_ARTICLES`, or fewer when the batches are smaller.

    >>> task_articles(Settings()), task_articles(Settings(batch_size=20))
    (50, 20)
    """
    return min(settings.batch_size, TASK_ARTICLES)


def _tasks(parts: Sequence[Part], size: int) -> list[list[Part]]:
    """Consecutive parts grouped into tasks of about ``size`` articles."""
    tasks: list[list[Part]] = []
    held = 0
    for part in parts:
        if not tasks or held + part.size > size:
            tasks.append([])
            held = 0
        tasks[-1].append(part)
        held += part.size
    return tasks


def _lessons(facts: Sequence[OutletFacts | None], resolver: OutletResolver, stage: Stage) -> list[Learned]:
    """Run the outlet stage's learning over ``facts`` in order; what each article taught."""
    lessons = []
    for fact in facts:
        if fact is None:
            continue
        before = set(resolver.name_alias)
        stub = Article(text=fact.text, outlet=fact.outlet, domain=fact.domain, url=fact.url)
        stage(stub)
        rows = tuple(row for key, row in resolver.name_alias.items() if key not in before)
        # the pair the stage learned: the article's domain, its URL's, or its masthead's
        domain = fact.domain or (domain_of(fact.url) if fact.url else "") or stub.domain or ""
        lessons.append(Learned(fact.outlet, domain, rows))
    return lessons


def _distinct(lessons: list[Learned], seen: set[tuple[str | None, str]]) -> list[Learned]:
    """The lessons that teach something: a pair learned before, without new names, changes nothing."""
    kept = []
    for lesson in lessons:
        if lesson.rows or (lesson.outlet, lesson.domain) not in seen:
            seen.add((lesson.outlet, lesson.domain))
            kept.append(lesson)
    return kept


@contextmanager
def connected(settings: Settings) -> Iterator[Client]:
    """A client of ``settings.dask_scheduler``, or of a local cluster started for the run."""
    if settings.dask_scheduler:
        try:
            client = Client(settings.dask_scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {settings.dask_scheduler} ({type(exc).__name__}: {exc}); "
                              "give the address it prints (tcp://HOST:8786), or leave out --scheduler to start a local cluster") from exc
        with client:
            yield client
        return
    # the config holds for the run: a worker that dies is started again the same way
    with dask.config.set(LOCAL_CONFIG):
        preload_fork_server()
        try:
            with LocalCluster(n_workers=settings.dask_workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                              dashboard_address=None, silence_logs=logging.ERROR,
                              # the scheduler's own HTTP routes on a free loopback port: never a clash over 8787
                              scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as cluster, Client(cluster) as client:
                yield client
        finally:
            stop_fork_server()  # once the workers have exited


def preload_fork_server() -> None:
    """Have the local cluster's workers forked from a server that imported :data:`PRELOAD`
    (the stages' modules and models, loaded once for all workers rather than once each)."""
    context = get_mp_context()  # distributed's, which sets its own preload list once; ours replaces it
    if isinstance(context, multiprocessing.context.ForkServerContext):
        context.set_forkserver_preload(["distributed", PRELOAD])


def stop_fork_server() -> None:
    """End the fork server with the run (the workers' CPU time is then counted in this
    process's children's, and no process outlives the run); the next run starts another."""
    server = getattr(multiprocessing.forkserver, "_forkserver", None)  # the module's one server (no public stop)
    if server is not None and getattr(server, "_forkserver_pid", None) is not None and hasattr(server, "_stop"):
        server._stop()


def _submitted(client: Client, store: Store, settings: Settings, parts: Sequence[Part]) -> Iterator[Future]:
    """Submit every part's tasks, a few parts ahead of the client; yield the futures of
    their analysed entries in input order (memory follows the parts in flight, not the run)."""
    first, rest = split_pipeline(settings)
    base = ResolverBase.of(store)
    resolver = base.resolver()
    teacher = REGISTRY["outlet"](settings, StageContext(known_outlets=resolver)) if "outlet" in rest else None
    shared = client.scatter(base, broadcast=True)
    tasks = _tasks(parts, task_articles(settings))
    ahead = 4 * max(1, len(client.nthreads()))
    read: dict[int, Future] = {}
    facts: dict[int, Future] = {}
    lessons: list[Learned] = []
    seen: set[tuple[str | None, str]] = set()
    for k in range(len(tasks)):
        for j in range(k, min(k + ahead, len(tasks))):
            if j not in read:
                read[j] = client.submit(read_and_clean, tasks[j], settings, first, pure=False)
                facts[j] = client.submit(outlet_facts, read[j], pure=False)
        # analysing a part comes before reading later ones: its results reach the client sooner
        yield client.submit(analyse, read.pop(k), shared, tuple(lessons), rest, pure=False, priority=1)
        fact = facts.pop(k)
        if teacher is not None:
            lessons += _distinct(_lessons(fact.result(), resolver, teacher), seen)


def analyze(inputs: Iterable[str], settings: Settings, store: Store, stdin: IO[bytes] | None = None,
            progress: Progress | None = None) -> Iterator[Outcome]:
    """Ingest, analyse and store every article of ``inputs`` on a Dask cluster: what
    :func:`newstrail.engines.local.analyze` does, with the same outcomes and the same store.

    The per-article work runs on the workers of ``settings.dask_scheduler`` (or of a
    local cluster of ``settings.dask_workers`` processes); the client stores and links
    in input order. See the module docstring for what runs where.

    >>> settings = Settings(db="corpus.db", engine="dask", dask_workers=2)          # doctest: +SKIP
    >>> with open_store(settings.db) as store:                                      # doctest: +SKIP
    ...     statuses = [o.status for o in analyze(["corpus.jsonl"], settings, store)]
    """
    inputs = list(inputs)
    step = counter(progress, "articles", planned_articles(inputs))
    parts = plan_parts(inputs, settings, stdin=stdin, lines=task_articles(settings))
    return _run(parts, settings, store, step, progress)


def _run(parts: Sequence[Part], settings: Settings, store: Store, step: Step | None, progress: Progress | None) -> Iterator[Outcome]:
    with connected(settings) as client:
        client.register_plugin(StagePlugin(settings), name=PLUGIN)
        yield from store_outcomes(_prepared(client, parts, settings, store, step), settings, store, progress,
                                  preparer=lambda chunks: _linking_inputs(client, chunks, settings.dask_align_ahead))


def _prepared(client: Client, parts: Sequence[Part], settings: Settings, store: Store, step: Step | None) -> Iterator[tuple[Outcome, str | None]]:
    window: deque[Future] = deque()
    for future in _submitted(client, store, settings, parts):
        window.append(future)
        if len(window) > 2 * max(1, len(client.nthreads())):
            yield from _entries(window.popleft(), store, step)
    while window:
        yield from _entries(window.popleft(), store, step)


def prepare_stored(ids: Sequence[str], earlier: Sequence[str] = (), aligned: bool = True) -> dict[str, Prepared]:
    """Worker task: linking's per-article inputs of the stored articles ``ids``, read from
    the store (read-only) as the client's linker reads them, with the passages of their
    likely candidates (``aligned``: among what the store's index holds and the ``earlier``
    articles of the run, see :func:`~newstrail.corpus.prepare.aligned_ahead`); none when the worker
    cannot open the store (a SQLite file on another machine, with a pipeline that reads
    no fact-checks): the client's linker computes them then."""
    plugin = _plugin()
    try:
        store = plugin.store()
    except StoreError:
        return {}
    articles = store.articles.get_many(list(ids), without=UNREAD)
    if not aligned:
        return prepare_linking(articles)
    with plugin.holding:
        return prepare_linking(articles, store, earlier, plugin.fingerprints)


def _linking_inputs(client: Client, chunks: Sequence[list[str]], aligned: bool = False) -> Iterator[dict[str, Prepared]]:
    """Linking's per-article inputs of each chunk, in order: the workers compute them
    :data:`LINK_AHEAD` chunks ahead of the client's linking, each chunk cut in one piece
    per worker thread; ``aligned`` (``settings.dask_align_ahead``): with their candidates
    aligned, each piece given the ids linked before it (the pieces before it, and the
    :data:`LINK_AHEAD` chunks before its chunk: its likely candidates the store may not
    have indexed yet). An article a worker could not read is computed by the linker."""
    pieces = max(1, len(client.nthreads()))
    pending: deque[list[Future]] = deque()
    for k in range(len(chunks)):
        for j in range(k + len(pending), min(len(chunks), k + 1 + LINK_AHEAD)):
            chunk, size = chunks[j], -(-len(chunks[j]) // pieces)
            before = [i for c in chunks[max(0, j - LINK_AHEAD) : j] for i in c] if aligned else []
            pending.append([client.submit(prepare_stored, chunk[i : i + size], before + chunk[:i] if aligned else (), aligned, pure=False)
                            for i in range(0, len(chunk), size)])
        ready: dict[str, Prepared] = {}
        for future in pending.popleft():
            ready.update(future.result())
            future.release()
        yield ready


def _entries(future: Future, store: Store, step: Step | None) -> Iterator[tuple[Outcome, str | None]]:
    entries = unpacked(future.result())
    future.release()
    for entry in entries:
        yield _prepare(entry, store)
        if step is not None:
            step()


def _prepare(entry: Entry, store: Store) -> tuple[Outcome, str | None]:
    """The outcome of an entry the workers analysed, as the local engine's :func:`prepare` gives it."""
    if isinstance(entry.error, InputError) and not entry.read_id:
        return prepare(entry.error, store, _unreachable)
    as_read = Article(text="", id=entry.read_id, url=entry.read_url, source=entry.where)

    def analysed(_: Article) -> Article:
        if entry.error is not None:
            raise entry.error
        assert entry.article is not None
        return entry.article

    return prepare(as_read, store, analysed, fallback=entry.fallback)


def _unreachable(article: Article) -> Article:
    raise AssertionError("an input error has no article to analyse")
