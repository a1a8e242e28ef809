"""The only module that knows the order of the stages.

    Article ─► split_sentences ─► recognize actors ─► keep candidate sentences (not boilerplate)
            ─► parse candidates (batched nlp.pipe) ─► code_sentence ─► Event

Articles stream through in chunks, so memory stays flat however long the corpus is;
only sentences that name an actor and a possible trigger are parsed, which is where
the speed comes from.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

import numpy
from spacy.tokens import Doc

from tacitus.actors import ActorRecognizer
from tacitus.coding import EventCoder
from tacitus.coding.verifier import verified_confidence
from tacitus.config import Settings
from tacitus.dates import as_date, year_written
from tacitus.enrich.geo import Geolocator
from tacitus.models import Actor, ActorMention, Article, Event
from tacitus.nlp import load_nlp, parse_sentences, split_sentences
from tacitus.nlp.boilerplate import is_boilerplate
from tacitus.nlp.headlines import fold_headline, is_headline, restore_words
from tacitus.resources import lexicon_version

if TYPE_CHECKING:
    from spacy.tokens import Span

#: Articles read ahead and parsed together; bounds memory while keeping nlp.pipe batches full.
CHUNK_SIZE = 64


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: its index among the article's sentences and its character range."""

    index: int
    start: int
    end: int
    text: str


@dataclass
class ArticleResult:
    """What the pipeline made of one article."""

    article: Article
    events: list[Event] = field(default_factory=list)
    sentences: int = 0
    candidates: int = 0  # sentences that were parsed
    mentions: list[ActorMention] = field(default_factory=list)


class Pipeline:
    """Articles in, events out. Build it once; it holds the spaCy model and the lexicons.

    Example:
        >>> pipeline = load_pipeline()
        >>> for result in pipeline.process(articles):
        ...     print(result.article.id, len(result.events))
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.load()
        self.nlp = load_nlp(self.settings.spacy_model)
        self.recognizer = ActorRecognizer(self.nlp, dictionaries=self.settings.dictionaries)
        self.coder = EventCoder(
            lexicons=self.settings.lexicons,
            bare_statements=self.settings.bare_statements,
            targetless_events=self.settings.targetless_events,
        )
        self.lexicon_version = (
            lexicon_version() + self.recognizer.user_dictionary_suffix + self.coder.user_lexicon_suffix
        )
        self.geolocator = Geolocator() if self.settings.geolocate else None  # gazetteer loads on first use

    def process(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Code each article, yielding results in input order, one chunk in memory at a time."""
        iterator = iter(articles)
        while chunk := list(islice(iterator, CHUNK_SIZE)):
            yield from self._process_chunk(chunk)

    def find_actors(self, text: str, *, date: dt.date | None = None) -> list[ActorMention]:
        """The actor mentions of `text`, as the pipeline sees them before coding."""
        return self.recognizer.recognize(split_sentences(self.nlp, text), date=date)

    def code_article(self, article: Article) -> ArticleResult:
        return next(iter(self._process_chunk([article])))

    def parse(self, sentences: Iterable[str | Doc]) -> Iterator[Doc]:
        """Parse the candidate sentences, in order, in this process.

        More cores are used by coding whole chunks on more workers (tacitus.jobs.parallel).
        The one place the model parses: tools/train_parser.py records what it makes of them.
        """
        return parse_sentences(self.nlp, sentences, batch_size=self.settings.batch_size)

    def _process_chunk(self, articles: list[Article]) -> list[ArticleResult]:
        results: list[ArticleResult] = []
        pending: list[tuple[ArticleResult, Sentence, list[ActorMention], str | Doc]] = []
        located: dict[int, dict[int, tuple[int, object]]] = {}  # id(result) → sentence → (offset, doc), for geo
        partners: dict[int, dict[str, Actor]] = {}  # id(result) → actor code → the actor it last talked with
        written: dict[int, dt.date | None] = {}  # id(result) → when an undated article was likely written
        for article in articles:
            result = ArticleResult(article)
            doc = split_sentences(self.nlp, article.text)
            mentions = sorted(
                self.recognizer.recognize(doc, date=article.date, article=article), key=lambda m: m.char_start
            )
            result.mentions = mentions
            written[id(result)] = article.date or year_written(article.text)
            starts = [m.char_start for m in mentions]
            for sentence, span in _sentences(doc, article.text):
                result.sentences += 1
                first, last = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
                inside = [m for m in mentions[first:last] if m.char_end <= sentence.end]
                if not self.coder.may_hold_event(span, inside) or is_boilerplate(sentence.text):
                    continue  # no trigger near an actor, or a byline, caption or link line
                # A lone "X said ..." can be coded from its tokens; everything else needs the parse.
                unparsed = self.coder.code_unparsed(
                    span,
                    inside,
                    sentence_index=sentence.index,
                    doc_id=article.id,
                    date=article.date,
                    lexicon_version=self.lexicon_version,
                )
                if unparsed is not None:
                    located.setdefault(id(result), {})[sentence.index] = (0, span)
                    result.events.extend(_keep(unparsed, self.settings))
                    continue
                result.candidates += 1
                pending.append((result, sentence, inside, _parse_input(span, sentence, inside, article.text)))
            results.append(result)

        parsed = self.parse(parse_input for *_, parse_input in pending)
        # A Doc of the sentence's own tokens, or its text, comes back with the sentence's text: only a
        # folded headline needs its words restored (comparing with `Doc.text` rebuilt it token by token).
        for (result, sentence, inside, parse_input), sentence_doc in zip(pending, parsed, strict=True):
            if isinstance(parse_input, str) and parse_input != sentence.text:  # a folded headline: its words back
                sentence_doc = restore_words(sentence_doc, sentence.text)
            events = self.coder.code_sentence(
                sentence_doc,
                inside,
                sentence_index=sentence.index,
                sentence_start=sentence.start,
                doc_id=result.article.id,
                date=result.article.date,
                lexicon_version=self.lexicon_version,
                partners=partners.setdefault(id(result), {}),  # whom each actor last talked with, per article
                written=written.get(id(result)),
            )
            result.events.extend(_keep(events, self.settings))
            located.setdefault(id(result), {})[sentence.index] = (sentence.start, sentence_doc)
        for result in results:
            result.events.sort(key=lambda event: event.evidence.sentence_index)  # stable: keeps the coder's order
            if self.geolocator is not None:  # where each event happened (tacitus.enrich.geo)
                result.events = self.geolocator.locate_article(
                    result.article, result.events, located.get(id(result), {}), result.mentions
                )
        return results


def _parse_input(span: Span, sentence: Sentence, mentions: list[ActorMention], text: str) -> str | Doc:
    """What the parser reads for a sentence: its tokens as the article's doc has them, when that is safe.

    The tokenizer cuts text at whitespace first and tokenises each piece on its own, so a
    sentence with whitespace (or the text's edge) on both sides gets the very tokens it has in
    the article: they are copied into a Doc of their own instead of tokenising the sentence
    again (same tokens, same parse, less work). Anything else (a folded headline, a sentence
    glued to its neighbour as in 'said."The') is handed over as text, as before.
    """
    if is_headline(sentence.text):  # a title-case headline, folded (tacitus.nlp.headlines)
        keep = [(m.char_start - sentence.start, m.char_end - sentence.start) for m in mentions]
        return fold_headline(sentence.text, keep)
    if (sentence.start > 0 and not text[sentence.start - 1].isspace()) or (
        sentence.end < len(text) and not text[sentence.end].isspace()
    ):
        return sentence.text
    # the tokens as arrays, their words sliced from the text: no Token object per token
    values = span.doc.to_array(_COPIED)[span.start : span.end]
    words = [text[start : start + length] for start, length in values[:, :2].tolist()]
    spaces = values[:, 2].astype(bool).tolist()
    spaces[-1] = False  # the sentence ends here, as its text does
    doc = Doc(span.doc.vocab, words=words, spaces=spaces)
    doc.from_array(["NORM"], numpy.ascontiguousarray(values[:, 3:]))  # type: ignore[arg-type]  # "n't" → "not"
    return doc


#: What `_parse_input` copies of each token: where its word is in the text, its space, its NORM.
_COPIED: list[int | str] = ["IDX", "LENGTH", "SPACY", "NORM"]


def _sentences(doc: Doc, text: str | None = None) -> Iterator[tuple[Sentence, Span]]:
    """Non-blank sentences with surrounding whitespace trimmed, numbered from 0.

    `text` is the text `doc` was made from (the tokenizer keeps it verbatim): each sentence's
    text is a slice of it, not rebuilt token by token.
    """
    if text is None:
        text = doc.text
    index = 0
    for span in doc.sents:
        start, end = span.start, span.end
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if start == end:
            continue
        last = doc[end - 1]
        start_char, end_char = doc[start].idx, last.idx + len(last.text)
        yield Sentence(index, start_char, end_char, text[start_char:end_char]), doc[start:end]
        index += 1


def _keep(events: list[Event], settings: Settings) -> list[Event]:
    """The events the settings keep, their confidence the verifier's (`tacitus.coding.verifier`)."""
    if settings.calibrate:
        events = [replace(event, confidence=verified_confidence(event)) for event in events]
    return [
        event
        for event in events
        if event.confidence >= settings.min_confidence
        and not (
            settings.require_dyad
            and (event.source is None or event.source.code is None or event.target is None or event.target.code is None)
        )
    ]


_default: dict[Settings, Pipeline] = {}


def load_pipeline(settings: Settings | None = None, **overrides: object) -> Pipeline:
    """A ready pipeline for `settings` (cached: building one loads the model and lexicons)."""
    resolved = settings or Settings.load(**overrides)  # type: ignore[arg-type]
    if resolved not in _default:
        _default[resolved] = Pipeline(resolved)
    return _default[resolved]


def code(
    text: str,
    date: dt.date | str | None = None,
    *,
    doc_id: str = "doc",
    settings: Settings | None = None,
) -> list[Event]:
    """Code one text (a sentence or a whole article) and return its events, without storing.

    Example:
        >>> events = tacitus.code("Turkey rejected U.S. pressure on Wednesday.", date="2019-04-03")
        >>> events[0].cameo_root
        '12'
    """
    article = Article(id=doc_id, text=text, date=as_date(date))
    return load_pipeline(settings).code_article(article).events


def find_actors(
    text: str,
    *,
    date: dt.date | str | None = None,
    dictionaries: Sequence[Path | str] = (),
    settings: Settings | None = None,
) -> list[ActorMention]:
    """The actors in `text` (a sentence or a whole article), resolved as of `date`.

    Example:
        >>> [m.code for m in find_actors("Turkish pilots met U.S. officials.", date="2019-04-03")]
        ['TURMIL', 'USAGOV']
    """
    resolved = settings or Settings.load()
    if dictionaries:
        resolved = replace(resolved, dictionaries=(*resolved.dictionaries, *(Path(p) for p in dictionaries)))
    return load_pipeline(resolved).find_actors(text, date=as_date(date))
