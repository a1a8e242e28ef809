"""Draw the real-news annotation sample: sentences of real articles, chosen before anyone codes them.

The sample is drawn once, with a fixed seed, from the shipped demo corpus and from
../shared/corpora. Articles are read through the same reader as `tacitus ingest`, so the
character offsets written here are offsets into `Article.text`, the text every event's
offsets refer to; sentences are the pipeline's own sentence split. Articles, not
sentences, are split into dev and test, so no article has sentences on both sides.

Two files come out:

* ``--out`` (committed): one record per sentence with corpus, doc_id, start, end, split,
  the sha1 of the sentence text and, for the shipped demo corpus only, the text itself;
* ``--batches`` (never committed): the same records with the sentence text and the
  article's title and preceding context, for annotators to work from.

Later rounds (``--round 2``) draw fresh articles with their own seed, leaving out every
article an earlier round drew, so a round can first be scored untouched and then joins the gold.

Usage:
    python tools/sample_realnews.py --out gold/realnews/sample.jsonl --batches out/annotation
    python tools/sample_realnews.py --round 2 --exclude gold/realnews/sample.jsonl \
        --out gold/realnews/sample-r2.jsonl --batches out/annotation/r2
    python tools/sample_realnews.py --round 3 --exclude gold/realnews/sample.jsonl gold/realnews/sample-r2.jsonl \
        --out gold/realnews/sample-r3.jsonl --batches out/annotation/r3
    python tools/sample_realnews.py --round 4 --exclude gold/realnews/sample.jsonl gold/realnews/sample-r2.jsonl \
        gold/realnews/sample-r3.jsonl --out gold/realnews/sample-r4.jsonl --batches out/annotation/r4
    python tools/sample_realnews.py --round 5 --exclude gold/realnews/sample.jsonl gold/realnews/sample-r2.jsonl \
        gold/realnews/sample-r3.jsonl gold/realnews/sample-r4.jsonl --out gold/realnews/sample-r5.jsonl \
        --batches out/annotation/r5
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from pathlib import Path
from typing import Any

from tacitus.config import DEFAULT_SPACY_MODEL
from tacitus.errors import RecordError
from tacitus.models import Article
from tacitus.nlp import load_nlp, split_sentences
from tacitus.sources import read_articles

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

#: (corpus name, path, articles drawn, sentences drawn per article)
SOURCES = (
    ("demo", REPO / "demo" / "demo_corpus.jsonl", 110, 3),
    ("allsides_political_news", SHARED / "corpora/allsides_political_news/allsides_political_news.jsonl.gz", 80, 3),
    ("insightcrime_news", SHARED / "corpora/insightcrime_news/insightcrime_news.jsonl.gz", 30, 3),
)
SEED = 20261201
#: Round 2 (2026-12-02): fresh articles, smaller draw, sentences split by article as in round 1.
ROUNDS: dict[int, tuple[int, tuple[tuple[str, Path, int, int], ...]]] = {
    1: (SEED, SOURCES),
    2: (
        20261202,
        (
            ("demo", REPO / "demo" / "demo_corpus.jsonl", 40, 3),
            ("allsides_political_news", SOURCES[1][1], 50, 3),
            ("insightcrime_news", SOURCES[2][1], 30, 3),
        ),
    ),
    # Round 3 (2026-12-02): dev only, to train the verifier on news the coder was not tuned to.
    3: (
        20261203,
        (
            ("demo", REPO / "demo" / "demo_corpus.jsonl", 40, 3),
            ("allsides_political_news", SOURCES[1][1], 50, 3),
            ("insightcrime_news", SOURCES[2][1], 30, 3),
        ),
    ),
    # Round 4 (2026-12-02): dev only; scored untouched first, to see whether a session's changes generalise.
    4: (
        20261204,
        (
            ("demo", REPO / "demo" / "demo_corpus.jsonl", 40, 3),
            ("allsides_political_news", SOURCES[1][1], 50, 3),
            ("insightcrime_news", SOURCES[2][1], 30, 3),
        ),
    ),
    # Round 5 (2026-12-02, fifth pass): dev only; scored untouched by the coders of the pass's start and end.
    5: (
        20261205,
        (
            ("demo", REPO / "demo" / "demo_corpus.jsonl", 40, 3),
            ("allsides_political_news", SOURCES[1][1], 50, 3),
            ("insightcrime_news", SOURCES[2][1], 30, 3),
        ),
    ),
}
#: Rounds whose articles all go to the dev split (the others alternate dev and test by article).
DEV_ONLY_ROUNDS = frozenset({3, 4, 5})
#: Characters of the article before the sentence that annotators see as context.
CONTEXT_CHARS = 1500
MIN_WORDS, MAX_WORDS = 4, 90


def sentence_spans(nlp: Any, article: Article) -> list[tuple[int, int]]:
    """The pipeline's sentence spans of an article, whitespace trimmed, fragments and monsters left out."""
    spans = []
    for sent in split_sentences(nlp, article.text).sents:
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.start_char + len(text.rstrip())
        if MIN_WORDS <= len(article.text[start:end].split()) <= MAX_WORDS:
            spans.append((start, end))
    return spans


def draw(
    corpus: str,
    path: Path,
    n_articles: int,
    per_article: int,
    nlp: Any,
    rng: random.Random,
    excluded: frozenset[str] = frozenset(),
    dev_only: bool = False,
) -> list[dict]:
    articles = [
        item for item in read_articles([path]) if isinstance(item, Article) and not isinstance(item, RecordError)
    ]
    articles = [a for a in articles if len(a.text.split()) >= 80 and a.id not in excluded]
    chosen = rng.sample(articles, n_articles)
    records = []
    for number, article in enumerate(chosen):
        spans = sentence_spans(nlp, article)
        picked = sorted(rng.sample(spans, min(per_article, len(spans))))
        split = "dev" if dev_only or number % 2 == 0 else "test"
        for start, end in picked:
            text = article.text[start:end]
            records.append(
                {
                    "id": f"rn-{corpus[:5]}-{article.id}-{start}",
                    "corpus": corpus,
                    "doc_id": article.id,
                    "start": start,
                    "end": end,
                    "date": article.date.isoformat() if article.date else None,
                    "split": split,
                    "sha1": hashlib.sha1(text.encode("utf-8")).hexdigest()[:12],
                    "_text": text,
                    "_title": article.title,
                    "_source": article.source,
                    "_context": article.text[max(0, start - CONTEXT_CHARS) : start],
                }
            )
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--batches", type=Path, required=True)
    parser.add_argument("--round", type=int, default=1, choices=sorted(ROUNDS))
    parser.add_argument("--exclude", type=Path, nargs="*", default=[], help="samples of earlier rounds")
    args = parser.parse_args()
    excluded = frozenset(
        json.loads(line)["doc_id"]
        for path in args.exclude
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    )
    nlp = load_nlp(DEFAULT_SPACY_MODEL)
    seed, sources = ROUNDS[args.round]
    rng = random.Random(seed)
    records: list[dict] = []
    for corpus, path, n_articles, per_article in sources:
        records.extend(
            draw(corpus, path, n_articles, per_article, nlp, rng, excluded, dev_only=args.round in DEV_ONLY_ROUNDS)
        )
    if args.round > 1:
        records = [{**record, "round": args.round} for record in records]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as handle:
        for record in records:
            kept = {k: v for k, v in record.items() if not k.startswith("_")}
            if record["corpus"] == "demo":
                kept["text"] = record["_text"]
            handle.write(json.dumps(kept, ensure_ascii=False) + "\n")
    args.batches.mkdir(parents=True, exist_ok=True)
    for corpus in {r["corpus"] for r in records}:
        rows = [r for r in records if r["corpus"] == corpus]
        with (args.batches / f"{corpus}.jsonl").open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(records)} sentences from {len({r['doc_id'] for r in records})} articles -> {args.out}")


if __name__ == "__main__":
    main()
