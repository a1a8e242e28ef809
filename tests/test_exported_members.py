"""The front door: a public name must not appear or vanish unnoticed."""

import tacitus

EXPECTED = [
    "Actor",
    "ActorMention",
    "Article",
    "Event",
    "Evidence",
    "Pipeline",
    "Store",
    "TacitusError",
    "__version__",
    "alerts",
    "code",
    "find_actors",
    "ingest",
    "load_pipeline",
    "series",
]


def test_all_is_sorted_and_as_documented() -> None:
    assert tacitus.__all__ == EXPECTED
    assert sorted(tacitus.__all__) == tacitus.__all__


def test_every_exported_name_resolves() -> None:
    for name in tacitus.__all__:
        assert getattr(tacitus, name) is not None, name


def test_unknown_attribute_raises() -> None:
    try:
        tacitus.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")
