"""Isotonic calibration: the yardstick the learned verifier (`tacitus.coding.verifier`) has to beat.

Before the verifier, the coder's raw score was mapped to "the share of dev events with about
that score that were fully right" by a monotone fit (pool adjacent violators). That map is
kept here as a method, not as shipped data: `tools/train_verifier.py` fits it on the same
training folds as the verifier and reports both on the held-out folds, so the verifier ships
only while it does better.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence


def interpolate(x: float, xs: Sequence[float], ys: Sequence[float]) -> float:
    """The value at `x` of the line through the points (xs, ys), flat beyond the first and last."""
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
