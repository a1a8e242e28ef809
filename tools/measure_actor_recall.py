"""Measure how many annotated actor phrases the recogniser finds, and what the misses are made of.

    python tools/measure_actor_recall.py ../shared/devsets/cameo_penta_train.jsonl [--roles source target]

A phrase counts as found when a recognised mention overlapping it carries a code (country or
sector). That approximates "the head of the phrase was recognised": annotated spans are whole
noun phrases ("the last ISIS group bastion in the country"), mentions are their actor words.
Misses are sorted into coarse categories and the most frequent head words are listed (words,
never sentences: the devset is for measuring and nothing of it is copied into the repository).
The devset has no dates, so people resolve to their latest term (as for undated text).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from tacitus.pipeline import find_actors

PRONOUNS = frozenset(
    ["he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "his", "its", "their", "our"]
    + ["who", "which", "this", "that", "these", "those"]
)
DETERMINERS = frozenset(
    ["the", "a", "an", "some", "several", "many", "two", "three", "four", "five", "dozens", "hundreds"]
)


def categorise(span: str) -> str:
    words = span.split()
    if not words:
        return "empty span"
    if len(words) <= 2 and words[-1].lower().strip(".,") in PRONOUNS:
        return "pronoun"
    proper = [w for i, w in enumerate(words) if w[:1].isupper() and not (i == 0 and w.lower() in DETERMINERS)]
    head = head_word(span)
    head_is_lower = any(w.lower().strip(".'\"’") == head and w[:1].islower() for w in words)
    if proper and head_is_lower:
        return "named thing or place headed by a non-actor noun (attack, decision, parts of X)"
    if proper:
        return "proper name not in the dictionaries"
    return "common-noun phrase without a known agent noun"


HEAD_STOPS = ("of", "in", "from", "who", "that", ",", "on", "at", "near", "with", "for", "and")


def head_word(span: str) -> str:
    """Crude head: the last word before 'of'/'in'/'from'/'who'/','."""
    words = span.replace(",", " , ").split()
    for stop in HEAD_STOPS:
        if stop in words[1:]:
            words = words[: words.index(stop, 1)]
    return words[-1].lower().strip(".'\"’") if words else ""


def head_range(span: str, start: int) -> tuple[int, int]:
    """Character range of the crude head word of `span`, which starts at `start` in the text."""
    words = span.replace(",", " , ").split()
    for stop in HEAD_STOPS:
        if stop in words[1:]:
            words = words[: words.index(stop, 1)]
    if not words:
        return start, start + len(span)
    prefix_end = span.find(words[-1], len(" ".join(words[:-1])) - 2 if len(words) > 1 else 0)
    if prefix_end < 0:
        return start, start + len(span)
    return start + prefix_end, start + prefix_end + len(words[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("devset", type=Path)
    parser.add_argument("--roles", nargs="+", default=["source", "target"])
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()

    found = total = sentences = strict = 0
    by_role: Counter[str] = Counter()
    found_by_role: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    heads: dict[str, Counter[str]] = {}
    uncoded = 0
    with args.devset.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            spans = [(role, s) for role in args.roles for s in record.get(f"{role}_spans") or []]
            if not spans:
                continue
            sentences += 1
            text = record["text"]
            mentions = find_actors(text)
            for role, span in spans:
                start = text.find(span)
                if start < 0:
                    continue
                end = start + len(span)
                total += 1
                by_role[role] += 1
                overlapping = [m for m in mentions if m.char_start < end and start < m.char_end]
                head_start, head_end = head_range(span, start)
                if any(m.code and m.char_start < head_end and head_start < m.char_end for m in overlapping):
                    strict += 1
                if any(m.code for m in overlapping):
                    found += 1
                    found_by_role[role] += 1
                    continue
                if overlapping:
                    uncoded += 1
                    category = "recognised but not coded (unresolved back-reference)"
                else:
                    category = categorise(span)
                categories[category] += 1
                heads.setdefault(category, Counter())[head_word(span)] += 1

    print(f"sentences with {'/'.join(args.roles)} spans: {sentences}")
    print(f"annotated phrases: {total}; found with a code: {found} ({found / max(total, 1):.1%})")
    print(f"stricter (the mention covers the phrase's crude head word): {strict} ({strict / max(total, 1):.1%})")
    for role in args.roles:
        print(f"  {role}: {found_by_role[role]}/{by_role[role]} ({found_by_role[role] / max(by_role[role], 1):.1%})")
    print(f"misses: {total - found}")
    for category, count in categories.most_common():
        top = ", ".join(f"{w} {n}" for w, n in heads[category].most_common(args.top))
        print(f"  {category}: {count}\n    most frequent head words: {top}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
