"""Build the shipped Phoenix-derived dictionaries under tacitus/data/actors/.

Converts ../shared/reference/phoenix/ (PETRARCH format, MIT, Open Event Data Alliance)
with
`tacitus.actors.import_petrarch`, then prunes what we ship:

* agents_phoenix.tsv   all generic agents (Phoenix.agents.txt); agents.tsv (hand-written) overrides them.
* groups_phoenix.tsv   armed and non-state groups (Phoenix.MilNonState.actors.txt), names of 2+ words or
                       acronyms of 3+ letters only.
* persons_phoenix.tsv  people from Phoenix.Countries/International with a government, military, judicial,
                       legislative, party or IGO role that lasted into 2010 or later (codes cut to country+sector).
                       Single-word aliases are
                       dropped (bare surnames are ambiguous; the article-level surname rule and the
                       hand-checked office holders file cover them); undated fallback codes are dropped (outside
                       a term a person resolves to their country); open-ended terms are closed at 2018-12-31,
                       when the Phoenix files stop being maintained.

Country names are not imported: countries.tsv is hand-written (Phoenix lists cities and provinces as
country synonyms, which would make places into actors).

    python tools/import_petrarch.py [PHOENIX_DIR]
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path

from tacitus.actors.codes import split_code
from tacitus.actors.dictionary import Entry
from tacitus.actors.petrarch import import_petrarch, write_tsv

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "tacitus" / "data" / "actors"
MIT = "MIT, Copyright (c) 2014 Open Event Data Alliance (licence text in the source files' headers)"
PHOENIX_VINTAGE_END = dt.date(2018, 12, 31)
KEEP_SINCE = dt.date(2010, 1, 1)
PERSON_SECTORS = ("GOV", "MIL", "JUD", "LEG", "OPP", "PTY", "SPY", "COP", "IGO")


def header(source: str) -> list[str]:
    return [
        f"source: ../shared/reference/phoenix/{source} (openeventdata/petrarch2 @676801cd9cb2), pruned",
        f"licence: {MIT}",
        "generator: tools/import_petrarch.py",
    ]


#: Aliases that start with a title are dropped: the recogniser reads titles itself, and a title baked
#: into an alias ("President Vladimir Putin") would outrank the hand-checked entry for the bare name.
TITLE_WORDS = frozenset(
    [
        "president",
        "prime",
        "minister",
        "foreign",
        "defense",
        "defence",
        "secretary",
        "general",
        "gen.",
        "gen",
        "king",
        "queen",
        "prince",
        "sheikh",
        "chancellor",
        "premier",
        "vice",
        "deputy",
        "chief",
        "leader",
        "ambassador",
        "senator",
        "sen.",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "sir",
        "lord",
        "admiral",
        "colonel",
        "col.",
        "lt.",
        "major",
        "emir",
        "sultan",
        "ayatollah",
        "governor",
        "gov.",
        "mayor",
        "speaker",
    ]
)


def clean_patterns(row: Entry, *, min_words: int) -> Entry | None:
    parts = split_code(row.code)
    if not (parts.cameo_country or parts.sector):  # a prefix we cannot read (KKL, WEU): not shipped
        return None
    kept = []
    for pattern in row.pattern.split(" | "):
        words = pattern.split()
        if any("\ufffd" in w or "Ã" in w for w in words):
            continue
        if row.kind != "agent" and any(w.lower() in TITLE_WORDS for w in words):
            continue
        if len(words) >= min_words or (len(words) == 1 and pattern.isupper() and len(pattern) >= 3):
            kept.append(pattern)
    if not kept:
        return None
    return replace(row, pattern=" | ".join(kept), name=kept[0] if row.name not in kept else row.name)


def person_row(row: Entry) -> Entry | None:
    if row.kind != "person" or not (row.start or row.end):
        return None
    sector = row.code[3:6] if not row.code.startswith("IGO") else "IGO"
    if sector not in PERSON_SECTORS:
        return None
    end = row.end or PHOENIX_VINTAGE_END
    if end < KEEP_SINCE or (row.start and row.start > PHOENIX_VINTAGE_END):
        return None
    cleaned = clean_patterns(row, min_words=2)
    if cleaned is None:
        return None
    note = row.note + ("; open-ended in Phoenix, closed at 2018-12-31" if row.end is None else "")
    note += "; needs-country-context"  # common names: only with a title or their country in the article
    code = row.code if row.code.startswith("IGO") else row.code[:6]  # TURGOVHLH -> TURGOV: the ministry is GOV
    return replace(cleaned, code=code, end=end, note=note)


def main() -> int:
    phoenix = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "reference" / "phoenix"
    agents = import_petrarch([phoenix / "Phoenix.agents.txt"])
    (OUT / "agents_phoenix.tsv").write_text(
        write_tsv(
            [r for r in (clean_patterns(r, min_words=1) for r in agents.rows) if r],
            header_lines=header("Phoenix.agents.txt"),
        ),
        encoding="utf-8",
    )
    groups = import_petrarch([phoenix / "Phoenix.MilNonState.actors.txt"])
    group_rows = [r for r in (clean_patterns(r, min_words=2) for r in groups.rows) if r]
    group_rows = [r if r.kind != "person" else (person_row(r)) for r in group_rows]
    (OUT / "groups_phoenix.tsv").write_text(
        write_tsv([r for r in group_rows if r], header_lines=header("Phoenix.MilNonState.actors.txt")), encoding="utf-8"
    )
    people = import_petrarch([phoenix / "Phoenix.Countries.actors.txt", phoenix / "Phoenix.International.actors.txt"])
    person_rows = [r for r in (person_row(r) for r in people.rows) if r]
    (OUT / "persons_phoenix.tsv").write_text(
        write_tsv(
            person_rows, header_lines=header("Phoenix.Countries.actors.txt and Phoenix.International.actors.txt")
        ),
        encoding="utf-8",
    )
    skipped = agents.skipped + groups.skipped + people.skipped
    print(
        f"agents {len(agents.rows)}, groups {len(group_rows)}, persons {len(person_rows)};"
        f" skipped {len(skipped)} bad codes"
    )
    for line in skipped:
        print("  skipped:", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
