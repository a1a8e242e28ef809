"""Pipelines for the worker-pool tests, in a module of their own so that spawned workers can import them."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from _fake_pipeline import FakePipeline, FakeResult

from tacitus.models import Article


class PidPipeline(FakePipeline):
    """The fake pipeline, noting in each result which process coded it."""

    def process(self, articles: Iterable[Article]) -> Iterator[FakeResult]:
        for result in super().process(articles):
            result.mentions = [os.getpid()]
            yield result


class PoisonPipeline(FakePipeline):
    """Fails on any chunk holding an article whose text contains POISON, as a buggy pipeline would."""

    def process(self, articles: Iterable[Article]) -> Iterator[FakeResult]:
        articles = list(articles)
        if any("POISON" in article.text for article in articles):
            raise ValueError("cannot code poison")
        yield from super().process(articles)
