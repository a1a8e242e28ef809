"""Write the allsides sample the alert evaluation ingests (docs/analysis.md#crisis-evaluation).

Every dated article of ../shared/corpora/allsides_political_news whose AllSides topic is international
or security news (the crises a dyad alert should see), in corpus order. The text stays outside the repo.

    .venv/bin/python tools/allsides_sample.py /tmp/allsides_sample.jsonl
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

CORPUS = (
    Path(__file__).resolve().parents[1].parent
    / "shared/corpora/allsides_political_news/allsides_political_news.jsonl.gz"
)
TOPICS = frozenset(
    {
        "world",
        "middle_east",
        "foreign_policy",
        "terrorism",
        "national_security",
        "north_korea",
        "russia",
        "china",
        "europe",
        "isis",
        "us_military",
        "defense",
        "state_department",
        "israel",
        "palestine",
        "mexico",
        "trade",
        "asia",
        "africa",
        "south_korea",
        "great_britain",
        "nuclear_weapons",
        "national_defense",
    }
)


def main(out: str) -> None:
    kept = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as source, open(out, "w", encoding="utf-8") as sink:
        for line in source:
            record = json.loads(line)
            if record.get("date") and record.get("topic") in TOPICS:
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
                kept += 1
    print(f"{kept} articles → {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/allsides_sample.jsonl")
