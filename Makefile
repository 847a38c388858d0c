# Shortcuts for developers; the README's two commands need nothing but python3.
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install run test lint demo format-doc

$(BIN)/fpa-console: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/fpa-console

run: install          ## open the console on demo data (generated on first use)
	$(BIN)/fpa-console --demo

test: install         ## the whole test suite
	$(BIN)/pytest

lint: install         ## ruff and mypy --strict
	$(BIN)/ruff check console tests
	$(BIN)/mypy --strict console

demo: install         ## regenerate the demo data in ./data
	$(BIN)/fpa-console demo --out data

format-doc: install   ## regenerate data/README.md from the schema
	$(BIN)/python -m console.format_doc > data/README.md
