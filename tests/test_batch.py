"""The batch runner: bad inputs are reported and skipped, crashes leave the store consistent."""

from dataclasses import dataclass

import pytest

from newstrail import Article, NoArticleText, Pipeline, Settings, StageError, analyze, default_pipeline, open_store
from newstrail.clean import Cleaner

LEAD = "The Porthaven ferry number {n} ran {n} minutes late on Tuesday because fog closed the strait at dawn."


def _corpus(write, count):
    return [str(write(f"ferry-{n:02d}.txt", f"Ferry {n} Late\n\n{LEAD.format(n=n)}")) for n in range(count)]


def test_analyze_reports_each_bad_input_and_keeps_going(write, settings):
    good = _corpus(write, 2)
    bad = str(write("broken.txt", b"The ferry \xff\xfe ran late."))
    empty = str(write("empty.html", "<html><body><nav>Home | News</nav></body></html>"))
    with open_store(settings.db) as store:
        outcomes = list(analyze([good[0], bad, empty, good[1], "missing.txt"], settings, store))
        assert [o.status for o in outcomes] == ["added", "failed", "failed", "added", "failed"]
        assert "not valid UTF-8" in str(outcomes[1].error) and "broken.txt" in str(outcomes[1].error)
        assert "no such file" in str(outcomes[4].error)
        assert store.articles.count() == 2


def test_too_short_after_cleaning_is_no_article(write, settings):
    path = write("cruft.txt", "Ferry Notice\n\nShare this story on Facebook\n\nBecome a Member of The Harbor Lantern")
    with open_store(settings.db) as store:
        [outcome] = analyze([str(path)], settings, store)
    assert outcome.status == "failed"
    assert isinstance(outcome.error, NoArticleText)
    assert "2 boilerplate blocks removed" in str(outcome.error)


def test_rerun_adds_nothing_twice(write, settings):
    paths = _corpus(write, 3)
    with open_store(settings.db) as store:
        assert [o.status for o in analyze(paths, settings, store)] == ["added"] * 3
        assert [o.status for o in analyze(paths, settings, store)] == ["exists"] * 3
        assert store.articles.count() == 3


@dataclass
class CrashAfter:
    """A stage that kills the run (like Ctrl-C) at the n-th article."""

    n: int
    name: str = "crash"
    requires: tuple = ("text",)
    assigns: tuple = ()
    seen: int = 0

    def __call__(self, article: Article) -> Article:
        self.seen += 1
        if self.seen == self.n:
            raise KeyboardInterrupt
        return article


def test_crash_mid_batch_keeps_committed_batches_and_rerun_resumes(write, tmp_path):
    settings = Settings(db=str(tmp_path / "c.db"), batch_size=2)
    paths = _corpus(write, 7)
    crashing = Pipeline([Cleaner(), CrashAfter(n=6)])
    with open_store(settings.db) as store:
        with pytest.raises(KeyboardInterrupt):
            for _ in analyze(paths, settings, store, pipeline=crashing):
                pass
        # two full batches were committed before the crash; the third never was
        assert store.articles.count() == 4
    with open_store(settings.db) as store:
        statuses = [o.status for o in analyze(paths, settings, store)]
        assert statuses == ["exists"] * 4 + ["added"] * 3
        assert store.articles.count() == 7


@dataclass
class Buggy:
    name: str = "buggy"
    requires: tuple = ("text",)
    assigns: tuple = ()

    def __call__(self, article: Article) -> Article:
        if "number 1 " in article.text:
            raise ZeroDivisionError("division by zero")
        return article


def test_a_stage_bug_fails_one_article_not_the_batch(write, settings):
    paths = _corpus(write, 3)
    with open_store(settings.db) as store:
        outcomes = list(analyze(paths, settings, store, pipeline=Pipeline([Cleaner(), Buggy()])))
    assert [o.status for o in outcomes] == ["added", "failed", "added"]
    assert isinstance(outcomes[1].error, StageError)
    assert "ZeroDivisionError" in str(outcomes[1].error)


def test_pipeline_checks_stage_contracts():
    @dataclass
    class NeedsClaims:
        name: str = "needs-claims"
        requires: tuple = ("claims",)
        assigns: tuple = ()

        def __call__(self, article):
            return article

    with pytest.raises(StageError, match="requires claims"):
        Pipeline([Cleaner(), NeedsClaims()])
    with pytest.raises(StageError, match="is not a stage"):
        Pipeline([lambda a: a])


def test_default_pipeline_follows_settings():
    stages = ["sentences", "attributions", "quotes", "claims"]
    assert default_pipeline(Settings()).names == ["clean", "body-check", "language", *stages, "rhetoric"]
    assert default_pipeline(Settings(detect_language=False, rhetoric=False)).names == ["clean", "body-check", *stages]


def test_ids_are_stable_across_runs(write, tmp_path):
    path = str(write("one.txt", "Ferry Late\n\n" + LEAD.format(n=4)))
    ids = []
    for name in ("a.db", "b.db"):
        with open_store(str(tmp_path / name)) as store:
            ids.append([o.article.id for o in analyze([path], Settings(db=str(tmp_path / name)), store)])
    assert ids[0] == ids[1] and len(ids[0][0]) == 16


@dataclass
class Counting:
    """A stage that counts the articles it sees."""

    name: str = "counting"
    requires: tuple = ("text",)
    assigns: tuple = ()
    seen: int = 0

    def __call__(self, article: Article) -> Article:
        self.seen += 1
        return article


def test_rerun_skips_stored_articles_before_the_stages(write, tmp_path):
    # issue 16 point 6: a rerun looked up "already stored" only after every stage had run
    texts = _corpus(write, 3)
    records = write("wire.jsonl", "\n".join([
        '{"url": "https://porthaven.example/ferry-9", "title": "Ferry 9", "text": "' + LEAD.format(n=9) + '"}',
        '{"id": "w-10", "title": "Ferry 10", "text": "' + LEAD.format(n=10) + '"}',
    ]))
    inputs = [*texts, str(records)]
    settings = Settings(db=str(tmp_path / "skip.db"))
    with open_store(settings.db) as store:
        first = Counting()
        assert [o.status for o in analyze(inputs, settings, store, pipeline=Pipeline([Cleaner(), first]))] == ["added"] * 5
        again = Counting()
        outcomes = list(analyze(inputs, settings, store, pipeline=Pipeline([Cleaner(), again])))
    assert [o.status for o in outcomes] == ["exists"] * 5
    # the record known only by its own id and its text (no URL) is judged by the store after cleaning
    assert (first.seen, again.seen) == (5, 1)
    # a skipped article comes back as stored, with its story, for the summary line
    assert all(o.article is not None and o.article.text for o in outcomes)
    assert outcomes[3].article.url == "https://porthaven.example/ferry-9"


def test_skipping_keeps_a_different_article_that_reuses_an_id(write, tmp_path):
    # two exports that both number their rows: the second's row 1 is another article
    one = write("one.jsonl", '{"id": "1", "url": "https://porthaven.example/a", "text": "' + LEAD.format(n=1) + '"}')
    two = write("two.jsonl", '{"id": "1", "url": "https://porthaven.example/b", "text": "' + LEAD.format(n=2) + '"}')
    settings = Settings(db=str(tmp_path / "ids.db"))
    with open_store(settings.db) as store:
        assert [o.status for o in analyze([str(one)], settings, store)] == ["added"]
        assert [o.status for o in analyze([str(two)], settings, store)] == ["added"]
        assert [o.status for o in analyze([str(one), str(two)], settings, store)] == ["exists", "exists"]
        assert store.articles.count() == 2
