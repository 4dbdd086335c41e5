# Two commands: `make demo` (set up + run on the bundled sample), `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install lock eval gate bench clean

demo: $(STAMP)
	$(BIN)/sitroom demo --db demo.db --out demo-export

test: $(STAMP)
	$(BIN)/python -m pytest -q

install: $(STAMP)

$(STAMP): requirements/base.txt requirements/dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/base.txt -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Re-pin after editing requirements/*.in (needs network to PyPI).
lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile --quiet --python-version 3.11 --generate-hashes requirements/base.in -o requirements/base.txt
	$(BIN)/uv pip compile --quiet --python-version 3.11 --generate-hashes requirements/dev.in -o requirements/dev.txt

eval: $(STAMP)
	$(BIN)/sitroom eval --data ../shared/eval

# fails when a figure falls below its floor in src/sitroom/evaluation/floors.json (about a minute)
gate: $(STAMP)
	$(BIN)/python -m sitroom.evaluation.gate --data ../shared/eval

bench: $(STAMP)
	$(BIN)/python benchmarks/ingest_bench.py --docs 10000

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm demo-export
