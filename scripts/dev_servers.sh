#!/usr/bin/env bash
# Start the action server and Rasa in the background for manual testing (logs in var/).
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false PYTHONPATH=. TF_CPP_MIN_LOG_LEVEL=3
mkdir -p var
.venv/bin/python -m bot.ops.credentials --out var/credentials.yml
.venv/bin/rasa run actions --actions bot.actions --port 5055 > var/actions.log 2>&1 &
.venv/bin/rasa run --model models/hfs.tar.gz --endpoints endpoints.yml --credentials var/credentials.yml \
  --port 5005 --enable-api --auth-token "${RASA_TOKEN:-devtoken}" > var/rasa.log 2>&1 &
for _ in $(seq 1 90); do curl -sf "localhost:5005/status?token=${RASA_TOKEN:-devtoken}" >/dev/null && break; sleep 1; done
curl -sf localhost:5055/health >/dev/null && echo "servers up"
