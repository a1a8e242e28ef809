"""The built-in readers, registered on import (entry point ``tacitus.readers: builtin``).

One import line per format; a plugin package registers its own readers the same way.
"""

from tacitus.sources import delimited, feeds, jsonl, text, warc, webpage  # noqa: F401  (registers the readers)
