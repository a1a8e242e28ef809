"""Measure the near-duplicate links on pairs built from real news (docs/enrich.md#near-duplicate-articles).

Pairs are regenerated every run from article ids and a recipe, so no corpus text is kept:

* must link: an original and a re-edit of it made by a recipe (below), seeded by the
  original's id, from demo/demo_corpus.jsonl and ../shared/corpora (articles of 150+ words);
* must stay apart: two different articles on the same story line: allsides articles of the
  same day and the same topic, demo articles of the same topic and countries, insightcrime
  articles that share the most content words; for each group, the three pairs sharing the
  most content words (the hardest negatives a keyword filter would give).

Recipes (a wire story as another outlet re-runs it):
    trim20, trim40   drop the last 20% / 40% of the words, whole paragraphs at a time
    headline         a new first line ("UPDATE 2-" and eight of the story's own words)
    swap             two adjacent paragraphs swapped (paragraphs: blank-line blocks, else 3-sentence groups)
    insert           one sentence from another article inserted after a paragraph
    words3, words8   3% / 8% of the words edited: replaced by another word of the story, dropped, or a digit changed
    wire             trim 25% + headline + swap + words3 together
    trim60           (a stress case, reported apart: most of the story is gone)

A pair is linked when the two articles share an LSH bucket (the real band keys) and their
shingle containment reaches the threshold, exactly as ingest decides. Originals are split in
two halves by a hash of their id: the threshold is chosen on the tuning half (best F1, the
higher threshold on ties) and the figures are reported on the other half.

Real corpora hold real re-runs: an "other story" pair whose texts share a verbatim run of
RERUN_WORDS or more words is the same story published twice (an agency story re-run with
edits, an updated version of the same article). Those are listed as found re-runs and left
out of the negatives, by that rule, not by hand.

    python tools/eval_near_duplicates.py                  # demo + ../shared/corpora
    python tools/eval_near_duplicates.py --positives 150  # originals per corpus
    python tools/eval_near_duplicates.py --write-demo demo/demo_reruns.jsonl   # the re-runs make demo links
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import hashlib
import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import numpy as np

from tacitus.enrich.near_duplicates import MIN_SHINGLES, THRESHOLD, MinHasher, containment, jaccard, shingles

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "demo" / "demo_corpus.jsonl"
CORPORA = REPO.parent / "shared" / "corpora"
ALLSIDES = CORPORA / "allsides_political_news" / "allsides_political_news.jsonl.gz"
INSIGHT = CORPORA / "insightcrime_news" / "insightcrime_news.jsonl.gz"

RECIPES = ("trim20", "trim40", "headline", "swap", "insert", "words3", "words8", "wire")
STRESS = ("trim60",)
MIN_WORDS = 150
RERUN_WORDS = 100
PAIRS_PER_GROUP = 3
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“])")
_CONTENT = re.compile(r"[A-Za-z][a-z]{3,}")
_STOP = frozenset(
    [
        "that",
        "with",
        "this",
        "from",
        "have",
        "were",
        "been",
        "their",
        "they",
        "said",
        "which",
        "will",
        "would",
        "about",
        "there",
        "after",
        "also",
        "more",
        "when",
        "other",
        "into",
        "than",
        "them",
        "what",
        "some",
        "could",
        "only",
        "over",
        "such",
        "most",
        "even",
        "very",
        "where",
        "while",
        "these",
        "those",
        "just",
        "like",
    ]
)


@dataclass(frozen=True)
class Pair:
    corpus: str
    first: str  # article id
    second: str  # article id, or "<first>~<recipe>" for a generated re-edit
    recipe: str  # a recipe, or "other-story"
    first_text: str
    second_text: str

    @property
    def positive(self) -> bool:
        return self.recipe != "other-story"

    @property
    def half(self) -> str:
        """tune or report, by a hash of the first article's id."""
        return "tune" if hashlib.sha1(self.first.encode()).digest()[0] % 2 == 0 else "report"


def read_corpus(name: str) -> list[dict[str, object]]:
    if name == "demo":
        return [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
    path = ALLSIDES if name == "allsides" else INSIGHT
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def paragraphs(text: str) -> list[str]:
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    if len(blocks) >= 4:
        return blocks
    sentences = [s for s in _SENTENCE.split(" ".join(text.split())) if s]
    return [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]


def _join(blocks: list[str]) -> str:
    return "\n\n".join(blocks)


def _trim(blocks: list[str], share: float) -> list[str]:
    total = sum(len(b.split()) for b in blocks)
    kept, words = [], 0
    for block in blocks:
        if kept and words + len(block.split()) > total * (1 - share):
            break
        kept.append(block)
        words += len(block.split())
    return kept


def _headline(blocks: list[str], rng: random.Random) -> list[str]:
    words = " ".join(blocks).split()
    start = rng.randrange(max(1, len(words) - 8))
    return ["UPDATE 2-" + " ".join(words[start : start + 8]).strip(".,;:"), *blocks]


def _swap(blocks: list[str], rng: random.Random) -> list[str]:
    if len(blocks) < 3:
        return blocks
    i = rng.randrange(1, len(blocks) - 1)
    swapped = list(blocks)
    swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
    return swapped


def _edit_words(text: str, share: float, rng: random.Random) -> str:
    words = text.split(" ")
    vocabulary = [w for w in words if w.isalpha()]
    for index in sorted(rng.sample(range(len(words)), max(1, int(len(words) * share)))):
        word, action = words[index], rng.random()
        if any(ch.isdigit() for ch in word):
            words[index] = re.sub(r"\d", lambda m: str((int(m.group()) + 1) % 10), word, count=1)
        elif action < 0.6 and vocabulary:
            words[index] = rng.choice(vocabulary)
        else:
            words[index] = ""
    return " ".join(w for w in words if w)


def re_edit(text: str, recipe: str, *, seed: str, donor: str) -> str:
    """The re-edit of `text` that `recipe` names, seeded by `seed`; `donor` gives an inserted sentence."""
    rng = random.Random(f"{seed}:{recipe}")
    blocks = paragraphs(text)
    if recipe.startswith("trim"):
        return _join(_trim(blocks, int(recipe[4:]) / 100))
    if recipe == "headline":
        return _join(_headline(blocks, rng))
    if recipe == "swap":
        return _join(_swap(blocks, rng))
    if recipe == "insert":
        sentences = [s for s in _SENTENCE.split(" ".join(donor.split())) if len(s.split()) >= 8] or [donor[:200]]
        at = rng.randrange(1, max(2, len(blocks)))
        return _join([*blocks[:at], rng.choice(sentences), *blocks[at:]])
    if recipe.startswith("words"):
        return _join([_edit_words(b, int(recipe[5:]) / 100, rng) for b in blocks])
    if recipe == "wire":
        edited = _swap(_headline(_trim(blocks, 0.25), rng), rng)
        return _join([_edit_words(b, 0.03, rng) for b in edited])
    raise ValueError(f"unknown recipe {recipe}")


def _keywords(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _CONTENT.findall(text) if w.lower() not in _STOP)


def _overlap(a: Counter[str], b: Counter[str]) -> int:
    top_a = {w for w, _ in a.most_common(20)}
    return len(top_a & {w for w, _ in b.most_common(20)})


def _hardest_pairs(group: list[dict[str, object]], count: int) -> list[tuple[dict[str, object], dict[str, object]]]:
    """The `count` pairs of different texts sharing the most top content words (at least 3), hardest first."""
    keywords = {str(r["id"]): _keywords(str(r["text"])) for r in group}
    scored = [
        (_overlap(keywords[str(a["id"])], keywords[str(b["id"])]), str(a["id"]), str(b["id"]), a, b)
        for a, b in combinations(group, 2)
        if a["text"] != b["text"]
    ]
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    return [(a, b) for score, _, _, a, b in scored[:count] if score >= 3]


def build_pairs(name: str, records: list[dict[str, object]], positives: int, negatives: int) -> Iterator[Pair]:
    usable = [r for r in records if len(str(r.get("text") or "").split()) >= MIN_WORDS]
    # Selection is seeded apart from the tune/report split (which hashes the bare id).
    usable.sort(key=lambda r: hashlib.sha1(f"select:{r['id']}".encode()).hexdigest())
    for index, record in enumerate(usable[:positives]):
        donor = str(usable[(index + positives) % len(usable)]["text"])
        for recipe in RECIPES + STRESS:
            text = str(record["text"])
            yield Pair(
                name,
                str(record["id"]),
                f"{record['id']}~{recipe}",
                recipe,
                text,
                re_edit(text, recipe, seed=str(record["id"]), donor=donor),
            )
    groups: dict[object, list[dict[str, object]]] = defaultdict(list)
    if name == "allsides":
        for r in usable:
            if r.get("date"):
                groups[(r["date"], r.get("topic"))].append(r)
    elif name == "demo":
        for r in usable:
            groups[r.get("topic")].append(r)
    else:  # no dates: group by the two most frequent content words
        for r in usable:
            top = tuple(sorted(w for w, _ in _keywords(str(r["text"])).most_common(2)))
            groups[top].append(r)
    keys = sorted(groups, key=lambda k: hashlib.sha1(repr(k).encode()).hexdigest())
    made = 0
    for key in keys:
        for a, b in _hardest_pairs(groups[key][:40], PAIRS_PER_GROUP):
            yield Pair(name, str(a["id"]), str(b["id"]), "other-story", str(a["text"]), str(b["text"]))
            made += 1
            if made >= negatives:
                return


@dataclass(frozen=True)
class Scored:
    pair: Pair
    candidate: bool  # share an LSH bucket
    similarity: float  # containment, as ingest decides
    jaccard: float
    checked: bool  # both texts long enough to be checked


def score(pairs: list[Pair], hasher: MinHasher) -> list[Scored]:
    scored = []
    for pair in pairs:
        a, b = shingles(pair.first_text), shingles(pair.second_text)
        checked = len(a) >= MIN_SHINGLES and len(b) >= MIN_SHINGLES
        keys_a = hasher.band_keys(hasher.signature(a))
        keys_b = hasher.band_keys(hasher.signature(b))
        candidate = bool(np.any(keys_a == keys_b))
        scored.append(Scored(pair, candidate, containment(a, b), jaccard(a, b), checked))
    return scored


def longest_common_run(a: str, b: str) -> int:
    """Words in the longest verbatim run two texts share (lower-cased words)."""
    words_a, words_b = a.lower().split(), b.lower().split()
    matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
    return matcher.find_longest_match(0, len(words_a), 0, len(words_b)).size


def linked(item: Scored, threshold: float) -> bool:
    return item.checked and item.candidate and item.similarity >= threshold


def metrics(items: list[Scored], threshold: float) -> dict[str, float | int]:
    tp = sum(1 for i in items if i.pair.positive and linked(i, threshold))
    fp = sum(1 for i in items if not i.pair.positive and linked(i, threshold))
    fn = sum(1 for i in items if i.pair.positive and not linked(i, threshold))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "pairs": len(items),
        "positives": tp + fn,
        "negatives": sum(1 for i in items if not i.pair.positive),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


DEMO_RECIPES = ("wire", "trim20", "headline", "swap", "words3", "insert")


def write_demo_reruns(path: Path) -> int:
    """Re-runs of six public-domain demo articles (one recipe each) for `make demo` to link."""
    records = read_corpus("demo")
    public = [r for r in records if str(r["id"]).startswith(("wh-", "usdos-")) and len(str(r["text"]).split()) >= 200]
    public.sort(key=lambda r: hashlib.sha1(f"demo:{r['id']}".encode()).hexdigest())
    lines = []
    for index, recipe in enumerate(DEMO_RECIPES):
        record, donor = public[index], public[index + len(DEMO_RECIPES)]
        text = re_edit(str(record["text"]), recipe, seed=str(record["id"]), donor=str(donor["text"]))
        lines.append(
            {
                "id": f"rerun-{record['id']}-{recipe}",
                "date": record["date"],
                "source": f"{record['source']} (re-run: {recipe}, tools/eval_near_duplicates.py --write-demo)",
                "title": f"UPDATE 1-{record['title']}",
                "licence": record["licence"],
                "text": text,
            }
        )
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return len(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-demo", type=Path, help="write demo re-runs (demo/demo_reruns.jsonl) and stop")
    parser.add_argument("--positives", type=int, default=120, help="originals re-edited per corpus")
    parser.add_argument("--negatives", type=int, default=400, help="other-story pairs per corpus (at most)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if args.write_demo:
        print(f"{write_demo_reruns(args.write_demo)} re-runs written to {args.write_demo}", file=sys.stderr)
        return 0
    corpora = ["demo"] + (["allsides", "insightcrime"] if CORPORA.is_dir() else [])
    if len(corpora) == 1:
        print("../shared/corpora is absent: demo corpus only", file=sys.stderr)
    pairs: list[Pair] = []
    for name in corpora:
        pairs.extend(build_pairs(name, read_corpus(name), args.positives, args.negatives))
    scored = score(pairs, MinHasher())
    reruns = [
        s
        for s in scored
        if not s.pair.positive
        and s.jaccard >= 0.1
        and longest_common_run(s.pair.first_text, s.pair.second_text) >= RERUN_WORDS
    ]
    scored = [s for s in scored if s not in reruns]
    main_items = [s for s in scored if s.pair.recipe not in STRESS]
    tune = [s for s in main_items if s.pair.half == "tune"]
    report = [s for s in main_items if s.pair.half == "report"]
    grid = [round(t, 2) for t in np.arange(0.20, 0.91, 0.05)]
    tuned = max(grid, key=lambda t: (metrics(tune, t)["f1"], t))
    result: dict[str, object] = {
        "shipped_threshold": THRESHOLD,
        "chosen_threshold": tuned,
        "tune": metrics(tune, tuned),
        "report": metrics(report, tuned),
        "report_at_shipped": metrics(report, THRESHOLD),
        "grid_tune_f1": {str(t): metrics(tune, t)["f1"] for t in grid},
        "recall_by_recipe": {
            recipe: metrics([s for s in scored if s.pair.half == "report" and s.pair.recipe == recipe], THRESHOLD)[
                "recall"
            ]
            for recipe in RECIPES + STRESS
        },
        "by_corpus": {name: metrics([s for s in report if s.pair.corpus == name], THRESHOLD) for name in corpora},
        "similarity": {
            "positives_min": round(min(s.similarity for s in main_items if s.pair.positive), 4),
            "negatives_max": round(max(s.similarity for s in main_items if not s.pair.positive), 4),
            "negatives_p99": round(
                float(np.quantile([s.similarity for s in main_items if not s.pair.positive], 0.99)), 4
            ),
        },
        "found_reruns": [
            {
                "corpus": s.pair.corpus,
                "ids": [s.pair.first, s.pair.second],
                "containment": round(s.similarity, 4),
                "linked": linked(s, THRESHOLD),
            }
            for s in reruns
        ],
        "hardest_negatives": [
            {"corpus": s.pair.corpus, "ids": [s.pair.first, s.pair.second], "containment": round(s.similarity, 4)}
            for s in sorted((s for s in main_items if not s.pair.positive), key=lambda s: -s.similarity)[:5]
        ],
        "missed_positives": [
            {
                "corpus": s.pair.corpus,
                "id": s.pair.second,
                "containment": round(s.similarity, 4),
                "jaccard": round(s.jaccard, 4),
                "candidate": s.candidate,
            }
            for s in sorted(
                (s for s in report if s.pair.positive and not linked(s, THRESHOLD)), key=lambda s: -s.similarity
            )[:8]
        ],
    }
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
