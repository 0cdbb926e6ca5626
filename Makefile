# Two commands for a new machine: `make run` (chat UI on http://127.0.0.1:7860) and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 7860

.PHONY: install run test lint eval bench bench-scale clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# torch first, pinned: the CPU wheel on local disk (an unpinned torch pulls a multi-GB CUDA build)
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev,milvus]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/rag serve --host $(HOST) --port $(PORT)

# tests/test_browser.py drives Debian's chromium (never `playwright install`: no downloads at run time)
test: $(STAMP)
	@command -v chromium >/dev/null 2>&1 || { \
	  if ! command -v apt-get >/dev/null 2>&1; then \
	    echo "make test: no chromium and no apt-get: the browser test will skip (it is required when CI is set)"; \
	  else SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	    $$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk; \
	  fi; }
	$(VENV)/bin/lint-imports                   # the layers contract in pyproject.toml: imports point one way
	$(VENV)/bin/ruff check rag tests eval bench app.py
	$(VENV)/bin/mypy
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff check rag tests eval bench app.py
	$(VENV)/bin/mypy

eval: $(STAMP)
	$(PY) -m eval

# speed and memory, ours vs the naive pipeline: a table and bench/results/bench.json (never a test)
bench: $(STAMP)
	$(PY) bench/bench.py

# engines at 10^4, 10^5, 10^6 synthetic chunks (FAISS exact/HNSW/IVF, bm25s, Milvus Lite as far as it goes
# in 10 minutes): a table, bench/results/scale.json and scale.png; dense vectors from a cheap stand-in
bench-scale: $(STAMP)
	$(PY) bench/scale.py

clean:
	rm -rf $(VENV) index/*.index index/*.jsonl index/bm25 index/manifest.json
