"""CLI commands: code (filled in by its stage)."""
