"""Analysis: what the stored events say, per period, per dyad, per country.

Functions over a `Store` that return JSON-ready values or DataFrames; the CLI and the
HTTP API call the same ones. `stats` is the store's summary.
"""

from tacitus.analysis.stats import stats, store_stats

__all__ = ["stats", "store_stats"]
