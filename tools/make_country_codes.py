"""Write tacitus/data/actors/country_codes.tsv from ../shared/reference/cameo_countries.tsv.

The actors stage needs to know which three-letter prefixes are CAMEO country codes and
their ISO 3166-1 alpha-3 equivalent (empty where ISO has none: regions, Kosovo, ...).

    python tools/make_country_codes.py [PATH/TO/cameo_countries.tsv]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "reference" / "cameo_countries.tsv"
OUT = REPO / "tacitus" / "data" / "actors" / "country_codes.tsv"


def main() -> int:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
    with source.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    lines = [
        "# source: ../shared/reference/cameo_countries.tsv (GDELT CAMEO.country lookup, ISO 3166-1 checked)",
        "# licence: facts (codes and names); table layout MIT (Tacitus)",
        "# generator: tools/make_country_codes.py",
        "code\tname\tiso_alpha3\tkind",
    ]
    for row in sorted(rows, key=lambda r: r["code"]):
        lines.append("\t".join([row["code"], row["name"], row["iso_alpha3"], row["kind"]]))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} codes to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
