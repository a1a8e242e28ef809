"""Built-in input readers, one module per format, each registered in `tacitus.registry.readers`.

A reader is ``read(stream, *, path) -> Iterator[Article | RecordError]``: it gets the
opened binary stream and the path to report, yields articles and bad records in input
order, and never raises for bad content. Adding a format is one new module here plus
one import line in `tacitus/ingest/readers.py`.
"""
