# make lab      set up (once) and open the course in JupyterLab
# make test     set up (once) and run every test
# make install  the set-up step both share: a local .venv with the course installed
# make handouts offline HTML handouts in handouts/ (open handouts/index.html)
# make bench    benchmarks, each a ratio against a baseline measured in the same run
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.cmo-course-installed

.PHONY: install lab test bench handouts clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python 3.10 or newer is needed; set PYTHON=/path/to/python3.x")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	@touch $(STAMP)

lab: install
	$(BIN)/cmo-course lab

test: install node_modules/.package-lock.json
	$(BIN)/cmo-course validate
	$(BIN)/cmo-course exercises --check
	$(BIN)/python -m pytest -n auto --dist loadscope

handouts: install
	$(BIN)/cmo-course handouts

# axe-core for the browser tests' accessibility scan (version pinned in package-lock.json)
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: install Node.js to run the accessibility scan (skipped locally, required in CI)."; fi

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build handouts node_modules
