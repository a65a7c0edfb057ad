#!/usr/bin/env bash
# Start the action server and Rasa in the background for manual testing (logs in var/).
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false PYTHONPATH=. TF_CPP_MIN_LOG_LEVEL=3
export HFS_ACTION_TOKEN=${HFS_ACTION_TOKEN:-dev-action-token}
umask 077
mkdir -p var
.venv/bin/python -m bot.ops.credentials --out var/credentials.yml
.venv/bin/python -m bot.actions.server --port 5055 > var/actions.log 2>&1 &
RASA_TOKEN=${RASA_TOKEN:-devtoken} .venv/bin/python -m bot.ops.rasa_server run --model models/hfs.tar.gz \
  --endpoints endpoints.yml --credentials var/credentials.yml --interface 127.0.0.1 --port 5005 --enable-api \
  > var/rasa.log 2>&1 &
for _ in $(seq 1 90); do curl -sf "localhost:5005/status?token=${RASA_TOKEN:-devtoken}" >/dev/null && break; sleep 1; done
curl -sf localhost:5055/health >/dev/null && echo "servers up"
