"""The isotonic map the verifier is compared with: a monotone fit, read linearly between its points."""

from __future__ import annotations

import random

from tacitus.coding.calibration import fit_isotonic, interpolate


def test_fit_is_monotone_pools_small_blocks_and_keeps_every_sample() -> None:
    rng = random.Random(3)
    samples = [(score, rng.random() < score) for score in (rng.random() for _ in range(400))]
    points = fit_isotonic(samples, min_block=20)
    shares = [share for _, share, _ in points]
    assert shares == sorted(shares) and len(set(shares)) == len(shares)
    assert all(count >= 20 for _, _, count in points)
    assert sum(count for _, _, count in points) == 400
    # a true probability of `score` is recovered roughly at both ends
    assert points[0][1] < 0.3 and points[-1][1] > 0.7


def test_a_ranking_that_is_upside_down_is_pooled_flat() -> None:
    samples = [(0.9, False)] * 10 + [(0.1, True)] * 10
    ((score, share, count),) = fit_isotonic(samples, min_block=5)
    assert abs(score - 0.5) < 1e-9 and (share, count) == (0.5, 20)


def test_interpolation_is_linear_between_points_and_flat_beyond() -> None:
    xs, ys = (0.2, 0.6), (0.1, 0.5)
    assert interpolate(0.0, xs, ys) == 0.1 and interpolate(0.9, xs, ys) == 0.5
    assert abs(interpolate(0.4, xs, ys) - 0.3) < 1e-9
