"""Fixtures for coder tests: a shared EventCoder and a parse-and-code helper."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from tacitus.models import Article, Event

from .helpers import make_mentions


@pytest.fixture(scope="session")
def coder():  # type: ignore[no-untyped-def]
    from tacitus.coding import EventCoder

    return EventCoder()


@pytest.fixture(scope="session")
def code_one(nlp, coder) -> Callable[..., list[Event]]:  # type: ignore[no-untyped-def]
    """Parse one sentence and code it with hand-made mentions."""

    def run(
        text: str,
        *,
        date: dt.date | None = dt.date(2019, 4, 3),
        keep_unasserted: bool = False,
        bare_statements: bool = False,
    ) -> list[Event]:
        from tacitus.coding import EventCoder

        chosen = coder
        if keep_unasserted or bare_statements:
            chosen = EventCoder(keep_unasserted=keep_unasserted, bare_statements=bare_statements)
        doc = nlp(text)
        return chosen.code_sentence(
            doc, make_mentions(text), sentence_index=0, sentence_start=0, doc_id="t", date=date, lexicon_version="test"
        )

    return run


@pytest.fixture(scope="session")
def code_text(pipeline) -> Callable[[str], list[Event]]:  # type: ignore[no-untyped-def]
    """Code a text as a whole article (actors, context and all), dated 2024-05-02."""

    def run(text: str) -> list[Event]:
        return list(pipeline.code_article(Article(id="t", text=text, date=dt.date(2024, 5, 2))).events)

    return run


@pytest.fixture(scope="session")
def token(nlp):  # type: ignore[no-untyped-def]
    """The first token spelled `word` in the parse of `text`."""

    def find(text: str, word: str):  # type: ignore[no-untyped-def]
        return next(t for t in nlp(text) if t.text == word)

    return find
