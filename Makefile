# Frontlines: `make run` builds and serves the demo; `make test` runs the whole test suite.
# Both set up everything they need from nothing (Python and pip; Debian's apt for chromium and
# postgresql when run as root).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.PHONY: help install system-deps run test eval bench lint clean

help:
	@echo "make run     set up, build frontlines.db from the sample corpus, serve http://127.0.0.1:8000"
	@echo "make test    set up (incl. chromium and postgresql via apt when root) and run all tests"
	@echo "make eval    accuracy on ../shared/data (ACLED notes, GeoWebNews, LGL, HTML pages) and on bench/data's wire leads"
	@echo "make bench   throughput (annotate vs bare spaCy NER, HTML page to stored events vs trafilatura,"
	@echo "             Dask 1 vs 2 workers, a fuse after new reports vs a full rebuild) and API latency on"
	@echo "             a generated 1-million-event store, without writes and with one every 30 s"

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

system-deps:
	@bash scripts/system-deps.sh

run: install
	$(VENV)/bin/frontlines demo

test: install system-deps
	$(PY) -m pytest $(PYTEST_ARGS)

eval: install
	$(PY) bench/eval_toponyms.py
	$(PY) bench/eval_acled.py
	$(PY) bench/eval_wire.py
	$(PY) bench/eval_html.py

bench: install
	$(PY) bench/bench_annotate.py
	$(PY) bench/bench_ingest.py
	$(PY) bench/bench_batch.py
	$(PY) bench/bench_fuse.py
	$(PY) bench/bench_api.py
	$(PY) bench/bench_api.py --write-every 30 --seconds 60

lint: install
	$(VENV)/bin/ruff check src tests bench

clean:
	rm -rf $(VENV) frontlines.db frontlines.db-wal frontlines.db-shm
