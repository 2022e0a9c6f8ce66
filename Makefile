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
.PHONY: help install kafka-jars train test test-reliability test-unit test-integration test-browser eval bench chaos demo lint typecheck \
        check-deploy schemas clean browser-deps node-deps kcat-deps

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

kcat-deps: ## Debian's kcat for the README's consumer example test (installed only when missing)
	@if ! command -v kcat >/dev/null; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q kcat; fi

NODE_TOOLS := tools/node
NODE_STAMP := $(NODE_TOOLS)/node_modules/.installed-stamp

$(NODE_STAMP): $(NODE_TOOLS)/package.json $(NODE_TOOLS)/package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js 18+ (Debian: apt-get install nodejs npm)"; exit 2; }
	cd $(NODE_TOOLS) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

node-deps: $(NODE_STAMP) ## npm packages of tools/node (AsyncAPI parser, kafkajs) from its package-lock.json

test: install browser-deps node-deps kcat-deps ## unit, agent, integration (real broker), browser and node tests
	$(PY) -m pytest $(PYTEST_ARGS)

test-reliability: install ## only the chaos and reliability tests on a real broker (also in make test)
	$(PY) -m pytest tests/integration/test_chaos.py tests/integration/test_reliability.py $(PYTEST_ARGS)

test-unit: $(STAMP) node-deps ## unit tests only (no broker)
	$(PY) -m pytest tests/unit $(PYTEST_ARGS)

test-integration: install node-deps kcat-deps ## integration tests against a real broker
	$(PY) -m pytest -m integration $(PYTEST_ARGS)

test-browser: install browser-deps ## end-to-end browser tests (headless Chromium)
	$(PY) -m pytest -m browser $(PYTEST_ARGS)

# bench/cases/UNSCORED lists sets written for a later session's one untuned run: make eval leaves them alone
# exit 3 from extract = some records were dead-lettered by design (non-English, binary ...): scored as no strike
eval: $(STAMP) ## run `strikewire extract` over every dev file (+ bench/cases) and print the scorer's tables
	@mkdir -p bench/out
	@set -e; for gold in $(EVAL_DIR)/dev/*.jsonl bench/cases/*.jsonl; do \
	  name=$$(basename $$gold .jsonl); \
	  if grep -qx "$$name" bench/cases/UNSCORED 2>/dev/null; then echo "=== $$gold: skipped (listed in bench/cases/UNSCORED)"; continue; fi; \
	  echo "=== $$gold  (strikewire extract $$gold > bench/out/$$name.extract.jsonl)"; \
	  $(VENV)/bin/strikewire extract $$gold > bench/out/$$name.extract.jsonl || [ $$? -eq 3 ]; \
	  $(PYTHON) $(EVAL_DIR)/score.py $$gold bench/out/$$name.extract.jsonl; \
	done
	@echo "=== incidents: strikewire extract --incidents-out on $(EVAL_DIR)/dev/incidents-dev.jsonl (score_incidents.py)"
	@$(VENV)/bin/strikewire extract --incidents-out bench/out/incidents-dev.inc.jsonl $(EVAL_DIR)/dev/incidents-dev.jsonl \
	  > bench/out/incidents-dev.fused.jsonl
	@$(PYTHON) $(EVAL_DIR)/score_incidents.py $(EVAL_DIR)/dev/incidents-dev.jsonl bench/out/incidents-dev.fused.jsonl \
	  --pred-incidents bench/out/incidents-dev.inc.jsonl --gold-incidents $(EVAL_DIR)/dev/incidents-dev.incidents.ndjson
	@set -e; for inc in bench/cases/*.incidents.ndjson; do [ -e "$$inc" ] || continue; \
	  gold=$${inc%.incidents.ndjson}.jsonl; name=$$(basename $$gold .jsonl); \
	  if grep -qx "$$name" bench/cases/UNSCORED 2>/dev/null; then continue; fi; \
	  echo "=== incidents: $$gold"; \
	  $(VENV)/bin/strikewire extract --incidents-out bench/out/$$name.inc.jsonl $$gold > bench/out/$$name.fused.jsonl \
	    || [ $$? -eq 3 ]; \
	  $(PYTHON) $(EVAL_DIR)/score_incidents.py $$gold bench/out/$$name.fused.jsonl \
	    --pred-incidents bench/out/$$name.inc.jsonl --gold-incidents $$inc; \
	done
	@echo "=== calibration of strike_probability and event confidence (bench/calibration.py; plot bench/out/reliability.svg)"
	@set -e; args=""; for gold in $(EVAL_DIR)/dev/*.jsonl bench/cases/*.jsonl; do \
	  grep -qx "$$(basename $$gold .jsonl)" bench/cases/UNSCORED 2>/dev/null && continue; \
	  args="$$args $$gold bench/out/$$(basename $$gold .jsonl).extract.jsonl"; done; \
	  $(PY) -m bench.calibration $$args --svg bench/out/reliability.svg
	@echo "=== sentence classifier cross-validation (train/reports/, written by make train)"
	@cat train/reports/*.txt
	@echo "=== relevance gate recall and throughput (bench/run_eval.py)"
	$(PY) bench/run_eval.py --eval-dir $(EVAL_DIR) | grep -E '^(===|pipeline)'


train: $(STAMP) ## rebuild the sentence classifier + arbiter from train/data (spacy train, seeded; about 15 min); place-role and matcher-weight experiments
	$(PY) -m train.train --config train/configs/bow.cfg --cv kfold --quiet
	$(PY) -m train.calibrate --oof train/out/bow/oof-kfold.jsonl
	$(PY) -m train.place_roles
	$(PY) -m train.fuse_weights

bench: install ## throughput/latency benchmark (prints ratios)
	$(PY) -m bench.run

chaos: install ## chaos run: 20,000 articles, poison, worker kills, broker restart
	$(PY) -m bench.chaos

demo: install ## broker + worker + samples; prints strike events (DEMO_ARGS=--once to exit when done)
	$(VENV)/bin/strikewire demo $(DEMO_ARGS)

lint: $(STAMP) ## ruff
	$(VENV)/bin/ruff check schemas streams agents tests bench train

typecheck: $(STAMP) ## mypy
	$(VENV)/bin/mypy

check-deploy: $(STAMP) ## validate docker-compose.yml, Dockerfile and Kubernetes manifests
	$(PY) -m pytest tests/deploy -q -p no:cacheprovider

schemas: $(STAMP) ## regenerate schemas/json and schemas/asyncapi.yaml from the models and agents/topics.py
	$(VENV)/bin/strikewire schemas

clean: ## remove local state (broker data, logs)
	-$(VENV)/bin/strikewire kafka down
	rm -rf .state
