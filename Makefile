# Hemifacial spasm assistant: developer commands. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
MODEL := models/hfs.tar.gz
export RASA_TELEMETRY_ENABLED := false
export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL := 3
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

TRAIN_INPUTS := config.yml domain.yml $(shell find bot/data -name '*.yml') $(wildcard bot/nlp/*.py) \
	$(wildcard bot/safety/*.py)
RASA_FLAGS := --domain domain.yml --config config.yml

.PHONY: help install migrate kb train retention run console bench bench-soak bench-console test test-unit test-data test-stories test-nlu test-e2e lint \
	cross-validate lock clean

help: ## List the commands
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-15s\033[0m %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.lock scripts/find_python.sh
	@py=$$(scripts/find_python.sh) && echo "Using $$py" && \
	  ([ -x $(BIN)/python ] && $(BIN)/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' || \
	   (rm -rf $(VENV) && $$py -m venv $(VENV)))
	$(BIN)/python -m pip install --quiet --upgrade "pip==$$(grep -E '^pip==' requirements.lock | cut -d= -f3)"
	$(BIN)/python -m pip install --quiet -r requirements.lock
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

install: $(VENV)/.installed node_modules/.installed ## Create the venv, install locked Python and npm packages

lock: ## Re-pin requirements.lock from requirements.in
	$(BIN)/python -m pip install --quiet -r requirements.in
	$(BIN)/python -m pip freeze --all | grep -v '^-e' > requirements.lock

migrate: install ## Upgrade the database to the newest Alembic revision; backfill conversation summaries
	$(BIN)/python -m bot.storage migrate

kb: install migrate ## Load the knowledge base (idempotent)
	$(BIN)/python -m bot.knowledge load

$(MODEL): $(TRAIN_INPUTS) | $(VENV)/.installed
	$(BIN)/rasa train $(RASA_FLAGS) --data bot/data --out models --fixed-model-name hfs --quiet

train: install $(MODEL) ## Train the model if it is missing or older than its inputs

retention: install ## Erase conversations and closed requests older than HFS_RETENTION_DAYS
	$(BIN)/python -m bot.ops.retention

run: install migrate kb train ## Start the assistant (actions, Rasa on :5005, web page on :8080)
	scripts/run.sh

test: install migrate kb train lint test-unit test-data test-stories test-nlu test-e2e ## Set up, then run every test

test-unit: install ## pytest: knowledge base, safety, appointments, actions
	$(BIN)/python -m pytest tests/unit -q

test-data: install ## rasa data validate
	$(BIN)/rasa data validate $(RASA_FLAGS) --data bot/data

test-stories: install train ## rasa test stories, failing on any prediction error
	$(BIN)/rasa test core --model $(MODEL) --stories tests/stories --fail-on-prediction-errors \
	  --out results/stories --no-plot

test-nlu: install train ## Intent/entity scores on held-out NLU data (not in training data)
	$(BIN)/rasa test nlu --model $(MODEL) --nlu tests/data/nlu_test.yml --out results/nlu --no-plot
	$(BIN)/python scripts/check_nlu_report.py results/nlu

test-e2e: install kb train ## Start the servers; REST and Socket.IO conversations
	$(BIN)/python -m pytest tests/e2e -q

cross-validate: install ## 5-fold cross-validated intent F1 (slow; figures go in the README)
	$(BIN)/rasa test nlu --nlu bot/data/nlu --config config.yml --cross-validation --folds 5 \
	  --out results/cross_validation --no-plot

console: install ## Staff console on http://localhost:8000 (add users: python -m bot.console users add)
	$(BIN)/python -m bot.console serve --port 8000

bench: install kb train ## Benchmark against Rasa's starter bot, 1 against 2 Rasa processes, then the memory soak; writes docs/performance.md
	$(BIN)/python -m bot.ops.bench
	$(BIN)/python -m bot.ops.bench_multi
	$(BIN)/python -m bot.ops.bench --soak $(or $(SOAK),20000)

bench-soak: install kb train ## Memory soak: SOAK conversations x 8 turns (default 20000), RSS growth after warm-up
	$(BIN)/python -m bot.ops.bench --soak $(or $(SOAK),20000)

bench-console: install ## Console pages over 100,000 seeded conversations (median ms; see docs/performance.md)
	$(BIN)/python -m bot.ops.console_bench

lint: install ## ruff
	$(BIN)/ruff check bot tests scripts

clean: ## Remove trained models, results and local databases
	rm -rf models/*.tar.gz results var .pytest_cache
