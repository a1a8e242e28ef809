"""Regenerate tacitus/data/MANIFEST.tsv from the data files' own header lines.

Every data file under tacitus/data starts with comment lines such as::

    # source: ../shared/reference/cameo_eventcodes.tsv (CAMEO 1.1b3 names)
    # licence: facts; table layout MIT (Tacitus)
    # generator: tools/import_petrarch.py

This script reads them, hashes each file and writes the manifest, so the manifest
never drifts from the files. Run it after changing any data file:

    python tools/make_manifest.py          # rewrite
    python tools/make_manifest.py --check  # exit 1 if the manifest is stale
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tacitus" / "data"
MANIFEST = DATA / "MANIFEST.tsv"
SKIP = {"MANIFEST.tsv", "VERSION"}
FIELDS = ("source", "licence", "generator")
#: Folders of binary files that cannot carry a header: the fields of each of their files.
FOLDERS = {
    "parser": {
        "source": "student tagger and parser distilled from en_core_web_sm 3.8.0 on news sentences of "
        "../shared/corpora (no text kept); tokenizer, attribute ruler, lemmatizer and vocabulary are the teacher's",
        "licence": "MIT (Tacitus); en_core_web_sm parts MIT (Explosion)",
        "generator": "tools/train_parser.py",
    }
}


def header(path: Path) -> dict[str, str]:
    values = dict.fromkeys(FIELDS, "")
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                break
            key, _, value = line[1:].strip().partition(":")
            if key.strip() in values:
                values[key.strip()] = value.strip().replace("\t", " ")
    return values


def build() -> str:
    version = (DATA / "VERSION").read_text(encoding="utf-8").strip()
    rows = ["path\tsource\tlicence\tversion\tsha256\tgenerator"]
    for path in sorted(
        p for p in DATA.rglob("*") if p.is_file() and p.name not in SKIP and "__pycache__" not in p.parts
    ):
        rel = path.relative_to(DATA).as_posix()
        meta = FOLDERS.get(rel.split("/")[0]) or (
            header(path) if path.suffix in (".tsv", ".jsonl", ".txt") else dict.fromkeys(FIELDS, "")
        )
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        rows.append("\t".join([rel, meta["source"], meta["licence"], version, digest, meta["generator"]]))
    return "\n".join(rows) + "\n"


def main() -> int:
    text = build()
    if "--check" in sys.argv:
        current = MANIFEST.read_text(encoding="utf-8") if MANIFEST.exists() else ""
        if current != text:
            print("tacitus/data/MANIFEST.tsv is stale: run python tools/make_manifest.py", file=sys.stderr)
            return 1
        return 0
    MANIFEST.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
