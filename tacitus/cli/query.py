"""CLI commands: query (filled in by its stage)."""
