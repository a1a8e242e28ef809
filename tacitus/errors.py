"""Every error Tacitus raises, under one root so callers can catch them all.

    TacitusError
    ├── ConfigError                [T001–T009] bad settings, missing spaCy model
    │   └── MissingExtraError      [T009] an optional extra (tacitus[web], [plot], ...) is not installed
    ├── ResourceError              [T010–T019] a packaged or user data file is missing or malformed
    │   └── DictionaryError        [T012–T015] an actor dictionary cannot be read
    ├── InputError                 [T020–T039] an input file or record cannot be read
    │   ├── UnsupportedFormatError [T021] no reader for this file type
    │   ├── RecordError            [T022–T029] one bad record (file, line, reason); the run goes on
    │   └── FilterError            [T030] an event filter criterion that cannot be used
    ├── StoreError                 [T040–T049] the DuckDB file cannot be opened, migrated or written
    ├── EvalError                  [T050–T059] a gold file cannot be scored
    │   ├── GoldFileError          [T051] missing, unreadable, or nothing to score
    │   └── SeedFormatError        [T053] a seed file without the documented shape
    ├── AnalysisError              [T060–T069] a series, alert or index request that cannot be answered
    ├── ServeError                 [T070–T079] the web server cannot start or answer
    │   ├── RequestError           [T071] a request parameter the API cannot use (HTTP 400)
    │   ├── NotFoundError          [T072] no such event, cluster, alert or page (HTTP 404)
    │   ├── QueryTimeoutError      [T073] a query ran past the server's time cap (HTTP 503)
    │   └── NotAvailableError      [T074] a feature this build or store does not have (HTTP 501)
    ├── EnrichError                [T080–T089] an enricher's data cannot be loaded or applied
    └── StreamError                [T090–T099] a feed, page, archive, watcher or engine cannot be used
        ├── FetchError             [T091] a URL cannot be fetched (timeout, HTTP status, robots.txt, not HTML)
        ├── WatchError             [T092] a watcher cannot start (a bad --every, a source that is no source)
        └── WorkerPoolError        [T098] worker processes or a Dask cluster cannot be used (a worker died)

Messages start with a stable code such as ``[T012]`` so users can search for them.
Only the library raises these; the CLI translates them into messages and exit codes.
"""

from __future__ import annotations


class TacitusError(Exception):
    """Root of every error Tacitus raises on purpose."""

    code = "T000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class ConfigError(TacitusError):
    """Settings are invalid or name something that is not installed."""

    code = "T001"


class ModelNotFoundError(ConfigError):
    """The configured spaCy model is not installed."""

    code = "T002"


class MissingExtraError(ConfigError):
    """An optional dependency group is not installed; the message says which pip command adds it."""

    code = "T009"


class ResourceError(TacitusError):
    """A data file (lexicon, table, dictionary) is missing or malformed."""

    code = "T010"


class DictionaryError(ResourceError):
    """An actor dictionary file cannot be read or has a bad entry."""

    code = "T012"


class InputError(TacitusError):
    """An input path cannot be read at all."""

    code = "T020"


class UnsupportedFormatError(InputError):
    """No reader is registered for this kind of file."""

    code = "T021"


class RecordError(InputError):
    """One record of an input is bad; it is reported and skipped, the rest is read.

    Attributes:
        path: the file the record came from ("-" for stdin).
        line: 1-based line (or row) number, None where the whole file is bad.
        reason: a short machine-friendly reason, e.g. ``malformed_json``.
    """

    code = "T022"

    def __init__(self, message: str, *, path: str, line: int | None, reason: str) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.reason = reason


class FilterError(InputError):
    """An event filter criterion is malformed (a dyad without '-', a date that is no date, ...)."""

    code = "T030"


class StoreError(TacitusError):
    """The event store cannot be opened, migrated or written."""

    code = "T040"


class EvalError(TacitusError):
    """A gold file cannot be read or scored."""

    code = "T050"


class GoldFileError(EvalError):
    """A gold or seed file is missing, unreadable or holds nothing to score."""

    code = "T051"


class SeedFormatError(EvalError):
    """A seed file does not have the documented shape."""

    code = "T053"


class AnalysisError(TacitusError):
    """A series, alert or index request cannot be answered (a bad dyad, period or measure)."""

    code = "T060"


class ServeError(TacitusError):
    """The web server cannot start or cannot answer a request."""

    code = "T070"


class RequestError(ServeError):
    """A request parameter that the API cannot use (wrong type, out of range, unknown name)."""

    code = "T071"


class NotFoundError(ServeError):
    """No event, cluster, alert or page with the requested id."""

    code = "T072"


class QueryTimeoutError(ServeError):
    """A query ran longer than the server allows (`tacitus serve --query-timeout`)."""

    code = "T073"


class NotAvailableError(ServeError):
    """A feature that this build or this store does not have yet (series, alerts, clusters)."""

    code = "T074"


class EnrichError(TacitusError):
    """An enricher's data cannot be loaded or applied."""

    code = "T080"


class StreamError(TacitusError):
    """A feed, web page, web archive, watcher or distributed engine cannot be used."""

    code = "T090"


class FetchError(StreamError):
    """A URL cannot be fetched; `reason` is machine-friendly and `transient` says whether a retry may help.

    Attributes:
        url: the URL asked for.
        reason: ``timeout``, ``connection``, ``http_status``, ``robots_forbidden``, ``not_html``, ``too_large``.
        transient: True for failures worth retrying at the next poll (timeouts, 5xx, 429, connection errors).
    """

    code = "T091"

    def __init__(self, message: str, *, url: str, reason: str, transient: bool = False) -> None:
        super().__init__(f"{url}: {message}")
        self.detail = message  # without the URL, for reports that name it already
        self.url = url
        self.reason = reason
        self.transient = transient


class WatchError(StreamError):
    """The watcher cannot start: an unreadable --every, or a source that is neither a path nor a URL."""

    code = "T092"


class WorkerPoolError(StreamError):
    """Worker processes or a Dask cluster cannot be used: a worker died, or no scheduler answers."""

    code = "T098"
