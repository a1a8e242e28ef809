"""Throughput and memory of the Tacitus pipeline against spaCy's full pipeline, on the same number of processes.

For each process count P (1, and every available core):

* ``tacitus``  — the whole Tacitus pipeline (split, actors, filter, parse candidates, code), on P
  worker processes through `tacitus.jobs.parallel` (for P = 1, in one process, as `--workers 1`);
* ``baseline`` — spaCy's full ``en_core_web_sm`` pipeline (every component) over every article,
  on P worker processes fed the same way (the same pool, a spaCy pipeline in each worker).

Each side runs in its own driver process, started once per P and warmed up before timing. The
same N articles of ../shared/corpora/allsides_political_news are cut into blocks and each block
goes through both sides in turn (the order alternates), so noise from a shared machine hits
both alike: quote the median ratio. Printed: articles/s per block, medians, ratios, and each
side's peak RSS per process. A last short phase times the actors stage alone (mentions/s) and
the filter's keep share.

    python benchmarks/bench_pipeline.py --articles 400 [--blocks 4] [--processes 1 2] [--json out.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing as mp
import os
import resource
import statistics
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

CORPUS = (
    Path(__file__).resolve().parent.parent.parent
    / "shared/corpora/allsides_political_news/allsides_political_news.jsonl.gz"
)

#: Articles each side codes before timing starts (loads models, fills caches, starts workers).
WARMUP = 32


def read_texts(limit: int, skip: int = 0) -> list[tuple[str, str, str | None]]:
    rows = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        for line in islice(handle, skip, skip + limit):
            record = json.loads(line)
            if (record.get("text") or "").strip():
                rows.append((str(record["id"]), record["text"], record.get("date")))
    return rows


@dataclass
class SpacyResult:
    """The part of a result the benchmark counts."""

    article: Any
    sentences: int = 0
    events: list[Any] = field(default_factory=list)
    candidates: int = 0
    mentions: list[Any] = field(default_factory=list)


class SpacyEverything:
    """spaCy's full pipeline with the `process(articles)` shape, so the same worker pool can run it."""

    def __init__(self) -> None:
        import spacy

        from tacitus.config import DEFAULT_SPACY_MODEL

        self.nlp = spacy.load(DEFAULT_SPACY_MODEL)  # every component, as a user would by default

    def process(self, articles: Iterable[Any]) -> Iterator[SpacyResult]:
        batch = list(articles)
        for article, doc in zip(batch, self.nlp.pipe((a.text for a in batch), batch_size=64), strict=True):
            yield SpacyResult(article, sentences=sum(1 for _ in doc.sents))


def driver(kind: str, limit: int, processes: int, conn) -> None:  # type: ignore[no-untyped-def]
    """Hold one side (its pool of `processes` workers) and code the blocks the parent sends."""
    import datetime as dt

    from tacitus.config import Settings
    from tacitus.jobs.parallel import ParallelPipeline
    from tacitus.models import Article
    from tacitus.pipeline import load_pipeline

    rows = read_texts(limit)
    articles = [Article(id=i, text=t, date=dt.date.fromisoformat(d) if d else None) for i, t, d in rows]
    warmup = [Article(id=f"w{i}", text=t) for i, t, _ in read_texts(WARMUP, skip=limit + 1000)]
    settings = Settings.load(workers=processes)
    pipeline: Any
    if processes == 1:
        pipeline = load_pipeline(settings) if kind == "tacitus" else SpacyEverything()
    else:
        factory = None if kind == "tacitus" else SpacyEverything
        pipeline = ParallelPipeline(settings, workers=processes, factory=factory)
    list(pipeline.process(warmup))
    conn.send(len(articles))
    while True:
        message = conn.recv()
        if message is None:
            break
        start, end = message
        began, cpu = time.perf_counter(), time.process_time()
        counts = {"sentences": 0, "candidates": 0, "events": 0}
        for result in pipeline.process(articles[start:end]):
            counts["sentences"] += result.sentences
            counts["candidates"] += result.candidates
            counts["events"] += len(result.events)
        seconds, cpu = time.perf_counter() - began, time.process_time() - cpu  # CPU: this process only
        conn.send({"seconds": seconds, "cpu_seconds": cpu, "articles": end - start, **counts})
    if processes > 1:
        pipeline.close()  # waits for the workers, so that their peak RSS is counted below
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    conn.send({"peak_rss_mb": max(own, workers) / 1024})


def run_phase(processes: int, articles: int, blocks: int) -> dict[str, Any]:
    """Both sides on `processes` processes, interleaved block by block."""
    ctx = mp.get_context("spawn")
    sides = {}
    for kind in ("tacitus", "baseline"):
        ours, theirs = ctx.Pipe()
        process = ctx.Process(target=driver, args=(kind, articles, processes, theirs))  # not daemonic: it has workers
        process.start()
        sides[kind] = (process, ours)
    counts = {kind: conn.recv() for kind, (_, conn) in sides.items()}
    total = min(counts.values())
    size = -(-total // blocks)
    spans = [(i, min(i + size, total)) for i in range(0, total, size)]
    per_block: dict[str, list[dict[str, float]]] = {"tacitus": [], "baseline": []}
    for index, span in enumerate(spans):
        order = ("tacitus", "baseline") if index % 2 == 0 else ("baseline", "tacitus")
        for kind in order:
            sides[kind][1].send(span)
            per_block[kind].append(sides[kind][1].recv())
        t, b = per_block["tacitus"][-1], per_block["baseline"][-1]
        print(
            f"P={processes} block {index + 1}/{len(spans)}: tacitus {t['articles'] / t['seconds']:.2f} art/s, "
            f"spaCy-everything {b['articles'] / b['seconds']:.2f} art/s, ratio {b['seconds'] / t['seconds']:.2f}x",
            flush=True,
        )
    peaks = {}
    for kind, (process, conn) in sides.items():
        conn.send(None)
        peaks[kind] = conn.recv()["peak_rss_mb"]
        process.join()
    ratios = [b["seconds"] / t["seconds"] for t, b in zip(per_block["tacitus"], per_block["baseline"], strict=True)]
    seconds = {k: sum(r["seconds"] for r in v) for k, v in per_block.items()}
    t_sum = {key: sum(r.get(key, 0) for r in per_block["tacitus"]) for key in ("sentences", "candidates", "events")}
    return {
        "processes": processes,
        "articles": total,
        "blocks": len(spans),
        "tacitus_articles_per_s_median": statistics.median(r["articles"] / r["seconds"] for r in per_block["tacitus"]),
        "baseline_articles_per_s_median": statistics.median(
            r["articles"] / r["seconds"] for r in per_block["baseline"]
        ),
        "ratio_median": statistics.median(ratios),
        "ratio_total": seconds["baseline"] / seconds["tacitus"],
        # one process codes in the driver itself: its CPU time is the pipeline's, and other jobs on a
        # shared machine stretch it much less than the wall clock
        "cpu_ratio_median": statistics.median(
            b["cpu_seconds"] / t["cpu_seconds"]
            for t, b in zip(per_block["tacitus"], per_block["baseline"], strict=True)
        )
        if processes == 1
        else None,
        "tacitus_articles_per_cpu_s": sum(r["articles"] for r in per_block["tacitus"])
        / sum(r["cpu_seconds"] for r in per_block["tacitus"])
        if processes == 1
        else None,
        "baseline_articles_per_cpu_s": sum(r["articles"] for r in per_block["baseline"])
        / sum(r["cpu_seconds"] for r in per_block["baseline"])
        if processes == 1
        else None,
        "tacitus_peak_rss_mb_per_process": peaks["tacitus"],
        "baseline_peak_rss_mb_per_process": peaks["baseline"],
        "sentences": t_sum["sentences"],
        "parsed_share": t_sum["candidates"] / max(t_sum["sentences"], 1),
        "events": t_sum["events"],
    }


def actor_stage(limit: int) -> dict[str, float]:
    """Time tokenise+split+recognise alone, and the share of sentences the filter keeps."""
    from tacitus.config import Settings
    from tacitus.nlp import split_sentences
    from tacitus.pipeline import _sentences, load_pipeline

    pipeline = load_pipeline(Settings.load())
    rows = read_texts(limit)
    began = time.perf_counter()
    mentions = sentences = kept = 0
    for _, text, _ in rows:
        doc = split_sentences(pipeline.nlp, text)
        found = pipeline.recognizer.recognize(doc, date=None)
        mentions += len(found)
        for sentence, span in _sentences(doc):
            sentences += 1
            inside = [m for m in found if sentence.start <= m.char_start and m.char_end <= sentence.end]
            kept += pipeline.coder.may_hold_event(span, inside)
    seconds = time.perf_counter() - began
    return {
        "articles": len(rows),
        "seconds": seconds,
        "mentions": mentions,
        "mentions_per_s": mentions / seconds,
        "sentences_per_s": sentences / seconds,
        "filter_keep_share": kept / max(sentences, 1),
    }


def main() -> int:
    from tacitus.jobs.parallel import available_cores

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--blocks", type=int, default=4)
    parser.add_argument(
        "--processes", type=int, nargs="+", help="process counts to compare (default: 1 and every core)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"benchmark corpus not found: {CORPUS} (it lives in ../shared/corpora)", file=sys.stderr)
        return 2
    counts = args.processes or sorted({1, available_cores()})
    load_before = os.getloadavg()
    phases = [run_phase(p, args.articles, args.blocks) for p in counts]
    actors = actor_stage(min(args.articles, 300))
    load_after = os.getloadavg()
    print()
    print(f"articles                 first {args.articles} of allsides_political_news, {available_cores()} cores")
    print(  # other jobs on the machine slow both sides alike, but scaling needs free cores
        f"load average             {load_before[0]:.2f} before, {load_after[0]:.2f} after "
        f"(1-minute; this benchmark alone adds about {max(counts)})"
    )
    print("processes  Tacitus art/s  spaCy-everything art/s  ratio (median / total)  peak RSS per process T / S")
    for phase in phases:
        print(
            f"{phase['processes']:>9}  {phase['tacitus_articles_per_s_median']:>13.2f}  "
            f"{phase['baseline_articles_per_s_median']:>22.2f}  "
            f"{phase['ratio_median']:>8.2f}x / {phase['ratio_total']:.2f}x       "
            f"{phase['tacitus_peak_rss_mb_per_process']:.0f} / {phase['baseline_peak_rss_mb_per_process']:.0f} MB"
        )
    if len(phases) > 1:
        one, most = min(phases, key=lambda f: f["processes"]), max(phases, key=lambda f: f["processes"])
        print(
            f"scaling 1 → {most['processes']} processes: Tacitus "
            f"{most['tacitus_articles_per_s_median'] / one['tacitus_articles_per_s_median']:.2f}x, spaCy "
            f"{most['baseline_articles_per_s_median'] / one['baseline_articles_per_s_median']:.2f}x"
        )
    for phase in phases:
        if phase["cpu_ratio_median"] is not None:
            print(
                f"CPU time, 1 process       Tacitus {phase['tacitus_articles_per_cpu_s']:.2f} articles/CPU-s, spaCy "
                f"{phase['baseline_articles_per_cpu_s']:.2f}, ratio {phase['cpu_ratio_median']:.2f}x (median of blocks)"
            )
    last = phases[-1]
    print(f"sentences parsed         {last['parsed_share']:.1%} of {last['sentences']} ({last['events']} events)")
    print(
        f"actors stage             {actors['mentions_per_s']:.0f} mentions/s, "
        f"{actors['sentences_per_s']:.0f} sentences/s, "
        f"filter keeps {actors['filter_keep_share']:.1%} of sentences ({actors['articles']} articles)"
    )
    if args.json:
        figures = {"phases": phases, "actor_stage": actors, "load_average": [load_before[0], load_after[0]]}
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
