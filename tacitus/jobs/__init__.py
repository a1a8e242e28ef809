"""Jobs: the drivers that read sources, run the pipeline and write to the store.

    cli ─► jobs ─► pipeline ─► stages (sources, nlp, actors, coding) ─► models

`ingest` (read, dedup, code, store), `code_file` (code without storing), `find_actors_in`
(the actors of each document) and `evaluate` (code a gold file and score it). Each job is
the library side of the CLI command of the same name; nothing below this layer drives a run.
"""
