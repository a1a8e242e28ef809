"""`python -m tacitus` runs the command line."""

from tacitus.cli import app

app()
