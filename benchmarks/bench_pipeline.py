"""Throughput and memory of the Tacitus pipeline against spaCy parsing everything.

Two worker processes are started, each loading its own model once:

* ``tacitus``  — the whole Tacitus pipeline (split, actors, filter, parse candidates, code);
* ``baseline`` — spaCy's full ``en_core_web_sm`` pipeline (all components) over every article.

The same N articles of ../shared/corpora/allsides_political_news are cut into blocks; the
driver runs each block through both workers in turn, so machine noise hits both alike.
It prints articles/s per block, the median ratio, totals, and each worker's peak RSS.
A third short phase times the actors stage alone (mentions/s) and the filter's keep share.

    python benchmarks/bench_pipeline.py --articles 2000 [--blocks 4] [--n-process 1] [--json out.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing as mp
import resource
import statistics
import sys
import time
from itertools import islice
from pathlib import Path

CORPUS = (
    Path(__file__).resolve().parent.parent.parent
    / "shared/corpora/allsides_political_news/allsides_political_news.jsonl.gz"
)


def read_texts(limit: int) -> list[tuple[str, str, str | None]]:
    rows = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        for line in islice(handle, limit):
            record = json.loads(line)
            rows.append((str(record["id"]), record.get("text") or "", record.get("date")))
    return rows


def worker(kind: str, limit: int, n_process: int, conn) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    rows = read_texts(limit)
    if kind == "tacitus":
        from tacitus.config import Settings
        from tacitus.models import Article
        from tacitus.pipeline import load_pipeline

        pipeline = load_pipeline(Settings.load(n_process=n_process))

        def run(block: list[tuple[str, str, str | None]]) -> dict[str, int]:
            articles = [
                Article(id=i, text=t, date=dt.date.fromisoformat(d) if d else None) for i, t, d in block if t.strip()
            ]
            counts = {"sentences": 0, "candidates": 0, "events": 0, "mentions": 0}
            for result in pipeline.process(articles):
                counts["sentences"] += result.sentences
                counts["candidates"] += result.candidates
                counts["events"] += len(result.events)
                counts["mentions"] += len(result.mentions)
            return counts

    else:
        import spacy

        from tacitus.config import DEFAULT_SPACY_MODEL

        nlp = spacy.load(DEFAULT_SPACY_MODEL)  # every component, as a user would by default

        def run(block: list[tuple[str, str, str | None]]) -> dict[str, int]:
            docs = nlp.pipe((t for _, t, _ in block if t.strip()), batch_size=64, n_process=n_process)
            return {"sentences": sum(len(list(doc.sents)) for doc in docs)}

    conn.send("ready")
    while True:
        message = conn.recv()
        if message is None:
            break
        start, end = message
        block = rows[start:end]
        began = time.perf_counter()
        counts = run(block)
        seconds = time.perf_counter() - began
        conn.send({"seconds": seconds, "articles": len(block), **counts})
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    conn.send({"peak_rss_mb": max(peak_kb, children_kb) / 1024})


def actor_stage(limit: int) -> dict[str, float]:
    """Time tokenise+split+recognise alone, and the share of sentences the filter keeps."""
    from tacitus.config import Settings
    from tacitus.nlp import split_sentences
    from tacitus.pipeline import _sentences, load_pipeline

    pipeline = load_pipeline(Settings.load())
    rows = [r for r in read_texts(limit) if r[1].strip()]
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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--blocks", type=int, default=4)
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"benchmark corpus not found: {CORPUS} (it lives in ../shared/corpora)", file=sys.stderr)
        return 2

    ctx = mp.get_context("spawn")
    workers = {}
    for kind in ("tacitus", "baseline"):
        ours, theirs = ctx.Pipe()
        process = ctx.Process(target=worker, args=(kind, args.articles, args.n_process, theirs), daemon=True)
        process.start()
        workers[kind] = (process, ours)
    for _, conn in workers.values():
        if conn.recv() != "ready":
            raise RuntimeError("worker failed to start")

    size = -(-args.articles // args.blocks)
    blocks = [(i, min(i + size, args.articles)) for i in range(0, args.articles, size)]
    per_block: dict[str, list[dict[str, float]]] = {"tacitus": [], "baseline": []}
    for index, block in enumerate(blocks):
        order = ("tacitus", "baseline") if index % 2 == 0 else ("baseline", "tacitus")
        for kind in order:
            workers[kind][1].send(block)
            per_block[kind].append(workers[kind][1].recv())
        t, b = per_block["tacitus"][-1], per_block["baseline"][-1]
        print(
            f"block {index + 1}/{len(blocks)}: tacitus {t['articles'] / t['seconds']:.2f} art/s, "
            f"spaCy-everything {b['articles'] / b['seconds']:.2f} art/s, ratio {b['seconds'] / t['seconds']:.2f}x",
            flush=True,
        )
    peaks = {}
    for kind, (process, conn) in workers.items():
        conn.send(None)
        peaks[kind] = conn.recv()["peak_rss_mb"]
        process.join()

    ratios = [b["seconds"] / t["seconds"] for t, b in zip(per_block["tacitus"], per_block["baseline"], strict=True)]
    total = {k: sum(r["seconds"] for r in v) for k, v in per_block.items()}
    t_sum = {key: sum(r.get(key, 0) for r in per_block["tacitus"]) for key in ("sentences", "candidates", "events")}
    actors = actor_stage(min(args.articles, 300))
    figures = {
        "articles": args.articles,
        "n_process": args.n_process,
        "tacitus_articles_per_s_median": statistics.median(r["articles"] / r["seconds"] for r in per_block["tacitus"]),
        "baseline_articles_per_s_median": statistics.median(
            r["articles"] / r["seconds"] for r in per_block["baseline"]
        ),
        "ratio_median": statistics.median(ratios),
        "ratio_total": total["baseline"] / total["tacitus"],
        "tacitus_peak_rss_mb": peaks["tacitus"],
        "baseline_peak_rss_mb": peaks["baseline"],
        "sentences": t_sum["sentences"],
        "parsed_share": t_sum["candidates"] / max(t_sum["sentences"], 1),
        "events": t_sum["events"],
        "actor_stage": actors,
    }
    print()
    print(
        f"articles                     {args.articles} (allsides_political_news, first N), n_process={args.n_process}"
    )
    print(
        f"Tacitus pipeline             {figures['tacitus_articles_per_s_median']:.2f} articles/s "
        f"(median of {len(blocks)} blocks)"
    )
    print(f"spaCy full en_core_web_sm    {figures['baseline_articles_per_s_median']:.2f} articles/s (median)")
    print(f"ratio                        {figures['ratio_median']:.2f}x median, {figures['ratio_total']:.2f}x total")
    print(f"peak RSS                     Tacitus {peaks['tacitus']:.0f} MB, spaCy {peaks['baseline']:.0f} MB")
    print(
        f"sentences parsed             {figures['parsed_share']:.1%} of {t_sum['sentences']} ({t_sum['events']} events)"
    )
    print(
        f"actors stage                 {actors['mentions_per_s']:.0f} mentions/s, "
        f"{actors['sentences_per_s']:.0f} sentences/s, "
        f"filter keeps {actors['filter_keep_share']:.1%} of sentences ({actors['articles']} articles)"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
