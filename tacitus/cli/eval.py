"""CLI commands: eval (filled in by its stage)."""
