"""Distil the shipped parser (tacitus/data/parser/) from en_core_web_sm on the sentences Tacitus parses.

Parsing is most of what a Tacitus process spends its time on, and the stock model's CNN
(width 96, depth 4, three maxout pieces) is more than the coder needs. This tool trains a
smaller tagger and parser (width 64, depth 2, two pieces; parser hidden width 32) to copy what
en_core_web_sm 3.8.0, the teacher, makes of real news:

1. **silver**: articles of ../shared/corpora (a fixed shuffle; never an article of the
   real-news gold, never the first 2,000 allsides articles that `make bench` times) go through
   the Tacitus pipeline with the teacher, and every sentence the filter sends to the parser is
   kept with the teacher's tags, heads and labels (a DocBin under build/, not in the repo);
2. **train**: the student learns them on CPU (thinc, Adam, a fixed seed), scored on 2,000
   held-out silver sentences after each epoch (agreement with the teacher: tag accuracy, UAS, LAS);
3. **assemble**: the student's tok2vec, tagger and parser with the teacher's tokenizer,
   attribute ruler, lemmatizer and vocabulary (so no word of the corpora enters the package),
   written to tacitus/data/parser/ with the agreement scores in its meta.json.

Same corpora, same code, same weights (`make train-parser`, about 30 minutes on two cores).
Maxout with one piece in the parser's hidden layer does not learn in spaCy 3.8 (UAS falls
while the loss falls), so the student keeps two.

    python tools/train_parser.py [--articles 16000] [--epochs 3] [--silver build/parser-silver.spacy]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from tacitus.config import DEFAULT_SPACY_MODEL, FAST_SPACY_MODEL, Settings
from tacitus.dates import as_date
from tacitus.models import Article
from tacitus.nlp.blas import use_numpy_gemm
from tacitus.pipeline import Pipeline

REPO = Path(__file__).resolve().parent.parent
CORPORA = REPO.parent / "shared" / "corpora"
SOURCES = (
    (CORPORA / "allsides_political_news" / "allsides_political_news.jsonl.gz", 2000),  # (file, leading rows skipped)
    (CORPORA / "insightcrime_news" / "insightcrime_news.jsonl.gz", 0),
)
GOLD = REPO / "gold" / "realnews"
OUT = REPO / "tacitus" / "data" / "parser"
SILVER = REPO / "build" / "parser-silver.spacy"

#: The student's size: `make bench` and docs/scale.md give its speed, meta.json its agreement.
ARCHITECTURE = {"width": 64, "depth": 2, "pieces": 2, "hidden": 32, "hidden_pieces": 2}
HELD_OUT = 2000
SEED = 0
BATCH = 64
DROPOUT = 0.1


def gold_doc_ids() -> set[str]:
    ids: set[str] = set()
    for path in sorted(GOLD.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            ids.update(json.loads(line)["doc_id"] for line in handle if line.strip())
    return ids


def select_articles(limit: int) -> list[Article]:
    """A fixed shuffle of the corpora's articles, without gold articles or the benchmark's."""
    excluded = gold_doc_ids()
    rows: list[dict[str, Any]] = []
    for path, skip in SOURCES:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle):
                record = json.loads(line)
                if number >= skip and str(record["id"]) not in excluded and (record.get("text") or "").strip():
                    rows.append(record)
    random.Random(7).shuffle(rows)
    return [
        Article(id=str(r["id"]), text=r["text"][:100_000], date=as_date(r["date"]) if r.get("date") else None)
        for r in rows[:limit]
    ]


class _RecordingPipeline(Pipeline):
    """The Tacitus pipeline with the teacher, keeping every sentence the teacher parsed."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.parsed = DocBin(attrs=["ORTH", "SPACY", "TAG", "HEAD", "DEP", "SENT_START"])

    def parse(self, sentences: Iterable[str | Doc]) -> Iterator[Doc]:
        for doc in super().parse(sentences):
            self.parsed.add(doc)
            yield doc


def collect_silver(limit: int, path: Path) -> None:
    settings = replace(Settings.load(), spacy_model=DEFAULT_SPACY_MODEL, geolocate=False)
    pipeline = _RecordingPipeline(settings)
    started = time.time()
    for _ in pipeline.process(select_articles(limit)):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    pipeline.parsed.to_disk(path)
    print(f"silver: {len(pipeline.parsed)} sentences in {time.time() - started:.0f}s -> {path}", flush=True)


def build_student(teacher: Language) -> Language:
    """A blank tok2vec, tagger and parser sharing the teacher's vocabulary and tokenizer."""
    width = ARCHITECTURE["width"]
    student = spacy.blank("en", vocab=teacher.vocab)
    student.tokenizer = teacher.tokenizer
    listener = {"@architectures": "spacy.Tok2VecListener.v1", "width": width, "upstream": "tok2vec"}
    embed = {
        "@architectures": "spacy.MultiHashEmbed.v2",
        "width": width,
        "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
        "rows": [5000, 1000, 2500, 2500],
        "include_static_vectors": False,
    }
    encode = {
        "@architectures": "spacy.MaxoutWindowEncoder.v2",
        "width": width,
        "depth": ARCHITECTURE["depth"],
        "window_size": 1,
        "maxout_pieces": ARCHITECTURE["pieces"],
    }
    student.add_pipe(
        "tok2vec", config={"model": {"@architectures": "spacy.Tok2Vec.v2", "embed": embed, "encode": encode}}
    )
    student.add_pipe("tagger", config={"model": {"@architectures": "spacy.Tagger.v2", "tok2vec": listener}})
    parser_model = {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "parser",
        "extra_state_tokens": False,
        "hidden_width": ARCHITECTURE["hidden"],
        "maxout_pieces": ARCHITECTURE["hidden_pieces"],
        "use_upper": True,
        "tok2vec": listener,
    }
    student.add_pipe("parser", config={"model": parser_model, "min_action_freq": 30})
    return student


def _blank(doc: Doc) -> Doc:
    return Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])


def agreement(student: Language, held_out: list[Example]) -> dict[str, float]:
    """How often the student tags and attaches as the teacher did, on sentences it never trained on."""
    predicted = student.pipe((_blank(e.reference) for e in held_out), batch_size=BATCH)
    scores = Scorer(student).score([Example(p, e.reference) for p, e in zip(predicted, held_out, strict=True)])
    return {key: round(float(scores[key]), 4) for key in ("tag_acc", "dep_uas", "dep_las")}


def train(silver: Path, epochs: int, out: Path) -> dict[str, float]:
    fix_random_seed(SEED)
    teacher = spacy.load(DEFAULT_SPACY_MODEL, exclude=["ner", "senter"])
    docs = list(DocBin().from_disk(silver).get_docs(teacher.vocab))
    random.Random(SEED).shuffle(docs)
    examples = [Example(_blank(doc), doc) for doc in docs]
    held_out, training = examples[:HELD_OUT], examples[HELD_OUT:]
    student = build_student(teacher)
    optimizer = student.initialize(lambda: training)
    use_numpy_gemm(student)
    started = time.time()
    scores: dict[str, float] = {}
    for epoch in range(epochs):
        random.Random(epoch).shuffle(training)
        losses: dict[str, float] = {}
        for batch in minibatch(training, size=BATCH):
            student.update(batch, sgd=optimizer, drop=DROPOUT, losses=losses)
        with student.use_params(optimizer.averages):
            scores = agreement(student, held_out)
        print(f"epoch {epoch + 1}: {time.time() - started:.0f}s, agreement with the teacher {scores}", flush=True)
    with student.use_params(optimizer.averages):  # the averaged weights, as spaCy's trainer saves
        write(assemble(student, teacher, scores, sentences=len(training)), out)
    return scores


def assemble(student: Language, teacher: Language, scores: dict[str, float], *, sentences: int) -> Language:
    student.add_pipe("attribute_ruler", source=teacher)
    student.add_pipe("lemmatizer", source=teacher)
    student.meta.update(
        {
            "name": FAST_SPACY_MODEL,
            "version": "1.0.0",
            "description": (
                f"Tagger and parser distilled from {DEFAULT_SPACY_MODEL} 3.8.0 by tools/train_parser.py on "
                f"{sentences} news sentences; tokenizer, attribute ruler, lemmatizer and vocabulary are the teacher's"
            ),
            "license": "MIT",
            "sources": [{"name": "en_core_web_sm 3.8.0 (MIT, Explosion)", "url": "https://spacy.io/models/en"}],
            "performance": {f"teacher_{key}": value for key, value in scores.items()},
            "architecture": ARCHITECTURE,
        }
    )
    return student


def write(student: Language, out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    student.to_disk(out)
    shutil.rmtree(out / "vocab")  # the teacher's vocabulary, not the strings of the corpora seen in training
    teacher_path = Path(spacy.util.get_package_path(DEFAULT_SPACY_MODEL))
    model_dir = next(p for p in teacher_path.iterdir() if (p / "vocab").is_dir())
    shutil.copytree(model_dir / "vocab", out / "vocab")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=16000)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--silver", type=Path, default=SILVER, help="reused when it exists")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not args.silver.exists():
        if not SOURCES[0][0].exists():
            print(f"needs ../shared/corpora ({SOURCES[0][0]} is missing)", file=sys.stderr)
            return 2
        collect_silver(args.articles, args.silver)
    train(args.silver, args.epochs, args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
