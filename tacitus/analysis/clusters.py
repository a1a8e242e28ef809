"""Reports into events: link the coded events that report the same happening into clusters.

Many articles report one happening, and one article may mention it twice; counting each report
as an event (as GDELT does) makes a busy news day look like a busy day of events. Two events
are reports of the same happening when

- their dyads match: the same source and target side (a side is the actor's country, else its
  code, e.g. IGOSEAASN), or the reversed pair when both codes are mutual acts (`UNDIRECTED_CODES`:
  meetings, talks, agreements, material cooperation) — "Trump met Putin" and "Putin met Trump";
  a visit (042) and its hosting (043) are the same act seen from each side;
- their codes match: the same CAMEO root, or two roots that reports of one act often get
  (`NEIGHBOUR_ROOTS`: criticism and rejection; assault, fighting and mass violence);
- their dates are at most `WINDOW_DAYS` apart;
- their sentences say similar things: the overlap of their content-word sets (`similarity`:
  the share of the shorter sentence's words found in the other; `sentence_words`: lower-cased
  words of three letters or more, stop words out, cut to their first `STEM` letters; the
  actors' own words left out, since the dyad already matched) is at least `MIN_SIMILARITY`.

Clusters are the connected components of these links (single link with merges), so the
partition does not depend on the order events arrive in. A new event that links no cluster
starts one, whose id is "c" + its own event id; one that links several merges them, and the
cluster whose founding event is the oldest (by date, then id) keeps its id.

The update is incremental: after each ingest chunk, `update_clusters` takes the events not yet
clustered (article by article in the order they were read, in reading order within one), asks
DuckDB for the clustered events of the same dyad within the date window (the only ones it
compares with), assigns each new event, and recomputes the counts of the clusters it touched.
The same articles in the same order give the same clusters whether ingested in one run or in
several, by one process or by parallel workers, or rebuilt with `cluster(db, rebuild=True)`.

Duplicate articles (`articles.duplicate_of`, exact or near copies, not coded) are further
reports of their original's events: they add to n_mentions, n_articles and n_sources.
Method, parameters and measured quality: docs/analysis.md ("Reports into events").

Example:
    >>> with Store("events.duckdb") as store:
    ...     update_clusters(store)
    ...     cluster_events(store, "c5f1e...")
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from tacitus.errors import StoreError
from tacitus.store import Store

__all__ = [
    "MIN_SIMILARITY",
    "NEIGHBOUR_ROOTS",
    "UNDIRECTED_CODES",
    "WINDOW_DAYS",
    "ClusterSummary",
    "cluster",
    "cluster_events",
    "codes_match",
    "is_lead",
    "rebuild_clusters",
    "sentence_words",
    "similarity",
    "update_clusters",
]

#: Two reports of one happening are at most this many days apart (dates are the articles' dates).
WINDOW_DAYS = 3
#: The least overlap of two events' sentence words for them to report one happening (chosen on
#: the dev half of gold/clusters; docs/analysis.md).
MIN_SIMILARITY = 0.15
#: Leave the actors' own words out of the comparison (they match whenever the dyads do).
DROP_ACTOR_WORDS = True
#: Words are compared by their first letters only, a crude stemmer ("sanctions", "sanctioned").
STEM = 5
#: An event in one of the first this-many sentences of its article is in the lead (is_root).
LEAD_SENTENCES = 2
#: Events clustered per transaction when many wait (a rebuild, an old store's first update).
BATCH_EVENTS = 20_000

#: CAMEO codes of mutual acts: "A met B" is "B met A". Intent to meet (036), consultations
#: (040 consult, 041 discuss by telephone, 044 meet at a third place, 046 negotiate), formal
#: agreements (057) and material cooperation (060-064). Not 045 (mediation has a side).
UNDIRECTED_CODES = frozenset({"036", "040", "041", "044", "046", "057", "060", "061", "062", "063", "064"})
#: A visit (042) is its hosting (043) seen from the other side: "A visited B" is "B hosted A".
VISIT_CODES = frozenset({"042", "043"})
#: Pairs of CAMEO roots that reports of one act often get (criticism reported as rejection;
#: an attack reported as assault, fighting or mass violence).
NEIGHBOUR_ROOTS = frozenset(frozenset(pair) for pair in (("11", "12"), ("18", "19"), ("19", "20"), ("18", "20")))

_WORD = re.compile(r"[a-z]{3,}")
# Function words and the words every political report shares; my own list, kept short.
_STOP_WORDS = """
    the and for that with this from was were are has have had its their his her they them than then but
    not who whom which what when where while also into over about after before between during said says
    say told would will could should may might must can did does been being such other our ours your
    you she him more most some any all each both only very just there here these those out upon per via
    under against amid among because since until within without mr mrs ms one two three first new last
    week today monday tuesday wednesday thursday friday saturday sunday statement spokesperson spokesman
    official officials government president secretary minister
"""
_STOP = frozenset(_STOP_WORDS.split())


@dataclass
class ClusterSummary:
    """What `cluster` or `update_clusters` did."""

    db: str
    events: int = 0  # events clustered now
    new_clusters: int = 0  # clusters started now
    joined: int = 0  # events that joined an existing cluster
    merged: int = 0  # stored clusters absorbed because a new event linked them to another
    touched: int = 0  # clusters whose counts were recomputed
    clusters: int = 0  # clusters in the store afterwards
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "db": self.db,
            "events": self.events,
            "new_clusters": self.new_clusters,
            "joined": self.joined,
            "merged": self.merged,
            "touched": self.touched,
            "clusters": self.clusters,
            "seconds": round(self.seconds, 3),
        }


@dataclass
class _Member:
    """What the matcher needs to know of one event."""

    event_id: str
    cluster_id: str
    date: dt.date
    source_key: str
    target_key: str
    cameo: str
    words: frozenset[str] = field(repr=False)


# -- the rules, one function each --------------------------------------------------------


def sentence_words(text: str | None) -> frozenset[str]:
    """The content words of a sentence, lower-cased, stop words out, cut to `STEM` letters."""
    if not text:
        return frozenset()
    return frozenset(word[:STEM] for word in _WORD.findall(text.lower()) if word not in _STOP)


def _act_words(sentence: str | None, actors: str | None) -> frozenset[str]:
    """A sentence's words less its actors' words: the dyad already matched, so they prove nothing."""
    if not DROP_ACTOR_WORDS:
        return sentence_words(sentence)
    return sentence_words(sentence) - sentence_words(actors)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """The overlap of two word sets: the share of the smaller set's words that the other has.

    Not Jaccard: a headline and a long sentence about one act share few of the long one's words,
    and Jaccard punishes the length (on the dev half of gold/clusters it lost recall for no
    precision; docs/analysis.md). 0 when either set is empty.
    """
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def codes_match(a: str, b: str) -> bool:
    """Whether two CAMEO codes can report one act: the same root or neighbouring roots."""
    root_a, root_b = a[:2], b[:2]
    return root_a == root_b or frozenset((root_a, root_b)) in NEIGHBOUR_ROOTS


def _mutual(code: str) -> bool:
    return code in UNDIRECTED_CODES or code in VISIT_CODES


def dyads_match(a: _Member, b: _Member) -> bool:
    """Same direction, or reversed when both acts are mutual (a visit and its hosting included)."""
    same = a.source_key == b.source_key and a.target_key == b.target_key
    reversed_ = a.source_key == b.target_key and a.target_key == b.source_key
    visit_pair = {a.cameo, b.cameo} == VISIT_CODES
    if same and not visit_pair:
        return True
    if reversed_ and _mutual(a.cameo) and _mutual(b.cameo):
        # 'A visited B' and 'B visited A' are two visits; 'A visited B' and 'B hosted A' are one.
        return not (a.cameo == b.cameo and a.cameo in VISIT_CODES)
    return False


def is_lead(sentence_index: int | None, trigger_start: int | None, first_paragraph_end: int | None) -> bool:
    """An event is in the lead when it is in the first `LEAD_SENTENCES` sentences or the first paragraph.

    `first_paragraph_end` is the offset of the article's first blank line (None or 0 when it has
    none: a text without paragraphs has no first paragraph to speak of).
    """
    if sentence_index is not None and sentence_index < LEAD_SENTENCES:
        return True
    return bool(first_paragraph_end) and trigger_start is not None and trigger_start < (first_paragraph_end or 0)


def _pair(source_key: str, target_key: str) -> str:
    return "\x1f".join(sorted((source_key, target_key)))


# -- the store side ------------------------------------------------------------------------

# A side of a dyad: the actor's country, else its code. '' for no target.
_SIDES = """coalesce(e.source_country, e.source_code) AS source_key,
            coalesce(e.target_country, e.target_code, '') AS target_key,
            concat_ws(' ', e.source_text, e.source_name, e.target_text, e.target_name) AS actor_words"""


def update_clusters(store: Store, articles: Iterable[str] = ()) -> ClusterSummary:
    """Cluster every event not yet clustered, in storage order, and refresh the clusters touched.

    Args:
        store: an open, writable Store.
        articles: ids of articles just stored; the clusters holding their originals' events
            are recounted, so a duplicate (exact or near) adds its mentions at once.

    Returns:
        A ClusterSummary of this update.
    """
    started = time.perf_counter()
    summary = ClusterSummary(db=str(store.path))
    touched: set[str] = set(_clusters_of_originals(store, sorted(set(articles))))
    while True:
        batch = _unclustered(store, BATCH_EVENTS)
        if not batch:
            break
        done = _assign(store, batch)
        new_here = {row["event_id"] for row in batch}
        founded_here = {cluster_id for cluster_id in done.clusters.values() if cluster_id[1:] in new_here}
        summary.events += len(done.clusters)
        summary.new_clusters += len(founded_here)
        summary.joined += len(done.clusters) - len(founded_here)
        summary.merged += sum(1 for absorbed in done.merged if absorbed[1:] not in new_here)
        touched.update(done.clusters.values())
        _write(store, done, touched, (_as_date(row["date"]) for row in batch))
        summary.touched += len(touched)
        touched = set()
    if touched:
        _write(store, _Assignment(), touched)
        summary.touched += len(touched)
    summary.clusters = _scalar(store, "SELECT count(*) FROM clusters")
    summary.seconds = time.perf_counter() - started
    return summary


def rebuild_clusters(store: Store) -> ClusterSummary:
    """Forget every cluster and cluster the whole store again, in storage order."""
    _execute(store, ["UPDATE events SET cluster_id = NULL, is_root = NULL", "DELETE FROM clusters"])
    return update_clusters(store)


def cluster(db: str | Path | Store, *, rebuild: bool = False) -> ClusterSummary:
    """Cluster the events of the store at `db` not yet clustered; with `rebuild`, all of them anew.

    Stores ingested before clusters existed (schema 0003) are brought up to date this way; new
    ingests cluster each chunk themselves.
    """
    if isinstance(db, Store):
        return rebuild_clusters(db) if rebuild else update_clusters(db)
    if not Path(db).is_file():
        raise StoreError(f"no event store at '{db}' (create one with `tacitus ingest ... --db {db}`)")
    with Store(db) as store:
        return rebuild_clusters(store) if rebuild else update_clusters(store)


def cluster_events(store: Store, cluster_id: str) -> pd.DataFrame:
    """The events of one cluster (every column of the events table), oldest first, leads first."""
    return store.con.execute(
        """
        SELECT * FROM events WHERE cluster_id = ?
        ORDER BY date NULLS LAST, is_root DESC NULLS LAST, doc_id, trigger_start
        """,
        [cluster_id],
    ).df()


def _scalar(store: Store, sql: str) -> int:
    rows = store.con.execute(sql).fetchall()
    return int(rows[0][0]) if rows else 0


def _execute(store: Store, statements: Sequence[str]) -> None:
    con = store.con
    try:
        con.execute("BEGIN TRANSACTION")
        for sql in statements:
            con.execute(sql)
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise StoreError(f"cannot update the clusters of '{store.path}': {exc}") from exc


def _clusters_of_originals(store: Store, article_ids: list[str]) -> list[str]:
    """Clusters holding events of the originals that these (duplicate) articles point at."""
    if not article_ids:
        return []
    store.con.register("_tacitus_articles_now", pa.table({"id": pa.array(article_ids, pa.string())}))
    try:
        rows = store.con.execute(
            """
            SELECT DISTINCT e.cluster_id FROM events e
            JOIN articles a ON a.duplicate_of = e.doc_id
            SEMI JOIN _tacitus_articles_now n ON a.id = n.id
            WHERE e.cluster_id IS NOT NULL
            """
        ).fetchall()
    finally:
        store.con.unregister("_tacitus_articles_now")
    return [row[0] for row in rows]


def _unclustered(store: Store, limit: int) -> list[dict[str, Any]]:
    """The next `limit` events without a cluster, in the order their articles were read, with lead bounds."""
    rows = _records(
        store.con.execute(
            f"""
            SELECT e.event_id, e.doc_id, e.date, e.cameo, e.sentence, e.sentence_index, e.trigger_start, {_SIDES}
            FROM events e LEFT JOIN articles a ON a.id = e.doc_id
            WHERE e.cluster_id IS NULL
            -- Input order: chunk by chunk (one ingested_at each), then by file and line ("path:line"),
            -- then reading order within the article. Not the table's row order, which an engine that
            -- codes in parallel may write differently.
            ORDER BY a.ingested_at NULLS LAST,
                     regexp_replace(a.origin, ':[0-9]+$', ''),
                     TRY_CAST(regexp_extract(a.origin, ':([0-9]+)$', 1) AS BIGINT),
                     e.doc_id, e.sentence_index, e.trigger_start, e.event_id
            LIMIT ?
            """,
            [limit],
        )
    )
    ends = _first_paragraph_ends(store, sorted({row["doc_id"] for row in rows}))
    for row in rows:
        row["first_paragraph_end"] = ends.get(row["doc_id"])
    return rows


def _first_paragraph_ends(store: Store, doc_ids: list[str]) -> dict[str, int | None]:
    """Offset of each article's first blank line (None when it has none), read for these articles only."""
    if not doc_ids:
        return {}
    store.con.register("_tacitus_docs", pa.table({"id": pa.array(doc_ids, pa.string())}))
    try:
        rows = store.con.execute(
            """
            SELECT a.id, nullif(strpos(a.text, chr(10) || chr(10)), 0) - 1
            FROM articles a SEMI JOIN _tacitus_docs d ON a.id = d.id
            """
        ).fetchall()
    finally:
        store.con.unregister("_tacitus_docs")
    return {doc_id: end for doc_id, end in rows}


def _candidates(store: Store, batch: list[dict[str, Any]]) -> dict[str, list[_Member]]:
    """Clustered events of the batch's dyads (either direction) within the date window, by pair."""
    spans: dict[str, tuple[dt.date, dt.date]] = {}
    for row in batch:
        day = _as_date(row["date"])
        if day is None or not row["source_key"]:
            continue
        key = _pair(row["source_key"], row["target_key"])
        low, high = spans.get(key, (day, day))
        spans[key] = (min(low, day), max(high, day))
    if not spans:
        return {}
    window = dt.timedelta(days=WINDOW_DAYS)
    keys = sorted(spans)
    wanted = pa.table(
        {
            "pair": pa.array(keys, pa.string()),
            "low": pa.array([spans[k][0] - window for k in keys], pa.date32()),
            "high": pa.array([spans[k][1] + window for k in keys], pa.date32()),
        }
    )
    store.con.register("_tacitus_pairs", wanted)
    try:
        rows = _records(
            store.con.execute(
                f"""
                WITH e AS (
                    SELECT e.event_id, e.cluster_id, e.date, e.cameo, e.sentence, {_SIDES}
                    FROM events e
                    WHERE e.cluster_id IS NOT NULL
                      AND e.date BETWEEN ? AND ?  -- constants, so the date's zone maps skip the rest
                )
                SELECT e.* FROM e JOIN _tacitus_pairs p
                  ON p.pair = least(e.source_key, e.target_key) || chr(31) || greatest(e.source_key, e.target_key)
                 AND e.date BETWEEN p.low AND p.high
                ORDER BY e.cluster_id, e.event_id
                """,
                [min(spans[k][0] for k in keys) - window, max(spans[k][1] for k in keys) + window],
            )
        )
    finally:
        store.con.unregister("_tacitus_pairs")
    found: dict[str, list[_Member]] = defaultdict(list)
    for row in rows:
        member = _member(row, row["cluster_id"])
        if member is not None:
            found[_pair(member.source_key, member.target_key)].append(member)
    return found


def _member(row: dict[str, Any], cluster_id: str) -> _Member | None:
    day = _as_date(row["date"])
    if day is None or not row["source_key"]:
        return None
    return _Member(
        event_id=row["event_id"],
        cluster_id=cluster_id,
        date=day,
        source_key=row["source_key"],
        target_key=row["target_key"] or "",
        cameo=row["cameo"],
        words=_act_words(row["sentence"], row["actor_words"]),
    )


@dataclass
class _Assignment:
    """What one batch decided: each event's cluster, its lead flag, and the clusters merged away."""

    clusters: dict[str, str] = field(default_factory=dict)  # event_id -> cluster_id
    leads: dict[str, bool] = field(default_factory=dict)  # event_id -> is_root
    merged: dict[str, str] = field(default_factory=dict)  # absorbed cluster_id -> surviving cluster_id
    started: int = 0


def _assign(store: Store, batch: list[dict[str, Any]]) -> _Assignment:
    """Give each event of the batch a cluster, merging the clusters an event links.

    Clusters are the connected components of the "same happening" links, so the partition
    does not depend on the order events arrive in. When an event links several clusters, the
    one whose founding event is the oldest (by date, then id) keeps its id and absorbs the rest.
    """
    known = _candidates(store, batch)
    # A cluster's founding event is usually among the candidates; look up only the others.
    seen = {m.event_id: m.date for members in known.values() for m in members}
    clusters = {m.cluster_id for members in known.values() for m in members}
    founded: dict[str, dt.date | None] = {c: seen[c[1:]] for c in clusters if c[1:] in seen}
    founded.update(_founding_dates(store, {c for c in clusters if c not in founded}))
    parent: dict[str, str] = {}

    def find(cluster_id: str) -> str:
        while parent.get(cluster_id, cluster_id) != cluster_id:
            cluster_id = parent[cluster_id]
        return cluster_id

    result = _Assignment()
    for row in batch:
        event_id = row["event_id"]
        result.leads[event_id] = is_lead(
            _int_or_none(row["sentence_index"]),
            _int_or_none(row["trigger_start"]),
            _int_or_none(row["first_paragraph_end"]),
        )
        candidate = _member(row, "")
        linked: set[str] = set()
        if candidate is not None:
            for member in known.get(_pair(candidate.source_key, candidate.target_key), ()):
                if abs((member.date - candidate.date).days) > WINDOW_DAYS:
                    continue
                if not codes_match(member.cameo, candidate.cameo) or not dyads_match(member, candidate):
                    continue
                if similarity(member.words, candidate.words) >= MIN_SIMILARITY:
                    linked.add(find(member.cluster_id))
        if linked:
            survivor = min(linked, key=lambda c: (founded.get(c) or dt.date.max, c))
            for other in linked - {survivor}:
                parent[other] = survivor
        else:
            survivor = "c" + event_id
            founded[survivor] = _as_date(row["date"])
            result.started += 1
        result.clusters[event_id] = survivor
        if candidate is not None:
            candidate.cluster_id = survivor
            known.setdefault(_pair(candidate.source_key, candidate.target_key), []).append(candidate)
    result.clusters = {event_id: find(cluster_id) for event_id, cluster_id in result.clusters.items()}
    result.merged = {cluster_id: find(cluster_id) for cluster_id in parent if find(cluster_id) != cluster_id}
    return result


def _founding_dates(store: Store, cluster_ids: set[str]) -> dict[str, dt.date | None]:
    """The date of each cluster's founding event (its id is "c" + that event's id)."""
    founders = sorted(cluster_id[1:] for cluster_id in cluster_ids)
    if not founders:
        return {}
    store.con.register("_tacitus_founders", pa.table({"event_id": pa.array(founders, pa.string())}))
    try:
        rows = store.con.execute(
            "SELECT e.event_id, e.date FROM events e SEMI JOIN _tacitus_founders f ON e.event_id = f.event_id"
        ).fetchall()
    finally:
        store.con.unregister("_tacitus_founders")
    return {"c" + event_id: day for event_id, day in rows}


def _write(
    store: Store,
    done: _Assignment,
    touched: set[str],
    new_dates: Iterable[dt.date | None] = (),
) -> None:
    """Store the assignments and merges and recount the touched clusters, in one transaction."""
    con = store.con
    assigned, leads = done.clusters, done.leads
    ids = list(assigned)
    updates = pa.table(
        {
            "event_id": pa.array(ids, pa.string()),
            "cluster_id": pa.array([assigned[i] for i in ids], pa.string()),
            "is_root": pa.array([leads[i] for i in ids], pa.bool_()),
        }
    )
    try:
        con.execute("BEGIN TRANSACTION")
        con.register("_tacitus_assigned", updates)
        # The absorbed clusters' spans bound the recount's reads too, so they are "touched" here.
        recount = sorted(touched | set(done.merged))
        con.register("_tacitus_touched", pa.table({"cluster_id": pa.array(recount, pa.string())}))
        if done.merged:
            absorbed = sorted(done.merged)
            con.register(
                "_tacitus_merged",
                pa.table(
                    {
                        "absorbed": pa.array(absorbed, pa.string()),
                        "survivor": pa.array([done.merged[c] for c in absorbed], pa.string()),
                    }
                ),
            )
            con.execute(
                """
                UPDATE events SET cluster_id = m.survivor
                FROM _tacitus_merged m WHERE events.cluster_id = m.absorbed
                """
            )
        if ids:
            con.execute(
                """
                UPDATE events SET cluster_id = u.cluster_id, is_root = u.is_root
                FROM _tacitus_assigned u WHERE events.event_id = u.event_id
                """
            )
        rows = _recount(con, list(new_dates))
        if done.merged:
            con.execute("DELETE FROM clusters WHERE cluster_id IN (SELECT absorbed FROM _tacitus_merged)")
        if rows:
            con.register("_tacitus_counts", pa.Table.from_pylist(rows, schema=_CLUSTER_SCHEMA))
            con.execute("INSERT OR REPLACE INTO clusters BY NAME SELECT * FROM _tacitus_counts")
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise StoreError(f"cannot update the clusters of '{store.path}': {exc}") from exc
    finally:
        for name in ("_tacitus_assigned", "_tacitus_touched", "_tacitus_merged", "_tacitus_counts"):
            con.unregister(name)


_CLUSTER_SCHEMA = pa.schema(
    [
        ("cluster_id", pa.string()),
        ("n_events", pa.int32()),
        ("n_mentions", pa.int32()),
        ("n_articles", pa.int32()),
        ("n_sources", pa.int32()),
        ("first_seen", pa.date32()),
        ("last_seen", pa.date32()),
        ("cameo", pa.string()),
        ("cameo_root", pa.string()),
        ("quad_class", pa.int8()),
        ("source_code", pa.string()),
        ("target_code", pa.string()),
        ("root_event_id", pa.string()),
        ("updated_at", pa.timestamp("us")),
    ]
)

_MEMBER_COLUMNS = """e.cluster_id, e.event_id, e.doc_id, e.date, e.is_root, e.confidence, e.cameo, e.cameo_root,
                     e.quad_class, e.source_code, e.target_code"""


def _recount(con: duckdb.DuckDBPyConnection, new_dates: list[dt.date | None]) -> list[dict[str, Any]]:
    """The counts of the clusters in _tacitus_touched, from their events, their articles and copies.

    Reads are bounded by date where they can be: a cluster's events lie between its first_seen
    and last_seen (widened by the new events' dates) and an event has its article's date, so on
    a large store the scans stay within the days this update touched.
    """
    first, last, undated_clusters = con.execute(
        """
        SELECT min(c.first_seen), max(c.last_seen), count(*) FILTER (WHERE c.first_seen IS NULL)
        FROM clusters c SEMI JOIN _tacitus_touched t ON c.cluster_id = t.cluster_id
        """
    ).fetchall()[0]
    dated = [day for day in (first, last, *new_dates) if day is not None]
    undated = bool(undated_clusters) or any(day is None for day in new_dates)
    members: list[dict[str, Any]] = []
    if dated:
        members += _records(
            con.execute(
                f"""SELECT {_MEMBER_COLUMNS} FROM events e SEMI JOIN _tacitus_touched t ON e.cluster_id = t.cluster_id
                    WHERE e.date BETWEEN ? AND ?""",
                [min(dated), max(dated)],
            )
        )
    if undated:
        members += _records(
            con.execute(
                f"""SELECT {_MEMBER_COLUMNS} FROM events e SEMI JOIN _tacitus_touched t ON e.cluster_id = t.cluster_id
                    WHERE e.date IS NULL"""
            )
        )
    if not members:
        return []
    reports, copies = _reports(con, members, dated)
    by_cluster: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for member in members:
        by_cluster[member["cluster_id"]].append(member)
    now = _now()
    return [_counts(cluster_id, events, reports, copies, now) for cluster_id, events in sorted(by_cluster.items())]


def _reports(
    con: duckdb.DuckDBPyConnection, members: list[dict[str, Any]], dated: list[dt.date]
) -> tuple[dict[str, tuple[Any, Any]], dict[str, list[tuple[str, Any, Any]]]]:
    """(date, source) of the members' articles, and the copies (id, date, source) of each."""
    doc_ids = sorted({m["doc_id"] for m in members})
    con.register("_tacitus_member_docs", pa.table({"id": pa.array(doc_ids, pa.string())}))
    articles: dict[str, tuple[Any, Any]] = {}
    copies: dict[str, list[tuple[str, Any, Any]]] = defaultdict(list)
    try:
        select = "SELECT a.id, a.date, a.source FROM articles a SEMI JOIN _tacitus_member_docs d ON a.id = d.id"
        if dated:
            rows = con.execute(f"{select} WHERE a.date BETWEEN ? AND ?", [min(dated), max(dated)]).fetchall()
            articles.update((doc_id, (day, source)) for doc_id, day, source in rows)
        if len(articles) < len(doc_ids):  # undated articles (or, oddly, dated unlike their events)
            articles.update((doc_id, (day, source)) for doc_id, day, source in con.execute(select).fetchall())
        for copy_id, original, day, source in con.execute(
            """SELECT a.id, a.duplicate_of, a.date, a.source FROM articles a
               SEMI JOIN _tacitus_member_docs d ON a.duplicate_of = d.id"""
        ).fetchall():
            copies[original].append((copy_id, day, source))
    finally:
        con.unregister("_tacitus_member_docs")
    return articles, copies


def _counts(
    cluster_id: str,
    events: list[dict[str, Any]],
    articles: dict[str, tuple[Any, Any]],
    copies: dict[str, list[tuple[str, Any, Any]]],
    now: dt.datetime,
) -> dict[str, Any]:
    """One clusters row: its events, the articles reporting them and their copies."""
    reports: dict[str, tuple[Any, Any]] = {}
    mentions = 0
    for event in events:
        doc_id = event["doc_id"]
        reports[doc_id] = articles.get(doc_id, (event["date"], None))
        mentions += 1 + len(copies.get(doc_id, ()))
        for copy_id, day, source in copies.get(doc_id, ()):
            reports[copy_id] = (day, source)
    # The events' own dates too, so a cluster's span always holds its events (_recount relies on it).
    days = [day for day, _ in reports.values() if day is not None] + [e["date"] for e in events if e["date"]]
    root = min(events, key=_root_order)
    return {
        "cluster_id": cluster_id,
        "n_events": len(events),
        "n_mentions": mentions,
        "n_articles": len(reports),
        "n_sources": len({source for _, source in reports.values() if source is not None}),
        "first_seen": min(days) if days else None,
        "last_seen": max(days) if days else None,
        "cameo": root["cameo"],
        "cameo_root": root["cameo_root"],
        "quad_class": root["quad_class"],
        "source_code": root["source_code"],
        "target_code": root["target_code"],
        "root_event_id": root["event_id"],
        "updated_at": now,
    }


def _root_order(event: dict[str, Any]) -> tuple[bool, dt.date, float, str]:
    """The event that stands for a cluster sorts first: a lead event, then the earliest, the most confident."""
    return (not event["is_root"], event["date"] or dt.date.max, -(event["confidence"] or 0.0), event["event_id"])


def _records(result: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """A result's rows as dicts, with Python values (None for NULL: no NaN from pandas)."""
    names = [column[0] for column in result.description or ()]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def _int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
