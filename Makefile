# One entry point for people and CI. `make run` serves the app, `make test` runs everything.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip

.PHONY: run test check lint reserved coverage unit browser bench data setup setup-dev system-deps clean

# ---- setup -----------------------------------------------------------------
$(VENV)/.stamp-run: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements.txt
	@touch $@

$(VENV)/.stamp-dev: requirements.txt requirements-dev.txt requirements-spark.txt $(VENV)/.stamp-run
	$(PIP) install -q -r requirements-dev.txt
	$(PIP) install -q -r requirements-spark.txt
	@touch $@

setup: $(VENV)/.stamp-run
setup-dev: $(VENV)/.stamp-dev system-deps

# Debian chromium drives the browser tests and kaleido's PNG export; the CJK font keeps Chinese legible.
system-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
		echo "Installing chromium and fonts-noto-cjk (apt)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi
	@# poppler-utils: the briefing-pack tests rasterise the PDF with pdftoppm
	@if ! command -v pdftoppm >/dev/null 2>&1; then \
		echo "Installing poppler-utils (apt)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq poppler-utils >/dev/null; \
	fi
	@# The Spark engine's tests (tests/test_engines.py, marker spark) need Java 17+; the python image ships it.
	@if ! command -v java >/dev/null 2>&1; then \
		echo "Installing openjdk-17-jre-headless (apt) for the Spark engine"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq openjdk-17-jre-headless >/dev/null; \
	fi

# ---- the two README commands -----------------------------------------------
run: $(VENV)/.stamp-run
	@command -v chromium >/dev/null 2>&1 || echo "note: PNG export needs Debian chromium and fonts-noto-cjk (make system-deps)"
	$(VENV)/bin/streamlit run app.py

test: setup-dev
	$(MAKE) check

# ---- dev loop ----------------------------------------------------------------
check: lint reserved coverage unit

# The shipped dataset's coverage figures (issue 12), printed on every run.
coverage:
	@$(PY) -m dashboard.coverage 2>/dev/null

# No article kept aside for evaluation may ship (the checker lives beside the repo, in ../shared).
RESERVED_CHECK := ../shared/tools/reserved.py
reserved:
	@if [ -f $(RESERVED_CHECK) ]; then $(PY) $(RESERVED_CHECK) data/articles > /dev/null && echo "reserved: no shipped article is reserved"; \
	else echo "reserved: $(RESERVED_CHECK) not found, check skipped"; fi

lint:
	$(VENV)/bin/ruff check .

unit:
	$(PY) -m pytest

bench: setup-dev
	$(PY) -m bench

# Rebuild the shipped dataset: extraction, then curation.
data: $(VENV)/.stamp-run
	$(PY) -m extract data/articles -o data/extracted
	$(PY) -m curate.build

clean:
	rm -rf test-output bench/out .pytest_cache .ruff_cache
