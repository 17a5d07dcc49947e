import re

import pytest

from newstrail import ConfigError, Settings


def test_defaults_file_then_flags(tmp_path):
    path = tmp_path / "team.toml"
    path.write_text('[newstrail]\ndb = "team.db"\nfetch_timeout = 3\n', encoding="utf-8")
    settings = Settings.build(path, overrides={"fetch_timeout": 7.5, "db": None})
    assert settings.db == "team.db"  # None means "flag not given"
    assert settings.fetch_timeout == 7.5
    assert settings.batch_size == Settings().batch_size


def test_default_file_in_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newstrail.toml").write_text("[newstrail]\nmin_text_chars = 5\n", encoding="utf-8")
    assert Settings.build().min_text_chars == 5


@pytest.mark.parametrize(
    "content, message",
    [
        ("[newstrail]\nno_such = 1\n", "unknown setting"),
        ("[other]\ndb = 'x'\n", "unknown section [other]"),
        ("[newstrail\n", "cannot read settings"),
        ("[newstrail]\nbatch_size = 'many'\n", "pipeline.batch_size='many' is not an int"),
    ],
)
def test_bad_settings_file_says_what_to_fix(tmp_path, content, message):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        Settings.build(path)


def test_missing_named_file(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        Settings.build(tmp_path / "absent.toml")


def test_sections_in_the_file_and_the_flat_table_agree(tmp_path):
    sectioned = tmp_path / "new.toml"
    sectioned.write_text('[store]\ndb = "tide.db"\n[factchecks]\nthreshold = 0.7\nmatcher = "lexical"\n'
                         '[pipeline]\nstages = ["clean", "body-check", "sentences", "claims", "rhetoric"]\n'
                         '[link]\nenabled = false\n', encoding="utf-8")
    flat = tmp_path / "old.toml"
    flat.write_text('[newstrail]\ndb = "tide.db"\nfactcheck_threshold = 0.7\nfactcheck_matcher = "lexical"\n'
                    'pipeline = ["clean", "body-check", "sentences", "claims", "rhetoric"]\nlink = false\n', encoding="utf-8")
    assert Settings.build(sectioned) == Settings.build(flat)
    settings = Settings.build(sectioned)
    assert settings.section("factchecks") == {"threshold": 0.7, "match_threshold": 0.4, "matcher": "lexical"}
    assert settings.pipeline[-1] == "rhetoric" and settings.link is False


def test_set_strings_are_typed_by_the_field(tmp_path):
    settings = Settings.build(sets=["fetch.timeout=2.5", "pipeline.batch_size=7", "link.enabled=false",
                                    "pipeline.stages=clean, body-check, rhetoric", "claims.keep=checkworthy"])
    assert (settings.fetch_timeout, settings.batch_size, settings.link) == (2.5, 7, False)
    assert settings.pipeline == ("clean", "body-check", "rhetoric") and settings.claims_keep == "checkworthy"
    # --set wins over overrides, which win over the file
    path = tmp_path / "s.toml"
    path.write_text("[pipeline]\nbatch_size = 3\n", encoding="utf-8")
    assert Settings.build(path).batch_size == 3
    assert Settings.build(path, overrides={"pipeline.batch_size": 4}).batch_size == 4
    assert Settings.build(path, overrides={"batch_size": 4}, sets=["pipeline.batch_size=5"]).batch_size == 5


@pytest.mark.parametrize(
    "sets, message",
    [
        (["link.enabled=no"], "link.enabled='no' must be true or false"),
        (["pipeline.detect_language=1"], "must be true or false"),
        (["factchecks.threshold=1.2"], "factchecks.threshold=1.2 is out of range: it must be at least 0 and at most 1"),
        (["factchecks.matcher=magic"], "allowed: fast, hybrid, accurate, lexical"),
        (["claims.keep=some"], "allowed: all, checkworthy"),
        (["pipeline.stages=clean,gossip"], "unknown 'gossip'; allowed: clean, body-check"),
        (["pipeline.stages=clean,clean"], "repeats 'clean'"),
        (["pipeline.batch_size=0"], "pipeline.batch_size=0 is out of range"),
        (["pipeline.batch_size=2.5"], "pipeline.batch_size='2.5' is not an int"),
        (["fetch.timeout=0"], "it must be above 0"),
        (["nosuch.key=1"], "unknown setting(s) nosuch.key"),
        (["threshold"], "expected section.key=value"),
    ],
)
def test_bad_values_name_the_key_and_what_it_accepts(sets, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        Settings.build(sets=sets)


def test_file_booleans_and_ints_are_strict(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('[link]\nenabled = "yes"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape("link.enabled='yes' must be true or false")):
        Settings.build(path)
    path.write_text("[pipeline]\nbatch_size = true\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="is not an int"):
        Settings.build(path)


def test_construction_and_replace_validate():
    assert Settings(db="x.db").db == "x.db"
    assert Settings(fetch_timeout=2).fetch_timeout == 2.0
    with pytest.raises(ConfigError, match="pipeline.batch_size"):
        Settings().replace(batch_size=-1)
    with pytest.raises(ConfigError, match="unknown setting"):
        Settings().replace(colour="red")
    assert "rhetoric" in Settings().pipeline and Settings().rhetoric  # on by default, pipeline.rhetoric turns it off
    assert Settings.build(sets=["pipeline.rhetoric=false"]).rhetoric is False


@pytest.mark.parametrize(
    "content, message",
    [
        ('[link]\nenabled = "false"\n', "link.enabled='false' must be true or false (write it without quotes: enabled = false)"),
        ('[newstrail]\nlink = "false"\n', "link.enabled='false' must be true or false"),
        ("[pipeline]\nbatch_size = -5\n", "pipeline.batch_size=-5 is out of range: it must be at least 1"),
        ("[ingest]\nmax_input_bytes = -1\n", "ingest.max_input_bytes=-1 is out of range: it must be at least 1"),
        ('[factchecks]\nmatcher = "bogus"\n', "factchecks.matcher='bogus' is not allowed; allowed: fast, hybrid, accurate, lexical"),
    ],
)
def test_hostile_settings_are_refused_naming_the_file(tmp_path, content, message):
    # issue 16 point 9: bool("false") was True, negative sizes and unknown matchers went through
    path = tmp_path / "team.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        Settings.build(path)
    assert str(caught.value).startswith(f"{path}: ") and message in str(caught.value)


def test_set_errors_name_the_set(tmp_path):
    with pytest.raises(ConfigError, match=re.escape("--set ingest.max_input_bytes=-1: setting ingest.max_input_bytes=-1 is out of range")):
        Settings.build(sets=["ingest.max_input_bytes=-1"])
    with pytest.raises(ConfigError, match=re.escape("option: setting link.enabled='false' must be true or false")):
        Settings.build(overrides={"link": "false"})
    # a later source replaces an earlier one before anything is judged
    assert Settings.build(overrides={"link": "false"}, sets=["link.enabled=False"]).link is False
