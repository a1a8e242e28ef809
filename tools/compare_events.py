"""Code a fixed sample and write or compare its events: a speed change must not change them.

    python tools/compare_events.py dump out/events_ref.jsonl [--articles 400]
    python tools/compare_events.py dump out/events_new.jsonl && \
        python tools/compare_events.py compare out/events_ref.jsonl out/events_new.jsonl

The sample is the demo corpus and the first N articles of ../shared/corpora/allsides_political_news
(the articles `make bench` times). Each line is one event's full JSON shape (`Event.to_dict()`:
id, codes, actors, spans, confidence, modality, location), in the pipeline's output order, after
one line per article with its sentence count; `compare` exits 1 at the first difference.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared/corpora/allsides_political_news/allsides_political_news.jsonl.gz"
DEMO = ROOT / "demo/demo_corpus.jsonl"


def sample(limit: int) -> Iterator[object]:
    """The demo corpus, then the first `limit` allsides articles with text."""
    from tacitus.models import Article
    from tacitus.sources import read_articles

    for article in read_articles([DEMO]):
        if isinstance(article, Article):
            yield article
    if CORPUS.is_file():
        with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
            for line in islice(handle, limit):
                record = json.loads(line)
                if (record.get("text") or "").strip():
                    date = dt.date.fromisoformat(record["date"]) if record.get("date") else None
                    yield Article(id=str(record["id"]), text=record["text"], date=date)


def dump(out: Path, limit: int, workers: int) -> int:
    from tacitus.config import Settings
    from tacitus.jobs.parallel import open_pipeline

    settings = Settings.load(workers=workers)
    events = 0
    with out.open("w", encoding="utf-8") as handle, open_pipeline(settings, workers=workers) as pipeline:
        for result in pipeline.process(sample(limit)):  # type: ignore[arg-type]
            handle.write(json.dumps({"article": result.article.id, "sentences": result.sentences}) + "\n")
            for event in result.events:
                handle.write(json.dumps(event.to_dict(), sort_keys=True, default=str) + "\n")
                events += 1
    print(f"{out}: {events} events")
    return 0


def compare(reference: Path, candidate: Path) -> int:
    ours = reference.read_text(encoding="utf-8").splitlines()
    theirs = candidate.read_text(encoding="utf-8").splitlines()
    for number, (a, b) in enumerate(zip(ours, theirs, strict=False), start=1):
        if a != b:
            print(f"line {number} differs:\n- {a}\n+ {b}")
            return 1
    if len(ours) != len(theirs):
        print(f"lengths differ: {len(ours)} vs {len(theirs)} lines")
        return 1
    print(f"identical: {len(ours)} lines")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    dumping = sub.add_parser("dump")
    dumping.add_argument("out", type=Path)
    dumping.add_argument("--articles", type=int, default=400)
    dumping.add_argument("--workers", type=int, default=1)
    comparing = sub.add_parser("compare")
    comparing.add_argument("reference", type=Path)
    comparing.add_argument("candidate", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        return dump(args.out, args.articles, args.workers)
    return compare(args.reference, args.candidate)


if __name__ == "__main__":
    sys.exit(main())
