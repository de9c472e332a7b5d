# make lab      set up (once) and open the course in JupyterLab
# make test     set up (once, adding the test extras) and run every test
# make install  the learners' set-up that `make lab` uses: a local .venv with the course installed
# make handouts offline HTML handouts in handouts/ (open handouts/index.html)
# make handouts-pdf  the same, plus a PDF of each and handouts/course.pdf (Chromium; CHROMIUM=path to choose)
# make bench    benchmarks, each a ratio against a baseline measured in the same run
# make check-install  with the registry: the pins resolve on every Python here, and the no-make route works
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Two stamps: `make lab` installs what the course needs; `make test` adds the test extras on top.
LAB_STAMP := $(VENV)/.cmo-course-lab
TEST_STAMP := $(VENV)/.cmo-course-test
PDF_STAMP := $(VENV)/.cmo-course-pdf
SETTINGS := jupyter-config/lab/settings/overrides.d/cmo-course.json
SETTINGS_DIR := $(VENV)/share/jupyter/lab/settings/overrides.d
SERVER_CONFIG := jupyter-config/server/cmo-course.json
SERVER_CONFIG_DIR := $(VENV)/etc/jupyter/jupyter_server_config.d

.PHONY: install install-test lab test bench handouts handouts-pdf check-install clean

install: $(LAB_STAMP)

install-test: $(TEST_STAMP)

$(LAB_STAMP): pyproject.toml constraints.txt $(SETTINGS) $(SERVER_CONFIG)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python 3.10 or newer is needed; set PYTHON=/path/to/python3.x")'
	@$(BIN)/python -m pip --version >/dev/null 2>&1 || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); } \
	  || { rm -rf $(VENV); echo "'$(PYTHON) -m venv' failed (on Debian or Ubuntu: apt-get install python3-venv)"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	@# A non-editable install puts the course's JupyterLab settings and the save policy's server
	@# config here itself (pyproject's data-files); setuptools' editable installs skip data files,
	@# so copy them for this .venv.
	@mkdir -p $(SETTINGS_DIR) && cp $(SETTINGS) $(SETTINGS_DIR)/cmo-course.json
	@mkdir -p $(SERVER_CONFIG_DIR) && cp $(SERVER_CONFIG) $(SERVER_CONFIG_DIR)/cmo-course.json
	@touch $@

# Only the [test] extras' requirements, as the installed course declares them (no reinstall).
$(TEST_STAMP): $(LAB_STAMP)
	$(BIN)/python scripts/extra_requirements.py test > $(VENV)/test-requirements.txt
	$(BIN)/python -m pip install --quiet -c constraints.txt -r $(VENV)/test-requirements.txt
	@touch $@

lab: install
	$(BIN)/cmo-course lab

test: install-test node_modules/.package-lock.json
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/cmo-course validate
	$(BIN)/cmo-course exercises --check
	$(BIN)/python -m pytest -n auto --dist loadscope

handouts: install
	$(BIN)/cmo-course handouts

# The [pdf] extra (Playwright, pypdf) on top of the learners' set-up; Chromium is the system's.
$(PDF_STAMP): $(LAB_STAMP)
	$(BIN)/python scripts/extra_requirements.py pdf > $(VENV)/pdf-requirements.txt
	$(BIN)/python -m pip install --quiet -c constraints.txt -r $(VENV)/pdf-requirements.txt
	@touch $@

handouts-pdf: $(PDF_STAMP)
	$(BIN)/cmo-course handouts --pdf $(if $(CHROMIUM),--chromium $(CHROMIUM))

# axe-core for the browser tests' accessibility scan (version pinned in package-lock.json)
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: install Node.js to run the accessibility scan (skipped locally, required in CI)."; fi

# CI=true: the browser, JupyterHub and accessibility tests run (none skip), so the ratio counts them.
bench: install-test node_modules/.package-lock.json
	CI=true $(BIN)/python benchmarks/run.py

check-install:
	$(PYTHON) scripts/check_install.py

clean:
	rm -rf $(VENV) build handouts node_modules
