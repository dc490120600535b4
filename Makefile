# make demo  - create .venv if missing, install, load the seeds into db/, tell the story
# make test  - create .venv if missing, install, run the test suite
# make bench - the benchmark suite (not part of make test)
# make bench-full - the same with 1M records too (takes several minutes)
# make docs  - regenerate docs/cli.md from --help (a test fails when it is stale)
# make house - check the layout: no module over 400 lines, no import circle
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench bench-full docs house clean

# editable_mode=compat installs a plain path entry: the default editable finder costs ~10 ms at
# every start of the command.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]' --config-settings editable_mode=compat
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/timeline demo

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

bench-full: $(STAMP)
	$(BIN)/python benchmarks/run.py --full

docs: $(STAMP)
	COLUMNS=100 $(BIN)/python -m timeline.cli.reference > docs/cli.md

house:
	python3 benchmarks/house.py

clean:
	rm -rf $(VENV) db/*.sqlite db/*.sqlite-*
