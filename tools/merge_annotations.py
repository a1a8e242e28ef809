"""Turn the annotators' batch files into the real-news gold files under gold/realnews/.

Inputs (never committed; they hold article text): the annotation batches
``out/annotation/batch_*.jsonl`` (sentence, context, offsets), the first-pass
annotations ``out/annotation/done/batch_{A,B,C,D}.jsonl``, the adjudicated ones
``out/annotation/adjudicated/batch_{A,B,C,D}.jsonl`` and the second annotator's
``out/annotation/done/batch_E.jsonl``.

Outputs (committed): ``gold/realnews/dev.jsonl`` and ``test.jsonl`` (adjudicated gold, the
by-reference format of docs/eval.md), ``gold/realnews/agreement/first_pass.jsonl`` and
``second_pass.jsonl`` (the raw annotations of the sentences both annotators coded, for
tools/agreement.py). The text of the shipped demo corpus is kept; for the other corpora only
ids, offsets and a hash of the sentence are: their text stays in ../shared.

Later rounds (``--round 2`` to ``--round 5``) read ``out/annotation/rN/``: their batches (F-I,
J-M, N-Q, R-U), the annotations in ``done/`` and the adjudicated ones in ``adjudicated/``; their records
(marked ``"round": N``) are added to the same dev and test files, replacing any records of that
round already there, so the earlier rounds and the agreement files stay as they are.

Usage:
    python tools/merge_annotations.py [--annotation out/annotation] [--out gold/realnews] [--round N]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHIPPABLE = {"demo"}  # corpora whose text may be in the repository
FIRST = ("A", "B", "C", "D")
LATER_ROUNDS = {2: ("F", "G", "H", "I"), 3: ("J", "K", "L", "M"), 4: ("N", "O", "P", "Q"), 5: ("R", "S", "T", "U")}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_record(sentence: dict[str, Any], annotation: dict[str, Any]) -> dict[str, Any]:
    """The committed form of one annotated sentence."""
    if annotation["id"] != sentence["id"]:
        raise SystemExit(f"annotation {annotation['id']} is not for sentence {sentence['id']}")
    shippable = sentence["corpus"] in SHIPPABLE
    record: dict[str, Any] = {
        key: sentence[key] for key in ("id", "corpus", "doc_id", "start", "end", "date", "split", "sha1")
    }
    if shippable:
        record["text"] = sentence["_text"]
    record["events"] = [_event(event, shippable) for event in annotation.get("events", [])]
    # Notes may quote the sentence, so they travel only with text that may be shipped.
    if sentence.get("round"):
        record["round"] = sentence["round"]
    for key in ("annotator", "adjudicator", *(("note", "adjudication") if shippable else ())):
        if annotation.get(key):
            record[key] = annotation[key]
    return record


def _event(event: dict[str, Any], shippable: bool) -> dict[str, Any]:
    kept = dict(event)
    for role in ("source", "target", "trigger"):
        span = kept.get(role)
        if isinstance(span, dict) and not shippable:
            kept[role] = {key: value for key, value in span.items() if key != "text"}
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--annotation", type=Path, default=REPO / "out" / "annotation")
    parser.add_argument("--out", type=Path, default=REPO / "gold" / "realnews")
    parser.add_argument("--round", type=int, default=1, choices=(1, *LATER_ROUNDS))
    args = parser.parse_args()
    source = args.annotation
    if args.round > 1:
        merge_later_round(args.round, source / f"r{args.round}", args.out)
        return

    sentences = {}
    for batch in (*FIRST, "E"):
        for sentence in read_jsonl(source / f"batch_{batch}.jsonl"):
            sentences[sentence["id"]] = sentence

    gold: list[dict[str, Any]] = []
    first_pass: dict[str, dict[str, Any]] = {}
    for batch in FIRST:
        adjudicated = read_jsonl(source / "adjudicated" / f"batch_{batch}.jsonl")
        raw = read_jsonl(source / "done" / f"batch_{batch}.jsonl")
        batch_sentences = read_jsonl(source / f"batch_{batch}.jsonl")
        if not len(adjudicated) == len(raw) == len(batch_sentences):
            raise SystemExit(f"batch {batch}: sentence and annotation counts differ")
        gold.extend(gold_record(s, a) for s, a in zip(batch_sentences, adjudicated, strict=True))
        first_pass.update({a["id"]: gold_record(sentences[a["id"]], a) for a in raw})

    args.out.mkdir(parents=True, exist_ok=True)
    for split in ("dev", "test"):
        rows = [record for record in gold if record["split"] == split]
        _write(args.out / f"{split}.jsonl", rows)
        print(f"{split}: {len(rows)} sentences, {sum(len(r['events']) for r in rows)} events")

    second = [gold_record(sentences[a["id"]], a) for a in read_jsonl(source / "done" / "batch_E.jsonl")]
    agreement = args.out / "agreement"
    agreement.mkdir(exist_ok=True)
    _write(agreement / "second_pass.jsonl", second)
    _write(agreement / "first_pass.jsonl", [first_pass[record["id"]] for record in second])
    print(f"agreement: {len(second)} sentences coded by two annotators")


def merge_later_round(number: int, source: Path, out: Path) -> None:
    """Add a later round's adjudicated records to the dev and test files, keeping the other rounds as they are."""
    gold: list[dict[str, Any]] = []
    for batch in LATER_ROUNDS[number]:
        batch_sentences = read_jsonl(source / f"batch_{batch}.jsonl")
        adjudicated = read_jsonl(source / "adjudicated" / f"batch_{batch}.jsonl")
        if len(adjudicated) != len(batch_sentences):
            raise SystemExit(f"batch {batch}: sentence and annotation counts differ")
        gold.extend(gold_record(s, a) for s, a in zip(batch_sentences, adjudicated, strict=True))
    for split in ("dev", "test"):
        path = out / f"{split}.jsonl"
        kept = [record for record in read_jsonl(path) if record.get("round", 1) != number]
        added = [record for record in gold if record["split"] == split]
        _write(path, kept + added)
        print(f"{split}: {len(kept)} + {len(added)} sentences, {sum(len(r['events']) for r in added)} events added")


def _write(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
