"""The stage registry, pipelines built from settings, typed stage fields and ids that never lose data.

Every article here is written by the team about fictional outlets and events.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrail import Article, ConfigError, Settings, StageError, analyze, open_store
from newstrail.analyze import Pipeline
from newstrail.cli import main
from newstrail.core.config import DEFAULT_STAGES, STAGE_NAMES
from newstrail.engines.stages import REGISTRY, StageContext, build_pipeline
from newstrail.factchecks.record import FactCheck

LEVY = ("The Saltmarsh council voted on Tuesday to raise the ferry levy to 4 crowns, the Tidewater Bulletin reports. "
        "Councillor Ana Brask said the money would repair the north slipway. "
        "Critics called the levy a shameful, disgraceful betrayal of island families.")


def _csv(path: Path, rows: list[tuple[str, str, str]]) -> str:
    lines = ["id,title,text"] + [f'{i},{title},"{text}"' for i, title, text in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_registry_names_every_stage_the_settings_allow():
    assert tuple(REGISTRY) == STAGE_NAMES
    assert build_pipeline(Settings()).names == list(DEFAULT_STAGES)
    assert "language" not in build_pipeline(Settings(detect_language=False)).names
    assert "rhetoric" in DEFAULT_STAGES and "rhetoric" not in build_pipeline(Settings(rhetoric=False)).names


def test_rhetoric_runs_by_default_and_the_setting_or_flag_turns_it_off(tmp_path):
    path = tmp_path / "levy.txt"
    path.write_text("Ferry Levy Raised\n\n" + LEVY, encoding="utf-8")
    settings = Settings.build(overrides={"db": str(tmp_path / "t.db"), "link": False})
    with open_store(settings.db) as store:
        [outcome] = analyze([str(path)], settings, store)
        stored = store.articles.get(outcome.article.id)
    assert outcome.status == "added" and "rhetoric" in stored.stages
    assert "Loaded_Language" in {t.technique for t in stored.rhetoric}

    off = Settings.build(overrides={"db": str(tmp_path / "off.db"), "link": False}, sets=["pipeline.rhetoric=false"])
    with open_store(off.db) as store:
        [outcome] = analyze([str(path)], off, store)
        stored = store.articles.get(outcome.article.id)
    assert "rhetoric" not in stored.stages and not stored.rhetoric and "claims" in stored.stages

    db = str(tmp_path / "flag.db")
    result = CliRunner().invoke(main, ["analyze", str(path), "--db", db, "--no-rhetoric", "--format", "json", "-q"], catch_exceptions=False)
    [record] = json.loads(result.stdout)
    assert result.exit_code == 0 and "rhetoric" not in record["stages"] and "claims" in record["stages"]


def test_order_and_fields_are_checked_when_built():
    with pytest.raises(StageError, match="stage 'quotes' requires attributions"):
        build_pipeline(Settings(pipeline=("clean", "sentences", "quotes")))

    @dataclass
    class Typo:
        name: str = "typo"
        requires: tuple[str, ...] = ("text",)
        assigns: tuple[str, ...] = ("sentence_count",)

        def __call__(self, article: Article) -> Article:
            return article

    with pytest.raises(StageError, match="stage 'typo' names sentence_count, which is not an Article field"):
        Pipeline([Typo()])
    with pytest.raises(ConfigError, match="unknown stage 'gossip'"):
        build_pipeline(Settings(), names=["clean", "gossip"])


def test_building_over_a_store_never_writes_and_the_factcheck_stage_reads_lazily(tmp_path):
    db = tmp_path / "t.db"
    with open_store(str(db)) as store:
        store.factchecks.put_many([FactCheck(claim="The Saltmarsh ferry levy was raised to 4 crowns.", id="levy", rating="True").to_row()])
    before = _digest(db)
    settings = Settings(db=str(db), factcheck_threshold=0.1, factcheck_matcher="lexical")
    with open_store(str(db)) as store:
        pipe = build_pipeline(settings, StageContext(store))
        stage = pipe.stages[pipe.names.index("factchecks")]
        assert stage.matcher is None  # nothing loaded while building
        article = pipe(Article(id="a", text=LEVY))
        assert stage.matcher is not None
    assert _digest(db) == before  # built, loaded and run: the store file is unchanged
    assert "factchecks" in article.stages
    assert any(m.factcheck == "levy" for c in article.claims for m in c.matches)
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM factcheck_vectors").fetchone() == (0,)


def test_a_store_without_factchecks_costs_nothing(tmp_path):
    with open_store(str(tmp_path / "t.db")) as store:
        pipe = build_pipeline(Settings(), StageContext(store))
        article = pipe(Article(id="a", text=LEVY))
    assert "factchecks" not in article.stages and "claims" in article.stages


def test_pipeline_command_prints_the_stages(tmp_path):
    runner = CliRunner()
    text = runner.invoke(main, ["pipeline"], catch_exceptions=False).output
    assert text.splitlines()[0].startswith(" 1. clean") and "rhetoric" in text
    assert "rhetoric" not in runner.invoke(main, ["--set", "pipeline.rhetoric=false", "pipeline"], catch_exceptions=False).output
    config = tmp_path / "c.toml"
    config.write_text('[pipeline]\nstages = ["clean", "body-check", "sentences", "attributions", "quotes", "rhetoric"]\n', encoding="utf-8")
    shown = json.loads(runner.invoke(main, ["--config", str(config), "pipeline", "--format", "json"], catch_exceptions=False).output)
    assert [s["name"] for s in shown["stages"]][-1] == "rhetoric"
    assert shown["stages"][-1] == {"name": "rhetoric", "requires": ["text", "sentences", "quotes"], "assigns": ["rhetoric"]}
    bad = tmp_path / "bad.toml"
    bad.write_text('[pipeline]\nstages = ["clean", "quotes"]\n', encoding="utf-8")
    result = runner.invoke(main, ["--config", str(bad), "pipeline"])
    assert result.exit_code != 0 and "requires" in result.output + (result.stderr or "")


def test_stage_data_travels_in_typed_fields_and_old_records_still_read():
    old = {"id": "x", "text": "Body.", "meta": {"datelines": [{"outlet": "Tidewater Bulletin", "date": "2025-04-02"}],
                                               "original_source": "Saltmarsh Courier", "language_score": 0.93,
                                               "outlet_domain_via": "masthead", "desk": "night"}}
    article = Article.from_dict(old)
    assert article.datelines == [{"outlet": "Tidewater Bulletin", "date": "2025-04-02"}]
    assert (article.original_source, article.language_score, article.outlet_domain_via) == ("Saltmarsh Courier", 0.93, "masthead")
    assert article.meta == {"desk": "night"}  # what the user gave stays in meta
    record = article.to_dict()
    assert record["original_source"] == "Saltmarsh Courier"
    assert record["meta"] == old["meta"]  # the old JSON shape is still there for its readers
    assert Article.from_dict(json.loads(json.dumps(record))) == article


def test_two_csvs_numbering_rows_from_one_keep_every_article(tmp_path):
    first = _csv(tmp_path / "bulletin.csv", [
        ("1", "Levy raised", "The Saltmarsh council raised the ferry levy to 4 crowns on Tuesday after a long debate."),
        ("2", "Slipway shut", "The north slipway at Saltmarsh will close for six weeks of repairs, the harbour office said."),
        ("3", "Gull count", "Volunteers counted 1,200 gulls on the Saltmarsh dunes, the most since the survey began."),
    ])
    second = _csv(tmp_path / "courier.csv", [
        ("1", "Bridge vote", "Kelvedon's town board approved a footbridge over the Mill Race by five votes to two."),
        ("2", "Library hours", "The Kelvedon library will open on Sundays from May, the town board announced."),
        ("3", "Levy raised", "The Saltmarsh council raised the ferry levy to 4 crowns on Tuesday after a long debate."),
    ])
    settings = Settings(db=str(tmp_path / "t.db"), link=False, min_text_chars=20)
    with open_store(settings.db) as store:
        runs = [[(o.status, o.article.id, o.article.input_id) for o in analyze([path], settings, store)] for path in (first, second)]
        assert store.articles.count() == 5  # courier row 3 is bulletin row 1, word for word: one article
        again = [o.status for o in analyze([first, second], settings, store)]
    assert runs[0] == [("added", "1", "1"), ("added", "2", "2"), ("added", "3", "3")]
    assert [s for s, _, _ in runs[1]] == ["added", "added", "exists"]
    assert [i for _, _, i in runs[1]] == ["1", "2", "3"]  # the input's own id is kept
    assert len({i for _, i, _ in runs[0] + runs[1][:2]}) == 5
    assert again == ["exists"] * 6


def test_reused_ids_inside_one_batch_keep_both(tmp_path):
    path = _csv(tmp_path / "one.csv", [
        ("7", "Ferry late", "The morning ferry from Saltmarsh ran forty minutes late because of fog in the strait."),
        ("7", "Market opens", "The Kelvedon spring market opened on Saturday with sixty stalls along the quay."),
    ])
    settings = Settings(db=str(tmp_path / "t.db"), link=False, min_text_chars=20)
    with open_store(settings.db) as store:
        outcomes = list(analyze([path], settings, store))
        assert [o.status for o in outcomes] == ["added", "added"] and store.articles.count() == 2
        assert outcomes[0].article.id == "7" and outcomes[1].article.id != "7"
        assert [o.status for o in analyze([path], settings, store)] == ["exists", "exists"]
