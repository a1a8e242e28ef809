"""Near-duplicate articles: a re-run or lightly edited wire story is linked to its first copy.

    text ─► lower-cased words ─► 5-word shingles (64-bit hashes)
         ─► MinHash signature (120 multiply-shift hash functions, minimum of each)
         ─► 40 bands of 3 values, each band hashed to one bucket key
         ─► articles sharing a bucket are candidates
         ─► containment (share of the shorter text's shingles found in the other) ≥ threshold: a link

The band index lives in the store (table ``article_bands``: band, bucket, article_id), not in
Python memory, so a store of millions of articles is checked one ingest chunk at a time: the
chunk's bucket keys are registered as a small table, hash-joined against the band table as it
streams past, and only candidates' texts are read back. Only originals are indexed, so a link
always points at a first copy. With 40 bands of 3 rows, a pair with shingle Jaccard 0.35 becomes a
candidate with probability 0.83, one with 0.5 with 0.99, one with 0.1 with 0.04 and an unrelated
one (0.01) with 0.00004; the exact containment of the two texts' shingles then decides, so
candidates cost time, never precision. Containment rather than Jaccard, because a re-run is
often trimmed: the first 60% of a story has Jaccard 0.6 with it but containment 1.

The first copy wins: a later, longer version of a stored story is linked and not coded, so
events only its extra paragraphs hold are not coded (switch `near_duplicates` off to code
every version).

At most `MAX_CANDIDATES` stored candidates are verified per article (those sharing the most
bands). Texts shorter than `MIN_SHINGLES` shingles (about 25 words) are not checked: a handful of
words says too little to tell a re-run from a formula ("Photo: Reuters"). Exact copies are
found earlier by content hash (tacitus.jobs.ingest).

DOCS: docs/enrich.md#near-duplicate-articles
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from tacitus.errors import EnrichError
from tacitus.models import Article

__all__ = [
    "BANDS",
    "MAX_CANDIDATES",
    "MIN_SHINGLES",
    "NEAR_DUPLICATES_VERSION",
    "NUM_PERM",
    "SHINGLE_WORDS",
    "THRESHOLD",
    "MinHasher",
    "NearDuplicate",
    "containment",
    "estimate_jaccard",
    "find_near_duplicates",
    "index_articles",
    "jaccard",
    "shingles",
]

#: Words per shingle.
SHINGLE_WORDS = 5
#: Hash functions in a signature, and the bands they are cut into (rows per band = NUM_PERM // BANDS).
NUM_PERM = 120
BANDS = 40
#: Shingle containment at or above which two articles are the same story (chosen on the tuning
#: half of tools/eval_near_duplicates.py; docs/enrich.md gives the figures).
THRESHOLD = 0.6
#: Texts with fewer shingles are not checked for near-duplicates.
MIN_SHINGLES = 20
#: Stored candidates verified per article at most, those sharing the most bands first: a bucket that
#: boilerplate fills (an outlet's footer) cannot make one article read hundreds of texts.
MAX_CANDIDATES = 20
#: The scheme's name (reported by `tacitus enrich`): a change here makes stored band keys incomparable.
NEAR_DUPLICATES_VERSION = f"near_duplicates@minhash-{NUM_PERM}x{BANDS}-k{SHINGLE_WORDS}"

_WORD = re.compile(r"\w+")
_SEED = 20261201
_MASK64 = (1 << 64) - 1
_POLY = np.uint64(0x100000001B3)  # multiplier combining word hashes into a shingle hash
_BLOCK = 4096  # shingles per block when taking minima: bounds memory for very long texts

UInt64Array = npt.NDArray[np.uint64]
UInt32Array = npt.NDArray[np.uint32]


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    """An article found to be a near-copy of a stored (or earlier in the chunk) original."""

    article_id: str
    duplicate_of: str
    similarity: float  # containment: share of the shorter text's shingles found in the other


@functools.lru_cache(maxsize=65536)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def shingles(text: str, *, k: int = SHINGLE_WORDS) -> UInt64Array:
    """The distinct k-word shingles of `text` as 64-bit hashes (sorted).

    Words are lower-cased runs of letters and digits; punctuation and spacing do not matter.
    A text of fewer than k words is one shingle.
    """
    words = _WORD.findall(text.lower())
    if not words:
        return np.empty(0, dtype=np.uint64)
    hashes = np.fromiter((_word_hash(w) for w in words), dtype=np.uint64, count=len(words))
    if len(words) < k:
        k = len(words)
    count = len(words) - k + 1
    combined = hashes[:count].copy()
    for offset in range(1, k):  # polynomial rolling combination, wrapping mod 2**64
        combined = combined * _POLY + hashes[offset : offset + count]
    return np.unique(combined)


def jaccard(a: UInt64Array, b: UInt64Array) -> float:
    """Exact Jaccard similarity of two sorted shingle sets: what MinHash estimates."""
    if not len(a) and not len(b):
        return 1.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common)


def containment(a: UInt64Array, b: UInt64Array) -> float:
    """Share of the smaller shingle set found in the other: 1 for a trimmed copy, what links decide on."""
    if not len(a) or not len(b):
        return 1.0 if len(a) == len(b) else 0.0
    return len(np.intersect1d(a, b, assume_unique=True)) / min(len(a), len(b))


class MinHasher:
    """MinHash signatures and LSH band keys with fixed, seeded hash functions.

    Hash function i maps a 64-bit shingle x to the top 32 bits of (a_i·x + b_i) mod 2^64 with
    a_i odd (multiply-shift hashing); the signature holds each function's minimum.
    """

    def __init__(self, num_perm: int = NUM_PERM, bands: int = BANDS, seed: int = _SEED) -> None:
        if num_perm % bands:
            raise EnrichError(f"num_perm ({num_perm}) must be a multiple of bands ({bands})")
        self.num_perm, self.bands, self.rows = num_perm, bands, num_perm // bands
        rng = np.random.default_rng(seed)
        self._a = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        self._b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
        self._band_mix = rng.integers(0, 2**63, size=(bands, self.rows), dtype=np.uint64) | np.uint64(1)

    def signature(self, shingle_hashes: UInt64Array) -> UInt32Array:
        """The MinHash signature of a shingle set (all 2^32 − 1 for an empty set)."""
        minima = np.full(self.num_perm, np.iinfo(np.uint32).max, dtype=np.uint64)
        for start in range(0, len(shingle_hashes), _BLOCK):
            block = shingle_hashes[start : start + _BLOCK]
            values = (block[:, None] * self._a[None, :] + self._b[None, :]) >> np.uint64(32)
            np.minimum(minima, values.min(axis=0), out=minima)
        return minima.astype(np.uint32)

    def band_keys(self, signature: UInt32Array) -> npt.NDArray[np.int64]:
        """One signed 64-bit bucket key per band; the band number is mixed in, so keys never collide across bands."""
        rows = signature.astype(np.uint64).reshape(self.bands, self.rows)
        mixed = (rows * self._band_mix).sum(axis=1, dtype=np.uint64)
        mixed = mixed ^ (np.arange(self.bands, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15))
        keys: npt.NDArray[np.int64] = mixed.view(np.int64)
        return keys


def estimate_jaccard(a: UInt32Array, b: UInt32Array) -> float:
    """The Jaccard similarity two signatures estimate: the share of equal minima."""
    if a.shape != b.shape:
        raise EnrichError(f"signatures of different lengths: {a.shape} and {b.shape}")
    return float(np.mean(a == b))


@functools.cache
def _default_hasher() -> MinHasher:
    return MinHasher()


@dataclass(frozen=True)
class _Prepared:
    article: Article
    shingles: UInt64Array
    keys: npt.NDArray[np.int64]


def _prepare(articles: Iterable[Article], hasher: MinHasher) -> list[_Prepared]:
    prepared = []
    for article in articles:
        found = shingles(article.text)
        if len(found) < MIN_SHINGLES:
            continue
        prepared.append(_Prepared(article, found, hasher.band_keys(hasher.signature(found))))
    return prepared


def find_near_duplicates(
    con: duckdb.DuckDBPyConnection,
    articles: Sequence[Article],
    *,
    threshold: float = THRESHOLD,
    hasher: MinHasher | None = None,
) -> tuple[list[NearDuplicate], list[tuple[str, npt.NDArray[np.int64]]]]:
    """Which of `articles` (in order) are near-copies of a stored original or of an earlier one here.

    Args:
        con: the store's connection (tables articles and article_bands, migration 0006).
        articles: new articles that are not exact duplicates, in ingest order.
        threshold: the shingle containment from which two texts are one story.
        hasher: the MinHash scheme; the default is the one the index was built with.

    Returns:
        The near-duplicates found, and the band keys of the remaining originals, to be
        written with `index_articles` once they are stored.
    """
    hasher = hasher or _default_hasher()
    prepared = _prepare(articles, hasher)
    stored = _stored_candidates(con, prepared)
    found: list[NearDuplicate] = []
    originals: list[tuple[str, npt.NDArray[np.int64]]] = []
    chunk_buckets: dict[int, list[int]] = {}  # bucket key -> positions of originals earlier in this chunk
    for position, item in enumerate(prepared):
        best: tuple[float, str] | None = None
        for candidate_id, candidate_shingles in stored.get(position, ()):
            similarity = containment(item.shingles, candidate_shingles)
            if similarity >= threshold and (best is None or similarity > best[0]):
                best = (similarity, candidate_id)
        earlier = {p for key in item.keys.tolist() for p in chunk_buckets.get(key, ())}
        for other in sorted(earlier):
            similarity = containment(item.shingles, prepared[other].shingles)
            if similarity >= threshold and (best is None or similarity > best[0]):
                best = (similarity, prepared[other].article.id)
        if best is not None:
            found.append(NearDuplicate(item.article.id, best[1], round(best[0], 4)))
            continue
        originals.append((item.article.id, item.keys))
        for key in item.keys.tolist():
            chunk_buckets.setdefault(key, []).append(position)
    return found, originals


def _stored_candidates(
    con: duckdb.DuckDBPyConnection, prepared: list[_Prepared]
) -> dict[int, list[tuple[str, UInt64Array]]]:
    """position -> (id, shingles) of the stored originals sharing a bucket with the article at that position."""
    if not prepared:
        return {}
    positions = np.repeat(np.arange(len(prepared), dtype=np.int32), [len(p.keys) for p in prepared])
    query = pa.table(
        {
            "position": pa.array(positions),
            "band": pa.array(np.concatenate([np.arange(len(p.keys), dtype=np.int16) for p in prepared])),
            "bucket": pa.array(np.concatenate([p.keys for p in prepared])),
        }
    )
    con.register("_tacitus_nd_query", query)
    try:
        rows = con.execute(
            """
            WITH shared AS (
                SELECT q.position, b.article_id, count(*) AS bands
                FROM _tacitus_nd_query q
                JOIN article_bands b ON b.bucket = q.bucket AND b.band = q.band
                GROUP BY q.position, b.article_id
            ),
            hits AS (
                SELECT position, article_id FROM shared
                QUALIFY row_number() OVER (PARTITION BY position ORDER BY bands DESC, article_id) <= ?
            )
            SELECT h.position, h.article_id, a.text
            FROM hits h JOIN articles a ON a.id = h.article_id
            WHERE a.duplicate_of IS NULL
            ORDER BY h.position, h.article_id
            """,
            [MAX_CANDIDATES],
        ).fetchall()
    except duckdb.Error as exc:
        raise EnrichError(f"cannot look up near-duplicate candidates: {exc}") from exc
    finally:
        con.unregister("_tacitus_nd_query")
    texts: dict[str, UInt64Array] = {}
    found: dict[int, list[tuple[str, UInt64Array]]] = {}
    for position, article_id, text in rows:
        if article_id not in texts:
            texts[article_id] = shingles(text)
        found.setdefault(position, []).append((article_id, texts[article_id]))
    return found


def index_articles(con: duckdb.DuckDBPyConnection, originals: Sequence[tuple[str, npt.NDArray[np.int64]]]) -> None:
    """Add the band keys of stored originals to the store's band index (article_bands)."""
    if not originals:
        return
    table = pa.table(
        {
            "band": pa.array(np.concatenate([np.arange(len(keys), dtype=np.int16) for _, keys in originals])),
            "bucket": pa.array(np.concatenate([keys for _, keys in originals])),
            "article_id": pa.array(
                [article_id for article_id, keys in originals for _ in range(len(keys))], pa.string()
            ),
        }
    )
    con.register("_tacitus_nd_bands", table)
    try:
        con.execute("INSERT INTO article_bands BY NAME SELECT * FROM _tacitus_nd_bands")
    except duckdb.Error as exc:
        raise EnrichError(f"cannot write the near-duplicate index: {exc}") from exc
    finally:
        con.unregister("_tacitus_nd_bands")
