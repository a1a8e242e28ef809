"""Named registries for the pluggable parts: input readers today, more later.

A reader for a new input format is one module with one decorated function::

    from tacitus.registry import readers

    @readers.register("rss", suffixes=(".rss", ".atom"))
    def read_rss(stream, *, path): ...

Third-party packages register the same way through the ``tacitus.readers`` entry-point
group; the built-ins are loaded like any plugin (see `load_plugins`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any, Generic, TypeVar

from tacitus.errors import ConfigError

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class Registered(Generic[F]):
    name: str
    func: F
    suffixes: tuple[str, ...]


@dataclass
class Registry(Generic[F]):
    """A name → function table with optional file suffixes for lookup by path."""

    group: str
    entries: dict[str, Registered[F]] = field(default_factory=dict)
    _plugins_loaded: bool = False

    def register(self, name: str, *, suffixes: tuple[str, ...] = ()) -> Callable[[F], F]:
        def decorate(func: F) -> F:
            self.entries[name] = Registered(name, func, tuple(s.lower() for s in suffixes))
            return func

        return decorate

    def get(self, name: str) -> F:
        self.load_plugins()
        try:
            return self.entries[name].func
        except KeyError:
            known = ", ".join(sorted(self.entries))
            raise ConfigError(f"no {self.group} named '{name}'; known: {known}") from None

    def for_suffix(self, filename: str) -> Registered[F] | None:
        """The entry whose suffix is the longest match for `filename` (".jsonl.gz" beats ".gz")."""
        self.load_plugins()
        lowered = filename.lower()
        best: Registered[F] | None = None
        for entry in self.entries.values():
            for suffix in entry.suffixes:
                if lowered.endswith(suffix) and (best is None or len(suffix) > max(map(len, best.suffixes))):
                    best = entry
        return best

    def load_plugins(self) -> None:
        """Import every module registered under this entry-point group, once."""
        if self._plugins_loaded:
            return
        self._plugins_loaded = True
        for ep in entry_points(group=self.group):
            ep.load()


readers: Registry[Callable[..., Any]] = Registry("tacitus.readers")
