"""CLI commands: actors (filled in by its stage)."""
