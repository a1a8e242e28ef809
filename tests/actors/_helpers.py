"""Recognise the actors of a text as the pipeline does, with the article's source, dateline and title."""

from __future__ import annotations

import datetime as dt

from tacitus.models import ActorMention, Article
from tacitus.nlp import split_sentences
from tacitus.pipeline import load_pipeline


def recognize(
    text: str,
    *,
    date: str | None = "2022-06-01",
    source: str | None = None,
    place: str | None = None,
    title: str | None = None,
) -> list[ActorMention]:
    pipeline = load_pipeline()
    article = Article(
        id="t",
        text=text,
        date=dt.date.fromisoformat(date) if date else None,
        source=source,
        place=place,
        title=title,
    )
    return pipeline.recognizer.recognize(split_sentences(pipeline.nlp, text), date=article.date, article=article)


def at(mentions: list[ActorMention], text: str, span: str, occurrence: int = 0) -> list[ActorMention]:
    """The mentions covering `span` (its `occurrence`-th appearance in `text`)."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(span, start + 1)
    end = start + len(span)
    return [m for m in mentions if m.char_start <= start and end <= m.char_end]


def codes(mentions: list[ActorMention], text: str, span: str, occurrence: int = 0) -> list[str | None]:
    """The codes on `span`: one for an actor, several for a reference to several ("the two leaders")."""
    return [m.code for m in at(mentions, text, span, occurrence)]


def rule(mentions: list[ActorMention], text: str, span: str, occurrence: int = 0) -> str:
    found = at(mentions, text, span, occurrence)
    assert found, f"{span!r} is no mention: {[(m.text, m.code, m.rule) for m in mentions]}"
    return found[0].rule
