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
        ("[other]\ndb = 'x'\n", "no [newstrail] table"),
        ("[newstrail\n", "cannot read settings"),
        ("[newstrail]\nbatch_size = 'many'\n", "is not a int"),
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
