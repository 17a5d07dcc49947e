"""What only the PostgreSQL store has: a URL, a schema table, and several writers at once.

The repository suite (tests/store/) and tests/test_store.py run on both backends; these
tests need a server (the ``postgres_url`` fixture starts one, or skips saying why).
"""

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from newstrail.core.article import Article
from newstrail.core.errors import StoreError
from newstrail.store import ADDED, EXISTS, open_store
from newstrail.store.postgres_schema import MIGRATIONS as PG_MIGRATIONS
from newstrail.store.sqlite_schema import MIGRATIONS

SAMPLE = Path(__file__).parents[1] / "src" / "newstrail" / "sample" / "corpus"
SRC = str(Path(__file__).parents[1] / "src")


def test_same_migration_numbering_as_sqlite():
    assert len(PG_MIGRATIONS) == len(MIGRATIONS)


def test_schema_table_newer_schema_and_read_only(postgres_url):
    with pytest.raises(StoreError, match="no newstrail store in this database"):
        open_store(postgres_url, read_only=True)
    with open_store(postgres_url) as store:
        versions = [r[0] for r in store.db.execute("SELECT version FROM newstrail_schema ORDER BY version")]
        assert versions == list(range(1, len(MIGRATIONS) + 1))
        store.articles.put(Article(text="The ferry ran late in fog.", url="https://lantern.example/fog").ensure_id())
    with open_store(postgres_url, read_only=True) as store:
        assert store.articles.count() == 1
        with pytest.raises(StoreError, match="read-only"):
            store.articles.put(Article(text="Another story.", id="n1"))
    with open_store(postgres_url) as store:
        store.db.execute("INSERT INTO newstrail_schema(version) VALUES (%s)", (len(MIGRATIONS) + 1,))
    with pytest.raises(StoreError, match="upgrade newstrail"):
        open_store(postgres_url)


def test_password_is_masked_and_a_dead_server_is_a_store_error(postgres_url):
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL") as caught:
        open_store("postgresql://ana:s3cret@127.0.0.1:1/corpus")
    assert "s3cret" not in str(caught.value) and "ana:***@" in str(caught.value)


def test_two_stores_putting_the_same_articles_at_once_keep_one_of_each(postgres_url):
    """The write lock: a batch that waits for another sees what it committed."""
    first, second = open_store(postgres_url), open_store(postgres_url)
    batch = [Article(text=f"Pier {n} closed for repairs on Monday.", url=f"https://lantern.example/pier/{n}").ensure_id() for n in range(5)]
    with first.transaction():
        assert first.articles.put_many(batch[:3]) == [ADDED] * 3
        # the second writer would block here until the first commits; it reads the rows after
        assert second.articles.count() == 0
    assert second.articles.put_many(batch) == [EXISTS] * 3 + [ADDED] * 2
    assert first.articles.count() == 5
    first.close()
    second.close()


def _analyze(url: str, *folders: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": SRC}
    command = [sys.executable, "-c", "from newstrail.cli import main; main()", "analyze", *(str(SAMPLE / f) for f in folders), "--db", url, "--format", "jsonl"]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _links(store) -> tuple[list[list[str]], list[tuple]]:
    ids = [a.id for a in store.articles.iter_articles()]
    stories = sorted(sorted(store.links.story_members(s)) for s in store.links.story_ids())
    reuse = sorted((r.a, r.b, p.a_start, p.a_end, p.b_start, p.b_end) if r.a < r.b else (r.b, r.a, p.b_start, p.b_end, p.a_start, p.a_end)
                   for r in store.links.reuse_among(ids) for p in [r.passage])
    return stories, reuse


def test_three_analyze_processes_at_once_lose_nothing_and_duplicate_nothing(postgres_url, tmp_path):
    """Every sample article is given to two of three processes running together; the store
    ends with each article once, linked, in one story, as one process would leave it."""
    runs = [_analyze(postgres_url, "text", "markdown"), _analyze(postgres_url, "markdown", "html"), _analyze(postgres_url, "html", "text")]
    summaries = [run.communicate(timeout=600)[1].strip().splitlines()[-1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], summaries
    added = sum(int(s.split(" added")[0]) for s in summaries)
    alone = str(tmp_path / "alone.db")
    assert _analyze(alone, "text", "markdown", "html").wait(timeout=600) == 0
    with open_store(postgres_url, read_only=True) as shared, open_store(alone, read_only=True) as single:
        ids = [a.id for a in shared.articles.iter_articles()]
        assert sorted(ids) == sorted(a.id for a in single.articles.iter_articles())  # nothing lost
        assert added == len(ids) == len(set(ids)) == 21  # each stored once, by the one process that added it
        urls = Counter(r.url for r in shared.articles.refs(ids).values() if r.url)
        assert len(urls) == 15 and max(urls.values()) == 1
        assert shared.links.unlinked_ids() == [] and shared.ratings.unindexed_ids() == []
        assert sum(info.size for info in shared.links.stories(shared.links.story_ids()).values()) == len(ids)
        stories, reuse = _links(shared)
        assert len(reuse) == len(set(reuse))  # no passage kept twice
        assert (stories, reuse) == _links(single)


def test_without_psycopg_the_error_names_the_extra(tmp_path):
    """A Python without the [postgres] extra: psycopg cannot be imported."""
    (tmp_path / "psycopg.py").write_text("raise ImportError('not installed here')\n")
    code = "from newstrail.store import open_store; open_store('postgresql://newstrail@127.0.0.1/corpus')"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), SRC])}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode != 0 and "pip install 'newstrail[postgres]'" in done.stderr


def test_the_commands_print_the_same_on_both_backends(postgres_url, tmp_path):
    """analyze, show, search, stories and trace of the sample's text folder, SQLite then PostgreSQL."""
    from click.testing import CliRunner

    from newstrail.cli import main

    def outputs(db: str) -> list[str]:
        runner = CliRunner()
        analyzed = runner.invoke(main, ["analyze", str(SAMPLE / "text"), "--db", db], catch_exceptions=False)
        assert analyzed.exit_code == 0, analyzed.output
        first = analyzed.stdout.split()[1]
        stories = runner.invoke(main, ["stories", "--db", db]).stdout
        story = stories.split()[0]
        commands = [["show", first], ["search", "porthaven"], ["stories"], ["trace", "--story", story, "--format", "json"]]
        return [analyzed.stdout] + [runner.invoke(main, [*c, "--db", db], catch_exceptions=False).stdout for c in commands]

    on_sqlite, on_postgres = outputs(str(tmp_path / "cli.db")), outputs(postgres_url)
    assert all(on_sqlite)
    # the same hits in the same order; each engine cuts its own snippet around the words
    hits = [re.findall(r"^[0-9a-z-]+  .*$", out[2], re.M) for out in (on_sqlite, on_postgres)]
    assert hits[0] == hits[1] and len(hits[0]) >= 2
    assert on_sqlite[:2] + on_sqlite[3:] == on_postgres[:2] + on_postgres[3:]


def test_two_link_processes_at_once_link_each_article_once(postgres_url):
    """Stored without linking, then two 'newstrail link' at once: each batch is taken once."""
    env = {**os.environ, "PYTHONPATH": SRC}
    cli = [sys.executable, "-c", "from newstrail.cli import main; main()"]
    stored = subprocess.run([*cli, "analyze", str(SAMPLE / "text"), str(SAMPLE / "markdown"), "--db", postgres_url, "--set", "link.enabled=false"],
                            env=env, capture_output=True, text=True)
    assert stored.returncode == 0, stored.stderr
    with open_store(postgres_url, read_only=True) as store:
        assert len(store.links.unlinked_ids()) == 11
    runs = [subprocess.Popen([*cli, "link", "--db", postgres_url], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    assert [run.wait(timeout=600) for run in runs] == [0, 0]
    with open_store(postgres_url, read_only=True) as store:
        ids = [a.id for a in store.articles.iter_articles()]
        assert store.links.unlinked_ids() == []
        reuse = [(r.a, r.b, r.passage) for r in store.links.reuse_among(ids)]
        assert reuse and len(reuse) == len(set(reuse))
        marks = store.ratings.marks_of(ids)
        assert len(marks) == len(set(marks))


def test_a_writer_that_waits_past_busy_timeout_is_told_the_store_is_locked(postgres_url):
    holder, waiter = open_store(postgres_url), open_store(postgres_url, busy_timeout=0.2)
    with holder.transaction():
        holder.articles.put(Article(text="The ferry ran late in fog.", url="https://lantern.example/fog").ensure_id())
        with pytest.raises(StoreError, match="the store is locked: .* past 0.2 s"):
            waiter.articles.put(Article(text="The pier closed at dawn.", url="https://lantern.example/pier").ensure_id())
    assert waiter.articles.put(Article(text="The pier closed at dawn.", url="https://lantern.example/pier").ensure_id()) == ADDED
    assert waiter.articles.count() == 2
    holder.close()
    waiter.close()
