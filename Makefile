# The two commands a reader, an author or CI needs:
#   make serve   install what is missing, build, serve at http://127.0.0.1:8000 with live reload
#                (PORT=8001 make serve: on another port)
#   make test    install what is missing (Chromium included), lint and type-check, run every test
# Both re-run fast: scripts/setup.sh skips whatever is already up to date.

VENV   := .venv
PYTHON := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test lint setup setup-test build bench lock clean

PORT ?= 8000
serve: setup
	$(VENV)/bin/mkdocs serve --strict --dev-addr 127.0.0.1:$(PORT) --livereload

test: setup-test lint
	node --test tests/js/
	$(PYTHON) -m pytest

# Part of make test: ruff over the Python, tsc over the front end's JSDoc types (tsconfig.json).
lint: setup-test
	$(VENV)/bin/ruff check src scripts tests
	node_modules/.bin/tsc -p tsconfig.json

setup:
	@bash scripts/setup.sh

setup-test:
	@bash scripts/setup.sh --with-browser

build: setup
	$(VENV)/bin/mkdocs build --strict

bench: setup-test
	$(PYTHON) scripts/bench.py

# Re-pin the Python dependencies after editing requirements-build.in or requirements.in,
# in a scratch environment: requirements-build.txt (the build's closure), then
# requirements.txt (what the tests add on top of it).
LOCK := .cache/lock-venv
lock:
	rm -rf $(LOCK) && python3 -m venv $(LOCK)
	$(LOCK)/bin/pip install --quiet -r requirements-build.in
	{ echo "# The build's pinned packages (from requirements-build.in; regenerate: make lock)."; \
	  $(LOCK)/bin/pip freeze; } > requirements-build.txt
	$(LOCK)/bin/pip install --quiet -r requirements.in
	{ echo "# The test tools' pinned packages, on top of the build's (from requirements.in; regenerate: make lock)."; \
	  echo "-r requirements-build.txt"; $(LOCK)/bin/pip freeze | grep -vxFf requirements-build.txt; } > requirements.txt
	rm -rf $(LOCK)

clean:
	rm -rf site .cache .stamps
