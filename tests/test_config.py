from pathlib import Path

import pytest

from tacitus.config import DEFAULT_SPACY_MODEL, Settings
from tacitus.errors import ConfigError


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("TACITUS_SPACY_MODEL", "TACITUS_WORKERS", "TACITUS_N_PROCESS", "TACITUS_BATCH_SIZE", "TACITUS_CONFIG"):
        monkeypatch.delenv(var, raising=False)
    settings = Settings.load()
    assert settings.spacy_model == DEFAULT_SPACY_MODEL
    assert settings.workers == 0  # every available core


def test_n_process_is_read_as_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TACITUS_WORKERS", raising=False)
    monkeypatch.setenv("TACITUS_N_PROCESS", "3")
    assert Settings.load().workers == 3
    monkeypatch.setenv("TACITUS_WORKERS", "auto")
    assert Settings.load().workers == 0  # the new name wins over the old one
    assert Settings.load(workers=2).n_process == 2


def test_precedence_file_then_env_then_arguments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "tacitus.toml"
    config.write_text('[tacitus]\nspacy_model = "from_file"\nn_process = 3\nbatch_size = 10\n', encoding="utf-8")
    monkeypatch.setenv("TACITUS_SPACY_MODEL", "from_env")
    monkeypatch.delenv("TACITUS_N_PROCESS", raising=False)
    settings = Settings.load(config, batch_size=99, n_process=None)
    assert settings.spacy_model == "from_env"
    assert settings.n_process == 3
    assert settings.batch_size == 99


def test_dictionaries_become_paths(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[tacitus]\ndictionaries = ["a.tsv", "b.tsv"]\n', encoding="utf-8")
    assert Settings.load(config).dictionaries == (Path("a.tsv"), Path("b.tsv"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[tacitus]\nno_such = 1\n", "unknown setting 'no_such'"),
        ("[tacitus]\nn_process = -1\n", "setting 'workers'"),
        ("[tacitus]\nworkers = 'many'\n", "setting 'workers'"),
        ("[tacitus\n", "not valid TOML"),
    ],
)
def test_bad_config_files_name_the_problem(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        Settings.load(config)
    assert str(info.value).startswith("[T001]")


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        Settings.load(tmp_path / "absent.toml")
