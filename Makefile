# Two commands for a fresh clone (Python 3.11+, pip and make are all that is assumed):
#   make serve   install what is needed, then serve the site at http://127.0.0.1:8000
#   make test    install what is needed, then run the whole test suite
# make serve-zh serves the Chinese edition at http://127.0.0.1:8001, as it appears under /zh/.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Material's end-of-life notice is known (see README: Zensical); keep the build output to what matters.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve serve-zh test build zensical validate bench clean landscape

$(VENV)/installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

serve: $(VENV)/installed
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

serve-zh: $(VENV)/installed
	$(PY) -m mkdocs serve -f mkdocs.zh.yml --dev-addr 127.0.0.1:8001

test: $(VENV)/installed
	$(PY) -m pytest

# Both editions, English at the root and Chinese under zh/, into a fresh folder; site/ is replaced
# only when both succeeded.
build: $(VENV)/installed
	rm -rf build/site.new
	$(PY) -m mkdocs build --strict --site-dir build/site.new
	$(PY) -m mkdocs build --strict -f mkdocs.zh.yml --site-dir build/site.new/zh
	rm -rf site && mv build/site.new site

# The same site built with Zensical, Material's successor, into build/zensical/site.
zensical: $(VENV)/installed
	$(PY) -m generator zensical build/zensical

# The newest edition's landscape report as an A4 PDF beside the built site (headless Chromium;
# the Pages workflow publishes it; the name is generator/site/landscape.py's PDF_NAME).
landscape: $(VENV)/installed
	mkdir -p site
	$(PY) -m generator landscape --edition latest --format pdf -o site/state-of-play.pdf

validate: $(VENV)/installed
	$(PY) -m generator validate

bench: $(VENV)/installed
	$(PY) bench/run.py

clean:
	rm -rf site build .cache
