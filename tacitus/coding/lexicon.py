"""The event lexicon: which words and phrases trigger which CAMEO codes, with role patterns.

All of it is data under `tacitus/data/lexicon/` (format in docs/lexicon.md):

* ``triggers.tsv``    — verbs and nouns → CAMEO code, the dependents that give the target,
  an optional required dependent ("hold" + "talks", "call" + "on"), and a prior confidence;
* ``complements.tsv`` — verbs that govern another event ("refused to meet", "threatened to
  strike", "designed to shoot down") and what they do to it (reject, threaten, intend,
  appeal, demand, hypothetical, negative, transparent) plus light verbs ("launch an attack");
* ``derived_codes.tsv`` — for each CAMEO root, the code an intent, threat, appeal, demand or
  rejection of it gets ("refused to meet" → 125);
* ``irregular_forms.tsv`` — inflected forms the cheap pre-parse filter must also recognise;
* ``agent_nouns.tsv`` — nouns that may name an actor the dictionaries could not code.
* ``word_sets.tsv`` — closed-class words and CAMEO root sets the rules consult
  (named in `tacitus.coding.words`), e.g. the roots whose triggers are worth parsing
  without a recognised actor (``strong_roots``: material conflict);
* ``confidence.tsv`` — the evidence factors of the confidence formula (`tacitus.coding.confidence`).

Users extend or override triggers with their own TSV files of the same layout
(`EventCoder(lexicons=[...])`): a row whose `id` exists replaces it, a new id adds a row.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from tacitus.coding.ontology import Ontology, load_ontology
from tacitus.coding.words import STRONG_ROOTS, TARGETED_STATEMENT_CODES
from tacitus.errors import ResourceError
from tacitus.resources import read_text

TRIGGER_COLUMNS = ("id", "pos", "lemma", "requires", "target", "roles", "cameo", "prior", "note")
POS_VALUES = ("verb", "noun")
ROLE_VALUES = ("active", "recipient", "dyadic", "person", "experiencer")
COMPLEMENT_KINDS = (
    "reject",
    "threaten",
    "intend",
    "appeal",
    "demand",
    "hypothetical",
    "negative",
    "transparent",
    "light",
    "speech",
    "consider",
)
DERIVED_KINDS = ("intend", "threaten", "appeal", "demand", "reject")


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One lexicon row: a word that, with its role pattern, signals a CAMEO event."""

    id: str
    pos: str
    lemma: str
    requires: frozenset[str]
    target: tuple[str, ...]
    roles: str
    cameo: str
    prior: float
    note: str
    origin: str  # "file:line" the row came from, for explanations and errors

    @property
    def root(self) -> str:
        return self.cameo[:2]


@dataclass
class Lexicon:
    """Trigger entries indexed by (pos, lemma), the complement-verb table and filter forms."""

    entries: dict[str, TriggerEntry]
    complements: dict[str, str]
    derived: dict[str, dict[str, str]]
    irregular: dict[str, tuple[str, ...]]
    agent_nouns: frozenset[str] = frozenset()
    by_key: dict[tuple[str, str], list[TriggerEntry]] = field(default_factory=dict)
    forms: frozenset[str] = frozenset()
    strong_forms: frozenset[str] = frozenset()
    #: inflections of the agent nouns ("gunmen", "bombs"), for the pre-parse filter
    agent_forms: frozenset[str] = frozenset()
    #: form → None when some entry needs nothing else, else the forms one of which must co-occur
    #: ("law" counts only with "martial", "held" alone is no trigger but "held talks" is).
    requirements: dict[str, frozenset[str] | None] = field(default_factory=dict)
    #: forms that only statements (root 01) use: "said", "told", "added"
    statement_forms: frozenset[str] = frozenset()
    #: statement form → its plain (no required word) entry, for coding lone statements unparsed
    statement_entries: dict[str, TriggerEntry] = field(default_factory=dict)
    #: statement forms that can only give a target-less attribution ("said", "added"), which is
    #: no event unless bare statements are asked for (docs/events.md)
    bare_statement_forms: frozenset[str] = frozenset()
    #: irregular form → lemma, for forms the lemmatizer gets wrong
    bases: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        index: dict[tuple[str, str], list[TriggerEntry]] = defaultdict(list)
        strong: set[str] = set()
        statement: set[str] = set()
        other: set[str] = set()
        statement_entries: dict[str, TriggerEntry] = {}
        requirements: dict[str, set[str] | None] = {}
        targeted: set[str] = set()  # forms of a statement entry that may have a target or a specific code
        for entry in self.entries.values():
            head = entry.lemma.split()[0]
            index[(entry.pos, head)].append(entry)
            words = _inflections(head, entry.pos, self.irregular)
            needed: set[str] | None = None
            if entry.requires:
                needed = set()
                for word in entry.requires:
                    needed |= _inflections(word, "noun", self.irregular) | _inflections(word, "verb", self.irregular)
            for word in words:
                if word in requirements and requirements[word] is None:
                    continue
                if needed is None:
                    requirements[word] = None
                else:
                    requirements[word] = (requirements.get(word) or set()) | needed
            if entry.root in STRONG_ROOTS and not entry.requires:
                strong |= words
            # a dyadic statement ("agreed" with a partner) needs the parse to find its partner
            (statement if entry.root == "01" and entry.roles != "dyadic" else other).update(words)
            if entry.root == "01" and (entry.target or entry.cameo not in TARGETED_STATEMENT_CODES):
                targeted.update(words)
            if entry.root == "01" and not entry.requires and entry.pos == "verb":
                for word in words:
                    statement_entries.setdefault(word, entry)
        # Specific entries (with a required dependent) are tried before general ones.
        self.by_key = {key: sorted(rows, key=lambda e: (not e.requires, e.id)) for key, rows in index.items()}
        self.requirements = {w: None if r is None else frozenset(r) for w, r in requirements.items()}
        self.forms = frozenset(requirements)
        self.strong_forms = frozenset(strong)
        self.agent_forms = frozenset(
            form for noun in self.agent_nouns for form in _inflections(noun, "noun", self.irregular)
        )
        self.statement_forms = frozenset(statement - other)
        self.statement_entries = {w: e for w, e in statement_entries.items() if w in self.statement_forms}
        self.bare_statement_forms = self.statement_forms - targeted
        self.bases = {form: lemma for lemma, forms in self.irregular.items() for form in forms}

    def triggers_in(self, words: set[str]) -> set[str]:
        """The trigger forms among lower-cased `words` whose required words are there too."""
        requirements = self.requirements
        found = set()
        for word in words:
            if word in requirements:
                needed = requirements[word]
                if needed is None or not needed.isdisjoint(words):
                    found.add(word)
        return found

    def base_form(self, form: str) -> str:
        """The lemma of an irregular form ("overran" → "overrun"), else the form itself."""
        return self.bases.get(form, form)

    def lookup(self, pos: str, lemma: str) -> list[TriggerEntry]:
        return self.by_key.get((pos, lemma), [])

    def complement_kind(self, lemma: str) -> str | None:
        return self.complements.get(lemma)

    def derive(self, kind: str, cameo: str) -> str:
        """The code for intending/threatening/... an event of code `cameo` ("04" + reject → 125).

        A row for the full code ("050": unspecified cooperation, whose intent is 030) wins over its root's.
        """
        row = self.derived.get(cameo) or self.derived.get(cameo[:2], {})
        return row.get(kind) or self.derived["01"][kind]


def load_lexicon(user_files: tuple[Path, ...] | list[Path] = ()) -> Lexicon:
    """The shipped lexicon, extended or overridden by the users' trigger files (in order).

    Loaded once per set of files; an edited user file (new size or time) is read again.
    """
    stamps = []
    for path in (Path(p) for p in user_files):
        try:
            stat = path.stat()
        except OSError as exc:
            raise ResourceError(f"cannot read lexicon file '{path}': {exc.strerror}") from exc
        stamps.append((path, stat.st_mtime_ns, stat.st_size))
    return _load(tuple(stamps))


@functools.cache
def _load(stamps: tuple[tuple[Path, int, int], ...]) -> Lexicon:
    user_files = [path for path, _, _ in stamps]
    ontology = load_ontology()
    entries = _parse_triggers(read_text("lexicon/triggers.tsv"), "data/lexicon/triggers.tsv", ontology)
    for path in user_files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ResourceError(f"cannot read lexicon file '{path}': {exc}") from exc
        entries.update(_parse_triggers(text, str(path), ontology))
    complements = {
        row["lemma"]: row["kind"]
        for row in _parse_table(
            read_text("lexicon/complements.tsv"), "data/lexicon/complements.tsv", ("lemma", "kind", "note")
        )
    }
    for lemma, kind in complements.items():
        if kind not in COMPLEMENT_KINDS:
            raise ResourceError(f"data/lexicon/complements.tsv: '{lemma}' has unknown kind '{kind}'")
    derived = {
        row["root"]: {kind: row[kind] for kind in DERIVED_KINDS}
        for row in _parse_table(
            read_text("lexicon/derived_codes.tsv"), "data/lexicon/derived_codes.tsv", ("root", *DERIVED_KINDS)
        )
    }
    for row in derived.values():
        for code in row.values():
            if code not in ontology:
                raise ResourceError(f"data/lexicon/derived_codes.tsv: '{code}' is not a CAMEO code")
    irregular = {
        row["lemma"]: tuple(form.strip() for form in row["forms"].split(",") if form.strip())
        for row in _parse_table(
            read_text("lexicon/irregular_forms.tsv"), "data/lexicon/irregular_forms.tsv", ("lemma", "forms")
        )
    }
    agent_nouns = frozenset(
        row["lemma"]
        for row in _parse_table(read_text("lexicon/agent_nouns.tsv"), "data/lexicon/agent_nouns.tsv", ("lemma", "note"))
    )
    return Lexicon(
        entries=entries, complements=complements, derived=derived, irregular=irregular, agent_nouns=agent_nouns
    )


def _rows(text: str, origin: str) -> list[tuple[int, list[str]]]:
    """Non-comment, non-blank lines split on tabs, with their 1-based line numbers."""
    rows = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        rows.append((lineno, line.rstrip("\r\n").split("\t")))
    if not rows:
        raise ResourceError(f"{origin}: no header line")
    return rows


def _parse_table(text: str, origin: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    rows = _rows(text, origin)
    header_line, header = rows[0]
    if tuple(header) != columns:
        raise ResourceError(f"{origin}:{header_line}: header must be {' '.join(columns)} (tab-separated)")
    out = []
    for lineno, cells in rows[1:]:
        if len(cells) != len(columns):
            raise ResourceError(f"{origin}:{lineno}: expected {len(columns)} tab-separated fields, found {len(cells)}")
        out.append(dict(zip(columns, (c.strip() for c in cells), strict=True)))
    return out


def _parse_triggers(text: str, origin: str, ontology: Ontology) -> dict[str, TriggerEntry]:
    rows = _rows(text, origin)
    header_line, header = rows[0]
    if tuple(header) != TRIGGER_COLUMNS:
        raise ResourceError(f"{origin}:{header_line}: header must be {' '.join(TRIGGER_COLUMNS)} (tab-separated)")
    entries: dict[str, TriggerEntry] = {}
    for lineno, cells in rows[1:]:
        where = f"{origin}:{lineno}"
        if len(cells) != len(TRIGGER_COLUMNS):
            raise ResourceError(f"{where}: expected {len(TRIGGER_COLUMNS)} tab-separated fields, found {len(cells)}")
        row = dict(zip(TRIGGER_COLUMNS, (c.strip() for c in cells), strict=True))
        if not row["id"] or not row["lemma"]:
            raise ResourceError(f"{where}: 'id' and 'lemma' must not be empty")
        if row["pos"] not in POS_VALUES:
            raise ResourceError(f"{where}: pos must be one of {', '.join(POS_VALUES)}, not '{row['pos']}'")
        roles = row["roles"] or "active"
        if roles not in ROLE_VALUES:
            raise ResourceError(f"{where}: roles must be one of {', '.join(ROLE_VALUES)}, not '{roles}'")
        if row["cameo"] not in ontology:
            raise ResourceError(f"{where}: '{row['cameo']}' is not a CAMEO event code")
        try:
            prior = float(row["prior"]) if row["prior"] else 0.7
        except ValueError:
            raise ResourceError(f"{where}: prior must be a number in [0, 1], not '{row['prior']}'") from None
        if not 0.0 <= prior <= 1.0:
            raise ResourceError(f"{where}: prior must be in [0, 1], not {prior}")
        if row["id"] in entries:
            raise ResourceError(f"{where}: duplicate id '{row['id']}' in the same file")
        target = tuple(t for t in row["target"].split("|") if t and t not in ("-", "none"))
        entries[row["id"]] = TriggerEntry(
            id=row["id"],
            pos=row["pos"],
            lemma=row["lemma"].lower(),
            requires=frozenset(r.lower() for r in row["requires"].split("|") if r and r != "-"),
            target=target if row["target"] else (("dobj", "dative") if row["pos"] == "verb" else ()),
            roles=roles,
            cameo=row["cameo"],
            prior=prior,
            note=row["note"],
            origin=where,
        )
    return entries


def _inflections(lemma: str, pos: str, irregular: dict[str, tuple[str, ...]]) -> set[str]:
    """Surface forms a lemma may take, over-generated on purpose: it only feeds a set lookup."""
    forms = {lemma, *irregular.get(lemma, ())}
    if pos == "noun":
        if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
            forms.add(lemma[:-1] + "ies")
        forms |= {lemma + "s", lemma + "es"}
        return forms
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms |= {lemma + "s", lemma + "es", stem + "ed", stem + "ing", lemma + "d", lemma + "ed"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) >= 3 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # stop → stopped
    return forms
