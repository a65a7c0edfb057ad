#!/usr/bin/env bash
# Start the action server, Rasa (REST + Socket.IO on :5005) and the patient web page.
# Ctrl-C stops all of them.
set -uo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false PYTHONPATH="$PWD" TF_CPP_MIN_LOG_LEVEL=3
BIN=.venv/bin
RASA_PORT=${RASA_PORT:-5005}
ACTIONS_PORT=${ACTIONS_PORT:-5055}
WEB_PORT=${WEB_PORT:-8080}
mkdir -p var
TOKEN_FILE=var/rasa_token
[ -s "$TOKEN_FILE" ] || "$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(24))' > "$TOKEN_FILE"
export RASA_TOKEN=${RASA_TOKEN:-$(cat "$TOKEN_FILE")}
export HFS_ALLOWED_ORIGINS=${HFS_ALLOWED_ORIGINS:-http://localhost:$WEB_PORT,http://127.0.0.1:$WEB_PORT}

for port in "$RASA_PORT" "$ACTIONS_PORT" "$WEB_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is already in use (another copy running?). Stop it, or set RASA_PORT/ACTIONS_PORT/WEB_PORT." >&2
    exit 1
  fi
done

"$BIN/python" -m bot.ops.credentials --out var/credentials.yml

pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "Stopping..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  echo "Stopped."
}
trap stop INT TERM EXIT

"$BIN/rasa" run actions --actions bot.actions --port "$ACTIONS_PORT" > var/actions.log 2>&1 &
pids+=($!)
"$BIN/rasa" run --model models/hfs.tar.gz --endpoints endpoints.yml --credentials var/credentials.yml \
  --port "$RASA_PORT" --enable-api --auth-token "$RASA_TOKEN" \
  --cors "http://localhost:$WEB_PORT" --cors "http://127.0.0.1:$WEB_PORT" > var/rasa.log 2>&1 &
pids+=($!)
"$BIN/python" -m bot.web --port "$WEB_PORT" --rasa-url "http://localhost:$RASA_PORT" > var/web.log 2>&1 &
pids+=($!)

echo "Starting (logs in var/)..."
for _ in $(seq 1 180); do
  curl -sf "http://localhost:$RASA_PORT/" >/dev/null && curl -sf "http://localhost:$ACTIONS_PORT/health" >/dev/null && break
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "A server failed to start; see var/*.log"; exit 1; }; done
  sleep 1
done
cat <<MSG

The hemifacial spasm assistant is running:
  Patient web page (chat widget):  http://localhost:$WEB_PORT/
  Rasa REST channel:               http://localhost:$RASA_PORT/webhooks/rest/webhook
  Rasa Socket.IO channel:          http://localhost:$RASA_PORT/socket.io
  Action server:                   http://localhost:$ACTIONS_PORT/webhook
  Rasa HTTP API token:             in var/rasa_token
Try:  curl -s localhost:$RASA_PORT/webhooks/rest/webhook -d '{"sender":"me","message":"What is MVD?"}'
Press Ctrl-C to stop everything.
MSG
wait -n "${pids[@]}"
echo "A server exited; see var/*.log"
