"""Enrichers that run around the coder: where an event happened, the tone of its reporting, near-duplicates."""
