"""The built-in readers, registered on import (entry point ``tacitus.readers: builtin``).

One import line per format; a plugin package registers its own readers the same way.
"""

from tacitus.sources import delimited, jsonl, text, webpage  # noqa: F401  (registers the readers)
