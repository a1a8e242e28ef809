"""A stand-in for tacitus.pipeline.Pipeline: deterministic events without spaCy.

"Alpha rejected Beta." gives one event ALP → BET, CAMEO 111, so tests of ingest, the
store and the CLI can count events exactly and run where the model is absent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from tacitus.models import Actor, Article, Event, Evidence, make_event_id

_SENTENCE = re.compile(r"[^.!?]+[.!?]?")
_CLAIM = re.compile(r"\b([A-Z][a-z]+) rejected ([A-Z][a-z]+)\b")


@dataclass
class FakeResult:
    article: Article
    events: list[Event] = field(default_factory=list)
    sentences: int = 0
    candidates: int = 0
    mentions: list = field(default_factory=list)


class FakePipeline:
    lexicon_version = "fake+0"

    def __init__(self) -> None:
        self.coded: list[str] = []  # ids of every article coded, in order

    def process(self, articles: Iterable[Article]) -> Iterator[FakeResult]:
        for article in articles:
            self.coded.append(article.id)
            result = FakeResult(article)
            for index, match in enumerate(m for m in _SENTENCE.finditer(article.text) if m.group().strip()):
                result.sentences += 1
                for claim in _CLAIM.finditer(match.group()):
                    start = match.start() + claim.start()
                    src, tgt = claim.group(1)[:3].upper(), claim.group(2)[:3].upper()
                    trigger_start = start + len(claim.group(1)) + 1
                    result.events.append(
                        Event(
                            event_id=make_event_id(
                                article.id, index, trigger_start, src, tgt, "111", self.lexicon_version
                            ),
                            doc_id=article.id,
                            date=article.date.isoformat() if article.date else None,
                            source=Actor(
                                claim.group(1), src, src, "GOV", claim.group(1), start, start + len(claim.group(1))
                            ),
                            target=Actor(
                                claim.group(2),
                                tgt,
                                tgt,
                                None,
                                claim.group(2),
                                match.start() + claim.start(2),
                                match.start() + claim.end(2),
                            ),
                            cameo="111",
                            cameo_root="11",
                            quad_class=3,
                            goldstein=-2.0,
                            plover_type="DISAPPROVE",
                            plover_mode=None,
                            evidence=Evidence(
                                index, match.group().strip(), "rejected", trigger_start, trigger_start + 8, "fake"
                            ),
                            confidence=0.9,
                            modality="asserted",
                            lexicon_version=self.lexicon_version,
                        )
                    )
            yield result
