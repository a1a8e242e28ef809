"""Calibration: turn the coder's raw score into the chance that the event is fully right.

The raw score (`confidence.py`: a rule's prior times evidence factors) ranks events well
but its numbers mean nothing by themselves. `tools/calibrate.py` codes the real-news dev
split, marks which events are fully right (source, target and root), and fits a monotone
map from raw score to that share (isotonic regression, pool-adjacent-violators). The map
is data, ``tacitus/data/lexicon/calibration.tsv``: points (raw, calibrated) joined by
straight lines. So a confidence of 0.8 means "about 80% of such events on real news were
fully right", and `--min-confidence` is a precision dial users can read.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence

from tacitus.errors import ResourceError
from tacitus.resources import read_tsv

_PATH = "lexicon/calibration.tsv"


@functools.cache
def calibration_points() -> tuple[tuple[float, ...], tuple[float, ...]]:
    """(raw scores, calibrated values) of the packaged map, raw ascending, both non-decreasing."""
    raw: list[float] = []
    calibrated: list[float] = []
    for row in read_tsv(_PATH):
        try:
            raw.append(float(row["raw"]))
            calibrated.append(float(row["calibrated"]))
        except (KeyError, ValueError):
            raise ResourceError(f"data/{_PATH}: every row needs numbers 'raw' and 'calibrated' ({row})") from None
    if not raw or raw != sorted(raw) or calibrated != sorted(calibrated):
        raise ResourceError(f"data/{_PATH}: points must be non-empty, with raw and calibrated both ascending")
    return tuple(raw), tuple(calibrated)


def calibrate(score: float) -> float:
    """The calibrated confidence of a raw score (linear between the map's points, flat beyond them)."""
    raw, calibrated = calibration_points()
    return interpolate(score, raw, calibrated)


def interpolate(x: float, xs: Sequence[float], ys: Sequence[float]) -> float:
    if x <= xs[0]:
        return ys[0]
    if x >= xs[-1]:
        return ys[-1]
    i = bisect.bisect_right(xs, x)
    x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
    return y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)


def fit_isotonic(samples: Sequence[tuple[float, bool]], *, min_block: int = 8) -> list[tuple[float, float, int]]:
    """Points (mean score, share correct, samples) of a non-decreasing map (pool adjacent violators).

    Blocks are merged until each holds at least `min_block` samples, so a handful of events
    cannot make a step; each block gives one point at its mean score.
    """
    ordered = sorted(samples)
    blocks: list[list[float]] = []  # [sum of scores, sum of hits, count]
    for score, hit in ordered:
        blocks.append([score, float(hit), 1.0])
        while len(blocks) > 1 and (
            blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2] or blocks[-2][2] < min_block
        ):
            last = blocks.pop()
            blocks[-1] = [a + b for a, b in zip(blocks[-1], last, strict=True)]
    if len(blocks) > 1 and blocks[-1][2] < min_block:
        last = blocks.pop()
        blocks[-1] = [a + b for a, b in zip(blocks[-1], last, strict=True)]
    return [(total / count, hits / count, int(count)) for total, hits, count in blocks]
