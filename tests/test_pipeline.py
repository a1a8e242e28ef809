"""The pipeline as a whole: order, streaming in chunks, the sentence filter, provenance and determinism."""

from __future__ import annotations

import datetime as dt

import pytest

from tacitus.config import Settings
from tacitus.dates import year_written
from tacitus.models import Article
from tacitus.pipeline import CHUNK_SIZE, Pipeline, code

pytestmark = pytest.mark.model

QUIET = "The weather in the capital was mild for the season, and markets were closed for the holiday."
EVENTFUL = "Iraqi troops attacked Islamic State fighters near Mosul on Tuesday, the army said."


def test_results_come_back_in_input_order_across_chunks(pipeline) -> None:  # type: ignore[no-untyped-def]
    articles = [Article(id=f"a{i:03d}", text=EVENTFUL if i % 3 == 0 else QUIET) for i in range(CHUNK_SIZE + 7)]
    results = list(pipeline.process(iter(articles)))
    assert [r.article.id for r in results] == [a.id for a in articles]
    assert all(r.events for r in results[::3])


def test_sentences_without_actor_or_trigger_are_not_parsed(pipeline) -> None:  # type: ignore[no-untyped-def]
    result = pipeline.code_article(Article(id="q", text=f"{QUIET}\n\n{QUIET} {EVENTFUL}"))
    assert result.sentences == 3
    assert result.candidates == 1
    assert {e.evidence.sentence_index for e in result.events} == {2}


def test_offsets_trace_back_to_the_article_text(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = f"Headline here\n\n{QUIET} {EVENTFUL}"
    result = pipeline.code_article(Article(id="o", text=text))
    assert result.events
    for event in result.events:
        ev = event.evidence
        assert text[ev.char_start : ev.char_end] == ev.trigger
        assert ev.trigger in ev.sentence
        for actor in (event.source, event.target):
            if actor is not None and actor.char_start is not None:
                assert text[actor.char_start : actor.char_end] == actor.text


def test_same_input_same_ids(pipeline) -> None:  # type: ignore[no-untyped-def]
    first = code(EVENTFUL, date="2017-07-04", doc_id="d")
    second = code(EVENTFUL, date="2017-07-04", doc_id="d")
    assert first and [e.event_id for e in first] == [e.event_id for e in second]
    assert all(e.lexicon_version == pipeline.lexicon_version for e in first)
    assert code(EVENTFUL, date="2017-07-04", doc_id="other")[0].event_id != first[0].event_id


def test_require_dyad_and_min_confidence_filter_events(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "A car bomb killed twelve people at a market in Kabul on Sunday."
    loose = Pipeline(Settings()).code_article(Article(id="x", text=text)).events
    assert any(e.source.code is None or e.target is None or e.target.code is None for e in loose)
    strict = Pipeline(Settings(require_dyad=True)).code_article(Article(id="x", text=text)).events
    assert all(e.source.code and e.target is not None and e.target.code for e in strict)
    assert len(strict) < len(loose)
    confident = Pipeline(Settings(min_confidence=0.99)).code_article(Article(id="x", text=EVENTFUL)).events
    assert all(e.confidence >= 0.99 for e in confident)


def test_a_bad_date_is_an_input_error_not_a_value_error(pipeline) -> None:  # type: ignore[no-untyped-def]
    from tacitus.errors import InputError

    with pytest.raises(InputError, match="not an ISO date"):
        code(EVENTFUL, date="04/03/2019")


def test_a_sentence_parsed_from_the_articles_tokens_parses_as_its_text(pipeline) -> None:  # type: ignore[no-untyped-def]
    from spacy.attrs import DEP, HEAD, LEMMA, NORM, ORTH, POS, SPACY, TAG
    from spacy.tokens import Doc

    from tacitus.nlp import split_sentences
    from tacitus.pipeline import _parse_input, _sentences

    text = (
        "Turkey didn't sign the deal on Feb. 6, officials said.  Iran's envoy  met   them in\nGeneva.\n\n"
        'Russia\'s army shelled Kharkiv, the mayor said."The UN condemned it." Who knows?'
    )
    doc = split_sentences(pipeline.nlp, text)
    inputs = [(sentence, _parse_input(span, sentence, [], text)) for sentence, span in _sentences(doc)]
    reused = [(sentence, given) for sentence, given in inputs if isinstance(given, Doc)]
    assert len(reused) == 3
    as_text = [(sentence.text, given) for sentence, given in inputs if not isinstance(given, Doc)]
    assert [sentence for sentence, _ in as_text] == [
        "Russia's army shelled Kharkiv, the mayor said.",
        '"The UN condemned it."',
    ]  # glued by '."' with no space between them: handed over as their text
    assert [given for _, given in as_text] == [sentence for sentence, _ in as_text]
    columns = [ORTH, NORM, SPACY, TAG, POS, HEAD, DEP, LEMMA]
    for (sentence, _), parsed in zip(reused, pipeline.nlp.pipe(given for _, given in reused), strict=True):
        expected = pipeline.nlp(sentence.text)
        assert parsed.text == sentence.text
        assert (parsed.to_array(columns) == expected.to_array(columns)).all(), sentence.text  # "n't" keeps NORM "not"


def test_an_undated_article_tells_its_background_by_the_year_it_names_most(pipeline) -> None:  # type: ignore[no-untyped-def]
    """An undated report names its own year most often: a year two before it is history, its own is news."""
    text = (
        "Police in Colombia arrested the gang leader in March 2019. "
        "The army killed five rebels in 2019, officials said. "
        "In 2016 the army killed six rebels in Cauca."
    )
    events = pipeline.code_article(Article(id="undated", text=text, date=None)).events
    by_sentence = {e.evidence.sentence_index: e for e in events}
    assert not by_sentence[0].historical and by_sentence[0].date is None  # the events keep no date of their own
    assert by_sentence[2].historical
    assert year_written(text) == dt.date(2019, 12, 31)
    assert year_written("No year here.") is None
    assert year_written("In 2018 and 2019 it cost $2021, or 20210 a head, for 2,021 people.") == dt.date(2019, 12, 31)
