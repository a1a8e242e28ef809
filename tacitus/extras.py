"""The one door to optional dependencies: `require("fastapi", extra="web")`.

Optional extras (`tacitus[web]`, `[plot]`, `[streams]`, `[scale]`) are imported through here
so a missing one fails with the same one-line hint everywhere instead of an ImportError.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from tacitus.errors import MissingExtraError


def require(module: str, *, extra: str) -> ModuleType:
    """Import `module`, or raise MissingExtraError naming the pip command that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        top = module.split(".")[0]
        raise MissingExtraError(
            f"'{top}' is not installed; it comes with the {extra} extra: pip install 'tacitus[{extra}]'"
        ) from exc
