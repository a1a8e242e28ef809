# The one task runner. A fresh machine needs only python3, pip and make.
#   make demo   install into .venv, ingest the bundled demo corpus into demo.duckdb, show a summary
#   make test   install dev dependencies into .venv and run the whole test suite
#   make bench  throughput and memory against spaCy parsing everything (needs ../shared/corpora)
#   make lint   ruff format --check, ruff, mypy --strict, the layer contract, manifest freshness
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= demo.duckdb
BENCH_N ?= 2000

.PHONY: demo test test-browser test-dask bench lint golden train train-parser install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

# Dependencies come from hash-pinned lock files; tacitus itself is installed editable on top.
$(VENV)/.installed: $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(BIN)/python requirements-dev.lock pyproject.toml
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: $(VENV)/.installed
	rm -f $(DB) $(DB).wal
	$(BIN)/tacitus ingest demo/demo_corpus.jsonl demo/demo_reruns.jsonl --db $(DB)
	$(BIN)/tacitus stats --db $(DB) --by month --top 8
	$(BIN)/tacitus events --db $(DB) --dyad RUS-UKR --limit 6 --evidence
	$(BIN)/tacitus events --db $(DB) --place UKR --limit 6
	$(BIN)/tacitus alerts --db $(DB) --limit 5
	$(BIN)/tacitus plot series --db $(DB) --dyad RUS-UKR --undirected --since 2022-01-01 --out demo_rus_ukr.png
	@echo "Open the dashboard: $(BIN)/tacitus serve --db $(DB)  then  http://127.0.0.1:8000"

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q -m "not browser and not dask"

# The real-browser tier (Debian's chromium + chromedriver, installed by .ci/run); it skips without them.
test-browser: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q -m browser

# The Dask tier: LocalClusters of worker processes, minutes on 2 cores, so kept out of `make test`.
test-dask: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q -m dask

golden: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q tests/coding/test_golden.py --update-golden

# Train the event verifier (the learned confidence) on the real-news dev split, never the test split;
# CPU only, a fixed seed, a few minutes: the same data gives the same weights file.
train: $(VENV)/.installed-dev
	$(BIN)/python tools/train_verifier.py
	$(BIN)/python tools/make_manifest.py

# Distil the shipped parser (tacitus/data/parser/) from en_core_web_sm on the sentences Tacitus parses
# (needs ../shared/corpora; about 30 minutes on two cores; a fixed seed). Then `make train`: the
# verifier reads the coder's output, which the parser shapes.
train-parser: $(VENV)/.installed-dev
	$(BIN)/python tools/train_parser.py
	$(BIN)/python tools/make_manifest.py

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_pipeline.py --articles $(BENCH_N)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff format --check tacitus tests tools benchmarks
	$(BIN)/ruff check tacitus tests tools benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python tools/make_manifest.py --check

clean:
	rm -rf $(VENV) $(DB) $(DB).wal .pytest_cache
