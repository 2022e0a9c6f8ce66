# strikewire: `make help` lists the targets. Everything installs from the project's own files:
# Python packages from PyPI into .venv, the Kafka broker's jars from Maven Central via deploy/kafka/pom.xml.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
EVAL_DIR ?= ../shared/eval
DEMO_ARGS ?=
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help install kafka-jars test test-reliability test-unit test-integration test-browser eval bench chaos demo lint typecheck \
        check-deploy schemas clean browser-deps

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  \033[1m%-18s\033[0m %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP) kafka-jars ## create .venv and install everything (Python deps, spaCy model, Kafka jars)

kafka-jars: $(STAMP) ## fetch the Apache Kafka broker jars from Maven Central (no-op when up to date)
	$(PY) -c "from agents.localkafka import ensure_jars; print('kafka jars:', ensure_jars())"

browser-deps: ## Debian's Chromium + chromedriver for the browser tests (installed only when missing)
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium chromium-driver; fi

test: install browser-deps ## unit, agent, integration (real broker) and browser tests
	$(PY) -m pytest $(PYTEST_ARGS)

test-reliability: install ## only the chaos and reliability tests on a real broker (also in make test)
	$(PY) -m pytest tests/integration/test_chaos.py tests/integration/test_reliability.py $(PYTEST_ARGS)

test-unit: $(STAMP) ## unit tests only (no broker)
	$(PY) -m pytest tests/unit $(PYTEST_ARGS)

test-integration: install ## integration tests against a real broker
	$(PY) -m pytest -m integration $(PYTEST_ARGS)

test-browser: install browser-deps ## end-to-end browser tests (headless Chromium)
	$(PY) -m pytest -m browser $(PYTEST_ARGS)

eval: $(STAMP) ## run `strikewire extract` over every dev file (+ bench/cases) and print the scorer's tables
	@mkdir -p bench/out
	@set -e; for gold in $(EVAL_DIR)/dev/*.jsonl bench/cases/*.jsonl; do \
	  name=$$(basename $$gold .jsonl); \
	  echo "=== $$gold  (strikewire extract $$gold > bench/out/$$name.extract.jsonl)"; \
	  $(VENV)/bin/strikewire extract $$gold > bench/out/$$name.extract.jsonl; \
	  $(PYTHON) $(EVAL_DIR)/score.py $$gold bench/out/$$name.extract.jsonl; \
	done
	@echo "=== incidents: strikewire extract --incidents-out on $(EVAL_DIR)/dev/incidents-dev.jsonl (score_incidents.py)"
	@$(VENV)/bin/strikewire extract --incidents-out bench/out/incidents-dev.inc.jsonl $(EVAL_DIR)/dev/incidents-dev.jsonl \
	  > bench/out/incidents-dev.fused.jsonl
	@$(PYTHON) $(EVAL_DIR)/score_incidents.py $(EVAL_DIR)/dev/incidents-dev.jsonl bench/out/incidents-dev.fused.jsonl \
	  --pred-incidents bench/out/incidents-dev.inc.jsonl --gold-incidents $(EVAL_DIR)/dev/incidents-dev.incidents.ndjson
	@echo "=== relevance gate recall and throughput (bench/run_eval.py)"
	$(PY) bench/run_eval.py --eval-dir $(EVAL_DIR) | grep -E '^(===|pipeline)'


bench: install ## throughput/latency benchmark (prints ratios)
	$(PY) -m bench.run

chaos: install ## chaos run: 20,000 articles, poison, worker kills, broker restart
	$(PY) -m bench.chaos

demo: install ## broker + worker + samples; prints strike events (DEMO_ARGS=--once to exit when done)
	$(VENV)/bin/strikewire demo $(DEMO_ARGS)

lint: $(STAMP) ## ruff
	$(VENV)/bin/ruff check schemas streams agents tests bench

typecheck: $(STAMP) ## mypy
	$(VENV)/bin/mypy

check-deploy: $(STAMP) ## validate docker-compose.yml, Dockerfile and Kubernetes manifests
	$(PY) -m pytest tests/deploy -q -p no:cacheprovider

schemas: $(STAMP) ## regenerate schemas/json from the models
	$(VENV)/bin/strikewire schemas

clean: ## remove local state (broker data, logs)
	-$(VENV)/bin/strikewire kafka down
	rm -rf .state
