# Every target creates and uses .venv itself: a fresh clone needs nothing else.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RAW ?= data/raw
OUT ?= data/clean
N ?= 300
WORKERS ?=
ARGS ?=

.PHONY: setup extract test test-all bench bench-hostile lint typecheck report clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,dask,ocr]'
	touch $(STAMP)

extract: $(STAMP)
	$(BIN)/python -m pipeline extract $(RAW) $(OUT) $(if $(WORKERS),--workers $(WORKERS)) $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest -q $(ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench --n $(N) $(ARGS)

bench-hostile: $(STAMP)
	$(BIN)/python -m bench.hostile $(ARGS)

report: $(STAMP)
	$(BIN)/python -m pipeline report $(OUT)

lint: $(STAMP)
	$(BIN)/ruff check extractors pipeline bench tests

typecheck: $(STAMP)
	$(BIN)/mypy extractors pipeline

clean:
	rm -rf $(addprefix $(OUT)/,documents facts checks tables sections dictionary reports series cross_year \
	  .current .snap .cache .runs run.json report.html) bench/out
