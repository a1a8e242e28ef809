"""Numbered schema migrations: `schema/NNNN_name.sql`, applied in order, each exactly once.

A migration is a plain SQL file shipped with the package. `apply_migrations` runs every
file whose number is not yet in `_tacitus_migrations`, each in its own transaction, and
records it there, so opening an old store upgrades it and opening a current one is a no-op.
A schema change is a new file with the next number; shipped files are never edited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import duckdb

from tacitus.errors import StoreError

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

_CREATE_LEDGER = """
CREATE TABLE IF NOT EXISTS _tacitus_migrations (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)
"""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def available_migrations() -> list[Migration]:
    """Every migration shipped in tacitus/store/schema, ordered by number."""
    folder = resources.files("tacitus.store").joinpath("schema")
    found: list[Migration] = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise StoreError(f"two schema migrations share a number: {versions}")
    return found


def applied_versions(con: duckdb.DuckDBPyConnection) -> set[int]:
    """Versions recorded in the ledger (empty for a new store; works on read-only connections)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = '_tacitus_migrations'"
    ).fetchall()[0][0]
    if not exists:
        return set()
    return {row[0] for row in con.execute("SELECT version FROM _tacitus_migrations").fetchall()}


def apply_migrations(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the pending migrations in order; return the versions applied now."""
    con.execute(_CREATE_LEDGER)
    done = applied_versions(con)
    applied: list[int] = []
    for migration in available_migrations():
        if migration.version in done:
            continue
        try:
            con.execute("BEGIN TRANSACTION")
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO _tacitus_migrations (version, name) VALUES (?, ?)",
                [migration.version, migration.name],
            )
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"schema migration {migration.version:04d}_{migration.name} failed: {exc}") from exc
        applied.append(migration.version)
    return applied


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The highest migration applied to this store (0 for an empty one)."""
    return max(applied_versions(con), default=0)
