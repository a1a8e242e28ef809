import pytest

from tacitus.errors import ConfigError
from tacitus.registry import Registry


def test_longest_suffix_wins_and_unknown_names_are_listed() -> None:
    registry: Registry = Registry("tacitus.test-group-that-does-not-exist")

    @registry.register("gz", suffixes=(".gz",))
    def read_gz() -> str:
        return "gz"

    @registry.register("jsonl", suffixes=(".jsonl", ".jsonl.gz"))
    def read_jsonl() -> str:
        return "jsonl"

    found = registry.for_suffix("News.JSONL.GZ")
    assert found is not None and found.name == "jsonl"
    assert registry.for_suffix("a.csv") is None
    assert registry.get("gz")() == "gz"
    with pytest.raises(ConfigError, match="known: gz, jsonl"):
        registry.get("warc")
