import pytest

from tacitus.errors import ModelNotFoundError
from tacitus.nlp import load_nlp, split_sentences


def test_splits_on_punctuation_and_paragraphs(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Headline Without A Stop\n\nOfficials met in Oslo. They agreed on talks!\nWill they last? Nobody knows."
    sentences = [s.text.strip() for s in split_sentences(nlp, text).sents if s.text.strip()]
    assert sentences == [
        "Headline Without A Stop",
        "Officials met in Oslo.",
        "They agreed on talks!",
        "Will they last?",
        "Nobody knows.",
    ]


def test_abbreviations_do_not_end_sentences(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The U.S. envoy met Mr. Diallo on Jan. 5 in Dakar. Talks went on."
    sentences = [s.text for s in split_sentences(nlp, text).sents]
    assert len(sentences) == 2


def test_the_parser_is_not_loaded_for_ner(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "ner" not in nlp.pipe_names
    assert "parser" in nlp.pipe_names


def test_unknown_model_gives_an_actionable_error() -> None:
    with pytest.raises(ModelNotFoundError, match="TACITUS_SPACY_MODEL"):
        load_nlp("no_such_spacy_model_xyz")


def test_hard_wrapped_lines_stay_one_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The foreign minister said on Tuesday that the talks\nwould resume in Vienna next week.\n\nNew paragraph"
    sentences = [s.text.strip() for s in split_sentences(nlp, text).sents if s.text.strip()]
    assert sentences == [
        "The foreign minister said on Tuesday that the talks\nwould resume in Vienna next week.",
        "New paragraph",
    ]


EDGE_CASES = [
    "",
    "No final stop here",
    "...",
    "Wait... what?! Yes. Fine",
    "“It is done.” He left. (Really.) Then talks resumed",
    "Sanctions!? Maybe. The envoy said so… Later.",
    "The U.S. and the U.K. met. Officials in St. Louis agreed.",
    "One.\n\nTwo .  Three\n\n\n\nFour",
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_same_boundaries_as_spacys_sentencizer(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    """The array version must reproduce spaCy's rule-based Sentencizer (blank lines aside)."""
    from spacy.pipeline import Sentencizer

    from tacitus.nlp import _PUNCT_CHARS

    reference = Sentencizer(punct_chars=_PUNCT_CHARS)(nlp.make_doc(text))
    ours = split_sentences(nlp, text)
    blank_line_starts = {t.i for t in ours if t.i > 0 and "\n\n" in ours[t.i - 1].text_with_ws + ours[t.i - 1].text}
    assert [t.is_sent_start or False for t in ours if t.i not in blank_line_starts] == [
        t.is_sent_start or False for t in reference if t.i not in blank_line_starts
    ]


def test_an_abbreviation_hyphenated_to_a_name_is_two_words(nlp) -> None:  # type: ignore[no-untyped-def]
    words = [t.text for t in nlp.make_doc("the U.S.-Armenia partnership and a well-known E.U. office")]
    assert words == ["the", "U.S.", "-", "Armenia", "partnership", "and", "a", "well", "-", "known", "E.U.", "office"]
